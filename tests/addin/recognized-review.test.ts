import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { UnitDto } from "../../shared/api/schemas";
import { BUILT_IN_FORMS } from "../../shared/forms";
import { rangeAddress } from "../../shared/a1";
import type { FormRecognition } from "../../shared/recognize";
import { validateForm } from "../../shared/validate";
import { createFormSheets } from "../../addin/src/excel/form-sheet";
import { installFakeOffice, type InstalledOffice } from "../../addin/testing";
import type { SheetValues } from "../../addin/src/excel/types";
import {
  chooseFor,
  mappingReview,
  pickTable,
  recognizeAt,
  recognizedValues,
  rowOptions,
  withReviewChange,
  type SheetPicks,
} from "../../addin/src/core/recognized-sheet";
import { readWorkbookValues, type SheetValues as FixtureValues } from "../fixtures/workbooks/read";

/**
 * What the clerk reviews before a recognised sheet is sent (core/recognized-sheet.ts, drawn
 * by taskpane/mapping-review.ts): each column's header, the field it became, the chosen
 * row's cell and the figure sent; and what stands between the clerk and "Gửi" — columns to
 * confirm, a conversion to acknowledge, a unit to choose — until the clerk has done it.
 */

const DIR = join(__dirname, "../fixtures/workbooks/corpus");
const NAMES = ["tien-dong", "thu-tu-rieng", "viec-tien", "tien-khong-don-vi", "hoan-tam-khac", "viet-tat-nhom", "so-dang-chu"];
const fixtures: Record<string, FixtureValues> = {};
const UNITS: UnitDto[] = [
  { code: "52-01", name: "Phòng THADS khu vực 1 - Gia Lai", kind: "regional_office", level: "office", parentCode: "52", path: "/VN/52/52-01/", reporting: true, validFrom: "2019-10-01", validTo: null, successorCode: null },
];

beforeAll(async () => {
  for (const name of NAMES) fixtures[name] = await readWorkbookValues(join(DIR, name + ".xlsx"));
});

let installed: InstalledOffice | null = null;
afterEach(() => {
  if (installed) installed.uninstall();
  installed = null;
});

/** The clerk's workbook opened in Excel (ExcelApi 1.1), read by the add-in in one sync. */
async function openInExcel(name: string): Promise<SheetValues> {
  installed = installFakeOffice(globalThis, { apiLevel: "1.1" });
  const fx = fixtures[name]!;
  await Excel.run(async (ctx) => {
    const sheet = ctx.workbook.worksheets.add("Clerk");
    const address = rangeAddress({ top: fx.origin.row + 1, left: fx.origin.col + 1, bottom: fx.origin.row + fx.values.length, right: fx.origin.col + (fx.values[0] || []).length });
    sheet.getRange(address).values = fx.values.map((row) => row.map((v) => (typeof v === "string" && v !== "" ? "'" + v : v))) as never;
    sheet.activate();
    await ctx.sync();
  });
  const wb = installed.workbook;
  const before = wb.syncCount;
  const sheet = await createFormSheets().readActiveSheetValues();
  expect(wb.syncCount - before).toBe(1);
  return sheet;
}

/**
 * The corpus sheets are in the layout of the first reconstruction (hoãn / khác inside có điều
 * kiện, no thu hồi or separate book): the review is of a report of a period that layout was in
 * force for. Read for a later period, the same sheet asks the clerk to confirm every column
 * (its numbering is not the layout's): tested below.
 */
const FIRST_LAYOUT_PERIOD = "2024-06";

function review(sheet: SheetValues, picks: SheetPicks = {}, period = FIRST_LAYOUT_PERIOD) {
  const all = recognizeAt(sheet, BUILT_IN_FORMS, period);
  if (!all.recognised) throw new Error(all.reasons.map((r) => r.message.vi).join("\n"));
  const rec: FormRecognition = pickTable(all, picks);
  const choices = chooseFor(rec, sheet, UNITS, "2026-10", picks);
  return { all, rec, choices, review: mappingReview(sheet, all, rec, choices, picks), values: recognizedValues(sheet, rec, choices) };
}

