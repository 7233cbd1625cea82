/**
 * A clerk's own sheet (last month's workbook, not one the add-in inserted) made into
 * something the pane can validate and submit exactly like an inserted form: which form
 * (shared/recognize), which row, which unit and which period — each either read from the
 * sheet, the only possible one, or a default the clerk is asked to check. Nothing is
 * guessed silently: every choice carries where it came from.
 */
import type { UnitDto } from "../../../shared/api/schemas";
import type { FormDefinition } from "../../../shared/forms/types";
import { cumulativeLabel, monthLabel, periodEnd, periodKey, periodOfDate, periodOfYear, isoDate } from "../../../shared/periods";
import {
  fieldCells, normalizeText, readRow, recognizeForm, regimeLabel, toFormValues, unitConverted, withColumnChoices, SCALE_NAMES,
  type ColumnReport, type FormRecognition, type MoneyScale, type RecognitionResult,
} from "../../../shared/recognize";
import { containsWords } from "../../../shared/recognize/normalize";
import { cellAddress, columnLetters } from "../../../shared/a1";
import { formatInteger } from "../../../shared/format";
import type { FormSheetRef, SheetValues } from "../excel/types";

/** Where a choice came from: the sheet says so, it is the only one possible, or a default to check. */
export type ChoiceSource = "sheet" | "only" | "default" | "clerk";

export interface Choice<T> {
  value: T;
  source: ChoiceSource;
  /** What on the sheet gave it ("12 tháng năm 2026 (từ ngày …)", a row's label). */
  evidence?: string;
}

export interface RowOption {
  /** 0-based index into the values read. */
  index: number;
  /** 1-based row number on the sheet. */
  sheetRow: number;
  label: string;
  total: boolean;
}

export interface RecognizedChoices {
  row: Choice<number>;
  unit: Choice<string>;
  period: Choice<string>;
}

export interface PeriodFound {
  period: string;
  text: string;
  cell: string;
}

function validYear(y: number): boolean {
  return y >= 2000 && y <= 2100;
}

/**
 * The period a sheet names in its title area: "12 tháng năm 2026" (cumulative), "tháng
 * 9/2026", "… đến ngày 30/9/2026". Only rows above `beforeRow` are read, so the signature's
 * "ngày 05 tháng 10 năm 2026" below the table does not count.
 */
export function periodFromSheet(values: readonly (readonly unknown[])[], origin: { row: number; col: number }, beforeRow?: number): PeriodFound | null {
  const last = beforeRow === undefined ? values.length : Math.min(beforeRow, values.length);
  for (let r = 0; r < last; r++) {
    const line = values[r] || [];
    for (let c = 0; c < line.length; c++) {
      const v = line[c];
      if (typeof v !== "string") continue;
      const t = normalizeText(v);
      const cell = cellAddress(origin.row + r + 1, origin.col + c + 1);
      let m = /(^| )(\d{1,2}) thang nam (\d{4})( |$)/.exec(t);
      if (m) {
        const n = Number(m[2]);
        const y = Number(m[3]);
        if (n >= 1 && n <= 12 && validYear(y)) return { period: periodOfYear(y, n), text: v.replace(/\s+/g, " ").trim(), cell };
      }
      m = /(^| )den ngay (\d{1,2}) (\d{1,2}) (\d{4})( |$)/.exec(t);
      if (m) {
        const d = Number(m[2]);
        const mo = Number(m[3]);
        const y = Number(m[4]);
        if (d >= 1 && d <= 31 && mo >= 1 && mo <= 12 && validYear(y)) {
          return { period: periodOfDate(isoDate(y, mo, 1)), text: v.replace(/\s+/g, " ").trim(), cell };
        }
      }
      m = /(^| )thang (\d{1,2}) (\d{4})( |$)/.exec(t);
      if (m) {
        const mo = Number(m[2]);
        const y = Number(m[3]);
        if (mo >= 1 && mo <= 12 && validYear(y)) return { period: periodKey(y, mo), text: v.replace(/\s+/g, " ").trim(), cell };
      }
    }
  }
  return null;
}

