import ExcelJS from "exceljs";
import JSZip from "jszip";
import { afterEach, describe, expect, it } from "vitest";
import { detectCapabilities } from "../../addin/src/excel/capabilities";
import { createReportSheets } from "../../addin/src/excel/pull-sheets";
import { installFakeOffice, type InstalledOffice } from "../../addin/testing";
import { layoutComparison, layoutComparisonDetails, layoutRollup } from "../../shared/reports/comparison/sheet";
import { layoutTrend } from "../../shared/reports/comparison/trend-sheet";
import { layoutCompleteness } from "../../shared/reports/completeness/sheet";
import { renderCsv } from "../../shared/reports/csv";
import { REPORT_FORMATS, type ReportLayout } from "../../shared/reports/grid";
import type { Comparison, IndicatorCell } from "../../shared/api/schemas";
import { renderXlsx } from "../../worker/src/xlsx";
import { parseCsv } from "../fixtures/csv";
import {
  FORM_01, FORM_02, NATIONAL, PROVINCE_MONEY, QUARTER, RATE_TIES, provinceCompleteness, provinceOfOffices, scenarioComparison,
} from "../fixtures/reports";

/**
 * One report, three renderings: the sheet the task pane writes into Excel (the in-memory
 * workbook computes its formulas), the Worker's .xlsx (the cached results exceljs writes) and
 * the CSV the API serves. The same comparison must show the same figure in every cell.
 */

const SOURCE = { server: "thads.example.gov.vn" };
let installed: InstalledOffice | null = null;

afterEach(() => {
  if (installed) installed.uninstall();
  installed = null;
});

function csvRows(layout: ReportLayout): string[][] {
  return parseCsv(renderCsv(layout).replace(/^\uFEFF/, ""), ",").map((r) => r.slice(0, layout.columnCount));
}

async function xlsxTable(layout: ReportLayout, book: readonly ReportLayout[] = [layout]): Promise<(string | number)[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await renderXlsx(book, "2026-10-05T02:30:00.000Z")).buffer as ArrayBuffer);
  const ws = wb.worksheets[book.indexOf(layout)] as ExcelJS.Worksheet;
  const last = layout.totalRow ?? (layout.dataRows ? layout.dataRows.last : layout.headerRow);
  const out: (string | number)[][] = [];
  for (let r = layout.headerRow; r <= last; r++) {
    const row: (string | number)[] = [];
    for (let c = 1; c <= layout.columnCount; c++) {
      const cell = ws.getCell(r, c);
      const v = cell.value as ExcelJS.CellValue;
      // cell.result, not value.result: exceljs's value drops a cached result of 0 (the file has <v>0</v>).
      const shown = v !== null && typeof v === "object" && "formula" in v ? (cell.result as number | string | undefined) : v;
      row.push(shown instanceof Date ? shown.getTime() / 86400000 + 25569 : shown === null || shown === undefined ? "" : (shown as string | number));
    }
    out.push(row);
  }
  return out;
}

type Pull = (reports: ReturnType<typeof createReportSheets>) => Promise<{ sheetName: string; sheetNames: string[] }>;

async function paneTable(layout: ReportLayout, pull: Pull, sheet = 0): Promise<(string | number | boolean)[][]> {
  installed = installFakeOffice(globalThis, { apiLevel: "1.10" });
  const sheetName = (await pull(createReportSheets(detectCapabilities()))).sheetNames[sheet] as string;
  const last = layout.totalRow ?? (layout.dataRows ? layout.dataRows.last : layout.headerRow);
  return installed.workbook.values(sheetName, "A" + layout.headerRow + ":" + String.fromCharCode(64 + layout.columnCount) + last);
}

