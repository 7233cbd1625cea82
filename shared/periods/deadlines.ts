/**
 * Submission deadlines: a number of working days after the period's last day, by level.
 * The only rule known for sure is TT 06/2019; later circulars and the Cục's internal
 * rule may differ, so the offsets are data passed in, with TT 06/2019 as the default.
 */

import { dayNumber, isoDate, pad2, parseIsoDate, fromDayNumber, type IsoDate } from "./calendar-date";
import {
  DEFAULT_WORKING_CALENDAR,
  addWorkingDays,
  isProvisionalDay,
  type WorkingCalendar,
} from "./holidays";
import { periodEnd, type PeriodKey } from "./period";

/**
 * officer: a chấp hành viên's own report; office: a regional office, or the province's
 * own office as an enforcing unit; province: the province total (own office + offices).
 */
export type ReportLevel = "officer" | "office" | "province";

export const REPORT_LEVELS: readonly ReportLevel[] = ["officer", "office", "province"];

export interface DeadlineRule {
  /** The legal basis, e.g. "TT06_2019". */
  regime: string;
  /** First period end date the rule applies to. */
  validFrom: IsoDate;
  /** Working days after the period end, by level. */
  offsetsByLevel: { officer: number; office: number; province: number };
}

/** TT 06/2019/TT-BTP, in force from 05/01/2020: 1, 2 and 4 working days. */
export const TT06_2019_DEADLINE_RULE: DeadlineRule = {
  regime: "TT06_2019",
  validFrom: "2020-01-05",
  offsetsByLevel: { officer: 1, office: 2, province: 4 },
};

export const DEFAULT_DEADLINE_RULES: readonly DeadlineRule[] = [TT06_2019_DEADLINE_RULE];

/** Vietnam has kept UTC+7 all year, without daylight saving, since 1975. */
export const VIETNAM_UTC_OFFSET_MINUTES = 7 * 60;

const MS_PER_MINUTE = 60000;
const MS_PER_DAY = 86400000;

/**
 * The rule in force for a period: the latest whose validFrom is on or before the
 * period's last day. The period end, not the submission date, decides, because the
 * reporting obligation arises when the period closes.
 */
export function deadlineRuleFor(
  period: PeriodKey,
  rules: readonly DeadlineRule[] = DEFAULT_DEADLINE_RULES,
): DeadlineRule {
  const end = dayNumber(periodEnd(period));
  let best: DeadlineRule | null = null;
  for (const rule of rules) {
    const from = dayNumber(rule.validFrom);
    if (from <= end && (best === null || from >= dayNumber(best.validFrom))) best = rule;
  }
  if (best === null) {
    throw new RangeError(`No deadline rule is in force for period ${period}`);
  }
  return best;
}

function offsetFor(rule: DeadlineRule, level: ReportLevel): number {
  const offset = rule.offsetsByLevel[level];
  if (!Number.isInteger(offset) || offset < 0) {
    throw new RangeError(`Deadline rule ${rule.regime} has an invalid offset for ${level}: ${offset}`);
  }
  return offset;
}

/**
 * The last day (Vietnam time) on which the report is on time: 2025-12, office →
 * 2026-01-06 (01/01–04/01/2026 are off, the 2nd by swap).
 */
export function deadlineFor(
  period: PeriodKey,
  level: ReportLevel,
  rules: readonly DeadlineRule[] = DEFAULT_DEADLINE_RULES,
  calendar: WorkingCalendar = DEFAULT_WORKING_CALENDAR,
): IsoDate {
  return deadlineDetails(period, level, rules, calendar).date;
}

/** Epoch milliseconds of 23:59:59.999 Vietnam time on the given day. */
function endOfVietnamDayMs(date: IsoDate): number {
  const { year, month, day } = parseIsoDate(date);
  return Date.UTC(year, month - 1, day) + MS_PER_DAY - 1 - VIETNAM_UTC_OFFSET_MINUTES * MS_PER_MINUTE;
}

function formatUtcInstant(ms: number): string {
  const d = new Date(ms);
  const millis = d.getUTCMilliseconds();
  return (
    isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()) +
    "T" +
    pad2(d.getUTCHours()) +
    ":" +
    pad2(d.getUTCMinutes()) +
    ":" +
    pad2(d.getUTCSeconds()) +
    "." +
    (millis < 10 ? "00" : millis < 100 ? "0" : "") +
    millis +
    "Z"
  );
}

/** The last instant of a day in Vietnam, in UTC: "2026-01-06" → "2026-01-06T16:59:59.999Z". */
export function vietnamEndOfDayUtc(date: IsoDate): string {
  return formatUtcInstant(endOfVietnamDayMs(date));
}

