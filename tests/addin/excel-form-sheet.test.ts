import { afterEach, describe, expect, it } from "vitest";
import { BUILT_IN_FORMS } from "../../shared/forms";
import type { Finding } from "../../shared/findings";
import { describeFinding } from "../../shared/messages";
import { validateForm } from "../../shared/validate";
import { labelOf } from "../../shared/forms/registry";
import { createFormSheets } from "../../addin/src/excel/form-sheet";
import { detectCapabilities } from "../../addin/src/excel/capabilities";
import { ERROR_FILL, WARNING_FILL } from "../../addin/src/excel/findings-plan";
import { DERIVED_FILL, INPUT_FILL } from "../../addin/src/excel/layout";
import {
  MemoryWorkbook,
  installFakeOffice,
  type FakeApiLevel,
  type InstalledOffice,
} from "../../addin/testing";
import type { FormSheetRef, FormSheets } from "../../addin/src/excel/types";
import { form01, form02, header } from "./form-fixtures";

const LEVELS: FakeApiLevel[] = ["1.1", "1.7", "1.10", "1.18"];

// A consistent form 01: 1.000 carried over + 500 new, 20 entrusted, 2 withdrawn, 1.478 to enforce
// = 1.050 enforceable + 398 not enforceable + 30 postponed, suspended or other.
const GOOD_01 = {
  nam_truoc_chuyen_sang: 1000,
  thu_ly_moi: 500,
  uy_thac: 20,
  thu_hoi_huy: 2,
  thi_hanh_xong: 700,
  dinh_chi: 50,
  dang_thi_hanh: 300,
  chua_co_dieu_kien: 398,
  hoan_tam_dinh_chi: 30,
  so_theo_doi_rieng: 120,
};

let installed: InstalledOffice | null = null;

function open(apiLevel: FakeApiLevel, workbook?: MemoryWorkbook): { wb: MemoryWorkbook; sheets: FormSheets } {
  if (installed) installed.uninstall();
  installed = installFakeOffice(globalThis, workbook ? { apiLevel, workbook } : { apiLevel });
  return { wb: installed.workbook, sheets: createFormSheets() };
}

afterEach(() => {
  if (installed) installed.uninstall();
  installed = null;
});

const message = (f: Finding): string => describeFinding(f, labelOf(form01)).vi;

function finding(fields: string[], severity: Finding["severity"] = "error", ruleId = "01.R1"): Finding {
  return { code: "rule_violated", severity, ruleId, fields, params: {} };
}

async function syncsOf<T>(wb: MemoryWorkbook, action: () => Promise<T>): Promise<number> {
  const before = wb.syncCount;
  await action();
  return wb.syncCount - before;
}

describe("capabilities", () => {
  it.each(LEVELS)("are detected from the requirement sets on ExcelApi %s", (level) => {
    open(level);
    const c = detectCapabilities();
    expect(c.level).toBe(level);
    expect(c.liveValidation).toBe(level !== "1.1");
    expect(c.dataValidation).toBe(level === "1.10" || level === "1.18");
    expect(c.comments).toBe(level === "1.10" || level === "1.18");
    expect(c.notes).toBe(level === "1.18");
  });

  it("fall back to 1.1 when the host reports nothing", () => {
    expect(detectCapabilities(null).level).toBe("1.1");
    expect(detectCapabilities({ isSetSupported: () => { throw new Error("old host"); } }).level).toBe("1.1");
    expect(detectCapabilities({ isSetSupported: (_n, v) => v === "1.1" || v === "1.7" || v === "1.8" }).level).toBe("1.8");
  });
});