function sameCells(layout: ReportLayout, pane: (string | number | boolean)[][], xlsx: (string | number)[][], csv: string[][]): void {
  expect(pane.length).toBe(csv.length);
  expect(xlsx.length).toBe(csv.length);
  csv.forEach((row, i) => {
    const formats = layout.numberFormats[layout.headerRow - 1 + i] as string[];
    row.forEach((text, c) => {
      const where = `row ${layout.headerRow + i}, column ${c + 1}`;
      const p = pane[i]?.[c];
      const x = xlsx[i]?.[c];
      if (formats[c] === REPORT_FORMATS.dateTime && typeof p === "number") {
        // Dates are serials on the sheets and "dd/mm/yyyy hh:mm" in the CSV.
        expect(x, where).toBeCloseTo(p, 6);
        expect(text, where).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
        return;
      }
      const expected = text === "" ? "" : typeof p === "number" ? Number(text) : text;
      expect(p, "pane " + where).toEqual(expected);
      expect(x, "xlsx " + where).toEqual(expected);
    });
  });
}

type Case = [string, ReportLayout, Pull, number, ReportLayout[]];

/** The comparison's sheet (0) or its details (1), as the pane, the .xlsx and the CSV (view=details) show it. */
function comparisonCase(name: string, c: Comparison, form = FORM_01, sheet = 0): Case {
  const book = [layoutComparison(c, { form, source: SOURCE }), layoutComparisonDetails(c, { form, source: SOURCE }), layoutTrend(c, { form, source: SOURCE })];
  return [name, book[sheet] as ReportLayout, (r) => r.pullComparison(c, { form, source: SOURCE }), sheet, book];
}

describe("a report renders the same cells in the pane, the .xlsx and the CSV", () => {
  const national = scenarioComparison(NATIONAL);
  const money = scenarioComparison(PROVINCE_MONEY);
  const offices = scenarioComparison(provinceOfOffices(14));
  const ties = scenarioComparison(RATE_TIES);
  const done = provinceCompleteness(14);
  const rollup = layoutRollup(money, { form: FORM_02, source: SOURCE });
  const completeness = layoutCompleteness(done, { forms: [FORM_01, FORM_02], source: SOURCE });
  const cases: Case[] = [
    // Published national figure, a late province, a province without a report, a partial total.
    comparisonCase("the national comparison", national),
    comparisonCase("the national comparison's details (phải thi hành, chuyển kỳ sau, previous month and quarter, other indicators)", national, FORM_01, 1),
    comparisonCase("the national trend month by month (blocks of months, this year, last year)", national, FORM_01, 2),
    comparisonCase("a province's money comparison", money, FORM_02),
    comparisonCase("a province's money details", money, FORM_02, 1),
    // Rates tied once printed (with each other, the average and the target), a missing office, a partial total.
    comparisonCase("rates tied as printed", ties),
    comparisonCase("rates tied as printed, in detail", ties, FORM_01, 1),
    // Fourteen offices, a missing office, a late one.
    comparisonCase("a province's offices", offices),
    comparisonCase("a province's offices in detail", offices, FORM_01, 1),
    ["the roll-up by office", rollup, (r) => r.pullRollup(money, { form: FORM_02, source: SOURCE }), 0, [rollup]],
    ["the completeness list", completeness, (r) => r.pullCompleteness(done, { forms: [FORM_01, FORM_02], source: SOURCE }), 0, [completeness]],
  ];

  it.each(cases)("%s", async (_name, layout, pull, sheet, book) => {
    sameCells(layout, await paneTable(layout, pull, sheet), await xlsxTable(layout, book), csvRows(layout));
  });

  // The national figures' exact and printed differences agree; the ties' do not (84,996 − 80,004).
  it.each([["the national comparison", national], ["rates tied as printed", ties]] as const)(
    "prints a change in points that is the difference of the two printed rates: %s",
    (_name, c) => {
      const layout = layoutComparison(c, { form: FORM_01, source: SOURCE });
      const csv = csvRows(layout);
      const col = (h: string) => (csv[0] as string[]).indexOf(h);
      let compared = 0;
      for (const row of csv.slice(1)) {
        const [rate, ly, change] = [row[col("Tỷ lệ thi hành xong về việc (%)")], row[col("Tỷ lệ cùng kỳ (%)")], row[col("Tăng, giảm so với cùng kỳ (điểm)")]];
        if (!rate || !ly) continue;
        expect(Number(change)).toBe(Math.round((Number(rate) - Number(ly)) * 100) / 100);
        compared++;
      }
      expect(compared).toBeGreaterThan(1);
    },
  );
});

