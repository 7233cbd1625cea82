import ExcelJS from "exceljs";
import { xmlSafeText } from "../../../shared/text/characters";
import { columnLetters, parseCellAddress, parseRangeAddress, sheetQualified, type RangeRect } from "../../../shared/a1";
import { FONT_NAME, REPORT_COLOURS, type BlockStyle, type Cell, type ReportLayout } from "../../../shared/reports/grid";
import { addCharts, type ChartSpec, type LineChartSpec, type RateChartSpec } from "./chart";

/**
 * Writes a report layout (shared/reports) as an .xlsx with exceljs: the same cells, formats,
 * styles, colour rules and chart the task pane writes into Excel, for anyone without the
 * add-in. Formulas keep their results, so a viewer that never calculates (a mail preview)
 * shows the figures; Excel and LibreOffice recompute them on open.
 */

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A plain byte array over its own ArrayBuffer: what Response bodies and Node's fs both take. */
export type XlsxBytes = Uint8Array<ArrayBuffer>;

/** True when the client asked for a workbook (curl -H "Accept: …sheet", the download page). */
export function wantsXlsx(accept: string | undefined): boolean {
  return (accept ?? "").toLowerCase().includes(XLSX_MIME);
}

/** attachment; filename="so-sanh-VN-01-2026-09.xlsx": ASCII only, so every browser and mail client keeps it. */
export function attachment(filename: string): string {
  const ascii = filename.replace(/[^A-Za-z0-9._-]/g, "-");
  return `attachment; filename="${ascii}"`;
}

/**
 * XML 1.0 cannot carry most control characters: a unit name with one would make the whole
 * package unreadable. They carry no meaning in a name, so they are dropped.
 */
export const xmlSafe = xmlSafeText;

/** Sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(name: string): string {
  return xmlSafe(name).replace(/[:\\/?*[\]]/g, "-").slice(0, 31);
}

function argb(hex: string): string {
  return "FF" + hex.replace(/^#/, "").toUpperCase();
}

function solid(hex: string): ExcelJS.Fill {
  return { type: "pattern", pattern: "solid", fgColor: { argb: argb(hex) }, bgColor: { argb: argb(hex) } };
}

const THIN: ExcelJS.Border = { style: "thin", color: { argb: argb(REPORT_COLOURS.border) } };

function rect(address: string): RangeRect {
  const r = parseRangeAddress(address);
  if (r === null) throw new Error("render: bad address " + address);
  return r;
}

function eachCell(ws: ExcelJS.Worksheet, r: RangeRect, f: (cell: ExcelJS.Cell, row: number, col: number) => void): void {
  for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) f(ws.getCell(row, col), row, col);
}

const H_ALIGN = { Left: "left", Center: "center", Right: "right" } as const;
const V_ALIGN = { Top: "top", Center: "middle", Bottom: "bottom" } as const;

function applyStyle(ws: ExcelJS.Worksheet, s: BlockStyle): void {
  const r = rect(s.address);
  eachCell(ws, r, (cell, row, col) => {
    if (s.bold !== undefined || s.italic !== undefined || s.size !== undefined || s.fontName !== undefined || s.fontColor !== undefined) {
      cell.font = {
        ...cell.font,
        ...(s.fontName !== undefined ? { name: s.fontName } : {}),
        ...(s.size !== undefined ? { size: s.size } : {}),
        ...(s.bold !== undefined ? { bold: s.bold } : {}),
        ...(s.italic !== undefined ? { italic: s.italic } : {}),
        ...(s.fontColor !== undefined ? { color: { argb: argb(s.fontColor) } } : {}),
      };
    }
    if (s.fill !== undefined) cell.fill = solid(s.fill);
    if (s.hAlign !== undefined || s.vAlign !== undefined || s.wrap || s.wrapCells) {
      cell.alignment = {
        ...cell.alignment,
        ...(s.hAlign !== undefined ? { horizontal: H_ALIGN[s.hAlign] } : {}),
        ...(s.vAlign !== undefined ? { vertical: V_ALIGN[s.vAlign] } : {}),
        ...(s.wrap || s.wrapCells ? { wrapText: true } : {}),
      };
    }
    if (s.border === "grid") cell.border = { top: THIN, left: THIN, bottom: THIN, right: THIN };
    else if (s.border === "outline") {
      cell.border = {
        ...cell.border,
        ...(row === r.top ? { top: THIN } : {}),
        ...(row === r.bottom ? { bottom: THIN } : {}),
        ...(col === r.left ? { left: THIN } : {}),
        ...(col === r.right ? { right: THIN } : {}),
      };
    }
  });
  if (s.merge && (r.bottom > r.top || r.right > r.left)) ws.mergeCells(r.top, r.left, r.bottom, r.right);
}

function cellValue(content: Cell, shown: Cell): ExcelJS.CellValue {
  if (typeof content === "string" && content.charAt(0) === "=") {
    return { formula: content.slice(1), result: shown === "" ? "" : shown } as ExcelJS.CellFormulaValue;
  }
  if (typeof shown === "number") return shown;
  return shown === "" ? null : xmlSafe(shown);
}

/** Points of the plan → exceljs column widths (characters of the default font). */
function charsOf(points: number): number {
  return Math.max(2, Math.round((points / 5.6) * 10) / 10);
}

