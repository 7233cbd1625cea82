import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { SubmissionRevision, UnitDto } from "../../shared/api/schemas";
import { BUILT_IN_FORMS, formInForce } from "../../shared/forms";
import type { FormDefinition } from "../../shared/forms/types";
import { rangeAddress } from "../../shared/a1";
import { createFormSheets } from "../../addin/src/excel/form-sheet";
import { ERROR_FILL } from "../../addin/src/excel/findings-plan";
import { INPUT_FILL } from "../../addin/src/excel/layout";
import type { FormSheets } from "../../addin/src/excel/types";
import { markReturnedCells, placementText, type ReturnedMarksDeps, type ReturnedPlacement } from "../../addin/src/core/review-marks";
import type { SheetPicks } from "../../addin/src/core/recognized-sheet";
import { installFakeOffice, type FakeApiLevel, type InstalledOffice } from "../../addin/testing";
import { readWorkbookValues, type SheetValues } from "../fixtures/workbooks/read";
import { form01, form02, header } from "./form-fixtures";

let installed: InstalledOffice | null = null;
afterEach(() => {
  if (installed) installed.uninstall();
  installed = null;
});

const UNITS: UnitDto[] = [
  {
    code: "52-01", name: "Phòng THADS khu vực 1 - Gia Lai", kind: "regional_office", level: "office", parentCode: "52",
    path: "/VN/52/52-01/", reporting: true, validFrom: "2019-10-01", validTo: null, successorCode: null,
  },
];

function deps(sheets: FormSheets, picks: Record<string, SheetPicks> = {}, units: UnitDto[] = UNITS): ReturnedMarksDeps {
  return { sheets, forms: BUILT_IN_FORMS, units, picksOf: (name) => picks[name] || {} };
}

function returned(cells: { field: string; comment: string }[], period = header.period, unit = header.unitCode): Pick<SubmissionRevision, "unit" | "period" | "signoff"> {
  return {
    unit,
    period,
    signoff: { confirmedAt: "2026-01-05T02:00:00Z", confirmedBy: "tt", decision: "returned", decidedAt: "2026-01-06T02:00:00Z", decidedBy: "tinh", comment: "Sửa số việc xong", cells },
  };
}

function marked(p: ReturnedPlacement | undefined): Extract<ReturnedPlacement, { kind: "marked" }> {
  if (!p || p.kind !== "marked") throw new Error("not marked: " + JSON.stringify(p && p.kind));
  return p;
}

/** A sheet the clerk switches to (their notes, another report). */
async function addSheet(name: string, activate = true): Promise<void> {
  await Excel.run(async (ctx) => {
    const s = ctx.workbook.worksheets.add(name);
    if (activate) s.activate();
    await ctx.sync();
  });
}

