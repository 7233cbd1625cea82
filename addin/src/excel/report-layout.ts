/**
 * Where everything goes on a sheet pulled for province and national staff — the comparison
 * (rates, targets, gaps, cùng kỳ, rank, flags in words), the province roll-up by regional
 * office, and the completeness list — decided without a workbook, like layout.ts for the
 * form. pull-sheets.ts applies the plan with a fixed number of syncs whatever the number of
 * rows; the plan is what the tests read.
 *
 * Everything written is one 2-D block (values) and one 2-D block of number formats; the
 * rest is a constant number of range operations, except the static below/met fills of
 * ExcelApi 1.1, which are one write per run of adjacent rows with the same standing.
 */

import type { Comparison, ComparisonRow, Completeness } from "../../../shared/api/schemas";
import type { FormDefinition } from "../../../shared/forms/types";
import { formatInteger, formatPercent, roundTo } from "../../../shared/format";
import { formsInForce } from "../../../shared/forms/registry";
import { cumulativeLabel, parseInstant, periodEnd, periodRangeLabel } from "../../../shared/periods";
import { cellAddress, columnLetters, rangeAddress } from "../../../shared/a1";
import { asText, FONT_NAME, orderedFields, type BlockStyle, type HorizontalAlignment } from "./layout";

// ——— Vocabulary ———

export const REPORT_COLOURS = {
  headerFill: "#DDEBF7",
  totalFill: "#F2F2F2",
  belowFill: "#FFC7CE",
  belowFont: "#9C0006",
  metFill: "#C6EFCE",
  metFont: "#006100",
  lateFill: "#FFEB9C",
  lateFont: "#9C5700",
  /** Chart bars: met, below target, no target; the target line. */
  barMet: "#2E7D32",
  barBelow: "#C62828",
  barNeutral: "#5B7DB1",
  targetLine: "#1F1F1F",
} as const;

/**
 * Number format codes in Office.js's invariant (en-US) syntax; Excel shows them with the
 * reader's separators (84,25 and 1.234.567 in a Vietnamese locale). Rates stay percent
 * numbers (84.25, as in the API), so the headers say "(%)" instead of a percent format,
 * which would multiply by 100 again.
 */
export const REPORT_FORMATS = {
  general: "General",
  count: "#,##0",
  rate: "0.00",
  points: "+0.00;-0.00;0.00",
  signedCount: "+#,##0;-#,##0;0",
  integer: "0",
  dateTime: "dd/mm/yyyy hh:mm",
} as const;

const NATIONAL = "VN";

export type Cell = string | number;

export type ReportKind = "comparison" | "rollup" | "completeness";

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
  /** One colour per bar, in the helper's order: red below target, green met, blue without target. */
  pointColours: string[];
  from: string;
  to: string;
  axis: { min: number; max: number; majorUnit: number };
}

export interface ReportLayout {
  kind: ReportKind;
  /** Wanted sheet name, made unique against the workbook by the adapter. */
  sheetName: string;
  title: string;
  /** Subtitle, source and unit lines, as written under the title. */
  lines: string[];
  columnCount: number;
  blockAddress: string;
  values: Cell[][];
  numberFormats: string[][];
  styles: BlockStyle[];
  /** Points, index 0 = column A (applied on ExcelApi 1.2+). */
  columnWidths: number[];
  rowHeights: { row: number; height: number }[];
  headerRow: number;
  /** Rows of units (the total row excluded). */
  dataRows: { first: number; last: number } | null;
  totalRow: number | null;
  /** Header + unit rows: an Excel table (sorting, filters); the total stays outside it. */
  tableAddress: string | null;
  staticFills: FillRun[];
  conditional: ConditionalPlan[];
  chart: ChartPlan | null;
  printArea: string;
  printTitleRows: string;
  /** Notes under the table (who is below target…), also shown in the task pane. */
  notes: string[];
}

// ——— Small helpers ———

function pad(n: number): string {
  return (n < 10 ? "0" : "") + n;
}