describe("rates that tie once printed: the JSON, the CSV, the .xlsx and the pane say the same", () => {
  const c = scenarioComparison(RATE_TIES);
  const layout = layoutComparison(c, { form: FORM_01, source: SOURCE });
  const csv = csvRows(layout);
  const col = (h: string) => (csv[0] as string[]).indexOf(h);
  const line = (unit: string) => csv.find((r) => r[1] === unit) as string[];
  const json = (unit: string) => c.rows.find((r) => r.unit === unit)?.indicators.rate_viec as IndicatorCell;
  const cellOf = (v: number | null | undefined) => (v === null || v === undefined ? "" : String(v));

  it("gives each JSON figure in the CSV cell that prints it, row by row", () => {
    for (const row of c.rows) {
      const v = row.indicators.rate_viec as IndicatorCell;
      const l = line(row.unit);
      expect([l[col("Tỷ lệ thi hành xong về việc (%)")], l[col("Chỉ tiêu (%)")], l[col("So với chỉ tiêu (điểm)")], l[col("Tỷ lệ cùng kỳ (%)")], l[col("Tăng, giảm so với cùng kỳ (điểm)")], l[col("Xếp hạng")]], row.unit)
        .toEqual([cellOf(v.printed), cellOf(v.target), cellOf(v.gap), cellOf(v.vs.samePeriod.printed), cellOf(v.vs.samePeriod.change), cellOf(v.rank)]);
    }
  });

  it("ranks the two offices printing 85,00% together, below the one printing 85,10%", () => {
    expect(["52-01", "52-02", "52-03", "52-04"].map((u) => json(u).rank)).toEqual([2, 2, 1, null]);
    expect(["52-01", "52-02", "52-03"].map((u) => line(u)[col("Xếp hạng")])).toEqual(["2", "2", "1"]);
  });

  it("changes on cùng kỳ by the printed rates: 85,00 − 80,00 = +5,00 for both, never +4,99 / +5,01", () => {
    expect([json("52-01").vs.samePeriod.change, json("52-02").vs.samePeriod.change]).toEqual([5, 5]);
    // 52-04 has not reported: last year's 80,00% is shown, no change, "Chưa báo cáo"
    expect(json("52-04").vs.samePeriod).toMatchObject({ printed: 80, change: null });
    expect(line("52-04")[col("Đánh giá")]).toBe("Chưa báo cáo");
  });

  it("judges the average and the target on printed rates: 85,00% beside an average and a target of 85,00% is neither below", () => {
    expect(c.indicators[0]).toMatchObject({ id: "rate_viec", nationalAverage: 85 });
    expect([json("52-01").worseThanAverage, json("52-02").worseThanAverage]).toEqual([false, false]);
    expect([json("52-01").met, json("52-02").met]).toEqual([true, true]);
    expect(line("52-01")[col("Đánh giá")]).toBe("Đạt chỉ tiêu");
    expect(c.summary.indicators.find((i) => i.indicator === "rate_viec")).toMatchObject({ below: [], worseThanAverage: [] });
  });

  it("says in the CSV's facts and each row's note when the targets are provisional (tạm giao), and 'không' when none is", () => {
    const provisional = scenarioComparison({ ...RATE_TIES, targets: [{ unit: "52", indicator: "rate_viec", pct: 85, provisional: true }] });
    // The whole CSV: the facts follow the table's columns on every line.
    const whole = (x: Comparison) => parseCsv(renderCsv(layoutComparison(x, { form: FORM_01, source: SOURCE })).replace(/^\uFEFF/, ""), ",");
    const fact = (rows: string[][], unit: string, h: string) => (rows.find((r) => r[1] === unit) as string[])[(rows[0] as string[]).indexOf(h)];
    const p = whole(provisional);
    // The four offices inherit the province's provisional 85%: 52-04 too, though it has not reported.
    expect(fact(p, "52-01", "Chỉ tiêu tạm giao")).toBe("có (4 đơn vị)");
    expect(fact(p, "52-01", "Ghi chú")).toContain("Chỉ tiêu tạm giao");
    const official = whole(c);
    expect(fact(official, "52-01", "Chỉ tiêu tạm giao")).toBe("không");
    expect(fact(official, "52-01", "Ghi chú")).not.toContain("tạm giao");
  });

  it("marks the total partial and compares it like for like over the two offices that reported both years", () => {
    const total = c.rows.find((r) => r.isTotal);
    expect(total).toMatchObject({ status: "partial", reported: 3, missing: 1 });
    expect(total?.bases.samePeriod.likeForLike).toMatchObject({ units: 2, indicators: { rate_viec: { printed: 85, previous: 80, change: 5 } } });
    expect(line("52")[col("Ghi chú")]).toContain("Số liệu chưa đủ: đã báo cáo 3/4 đơn vị");
    expect(line("52")[col("Ghi chú")]).toContain("So với cùng kỳ trên cùng 2 đơn vị: +5,00 điểm");
  });
});

