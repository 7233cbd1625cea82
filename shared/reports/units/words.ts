import type { UnitChanged, UnitConsequences } from "../../api/sheets";
import { dateLabel, monthLabel } from "../../periods/labels";
import { vietnamClock } from "../../periods/vietnam-time";
import { KIND_WORDS } from "./sheet";

/** How a change to a unit is named on every surface. */
export const ACTION_WORDS: Record<UnitChanged["action"], string> = { add: "Thêm", rename: "Đổi tên", close: "Đóng", reopen: "Mở lại", update: "Sửa" };

/** "Phòng THADS khu vực 15 - Gia Lai · Phòng THADS khu vực · từ 01/10/2026 · kế thừa: 52-15". */
export function unitWords(u: UnitChanged["after"] | null): string {
  if (u === null) return "—";
  let s = u.name + " · " + KIND_WORDS[u.kind] + " · từ " + dateLabel(u.validFrom);
  if (u.validTo !== null) s += " đến " + dateLabel(u.validTo);
  if (u.successorCode !== null) s += " · kế thừa: " + u.successorCode;
  return s;
}

/** The consequences of a units push as sentences, in the order a reader checks them. */
export function consequenceLines(c: UnitConsequences): string[] {
  const out: string[] = [];
  out.push(c.periodsWithChangedTotals.length === 0
    ? "Tổng số của các kỳ đã báo cáo không thay đổi: số liệu cũ vẫn thuộc đơn vị cũ."
    : "Tổng số thay đổi ở các kỳ: " + c.periodsWithChangedTotals.join(", ") + ".");
  for (const s of c.samePeriod) {
    out.push("So sánh cùng kỳ và tháng trước của " + s.name + " (" + s.unit + ") từ " + monthLabel(s.from) + " đến " + monthLabel(s.to) + " dùng số liệu của " + s.predecessors.join(" + ") + ".");
  }
  for (const k of c.keepOwnHistory) {
    out.push(k.name + " (" + k.unit + ") đã có số liệu riêng: cùng kỳ vẫn là số liệu của riêng đơn vị; số liệu của " + k.predecessors.join(", ") + " chỉ còn trong tổng của đơn vị cấp trên.");
  }
  for (const w of c.withoutHistory) {
    out.push(w.name + " (" + w.unit + ") là đơn vị mới không kế thừa đơn vị nào: chưa có số liệu cùng kỳ đến hết " + monthLabel(w.until) + ".");
  }
  for (const t of c.tokens) {
    out.push("Mã truy cập của " + t.label + " (" + t.unit + ") " + (t.action === "revoke" ? "sẽ bị thu hồi ngay." : "hết hiệu lực sau hạn nộp báo cáo cuối cùng của đơn vị (" + vietnamClock(t.at) + ")."));
  }
  return out;
}
