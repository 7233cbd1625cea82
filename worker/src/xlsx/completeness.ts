import ExcelJS from "exceljs";
import type { Completeness } from "../../../shared/api/schemas";
import type { FormDefinition } from "../../../shared/forms/types";
import { cumulativeLabel, periodRangeLabel } from "../../../shared/periods";
import type { BuiltWorkbook, SheetOptions } from "./comparison";
import {
  COLOURS,
  FMT_DATETIME,
  FONT_NAME,
  addr,
  headerRow,
  nextPriority,
  printSetup,
  setWorkbookProperties,
  solid,
  styleBodyRow,
  titleBlock,
  vietnamSerial,
  vietnamTime,
} from "./sheet-kit";

export const COMPLETENESS_SHEET = "Tình hình nộp";

export const STATUS_LABEL = { on_time: "Đúng hạn", late: "Muộn", missing: "Chưa nộp" } as const;

const STATUS_STYLE: Record<keyof typeof STATUS_LABEL, { fill: string; font: string }> = {
  on_time: { fill: COLOURS.metFill, font: COLOURS.metFont },
  late: { fill: COLOURS.lateFill, font: COLOURS.lateFont },
  missing: { fill: COLOURS.belowFill, font: COLOURS.belowFont },
};

const COL = { stt: 1, code: 2, name: 3, form: 4, status: 5, deadline: 6, submitted: 7, revision: 8 } as const;
const LAST = COL.revision;

