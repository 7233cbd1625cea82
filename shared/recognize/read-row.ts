/**
 * The figures of one recognised row, as they will be sent: figures typed as text in
 * Vietnamese notation read exactly, a dash read as zero, money converted into nghìn đồng
 * only where that is exact, parts summed where the mapping says so, and every such step
 * said. What cannot be read exactly is passed on as it is, so that the shared checks reject it.
 */
import { cellAddress } from "../a1";
import type { FieldDefinition } from "../forms/types";
import { formatInteger } from "../format";
import { reason, type Reason } from "./messages";
import { isBlank } from "./normalize";
import { readCellNumber, scaleExactly, type CellNumber } from "./numbers";
import type { CellPosition, ColumnMapping, ColumnReport, FormRecognition } from "./recognize";
import { SCALE_NAMES, toThousands } from "./units";

export interface RowReading {
  /** field key → the value to validate and send (a number, or the cell as it is when it cannot be read). */
  values: Record<string, unknown>;
  /** What was read in a way the clerk should know (text, dashes, conversions, sums). */
  notices: Reason[];
  /** Values that cannot be sent as they are (inexact conversions, ambiguous notation). */
  refused: Reason[];
}

function fieldLabel(rec: FormRecognition, key: string): { vi: string; en: string } {
  for (let i = 0; i < rec.form.fields.length; i++) {
    const f = rec.form.fields[i] as FieldDefinition;
    if (f.key === key) return f.label;
  }
  return { vi: key, en: key };
}

function show(n: number): string {
  return n % 1 === 0 ? formatInteger(n) : String(n).replace(".", ",");
}

/** One cell read, scaled into the form's unit; `value` is what goes to the checks. */
function readOne(rec: FormRecognition, src: readonly unknown[], row: number, col: number, notices: Reason[], refused: Reason[]): { value: unknown; blank: boolean } {
  const v = col < src.length ? src[col] : undefined;
  const cell = cellAddress(rec.origin.row + row + 1, rec.origin.col + col + 1);
  const n: CellNumber = readCellNumber(v);
  if (n.kind === "blank") return { value: null, blank: true };
  if (n.kind === "text") {
    if (n.ambiguous) refused.push(reason("value_ambiguous", { cell, text: n.text }));
    return { value: v, blank: false };
  }
  if (n.source === "text") notices.push(reason("value_text", { cell, text: n.text, value: show(n.value) }));
  if (n.source === "dash") notices.push(reason("value_dash", { cell, text: n.text }));
  const scale = rec.money ? toThousands(rec.money.scale) : null;
  if (!scale || n.value === 0) return { value: n.value, blank: false };
  const unit = SCALE_NAMES[(rec.money as { scale: keyof typeof SCALE_NAMES }).scale];
  const exact = scaleExactly(n, scale);
  if (exact === null) {
    refused.push(reason("value_inexact", { cell, text: show(n.value), unit, unitEn: unit }));
    // Not a whole number of nghìn đồng: the checks reject it ("không phải số nguyên").
    return { value: "divide" in scale ? n.value / scale.divide : n.value * scale.multiply, blank: false };
  }
  notices.push(reason("value_converted", { cell, text: show(n.value), unit, unitEn: unit, value: formatInteger(exact) }));
  return { value: exact, blank: false };
}

export function readRow(values: readonly (readonly unknown[])[], rec: FormRecognition, row: number): RowReading {
  const out: Record<string, unknown> = {};
  const notices: Reason[] = [];
  const refused: Reason[] = [];
  const src = values[row] || [];
  for (let i = 0; i < rec.mappings.length; i++) {
    const mp = rec.mappings[i] as ColumnMapping;
    const cols = mp.cols || [mp.col];
    if (cols.length === 1) {
      out[mp.field] = readOne(rec, src, row, cols[0] as number, notices, refused).value;
      continue;
    }
    let sum = 0;
    let result: unknown = null;
    let done = true;
    const label = fieldLabel(rec, mp.field);
    const cells: string[] = [];
    for (let k = 0; k < cols.length; k++) {
      const col = cols[k] as number;
      cells.push(cellAddress(rec.origin.row + row + 1, rec.origin.col + col + 1));
      const one = readOne(rec, src, row, col, notices, refused);
      if (!done) continue;
      if (one.blank) {
        // An empty part is not a zero: the sum is unknown.
        notices.push(reason("value_part_missing", { label: label.vi, labelEn: label.en, cell: cells[k] as string }));
        result = null;
        done = false;
      } else if (typeof one.value !== "number") {
        result = one.value;
        done = false;
      } else sum += one.value;
    }
    if (done) {
      result = sum;
      notices.push(reason("value_summed", { label: label.vi, labelEn: label.en, cells: cells.join(" + "), value: show(sum) }));
    }
    out[mp.field] = result;
  }
  return { values: out, notices, refused };
}

/**
 * The values of one recognised row, keyed by field, ready for validateForm: read as
 * `readRow` reads them, empty cells as null, unmapped fields absent (validateForm then
 * reports them missing).
 */
