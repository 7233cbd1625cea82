/** The periods a clerk can pick: months (and weeks, for weekly collections) that have ended, newest first. */
import {
  cumulativeLabel,
  monthLabel,
  periodOfDate,
  previousMonth,
  previousWeek,
  vietnamDateOf,
  weekLabel,
  weekOfDate,
  type PeriodKey,
} from "../../../shared/periods";

export interface PeriodOption {
  key: PeriodKey;
  /** "tháng 11/2025 (2 tháng năm 2026)" */
  label: string;
}

/** The Vietnamese calendar date of an instant (UTC+7, no daylight saving), by shared/periods. */
export function vietnamIsoDate(epochMs: number): string {
  return vietnamDateOf(new Date(epochMs).toISOString());
}

/** A report is due after its month ends, so the default is last month. */
export function periodOptions(nowMs: number, count = 15): PeriodOption[] {
  const out: PeriodOption[] = [];
  let p = previousMonth(periodOfDate(vietnamIsoDate(nowMs)));
  for (let i = 0; i < count; i++) {
    out.push({ key: p, label: monthLabel(p) + " (" + cumulativeLabel(p) + ")" });
    p = previousMonth(p);
  }
  return out;
}

/** Weeks that have ended (Monday–Sunday), newest first: for the collections reported weekly. */
export function weekOptions(nowMs: number, count = 8): PeriodOption[] {
  const out: PeriodOption[] = [];
  let w = previousWeek(weekOfDate(vietnamIsoDate(nowMs)));
  for (let i = 0; i < count; i++) {
    out.push({ key: w, label: weekLabel(w) });
    w = previousWeek(w);
  }
  return out;
}
