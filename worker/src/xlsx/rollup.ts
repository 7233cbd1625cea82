import ExcelJS from "exceljs";
import type { Comparison, ComparisonRow, Rollup } from "../../../shared/api/schemas";
import type { FormDefinition } from "../../../shared/forms/types";
import { periodRangeLabel } from "../../../shared/periods";
import { parseRule, printExpression } from "../../../shared/rules";
import { roundTo } from "../../../shared/format";
import { targetFormats, sourceLine, unitOfMeasure, type BuiltWorkbook, type SheetOptions } from "./comparison";
import {
  COLOURS,
  FMT_COUNT,
  FMT_RATE,
  FONT_NAME,
  addr,
  headerRow,
  printSetup,
  setWorkbookProperties,
  solid,
  styleBodyRow,
  titleBlock,
} from "./sheet-kit";

export const ROLLUP_SHEET = "Tổng hợp";
const FIRST_FIELD_COL = 4;

/**
 * A derived field's definition ("{tong_thu_ly} - {uy_thac}") as an Excel formula on one row
 * ("D7-G7"), printed from the same parsed tree the rule engine evaluates. Null when it uses
 * something a sheet row cannot express (another period's value): the number is written then.
 */
export function derivedFormula(fieldKey: string, formula: string, colOf: Readonly<Record<string, number>>, row: number): string | null {
  let expr;
  try {
    expr = parseRule(`{${fieldKey}} = ${formula}`).right;
  } catch {
    return null;
  }
  let ok = true;
  const text = printExpression(expr, {
    field: (scope, key) => {
      const col = colOf[key];
      if (scope !== "current" || col === undefined) {
        ok = false;
        return "0";
      }
      return addr(col, row);
    },
    number: (_v, t) => t,
    operator: (op) => op,
    functionName: (name) => name.toUpperCase(),
  });
  return ok ? text.replace(/\s+/g, "") : null;
}

interface Layout {
  colOf: Record<string, number>;
  rate: number;
  target: number;
  carried: number;
  note: number;
  last: number;
}

function layout(form: FormDefinition): Layout {
  const colOf: Record<string, number> = {};
  form.fields.forEach((field, i) => (colOf[field.key] = FIRST_FIELD_COL + i));
  const after = FIRST_FIELD_COL + form.fields.length;
  return { colOf, rate: after, target: after + 1, carried: after + 2, note: after + 3, last: after + 3 };
}

function indicatorFormulas(form: FormDefinition, l: Layout, row: number): { rate: string; carried: string } | null {
  const base = l.colOf[form.indicators.baseField];
  const due = l.colOf[form.indicators.dueField];
  const done = form.indicators.doneFields.map((k) => l.colOf[k]);
  if (base === undefined || due === undefined || done.some((c) => c === undefined)) return null;
  const sumDone = done.map((c) => addr(c as number, row)).join("+");
  const b = addr(base, row);
  return {
    rate: `IF(AND(ISNUMBER(${b}),${b}>0),(${sumDone})*100/${b},"")`,
    carried: `IF(ISNUMBER(${addr(due, row)}),${addr(due, row)}-(${sumDone}),"")`,
  };
}

function writeUnitRow(
  ws: ExcelJS.Worksheet,
  form: FormDefinition,
  l: Layout,
  row: number,
  label: { stt: number | null; code: string; name: string },
  values: Readonly<Record<string, number>>,
  r: ComparisonRow | null,
  total: boolean,
  cached: boolean,
): void {
  const has = Object.keys(values).length > 0;
  ws.getCell(row, 1).value = label.stt;
  ws.getCell(row, 2).value = label.code;
  ws.getCell(row, 3).value = label.name;
  for (const field of form.fields) {
    const col = l.colOf[field.key] as number;
    const v = has ? values[field.key] ?? null : null;
    const formula = has && field.kind === "derived" && field.formula ? derivedFormula(field.key, field.formula, l.colOf, row) : null;
    ws.getCell(row, col).value = formula ? (cached ? { formula, result: v ?? "" } : { formula }) : v;
  }
  const ind = has ? indicatorFormulas(form, l, row) : null;
  const rate = r && r.submitted ? r.rate : null;
  const doneSum = form.indicators.doneFields.reduce((s, k) => s + (values[k] ?? 0), 0);
  if (ind) {
    ws.getCell(row, l.rate).value = cached ? { formula: ind.rate, result: rate ?? "" } : { formula: ind.rate };
    const due = values[form.indicators.dueField];
    ws.getCell(row, l.carried).value = cached ? { formula: ind.carried, result: due === undefined ? "" : due - doneSum } : { formula: ind.carried };
  }
  ws.getCell(row, l.target).value = r?.target ?? null;
  ws.getCell(row, l.note).value = has ? (r?.targetProvisional ? "Chỉ tiêu tạm giao" : null) : "Chưa có số liệu";

  styleBodyRow(ws, row, l.last, total ? { bold: true, fill: COLOURS.totalFill } : {});
  for (let c = FIRST_FIELD_COL; c <= l.carried; c++) {
    const cell = ws.getCell(row, c);
    cell.numFmt = c === l.rate || c === l.target ? FMT_RATE : FMT_COUNT;
    cell.alignment = { horizontal: "right", vertical: "middle" };
  }
  ws.getCell(row, 1).alignment = { horizontal: "center", vertical: "middle" };
  ws.getCell(row, 2).alignment = { horizontal: "center", vertical: "middle" };
  ws.getCell(row, 3).alignment = { vertical: "middle", wrapText: true };
  if (rate !== null && r && r.target !== null) {
    const below = roundTo(rate, 2) < r.target;
    const cell = ws.getCell(row, l.rate);
    cell.fill = solid(below ? COLOURS.belowFill : COLOURS.metFill);
    cell.font = { name: FONT_NAME, size: 10, bold: total, color: { argb: below ? COLOURS.belowFont : COLOURS.metFont } };
  }
}

