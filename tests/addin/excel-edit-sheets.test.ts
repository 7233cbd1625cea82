import { afterEach, describe, expect, it } from "vitest";
import { detectCapabilities } from "../../addin/src/excel/capabilities";
import { createEditSheets, type EditSheets } from "../../addin/src/excel/edit-sheets";
import { previewTargets, previewUnits } from "../../addin/src/core/sheet-push";
import { installFakeOffice, type FakeApiLevel, type InstalledOffice, type MemoryWorkbook } from "../../addin/testing";
import { fillFromLastYear } from "../../shared/reports/targets/fill";
import { layoutTargets } from "../../shared/reports/targets/sheet";
import { layoutUnits } from "../../shared/reports/units/sheet";
import { giaLaiTargets, giaLaiUnitsSheet, SOURCE } from "../fixtures/org-sheets";

/**
 * The targets and units sheets as the pane handles them: pulled into the in-memory workbook,
 * edited by typing (as a person does in Excel, refused on locked cells where the sheet is
 * protected), read back in one sync and compared with what the server holds by the shared core.
 */
let installed: InstalledOffice | null = null;

function open(level: FakeApiLevel): { wb: MemoryWorkbook; edits: EditSheets } {
  if (installed) installed.uninstall();
  installed = installFakeOffice(globalThis, { apiLevel: level });
  return { wb: installed.workbook, edits: createEditSheets(detectCapabilities()) };
}

afterEach(() => {
  if (installed) installed.uninstall();
  installed = null;
});

/** The row whose column M (the hidden key of the targets sheet) is `key`. */
function rowOfKey(wb: MemoryWorkbook, sheet: string, key: string): number {
  const keys = wb.values(sheet, "M1:M60").map((r) => r[0]);
  const i = keys.indexOf(key);
  if (i < 0) throw new Error("no row for " + key);
  return i + 1;
}

async function counted<T>(wb: MemoryWorkbook, action: () => Promise<T>): Promise<{ result: T; syncs: number }> {
  const before = wb.syncCount;
  const result = await action();
  return { result, syncs: wb.syncCount - before };
}

describe.each(["1.1", "1.7", "1.8", "1.10"] as FakeApiLevel[])("the targets sheet on ExcelApi %s", (level) => {
  it("is pulled in two syncs, edited by typing, read back in one and becomes the differences old → new", async () => {
    const { wb, edits } = open(level);
    const current = giaLaiTargets();
    const pulled = await counted(wb, () => edits.pull(layoutTargets(current, { source: SOURCE })));
    expect(pulled.syncs).toBe(2);
    const name = pulled.result.sheetName;
    expect(wb.activeSheetName()).toBe(name);
    const r00 = rowOfKey(wb, name, "52-00|rate_viec");
    const r03 = rowOfKey(wb, name, "52-03|rate_viec");
    wb.type(name, "I" + r00, 85.5);
    wb.type(name, "K" + r00, "Chính thức");
    wb.type(name, "L" + r00, "QĐ 45/QĐ-THADS");
    wb.type(name, "I" + r03, 82);
    const read = await counted(wb, () => edits.readActive());
    expect(read.syncs).toBe(1);
    const p = previewTargets(read.result, current);
    expect(p.problems).toEqual([]);
    expect(p.lines).toEqual([
      { unit: "52-00", name: "Văn phòng THADS tỉnh Gia Lai", indicator: "Tỷ lệ thi hành xong về việc", before: "— (dùng chỉ tiêu kế thừa)", after: "≥ 85,50% (chính thức, QĐ 45/QĐ-THADS)" },
      { unit: "52-03", name: "Phòng THADS khu vực 3 - Gia Lai", indicator: "Tỷ lệ thi hành xong về việc", before: "≥ 80,00% (tạm giao)", after: "≥ 82,00% (tạm giao)" },
    ]);
    expect(p.changes.map((c) => [c.unit, c.indicator, c.cell])).toEqual([["52-00", "rate_viec", "I" + r00], ["52-03", "rate_viec", "I" + r03]]);
  });

  it("lists 120 and '85,7%' typed as text by cell, with nothing to send", async () => {
    const { wb, edits } = open(level);
    const current = giaLaiTargets();
    const { sheetName } = await edits.pull(layoutTargets(current, { source: SOURCE }));
    const r = rowOfKey(wb, sheetName, "52-00|rate_viec");
    const t = rowOfKey(wb, sheetName, "52-00|rate_tien");
    wb.type(sheetName, "I" + r, 120);
    wb.type(sheetName, "K" + r, "Chính thức");
    // An apostrophe keeps what follows as text, as Excel does.
    wb.type(sheetName, "I" + t, "'85,7%");
    const p = previewTargets(await edits.readActive(), current);
    expect(p.problems.map((x) => x.cell)).toEqual(["I" + t, "I" + r]);
    expect(p.problems[0]?.vi).toContain("«85,7%» là chữ, không phải số");
    expect(p.problems[1]?.vi).toBe("Ô I" + r + " (52-00): chỉ tiêu 120 nằm ngoài khoảng 0–100 (%).");
  });

  it("takes the start-of-year fill into the input cells only, in one sync", async () => {
    const { wb, edits } = open(level);
    const current = giaLaiTargets();
    const { sheetName } = await edits.pull(layoutTargets(current, { source: SOURCE }));
    const grid = await edits.readActive();
    const f = fillFromLastYear(grid);
    expect(f.problems).toEqual([]);
    const w = await counted(wb, () => edits.write(sheetName, f.writes));
    expect(w.syncs).toBe(1);
    const r00 = rowOfKey(wb, sheetName, "52-00|rate_viec");
    // 52-00 had 80% last year (80/100) and no target of its own: ≥ 80, provisional.
    expect(wb.values(sheetName, "I" + r00 + ":K" + r00)[0]).toEqual([80, "≥", "Tạm giao"]);
    const p = previewTargets(await edits.readActive(), current);
    expect(p.problems).toEqual([]);
    expect(p.lines.map((l) => l.unit + " " + l.after)).toContain("52-00 ≥ 80,00% (tạm giao)");
  });
});

