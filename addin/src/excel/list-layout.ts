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
import { listCellKey } from "./row-cells";

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

export function layoutList(form: FormDefinition, header: FormHeader, rows?: readonly SubmittedRow[]): FormLayout {
  const shape = form.rows;
  if (!shape || shape.kind !== "list") throw new Error("biểu " + form.id + " không phải biểu danh sách");
  const columns = shape.columns;
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
  put(HEADER_ROW, 2, asText(shape.rowLabel.vi));
  columns.forEach((c, j) => put(HEADER_ROW, j + 3, asText(c.label.vi + (c.type === "date" ? " (ngày/tháng/năm)" : ""))));

  const styles: BlockStyle[] = [
    { address: block(2, 1, lastRow, columnCount), fontName: FONT_NAME, size: 12 },
    { address: METADATA_ADDRESS, fontColor: "#FFFFFF", size: 1 },
    { address: block(2, 1, 2, 2), bold: true },
    { address: block(4, 1, 4, columnCount), merge: true, hAlign: "Center", bold: true, size: 14 },
    { address: block(5, 1, 5, columnCount), merge: true, hAlign: "Center", bold: true },
    { address: block(6, 1, 6, columnCount), merge: true, hAlign: "Center", italic: true },
    { address: block(7, columnCount, 7, columnCount), hAlign: "Right", italic: true },
    // The header formatted by hand: on ExcelApi 1.1 there is no table style to rely on.
    { address: block(HEADER_ROW, 1, HEADER_ROW, columnCount), bold: true, fill: DERIVED_FILL, hAlign: "Center", vAlign: "Center", wrap: true, border: "grid" },
    { address: block(first, 1, lastRow, columnCount), border: "grid" },
    { address: block(first, 1, lastRow, 1), hAlign: "Center" },
  ];

  // Number formats of the data block, one per cell: text, date or whole numbers by column.
  const formats: string[][] = [];
  for (let i = 0; i < capacity; i++) formats.push(["0", "@"].concat(columns.map(formatOf)));
  const numeric: number[] = [];
  const other: number[] = [2];
  columns.forEach((c, j) => (c.type === "count" || c.type === "money" ? numeric : other).push(j + 3));
  const runs = (cols: number[]): string[] => cols.map((c) => block(first, c, lastRow, c));
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
    inputRuns: runs(numeric),
    derivedRuns: [],
    numberFormat: NUMBER_FORMAT,
    inputFill: INPUT_FILL,
    derivedFill: DERIVED_FILL,
    styles,
    columnWidths: widths,
    rowHeights: [{ row: HEADER_ROW, height: 48 }],
    list: { textRuns: runs(other), numberFormats: formats, tableAddress: block(HEADER_ROW, 1, lastRow, columnCount) },
  };
}
