import { problemOf } from "../values";
import { validateForm, type FormHistory, type FormValidation } from "../validate";
import { isIsoDate, parseIsoDate, isoDate, daysInMonth } from "../periods/calendar-date";
import type { FormDefinition, RowAggregate, RowValue, SubmittedRow } from "./types";

/**
 * The unit's figures of a list collection (issue 8 item 4; seed 004: cases of 20 tỷ or more,
 * cases older than 3 years), computed from its rows: a count of rows or a sum of a column,
 * optionally over the rows meeting a condition (FieldDefinition.fromRows). Both hosts run
 * this: the pane before sending, the Worker because it never trusts the client. The rows
 * themselves are checked cell by cell by shared/forms/rows.ts and stored with their revision
 * (submissions.rows_json); the figures become the revision's values, so the exact aggregates,
 * comparisons and completeness work on a list collection exactly as on any other.
 */

/** The day `years` before `date` (29 February goes to the 28th in a year without it). */
function yearsBefore(date: string, years: number): string {
  const d = parseIsoDate(date);
  const y = d.year - years;
  return isoDate(y, d.month, Math.min(d.day, daysInMonth(y, d.month)));
}

function matches(a: RowAggregate, row: Readonly<Record<string, RowValue>>, periodEnd: string): boolean {
  if (!a.where) return true;
  const v = row[a.where.column];
  if (v === null || v === undefined) return false;
  if (a.where.min !== undefined) return typeof v === "number" && v >= a.where.min;
  // "Older than N years" at the period's end: on or before the day N years earlier.
  if (a.where.olderThanYears !== undefined) return isIsoDate(v) && (v as string) <= yearsBefore(periodEnd, a.where.olderThanYears);
  return true;
}

/**
 * The unit's figures computed from `rows`, by field key (only the fields with `fromRows`).
 * A cell that is not a whole number is left out of a sum: checkRows reports it on its row,
 * the submission is refused, and the total adds no finding of its own.
 */
export function rowAggregates(form: FormDefinition, rows: readonly SubmittedRow[], periodEnd: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of form.fields) {
    const a = f.fromRows;
    if (!a) continue;
    let total = 0;
    for (const row of rows) {
      if (!matches(a, row.values, periodEnd)) continue;
      const v = a.op === "count" ? 1 : row.values[a.column as string];
      if (problemOf(v) === null) total += v as number;
    }
    out[f.key] = total;
  }
  return out;
}

/**
 * The one validation of a submission: for a list collection the figures computed from the
 * rows replace whatever was sent for those fields (they are never typed); then the form's
 * checks, rules and the rows' own checks run as for any collection (validateForm).
 */
export function validateSubmission(
  form: FormDefinition,
  values: Readonly<Record<string, unknown>>,
  rows: readonly SubmittedRow[] | undefined,
  history: FormHistory,
  periodEnd: string,
): FormValidation {
  const aggregates = rowAggregates(form, rows || [], periodEnd);
  const merged: Record<string, unknown> = {};
  for (const k of Object.keys(values)) merged[k] = values[k];
  for (const k of Object.keys(aggregates)) merged[k] = aggregates[k];
  return validateForm(form, merged, history, rows);
}