/**
 * The rows the clerk may send: units, and (flagged) totals. Subtotals, "trong đó" breakdowns
 * and comparisons are listed among the reasons, never offered.
 */
export function rowOptions(rec: FormRecognition, origin: { row: number; col: number }): RowOption[] {
  const out: RowOption[] = [];
  for (const d of rec.dataRows) {
    if (d.kind !== "unit" && d.kind !== "total") continue;
    out.push({ index: d.row, sheetRow: origin.row + d.row + 1, label: d.label, total: d.kind === "total" });
  }
  return out;
}

/** A row's label names the unit when one holds the other as whole words ("Phòng THADS khu vực 1" in "… khu vực 1 - Gia Lai"). */
export function labelNamesUnit(label: string, unitName: string): boolean {
  const a = normalizeText(label);
  const b = normalizeText(unitName);
  if (a === "" || b === "") return false;
  return containsWords(b, a) || containsWords(a, b);
}

/**
 * Row, unit and period for a recognised sheet. `previous` keeps what the clerk picked for
 * this sheet (re-checking after a fix must not lose it); `defaultPeriod` is the latest
 * ended month, used only when the sheet names none.
 */
export function chooseFor(
  rec: FormRecognition,
  sheet: SheetValues,
  units: readonly UnitDto[],
  defaultPeriod: string,
  previous?: SheetPicks | null,
): RecognizedChoices {
  const rows = rowOptions(rec, sheet.origin);
  const unitRows = rows.filter((r) => !r.total);
  const reporting = units.filter((u) => u.reporting);

  let row: Choice<number> | null = null;
  let unit: Choice<string> | null = null;
  if (previous && previous.row !== undefined) {
    for (const r of rows) if (r.sheetRow === previous.row) row = { value: r.sheetRow, source: "clerk", evidence: r.label };
  }
  if (previous && previous.unit !== undefined) {
    for (const u of reporting) if (u.code === previous.unit) unit = { value: u.code, source: "clerk" };
  }
  // A row whose label names one of the clerk's units settles both.
  if (row === null) {
    for (const r of unitRows) {
      for (const u of reporting) {
        if (row === null && (unit === null || unit.value === u.code) && labelNamesUnit(r.label, u.name)) {
          row = { value: r.sheetRow, source: "sheet", evidence: r.label };
          if (unit === null) unit = { value: u.code, source: "sheet", evidence: r.label };
        }
      }
    }
  }
  if (row === null) {
    const first = unitRows[0] || rows[0];
    if (first) row = { value: first.sheetRow, source: unitRows.length === 1 ? "only" : "default", evidence: first.label };
  }
  if (unit === null) {
    const chosenRow = row ? rows.filter((r) => r.sheetRow === row!.value)[0] : undefined;
    const named = chosenRow ? reporting.filter((u) => labelNamesUnit(chosenRow.label, u.name))[0] : undefined;
    if (named) unit = { value: named.code, source: "sheet", evidence: chosenRow ? chosenRow.label : undefined };
    else if (reporting.length > 0) unit = { value: (reporting[0] as UnitDto).code, source: reporting.length === 1 ? "only" : "default" };
    else unit = { value: "", source: "default" };
  }
  let period: Choice<string>;
  if (previous && previous.period) period = { value: previous.period, source: "clerk" };
  else {
    const found = periodFromSheet(sheet.values, sheet.origin, rec.headerRows.first);
    period = found
      ? { value: found.period, source: "sheet", evidence: found.text + " (ô " + found.cell + ")" }
      : { value: defaultPeriod, source: "default" };
  }
  return { row: row || { value: 0, source: "default" }, unit, period };
}