describe.each(LEVELS)("on ExcelApi %s", (level) => {
  it("inserts form 01 and reads back what the clerk typed, formulas included, in one sync", async () => {
    const { wb, sheets } = open(level);
    const ref = await sheets.insertForm(form01, header);
    expect(ref.sheetName).toBe("01 52-01 2025-12");
    expect(wb.activeSheetName()).toBe("01 52-01 2025-12");
    for (const key of Object.keys(GOOD_01)) wb.type(ref.sheetName, ref.cells[key] as string, GOOD_01[key as keyof typeof GOOD_01]);
    let result: Awaited<ReturnType<FormSheets["readForm"]>> | null = null;
    const syncs = await syncsOf(wb, async () => {
      result = await sheets.readForm(ref);
    });
    expect(syncs).toBe(1);
    expect(result!.values).toEqual({
      ...GOOD_01,
      tong_thu_ly: 1500,
      phai_thi_hanh: 1478,
      co_dieu_kien: 1050,
    });
    expect(validateForm(form01, result!.values).findings).toEqual([]);
  });

  it("inserts form 02 with values and reads them back; empty cells read as null", async () => {
    const { sheets } = open(level);
    const ref = await sheets.insertForm(form02, { ...header, period: "2026-03" }, {
      nam_truoc_chuyen_sang: 1277040781,
      thu_ly_moi: 5,
      giam: null,
    });
    expect(ref.sheetName).toBe("02 52-01 2026-03");
    const { values } = await sheets.readForm(ref);
    expect(values.nam_truoc_chuyen_sang).toBe(1277040781);
    expect(values.tong_thu_ly).toBe(1277040786);
    expect(values.giam).toBeNull();
    expect(values.uy_thac).toBeNull();
    expect(Object.keys(values).sort()).toEqual(form02.fields.map((f) => f.key).sort());
  });

  it("writes derived fields as formulas and formats every field #,##0", async () => {
    const { wb, sheets } = open(level);
    const ref = await sheets.insertForm(form01, header);
    expect(wb.cell(ref.sheetName, "B12").formula).toBe("=C12+D12");
    expect(wb.cell(ref.sheetName, "G12").formula).toBe("=B12-E12-F12");
    expect(wb.cell(ref.sheetName, "H12").formula).toBe("=SUM(I12,J12,K12)");
    // chưa có điều kiện is typed: it is no longer phải thi hành minus có điều kiện
    expect(wb.cell(ref.sheetName, "L12").formula).toBeNull();
    expect(wb.cell(ref.sheetName, "C12").formula).toBeNull();
    for (const a of ["B12", "C12", "H12", "L12"]) expect(wb.cell(ref.sheetName, a).numberFormat).toBe("#,##0");
  });

  it("shows input cells in light blue and formula cells in grey", async () => {
    const { wb, sheets } = open(level);
    const ref = await sheets.insertForm(form01, header);
    expect(wb.cell(ref.sheetName, "C12").fill).toBe(INPUT_FILL);
    expect(wb.cell(ref.sheetName, "K12").fill).toBe(INPUT_FILL);
    expect(wb.cell(ref.sheetName, "B12").fill).toBe(DERIVED_FILL);
    expect(wb.cell(ref.sheetName, "A4").value).toBe("BÁO CÁO KẾT QUẢ THI HÀNH ÁN DÂN SỰ TÍNH BẰNG VIỆC");
    expect(wb.cell(ref.sheetName, "A4").bold).toBe(true);
    expect(wb.cell(ref.sheetName, "A2").value).toBe("Mẫu số 01");
  });

  it("inserts the form in exactly two syncs", async () => {
    const { wb, sheets } = open(level);
    expect(await syncsOf(wb, () => sheets.insertForm(form01, header))).toBe(2);
  });

  it("gives a second copy of the same form its own sheet name", async () => {
    const { wb, sheets } = open(level);
    await sheets.insertForm(form01, header);
    const second = await sheets.insertForm(form01, header);
    expect(second.sheetName).toBe("01 52-01 2025-12 (2)");
    expect(wb.sheetNames()).toEqual(["Sheet1", "01 52-01 2025-12", "01 52-01 2025-12 (2)"]);
  });

  it("colours errors red and warnings amber in at most 3 syncs, for 1 finding as for 200", async () => {
    const { wb, sheets } = open(level);
    const ref = await sheets.insertForm(form01, header);
    const one = await syncsOf(wb, () => sheets.showFindings(ref, [finding(["tong_thu_ly"])], message));
    const many: Finding[] = [];
    const keys = Object.keys(ref.cells);
    for (let i = 0; i < 200; i++) {
      many.push(finding([keys[i % keys.length] as string, keys[(i * 7) % keys.length] as string], i % 3 === 0 ? "error" : "warning"));
    }
    const twoHundred = await syncsOf(wb, () => sheets.showFindings(ref, many, message));
    expect(one).toBeLessThanOrEqual(3);
    expect(twoHundred).toBe(one);
    const clear = await syncsOf(wb, () => sheets.clearFindings(ref));
    expect(clear).toBeLessThanOrEqual(2);
  });

  it("colours each offending cell once: an error wins over a warning", async () => {
    const { wb, sheets } = open(level);
    const ref = await sheets.insertForm(form01, header);
    wb.clearLog();
    await sheets.showFindings(
      ref,
      [finding(["uy_thac", "tong_thu_ly"], "warning"), finding(["tong_thu_ly"], "error"), finding(["uy_thac"], "warning")],
      message,
    );
    expect(wb.cell(ref.sheetName, "B12").fill).toBe(ERROR_FILL);
    expect(wb.cell(ref.sheetName, "E12").fill).toBe(WARNING_FILL);
    expect(wb.cell(ref.sheetName, "C12").fill).toBe(INPUT_FILL);
    const fillWrites = wb.writes("format/fill/color").map((w) => w.address);
    expect(fillWrites.sort()).toEqual(["B12", "E12"]);
  });

  it("skips findings without fields or about fields the sheet does not hold", async () => {
    const { wb, sheets } = open(level);
    const ref = await sheets.insertForm(form01, header);
    wb.clearLog();
    await sheets.showFindings(ref, [finding([]), finding(["not_on_sheet"]), { ...finding(["x"]), fields: undefined as unknown as string[] }], message);
    expect(wb.writes("format/fill/color")).toEqual([]);
  });

  it("restores the clerk's own fills exactly, including no fill and a fill they chose", async () => {
    const { wb, sheets } = open(level);
    const ref = await sheets.insertForm(form01, header);
    wb.setFill(ref.sheetName, "D12", "#FFFF00");
    wb.setFill(ref.sheetName, "E12", null);
    await sheets.showFindings(ref, [finding(["thu_ly_moi", "uy_thac", "tong_thu_ly"])], message);
    expect(wb.cell(ref.sheetName, "D12").fill).toBe(ERROR_FILL);
    // A second check that marks fewer cells must not lose the originals.
    await sheets.showFindings(ref, [finding(["thu_ly_moi"], "warning")], message);
    expect(wb.cell(ref.sheetName, "D12").fill).toBe(WARNING_FILL);
    expect(wb.cell(ref.sheetName, "E12").fill).toBeNull();
    expect(wb.cell(ref.sheetName, "B12").fill).toBe(DERIVED_FILL);
    await sheets.showFindings(ref, [finding(["thu_ly_moi", "uy_thac"])], message);
    await sheets.clearFindings(ref);
    expect(wb.cell(ref.sheetName, "D12").fill).toBe("#FFFF00");
    expect(wb.cell(ref.sheetName, "E12").fill).toBeNull();
    expect(wb.cell(ref.sheetName, "B12").fill).toBe(DERIVED_FILL);
    expect(wb.cell(ref.sheetName, "C1").value).toBe("");
  });

  it("clears findings after the task pane reloads, from what the sheet remembers", async () => {
    const { wb, sheets } = open(level);
    const ref = await sheets.insertForm(form01, header);
    wb.setFill(ref.sheetName, "C12", "#00B050");
    await sheets.showFindings(ref, [finding(["nam_truoc_chuyen_sang", "tong_thu_ly"])], message);
    const reloaded = createFormSheets();
    await reloaded.clearFindings(ref);
    expect(wb.cell(ref.sheetName, "C12").fill).toBe("#00B050");
    expect(wb.cell(ref.sheetName, "B12").fill).toBe(DERIVED_FILL);
  });

  it("does nothing more than one read when there is nothing to clear", async () => {
    const { wb, sheets } = open(level);
    const ref = await sheets.insertForm(form01, header);
    wb.clearLog();
    expect(await syncsOf(wb, () => sheets.clearFindings(ref))).toBe(1);
    expect(wb.writes()).toEqual([]);
  });

  it("finds the form again on a reopened workbook, with a new task pane", async () => {
    const first = open(level);
    const ref = await first.sheets.insertForm(form01, header);
    await first.sheets.showFindings(ref, [finding(["uy_thac"])], message);
    const reopened = first.wb.reopen();
    const { wb, sheets } = open(level, reopened);
    expect(wb.activeSheetName()).toBe(ref.sheetName);
    const found = await sheets.findActiveForm(BUILT_IN_FORMS);
    expect(found).toEqual(ref);
    await sheets.clearFindings(found as FormSheetRef);
    expect(wb.cell(ref.sheetName, "E12").fill).toBe(INPUT_FILL);
  });

  it("finds no form on a sheet it did not insert, or for a form it does not know", async () => {
    const { wb, sheets } = open(level);
    expect(await sheets.findActiveForm(BUILT_IN_FORMS)).toBeNull();
    await sheets.insertForm(form01, header);
    expect(await sheets.findActiveForm(BUILT_IN_FORMS.filter((f) => f.id !== "01"))).toBeNull();
    wb.activate("Sheet1");
    expect(await syncsOf(wb, () => sheets.findActiveForm(BUILT_IN_FORMS))).toBe(1);
  });

  it("follows a sheet the clerk renamed", async () => {
    const { wb, sheets } = open(level);
    await sheets.insertForm(form01, header);
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("01 52-01 2025-12").name = "Báo cáo tháng 12";
      await ctx.sync();
    });
    const found = await sheets.findActiveForm(BUILT_IN_FORMS);
    expect(found?.sheetName).toBe("Báo cáo tháng 12");
    expect(wb.sheetNames()).toContain("Báo cáo tháng 12");
  });

  it("selects a field's cell, and ignores a field the sheet does not hold", async () => {
    const { wb, sheets } = open(level);
    const ref = await sheets.insertForm(form01, header);
    wb.activate("Sheet1");
    expect(await syncsOf(wb, () => sheets.selectField(ref, "uy_thac"))).toBe(1);
    expect(wb.selectedAddress()).toEqual({ sheet: ref.sheetName, address: "E12" });
    expect(wb.activeSheetName()).toBe(ref.sheetName);
    expect(await syncsOf(wb, () => sheets.selectField(ref, "prev_only"))).toBe(0);
  });

  it("annotates offending cells only where this Excel can: notes on 1.18, comments on 1.10, none below", async () => {
    const { wb, sheets } = open(level);
    const ref = await sheets.insertForm(form01, header);
    await sheets.showFindings(ref, [finding(["uy_thac"])], message);
    const info = wb.sheetInfo(ref.sheetName);
    expect(Object.keys(info.notes)).toEqual(level === "1.18" ? ["E12"] : []);
    expect(info.comments.map((c) => c.address)).toEqual(level === "1.10" ? ["E12"] : []);
    expect(wb.cell(ref.sheetName, "E12").fill).toBe(ERROR_FILL);
  });

  it("puts the first input cell under the cursor after inserting", async () => {
    const { wb, sheets } = open(level);
    const ref = await sheets.insertForm(form01, header);
    expect(wb.selectedAddress()).toEqual({ sheet: ref.sheetName, address: "C12" });
  });
});

