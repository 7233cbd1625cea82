import type { Finding, FindingCode } from "../findings";
import type { FormDefinition, ListColumn, SubmittedRow } from "./types";
import { rowShapeOf } from "./registry";
import { isEmpty, problemOf } from "../values";
import { isIsoDate } from "../periods/calendar-date";

/**
 * The checks of a submission's rows (types.ts RowShape), run by validateForm in the add-in
 * and the Worker alike. The unit's own figures are checked by the form's rules; here only
 * what the rows add: each cell's type, unique keys, and for a breakdown by officer that the
 * rows add up exactly to the unit's figures (a breakdown that does not add up would make the
 * officers' results disagree with the unit's, which is what the unit is judged on).
 */

function cellProblem(column: ListColumn, v: unknown): FindingCode | null {
  if (column.type === "count" || column.type === "money") return problemOf(v);
  if (column.type === "date") return isIsoDate(v) ? null : "not_a_date";
  return typeof v === "string" ? null : "not_a_number";
}

/**
 * Findings on `rows` for `form`, given the unit's checked figures. `rows` undefined means none
 * were sent. Every finding on one row carries `params.row`, so a message can name it.
 */
export function checkRows(form: FormDefinition, unitValues: Readonly<Record<string, number | null>>, rows: readonly SubmittedRow[] | undefined): Finding[] {
  const shape = rowShapeOf(form);
  const out: Finding[] = [];
  if (shape.kind === "unit") {
    if (rows !== undefined && rows.length > 0) out.push({ code: "rows_unexpected", severity: "error", fields: [], params: {} });
    return out;
  }
  if (rows === undefined || rows.length === 0) {
    // A list of cases may be empty: an office with no case of 20 tỷ or more reports none, and
    // its figures are zeros. Officers' rows are the unit's figures broken down: never empty.
    if (shape.kind === "officer") out.push({ code: "rows_missing", severity: "error", fields: [], params: {} });
    return out;
  }
  const keys = new Set<string>();
  for (const r of rows) {
    const row = { key: r.key, label: r.label };
    if (keys.has(r.key)) out.push({ code: "row_duplicate", severity: "error", fields: [], params: { row } });
    keys.add(r.key);
  }
  if (shape.kind === "officer") {
    const sums: Record<string, number> = {};
    let complete = true;
    for (const r of rows) {
      const row = { key: r.key, label: r.label };
      for (const key of shape.fields) {
        const v = r.values[key];
        const problem = isEmpty(v) ? "missing_value" : problemOf(v);
        if (problem !== null) {
          out.push({ code: problem, severity: "error", fields: [key], params: { value: v, row } });
          complete = false;
          continue;
        }
        sums[key] = (sums[key] ?? 0) + (v as number);
      }
      for (const key of Object.keys(r.values)) {
        if (shape.fields.indexOf(key) < 0) out.push({ code: "unknown_field", severity: "error", fields: [key], params: { value: r.values[key], row } });
      }
    }
    // A sum is only meaningful when every cell of it was a number.
    if (complete) {
      for (const key of shape.fields) {
        const unit = unitValues[key];
        const sum = sums[key] ?? 0;
        if (typeof unit === "number" && sum !== unit) {
          out.push({ code: "rows_sum", severity: "error", fields: [key], params: { left: sum, right: unit, difference: sum - unit } });
        }
      }
    }
    return out;
  }
  for (const r of rows) {
    const row = { key: r.key, label: r.label };
    for (const column of shape.columns) {
      const v = r.values[column.key];
      if (isEmpty(v)) {
        if (column.required) out.push({ code: "missing_value", severity: "error", fields: [column.key], params: { row } });
        continue;
      }
      const problem = cellProblem(column, v);
      if (problem !== null) out.push({ code: problem, severity: "error", fields: [column.key], params: { value: v, row } });
    }
    for (const key of Object.keys(r.values)) {
      if (!shape.columns.some((c) => c.key === key)) out.push({ code: "unknown_field", severity: "error", fields: [key], params: { value: r.values[key], row } });
    }
  }
  return out;
}
