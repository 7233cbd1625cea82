/**
 * Weeks (issue 8: weekly figures in campaigns, seed 002 "thống kê kết quả việc, tiền theo
 * tuần"). An ISO 8601 week, Monday to Sunday, named "2026-W12": the week belongs to the year
 * that holds its Thursday, so 29/12/2025–04/01/2026 is "2026-W01". The key sorts as a string
 * within a year and never collides with a month key ("2026-03").
 */

import { addDays, dayNumber, dayOfWeek, fromDayNumber, isoDate, parseIsoDate, type IsoDate } from "./calendar-date";

export type WeekKey = string;

const WEEK_KEY_PATTERN = /^([1-9][0-9]{3})-W(0[1-9]|[1-4][0-9]|5[0-3])$/;

/** Monday of week 1: the Monday on or before 4 January (4 January is always in week 1). */
function firstMonday(year: number): number {
  const jan4 = isoDate(year, 1, 4);
  const dow = dayOfWeek(jan4); // 0 = Sunday
  return dayNumber(jan4) - ((dow + 6) % 7);
}

/** 52 or 53: a year has 53 ISO weeks when its week 53 still ends before the next year's week 1. */
export function weeksInYear(year: number): number {
  return (firstMonday(year + 1) - firstMonday(year)) / 7;
}

export function weekKey(year: number, week: number): WeekKey {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`Invalid week year ${year}`);
  if (!Number.isInteger(week) || week < 1 || week > weeksInYear(year)) {
    throw new RangeError(`Invalid week ${week} of ${year}: expected 1–${weeksInYear(year)}`);
  }
  return year + "-W" + (week < 10 ? "0" + week : String(week));
}

/** True for "2026-W12"; false for "2026-W54", "2025-W53" (2025 has 52 weeks) and month keys. */
export function isWeekKey(s: unknown): s is WeekKey {
  if (typeof s !== "string") return false;
  const m = WEEK_KEY_PATTERN.exec(s);
  return m !== null && Number(m[2]) <= weeksInYear(Number(m[1]));
}

export function parseWeek(key: string): { year: number; week: number } {
  if (!isWeekKey(key)) {
    throw new RangeError(`Invalid week key ${JSON.stringify(key)}: expected YYYY-Www with a week of that year, e.g. "2026-W12"`);
  }
  return { year: Number(key.slice(0, 4)), week: Number(key.slice(6)) };
}

/** Monday. */
export function weekStart(key: WeekKey): IsoDate {
  const { year, week } = parseWeek(key);
  return fromDayNumber(firstMonday(year) + (week - 1) * 7);
}

/** Sunday: the week's last day, on which its definition in force is judged. */
export function weekEnd(key: WeekKey): IsoDate {
  return addDays(weekStart(key), 6);
}

/** The week holding the date: "2026-03-18" → "2026-W12"; "2025-12-29" → "2026-W01". */
export function weekOfDate(date: IsoDate): WeekKey {
  const n = dayNumber(date);
  const thursday = n - ((dayOfWeek(date) + 6) % 7) + 3;
  const year = parseIsoDate(fromDayNumber(thursday)).year;
  return weekKey(year, Math.floor((thursday - firstMonday(year)) / 7) + 1);
}

export function previousWeek(key: WeekKey): WeekKey {
  return weekOfDate(addDays(weekStart(key), -7));
}

/** Same week last year (cùng kỳ): week 53 of a year compares with week 52 when last year had none. */
export function sameWeekLastYear(key: WeekKey): WeekKey {
  const { year, week } = parseWeek(key);
  return weekKey(year - 1, Math.min(week, weeksInYear(year - 1)));
}

function dayMonth(date: IsoDate): string {
  const d = parseIsoDate(date);
  return d.day + "/" + d.month;
}

/** "Tuần 12/2026": the week's name alone, where the days follow in full (a document's period line). */
export function weekName(key: WeekKey): string {
  const { year, week } = parseWeek(key);
  return "Tuần " + week + "/" + year;
}

/** "Tuần 12/2026 (16/3–22/3)". */
export function weekLabel(key: WeekKey): string {
  const { year, week } = parseWeek(key);
  return "Tuần " + week + "/" + year + " (" + dayMonth(weekStart(key)) + "–" + dayMonth(weekEnd(key)) + ")";
}

/** "Week 12 of 2026 (16/3–22/3)". */
export function weekLabelEn(key: WeekKey): string {
  const { year, week } = parseWeek(key);
  return "Week " + week + " of " + year + " (" + dayMonth(weekStart(key)) + "–" + dayMonth(weekEnd(key)) + ")";
}
