/**
 * Where everything goes on a form sheet, decided without a workbook: texts, the header
 * grouping ("trong đó"), the data row with its formulas, the cell map, styles, widths.
 * form-sheet.ts only applies this plan through Office.js, so the plan is what the tests check.
 */

import type { FieldDefinition, FormDefinition, SubmittedRow } from "../../../shared/forms/types";
import { periodLabelOf, periodSpanOf } from "../../../shared/forms/collection-period";
import { cellAddress, columnLetters, parseRangeAddress, rangeAddress } from "../../../shared/a1";
import { orderedFields, rowShapeOf } from "../../../shared/forms/registry";
import { officerBlock } from "./officer-layout";
import { listCellKey, rowCapacity } from "./row-cells";
import { asText, FONT_NAME, type BlockStyle } from "../../../shared/reports/grid";
import { unitOfMeasure } from "../../../shared/reports/words";
import { METADATA_ADDRESS, metadataRow } from "./metadata";

// Shared with the report sheets (shared/reports/grid.ts); re-exported for the form sheet's callers.
export { asText, FONT_NAME, orderedFields };
export type { BlockStyle, HorizontalAlignment } from "../../../shared/reports/grid";
import type { FormHeader } from "./types";

// The formula printer is shared with the report sheets (shared/reports/excel-formula.ts).
export { excelFormula } from "../../../shared/reports/excel-formula";
import { excelFormula } from "../../../shared/reports/excel-formula";

// ——— Texts ———

/** "BÁO CÁO KẾT QUẢ THI HÀNH ÁN DÂN SỰ TÍNH BẰNG VIỆC" from "Kết quả thi hành án dân sự tính bằng việc". */
export function titleText(form: FormDefinition): string {
  const t = form.title.vi.trim();
  const upper = t.toUpperCase();
  return upper.indexOf("BÁO CÁO") === 0 ? upper : "BÁO CÁO " + upper;
}

/** "TT05_2024" → "Ban hành kèm theo Thông tư số 05/2024/TT-BTP"; "" for a regime named otherwise. */
export function circularText(regime: string): string {
  const m = /^TT([0-9]{2})_([0-9]{4})$/.exec(regime);
  return m ? "Ban hành kèm theo Thông tư số " + m[1] + "/" + m[2] + "/TT-BTP" : "";
}

export function unitOfMeasureText(form: FormDefinition): string {
  return "Đơn vị tính: " + unitOfMeasure(form);
}

export const SIGNATURE_TEXTS = {
  date: "……, ngày …… tháng …… năm ……",
  preparer: "Người lập biểu",
  head: "Thủ trưởng đơn vị",
  hint: "(Ký, ghi rõ họ tên)",
} as const;

export const TOTAL_LABEL = "Tổng số";

// ——— Sheet names ———

const SHEET_NAME_MAX = 31;

/** Characters Excel refuses in sheet names, and the apostrophe it refuses at either end. */
function cleanSheetName(s: string): string {
  return s.replace(/[:\\/?*[\]]/g, "-").replace(/^'+|'+$/g, "").slice(0, SHEET_NAME_MAX);
}

/**
 * "01 52-01 2025-12", unique among `existing` (compared case-insensitively, as Excel does):
 * "01 52-01 2025-12 (2)" for a second copy.
 */
export function sheetNameFor(formId: string, unitCode: string, period: string, existing: readonly string[]): string {
  return uniqueSheetName(formId + " " + unitCode + " " + period, existing);
}

/** `wanted` made a valid sheet name, with " (2)", " (3)"… when `existing` already has it. */
export function uniqueSheetName(wanted: string, existing: readonly string[]): string {
  const base = cleanSheetName(wanted) || "THADS";
  const taken: Record<string, true> = {};
  for (const n of existing) taken[n.toLowerCase()] = true;
  if (!taken[base.toLowerCase()]) return base;
  for (let i = 2; ; i++) {
    const suffix = " (" + i + ")";
    const candidate = base.slice(0, SHEET_NAME_MAX - suffix.length) + suffix;
    if (!taken[candidate.toLowerCase()]) return candidate;
  }
}

