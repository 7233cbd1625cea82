/**
 * Plain calendar dates ("YYYY-MM-DD") with day arithmetic done on integers.
 * No `Date` object is involved, so the answers never depend on the machine's time zone
 * (a clerk's PC in UTC+7, the Worker in UTC, a test runner anywhere) and the code runs
 * unchanged in IE11 after babel.
 */

/** An ISO calendar date, "2025-12-31". */
export type IsoDate = string;

export interface CalendarDate {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
}

const ISO_DATE_PATTERN = /^([1-9][0-9]{3})-([0-9]{2})-([0-9]{2})$/;

/** Zero-padding by hand: `padStart` is missing in IE11 without a polyfill. */
export function pad2(n: number): string {
  return n < 10 ? "0" + n : String(n);
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isValidYmd(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1000 &&
    year <= 9999 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  );
}

/** Builds "YYYY-MM-DD"; throws for a day that does not exist (2025-02-29). */
export function isoDate(year: number, month: number, day: number): IsoDate {
  if (!isValidYmd(year, month, day)) {
    throw new RangeError(`Invalid calendar date: year ${year}, month ${month}, day ${day}`);
  }
  return year + "-" + pad2(month) + "-" + pad2(day);
}

function matchIsoDate(s: string): CalendarDate | null {
  const m = ISO_DATE_PATTERN.exec(s);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return isValidYmd(year, month, day) ? { year, month, day } : null;
}

export function isIsoDate(s: unknown): s is IsoDate {
  return typeof s === "string" && matchIsoDate(s) !== null;
}

/** "2025-12-31" → { year: 2025, month: 12, day: 31 }; throws for anything else. */
export function parseIsoDate(s: string): CalendarDate {
  const parsed = typeof s === "string" ? matchIsoDate(s) : null;
  if (!parsed) {
    throw new RangeError(`Invalid ISO date ${JSON.stringify(s)}: expected an existing day as YYYY-MM-DD`);
  }
  return parsed;
}

/**
 * Days since 1970-01-01 (negative before). Howard Hinnant's days_from_civil: exact
 * proleptic Gregorian arithmetic, so leap years (2028, not 2100, 2000) come out right.
 */
export function dayNumber(date: IsoDate): number {
  const { year, month, day } = parseIsoDate(date);
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const shiftedMonth = (month + 9) % 12; // March = 0, so the leap day ends the year
  const dayOfYear = Math.floor((153 * shiftedMonth + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** Inverse of `dayNumber`. */
export function fromDayNumber(days: number): IsoDate {
  if (!Number.isInteger(days)) throw new RangeError(`Day number must be an integer, got ${days}`);
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return isoDate(year, month, day);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** 0 = Sunday (Chủ nhật), 1 = Monday (thứ Hai) … 6 = Saturday (thứ Bảy). */
export function dayOfWeek(date: IsoDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

/** Negative, zero or positive like a comparator; valid ISO dates also sort as strings. */
export function compareIsoDates(a: IsoDate, b: IsoDate): number {
  return dayNumber(a) - dayNumber(b);
}
