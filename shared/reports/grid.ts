/**
 * One report, laid out once: where every value, formula, format, style, colour rule and
 * chart goes on a sheet, decided without a workbook. The task pane writes this plan into
 * Excel (addin/src/excel/pull-sheets.ts), the Worker writes the same plan with exceljs
 * (worker/src/xlsx/render.ts) and the CSV takes its table (./csv.ts): the three are the
 * same cells by construction.
 *
 * Cells are written as Excel would read typing: a string beginning with "=" is a formula
 * (in Office.js's invariant en-US syntax), every other string is text and is escaped with
 * `asText`. `values` holds what each cell shows (a formula's result, computed here by the
 * same shared functions the API uses) and `contents` what is written.
 */

import { cellAddress, columnLetters, rangeAddress } from "../a1";
import type { EditingPlan } from "./editable";

export const FONT_NAME = "Times New Roman";

export const REPORT_COLOURS = {
  headerFill: "#DDEBF7",
  totalFill: "#F2F2F2",
  belowFill: "#FFC7CE",
  belowFont: "#9C0006",
  metFill: "#C6EFCE",
  metFont: "#006100",
  lateFill: "#FFEB9C",
  lateFont: "#9C5700",
  border: "#808080",
  /** Chart bars: met, below target, no target; the target line. */
  barMet: "#2E7D32",
  barBelow: "#C62828",
  barNeutral: "#5B7DB1",
  targetLine: "#1F1F1F",
} as const;

/**
 * Number format codes in the invariant (en-US) syntax; Excel and LibreOffice show them with
 * the reader's separators (84,25% and 1.234.567 in a Vietnamese locale). Rates stay percent
 * numbers (84.25, as in the API and the CSV), hence the quoted "%": Excel's own percent
 * format would multiply by 100 again.
 */
export const REPORT_FORMATS = {
  general: "General",
  count: "#,##0",
  rate: '0.00"%"',
  points: "+0.00;-0.00;0.00",
  signedCount: "+#,##0;-#,##0;0",
  signedPercent: '+0.00;-0.00;0.00',
  integer: "0",
  dateTime: "dd/mm/yyyy hh:mm",
  date: "dd/mm/yyyy",
} as const;

export type FormatKey = keyof typeof REPORT_FORMATS;

export type HorizontalAlignment = "Left" | "Center" | "Right";

export interface BlockStyle {
  address: string;
  /** One merged cell where ExcelApi 1.2+ is available; on 1.1 a centred block is centred across the selection instead. */
  merge?: boolean;
  bold?: boolean;
  italic?: boolean;
  size?: number;
  fontName?: string;
  fontColor?: string;
  /** Background colour of every cell of the block. */
  fill?: string;
  hAlign?: HorizontalAlignment;
  vAlign?: "Top" | "Center" | "Bottom";
  wrap?: boolean;
  /** Wrap text in each cell of a multi-column block of separate cells (a header row). */
  wrapCells?: boolean;
  /** Thin borders: around the block, or around every cell of it. */
  border?: "outline" | "grid";
}

/**
 * Excel reads text written through `values`/`formulas` the way it reads typing: "=…", "+…",
 * "-…", "@…" become formulas and "52-01" may become a date. A leading apostrophe keeps it
 * text; the apostrophe itself is not shown.
 */
