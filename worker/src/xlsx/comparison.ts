import ExcelJS from "exceljs";
import { columnLetters, sheetQualified } from "../../../shared/a1";
import type { Comparison, ComparisonRow } from "../../../shared/api/schemas";
import type { FormDefinition } from "../../../shared/forms/types";
import { formatPercent, roundTo } from "../../../shared/format";
import { periodRangeLabel } from "../../../shared/periods";
import { NATIONAL_CODE } from "../../../shared/units/types";
import { rateAxis, type RateChartSpec } from "./chart";
import {
  COLOURS,
  FMT_COUNT,
  FMT_POINTS,
  FMT_RATE,
  FMT_SIGNED,
  FONT_NAME,
  addr,
  absAddr,
  headerRow,
  nextPriority,
  printSetup,
  setWorkbookProperties,
  solid,
  styleBodyRow,
  titleBlock,
  vietnamTime,
  type HeaderColumn,
} from "./sheet-kit";

export const COMPARISON_SHEET = "So sánh";
export const CHART_SHEET = "Biểu đồ";

/** Column numbers of the comparison sheet (1-based), named so formulas read like the headers. */
export const C = {
  stt: 1, code: 2, name: 3, done: 4, base: 5, rate: 6, target: 7, gap: 8,
  prevRate: 9, prevChange: 10, lyRate: 11, lyChange: 12, lyDone: 13, lyDoneChange: 14,
  rank: 15, verdict: 16, late: 17, missing: 18, note: 19,
} as const;
const LAST = C.note;

export interface BuiltWorkbook {
  workbook: ExcelJS.Workbook;
  charts: RateChartSpec[];
}

const VERDICT: Record<string, string> = { met_2: "2/2", met_1: "1/2", met_0: "0/2" };

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

export function unitOfMeasure(form: FormDefinition): string {
  return form.unit === "viec" ? "việc" : "nghìn đồng";
}

/** "(thi hành xong + đình chỉ thi hành án)": what "done" sums, from the form's own indicator config. */
export function doneLabel(form: FormDefinition): string {
  return form.indicators.doneFields.map((k) => lowerFirst(form.fields.find((f) => f.key === k)?.label.vi ?? k)).join(" + ");
}

/** "Gia Lai", "Khu vực 3": names short enough for a chart axis. */
export function shortName(name: string): string {
  const m = /^Phòng THADS (khu vực \d+)/i.exec(name);
  if (m?.[1]) return m[1].charAt(0).toUpperCase() + m[1].slice(1);
  if (/^Văn phòng THADS/i.test(name)) return "Văn phòng tỉnh";
  return name.replace(/^(Thi hành án dân sự|THADS)\s+(tỉnh|thành phố)\s+/i, "");
}

function rateOf(r: ComparisonRow): number | null {
  return r.submitted ? r.rate : null;
}

/** The state the static fill shows at download time; the conditional formats keep it live. */
function standing(r: ComparisonRow): "below" | "met" | null {
  const rate = rateOf(r);
  if (rate === null || r.target === null) return null;
  return roundTo(rate, 2) < r.target ? "below" : "met";
}

function columns(form: FormDefinition): HeaderColumn[] {
  const unit = unitOfMeasure(form);
  return [
    { header: "STT", width: 5 },
    { header: "Mã", width: 7 },
    { header: "Đơn vị", width: 30 },
    { header: `Xong (${doneLabel(form)}) (${unit})`, width: 13 },
    { header: `Có điều kiện thi hành (${unit})`, width: 13 },
    { header: "Tỷ lệ thi hành xong (%)", width: 10 },
    { header: "Chỉ tiêu (%)", width: 9 },
    { header: "So với chỉ tiêu (điểm)", width: 10 },
    { header: "Tỷ lệ tháng trước (%)", width: 10 },
    { header: "Tăng, giảm so với tháng trước (điểm)", width: 11 },
    { header: "Tỷ lệ cùng kỳ (%)", width: 10 },
    { header: "Tăng, giảm so với cùng kỳ (điểm)", width: 11 },
    { header: `Xong cùng kỳ (${unit})`, width: 13 },
    { header: `Tăng, giảm số xong so với cùng kỳ (${unit})`, width: 13 },
    { header: "Xếp hạng", width: 7 },
    { header: "Số chỉ tiêu đạt (việc, tiền)", width: 9 },
    { header: "Số đơn vị nộp muộn", width: 8 },
    { header: "Số đơn vị chưa nộp", width: 8 },
    { header: "Ghi chú", width: 24 },
  ];
}