/** What the clerk picked on a recognised sheet; kept per sheet for the session. */
export interface SheetPicks {
  row?: number;
  unit?: string;
  period?: string;
  /** Which form of the sheet (TableRef.key) when it holds several. */
  table?: string;
  /** Per table key: column index → field key, "" for a column not to send. */
  columns?: Record<string, Record<string, string>>;
  /** Per table key: the money unit the clerk said the sheet is in. */
  money?: Record<string, MoneyScale>;
  /** Columns the clerk confirmed (confirmKey of each). */
  confirmed?: string[];
  /** Notices the clerk acknowledged (key of each). */
  acknowledged?: string[];
}

/** Every form found on the sheet, top to bottom. */
export function tablesOf(result: FormRecognition): FormRecognition[] {
  return [result].concat(result.others);
}

/**
 * The table the clerk picked (or the first), with the clerk's corrections applied: the
 * fields they gave columns, and the money unit they chose where the sheet states none.
 */
export function pickTable(result: FormRecognition, picks?: SheetPicks | null): FormRecognition {
  const all = tablesOf(result);
  let rec = all[0] as FormRecognition;
  if (picks && picks.table) for (const t of all) if (t.table.key === picks.table) rec = t;
  const key = rec.table.key;
  const columns = picks && picks.columns ? picks.columns[key] : undefined;
  if (columns) rec = withColumnChoices(rec, columns);
  const scale = picks && picks.money ? picks.money[key] : undefined;
  if (scale && rec.money && (rec.money.source === "assumed" || rec.money.source === "clerk")) {
    rec = {
      ...rec,
      money: { scale, source: "clerk" },
      questions: rec.questions.filter((q) => q.code !== "unit_suspect"),
      acknowledge: scale === "nghin_dong" ? [] : [unitConverted(scale)],
    };
  }
  return rec;
}

/** Recognition with the definitions in force at the chosen period (settles the regime). */
export function recognizeAt(sheet: SheetValues, forms: readonly FormDefinition[], period: string | null): RecognitionResult {
  return recognizeForm(sheet.values, forms, period ? { origin: sheet.origin, asOf: periodEnd(period) } : { origin: sheet.origin });
}

/** The same reference an inserted form has: the sheet, the form, the unit, the period, field → cell. */
export function recognizedRef(sheet: SheetValues, rec: FormRecognition, choices: RecognizedChoices): FormSheetRef {
  const index = choices.row.value - sheet.origin.row - 1;
  const positions = fieldCells(rec, index);
  const cells: Record<string, string> = {};
  for (const key of Object.keys(positions)) {
    const p = positions[key] as { row: number; col: number };
    cells[key] = cellAddress(sheet.origin.row + p.row + 1, sheet.origin.col + p.col + 1);
  }
  return {
    sheetName: sheet.sheetName,
    formId: rec.form.id,
    regime: rec.regime,
    unitCode: choices.unit.value,
    period: choices.period.value,
    cells,
    recognized: true,
  };
}

/** The row's values by field, as toFormValues reads them (text stays text, so the clerk is told). */
export function recognizedValues(sheet: SheetValues, rec: FormRecognition, choices: RecognizedChoices): Record<string, unknown> {
  return toFormValues(sheet.values, rec, choices.row.value - sheet.origin.row - 1);
}

const UNMAPPED_CODES: Record<string, true> = {
  column_conflict: true,
  label_unmapped: true,
  label_ambiguous: true,
  field_unmapped: true,
  duplicate_column: true,
  numbers_distrusted: true,
  field_partial: true,
  field_part_only: true,
  unit_conflict: true,
  unit_mismatch: true,
  unit_suspect: true,
  subtotal_mismatch: true,
  low_confidence: true,
};

export interface RecognitionView {
  headline: string;
  found: string[];
  unmapped: string[];
}