describe("on ExcelApi 1.1 (Excel 2016)", () => {
  it("never calls an API above 1.1 (the workbook throws if it does) and centres without merging", async () => {
    const { wb, sheets } = open("1.1");
    const ref = await sheets.insertForm(form01, header);
    await sheets.showFindings(ref, [finding(["tong_thu_ly", "uy_thac"]), finding(["dinh_chi"], "warning")], message);
    await sheets.readForm(ref);
    await sheets.selectField(ref, "uy_thac");
    await sheets.clearFindings(ref);
    await sheets.findActiveForm(BUILT_IN_FORMS);
    const unsubscribe = await sheets.onFormChanged(ref, () => undefined);
    await unsubscribe();
    const info = wb.sheetInfo(ref.sheetName);
    expect(info.merges).toEqual([]);
    expect(info.protected).toBe(false);
    expect(info.hiddenRows).toEqual([]);
    expect(info.columnWidths).toEqual({});
    expect(info.pageLayout).toEqual({});
    expect(wb.cell(ref.sheetName, "A4").horizontalAlignment).toBe("CenterAcrossSelection");
    // The metadata row is still there, in white.
    expect(wb.cell(ref.sheetName, "A1").fontColor).toBe("#FFFFFF");
  });

  it("returns a no-op unsubscribe from onFormChanged without touching Excel", async () => {
    const { wb, sheets } = open("1.1");
    const ref = await sheets.insertForm(form01, header);
    const syncs = await syncsOf(wb, async () => {
      const off = await sheets.onFormChanged(ref, () => undefined);
      await off();
    });
    expect(syncs).toBe(0);
  });

  it("leaves notes and comments alone, and keeps the message in the task pane only", async () => {
    const { wb, sheets } = open("1.1");
    const ref = await sheets.insertForm(form01, header);
    await sheets.showFindings(ref, [finding(["uy_thac"])], message);
    expect(wb.calls("NoteCollection.add")).toEqual([]);
    expect(wb.calls("CommentCollection.add")).toEqual([]);
  });

  it("treats a white fill it reads as no fill (1.1 cannot tell them apart)", async () => {
    const { wb, sheets } = open("1.1");
    const ref = await sheets.insertForm(form01, header);
    wb.setFill(ref.sheetName, "E12", null);
    await sheets.showFindings(ref, [finding(["uy_thac"])], message);
    await sheets.clearFindings(ref);
    expect(wb.cell(ref.sheetName, "E12").fill).toBeNull();
    expect(wb.writes("format/fill/clear").map((w) => w.address)).toEqual(["E12"]);
  });
});