function note(r: ComparisonRow): string {
  const notes: string[] = [];
  if (!r.submitted) notes.push("Chưa có số liệu");
  if (r.targetProvisional) notes.push("chỉ tiêu tạm giao");
  if (r.flags.belowNationalAverage) notes.push("dưới bình quân toàn quốc");
  const s = notes.join("; ");
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Formulas of one row: the rate and every difference are recomputed by the spreadsheet itself. */
export function rowFormulas(row: number): Record<"rate" | "gap" | "prevChange" | "lyChange" | "lyDoneChange", string> {
  const a = (c: number) => addr(c, row);
  return {
    // done × 100 ÷ base: one division, as shared/rollup computes it.
    rate: `IF(AND(ISNUMBER(${a(C.base)}),${a(C.base)}>0),${a(C.done)}*100/${a(C.base)},"")`,
    // Points against the rate as printed (two decimals), like the API's gap.
    gap: `IF(AND(ISNUMBER(${a(C.rate)}),ISNUMBER(${a(C.target)})),ROUND(${a(C.rate)},2)-${a(C.target)},"")`,
    prevChange: `IF(AND(ISNUMBER(${a(C.rate)}),ISNUMBER(${a(C.prevRate)})),ROUND(${a(C.rate)},2)-ROUND(${a(C.prevRate)},2),"")`,
    lyChange: `IF(AND(ISNUMBER(${a(C.rate)}),ISNUMBER(${a(C.lyRate)})),ROUND(${a(C.rate)},2)-ROUND(${a(C.lyRate)},2),"")`,
    lyDoneChange: `IF(AND(ISNUMBER(${a(C.done)}),ISNUMBER(${a(C.lyDone)})),${a(C.done)}-${a(C.lyDone)},"")`,
  };
}

function f(formula: string, result: number | string | null, cached: boolean): ExcelJS.CellValue {
  return cached ? ({ formula, result: result ?? "" } as ExcelJS.CellFormulaValue) : ({ formula } as ExcelJS.CellFormulaValue);
}

function writeRow(ws: ExcelJS.Worksheet, row: number, r: ComparisonRow, index: number | null, cached: boolean): void {
  const fm = rowFormulas(row);
  const rate = rateOf(r);
  const shown = rate === null ? null : roundTo(rate, 2);
  const prev = r.prevMonth.rate;
  const ly = r.samePeriodLastYear.rate;
  const lyDone = r.samePeriodLastYear.done.previous;
  const values: Partial<Record<keyof typeof C, ExcelJS.CellValue>> = {
    stt: index,
    code: r.unit,
    name: r.isTotal ? "Tổng cộng" : r.name,
    done: r.submitted ? r.done : null,
    base: r.submitted ? r.base : null,
    rate: f(fm.rate, rate, cached),
    target: r.target,
    gap: f(fm.gap, shown !== null && r.target !== null ? shown - r.target : null, cached),
    prevRate: prev,
    prevChange: f(fm.prevChange, shown !== null && prev !== null ? shown - roundTo(prev, 2) : null, cached),
    lyRate: ly,
    lyChange: f(fm.lyChange, shown !== null && ly !== null ? shown - roundTo(ly, 2) : null, cached),
    lyDone,
    lyDoneChange: f(fm.lyDoneChange, r.submitted && lyDone !== null ? r.done - lyDone : null, cached),
    rank: r.rank,
    verdict: r.flags.targetsMet ? VERDICT[r.flags.targetsMet] ?? "" : "",
    late: r.lateCount,
    missing: r.missingCount,
    note: note(r),
  };
  for (const [key, col] of Object.entries(C) as [keyof typeof C, number][]) {
    const v = values[key];
    ws.getCell(row, col).value = v === undefined ? null : v;
  }
}

function formatRow(ws: ExcelJS.Worksheet, row: number, r: ComparisonRow, total: boolean): void {
  styleBodyRow(ws, row, LAST, total ? { bold: true, fill: COLOURS.totalFill } : {});
  const num = (col: number, fmt: string) => {
    const cell = ws.getCell(row, col);
    cell.numFmt = fmt;
    cell.alignment = { horizontal: "right", vertical: "middle" };
  };
  for (const col of [C.done, C.base, C.lyDone, C.late, C.missing]) num(col, FMT_COUNT);
  for (const col of [C.rate, C.target, C.prevRate, C.lyRate]) num(col, FMT_RATE);
  for (const col of [C.gap, C.prevChange, C.lyChange]) num(col, FMT_POINTS);
  num(C.lyDoneChange, FMT_SIGNED);
  for (const col of [C.stt, C.code, C.rank, C.verdict]) ws.getCell(row, col).alignment = { horizontal: "center", vertical: "middle" };
  ws.getCell(row, C.name).alignment = { vertical: "middle", wrapText: true };
  ws.getCell(row, C.note).alignment = { horizontal: "left", vertical: "middle", wrapText: true, indent: 1 };
  const s = standing(r);
  if (s) {
    for (const col of [C.rate, C.gap]) {
      const cell = ws.getCell(row, col);
      cell.fill = solid(s === "below" ? COLOURS.belowFill : COLOURS.metFill);
      cell.font = { name: FONT_NAME, size: 10, bold: total, color: { argb: s === "below" ? COLOURS.belowFont : COLOURS.metFont } };
    }
  }
}

/** Below target red, met green: as conditional formats, so an edited figure recolours itself. */
function targetFormats(ws: ExcelJS.Worksheet, first: number, last: number, cols: number[], rateCol: number, targetCol: number): void {
  const rate = `$${columnLetters(rateCol)}${first}`;
  const target = `$${columnLetters(targetCol)}${first}`;
  const known = `ISNUMBER(${rate}),ISNUMBER(${target})`;
  for (const col of cols) {
    ws.addConditionalFormatting({
      ref: `${addr(col, first)}:${addr(col, last)}`,
      rules: [
        {
          type: "expression",
          priority: nextPriority(ws),
          formulae: [`AND(${known},ROUND(${rate},2)<${target})`],
          style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: COLOURS.belowFill } }, font: { color: { argb: COLOURS.belowFont } } },
        },
        {
          type: "expression",
          priority: nextPriority(ws),
          formulae: [`AND(${known},ROUND(${rate},2)>=${target})`],
          style: { fill: { type: "pattern", pattern: "solid", bgColor: { argb: COLOURS.metFill } }, font: { color: { argb: COLOURS.metFont } } },
        },
      ],
    });
  }
}

