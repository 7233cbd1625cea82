/**
 * Reporting periods. A period is named by the calendar month its cumulative report
 * closes: "2025-12" is the report covering 01/10/2025–31/12/2025, month 3 of
 * statistical year 2026 (the statistical year runs 1 October → 30 September).
 */

import { daysInMonth, isoDate, parseIsoDate, type IsoDate } from "./calendar-date";

/** "YYYY-MM", the calendar month a cumulative report closes. */
export type PeriodKey = string;

export interface Period {
  year: number;
  /** Calendar month, 1–12. */
  month: number;
}

/** October: cumulative figures restart from zero on 1 October each year. */
export const STAT_YEAR_FIRST_MONTH = 10;
export const MONTHS_PER_STAT_YEAR = 12;

// Four digits with no leading zero keeps keys sortable as strings and unambiguous.
const PERIOD_KEY_PATTERN = /^([1-9][0-9]{3})-(0[1-9]|1[0-2])$/;

export function periodKey(year: number, month: number): PeriodKey {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) {
    throw new RangeError(`Invalid period year ${year}: expected a four-digit year`);
  }
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`Invalid period month ${month}: expected 1–12`);
  }
  return year + "-" + (month < 10 ? "0" + month : String(month));
}

export function isPeriodKey(s: unknown): s is PeriodKey {
  return typeof s === "string" && PERIOD_KEY_PATTERN.test(s);
}

/**
 * The years a period named in any input may fall in (API queries and bodies, the add-in,
 * scripts). Narrower than what `periodKey` can build: a report compares with the same period
 * a year earlier and computes deadlines in the following months, so arithmetic on an accepted
 * period must stay inside 1000–9999 ("9999-12" has no next month, which was a 500). From
 * 2020-01, the first period with a deadline rule and a form (TT 06/2019, in force from
 * 2020-01-05): an older period is a typing error. An older rule added here moves the bound.
 */
export const FIRST_REPORTING_YEAR = 2020;
export const LAST_REPORTING_YEAR = 2099;

/** A well-formed period key whose year the system serves: what every schema accepts. */
export function isReportingPeriod(s: unknown): s is PeriodKey {
  if (!isPeriodKey(s)) return false;
  const year = Number(s.slice(0, 4));
  return year >= FIRST_REPORTING_YEAR && year <= LAST_REPORTING_YEAR;
}

/** "2025-12" → { year: 2025, month: 12 }; throws for "2025-13", "2025-1", "abc". */
export function parsePeriod(key: string): Period {
  const m = typeof key === "string" ? PERIOD_KEY_PATTERN.exec(key) : null;
  if (!m) {
    throw new RangeError(
      `Invalid period key ${JSON.stringify(key)}: expected YYYY-MM with a two-digit month 01–12, e.g. "2025-12"`,
    );
  }
  return { year: Number(m[1]), month: Number(m[2]) };
}

/** Orders period keys chronologically (valid keys also sort as plain strings). */
export function comparePeriods(a: PeriodKey, b: PeriodKey): number {
  const pa = parsePeriod(a);
  const pb = parsePeriod(b);
  return pa.year * 12 + pa.month - (pb.year * 12 + pb.month);
}

// ——— Statistical year ———

/** 2025-10 → 2026, 2025-12 → 2026, 2026-09 → 2026. */
export function statYearOf(period: PeriodKey): number {
  const { year, month } = parsePeriod(period);
  return month >= STAT_YEAR_FIRST_MONTH ? year + 1 : year;
}

/** The statistical years of the accepted periods: 2020 (from "2020-01") to 2100 (to "2099-12"). */
export const FIRST_REPORTING_STAT_YEAR = FIRST_REPORTING_YEAR;
export const LAST_REPORTING_STAT_YEAR = LAST_REPORTING_YEAR + 1;

/** Position in the statistical year: October = 1 … September = 12 ("N tháng"). */
export function monthIndex(period: PeriodKey): number {
  const { month } = parsePeriod(period);
  return month >= STAT_YEAR_FIRST_MONTH
    ? month - STAT_YEAR_FIRST_MONTH + 1
    : month + MONTHS_PER_STAT_YEAR - STAT_YEAR_FIRST_MONTH + 1;
}

