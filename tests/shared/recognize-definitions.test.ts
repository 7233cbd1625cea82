import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BUILT_IN_FORMS } from "../../shared/forms";
import type { FieldDefinition, FormDefinition } from "../../shared/forms/types";
import { readRow, recognizeForm, type FormRecognition } from "../../shared/recognize";
import { readWorkbookValues, type SheetValues } from "../fixtures/workbooks/read";
import { judge, type Expected } from "./recognize-judge";
import { validateForm } from "../../shared/validate";

/**
 * Recognition reads the fields from the definition it is given, never from a list of its
 * own: the built-in definition in force for 2025 (thu hồi/hủy quyết định, the third bucket
 * "hoãn, tạm đình chỉ, khác", the separate book) maps the published layout, and so does a
 * definition the recogniser has never seen, with other column numbers.
 */

const DIR = join(__dirname, "../fixtures/workbooks/corpus");
let sheet: SheetValues;
let truth: Expected;

beforeAll(async () => {
  truth = JSON.parse(readFileSync(join(DIR, "mau-2025.expected.json"), "utf8")) as Expected;
  sheet = await readWorkbookValues(join(DIR, "mau-2025.xlsx"), truth.sheet);
});

function field(key: string, vi: string, column: number, extra: Partial<FieldDefinition> = {}): FieldDefinition {
  return { key, label: { vi, en: key }, column, valueType: "count", kind: "input", ...extra };
}

/** Form 01 as the 2025 figures describe it (docs/domain.md): a definition the recogniser has never seen. */
function form2025(): FormDefinition {
  const base = BUILT_IN_FORMS.find((f) => f.id === "01" && f.validTo === null)!;
  return {
    ...base,
    fields: [
      field("tong_thu_ly", "Tổng số thụ lý", 1, { kind: "derived", formula: "{nam_truoc_chuyen_sang} + {thu_ly_moi}" }),
      field("nam_truoc_chuyen_sang", "Năm trước chuyển sang", 2),
      field("thu_ly_moi", "Thụ lý mới", 3),
      field("uy_thac", "Ủy thác", 4),
      field("thu_hoi_huy", "Thu hồi, hủy quyết định thi hành án", 5),
      field("phai_thi_hanh", "Tổng số phải thi hành", 6, { kind: "derived", formula: "{tong_thu_ly} - {uy_thac} - {thu_hoi_huy}" }),
      field("co_dieu_kien", "Có điều kiện thi hành", 7),
      field("thi_hanh_xong", "Thi hành xong", 8),
      field("dinh_chi", "Đình chỉ thi hành án", 9),
      field("dang_thi_hanh", "Đang thi hành", 10),
      field("hoan_co_dk", "Hoãn (theo thỏa thuận) / khác", 11),
      field("chua_co_dieu_kien", "Chưa có điều kiện thi hành", 12),
      field("hoan_tam_dinh_chi", "Hoãn, tạm đình chỉ, khác", 13),
      field("so_theo_doi_rieng", "Chưa có điều kiện đã chuyển sổ theo dõi riêng", 14),
    ],
    rules: [],
  };
}

function only(values: unknown[][], forms: FormDefinition[]): FormRecognition {
  const r = recognizeForm(values, forms, { origin: sheet.origin });
  if (!r.recognised) throw new Error(r.reasons.map((x) => x.message.en).join("\n"));
  return r;
}

/** Sheet row 8: the province's total. */
const ROW = 8;

describe("recognition follows the form definition it is given", () => {
  it("with the built-in definition in force for 9 months of 2025, every column maps (the three-part bucket summed) and the published figures pass its rules", () => {
    const r = recognizeForm(sheet.values, BUILT_IN_FORMS, { origin: sheet.origin, asOf: "2025-06-30" });
    if (!r.recognised) throw new Error(r.reasons.map((x) => x.message.en).join("\n"));
    expect(judge(sheet.values, sheet.origin, truth, BUILT_IN_FORMS).silent).toEqual([]);
    expect(r.form.validFrom).toBe("2024-07-26");
    expect(r.unmapped.fields).toEqual([]);
    // The separate book is not "Chưa có điều kiện thi hành"; hoãn, tạm đình chỉ and khác make the third bucket.
    expect(r.columns).toMatchObject({ thu_hoi_huy: 6, chua_co_dieu_kien: 12, so_theo_doi_rieng: 16 });
    expect(r.sums.hoan_tam_dinh_chi).toEqual([13, 14, 15]);
    const d = r.dataRows.find((x) => sheet.origin.row + x.row + 1 === ROW)!;
    const read = readRow(sheet.values, r, d.row).values;
    expect(read).toEqual(truth.tables[0]!.values[String(ROW)]);
    expect(validateForm(r.form, read).findings).toEqual([]);
  });

  it("with a definition that has them, thu hồi/hủy, the separate book and the three-part bucket (summed) are mapped from its labels", () => {
    const def = form2025();
    // Without the sheet's own numbering (which is not this definition's), the labels settle every column.
    const values = sheet.values.map((row, i) => (sheet.origin.row + i + 1 === 7 ? row.map(() => "") : row));
    const r = only(values, [def]);
    expect(r.questions).toEqual([]);
    expect(r.columns).toMatchObject({ thu_hoi_huy: 6, chua_co_dieu_kien: 12, so_theo_doi_rieng: 16 });
    expect(r.sums.hoan_tam_dinh_chi).toEqual([13, 14, 15]);
    expect(r.reasons.map((x) => x.message.vi)).toContain('"Hoãn, tạm đình chỉ, khác" được tính bằng tổng các cột N6 + O6 + P6, đúng các phần mà biểu mẫu liệt kê.');
    const d = r.dataRows.find((x) => sheet.origin.row + x.row + 1 === ROW)!;
    const read = readRow(values, r, d.row).values;
    const want = truth.tables[0]!.values[String(ROW)]!;
    for (const key of Object.keys(read)) expect([key, read[key]]).toEqual([key, want[key]]);
    expect(Object.keys(read).sort()).toEqual(Object.keys(want).sort());
  });

  it("with the sheet's numbering, which is not that definition's either, the labels still map and the clerk is asked to confirm", () => {
    const r = only(sheet.values, [form2025()]);
    expect(r.questions.map((q) => q.code)).toContain("numbers_distrusted");
    expect(r.sums.hoan_tam_dinh_chi).toEqual([13, 14, 15]);
  });
});
