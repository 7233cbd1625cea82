/**
 * The sheet of a list collection (types.ts RowShape "list"; seed 004: one row per case of 20
 * tỷ or more): the form's title block, then a table with one row per case: STT (the row's
 * key), the row's label (rowLabel: "Việc"), then the collection's typed columns. Pure, like
 * layout.ts: the adapter writes it with the same applyLayout as a unit's form.
 *
 * Every data cell is in `cells` as "r<i>.label" or "r<i>.<column>" (i from 0), so reading,
 * marking findings, selecting and live checks work on it as on a form's field cells; the
 * unit's figures are not on the sheet: they are computed from the rows (collection-rows.ts)
 * and shown in the pane before sending.
 */
import type { FormDefinition, ListColumn, SubmittedRow } from "../../../shared/forms/types";
import { periodLabelOf, periodSpanOf } from "../../../shared/forms/collection-period";
import { dateToSerial } from "../../../shared/reports/editable";
import { cellAddress, columnLetters, rangeAddress } from "../../../shared/a1";
import { asText, FONT_NAME, type BlockStyle } from "../../../shared/reports/grid";
import { metadataRow, METADATA_ADDRESS } from "./metadata";
import { blankBlock, circularText, INPUT_FILL, DERIVED_FILL, NUMBER_FORMAT, titleText, unitOfMeasureText, type FormLayout } from "./layout";
import type { FormHeader } from "./types";
import { listCellKey, rowCapacity } from "./row-cells";

/** Empty rows offered below the cases already reported (at least MIN_ROWS in all). */
const SPARE_ROWS = 10;
const MIN_ROWS = 30;
const HEADER_ROW = 8;

export const DATE_FORMAT = "dd/mm/yyyy";

export { listCellKey };

function formatOf(c: ListColumn): string {
  return c.type === "date" ? DATE_FORMAT : c.type === "text" ? "@" : NUMBER_FORMAT;
}

/** A row's cell as the sheet holds it: a date as an Excel date, numbers as numbers, text escaped. */
function cellOf(c: ListColumn, v: unknown): string | number {
  if (v === null || v === undefined) return "";
  if (c.type === "date" && typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v)) return dateToSerial(v);
  return typeof v === "number" ? v : asText(String(v));
}

function listShape(form: FormDefinition): ListColumn[] {
  const shape = form.rows;
  if (!shape || shape.kind !== "list") throw new Error("biểu " + form.id + " không phải biểu danh sách");
  return shape.columns;
}

/** The number formats of one list row: STT, the row's label as text, then each column's. */
function rowFormats(columns: readonly ListColumn[]): string[] {
  return ["0", "@"].concat(columns.map(formatOf));
}

/** Where the typed cells of rows first..last are: numeric columns (count, money) and the others (label, text, date). */
function dataRuns(columns: readonly ListColumn[], first: number, last: number): { numeric: string[]; other: string[] } {
  const numeric: number[] = [];
  const other: number[] = [2];
  columns.forEach((c, j) => (c.type === "count" || c.type === "money" ? numeric : other).push(j + 3));
  const runs = (cols: number[]): string[] => cols.map((c) => rangeAddress({ top: first, left: c, bottom: last, right: c }));
  return { numeric: runs(numeric), other: runs(other) };
}

/** The data rows' own styles (the font, a grid, STT centred), for the whole list or rows added to it. */
function dataStyles(first: number, last: number, columnCount: number): BlockStyle[] {
  const block = (c1: number, c2: number): string => rangeAddress({ top: first, left: c1, bottom: last, right: c2 });
  return [
    { address: block(1, columnCount), fontName: FONT_NAME, size: 12, border: "grid" },
    { address: block(1, 1), hAlign: "Center" },
  ];
}


/**
 * Rows added below a list sheet's last row (the pane's "Thêm dòng"): the cells they bring, the
 * STT numbers to write, and how to format them as the rows above (list-layout's own formats,
 * fills and grid), with the table and print area that then cover the whole list.
 */
export interface ListRowsPlan {
  /** The new rows only, e.g. "A39:G48". */
  address: string;
  /** STT then blanks, one line per new row (Range.values or TableRowCollection.add). */
  values: (string | number)[][];
  numberFormats: string[][];
  styles: BlockStyle[];
  /** Typed cells of the new rows: numeric columns (input fill, unlocked, whole-number validation) and the others (input fill, unlocked). */
  inputRuns: string[];
  textRuns: string[];
  inputFill: string;
  /** Every cell of the sheet after the addition (the reference's cells grow). */
  cells: Record<string, string>;
  tableAddress: string;
  printAddress: string;
}

export function planListRows(form: FormDefinition, cells: Readonly<Record<string, string>>, count: number): ListRowsPlan {
  const columns = listShape(form);
  const columnCount = columns.length + 2;
  const had = rowCapacity(cells);
  const first = HEADER_ROW + had + 1;
  const last = first + count - 1;
  const grown: Record<string, string> = {};
  for (const k of Object.keys(cells)) grown[k] = cells[k] as string;
  const values: (string | number)[][] = [];
  const numberFormats: string[][] = [];
  for (let i = had; i < had + count; i++) {
    const row = HEADER_ROW + 1 + i;
    grown[listCellKey(i, "label")] = cellAddress(row, 2);
    columns.forEach((c, j) => {
      grown[listCellKey(i, c.key)] = cellAddress(row, j + 3);
    });
    const line: (string | number)[] = [i + 1];
    for (let c = 1; c < columnCount; c++) line.push("");
    values.push(line);
    numberFormats.push(rowFormats(columns));
  }
  const runs = dataRuns(columns, first, last);
  const lastColumn = columnLetters(columnCount);
  return {
    address: rangeAddress({ top: first, left: 1, bottom: last, right: columnCount }),
    values,
    numberFormats,
    styles: dataStyles(first, last, columnCount),
    inputRuns: runs.numeric,
    textRuns: runs.other,
    inputFill: INPUT_FILL,
    cells: grown,
    tableAddress: rangeAddress({ top: HEADER_ROW, left: 1, bottom: last, right: columnCount }),
    printAddress: "A2:" + lastColumn + last,
  };
}

