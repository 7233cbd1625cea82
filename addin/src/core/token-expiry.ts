/**
 * The warning a clerk sees a month before their access token stops working: DOM-free, so
 * Node tests reach it; the pane shows what it returns. The Worker tells the expiry in the
 * `caller` of GET /api/v1/units (and in X-Token-Expires on every answer).
 */
import type { Caller } from "../../../shared/api/schemas";
import { TOKEN_EXPIRY_WARNING_DAYS, daysLeft } from "../../../shared/tokens/lifetime";
import { vietnamDateOf } from "../../../shared/periods/deadlines";
import { dateLabel } from "../../../shared/periods/labels";
import type { LocalText } from "./api";

/** Null while the token has more than 30 days left (or never expires: the local demo). */
export function tokenExpiryNotice(caller: Pick<Caller, "expiresAt"> | null | undefined, nowMs: number): LocalText | null {
  if (!caller || !caller.expiresAt) return null;
  const now = new Date(nowMs).toISOString();
  const left = daysLeft(caller.expiresAt, now);
  if (left > TOKEN_EXPIRY_WARNING_DAYS) return null;
  const day = dateLabel(vietnamDateOf(caller.expiresAt));
  if (left < 0) {
    return {
      vi: "Mã truy cập đã hết hạn ngày " + day + ". Liên hệ THADS tỉnh để được cấp mã mới.",
      en: "The access token expired on " + day + ". Ask your province for a new one.",
    };
  }
  const when = left === 0 ? "hôm nay" : "sau " + left + " ngày";
  const whenEn = left === 0 ? "today" : "in " + left + " day" + (left === 1 ? "" : "s");
  return {
    vi: "Mã truy cập hết hạn " + when + " (hết ngày " + day + "). Liên hệ THADS tỉnh để được cấp mã mới trước ngày đó.",
    en: "The access token expires " + whenEn + " (last day " + day + "). Ask your province for a new one before then.",
  };
}