/** "09:30 05/10/2026": an instant on the wall clocks of Hà Nội (UTC+7, no daylight saving). */
export function vietnamClock(iso: string): string {
  const d = new Date(parseInstant(iso) + 7 * 3600 * 1000);
  return pad(d.getUTCHours()) + ":" + pad(d.getUTCMinutes()) + " " + pad(d.getUTCDate()) + "/" + pad(d.getUTCMonth() + 1) + "/" + d.getUTCFullYear();
}

/** An Excel date-time serial showing the Vietnam wall-clock time of an instant, whole minutes. */
export function vietnamSerial(iso: string): number {
  const ms = Math.floor((parseInstant(iso) + 7 * 3600 * 1000) / 60000) * 60000;
  return ms / 86400000 + 25569;
}

/** "Nguồn: THADS Thống kê (máy chủ thads.example.gov.vn), lấy lúc 09:30 05/10/2026 (giờ Việt Nam)." */
export function sourceLine(server: string, retrievedAt: string): string {
  const host = server.replace(/^[a-z]+:\/\//i, "").replace(/\/+$/, "");
  return "Nguồn: THADS Thống kê (máy chủ " + host + "), lấy lúc " + vietnamClock(retrievedAt) + " (giờ Việt Nam).";
}

export function unitOfMeasure(form: FormDefinition): string {
  return form.unit === "nghin_dong" ? "nghìn đồng" : "việc";
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function labelOfField(form: FormDefinition, key: string): string {
  for (const f of form.fields) if (f.key === key) return f.label.vi;
  return key;
}

/** "thi hành xong + đình chỉ thi hành án": what "done" sums, from the form's own indicator config. */
export function doneLabel(form: FormDefinition): string {
  return form.indicators.doneFields.map((k) => lowerFirst(labelOfField(form, k))).join(" + ");
}

/** "Gia Lai", "Khu vực 3": names short enough for a chart axis. */
export function shortName(name: string): string {
  const m = /^Phòng THADS (khu vực \d+)/i.exec(name);
  if (m && m[1]) return m[1].charAt(0).toUpperCase() + m[1].slice(1);
  if (/^Văn phòng THADS/i.test(name)) return "Văn phòng tỉnh";
  return name.replace(/^(Thi hành án dân sự|THADS)\s+(tỉnh|thành phố)\s+/i, "");
}

function circular(regime: string): string {
  const m = /^TT([0-9]{2})_([0-9]{4})$/.exec(regime);
  return m ? "Thông tư " + m[1] + "/" + m[2] + "/TT-BTP" : regime;
}

/** The rate as printed (two decimals): the API's flags and gaps are computed on it too. */
function shownRate(r: ComparisonRow): number | null {
  return r.submitted && r.rate !== null ? roundTo(r.rate, 2) : null;
}

export type Standing = "below" | "met" | null;

export function standingOf(r: ComparisonRow): Standing {
  if (shownRate(r) === null || r.target === null) return null;
  return r.flags.belowTarget ? "below" : "met";
}

const TARGETS_MET: Record<string, string> = { met_2: "Đạt 2/2", met_1: "Đạt 1/2", met_0: "Đạt 0/2" };

/** "Dưới chỉ tiêu" / "Đạt chỉ tiêu" / "Chưa có số liệu" / "Chưa giao chỉ tiêu". */
export function verdictWords(r: ComparisonRow): string {
  if (shownRate(r) === null) return "Chưa có số liệu";
  if (r.target === null) return "Chưa giao chỉ tiêu";
  return r.flags.belowTarget ? "Dưới chỉ tiêu" : "Đạt chỉ tiêu";
}

/** "Dưới bình quân toàn quốc; Nộp muộn: 2/15 đơn vị; Chưa nộp" — the flags as words. */
export function flagWords(r: ComparisonRow): string {
  const out: string[] = [];
  if (r.flags.belowNationalAverage) out.push("Dưới bình quân toàn quốc");
  const many = r.expectedCount > 1;
  if (r.lateCount > 0) out.push(many ? "Nộp muộn: " + r.lateCount + "/" + r.expectedCount + " đơn vị" : "Nộp muộn");
  if (r.missingCount > 0) out.push(many ? "Chưa nộp: " + r.missingCount + "/" + r.expectedCount + " đơn vị" : "Chưa nộp");
  if (r.targetProvisional) out.push("Chỉ tiêu tạm giao");
  // A unit created in the re-organisation is compared with the units it replaced.
  const sources = r.samePeriodLastYear.sources || [];
  if (sources.length > 0 && !(sources.length === 1 && sources[0] === r.unit)) out.push("Cùng kỳ: số liệu của " + sources.join(", "));
  return out.join("; ");
}

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

// ——— The generic table sheet ———

interface Column<R> {
  header: string;
  width: number;
  format: string;
  align?: HorizontalAlignment;
  value: (row: R, index: number | null) => Cell | null;
}

interface TableSpec<R> {
  kind: ReportKind;
  sheetName: string;
  title: string;
  lines: string[];
  columns: Column<R>[];
  rows: R[];
  total: R | null;
  notes: string[];
  /** Columns (1-based) coloured by standing, with the rate and target columns the rule compares. */
  standing?: { columns: number[]; rateColumn: number; targetColumn: number; of: (row: R) => Standing };
  /** A text column coloured by its words (completeness status). */
  statusColumn?: { column: number; styles: { text: string; fill: string; fontColor: string }[] };
  chart?: { title: string; items: { name: string; rate: number; target: number | null; standing: Standing }[] };
}

const TITLE_ROW = 1;
const HEADER_ROW = 6;
const CHART_ROWS = 22;

function blank(columns: number): Cell[] {
  const row: Cell[] = [];
  for (let c = 0; c < columns; c++) row.push("");
  return row;
}

function text(v: Cell | null): Cell {
  if (v === null) return "";
  return typeof v === "string" ? asText(v) : v;
}

function buildTable<R>(spec: TableSpec<R>): ReportLayout {
  const n = spec.columns.length;
  const last = columnLetters(n);
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
  const formats: string[][] = [];
  for (let r = 0; r < rowCount; r++) {
    values.push(blank(width));
    const f: string[] = [];
    for (let c = 0; c < width; c++) f.push(REPORT_FORMATS.general);
    formats.push(f);
  }
  const put = (row: number, column: number, v: Cell | null, format?: string): void => {
    (values[row - 1] as Cell[])[column - 1] = text(v);
    if (format !== undefined) (formats[row - 1] as string[])[column - 1] = format;
  };

  put(TITLE_ROW, 1, spec.title);
  spec.lines.forEach((line, i) => put(TITLE_ROW + 1 + i, 1, line));
  spec.columns.forEach((col, i) => put(HEADER_ROW, i + 1, col.header));
  spec.rows.forEach((row, i) => {
    spec.columns.forEach((col, c) => put(firstData + i, c + 1, col.value(row, i + 1), col.format));
  });
  if (spec.total !== null && totalRow !== null) {
    const total = spec.total;
    spec.columns.forEach((col, c) => put(totalRow, c + 1, col.value(total, null), col.format));
  }
  spec.notes.forEach((line, i) => put(notesFirst + i, 1, line));

  // The chart's data: sorted by rate, best first (the table keeps the API's order).
  if (items.length > 0) {
    put(HEADER_ROW, helperFirst, "Đơn vị (xếp theo tỷ lệ)");
    put(HEADER_ROW, helperFirst + 1, "Tỷ lệ thi hành xong (%)");
    if (withTarget) put(HEADER_ROW, helperFirst + 2, "Chỉ tiêu (%)");
    items.forEach((x, i) => {
      put(firstData + i, helperFirst, x.name);
      put(firstData + i, helperFirst + 1, x.rate, REPORT_FORMATS.rate);
      if (withTarget) put(firstData + i, helperFirst + 2, x.target, REPORT_FORMATS.rate);
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
    for (const column of st.columns) runsOf(st.of, column, (k) => palette(k as "below" | "met"));
    const rate = "$" + columnLetters(st.rateColumn) + firstData;
    const target = "$" + columnLetters(st.targetColumn) + firstData;
    const known = "ISNUMBER(" + rate + "),ISNUMBER(" + target + ")";
    for (const column of st.columns) {
      conditional.push({
        address: block(firstData, column, bodyLast, column),
        rules: [
          { formula: "=AND(" + known + "," + rate + "<" + target + ")", fill: REPORT_COLOURS.belowFill, fontColor: REPORT_COLOURS.belowFont },
          { formula: "=AND(" + known + "," + rate + ">=" + target + ")", fill: REPORT_COLOURS.metFill, fontColor: REPORT_COLOURS.metFont },
        ],
      });
    }
  }
  if (spec.statusColumn && all.length > 0) {
    const sc = spec.statusColumn;
    const col = sc.column;
    const byText: Record<string, { fill: string; fontColor: string }> = {};
    for (const s of sc.styles) byText[s.text] = { fill: s.fill, fontColor: s.fontColor };
    runsOf((row) => {
      const v = spec.columns[col - 1] ? (spec.columns[col - 1] as Column<R>).value(row, null) : null;
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
    const rateOnly = block(HEADER_ROW, helperFirst, helperLast, helperFirst + 1);
    chart = {
      title: spec.chart.title,
      sourceWithTarget: withTarget ? block(HEADER_ROW, helperFirst, helperLast, helperFirst + 2) : null,
      sourceRateOnly: rateOnly,
      points: items.length,
      pointColours: items.map((x) => (x.standing === "below" ? REPORT_COLOURS.barBelow : x.standing === "met" ? REPORT_COLOURS.barMet : REPORT_COLOURS.barNeutral)),
      from: cellAddress(chartTop, 1),
      to: cellAddress(chartTop + CHART_ROWS, n),
      axis: rateAxis((items.map((x) => x.rate) as (number | null)[]).concat(items.map((x) => x.target))),
    };
  }

  const widths: number[] = spec.columns.map((c) => c.width);
  if (items.length > 0) {
    widths.push(12);
    widths.push(110, 64);
    if (withTarget) widths.push(56);
  }
  const printBottom = chart ? chartTop + CHART_ROWS : rowCount;
  return {
    kind: spec.kind,
    sheetName: spec.sheetName,
    title: spec.title,
    lines: spec.lines,
    columnCount: n,
    blockAddress: block(1, 1, rowCount, width),
    values,
    numberFormats: formats,
    styles,
    columnWidths: widths,
    rowHeights: [
      { row: TITLE_ROW, height: 22 },
      { row: HEADER_ROW, height: 62 },
    ],
    headerRow: HEADER_ROW,
    dataRows: spec.rows.length > 0 ? { first: firstData, last: lastData } : null,
    totalRow,
    tableAddress: spec.rows.length > 0 ? "A" + HEADER_ROW + ":" + last + lastData : null,
    staticFills,
    conditional,
    chart,
    printArea: "A1:" + last + printBottom,
    printTitleRows: "$" + HEADER_ROW + ":$" + HEADER_ROW,
    notes: spec.notes,
  };
}

// ——— Comparison and roll-up ———

export interface ComparisonSheetOptions {
  form: FormDefinition;
  /** The server the figures came from (shown in the source line). */
  server: string;
}

function scopeOf(c: Comparison): string {
  return c.parent === NATIONAL ? "Toàn quốc (" + (c.rows.length - 1) + " tỉnh, thành phố)" : "Các đơn vị của " + c.parentName;
}

function periodLine(period: string): string {
  return cumulativeLabel(period) + " (" + periodRangeLabel(period) + ")";
}

function totalName(c: Comparison): string {
  return c.parent === NATIONAL ? "Toàn quốc" : "Tổng cộng " + c.parentName;
}

function comparisonNotes(c: Comparison, form: FormDefinition): string[] {
  const children = c.rows.filter((r) => !r.isTotal);
  const notes: string[] = [
    "Tỷ lệ thi hành xong = (" + doneLabel(form) + ") × 100 ÷ có điều kiện thi hành, làm tròn hai chữ số; so với chỉ tiêu tính bằng điểm phần trăm.",
  ];
  if (c.nationalAverage !== null) notes.push("Tỷ lệ bình quân toàn quốc: " + formatPercent(c.nationalAverage) + ".");
  const names = (rows: ComparisonRow[]): string => rows.map((r) => shortName(r.name)).join(", ");
  const below = children.filter((r) => r.flags.belowTarget);
  if (below.length > 0) notes.push("Dưới chỉ tiêu (" + below.length + "/" + children.length + "): " + names(below) + ".");
  const underAvg = children.filter((r) => r.flags.belowNationalAverage);
  if (underAvg.length > 0) notes.push("Dưới bình quân toàn quốc (" + underAvg.length + "): " + names(underAvg) + ".");
  const none = children.filter((r) => shownRate(r) === null);
  if (none.length > 0) notes.push("Chưa có số liệu (" + none.length + "): " + names(none) + ".");
  return notes;
}

function chartItems(c: Comparison): { name: string; rate: number; target: number | null; standing: Standing }[] {
  const out: { name: string; rate: number; target: number | null; standing: Standing; unit: string }[] = [];
  for (const r of c.rows) {
    const rate = shownRate(r);
    if (r.isTotal || rate === null) continue;
    out.push({ name: shortName(r.name), rate, target: r.target, standing: standingOf(r), unit: r.unit });
  }
  out.sort((a, b) => b.rate - a.rate || (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));
  return out.map((x) => ({ name: x.name, rate: x.rate, target: x.target, standing: x.standing }));
}

/** Columns of the comparison sheet (1-based), named so the conditional rules read like the headers. */
export const COMPARISON_COLUMNS = {
  stt: 1, code: 2, name: 3, done: 4, base: 5, rate: 6, target: 7, gap: 8,
  lyRate: 9, lyChange: 10, prevRate: 11, prevChange: 12, rank: 13, targetsMet: 14, verdict: 15, flags: 16,
} as const;

/**
 * The comparison of a parent's units (34 provinces for VN, a province's offices): done,
 * base, rate, target, gap in points, cùng kỳ and previous month, rank, flags in words, the
 * total row; a chart of rates sorted, below-target bars red, against the target line.
 */
export function layoutComparison(c: Comparison, options: ComparisonSheetOptions): ReportLayout {
  const form = options.form;
  const unit = unitOfMeasure(form);
  const children = c.rows.filter((r) => !r.isTotal);
  const total = c.rows.filter((r) => r.isTotal)[0] || null;
  const num = (v: number | null): number | null => (v === null ? null : v);
  const columns: Column<ComparisonRow>[] = [
    { header: "STT", width: 28, format: REPORT_FORMATS.integer, align: "Center", value: (_r, i) => i },
    { header: "Mã", width: 40, format: REPORT_FORMATS.general, align: "Center", value: (r) => r.unit },
    { header: "Đơn vị", width: 170, format: REPORT_FORMATS.general, value: (r) => (r.isTotal ? totalName(c) : r.name) },
    { header: "Xong (" + doneLabel(form) + ") (" + unit + ")", width: 84, format: REPORT_FORMATS.count, value: (r) => (r.submitted ? r.done : null) },
    { header: "Có điều kiện thi hành (" + unit + ")", width: 84, format: REPORT_FORMATS.count, value: (r) => (r.submitted ? r.base : null) },
    { header: "Tỷ lệ thi hành xong (%)", width: 56, format: REPORT_FORMATS.rate, value: shownRate },
    { header: "Chỉ tiêu (%)", width: 50, format: REPORT_FORMATS.rate, value: (r) => num(r.target) },
    { header: "So với chỉ tiêu (điểm)", width: 56, format: REPORT_FORMATS.points, value: (r) => (r.gap === null ? null : roundTo(r.gap, 2)) },
    { header: "Tỷ lệ cùng kỳ (%)", width: 56, format: REPORT_FORMATS.rate, value: (r) => (r.samePeriodLastYear.rate === null ? null : roundTo(r.samePeriodLastYear.rate, 2)) },
    { header: "Tăng, giảm so với cùng kỳ (điểm)", width: 60, format: REPORT_FORMATS.points, value: (r) => (r.samePeriodLastYear.rateChange === null ? null : roundTo(r.samePeriodLastYear.rateChange, 2)) },
    { header: "Tỷ lệ tháng trước (%)", width: 56, format: REPORT_FORMATS.rate, value: (r) => (r.prevMonth.rate === null ? null : roundTo(r.prevMonth.rate, 2)) },
    { header: "Tăng, giảm so với tháng trước (điểm)", width: 60, format: REPORT_FORMATS.points, value: (r) => (r.prevMonth.rateChange === null ? null : roundTo(r.prevMonth.rateChange, 2)) },
    { header: "Xếp hạng", width: 44, format: REPORT_FORMATS.integer, align: "Center", value: (r) => num(r.rank) },
    { header: "Chỉ tiêu việc và tiền", width: 56, format: REPORT_FORMATS.general, align: "Center", value: (r) => (r.flags.targetsMet ? TARGETS_MET[r.flags.targetsMet] || "" : null) },
    { header: "Đánh giá", width: 84, format: REPORT_FORMATS.general, value: verdictWords },
    { header: "Ghi chú", width: 190, format: REPORT_FORMATS.general, value: flagWords },
  ];
  const what = form.unit === "nghin_dong" ? "về tiền" : "về việc";
  const scope = c.parent === NATIONAL ? "các tỉnh, thành phố" : "các đơn vị thuộc " + c.parentName;
  return buildTable<ComparisonRow>({
    kind: "comparison",
    sheetName: "So sánh " + c.parent + " " + c.form + " " + c.period,
    title: "BẢNG SO SÁNH " + form.title.vi.toUpperCase(),
    lines: [
      scopeOf(c) + " — " + periodLine(c.period),
      sourceLine(options.server, c.generatedAt),
      "Biểu: " + form.code + " (" + circular(form.regime) + "). Đơn vị tính: " + unit + "; tỷ lệ tính trên số có điều kiện thi hành.",
    ],
    columns,
    rows: children,
    total,
    notes: comparisonNotes(c, form),
    standing: {
      columns: [COMPARISON_COLUMNS.rate, COMPARISON_COLUMNS.gap],
      rateColumn: COMPARISON_COLUMNS.rate,
      targetColumn: COMPARISON_COLUMNS.target,
      of: standingOf,
    },
    chart: { title: "Tỷ lệ thi hành xong " + what + " của " + scope + " — " + cumulativeLabel(c.period), items: chartItems(c) },
  });
}

/**
 * A province's roll-up by regional office: the comparison's rows (the province's own office
 * and its regional offices, the province total last) with every field of the form, the rate
 * against the target and what carries over to the next period.
 */
export function layoutRollup(c: Comparison, options: ComparisonSheetOptions): ReportLayout {
  const form = options.form;
  const unit = unitOfMeasure(form);
  const children = c.rows.filter((r) => !r.isTotal);
  const total = c.rows.filter((r) => r.isTotal)[0] || null;
  const fields = orderedFields(form);
  const valueOf = (r: ComparisonRow, key: string): number | null => {
    if (!r.submitted) return null;
    const v = r.values[key];
    return typeof v === "number" ? v : null;
  };
  const columns: Column<ComparisonRow>[] = [
    { header: "STT", width: 28, format: REPORT_FORMATS.integer, align: "Center", value: (_r, i) => i },
    { header: "Mã", width: 40, format: REPORT_FORMATS.general, align: "Center", value: (r) => r.unit },
    { header: "Đơn vị", width: 170, format: REPORT_FORMATS.general, value: (r) => (r.isTotal ? totalName(c) : r.name) },
  ];
  for (const f of fields) {
    columns.push({
      header: (f.column !== null ? "(" + f.column + ") " : "") + f.label.vi,
      width: form.unit === "nghin_dong" ? 84 : 64,
      format: REPORT_FORMATS.count,
      value: (r) => valueOf(r, f.key),
    });
  }
  const rateColumn = columns.length + 1;
  columns.push(
    { header: "Tỷ lệ thi hành xong (%)", width: 56, format: REPORT_FORMATS.rate, value: shownRate },
    { header: "Chỉ tiêu (%)", width: 50, format: REPORT_FORMATS.rate, value: (r) => r.target },
    { header: "So với chỉ tiêu (điểm)", width: 56, format: REPORT_FORMATS.points, value: (r) => (r.gap === null ? null : roundTo(r.gap, 2)) },
    {
      header: "Chuyển kỳ sau (" + unit + ")",
      width: form.unit === "nghin_dong" ? 84 : 64,
      format: REPORT_FORMATS.count,
      value: (r) => {
        const due = valueOf(r, form.indicators.dueField);
        return due === null ? null : due - r.done;
      },
    },
    { header: "Ghi chú", width: 150, format: REPORT_FORMATS.general, value: (r) => [shownRate(r) === null ? "Chưa có số liệu" : "", flagWords(r)].filter((s) => s !== "").join("; ") },
  );
  const reported = total ? total.expectedCount - total.missingCount : 0;
  const expected = total ? total.expectedCount : 0;
  return buildTable<ComparisonRow>({
    kind: "rollup",
    sheetName: "Tổng hợp " + c.parent + " " + c.form + " " + c.period,
    title: "BẢNG TỔNG HỢP " + form.title.vi.toUpperCase(),
    lines: [
      c.parentName + " — tổng hợp theo Phòng THADS khu vực — " + periodLine(c.period),
      sourceLine(options.server, c.generatedAt),
      "Biểu: " + form.code + " (" + circular(form.regime) + "). Đơn vị tính: " + unit + ". Đã báo cáo: " + reported + "/" + expected + " đơn vị.",
    ],
    columns,
    rows: children,
    total,
    notes: [
      "Tổng cộng là số liệu tổng hợp của tỉnh (văn phòng tỉnh và các Phòng THADS khu vực) lưu trên máy chủ, cộng từ các lần gửi mới nhất.",
      "Tỷ lệ thi hành xong = (" + doneLabel(form) + ") × 100 ÷ có điều kiện thi hành; chuyển kỳ sau = " + lowerFirst(labelOfField(form, form.indicators.dueField)) + " − (" + doneLabel(form) + ").",
    ],
    standing: { columns: [rateColumn], rateColumn, targetColumn: rateColumn + 1, of: standingOf },
  });
}

// ——— Completeness ———

export interface CompletenessSheetOptions {
  parentName: string;
  forms: readonly FormDefinition[];
  server: string;
  /** When the pane got the answer (the route does not stamp one). */
  retrievedAt: string;
}

export const STATUS_WORDS = { on_time: "Đúng hạn", late: "Nộp muộn", missing: "Chưa nộp" } as const;

const STATUS_ORDER = { missing: 0, late: 1, on_time: 2 } as const;

type CompletenessRow = Completeness["rows"][number];

/** Who has not sent, who was late, who was on time — missing first, then late — per unit and form. */
export function layoutCompleteness(c: Completeness, options: CompletenessSheetOptions): ReportLayout {
  const rows = c.rows.slice().sort((a, b) =>
    STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
    (a.form < b.form ? -1 : a.form > b.form ? 1 : 0) ||
    (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));
  const inForce = formsInForce(options.forms, periodEnd(c.period));
  const formName = (id: string): string => {
    for (const f of inForce) if (f.id === id) return f.code;
    return "Mẫu số " + id;
  };
  const columns: Column<CompletenessRow>[] = [
    { header: "STT", width: 28, format: REPORT_FORMATS.integer, align: "Center", value: (_r, i) => i },
    { header: "Mã đơn vị", width: 48, format: REPORT_FORMATS.general, align: "Center", value: (r) => r.unit },
    { header: "Đơn vị", width: 200, format: REPORT_FORMATS.general, value: (r) => r.name },
    { header: "Biểu mẫu", width: 70, format: REPORT_FORMATS.general, align: "Center", value: (r) => formName(r.form) },
    { header: "Tình trạng", width: 70, format: REPORT_FORMATS.general, align: "Center", value: (r) => STATUS_WORDS[r.status] },
    { header: "Hạn nộp", width: 90, format: REPORT_FORMATS.dateTime, align: "Center", value: (r) => vietnamSerial(r.deadline) },
    { header: "Nộp lần đầu lúc", width: 90, format: REPORT_FORMATS.dateTime, align: "Center", value: (r) => (r.submittedAt ? vietnamSerial(r.submittedAt) : null) },
    { header: "Lần nộp", width: 44, format: REPORT_FORMATS.integer, align: "Center", value: (r) => r.revision },
  ];
  const onTimePct = c.expected > 0 ? formatPercent((c.onTime * 100) / c.expected) : "–";
  // Regional offices have 2 working days, the province's own office 4: name both when both occur.
  const deadlines = c.rows.map((r) => r.deadline).filter((d, i, all) => all.indexOf(d) === i).sort().map(vietnamClock);
  const deadline =
    deadlines.length === 1 ? " Hạn nộp của đơn vị: " + deadlines[0] + "."
    : deadlines.length === 2 ? " Hạn nộp: Phòng THADS khu vực " + deadlines[0] + "; văn phòng THADS tỉnh " + deadlines[1] + "."
    : deadlines.length > 2 ? " Hạn nộp của từng đơn vị: xem cột Hạn nộp."
    : "";
  const missing = rows.filter((r) => r.status === "missing");
  const late = rows.filter((r) => r.status === "late");
  const list = (rs: CompletenessRow[]): string => rs.map((r) => shortName(r.name) + " (" + formName(r.form) + ")").join(", ");
  const notes: string[] = [];
  if (missing.length > 0) notes.push("Chưa nộp (" + missing.length + "): " + list(missing) + ".");
  if (late.length > 0) notes.push("Nộp muộn (" + late.length + "): " + list(late) + ".");
  return buildTable<CompletenessRow>({
    kind: "completeness",
    sheetName: "Nộp báo cáo " + c.parent + " " + c.period,
    title: "TÌNH HÌNH NỘP BÁO CÁO THỐNG KÊ THI HÀNH ÁN DÂN SỰ",
    lines: [
      options.parentName + " — " + periodLine(c.period),
      sourceLine(options.server, options.retrievedAt),
      "Phải nộp " + formatInteger(c.expected) + " báo cáo: đúng hạn " + formatInteger(c.onTime) + ", nộp muộn " + formatInteger(c.late) +
        ", chưa nộp " + formatInteger(c.missing) + " (đúng hạn " + onTimePct + ")." + deadline,
    ],
    columns,
    rows,
    total: null,
    notes,
    statusColumn: {
      column: 5,
      styles: [
        { text: STATUS_WORDS.missing, fill: REPORT_COLOURS.belowFill, fontColor: REPORT_COLOURS.belowFont },
        { text: STATUS_WORDS.late, fill: REPORT_COLOURS.lateFill, fontColor: REPORT_COLOURS.lateFont },
        { text: STATUS_WORDS.on_time, fill: REPORT_COLOURS.metFill, fontColor: REPORT_COLOURS.metFont },
      ],
    },
  });
}
