import { roundTo } from "../format";
import type { Indicators } from "./indicators";
import { ratePercent } from "./indicators";
import { addExact } from "./sum";

/** One line of a comparison sheet (a province among 34, an office within a province). */
export interface RateRow {
  code: string;
  done: number;
  base: number;
  rate: number | null;
}

export function toRateRow(code: string, indicators: Indicators): RateRow {
  return { code, done: indicators.done, base: indicators.base, rate: indicators.rate };
}

/**
 * "Kết quả bình quân chung của toàn quốc" is the rate of the total, Σdone ÷ Σbase,
 * never the mean of the units' rates (a small province would weigh as much as Hà Nội).
 * null when Σbase is 0.
 */
export function averageRate(rows: readonly { done: number; base: number }[]): number | null {
  let done = 0;
  let base = 0;
  for (const row of rows) {
    const nextDone = addExact(done, row.done);
    const nextBase = addExact(base, row.base);
    // National totals are ~10^12 at most; leaving the exact range means corrupt input.
    if (nextDone === null || nextBase === null) throw new RangeError("averageRate: sum is not a safe integer");
    done = nextDone;
    base = nextBase;
  }
  return ratePercent(done, base);
}

export interface RateThresholdOptions {
  /** Compare rates as printed, rounded to this many decimals; exact if omitted. */
  decimals?: number;
}

/**
 * Units strictly below the average ("đạt tỷ lệ dưới 66,53%", Tổng cục THADS letter on 9-month 2023 results), in input order.
 * Units without a rate are not listed: they have nothing to be below with.
 */
export function belowAverage<R extends { rate: number | null }>(
  rows: readonly R[],
  avg: number | null,
  options: RateThresholdOptions = {},
): R[] {
  if (avg === null) return [];
  const shown = (r: number): number => (options.decimals === undefined ? r : roundTo(r, options.decimals));
  const threshold = shown(avg);
  return rows.filter((row) => row.rate !== null && shown(row.rate) < threshold);
}

export type RankDirection = "desc" | "asc";

export interface Ranked<R> {
  /** Competition rank ("1, 2, 2, 4"). Rows without a value share the rank after the last. */
  rank: number;
  row: R;
}

/**
 * Standard competition ranking on a numeric key: equal values share a rank and the next
 * rank skips ("1, 2, 2, 4"). Rows whose value is null/undefined/NaN come last, tied among
 * themselves. The result is sorted by rank; ties keep their input order.
 * "desc" (default) ranks the highest value first, as for completion rates.
 */
export function rankBy<K extends string, R extends { readonly [P in K]: number | null | undefined }>(
  rows: readonly R[],
  key: K,
  direction: RankDirection = "desc",
  options: RateThresholdOptions = {},
): Ranked<R>[] {
  const valueOf = (row: R): number | null => {
    const v = row[key];
    // v !== v is NaN (no Number.isNaN in IE11 without a polyfill).
    if (v === null || v === undefined || v !== v) return null;
    return options.decimals === undefined ? v : roundTo(v, options.decimals);
  };
  const indexed = rows.map((row, index) => ({ row, index, value: valueOf(row) }));
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
