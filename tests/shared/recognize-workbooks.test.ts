import ExcelJS from "exceljs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BUILT_IN_FORMS } from "../../shared/forms";
import { readRow, recognizeForm, toFormValues, type FormRecognition, type RecognitionResult } from "../../shared/recognize";
import { validateForm } from "../../shared/validate";
import { readWorkbookValues, bytesToValues, type SheetValues } from "../fixtures/workbooks/read";
import { renderXlsx } from "../../worker/src/xlsx";
import { FORM_02, PROVINCE_MONEY, scenarioComparison } from "../fixtures/reports";
import { layoutRollup } from "../../shared/reports/comparison/sheet";

/**
 * Workbooks made outside this project: written as flat ODS in the layouts clerks use and
 * saved as .xlsx by LibreOffice (tests/fixtures/workbooks/make.mjs), read back into the
 * values Office.js would give the add-in (merged areas: value in the top-left cell only).
 */

const DIR = join(__dirname, "../fixtures/workbooks");
const sheets: Record<string, SheetValues> = {};
const results: Record<string, RecognitionResult> = {};
const NAMES = ["01-clean", "02-merged-header", "01-lower-blank-totals", "01-no-diacritics", "03-other-form", "01-extra-columns", "01-offset-numbers"];

beforeAll(async () => {
  for (const name of NAMES) {
    const s = await readWorkbookValues(join(DIR, `${name}.xlsx`));
    sheets[name] = s;
    results[name] = recognizeForm(s.values, BUILT_IN_FORMS, { origin: s.origin });
  }
});

function ok(name: string): FormRecognition {
  const r = results[name] as RecognitionResult;
  if (!r.recognised) throw new Error(`${name}: ${r.reasons.map((x) => x.message.en).join("\n")}`);
  return r;
}

/** Findings of every data row, by its label: what the add-in would show after reading the sheet. */
function findings(name: string): Record<string, string[]> {
  const r = ok(name);
  const out: Record<string, string[]> = {};
  for (const row of r.dataRows) {
    out[row.label] = validateForm(r.form, toFormValues(sheets[name]!.values, r, row.row)).findings.map((f) => `${f.code}:${f.fields.join("+")}`);
  }
  return out;
}

/** Form 01 as in force from 26/7/2024, in the order of its columns. */
const ALL_01 = [
  "tong_thu_ly", "nam_truoc_chuyen_sang", "thu_ly_moi", "uy_thac", "thu_hoi_huy", "phai_thi_hanh", "co_dieu_kien", "thi_hanh_xong", "dinh_chi",
  "dang_thi_hanh", "chua_co_dieu_kien", "hoan_tam_dinh_chi", "so_theo_doi_rieng",
];