// ——— Header grouping ———

/** Fields in the order of their official column numbers (unknown numbers last, in definition order). */
/** One cell (possibly merged) of the header block, in header-relative coordinates (0-based). */
export interface HeaderCell {
  row: number;
  /** Index into the ordered fields. */
  column: number;
  rowSpan: number;
  colSpan: number;
  text: string;
  /** The field whose data cell sits below, for "field" and "total" cells. */
  fieldKey?: string;
  kind: "field" | "group" | "total";
}

export interface HeaderPlan {
  rows: number;
  cells: HeaderCell[];
  /** False when partOf does not give contiguous column groups: labels are then flat with "Trong đó:". */
  grouped: boolean;
}

/**
 * The "trong đó" hierarchy as a grouped header: a field with parts heads a group spanning its
 * own column and its parts' columns; under the group, its own column reads "Tổng số". This
 * needs each field's parts to follow it directly, as on the paper form; otherwise the header
 * is one row of labels, parts prefixed "Trong đó:".
 */
export function planHeader(fields: readonly FieldDefinition[]): HeaderPlan {
  const position: Record<string, number> = {};
  fields.forEach((f, i) => {
    position["k:" + f.key] = i;
  });
  const parentOf = (f: FieldDefinition): string | null => {
    const p = f.partOf;
    return p !== undefined && p !== f.key && position["k:" + p] !== undefined ? p : null;
  };
  // A cycle in partOf (a definition bug) makes every field on it a root.
  const depthOf = (f: FieldDefinition): number => {
    let d = 0;
    const seen: Record<string, true> = { [f.key]: true };
    let p = parentOf(f);
    while (p !== null) {
      if (seen[p]) return -1;
      seen[p] = true;
      d++;
      const pf = fields[position["k:" + p] as number] as FieldDefinition;
      p = parentOf(pf);
    }
    return d;
  };
  const depth = fields.map(depthOf);
  const children: Record<string, FieldDefinition[]> = {};
  const roots: FieldDefinition[] = [];
  fields.forEach((f, i) => {
    const p = depth[i] === -1 ? null : parentOf(f);
    if (p === null) roots.push(f);
    else (children["k:" + p] = children["k:" + p] || []).push(f);
  });
  const kids = (f: FieldDefinition): FieldDefinition[] => children["k:" + f.key] || [];

  const preorder: FieldDefinition[] = [];
  const walk = (f: FieldDefinition): void => {
    preorder.push(f);
    for (const c of kids(f)) walk(c);
  };
  for (const r of roots) walk(r);
  let contiguous = preorder.length === fields.length;
  for (let i = 0; contiguous && i < fields.length; i++) if (preorder[i] !== fields[i]) contiguous = false;

  if (!contiguous) {
    return {
      rows: 1,
      grouped: false,
      cells: fields.map((f, i) => ({
        row: 0,
        column: i,
        rowSpan: 1,
        colSpan: 1,
        text: (depth[i] as number) > 0 ? "Trong đó: " + f.label.vi : f.label.vi,
        fieldKey: f.key,
        kind: "field" as const,
      })),
    };
  }

  const size = (f: FieldDefinition): number => {
    let n = 1;
    for (const c of kids(f)) n += size(c);
    return n;
  };
  const height = (f: FieldDefinition): number => {
    const cs = kids(f);
    if (cs.length === 0) return 1;
    let h = 1;
    for (const c of cs) h = Math.max(h, height(c));
    return 1 + h;
  };
  let rows = 1;
  for (const r of roots) rows = Math.max(rows, height(r));

  const cells: HeaderCell[] = [];
  const place = (f: FieldDefinition, row: number, available: number): void => {
    const column = position["k:" + f.key] as number;
    const cs = kids(f);
    if (cs.length === 0) {
      cells.push({ row, column, rowSpan: available, colSpan: 1, text: f.label.vi, fieldKey: f.key, kind: "field" });
      return;
    }
    cells.push({ row, column, rowSpan: 1, colSpan: size(f), text: f.label.vi, kind: "group" });
    cells.push({ row: row + 1, column, rowSpan: available - 1, colSpan: 1, text: TOTAL_LABEL, fieldKey: f.key, kind: "total" });
    for (const c of cs) place(c, row + 1, available - 1);
  };
  for (const r of roots) place(r, 0, rows);
  return { rows, cells, grouped: true };
}

