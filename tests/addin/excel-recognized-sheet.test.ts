import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { UnitDto } from "../../shared/api/schemas";
import { BUILT_IN_FORMS } from "../../shared/forms";
import type { Finding } from "../../shared/findings";
import { describeFinding } from "../../shared/messages";
import { labelOf } from "../../shared/forms/registry";
import { validateForm } from "../../shared/validate";
import { rangeAddress } from "../../shared/a1";
import { createFormSheets } from "../../addin/src/excel/form-sheet";
import { ERROR_FILL } from "../../addin/src/excel/findings-plan";
import { installFakeOffice, type FakeApiLevel, type InstalledOffice, type MemoryWorkbook } from "../../addin/testing";
import type { FormSheets, SheetValues as ExcelSheetValues } from "../../addin/src/excel/types";
import {
  chooseFor,
  periodFromSheet,
  recognitionView,
  recognizeAt,
  recognizedRef,
  recognizedValues,
} from "../../addin/src/core/recognized-sheet";
import { readWorkbookValues, type SheetValues } from "../fixtures/workbooks/read";

/**
 * A clerk's own workbook (the layouts of tests/fixtures/workbooks, saved by LibreOffice)
 * opened in Excel with the add-in: the active sheet is read in one sync, recognised,
 * validated like an inserted form, and the findings land on the clerk's own cells.
 */

const DIR = join(__dirname, "../fixtures/workbooks");
const fixtures: Record<string, SheetValues> = {};
const CLERK_UNITS: UnitDto[] = [
  {
    code: "52-01", name: "Phòng THADS khu vực 1 - Gia Lai", kind: "regional_office", level: "office", parentCode: "52",
    path: "/VN/52/52-01/", reporting: true, validFrom: "2019-10-01", validTo: null, successorCode: null,
  },
];

beforeAll(async () => {
  for (const name of ["01-clean", "02-merged-header", "01-lower-blank-totals", "03-other-form"]) {
    fixtures[name] = await readWorkbookValues(join(DIR, name + ".xlsx"));
  }
});

let installed: InstalledOffice | null = null;

function open(level: FakeApiLevel): { wb: MemoryWorkbook; sheets: FormSheets } {
  if (installed) installed.uninstall();
  installed = installFakeOffice(globalThis, { apiLevel: level });
  return { wb: installed.workbook, sheets: createFormSheets() };
}

afterEach(() => {
  if (installed) installed.uninstall();
  installed = null;
});

/** The clerk's sheet as Excel holds it: the same cells at the same place (text kept as text). */
async function putSheet(name: string, sv: SheetValues): Promise<void> {
  const height = sv.values.length;
  const width = (sv.values[0] || []).length;
  await Excel.run(async (ctx) => {
    const sheet = ctx.workbook.worksheets.add(name);
    const address = rangeAddress({ top: sv.origin.row + 1, left: sv.origin.col + 1, bottom: sv.origin.row + height, right: sv.origin.col + width });
    sheet.getRange(address).values = sv.values.map((row) => row.map((v) => (typeof v === "string" && v !== "" ? "'" + v : v))) as never;
    sheet.activate();
    await ctx.sync();
  });
}

const LEVELS: FakeApiLevel[] = ["1.1", "1.7", "1.18"];

