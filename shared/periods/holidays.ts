/**
 * Working days of Vietnamese public servants: Monday–Friday, minus public holidays and
 * the days the Government swaps into a holiday, plus the Saturdays it declares make-up
 * working days (ngày làm bù). Tết follows the lunar calendar and the swaps are announced
 * year by year, so the list is data (holidays-vn.json) that an administrator replaces
 * without a code change; this module only reads it.
 */

import { addDays, dayNumber, dayOfWeek, isIsoDate, parseIsoDate, type IsoDate } from "./calendar-date";
import holidaysVnJson from "./holidays-vn.json";

/** official: announced, or fixed by the Labour Code; provisional: a best guess to revisit. */
export type HolidayStatus = "official" | "provisional";
/** partial: some entries of the year are still provisional (see each entry). */
export type HolidayYearStatus = "official" | "partial" | "provisional";

export interface HolidayRange {
  name: string;
  /** First and last day off, inclusive, as announced (weekend days inside included). */
  from: IsoDate;
  to: IsoDate;
  /** Defaults to the year's status when that is "official" or "provisional". */
  status?: HolidayStatus;
  note?: string;
}

export interface MakeUpWorkingDay {
  /** A Saturday or Sunday that is a working day. */
  date: IsoDate;
  status?: HolidayStatus;
  note?: string;
}

export interface HolidayYear {
  year: number;
  status: HolidayYearStatus;
  source: string;
  holidays: HolidayRange[];
  makeUpWorkingDays: MakeUpWorkingDay[];
}

export interface HolidayData {
  description?: string;
  years: HolidayYear[];
}

/** A lookup built once from HolidayData. Plain objects, not Set/Map, for old engines. */
export interface WorkingCalendar {
  /** Weekdays and weekend days off, ISO date → holiday name. */
  readonly holidays: Readonly<Record<IsoDate, string>>;
  /** Weekend days that are working days. */
  readonly makeUpWorkingDays: Readonly<Record<IsoDate, true>>;
  /** Dates whose status (holiday or make-up day) is provisional. */
  readonly provisionalDates: Readonly<Record<IsoDate, true>>;
  /** Calendar years the data covers, with their status. */
  readonly years: Readonly<Record<string, HolidayYearStatus>>;
}

export interface BuildCalendarOptions {
  /** Leave out provisional entries (count them as ordinary days). Default: include them. */
  includeProvisional?: boolean;
}

const HOLIDAY_STATUSES: readonly string[] = ["official", "provisional"];
const YEAR_STATUSES: readonly string[] = ["official", "partial", "provisional"];

function has(record: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, key);
}

function fail(where: string, problem: string): never {
  throw new Error(`Invalid holiday data at ${where}: ${problem}`);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function readDate(v: unknown, where: string): IsoDate {
  if (!isIsoDate(v)) fail(where, `expected an existing day as YYYY-MM-DD, got ${JSON.stringify(v)}`);
  return v;
}

function readOptionalStatus(v: unknown, where: string): HolidayStatus | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== "string" || HOLIDAY_STATUSES.indexOf(v) < 0) {
    fail(where, `status must be "official" or "provisional", got ${JSON.stringify(v)}`);
  }
  return v as HolidayStatus;
}

function readOptionalString(v: unknown, where: string): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== "string") fail(where, "expected a string");
  return v;
}

/**
 * Checks raw JSON (the bundled file or an administrator's replacement) without zod at
 * runtime, which the IE11 task pane cannot afford. A malformed file is a deployment bug,
 * so it throws.
 */