// ——— The whole sheet ———

export interface FormLayout {
  formId: string;
  regime: string;
  columnCount: number;
  rowCount: number;
  /** "A1:M16": everything written, as one 2-D array for `Range.formulas` (row 1 is the metadata). */
  blockAddress: string;
  contents: (string | number)[][];
  /** What prints: the block without the metadata row. */
  printAddress: string;
  metadataAddress: string;
  headerRows: { first: number; last: number };
  columnNumberRow: number;
  dataRow: number;
  /** The field cells of the data row, e.g. "B12:M12": readForm loads this one range. */
  dataRowAddress: string;
  /** field key → data cell. */
  cells: Record<string, string>;
  /** Runs of adjacent input cells ("C12:D12"), and of derived (formula) cells. */
  inputRuns: string[];
  derivedRuns: string[];
  numberFormat: string;
  inputFill: string;
  derivedFill: string;
  styles: BlockStyle[];
  /** Points, index 0 = column A. Applied on ExcelApi 1.2+ only. */
  columnWidths: number[];
  /** Points, for rows whose wrapped text needs more than the standard height. Applied on 1.2+ only. */
  rowHeights: { row: number; height: number }[];
  /**
   * A list collection's sheet (list-layout.ts): `dataRowAddress` is the whole data block,
   * `inputRuns` its whole-number columns; `textRuns` its text and date columns (typed, not
   * checked as whole numbers), `numberFormats` one per data cell, `tableAddress` the header and
   * data block made a table where Excel has tables beyond 1.1. A form broken down by officer
   * (officer-layout.ts) has the same, without a table: `dataRowAddress` then runs from the
   * unit's row to the officers' sum row, `textRuns` are the officers' names.
   */
  list?: { textRuns: string[]; numberFormats: string[][]; tableAddress?: string };
  /** A form broken down by officer: where its officers' rows and their sum row are. */
  officers?: { lastRow: number; sumRow: number };
}

export const NUMBER_FORMAT = "#,##0";
/** Light blue: "type here". Not yellow, which reads like the amber of a warning. */
export const INPUT_FILL = "#DDEBF7";
/** Light grey: computed by a formula. */
export const DERIVED_FILL = "#F2F2F2";

const LABEL_COLUMN_WIDTH = 130;
const COUNT_COLUMN_WIDTH = 62;
const MONEY_COLUMN_WIDTH = 84;
// Rough metrics of 12 pt Times New Roman, enough to size wrapped header rows.
const AVERAGE_CHAR_WIDTH = 6;
const LINE_HEIGHT = 15.75;
const STANDARD_ROW_HEIGHT = 15.75;

// Fixed rows above the header; the header starts at HEADER_FIRST_ROW.
const ROW = { code: 2, circular: 3, title: 4, cumulative: 5, range: 6, unitOfMeasure: 7 } as const;
const HEADER_FIRST_ROW = 8;

function runsOf(columns: number[], row: number): string[] {
  const runs: string[] = [];
  let start = -1;
  let prev = -1;
  for (const c of columns.concat([-1])) {
    if (start >= 0 && c === prev + 1) {
      prev = c;
      continue;
    }
    if (start >= 0) runs.push(rangeAddress({ top: row, left: start, bottom: row, right: prev }));
    start = c;
    prev = c;
  }
  return runs;
}

