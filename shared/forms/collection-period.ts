import type { FormDefinition, PeriodType } from "./types";
import type { Basis } from "../reports/comparison/bases";
import { formInForce } from "./registry";
import {
  addWorkingDays,
  cumulativeLabel,
  dateLabel,
  deadlineInstantUtc,
  finalPeriodOfPreviousYear,
  isoDate,
  isPeriodKey,
  isWeekKey,
  monthLabel,
  nextMonth,
  parseInstant,
  parsePeriod,
  periodEnd,
  periodRangeLabel,
  previousMonth,
  previousMonthInYear,
  previousQuarterEnd,
  previousWeek,
  samePeriodLastYear,
  sameWeekLastYear,
  statYearOf,
  vietnamEndOfDayUtc,
  weekEnd,
  weekLabel,
  weekOfDate,
  weekStart,
  type IsoDate,
  type ReportLevel,
} from "../periods";

/**
 * What a period means for a given collection (issue 8 item 4): which keys it accepts, when it
 * ends and is due, what it is compared with and how it is named. Every surface asks here
 * rather than assuming the monthly cumulative period of forms 01/02, so a collection the Cục
 * defines as data (a month-end snapshot, a week) flows through submission, roll-up, comparison
 * and completeness with no code of its own.
 */

const CUMULATIVE: PeriodType = { kind: "cumulative_month" };

export function periodTypeOf(form: Pick<FormDefinition, "period">): PeriodType {
  return form.period ?? CUMULATIVE;
}

/** "2026-03" is a month (cumulative or snapshot), "2026-W12" a week; anything else is neither. */
export function periodKeyKind(key: string): "month" | "week" | null {
  return isPeriodKey(key) ? "month" : isWeekKey(key) ? "week" : null;
}

/** True when `key` names a period of this collection's type. */
export function acceptsPeriod(form: Pick<FormDefinition, "period">, key: string): boolean {
  const kind = periodKeyKind(key);
  return kind !== null && (periodTypeOf(form).kind === "week") === (kind === "week");
}

/** What a key of this type looks like, for the message that refuses another. */
export function periodKeyHint(form: Pick<FormDefinition, "period">): { vi: string; en: string } {
  return periodTypeOf(form).kind === "week"
    ? { vi: "tuần dạng YYYY-Www, ví dụ 2026-W12", en: "a week YYYY-Www, e.g. 2026-W12" }
    : { vi: "tháng dạng YYYY-MM, ví dụ 2026-03", en: "a month YYYY-MM, e.g. 2026-03" };
}

/** The period's last day, month or week: a definition is chosen by the one in force on it. */
export function periodEndOf(key: string): IsoDate {
  return isWeekKey(key) ? weekEnd(key) : periodEnd(key);
}

/** The statistical year the period's last day falls in (targets are set per statistical year). */
export function statYearOfAny(key: string): number {
  return statYearOf(isWeekKey(key) ? weekEnd(key).slice(0, 7) : key);
}

/** The definition of `formId` for the period: in force on its last day and of the period's type. */
export function collectionForPeriod(forms: readonly FormDefinition[], formId: string, key: string): FormDefinition | null {
  if (periodKeyKind(key) === null) return null;
  const form = formInForce(forms, formId, periodEndOf(key));
  return form !== null && acceptsPeriod(form, key) ? form : null;
}

/** Every definition reported for the period (a month: cumulative forms and snapshots; a week: weekly ones). */
export function collectionsForPeriod(forms: readonly FormDefinition[], key: string): FormDefinition[] {
  if (periodKeyKind(key) === null) return [];
  const end = periodEndOf(key);
  const ids: string[] = [];
  for (const f of forms) if (ids.indexOf(f.id) < 0) ids.push(f.id);
  ids.sort();
  const out: FormDefinition[] = [];
  for (const id of ids) {
    const f = formInForce(forms, id, end);
    if (f !== null && acceptsPeriod(f, key)) out.push(f);
  }
  return out;
}

/** The last on-time instant (UTC) of a unit's report at `level`. */
export function deadlineOf(form: Pick<FormDefinition, "period">, key: string, level: ReportLevel): string {
  const type = periodTypeOf(form);
  if (type.kind === "snapshot_month") {
    const next = parsePeriod(nextMonth(key));
    return vietnamEndOfDayUtc(isoDate(next.year, next.month, type.deadlineDay));
  }
  if (type.kind === "week") return vietnamEndOfDayUtc(addWorkingDays(weekEnd(key), type.deadlineWorkingDays));
  return deadlineInstantUtc(key, level);
}

