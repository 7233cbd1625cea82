/**
 * Sheets people edit and push back (the targets of a year, a parent's units): laid out like
 * every other report (grid.ts) plus what editing needs — which cells are inputs, lists to pick
 * from, and a hidden key per row and a metadata cell, so that reading the sheet back is exact
 * (unit codes, indicator ids, the year) rather than guessed from names. The pane writes the
 * plan with Office.js (addin/src/excel/edit-sheets.ts), the Worker with exceljs
 * (worker/src/xlsx/editable.ts); both read an edited sheet back into the same `SheetGrid`.
 */

import { cellAddress, columnLetters, rangeAddress } from "../a1";
import { dayNumber, fromDayNumber, isIsoDate, isoDate } from "../periods/calendar-date";
import { asText, REPORT_COLOURS, REPORT_FORMATS, type BlockStyle, type Cell, type ReportLayout } from "./grid";

/** What makes a laid-out report editable. Addresses are absolute on the sheet. */
export interface EditingPlan {
  /** Blocks the user types in: unlocked under the sheet's protection, tinted. */
  inputs: string[];
  /** 1-based columns hidden where the host allows (the row keys). */
  hiddenColumns: number[];
  /** Cells offered a list of words (data validation where the host has it). */
  lists: { address: string; values: string[] }[];
  /** Cells that take a number between min and max (data validation where the host has it). */
  numbers: { address: string; min: number; max: number }[];
  /** The metadata cell: where the sheet says what it is. */
  metaCell: string;
  inputFill: string;
}

/** A pale yellow, the colour the form sheets use for the cells a clerk types in. */
export const INPUT_FILL = "#FFF2CC";

/** Written in the metadata cell before the JSON: the pane and the upload find the sheet by it. */
export const SHEET_MARKER = "THADS-SHEET ";

export type EditableKind = "targets" | "units";

export interface SheetMeta {
  v: 1;
  kind: EditableKind;
  parent: string;
  /** Statistical year (targets). */
  year?: number;
  /** 1-based header row. */
  header: number;
}

export function encodeMeta(meta: SheetMeta): string {
  return SHEET_MARKER + JSON.stringify(meta);
}

export function decodeMeta(text: unknown): SheetMeta | null {
  if (typeof text !== "string" || text.indexOf(SHEET_MARKER) !== 0) return null;
  let data: unknown;
  try {
    data = JSON.parse(text.slice(SHEET_MARKER.length));
  } catch (_e) {
    return null;
  }
  if (typeof data !== "object" || data === null) return null;
  const d = data as Record<string, unknown>;
  if (d.v !== 1 || (d.kind !== "targets" && d.kind !== "units") || typeof d.parent !== "string" || typeof d.header !== "number") return null;
  if (d.year !== undefined && typeof d.year !== "number") return null;
  const meta: SheetMeta = { v: 1, kind: d.kind, parent: d.parent, header: d.header };
  if (typeof d.year === "number") meta.year = d.year;
  return meta;
}

/** The header of the hidden key column: it travels with its row when the table is sorted. */
export const KEY_HEADER = "Khóa dòng (không sửa)";

export interface KeyColumnSpec {
  /** The key of each data row, in order ("" for a row meant for a new entry). */
  keys: string[];
  meta: SheetMeta;
  /** Columns (1-based, within the table) the user edits on every row. */
  inputColumns: number[];
  /** Further blocks the user edits (the code of a row left for a new unit). */
  extraInputs?: string[];
  lists?: { column: number; values: string[] }[];
  numbers?: { column: number; min: number; max: number }[];
}

/**
 * Adds the key column after the table's last column (inside the Excel table, so that sorting
 * moves each key with its row; outside the title's merge, so that the metadata cell above it
 * stays a cell of its own) and the editing plan. `layout` comes from buildTable without a
 * total row, notes or chart.
 */
