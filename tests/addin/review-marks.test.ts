import { afterEach, describe, expect, it } from "vitest";
import type { SubmissionRevision } from "../../shared/api/schemas";
import { createFormSheets } from "../../addin/src/excel/form-sheet";
import { ERROR_FILL } from "../../addin/src/excel/findings-plan";
import { INPUT_FILL } from "../../addin/src/excel/layout";
import { markReturnedCells } from "../../addin/src/core/review-marks";
import { installFakeOffice, type FakeApiLevel, type InstalledOffice } from "../../addin/testing";
import { form01, form02, header } from "./form-fixtures";

let installed: InstalledOffice | null = null;
afterEach(() => {
  if (installed) installed.uninstall();
  installed = null;
});

function returned(cells: { field: string; comment: string }[], period = header.period): Pick<SubmissionRevision, "unit" | "period" | "signoff"> {
  return {
    unit: header.unitCode,
    period,
    signoff: { confirmedAt: "2026-01-05T02:00:00Z", confirmedBy: "tt", decision: "returned", decidedAt: "2026-01-06T02:00:00Z", decidedBy: "tinh", comment: "Sửa số việc xong", cells },
  };
}

describe.each(["1.1", "1.18"] as FakeApiLevel[])("a returned revision's cell comments on the clerk's form sheet (ExcelApi %s)", (level) => {
  it("fills the cell the comment names, with its text in the note where the host has notes, and restores it on clear", async () => {
    installed = installFakeOffice(globalThis, { apiLevel: level });
    const wb = installed.workbook;
    const sheets = createFormSheets();
    const ref = await sheets.insertForm(form01, header);
    const address = ref.cells.thi_hanh_xong as string;
    expect(wb.cell(ref.sheetName, address).fill).toBe(INPUT_FILL);

    expect(await markReturnedCells(sheets, [{ form: form01, revision: returned([{ field: "thi_hanh_xong", comment: "Kiểm tra lại số việc xong" }]) }])).toBe(true);
    expect(wb.cell(ref.sheetName, address).fill).toBe(ERROR_FILL);
    expect(wb.cell(ref.sheetName, ref.cells.thu_ly_moi as string).fill).toBe(INPUT_FILL);
    const notes = wb.sheetInfo(ref.sheetName).notes;
    if (level === "1.18") expect(notes[address]).toMatch(/Trả lại: \(\d+\) .*: Kiểm tra lại số việc xong/);
    else expect(Object.keys(notes)).toEqual([]);

    await sheets.clearFindings(ref);
    expect(wb.cell(ref.sheetName, address).fill).toBe(INPUT_FILL);
  });

  it("marks nothing on a sheet of another period, nor for a revision without cell comments", async () => {
    installed = installFakeOffice(globalThis, { apiLevel: level });
    const wb = installed.workbook;
    const sheets = createFormSheets();
    const ref = await sheets.insertForm(form01, header);
    expect(await markReturnedCells(sheets, [{ form: form01, revision: returned([{ field: "thi_hanh_xong", comment: "x" }], "2025-11") }])).toBe(false);
    const before = wb.syncCount;
    expect(await markReturnedCells(sheets, [{ form: form01, revision: returned([]) }])).toBe(false);
    // Nothing returned with cell comments: the workbook is not even read.
    expect(wb.syncCount).toBe(before);
    expect(wb.cell(ref.sheetName, ref.cells.thi_hanh_xong as string).fill).toBe(INPUT_FILL);
  });

  it("reads the active sheet once for every returned form, and marks the one the clerk has open", async () => {
    installed = installFakeOffice(globalThis, { apiLevel: level });
    const wb = installed.workbook;
    const sheets = createFormSheets();
    const ref = await sheets.insertForm(form01, header);
    const one = [{ form: form01, revision: returned([{ field: "thi_hanh_xong", comment: "x" }]) }];
    const both = one.concat([{ form: form02, revision: returned([{ field: "thi_hanh_xong", comment: "y" }]) }]);
    let before = wb.syncCount;
    expect(await markReturnedCells(sheets, one)).toBe(true);
    const syncsForOne = wb.syncCount - before;
    await sheets.clearFindings(ref);
    before = wb.syncCount;
    expect(await markReturnedCells(sheets, both)).toBe(true);
    expect(wb.syncCount - before).toBe(syncsForOne);
    expect(wb.cell(ref.sheetName, ref.cells.thi_hanh_xong as string).fill).toBe(ERROR_FILL);
  });
});