describe("on ExcelApi 1.7 and later", () => {
  it("merges the header, sizes columns, hides and locks the metadata, and protects all but the inputs", async () => {
    const { wb, sheets } = open("1.7");
    const ref = await sheets.insertForm(form01, header);
    const info = wb.sheetInfo(ref.sheetName);
    expect(info.merges).toEqual(expect.arrayContaining(["A4:N4", "B8:D8", "G8:M8", "H9:K9", "A8:A10"]));
    expect(info.hiddenRows).toEqual([1]);
    expect(info.protected).toBe(true);
    expect(info.columnWidths[1]).toBeGreaterThan(info.columnWidths[2] as number);
    expect(wb.cell(ref.sheetName, "C12").locked).toBe(false);
    expect(wb.cell(ref.sheetName, "B12").locked).toBe(true);
    expect(wb.cell(ref.sheetName, "A1").formulaHidden).toBe(true);
    // The clerk can type into inputs, not over a formula.
    wb.type(ref.sheetName, "C12", 5);
    expect(() => wb.type(ref.sheetName, "B12", 5)).toThrow(/protected/);
    // Page layout is 1.9: not on 1.7.
    expect(info.pageLayout).toEqual({});
  });

  it("colours formula cells and writes its state through the protection, then protects again", async () => {
    const { wb, sheets } = open("1.7");
    const ref = await sheets.insertForm(form01, header);
    await sheets.showFindings(ref, [finding(["phai_thi_hanh"])], message);
    expect(wb.cell(ref.sheetName, "G12").fill).toBe(ERROR_FILL);
    expect(wb.sheetInfo(ref.sheetName).protected).toBe(true);
    expect(wb.sheetInfo(ref.sheetName).protectionOptions).toMatchObject({ allowFormatCells: true });
    await sheets.clearFindings(ref);
    expect(wb.cell(ref.sheetName, "G12").fill).toBe(DERIVED_FILL);
    expect(wb.sheetInfo(ref.sheetName).protected).toBe(true);
  });

  it("leaves a sheet the clerk unprotected unprotected", async () => {
    const { wb, sheets } = open("1.7");
    const ref = await sheets.insertForm(form01, header);
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem(ref.sheetName).protection.unprotect();
      await ctx.sync();
    });
    await sheets.showFindings(ref, [finding(["uy_thac"])], message);
    await sheets.clearFindings(ref);
    expect(wb.sheetInfo(ref.sheetName).protected).toBe(false);
  });

  it("calls back when the clerk edits a field, not when the add-in writes its own state", async () => {
    const { wb, sheets } = open("1.7");
    const ref = await sheets.insertForm(form01, header);
    let calls = 0;
    const off = await sheets.onFormChanged(ref, () => {
      calls++;
    });
    wb.type(ref.sheetName, "D12", 12);
    await wb.settled();
    expect(calls).toBe(1);
    await sheets.showFindings(ref, [finding(["uy_thac"])], message);
    await wb.settled();
    expect(calls).toBe(1);
    await off();
    wb.type(ref.sheetName, "E12", 1);
    await wb.settled();
    expect(calls).toBe(1);
    expect(wb.sheetInfo(ref.sheetName).changedHandlers).toBe(0);
    await off();
  });
});