export function toFormValues(values: readonly (readonly unknown[])[], recognition: FormRecognition, row: number): Record<string, unknown> {
  const out = readRow(values, recognition, row).values;
  for (const key in out) if (isBlank(out[key])) out[key] = null;
  return out;
}

/** Where each field of a row sits, for highlighting the cells a finding names (a sum: its first part). */
export function fieldCells(recognition: FormRecognition, row: number): Record<string, CellPosition> {
  const out: Record<string, CellPosition> = {};
  for (const key in recognition.columns) out[key] = { row, col: recognition.columns[key] as number };
  return out;
}

/**
 * The recognition as the clerk corrected it: `choices` gives, by column index, the field a
 * column is (several columns for one field are summed), or "" for a column not to send.
 * Columns the clerk did not touch keep what the recogniser made of them.
 */
export function withColumnChoices(rec: FormRecognition, choices: Readonly<Record<string, string>>): FormRecognition {
  const assigned: Record<number, { field: string; by: ColumnMapping["by"] }> = {};
  for (let i = 0; i < rec.mappings.length; i++) {
    const mp = rec.mappings[i] as ColumnMapping;
    const cols = mp.cols || [mp.col];
    for (let k = 0; k < cols.length; k++) assigned[cols[k] as number] = { field: mp.field, by: mp.by };
  }
  let touched = false;
  for (const key in choices) {
    const col = parseInt(key, 10);
    if (isNaN(col)) continue;
    touched = true;
    const field = choices[key] as string;
    if (field === "") delete assigned[col];
    else assigned[col] = { field, by: "clerk" };
  }
  if (!touched) return rec;
  const headerOf: Record<number, ColumnReport> = {};
  for (let i = 0; i < rec.columnReport.length; i++) headerOf[(rec.columnReport[i] as ColumnReport).col] = rec.columnReport[i] as ColumnReport;
  const byField: Record<string, number[]> = {};
  const order: string[] = [];
  const cols: number[] = [];
  for (const k in assigned) cols.push(parseInt(k, 10));
  cols.sort((a, b) => a - b);
  for (let i = 0; i < cols.length; i++) {
    const a = assigned[cols[i] as number] as { field: string };
    if (!byField[a.field]) {
      byField[a.field] = [];
      order.push(a.field);
    }
    (byField[a.field] as number[]).push(cols[i] as number);
  }
  const mappings: ColumnMapping[] = [];
  const columns: Record<string, number> = {};
  const sums: Record<string, number[]> = {};
  for (let i = 0; i < order.length; i++) {
    const field = order[i] as string;
    const cs = byField[field] as number[];
    let clerk = false;
    for (let k = 0; k < cs.length; k++) if ((assigned[cs[k] as number] as { by: string }).by === "clerk") clerk = true;
    const first = cs[0] as number;
    const headers: string[] = [];
    for (let k = 0; k < cs.length; k++) headers.push(headerOf[cs[k] as number] ? (headerOf[cs[k] as number] as ColumnReport).header : "");
    const orig = (assigned[first] as { by: ColumnMapping["by"] }).by;
    const mp: ColumnMapping = { field, col: first, by: clerk ? "clerk" : orig, header: headers.join(" + "), number: headerOf[first] ? (headerOf[first] as ColumnReport).number : null };
    if (cs.length > 1) {
      mp.cols = cs.slice();
      sums[field] = cs.slice();
    }
    mappings.push(mp);
    columns[field] = first;
  }
  const report: ColumnReport[] = [];
  for (let i = 0; i < rec.columnReport.length; i++) {
    const r = rec.columnReport[i] as ColumnReport;
    const a = assigned[r.col];
    const chosen = choices[String(r.col)];
    if (chosen === undefined) {
      report.push(r);
      continue;
    }
    report.push(a
      ? { col: r.col, header: r.header, number: r.number, field: a.field, by: "clerk", status: (byField[a.field] as number[]).length > 1 ? "summed" : "mapped" }
      : { col: r.col, header: r.header, number: r.number, field: null, by: "clerk", status: "unknown" });
  }
  const unmappedFields: string[] = [];
  for (let i = 0; i < rec.form.fields.length; i++) {
    const key = (rec.form.fields[i] as FieldDefinition).key;
    if (columns[key] === undefined) unmappedFields.push(key);
  }
  return {
    recognised: true,
    form: rec.form,
    regime: rec.regime,
    table: rec.table,
    origin: rec.origin,
    anchor: rec.anchor,
    title: rec.title,
    numberRow: rec.numberRow,
    headerRows: rec.headerRows,
    columns,
    sums,
    mappings,
    columnReport: report,
    dataRows: rec.dataRows,
    unmapped: { labels: rec.unmapped.labels, fields: unmappedFields },
    confidence: rec.confidence,
    reasons: rec.reasons,
    questions: rec.questions,
    blocking: rec.blocking,
    acknowledge: rec.acknowledge,
    money: rec.money,
    alternatives: rec.alternatives,
    others: rec.others,
  };
}