export function layoutList(form: FormDefinition, header: FormHeader, rows?: readonly SubmittedRow[]): FormLayout {
  const columns = listShape(form);
  const rowLabel = form.rows && form.rows.kind === "list" ? form.rows.rowLabel.vi : "";
  const columnCount = columns.length + 2;
  const last = columnLetters(columnCount);
  const capacity = Math.max(MIN_ROWS, (rows ? rows.length : 0) + SPARE_ROWS);
  const first = HEADER_ROW + 1;
  const lastRow = HEADER_ROW + capacity;
  const { contents, put } = blankBlock(lastRow, columnCount);
  const block = (r1: number, c1: number, r2: number, c2: number): string => rangeAddress({ top: r1, left: c1, bottom: r2, right: c2 });

  const cells: Record<string, string> = {};
  for (let i = 0; i < capacity; i++) {
    const row = first + i;
    cells[listCellKey(i, "label")] = cellAddress(row, 2);
    columns.forEach((c, j) => {
      cells[listCellKey(i, c.key)] = cellAddress(row, j + 3);
    });
    put(row, 1, i + 1);
    const sent = rows ? rows[i] : undefined;
    if (sent) {
      put(row, 2, asText(sent.label));
      columns.forEach((c, j) => put(row, j + 3, cellOf(c, sent.values[c.key])));
    }
  }
  metadataRow({ formId: form.id, regime: form.regime, unitCode: header.unitCode, period: header.period, cells }, null).forEach((t, i) => put(1, i + 1, t));

  put(2, 1, asText(form.code));
  put(2, 3, asText("Đơn vị báo cáo: " + header.unitName));
  const circular = circularText(form.regime);
  if (circular !== "") put(3, 1, asText(circular));
  put(3, 3, asText("Đơn vị nhận báo cáo: " + header.receivingUnitName));
  put(4, 1, asText(titleText(form)));
  put(5, 1, asText(periodLabelOf(form, header.period)));
  put(6, 1, asText(periodSpanOf(form, header.period)));
  put(7, columnCount, asText(unitOfMeasureText(form)));
  put(HEADER_ROW, 1, "STT");
  put(HEADER_ROW, 2, asText(rowLabel));
  columns.forEach((c, j) => put(HEADER_ROW, j + 3, asText(c.label.vi + (c.type === "date" ? " (ngày/tháng/năm)" : ""))));

  const heading: BlockStyle[] = [
    { address: block(2, 1, lastRow, columnCount), fontName: FONT_NAME, size: 12 },
    { address: METADATA_ADDRESS, fontColor: "#FFFFFF", size: 1 },
    { address: block(2, 1, 2, 2), bold: true },
    { address: block(4, 1, 4, columnCount), merge: true, hAlign: "Center", bold: true, size: 14 },
    { address: block(5, 1, 5, columnCount), merge: true, hAlign: "Center", bold: true },
    { address: block(6, 1, 6, columnCount), merge: true, hAlign: "Center", italic: true },
    { address: block(7, columnCount, 7, columnCount), hAlign: "Right", italic: true },
    // The header formatted by hand: on ExcelApi 1.1 there is no table style to rely on.
    { address: block(HEADER_ROW, 1, HEADER_ROW, columnCount), bold: true, fill: DERIVED_FILL, hAlign: "Center", vAlign: "Center", wrap: true, border: "grid" },
  ];
  const styles = heading.concat(dataStyles(first, lastRow, columnCount));

  // Number formats of the data block, one per cell: text, date or whole numbers by column.
  const formats: string[][] = [];
  for (let i = 0; i < capacity; i++) formats.push(rowFormats(columns));
  const runs = dataRuns(columns, first, lastRow);
  const widths = [40, 200].concat(columns.map((c) => (c.type === "text" ? 170 : c.type === "date" ? 90 : 100)));
  return {
    formId: form.id,
    regime: form.regime,
    columnCount,
    rowCount: lastRow,
    blockAddress: "A1:" + last + lastRow,
    contents,
    printAddress: "A2:" + last + lastRow,
    metadataAddress: METADATA_ADDRESS,
    headerRows: { first: HEADER_ROW, last: HEADER_ROW },
    columnNumberRow: HEADER_ROW,
    dataRow: first,
    dataRowAddress: block(first, 1, lastRow, columnCount),
    cells,
    inputRuns: runs.numeric,
    derivedRuns: [],
    numberFormat: NUMBER_FORMAT,
    inputFill: INPUT_FILL,
    derivedFill: DERIVED_FILL,
    styles,
    columnWidths: widths,
    rowHeights: [{ row: HEADER_ROW, height: 48 }],
    list: { textRuns: runs.other, numberFormats: formats, tableAddress: block(HEADER_ROW, 1, lastRow, columnCount) },
  };
}