describe("recognising clerks' own workbooks", () => {
  it("clean layout: title, column numbers, every column, three offices and the total", () => {
    const r = ok("01-clean");
    expect(r.form.id).toBe("01");
    expect(Object.keys(r.columns)).toEqual(ALL_01);
    expect(r.dataRows.map((d) => [d.label, d.kind])).toEqual([
      ["Phòng THADS khu vực 1", "unit"], ["Phòng THADS khu vực 2", "unit"], ["Phòng THADS khu vực 3", "unit"], ["Tổng cộng", "total"],
    ]);
    expect(r.unmapped).toEqual({ labels: [], fields: [] });
    expect(r.confidence).toBe(1);
    expect(Object.values(findings("01-clean")).flat()).toEqual([]);
  });

  it("merged two-row header of form 02, regime read from the sheet", () => {
    const r = ok("02-merged-header");
    expect(r.form.id).toBe("02");
    expect(r.regime).toBe("TT05_2024");
    expect(r.reasons.find((x) => x.code === "regime_from_text")?.message.vi).toBe("Biểu theo Thông tư 05/2024/TT-BTP (ghi trên trang tính).");
    expect(r.headerRows).toEqual({ first: 6, last: 8 });
    expect(r.columns).toMatchObject({
      tong_thu_ly: 2, nam_truoc_chuyen_sang: 3, thu_hoi_huy: 6, co_dieu_kien: 8, giam: 11, chua_co_dieu_kien: 13, hoan_tam_dinh_chi: 14, so_theo_doi_rieng: 15,
    });
    expect(r.unmapped).toEqual({ labels: [], fields: [] });
    expect(r.dataRows.map((d) => d.kind)).toEqual(["unit", "unit", "total"]);
    expect(Object.values(findings("02-merged-header")).flat()).toEqual([]);
  });

  it("form lower on the sheet, a blank column inside it, blank rows, the total first and signatures below", () => {
    const r = ok("01-lower-blank-totals");
    const { origin } = sheets["01-lower-blank-totals"]!;
    // the table's top-left cell is C14 on the sheet
    expect({ row: origin.row + r.anchor.row, col: origin.col + r.anchor.col }).toEqual({ row: 13, col: 2 });
    expect(r.reasons.find((x) => x.code === "title_found")?.params.cell).toBe("C10");
    expect(r.columns.uy_thac! + 2).toBe(r.columns.thu_hoi_huy); // the blank column is skipped
    expect(r.dataRows.map((d) => [d.label, d.kind])).toEqual([
      ["TỔNG CỘNG", "total"], ["Phòng THADS khu vực 1", "unit"], ["Phòng THADS khu vực 2", "unit"], ["Phòng THADS khu vực 3", "unit"],
    ]);
    // the totals row holds SUM formulas: the add-in reads their results
    const total = toFormValues(sheets["01-lower-blank-totals"]!.values, r, r.dataRows[0]!.row);
    expect(total).toMatchObject({ tong_thu_ly: 710, thi_hanh_xong: 490 });
    expect(r.unmapped).toEqual({ labels: [], fields: [] });
  });

  it("labels without diacritics, with odd spacing and line breaks, and no column numbers", () => {
    const r = ok("01-no-diacritics");
    expect(r.form.id).toBe("01");
    expect(r.numberRow).toBeNull();
    expect(Object.keys(r.columns)).toEqual(ALL_01.filter((k) => k !== "hoan_tam_dinh_chi"));
    expect(r.mappings.every((m) => m.by === "label")).toBe(true);
    expect(r.confidence).toBeLessThan(1);
    // "Hoan thi hanh an" names one part of "Hoãn, tạm đình chỉ, khác": asked, not assumed.
    expect(r.questions.map((q) => q.code)).toEqual(["field_part_only"]);
    // "1.234" typed as text in thi hành xong is read as 1234 in Vietnamese notation, and said.
    const row = r.dataRows.find((d) => d.label === "Phong THADS khu vuc 2")!;
    expect(readRow(sheets["01-no-diacritics"]!.values, r, row.row).notices.map((n) => n.code)).toEqual(["value_text"]);
    expect(toFormValues(sheets["01-no-diacritics"]!.values, r, row.row).thi_hanh_xong).toBe(1234);
    expect(findings("01-no-diacritics")["Phong THADS khu vuc 2"]).not.toContain("not_a_number:thi_hanh_xong");
    expect(findings("01-no-diacritics")["Phong THADS khu vuc 2"]).toContain("missing_value:hoan_tam_dinh_chi");
    expect(findings("01-no-diacritics")["Phong THADS khu vuc 1"]).toEqual(["missing_value:hoan_tam_dinh_chi"]);
  });

  it("a sheet headed Mẫu số 03 whose columns are not those of form 03 is not recognised, and says how few matched", () => {
    // Form 03 (collections for the state budget) is a built-in form since the monthly set became
    // data; this sheet's own columns (số phải thu, đã thu, còn phải thu) are not its layout.
    const r = results["03-other-form"]!;
    expect(r.recognised).toBe(false);
    expect(r.reasons.slice(0, 2).map((x) => x.message.vi)).toEqual([
      "Không nhận ra biểu mẫu nào (Mẫu số 01, Mẫu số 02, Mẫu số 03, Mẫu số 04, Mẫu số 05, Mẫu số 06, Mẫu số 08, Mẫu số 12) trong trang tính.",
      "Chỉ ghép được 1/11 cột của Mẫu số 03 (Kết quả thi hành các khoản thu cho ngân sách nhà nước); cần ít nhất 6.",
    ]);
  });

  it("an office's own columns and a deleted column are reported, not guessed", () => {
    const r = ok("01-extra-columns");
    expect(r.unmapped.fields).toEqual(["uy_thac"]);
    expect(r.unmapped.labels.map((u) => [u.text, u.number])).toEqual([["Số việc xác minh điều kiện", null], ["Ghi chú", 14]]);
    expect(r.reasons.filter((x) => x.code === "field_unmapped").map((x) => x.message.vi)).toEqual(['Không tìm thấy cột "Ủy thác" (cột 4 của biểu mẫu).']);
    // the missing column is missing for validateForm too
    expect(findings("01-extra-columns")["Phòng THADS khu vực 1"]).toContain("missing_value:uy_thac");
  });

  it("text columns numbered too: the offset is found from the labels; the TK-THA code names TT 06/2019", () => {
    const r = ok("01-offset-numbers");
    expect(r.regime).toBe("TT06_2019");
    expect(r.reasons.find((x) => x.code === "numbers_offset")?.params.offset).toBe("-2");
    expect(r.mappings.every((m) => m.by === "number+label")).toBe(true);
    expect(Object.values(findings("01-offset-numbers")).flat()).toEqual([]);
  });

  it("an old workbook (9 months of 2024) is read with the definition in force for its period: the first reconstruction, hoãn / khác inside có điều kiện", () => {
    const s = sheets["01-offset-numbers"]!;
    const r = recognizeForm(s.values, BUILT_IN_FORMS, { origin: s.origin, asOf: "2024-06-30" });
    if (!r.recognised) throw new Error(r.reasons.map((x) => x.message.en).join("\n"));
    expect(r.form.validFrom).toBe("2020-01-05");
    expect(r.columns.hoan_co_dk).toBeDefined();
    expect(r.form.fields.map((f) => f.key)).not.toContain("thu_hoi_huy");
    const values = toFormValues(s.values, r, r.dataRows[0]!.row);
    expect(values).toMatchObject({ phai_thi_hanh: 344, co_dieu_kien: 305, hoan_co_dk: 5, chua_co_dieu_kien: 39 });
    expect(validateForm(r.form, values).findings).toEqual([]);
  });

  it("a new workbook (12 months of 2026) is read with the definition in force for its period: thu hồi, hủy, the third bucket and the separate book", () => {
    const s = sheets["01-clean"]!;
    const r = recognizeForm(s.values, BUILT_IN_FORMS, { origin: s.origin, asOf: "2026-09-30" });
    if (!r.recognised) throw new Error(r.reasons.map((x) => x.message.en).join("\n"));
    expect(r.form.regime).toBe("TT05_2026");
    const total = r.dataRows.find((d) => d.kind === "total")!;
    expect(toFormValues(s.values, r, total.row)).toMatchObject({
      thu_hoi_huy: 1, phai_thi_hanh: 700, co_dieu_kien: 593, chua_co_dieu_kien: 96, hoan_tam_dinh_chi: 11, so_theo_doi_rieng: 54,
    });
  });
});

