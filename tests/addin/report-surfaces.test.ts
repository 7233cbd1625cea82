import ExcelJS from "exceljs";
import { afterEach, describe, expect, it } from "vitest";
import { detectCapabilities } from "../../addin/src/excel/capabilities";
import { createReportSheets } from "../../addin/src/excel/pull-sheets";
import { installFakeOffice, type InstalledOffice } from "../../addin/testing";
import { layoutComparison, layoutRollup } from "../../shared/reports/comparison/sheet";
import { layoutCompleteness } from "../../shared/reports/completeness/sheet";
import { renderCsv } from "../../shared/reports/csv";
import { REPORT_FORMATS, type ReportLayout } from "../../shared/reports/grid";
import type { Comparison } from "../../shared/api/schemas";
import { renderXlsx } from "../../worker/src/xlsx";
import { parseCsv } from "../fixtures/csv";
import {
  FORM_01, FORM_02, NATIONAL, PROVINCE_MONEY, provinceCompleteness, provinceOfOffices, scenarioComparison,
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

async function xlsxTable(layout: ReportLayout): Promise<(string | number)[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await renderXlsx(layout, "2026-10-05T02:30:00.000Z")).buffer as ArrayBuffer);
  const ws = wb.worksheets[0] as ExcelJS.Worksheet;
  const last = layout.totalRow ?? (layout.dataRows ? layout.dataRows.last : layout.headerRow);
  const out: (string | number)[][] = [];
  for (let r = layout.headerRow; r <= last; r++) {
    const row: (string | number)[] = [];
    for (let c = 1; c <= layout.columnCount; c++) {
      const v = ws.getCell(r, c).value as ExcelJS.CellValue;
      const shown = v !== null && typeof v === "object" && "formula" in v ? (v.result as number | string) : v;
      row.push(shown instanceof Date ? shown.getTime() / 86400000 + 25569 : shown === null || shown === undefined ? "" : (shown as string | number));
    }
    out.push(row);
  }
  return out;
}

async function paneTable(layout: ReportLayout, pull: (reports: ReturnType<typeof createReportSheets>) => Promise<{ sheetName: string }>): Promise<(string | number | boolean)[][]> {
  installed = installFakeOffice(globalThis, { apiLevel: "1.10" });
  const { sheetName } = await pull(createReportSheets(detectCapabilities()));
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

function comparisonCase(name: string, c: Comparison, form = FORM_01): [string, ReportLayout, (r: ReturnType<typeof createReportSheets>) => Promise<{ sheetName: string }>] {
  return [name, layoutComparison(c, { form, source: SOURCE }), (r) => r.pullComparison(c, { form, source: SOURCE })];
}

describe("a report renders the same cells in the pane, the .xlsx and the CSV", () => {
  const national = scenarioComparison(NATIONAL);
  const money = scenarioComparison(PROVINCE_MONEY);
  const offices = scenarioComparison(provinceOfOffices(14));
  const done = provinceCompleteness(14);
  const cases: [string, ReportLayout, (r: ReturnType<typeof createReportSheets>) => Promise<{ sheetName: string }>][] = [
    // Published national figure, a late province, a province without a report, a partial total.
    comparisonCase("the national comparison", national),
    comparisonCase("a province's money comparison", money, FORM_02),
    // Rate ties among offices, a missing office, a late one.
    comparisonCase("a province's offices", offices),
    ["the roll-up by office", layoutRollup(money, { form: FORM_02, source: SOURCE }), (r) => r.pullRollup(money, { form: FORM_02, source: SOURCE })],
    ["the completeness list", layoutCompleteness(done, { forms: [FORM_01, FORM_02], source: SOURCE }), (r) => r.pullCompleteness(done, { forms: [FORM_01, FORM_02], source: SOURCE })],
  ];

  it.each(cases)("%s", async (_name, layout, pull) => {
    sameCells(layout, await paneTable(layout, pull), await xlsxTable(layout), csvRows(layout));
  });

  it("prints a change in points that is the difference of the two printed rates, everywhere", async () => {
    const layout = layoutComparison(national, { form: FORM_01, source: SOURCE });
    const csv = csvRows(layout);
    const col = (h: string) => (csv[0] as string[]).indexOf(h);
    for (const row of csv.slice(1)) {
      const [rate, ly, change] = [row[col("Tỷ lệ thi hành xong về việc (%)")], row[col("Tỷ lệ cùng kỳ (%)")], row[col("Tăng, giảm so với cùng kỳ (điểm)")]];
      if (!rate || !ly) continue;
      expect(Number(change)).toBe(Math.round((Number(rate) - Number(ly)) * 100) / 100);
    }
  });
});