/**
 * A node's roll-up in the official form's own layout: one row per unit directly below it
 * (a province's own office and regional offices, or the 34 provinces), the total last,
 * the columns numbered as on the paper form, derived columns as formulas.
 */
export function buildRollupWorkbook(rollup: Rollup, breakdown: Comparison, form: FormDefinition, options: SheetOptions = {}): BuiltWorkbook {
  const cached = options.cachedResults !== false;
  const l = layout(form);
  const wb = new ExcelJS.Workbook();
  const title = `BẢNG TỔNG HỢP ${form.title.vi.toUpperCase()}`;
  setWorkbookProperties(wb, title, breakdown.generatedAt);
  const ws = wb.addWorksheet(ROLLUP_SHEET, { properties: { defaultRowHeight: 16 } });
  const headerAt = titleBlock(ws, l.last, [
    { text: title, size: 14, bold: true },
    { text: `${form.code} — ${rollup.unitName} — ${breakdown.periodLabel} (${periodRangeLabel(rollup.period)})`, size: 11, bold: true },
    { text: sourceLine(form, breakdown.generatedAt, `; ${rollup.contributors}/${rollup.expected} đơn vị đã báo cáo`), size: 10, italic: true },
    { text: `Đơn vị tính: ${unitOfMeasure(form)}.`, size: 10, italic: true, align: "left" },
  ]) + 1;

  headerRow(ws, headerAt, [
    { header: "STT", width: 5 },
    { header: "Mã", width: 7 },
    { header: "Đơn vị", width: 28 },
    ...form.fields.map((field) => ({ header: field.label.vi, width: form.unit === "viec" ? 10 : 14 })),
    { header: "Tỷ lệ thi hành xong (%)", width: 10 },
    { header: "Chỉ tiêu (%)", width: 9 },
    { header: "Chuyển kỳ sau", width: form.unit === "viec" ? 10 : 14 },
    { header: "Ghi chú", width: 16 },
  ], 62);
  // The row of column numbers, as on the paper form ("A, B, C" for the text columns).
  const numbers = headerAt + 1;
  ["A", "B", "C"].forEach((s, i) => (ws.getCell(numbers, i + 1).value = s));
  for (const field of form.fields) ws.getCell(numbers, l.colOf[field.key] as number).value = field.column;
  for (let c = 1; c <= l.last; c++) {
    const cell = ws.getCell(numbers, c);
    cell.font = { name: FONT_NAME, size: 9, italic: true };
    cell.alignment = { horizontal: "center" };
    cell.border = { top: { style: "thin" }, left: { style: "thin" }, bottom: { style: "thin" }, right: { style: "thin" } };
  }

  const children = breakdown.rows.filter((r) => !r.isTotal);
  const totalRow = breakdown.rows.find((r) => r.isTotal) ?? null;
  let row = numbers + 1;
  const first = row;
  children.forEach((r, i) => {
    writeUnitRow(ws, form, l, row, { stt: i + 1, code: r.unit, name: r.name }, r.values, r, false, cached);
    row++;
  });
  // The total comes from the stored aggregate (the same numbers the JSON route returns).
  writeUnitRow(
    ws, form, l, row,
    { stt: null, code: rollup.unit, name: children.length > 0 ? "Tổng cộng" : rollup.unitName },
    rollup.values, totalRow, children.length > 0, cached,
  );
  targetFormats(ws, first, row, [l.rate], l.rate, l.target);
  row += 2;
  const doneLabels = form.indicators.doneFields.map((k) => form.fields.find((x) => x.key === k)?.label.vi ?? k).join(" + ");
  const baseLabel = form.fields.find((x) => x.key === form.indicators.baseField)?.label.vi ?? form.indicators.baseField;
  ws.mergeCells(row, 1, row, l.last);
  const n = ws.getCell(row, 1);
  n.value = `Tỷ lệ thi hành xong = (${doneLabels}) × 100 ÷ ${baseLabel}. Các cột tính toán (tổng số, có điều kiện, chưa có điều kiện…) là công thức.`;
  n.font = { name: FONT_NAME, size: 10, italic: true };

  ws.views = [{ state: "frozen", xSplit: 3, ySplit: numbers, topLeftCell: addr(4, numbers + 1), activeCell: addr(4, numbers + 1) }];
  printSetup(ws, { titleRows: `${headerAt}:${numbers}` });
  ws.pageSetup.printArea = `A1:${addr(l.last, row)}`;
  return { workbook: wb, charts: [] };
}
