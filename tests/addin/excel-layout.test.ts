import { describe, expect, it } from "vitest";
import { BUILT_IN_FORMS } from "../../shared/forms";
import type { FieldDefinition, FormDefinition } from "../../shared/forms/types";
import { parseRangeAddress } from "../../shared/a1";
import {
  asText,
  circularText,
  layoutForm,
  orderedFields,
  planHeader,
  sheetNameFor,
  titleText,
  type FormLayout,
} from "../../addin/src/excel/layout";
import { decodeRef, metadataRow } from "../../addin/src/excel/metadata";
import { form01, form02, header } from "./form-fixtures";


function textAt(layout: FormLayout, address: string): string | number {
  const r = parseRangeAddress(address);
  if (!r) throw new Error("bad address " + address);
  return (layout.contents[r.top - 1] as (string | number)[])[r.left - 1] as string | number;
}

function allTexts(layout: FormLayout): string[] {
  const out: string[] = [];
  for (const row of layout.contents) for (const v of row) if (typeof v === "string" && v !== "") out.push(v);
  return out;
}

describe("the layout of form 01 (việc)", () => {
  const layout = layoutForm(form01, header);

  it("maps every field to a cell of one data row, in the order of the official column numbers", () => {
    expect(layout.dataRow).toBe(12);
    expect(layout.cells).toEqual({
      tong_thu_ly: "B12",
      nam_truoc_chuyen_sang: "C12",
      thu_ly_moi: "D12",
      uy_thac: "E12",
      thu_hoi_huy: "F12",
      phai_thi_hanh: "G12",
      co_dieu_kien: "H12",
      thi_hanh_xong: "I12",
      dinh_chi: "J12",
      dang_thi_hanh: "K12",
      chua_co_dieu_kien: "L12",
      hoan_tam_dinh_chi: "M12",
      so_theo_doi_rieng: "N12",
    });
    expect(layout.dataRowAddress).toBe("B12:N12");
    expect(layout.blockAddress).toBe("A1:N16");
  });

  it("writes derived fields as formulas over the input cells", () => {
    expect(textAt(layout, "B12")).toBe("=C12+D12");
    // phải thi hành also subtracts thu hồi, hủy; chưa có điều kiện is typed, not derived (docs/domain.md)
    expect(textAt(layout, "G12")).toBe("=B12-E12-F12");
    expect(textAt(layout, "H12")).toBe("=SUM(I12,J12,K12)");
    expect(textAt(layout, "L12")).toBe("");
    expect(layout.derivedRuns).toEqual(["B12", "G12:H12"]);
    expect(layout.inputRuns).toEqual(["C12:F12", "I12:N12"]);
  });

  it("pre-fills input cells only, never over a formula", () => {
    const filled = layoutForm(form01, header, { thu_ly_moi: 120, uy_thac: 3, tong_thu_ly: 999, dinh_chi: null });
    expect(textAt(filled, "D12")).toBe(120);
    expect(textAt(filled, "E12")).toBe(3);
    expect(textAt(filled, "B12")).toBe("=C12+D12");
    expect(textAt(filled, "J12")).toBe("");
  });

  it("prints the header of the paper form in Vietnamese", () => {
    expect(textAt(layout, "A2")).toBe("Mẫu số 01");
    expect(textAt(layout, "A3")).toBe("Ban hành kèm theo Thông tư số 05/2024/TT-BTP");
    expect(textAt(layout, "H2")).toBe("Đơn vị báo cáo: Phòng Thi hành án dân sự khu vực 1 - Gia Lai");
    expect(textAt(layout, "H3")).toBe("Đơn vị nhận báo cáo: Thi hành án dân sự tỉnh Gia Lai");
    expect(textAt(layout, "A4")).toBe("BÁO CÁO KẾT QUẢ THI HÀNH ÁN DÂN SỰ TÍNH BẰNG VIỆC");
    expect(textAt(layout, "A5")).toBe("3 tháng năm 2026");
    expect(textAt(layout, "A6")).toBe("(từ ngày 01/10/2025 đến ngày 31/12/2025)");
    expect(textAt(layout, "N7")).toBe("Đơn vị tính: việc");
  });

  it("groups the header by 'trong đó': a total column under each group, parts beside it", () => {
    const plan = planHeader(orderedFields(form01));
    expect(plan.grouped).toBe(true);
    expect(plan.rows).toBe(3);
    expect(textAt(layout, "A8")).toBe("Đơn vị");
    // Tổng số thụ lý over B:D, then "Tổng số" | "Năm trước chuyển sang" | "Thụ lý mới".
    expect(textAt(layout, "B8")).toBe("Tổng số thụ lý");
    expect(textAt(layout, "B9")).toBe("Tổng số");
    expect(textAt(layout, "C9")).toBe("Năm trước chuyển sang");
    expect(textAt(layout, "D9")).toBe("Thụ lý mới");
    // From 1/7/2025 a regional office entrusts only outside its province (the notes say so);
    // the label stays the word clerks' own sheets use.
    expect(textAt(layout, "E8")).toBe("Ủy thác");
    expect(form01.notes?.join(" ")).toMatch(/01\/7\/2025/);
    expect(textAt(layout, "F8")).toBe("Thu hồi, hủy quyết định thi hành án");
    expect(textAt(layout, "G8")).toBe("Tổng số phải thi hành");
    expect(textAt(layout, "G9")).toBe("Tổng số");
    // Phải thi hành splits three ways: có điều kiện (with its parts), chưa có điều kiện, the third bucket.
    expect(textAt(layout, "H9")).toBe("Có điều kiện thi hành");
    expect(textAt(layout, "H10")).toBe("Tổng số");
    expect(textAt(layout, "I10")).toBe("Thi hành xong");
    expect(textAt(layout, "J10")).toBe("Đình chỉ thi hành án");
    expect(textAt(layout, "K10")).toBe("Đang thi hành");
    expect(textAt(layout, "L9")).toBe("Chưa có điều kiện thi hành");
    expect(textAt(layout, "M9")).toBe("Hoãn, tạm đình chỉ, khác");
    // The separate book is a memo line outside phải thi hành.
    expect(textAt(layout, "N8")).toBe("Chưa có điều kiện đã chuyển sổ theo dõi riêng");
    const merges = layout.styles.filter((s) => s.merge && s.border === "outline").map((s) => s.address);
    expect(merges).toEqual(
      expect.arrayContaining(["A8:A10", "B8:D8", "B9:B10", "C9:C10", "E8:E10", "F8:F10", "G8:M8", "G9:G10", "H9:K9", "H10", "I10", "L9:L10", "M9:M10", "N8:N10"]),
    );
  });

  it("puts the official column numbers in the row under the header", () => {
    const row = layout.contents[layout.columnNumberRow - 1];
    expect(row).toEqual(["A", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
  });

  it("closes with the signature block: preparer on the left, head of unit on the right", () => {
    expect(textAt(layout, "A15")).toBe("Người lập biểu");
    expect(textAt(layout, "A16")).toBe("(Ký, ghi rõ họ tên)");
    expect(textAt(layout, "K15")).toBe("Thủ trưởng đơn vị");
    expect(textAt(layout, "K16")).toBe("(Ký, ghi rõ họ tên)");
    expect(String(textAt(layout, "K14"))).toMatch(/ngày .* tháng .* năm/);
  });

  it("formats counts as #,##0, which Excel shows with the clerk's own separators", () => {
    expect(layout.numberFormat).toBe("#,##0");
  });

  it("keeps the reference in the metadata row and can read it back", () => {
    const row = layout.contents[0] as string[];
    expect(row[0]).toBe("THADS:01:TT05_2024:52-01:2025-12");
    const ref = decodeRef(row, "01 52-01 2025-12");
    expect(ref).toEqual({
      sheetName: "01 52-01 2025-12",
      formId: "01",
      regime: "TT05_2024",
      unitCode: "52-01",
      period: "2025-12",
      cells: layout.cells,
    });
  });

  it("prints without the metadata row", () => {
    expect(layout.printAddress).toBe("A2:N16");
  });

  it("makes wrapped header rows tall enough", () => {
    for (const row of [8, 9, 10]) {
      const h = layout.rowHeights.find((x) => x.row === row);
      expect(h, "row " + row).toBeDefined();
    }
  });
});

describe("the layout of form 02 (tiền)", () => {
  const layout = layoutForm(form02, { ...header, period: "2026-03" });

  it("adds 'giảm thi hành án' inside 'có điều kiện' and counts in nghìn đồng", () => {
    expect(layout.cells.giam).toBe("K12");
    expect(layout.cells.chua_co_dieu_kien).toBe("M12");
    expect(textAt(layout, "H12")).toBe("=SUM(I12,J12,K12,L12)");
    expect(textAt(layout, "M12")).toBe("");
    expect(textAt(layout, "O7")).toBe("Đơn vị tính: nghìn đồng");
    expect(textAt(layout, "A4")).toBe("BÁO CÁO KẾT QUẢ THI HÀNH ÁN DÂN SỰ TÍNH BẰNG TIỀN");
    expect(textAt(layout, "A2")).toBe("Mẫu số 02");
    expect(textAt(layout, "A5")).toBe("6 tháng năm 2026");
    expect(textAt(layout, "A6")).toBe("(từ ngày 01/10/2025 đến ngày 31/03/2026)");
    expect(layout.contents[layout.columnNumberRow - 1]).toEqual(["A", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(layout.blockAddress).toBe("A1:O16");
  });

  it("gives money columns room for 1.277.040.781", () => {
    expect(layout.columnWidths[1]).toBeGreaterThan(layoutForm(form01, header).columnWidths[1] as number);
  });
});

describe("texts written to cells", () => {
  it("keeps text that Excel would read as a formula, number or date as text", () => {
    expect(asText("=1+1")).toBe("'=1+1");
    expect(asText("- Phòng")).toBe("'- Phòng");
    expect(asText("52-01")).toBe("'52-01");
    expect(asText("12")).toBe("'12");
    expect(asText("Phòng THADS")).toBe("Phòng THADS");
  });

  it("upper-cases Vietnamese with its diacritics", () => {
    const f = { ...form01, title: { vi: "Kết quả thi hành án dân sự", en: "" } };
    expect(titleText(f)).toBe("BÁO CÁO KẾT QUẢ THI HÀNH ÁN DÂN SỰ");
    expect(titleText({ ...f, title: { vi: "Báo cáo đình chỉ", en: "" } })).toBe("BÁO CÁO ĐÌNH CHỈ");
  });

  it("names the circular of each regime", () => {
    expect(circularText("TT06_2019")).toBe("Ban hành kèm theo Thông tư số 06/2019/TT-BTP");
    expect(circularText("other")).toBe("");
  });

  it("lays out every text of every built-in form without leaving a broken character", () => {
    for (const form of BUILT_IN_FORMS) {
      for (const t of allTexts(layoutForm(form, header))) expect(t).not.toMatch(/undefined|NaN|\uFFFD/);
    }
  });
});

describe("every built-in form", () => {
  it("fills exactly the block it writes, one value per cell", () => {
    for (const form of BUILT_IN_FORMS) {
      const layout = layoutForm(form, header);
      const r = parseRangeAddress(layout.blockAddress);
      expect(layout.contents).toHaveLength(r!.bottom - r!.top + 1);
      for (const row of layout.contents) expect(row).toHaveLength(r!.right - r!.left + 1);
      // The unit's fields, and on a form broken down by officer each officer row's typed fields and name.
      expect(Object.keys(layout.cells).filter((k) => !/^r[0-9]+\./.test(k)).sort()).toEqual(form.fields.map((f) => f.key).sort());
      const shape = form.rows;
      const rowKeys = Object.keys(layout.cells).filter((k) => /^r0\./.test(k)).sort();
      expect(rowKeys).toEqual(shape && shape.kind === "officer" ? ["r0.label"].concat(shape.fields.map((k) => "r0." + k)).sort() : []);
    }
  });

  it("still has room for the metadata row when a form has a single field", () => {
    const tiny: FormDefinition = { ...form01, fields: [{ key: "a", label: { vi: "A", en: "A" }, column: 1, valueType: "count", kind: "input" }] };
    const layout = layoutForm(tiny, header);
    expect(layout.blockAddress.split(":")[1]).toMatch(/^C/);
    expect(layout.dataRowAddress).toBe("B10");
    expect(layout.contents[0]).toHaveLength(3);
  });
});

describe("sheet names", () => {
  it("are short, legal and unique", () => {
    expect(sheetNameFor("01", "52-01", "2025-12", [])).toBe("01 52-01 2025-12");
    expect(sheetNameFor("01", "52-01", "2025-12", ["Sheet1", "01 52-01 2025-12"])).toBe("01 52-01 2025-12 (2)");
    expect(sheetNameFor("01", "52-01", "2025-12", ["01 52-01 2025-12", "01 52-01 2025-12 (2)"])).toBe("01 52-01 2025-12 (3)");
    const odd = sheetNameFor("01", "a:b/c?d*e[f]g\\h-very-long-unit-code-indeed", "2025-12", []);
    expect(odd.length).toBeLessThanOrEqual(31);
    expect(odd).not.toMatch(/[:\\/?*[\]]/);
    const long = sheetNameFor("01", "x".repeat(40), "2025-12", ["01 " + "x".repeat(28)]);
    expect(long.length).toBeLessThanOrEqual(31);
    expect(long).toMatch(/\(2\)$/);
  });
});

describe("header grouping falls back to flat labels", () => {
  it("when a part does not sit right after its group", () => {
    const f = (key: string, column: number, partOf?: string): FieldDefinition => ({
      key,
      label: { vi: key, en: key },
      column,
      valueType: "count",
      kind: "input",
      ...(partOf ? { partOf } : {}),
    });
    const plan = planHeader([f("a", 1), f("b", 2), f("a1", 3, "a")]);
    expect(plan.grouped).toBe(false);
    expect(plan.rows).toBe(1);
    expect(plan.cells.map((c) => c.text)).toEqual(["a", "b", "Trong đó: a1"]);
  });

  it("when partOf goes round in a circle", () => {
    const f = (key: string, column: number, partOf: string): FieldDefinition => ({
      key, label: { vi: key, en: key }, column, valueType: "count", kind: "input", partOf,
    });
    const plan = planHeader([f("a", 1, "b"), f("b", 2, "a")]);
    expect(plan.cells).toHaveLength(2);
  });
});

describe("metadata", () => {
  it("ignores a sheet that is not ours or whose block was damaged", () => {
    expect(decodeRef(["", "", ""], "Sheet1")).toBeNull();
    expect(decodeRef(["THADS:01", "{not json", ""], "x")).toBeNull();
    expect(decodeRef(["THADS:01", JSON.stringify({ v: 1, formId: "01", regime: "r", unitCode: "u", period: "p", cells: { a: "Z" } }), ""], "x")).toBeNull();
    const ok = metadataRow({ formId: "01", regime: "r", unitCode: "u", period: "p", cells: { a: "B2" } }, null);
    expect(decodeRef(ok, "x")).toMatchObject({ formId: "01", cells: { a: "B2" } });
  });
});
