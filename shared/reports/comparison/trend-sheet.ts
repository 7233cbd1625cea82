import type { Comparison, ComparisonRow, TrendLine } from "../../api/schemas";
import { cellAddress, rangeAddress } from "../../a1";
import { cumulativeLabel } from "../../periods";
import { NATIONAL_CODE } from "../../units/types";
import { buildTable, REPORT_COLOURS, type BlockStyle, type Column, type LineChartPlan, type ReportLayout } from "../grid";
import { acceptedSuffix, headlineOf, sourceLine, totalName, type ComparisonSheetOptions } from "./sheet";

/**
 * The trend of the headline rate: for the country and every unit, the cumulative rate month
 * by month of this statistical year against last year's, as a block of three rows (the months,
 * this year, last year) and a small line chart of that block. Every chart has the same 0–100%
 * axis, so units compare at a glance; the country comes first (on a province's sheet: the
 * province, then its offices, then the country for reference).
 */

interface Line {
  kind: "months" | "this" | "last";
  name: string;
  line: TrendLine | null;
}

const MONTHS = 12;
const CHART_ROWS = 13;
/** Charts three to a row, over columns A–D, E–H and I–M of the 13-column sheet. */
const CHART_COLUMNS: [number, number][] = [[1, 4], [5, 8], [9, 13]];

export function layoutTrend(c: Comparison, options: ComparisonSheetOptions): ReportLayout {
  const { def } = headlineOf(c, options.form);
  const id = def.id;
  const blocks: { name: string; line: TrendLine | null }[] = [];
  const total = c.rows.filter((r) => r.isTotal)[0] as ComparisonRow | undefined;
  if (total) blocks.push({ name: totalName(c), line: total.trend[id] ?? null });
  for (const r of c.rows) if (!r.isTotal) blocks.push({ name: r.shortName, line: r.trend[id] ?? null });
  if (c.parent !== NATIONAL_CODE) blocks.push({ name: "Toàn quốc", line: c.trend.national[id] ?? null });
  const rows: Line[] = [];
  for (const b of blocks) {
    rows.push({ kind: "months", name: b.name, line: b.line });
    rows.push({ kind: "this", name: b.name, line: b.line });
    rows.push({ kind: "last", name: b.name, line: b.line });
  }
  const thisYear = "Năm " + c.trend.thisYear;
  const lastYear = "Năm " + c.trend.lastYear;
  const columns: Column<Line>[] = [
    { key: "name", header: "Đơn vị, năm", width: 110, format: "general", value: (r) => (r.kind === "months" ? r.name : r.kind === "this" ? thisYear : lastYear) },
  ];
  for (let m = 0; m < MONTHS; m++) {
    columns.push({
      key: "m" + m,
      header: c.trend.months[m] as string,
      width: 40,
      format: "rate",
      value: (r) => {
        if (r.kind === "months") return c.trend.months[m] as string;
        const v = r.line ? (r.kind === "this" ? r.line.thisYear[m] : r.line.lastYear[m]) : null;
        return v === null || v === undefined ? null : v;
      },
    });
  }
  const title = def.label.vi + " theo tháng";
  return buildTable<Line>({
    kind: "comparison",
    sheetName: "Diễn biến " + c.parent + " " + c.form + " " + c.period + acceptedSuffix(c, " TN"),
    fileName: "dien-bien-" + c.parent + "-" + c.form + "-" + c.period + acceptedSuffix(c, "-da-tiep-nhan") + ".xlsx",
    title: (title + " — " + thisYear + " so với " + lastYear).toUpperCase(),
    lines: [
      (c.parent === NATIONAL_CODE ? "Toàn quốc và các tỉnh, thành phố" : c.parentName + " và các đơn vị") + " — số liệu cộng dồn từ 01/10 đến hết mỗi tháng, đến " + cumulativeLabel(c.period),
      sourceLine(options.source, c.generatedAt),
      "Tỷ lệ (%) làm tròn 2 chữ số; ô trống: chưa có báo cáo của tháng đó.",
    ],
    columns,
    rows,
    total: null,
    notes: [c.outlook.method],
    facts: [
      { label: "Kỳ báo cáo", value: c.periodLabel },
      { label: "Năm so sánh", value: String(c.trend.lastYear) },
    ],
    noTable: true,
    extraStyles: (first) =>
      blocks.map((_b, i): BlockStyle => ({
        address: rangeAddress({ top: first + 3 * i, left: 1, bottom: first + 3 * i, right: 1 + MONTHS }),
        bold: true,
        fill: REPORT_COLOURS.headerFill,
        hAlign: "Center",
      })),
    lineCharts: ({ first, chartTop }) =>
      blocks.map((b, i): LineChartPlan => {
        const top = first + 3 * i;
        const wide = i === 0;
        // The first block (the country, or the province) gets a chart across the sheet; the others three to a row.
        const slot = i - 1;
        const row = wide ? chartTop : chartTop + CHART_ROWS + 5 + Math.floor(slot / 3) * (CHART_ROWS + 1);
        const [left, right] = wide ? [1, 1 + MONTHS] : (CHART_COLUMNS[slot % 3] as [number, number]);
        return {
          title: b.name,
          source: rangeAddress({ top, left: 1, bottom: top + 2, right: 1 + MONTHS }),
          categories: c.trend.months.slice(),
          series: [
            { name: thisYear, values: b.line ? b.line.thisYear.slice() : [], colour: REPORT_COLOURS.barNeutral, dashed: false },
            { name: lastYear, values: b.line ? b.line.lastYear.slice() : [], colour: "#A6A6A6", dashed: true },
          ],
          from: cellAddress(row, left),
          to: cellAddress(row + (wide ? CHART_ROWS + 4 : CHART_ROWS), right),
          axis: { min: 0, max: 100, majorUnit: 20 },
          valueAxisTitle: "%",
        };
      }),
  });
}
