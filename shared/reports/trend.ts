import { MONTHS_PER_STAT_YEAR, monthIndex, periodOfYear, statYearOf } from "../periods";
import { periodTypeOf } from "../forms/collection-period";
import type { FormDefinition } from "../forms/types";

/**
 * The months a trend and an outlook read: this statistical year up to the period, and the
 * whole of last year. The loader fetches them (in the comparison's second D1 batch), the
 * builder turns them into rates month by month.
 */
export function seriesPeriods(period: string): { thisYear: string[]; lastYear: string[] } {
  const year = statYearOf(period);
  const k = monthIndex(period);
  const thisYear: string[] = [];
  const lastYear: string[] = [];
  for (let m = 1; m <= MONTHS_PER_STAT_YEAR; m++) {
    if (m <= k) thisYear.push(periodOfYear(year, m));
    lastYear.push(periodOfYear(year - 1, m));
  }
  return { thisYear, lastYear };
}

/**
 * The trend's months for a collection: only a cumulative report has a path through its
 * statistical year toward a year-end result; a month-end snapshot or a week has none.
 */
export function seriesPeriodsOf(form: Pick<FormDefinition, "period">, period: string): { thisYear: string[]; lastYear: string[] } {
  return periodTypeOf(form).kind === "cumulative_month" ? seriesPeriods(period) : { thisYear: [], lastYear: [] };
}

/** "T10", "T11", "T12", "T1" … "T9": the months of a statistical year on a chart's axis. */
export function trendMonthLabels(): string[] {
  const out: string[] = [];
  for (let m = 1; m <= MONTHS_PER_STAT_YEAR; m++) out.push("T" + (((m + 8) % 12) + 1));
  return out;
}