/** One meaning of late: the first report arrived after the deadline. */
export function isLateFor(form: Pick<FormDefinition, "period">, submittedAt: string, key: string, level: ReportLevel): boolean {
  return parseInstant(submittedAt) > parseInstant(deadlineOf(form, key, level));
}

/**
 * The periods the cross-period rules read: prev_month and prev_year_final. A cumulative
 * report restarts each October, so its previous month stays in the statistical year; a
 * snapshot's previous month is simply the month before; a week has neither (the definition
 * check refuses rules that would read them).
 */
export function historyPeriods(form: Pick<FormDefinition, "period">, key: string): { prevMonth: string | null; prevYearFinal: string | null } {
  const kind = periodTypeOf(form).kind;
  if (kind === "cumulative_month") return { prevMonth: previousMonthInYear(key), prevYearFinal: finalPeriodOfPreviousYear(key) };
  if (kind === "snapshot_month") return { prevMonth: previousMonth(key), prevYearFinal: null };
  return { prevMonth: null, prevYearFinal: null };
}

/**
 * The period a comparison basis sets this one against: "prevMonth" is the previous period of
 * the collection's own kind (the previous week of a week, the previous snapshot of a snapshot,
 * the previous month of the same statistical year of a cumulative report, none in October),
 * "prevQuarter" the month that closed the previous quarter (none for a week), "samePeriod" the
 * same period a year earlier.
 */
export function basisPeriodOf(form: Pick<FormDefinition, "period">, basis: Basis, key: string): string | null {
  const kind = periodTypeOf(form).kind;
  if (kind === "week") return basis === "prevMonth" ? previousWeek(key) : basis === "samePeriod" ? sameWeekLastYear(key) : null;
  if (basis === "samePeriod") return samePeriodLastYear(key);
  if (basis === "prevQuarter") return previousQuarterEnd(key);
  return kind === "snapshot_month" ? previousMonth(key) : previousMonthInYear(key);
}

/** Every period a basis could name for this key, whatever the collection's type (read before the type is known). */
export function candidateBasisPeriods(key: string): string[] {
  if (isWeekKey(key)) return [previousWeek(key), sameWeekLastYear(key)];
  return [previousMonth(key), previousQuarterEnd(key), samePeriodLastYear(key)];
}

/** What the basis is called for this kind of period. */
export function basisLabelOf(form: Pick<FormDefinition, "period">, basis: Basis): string {
  if (basis === "samePeriod") return "Cùng kỳ năm trước";
  if (basis === "prevQuarter") return "Quý trước";
  return periodTypeOf(form).kind === "week" ? "Tuần trước" : "Tháng trước";
}

/** "3 tháng năm 2026" (cumulative), "tháng 3/2026" (snapshot), "Tuần 12/2026 (16/3–22/3)" (week). */
export function periodLabelOf(form: Pick<FormDefinition, "period">, key: string): string {
  const kind = periodTypeOf(form).kind;
  if (kind === "week") return weekLabel(key);
  if (kind === "snapshot_month") {
    const l = monthLabel(key);
    return l.charAt(0).toUpperCase() + l.slice(1);
  }
  return cumulativeLabel(key);
}

/** A period named without its collection (queue, receipt): "tháng 3/2026" or "Tuần 12/2026 (16/3–22/3)". */
export function shortPeriodLabel(key: string): string {
  return isWeekKey(key) ? weekLabel(key) : monthLabel(key);
}

/** The span under the period's name on a form sheet: "(từ ngày 01/10/2025 đến ngày 31/03/2026)", "(số liệu đến hết ngày 31/03/2026)". */
export function periodSpanOf(form: Pick<FormDefinition, "period">, key: string): string {
  const kind = periodTypeOf(form).kind;
  if (kind === "week") return "(từ ngày " + dateLabel(weekStart(key)) + " đến ngày " + dateLabel(weekEnd(key)) + ")";
  if (kind === "snapshot_month") return "(số liệu đến hết ngày " + dateLabel(periodEnd(key)) + ")";
  return "(" + periodRangeLabel(key) + ")";
}

/** The latest period of this type that has ended on `today` (the pane's default choice). */
export function latestEndedPeriod(form: Pick<FormDefinition, "period">, today: IsoDate): string {
  if (periodTypeOf(form).kind === "week") return previousWeek(weekOfDate(today));
  return previousMonth(today.slice(0, 7));
}