export interface RenderOptions {
  /** Write the formulas' results too (default). Off only to prove a second application computes them. */
  cachedResults?: boolean;
}

function chartSpec(layout: ReportLayout, name: string): RateChartSpec | null {
  const plan = layout.chart;
  if (plan === null) return null;
  const source = rect(plan.sourceWithTarget ?? plan.sourceRateOnly);
  const column = (offset: number): string => sheetQualified(name, "$" + columnLetters(source.left + offset) + "$" + (source.top + 1) + ":$" + columnLetters(source.left + offset) + "$" + source.bottom);
  const from = parseCellAddress(plan.from);
  const to = parseCellAddress(plan.to);
  if (from === null || to === null) throw new Error("render: bad chart anchor");
  const hex = (c: string): string => c.replace(/^#/, "").toUpperCase();
  const common = hex(REPORT_COLOURS.barMet);
  return {
    sheetName: name,
    from: { col: from.column - 1, row: from.row - 1 },
    to: { col: to.column - 1, row: to.row - 1 },
    title: xmlSafe(plan.title),
    categories: { ref: column(0), values: plan.categories.map(xmlSafe) },
    bars: { name: plan.seriesName, ref: column(1), values: plan.rates, colour: common, pointColours: plan.pointColours.map(hex) },
    line: plan.sourceWithTarget !== null ? { name: "Chỉ tiêu", ref: column(2), values: plan.targets, colour: hex(REPORT_COLOURS.targetLine) } : null,
    valueAxisTitle: plan.valueAxisTitle,
    numFmt: "0",
    axis: plan.axis,
  };
}

/**
 * One workbook of one or more report layouts, a sheet each, in order (the comparison, its
 * details, the trend): the same cells the pane writes into Excel, sheet by sheet.
 */
export function buildWorkbook(layouts: ReportLayout | readonly ReportLayout[], generatedAt: string, options: RenderOptions = {}): { workbook: ExcelJS.Workbook; charts: ChartSpec[] } {
  const list: readonly ReportLayout[] = Array.isArray(layouts) ? layouts : [layouts as ReportLayout];
  const first = list[0];
  if (first === undefined) throw new Error("render: no sheet to write");
  const wb = new ExcelJS.Workbook();
  wb.creator = "THADS Thống kê";
  wb.lastModifiedBy = "THADS Thống kê";
  wb.title = xmlSafe(first.title);
  wb.created = new Date(generatedAt);
  wb.modified = new Date(generatedAt);
  // Cached results are written for viewers that never calculate; Excel recomputes on open anyway.
  wb.calcProperties.fullCalcOnLoad = true;
  const charts: ChartSpec[] = [];
  const used: string[] = [];
  list.forEach((layout, i) => {
    let name = sheetName(layout.sheetName);
    for (let k = 2; used.indexOf(name) >= 0; k++) name = sheetName(layout.sheetName).slice(0, 28) + " " + k;
    used.push(name);
    charts.push(...writeSheet(wb, layout, name, i === 0 ? "BangSoLieu" : "BangSoLieu" + (i + 1), options));
  });
  return { workbook: wb, charts };
}

function writeSheet(wb: ExcelJS.Workbook, layout: ReportLayout, name: string, tableName: string, options: RenderOptions): ChartSpec[] {
  const cached = options.cachedResults !== false;
  const ws = wb.addWorksheet(name, { properties: { defaultRowHeight: 16 } });

  // The table first (exceljs writes its header and body cells), then every cell over it.
  if (layout.tableAddress !== null) {
    const t = rect(layout.tableAddress);
    ws.addTable({
      name: tableName,
      ref: layout.tableAddress.split(":")[0] as string,
      headerRow: true,
      totalsRow: false,
      style: { theme: "TableStyleLight1", showRowStripes: false },
      columns: layout.headers.map((h) => ({ name: xmlSafe(h), filterButton: true })),
      rows: Array.from({ length: t.bottom - t.top }, () => layout.headers.map(() => null)),
    });
  }
  layout.contents.forEach((row, r) => {
    row.forEach((content, c) => {
      const shown = (layout.values[r] as Cell[])[c] as Cell;
      if (content === "" && shown === "") return;
      const cell = ws.getCell(r + 1, c + 1);
      const v = cellValue(content, shown);
      cell.value = !cached && v !== null && typeof v === "object" && "formula" in v ? ({ formula: v.formula } as ExcelJS.CellFormulaValue) : v;
      const fmt = (layout.numberFormats[r] as string[])[c];
      if (fmt !== undefined && fmt !== "General") cell.numFmt = fmt;
    });
  });
  for (const s of layout.styles) applyStyle(ws, s);
  // Colours as they are at download time, and rules that recolour a figure someone edits.
  for (const run of layout.staticFills) {
    eachCell(ws, rect(run.address), (cell) => {
      cell.fill = solid(run.fill);
      cell.font = { ...cell.font, color: { argb: argb(run.fontColor) } };
    });
  }
  let priority = 0;
  for (const plan of layout.conditional) {
    ws.addConditionalFormatting({
      ref: plan.address,
      rules: plan.rules.map((rule) => ({
        type: "expression" as const,
        priority: ++priority,
        formulae: [rule.formula.replace(/^=/, "")],
        style: { fill: { type: "pattern" as const, pattern: "solid" as const, bgColor: { argb: argb(rule.fill) } }, font: { color: { argb: argb(rule.fontColor) } } },
      })),
    });
  }
  layout.columnWidths.forEach((w, i) => (ws.getColumn(i + 1).width = charsOf(w)));
  for (const h of layout.rowHeights) ws.getRow(h.row).height = h.height;
  ws.views = [{ state: "frozen", ySplit: layout.headerRow, xSplit: 0, topLeftCell: "A" + (layout.headerRow + 1) }];
  ws.pageSetup = {
    paperSize: 9,
    orientation: "landscape",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.25, footer: 0.3 },
    printArea: layout.printArea,
    printTitlesRow: layout.printTitleRows.replace(/\$/g, ""),
  };
  ws.headerFooter = { oddFooter: '&C&"' + FONT_NAME + '"&9Trang &P/&N' };
  const chart = chartSpec(layout, name);
  return (chart ? [chart as ChartSpec] : []).concat(lineChartSpecs(layout, name));
}