export { targetFormats };

export interface SheetOptions {
  /** Write the formulas' results too (default). Off only to prove a second application computes them. */
  cachedResults?: boolean;
}

export function sourceLine(form: FormDefinition, generatedAt: string, extra = ""): string {
  const t = vietnamTime(generatedAt);
  return `Nguồn: THADS Thống kê, ${form.code} (${form.regime.replace(/^TT(\d\d)_(\d{4})$/, "Thông tư $1/$2/TT-BTP")})${extra}. Lấy số liệu lúc ${t.time} ngày ${t.date} (giờ Việt Nam).`;
}

/**
 * The national (34 provinces) or provincial (its offices) comparison sheet: rates, targets,
 * gaps, previous month, cùng kỳ, rank; then a chart sheet, sorted, below-target bars red.
 */
export function buildComparisonWorkbook(c: Comparison, form: FormDefinition, options: SheetOptions = {}): BuiltWorkbook {
  const cached = options.cachedResults !== false;
  const wb = new ExcelJS.Workbook();
  const title = `BẢNG SO SÁNH ${form.title.vi.toUpperCase()} — ${c.periodLabel}`;
  setWorkbookProperties(wb, title, c.generatedAt);
  const ws = wb.addWorksheet(COMPARISON_SHEET, { properties: { defaultRowHeight: 16 } });
  const scope = c.parent === NATIONAL_CODE ? "Toàn quốc (34 tỉnh, thành phố)" : c.parentName;
  const headerAt = titleBlock(ws, LAST, [
    { text: title, size: 14, bold: true },
    { text: `${scope} — ${c.periodLabel} (${periodRangeLabel(c.period)})`, size: 11, bold: true },
    { text: sourceLine(form, c.generatedAt), size: 10, italic: true },
    { text: `Đơn vị tính: ${unitOfMeasure(form)}; tỷ lệ tính trên số có điều kiện thi hành.`, size: 10, italic: true, align: "left" },
  ]) + 1;

  const cols = columns(form);
  const children = c.rows.filter((r) => !r.isTotal);
  const total = c.rows.find((r) => r.isTotal) ?? null;
  const first = headerAt + 1;
  const lastChild = headerAt + children.length;

  // An Excel table over the units (sorting, filtering), the total row kept outside it so
  // that sorting never moves it.
  if (children.length > 0) {
    ws.addTable({
      name: "SoSanh",
      ref: addr(1, headerAt),
      headerRow: true,
      totalsRow: false,
      style: { theme: "TableStyleLight1", showRowStripes: false },
      columns: cols.map((col) => ({ name: col.header, filterButton: true })),
      rows: children.map(() => cols.map(() => null)),
    });
  }
  headerRow(ws, headerAt, cols, 62);
  children.forEach((r, i) => {
    writeRow(ws, first + i, r, i + 1, cached);
    formatRow(ws, first + i, r, false);
  });
  let next = lastChild + 1;
  if (total) {
    writeRow(ws, next, total, null, cached);
    formatRow(ws, next, total, true);
    next++;
  }
  const lastData = next - 1;
  if (lastData >= first) targetFormats(ws, first, lastData, [C.rate, C.gap], C.rate, C.target);

  // Notes a report to leadership quotes: the formula, the national average, who is below.
  next++;
  const noteLines: string[] = [
    `Tỷ lệ thi hành xong = (${doneLabel(form)}) × 100 ÷ có điều kiện thi hành. Chênh lệch tính bằng điểm phần trăm trên tỷ lệ đã làm tròn hai chữ số.`,
  ];
  if (c.nationalAverage !== null) noteLines.push(`Tỷ lệ bình quân toàn quốc: ${formatPercent(c.nationalAverage)}.`);
  const below = children.filter((r) => r.flags.belowTarget).map((r) => shortName(r.name));
  if (below.length > 0) noteLines.push(`Chưa đạt chỉ tiêu (${below.length}/${children.length}): ${below.join(", ")}.`);
  const underAvg = children.filter((r) => r.flags.belowNationalAverage).map((r) => shortName(r.name));
  if (underAvg.length > 0) noteLines.push(`Thấp hơn bình quân toàn quốc (${underAvg.length}): ${underAvg.join(", ")}.`);
  const none = children.filter((r) => !r.submitted).map((r) => shortName(r.name));
  if (none.length > 0) noteLines.push(`Chưa có số liệu (${none.length}): ${none.join(", ")}.`);
  for (const line of noteLines) {
    ws.mergeCells(next, 1, next, LAST);
    const cell = ws.getCell(next, 1);
    cell.value = line;
    cell.font = { name: FONT_NAME, size: 10, italic: true };
    cell.alignment = { vertical: "top", wrapText: true };
    ws.getRow(next).height = line.length > 190 ? 30 : 16;
    next++;
  }

  ws.views = [{ state: "frozen", xSplit: C.name, ySplit: headerAt, topLeftCell: addr(C.name + 1, headerAt + 1), activeCell: addr(C.done, first) }];
  printSetup(ws, { titleRows: `${headerAt}:${headerAt}` });
  ws.pageSetup.printArea = `A1:${addr(LAST, next - 1)}`;

  const charts = children.length > 0 ? [chartSheet(wb, c, form, children, first, cached)] : [];
  return { workbook: wb, charts };
}

