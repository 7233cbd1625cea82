import { firstOf, rowsOf } from "./batch";

/** The lock of one province and period, as column `closed` (no row: never closed). */
export function lockStatement(db: D1Database, provinceCode: string, period: string): D1PreparedStatement {
  return db.prepare(`SELECT closed FROM period_locks WHERE province_code = ? AND period = ?`).bind(provinceCode, period);
}

export function closedFrom(result: D1Result | undefined): boolean {
  return firstOf<{ closed: number }>(result)?.closed === 1;
}

export function setPeriodLockStatement(
  db: D1Database,
  provinceCode: string,
  period: string,
  closed: boolean,
  by: string,
  at: string,
  reason: string | null,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO period_locks (province_code, period, closed, changed_by, changed_at, reason) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (province_code, period) DO UPDATE SET closed = excluded.closed, changed_by = excluded.changed_by,
         changed_at = excluded.changed_at, reason = excluded.reason`,
    )
    .bind(provinceCode, period, closed ? 1 : 0, by, at, reason);
}

export interface LockDto {
  province: string;
  period: string;
  closed: boolean;
  changedAt: string;
  reason: string | null;
}

/**
 * The locks a token may see: every province's for national and admin, its own province's
 * otherwise. Keyed on the token's hash so it shares the batch that resolves the caller (a token
 * that is not valid gets 401 and these rows are never used).
 */
export function visibleLocksStatement(db: D1Database, tokenHash: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT l.province_code, l.period, l.closed, l.changed_at, l.reason
         FROM tokens t JOIN units tu ON tu.code = t.unit_code,
              period_locks l JOIN units pu ON pu.code = l.province_code
        WHERE t.token_hash = ?1
          AND (t.role IN ('national', 'admin') OR substr(tu.path, 1, length(pu.path)) = pu.path)
        ORDER BY l.period DESC, l.province_code`,
    )
    .bind(tokenHash);
}

export function locksFrom(result: D1Result | undefined): LockDto[] {
  return rowsOf<{ province_code: string; period: string; closed: number; changed_at: string; reason: string | null }>(result).map((r) => ({
    province: r.province_code,
    period: r.period,
    closed: r.closed === 1,
    changedAt: r.changed_at,
    reason: r.reason,
  }));
}