describe("on ExcelApi 1.10 (comments, page layout, data validation)", () => {
  it("lays the form out on A4 landscape, prints without the metadata row, validates input cells", async () => {
    const { wb, sheets } = open("1.10");
    const ref = await sheets.insertForm(form01, header);
    const info = wb.sheetInfo(ref.sheetName);
    expect(info.pageLayout).toMatchObject({ orientation: "Landscape", paperSize: "A4", printArea: "A2:N16" });
    expect(info.showGridlines).toBe(false);
    expect(info.validations.map((v) => v.address)).toEqual(["C12:F12", "I12:N12"]);
    expect(JSON.stringify(info.validations[0]?.rule)).toContain("INT(C12)");
  });

  it("adds a comment with the message to each offending cell and removes only its own", async () => {
    const { wb, sheets } = open("1.10");
    const ref = await sheets.insertForm(form01, header);
    wb.addComment(ref.sheetName, "I12", "Đã đối chiếu sổ thụ lý");
    const byRule = (f: Finding): string => "Quy tắc " + f.ruleId;
    await sheets.showFindings(ref, [finding(["tong_thu_ly", "thi_hanh_xong"]), finding(["uy_thac", "tong_thu_ly"], "warning", "01.R2")], byRule);
    const comments = wb.sheetInfo(ref.sheetName).comments;
    expect(comments.find((c) => c.address === "B12")?.content).toBe("[THADS] Quy tắc 01.R1\nQuy tắc 01.R2");
    expect(comments.find((c) => c.address === "E12")?.content).toBe("[THADS] Quy tắc 01.R2");
    // The clerk's own comment stays and gets no second thread.
    expect(comments.filter((c) => c.address === "I12").map((c) => c.content)).toEqual(["Đã đối chiếu sổ thụ lý"]);
    expect(wb.cell(ref.sheetName, "I12").fill).toBe(ERROR_FILL);
    await sheets.clearFindings(ref);
    expect(wb.sheetInfo(ref.sheetName).comments.map((c) => c.address)).toEqual(["I12"]);
  });

  it("uses 3 syncs for 1 or 200 findings when the sheet holds other comments", async () => {
    const { wb, sheets } = open("1.10");
    const ref = await sheets.insertForm(form01, header);
    wb.addComment(ref.sheetName, "A20", "ghi chú riêng");
    const keys = Object.keys(ref.cells);
    const many: Finding[] = [];
    for (let i = 0; i < 200; i++) many.push(finding([keys[i % keys.length] as string]));
    expect(await syncsOf(wb, () => sheets.showFindings(ref, [finding(["uy_thac"])], message))).toBe(3);
    expect(await syncsOf(wb, () => sheets.showFindings(ref, many, message))).toBe(3);
  });
});

