import type { FormDefinition, RowValue, SubmittedRow } from "../forms/types";
import { formatInteger } from "../format";
import { rowShapeOf } from "../forms/registry";
import { dateLabel } from "../periods/labels";

/** One field of a form as a person reads it: "(3) Thụ lý mới" and "1.234". */
export interface SummaryRow {
  key: string;
  label: string;
  value: string;
  derived: boolean;
  indent: boolean;
}

/**
 * The form's figures as the clerk reads them, field by field: the pane's preview, the receipt's
 * "what was sent", the review card and the review board on /tai-ve (which gets them printed by
 * the Worker) all print them here.
 */
export function summaryRows(form: FormDefinition, values: Readonly<Record<string, number | null>>): SummaryRow[] {
  return form.fields.map((f): SummaryRow => {
    const v = values[f.key];
    return {
      key: f.key,
      label: (f.column !== null ? "(" + f.column + ") " : "") + f.label.vi,
      value: typeof v === "number" ? formatInteger(v) : "(trống)",
      derived: f.kind === "derived",
      indent: f.partOf !== undefined,
    };
  });
}

/**
 * The rows a report carries besides the unit's figures (RowShape "officer" or "list"), as a
 * reviewer reads them: one line per Chấp hành viên or per case, a header per column, figures in
 * Vietnamese number style and dates as dd/mm/yyyy. The review card in the pane and on /tai-ve
 * print them here; null for a form without rows or a report that sent none.
 */
export interface RowsTable {
  /** "Chia theo Chấp hành viên: 3 dòng" */
  caption: string;
  headers: string[];
  /** Which headers are figures (printed right-aligned). */
  numeric: boolean[];
  rows: string[][];
}

export function rowsTable(form: FormDefinition, rows: readonly SubmittedRow[] | undefined): RowsTable | null {
  const shape = rowShapeOf(form);
  if (shape.kind === "unit" || !rows || rows.length === 0) return null;
  const columns: { key: string; label: string; type: "text" | "date" | "count" | "money" }[] = [];
  if (shape.kind === "officer") {
    for (const key of shape.fields) {
      const f = form.fields.filter((x) => x.key === key)[0];
      columns.push({ key, label: f ? (f.column !== null ? "(" + f.column + ") " : "") + f.label.vi : key, type: f ? f.valueType : "count" });
    }
  } else {
    for (const c of shape.columns) columns.push({ key: c.key, label: c.label.vi, type: c.type });
  }
  const caption = (shape.kind === "officer" ? "Chia theo " + shape.rowLabel.vi : "Danh sách: mỗi " + shape.rowLabel.vi.toLowerCase() + " một dòng") +
    " (" + formatInteger(rows.length) + " dòng)";
  return {
    caption,
    headers: [shape.rowLabel.vi].concat(columns.map((c) => c.label)),
    numeric: [false].concat(columns.map((c) => c.type === "count" || c.type === "money")),
    rows: rows.map((r) => [r.label].concat(columns.map((c) => rowCell(r.values[c.key], c.type)))),
  };
}

function rowCell(v: RowValue | undefined, type: "text" | "date" | "count" | "money"): string {
  if (v === null || v === undefined || v === "") return "";
  if (typeof v === "number") return formatInteger(v);
  // A stored date is ISO (shared/forms/rows.ts checks it); anything else is printed as sent.
  if (type === "date" && /^\d{4}-\d{2}-\d{2}$/.test(v)) return dateLabel(v);
  return v;
}
