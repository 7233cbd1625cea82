import { roundTo } from "../format";
import { gapToTarget } from "./compare";

/** How many of the two targets (việc, tiền) a unit met, over the assessable ones. */
export type TargetVerdict = "met_2" | "met_1" | "met_0";

/**
 * "gte": rate ≥ target is met (default: the national reports say "đạt" when the rate
 * equals the target). "gt": strictly above, for plans that literally demand "> 84,70%".
 */
export type TargetComparison = "gte" | "gt";

/**
 * What a null rate (co_dieu_kien = 0: nothing enforceable) means for the verdict.
 * - "not_assessable" (default): that target is neither met nor missed; the verdict is
 *   computed over the assessable targets only, so a unit is not listed as failing a
 *   target it had no case to work on. met_2 then means "every assessable target met".
 * - "not_met": it counts as a missed target (the verdict is a plain count out of two).
 */
export type NullRatePolicy = "not_assessable" | "not_met";

export interface TargetOptions {
  comparison?: TargetComparison;
  nullRate?: NullRatePolicy;
  /** Compare rates as printed, rounded to this many decimals (e.g. 2); exact if omitted. */
  decimals?: number;
}

export interface Rates {
  rateViec: number | null;
  rateTien: number | null;
}

/** A null target means none assigned (yet): that indicator is not assessable. */
export interface Targets {
  targetViec: number | null;
  targetTien: number | null;
}

export interface TargetStatus {
  /** null when not assessable (no rate or no target). */
  viecMet: boolean | null;
  tienMet: boolean | null;
  /** null only when neither target is assessable. */
  verdict: TargetVerdict | null;
  /** Number of targets the verdict was computed over (0, 1 or 2). */
  assessable: number;
  /** rate − target in percentage points. */
  gapViec: number | null;
  gapTien: number | null;
}

export function isTargetMet(
  rate: number | null,
  target: number | null,
  options: TargetOptions = {},
): boolean | null {
  if (rate === null || target === null) return null;
  const shown = options.decimals === undefined ? rate : roundTo(rate, options.decimals);
  return (options.comparison ?? "gte") === "gt" ? shown > target : shown >= target;
}

export function targetStatus(
  rates: Rates,
  targets: Targets,
  options: TargetOptions = {},
): TargetStatus {
  const nullRate = options.nullRate ?? "not_assessable";
  const viecMet = isTargetMet(rates.rateViec, targets.targetViec, options);
  const tienMet = isTargetMet(rates.rateTien, targets.targetTien, options);

  let assessable = 0;
  let met = 0;
  const tally = (isMet: boolean | null, hasTarget: boolean): void => {
    if (isMet !== null) {
      assessable++;
      if (isMet) met++;
    } else if (nullRate === "not_met" && hasTarget) {
      // A null rate against an assigned target counts as missed under this policy.
      assessable++;
    }
  };
  tally(viecMet, targets.targetViec !== null);
  tally(tienMet, targets.targetTien !== null);

  let verdict: TargetVerdict | null;
  if (assessable === 0) verdict = null;
  else if (met === assessable) verdict = "met_2";
  else if (met > 0) verdict = "met_1";
  else verdict = "met_0";

  const diff = { decimals: options.decimals };
  return {
    viecMet,
    tienMet,
    verdict,
    assessable,
    gapViec: gapToTarget(rates.rateViec, targets.targetViec, diff),
    gapTien: gapToTarget(rates.rateTien, targets.targetTien, diff),
  };
}

export interface VerdictCounts {
  met_2: number;
  met_1: number;
  met_0: number;
  notAssessable: number;
  total: number;
}

/** For sentences such as "05/34 đơn vị chỉ hoàn thành 01/02 chỉ tiêu". */
export function countVerdicts(statuses: readonly Pick<TargetStatus, "verdict">[]): VerdictCounts {
  const counts: VerdictCounts = { met_2: 0, met_1: 0, met_0: 0, notAssessable: 0, total: 0 };
  for (const s of statuses) {
    counts.total++;
    if (s.verdict === null) counts.notAssessable++;
    else counts[s.verdict]++;
  }
  return counts;
}
