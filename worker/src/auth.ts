import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "./env";
import { ApiError, forbidden, unauthorized } from "./errors";
import { sha256Hex } from "./crypto";
import { knownLockUntil, recordFailure, throttleKeys, tooManyFailures } from "./throttle";
import { vietnamDateOf } from "../../shared/periods/deadlines";
import { dateLabel } from "../../shared/periods/labels";

export type Role = "clerk" | "head" | "province" | "national" | "admin";

/** Who is calling, resolved from the bearer token. `unitPath` is the root of what they may read. */
export interface Principal {
  tokenId: string;
  role: Role;
  unitCode: string;
  unitPath: string;
  label: string;
  /** When the token stops working (UTC instant); null only for demo tokens. */
  expiresAt: string | null;
}

/** Tokens are stored as SHA-256 hex digests; the token itself never touches the database. */
export function hashToken(token: string): Promise<string> {
  return sha256Hex(token);
}

/**
 * The demo tokens ("demo-admin", "demo-unit-52-01") are printed in the README: they work only
 * in the local demo, where `npm start` sets THADS_DEMO=1. Checked before any D1 call, so a
 * deployment refuses them even if the demo data was loaded into its database by mistake.
 */
export const DEMO_TOKEN_PREFIX = "demo-";
export function isDemoAllowed(env: { THADS_DEMO?: string }): boolean {
  return env.THADS_DEMO === "1";
}

/** last_used_at is written at most this often per token: a read batch rarely writes. */
const LAST_USED_RESOLUTION_MS = 10 * 60 * 1000;

type TokenStatus = "ok" | "unknown" | "revoked" | "expired";

interface PrincipalRow {
  locked_until: string | null;
  status: TokenStatus;
  id: string | null;
  role: Role | null;
  unit_code: string | null;
  label: string | null;
  path: string | null;
  expires_at: string | null;
}

/**
 * The statements that turn a token hash into a caller, for the route's first batch. Every
 * condition a token must meet (known, not revoked, not expired) and the lock of the caller's
 * address or token prefix are decided in this SQL and nowhere else. The first statement always
 * returns one row (the lock, and the token if any); the second records when the token was
 * last used, only if that is older than 10 minutes, without a round trip of its own.
 */
export function principalStatements(db: D1Database, tokenHash: string, now: string, lockKeys: readonly string[]): D1PreparedStatement[] {
  const staleBefore = new Date(Date.parse(now) - LAST_USED_RESOLUTION_MS).toISOString();
  return [
    db
      .prepare(
        `SELECT l.locked_until, t.id, t.role, t.unit_code, t.label, t.expires_at, u.path,
                CASE WHEN t.id IS NULL THEN 'unknown'
                     WHEN t.revoked_at IS NOT NULL THEN 'revoked'
                     WHEN t.expires_at IS NOT NULL AND t.expires_at <= ?2 THEN 'expired'
                     WHEN u.path IS NULL THEN 'unknown'
                     ELSE 'ok' END AS status
           FROM (SELECT MAX(until) AS locked_until FROM auth_lockouts WHERE key IN (?3, ?4) AND until > ?2) l
           LEFT JOIN tokens t ON t.token_hash = ?1
           LEFT JOIN units u ON u.code = t.unit_code`,
      )
      .bind(tokenHash, now, lockKeys[0] ?? "", lockKeys[1] ?? ""),
    db
      .prepare(
        `UPDATE tokens SET last_used_at = ?2
          WHERE token_hash = ?1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?2)
            AND (last_used_at IS NULL OR last_used_at < ?3)`,
      )
      .bind(tokenHash, now, staleBefore),
  ];
}

export type Resolution =
  | { kind: "caller"; principal: Principal }
  | { kind: "refused"; status: Exclude<TokenStatus, "ok">; expiresAt: string | null }
  | { kind: "locked"; untilMs: number };

/** What the first statement of principalStatements says about the caller. */
export function resolutionFrom(result: D1Result | undefined): Resolution {
  const row = result?.results[0] as PrincipalRow | undefined;
  if (row?.locked_until) return { kind: "locked", untilMs: Date.parse(row.locked_until) };
  if (!row || row.status !== "ok" || !row.id || !row.role || !row.unit_code || !row.path) {
    return { kind: "refused", status: row && row.status !== "ok" ? row.status : "unknown", expiresAt: row?.expires_at ?? null };
  }
  return {
    kind: "caller",
    principal: { tokenId: row.id, role: row.role, unitCode: row.unit_code, unitPath: row.path, label: row.label ?? "", expiresAt: row.expires_at },
  };
}