export function withKeyColumn(layout: ReportLayout, spec: KeyColumnSpec): ReportLayout {
  const keyColumn = layout.columnCount + 1;
  const width = Math.max(keyColumn, layout.values[0] ? (layout.values[0] as Cell[]).length : 0);
  const grow = (grid: Cell[][], fill: Cell): Cell[][] => grid.map((row) => {
    const out = row.slice();
    while (out.length < width) out.push(fill);
    return out;
  });
  const values = grow(layout.values, "");
  const contents = grow(layout.contents, "");
  const numberFormats = layout.numberFormats.map((row) => {
    const out = row.slice();
    while (out.length < width) out.push(REPORT_FORMATS.general);
    return out;
  });
  const put = (row: number, text: string): void => {
    (values[row - 1] as Cell[])[keyColumn - 1] = text;
    (contents[row - 1] as Cell[])[keyColumn - 1] = text === "" ? "" : asText(text);
  };
  const metaCell = cellAddress(1, keyColumn);
  put(1, encodeMeta(spec.meta));
  put(layout.headerRow, KEY_HEADER);
  const first = layout.dataRows ? layout.dataRows.first : layout.headerRow + 1;
  spec.keys.forEach((k, i) => put(first + i, k));
  const last = layout.dataRows ? layout.dataRows.last : layout.headerRow;
  const letter = columnLetters(keyColumn);
  const styles: BlockStyle[] = layout.styles.slice();
  styles.push({ address: letter + layout.headerRow, bold: true, fill: REPORT_COLOURS.headerFill, wrapCells: true, border: "grid" });
  styles.push({ address: letter + "1", fontColor: "#FFFFFF", size: 6 });
  if (last >= first) styles.push({ address: letter + first + ":" + letter + last, fontColor: "#808080", size: 8, border: "grid" });
  const column = (c: number): string => rangeAddress({ top: first, left: c, bottom: last, right: c });
  const widths = layout.columnWidths.slice(0, layout.columnCount);
  widths.push(60);
  const editing: EditingPlan = {
    inputs: (last >= first ? spec.inputColumns.map(column) : []).concat(spec.extraInputs ?? []),
    hiddenColumns: [keyColumn],
    lists: last >= first ? (spec.lists ?? []).map((l) => ({ address: column(l.column), values: l.values })) : [],
    numbers: last >= first ? (spec.numbers ?? []).map((n) => ({ address: column(n.column), min: n.min, max: n.max })) : [],
    metaCell,
    inputFill: INPUT_FILL,
  };
  return {
    ...layout,
    blockAddress: rangeAddress({ top: 1, left: 1, bottom: values.length, right: width }),
    values,
    contents,
    numberFormats,
    styles,
    columnWidths: widths,
    headers: layout.headers.concat([KEY_HEADER]),
    tableAddress: layout.tableAddress === null ? null : layout.tableAddress.replace(/:[A-Z]+(\d+)$/, ":" + letter + "$1"),
    editing,
  };
}

// ——— Reading a sheet back ———

/**
 * A sheet as read in one go: Office.js `values` of the used range, or exceljs cells converted
 * the same way (numbers, texts, booleans, "" for empty; dates as Excel serial numbers).
 * `origin` is where values[0][0] sits (0-based), `formats` the number formats when known.
 */
export interface SheetGrid {
  sheetName: string;
  values: unknown[][];
  origin: { row: number; col: number };
  formats?: string[][];
}

/** A problem of a sheet, by cell where it has one, Vietnamese first. */
export interface SheetProblem {
  cell: string | null;
  vi: string;
  en: string;
}

/** The cell at 1-based sheet coordinates, "" outside the grid. */
export function cellAt(grid: SheetGrid, row: number, col: number): unknown {
  const r = grid.values[row - 1 - grid.origin.row];
  if (r === undefined) return "";
  const v = r[col - 1 - grid.origin.col];
  return v === undefined || v === null ? "" : v;
}

export function formatAt(grid: SheetGrid, row: number, col: number): string {
  const f = grid.formats ? grid.formats[row - 1 - grid.origin.row] : undefined;
  const v = f ? f[col - 1 - grid.origin.col] : undefined;
  return typeof v === "string" ? v : "";
}