function estimateLines(text: string, widthPoints: number): number {
  if (text === "") return 1;
  const perLine = Math.max(1, Math.floor((widthPoints - 4) / AVERAGE_CHAR_WIDTH));
  // Word wrapping loses part of each line; count words that do not fit on the current one.
  let lines = 1;
  let used = 0;
  for (const word of text.split(/\s+/)) {
    const len = word.length;
    if (used === 0) used = len;
    else if (used + 1 + len <= perLine) used += 1 + len;
    else {
      lines++;
      used = len;
    }
    while (used > perLine) {
      lines++;
      used -= perLine;
    }
  }
  return lines;
}

/** A block of empty cells to lay a sheet out in, and how to put a value at a 1-based row and column. */
export function blankBlock(rows: number, columns: number): { contents: (string | number)[][]; put: (row: number, column: number, v: string | number) => void } {
  const contents: (string | number)[][] = [];
  for (let r = 0; r < rows; r++) {
    const row: (string | number)[] = [];
    for (let c = 0; c < columns; c++) row.push("");
    contents.push(row);
  }
  return { contents, put: (row, column, v) => {
    (contents[row - 1] as (string | number)[])[column - 1] = v;
  } };
}

/**
 * The plan of a form sheet for one unit and period. `values` pre-fills input cells (the
 * clerk's earlier submission, or a demo); derived fields are always formulas. A form broken
 * down by officer has its officers' rows below the unit's, pre-filled with `rows`.
 */
