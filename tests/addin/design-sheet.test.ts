import { afterEach, describe, expect, it } from "vitest";
import { installFakeOffice, type InstalledOffice } from "../../addin/testing";
import { createFormSheets } from "../../addin/src/excel/form-sheet";
import { readDesign } from "../../addin/src/core/design-sheet";
import { readDesignSheet } from "../../shared/forms/design-sheet";
import { loadFormDefinition } from "../../shared/forms/loader";
import { DESIGN_GRID } from "../fixtures/collections";
import { cellAddress } from "../../shared/a1";

/**
 * Issue 8 item 4: a collection defined from Excel. The design sheet is laid out in the in-memory
 * workbook, read back through Office.js in one sync, understood, checked with the Worker's own
 * checks (every problem on its cell), and previewed as the form a clerk would get.
 */

let installed: InstalledOffice | null = null;
afterEach(() => {
  installed?.uninstall();
  installed = null;
});

/** Writes the grid on a new active sheet, as the staff member would type it. */
async function layOut(grid: (string | number | null)[][]): Promise<void> {
  await Excel.run(async (ctx) => {
    const sheet = ctx.workbook.worksheets.add("Thiết kế");
    for (let r = 0; r < grid.length; r++) {
      const row = grid[r] as (string | number | null)[];
      for (let c = 0; c < row.length; c++) {
        const v = row[c];
        if (v !== null && v !== undefined) sheet.getRange(cellAddress(r + 1, c + 1)).values = [[v]];
      }
    }
    sheet.activate();
    await ctx.sync();
  });
}

describe("a collection from a design sheet", () => {
  it("is read in one sync, understood, accepted by the Worker's schema and previewed as a clerk's form", async () => {
    installed = installFakeOffice(globalThis, { apiLevel: "1.1" });
    await layOut(DESIGN_GRID);
    const sheets = createFormSheets();
    const syncs = installed.workbook.syncCount;
    const reading = readDesign(await sheets.readActiveSheetValues());
    expect(installed.workbook.syncCount - syncs).toBe(1);
    expect(reading.problems).toEqual([]);
    const def = reading.definition;
    expect(def).toMatchObject({
      id: "TUAN-TIEN",
      code: "Biểu tuần 02",
      title: { vi: "Kết quả thu tiền trong tuần", en: "Money collected this week" },
      period: { kind: "week", deadlineWorkingDays: 1 },
      validFrom: "2026-01-05",
      unit: "nghin_dong",
    });
    expect(def?.fields.map((f) => [f.column, f.key, f.kind, f.valueType])).toEqual([
      [1, "tong_thu", "derived", "money"], [2, "thu_ban_tai_san", "input", "money"], [3, "thu_tu_nguyen", "input", "money"], [4, "phai_thu", "input", "money"],
    ]);
    expect(def?.rules.map((r) => [r.id, r.severity])).toEqual([["TT.R1", "error"], ["TT.R2", "warning"]]);
    expect(def?.indicators[0]).toMatchObject({ id: "ty_le_thu_tuan", numerator: ["tong_thu"], denominator: ["phai_thu"], direction: "higher", decimals: 2 });
    // What the Worker would store: the same definition passes its zod schema.
    const loaded = loadFormDefinition(JSON.parse(JSON.stringify(def)));
    expect(loaded.ok, JSON.stringify(loaded)).toBe(true);

    // The preview: the form a clerk gets, the total as an Excel formula.
    const ref = await sheets.insertForm(def!, { unitCode: "52-01", unitName: "Phòng THADS khu vực 1 - Gia Lai", receivingUnitName: "THADS tỉnh Gia Lai", period: "2026-W02" });
    const values = await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem(ref.sheetName);
      const total = sheet.getRange(ref.cells.tong_thu as string);
      total.load("formulas");
      const title = sheet.getRange("A5:A6");
      title.load("values");
      await ctx.sync();
      return { formula: String(total.formulas[0]?.[0]), title: title.values.map((r) => r[0]) };
    });
    expect(values.formula).toMatch(/^=/);
    expect(values.title).toEqual(["Tuần 2/2026 (5/1–11/1)", "(từ ngày 05/01/2026 đến ngày 11/01/2026)"]);
  });

  it("puts every problem on its cell, in Vietnamese and English", () => {
    const bad = DESIGN_GRID.map((row) => row.slice());
    (bad[2] as (string | number | null)[])[4] = 15; // a weekly deadline of 15 working days
    (bad[9] as (string | number | null)[])[0] = 2; // column 2 twice
    (bad[13] as (string | number | null)[])[1] = "{tong_thu} = {thu_ban} + {thu_tu_nguyen}"; // no field thu_ban
    (bad[14] as (string | number | null)[])[1] = "{tong_thu} ≤ prev_year_final{tong_thu}"; // a week has no 12-month report
    (bad[17] as (string | number | null)[])[3] = "phai_thu_ca_nam"; // an indicator over a field that does not exist
    const r = readDesignSheet(bad);
    expect(r.problems.map((p) => p.cell)).toEqual(["E3", "A10", "B14", "B15", "D18"]);
    expect(r.problems[1]).toEqual({ cell: "A10", vi: "Trùng số cột 2.", en: "duplicate column 2" });
    expect(r.problems[2]?.vi).toBe("Không có trường \"thu_ban\".");
    expect(r.problems[3]?.vi).toContain("chỉ có ở kỳ cộng dồn");
  });

  it("refuses a label, a title or an indicator's name with a control or bidi-override character, on its cell", () => {
    // Pasted from another program: the words would be printed on every clerk's sheet, the .xlsx and the PDF.
    const pasted = DESIGN_GRID.map((row) => row.slice());
    (pasted[3] as (string | number | null)[])[1] = "Kết quả thu tiền\u0007 trong tuần";
    (pasted[8] as (string | number | null)[])[2] = "Thu từ \u202Ebán tài sản";
    (pasted[13] as (string | number | null)[])[3] = "Tổng bằng\u0000 tổng các phần";
    (pasted[17] as (string | number | null)[])[1] = "Tỷ lệ\u200F tiền thu được";
    const r = readDesignSheet(pasted);
    expect(r.problems.map((p) => p.cell)).toEqual(["B4", "C9", "D14", "B18"]);
    expect(r.problems[0]).toEqual({
      cell: "B4",
      vi: "Chứa ký tự điều khiển (U+0007) ở vị trí 17.",
      en: "contains a control character (U+0007) at position 17",
    });
    expect(r.problems[1]?.vi).toBe("Chứa ký tự đảo chiều hiển thị văn bản (U+202E) ở vị trí 8.");
  });

  it("refuses a derived field that needs itself, naming the formula column", () => {
    const cyclic = DESIGN_GRID.map((row) => row.slice());
    (cyclic[7] as (string | number | null)[])[4] = "{phai_thu} - {thu_ban_tai_san}";
    (cyclic[10] as (string | number | null)[])[4] = "{tong_thu} + 1";
    const r = readDesignSheet(cyclic);
    expect(r.problems.map((p) => [p.cell, p.en])).toEqual([["E7", "derived fields form a cycle: tong_thu → phai_thu → tong_thu"]]);
  });
});