describe.each(LEVELS)("a clerk's own sheet on ExcelApi %s", (level) => {
  it("is read whole in one sync, recognised, and its row, unit and period are read from the sheet", async () => {
    const { wb, sheets } = open(level);
    await putSheet("Mau 01", fixtures["01-clean"]!);
    wb.clearLog();
    expect(await sheets.findActiveForm(BUILT_IN_FORMS)).toBeNull();
    const before = wb.syncCount;
    const sheet = await sheets.readActiveSheetValues();
    expect(wb.syncCount - before).toBe(1);
    expect(sheet.sheetName).toBe("Mau 01");
    expect(sheet.address).toBe("A1:O11");
    expect(sheet.origin).toEqual({ row: 0, col: 0 });
    expect(sheet.values).toEqual(fixtures["01-clean"]!.values);

    const rec = recognizeAt(sheet, BUILT_IN_FORMS, "2026-09");
    if (!rec.recognised) throw new Error(rec.reasons.map((r) => r.message.vi).join("\n"));
    const choices = chooseFor(rec, sheet, CLERK_UNITS, "2026-10");
    expect(choices.row).toEqual({ value: 8, source: "sheet", evidence: "Phòng THADS khu vực 1" });
    expect(choices.unit).toMatchObject({ value: "52-01", source: "sheet" });
    expect(choices.period).toEqual({ value: "2026-09", source: "sheet", evidence: "12 tháng năm 2026 (từ ngày 01/10/2025 đến ngày 30/9/2026) (ô A4)" });
    const view = recognitionView(rec, sheet.sheetName);
    expect(view.headline).toBe("Nhận ra Mẫu số 01 – Kết quả thi hành án dân sự tính bằng việc (Thông tư 05/2026/TT-BTP) trên trang “Mau 01” (trang do bạn lập, độ tin cậy 100%).");
    expect(view.found).toContain("Ghép được 13/13 chỉ tiêu của biểu mẫu (theo số thứ tự cột và tên cột).");
    expect(view.unmapped).toEqual([]);
  });

  it("validates like an inserted form, and the findings colour the clerk's own cells; nothing else on the sheet is touched", async () => {
    const { wb, sheets } = open(level);
    await putSheet("Mau 01", fixtures["01-clean"]!);
    wb.setFill("Mau 01", "F8", "#FFFF00"); // the clerk's own yellow
    wb.type("Mau 01", "F8", -5); // a typo in "Ủy thác" of khu vực 1
    const sheet = await sheets.readActiveSheetValues();
    const rec = recognizeAt(sheet, BUILT_IN_FORMS, "2026-09");
    if (!rec.recognised) throw new Error("not recognised");
    const choices = chooseFor(rec, sheet, CLERK_UNITS, "2026-10");
    const ref = recognizedRef(sheet, rec, choices);
    expect(ref).toMatchObject({ sheetName: "Mau 01", formId: "01", regime: "TT05_2026", unitCode: "52-01", period: "2026-09", recognized: true });
    expect(ref.cells).toMatchObject({ tong_thu_ly: "C8", uy_thac: "F8", chua_co_dieu_kien: "M8" });

    const validation = validateForm(rec.form, recognizedValues(sheet, rec, choices));
    const negative = validation.findings.filter((f) => f.code === "negative");
    expect(negative.map((f) => f.fields)).toEqual([["uy_thac"]]);
    const message = (f: Finding) => describeFinding(f, labelOf(rec.form)).vi;
    const a1 = wb.cell("Mau 01", "A1").value;
    await sheets.showFindings(ref, validation.findings, message);
    expect(wb.cell("Mau 01", "F8").fill).toBe(ERROR_FILL);
    // Khu vực 2 (row 9) is fine and stays as it was.
    expect(wb.cell("Mau 01", "F9").fill).toBeNull();
    // No metadata row on a clerk's sheet: A1:C1 keep the clerk's letterhead.
    expect(wb.cell("Mau 01", "A1").value).toBe(a1);
    expect(wb.values("Mau 01", "B1:C1")).toEqual([["", ""]]);
    if (level === "1.18") expect(wb.cell("Mau 01", "F8").note).toContain("Ủy thác");

    await sheets.clearFindings(ref);
    expect(wb.cell("Mau 01", "F8").fill).toBe("#FFFF00");
    expect(wb.cell("Mau 01", "F8").note).toBeNull();
    expect(wb.values("Mau 01", "A1:C1")[0]![0]).toBe(a1);
  });

  it("points at the real cells when the form sits lower on the sheet, behind a letterhead", async () => {
    const { wb, sheets } = open(level);
    const fx = fixtures["01-lower-blank-totals"]!;
    await putSheet("Sheet2", fx);
    const sheet = await sheets.readActiveSheetValues();
    expect(sheet.origin).toEqual(fx.origin);
    const rec = recognizeAt(sheet, BUILT_IN_FORMS, "2026-09");
    if (!rec.recognised) throw new Error("not recognised");
    const choices = chooseFor(rec, sheet, CLERK_UNITS, "2026-10");
    // The total row comes first on this sheet; the clerk's office is the row naming it.
    expect(choices.row.value).toBe(18);
    const ref = recognizedRef(sheet, rec, choices);
    expect(ref.cells.tong_thu_ly).toBe("E18");
    // The blank column inside the table (I) is skipped.
    expect(ref.cells.uy_thac).toBe("H18");
    expect(ref.cells.thu_hoi_huy).toBe("J18");
    expect(ref.cells.phai_thi_hanh).toBe("K18");
    wb.type("Sheet2", "H18", "năm");
    const again = await sheets.readActiveSheetValues();
    const v = validateForm(rec.form, recognizedValues(again, rec, choices));
    await sheets.showFindings(ref, v.findings, (f) => f.code);
    expect(wb.cell("Sheet2", "H18").fill).toBe(ERROR_FILL);
  });
});

