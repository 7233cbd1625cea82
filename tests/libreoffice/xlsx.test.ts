import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { renderXlsx } from "../../worker/src/xlsx";
import { layoutComparison, layoutComparisonDetails, layoutRollup } from "../../shared/reports/comparison/sheet";
import { layoutCompleteness } from "../../shared/reports/completeness/sheet";
import { layoutTrend } from "../../shared/reports/comparison/trend-sheet";
import { renderCsv } from "../../shared/reports/csv";
import type { ReportLayout } from "../../shared/reports/grid";
import { CSV_ALL_SHEETS_AS_SHOWN, convert, parseCsv, requireSoffice } from "./soffice";
import {
  FORM_01, FORM_02, LATE, NATIONAL, ON_TIME, PROVINCE_MONEY, QUARTER, provinceOfOffices, scenarioComparison, scenarioCompleteness,
} from "../fixtures/reports";

/**
 * The downloadable workbooks opened in a second spreadsheet application. The layouts come
 * from the real builders (shared/reports) over hand-written scenarios; LibreOffice recomputes
 * every formula (the profile forces it) and the results are compared with figures computed
 * by hand here, two of them published — and, cell for cell, with the CSV the API serves.
 */

const hasOffice = requireSoffice();
const dir = mkdtempSync(join(tmpdir(), "thads-xlsx-"));
const shown: Record<string, string[][]> = {};
const resaved: Record<string, ExcelJS.Workbook> = {};
const resavedZip: Record<string, JSZip> = {};
const timings: string[] = [];
const SOURCE = { server: "thads.example.gov.vn" };

const nationalComparison = scenarioComparison(NATIONAL);
const national = layoutComparison(nationalComparison, { form: FORM_01, source: SOURCE });
const nationalDetails = layoutComparisonDetails(nationalComparison, { form: FORM_01, source: SOURCE });
const money = scenarioComparison(PROVINCE_MONEY);
const provinceMoney = layoutComparison(money, { form: FORM_02, source: SOURCE });
const rollup = layoutRollup(money, { form: FORM_02, source: SOURCE });
const office = provinceOfOffices(0);
office.units = [
  { code: "52-00", name: "Văn phòng THADS tỉnh Gia Lai", kind: "province_office", firstAt: ON_TIME, now: { "01": { carried: 10, done: 5, open: 5 }, "02": { carried: 10, done: 5, open: 5 } } },
  { code: "52-01", name: "Phòng THADS khu vực 1 - Gia Lai", firstAt: LATE, now: { "01": { carried: 10, done: 5, open: 5 } } },
];
// The trend of Quý I/2026: the country and three provinces, a block and a line chart each.
const trend = layoutTrend(scenarioComparison(QUARTER), { form: FORM_01, source: SOURCE });
const completeness = layoutCompleteness(scenarioCompleteness(office), { forms: [FORM_01, FORM_02], source: SOURCE });

async function canary(): Promise<Uint8Array> {
  // A stale cached result: if LibreOffice printed 999, nothing below would prove anything.
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Canary");
  ws.getCell("A1").value = 2;
  ws.getCell("B1").value = { formula: "A1*2", result: 999 };
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

const files: Record<string, ReportLayout> = {
  "so-sanh-VN": national,
  "chi-tiet-VN": nationalDetails,
  "so-sanh-52": provinceMoney,
  "tong-hop-52": rollup,
  "tinh-hinh-nop-52": completeness,
  "dien-bien-VN": trend,
};

function sheetOf(book: string): string[][] {
  const layout = files[book] as ReportLayout;
  const rows = shown[`${book}-${layout.sheetName}`];
  if (!rows) throw new Error(`no sheet ${layout.sheetName}: ${Object.keys(shown).join(", ")}`);
  return rows;
}

/** The row whose column B (unit code) is `code`, in a sheet read back from CSV. */
function csvRow(book: string, code: string): string[] {
  const row = sheetOf(book).find((r) => r[1] === code);
  if (!row) throw new Error(`no row ${code} in ${book}`);
  return row;
}

/** LibreOffice's own result of a cell in its re-saved workbook. */
function computed(book: string, code: string, col: number): unknown {
  const ws = resaved[book]?.getWorksheet((files[book] as ReportLayout).sheetName);
  if (!ws) throw new Error(`no ${book}`);
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (row.getCell(2).value === code) {
      const v = row.getCell(col).value as ExcelJS.CellValue;
      return v !== null && typeof v === "object" && "formula" in v ? v.result : v;
    }
  }
  throw new Error(`no row ${code}`);
}

/** "1.234.567" → 1234567, "84,25%" → 84.25, "+2,77" → 2.77: a figure as a Vietnamese reader sees it. */
function vietnameseNumber(s: string): number | string {
  const m = /^([+-]?)([0-9.]+)(,[0-9]+)?%?$/.exec(s);
  if (!m) return s;
  return Number((m[1] === "-" ? "-" : "") + (m[2] as string).replace(/\./g, "") + (m[3] ? "." + (m[3] as string).slice(1) : ""));
}

