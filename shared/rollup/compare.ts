import { roundTo } from "../format";
import { printedRate } from "./targets";

export interface ValueComparison {
  current: number;
  previous: number | null;
  /** current − previous; null without a previous value. */
  change: number | null;
  /** Relative change in percent (9.63… for "tăng 9,63%"); null when previous is 0 or null. */
  changePct: number | null;
}

export interface RateComparison {
  /** Both rates as printed. */
  current: number | null;
  previous: number | null;
  /**
   * Change in percentage POINTS (66,53 vs 64,35 → 2,18), as the reports write "tăng 2,18%":
   * the difference of the two PRINTED rates, so that a reader who subtracts the printed
   * numbers finds the printed change on every surface.
   */
  changePoints: number | null;
}

/** Month on month, quarter on quarter or cùng kỳ (same cumulative period last year). */
export function compareValues(current: number, previous: number | null): ValueComparison {
  if (previous === null) return { current, previous, change: null, changePct: null };
  const change = current - previous;
  // Divide by |previous| so the sign of changePct always follows the sign of change.
  const changePct = previous === 0 ? null : (change * 100) / Math.abs(previous);
  return { current, previous, change, changePct };
}

/** Change of a rate in points between the printed rates; null when either rate is not defined. */
export function compareRates(current: number | null, previous: number | null, decimals: number): RateComparison {
  const a = printedRate(current, decimals);
  const b = printedRate(previous, decimals);
  // Rounding the difference again removes the binary noise of 86.49 − 80.68 = 5.809999….
  const changePoints = a === null || b === null ? null : roundTo(a - b, decimals);
  return { current: a, previous: b, changePoints };
}