/** What the pane says about a recognition: what was found, and what could not be mapped. */
export function recognitionView(result: RecognitionResult, sheetName: string): RecognitionView {
  if (!result.recognised) {
    return {
      headline: "Trang “" + sheetName + "” không phải biểu do THADS Thống kê chèn, và không nhận ra được biểu mẫu 01 hay 02 trong đó.",
      found: [],
      unmapped: result.reasons.map((r) => r.message.vi),
    };
  }
  const found: string[] = [];
  const unmapped: string[] = [];
  for (const r of result.reasons) (UNMAPPED_CODES[r.code] ? unmapped : found).push(r.message.vi);
  let mapped = 0;
  for (const key of Object.keys(result.columns)) if (result.columns[key] !== undefined) mapped++;
  found.unshift("Ghép được " + mapped + "/" + result.form.fields.length + " chỉ tiêu của biểu mẫu (theo số thứ tự cột và tên cột).");
  return {
    headline:
      "Nhận ra " + result.form.code + " – " + result.form.title.vi + " (" + regimeLabel(result.regime) + ") trên trang “" + sheetName +
      "” (trang do bạn lập, độ tin cậy " + Math.round(result.confidence * 100) + "%).",
    found,
    unmapped,
  };
}

/** "tháng 9/2026 (12 tháng năm 2026)" */
export function periodText(period: string): string {
  return monthLabel(period) + " (" + cumulativeLabel(period) + ")";
}

export function sourceText(c: Choice<unknown>): string {
  switch (c.source) {
    case "sheet":
      return c.evidence ? "đọc từ trang tính: “" + c.evidence + "”" : "đọc từ trang tính";
    case "only":
      return "lựa chọn duy nhất";
    case "clerk":
      return "bạn đã chọn";
    default:
      return "chưa xác định được từ trang tính: hãy kiểm tra";
  }
}

// ——— the mapping, as the clerk reviews it before sending ———

export interface ReviewColumn {
  col: number;
  /** Column letter on the sheet ("G"). */
  letter: string;
  /** The column's header as the sheet writes it ("Có điều kiện thi hành › Thi hành xong"). */
  header: string;
  /** The field it became, "" when none. */
  field: string;
  /** "(7) Thi hành xong", or why nothing ("không gửi: …"). */
  fieldText: string;
  /** What the recogniser (or the clerk) made of the column. */
  status: ColumnReport["status"] | "clerk";
  /** The chosen row's cell, as the sheet holds it. */
  cellValue: string;
  /** The figure sent for the column's field (after reading text, conversion, sums), "" when none. */
  sentValue: string;
  /** A column of the other unit (Tiền in the Việc form): shown, not choosable here. */
  editable: boolean;
  confirmKey: string;
  confirmed: boolean;
}

export interface MappingReview {
  tableKey: string;
  /** The forms on the sheet, when there are several to choose from. */
  tables: { key: string; label: string }[];
  /** "Đơn vị tính: đồng (ô L3) → nghìn đồng, chia cho 1.000". */
  unitText: string | null;
  /** A money table whose unit the sheet does not state: the clerk may say which it is. */
  unitChoice: { value: MoneyScale; options: { value: MoneyScale; label: string }[] } | null;
  columns: ReviewColumn[];
  fields: { key: string; label: string }[];
  /** The clerk must confirm each column before sending. */
  needsConfirmation: boolean;
  questions: string[];
  blocking: string[];
  acknowledgements: { key: string; text: string; done: boolean }[];
  /** How the chosen row was read (text figures, dashes, conversions, sums). */
  notices: string[];
  /** Figures of the chosen row that cannot be sent as they are. */
  refused: string[];
  /** What still stands between the clerk and "Gửi": empty when nothing does. */
  pending: string[];
}

function fieldText(rec: FormRecognition, key: string): string {
  for (const f of rec.form.fields) if (f.key === key) return (f.column !== null ? "(" + f.column + ") " : "") + f.label.vi;
  return key;
}

