import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BUILT_IN_FORMS } from "../../shared/forms";
import { readRow, recognizeForm, type FormRecognition } from "../../shared/recognize";
import type { FormDefinition } from "../../shared/forms/types";
import { validateForm } from "../../shared/validate";
import { readWorkbookValues, type SheetValues } from "../fixtures/workbooks/read";
import { judge, type Expected } from "./recognize-judge";

/**
 * One test per defect listed in issue 15, each on a workbook of the corpus (made with
 * LibreOffice, truth beside it). Each of these failed before recognition learnt units, row
 * roles, Việc/Tiền tables and the rest.
 */

const DIR = join(__dirname, "../fixtures/workbooks/corpus");
const sheets: Record<string, SheetValues> = {};
const truth: Record<string, Expected> = {};
const NAMES = ["tien-dong", "viec-tien", "thu-tu-rieng", "hoan-tam-khac", "viet-tat-nhom", "so-dang-chu", "so-la-ma", "hai-bieu"];

beforeAll(async () => {
  for (const name of NAMES) {
    truth[name] = JSON.parse(readFileSync(join(DIR, name + ".expected.json"), "utf8")) as Expected;
    sheets[name] = await readWorkbookValues(join(DIR, name + ".xlsx"), truth[name].sheet);
  }
});

function tables(name: string, forms: readonly FormDefinition[] = BUILT_IN_FORMS, asOf?: string): FormRecognition[] {
  const s = sheets[name]!;
  const r = recognizeForm(s.values, forms, asOf ? { origin: s.origin, asOf } : { origin: s.origin });
  if (!r.recognised) throw new Error(name + ": " + r.reasons.map((x) => x.message.en).join("\n"));
  return [r, ...r.others];
}

function silent(name: string): string[] {
  const s = sheets[name]!;
  return judge(s.values, s.origin, truth[name]!, BUILT_IN_FORMS).silent;
}

/** Sheet row (1-based) → the recognised row's kind. */
function kinds(name: string, t: FormRecognition): Record<number, string> {
  const out: Record<number, string> = {};
  for (const d of t.dataRows) out[sheets[name]!.origin.row + d.row + 1] = d.kind;
  return out;
}

function unitRow(name: string, t: FormRecognition, sheetRow: number): number {
  const d = t.dataRows.find((x) => sheets[name]!.origin.row + x.row + 1 === sheetRow);
  if (!d) throw new Error(`${name}: row ${sheetRow} not found`);
  return d.row;
}