describe("the trend: a line per unit and for the country, this year against last year", () => {
  // 2025-12 is month 3: October, November and December of this year; the twelve months of last year.
  const c = scenarioComparison(QUARTER);
  const trend = layoutTrend(c, { form: FORM_01, source: SOURCE });

  it("draws one line chart per block in the pane, months along the axis, this year and last year as series", async () => {
    installed = installFakeOffice(globalThis, { apiLevel: "1.1" });
    const result = await createReportSheets(detectCapabilities()).pullComparison(c, { form: FORM_01, source: SOURCE });
    const info = installed.workbook.sheetInfo(result.sheetNames[2] as string);
    // the country first, then the three provinces
    expect(info.charts.map((x) => x.title)).toEqual(["Toàn quốc", "Hà Nội", "Gia Lai", "Hồ Chí Minh"]);
    const hanoi = info.charts[1]!;
    expect(hanoi.type).toBe("Line");
    expect(hanoi.categories).toEqual(["T10", "T11", "T12", "T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9"]);
    expect(hanoi.series.map((x) => x.name)).toEqual(["Năm 2026", "Năm 2025"]);
    // Hà Nội: 80,00% in December this year; 70,00% in December and 85,00% in September last year;
    // the months without a report are empty, never zeros
    expect(hanoi.series[0]!.values).toEqual(["", "", 80, "", "", "", "", "", "", "", "", ""]);
    expect(hanoi.series[1]!.values).toEqual(["", "", 70, "", "", "", "", "", "", "", "", 85]);
    expect(hanoi.valueAxis).toMatchObject({ minimum: 0, maximum: 100 });
  });

  it("writes the same charts into the .xlsx, one drawing on the trend sheet naming each block's rows", async () => {
    const bytes = await renderXlsx([trend], "2026-10-05T02:30:00.000Z");
    const zip = await JSZip.loadAsync(bytes);
    const charts = Object.keys(zip.files).filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p)).sort();
    expect(charts).toHaveLength(4);
    const drawings = Object.keys(zip.files).filter((p) => /^xl\/drawings\/drawing\d+\.xml$/.test(p));
    expect(drawings).toHaveLength(1);
    const hanoi = await zip.file("xl/charts/chart2.xml")!.async("string");
    expect(hanoi).toContain("<c:lineChart>");
    expect(hanoi).toContain("<a:t>Hà Nội</a:t>");
    // the block of Hà Nội is rows 10–12 (the country's is 7–9): months, this year, last year
    expect(hanoi).toContain("<c:f>'Diễn biến VN 01 2025-12'!$B$10:$M$10</c:f>");
    expect(hanoi).toContain("<c:f>'Diễn biến VN 01 2025-12'!$B$11:$M$11</c:f>");
    expect(hanoi).toContain('<c:pt idx="11"><c:v>85</c:v></c:pt>');
  });
});