export function layoutForm(
  form: FormDefinition,
  header: FormHeader,
  values?: Readonly<Record<string, number | null | undefined>>,
  rows?: readonly SubmittedRow[],
  officerRows = 0,
): FormLayout {
  const fields = orderedFields(form);
  const headerPlan = planHeader(fields);
  // At least A:C, where the metadata row lives, even for a form of one field.
  const columnCount = Math.max(3, fields.length + 1);
  const lastColumn = columnLetters(columnCount);
  const headerLast = HEADER_FIRST_ROW + headerPlan.rows - 1;
  const columnNumberRow = headerLast + 1;
  const dataRow = columnNumberRow + 1;
  const shape = rowShapeOf(form);
  const officers = shape.kind === "officer" ? officerBlock(shape, fields, dataRow + 1, columnCount, NUMBER_FORMAT, rows, officerRows) : null;
  const signatureDateRow = dataRow + 2 + (officers ? officers.height : 0);
  const signatureTitleRow = signatureDateRow + 1;
  const signatureHintRow = signatureTitleRow + 1;
  const rowCount = signatureHintRow;

  const { contents, put } = blankBlock(rowCount, columnCount);

  // Column A holds the unit's name; the i-th field (0-based) sits in column i + 2.
  const cells: Record<string, string> = {};
  fields.forEach((f, i) => {
    cells[f.key] = cellAddress(dataRow, i + 2);
  });
  const addressOf = (key: string): string | undefined => cells[key];
  // The officers' cells too, before the metadata row records the map.
  if (officers) for (const key of Object.keys(officers.cells)) cells[key] = officers.cells[key] as string;

  const ref = { formId: form.id, regime: form.regime, unitCode: header.unitCode, period: header.period, cells };
  metadataRow(ref, null).forEach((text, i) => put(1, i + 1, text));

  const mid = Math.floor(columnCount / 2) + 1;
  put(ROW.code, 1, asText(form.code));
  const circular = circularText(form.regime);
  if (circular !== "") put(ROW.circular, 1, asText(circular));
  put(ROW.code, mid, asText("Đơn vị báo cáo: " + header.unitName));
  put(ROW.circular, mid, asText("Đơn vị nhận báo cáo: " + header.receivingUnitName));
  put(ROW.title, 1, asText(titleText(form)));
  put(ROW.cumulative, 1, asText(periodLabelOf(form, header.period)));
  put(ROW.range, 1, asText(periodSpanOf(form, header.period)));
  put(ROW.unitOfMeasure, columnCount, asText(unitOfMeasureText(form)));

  const styles: BlockStyle[] = [];
  const block = (r1: number, c1: number, r2: number, c2: number): string =>
    rangeAddress({ top: r1, left: c1, bottom: r2, right: c2 });

  styles.push({ address: block(2, 1, rowCount, columnCount), fontName: FONT_NAME, size: 12 });
  styles.push({ address: METADATA_ADDRESS, fontColor: "#FFFFFF", size: 1 });
  styles.push({ address: block(ROW.code, 1, ROW.code, 1), bold: true });
  if (circular !== "") styles.push({ address: block(ROW.circular, 1, ROW.circular, 1), italic: true });
  styles.push({ address: block(ROW.code, mid, ROW.code, columnCount), merge: true, hAlign: "Left", wrap: true });
  styles.push({ address: block(ROW.circular, mid, ROW.circular, columnCount), merge: true, hAlign: "Left", wrap: true });
  styles.push({ address: block(ROW.title, 1, ROW.title, columnCount), merge: true, hAlign: "Center", bold: true, size: 14 });
  styles.push({ address: block(ROW.cumulative, 1, ROW.cumulative, columnCount), merge: true, hAlign: "Center", bold: true });
  styles.push({ address: block(ROW.range, 1, ROW.range, columnCount), merge: true, hAlign: "Center", italic: true });
  styles.push({ address: block(ROW.unitOfMeasure, columnCount, ROW.unitOfMeasure, columnCount), hAlign: "Right", italic: true });

  // Header: column A ("Đơn vị") spans every header row, then the grouped field labels.
  put(HEADER_FIRST_ROW, 1, "Đơn vị");
  styles.push({
    address: block(HEADER_FIRST_ROW, 1, headerLast, 1),
    merge: true, hAlign: "Center", vAlign: "Center", wrap: true, bold: true, border: "outline",
  });
  for (const h of headerPlan.cells) {
    const r1 = HEADER_FIRST_ROW + h.row;
    const c1 = h.column + 2;
    put(r1, c1, asText(h.text));
    styles.push({
      address: block(r1, c1, r1 + h.rowSpan - 1, c1 + h.colSpan - 1),
      merge: true, hAlign: "Center", vAlign: "Center", wrap: true, bold: true, border: "outline",
    });
  }

  // The row of column numbers ("A", 1, 2, …) as printed under the paper form's header.
  put(columnNumberRow, 1, "A");
  fields.forEach((f, i) => {
    if (f.column !== null) put(columnNumberRow, i + 2, f.column);
  });
  styles.push({ address: block(columnNumberRow, 1, columnNumberRow, columnCount), hAlign: "Center", italic: true, border: "grid" });

  // The data row: the unit's name, then inputs and formulas.
  put(dataRow, 1, asText(header.unitName));
  const inputColumns: number[] = [];
  const derivedColumns: number[] = [];
  fields.forEach((f, i) => {
    const column = i + 2;
    if (f.kind === "derived" && f.formula !== undefined) {
      put(dataRow, column, excelFormula(f.formula, addressOf));
      derivedColumns.push(column);
    } else {
      const v = values ? values[f.key] : undefined;
      if (typeof v === "number" && isFinite(v)) put(dataRow, column, v);
      inputColumns.push(column);
    }
  });
  styles.push({ address: block(dataRow, 1, dataRow, 1), wrap: true, vAlign: "Center" });
  styles.push({ address: block(dataRow, 1, dataRow, columnCount), border: "grid" });
  if (officers) {
    for (const c of officers.contents) put(c.row, c.column, c.value);
    for (const st of officers.styles) styles.push(st);
  }

  // Signatures: the preparer on the left third, the head of the unit on the right third.
  const third = Math.max(2, Math.floor(columnCount / 3));
  const rightStart = columnCount - third + 1;
  put(signatureDateRow, rightStart, SIGNATURE_TEXTS.date);
  put(signatureTitleRow, 1, SIGNATURE_TEXTS.preparer);
  put(signatureHintRow, 1, SIGNATURE_TEXTS.hint);
  put(signatureTitleRow, rightStart, SIGNATURE_TEXTS.head);
  put(signatureHintRow, rightStart, SIGNATURE_TEXTS.hint);
  styles.push({ address: block(signatureDateRow, rightStart, signatureDateRow, columnCount), merge: true, hAlign: "Center", italic: true });
  styles.push({ address: block(signatureTitleRow, 1, signatureTitleRow, third), merge: true, hAlign: "Center", bold: true });
  styles.push({ address: block(signatureHintRow, 1, signatureHintRow, third), merge: true, hAlign: "Center", italic: true });
  styles.push({ address: block(signatureTitleRow, rightStart, signatureTitleRow, columnCount), merge: true, hAlign: "Center", bold: true });
  styles.push({ address: block(signatureHintRow, rightStart, signatureHintRow, columnCount), merge: true, hAlign: "Center", italic: true });

  const columnWidths: number[] = [LABEL_COLUMN_WIDTH];
  for (const f of fields) columnWidths.push(f.valueType === "money" ? MONEY_COLUMN_WIDTH : COUNT_COLUMN_WIDTH);

  // Row heights for wrapped text in merged blocks (Excel does not autofit merged cells).
  const needed: Record<number, number> = {};
  for (const s of styles) {
    if (!s.wrap) continue;
    const r = parseRangeAddress(s.address);
    if (r === null) continue;
    const text = String((contents[r.top - 1] as (string | number)[])[r.left - 1]);
    let width = 0;
    for (let c = r.left; c <= r.right; c++) width += columnWidths[c - 1] as number;
    const rowsSpanned = r.bottom - r.top + 1;
    const perRow = Math.ceil((estimateLines(text, width) * LINE_HEIGHT + 4) / rowsSpanned);
    for (let row = r.top; row <= r.bottom; row++) needed[row] = Math.max(needed[row] || 0, perRow);
  }
  const rowHeights: { row: number; height: number }[] = [];
  for (const key of Object.keys(needed)) {
    const h = needed[Number(key)] as number;
    if (h > STANDARD_ROW_HEIGHT) rowHeights.push({ row: Number(key), height: h });
  }
  rowHeights.sort((a, b) => a.row - b.row);

  const lastDataRow = officers ? officers.sumRow : dataRow;
  return {
    ...(officers ? { officers: { lastRow: officers.lastRow, sumRow: officers.sumRow } } : {}),
    formId: form.id,
    regime: form.regime,
    columnCount,
    rowCount,
    blockAddress: "A1:" + lastColumn + rowCount,
    contents,
    printAddress: "A2:" + lastColumn + rowCount,
    metadataAddress: METADATA_ADDRESS,
    headerRows: { first: HEADER_FIRST_ROW, last: headerLast },
    columnNumberRow,
    dataRow,
    dataRowAddress: block(dataRow, 2, lastDataRow, Math.max(2, fields.length + 1)),
    cells,
    inputRuns: runsOf(inputColumns, dataRow).concat(officers ? officers.inputRuns : []),
    derivedRuns: runsOf(derivedColumns, dataRow).concat(officers ? officers.derivedRuns : []),
    numberFormat: NUMBER_FORMAT,
    inputFill: INPUT_FILL,
    derivedFill: DERIVED_FILL,
    styles,
    columnWidths,
    rowHeights,
    ...(officers ? { list: { textRuns: officers.textRuns, numberFormats: officers.numberFormats } } : {}),
  };
}

