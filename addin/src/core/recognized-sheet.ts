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
import { fieldCells, normalizeText, recognizeForm, regimeLabel, toFormValues, type FormRecognition, type RecognitionResult } from "../../../shared/recognize";
import { containsWords } from "../../../shared/recognize/normalize";
import { cellAddress } from "../../../shared/a1";
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

export function rowOptions(rec: FormRecognition, origin: { row: number; col: number }): RowOption[] {
  const out: RowOption[] = [];
  for (const d of rec.dataRows) {
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
  previous?: { row?: number; unit?: string; period?: string } | null,
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
  found.unshift("Ghép được " + result.mappings.length + "/" + result.form.fields.length + " cột của biểu mẫu (theo số thứ tự cột và tên cột).");
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
