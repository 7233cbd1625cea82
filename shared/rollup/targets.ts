import { roundTo } from "../format";

/**
 * How a target is read. "gte": rate ≥ target is met (the national reports say "đạt" when
 * the rate equals the target); "gt": strictly above, for plans that literally demand
 * "> 84,70%"; "lte"/"lt" for indicators where less is better.
 */
export type TargetComparison = "gte" | "gt" | "lte" | "lt";

/**
 * What a null rate (denominator 0: nothing to measure) means for the verdict.
 * - "not_assessable" (default): that target is neither met nor missed; the verdict is
 *   computed over the assessable targets only, so a unit is not listed as failing a
 *   target it had no case to work on.
 * - "not_met": it counts as a missed target.
 */
export type NullRatePolicy = "not_assessable" | "not_met";

/** One indicator of one unit against its target, rates as printed (`decimals`). */
export interface TargetCheck {
  rate: number | null;
  target: number | null;
  comparison: TargetComparison;
  decimals: number;
}

/** The rate as printed: every comparison, gap, rank and difference uses this value. */
export function printedRate(rate: number | null, decimals: number): number | null {
  return rate === null ? null : roundTo(rate, decimals);
}

/** Met, missed, or null when not assessable (no rate or no target). */
export function isTargetMet(check: TargetCheck): boolean | null {
  const shown = printedRate(check.rate, check.decimals);
  if (shown === null || check.target === null) return null;
  switch (check.comparison) {
    case "gt":
      return shown > check.target;
    case "lte":
      return shown <= check.target;
    case "lt":
      return shown < check.target;
    default:
      return shown >= check.target;
  }
}

/**
 * Printed rate − target in percentage points ("vượt 6,48%" = 6.48 points above), rounded to
 * the printed decimals so that it equals the difference of the two printed numbers.
 */
export function gapToTarget(rate: number | null, target: number | null, decimals: number): number | null {
  const shown = printedRate(rate, decimals);
  if (shown === null || target === null) return null;
  return roundTo(shown - target, decimals);
}

/** "Đạt k/n chỉ tiêu": k targets met out of the n assessable ones. */
export interface Verdict {
  met: number;
  assessable: number;
}

/**
 * The verdict over every indicator of a unit that has a target: null when none is
 * assessable (no target assigned, or nothing to measure), never "0/0".
 */
export function verdictOf(checks: readonly TargetCheck[], nullRate: NullRatePolicy = "not_assessable"): Verdict | null {
  let met = 0;
  let assessable = 0;
  for (const check of checks) {
    const result = isTargetMet(check);
    if (result !== null) {
      assessable++;
      if (result) met++;
    } else if (nullRate === "not_met" && check.target !== null) {
      assessable++;
    }
  }
  return assessable === 0 ? null : { met, assessable };
}

/** "đạt 2/2", "đạt 1/2": the seeds' way of writing a verdict, two digits as in "01/02" when asked. */
export function verdictText(v: Verdict, padded = false): string {
  const n = (x: number): string => (padded && x < 10 ? "0" + x : String(x));
  return n(v.met) + "/" + n(v.assessable);
}

export interface VerdictCounts {
  /** Units that met every assessable target. */
  all: number;
  /** Units that met some but not all. */
  some: number;
  /** Units that met none. */
  none: number;
  notAssessable: number;
  total: number;
}

/** For sentences such as "05/34 đơn vị chỉ hoàn thành 01/02 chỉ tiêu". */
export function countVerdicts(verdicts: readonly (Verdict | null)[]): VerdictCounts {
  const counts: VerdictCounts = { all: 0, some: 0, none: 0, notAssessable: 0, total: 0 };
  for (const v of verdicts) {
    counts.total++;
    if (v === null) counts.notAssessable++;
    else if (v.met === v.assessable) counts.all++;
    else if (v.met > 0) counts.some++;
    else counts.none++;
  }
  return counts;
}

/** A target as assigned: to a unit, for an indicator and a statistical year. */
export interface TargetRecord {
  unit: string;
  indicator: string;
  targetPct: number;
  provisional: boolean;
  comparison: TargetComparison;
  decisionRef: string | null;
}

export interface EffectiveTarget {
  targetPct: number | null;
  provisional: boolean;
  comparison: TargetComparison;
  decisionRef: string | null;
  /** The unit the target is set on: the unit itself or the nearest ancestor; null when none. */
  source: string | null;
}

/** Targets of one year by unit code, then by indicator id. */
export type TargetIndex = ReadonlyMap<string, ReadonlyMap<string, TargetRecord>>;

export function indexTargets(records: readonly TargetRecord[]): TargetIndex {
  const out = new Map<string, Map<string, TargetRecord>>();
  for (const r of records) {
    const m = out.get(r.unit) ?? new Map<string, TargetRecord>();
    m.set(r.indicator, r);
    out.set(r.unit, m);
  }
  return out;
}

/**
 * A unit without its own target inherits the nearest ancestor's (a province's target holds
 * for its offices until it assigns them their own). `pathCodes` runs from the root to the unit.
 */
export function effectiveTarget(index: TargetIndex, pathCodes: readonly string[], indicator: string, defaultComparison: TargetComparison = "gte"): EffectiveTarget {
  for (let i = pathCodes.length - 1; i >= 0; i--) {
    const code = pathCodes[i] as string;
    const t = index.get(code)?.get(indicator);
    if (t) return { targetPct: t.targetPct, provisional: t.provisional, comparison: t.comparison, decisionRef: t.decisionRef, source: code };
  }
  return { targetPct: null, provisional: false, comparison: defaultComparison, decisionRef: null, source: null };
}

/** The comparison a target uses when its record does not say: ≥ where more is better, ≤ where less is. */
export function defaultComparisonFor(direction: "higher" | "lower"): TargetComparison {
  return direction === "lower" ? "lte" : "gte";
}
