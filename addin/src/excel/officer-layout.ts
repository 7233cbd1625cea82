/**
 * The rows below a unit's figures on a form broken down by officer (types.ts RowShape
 * "officer"; forms 04/05: one row per Chấp hành viên). layout.ts puts this block between the
 * unit's row and the signatures: a caption, one row per officer (the name in column A, the
 * shape's fields typed in the unit's columns, the other columns as the unit row's formulas
 * over the officer's own cells), free rows to add officers, then a row adding the officers up,
 * so the clerk sees the sum the check compares with the unit's figures (shared/forms/rows.ts).
 *
 * The officers' cells are in the cell map as "r<i>.label" and "r<i>.<field>", as a list
 * collection's are (list-layout.ts), so reading, marking findings and live checks treat both alike.
 */
import type { FieldDefinition, RowShape, SubmittedRow } from "../../../shared/forms/types";
import { cellAddress, rangeAddress } from "../../../shared/a1";
import { excelFormula } from "../../../shared/reports/excel-formula";
import { asText, type BlockStyle } from "../../../shared/reports/grid";
import { listCellKey } from "./row-cells";

/** Free rows offered below the officers already reported (at least MIN_ROWS in all). */
const SPARE_ROWS = 5;
const MIN_ROWS = 30;

/** The officers' totals: a free row's formulas give 0, shown blank so the free rows read empty. */
export const QUIET_ZERO_FORMAT = "#,##0;-#,##0;";

type OfficerShape = Extract<RowShape, { kind: "officer" }>;

export interface OfficerBlock {
  /** Rows the block takes, from `captionRow` to the sum row. */
  height: number;
  firstRow: number;
  lastRow: number;
  sumRow: number;
  cells: Record<string, string>;
  contents: { row: number; column: number; value: string | number }[];
  styles: BlockStyle[];
  /** Officers' typed figures, one run of adjacent columns over every officer row. */
  inputRuns: string[];
  /** Formulas: the officers' derived columns and the sum row. */
  derivedRuns: string[];
  /** The officers' names. */
  textRuns: string[];
  /** Number formats of the rows from the unit's row to the sum row, one per field, in sheet order. */
  numberFormats: string[][];
}

/**
 * `fields` in sheet order: the i-th is in column i + 2, as on the unit's row, which is just
 * above `captionRow`; `numberFormat` is the sheet's (layout.ts, which imports this module).
 */
export function officerBlock(
  shape: OfficerShape,
  fields: readonly FieldDefinition[],
  captionRow: number,
  columnCount: number,
  numberFormat: string,
  rows?: readonly SubmittedRow[],
  atLeast = 0,
): OfficerBlock {
  // `atLeast`: the rows a sheet already has when the clerk adds more (layout.ts planOfficerRows).
  const capacity = Math.max(MIN_ROWS, (rows ? rows.length : 0) + SPARE_ROWS, atLeast);
  const firstRow = captionRow + 1;
  const lastRow = captionRow + capacity;
  const sumRow = lastRow + 1;
  const columnOf: Record<string, number> = {};
  fields.forEach((f, i) => {
    columnOf["k:" + f.key] = i + 2;
  });
  const typed = (f: FieldDefinition): boolean => shape.fields.indexOf(f.key) >= 0;
  const block = (r1: number, c1: number, r2: number, c2: number): string => rangeAddress({ top: r1, left: c1, bottom: r2, right: c2 });

  const cells: Record<string, string> = {};
  const contents: OfficerBlock["contents"] = [];
  const put = (row: number, column: number, value: string | number): void => {
    contents.push({ row, column, value });
  };
  put(captionRow, 1, asText("Chia theo " + shape.rowLabel.vi + " (mỗi người một dòng):"));
  for (let i = 0; i < capacity; i++) {
    const row = firstRow + i;
    const sent = rows ? rows[i] : undefined;
    cells[listCellKey(i, "label")] = cellAddress(row, 1);
    if (sent) put(row, 1, asText(sent.label));
    const addressOf = (key: string): string | undefined => {
      const c = columnOf["k:" + key];
      return c === undefined ? undefined : cellAddress(row, c);
    };
    fields.forEach((f, j) => {
      const column = j + 2;
      if (typed(f)) {
        cells[listCellKey(i, f.key)] = cellAddress(row, column);
        const v = sent ? sent.values[f.key] : undefined;
        if (typeof v === "number" && isFinite(v)) put(row, column, v);
      } else if (f.kind === "derived" && f.formula !== undefined) {
        put(row, column, excelFormula(f.formula, addressOf));
      }
    });
  }
  put(sumRow, 1, asText("Cộng các " + shape.rowLabel.vi));
  fields.forEach((_f, j) => put(sumRow, j + 2, "=SUM(" + block(firstRow, j + 2, lastRow, j + 2) + ")"));

  const inputColumns: number[] = [];
  const otherColumns: number[] = [];
  fields.forEach((f, j) => (typed(f) ? inputColumns : otherColumns).push(j + 2));
  const runs = (columns: number[], top: number, bottom: number): string[] => {
    const out: string[] = [];
    let start = -1;
    let prev = -1;
    for (const c of columns.concat([-1])) {
      if (start >= 0 && c === prev + 1) {
        prev = c;
        continue;
      }
      if (start >= 0) out.push(block(top, start, bottom, prev));
      start = c;
      prev = c;
    }
    return out;
  };
  const styles: BlockStyle[] = [
    { address: block(captionRow, 1, captionRow, columnCount), merge: true, hAlign: "Left", bold: true, italic: true, border: "outline" },
    { address: block(firstRow, 1, sumRow, columnCount), border: "grid" },
    { address: block(sumRow, 1, sumRow, columnCount), bold: true },
  ];
  const numberFormats: string[][] = [];
  for (let r = captionRow - 1; r <= sumRow; r++) {
    const officerRow = r >= firstRow && r <= lastRow;
    numberFormats.push(fields.map((f) => (officerRow && !typed(f) ? QUIET_ZERO_FORMAT : numberFormat)));
  }
  return {
    height: sumRow - captionRow + 1,
    firstRow,
    lastRow,
    sumRow,
    cells,
    contents,
    styles,
    inputRuns: runs(inputColumns, firstRow, lastRow),
    derivedRuns: runs(otherColumns, firstRow, lastRow).concat([block(sumRow, 2, sumRow, fields.length + 1)]),
    textRuns: [block(firstRow, 1, lastRow, 1)],
    numberFormats,
  };
}
