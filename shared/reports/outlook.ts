import type { OutlookCell } from "../api/schemas";
import { roundTo } from "../format";
import { isTargetMet, printedRate, type TargetComparison } from "../rollup/targets";
import { MONTHS_PER_STAT_YEAR } from "../periods";
import type { IndicatorProjection } from "../forms/types";

/**
 * Where a unit will end the statistical year if it follows last year's path. Completion rates
 * are cumulative from 1 October and climb month by month (a first month at 12% says nothing
 * against a yearly 85% target); how much they climbed from month k to September last year
 * is the best guide there is to how much they will climb this year. So:
 *
 *   projected = rate now × ½ (own growth + country's growth), capped at 100%,
 *   growth = rate in September last year ÷ rate in month k last year,
 *
 * the unit's own path weighted equally with the country's, because a small unit's own path is
 * noisy (a few cases move it) while the country's is smooth but ignores local habits; with one
 * path missing (a new unit, no report last year) the other is used alone. In September the
 * year is over: the projection is the rate itself. Backtested on the demo history
 * (docs/outlook.md, `npm run backtest`).
 *
 * Not every rate climbs. An indicator defined with `projection: "level"` (judgments tracked,
 * target 100%) holds a level all year: the rate now is the best estimate of the year-end rate,
 * projected = rate now, and a unit is at risk when it misses the target now. Along last year's
 * path, a country's path dipping a hair under 100% would flag every unit at 100%.
 */

/** Month k of the statistical year (1 = October) and the rates by month, index 0 = October. */
export interface OutlookInput {
  month: number;
  /** The unit's rate now (exact percent), null without one. */
  rate: number | null;
  /** The unit's rates by month last year (exact percent), 12 entries, null where unknown. */
  ownLastYear: readonly (number | null)[];
  /** The country's rates by month last year. */
  nationalLastYear: readonly (number | null)[];
  decimals: number;
  target: number | null;
  comparison: TargetComparison;
  /** The indicator's IndicatorDefinition.projection; absent = "path". */
  projection?: IndicatorProjection;
}

/**
 * The method as the comparison states it (`outlook.method`: the sheet's note, the JSON, the
 * report text): the climbing case, then the level case, naming the comparison's level
 * indicators when it has any.
 */
export function outlookMethod(levelIndicators: readonly string[] = []): string {
  return (
    "Dự báo tỷ lệ cuối năm = tỷ lệ hiện nay × mức tăng của năm trước từ tháng này đến tháng 9 " +
    "(trung bình của mức tăng của chính đơn vị và của toàn quốc; tỷ lệ tháng 9 ÷ tỷ lệ tháng này năm trước), tối đa 100%. " +
    (levelIndicators.length > 0
      ? "Riêng " + levelIndicators.join(", ") + ": tỷ lệ giữ theo mức, không tăng dần trong năm, nên dự báo tỷ lệ cuối năm = tỷ lệ hiện nay. "
      : "Chỉ tiêu có tỷ lệ giữ theo mức, không tăng dần trong năm (như tỷ lệ bản án được theo dõi): dự báo tỷ lệ cuối năm = tỷ lệ hiện nay. ") +
    "Có nguy cơ không đạt chỉ tiêu: tỷ lệ dự báo không đạt chỉ tiêu được giao."
  );
}

/** The method in general words, for a comparison without a level indicator. */
export const OUTLOOK_METHOD = outlookMethod();

/** Growth from month k to September on a path, or null when the path lacks either rate (or starts at 0). */
export function growthOf(path: readonly (number | null)[], month: number): number | null {
  const from = path[month - 1];
  const to = path[MONTHS_PER_STAT_YEAR - 1];
  if (from === null || from === undefined || to === null || to === undefined || !(from > 0)) return null;
  return to / from;
}

/** The exact projected rate and whose path gave it; null when there is nothing to project from. */
export function projectRate(input: Pick<OutlookInput, "month" | "rate" | "ownLastYear" | "nationalLastYear" | "projection">): { rate: number | null; profile: OutlookCell["profile"] } {
  if (input.rate === null) return { rate: null, profile: null };
  // A level is where it ends; September is the year's end itself.
  if (input.projection === "level" || input.month >= MONTHS_PER_STAT_YEAR) return { rate: input.rate, profile: null };
  const own = growthOf(input.ownLastYear, input.month);
  const national = growthOf(input.nationalLastYear, input.month);
  const factor = own !== null && national !== null ? (own + national) / 2 : own !== null ? own : national;
  if (factor === null) return { rate: null, profile: null };
  // done ≤ có điều kiện: no rate exceeds 100%.
  return { rate: Math.min(100, input.rate * factor), profile: own !== null && national !== null ? "own_and_national" : own !== null ? "own" : "national" };
}

/** The outlook cell of one unit and indicator: the projection as printed, its gap to the target and the risk flag. */
export function outlookOf(input: OutlookInput): OutlookCell {
  const p = projectRate(input);
  const projected = printedRate(p.rate, input.decimals);
  const gap = projected === null || input.target === null ? null : roundTo(projected - input.target, input.decimals);
  const met = isTargetMet({ rate: projected, target: input.target, comparison: input.comparison, decimals: input.decimals });
  // In September the year is over: a unit short of its target is below it, not at risk.
  const over = input.month >= MONTHS_PER_STAT_YEAR;
  return { projected, gap, atRisk: met === null || over ? null : !met, profile: p.profile };
}
