/**
 * Sheets pulled for province and national staff: the comparison, the province roll-up by
 * regional office and the completeness list, each written as a NEW sheet from a plan made
 * by report-layout.ts. Every API above ExcelApi 1.1 is gated on the detected capabilities.
 *
 * Round trips per pull, whatever the number of rows or sheets (each sync is one on a slow
 * office PC):
 *   1. the names of the existing sheets (the new ones need unique names);
 *   2. every sheet of the report (the comparison and its details): one 2-D write of values,
 *      one of number formats, a constant number of styles, the table, the colour rules (or,
 *      on 1.1, one fill per run of rows) each;
 *   3. the charts, in their own sync so that a host that refuses part of one still leaves the
 *      sheets in place and the pane can say what is missing.
 */

import type { Comparison, Completeness, ReportTextDto } from "../../../shared/api/schemas";
import { layoutReportText } from "../../../shared/reports/text-sheet";
import { comparisonBook } from "../../../shared/reports/comparison/book";
import { addSheet } from "./add-sheet";
import { featuresOf, detectCapabilities, type Features } from "./capabilities";
import { uniqueSheetName } from "./layout";
import {
  REPORT_COLOURS,
  layoutCompleteness,
  layoutRollup,
  type ChartPlan,
  type LineChartPlan,
  type ComparisonSheetOptions,
  type CompletenessSheetOptions,
  type ReportLayout,
} from "./report-layout";
import { applyBlockStyle, applyColumnWidths } from "./styles";
import type { Capabilities } from "./types";

export interface PullResult {
  /** The report's first sheet (the one activated). */
  sheetName: string;
  /** Every sheet written, in order (the comparison, its details…). */
  sheetNames: string[];
  /** Units listed (the total row excluded). */
  rows: number;
  table: boolean;
  conditionalFormats: boolean;
  /** "combo": rate bars against a target line; "columns": rate bars only; "none". */
  chart: "combo" | "columns" | "none";
  /** What this Excel could not do, in Vietnamese, for the pane. */
  notes: string[];
  /** The lines under the table (below target, below average, missing…). */
  summary: string[];
}

export interface ReportSheets {
  capabilities(): Capabilities;
  pullComparison(c: Comparison, options: ComparisonSheetOptions): Promise<PullResult>;
  pullRollup(c: Comparison, options: ComparisonSheetOptions): Promise<PullResult>;
  pullCompleteness(c: Completeness, options: CompletenessSheetOptions): Promise<PullResult>;
  /** The report text as a sheet, one paragraph a row. */
  pullReportText(t: ReportTextDto, sheetName: string): Promise<PullResult>;
}

export function createReportSheets(caps?: Capabilities): ReportSheets {
  const c = caps || detectCapabilities();
  return {
    capabilities: () => c,
    pullComparison: (comparison, options) => pullComparison(comparison, options, c),
    pullRollup: (comparison, options) => pullRollup(comparison, options, c),
    pullCompleteness: (completeness, options) => pullCompleteness(completeness, options, c),
    pullReportText: (t, sheetName) => writeReport(layoutReportText(t, sheetName), c),
  };
}

export function pullComparison(c: Comparison, options: ComparisonSheetOptions, caps: Capabilities): Promise<PullResult> {
  return writeReport(comparisonBook(c, options), caps);
}

export function pullRollup(c: Comparison, options: ComparisonSheetOptions, caps: Capabilities): Promise<PullResult> {
  return writeReport(layoutRollup(c, options), caps);
}

export function pullCompleteness(c: Completeness, options: CompletenessSheetOptions, caps: Capabilities): Promise<PullResult> {
  return writeReport(layoutCompleteness(c, options), caps);
}

function errorMessage(e: unknown): string {
  return e && typeof e === "object" && "message" in e ? String((e as { message: unknown }).message) : String(e);
}