/** Which reports are in, late or missing under a province or the country, one row per unit and form. */
export function buildCompletenessWorkbook(
  c: Completeness,
  parentName: string,
  forms: readonly FormDefinition[],
  generatedAt: string,
  options: SheetOptions = {},
): BuiltWorkbook {
  const cached = options.cachedResults !== false;
  const wb = new ExcelJS.Workbook();
  const title = `TÌNH HÌNH NỘP BÁO CÁO THỐNG KÊ THI HÀNH ÁN DÂN SỰ — ${cumulativeLabel(c.period)}`;
  setWorkbookProperties(wb, title, generatedAt);
  const ws = wb.addWorksheet(COMPLETENESS_SHEET, { properties: { defaultRowHeight: 16 } });
  const t = vietnamTime(generatedAt);
  // Regional offices have 2 working days, the province's own office 4: name both when both occur.
  const deadlines = Array.from(new Set(c.rows.map((r) => r.deadline))).sort().map(vietnamTime);
  const deadlineText =
    deadlines.length === 1
      ? ` Hạn nộp của đơn vị: ${deadlines[0]!.time} ngày ${deadlines[0]!.date}.`
      : deadlines.length === 2
        ? ` Hạn nộp: Phòng THADS khu vực ${deadlines[0]!.time} ngày ${deadlines[0]!.date}; văn phòng THADS tỉnh ${deadlines[1]!.time} ngày ${deadlines[1]!.date}.`
        : deadlines.length > 2
          ? " Hạn nộp của từng đơn vị: xem cột Hạn nộp."
          : "";
  let row = titleBlock(ws, LAST, [
    { text: title, size: 14, bold: true },
    { text: `${parentName} — ${periodRangeLabel(c.period)}`, size: 11, bold: true },
    {
      text: `Nguồn: THADS Thống kê. Lấy số liệu lúc ${t.time} ngày ${t.date} (giờ Việt Nam).` +
        deadlineText,
      size: 10,
      italic: true,
    },
  ]) + 1;

  const first = row + 7; // five summary rows, a blank row, the header
  const last = first + Math.max(c.rows.length, 1) - 1;
  const statusRange = `${addr(COL.status, first)}:${addr(COL.status, last)}`;
  // The summary counts the rows below with formulas, so a second application recounts them.
  const summary: [string, string, number][] = [
    ["Phải nộp", `COUNTA(${addr(COL.code, first)}:${addr(COL.code, last)})`, c.expected],
    ["Đúng hạn", `COUNTIF(${statusRange},"${STATUS_LABEL.on_time}")`, c.onTime],
    ["Muộn", `COUNTIF(${statusRange},"${STATUS_LABEL.late}")`, c.late],
    ["Chưa nộp", `COUNTIF(${statusRange},"${STATUS_LABEL.missing}")`, c.missing],
  ];
  const summaryTop = row;
  for (const [label, formula, value] of summary) {
    ws.getCell(row, COL.name).value = label;
    ws.getCell(row, COL.form).value = cached ? { formula, result: value } : { formula };
    styleBodyRow(ws, row, COL.form);
    for (let col = 1; col < COL.name; col++) ws.getCell(row, col).border = {};
    ws.getCell(row, COL.form).numFmt = "#,##0";
    row++;
  }
  ws.getCell(row, COL.name).value = "Tỷ lệ nộp đúng hạn (%)";
  const rateFormula = `IF(${addr(COL.form, summaryTop)}>0,${addr(COL.form, summaryTop + 1)}*100/${addr(COL.form, summaryTop)},"")`;
  ws.getCell(row, COL.form).value = cached ? { formula: rateFormula, result: c.expected > 0 ? (c.onTime * 100) / c.expected : "" } : { formula: rateFormula };
  styleBodyRow(ws, row, COL.form, { bold: true });
  for (let col = 1; col < COL.name; col++) ws.getCell(row, col).border = {};
  ws.getCell(row, COL.form).numFmt = '0.00"%"';
  const headerAt = first - 1;

  const formName = (id: string) => forms.find((f) => f.id === id)?.code ?? `Mẫu số ${id}`;
  const columns = [
    { header: "STT", width: 5 },
    { header: "Mã đơn vị", width: 9 },
    { header: "Đơn vị", width: 40 },
    { header: "Biểu mẫu", width: 14 },
    { header: "Tình trạng", width: 12 },
    { header: "Hạn nộp", width: 17 },
    { header: "Nộp lần đầu lúc", width: 17 },
    { header: "Lần nộp", width: 8 },
  ];
  if (c.rows.length > 0) {
    ws.addTable({
      name: "TinhHinhNop",
      ref: addr(1, headerAt),
      headerRow: true,
      totalsRow: false,
      style: { theme: "TableStyleLight1", showRowStripes: false },
      columns: columns.map((col) => ({ name: col.header, filterButton: true })),
      rows: c.rows.map(() => columns.map(() => null)),
    });
  }
  headerRow(ws, headerAt, columns, 32);
  c.rows.forEach((r, i) => {
    const at = first + i;
    ws.getCell(at, COL.stt).value = i + 1;
    ws.getCell(at, COL.code).value = r.unit;
    ws.getCell(at, COL.name).value = r.name;
    ws.getCell(at, COL.form).value = formName(r.form);
    ws.getCell(at, COL.status).value = STATUS_LABEL[r.status];
    ws.getCell(at, COL.deadline).value = vietnamSerial(r.deadline);
    ws.getCell(at, COL.submitted).value = r.submittedAt ? vietnamSerial(r.submittedAt) : null;
    ws.getCell(at, COL.revision).value = r.revision;
    styleBodyRow(ws, at, LAST);
    ws.getCell(at, COL.deadline).numFmt = FMT_DATETIME;
    ws.getCell(at, COL.submitted).numFmt = FMT_DATETIME;
    for (const col of [COL.stt, COL.code, COL.form, COL.status, COL.revision]) {
      ws.getCell(at, col).alignment = { horizontal: "center", vertical: "middle" };
    }
    const st = STATUS_STYLE[r.status];
    const cell = ws.getCell(at, COL.status);
    cell.fill = solid(st.fill);
    cell.font = { name: FONT_NAME, size: 10, color: { argb: st.font } };
  });
  if (c.rows.length > 0) {
    ws.addConditionalFormatting({
      ref: statusRange,
      rules: (Object.keys(STATUS_LABEL) as (keyof typeof STATUS_LABEL)[]).map((k) => ({
        type: "expression" as const,
        priority: nextPriority(ws),
        formulae: [`${addr(COL.status, first)}="${STATUS_LABEL[k]}"`],
        style: {
          fill: { type: "pattern" as const, pattern: "solid" as const, bgColor: { argb: STATUS_STYLE[k].fill } },
          font: { color: { argb: STATUS_STYLE[k].font } },
        },
      })) as ExcelJS.ConditionalFormattingRule[],
    });
  }
  ws.views = [{ state: "frozen", xSplit: 0, ySplit: headerAt, topLeftCell: addr(1, headerAt + 1), activeCell: addr(1, headerAt + 1) }];
  printSetup(ws, { titleRows: `${headerAt}:${headerAt}` });
  return { workbook: wb, charts: [] };
}
