import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { comparisonXlsx, completenessXlsx, rollupXlsx } from "../../worker/src/xlsx";
import { CSV_ALL_SHEETS_AS_SHOWN, convert, parseCsv, requireSoffice } from "./soffice";
import {
  FORM_01, FORM_02, GENERATED_AT, completenessFixture, nationalFixture, provinceMoneyFixture, rollupOf,
} from "./fixtures";

/**
 * The downloadable workbooks opened in a second spreadsheet application. The files are built
 * by the Worker's own functions from objects shaped like the routes' answers; LibreOffice
 * recomputes every formula (the profile forces it) and the results are compared with
 * figures computed by hand, two of them published (docs/domain.md).
 */

const hasOffice = requireSoffice();
const dir = mkdtempSync(join(tmpdir(), "thads-xlsx-"));
const shown: Record<string, string[][]> = {};
const resaved: Record<string, ExcelJS.Workbook> = {};
const resavedZip: Record<string, JSZip> = {};
const timings: string[] = [];

async function canary(): Promise<Uint8Array> {
  // A stale cached result: if LibreOffice printed 999, nothing below would prove anything.
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Canary");
  ws.getCell("A1").value = 2;
  ws.getCell("B1").value = { formula: "A1*2", result: 999 };
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** The row whose column B (unit code) is `code`, in a sheet read back from CSV. */
function csvRow(sheet: string, code: string): string[] {
  const rows = shown[sheet];
  if (!rows) throw new Error(`no sheet ${sheet}: ${Object.keys(shown).join(", ")}`);
  const row = rows.find((r) => r[1] === code);
  if (!row) throw new Error(`no row ${code} in ${sheet}`);
  return row;
}

/** LibreOffice's own result of a cell in its re-saved workbook. */
function computed(book: string, sheet: string, code: string, col: number): unknown {
  const ws = resaved[book]?.getWorksheet(sheet);
  if (!ws) throw new Error(`no ${book}/${sheet}`);
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (row.getCell(2).value === code) {
      const v = row.getCell(col).value as ExcelJS.CellValue;
      return v !== null && typeof v === "object" && "formula" in v ? v.result : v;
    }
  }
  throw new Error(`no row ${code}`);
}