describe("on ExcelApi 1.18 (notes)", () => {
  it("adds a note with the message text instead of a comment, and keeps the clerk's notes", async () => {
    const { wb, sheets } = open("1.18");
    const ref = await sheets.insertForm(form01, header);
    wb.addNote(ref.sheetName, "J12", "Số liệu theo công văn 12");
    await sheets.showFindings(ref, [finding(["uy_thac", "dinh_chi"])], message);
    const notes = wb.sheetInfo(ref.sheetName).notes;
    expect(notes.E12).toMatch(/^\[THADS\] /);
    expect(notes.J12).toBe("Số liệu theo công văn 12");
    expect(wb.calls("CommentCollection.add")).toEqual([]);
    // A new check replaces the notes of the previous one.
    await sheets.showFindings(ref, [finding(["thu_ly_moi"], "warning")], message);
    expect(Object.keys(wb.sheetInfo(ref.sheetName).notes).sort()).toEqual(["D12", "J12"]);
    await sheets.clearFindings(ref);
    expect(wb.sheetInfo(ref.sheetName).notes).toEqual({ J12: "Số liệu theo công văn 12" });
  });

  it("removes its notes after a reload too", async () => {
    const first = open("1.18");
    const ref = await first.sheets.insertForm(form01, header);
    await first.sheets.showFindings(ref, [finding(["uy_thac"])], message);
    const { wb, sheets } = open("1.18", first.wb.reopen());
    const found = (await sheets.findActiveForm(BUILT_IN_FORMS)) as FormSheetRef;
    await sheets.clearFindings(found);
    expect(wb.sheetInfo(ref.sheetName).notes).toEqual({});
    expect(wb.cell(ref.sheetName, "E12").fill).toBe(INPUT_FILL);
  });

  it("tells a white fill from no fill, and restores each", async () => {
    const { wb, sheets } = open("1.18");
    const ref = await sheets.insertForm(form01, header);
    wb.setFill(ref.sheetName, "D12", "#FFFFFF");
    wb.setFill(ref.sheetName, "E12", null);
    await sheets.showFindings(ref, [finding(["thu_ly_moi", "uy_thac"])], message);
    await sheets.clearFindings(ref);
    expect(wb.cell(ref.sheetName, "D12").fill).toBe("#FFFFFF");
    expect(wb.cell(ref.sheetName, "E12").fill).toBeNull();
  });
});

