/** The periods a clerk can pick: months that have ended, newest first. */
import {
  cumulativeLabel,
  monthLabel,
  periodOfDate,
  previousMonth,
  type PeriodKey,
} from "../../../shared/periods";

export interface PeriodOption {
  key: PeriodKey;
  /** "tháng 11/2025 (2 tháng năm 2026)" */
  label: string;
}

/** The Vietnamese calendar date of an instant (UTC+7, no daylight saving). */
export function vietnamIsoDate(epochMs: number): string {
  const d = new Date(epochMs + 7 * 3600 * 1000);
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  return d.getUTCFullYear() + "-" + (m < 10 ? "0" : "") + m + "-" + (day < 10 ? "0" : "") + day;
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
