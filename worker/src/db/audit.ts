import type { Principal } from "../auth";

export interface AuditEntry {
  action: string;
  target: string;
  detail?: Record<string, unknown>;
}

/** A prepared audit row, so it can join the batch of the write it records (all or nothing). */
export function auditStatement(db: D1Database, who: Principal, requestId: string, at: string, e: AuditEntry): D1PreparedStatement {
  return db
    .prepare(`INSERT INTO audit_log (at, actor, role, action, target, request_id, detail) VALUES (?, ?, ?, ?, ?, ?, ?)`)
    .bind(at, who.tokenId, who.role, e.action, e.target, requestId, JSON.stringify(e.detail ?? {}));
}

/**
 * An audit row written only if the statement just before it in the same batch changed a row
 * (SQLite's changes()): a revoke that found no active token is a 404, and nothing happened
 * that the log should record. A batch runs its statements in order on one connection.
 */
export function auditIfChangedStatement(db: D1Database, who: Principal, requestId: string, at: string, e: AuditEntry): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO audit_log (at, actor, role, action, target, request_id, detail)
       SELECT ?, ?, ?, ?, ?, ?, ? WHERE changes() > 0`,
    )
    .bind(at, who.tokenId, who.role, e.action, e.target, requestId, JSON.stringify(e.detail ?? {}));
}

export interface AuditRow {
  id: number;
  at: string;
  actor: string;
  role: string;
  action: string;
  target: string;
  requestId: string;
  detail: Record<string, unknown>;
}

/** A row of audit_log as D1 returns it. */
interface AuditLogRow extends Omit<AuditRow, "requestId" | "detail"> {
  request_id: string;
  detail: string;
}

/** The newest `limit` entries, before the entry `beforeId` when paging back: for the route's first batch. */
export function auditListStatement(db: D1Database, limit: number, beforeId?: number): D1PreparedStatement {
  return db
    .prepare(
      `SELECT id, at, actor, role, action, target, request_id, detail FROM audit_log
        WHERE (?1 IS NULL OR id < ?1) ORDER BY id DESC LIMIT ?2`,
    )
    .bind(beforeId ?? null, limit);
}

export function auditFrom(result: D1Result | undefined): AuditRow[] {
  return ((result?.results ?? []) as AuditLogRow[]).map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    role: r.role,
    action: r.action,
    target: r.target,
    requestId: r.request_id,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
  }));
}
