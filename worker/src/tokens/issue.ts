import type { Role } from "../auth";
import { hashToken } from "../auth";
import { ApiError } from "../errors";
import type { IssuedToken } from "../db/tokens";
import {
  DEFAULT_TOKEN_LIFETIME_MONTHS,
  MAX_TOKEN_LIFETIME_MONTHS,
  defaultLastDay,
  endOfVietnamDay,
  latestLastDay,
} from "../../../shared/tokens/lifetime";
import { vietnamDateOf } from "../../../shared/periods/deadlines";
import { dateLabel } from "../../../shared/periods/labels";

/** "thads_" + 24 random bytes in base64url: 192 bits, as scripts/token.ts makes them. */
export function newSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return "thads_" + btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export async function newToken(role: Role, unitCode: string, label: string, expiresAt: string): Promise<IssuedToken> {
  const token = newSecret();
  return { id: crypto.randomUUID(), token, hash: await hashToken(token), role, unitCode, label, expiresAt };
}

/** The deployment's default lifetime in months (TOKEN_LIFETIME_MONTHS), within 1…25. */
export function lifetimeMonths(env: { TOKEN_LIFETIME_MONTHS?: string }): number {
  const n = Number(env.TOKEN_LIFETIME_MONTHS);
  return Number.isInteger(n) && n >= 1 && n <= MAX_TOKEN_LIFETIME_MONTHS ? n : DEFAULT_TOKEN_LIFETIME_MONTHS;
}

/**
 * When a token issued now stops working: the end of `lastDay` in Vietnam if the request names
 * one (not in the past, not beyond the longest lifetime), else the deployment's default.
 */
export function expiryFor(now: string, env: { TOKEN_LIFETIME_MONTHS?: string }, lastDay?: string): string {
  if (lastDay === undefined) return endOfVietnamDay(defaultLastDay(now, lifetimeMonths(env)));
  const today = vietnamDateOf(now);
  const latest = latestLastDay(now);
  if (lastDay < today || lastDay > latest) {
    throw new ApiError(400, "invalid_request",
      `body.lastDay: ngày hết hạn phải từ hôm nay (${dateLabel(today)}) đến ${dateLabel(latest)}.`,
      `body.lastDay: the last day must be from today (${today}) to ${latest}.`,
      { issues: [{ path: "body.lastDay", vi: `body.lastDay: phải từ ${dateLabel(today)} đến ${dateLabel(latest)}`, en: `body.lastDay: must be from ${today} to ${latest}` }] });
  }
  return endOfVietnamDay(lastDay);
}

/** Answers that carry a token must not be kept by a browser, a proxy or the pane's cache. */
export const NO_STORE = { "Cache-Control": "no-store" } as const;
