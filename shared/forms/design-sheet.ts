import { cellAddress } from "../a1";
import { foldDiacritics } from "../recognize/normalize";
import { readDate } from "../reports/editable";
import { definitionProblems } from "./definition-check";
import { columnTypeOf, parseRollUp, requiredOf, rowKindOf } from "./design-list";
import type { FieldDefinition, FormDefinition, IndicatorDefinition, ListColumn, PeriodType, Regime } from "./types";
import type { RuleDefinition } from "../rules/types";

/**
 * A collection defined in Excel (issue 8 item 4): the Cục's staff lay out a "design sheet" with
 * labels in column A and values in column B, then three tables (fields, rules, indicators), each
 * under its header row; rules and formulas are written as {a} = {b} + {c}. This reads the
 * sheet's values (one read in the pane), builds the definition, and lists every problem with
 * the cell it comes from, in Vietnamese and English, with the same checks the Worker runs
 * (definition-check.ts). Plain TypeScript: the IE11 pane runs it without zod.
 *
 *   Mã biểu        | TON-DONG                 Kỳ báo cáo | tháng (số dư) · tuần · cộng dồn
 *   Ký hiệu        | Biểu TĐ-01               Hạn nộp    | 5 (ngày của tháng sau) · 1 (ngày làm việc sau Chủ nhật)
 *   Tên biểu       | Tiền … chưa chi trả      Áp dụng từ | 2025-10-01 (or a date cell)
 *   Tên tiếng Anh  | Money held …             Đơn vị tính| nghìn đồng · việc
 *
 *   Dạng dòng      | đơn vị · danh sách       Tên dòng   | Việc (a list: what a row is)
 *
 *   Cột | Mã trường | Tên chỉ tiêu | Kiểu | Công thức | Thuộc | Từ danh sách
 *   1   | tong_ton  | Tổng số …    | tiền | {chua_chi_tra} + {cho_xu_ly}
 *   Mã cột | Tên cột | Kiểu | Bắt buộc          (a list only: its columns, design-list.ts)
 *   so_tien | Số tiền phải thi hành | tiền | có
 *   Quy tắc | Biểu thức | Mức | Diễn giải
 *   R1      | {tong_ton} = {chua_chi_tra} + {cho_xu_ly} | lỗi | …
 *   Chỉ số  | Tên | Tử số | Mẫu số | Chiều | Số lẻ
 *   ty_le   | Tỷ lệ … | da_chi_tra | da_chi_tra + tong_ton | cao | 2
 */

export type DesignCell = string | number | boolean | null | undefined;

export interface DesignProblem {
  /** "B3": where the staff member fixes it. */
  cell: string;
  vi: string;
  en: string;
}

export interface DesignReading {
  /** The definition understood, or null when the sheet lacks what a definition needs. */
  definition: FormDefinition | null;
  problems: DesignProblem[];
}

/**
 * Vietnamese words compared without case, diacritics or extra spaces. The same folding as
 * recognising a clerk's sheet (no String.prototype.normalize: IE11 has none, and without it
 * "Mã biểu" would never be found on Excel 2016).
 */
export function fold(s: DesignCell): string {
  const text = s === null || s === undefined ? "" : String(s);
  return foldDiacritics(text).replace(/\s+/g, " ").replace(/^ | $/g, "");
}

const LABELS: Record<string, string> = {
  "ma bieu": "id",
  "ky hieu": "code",
  "ten bieu": "title",
  "ten tieng anh": "titleEn",
  "ky bao cao": "period",
  "han nop": "deadline",
  "ap dung tu": "validFrom",
  "don vi tinh": "unit",
  "dang dong": "rowKind",
  "ten dong": "rowLabel",
};

function text(v: DesignCell): string {
  return v === null || v === undefined ? "" : String(v).replace(/^\s+|\s+$/g, "");
}

/** The regime in force on a date (the circulars of docs/domain.md). */
function regimeOn(date: string): Regime {
  return date >= "2026-07-01" ? "TT05_2026" : date >= "2024-07-26" ? "TT05_2024" : "TT06_2019";
}

/** "a + b + c" or "a, b": the field keys of an indicator's sum. */
function terms(v: DesignCell): string[] {
  return text(v).split(/[+,;]/).map((s) => s.replace(/[{}\s]/g, "")).filter((s) => s !== "");
}

interface Where {
  row: number;
  col: number;
}