describe.skipIf(!hasOffice)("LibreOffice opens the downloaded workbooks", () => {
  beforeAll(async () => {
    const bytes: Record<string, Uint8Array> = { canary: await canary() };
    // Without cached results: every figure LibreOffice shows, it computed itself.
    for (const [name, layout] of Object.entries(files)) bytes[name] = await renderXlsx(layout, "2026-10-05T02:30:00.000Z", { cachedResults: false });
    const paths = Object.entries(bytes).map(([name, b]) => {
      const path = join(dir, `${name}.xlsx`);
      writeFileSync(path, b);
      return path;
    });
    // 1. As a Vietnamese user sees them: every sheet to CSV, formatted, vi-VN locale.
    const csv = convert(paths, CSV_ALL_SHEETS_AS_SHOWN, { locale: "vi-VN" });
    timings.push(`csv (vi-VN, ${paths.length} files): ${csv.ms} ms`);
    for (const f of csv.files) shown[f.replace(/\.csv$/, "")] = parseCsv(readFileSync(join(csv.outDir, f), "utf8"));
    // 2. Re-saved by LibreOffice as .xlsx: its own results at full precision, its own chart parts.
    const xlsx = convert(paths, "xlsx", { locale: "en-US" });
    timings.push(`re-save as xlsx (${paths.length} files): ${xlsx.ms} ms`);
    for (const f of xlsx.files) {
      const b = readFileSync(join(xlsx.outDir, f));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer);
      resaved[f.replace(/\.xlsx$/, "")] = wb;
      resavedZip[f.replace(/\.xlsx$/, "")] = await JSZip.loadAsync(b);
    }
    console.log(`LibreOffice: ${timings.join("; ")}`);
  });

  it("recalculates on load (a stale cached result is replaced)", () => {
    expect(shown["canary-Canary"]?.[0]).toEqual(["2", "4"]);
  });

  it("recomputes the national rate as the rate of the sums: 577.876 ÷ 685.898 = 84,25%", () => {
    expect(computed("so-sanh-VN", "VN", 6)).toBe(84.25);
    expect(csvRow("so-sanh-VN", "VN").slice(2, 6)).toEqual(["Toàn quốc", "577.876", "685.898", "84,25%"]);
  });

  it("recomputes each province's rate, gap to target, change on cùng kỳ and on last month, as printed", () => {
    // Hà Nội 260.000 ÷ 300.000 = 86,67%; +2,77 on the 83,90% target; +4,57 on cùng kỳ's 82,10%;
    // +6,17 on last month's 80,50% (on the details sheet)
    expect(csvRow("so-sanh-VN", "01").slice(3, 10)).toEqual(["260.000", "300.000", "86,67%", "83,90%", "+2,77", "82,10%", "+4,57"]);
    expect(csvRow("chi-tiet-VN", "01").slice(13, 16)).toEqual(["86,67%", "80,50%", "+6,17"]);
    // Gia Lai 225.000 ÷ 289.897 = 77,6137…% → 77,61; −6,29 points; +2,36 on cùng kỳ's 75,25%
    expect(computed("so-sanh-VN", "52", 6)).toBe(77.61);
    expect(computed("so-sanh-VN", "52", 8)).toBe(-6.29);
    expect(computed("so-sanh-VN", "52", 10)).toBe(2.36);
    // TP HCM 92.876 ÷ 96.001 = 96,7448…% → 96,74; +1,74 on last month's 95,00%
    expect(computed("chi-tiet-VN", "79", 16)).toBe(1.74);
    // Cao Bằng sent nothing: no rate, no gap, not a zero; last year's 80% is shown, with no change
    expect(csvRow("so-sanh-VN", "04").slice(3, 11)).toEqual(["", "", "", "83,90%", "", "80,00%", "", ""]);
  });

  it("recomputes money in nghìn đồng exactly: Gia Lai 174.390.399 ÷ 1.277.040.781 = 13,66%", () => {
    expect(computed("so-sanh-52", "52", 4)).toBe(174_390_399);
    expect(computed("so-sanh-52", "52", 6)).toBe(13.66);
    expect(csvRow("so-sanh-52", "52").slice(3, 6)).toEqual(["174.390.399", "1.277.040.781", "13,66%"]);
  });

  it("keeps the chart: LibreOffice reads the chart part and writes it back; its data sorted beside the table", async () => {
    const parts = Object.keys(resavedZip["so-sanh-VN"]!.files).filter((p) => p.startsWith("xl/charts/chart"));
    expect(parts.length).toBeGreaterThan(0);
    const chart = await resavedZip["so-sanh-VN"]!.file(parts[0]!)!.async("string");
    expect(chart).toContain("barChart");
    expect(chart).toContain("lineChart");
    // best first: TP HCM 96,74%, Hà Nội 86,67%, Gia Lai 77,61%; Cao Bằng has no bar
    // the helper block sits where the layout's chart reads it (right of the table, after a gap)
    const first = national.chart!.sourceRateOnly.replace(/[0-9:].*$/, "");
    const col = [...first].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    const helper = sheetOf("so-sanh-VN").slice(5, 9).map((r) => r.slice(col, col + 3));
    expect(helper).toEqual([
      ["Đơn vị (xếp theo tỷ lệ)", "Tỷ lệ thi hành xong về việc (%)", "Chỉ tiêu (%)"],
      ["Hồ Chí Minh", "96,74%", "83,90%"],
      ["Hà Nội", "86,67%", "83,90%"],
      ["Gia Lai", "77,61%", "83,90%"],
    ]);
  });

  it("reads the trend's line charts: one per block, months as categories, this year and last year as lines", async () => {
    const zip = resavedZip["dien-bien-VN"]!;
    const parts = Object.keys(zip.files).filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p)).sort();
    expect(parts).toHaveLength(4);
    const xml = await Promise.all(parts.map((p) => zip.file(p)!.async("string")));
    for (const chart of xml) {
      expect(chart).toContain("lineChart");
      expect((chart.match(/<c:ser>/g) ?? []).length).toBe(2);
    }
    // Hà Nội's block as LibreOffice shows it: the months, then 80,00% in December this year, 70,00% and 85,00% last year
    const rows = sheetOf("dien-bien-VN");
    const at = rows.findIndex((r) => r[0] === "Hà Nội");
    expect(rows[at]?.slice(1, 4)).toEqual(["T10", "T11", "T12"]);
    expect(rows[at + 1]?.slice(0, 4)).toEqual(["Năm 2026", "", "", "80,00%"]);
    expect(rows[at + 2]?.[3]).toBe("70,00%");
    expect(rows[at + 2]?.[12]).toBe("85,00%");
  });

  it("recomputes the roll-up's derived columns from the clerks' figures", () => {
    // 52-00: tổng số thụ lý = 1.000.000.000 + 300.000.000; có điều kiện = Σ its parts
    expect(computed("tong-hop-52", "52-00", 4)).toBe(1_300_000_000);
    // (columns: STT, code, name, then form 02's 14 fields in order: có điều kiện is the 10th column)
    expect(computed("tong-hop-52", "52-00", 10)).toBe(1_177_040_781);
    expect(computed("tong-hop-52", "52", 10)).toBe(1_277_040_781);
    expect(csvRow("tong-hop-52", "52")[17]).toBe("13,66%"); // column R, after the 14 fields
    // carried to the next period = phải thi hành − done
    expect(computed("tong-hop-52", "52", 21)).toBe(1_420_000_000 - 174_390_399);
  });

  it("lists completeness with the statuses in words and the times in Hà Nội", () => {
    const rows = sheetOf("tinh-hinh-nop-52");
    expect(rows[3]?.[0]).toBe("Phải nộp 4 báo cáo: đúng hạn 2, nộp muộn 1, chưa nộp 1 (đúng hạn 50,00%). Hạn nộp: Phòng THADS khu vực 23:59 02/10/2026; văn phòng THADS tỉnh 23:59 06/10/2026.");
    // 2026-10-09 03:00 UTC = 10:00 in Hà Nội
    expect(rows.find((r) => r[1] === "52-01" && r[4] === "Nộp muộn")?.slice(5, 7)).toEqual(["02/10/2026 23:59", "09/10/2026 10:00"]);
    expect(rows.find((r) => r[1] === "52-01" && r[4] === "Chưa nộp")?.slice(3, 5)).toEqual(["Mẫu số 02", "Chưa nộp"]);
  });

  it("shows, cell for cell, the figures of the CSV the API serves for the same report", () => {
    for (const [book, layout] of Object.entries(files)) {
      const api = parseCsv(renderCsv(layout).replace(/^\uFEFF/, ""), ",").map((r) => r.slice(0, layout.columnCount));
      const table = sheetOf(book).slice(layout.headerRow - 1, layout.headerRow - 1 + api.length).map((r) => r.slice(0, layout.columnCount));
      expect(table.length, book).toBe(api.length);
      table.forEach((row, i) => {
        row.forEach((cell, c) => {
          const expected = api[i]?.[c] ?? "";
          const a = vietnameseNumber(cell);
          const b = expected === "" ? "" : Number.isNaN(Number(expected)) ? expected : Number(expected);
          expect(a, `${book} row ${layout.headerRow + i} column ${c + 1}`).toEqual(b);
        });
      });
    }
  });
});
