import type { Finding, FindingCode } from "../findings";
import { isEmpty, problemOf, type FormValues } from "../values";
import { validateForm, type FormHistory, type FormValidation } from "../validate";
import { isIsoDate, parseIsoDate, isoDate, daysInMonth } from "../periods/calendar-date";
import type { FormDefinition, ListColumn, RowAggregate } from "./types";
import { rowCellKey } from "./row-cells";

/**
 * The rows of a list collection (issue 8 item 4; seed 004: cases of 20 tỷ or more, cases older
 * than 3 years): one row per case, typed cells, and the unit's figures computed from them.
 * Both hosts run this: the pane before sending, the Worker because it never trusts the client.
 *
 * Storage (worker/migrations/0008): the rows stay with their revision, and the figures computed
 * from them (a count of rows, a sum of a column, optionally over the rows meeting a condition)
 * become the revision's values, so the exact aggregates, comparisons and completeness work on a
 * list collection exactly as on any other.
 */

export type RowCell = string | number | null;
export type SubmittedRow = Readonly<Record<string, RowCell | undefined>>;

/** A cell as its column's type, or the finding that says why it is not. */
function cellOf(col: ListColumn, v: unknown): { value: string | number | null; problem: FindingCode | null } {
  if (isEmpty(v)) return { value: null, problem: col.required ? "missing_value" : null };
  if (col.type === "text") return { value: String(v).trim(), problem: null };
  if (col.type === "date") return isIsoDate(v) ? { value: v, problem: null } : { value: null, problem: "invalid_date" };
  const problem = problemOf(v);
  return { value: problem ? null : (v as number), problem };
}

/** The day `years` before `date` (29 February goes to the 28th in a year without it). */
function yearsBefore(date: string, years: number): string {
  const d = parseIsoDate(date);
  const y = d.year - years;
  return isoDate(y, d.month, Math.min(d.day, daysInMonth(y, d.month)));
}

function matches(a: RowAggregate, row: Record<string, string | number | null>, periodEnd: string): boolean {
  if (!a.where) return true;
  const v = row[a.where.column];
  if (v === null || v === undefined) return false;
  if (a.where.min !== undefined) return typeof v === "number" && v >= a.where.min;
  // "Older than N years" at the period's end: on or before the day N years earlier.
  if (a.where.olderThanYears !== undefined) return typeof v === "string" && v <= yearsBefore(periodEnd, a.where.olderThanYears);
  return true;
}

export interface CheckedRows {
  /** The rows as their columns' types (null where empty or invalid). */
  rows: Record<string, string | number | null>[];
  /** The unit's figures computed from the rows, by field key. */
  aggregates: Record<string, number>;
  findings: Finding[];
}

/** Checks every cell by its column's type and computes the unit's figures from the valid cells. */
export function checkListRows(form: FormDefinition, raw: readonly SubmittedRow[], periodEnd: string): CheckedRows {
  const findings: Finding[] = [];
  const rows: Record<string, string | number | null>[] = [];
  const shape = form.rows;
  if (!shape || shape.kind !== "list") {
    if (raw.length > 0) findings.push({ code: "unknown_field", severity: "error", fields: ["rows"], params: {} });
    return { rows, aggregates: {}, findings };
  }
  const known: Record<string, true> = {};
  for (const c of shape.columns) known[c.key] = true;
  raw.forEach((r, i) => {
    const out: Record<string, string | number | null> = {};
    for (const key of Object.keys(r)) {
      if (!known[key] && r[key] !== undefined) findings.push({ code: "unknown_field", severity: "error", fields: [rowCellKey(i, key)], params: {} });
    }
    for (const col of shape.columns) {
      const cell = cellOf(col, r[col.key]);
      out[col.key] = cell.value;
      if (cell.problem) findings.push({ code: cell.problem, severity: "error", fields: [rowCellKey(i, col.key)], params: cell.problem === "missing_value" ? {} : { value: r[col.key] } });
    }
    rows.push(out);
  });
  const aggregates: Record<string, number> = {};
  for (const f of form.fields) {
    if (!f.fromRows) continue;
    const a = f.fromRows;
    let total = 0;
    for (const row of rows) {
      if (!matches(a, row, periodEnd)) continue;
      const v = a.op === "count" ? 1 : row[a.column as string];
      if (typeof v === "number") total += v;
    }
    if (!Number.isSafeInteger(total)) findings.push({ code: "unsafe_integer", severity: "error", fields: [f.key], params: { value: total } });
    aggregates[f.key] = total;
  }
  return { rows, aggregates, findings };
}

export interface SubmissionValidation extends FormValidation {
  /** The rows as checked (empty for a collection without rows). */
  rows: Record<string, string | number | null>[];
}

/**
 * The one validation of a submission: for a list collection the rows are checked and the
 * figures computed from them replace whatever was sent for those fields (they are never typed);
 * then the form's own checks and rules run on the values as for any collection.
 */
export function validateSubmission(
  form: FormDefinition,
  values: FormValues,
  rows: readonly SubmittedRow[] | undefined,
  history: FormHistory,
  periodEnd: string,
): SubmissionValidation {
  const checkedRows = checkListRows(form, rows || [], periodEnd);
  const merged: Record<string, unknown> = {};
  for (const k of Object.keys(values)) merged[k] = values[k];
  for (const k of Object.keys(checkedRows.aggregates)) merged[k] = checkedRows.aggregates[k];
  const checked = validateForm(form, merged, history);
  return { values: checked.values, findings: checkedRows.findings.concat(checked.findings), skipped: checked.skipped, rows: checkedRows.rows };
}