/** The 2-D number formats of the data row's field cells (one entry per field). */
export function dataRowNumberFormats(layout: FormLayout): string[][] {
  if (layout.list) return layout.list.numberFormats;
  const r = parseRangeAddress(layout.dataRowAddress);
  const row: string[] = [];
  if (r) for (let c = r.left; c <= r.right; c++) row.push(layout.numberFormat);
  return [row];
}

/**
 * Rows added to a form broken down by officer (the pane's "Thêm dòng"), below the last officer
 * row. The sum row and the signatures below it move down: the rows from the old sum row to the
 * sheet's new end are written again from the layout with the larger capacity, so they read
 * exactly as a sheet inserted with that many rows, while the officers' rows above, with what
 * the clerk typed and any finding marked on them, are not touched. No Range.insert: the plan
 * only writes cells (ExcelApi 1.1).
 */
export interface OfficerRowsPlan {
  /** From the old sum row to the old last row: reset (unmerged, plain) before the rewrite. */
  resetAddress: string;
  /** The rows below the sheet that the longer sheet takes: they must be empty (nothing of the clerk's is overwritten). */
  belowAddress: string;
  /** From the old sum row to the new last row, and what it holds: formulas and words. */
  writeAddress: string;
  contents: (string | number)[][];
  /** The rewritten rows' field cells (from column B) and their number formats. */
  numberFormatAddress: string;
  numberFormats: string[][];
  /** The rewritten rows' styles: grid, sum row, signatures. */
  styles: BlockStyle[];
  /** The new officers' rows only: typed figures, names, formulas. */
  inputRuns: string[];
  textRuns: string[];
  derivedRuns: string[];
  inputFill: string;
  derivedFill: string;
  cells: Record<string, string>;
  printAddress: string;
}

