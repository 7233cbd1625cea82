import type { LocalText } from "../forms/types";

/**
 * Why a sheet was (or was not) recognised, worded once, Vietnamese first. Reasons are data
 * (`code` + `params`), like findings; `describeReason` renders them.
 */

export type ReasonCode =
  | "empty_sheet"
  | "no_forms"
  | "title_found"
  | "title_missing"
  | "number_row_found"
  | "number_row_missing"
  | "numbers_offset"
  | "regime_from_text"
  | "regime_from_date"
  | "regime_assumed"
  | "column_conflict"
  | "label_unmapped"
  | "label_ambiguous"
  | "field_unmapped"
  | "duplicate_column"
  | "numbers_only"
  | "too_few_columns"
  | "ambiguous_form"
  | "not_recognised"
  | "other_form_code"
  | "total_row"
  | "no_data_rows";

export type ReasonParams = Record<string, string | number>;

export interface Reason {
  code: ReasonCode;
  params: ReasonParams;
  message: LocalText;
}

type Render = (p: ReasonParams) => LocalText;

const s = (v: string | number | undefined): string => (v === undefined ? "" : String(v));

const TABLE: Record<ReasonCode, Render> = {
  empty_sheet: () => ({ vi: "Trang tính không có dữ liệu.", en: "The sheet is empty." }),
  no_forms: () => ({ vi: "Không có biểu mẫu nào áp dụng để đối chiếu.", en: "No form definition applies to compare with." }),
  title_found: (p) => ({ vi: `Tìm thấy tên biểu "${s(p.text)}" tại ô ${s(p.cell)}.`, en: `Found the form title "${s(p.text)}" in cell ${s(p.cell)}.` }),
  title_missing: (p) => ({ vi: `Không thấy tên biểu "${s(p.title)}"; nhận dạng theo các cột.`, en: `The title "${s(p.title)}" was not found; recognised from the columns.` }),
  number_row_found: (p) => ({ vi: `Dòng số thứ tự cột ở dòng ${s(p.row)}.`, en: `Column numbers are in row ${s(p.row)}.` }),
  number_row_missing: () => ({ vi: "Không có dòng số thứ tự cột; ghép cột theo tên cột.", en: "No row of column numbers; columns matched by their labels." }),
  numbers_offset: (p) => ({
    vi: `Số thứ tự cột của trang tính lệch ${s(p.offset)} so với biểu mẫu (có thể do đánh số cả cột STT, tên đơn vị); đã hiệu chỉnh theo tên cột.`,
    en: `The sheet's column numbers are offset by ${s(p.offset)} from the form (the text columns are probably numbered too); corrected from the labels.`,
  }),
  regime_from_text: (p) => ({ vi: `Biểu theo ${s(p.regime)} (ghi trên trang tính).`, en: `Form of ${s(p.regime)} (stated on the sheet).` }),
  regime_from_date: (p) => ({ vi: `Biểu theo ${s(p.regime)}, áp dụng ngày ${s(p.date)}.`, en: `Form of ${s(p.regime)}, in force on ${s(p.date)}.` }),
  regime_assumed: (p) => ({
    vi: `Trang tính không ghi văn bản ban hành biểu; tạm dùng ${s(p.regime)} (cùng bố cục: ${s(p.alternatives)}). Hãy chọn kỳ báo cáo để xác định đúng.`,
    en: `The sheet does not say which circular issued the form; assuming ${s(p.regime)} (same layout: ${s(p.alternatives)}). Choose the reporting period to settle it.`,
  }),
  column_conflict: (p) => ({
    vi: `Cột ${s(p.cell)} "${s(p.text)}" có số thứ tự ${s(p.number)} (là "${s(p.numberLabel)}") nhưng tên cột chỉ "${s(p.labelLabel)}": chưa ghép, cần kiểm tra.`,
    en: `Column ${s(p.cell)} "${s(p.text)}" is numbered ${s(p.number)} ("${s(p.numberLabel)}") but its label says "${s(p.labelLabel)}": not mapped, please check.`,
  }),
  label_unmapped: (p) => ({ vi: `Cột ${s(p.cell)} "${s(p.text)}" không thuộc biểu mẫu; bỏ qua.`, en: `Column ${s(p.cell)} "${s(p.text)}" is not part of the form; ignored.` }),
  label_ambiguous: (p) => ({
    vi: `Cột ${s(p.cell)} "${s(p.text)}" có thể là ${s(p.labels)}: chưa ghép.`,
    en: `Column ${s(p.cell)} "${s(p.text)}" could be ${s(p.labels)}: not mapped.`,
  }),
  field_unmapped: (p) => ({ vi: `Không tìm thấy cột "${s(p.label)}" (cột ${s(p.column)} của biểu mẫu).`, en: `No column for "${s(p.labelEn)}" (column ${s(p.column)} of the form).` }),
  duplicate_column: (p) => ({
    vi: `Hai cột cùng là "${s(p.label)}" (${s(p.cells)}); dùng cột ${s(p.kept)}.`,
    en: `Two columns are "${s(p.labelEn)}" (${s(p.cells)}); using ${s(p.kept)}.`,
  }),
  numbers_only: () => ({
    vi: "Chỉ khớp số thứ tự cột, không khớp tên biểu hay tên cột nào: không nhận là biểu mẫu này.",
    en: "Only the column numbers match, neither the title nor any label: not taken for this form.",
  }),
  too_few_columns: (p) => ({
    vi: `Chỉ ghép được ${s(p.mapped)}/${s(p.total)} cột của ${s(p.form)}; cần ít nhất ${s(p.needed)}.`,
    en: `Only ${s(p.mapped)}/${s(p.total)} columns of ${s(p.formEn)} matched; at least ${s(p.needed)} are needed.`,
  }),
  ambiguous_form: (p) => ({
    vi: `Trang tính khớp như nhau với ${s(p.forms)}: chưa xác định được biểu mẫu.`,
    en: `The sheet matches ${s(p.forms)} equally well: the form cannot be told apart.`,
  }),
  not_recognised: (p) => ({
    vi: `Không nhận ra biểu mẫu nào (${s(p.forms)}) trong trang tính.`,
    en: `None of the forms (${s(p.forms)}) was recognised in the sheet.`,
  }),
  other_form_code: (p) => ({
    vi: `Trang tính ghi "${s(p.text)}" (ô ${s(p.cell)}): biểu mẫu này chưa được hỗ trợ.`,
    en: `The sheet says "${s(p.text)}" (cell ${s(p.cell)}): that form is not supported.`,
  }),
  total_row: (p) => ({ vi: `Dòng ${s(p.row)} "${s(p.text)}" là dòng tổng cộng.`, en: `Row ${s(p.row)} "${s(p.text)}" is a totals row.` }),
  no_data_rows: () => ({ vi: "Không có dòng số liệu nào dưới tiêu đề cột.", en: "No data rows below the column headers." }),
};

export function reason(code: ReasonCode, params: ReasonParams = {}): Reason {
  return { code, params, message: TABLE[code](params) };
}
