/**
 * SQL of the token lifecycle: issue, rotate, revoke, list. Only SHA-256 hashes are stored;
 * the token itself exists in the one answer that hands it out. Every write is a statement
 * meant for one batch with its audit row, conditional where the action may not happen.
 */
import type { Principal, Role } from "../auth";
import type { TokenInfo } from "../../../shared/api/schemas";

export interface IssuedToken {
  id: string;
  /** The secret, shown once. */
  token: string;
  hash: string;
  role: Role;
  unitCode: string;
  label: string;
  expiresAt: string;
}

export function insertTokenStatement(db: D1Database, t: IssuedToken, createdAt: string, createdBy: string | null): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO tokens (id, token_hash, role, unit_code, label, created_at, created_by, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(t.id, t.hash, t.role, t.unitCode, t.label, createdAt, createdBy, t.expiresAt);
}

/** Revokes one token if it is still active; `replacedBy` names the token that takes over (rotation, reissue). */
export function revokeTokenStatement(db: D1Database, id: string, who: Principal, at: string, replacedBy: string | null = null): D1PreparedStatement {
  return db
    .prepare(`UPDATE tokens SET revoked_at = ?, revoked_by = ?, replaced_by = ? WHERE id = ? AND revoked_at IS NULL`)
    .bind(at, who.tokenId, replacedBy, id);
}

/**
 * Rotation's new token, inserted only if this request's revoke of the old one happened (the
 * old row now names it as its replacement): a rotation of a token already revoked writes nothing.
 */
export function insertRotatedTokenStatement(db: D1Database, oldId: string, t: IssuedToken, createdAt: string, createdBy: string): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO tokens (id, token_hash, role, unit_code, label, created_at, created_by, expires_at)
       SELECT ?, ?, role, unit_code, label, ?, ?, ? FROM tokens WHERE id = ? AND replaced_by = ?`,
    )
    .bind(t.id, t.hash, createdAt, createdBy, t.expiresAt, oldId, t.id);
}

/** Active tokens of one office: what a reissue to that office replaces. */
export function activeTokensOfStatement(db: D1Database, unitCodes: readonly string[], role: Role, now: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT t.id, t.unit_code FROM tokens t, json_each(?1) j
        WHERE t.unit_code = j.value AND t.role = ?2 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > ?3)`,
    )
    .bind(JSON.stringify(unitCodes), role, now);
}

export interface TokenRow {
  id: string;
  role: Role;
  unit_code: string;
  unit_name: string;
  unit_path: string;
  label: string;
  created_at: string;
  created_by: string | null;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
  replaced_by: string | null;
}

const TOKEN_COLUMNS = `t.id, t.role, t.unit_code, u.name AS unit_name, u.path AS unit_path, t.label, t.created_at, t.created_by,
  t.expires_at, t.last_used_at, t.revoked_at, t.replaced_by`;

export function tokenByIdStatement(db: D1Database, id: string): D1PreparedStatement {
  return db.prepare(`SELECT ${TOKEN_COLUMNS} FROM tokens t JOIN units u ON u.code = t.unit_code WHERE t.id = ?`).bind(id);
}

/**
 * Tokens of every unit at or below the unit `code` (with no code: the unit of the token with
 * hash `callerHash`, what a request naming no unit means), newest first within each unit;
 * revoked ones only if asked. For the batch that resolves the caller: the scope is checked on
 * the unit (unitOrOwnStatements) before these rows are used.
 */
export function tokensUnderStatement(db: D1Database, code: string | null, callerHash: string, includeRevoked: boolean): D1PreparedStatement {
  return db
    .prepare(
      `SELECT ${TOKEN_COLUMNS} FROM tokens t JOIN units u ON u.code = t.unit_code,
              (SELECT path FROM units WHERE code = COALESCE(?1, (SELECT unit_code FROM tokens WHERE token_hash = ?2))) n
        WHERE substr(u.path, 1, length(n.path)) = n.path AND (?3 = 1 OR t.revoked_at IS NULL)
        ORDER BY u.path, t.created_at DESC LIMIT 2000`,
    )
    .bind(code, callerHash, includeRevoked ? 1 : 0);
}

export function toTokenInfo(r: TokenRow): TokenInfo {
  return {
    id: r.id, role: r.role, unit: r.unit_code, unitName: r.unit_name, label: r.label, createdAt: r.created_at,
    expiresAt: r.expires_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at, replacedBy: r.replaced_by,
  };
}