/** The deadline as an instant in UTC: "2026-01-06T16:59:59.999Z" (23:59:59.999 in Vietnam). */
export function deadlineInstantUtc(
  period: PeriodKey,
  level: ReportLevel,
  rules: readonly DeadlineRule[] = DEFAULT_DEADLINE_RULES,
  calendar: WorkingCalendar = DEFAULT_WORKING_CALENDAR,
): string {
  return formatUtcInstant(endOfVietnamDayMs(deadlineFor(period, level, rules, calendar)));
}

const INSTANT_PATTERN =
  /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:\.([0-9]{1,9}))?)?(Z|[+-][0-9]{2}:[0-9]{2})$/;

/**
 * Parses an ISO 8601 instant that names its offset ("…Z" or "…+07:00") into epoch
 * milliseconds. Hand-written because engines disagree on strings without an offset
 * (ES5 reads them as UTC, ES2015 as local time), and a submission time must never
 * depend on the machine's time zone: such strings are rejected.
 */
export function parseInstant(instant: string): number {
  const m = typeof instant === "string" ? INSTANT_PATTERN.exec(instant) : null;
  if (!m) {
    throw new RangeError(
      `Invalid instant ${JSON.stringify(instant)}: expected ISO 8601 with Z or ±HH:MM, e.g. "2026-01-05T09:30:00Z"`,
    );
  }
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  isoDate(year, month, day); // throws for a day that does not exist
  const hours = Number(m[4]);
  const minutes = Number(m[5]);
  const seconds = m[6] === undefined ? 0 : Number(m[6]);
  // Digits, not floating point: "0.57" * 1000 must not become 569.
  const millis = m[7] === undefined ? 0 : Number((m[7] + "00").slice(0, 3));
  if (hours > 23 || minutes > 59 || seconds > 59) {
    throw new RangeError(`Invalid time of day in instant ${JSON.stringify(instant)}`);
  }
  let offsetMinutes = 0;
  const zone = m[8] ?? "Z";
  if (zone !== "Z") {
    const sign = zone.charAt(0) === "-" ? -1 : 1;
    offsetMinutes = sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  }
  return (
    Date.UTC(year, month - 1, day, hours, minutes, seconds, millis) - offsetMinutes * MS_PER_MINUTE
  );
}

/** The calendar day in Vietnam at that instant: "2026-01-05T17:00:00Z" → "2026-01-06". */
export function vietnamDateOf(instant: string): IsoDate {
  const localMs = parseInstant(instant) + VIETNAM_UTC_OFFSET_MINUTES * MS_PER_MINUTE;
  return fromDayNumber(Math.floor(localMs / MS_PER_DAY));
}

/** True when the submission came after 23:59:59.999 Vietnam time on the deadline day. */
export function isLate(
  submittedAt: string,
  period: PeriodKey,
  level: ReportLevel,
  rules: readonly DeadlineRule[] = DEFAULT_DEADLINE_RULES,
  calendar: WorkingCalendar = DEFAULT_WORKING_CALENDAR,
): boolean {
  return parseInstant(submittedAt) > endOfVietnamDayMs(deadlineFor(period, level, rules, calendar));
}

export interface DeadlineDetails {
  period: PeriodKey;
  level: ReportLevel;
  regime: string;
  /** Last on-time day, Vietnam time. */
  date: IsoDate;
  /** Last on-time instant, UTC. */
  instantUtc: string;
  /**
   * True when a day between the period end and the deadline may still change status
   * (provisional holiday data, or a year the list does not cover): show it as "dự kiến".
   */
  provisional: boolean;
}

export function deadlineDetails(
  period: PeriodKey,
  level: ReportLevel,
  rules: readonly DeadlineRule[] = DEFAULT_DEADLINE_RULES,
  calendar: WorkingCalendar = DEFAULT_WORKING_CALENDAR,
): DeadlineDetails {
  const rule = deadlineRuleFor(period, rules);
  const end = periodEnd(period);
  const date = addWorkingDays(end, offsetFor(rule, level), calendar);
  let provisional = false;
  for (let n = dayNumber(end) + 1; n <= dayNumber(date); n++) {
    if (isProvisionalDay(fromDayNumber(n), calendar)) {
      provisional = true;
      break;
    }
  }
  return {
    period,
    level,
    regime: rule.regime,
    date,
    instantUtc: formatUtcInstant(endOfVietnamDayMs(date)),
    provisional,
  };
}