describe("the mapping a clerk reviews before sending", () => {
  it("shows each column's header, the field it became, the row's cell and the figure sent; money in đồng waits for the clerk's acknowledgement", async () => {
    const sheet = await openInExcel("tien-dong");
    const r = review(sheet);
    expect(r.review.unitText).toBe("Đơn vị tính: đồng (ô L3) → nghìn đồng: chia cho 1.000");
    expect(r.review.columns.slice(0, 2).map((c) => [c.letter, c.header, c.fieldText, c.cellValue, c.sentValue])).toEqual([
      ["C", "Tổng số thụ lý", "(1) Tổng số thụ lý", "18.551.240.000", "18.551.240"],
      ["D", "Năm trước chuyển sang", "(2) Năm trước chuyển sang", "12.430.800.000", "12.430.800"],
    ]);
    expect(r.review.columns).toHaveLength(12);
    expect(r.review.pending).toEqual(["Hãy xác nhận đã đọc thông báo đổi đơn vị tính."]);
    expect(r.values).toMatchObject({ tong_thu_ly: 18_551_240, thi_hanh_xong: 3_402_100 });
    const ack = r.review.acknowledgements[0]!;
    const after = review(sheet, withReviewChange({}, r.review.tableKey, { kind: "acknowledge", key: ack.key, on: true }));
    expect(after.review.pending).toEqual([]);
    expect(after.review.acknowledgements[0]!.done).toBe(true);
  });

  it("asks the clerk to confirm every column when the numbering and the labels disagree, and will not send until each is confirmed", async () => {
    const sheet = await openInExcel("thu-tu-rieng");
    const r = review(sheet);
    expect(r.review.needsConfirmation).toBe(true);
    expect(r.review.pending).toEqual(["Hãy xác nhận từng cột (còn 11 cột chưa xác nhận)."]);
    let picks: SheetPicks = {};
    for (const c of r.review.columns.slice(0, 10)) picks = withReviewChange(picks, r.review.tableKey, { kind: "confirm", key: c.confirmKey, on: true });
    expect(review(sheet, picks).review.pending).toEqual(["Hãy xác nhận từng cột (còn 1 cột chưa xác nhận)."]);
    const last = r.review.columns[10]!;
    picks = withReviewChange(picks, r.review.tableKey, { kind: "confirm", key: last.confirmKey, on: true });
    expect(review(sheet, picks).review.pending).toEqual([]);
    // "Đình chỉ", numbered 9, is Đình chỉ — by its label — and the clerk has seen so.
    expect(r.review.columns.find((c) => c.header === "Đình chỉ")!.field).toBe("dinh_chi");
  });

  it("lets the clerk give a field to columns, several columns summing into one field", async () => {
    const sheet = await openInExcel("hoan-tam-khac");
    const r = review(sheet);
    expect(r.values.hoan_co_dk).toBeUndefined();
    const parts = r.review.columns.filter((c) => c.status === "part");
    expect(parts.map((c) => c.header)).toEqual(["Có điều kiện thi hành › Hoãn", "Có điều kiện thi hành › Tạm đình chỉ", "Có điều kiện thi hành › Khác"]);
    let picks: SheetPicks = {};
    for (const c of parts) picks = withReviewChange(picks, r.review.tableKey, { kind: "column", col: c.col, field: "hoan_co_dk" });
    const after = review(sheet, picks);
    // Khu vực 6: hoãn 5 + tạm đình chỉ 2 + khác 4.
    expect(after.values.hoan_co_dk).toBe(11);
    expect(after.review.columns.filter((c) => c.field === "hoan_co_dk").map((c) => c.status)).toEqual(["clerk", "clerk", "clerk"]);
    expect(validateForm(after.rec.form, after.values).findings).toEqual([]);
    // The numbering still disagreed with the labels: the other columns wait for confirmation.
    expect(after.review.pending).toEqual(["Hãy xác nhận từng cột (còn 10 cột chưa xác nhận)."]);
  });

  it("offers both forms of a Việc/Tiền table, and the clerk can pick the money one", async () => {
    const sheet = await openInExcel("viec-tien");
    const r = review(sheet);
    expect(r.review.tables.map((t) => t.label)).toEqual([
      "Mẫu số 01/TK-THA – Kết quả thi hành án dân sự tính bằng việc (bảng ở dòng 4, cột Việc)",
      "Mẫu số 02/TK-THA – Kết quả thi hành án dân sự tính bằng tiền (bảng ở dòng 4, cột Tiền)",
    ]);
    expect(r.rec.form.id).toBe("01");
    // The money columns are listed in the cases form too, as the other form's.
    expect(r.review.columns.find((c) => c.letter === "D")).toMatchObject({ header: "Tổng số thụ lý › Tiền (đồng)", editable: false, fieldText: "thuộc biểu còn lại của bảng (cột đơn vị khác)" });
    const money = review(sheet, withReviewChange({}, r.review.tableKey, { kind: "table", key: r.review.tables[1]!.key }));
    expect(money.rec.form.id).toBe("02");
    expect(money.values).toMatchObject({ tong_thu_ly: 18_551_240, giam: 0 });
    expect(money.review.pending).toEqual(["Hãy xác nhận đã đọc thông báo đổi đơn vị tính."]);
  });

  it("asks which unit the money is in when the sheet does not say and every amount is a multiple of 1.000", async () => {
    const sheet = await openInExcel("tien-khong-don-vi");
    const r = review(sheet);
    expect(r.review.unitChoice!.value).toBe("nghin_dong");
    expect(r.review.pending).toEqual(["Hãy chọn đơn vị tính của tiền trên trang tính."]);
    const dong = review(sheet, withReviewChange({}, r.review.tableKey, { kind: "money", scale: "dong" }));
    expect(dong.values).toMatchObject({ tong_thu_ly: 18_551_240 });
    expect(dong.review.pending).toEqual(["Hãy xác nhận đã đọc thông báo đổi đơn vị tính."]);
  });

  it("offers only units and totals as the row to send: subtotals, breakdowns and comparisons are not offered", async () => {
    const sheet = await openInExcel("viet-tat-nhom");
    const r = review(sheet);
    expect(rowOptions(r.rec, sheet.origin).map((o) => [o.sheetRow, o.label, o.total])).toEqual([
      [8, "Văn phòng THADS tỉnh", false], [11, "Phòng THADS khu vực 1", false], [12, "Phòng THADS khu vực 2", false],
      [13, "Phòng THADS khu vực 3", false], [14, "Tổng cộng", true],
    ]);
    // "Phòng THADS khu vực 1" names the clerk's unit.
    expect(r.choices.row).toMatchObject({ value: 11, source: "sheet" });
    expect(r.review.pending).toEqual([]);
  });

  it("reads the same old sheet for a period after 26/7/2024 only with the clerk confirming every column: its numbering is not the layout in force", async () => {
    const sheet = await openInExcel("so-dang-chu");
    const r = review(sheet, {}, "2026-09");
    expect(r.rec.form.regime).toBe("TT05_2026");
    expect(r.review.pending).toEqual(["Hãy xác nhận từng cột (còn 11 cột chưa xác nhận)."]);
    // The fields the old layout lacks are missing, never zero.
    expect(validateForm(r.rec.form, r.values).findings.map((f) => f.code + ":" + f.fields.join(","))).toEqual(
      expect.arrayContaining(["missing_value:thu_hoi_huy", "missing_value:so_theo_doi_rieng"]),
    );
  });

  it("says how each figure typed as text was read", async () => {
    const sheet = await openInExcel("so-dang-chu");
    const r = review(sheet);
    expect(r.choices.row.value).toBe(6);
    expect(r.review.notices).toContain('Ô D6 ghi số dạng chữ "1.450": đọc là 1.450.');
    expect(r.review.columns.find((c) => c.letter === "F")).toMatchObject({ header: "Ủy thác", cellValue: "-", sentValue: "0" });
    expect(r.review.pending).toEqual([]);
  });
});
