import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./env";
import { forbidden, unauthorized } from "./errors";
import { sha256Hex } from "./crypto";

export type Role = "clerk" | "province" | "national" | "admin";

/** Who is calling, resolved from the bearer token. `unitPath` is the root of what they may read. */
export interface Principal {
  tokenId: string;
  role: Role;
  unitCode: string;
  unitPath: string;
  label: string;
}

/** Tokens are stored as SHA-256 hex digests; the token itself never touches the database. */
export function hashToken(token: string): Promise<string> {
  return sha256Hex(token);
}

/**
 * Checks the Authorization header's shape and keeps the token's hash for the route; it does not
 * touch D1. The route's first batch resolves the caller (authorizedBatch in db/batch.ts), so
 * that knowing who calls costs no round trip of its own.
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
    c.set("tokenHash", await hashToken(match[1]));
    await next();
  };
}

interface PrincipalRow {
  id: string;
  role: Role;
  unit_code: string;
  label: string;
  path: string;
}

/**
 * The one statement that turns a token hash into a caller. Every condition a token must meet
 * (not revoked; later: not expired) belongs in this SQL and nowhere else.
 */
export function principalStatement(db: D1Database, tokenHash: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT t.id, t.role, t.unit_code, t.label, u.path
         FROM tokens t JOIN units u ON u.code = t.unit_code
        WHERE t.token_hash = ? AND t.revoked_at IS NULL`,
    )
    .bind(tokenHash);
}

/** The caller from the result of principalStatement, or null for an unknown or revoked token. */
export function principalFrom(result: D1Result | undefined): Principal | null {
  const row = result?.results[0] as PrincipalRow | undefined;
  return row ? { tokenId: row.id, role: row.role, unitCode: row.unit_code, unitPath: row.path, label: row.label } : null;
}

export function invalidToken() {
  return unauthorized("Mã truy cập không hợp lệ hoặc đã bị thu hồi.", "The access token is not valid or has been revoked.");
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
