import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "./env";
import { forbidden, unauthorized } from "./errors";
import { sha256Hex } from "./crypto";

export type Role = "clerk" | "head" | "province" | "national" | "admin";

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
    const row = await c.env.DB.prepare(
      `SELECT t.id, t.role, t.unit_code, t.label, u.path
         FROM tokens t JOIN units u ON u.code = t.unit_code
        WHERE t.token_hash = ? AND t.revoked_at IS NULL`,
    )
      .bind(await hashToken(match[1]))
      .first<{ id: string; role: Role; unit_code: string; label: string; path: string }>();
    if (!row) {
      throw unauthorized(
        "Mã truy cập không hợp lệ hoặc đã bị thu hồi.",
        "The access token is not valid or has been revoked.",
      );
    }
    c.set("principal", { tokenId: row.id, role: row.role, unitCode: row.unit_code, unitPath: row.path, label: row.label });
    await next();
  };
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