describe.each(["1.1", "1.18"] as FakeApiLevel[])("a returned revision's cell comments on the clerk's form sheet (ExcelApi %s)", (level) => {
  it("fills the cell the comment names, with its text in the note where the host has notes, and restores it on clear", async () => {
    installed = installFakeOffice(globalThis, { apiLevel: level });
    const wb = installed.workbook;
    const sheets = createFormSheets();
    const ref = await sheets.insertForm(form01, header);
    const address = ref.cells.thi_hanh_xong as string;
    expect(wb.cell(ref.sheetName, address).fill).toBe(INPUT_FILL);

    const [p] = await markReturnedCells(deps(sheets), [{ form: form01, revision: returned([{ field: "thi_hanh_xong", comment: "Kiểm tra lại số việc xong" }]) }]);
    expect(marked(p)).toMatchObject({ active: true, marked: 1, total: 1, others: [], field: "thi_hanh_xong" });
    expect(placementText(p!)).toBe("Các ô có nhận xét của biểu " + form01.code + " đã được tô màu trên trang “" + ref.sheetName + "” (trang đang mở).");
    expect(wb.cell(ref.sheetName, address).fill).toBe(ERROR_FILL);
    expect(wb.cell(ref.sheetName, ref.cells.thu_ly_moi as string).fill).toBe(INPUT_FILL);
    const notes = wb.sheetInfo(ref.sheetName).notes;
    if (level === "1.18") expect(notes[address]).toMatch(/Trả lại: \(\d+\) .*: Kiểm tra lại số việc xong/);
    else expect(Object.keys(notes)).toEqual([]);

    await sheets.clearFindings(ref);
    expect(wb.cell(ref.sheetName, address).fill).toBe(INPUT_FILL);
  });

  it("marks nothing on a sheet of another period, and says the form's sheet is not in the workbook; nothing read for a revision without cell comments", async () => {
    installed = installFakeOffice(globalThis, { apiLevel: level });
    const wb = installed.workbook;
    const sheets = createFormSheets();
    const ref = await sheets.insertForm(form01, header);
    const [p] = await markReturnedCells(deps(sheets), [{ form: form01, revision: returned([{ field: "thi_hanh_xong", comment: "x" }], "2025-11") }]);
    expect(p).toMatchObject({ kind: "absent" });
    expect(placementText(p!)).toContain("không có trong sổ làm việc đang mở: các nhận xét vẫn được liệt kê ở trên");
    const before = wb.syncCount;
    expect(await markReturnedCells(deps(sheets), [{ form: form01, revision: returned([]) }])).toEqual([]);
    // Nothing returned with cell comments: the workbook is not even read.
    expect(wb.syncCount).toBe(before);
    expect(wb.cell(ref.sheetName, ref.cells.thi_hanh_xong as string).fill).toBe(INPUT_FILL);
  });

  it("finds the form's sheet when another sheet is open, in two syncs however many sheets there are, and goes to the commented cell", async () => {
    installed = installFakeOffice(globalThis, { apiLevel: level });
    const wb = installed.workbook;
    const sheets = createFormSheets();
    const ref = await sheets.insertForm(form01, header);
    await addSheet("Ghi chú");
    const one = [{ form: form01, revision: returned([{ field: "thu_ly_moi", comment: "Sổ thụ lý ghi 43 việc" }]) }];

    let before = wb.syncCount;
    const [p] = await markReturnedCells(deps(sheets), one);
    const syncsWithTwoSheets = wb.syncCount - before;
    // Two to find the sheet among all of them, two for showFindings (read the fills, then write).
    expect(syncsWithTwoSheets).toBe(4);
    expect(marked(p)).toMatchObject({ active: false, ref: { sheetName: ref.sheetName }, field: "thu_ly_moi" });
    expect(placementText(p!)).toBe("Các ô có nhận xét của biểu " + form01.code + " đã được tô màu trên trang “" + ref.sheetName + "”.");
    expect(wb.cell(ref.sheetName, ref.cells.thu_ly_moi as string).fill).toBe(ERROR_FILL);
    // Marking does not move the clerk: "Đến trang" does.
    expect(wb.activeSheetName()).toBe("Ghi chú");
    await sheets.selectField(marked(p).ref, marked(p).field);
    expect(wb.activeSheetName()).toBe(ref.sheetName);
    expect(wb.selectedAddress()).toEqual({ sheet: ref.sheetName, address: ref.cells.thu_ly_moi });

    // Ten more sheets cost no more round trips (each sync is one on Excel 2016); nor does a second returned form.
    await sheets.clearFindings(ref);
    for (let i = 1; i <= 10; i++) await addSheet("Tháng " + i);
    before = wb.syncCount;
    await markReturnedCells(deps(sheets), one.concat([{ form: form02, revision: returned([{ field: "thi_hanh_xong", comment: "y" }]) }]));
    expect(wb.syncCount - before).toBe(syncsWithTwoSheets);
    expect(wb.cell(ref.sheetName, ref.cells.thu_ly_moi as string).fill).toBe(ERROR_FILL);
  });

  it("of several sheets of the same form, unit and period marks the open one, else the first in tab order, and says so", async () => {
    installed = installFakeOffice(globalThis, { apiLevel: level });
    const wb = installed.workbook;
    const sheets = createFormSheets();
    const first = await sheets.insertForm(form01, header);
    const second = await sheets.insertForm(form01, header);
    // Another unit's sheet of the same form and period is not a candidate.
    await sheets.insertForm(form01, { ...header, unitCode: "52-02" });
    await addSheet("Ghi chú");
    const revision = [{ form: form01, revision: returned([{ field: "thi_hanh_xong", comment: "x" }]) }];

    const [p] = await markReturnedCells(deps(sheets), revision);
    expect(marked(p)).toMatchObject({ active: false, ref: { sheetName: first.sheetName }, others: [second.sheetName] });
    expect(placementText(p!)).toContain("Sổ làm việc có 2 trang cùng biểu, đơn vị và kỳ (“" + second.sheetName + "” không được tô): đã chọn trang đứng trước theo thứ tự các trang.");
    expect(wb.cell(first.sheetName, first.cells.thi_hanh_xong as string).fill).toBe(ERROR_FILL);
    expect(wb.cell(second.sheetName, second.cells.thi_hanh_xong as string).fill).toBe(INPUT_FILL);

    await sheets.clearFindings(first);
    wb.activate(second.sheetName);
    const [q] = await markReturnedCells(deps(sheets), revision);
    expect(marked(q)).toMatchObject({ active: true, ref: { sheetName: second.sheetName }, others: [first.sheetName] });
    expect(placementText(q!)).toContain("đã chọn trang đang mở.");
    expect(wb.cell(second.sheetName, second.cells.thi_hanh_xong as string).fill).toBe(ERROR_FILL);
    expect(wb.cell(first.sheetName, first.cells.thi_hanh_xong as string).fill).toBe(INPUT_FILL);
  });
});

// ——— a clerk's own layout, recognised ———

const DIR = join(__dirname, "../fixtures/workbooks");
let clean: SheetValues;
beforeAll(async () => {
  clean = await readWorkbookValues(join(DIR, "01-clean.xlsx"));
});

/** The clerk's own sheet (tests/fixtures/workbooks/01-clean: form 01 of 12 tháng năm 2026, rows for khu vực 1 and 2). */
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

