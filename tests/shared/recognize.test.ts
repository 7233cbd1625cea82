import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BUILT_IN_FORMS } from "../../shared/forms";
import { fieldCells, foldDiacritics, normalizeText, readRow, recognizeForm, toFormValues, type FormRecognition, type RecognitionResult } from "../../shared/recognize";
import { validateForm } from "../../shared/validate";

const LABELS_01 = [
  "Tổng số thụ lý", "Năm trước chuyển sang", "Thụ lý mới", "Ủy thác", "Tổng số phải thi hành", "Có điều kiện thi hành",
  "Thi hành xong", "Đình chỉ thi hành án", "Đang thi hành", "Hoãn (theo thỏa thuận) / khác", "Chưa có điều kiện thi hành",
];
// 52-01's September: 205 thụ lý, 3 ủy thác, 202 phải thi hành, 170 có điều kiện (140 xong, 6 đình chỉ, 20 đang, 4 hoãn)
const ROW_01 = [205, 120, 85, 3, 202, 170, 140, 6, 20, 4, 32];
const TITLE_01 = "KẾT QUẢ THI HÀNH ÁN DÂN SỰ TÍNH BẰNG VIỆC";
const LABELS_PUBLISHED = [
  "Tổng số thụ lý", "Năm trước chuyển sang", "Thụ lý mới", "Ủy thác", "Thu hồi, hủy quyết định thi hành án", "Tổng số phải thi hành",
  "Có điều kiện thi hành", "Thi hành xong", "Đình chỉ thi hành án", "Đang thi hành", "Chưa có điều kiện thi hành",
  "Hoãn, tạm đình chỉ, khác", "Chưa có điều kiện đã chuyển sổ theo dõi riêng",
];

function ok(r: RecognitionResult): FormRecognition {
  if (!r.recognised) throw new Error(r.reasons.map((x) => x.message.en).join("\n"));
  return r;
}

const codes = (r: RecognitionResult) => r.reasons.map((x) => x.code);

describe("normalising labels", () => {
  it("folds case, diacritics, đ, punctuation and spacing to one form", () => {
    expect(normalizeText("TỔNG SỐ  THỤ LÝ")).toBe("tong so thu ly");
    expect(normalizeText("Đình chỉ\nthi hành án")).toBe("dinh chi thi hanh an");
    expect(normalizeText("  Hoãn (theo thỏa thuận) / khác ")).toBe("hoan theo thoa thuan khac");
    expect(normalizeText("Mẫu số 01/TK-THA")).toBe("mau so 01 tk tha");
    expect(normalizeText("Tổng\u00a0cộng")).toBe("tong cong");
  });

  it("reads decomposed text (base letter plus combining marks) like precomposed text", () => {
    const decomposed = "Thu\u0323 ly\u0301 mo\u031b\u0301i"; // "Thụ lý mới" pasted from a decomposing source
    expect(foldDiacritics(decomposed)).toBe("thu ly moi");
    expect(normalizeText(decomposed)).toBe(normalizeText("Thụ lý mới"));
  });
});