describe.skipIf(!hasOffice)("LibreOffice opens the downloaded workbooks", () => {
  beforeAll(async () => {
    const national = nationalFixture();
    const money = provinceMoneyFixture();
    const files: Record<string, Uint8Array> = {
      "so-sanh-VN": await comparisonXlsx(national, FORM_01),
      "so-sanh-52": await comparisonXlsx(money, FORM_02),
      "tong-hop-52": await rollupXlsx(rollupOf(money, FORM_02), money, FORM_02),
      "tinh-hinh-nop-52": await completenessXlsx(completenessFixture(), "THADS tỉnh Gia Lai", [FORM_01, FORM_02], GENERATED_AT),
      canary: await canary(),
    };
    const paths = Object.entries(files).map(([name, bytes]) => {
      const path = join(dir, `${name}.xlsx`);
      writeFileSync(path, bytes);
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
      const bytes = readFileSync(join(xlsx.outDir, f));
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
      resaved[f.replace(/\.xlsx$/, "")] = wb;
      resavedZip[f.replace(/\.xlsx$/, "")] = await JSZip.loadAsync(bytes);
    }
    console.log(`LibreOffice: ${timings.join("; ")}`);
  });

  it("recalculates on load (a stale cached result is replaced)", () => {
    expect(shown["canary-Canary"]?.[0]).toEqual(["2", "4"]);
  });

  it("recomputes the national rate as the rate of the sums: 577.876 ÷ 685.898 = 84,25%", () => {
    expect(computed("so-sanh-VN", "So sánh", "VN", 6)).toBeCloseTo((577_876 * 100) / 685_898, 9);
    expect(csvRow("so-sanh-VN-So sánh", "VN").slice(2, 6)).toEqual(["Tổng cộng", "577.876", "685.898", "84,25%"]);
  });

  it("recomputes each province's rate, gap to target, change on last month and on cùng kỳ", () => {
    // Gia Lai 225.000 ÷ 289.897 = 77,6137…% → 77,61; target 83,90 → −6,29 points
    expect(computed("so-sanh-VN", "So sánh", "52", 6)).toBeCloseTo((225_000 * 100) / 289_897, 9);
    expect(computed("so-sanh-VN", "So sánh", "52", 8)).toBeCloseTo(77.61 - 83.9, 9);
    // Hà Nội 260.000 ÷ 300.000 = 86,67%; +2,77 on the target; +6,17 on last month's 80,50%;
    // +4,57 on cùng kỳ's 82,10%; 20.000 more cases done than cùng kỳ's 240.000
    expect(csvRow("so-sanh-VN-So sánh", "01").slice(3, 14)).toEqual([
      "260.000", "300.000", "86,67%", "83,90%", "+2,77", "80,50%", "+6,17", "82,10%", "+4,57", "240.000", "+20.000",
    ]);
    expect(computed("so-sanh-VN", "So sánh", "79", 8)).toBeCloseTo(96.74 - 83.9, 9);
    // Cao Bằng sent nothing: no rate, no gap, not a zero
    expect(csvRow("so-sanh-VN-So sánh", "04").slice(3, 9)).toEqual(["", "", "", "83,90%", "", ""]);
  });

  it("recomputes money in nghìn đồng exactly: Gia Lai 174.390.399 ÷ 1.277.040.781 = 13,66%", () => {
    expect(computed("so-sanh-52", "So sánh", "52", 4)).toBe(174_390_399);
    expect(computed("so-sanh-52", "So sánh", "52", 6)).toBeCloseTo((174_390_399 * 100) / 1_277_040_781, 9);
    expect(csvRow("so-sanh-52-So sánh", "52").slice(3, 6)).toEqual(["174.390.399", "1.277.040.781", "13,66%"]);
  });

  it("keeps the chart: LibreOffice reads the chart part and writes it back, sorted data on the chart sheet", async () => {
    const parts = Object.keys(resavedZip["so-sanh-VN"]!.files).filter((p) => p.startsWith("xl/charts/chart"));
    expect(parts.length).toBeGreaterThan(0);
    const chart = await resavedZip["so-sanh-VN"]!.file(parts[0]!)!.async("string");
    expect(chart).toContain("barChart");
    expect(chart).toContain("lineChart");
    // best first: TP HCM 96,74%, Hà Nội 86,67%, Gia Lai 77,61%; Cao Bằng has no bar
    expect(shown["so-sanh-VN-Biểu đồ"]!.slice(2).map((r) => r.slice(0, 3))).toEqual([
      ["Hồ Chí Minh", "96,74%", "83,90%"],
      ["Hà Nội", "86,67%", "83,90%"],
      ["Gia Lai", "77,61%", "83,90%"],
    ]);
  });

  it("recomputes the roll-up's derived columns from the clerks' figures", () => {
    // 52-00: tổng số thụ lý = 1.000.000.000 + 300.000.000; có điều kiện = Σ its parts
    expect(computed("tong-hop-52", "Tổng hợp", "52-00", 4)).toBe(1_300_000_000);
    expect(computed("tong-hop-52", "Tổng hợp", "52-00", 9)).toBe(1_177_040_781);
    expect(computed("tong-hop-52", "Tổng hợp", "52-00", 15)).toBe(1_300_000_000 - 1_177_040_781);
    expect(computed("tong-hop-52", "Tổng hợp", "52", 9)).toBe(1_277_040_781);
    expect(csvRow("tong-hop-52-Tổng hợp", "52")[15]).toBe("13,66%"); // column P, after the 12 fields
    // carried to the next period = phải thi hành − done
    expect(computed("tong-hop-52", "Tổng hợp", "52", 18)).toBe(1_420_000_000 - 174_390_399);
  });

  it("recounts the completeness summary with COUNTIF", () => {
    const rows = shown["tinh-hinh-nop-52-Tình hình nộp"]!;
    const summary = Object.fromEntries(rows.filter((r) => r[2] && r[3] && !r[1]).map((r) => [r[2], r[3]]));
    expect(summary).toMatchObject({ "Phải nộp": "4", "Đúng hạn": "2", "Muộn": "1", "Chưa nộp": "1", "Tỷ lệ nộp đúng hạn (%)": "50,00%" });
    // 2026-10-07 01:00 UTC = 08:00 in Hà Nội
    expect(rows.find((r) => r[1] === "52-01" && r[4] === "Muộn")?.slice(5, 7)).toEqual(["06/10/2026 17:00", "07/10/2026 08:00"]);
  });
});
