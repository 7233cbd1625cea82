import { parsePath } from "../../../shared/units/path";

export type Indicator = "rate_viec" | "rate_tien";

export interface TargetValue {
  targetPct: number;
  provisional: boolean;
}

export interface EffectiveTargetValue {
  targetPct: number | null;
  provisional: boolean;
  /** The unit the target is set on: the unit itself or the nearest ancestor. */
  source: string | null;
}

/** All targets of a statistical year: unit code → indicator → target. A year has a few hundred rows. */
export async function loadTargets(db: D1Database, year: number): Promise<Map<string, Map<Indicator, TargetValue>>> {
  return targetsFrom(await targetsStatement(db, year).all());
}

/** The targets of a year, for one batch; with `along`, only those of that unit and its ancestors. */
export function targetsStatement(db: D1Database, year: number, along: string | null = null): D1PreparedStatement {
  return db
    .prepare(
      `SELECT unit_code, indicator, target_pct, provisional FROM targets
        WHERE year = ?1 AND (?2 IS NULL OR instr((SELECT path FROM units WHERE code = ?2), '/' || unit_code || '/') > 0)`,
    )
    .bind(year, along);
}

export function targetsFrom(result: D1Result | undefined): Map<string, Map<Indicator, TargetValue>> {
  const rows = (result?.results ?? []) as { unit_code: string; indicator: Indicator; target_pct: number; provisional: number }[];
  const out = new Map<string, Map<Indicator, TargetValue>>();
  for (const r of rows) {
    const m = out.get(r.unit_code) ?? new Map<Indicator, TargetValue>();
    m.set(r.indicator, { targetPct: r.target_pct, provisional: r.provisional === 1 });
    out.set(r.unit_code, m);
  }
  return out;
}

/** A unit without its own target inherits the nearest ancestor's. */
export function effectiveTarget(
  targets: Map<string, Map<Indicator, TargetValue>>,
  unitPath: string,
  indicator: Indicator,
): EffectiveTargetValue {
  const codes = parsePath(unitPath);
  for (let i = codes.length - 1; i >= 0; i--) {
    const code = codes[i] as string;
    const t = targets.get(code)?.get(indicator);
    if (t) return { targetPct: t.targetPct, provisional: t.provisional, source: code };
  }
  return { targetPct: null, provisional: false, source: null };
}

export function upsertTargetStatement(
  db: D1Database,
  year: number,
  unit: string,
  indicator: Indicator,
  t: TargetValue,
  by: string,
  at: string,
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO targets (year, unit_code, indicator, target_pct, provisional, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (year, unit_code, indicator) DO UPDATE SET target_pct = excluded.target_pct,
         provisional = excluded.provisional, set_by = excluded.set_by, set_at = excluded.set_at`,
    )
    .bind(year, unit, indicator, t.targetPct, t.provisional ? 1 : 0, by, at);
}

/** Form 01 is counted in cases, form 02 in money: each has its own target indicator. */
export function indicatorOfForm(formId: string): Indicator | null {
  return formId === "01" ? "rate_viec" : formId === "02" ? "rate_tien" : null;
}