describe("recognising the Worker's own download", () => {
  it("reads the roll-up workbook back as form 02 and reports its extra columns", async () => {
    const money = scenarioComparison(PROVINCE_MONEY);
    const layout = layoutRollup(money, { form: FORM_02, source: { server: "thads.example.gov.vn" } });
    const { values, origin } = await bytesToValues(await renderXlsx(layout, money.generatedAt), layout.sheetName);
    const r = recognizeForm(values, BUILT_IN_FORMS, { origin, asOf: "2026-09-30" });
    if (!r.recognised) throw new Error(r.reasons.map((x) => x.message.en).join("\n"));
    expect(r.form.id).toBe("02");
    expect(r.unmapped.fields).toEqual([]);
    expect(r.unmapped.labels.map((u) => u.text)).toEqual([
      "Tỷ lệ thi hành xong về tiền (%)", "Chỉ tiêu (%)", "So với chỉ tiêu (điểm)", "Chuyển kỳ sau (nghìn đồng)", "Ghi chú",
    ]);
    expect(r.dataRows.map((d) => d.kind)).toEqual(["unit", "unit", "total"]);
    for (const d of r.dataRows) expect(validateForm(r.form, toFormValues(values, r, d.row)).findings).toEqual([]);
  });
});

describe("the fixture reader", () => {
  it("reads a formula as its cached result, 0 included, as Office.js gives it", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Mau");
    ws.getCell("A1").value = 5;
    ws.getCell("B1").value = { formula: "A1-5", result: 0 } as ExcelJS.CellFormulaValue;
    ws.getCell("C1").value = { formula: "A1+1", result: 6 } as ExcelJS.CellFormulaValue;
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    expect((await bytesToValues(bytes, "Mau")).values).toEqual([[5, 0, 6]]);
  });
});