/** Inverse of (statYearOf, monthIndex): (2026, 3) → "2025-12". */
export function periodOfYear(statYear: number, index: number): PeriodKey {
  if (!Number.isInteger(index) || index < 1 || index > MONTHS_PER_STAT_YEAR) {
    throw new RangeError(`Invalid month index ${index}: expected 1 (October) to 12 (September)`);
  }
  if (!Number.isInteger(statYear)) {
    throw new RangeError(`Invalid statistical year ${statYear}`);
  }
  const calendarMonth = ((STAT_YEAR_FIRST_MONTH - 1 + index - 1) % 12) + 1;
  const calendarYear = calendarMonth >= STAT_YEAR_FIRST_MONTH ? statYear - 1 : statYear;
  return periodKey(calendarYear, calendarMonth);
}

/** The twelve periods of a statistical year, October first. */
export function periodsOfYear(statYear: number): PeriodKey[] {
  const out: PeriodKey[] = [];
  for (let i = 1; i <= MONTHS_PER_STAT_YEAR; i++) out.push(periodOfYear(statYear, i));
  return out;
}

/** First day covered by the cumulative report: 1 October of its statistical year. */
export function periodStart(period: PeriodKey): IsoDate {
  return isoDate(statYearOf(period) - 1, STAT_YEAR_FIRST_MONTH, 1);
}

/** First day of the closing month itself (for month-only flows). */
export function monthStart(period: PeriodKey): IsoDate {
  const { year, month } = parsePeriod(period);
  return isoDate(year, month, 1);
}

/** Last day covered: the last day of the closing month. */
export function periodEnd(period: PeriodKey): IsoDate {
  const { year, month } = parsePeriod(period);
  return isoDate(year, month, daysInMonth(year, month));
}

/** The period whose closing month contains the date: "2026-01-15" → "2026-01". */
export function periodOfDate(date: IsoDate): PeriodKey {
  const { year, month } = parseIsoDate(date);
  return periodKey(year, month);
}

/** September: the 12-month (annual) report. */
export function isFinalPeriod(period: PeriodKey): boolean {
  return monthIndex(period) === MONTHS_PER_STAT_YEAR;
}

/** Quarter of the statistical year, 1–4: Quý I = Oct–Dec. */
export function statQuarterOf(period: PeriodKey): number {
  return Math.ceil(monthIndex(period) / 3);
}

/** December, March, June, September: the report that closes a quarter. */
export function isQuarterEnd(period: PeriodKey): boolean {
  return monthIndex(period) % 3 === 0;
}

// ——— Navigation ———

export function previousMonth(period: PeriodKey): PeriodKey {
  const { year, month } = parsePeriod(period);
  return month === 1 ? periodKey(year - 1, 12) : periodKey(year, month - 1);
}

export function nextMonth(period: PeriodKey): PeriodKey {
  const { year, month } = parsePeriod(period);
  return month === 12 ? periodKey(year + 1, 1) : periodKey(year, month + 1);
}

/**
 * The previous month of the same statistical year, or null for October: cumulative
 * reports restart each October, so "never decreases" rules and month-only flows must
 * not compare October with the September before it.
 */
export function previousMonthInYear(period: PeriodKey): PeriodKey | null {
  return monthIndex(period) === 1 ? null : previousMonth(period);
}

/**
 * The report closing the quarter before the one the period falls in: 2026-02 → 2025-12;
 * 2025-12 → 2025-09 (which belongs to the previous statistical year, so callers
 * comparing cumulative values must treat Quý I as starting from zero).
 */
export function previousQuarterEnd(period: PeriodKey): PeriodKey {
  const prevEndIndex = (statQuarterOf(period) - 1) * 3;
  const statYear = statYearOf(period);
  return prevEndIndex === 0
    ? periodOfYear(statYear - 1, MONTHS_PER_STAT_YEAR)
    : periodOfYear(statYear, prevEndIndex);
}

/** Cùng kỳ: the same cumulative period of the previous statistical year (2025-12 → 2024-12). */
export function samePeriodLastYear(period: PeriodKey): PeriodKey {
  const { year, month } = parsePeriod(period);
  return periodKey(year - 1, month);
}

/**
 * The 12-month report of the previous statistical year (2025-12 → 2025-09): its
 * "chuyển kỳ sau" becomes this year's "năm trước chuyển sang".
 */
export function finalPeriodOfPreviousYear(period: PeriodKey): PeriodKey {
  return periodOfYear(statYearOf(period) - 1, MONTHS_PER_STAT_YEAR);
}