function shownCell(v: unknown): string {
  if (typeof v === "number") return v % 1 === 0 ? formatInteger(v) : String(v).replace(".", ",");
  if (typeof v === "string") return v.replace(/\s+/g, " ").replace(/^\s+|\s+$/g, "");
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return "";
}

const STATUS_TEXT: Record<string, string> = {
  unknown: "không gửi: không thuộc biểu mẫu",
  ambiguous: "không gửi: tên cột có thể là nhiều chỉ tiêu",
  conflict: "chưa ghép: số thứ tự và tên cột không khớp",
  duplicate: "không gửi: đã có cột khác cho chỉ tiêu này",
  derived: "không gửi: số tính từ các chỉ tiêu (tỷ lệ, so sánh)",
  other: "thuộc biểu còn lại của bảng (cột đơn vị khác)",
};

function tableLabel(t: FormRecognition, origin: { row: number }): string {
  const part = t.table.view === "count" ? ", cột Việc" : t.table.view === "money" ? ", cột Tiền" : "";
  return t.form.code + " – " + t.form.title.vi + " (bảng ở dòng " + (origin.row + t.headerRows.first + 1) + part + ")";
}

/**
 * What the clerk reviews before sending: for each column of the table, its header on the
 * sheet, the field it became, the chosen row's cell and the figure sent; then what is still
 * to confirm or acknowledge. `result` is the whole recognition (for the list of forms),
 * `rec` the chosen table with the clerk's corrections (pickTable).
 */
export function mappingReview(sheet: SheetValues, result: FormRecognition, rec: FormRecognition, choices: RecognizedChoices, picks?: SheetPicks | null): MappingReview {
  const key = rec.table.key;
  const index = choices.row.value - sheet.origin.row - 1;
  const row = sheet.values[index] || [];
  const reading = readRow(sheet.values, rec, index);
  const confirmed = (picks && picks.confirmed) || [];
  const acknowledged = (picks && picks.acknowledged) || [];
  const clerkCols = picks && picks.columns && picks.columns[key] ? picks.columns[key] : {};
  const needsConfirmation = rec.questions.filter((q) => q.code !== "unit_suspect").length > 0;
  const columns: ReviewColumn[] = [];
  for (const c of rec.columnReport) {
    const field = c.field !== null && (c.status === "mapped" || c.status === "summed") ? c.field : "";
    const byClerk = clerkCols[String(c.col)] !== undefined;
    const sent = field !== "" ? reading.values[field] : undefined;
    const note = field !== ""
      ? fieldText(rec, field) + (c.status === "summed" ? " (cộng các cột)" : "")
      : c.status === "breakdown" || c.status === "part"
        ? (c.status === "part" ? "chưa ghép: một phần của " : "không gửi: số chi tiết của ") + (c.field ? fieldText(rec, c.field) : "")
        : byClerk ? "không gửi (bạn đã chọn)" : STATUS_TEXT[c.status] || "không gửi";
    const confirmKey = key + "|" + c.col + "|" + field + "|" + c.header;
    columns.push({
      col: c.col,
      letter: columnLetters(sheet.origin.col + c.col + 1),
      header: c.header,
      field,
      fieldText: note,
      status: byClerk ? "clerk" : c.status,
      cellValue: shownCell(row[c.col]),
      sentValue: typeof sent === "number" ? (sent % 1 === 0 ? formatInteger(sent) : String(sent).replace(".", ",")) : "",
      editable: c.status !== "other",
      confirmKey,
      confirmed: byClerk || confirmed.indexOf(confirmKey) >= 0,
    });
  }
  const acknowledgements = rec.acknowledge.map((a) => {
    const k = key + "|" + a.code + "|" + JSON.stringify(a.params);
    return { key: k, text: a.message.vi, done: acknowledged.indexOf(k) >= 0 };
  });
  let unitText: string | null = null;
  let unitChoice: MappingReview["unitChoice"] = null;
  if (rec.money) {
    const from = SCALE_NAMES[rec.money.scale];
    const how = rec.money.scale === "nghin_dong" ? "" : rec.money.scale === "dong" ? " → nghìn đồng: chia cho 1.000" : " → nghìn đồng: nhân với " + (rec.money.scale === "trieu_dong" ? "1.000" : "1.000.000");
    unitText = rec.money.source === "assumed"
      ? "Đơn vị tính: không ghi trên trang tính; coi là nghìn đồng"
      : "Đơn vị tính: " + from + (rec.money.evidence ? " (" + rec.money.evidence + ")" : rec.money.source === "clerk" ? " (bạn đã chọn)" : "") + how;
    if (rec.money.source === "assumed" || rec.money.source === "clerk") {
      const scales: MoneyScale[] = ["nghin_dong", "dong", "trieu_dong"];
      unitChoice = { value: rec.money.scale, options: scales.map((v) => ({ value: v, label: SCALE_NAMES[v] })) };
    }
  } else unitText = rec.form.unit === "viec" ? "Đơn vị tính: việc" : null;
  const pending: string[] = [];
  for (const b of rec.blocking) pending.push(b.message.vi);
  for (const r of reading.refused) pending.push(r.message.vi);
  if (rec.questions.some((q) => q.code === "unit_suspect")) pending.push("Hãy chọn đơn vị tính của tiền trên trang tính.");
  if (needsConfirmation) {
    const open = columns.filter((c) => c.editable && !c.confirmed).length;
    if (open > 0) pending.push("Hãy xác nhận từng cột (còn " + open + " cột chưa xác nhận).");
  }
  const notAck = acknowledgements.filter((a) => !a.done).length;
  if (notAck > 0) pending.push("Hãy xác nhận đã đọc thông báo đổi đơn vị tính.");
  return {
    tableKey: key,
    tables: tablesOf(result).length > 1 ? tablesOf(result).map((t) => ({ key: t.table.key, label: tableLabel(t, sheet.origin) })) : [],
    unitText,
    unitChoice,
    columns,
    fields: rec.form.fields.map((f) => ({ key: f.key, label: fieldText(rec, f.key) })),
    needsConfirmation,
    questions: rec.questions.map((q) => q.message.vi),
    blocking: rec.blocking.map((b) => b.message.vi),
    acknowledgements,
    notices: reading.notices.map((n) => n.message.vi),
    refused: reading.refused.map((r) => r.message.vi),
    pending,
  };
}