export function asText(s: string): string {
  if (/^[=+\-@'\t\r]/.test(s) || /^[0-9\s.,:/-]+$/.test(s)) return "'" + s;
  return s;
}

export type Cell = string | number;

export type ReportKind = "comparison" | "rollup" | "completeness" | "text" | "targets" | "units";

/** A static fill over a run of adjacent cells (ExcelApi 1.1, where conditional formats do not exist). */
export interface FillRun {
  address: string;
  fill: string;
  fontColor: string;
}

export interface ConditionalRule {
  /** Relative to the top-left cell of the range, like Excel's own rule dialog: "=$F7<$G7". */
  formula: string;
  fill: string;
  fontColor: string;
}

export interface ConditionalPlan {
  address: string;
  rules: ConditionalRule[];
}

export interface ChartPlan {
  title: string;
  /** Helper block (name, rate[, target]) with its header row, sorted by rate, best first. */
  sourceWithTarget: string | null;
  sourceRateOnly: string;
  points: number;
  /** Names, rates and targets of the bars, in the helper's order (cached in the .xlsx chart part). */
  categories: string[];
  rates: number[];
  targets: (number | null)[];
  /** One colour per bar, in the helper's order: red below target, green met, blue without target. */
  pointColours: string[];
  from: string;
  to: string;
  axis: { min: number; max: number; majorUnit: number };
  valueAxisTitle: string;
  seriesName: string;
}

/**
 * A line chart of one block: its first row holds the categories (the months, "T10" … "T9")
 * with the block's name in the first cell, each further row one series named in its first
 * cell (this year, last year). Excel draws that from the block alone on every ExcelApi level
 * ("Line", series by rows); the .xlsx names the same ranges.
 */
export interface LineChartPlan {
  title: string;
  source: string;
  categories: string[];
  series: { name: string; values: (number | null)[]; colour: string; dashed: boolean }[];
  from: string;
  to: string;
  axis: { min: number; max: number; majorUnit: number };
  valueAxisTitle: string;
}

export interface ReportLayout {
  kind: ReportKind;
  /** Wanted sheet name, made unique against the workbook by the adapter. */
  sheetName: string;
  /** Download name: so-sanh-VN-01-2026-09.xlsx. */
  fileName: string;
  title: string;
  /** Subtitle, source and unit lines, as written under the title. */
  lines: string[];
  columnCount: number;
  blockAddress: string;
  /** What each cell shows: texts unescaped, formula results as numbers ("" when empty). */
  values: Cell[][];
  /** What is written: texts escaped with asText, formulas beginning with "=". */
  contents: Cell[][];
  numberFormats: string[][];
  styles: BlockStyle[];
  /** Points, index 0 = column A (applied on ExcelApi 1.2+). */
  columnWidths: number[];
  rowHeights: { row: number; height: number }[];
  headerRow: number;
  /** The table's column headers, in order. */
  headers: string[];
  /** Rows of units (the total row excluded). */
  dataRows: { first: number; last: number } | null;
  totalRow: number | null;
  /** Header + unit rows: an Excel table (sorting, filters); the total stays outside it. */
  tableAddress: string | null;
  staticFills: FillRun[];
  conditional: ConditionalPlan[];
  chart: ChartPlan | null;
  /** Line charts (the trend's small multiples), drawn in the same sync as `chart`. */
  lineCharts: LineChartPlan[];
  printArea: string;
  printTitleRows: string;
  /** Notes under the table (who is below target…), also shown in the task pane. */
  notes: string[];
  /** Key facts of the report for the CSV's extra columns and the file's properties. */
  facts: { label: string; value: string }[];
  /** Sheets people edit and push back (targets, units): inputs, lists, the hidden row keys (editable.ts). */
  editing?: EditingPlan;
}

// ——— The generic table sheet ———

/**
 * One column of a report. `value` is what the cell shows; `formula` (optional) is how the
 * spreadsheet recomputes it from other columns of the same row, written with `ref(key)` for
 * the address of another column's cell. The formula's result must equal `value`, which the
 * tests check by letting LibreOffice and the in-memory workbook recompute it.
 */
export interface Column<R> {
  key: string;
  header: string;
  /** Points. */
  width: number;
  format: FormatKey;
  align?: HorizontalAlignment;
  value: (row: R, index: number | null) => Cell | null;
  formula?: (ref: (key: string) => string, row: R) => string | null;
}

export type Standing = "below" | "met" | null;

export interface TableSpec<R> {
  kind: ReportKind;
  sheetName: string;
  fileName: string;
  title: string;
  lines: string[];
  columns: Column<R>[];
  rows: R[];
  total: R | null;
  notes: string[];
  facts: { label: string; value: string }[];
  /** Columns coloured by standing, with the rate and target columns the rule compares and how. */
  standing?: { columns: string[]; rateColumn: string; targetColumn: string; of: (row: R) => Standing; comparison: "gte" | "gt" | "lte" | "lt" };
  /** A text column coloured by its words (completeness status). */
  statusColumn?: { column: string; styles: { text: string; fill: string; fontColor: string }[] };
  chart?: { title: string; valueAxisTitle: string; seriesName: string; items: { name: string; rate: number; target: number | null; standing: Standing }[] };
  /** No Excel table over the rows (a sheet of blocks rather than one list). */
  noTable?: boolean;
  /** Line charts below the notes, laid out by `lineChartsOf` from the rows' block ranges. */
  lineCharts?: (rows: { first: number; chartTop: number }) => LineChartPlan[];
  /** Extra styles (block headers), given the first data row. */
  extraStyles?: (firstData: number) => BlockStyle[];
}

const TITLE_ROW = 1;
const HEADER_ROW = 6;
const CHART_ROWS = 22;

function blank(columns: number): Cell[] {
  const row: Cell[] = [];
  for (let c = 0; c < columns; c++) row.push("");
  return row;
}

/** Bounds that show the differences between units: ten points below the lowest, up to 100 or the next ten above the highest. */
export function rateAxis(values: readonly (number | null)[]): { min: number; max: number; majorUnit: number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v === null || !isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (lo === Infinity) return { min: 0, max: 100, majorUnit: 10 };
  const min = Math.max(0, Math.floor(lo / 10) * 10 - 10);
  // A rate never exceeds 100 (done ≤ có điều kiện), nor does a target.
  const max = Math.max(min + 10, Math.min(100, Math.ceil(hi / 10) * 10));
  return { min, max, majorUnit: max - min > 50 ? 10 : 5 };
}

function comparator(c: "gte" | "gt" | "lte" | "lt", met: boolean): string {
  const ops = { gte: [">=", "<"], gt: [">", "<="], lte: ["<=", ">"], lt: ["<", ">="] } as const;
  return ops[c][met ? 0 : 1];
}

export function buildTable<R>(spec: TableSpec<R>): ReportLayout {
  const n = spec.columns.length;
  const last = columnLetters(n);
  const colOf: Record<string, number> = {};
  spec.columns.forEach((c, i) => (colOf[c.key] = i + 1));
  const items = spec.chart ? spec.chart.items : [];
  const withTarget = items.some((x) => x.target !== null);
  const helperFirst = items.length > 0 ? n + 2 : 0;
  const helperWidth = withTarget ? 3 : 2;
  const width = items.length > 0 ? helperFirst + helperWidth - 1 : n;

  const firstData = HEADER_ROW + 1;
  const lastData = HEADER_ROW + spec.rows.length;
  const totalRow = spec.total !== null ? lastData + 1 : null;
  const bodyLast = totalRow !== null ? totalRow : lastData;
  const notesFirst = bodyLast + 2;
  const notesLast = notesFirst + spec.notes.length - 1;
  const helperLast = HEADER_ROW + items.length;
  const rowCount = Math.max(spec.notes.length > 0 ? notesLast : bodyLast, helperLast);

  const values: Cell[][] = [];
  const contents: Cell[][] = [];
  const formats: string[][] = [];
  for (let r = 0; r < rowCount; r++) {
    values.push(blank(width));
    contents.push(blank(width));
    const f: string[] = [];
    for (let c = 0; c < width; c++) f.push(REPORT_FORMATS.general);
    formats.push(f);
  }
  const put = (row: number, column: number, v: Cell | null, format?: FormatKey, formula?: string | null): void => {
    const shown: Cell = v === null ? "" : v;
    (values[row - 1] as Cell[])[column - 1] = shown;
    (contents[row - 1] as Cell[])[column - 1] = formula ? "=" + formula : typeof shown === "string" ? (shown === "" ? "" : asText(shown)) : shown;
    if (format !== undefined) (formats[row - 1] as string[])[column - 1] = REPORT_FORMATS[format];
  };
  const putRow = (rowNumber: number, row: R, index: number | null): void => {
    const ref = (key: string): string => {
      const c = colOf[key];
      if (c === undefined) throw new Error("report column " + key + " is not on the sheet");
      return cellAddress(rowNumber, c);
    };
    spec.columns.forEach((col, c) => {
      const v = col.value(row, index);
      put(rowNumber, c + 1, v, col.format, col.formula ? col.formula(ref, row) : null);
    });
  };

  put(TITLE_ROW, 1, spec.title);
  spec.lines.forEach((line, i) => put(TITLE_ROW + 1 + i, 1, line));
  spec.columns.forEach((col, i) => put(HEADER_ROW, i + 1, col.header));
  spec.rows.forEach((row, i) => putRow(firstData + i, row, i + 1));
  if (spec.total !== null && totalRow !== null) putRow(totalRow, spec.total, null);
  spec.notes.forEach((line, i) => put(notesFirst + i, 1, line));

  // The chart's data: sorted by rate, best first (the table keeps the API's order).
  if (items.length > 0) {
    put(HEADER_ROW, helperFirst, "Đơn vị (xếp theo tỷ lệ)");
    put(HEADER_ROW, helperFirst + 1, spec.chart ? spec.chart.valueAxisTitle : "");
    if (withTarget) put(HEADER_ROW, helperFirst + 2, "Chỉ tiêu (%)");
    items.forEach((x, i) => {
      put(firstData + i, helperFirst, x.name);
      put(firstData + i, helperFirst + 1, x.rate, "rate");
      if (withTarget) put(firstData + i, helperFirst + 2, x.target, "rate");
    });
  }

  const styles: BlockStyle[] = [];
  const block = (top: number, left: number, bottom: number, right: number): string => rangeAddress({ top, left, bottom, right });
  styles.push({ address: block(1, 1, rowCount, width), fontName: FONT_NAME, size: 10, vAlign: "Center" });
  styles.push({ address: block(TITLE_ROW, 1, TITLE_ROW, n), merge: true, bold: true, size: 14, hAlign: "Center" });
  spec.lines.forEach((_line, i) => {
    const row = TITLE_ROW + 1 + i;
    styles.push(i === 0
      ? { address: block(row, 1, row, n), merge: true, bold: true, size: 11, hAlign: "Center" }
      : { address: block(row, 1, row, n), merge: true, italic: true, hAlign: i === 1 ? "Center" : "Left" });
  });
  styles.push({ address: block(HEADER_ROW, 1, HEADER_ROW, n), bold: true, fill: REPORT_COLOURS.headerFill, hAlign: "Center", vAlign: "Center", wrapCells: true, border: "grid" });
  if (bodyLast >= firstData) {
    styles.push({ address: block(firstData, 1, bodyLast, n), border: "grid" });
    spec.columns.forEach((col, i) => {
      if (col.align) styles.push({ address: block(firstData, i + 1, bodyLast, i + 1), hAlign: col.align });
    });
  }
  if (totalRow !== null) styles.push({ address: block(totalRow, 1, totalRow, n), bold: true, fill: REPORT_COLOURS.totalFill });
  spec.notes.forEach((_line, i) => {
    const row = notesFirst + i;
    styles.push({ address: block(row, 1, row, n), merge: true, italic: true, hAlign: "Left" });
  });
  if (items.length > 0) {
    styles.push({ address: block(HEADER_ROW, helperFirst, HEADER_ROW, width), bold: true, fill: REPORT_COLOURS.headerFill, hAlign: "Center", wrapCells: true, border: "grid" });
    styles.push({ address: block(firstData, helperFirst, helperLast, width), border: "grid" });
  }

  // Below target red, met green: static fills where conditional formats are missing (1.1),
  // one write per run of adjacent rows with the same standing; rules elsewhere.
  const staticFills: FillRun[] = [];
  const conditional: ConditionalPlan[] = [];
  const palette = (s: "below" | "met"): { fill: string; fontColor: string } =>
    s === "below" ? { fill: REPORT_COLOURS.belowFill, fontColor: REPORT_COLOURS.belowFont } : { fill: REPORT_COLOURS.metFill, fontColor: REPORT_COLOURS.metFont };
  const all: R[] = spec.total !== null ? spec.rows.concat([spec.total]) : spec.rows.slice();
  const runsOf = (key: (row: R) => string | null, column: number, colour: (k: string) => { fill: string; fontColor: string }): void => {
    let start = -1;
    let current: string | null = null;
    for (let i = 0; i <= all.length; i++) {
      const k = i < all.length ? key(all[i] as R) : null;
      if (k === current && i < all.length) continue;
      if (current !== null && start >= 0) {
        const c = colour(current);
        staticFills.push({ address: block(firstData + start, column, firstData + i - 1, column), fill: c.fill, fontColor: c.fontColor });
      }
      current = k;
      start = i;
    }
  };
  if (spec.standing && all.length > 0) {
    const st = spec.standing;
    const cols = st.columns.map((k) => colOf[k] as number);
    for (const column of cols) runsOf(st.of, column, (k) => palette(k as "below" | "met"));
    const rate = "$" + columnLetters(colOf[st.rateColumn] as number) + firstData;
    const target = "$" + columnLetters(colOf[st.targetColumn] as number) + firstData;
    const known = "ISNUMBER(" + rate + "),ISNUMBER(" + target + ")";
    for (const column of cols) {
      conditional.push({
        address: block(firstData, column, bodyLast, column),
        rules: [
          { formula: "=AND(" + known + "," + rate + comparator(st.comparison, false) + target + ")", fill: REPORT_COLOURS.belowFill, fontColor: REPORT_COLOURS.belowFont },
          { formula: "=AND(" + known + "," + rate + comparator(st.comparison, true) + target + ")", fill: REPORT_COLOURS.metFill, fontColor: REPORT_COLOURS.metFont },
        ],
      });
    }
  }
  if (spec.statusColumn && all.length > 0) {
    const sc = spec.statusColumn;
    const col = colOf[sc.column] as number;
    const byText: Record<string, { fill: string; fontColor: string }> = {};
    for (const s of sc.styles) byText[s.text] = { fill: s.fill, fontColor: s.fontColor };
    runsOf((row) => {
      const v = (spec.columns[col - 1] as Column<R>).value(row, null);
      return typeof v === "string" && byText[v] ? v : null;
    }, col, (k) => byText[k] as { fill: string; fontColor: string });
    const cell = "$" + columnLetters(col) + firstData;
    conditional.push({
      address: block(firstData, col, bodyLast, col),
      rules: sc.styles.map((s) => ({ formula: "=" + cell + '="' + s.text + '"', fill: s.fill, fontColor: s.fontColor })),
    });
  }

  let chart: ChartPlan | null = null;
  const chartTop = (spec.notes.length > 0 ? notesLast : bodyLast) + 2;
  if (spec.chart && items.length > 0) {
    chart = {
      title: spec.chart.title,
      sourceWithTarget: withTarget ? block(HEADER_ROW, helperFirst, helperLast, helperFirst + 2) : null,
      sourceRateOnly: block(HEADER_ROW, helperFirst, helperLast, helperFirst + 1),
      points: items.length,
      categories: items.map((x) => x.name),
      rates: items.map((x) => x.rate),
      targets: items.map((x) => x.target),
      pointColours: items.map((x) => (x.standing === "below" ? REPORT_COLOURS.barBelow : x.standing === "met" ? REPORT_COLOURS.barMet : REPORT_COLOURS.barNeutral)),
      from: cellAddress(chartTop, 1),
      to: cellAddress(chartTop + CHART_ROWS, n),
      axis: rateAxis((items.map((x) => x.rate) as (number | null)[]).concat(items.map((x) => x.target))),
      valueAxisTitle: spec.chart.valueAxisTitle,
      seriesName: spec.chart.seriesName,
    };
  }

  const widths: number[] = spec.columns.map((c) => c.width);
  if (items.length > 0) {
    widths.push(12);
    widths.push(110, 64);
    if (withTarget) widths.push(56);
  }
  const lineCharts = spec.lineCharts ? spec.lineCharts({ first: firstData, chartTop }) : [];
  if (spec.extraStyles) styles.push.apply(styles, spec.extraStyles(firstData));
  let printBottom = chart ? chartTop + CHART_ROWS : rowCount;
  for (const lc of lineCharts) {
    const to = /([0-9]+)$/.exec(lc.to);
    if (to) printBottom = Math.max(printBottom, Number(to[1]));
  }
  return {
    kind: spec.kind,
    sheetName: spec.sheetName,
    fileName: spec.fileName,
    title: spec.title,
    lines: spec.lines,
    columnCount: n,
    blockAddress: block(1, 1, rowCount, width),
    values,
    contents,
    numberFormats: formats,
    styles,
    columnWidths: widths,
    rowHeights: [
      { row: TITLE_ROW, height: 22 },
      { row: HEADER_ROW, height: 62 },
    ],
    headerRow: HEADER_ROW,
    headers: spec.columns.map((c) => c.header),
    dataRows: spec.rows.length > 0 ? { first: firstData, last: lastData } : null,
    totalRow,
    tableAddress: spec.rows.length > 0 && !spec.noTable ? "A" + HEADER_ROW + ":" + last + lastData : null,
    staticFills,
    conditional,
    chart,
    lineCharts,
    printArea: "A1:" + last + printBottom,
    printTitleRows: "$" + HEADER_ROW + ":$" + HEADER_ROW,
    notes: spec.notes,
    facts: spec.facts,
  };
}

/** The table part of a layout (header, units, total) as shown: what the CSV writes. */
export function tableRows(layout: ReportLayout): Cell[][] {
  const out: Cell[][] = [];
  const last = layout.totalRow !== null ? layout.totalRow : layout.dataRows ? layout.dataRows.last : layout.headerRow;
  for (let r = layout.headerRow; r <= last; r++) out.push((layout.values[r - 1] as Cell[]).slice(0, layout.columnCount));
  return out;
}