export function planOfficerRows(form: FormDefinition, ref: { unitCode: string; period: string; cells: Readonly<Record<string, string>> }, count: number): OfficerRowsPlan {
  const had = rowCapacity(ref.cells);
  const header = { unitCode: ref.unitCode, unitName: "", receivingUnitName: "", period: ref.period };
  const before = layoutForm(form, header, undefined, undefined, had);
  const after = layoutForm(form, header, undefined, undefined, had + count);
  if (!before.officers || !after.officers) throw new Error("planOfficerRows: form " + form.id + " is not broken down by officer");
  // The sheet's own cells are the truth: a definition that lays out differently now is not grown blindly.
  if (before.cells[listCellKey(had - 1, "label")] !== ref.cells[listCellKey(had - 1, "label")]) {
    throw new Error("planOfficerRows: the sheet's officer rows are not where form " + form.id + " puts them");
  }
  const from = before.officers.sumRow;
  const cols = after.columnCount;
  const block = (r1: number, c1: number, r2: number, c2: number): string => rangeAddress({ top: r1, left: c1, bottom: r2, right: c2 });
  const newRows = { top: from, bottom: after.officers.lastRow };
  const within = (address: string): boolean => {
    const r = parseRangeAddress(address);
    return r !== null && r.top >= from;
  };
  // The runs from the old sum row down, those over the officers cut to the new rows (the sum row's keep their fill).
  const cut = (runs: readonly string[]): string[] => {
    const out: string[] = [];
    for (const run of runs) {
      const r = parseRangeAddress(run);
      if (r === null || r.bottom < newRows.top) continue;
      out.push(r.top > newRows.bottom ? run : block(Math.max(r.top, newRows.top), r.left, Math.min(r.bottom, newRows.bottom), r.right));
    }
    return out;
  };
  const list = after.list as NonNullable<FormLayout["list"]>;
  const base: BlockStyle[] = [
    { address: block(from, 1, after.rowCount, cols), fontName: FONT_NAME, size: 12 },
    { address: block(from, 1, after.officers.sumRow, cols), border: "grid" },
  ];
  const styles = base.concat(after.styles.filter((st) => within(st.address)));
  return {
    resetAddress: block(from, 1, before.rowCount, cols),
    belowAddress: block(before.rowCount + 1, 1, after.rowCount, cols),
    writeAddress: block(from, 1, after.rowCount, cols),
    contents: after.contents.slice(from - 1, after.rowCount),
    // list.numberFormats run from the unit's row (one above the caption) to the sum row, over the field columns.
    numberFormatAddress: block(from, 2, after.officers.sumRow, (list.numberFormats[0] as string[]).length + 1),
    numberFormats: list.numberFormats.slice(from - after.dataRow, after.officers.sumRow - after.dataRow + 1),
    styles,
    inputRuns: cut(after.inputRuns),
    textRuns: cut(list.textRuns),
    derivedRuns: cut(after.derivedRuns),
    inputFill: after.inputFill,
    derivedFill: after.derivedFill,
    cells: after.cells,
    printAddress: after.printAddress,
  };
}
