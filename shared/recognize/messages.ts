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
  | "no_data_rows"
  | "numbers_distrusted"
  | "field_summed"
  | "field_partial"
  | "field_part_only"
  | "column_weak"
  | "column_breakdown"
  | "columns_other_unit"
  | "split_table"
  | "unit_stated"
  | "unit_assumed"
  | "unit_converted"
  | "unit_suspect"
  | "unit_conflict"
  | "unit_mismatch"
  | "subheader_row"
  | "column_numbers_row"
  | "subtotal_row"
  | "subtotal_mismatch"
  | "breakdown_row"
  | "comparison_row"
  | "tables_found"
  | "low_confidence"
  | "value_text"
  | "value_dash"
  | "value_converted"
  | "value_inexact"
  | "value_summed"
  | "value_ambiguous"
  | "value_part_missing";

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
  numbers_distrusted: (p) => ({
    vi: `Số thứ tự cột của trang tính không khớp với biểu mẫu (${s(p.columns)}): không dùng số thứ tự cột cho cả bảng, chỉ ghép theo tên cột. Hãy xác nhận từng cột.`,
    en: `The sheet's column numbers do not match the form (${s(p.columns)}): they are not used for the whole table, columns are matched by label only. Please confirm each column.`,
  }),
  field_summed: (p) => ({
    vi: `"${s(p.label)}" được tính bằng tổng các cột ${s(p.cells)}, đúng các phần mà biểu mẫu liệt kê.`,
    en: `"${s(p.labelEn)}" is the sum of columns ${s(p.cells)}, exactly the parts the form lists.`,
  }),
  field_partial: (p) => ({
    vi: `"${s(p.label)}" bị tách thành nhiều cột (${s(p.cells)}) không khớp các phần của biểu mẫu (${s(p.parts)}): không cộng, không ghép. Hãy chọn cột cho chỉ tiêu này.`,
    en: `"${s(p.labelEn)}" is split over columns (${s(p.cells)}) that are not the parts the form lists (${s(p.parts)}): neither summed nor mapped. Please choose its column.`,
  }),
  field_part_only: (p) => ({
    vi: `Cột ${s(p.cell)} "${s(p.text)}" chỉ là một phần của "${s(p.label)}" (gồm: ${s(p.parts)}): chưa ghép. Hãy chọn cột cho chỉ tiêu này.`,
    en: `Column ${s(p.cell)} "${s(p.text)}" is only one part of "${s(p.labelEn)}" (made of: ${s(p.parts)}): not mapped. Please choose its column.`,
  }),
  column_weak: (p) => ({
    vi: `Cột ${s(p.cell)} "${s(p.text)}" được ghép với "${s(p.label)}" chỉ theo một phần tên cột: hãy xác nhận.`,
    en: `Column ${s(p.cell)} "${s(p.text)}" was matched to "${s(p.labelEn)}" on part of its label only: please confirm.`,
  }),
  column_breakdown: (p) => ({
    vi: `Các cột ${s(p.cells)} là số chi tiết của "${s(p.label)}" (đã có cột tổng ${s(p.total)}): chỉ hiển thị, không gửi.`,
    en: `Columns ${s(p.cells)} break down "${s(p.label)}" (whose total is column ${s(p.total)}): shown, not sent.`,
  }),
  columns_other_unit: (p) => ({
    vi: `${s(p.count)} cột ${s(p.unit)} (${s(p.cells)}) thuộc ${s(p.form)}.`,
    en: `${s(p.count)} ${s(p.unitEn)} columns (${s(p.cells)}) belong to ${s(p.formEn)}.`,
  }),
  split_table: (p) => ({
    vi: `Bảng có cột Việc và cột Tiền dưới mỗi tên cột (dòng ${s(p.row)}): đọc thành hai biểu, ${s(p.forms)}; dòng "Việc/Tiền" là tiêu đề, không phải số liệu.`,
    en: `The table has Việc and Tiền columns under each label (row ${s(p.row)}): read as two forms, ${s(p.forms)}; the "Việc/Tiền" row is a header, not data.`,
  }),
  unit_stated: (p) => ({ vi: `Đơn vị tính ghi trên trang tính: "${s(p.text)}" (${s(p.where)}).`, en: `Unit of measure stated on the sheet: "${s(p.text)}" (${s(p.where)}).` }),
  unit_assumed: () => ({
    vi: "Trang tính không ghi đơn vị tính của tiền: coi là nghìn đồng như biểu mẫu. Hãy kiểm tra.",
    en: "The sheet does not state the money unit: taken as nghìn đồng, as on the form. Please check.",
  }),
  unit_converted: (p) => ({
    vi: `Tiền trên trang tính tính bằng ${s(p.unit)}; biểu mẫu tính bằng nghìn đồng: mọi số tiền được ${s(p.how)} (chỉ khi đổi được chính xác). Hãy xác nhận trước khi gửi.`,
    en: `Money on the sheet is in ${s(p.unitEn)}; the form is in nghìn đồng: every amount is ${s(p.howEn)} (only where that is exact). Please acknowledge before sending.`,
  }),
  unit_suspect: (p) => ({
    vi: `Trang tính không ghi đơn vị tính, mà mọi số tiền (${s(p.count)} ô) đều chia hết cho 1.000: có thể là đồng, không phải nghìn đồng. Hãy chọn đơn vị tính.`,
    en: `The sheet states no unit, and every amount (${s(p.count)} cells) is a multiple of 1,000: it may be in đồng, not nghìn đồng. Please choose the unit.`,
  }),
  unit_conflict: (p) => ({
    vi: `Trang tính ghi hai đơn vị tính khác nhau cho tiền (${s(p.units)}): không gửi được bảng này cho đến khi sửa trên trang tính.`,
    en: `The sheet states two different money units (${s(p.units)}): this table cannot be sent until the sheet is corrected.`,
  }),
  unit_mismatch: (p) => ({
    vi: `Đơn vị tính "${s(p.text)}" không phải đơn vị của ${s(p.form)} (${s(p.unit)}): không gửi được bảng này.`,
    en: `The unit "${s(p.text)}" is not the unit of ${s(p.formEn)} (${s(p.unitEn)}): this table cannot be sent.`,
  }),
  subheader_row: (p) => ({ vi: `Dòng ${s(p.row)} (${s(p.text)}) là dòng tiêu đề phụ, không phải số liệu.`, en: `Row ${s(p.row)} (${s(p.text)}) is a sub-header, not data.` }),
  column_numbers_row: (p) => ({ vi: `Dòng ${s(p.row)} (${s(p.text)}) là dòng số thứ tự cột, không phải số liệu.`, en: `Row ${s(p.row)} (${s(p.text)}) numbers the columns; it is not data.` }),
  subtotal_row: (p) => ({
    vi: `Dòng ${s(p.row)} "${s(p.text)}" là dòng cộng của nhóm (bằng tổng ${s(p.members)} dòng trong nhóm), không phải một đơn vị.`,
    en: `Row ${s(p.row)} "${s(p.text)}" is a group subtotal (the sum of its ${s(p.members)} rows), not a unit.`,
  }),
  subtotal_mismatch: (p) => ({
    vi: `Dòng ${s(p.row)} "${s(p.text)}" đứng đầu nhóm ${s(p.members)} dòng nhưng số liệu không bằng tổng của nhóm: không coi là một đơn vị; hãy kiểm tra trên trang tính.`,
    en: `Row ${s(p.row)} "${s(p.text)}" heads a group of ${s(p.members)} rows but does not equal their sum: not taken for a unit; please check the sheet.`,
  }),
  breakdown_row: (p) => ({ vi: `Dòng ${s(p.row)} "${s(p.text)}" là số chi tiết (trong đó), không phải một đơn vị.`, en: `Row ${s(p.row)} "${s(p.text)}" is a breakdown ("trong đó"), not a unit.` }),
  comparison_row: (p) => ({ vi: `Dòng ${s(p.row)} "${s(p.text)}" là dòng so sánh, không phải số liệu của kỳ báo cáo.`, en: `Row ${s(p.row)} "${s(p.text)}" compares periods; it is not the period's figures.` }),
  tables_found: (p) => ({
    vi: `Trang tính có ${s(p.count)} biểu: ${s(p.list)}. Chọn biểu cần gửi.`,
    en: `The sheet holds ${s(p.count)} forms: ${s(p.listEn)}. Choose the one to send.`,
  }),
  low_confidence: (p) => ({
    vi: `Độ tin cậy của việc ghép cột thấp (${s(p.pct)}%): hãy xác nhận từng cột trước khi gửi.`,
    en: `The column mapping is uncertain (${s(p.pct)}%): please confirm each column before sending.`,
  }),
  value_text: (p) => ({ vi: `Ô ${s(p.cell)} ghi số dạng chữ "${s(p.text)}": đọc là ${s(p.value)}.`, en: `Cell ${s(p.cell)} holds the figure as text "${s(p.text)}": read as ${s(p.value)}.` }),
  value_dash: (p) => ({ vi: `Ô ${s(p.cell)} ghi "${s(p.text)}": đọc là 0.`, en: `Cell ${s(p.cell)} holds "${s(p.text)}": read as 0.` }),
  value_converted: (p) => ({ vi: `Ô ${s(p.cell)}: ${s(p.text)} ${s(p.unit)} = ${s(p.value)} nghìn đồng.`, en: `Cell ${s(p.cell)}: ${s(p.text)} ${s(p.unitEn)} = ${s(p.value)} nghìn đồng.` }),
  value_inexact: (p) => ({
    vi: `Ô ${s(p.cell)}: ${s(p.text)} ${s(p.unit)} không đổi được chính xác sang nghìn đồng: không gửi số này; hãy sửa trên trang tính.`,
    en: `Cell ${s(p.cell)}: ${s(p.text)} ${s(p.unitEn)} does not convert exactly to nghìn đồng: not sent; please correct the sheet.`,
  }),
  value_summed: (p) => ({ vi: `"${s(p.label)}" = ${s(p.cells)} = ${s(p.value)}.`, en: `"${s(p.labelEn)}" = ${s(p.cells)} = ${s(p.value)}.` }),
  value_ambiguous: (p) => ({
    vi: `Ô ${s(p.cell)} ghi "${s(p.text)}": không rõ là số nào (dấu phẩy hay dấu chấm ngăn cách?): không đọc; hãy sửa trên trang tính.`,
    en: `Cell ${s(p.cell)} holds "${s(p.text)}": the notation is ambiguous (decimal or thousands separator?): not read; please correct the sheet.`,
  }),
  value_part_missing: (p) => ({
    vi: `"${s(p.label)}": ô ${s(p.cell)} (một phần của tổng) để trống: chưa tính được.`,
    en: `"${s(p.labelEn)}": cell ${s(p.cell)} (part of the sum) is empty: not computed.`,
  }),
};

export function reason(code: ReasonCode, params: ReasonParams = {}): Reason {
  return { code, params, message: TABLE[code](params) };
}