/** The last 1-based row of the grid. */
export function lastRowOf(grid: SheetGrid): number {
  return grid.origin.row + grid.values.length;
}

export function lastColumnOf(grid: SheetGrid): number {
  let n = 0;
  for (const r of grid.values) n = Math.max(n, r.length);
  return grid.origin.col + n;
}

/** Where the metadata sits: the first cell of the top rows holding the marker. */
export function findMeta(grid: SheetGrid): { meta: SheetMeta; row: number; col: number } | null {
  const rows = Math.min(lastRowOf(grid), 10);
  const cols = lastColumnOf(grid);
  for (let r = 1; r <= rows; r++) {
    for (let c = 1; c <= cols; c++) {
      const meta = decodeMeta(cellAt(grid, r, c));
      if (meta !== null) return { meta, row: r, col: c };
    }
  }
  return null;
}

/** Header text compared as typed: trimmed, spaces collapsed. */
export function headerText(v: unknown): string {
  return typeof v === "string" ? v.replace(/\s+/g, " ").replace(/^ | $/g, "") : typeof v === "number" ? String(v) : "";
}

/**
 * The column of each expected header on the header row, found by its exact text so that a
 * column someone moved is still read correctly; a missing one is a problem naming it.
 */
export function locateColumns(grid: SheetGrid, headerRow: number, expected: Record<string, string>, problems: SheetProblem[]): Record<string, number> | null {
  const found: Record<string, number> = {};
  const last = lastColumnOf(grid);
  const texts: string[] = [];
  for (let c = 1; c <= last; c++) texts.push(headerText(cellAt(grid, headerRow, c)));
  let ok = true;
  for (const key of Object.keys(expected)) {
    const want = headerText(expected[key]);
    const i = texts.indexOf(want);
    if (i < 0) {
      ok = false;
      problems.push({
        cell: null,
        vi: "Không thấy cột «" + want + "» ở dòng tiêu đề " + headerRow + ": đừng xóa hay đổi tên các cột; hãy lấy lại trang từ máy chủ.",
        en: 'Column "' + want + '" is missing from header row ' + headerRow + ": do not delete or rename columns; pull the sheet again.",
      });
    } else found[key] = i + 1;
  }
  return ok ? found : null;
}

export function isBlank(v: unknown): boolean {
  return v === "" || v === null || v === undefined || (typeof v === "string" && v.replace(/\s+/g, "") === "");
}

/** Text of a cell as typed, trimmed; numbers as written in the invariant form. */
export function textOf(v: unknown): string {
  if (typeof v === "string") return v.replace(/^\s+|\s+$/g, "");
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return "";
}

/** Excel's day 0 is 1899-12-30 (its 1900 leap-year bug is before every date this sheet holds). */
const SERIAL_EPOCH = dayNumber("1899-12-30");

export function dateToSerial(date: string): number {
  return dayNumber(date) - SERIAL_EPOCH;
}

export function serialToDate(serial: number): string {
  return fromDayNumber(Math.floor(serial) + SERIAL_EPOCH);
}

/**
 * A date as people type it in a Vietnamese sheet: a date cell (an Excel serial), "dd/mm/yyyy",
 * or ISO "yyyy-mm-dd". Null for anything else, including "mm/dd/yyyy" that cannot be told
 * apart: only unambiguous spellings are read.
 */
export function readDate(v: unknown): string | null {
  if (typeof v === "number") {
    if (!(v >= 1 && v < 2958466) || Math.floor(v) !== v) return null;
    return serialToDate(v);
  }
  const t = textOf(v);
  if (isIsoDate(t)) return t;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (m) {
    try {
      return isoDate(Number(m[3]), Number(m[2]), Number(m[1]));
    } catch (_e) {
      return null;
    }
  }
  return null;
}

/** True when a number format shows the value ×100 with a percent sign (Excel's own "0.0%", not '0.00"%"'). */
export function isPercentFormat(format: string): boolean {
  return /%/.test(format.replace(/"[^"]*"/g, "").replace(/\\%/g, ""));
}