/**
 * The chart's data, sorted by rate (best first), on its own sheet: each figure is a formula
 * pointing at the comparison sheet, so an edited number moves its bar; the order is the
 * one at download time.
 */
function chartSheet(wb: ExcelJS.Workbook, c: Comparison, form: FormDefinition, children: ComparisonRow[], firstRow: number, cached: boolean): RateChartSpec {
  const ws = wb.addWorksheet(CHART_SHEET);
  const ranked = children
    .map((r, i) => ({ r, row: firstRow + i, rate: rateOf(r) }))
    .filter((x): x is { r: ComparisonRow; row: number; rate: number } => x.rate !== null)
    .sort((a, b) => roundTo(b.rate, 2) - roundTo(a.rate, 2) || a.r.unit.localeCompare(b.r.unit));
  const what = form.unit === "viec" ? "về việc" : "về tiền";
  const scope = c.parent === NATIONAL_CODE ? "các tỉnh, thành phố" : `các đơn vị của ${c.parentName}`;
  const chartTitle = `Tỷ lệ thi hành xong ${what} của ${scope} — ${c.periodLabel}`;
  const head = titleBlock(ws, 3, [{ text: "Số liệu của biểu đồ", size: 11, bold: true }]);
  headerRow(ws, head, [
    { header: "Đơn vị", width: 22 },
    { header: "Tỷ lệ (%)", width: 10 },
    { header: "Chỉ tiêu (%)", width: 10 },
  ], 32);
  ranked.forEach((x, i) => {
    const row = head + 1 + i;
    ws.getCell(row, 1).value = shortName(x.r.name);
    ws.getCell(row, 2).value = cached
      ? { formula: `${sheetQualified(COMPARISON_SHEET, absAddr(C.rate, x.row))}`, result: x.rate }
      : { formula: `${sheetQualified(COMPARISON_SHEET, absAddr(C.rate, x.row))}` };
    ws.getCell(row, 3).value = x.r.target;
    styleBodyRow(ws, row, 3);
    ws.getCell(row, 2).numFmt = FMT_RATE;
    ws.getCell(row, 3).numFmt = FMT_RATE;
  });
  ws.getColumn(4).width = 2;
  const firstData = head + 1;
  const lastData = head + Math.max(ranked.length, 1);
  if (ranked.length > 0) targetFormats(ws, firstData, lastData, [2], 2, 3);
  printSetup(ws, { oneTall: true });

  const range = (col: number) => sheetQualified(CHART_SHEET, `${absAddr(col, firstData)}:${absAddr(col, lastData)}`);
  const anyTarget = ranked.some((x) => x.r.target !== null);
  const chartRows = 36;
  return {
    sheetName: CHART_SHEET,
    from: { col: 4, row: 0 },
    to: { col: 4 + 17, row: chartRows },
    title: chartTitle,
    categories: { ref: range(1), values: ranked.map((x) => shortName(x.r.name)) },
    bars: {
      name: "Tỷ lệ thi hành xong",
      ref: range(2),
      values: ranked.map((x) => x.rate),
      colour: COLOURS.barMet,
      pointColours: ranked.map((x) => {
        const s = standing(x.r);
        return s === "below" ? COLOURS.barBelow : s === "met" ? COLOURS.barMet : COLOURS.barNeutral;
      }),
    },
    line: anyTarget
      ? { name: "Chỉ tiêu", ref: range(3), values: ranked.map((x) => x.r.target), colour: COLOURS.targetLine }
      : null,
    valueAxisTitle: "Tỷ lệ (%)",
    numFmt: "0",
    axis: rateAxis(ranked.flatMap((x) => [x.rate, x.r.target])),
  };
}

