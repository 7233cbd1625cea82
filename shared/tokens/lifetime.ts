/**
 * How long an access token lives. A clerk's token must cover a whole statistical year of
 * monthly reports (October → September) plus the month in which the 12-month report is sent,
 * so the default is 13 months from the day it was issued, to the end of that day in Vietnam.
 * A deployment may change the default (TOKEN_LIFETIME_MONTHS); a request may ask for an
 * earlier last day. The pane warns its clerk a month before.
 */
import { daysInMonth, dayNumber, isoDate, parseIsoDate, type IsoDate } from "../periods/calendar-date";
import { vietnamDateOf } from "../periods/deadlines";

export const DEFAULT_TOKEN_LIFETIME_MONTHS = 13;
/** No token outlives two statistical years and a month: a lost one must die on its own. */
export const MAX_TOKEN_LIFETIME_MONTHS = 25;
export const TOKEN_EXPIRY_WARNING_DAYS = 30;

/**
 * A deployment's default lifetime as configured (the Worker's TOKEN_LIFETIME_MONTHS, from
 * deploy.env's THADS_TOKEN_LIFETIME_MONTHS): a whole number of months within 1…25, else the
 * default. The Worker and `npm run token` read it the same way, so a token issued on the
 * command line lives as long as one issued through the API.
 */
export function lifetimeMonthsFrom(configured: string | undefined): number {
  const n = Number(configured);
  return configured !== undefined && Number.isInteger(n) && n >= 1 && n <= MAX_TOKEN_LIFETIME_MONTHS ? n : DEFAULT_TOKEN_LIFETIME_MONTHS;
}

/** 2026-01-31 + 1 month → 2026-02-28: the same day of the month, or the month's last day. */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const { year, month, day } = parseIsoDate(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return isoDate(y, m, Math.min(day, daysInMonth(y, m)));
}

/** The instant a token valid through `lastDay` stops working: 23:59:59.999 in Vietnam (UTC+7, no DST). */
export function endOfVietnamDay(lastDay: IsoDate): string {
  parseIsoDate(lastDay);
  return lastDay + "T16:59:59.999Z";
}

/** The last day (in Vietnam) a token issued at `issuedAt` works by default. */
export function defaultLastDay(issuedAt: string, months: number = DEFAULT_TOKEN_LIFETIME_MONTHS): IsoDate {
  return addMonths(vietnamDateOf(issuedAt), months);
}

/** The latest last day a token issued at `issuedAt` may be given. */
export function latestLastDay(issuedAt: string): IsoDate {
  return addMonths(vietnamDateOf(issuedAt), MAX_TOKEN_LIFETIME_MONTHS);
}

/**
 * Whole days from today (in Vietnam) to the token's last day: 0 on the last day itself,
 * negative once it has expired.
 */
export function daysLeft(expiresAt: string, now: string): number {
  return dayNumber(vietnamDateOf(expiresAt)) - dayNumber(vietnamDateOf(now));
}

export type ExpiryChoice =
  | { ok: true; expiresAt: string }
  /** The last day asked for is in the past or beyond the longest lifetime. */
  | { ok: false; earliest: IsoDate; latest: IsoDate };

/**
 * When a token issued at `now` stops working: the end of `lastDay` in Vietnam if one is asked
 * for (from today to MAX_TOKEN_LIFETIME_MONTHS ahead), else `months` after today.
 */
export function chooseExpiry(now: string, months: number, lastDay?: IsoDate): ExpiryChoice {
  if (lastDay === undefined) return { ok: true, expiresAt: endOfVietnamDay(defaultLastDay(now, months)) };
  const earliest = vietnamDateOf(now);
  const latest = latestLastDay(now);
  return lastDay < earliest || lastDay > latest ? { ok: false, earliest, latest } : { ok: true, expiresAt: endOfVietnamDay(lastDay) };
}
