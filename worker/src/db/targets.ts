import type { TargetComparison, TargetRecord } from "../../../shared/rollup/targets";

interface TargetRow {
  unit_code: string;
  indicator: string;
  target_pct: number;
  provisional: number;
  comparison: TargetComparison;
  decision_ref: string | null;
}

/** Every target of a statistical year: a few hundred rows per indicator, read in the request's batch. */
export function targetsStatement(db: D1Database, year: number): D1PreparedStatement {
  return db
    .prepare(`SELECT unit_code, indicator, target_pct, provisional, comparison, decision_ref FROM targets WHERE year = ?`)
    .bind(year);
}

export function targetsFromRows(rows: readonly TargetRow[]): TargetRecord[] {
  return rows.map((r) => ({
    unit: r.unit_code,
    indicator: r.indicator,
    targetPct: r.target_pct,
    provisional: r.provisional === 1,
    comparison: r.comparison,
    decisionRef: r.decision_ref,
  }));
}

export async function loadTargets(db: D1Database, year: number): Promise<TargetRecord[]> {
  const { results } = await targetsStatement(db, year).all<TargetRow>();
  return targetsFromRows(results);
}

export function upsertTargetStatement(db: D1Database, year: number, t: TargetRecord, by: string, at: string): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO targets (year, unit_code, indicator, target_pct, provisional, comparison, decision_ref, set_by, set_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (year, unit_code, indicator) DO UPDATE SET target_pct = excluded.target_pct,
         provisional = excluded.provisional, comparison = excluded.comparison, decision_ref = excluded.decision_ref,
         set_by = excluded.set_by, set_at = excluded.set_at`,
    )
    .bind(year, t.unit, t.indicator, t.targetPct, t.provisional ? 1 : 0, t.comparison, t.decisionRef, by, at);
}