export function readDesignSheet(values: readonly (readonly DesignCell[])[]): DesignReading {
  const problems: DesignProblem[] = [];
  const at = (w: Where) => cellAddress(w.row + 1, w.col + 1);
  const problem = (w: Where, vi: string, en: string) => problems.push({ cell: at(w), vi, en });
  const cell = (r: number, c: number): DesignCell => (values[r] ? values[r]![c] : null);

  // Label/value pairs anywhere in the sheet (A/B, or D/E beside them); tables by their header rows.
  const header: Record<string, Where> = {};
  let fieldHead = -1;
  let ruleHead = -1;
  let indicatorHead = -1;
  let columnHead = -1;
  for (let r = 0; r < values.length; r++) {
    const first = fold(cell(r, 0));
    if (first === "cot" && fold(cell(r, 1)) === "ma truong") fieldHead = r;
    else if (first === "ma cot" && fold(cell(r, 1)) === "ten cot") columnHead = r;
    else if (first === "quy tac" && fold(cell(r, 1)) === "bieu thuc") ruleHead = r;
    else if (first === "chi so" && fold(cell(r, 1)) === "ten") indicatorHead = r;
    const row = values[r] || [];
    for (let c = 0; c + 1 < row.length || c === 0; c++) {
      const key = LABELS[fold(cell(r, c))];
      if (key && !header[key]) header[key] = { row: r, col: c + 1 };
      if (c + 1 >= row.length) break;
    }
  }
  const need = (key: string, vi: string, en: string): string => {
    const w = header[key];
    if (!w) {
      problems.push({ cell: "A1", vi: `Thiếu dòng “${vi}” (nhãn ở một ô, giá trị ở ô bên phải).`, en: `Missing the “${vi}” (${en}) line: a label with its value to its right.` });
      return "";
    }
    const t = text(cell(w.row, w.col));
    if (t === "") problem(w, `Chưa điền ${vi}.`, `${en} is empty.`);
    return t;
  };

  const id = need("id", "Mã biểu", "form id");
  const code = need("code", "Ký hiệu", "form code");
  const title = need("title", "Tên biểu", "title");
  const titleEn = header.titleEn ? text(cell(header.titleEn.row, header.titleEn.col)) : "";
  if (id !== "" && !/^[0-9A-Z][0-9A-Z_-]{1,15}$/.test(id) && header.id) {
    problem(header.id, "Mã biểu gồm 2–16 chữ in hoa, chữ số, dấu - hoặc _ (ví dụ TON-DONG).", "The form id is 2–16 capitals, digits, - or _ (e.g. TON-DONG).");
  }

  // The period and its deadline.
  let period: PeriodType = { kind: "cumulative_month" };
  const pw = header.period;
  const kindText = pw ? fold(cell(pw.row, pw.col)) : "";
  const dw = header.deadline;
  const deadline = dw ? cell(dw.row, dw.col) : null;
  const deadlineNumber = typeof deadline === "number" ? deadline : Number(text(deadline));
  if (kindText.indexOf("tuan") >= 0) {
    period = { kind: "week", deadlineWorkingDays: isFinite(deadlineNumber) && text(deadline) !== "" ? deadlineNumber : 1 };
  } else if (kindText.indexOf("so du") >= 0 || kindText.indexOf("thoi diem") >= 0 || kindText === "thang") {
    if (!dw || text(deadline) === "" || !(deadlineNumber >= 1 && deadlineNumber <= 28 && deadlineNumber % 1 === 0)) {
      problem(dw || pw || { row: 0, col: 0 }, "Hạn nộp của biểu theo tháng là một ngày của tháng sau, từ 1 đến 28 (ví dụ 5: trước ngày 05 hàng tháng).",
        "The deadline of a monthly snapshot is a day of the next month, 1 to 28 (e.g. 5).");
    } else {
      period = { kind: "snapshot_month", deadlineDay: deadlineNumber };
    }
  } else if (pw && kindText !== "" && kindText.indexOf("cong don") < 0) {
    problem(pw, "Kỳ báo cáo phải là “tháng” (số liệu tại cuối tháng), “tuần” hoặc “cộng dồn”.", "The period must be “tháng” (month-end snapshot), “tuần” (week) or “cộng dồn” (cumulative).");
  }
  if (period.kind === "week" && !(period.deadlineWorkingDays >= 0 && period.deadlineWorkingDays <= 10 && period.deadlineWorkingDays % 1 === 0)) {
    problem(dw as Where, "Hạn nộp của biểu theo tuần là số ngày làm việc sau Chủ nhật, từ 0 đến 10.", "The deadline of a weekly collection is 0 to 10 working days after Sunday.");
  }

  let validFrom = "";
  if (header.validFrom) {
    // A date cell, "dd/mm/yyyy" or ISO, as everywhere a sheet gives a date.
    const d = readDate(cell(header.validFrom.row, header.validFrom.col));
    if (d === null) problem(header.validFrom, "Ngày áp dụng phải là một ngày (ví dụ 01/10/2025).", "The start date must be a date (e.g. 2025-10-01).");
    else validFrom = d;
  } else {
    problems.push({ cell: "A1", vi: "Thiếu dòng “Áp dụng từ” (ngày bắt đầu áp dụng).", en: "Missing the “Áp dụng từ” (valid from) line." });
  }
  const unitText = header.unit ? fold(cell(header.unit.row, header.unit.col)) : "";
  const unit: FormDefinition["unit"] = unitText.indexOf("dong") >= 0 ? "nghin_dong" : "viec";

  // Fields: one per row under the header, until an empty row.
  const fields: FieldDefinition[] = [];
  const fieldRows: number[] = [];
  if (fieldHead < 0) problems.push({ cell: "A1", vi: "Thiếu bảng chỉ tiêu: dòng tiêu đề “Cột | Mã trường | Tên chỉ tiêu | Kiểu | Công thức”.", en: "Missing the fields table: a header row “Cột | Mã trường | Tên chỉ tiêu | Kiểu | Công thức”." });
  for (let r = fieldHead + 1; fieldHead >= 0 && r < values.length && text(cell(r, 1)) !== ""; r++) {
    const colValue = cell(r, 0);
    const column = text(colValue) === "" ? null : Number(colValue);
    if (column !== null && !(column >= 1 && column % 1 === 0)) problem({ row: r, col: 0 }, "Số cột phải là số nguyên dương.", "The column number must be a positive whole number.");
    const key = text(cell(r, 1));
    if (!/^[a-z][a-z0-9_]*$/.test(key)) problem({ row: r, col: 1 }, `Mã trường “${key}” chỉ gồm chữ thường không dấu, chữ số và _ (ví dụ tong_ton).`, `Field key “${key}” must be snake_case (e.g. tong_ton).`);
    const label = text(cell(r, 2));
    if (label === "") problem({ row: r, col: 2 }, "Chưa có tên chỉ tiêu.", "The field has no label.");
    const type = fold(cell(r, 3));
    const valueType = type.indexOf("tien") >= 0 || type === "money" ? "money" : type === "" || type.indexOf("viec") >= 0 || type.indexOf("so") >= 0 || type === "count" ? "count" : null;
    if (valueType === null) problem({ row: r, col: 3 }, "Kiểu phải là “việc” (số đếm) hoặc “tiền” (nghìn đồng).", "The type must be “việc” (a count) or “tiền” (money, thousand đồng).");
    const formula = text(cell(r, 4)).replace(/^=\s*/, "");
    const partOf = text(cell(r, 5));
    const rollUpText = text(cell(r, 6));
    const rollUp = rollUpText === "" ? null : parseRollUp(fold(rollUpText));
    if (rollUpText !== "" && rollUp === null) {
      problem({ row: r, col: 6 }, `Không hiểu cách tính “${rollUpText}”. Viết: đếm · đếm khi {cột} ≥ 20.000.000 · đếm khi {cột} trên 3 năm · tổng {cột} · tổng {cột} khi …`,
        `Cannot read “${rollUpText}”. Write: đếm (count) · đếm khi {column} ≥ 20.000.000 · đếm khi {column} trên 3 năm (older than 3 years) · tổng {column} (sum) · tổng {column} khi …`);
    }
    const f: FieldDefinition = {
      key,
      label: { vi: label || key, en: label || key },
      column: column !== null && column >= 1 && column % 1 === 0 ? column : null,
      valueType: valueType || "count",
      kind: formula !== "" ? "derived" : "input",
    };
    if (formula !== "") f.formula = formula;
    if (partOf !== "") f.partOf = partOf;
    if (rollUp) f.fromRows = rollUp;
    fields.push(f);
    fieldRows.push(r);
  }
  if (fieldHead >= 0 && fields.length === 0) problem({ row: fieldHead + 1, col: 1 }, "Bảng chỉ tiêu chưa có dòng nào.", "The fields table has no row.");

  const rules: RuleDefinition[] = [];
  const ruleRows: number[] = [];
  for (let r = ruleHead + 1; ruleHead >= 0 && r < values.length && text(cell(r, 1)) !== ""; r++) {
    const sev = fold(cell(r, 2));
    const rule: RuleDefinition = {
      id: text(cell(r, 0)) || id + ".R" + (rules.length + 1),
      expression: text(cell(r, 1)),
      severity: sev.indexOf("canh bao") >= 0 || sev === "warning" ? "warning" : "error",
      missing: "skip",
    };
    const why = text(cell(r, 3));
    if (why !== "") rule.description = { vi: why, en: why };
    rules.push(rule);
    ruleRows.push(r);
  }

  const indicators: IndicatorDefinition[] = [];
  const indicatorRows: number[] = [];
  for (let r = indicatorHead + 1; indicatorHead >= 0 && r < values.length && text(cell(r, 0)) !== ""; r++) {
    const label = text(cell(r, 1));
    const dir = fold(cell(r, 4));
    const decimals = text(cell(r, 5)) === "" ? 2 : Number(cell(r, 5));
    const indId = text(cell(r, 0));
    if (!/^[a-z][a-z0-9_]*$/.test(indId)) problem({ row: r, col: 0 }, `Mã chỉ số “${indId}” chỉ gồm chữ thường không dấu, chữ số và _.`, `Indicator id “${indId}” must be snake_case.`);
    if (!(decimals >= 0 && decimals <= 4 && decimals % 1 === 0)) problem({ row: r, col: 5 }, "Số chữ số thập phân từ 0 đến 4.", "Decimals must be 0 to 4.");
    const numerator = terms(cell(r, 2));
    const denominator = terms(cell(r, 3));
    if (numerator.length === 0) problem({ row: r, col: 2 }, "Chưa có tử số.", "The numerator is empty.");
    if (denominator.length === 0) problem({ row: r, col: 3 }, "Chưa có mẫu số.", "The denominator is empty.");
    indicators.push({
      id: indId,
      label: { vi: label || indId, en: label || indId },
      short: { vi: label || indId, en: label || indId },
      numerator,
      denominator,
      direction: dir.indexOf("thap") >= 0 || dir === "lower" ? "lower" : "higher",
      decimals: decimals >= 0 && decimals <= 4 && decimals % 1 === 0 ? decimals : 2,
      targeted: false,
    });
    indicatorRows.push(r);
  }

  const list = readListShape(values, header, columnHead, problem);

  const definition: FormDefinition = {
    id,
    code,
    title: { vi: title, en: titleEn || title },
    regime: regimeOn(validFrom || "2099-01-01"),
    validFrom,
    validTo: null,
    period,
    unit,
    fields,
    rules,
    indicators,
    notes: ["Định nghĩa từ trang thiết kế trong Excel (Defined from an Excel design sheet)."],
  };
  if (list.shape) definition.rows = list.shape;
  // The Worker's own checks, each problem put back on the cell it comes from.
  for (const p of definitionProblems(definition)) {
    const [part, index, sub] = p.path;
    let w: Where = { row: 0, col: 0 };
    if (part === "fields" && typeof index === "number") w = { row: fieldRows[index] as number, col: sub === "key" ? 1 : sub === "column" ? 0 : sub === "label" ? 2 : sub === "partOf" ? 5 : sub === "fromRows" ? 6 : 4 };
    else if (part === "fields" && fieldHead >= 0) w = { row: fieldHead, col: 4 };
    else if (part === "rules" && typeof index === "number") w = { row: ruleRows[index] as number, col: sub === "id" ? 0 : sub === "description" ? 3 : 1 };
    else if (part === "indicators" && typeof index === "number") w = { row: indicatorRows[index] as number, col: sub === "numerator" ? 2 : sub === "denominator" ? 3 : sub === "label" || sub === "short" ? 1 : 0 };
    else if (part === "validTo" && header.validFrom) w = header.validFrom;
    else if (part === "title" && (index === "en" ? header.titleEn : header.title)) w = (index === "en" ? header.titleEn : header.title) as Where;
    else if (part === "code" && header.code) w = header.code;
    else if (part === "rows" && index === "rowLabel" && header.rowLabel) w = header.rowLabel;
    else if (part === "rows" && index === "columns" && typeof sub === "number") w = { row: list.columnRows[sub] as number, col: p.path[4] === "label" ? 1 : 0 };
    else if (part === "rows" && header.rowKind) w = header.rowKind;
    // A label and its short form come from one cell: one problem there, not two.
    if (!problems.some((q) => q.cell === at(w) && q.vi === p.vi)) problem(w, p.vi, p.en);
  }
  const complete = id !== "" && code !== "" && title !== "" && validFrom !== "" && fields.length > 0 && list.complete;
  return { definition: complete ? definition : null, problems };
}