/** Applies a plan (one sheet, or several written together); exported for tests that build their own plan. */
export function writeReport(layouts: ReportLayout | readonly ReportLayout[], caps: Capabilities): Promise<PullResult> {
  const list: readonly ReportLayout[] = Array.isArray(layouts) ? layouts : [layouts as ReportLayout];
  const layout = list[0] as ReportLayout;
  const f = featuresOf(caps);
  return Excel.run(async (context) => {
    const names: string[] = [];
    const { sheet, name } = await addSheet(context, (existing) => {
      const taken = existing.slice();
      for (const l of list) {
        const n = uniqueSheetName(l.sheetName, taken);
        taken.push(n);
        names.push(n);
      }
      return names[0] as string;
    });
    const sheets: Excel.Worksheet[] = [sheet];
    for (let i = 1; i < list.length; i++) sheets.push(context.workbook.worksheets.add(names[i] as string));
    list.forEach((l, i) => writeBody(sheets[i] as Excel.Worksheet, l, caps, f));
    sheet.activate();
    sheet.getRange("A1").select();
    await context.sync();

    const notes = capabilityNotes(layout, caps, f);
    let chart: PullResult["chart"] = "none";
    const lines = list.some((l) => l.lineCharts.length > 0);
    if (layout.chart || lines) {
      const combo = layout.chart !== null && caps.level !== "1.1" && layout.chart.sourceWithTarget !== null;
      try {
        if (layout.chart) addChart(sheet, layout.chart, combo);
        list.forEach((l, i) => {
          for (const plan of l.lineCharts) addLineChart(sheets[i] as Excel.Worksheet, plan);
        });
        await context.sync();
        chart = layout.chart === null ? "none" : combo ? "combo" : "columns";
        if (layout.chart && !combo && layout.chart.sourceWithTarget !== null) {
          notes.push("Excel này (ExcelApi " + caps.level + ") không vẽ được đường chỉ tiêu (cần ExcelApi 1.7): biểu đồ chỉ có cột tỷ lệ, cột đỏ là đơn vị dưới chỉ tiêu.");
        }
      } catch (e) {
        // The sheet is already written; only the chart is missing.
        notes.push("Không vẽ được biểu đồ trong Excel này (" + errorMessage(e) + "); số liệu của biểu đồ ở các cột bên phải bảng.");
      }
    }
    return {
      sheetName: name,
      sheetNames: names,
      rows: layout.dataRows ? layout.dataRows.last - layout.dataRows.first + 1 : 0,
      table: layout.tableAddress !== null,
      conditionalFormats: caps.conditionalFormats && layout.conditional.length > 0,
      chart,
      notes,
      summary: layout.notes,
    };
  });
}

/** The cells, formats, styles, colour rules and table of a layout (no chart): also the body of an editable sheet (edit-sheets.ts). */
export function writeBody(sheet: Excel.Worksheet, layout: ReportLayout, caps: Capabilities, f: Features): void {
  // Every text, number and formula in one write, every number format in another. Rates and
  // differences are formulas, so a figure someone corrects recomputes its row.
  const block = sheet.getRange(layout.blockAddress);
  block.formulas = layout.contents;
  block.numberFormat = layout.numberFormats;
  for (const s of layout.styles) applyBlockStyle(sheet, s, f.layout);
  if (caps.conditionalFormats) {
    // Rules recolour a figure someone edits; ExcelApi 1.6 (reported as conditionalFormats).
    for (const plan of layout.conditional) {
      const range = sheet.getRange(plan.address);
      for (const rule of plan.rules) {
        const cf = range.conditionalFormats.add("Custom");
        cf.custom.rule.formula = rule.formula;
        cf.custom.format.fill.color = rule.fill;
        cf.custom.format.font.color = rule.fontColor;
      }
    }
  } else {
    for (const run of layout.staticFills) {
      const fmt = sheet.getRange(run.address).format;
      fmt.fill.color = run.fill;
      fmt.font.color = run.fontColor;
    }
  }
  if (layout.tableAddress !== null) {
    // ExcelApi 1.1 has tables: sorting and filtering by any column; the total row stays below it.
    const table = sheet.tables.add(layout.tableAddress, true);
    table.style = "TableStyleLight1";
  }
  if (f.layout) {
    applyColumnWidths(sheet, layout.columnWidths);
    for (const h of layout.rowHeights) sheet.getRange(h.row + ":" + h.row).format.rowHeight = h.height;
    sheet.freezePanes.freezeRows(layout.headerRow);
  }
  if (f.pageLayout) {
    const page = sheet.pageLayout;
    page.orientation = "Landscape";
    page.paperSize = "A4";
    page.centerHorizontally = true;
    // One page wide, as many pages tall as the rows need.
    page.zoom = { horizontalFitToPages: 1 };
    page.setPrintArea(layout.printArea);
    page.setPrintTitleRows(layout.printTitleRows);
  }
}