describe("a form opened on an older Excel than the one that inserted it", () => {
  it("still reads and clears on ExcelApi 1.1 (the note stays: 1.1 cannot remove it)", async () => {
    const first = open("1.18");
    const ref = await first.sheets.insertForm(form01, header);
    await first.sheets.showFindings(ref, [finding(["uy_thac"])], message);
    const { wb, sheets } = open("1.1", first.wb.reopen({ apiLevel: "1.1" }));
    const found = (await sheets.findActiveForm(BUILT_IN_FORMS)) as FormSheetRef;
    expect(found).toEqual(ref);
    await sheets.clearFindings(found);
    expect(wb.cell(ref.sheetName, "E12").fill).toBe(INPUT_FILL);
    expect((await sheets.readForm(found)).values.uy_thac).toBeNull();
  });
});

describe("the clerk's round trip", () => {
  it("types, gets the totals, sees the wrong cell in red, fixes it, and the colour goes", async () => {
    const { wb, sheets } = open("1.18");
    const ref = await sheets.insertForm(form01, header, GOOD_01);
    // More "có điều kiện" than phải thi hành leaves room for it: the three parts no longer add up.
    wb.type(ref.sheetName, ref.cells.dang_thi_hanh as string, 1000);
    const { values } = await sheets.readForm(ref);
    expect(values.co_dieu_kien).toBe(1750);
    expect([values.co_dieu_kien, values.chua_co_dieu_kien, values.hoan_tam_dinh_chi]).toEqual([1750, 398, 30]);
    expect(values.phai_thi_hanh).toBe(1478);
    const findings = validateForm(form01, values).findings;
    expect(findings.length).toBeGreaterThan(0);
    await sheets.showFindings(ref, findings, message);
    expect(wb.cell(ref.sheetName, ref.cells.co_dieu_kien as string).fill).toBe(ERROR_FILL);
    expect(wb.cell(ref.sheetName, ref.cells.co_dieu_kien as string).note).toMatch(/Có điều kiện thi hành/);
    wb.type(ref.sheetName, ref.cells.dang_thi_hanh as string, 300);
    const again = await sheets.readForm(ref);
    expect(validateForm(form01, again.values).findings).toEqual([]);
    await sheets.showFindings(ref, [], message);
    expect(wb.cell(ref.sheetName, ref.cells.co_dieu_kien as string).fill).toBe(DERIVED_FILL);
    expect(wb.cell(ref.sheetName, ref.cells.co_dieu_kien as string).note).toBeNull();
  });

  it("reads text typed into a number cell as text, for checkValues to report", async () => {
    const { wb, sheets } = open("1.1");
    const ref = await sheets.insertForm(form01, header, GOOD_01);
    wb.type(ref.sheetName, ref.cells.uy_thac as string, "hai mươi");
    const { values } = await sheets.readForm(ref);
    expect(values.uy_thac).toBe("hai mươi");
    expect(values.phai_thi_hanh).toBe("#VALUE!");
    const codes = validateForm(form01, values).findings.map((f) => f.code + ":" + f.fields.join(","));
    expect(codes).toContain("not_a_number:uy_thac");
  });
});