describe("reading the used range", () => {
  it("ignores cells that are only formatted where ExcelApi 1.2+ allows", async () => {
    for (const level of ["1.1", "1.7"] as FakeApiLevel[]) {
      const { wb, sheets } = open(level);
      await putSheet("Mau 01", fixtures["01-clean"]!);
      wb.setFill("Mau 01", "T40", "#DDDDDD");
      const sheet = await sheets.readActiveSheetValues();
      expect(sheet.address).toBe(level === "1.1" ? "A1:T40" : "A1:O11");
      // Either way the form is found.
      expect(recognizeAt(sheet, BUILT_IN_FORMS, "2026-09").recognised).toBe(true);
    }
  });

  it("reads an empty sheet as one empty cell", async () => {
    const { sheets } = open("1.1");
    const sheet: ExcelSheetValues = await sheets.readActiveSheetValues();
    expect(sheet).toEqual({ sheetName: "Sheet1", address: "A1", origin: { row: 0, col: 0 }, values: [[""]] });
    const view = recognitionView(recognizeAt(sheet, BUILT_IN_FORMS, null), sheet.sheetName);
    expect(view.unmapped).toEqual(["Trang tính không có dữ liệu."]);
  });
});

describe("what the pane is told about a clerk's sheet", () => {
  it("a merged two-row header of form 02: mapped by number and label, regime from the sheet, no unit named", async () => {
    const { sheets } = open("1.7");
    await putSheet("Bieu 02", fixtures["02-merged-header"]!);
    const sheet = await sheets.readActiveSheetValues();
    const rec = recognizeAt(sheet, BUILT_IN_FORMS, null);
    if (!rec.recognised) throw new Error("not recognised");
    expect(rec.form.id).toBe("02");
    const choices = chooseFor(rec, sheet, CLERK_UNITS, "2026-10");
    // "Văn phòng THADS tỉnh Gia Lai" and "Phòng THADS khu vực 1" are listed: khu vực 1 is the clerk's.
    expect(choices.row).toMatchObject({ value: 11, source: "sheet" });
    // "6 tháng năm 2025" in the title: March 2025.
    expect(choices.period).toMatchObject({ value: "2025-03", source: "sheet" });
    expect(recognitionView(rec, "Bieu 02").found).toContain("Biểu theo Thông tư 05/2024/TT-BTP (ghi trên trang tính).");
  });

  it("says in Vietnamese why another form is not recognised, and guesses nothing", async () => {
    const { sheets } = open("1.1");
    await putSheet("Mau 03", fixtures["03-other-form"]!);
    const sheet = await sheets.readActiveSheetValues();
    const result = recognizeAt(sheet, BUILT_IN_FORMS, "2026-09");
    expect(result.recognised).toBe(false);
    const view = recognitionView(result, "Mau 03");
    expect(view.headline).toContain("không nhận ra được biểu mẫu 01 hay 02");
    expect(view.unmapped[0]).toMatch(/^Không nhận ra biểu mẫu nào/);
    expect(view.unmapped.join(" ")).toContain("Mẫu số 03");
  });

  it("marks a period or row it could not read as a default to check", () => {
    const values = [["KẾT QUẢ THI HÀNH ÁN DÂN SỰ TÍNH BẰNG VIỆC"], ["Gia Lai, ngày 05 tháng 10 năm 2026"]];
    expect(periodFromSheet(values, { row: 0, col: 0 })).toBeNull();
    expect(periodFromSheet([["Thang 9/2026 - Phong THADS khu vuc 2"]], { row: 2, col: 1 })).toEqual({ period: "2026-09", text: "Thang 9/2026 - Phong THADS khu vuc 2", cell: "B3" });
    expect(periodFromSheet([["Báo cáo đến ngày 31/12/2025"]], { row: 0, col: 0 })!.period).toBe("2025-12");
  });
});