/** One thing the clerk did in the review: pick a form of the sheet, a column's field, a confirmation, an acknowledgement, the money unit. */
export type ReviewChange =
  | { kind: "table"; key: string }
  | { kind: "column"; col: number; field: string }
  | { kind: "confirm"; key: string; on: boolean }
  | { kind: "acknowledge"; key: string; on: boolean }
  | { kind: "money"; scale: MoneyScale };

function toggled(list: string[] | undefined, item: string, on: boolean): string[] {
  return (list || []).filter((x) => x !== item).concat(on ? [item] : []);
}

/** The picks after a change in the review of table `tableKey` (a new object; the old one is left as it was). */
export function withReviewChange(picks: SheetPicks, tableKey: string, change: ReviewChange): SheetPicks {
  const next: SheetPicks = { ...picks };
  switch (change.kind) {
    case "table":
      // Another form of the sheet has its own rows: the row picked for the first one no longer applies.
      next.table = change.key;
      delete next.row;
      break;
    case "column": {
      const all = { ...(picks.columns || {}) };
      all[tableKey] = { ...(all[tableKey] || {}), [String(change.col)]: change.field };
      next.columns = all;
      break;
    }
    case "confirm":
      next.confirmed = toggled(picks.confirmed, change.key, change.on);
      break;
    case "acknowledge":
      next.acknowledged = toggled(picks.acknowledged, change.key, change.on);
      break;
    case "money":
      next.money = { ...(picks.money || {}), [tableKey]: change.scale };
      break;
  }
  return next;
}