describe("what each ExcelApi level gets on an editable sheet", () => {
  it("1.1: no lists, no protection, the key column visible, and the pane says so", async () => {
    const { wb, edits } = open("1.1");
    const r = await edits.pull(layoutTargets(giaLaiTargets(), { source: SOURCE }));
    expect(wb.sheetInfo(r.sheetName).protected).toBe(false);
    expect(r.notes.join(" ")).toContain("ExcelApi 1.8");
    expect(r.notes.join(" ")).toContain("không ẩn được cột «Khóa dòng»");
  });

  it("1.8: protected, a locked cell refuses typing, the inputs take it; lists and 0–100 as data validation", async () => {
    const { wb, edits } = open("1.8");
    const r = await edits.pull(layoutTargets(giaLaiTargets(), { source: SOURCE }));
    expect(r.notes).toEqual([]);
    expect(wb.sheetInfo(r.sheetName).protected).toBe(true);
    const row = rowOfKey(wb, r.sheetName, "52-03|rate_viec");
    expect(() => wb.type(r.sheetName, "E" + row, 99)).toThrow(/protected/);
    expect(() => wb.type(r.sheetName, "M" + row, "52-04|rate_viec")).toThrow(/protected/);
    wb.type(r.sheetName, "I" + row, 81);
    expect(wb.values(r.sheetName, "I" + row)[0]?.[0]).toBe(81);
  });
});

describe("the units sheet", () => {
  it("a merger typed into the sheet becomes its changes and consequences, read in one sync", async () => {
    const { wb, edits } = open("1.10");
    const current = giaLaiUnitsSheet();
    const { sheetName } = await edits.pull(layoutUnits(current, { source: SOURCE }));
    wb.type(sheetName, "F8", "30/09/2026");
    wb.type(sheetName, "G8", "52-15");
    wb.type(sheetName, "F9", "30/09/2026");
    wb.type(sheetName, "G9", "52-15");
    wb.type(sheetName, "B11", "52-15");
    wb.type(sheetName, "C11", "Phòng THADS khu vực 15 - Gia Lai");
    wb.type(sheetName, "D11", "Phòng THADS khu vực");
    wb.type(sheetName, "E11", "01/10/2026");
    const read = await counted(wb, () => edits.readActive());
    expect(read.syncs).toBe(1);
    const p = previewUnits(read.result, current, "2026-09-20T03:00:00.000Z");
    expect(p.problems).toEqual([]);
    expect(p.lines.map((l) => [l.unit, l.action])).toEqual([["52-01", "Đóng"], ["52-02", "Đóng"], ["52-15", "Thêm"]]);
    expect(p.consequences).toEqual([
      "Tổng số của các kỳ đã báo cáo không thay đổi: số liệu cũ vẫn thuộc đơn vị cũ.",
      "So sánh cùng kỳ và tháng trước của Phòng THADS khu vực 15 - Gia Lai (52-15) từ tháng 10/2026 đến tháng 9/2027 dùng số liệu của 52-01 + 52-02.",
      "Mã truy cập của Nguyễn Văn A (52-01) hết hiệu lực sau hạn nộp báo cáo cuối cùng của đơn vị (23:59 02/10/2026).",
      "Mã truy cập của Trần Thị B (52-02) hết hiệu lực sau hạn nộp báo cáo cuối cùng của đơn vị (23:59 02/10/2026).",
    ]);
  });

  it("a code of another province and a successor that does not exist are listed by cell, nothing to send", async () => {
    const { wb, edits } = open("1.10");
    const current = giaLaiUnitsSheet();
    const { sheetName } = await edits.pull(layoutUnits(current, { source: SOURCE }));
    wb.type(sheetName, "B11", "53-01");
    wb.type(sheetName, "C11", "Phòng THADS khu vực 1 - Kon Tum");
    wb.type(sheetName, "D11", "Phòng THADS khu vực");
    wb.type(sheetName, "E11", "01/10/2026");
    wb.type(sheetName, "F10", "30/09/2026");
    wb.type(sheetName, "G10", "52-99");
    const p = previewUnits(await edits.readActive(), current, "2026-09-20T03:00:00.000Z");
    expect(p.problems.map((x) => x.cell)).toEqual(expect.arrayContaining(["B11", "G10"]));
    expect(p.problems.every((x) => /[ăâđêôơư]/.test(x.vi) && x.en.length > 0)).toBe(true);
  });
});