describe("issue 15: what recognition got wrong without saying so", () => {
  it("money in đồng (“Đơn vị tính: đồng”) is converted into nghìn đồng exactly, and the clerk must acknowledge it", () => {
    const [t] = tables("tien-dong");
    expect(t!.form.id).toBe("02");
    expect(t!.money).toMatchObject({ scale: "dong", source: "sheet" });
    expect(t!.acknowledge.map((a) => a.message.vi)).toEqual([
      "Tiền trên trang tính tính bằng đồng; biểu mẫu tính bằng nghìn đồng: mọi số tiền được chia cho 1.000 (chỉ khi đổi được chính xác). Hãy xác nhận trước khi gửi.",
    ]);
    const read = readRow(sheets["tien-dong"]!.values, t!, unitRow("tien-dong", t!, 6));
    expect(read.values).toEqual(truth["tien-dong"]!.tables[0]!.values["6"]);
    expect(validateForm(t!.form, read.values).findings).toEqual([]);
    expect(silent("tien-dong")).toEqual([]);
  });

  it("a table with Việc / Tiền under each label gives both forms, each from its own columns; the Việc/Tiền row is not data", () => {
    const found = tables("viec-tien");
    expect(found.map((t) => [t.form.id, t.table.view])).toEqual([["01", "count"], ["02", "money"]]);
    const [cases, money] = found as [FormRecognition, FormRecognition];
    // Columns C, E, G… count cases; D, F, H… count money (E is "Năm trước chuyển sang / Việc").
    expect(cases.columns).toMatchObject({ tong_thu_ly: 2, nam_truoc_chuyen_sang: 4 });
    expect(money.columns).toMatchObject({ tong_thu_ly: 3, nam_truoc_chuyen_sang: 5, giam: 18 });
    // The money columns are not ignored without a word in the cases form, nor the reverse.
    expect(cases.columnReport.filter((c) => c.status === "other").length).toBe(12);
    expect(money.columnReport.filter((c) => c.status === "other").length).toBe(11);
    expect(cases.unmapped.fields).toEqual([]);
    expect(money.unmapped.fields).toEqual([]);
    for (const t of found) expect(kinds("viec-tien", t)[5]).toBeUndefined();
    expect(readRow(sheets["viec-tien"]!.values, money, unitRow("viec-tien", money, 7)).values).toEqual(truth["viec-tien"]!.tables[1]!.values["7"]);
    expect(silent("viec-tien")).toEqual([]);
  });

  it("a column numbered 9 labelled “Đình chỉ” is not mapped to “Đang thi hành” by its number: the clerk is asked", () => {
    const [t] = tables("thu-tu-rieng");
    const col = t!.columnReport.find((c) => c.header === "Đình chỉ")!;
    expect(col.number).toBe(9);
    expect(col.field).not.toBe("dang_thi_hanh");
    expect(t!.questions.map((q) => q.code)).toContain("numbers_distrusted");
    expect(silent("thu-tu-rieng")).toEqual([]);
  });

  it("hoãn / tạm đình chỉ / khác in three columns: no part is taken for the whole field", () => {
    // The defect was against the first reconstruction, whose "Hoãn (theo thỏa thuận) / khác" has two parts, not three.
    const first = BUILT_IN_FORMS.filter((f) => f.regime === "TT06_2019");
    const [t] = tables("hoan-tam-khac", first);
    expect(t!.columns.hoan_co_dk).toBeUndefined();
    expect(t!.columnReport.filter((c) => c.status === "part").map((c) => c.header)).toEqual([
      "Có điều kiện thi hành › Hoãn", "Có điều kiện thi hành › Tạm đình chỉ", "Có điều kiện thi hành › Khác",
    ]);
    expect(t!.questions.map((q) => q.code)).toContain("field_partial");
    expect(silent("hoan-tam-khac")).toEqual([]);
  });

  it("the same three columns, read for a period after 26/7/2024, are the third bucket; the sheet's có điều kiện, which still counts them, is flagged", () => {
    const s = sheets["hoan-tam-khac"]!;
    const [t] = tables("hoan-tam-khac", BUILT_IN_FORMS, "2025-12-31");
    expect(t!.sums.hoan_tam_dinh_chi).toHaveLength(3);
    const row = unitRow("hoan-tam-khac", t!, 7);
    const values = readRow(s.values, t!, row).values;
    expect(values.hoan_tam_dinh_chi).toBe(11);
    // Có điều kiện on this old sheet includes the 11: the identities of the layout in force say so on its cell.
    const errors = validateForm(t!.form, values).findings.filter((f) => f.severity === "error");
    // The old sheet has no thu hồi, hủy or separate-book column: missing, said, never taken as 0.
    expect(errors.map((f) => f.ruleId ?? f.code + ":" + f.fields.join(","))).toEqual([
      "missing_value:thu_hoi_huy", "missing_value:so_theo_doi_rieng", "01.R4", "01.R5",
    ]);
    expect(errors[2]!.fields).toContain("co_dieu_kien");
  });

  it("a group's subtotal (groups numbered I, II) is checked against its rows and never offered as a unit", () => {
    const [t] = tables("viet-tat-nhom");
    expect(t!.dataRows.find((d) => d.group === "II")).toMatchObject({ kind: "subtotal", checked: true, label: "Các Phòng THADS khu vực" });
    // Group I has no rows under it: it is the province's own office, a unit.
    expect(t!.dataRows.find((d) => d.group === "I")).toMatchObject({ kind: "unit", label: "Văn phòng THADS tỉnh" });
    expect(silent("viet-tat-nhom")).toEqual([]);
  });

  it("a “Trong đó: …” row is a breakdown, not a unit", () => {
    const [t] = tables("viet-tat-nhom");
    expect(kinds("viet-tat-nhom", t!)[9]).toBe("breakdown");
  });

  it("“Cùng kỳ năm trước” and “Tăng (+), giảm (-)” rows are comparisons, not units", () => {
    const [t] = tables("viet-tat-nhom");
    expect([kinds("viet-tat-nhom", t!)[15], kinds("viet-tat-nhom", t!)[16]]).toEqual(["comparison", "comparison"]);
  });

  it.each([
    ["viet-tat-nhom", 7, "1=2+3"],
    ["so-dang-chu", 5, "Cột 1"],
    ["so-la-ma", 7, "I"],
    ["tien-dong", 5, "(1)"],
  ])("%s: the row of column numbers (row %i, written like “%s”) is the header's, never the first unit row", (name, numberRow) => {
    const [t] = tables(name);
    expect(t!.numberRow === null ? null : sheets[name]!.origin.row + t!.numberRow + 1).toBe(numberRow);
    expect(kinds(name, t!)[numberRow]).toBeUndefined();
    const first = t!.dataRows.find((d) => d.kind === "unit")!;
    expect(truth[name]!.tables[0]!.rows[String(sheets[name]!.origin.row + first.row + 1)]).toBe("unit");
  });

  it("a second form table on the same sheet is announced and can be chosen", () => {
    const found = tables("hai-bieu");
    expect(found.map((t) => t.form.id)).toEqual(["01", "02"]);
    // The sheet is in the first reconstruction's layout, whose code is written "Mẫu số 01/TK-THA".
    expect(found[0]!.reasons[0]!.message.vi).toBe("Trang tính có 2 biểu: Mẫu số 01/TK-THA (dòng 5–9); Mẫu số 02/TK-THA (dòng 14–18). Chọn biểu cần gửi.");
    expect(silent("hai-bieu")).toEqual([]);
  });

  it("everyday abbreviations (TS, THA, ĐK, CĐK, THX) are read as the labels they stand for", () => {
    const [t] = tables("viet-tat-nhom");
    expect(t!.unmapped.fields).toEqual([]);
    const by = Object.fromEntries(t!.mappings.map((m) => [m.header, [m.field, m.by]]));
    expect(by).toMatchObject({
      "TS thụ lý": ["tong_thu_ly", "number+label"], "TS phải THA": ["phai_thi_hanh", "number+label"], "Có ĐK": ["co_dieu_kien", "number+label"],
      "THX": ["thi_hanh_xong", "number+label"], "Đang THA": ["dang_thi_hanh", "number+label"], "CĐK": ["chua_co_dieu_kien", "number+label"],
    });
  });

  it("figures typed as text in Vietnamese notation (“1.450”, “-” for zero) are read exactly, each with a notice", () => {
    const [t] = tables("so-dang-chu");
    const read = readRow(sheets["so-dang-chu"]!.values, t!, unitRow("so-dang-chu", t!, 6));
    expect(read.values).toEqual(truth["so-dang-chu"]!.tables[0]!.values["6"]);
    expect(read.notices.map((n) => n.message.vi)).toContain('Ô D6 ghi số dạng chữ "1.450": đọc là 1.450.');
    expect(read.notices.map((n) => n.message.vi)).toContain('Ô F6 ghi "-": đọc là 0.');
    expect(read.refused).toEqual([]);
    expect(validateForm(t!.form, read.values).findings).toEqual([]);
  });
});