export function parseHolidayData(raw: unknown): HolidayData {
  if (!isObject(raw) || !Array.isArray(raw.years)) fail("root", "expected { years: [...] }");
  const seenYears: Record<string, true> = {};
  const years: HolidayYear[] = raw.years.map((y: unknown, i: number): HolidayYear => {
    const at = `years[${i}]`;
    if (!isObject(y)) fail(at, "expected an object");
    if (typeof y.year !== "number" || !Number.isInteger(y.year)) fail(at, "year must be an integer");
    if (has(seenYears, String(y.year))) fail(at, `year ${y.year} is listed twice`);
    seenYears[String(y.year)] = true;
    if (typeof y.status !== "string" || YEAR_STATUSES.indexOf(y.status) < 0) {
      fail(at, `status must be "official", "partial" or "provisional"`);
    }
    if (typeof y.source !== "string" || y.source === "") fail(at, "source is required");
    if (!Array.isArray(y.holidays)) fail(at, "holidays must be an array");
    if (!Array.isArray(y.makeUpWorkingDays)) fail(at, "makeUpWorkingDays must be an array");

    const holidays = y.holidays.map((h: unknown, j: number): HolidayRange => {
      const hat = `${at}.holidays[${j}]`;
      if (!isObject(h)) fail(hat, "expected an object");
      if (typeof h.name !== "string" || h.name === "") fail(hat, "name is required");
      const from = readDate(h.from, hat + ".from");
      const to = readDate(h.to, hat + ".to");
      if (dayNumber(to) < dayNumber(from)) fail(hat, `to (${to}) is before from (${from})`);
      const range: HolidayRange = { name: h.name, from, to };
      const status = readOptionalStatus(h.status, hat);
      if (status !== undefined) range.status = status;
      const note = readOptionalString(h.note, hat + ".note");
      if (note !== undefined) range.note = note;
      return range;
    });

    const makeUpWorkingDays = y.makeUpWorkingDays.map((d: unknown, j: number): MakeUpWorkingDay => {
      const dat = `${at}.makeUpWorkingDays[${j}]`;
      if (!isObject(d)) fail(dat, "expected an object");
      const date = readDate(d.date, dat + ".date");
      const weekday = dayOfWeek(date);
      // A make-up day on a weekday would change nothing: it is a typo in the data.
      if (weekday !== 0 && weekday !== 6) fail(dat, `${date} is not a Saturday or Sunday`);
      const day: MakeUpWorkingDay = { date };
      const status = readOptionalStatus(d.status, dat);
      if (status !== undefined) day.status = status;
      const note = readOptionalString(d.note, dat + ".note");
      if (note !== undefined) day.note = note;
      return day;
    });

    return {
      year: y.year,
      status: y.status as HolidayYearStatus,
      source: y.source,
      holidays,
      makeUpWorkingDays,
    };
  });
  const data: HolidayData = { years };
  if (typeof raw.description === "string") data.description = raw.description;
  return data;
}

function effectiveStatus(own: HolidayStatus | undefined, year: HolidayYearStatus): HolidayStatus {
  if (own !== undefined) return own;
  return year === "provisional" ? "provisional" : "official";
}

export function buildWorkingCalendar(
  data: HolidayData,
  options: BuildCalendarOptions = {},
): WorkingCalendar {
  const includeProvisional = options.includeProvisional !== false;
  const holidays: Record<IsoDate, string> = {};
  const makeUp: Record<IsoDate, true> = {};
  const provisional: Record<IsoDate, true> = {};
  const years: Record<string, HolidayYearStatus> = {};

  for (const y of data.years) {
    years[String(y.year)] = y.status;
    for (const h of y.holidays) {
      const status = effectiveStatus(h.status, y.status);
      if (status === "provisional" && !includeProvisional) continue;
      const last = dayNumber(h.to);
      for (let d = h.from; dayNumber(d) <= last; d = addDays(d, 1)) {
        holidays[d] = h.name;
        if (status === "provisional") provisional[d] = true;
      }
    }
    for (const m of y.makeUpWorkingDays) {
      const status = effectiveStatus(m.status, y.status);
      if (status === "provisional" && !includeProvisional) continue;
      makeUp[m.date] = true;
      if (status === "provisional") provisional[m.date] = true;
    }
  }
  for (const date in makeUp) {
    if (has(holidays, date)) {
      throw new Error(`Invalid holiday data: ${date} is both a holiday and a make-up working day`);
    }
  }
  return { holidays, makeUpWorkingDays: makeUp, provisionalDates: provisional, years };
}

