/**
 * How periods are named in report titles and form headers. Plain string building, no
 * Intl: the task pane also runs in IE11, whose "vi-VN" locale data is unreliable.
 */

import { pad2, parseIsoDate, type IsoDate } from "./calendar-date";
import {
  isQuarterEnd,
  monthIndex,
  parsePeriod,
  periodEnd,
  periodStart,
  statQuarterOf,
  statYearOf,
  type PeriodKey,
} from "./period";

const ROMAN_QUARTERS = ["I", "II", "III", "IV"];
const MONTH_NAMES_EN = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/**
 * Months 1 and 2 take a leading zero, the others do not ("tháng 01/2026",
 * "tháng 3/2026", "tháng 12/2025"): the convention of Nghị định 30/2020/NĐ-CP for dates
 * in administrative documents, which the offices' report titles follow.
 */
function monthNumberVn(month: number): string {
  return month <= 2 ? pad2(month) : String(month);
}

/** "2025-12-31" → "31/12/2025" (numeric dates are always fully padded). */
export function dateLabel(date: IsoDate): string {
  const { year, month, day } = parseIsoDate(date);
  return pad2(day) + "/" + pad2(month) + "/" + year;
}

/** "tháng 12/2025": the calendar month on its own. */
export function monthLabel(period: PeriodKey): string {
  const { year, month } = parsePeriod(period);
  return "tháng " + monthNumberVn(month) + "/" + year;
}

/** "năm 2026": the statistical year. */
export function annualLabel(statYear: number): string {
  return "năm " + statYear;
}

/** "3 tháng năm 2026" for 2025-12; "12 tháng năm 2026" for 2026-09. */
export function cumulativeLabel(period: PeriodKey): string {
  return monthIndex(period) + " tháng " + annualLabel(statYearOf(period));
}

/** "Quý I/2026" for 2025-12 (Oct–Dec 2025); null for a month that does not close a quarter. */
export function quarterLabel(period: PeriodKey): string | null {
  if (!isQuarterEnd(period)) return null;
  return "Quý " + ROMAN_QUARTERS[statQuarterOf(period) - 1] + "/" + statYearOf(period);
}

/** "6 tháng năm 2026" for the March report (the half-year); null otherwise. */
export function halfYearLabel(period: PeriodKey): string | null {
  return monthIndex(period) === 6 ? cumulativeLabel(period) : null;
}

/** "từ ngày 01/10/2025 đến ngày 31/12/2025": the span the cumulative report covers. */
export function periodRangeLabel(period: PeriodKey): string {
  return "từ ngày " + dateLabel(periodStart(period)) + " đến ngày " + dateLabel(periodEnd(period));
}

// ——— English, for the bilingual parts of the interface ———

/** "December 2025". */
export function monthLabelEn(period: PeriodKey): string {
  const { year, month } = parsePeriod(period);
  return MONTH_NAMES_EN[month - 1] + " " + year;
}

/** "statistical year 2026". */
export function annualLabelEn(statYear: number): string {
  return "statistical year " + statYear;
}

/** "3 months of statistical year 2026"; "1 month of …" for October. */
export function cumulativeLabelEn(period: PeriodKey): string {
  const n = monthIndex(period);
  return n + (n === 1 ? " month of " : " months of ") + annualLabelEn(statYearOf(period));
}

/** "Q1/2026" for 2025-12; null for a month that does not close a quarter. */
export function quarterLabelEn(period: PeriodKey): string | null {
  if (!isQuarterEnd(period)) return null;
  return "Q" + statQuarterOf(period) + "/" + statYearOf(period);
}

/** "from 01/10/2025 to 31/12/2025". */
export function periodRangeLabelEn(period: PeriodKey): string {
  return "from " + dateLabel(periodStart(period)) + " to " + dateLabel(periodEnd(period));
}