const OWN_PERIOD = "2026-09";
const own01 = formInForce(BUILT_IN_FORMS, "01", "2026-09-30") as FormDefinition;

describe.each(["1.1", "1.18"] as FakeApiLevel[])("a returned revision's cell comments on the clerk's own sheet (ExcelApi %s)", (level) => {
  it("marks the unit's row in the commented field's column, leaves the letterhead alone, and clears back to the clerk's fill", async () => {
    installed = installFakeOffice(globalThis, { apiLevel: level });
    const wb = installed.workbook;
    const sheets = createFormSheets();
    await putSheet("Mau 01", clean);
    wb.setFill("Mau 01", "F8", "#FFFF00"); // the clerk's own yellow on "Ủy thác" of khu vực 1
    const a1 = wb.values("Mau 01", "A1:C1");

    const [p] = await markReturnedCells(deps(sheets), [{ form: own01, revision: returned([{ field: "uy_thac", comment: "Ủy thác sai" }, { field: "tong_thu_ly", comment: "Tổng chưa khớp" }], OWN_PERIOD) }]);
    const m = marked(p);
    expect(m).toMatchObject({ active: true, marked: 2, total: 2, periodFrom: "sheet", ref: { sheetName: "Mau 01", recognized: true } });
    expect(placementText(m)).toBe("Các ô có nhận xét của biểu " + own01.code + " đã được tô màu trên trang “Mau 01” (trang đang mở). Trang do bạn lập, nhận ra là biểu " + own01.code + " (kỳ ghi trên trang).");
    // Row 8 is "Phòng THADS khu vực 1"; C is Tổng thụ lý, F Ủy thác (excel-recognized-sheet.test.ts).
    expect(wb.cell("Mau 01", "F8").fill).toBe(ERROR_FILL);
    expect(wb.cell("Mau 01", "C8").fill).toBe(ERROR_FILL);
    expect(wb.cell("Mau 01", "F9").fill).toBeNull();
    if (level === "1.18") expect(wb.cell("Mau 01", "F8").note).toContain("Ủy thác sai");
    expect(wb.values("Mau 01", "A1:C1")).toEqual(a1);

    await sheets.clearFindings(m.ref);
    expect(wb.cell("Mau 01", "F8").fill).toBe("#FFFF00");
    expect(wb.cell("Mau 01", "C8").fill).toBeNull();
  });

  it("marks another unit's row when the revision is that unit's, and nothing when the sheet is of another period unless the clerk chose that period", async () => {
    installed = installFakeOffice(globalThis, { apiLevel: level });
    const wb = installed.workbook;
    const sheets = createFormSheets();
    await putSheet("Mau 01", clean);
    const both = UNITS.concat([{ ...(UNITS[0] as UnitDto), code: "52-02", name: "Phòng THADS khu vực 2 - Gia Lai", path: "/VN/52/52-02/" }]);
    const comment = [{ field: "uy_thac", comment: "x" }];

    const [kv2] = await markReturnedCells(deps(sheets, {}, both), [{ form: own01, revision: returned(comment, OWN_PERIOD, "52-02") }]);
    expect(marked(kv2).ref.cells.uy_thac).toBe("F9");
    expect(wb.cell("Mau 01", "F9").fill).toBe(ERROR_FILL);
    expect(wb.cell("Mau 01", "F8").fill).toBeNull();
    await sheets.clearFindings(marked(kv2).ref);

    const [other] = await markReturnedCells(deps(sheets), [{ form: own01, revision: returned(comment, "2026-08") }]);
    expect(other).toMatchObject({ kind: "absent" });
    expect(wb.cell("Mau 01", "F8").fill).toBeNull();

    // The clerk said in the check tab that this sheet is August's.
    const [chosen] = await markReturnedCells(deps(sheets, { "Mau 01": { period: "2026-08" } }), [{ form: own01, revision: returned(comment, "2026-08") }]);
    expect(marked(chosen).periodFrom).toBe("clerk");
    expect(placementText(chosen!)).toContain("(kỳ bạn đã chọn ở mục Kiểm tra)");
    expect(wb.cell("Mau 01", "F8").fill).toBe(ERROR_FILL);
  });

  it("takes the period the clerk is looking at in the review tab when the sheet names none, and says so", async () => {
    installed = installFakeOffice(globalThis, { apiLevel: level });
    const wb = installed.workbook;
    const sheets = createFormSheets();
    await putSheet("Mau 01", clean);
    wb.type("Mau 01", "A4", "Báo cáo của đơn vị"); // the title's "12 tháng năm 2026 (… đến ngày 30/9/2026)" gone
    const [p] = await markReturnedCells(deps(sheets), [{ form: own01, revision: returned([{ field: "uy_thac", comment: "x" }], OWN_PERIOD) }]);
    expect(marked(p).periodFrom).toBe("default");
    expect(placementText(p!)).toContain("(trang không ghi kỳ: theo kỳ bạn đang xem ở mục này)");
    expect(wb.cell("Mau 01", "F8").fill).toBe(ERROR_FILL);
  });
});
