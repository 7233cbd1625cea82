import { afterEach, describe, expect, it } from "vitest";
import { installFakeOffice, type InstalledOffice } from "../../addin/testing";
import { createFormSheets } from "../../addin/src/excel/form-sheet";
import { readDesign } from "../../addin/src/core/design-sheet";
import { readDesignSheet } from "../../shared/forms/design-sheet";
import { parseRollUp } from "../../shared/forms/design-list";
import { loadFormDefinition } from "../../shared/forms/loader";
import { rowAggregates } from "../../shared/forms/collection-rows";
import { DESIGN_GRID, DESIGN_LIST_GRID } from "../fixtures/collections";
import { cellAddress } from "../../shared/a1";

/**
 * Issue 8 item 4, the list case from Excel: a design sheet that says its rows are cases
 * ("Dạng dòng | danh sách"), lists the columns with their types, and says in words how each of
 * the unit's figures is counted or summed from the rows. Read through Office.js from the
 * in-memory workbook and through the shared reader alone; every bad cell named.
 */

let installed: InstalledOffice | null = null;
afterEach(() => {
  installed?.uninstall();
  installed = null;
});

type Grid = (string | number | null)[][];

async function layOut(grid: Grid): Promise<void> {
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

/** A copy of the list grid with some cells changed: "G17" → value. */
function edited(changes: Record<string, string | number | null>): Grid {
  const grid = DESIGN_LIST_GRID.map((row) => row.slice());
  for (const address of Object.keys(changes)) {
    const m = /^([A-Z])(\d+)$/.exec(address) as RegExpExecArray;
    const row = grid[Number(m[2]) - 1] as (string | number | null)[];
    row[(m[1] as string).charCodeAt(0) - 65] = changes[address] as string | number | null;
  }
  return grid;
}

describe("a list collection from a design sheet", () => {
  it("is read from the workbook, understood with its columns and roll-ups, and accepted by the Worker's schema", async () => {
    installed = installFakeOffice(globalThis, { apiLevel: "1.7" });
    await layOut(DESIGN_LIST_GRID);
    const reading = readDesign(await createFormSheets().readActiveSheetValues());
    expect(reading.problems).toEqual([]);
    const def = reading.definition!;
    expect(def.rows).toEqual({
      kind: "list",
      rowLabel: { vi: "Người phải thi hành án", en: "Người phải thi hành án" },
      columns: [
        { key: "ban_an", label: { vi: "Bản án, quyết định", en: "Bản án, quyết định" }, type: "text", required: true },
        { key: "ngay_thu_ly", label: { vi: "Ngày thụ lý", en: "Ngày thụ lý" }, type: "date", required: true },
        { key: "so_tien", label: { vi: "Số tiền phải thi hành", en: "Số tiền phải thi hành" }, type: "money", required: true },
        { key: "da_thu", label: { vi: "Số tiền đã thu", en: "Số tiền đã thu" }, type: "money", required: false },
        { key: "lan_xac_minh", label: { vi: "Số lần xác minh", en: "Số lần xác minh" }, type: "count", required: false },
      ],
    });
    expect(def.fields.map((f) => [f.key, f.valueType, f.fromRows])).toEqual([
      ["so_viec", "count", { op: "count" }],
      ["viec_tren_5_nam", "count", { op: "count", where: { column: "ngay_thu_ly", olderThanYears: 5 } }],
      ["viec_tu_20_ty", "count", { op: "count", where: { column: "so_tien", min: 20_000_000 } }],
      ["tong_tien", "money", { op: "sum", column: "so_tien" }],
      ["tong_da_thu", "money", { op: "sum", column: "da_thu" }],
      ["tong_xac_minh", "count", { op: "sum", column: "lan_xac_minh" }],
    ]);
    expect(def.period).toEqual({ kind: "snapshot_month", deadlineDay: 5 });
    const loaded = loadFormDefinition(JSON.parse(JSON.stringify(def)));
    expect(loaded.ok, JSON.stringify(loaded)).toBe(true);

    // What the roll-up does with a clerk's rows at the end of December 2025.
    const rows = [
      { key: "1", label: "Công ty A", values: { ban_an: "1/2018/KDTM", ngay_thu_ly: "2019-05-02", so_tien: 25_000_000, da_thu: 1_000, lan_xac_minh: 3 } },
      { key: "2", label: "Ông B", values: { ban_an: "9/2022/DS", ngay_thu_ly: "2022-06-30", so_tien: 800_000, da_thu: null, lan_xac_minh: 1 } },
    ];
    expect(rowAggregates(def, rows, "2025-12-31")).toEqual({
      so_viec: 2, viec_tren_5_nam: 1, viec_tu_20_ty: 1, tong_tien: 25_800_000, tong_da_thu: 1_000, tong_xac_minh: 4,
    });
  });

  it("previews the list sheet a clerk would get: one row per case under the typed columns", async () => {
    installed = installFakeOffice(globalThis, { apiLevel: "1.7" });
    const def = readDesignSheet(DESIGN_LIST_GRID).definition!;
    const ref = await createFormSheets().insertForm(def, { unitCode: "52-01", unitName: "Phòng THADS khu vực 1 - Gia Lai", receivingUnitName: "THADS tỉnh Gia Lai", period: "2025-12" });
    const wb = installed.workbook;
    expect(wb.values(ref.sheetName, "A8:G8")).toEqual([["STT", "Người phải thi hành án", "Bản án, quyết định", "Ngày thụ lý (ngày/tháng/năm)", "Số tiền phải thi hành", "Số tiền đã thu", "Số lần xác minh"]]);
    expect(wb.cell(ref.sheetName, ref.cells["r0.ngay_thu_ly"] as string).numberFormat).toBe("dd/mm/yyyy");
    expect(wb.cell(ref.sheetName, ref.cells["r0.lan_xac_minh"] as string).numberFormat).toBe("#,##0");
    expect(wb.values(ref.sheetName, "A38:A38")).toEqual([[30]]);
  });

  it("puts every problem of a list on its cell: bad type, duplicate key, unknown column in a roll-up, words not understood", () => {
    const r = readDesignSheet(edited({
      C13: "số thực", // a type the list does not have
      A12: "so_tien", // the key of the column above, again
      G19: "tổng {so_tien_con}", // no such column
      G20: "cộng hết", // not a roll-up
      G21: "tổng {ban_an}", // a text column cannot be summed
    }));
    expect(r.definition).not.toBeNull();
    expect(r.problems.map((p) => p.cell)).toEqual(["G20", "C13", "A12", "G19", "G20", "G21"]);
    const at = (cell: string) => r.problems.find((p) => p.cell === cell)!;
    expect(at("C13").vi).toBe("Kiểu “số thực” không dùng được: chọn “chữ”, “ngày”, “việc” (số đếm) hoặc “tiền” (nghìn đồng).");
    expect(at("A12")).toEqual({ cell: "A12", vi: "Trùng mã cột \"so_tien\".", en: "duplicate column key \"so_tien\"" });
    expect(at("G19")).toMatchObject({ vi: "Không có cột \"so_tien_con\" để cộng.", en: "unknown column \"so_tien_con\" to sum" });
    expect(at("G20").vi).toContain("Không hiểu cách tính “cộng hết”");
    expect(at("G21")).toMatchObject({ vi: "Cột \"ban_an\" là cột chữ, không cộng được.", en: "column \"ban_an\" is text and cannot be summed" });
  });

  it("names the cell of a condition on a missing column, a list figure typed by hand, and a count given as money", () => {
    const r = readDesignSheet(edited({
      G17: "đếm khi {ngay_nhan} trên 5 năm", // no such column
      G16: null, // a list's figure must come from its rows
      D18: "tiền", // counting rows gives a count
    }));
    expect(r.problems.map((p) => [p.cell, p.en])).toEqual([
      ["G16", "field \"so_viec\" of a list collection must be computed from its rows (fromRows)"],
      ["G17", "unknown column \"ngay_nhan\""],
      ["G18", "counting rows gives a count, not money"],
    ]);
  });

  it("refuses a list without its columns table, a row shape it cannot read, and a columns table on a unit form", () => {
    const noTable = DESIGN_LIST_GRID.filter((_row, i) => i < 7 || i > 13);
    const a = readDesignSheet(noTable);
    expect(a.definition).toBeNull();
    expect(a.problems[0]).toMatchObject({ cell: "B6", vi: "Biểu danh sách cần bảng cột: dòng tiêu đề “Mã cột | Tên cột | Kiểu | Bắt buộc”." });

    const b = readDesignSheet(edited({ B6: "bảng" }));
    expect(b.definition).toBeNull();
    expect(b.problems.map((p) => p.cell)).toContain("B6");

    const unit = DESIGN_GRID.map((row) => row.slice()).concat([[null], ["Mã cột", "Tên cột", "Kiểu", "Bắt buộc"], ["so_tien", "Số tiền", "tiền", "có"]]);
    (unit[5] as (string | number | null)[]).splice(0, 2, "Dạng dòng", "đơn vị");
    const c = readDesignSheet(unit);
    expect(c.problems.map((p) => [p.cell, p.vi])).toEqual([["A20", "Bảng cột danh sách chỉ dùng khi “Dạng dòng” là “danh sách”."]]);
    // A roll-up on a form whose rows are units.
    const d = readDesignSheet(DESIGN_GRID.map((row, i) => (i === 10 ? row.slice(0, 5).concat([null, "đếm"]) : row)));
    expect(d.problems.map((p) => [p.cell, p.en])).toEqual([["G11", "only a list collection (rows.kind = list) computes fields from rows"]]);
  });

  it("refuses a column keyed “label”, which would take the cell of the row's own label on the clerk's sheet", () => {
    const r = readDesignSheet(edited({ A13: "label" }));
    expect(r.problems.map((p) => [p.cell, p.en])).toEqual([
      ["A13", "column key \"label\" is the row's own label: choose another key"],
      ["G21", "unknown column \"lan_xac_minh\" to sum"],
    ]);
  });

  it("is read on Excel 2016 too, where IE11 has no String.prototype.normalize", () => {
    const normalize = Object.getOwnPropertyDescriptor(String.prototype, "normalize") as PropertyDescriptor;
    delete (String.prototype as { normalize?: unknown }).normalize;
    try {
      const list = readDesignSheet(DESIGN_LIST_GRID);
      expect(list.problems).toEqual([]);
      expect(list.definition?.rows?.kind).toBe("list");
      expect(list.definition?.fields[1]?.fromRows).toEqual({ op: "count", where: { column: "ngay_thu_ly", olderThanYears: 5 } });
      expect(readDesignSheet(DESIGN_GRID).problems).toEqual([]);
    } finally {
      Object.defineProperty(String.prototype, "normalize", normalize);
    }
  });

  it("reads roll-ups in Vietnamese and English, and nothing else", () => {
    expect(parseRollUp("dem")).toEqual({ op: "count" });
    expect(parseRollUp("count where {so_tien} >= 20,000,000")).toEqual({ op: "count", where: { column: "so_tien", min: 20_000_000 } });
    expect(parseRollUp("tong {so_tien} khi {so_tien} tu 20.000.000 tro len")).toEqual({ op: "sum", column: "so_tien", where: { column: "so_tien", min: 20_000_000 } });
    expect(parseRollUp("sum {da_thu} if {ngay_thu_ly} older than 3 years")).toEqual({ op: "sum", column: "da_thu", where: { column: "ngay_thu_ly", olderThanYears: 3 } });
    expect(parseRollUp("tong")).toBeNull();
    expect(parseRollUp("dem khi {so_tien}")).toBeNull();
    expect(parseRollUp("dem {so_tien} - 1")).toBeNull();
  });
});
