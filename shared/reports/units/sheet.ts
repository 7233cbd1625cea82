import type { UnitsSheet, UnitsSheetRow } from "../../api/sheets";
import { cellAddress, rangeAddress } from "../../a1";
import { monthLabel } from "../../periods/labels";
import type { UnitKind } from "../../units/types";
import { NATIONAL_CODE } from "../../units/types";
import { buildTable, type Cell, type Column, type ReportLayout } from "../grid";
import { sourceLine, type ReportSource } from "../comparison/sheet";
import { dateToSerial, withKeyColumn } from "../editable";

/** The kinds as the sheet writes them and reads them back. */
export const KIND_WORDS: Record<UnitKind, string> = {
  national: "Toàn quốc",
  province: "Tỉnh, thành phố",
  province_office: "Văn phòng THADS tỉnh",
  regional_office: "Phòng THADS khu vực",
};

/** The kinds a parent's new units may have: offices under a province, provinces under the country. */
export function childKinds(parentLevel: string): UnitKind[] {
  return parentLevel === "national" ? ["province"] : parentLevel === "province" ? ["province_office", "regional_office"] : [];
}

export function unitHeaders() {
  return {
    stt: "STT",
    code: "Mã đơn vị",
    name: "Tên đơn vị",
    kind: "Loại đơn vị",
    validFrom: "Hiệu lực từ ngày",
    validTo: "Hiệu lực đến ngày (đóng đơn vị)",
    successor: "Đơn vị kế thừa (mã)",
    lastReport: "Báo cáo gần nhất",
    tokens: "Mã truy cập đang dùng",
  };
}

/** Where each field sits on a units sheet as laid out (for messages about a pushed row). */
export const UNIT_FIELD_COLUMNS: Record<string, number> = { code: 2, name: 3, kind: 4, validFrom: 5, validTo: 6, successorCode: 7 };

export interface UnitsSheetOptions {
  source: ReportSource;
  /** Empty rows left for new units (offices added in a re-organisation). */
  blankRows?: number;
}

type Row = UnitsSheetRow | null;

function tokenWords(r: UnitsSheetRow): string | null {
  if (r.tokens.length === 0) return null;
  return r.tokens.length + ": " + r.tokens.map((t) => t.label).join("; ");
}

/**
 * A parent's units, every validity (closed units stay: their history is the base of cùng kỳ):
 * code, name, kind, validity and successor, with the latest report and the working tokens
 * beside them, and empty rows for new units. Names, closing dates and successors are edited on
 * every row; code, kind and start date only on a new one (an existing unit's are history).
 */
export function layoutUnits(sheet: UnitsSheet, options: UnitsSheetOptions): ReportLayout {
  const h = unitHeaders();
  const blanks = options.blankRows ?? (sheet.parent.level === "national" ? 5 : 10);
  const rows: Row[] = (sheet.rows as Row[]).slice();
  for (let i = 0; i < blanks; i++) rows.push(null);
  const date = (d: string | null): Cell | null => (d === null ? null : dateToSerial(d));
  const columns: Column<Row>[] = [
    { key: "stt", header: h.stt, width: 28, format: "integer", align: "Center", value: (r, i) => (r ? i : null) },
    { key: "code", header: h.code, width: 56, format: "general", align: "Center", value: (r) => (r ? r.code : null) },
    { key: "name", header: h.name, width: 210, format: "general", value: (r) => (r ? r.name : null) },
    { key: "kind", header: h.kind, width: 112, format: "general", value: (r) => (r ? KIND_WORDS[r.kind] : null) },
    { key: "validFrom", header: h.validFrom, width: 66, format: "date", align: "Center", value: (r) => (r ? date(r.validFrom) : null) },
    { key: "validTo", header: h.validTo, width: 74, format: "date", align: "Center", value: (r) => (r ? date(r.validTo) : null) },
    { key: "successor", header: h.successor, width: 64, format: "general", align: "Center", value: (r) => (r ? r.successorCode : null) },
    { key: "lastReport", header: h.lastReport, width: 70, format: "general", align: "Center", value: (r) => (r && r.lastReport ? monthLabel(r.lastReport) : null) },
    { key: "tokens", header: h.tokens, width: 150, format: "general", value: (r) => (r ? tokenWords(r) : null) },
  ];
  const national = sheet.parent.code === NATIONAL_CODE;
  const table = buildTable<Row>({
    kind: "units",
    sheetName: "Đơn vị " + sheet.parent.code,
    fileName: "don-vi-" + sheet.parent.code + ".xlsx",
    title: national ? "DANH SÁCH TỈNH, THÀNH PHỐ" : "DANH SÁCH ĐƠN VỊ TRỰC THUỘC " + sheet.parent.name.toUpperCase(),
    lines: [
      sheet.parent.name + " (" + sheet.parent.code + ") — mọi đơn vị, kể cả đơn vị đã đóng (số liệu cũ vẫn thuộc đơn vị cũ)",
      sourceLine(options.source, sheet.generatedAt),
      "Sửa ô nền vàng: đổi tên; đóng đơn vị bằng ngày hết hiệu lực và mã đơn vị kế thừa (sáp nhập: nhiều đơn vị cùng một đơn vị kế thừa); thêm đơn vị mới ở các dòng trống (mã, tên, loại, ngày bắt đầu).",
      "Chia tách: đơn vị cũ ghi MỘT đơn vị kế thừa, đơn vị nhận toàn bộ số liệu cũ làm cùng kỳ; các đơn vị tách ra khác chưa có cùng kỳ trong năm đầu (số liệu không chia theo tỷ lệ). Mã, loại, ngày bắt đầu của đơn vị đã có không sửa được.",
    ],
    columns,
    rows,
    total: null,
    notes: [],
    facts: [{ label: "Đơn vị", value: sheet.parent.code }],
  });
  const col = (key: string): number => columns.map((c) => c.key).indexOf(key) + 1;
  const first = table.dataRows ? table.dataRows.first : table.headerRow + 1;
  const newFirst = first + sheet.rows.length;
  const newLast = newFirst + blanks - 1;
  const extraInputs: string[] = [];
  if (blanks > 0) {
    for (const key of ["code", "kind", "validFrom"]) extraInputs.push(rangeAddress({ top: newFirst, left: col(key), bottom: newLast, right: col(key) }));
  }
  const kinds = childKinds(sheet.parent.level).map((k) => KIND_WORDS[k]);
  return withKeyColumn(table, {
    keys: rows.map((r) => (r ? r.code : "")),
    meta: { v: 1, kind: "units", parent: sheet.parent.code, header: table.headerRow },
    inputColumns: [col("name"), col("validTo"), col("successor")],
    extraInputs,
    lists: kinds.length > 0 ? [{ column: col("kind"), values: kinds }] : [],
  });
}

/** The address of a field of a pushed row on a sheet laid out by layoutUnits (the Worker's messages). */
export function unitCellOf(row: number, field: string): string | null {
  const c = UNIT_FIELD_COLUMNS[field];
  return c === undefined ? null : cellAddress(row, c);
}