/** The bundled holiday list, checked once at load. */
export const VN_HOLIDAY_DATA: HolidayData = parseHolidayData(holidaysVnJson);

/** Public servants' calendar from the bundled list, provisional entries included. */
export const DEFAULT_WORKING_CALENDAR: WorkingCalendar = buildWorkingCalendar(VN_HOLIDAY_DATA);

/** A calendar with weekends only: for tests and for years the data does not cover. */
export const WEEKENDS_ONLY_CALENDAR: WorkingCalendar = buildWorkingCalendar({ years: [] });

/**
 * Whether the holiday list covers the date's year. Outside it only weekends count as
 * days off, so a deadline computed there may be too early: callers should say so.
 */
export function calendarCovers(date: IsoDate, calendar: WorkingCalendar = DEFAULT_WORKING_CALENDAR): boolean {
  return has(calendar.years, String(parseIsoDate(date).year));
}

/**
 * True when the date's working/non-working status could still change: its year is not
 * covered or wholly provisional, or the date itself is a provisional entry.
 */
export function isProvisionalDay(date: IsoDate, calendar: WorkingCalendar = DEFAULT_WORKING_CALENDAR): boolean {
  const yearStatus = calendar.years[String(parseIsoDate(date).year)];
  return yearStatus === undefined || yearStatus === "provisional" || has(calendar.provisionalDates, date);
}

/** The holiday's name if the date is a day off by announcement, else null. */
export function holidayName(date: IsoDate, calendar: WorkingCalendar = DEFAULT_WORKING_CALENDAR): string | null {
  parseIsoDate(date);
  return has(calendar.holidays, date) ? (calendar.holidays[date] ?? null) : null;
}

export function isWorkingDay(date: IsoDate, calendar: WorkingCalendar = DEFAULT_WORKING_CALENDAR): boolean {
  if (has(calendar.holidays, date)) return false;
  if (has(calendar.makeUpWorkingDays, date)) return true;
  const weekday = dayOfWeek(date); // also validates the date
  return weekday !== 0 && weekday !== 6;
}

/**
 * The n-th working day after the date (n > 0), or before it (n < 0); the date itself
 * does not count, working day or not. n = 0 returns the date unchanged.
 */
export function addWorkingDays(
  date: IsoDate,
  n: number,
  calendar: WorkingCalendar = DEFAULT_WORKING_CALENDAR,
): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`Working-day count must be an integer, got ${n}`);
  parseIsoDate(date);
  const step = n < 0 ? -1 : 1;
  let remaining = Math.abs(n);
  let current = date;
  while (remaining > 0) {
    current = addDays(current, step);
    if (isWorkingDay(current, calendar)) remaining--;
  }
  return current;
}

/**
 * Working days in (from, to]: the count such that addWorkingDays(from, count) is the
 * last working day on or before `to`. Negative when `to` is before `from`, so
 * "submitted 2 working days late" reads straight off it.
 */
export function workingDaysBetween(
  from: IsoDate,
  to: IsoDate,
  calendar: WorkingCalendar = DEFAULT_WORKING_CALENDAR,
): number {
  const start = dayNumber(from);
  const end = dayNumber(to);
  if (end < start) {
    const back = workingDaysBetween(to, from, calendar);
    return back === 0 ? 0 : -back; // never -0, which surprises strict equality checks
  }
  let count = 0;
  for (let d = addDays(from, 1), n = start + 1; n <= end; d = addDays(d, 1), n++) {
    if (isWorkingDay(d, calendar)) count++;
  }
  return count;
}
