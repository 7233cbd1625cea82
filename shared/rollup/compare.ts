import { roundTo } from "../format";

export interface ValueComparison {
  current: number;
  previous: number | null;
  /** current − previous; null without a previous value. */
  change: number | null;
  /** Relative change in percent (9.63… for "tăng 9,63%"); null when previous is 0 or null. */
  changePct: number | null;
}

export interface RateComparison {
  current: number | null;
  previous: number | null;
  /** Change in percentage POINTS (66.53 vs 64.35 → 2.18), as the reports write "tăng 2,18%". */
  changePoints: number | null;
}

/**
 * Rates are doubles; a report prints them rounded. Giving `decimals` makes a difference
 * between rates use the rates as printed, so "66,53% (tăng 2,18)" stays consistent with
 * the printed 64,35%. Without it the exact rates are used (the printed change may then
 * differ from the difference of the printed rates by one in the last place).
 */
export interface RateDiffOptions {
  decimals?: number;
}

function asShown(rate: number, decimals: number | undefined): number {
  return decimals === undefined ? rate : roundTo(rate, decimals);
}

/** Month on month, quarter on quarter or cùng kỳ (same cumulative period last year). */
export function compareValues(current: number, previous: number | null): ValueComparison {
  if (previous === null) return { current, previous, change: null, changePct: null };
  const change = current - previous;
  // Divide by |previous| so the sign of changePct always follows the sign of change.
  const changePct = previous === 0 ? null : (change * 100) / Math.abs(previous);
  return { current, previous, change, changePct };
}

/** Change of a rate in percentage points; null when either rate is not defined. */
export function compareRates(
  current: number | null,
  previous: number | null,
  options: RateDiffOptions = {},
): RateComparison {
  const changePoints =
    current === null || previous === null
      ? null
      : asShown(current, options.decimals) - asShown(previous, options.decimals);
  return { current, previous, changePoints };
}

/** rate − target in percentage points ("vượt 6,48%" = 6.48 points above the target). */
export function gapToTarget(
  rate: number | null,
  targetPct: number | null,
  options: RateDiffOptions = {},
): number | null {
  if (rate === null || targetPct === null) return null;
  return asShown(rate, options.decimals) - targetPct;
}