/**
 * The row shape: one row per unit unless "Dạng dòng" says "danh sách"; a list then needs its
 * columns table (design-list.ts). A columns table on a sheet that is not a list is a problem
 * rather than silently ignored: the staff member meant something by it.
 */
function readListShape(
  values: readonly (readonly DesignCell[])[],
  header: Record<string, Where>,
  head: number,
  problem: (w: Where, vi: string, en: string) => void,
): { shape: FormDefinition["rows"] | null; columnRows: number[]; complete: boolean } {
  const cell = (r: number, c: number): DesignCell => (values[r] ? values[r]![c] : null);
  const kw = header.rowKind;
  const kind = rowKindOf(kw ? fold(cell(kw.row, kw.col)) : "");
  if (kind === null && kw) {
    problem(kw, "Dạng dòng phải là “đơn vị” (mỗi đơn vị một dòng) hoặc “danh sách” (mỗi việc một dòng).", "The row shape must be “đơn vị” (one row per unit) or “danh sách” (a list: one row per case).");
  }
  if (kind !== "list") {
    if (head >= 0 && kind === "unit") {
      problem({ row: head, col: 0 }, "Bảng cột danh sách chỉ dùng khi “Dạng dòng” là “danh sách”.", "A columns table needs “Dạng dòng” to be “danh sách” (a list).");
    }
    return { shape: null, columnRows: [], complete: kind !== null };
  }
  const columns: ListColumn[] = [];
  const columnRows: number[] = [];
  if (head < 0) {
    problem(kw as Where, "Biểu danh sách cần bảng cột: dòng tiêu đề “Mã cột | Tên cột | Kiểu | Bắt buộc”.", "A list needs its columns table: a header row “Mã cột | Tên cột | Kiểu | Bắt buộc”.");
  }
  for (let r = head + 1; head >= 0 && r < values.length && text(cell(r, 0)) !== ""; r++) {
    const key = text(cell(r, 0));
    if (!/^[a-z][a-z0-9_]*$/.test(key)) problem({ row: r, col: 0 }, `Mã cột “${key}” chỉ gồm chữ thường không dấu, chữ số và _ (ví dụ so_tien).`, `Column key “${key}” must be snake_case (e.g. so_tien).`);
    const label = text(cell(r, 1));
    if (label === "") problem({ row: r, col: 1 }, "Chưa có tên cột.", "The column has no label.");
    const typeText = text(cell(r, 2));
    const type = columnTypeOf(fold(typeText));
    if (type === null) problem({ row: r, col: 2 }, `Kiểu “${typeText}” không dùng được: chọn “chữ”, “ngày”, “việc” (số đếm) hoặc “tiền” (nghìn đồng).`, `Type “${typeText}” is not one of “chữ” (text), “ngày” (date), “việc” (count) or “tiền” (money).`);
    const required = requiredOf(fold(cell(r, 3)));
    if (required === null) problem({ row: r, col: 3 }, "Bắt buộc: ghi “có” hoặc để trống.", "Required: write “có” (yes) or leave it empty.");
    columns.push({ key, label: { vi: label || key, en: label || key }, type: type || "text", required: required === true });
    columnRows.push(r);
  }
  if (head >= 0 && columns.length === 0) problem({ row: head + 1, col: 0 }, "Bảng cột danh sách chưa có dòng nào.", "The columns table has no row.");
  const lw = header.rowLabel;
  const rowLabel = lw ? text(cell(lw.row, lw.col)) : "";
  return {
    shape: { kind: "list", rowLabel: { vi: rowLabel || "Việc", en: rowLabel || "Case" }, columns },
    columnRows,
    complete: columns.length > 0,
  };
}