/**
 * Columns of rates sorted best first (ExcelApi 1.1); where 1.7 is available the target is a
 * line over them. Bars below target are red point by point (ChartPoint.format.fill, 1.1):
 * the series is coloured once with the commonest colour and only the other bars are set.
 */
function addChart(sheet: Excel.Worksheet, plan: ChartPlan, combo: boolean): void {
  const source = combo && plan.sourceWithTarget !== null ? plan.sourceWithTarget : plan.sourceRateOnly;
  const chart = sheet.charts.add("ColumnClustered", sheet.getRange(source), "Columns");
  chart.name = "Tỷ lệ thi hành xong";
  chart.title.text = plan.title;
  chart.setPosition(plan.from, plan.to);
  chart.legend.position = "Bottom";
  chart.legend.visible = combo;
  const axis = chart.axes.valueAxis;
  axis.minimum = plan.axis.min;
  axis.maximum = plan.axis.max;
  axis.majorUnit = plan.axis.majorUnit;
  const bars = chart.series.getItemAt(0);
  const counts: Record<string, number> = {};
  let common: string = REPORT_COLOURS.barMet;
  for (const c of plan.pointColours) {
    counts[c] = (counts[c] || 0) + 1;
    if ((counts[c] as number) > (counts[common] || 0)) common = c;
  }
  bars.format.fill.setSolidColor(common);
  for (let i = 0; i < plan.pointColours.length; i++) {
    const colour = plan.pointColours[i] as string;
    if (colour !== common) bars.points.getItemAt(i).format.fill.setSolidColor(colour);
  }
  if (combo) {
    const line = chart.series.getItemAt(1);
    line.chartType = "Line";
    line.markerStyle = "None";
    line.format.line.color = REPORT_COLOURS.targetLine;
  }
}

/**
 * A line chart of one block (months in its first row, a series per further row, ExcelApi
 * 1.1): this year in colour, last year in grey; the axis fixed, as on every small multiple.
 */
function addLineChart(sheet: Excel.Worksheet, plan: LineChartPlan): void {
  const chart = sheet.charts.add("Line", sheet.getRange(plan.source), "Rows");
  chart.title.text = plan.title;
  chart.setPosition(plan.from, plan.to);
  chart.legend.position = "Bottom";
  const axis = chart.axes.valueAxis;
  axis.minimum = plan.axis.min;
  axis.maximum = plan.axis.max;
  axis.majorUnit = plan.axis.majorUnit;
  plan.series.forEach((s, i) => {
    chart.series.getItemAt(i).format.line.color = s.colour;
  });
}

function capabilityNotes(layout: ReportLayout, caps: Capabilities, f: Features): string[] {
  const notes: string[] = [];
  if (!caps.conditionalFormats && layout.staticFills.length > 0) {
    notes.push("Excel này không có định dạng có điều kiện (cần ExcelApi 1.6): màu đỏ, xanh là màu cố định theo số liệu lúc lấy, không tự đổi khi sửa số.");
  }
  if (!f.layout) notes.push("Excel này không gộp ô, không đặt độ rộng cột và không cố định dòng tiêu đề (cần ExcelApi 1.7): hãy chỉnh độ rộng cột nếu cần.");
  if (!f.pageLayout) notes.push("Khi in, hãy chọn khổ A4 nằm ngang, vừa một trang chiều ngang (Excel này chưa cho đặt sẵn, cần ExcelApi 1.9).");
  return notes;
}
