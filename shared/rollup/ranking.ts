import { printedRate } from "./targets";
import { ratePercent } from "./indicators";
import { addExact } from "./sum";

/**
 * "Kết quả bình quân chung của toàn quốc" is the rate of the total, Σnumerator ÷ Σdenominator,
 * never the mean of the units' rates (a small province would weigh as much as Hà Nội).
 * null when Σdenominator is 0.
 */
export function averageRate(rows: readonly { numerator: number; denominator: number }[]): number | null {
  let num = 0;
  let den = 0;
  for (const row of rows) {
    const nextNum = addExact(num, row.numerator);
    const nextDen = addExact(den, row.denominator);
    // National totals are ~10^12 at most; leaving the exact range means corrupt input.
    if (nextNum === null || nextDen === null) throw new RangeError("averageRate: sum is not a safe integer");
    num = nextNum;
    den = nextDen;
  }
  return ratePercent(num, den);
}

/**
 * Whether a unit's rate is on the wrong side of the average ("đạt tỷ lệ dưới 66,53%"), both
 * as printed: a unit printing 59,72% beside an average printing 59,72% is not below it.
 * For an indicator where less is better, "worse" means above. null when either is missing.
 */
export function worseThanAverage(rate: number | null, average: number | null, decimals: number, direction: "higher" | "lower" = "higher"): boolean | null {
  const a = printedRate(rate, decimals);
  const b = printedRate(average, decimals);
  if (a === null || b === null) return null;
  return direction === "higher" ? a < b : a > b;
}

export type RankDirection = "desc" | "asc";

export interface Ranked<R> {
  /** Competition rank ("1, 2, 2, 4"). Rows without a value share the rank after the last. */
  rank: number;
  row: R;
}

/**
 * Standard competition ranking on a value: equal values share a rank and the next rank
 * skips ("1, 2, 2, 4"). Rows whose value is null/undefined/NaN come last, tied among
 * themselves. The result is sorted by rank; ties keep their input order. "desc" ranks the
 * highest value first, as for completion rates. Callers pass printed values for rates, so
 * two rates that print alike share a rank.
 */
export function rankBy<R>(rows: readonly R[], valueOf: (row: R) => number | null | undefined, direction: RankDirection = "desc"): Ranked<R>[] {
  const indexed = rows.map((row, index) => {
    const v = valueOf(row);
    // v !== v is NaN (no Number.isNaN in IE11 without a polyfill).
    return { row, index, value: v === null || v === undefined || v !== v ? null : v };
  });
  indexed.sort((a, b) => {
    if (a.value === null || b.value === null) {
      if (a.value === b.value) return a.index - b.index;
      return a.value === null ? 1 : -1;
    }
    const byValue = direction === "desc" ? b.value - a.value : a.value - b.value;
    return byValue !== 0 ? byValue : a.index - b.index;
  });

  const ranked: Ranked<R>[] = [];
  let previous: number | null | undefined = undefined;
  let rank = 0;
  for (let i = 0; i < indexed.length; i++) {
    const item = indexed[i];
    if (item === undefined) continue;
    if (i === 0 || item.value !== previous) rank = i + 1;
    previous = item.value;
    ranked.push({ rank, row: item.row });
  }
  return ranked;
}

/** Rank of each row by a printed value, null for rows without one ("xếp thứ 5/34"). */
export function ranksOf<R>(rows: readonly R[], valueOf: (row: R) => number | null, direction: RankDirection = "desc"): Map<R, number | null> {
  const out = new Map<R, number | null>();
  for (const { rank, row } of rankBy(rows, valueOf, direction)) out.set(row, valueOf(row) === null ? null : rank);
  return out;
}

export { printedRate };
