import type { Role } from "../auth";
import { hashToken } from "../auth";
import { badRequest } from "../validation";
import type { IssuedToken } from "../db/tokens";
import { chooseExpiry, lifetimeMonthsFrom } from "../../../shared/tokens/lifetime";
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
  return lifetimeMonthsFrom(env.TOKEN_LIFETIME_MONTHS);
}

/** When a token issued now stops working: `lastDay` if given and allowed, else the deployment's default. */
export function expiryFor(now: string, env: { TOKEN_LIFETIME_MONTHS?: string }, lastDay?: string): string {
  const choice = chooseExpiry(now, lifetimeMonths(env), lastDay);
  if (choice.ok) return choice.expiresAt;
  const { earliest, latest } = choice;
  throw badRequest([{
    path: "body.lastDay",
    vi: `body.lastDay: ngày hết hạn phải từ hôm nay (${dateLabel(earliest)}) đến ${dateLabel(latest)}`,
    en: `body.lastDay: the last day must be from today (${earliest}) to ${latest}`,
  }]);
}

/** Answers that carry a token must not be kept by a browser, a proxy or the pane's cache. */
export const NO_STORE = { "Cache-Control": "no-store" } as const;
