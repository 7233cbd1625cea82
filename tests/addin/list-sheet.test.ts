/**
 * Issue 8 item 4 in the pane: a list collection (one row per case) is inserted as a sheet with
 * one row per case, read back as rows, checked cell by cell with the row and column named and
 * the offending cell coloured, and planned for sending with the rows and the figures computed
 * from them. The in-memory workbook stands in for Excel at ExcelApi 1.1 (plain ranges, the
 * header formatted by hand) and 1.7 (a native table).
 */
import { afterEach, describe, expect, it } from "vitest";
import { CheckSession } from "../../addin/src/core/check-session";
import { ReferenceData } from "../../addin/src/core/reference-data";
import { memoryStore } from "../../addin/src/core/storage";
import { buildRequest, planSubmission } from "../../addin/src/core/submission-plan";
import type { ApiClient } from "../../addin/src/core/api";
import { createFormSheets } from "../../addin/src/excel/form-sheet";
import { ERROR_FILL } from "../../addin/src/excel/findings-plan";
import { INPUT_FILL } from "../../addin/src/excel/layout";
import { installFakeOffice, type FakeApiLevel, type InstalledOffice } from "../../addin/testing";
import { VIEC_LON } from "../fixtures/collections";

let installed: InstalledOffice | null = null;
afterEach(() => {
  installed?.uninstall();
  installed = null;
});

const HEADER = { unitCode: "79-01", unitName: "Phòng Thi hành án dân sự khu vực 1 - TP Hồ Chí Minh", receivingUnitName: "Thi hành án dân sự TP Hồ Chí Minh", period: "2025-12" };

async function setUp(apiLevel: FakeApiLevel) {
  installed = installFakeOffice(globalThis, { apiLevel });
  const sheets = createFormSheets();
  const store = memoryStore();
  const reference = new ReferenceData(store);
  reference.forms = reference.forms.concat([VIEC_LON]);
  const session = new CheckSession({
    sheets, api: {} as ApiClient, store, now: () => 0, reference, connected: () => false, noteNetwork: () => undefined,
  });
  const ref = await sheets.insertForm(VIEC_LON, HEADER);
  const wb = installed.workbook;
  const type = (key: string, v: string | number) => wb.type(ref.sheetName, ref.cells[key] as string, v);
  return { sheets, session, ref, wb, type };
}