/** The layout's line charts as chart parts: each block's first row the categories, its further rows the series. */
function lineChartSpecs(layout: ReportLayout, name: string): LineChartSpec[] {
  return layout.lineCharts.map((plan) => {
    const r = rect(plan.source);
    const row = (n: number): string => sheetQualified(name, "$" + columnLetters(r.left + 1) + "$" + n + ":$" + columnLetters(r.right) + "$" + n);
    const from = parseCellAddress(plan.from);
    const to = parseCellAddress(plan.to);
    if (from === null || to === null) throw new Error("render: bad chart anchor");
    return {
      kind: "line" as const,
      sheetName: name,
      from: { col: from.column - 1, row: from.row - 1 },
      to: { col: to.column - 1, row: to.row - 1 },
      title: xmlSafe(plan.title),
      categories: { ref: row(r.top), values: plan.categories.map(xmlSafe) },
      series: plan.series.map((s, i) => ({ name: s.name, ref: row(r.top + 1 + i), values: s.values, colour: s.colour.replace(/^#/, "").toUpperCase(), dashed: s.dashed })),
      valueAxisTitle: plan.valueAxisTitle,
      numFmt: "0",
      axis: plan.axis,
    };
  });
}

export async function renderXlsx(layout: ReportLayout | readonly ReportLayout[], generatedAt: string, options: RenderOptions = {}): Promise<XlsxBytes> {
  const built = buildWorkbook(layout, generatedAt, options);
  const written = await built.workbook.xlsx.writeBuffer();
  const bytes = written instanceof Uint8Array ? written : new Uint8Array(written as ArrayBuffer);
  return new Uint8Array(built.charts.length > 0 ? await addCharts(bytes, built.charts) : bytes);
}