describe("recognising a form in the 2-D values the add-in reads", () => {
  const clean = [
    ["", TITLE_01, "", ""],
    [],
    ["STT", "Đơn vị", ...LABELS_01],
    ["A", "B", ...LABELS_01.map((_, i) => i + 1)],
    [1, "Phòng THADS khu vực 1", ...ROW_01],
    ["", "Tổng cộng", ...ROW_01],
  ];

  // The same office in the layout in force from 26/7/2024: thu hồi, hủy 1; 4 postponed outside có điều kiện; 11 in the separate book.
  const published = [
    ["", TITLE_01, "", ""],
    [],
    ["STT", "Đơn vị", ...LABELS_PUBLISHED],
    ["A", "B", ...LABELS_PUBLISHED.map((_, i) => i + 1)],
    [1, "Phòng THADS khu vực 1", 205, 120, 85, 3, 1, 201, 166, 140, 6, 20, 31, 4, 11],
  ];

  it("finds the title, the column numbers, maps every field and the data rows", () => {
    const r = ok(recognizeForm(clean, BUILT_IN_FORMS));
    expect(r.form.id).toBe("01");
    expect(r.title).toEqual({ row: 0, col: 1 });
    expect(r.numberRow).toBe(3);
    expect(r.anchor).toEqual({ row: 2, col: 0 });
    expect(r.columns).toMatchObject({ tong_thu_ly: 2, uy_thac: 5, thi_hanh_xong: 8, chua_co_dieu_kien: 12 });
    expect(r.mappings.every((m) => m.by === "number+label")).toBe(true);
    expect(r.dataRows).toEqual([
      { row: 4, label: "Phòng THADS khu vực 1", kind: "unit" },
      { row: 5, label: "Tổng cộng", kind: "total" },
    ]);
    expect(r.unmapped).toEqual({ labels: [], fields: [] });
    expect(r.confidence).toBe(1);
  });

  it("turns a recognised row into the values validateForm checks, with no finding for a valid row", () => {
    const r = ok(recognizeForm(clean, BUILT_IN_FORMS));
    const values = toFormValues(clean, r, 4);
    expect(values).toMatchObject({ tong_thu_ly: 205, thi_hanh_xong: 140, chua_co_dieu_kien: 32 });
    expect(validateForm(r.form, values).findings).toEqual([]);
    expect(fieldCells(r, 4).thi_hanh_xong).toEqual({ row: 4, col: 8 });
  });

  it("reads a figure typed as text exactly and says so, and passes empty cells on as missing", () => {
    const sheet = clean.map((row) => row.slice());
    (sheet[4] as unknown[])[8] = "140";
    (sheet[4] as unknown[])[9] = "";
    const r = ok(recognizeForm(sheet, BUILT_IN_FORMS));
    const reading = readRow(sheet, r, 4);
    expect(reading.values.thi_hanh_xong).toBe(140);
    expect(reading.notices.map((n) => n.message.vi)).toEqual(['Ô I5 ghi số dạng chữ "140": đọc là 140.']);
    const findings = validateForm(r.form, toFormValues(sheet, r, 4)).findings;
    expect(findings.filter((f) => f.code !== "rule_violated").map((f) => [f.code, f.fields])).toEqual([["missing_value", ["dinh_chi"]]]);
  });

  it("reads a merged two-row header, where only the top-left cell of a merged area has a value", () => {
    const sheet = [
      [TITLE_01],
      ["STT", "Đơn vị", "Tổng số thụ lý", "", "", "Ủy thác", "Tổng số phải thi hành", "Có điều kiện thi hành", "", "", "", "", "Chưa có điều kiện thi hành"],
      ["", "", "Tổng số", "Năm trước chuyển sang", "Thụ lý mới", "", "", "Tổng số", "Thi hành xong", "Đình chỉ", "Đang thi hành", "Hoãn", ""],
      [1, "Khu vực 1", ...ROW_01],
    ];
    const r = ok(recognizeForm(sheet, BUILT_IN_FORMS));
    expect(r.numberRow).toBeNull();
    expect(r.headerRows).toEqual({ first: 1, last: 2 });
    expect(r.columns).toEqual({
      tong_thu_ly: 2, nam_truoc_chuyen_sang: 3, thu_ly_moi: 4, uy_thac: 5, phai_thi_hanh: 6, co_dieu_kien: 7,
      thi_hanh_xong: 8, dinh_chi: 9, dang_thi_hanh: 10, chua_co_dieu_kien: 12,
    });
    // "Hoãn" alone is one of the two parts the form lists ("Hoãn (theo thỏa thuận) / khác"),
    // and no column number confirms it is the whole: the clerk is asked.
    expect(r.columnReport.find((c) => c.col === 11)).toMatchObject({ header: "Có điều kiện thi hành › Hoãn", status: "part", field: "hoan_co_dk" });
    expect(r.questions.map((q) => q.message.vi)).toEqual([
      'Cột L3 "Có điều kiện thi hành › Hoãn" chỉ là một phần của "Hoãn (theo thỏa thuận) / khác" (gồm: Hoãn, khác): chưa ghép. Hãy chọn cột cho chỉ tiêu này.',
    ]);
    expect(r.dataRows).toEqual([{ row: 3, label: "Khu vực 1", kind: "unit" }]);
  });

  it("tells form 02 from form 01 by its columns when the title is missing", () => {
    const labels02 = [...LABELS_01.slice(0, 8), "Giảm thi hành án", ...LABELS_01.slice(8)];
    const sheet = [["STT", "Đơn vị", ...labels02], ["A", "B", ...labels02.map((_, i) => i + 1)], [1, "Khu vực 1", 1, 1, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0]];
    const r = ok(recognizeForm(sheet, BUILT_IN_FORMS));
    expect(r.form.id).toBe("02");
    expect(r.columns.giam).toBe(10);
    expect(codes(r)).toContain("title_missing");
  });

  it("stops trusting the column numbers when strong labels contradict them, maps by label and asks the clerk", () => {
    const swapped = LABELS_01.slice();
    swapped[6] = "Đang thi hành";
    swapped[8] = "Thi hành xong";
    const sheet = [[TITLE_01], ["STT", "Đơn vị", ...swapped], ["A", "B", ...swapped.map((_, i) => i + 1)], [1, "Khu vực 1", ...ROW_01]];
    const r = ok(recognizeForm(sheet, BUILT_IN_FORMS));
    // The labels decide, for every column: the numbering is not the form's.
    expect(r.columns.thi_hanh_xong).toBe(10);
    expect(r.columns.dang_thi_hanh).toBe(8);
    expect(r.mappings.every((m) => m.by === "label")).toBe(true);
    expect(codes(r)).toContain("numbers_distrusted");
    expect(r.questions.map((q) => q.code)).toContain("numbers_distrusted");
    expect(r.questions[0]?.message.vi).toBe(
      'Số thứ tự cột của trang tính không khớp với biểu mẫu (I2 "Đang thi hành" (7), K2 "Thi hành xong" (9)): không dùng số thứ tự cột cho cả bảng, chỉ ghép theo tên cột. Hãy xác nhận từng cột.');
    expect(r.confidence).toBeLessThan(1);
  });

  it("never lets a weak label yield to the column number silently: the column is left for the clerk", () => {
    const labels = LABELS_01.slice();
    labels[8] = "Hoãn thi hành án"; // numbered 9, which is "Đang thi hành" on the form
    labels[9] = "Khác";
    const sheet = [[TITLE_01], ["STT", "Đơn vị", ...labels], ["A", "B", ...labels.map((_, i) => i + 1)], [1, "Khu vực 1", ...ROW_01]];
    const r = ok(recognizeForm(sheet, BUILT_IN_FORMS));
    expect(r.columns.dang_thi_hanh).toBeUndefined();
    expect(r.unmapped.labels.find((u) => u.col === 10)).toMatchObject({ text: "Hoãn thi hành án", number: 9, why: "conflict" });
    expect(r.questions.map((q) => q.code)).toContain("column_conflict");
  });

  it("maps a known wording and a shortened label that agree with the column number", () => {
    const labels = LABELS_01.slice();
    labels[0] = "Tổng thụ lý";
    labels[9] = "Hoãn thi hành án";
    const sheet = [[TITLE_01], ["STT", "Đơn vị", ...labels], ["A", "B", ...labels.map((_, i) => i + 1)], [1, "Khu vực 1", ...ROW_01]];
    const r = ok(recognizeForm(sheet, BUILT_IN_FORMS));
    expect(r.unmapped.fields).toEqual([]);
    // "Tổng thụ lý" is a known wording of "Tổng số thụ lý"
    expect(r.mappings.find((m) => m.field === "tong_thu_ly")?.by).toBe("number+label");
    expect(r.mappings.find((m) => m.field === "hoan_co_dk")?.by).toBe("number+label");
  });

  it("names the real cells when the values start lower on the sheet", () => {
    const sheet = [[TITLE_01], ["STT", "Đơn vị", ...LABELS_01, "Ghi chú"], ["A", "B", ...LABELS_01.map((_, i) => i + 1)], [1, "Khu vực 1", ...ROW_01, ""]];
    const r = ok(recognizeForm(sheet, BUILT_IN_FORMS, { origin: { row: 9, col: 2 } }));
    expect(r.reasons.find((x) => x.code === "label_unmapped")?.message.en).toBe('Column P11 "Ghi chú" is not part of the form; ignored.');
    expect(r.reasons.find((x) => x.code === "number_row_found")?.params.row).toBe(12);
  });

  it("picks the regime in force on the period's last day, and says when it had to assume one", () => {
    // The layout in force from 26/7/2024 is the same in three versions (TT 05/2024 before and
    // after 1/7/2025, TT 05/2026): undated, the newest is assumed and the others named.
    const assumed = ok(recognizeForm(published, BUILT_IN_FORMS));
    expect(assumed.regime).toBe("TT05_2026");
    expect(assumed.alternatives.map((a) => a.regime)).toEqual(["TT05_2024", "TT05_2024"]);
    expect(codes(assumed)).toContain("regime_assumed");
    const dated = ok(recognizeForm(published, BUILT_IN_FORMS, { asOf: "2025-03-31" }));
    expect(dated.regime).toBe("TT05_2024");
    expect(dated.form.validFrom).toBe("2024-07-26");
    expect(dated.alternatives).toEqual([]);
    expect(codes(dated)).toContain("regime_from_date");
    // The first reconstruction's layout (hoãn / khác inside có điều kiện) is only TT 06/2019's.
    const old = ok(recognizeForm(clean, BUILT_IN_FORMS));
    expect(old.regime).toBe("TT06_2019");
    expect(old.alternatives).toEqual([]);
  });

  it("says why a sheet is not recognised, in Vietnamese and English", () => {
    const empty = recognizeForm([["", ""], ["", ""]], BUILT_IN_FORMS);
    expect(empty).toMatchObject({ recognised: false });
    expect(empty.reasons[0]?.message).toEqual({ vi: "Trang tính không có dữ liệu.", en: "The sheet is empty." });
    const list = recognizeForm([["Họ và tên", "Ngày sinh", "Địa chỉ"], ["Nguyễn Văn A", 30000, "Pleiku"]], BUILT_IN_FORMS);
    expect(list.recognised).toBe(false);
    expect(codes(list)[0]).toBe("not_recognised");
    // Only column numbers, no title and no label in common: not taken for form 01
    const numbersOnly = recognizeForm([["a", "b", "c", "d"], [1, 2, 3, 4], [5, 6, 7, 8]], BUILT_IN_FORMS);
    expect(numbersOnly.recognised).toBe(false);
  });
});

describe("the recogniser can run in the IE11 task pane", () => {
  it("uses no API that IE11 lacks and core-js does not polyfill", () => {
    const dir = join(__dirname, "../../shared/recognize");
    const banned = [/\.normalize\(/, /\bBigInt\b/, /\bProxy\b/, /\\p\{/, /\/[a-z]*u[a-z]*\.(test|exec)\(/, /\bimport\s+(?!type)[^;]*from\s+["']zod/];
    for (const file of readdirSync(dir)) {
      const text = readFileSync(join(dir, file), "utf8");
      for (const re of banned) expect(`${file}: ${re.test(text) ? re.source : ""}`).toBe(`${file}: `);
    }
  });
});