describe("a list collection's sheet in the pane", () => {
  it.each(["1.1", "1.7"] as const)("lays out one row per case with typed columns (ExcelApi %s)", async (level) => {
    const { ref, wb } = await setUp(level);
    // The header row: STT, the row's label, then each column (a date says how to type it).
    expect(wb.values(ref.sheetName, "A8:F8")).toEqual([["STT", "Việc", "Bản án, quyết định", "Ngày thụ lý (ngày/tháng/năm)", "Số tiền phải thi hành", "Số tiền đã thu"]]);
    expect(wb.values(ref.sheetName, "A9:A10")).toEqual([[1], [2]]);
    expect(ref.cells["r0.label"]).toBe("B9");
    expect(ref.cells["r1.so_tien"]).toBe("E10");
    expect(wb.cell(ref.sheetName, "D9").numberFormat).toBe("dd/mm/yyyy");
    expect(wb.cell(ref.sheetName, "E9").numberFormat).toBe("#,##0");
    // 1.1: plain ranges with a formatted header; later: a native table over the same block.
    const tables = wb.sheetInfo(ref.sheetName).tables;
    if (level === "1.1") expect(tables).toEqual([]);
    else expect(tables.map((t) => t.address)).toEqual(["A8:F38"]);
    expect(wb.cell(ref.sheetName, "C8").bold).toBe(true);
  });

  it("checks each cell by its column's type, names the row and the column, and colours the cell", async () => {
    const { session, ref, wb, type } = await setUp("1.7");
    type("r0.label", "Công ty A");
    type("r0.ban_an", "12/2019/HS-ST");
    type("r0.ngay_thu_ly", "31/02/2021");
    type("r0.so_tien", 25_000_000);
    type("r1.label", "Nguyễn Văn B");
    type("r1.ngay_thu_ly", "15/03/2024");
    type("r1.so_tien", 40_000_000);
    const active = await session.check();
    if (active.kind !== "form") throw new Error("the list sheet was not found");
    const messages = active.check.validation.findings.map(session.messageOf(VIEC_LON));
    expect(messages).toEqual([
      "Dòng “Công ty A” (1): “Ngày thụ lý” phải là một ngày (năm-tháng-ngày); ô đang chứa “31/02/2021”.",
      "Dòng “Nguyễn Văn B” (2): Chưa nhập “Bản án, quyết định”: đây là chỉ tiêu bắt buộc.",
    ]);
    await session.showOnSheet(active.check);
    expect(wb.displayed(ref.sheetName, ref.cells["r0.ngay_thu_ly"] as string).fill).toBe(ERROR_FILL);
    expect(wb.displayed(ref.sheetName, ref.cells["r1.ban_an"] as string).fill).toBe(ERROR_FILL);
    expect(wb.displayed(ref.sheetName, ref.cells["r0.so_tien"] as string).fill).not.toBe(ERROR_FILL);
  });

  it("sends the rows with the figures computed from them", async () => {
    const { session, type } = await setUp("1.1");
    type("r0.label", "Công ty A");
    type("r0.ban_an", "12/2019/HS-ST");
    type("r0.ngay_thu_ly", "01/06/2021");
    type("r0.so_tien", 25_000_000);
    type("r0.da_thu", 1_000_000);
    // An empty row between cases is skipped.
    type("r2.label", "Nguyễn Văn B");
    type("r2.ban_an", "7/2024/KDTM-PT");
    type("r2.ngay_thu_ly", "2024-03-15");
    type("r2.so_tien", 40_000_000);
    const active = await session.check();
    if (active.kind !== "form") throw new Error("the list sheet was not found");
    expect(active.check.validation.findings).toEqual([]);
    const plan = planSubmission(VIEC_LON, "79-01", "2025-12", active.check.validation, active.check.rows);
    const req = buildRequest(plan, "id", {}, null);
    expect(req.values).toEqual({ so_viec: 2, tong_tien: 65_000_000, tong_da_thu: 1_000_000, viec_tren_3_nam: 1 });
    expect(req.rows).toEqual([
      { key: "1", label: "Công ty A", values: { ban_an: "12/2019/HS-ST", ngay_thu_ly: "2021-06-01", so_tien: 25_000_000, da_thu: 1_000_000 } },
      { key: "3", label: "Nguyễn Văn B", values: { ban_an: "7/2024/KDTM-PT", ngay_thu_ly: "2024-03-15", so_tien: 40_000_000, da_thu: null } },
    ]);
  });

  it("adds no row over cells the clerk filled below the list (no table on ExcelApi 1.1): says so and changes nothing", async () => {
    const { sheets, ref, wb } = await setUp("1.1");
    wb.type(ref.sheetName, "B41", "Ghi chú của cán bộ");
    const before = wb.values(ref.sheetName, "A35:F50");
    await expect(sheets.addRows(ref, VIEC_LON, 10)).rejects.toThrow(/A39:F48 ngay dưới biểu đang có nội dung/);
    expect(wb.values(ref.sheetName, "A35:F50")).toEqual(before);
  });

  it.each(["1.1", "1.7", "1.10"] as const)("gives a clerk with more cases than rows 10 more, formatted, unlocked and read like the others (ExcelApi %s)", async (level) => {
    const { sheets, session, ref, wb, type } = await setUp(level);
    const name = ref.sheetName;
    // 30 rows: on the protected sheet (1.7+) a 31st case has nowhere to go.
    expect(ref.cells["r30.label"]).toBeUndefined();
    if (level !== "1.1") expect(() => wb.type(name, "B39", "Công ty thứ 31")).toThrow(/protected/);
    const syncs = wb.syncCount;
    const grown = await sheets.addRows(ref, VIEC_LON, 10);
    expect(wb.syncCount - syncs).toBe(2);
    expect(grown.cells["r39.label"]).toBe("B48");
    expect(grown.cells["r39.so_tien"]).toBe("E48");
    expect(wb.values(name, "A38:A48").map((r) => r[0])).toEqual([30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40]);
    // Formatted as the rows above: dates as dates, amounts as whole numbers, the input fill.
    expect(wb.cell(name, "D48").numberFormat).toBe("dd/mm/yyyy");
    expect(wb.cell(name, "E48").numberFormat).toBe("#,##0");
    expect(wb.cell(name, "C48").numberFormat).toBe("@");
    expect(wb.cell(name, "E48").fill).toBe(INPUT_FILL);
    expect(wb.cell(name, "B48").fill).toBe(INPUT_FILL);
    expect(wb.cell(name, "B48").fontSize).toBe(12);
    const info = wb.sheetInfo(name);
    expect(info.borders.some((b) => b.address === "A39:F48" && b.edge === "InsideHorizontal")).toBe(true);
    if (level === "1.1") {
      expect(info.tables).toEqual([]);
    } else {
      // The table grew over the new rows and the sheet is protected again, with the typed cells open.
      expect(info.tables.map((t) => t.address)).toEqual(["A8:F48"]);
      expect(info.protected).toBe(true);
      expect(wb.cell(name, "A48").locked).toBe(true);
      expect(wb.cell(name, "E48").locked).toBe(false);
    }
    if (level === "1.10") expect(info.pageLayout.printArea).toBe("A2:F48");

    // The sheet remembers its new rows: found again, read, checked and sent with the 31st case.
    type("r0.label", "Công ty A");
    type("r0.ban_an", "12/2019/HS-ST");
    type("r0.ngay_thu_ly", "01/06/2021");
    type("r0.so_tien", 25_000_000);
    wb.type(name, "B39", "Công ty thứ 31");
    wb.type(name, "C39", "3/2025/KDTM-ST");
    wb.type(name, "D39", "02/01/2025");
    wb.type(name, "E39", 30_000_000);
    expect((await sheets.findActiveForm([VIEC_LON]))?.cells["r39.da_thu"]).toBe("F48");
    const active = await session.check();
    if (active.kind !== "form") throw new Error("the list sheet was not found");
    expect(active.check.validation.findings).toEqual([]);
    expect((active.check.rows || []).map((r) => [r.key, r.label])).toEqual([["1", "Công ty A"], ["31", "Công ty thứ 31"]]);

    // Again: the next 5 rows follow the last.
    const again = await sheets.addRows(grown, VIEC_LON, 5);
    expect(again.cells["r44.label"]).toBe("B53");
    expect(wb.values(name, "A53:A53")).toEqual([[45]]);
  });
});
