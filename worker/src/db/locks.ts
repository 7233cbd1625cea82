export async function isPeriodClosed(db: D1Database, provinceCode: string, period: string): Promise<boolean> {
  const row = await db
    .prepare(`SELECT closed FROM period_locks WHERE province_code = ? AND period = ?`)
    .bind(provinceCode, period)
    .first<{ closed: number }>();
  return row?.closed === 1;
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

export async function listLocks(db: D1Database, provinceCode: string | null): Promise<{ province: string; period: string; closed: boolean; changedAt: string; reason: string | null }[]> {
  const { results } = await db
    .prepare(`SELECT province_code, period, closed, changed_at, reason FROM period_locks WHERE (?1 IS NULL OR province_code = ?1) ORDER BY period DESC, province_code`)
    .bind(provinceCode)
    .all<{ province_code: string; period: string; closed: number; changed_at: string; reason: string | null }>();
  return results.map((r) => ({ province: r.province_code, period: r.period, closed: r.closed === 1, changedAt: r.changed_at, reason: r.reason }));
}