function refusal(status: Exclude<TokenStatus, "ok"> | "demo", expiresAt: string | null) {
  if (status === "expired") {
    const day = expiresAt ? dateLabel(vietnamDateOf(expiresAt)) : "";
    return unauthorized(
      `Mã truy cập đã hết hạn (hết ngày ${day}). Liên hệ THADS tỉnh hoặc quản trị viên để được cấp mã mới.`,
      `The access token has expired (its last day was ${day}). Ask your province or the administrator for a new one.`,
    );
  }
  if (status === "demo") {
    return unauthorized(
      "Mã truy cập mẫu (demo-…) chỉ dùng được khi chạy thử trên máy (npm start), không dùng được trên máy chủ thật.",
      "Demo tokens (demo-…) work only in the local demo (npm start), never on a deployed server.",
    );
  }
  return unauthorized("Mã truy cập không hợp lệ hoặc đã bị thu hồi.", "The access token is not valid or has been revoked.");
}

/**
 * Checks the Authorization header's shape and keeps the token's hash for the route; it does not
 * touch D1. The route's first batch resolves the caller (authorizedBatch in db/batch.ts), so
 * that knowing who calls costs no round trip of its own. What can be refused without D1 is
 * refused here: a demo token outside the demo, and a key this isolate already knows is locked.
 */
export function requireAuth(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header("Authorization") ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match || !match[1]) {
      throw unauthorized(
        "Thiếu mã truy cập: gửi kèm tiêu đề Authorization: Bearer <mã>.",
        "Missing access token: send an Authorization: Bearer <token> header.",
      );
    }
    const token = match[1];
    const nowMs = Date.parse(c.get("now"));
    const keys = throttleKeys(c, token);
    c.set("throttleKeys", keys);
    const locked = knownLockUntil(keys, nowMs);
    if (locked !== null) throw tooManyFailures(locked, nowMs);
    if (token.startsWith(DEMO_TOKEN_PREFIX) && !isDemoAllowed(c.env)) throw await refusedAfterCounting(c, "demo", null);
    c.set("tokenHash", await hashToken(token));
    await next();
    // Any client can see when its token ends; the pane warns its clerk a month before.
    const who = c.get("principal") as Principal | undefined;
    if (who?.expiresAt) c.header("X-Token-Expires", who.expiresAt);
  };
}

/**
 * The answer to a refused token, after counting the failure against the caller's address and
 * token prefix: a 429 when that put a key over its limit, else the 401 that says why. Only this
 * failure path may touch D1 (once, when a key trips: the lock is written for every instance).
 */
export async function refusedAfterCounting(
  c: Context<AppEnv>,
  status: Exclude<TokenStatus, "ok"> | "demo",
  expiresAt: string | null,
): Promise<ApiError> {
  const nowMs = Date.parse(c.get("now"));
  const until = await recordFailure(c, c.get("throttleKeys") ?? [], nowMs);
  return until !== null ? tooManyFailures(until, nowMs) : refusal(status, expiresAt);
}

/** Whether the caller may read data of the unit at `path` (its own subtree; everything for national/admin). */
export function canRead(p: Principal, path: string): boolean {
  if (p.role === "national" || p.role === "admin") return true;
  return path.startsWith(p.unitPath);
}

export function assertCanRead(p: Principal, path: string, unitCode: string): void {
  if (!canRead(p, path)) {
    throw forbidden(
      `Bạn không có quyền xem số liệu của đơn vị ${unitCode}: mã truy cập này chỉ xem được đơn vị ${p.unitCode} và các đơn vị trực thuộc.`,
      `You may not read unit ${unitCode}: this token only reads unit ${p.unitCode} and the units below it.`,
    );
  }
}

export function assertRole(p: Principal, roles: readonly Role[], whatVi: string, whatEn: string): void {
  if (!roles.includes(p.role)) {
    throw forbidden(
      `Vai trò "${p.role}" không được ${whatVi}.`,
      `The role "${p.role}" may not ${whatEn}.`,
    );
  }
}
