import type ExcelJS from "exceljs";
import { parseRangeAddress } from "../../../shared/a1";
import type { ReportLayout } from "../../../shared/reports/grid";
import { buildWorkbook, type XlsxBytes } from "./render";

function argb(hex: string): string {
  return "FF" + hex.replace(/^#/, "").toUpperCase();
}

function each(ws: ExcelJS.Worksheet, address: string, f: (cell: ExcelJS.Cell) => void): void {
  const r = parseRangeAddress(address);
  if (r === null) throw new Error("editable: bad address " + address);
  for (let row = r.top; row <= r.bottom; row++) for (let col = r.left; col <= r.right; col++) f(ws.getCell(row, col));
}

/**
 * A sheet people edit and send back (targets, units) as .xlsx: the report's cells as every
 * layout is written (render.ts), then its editing plan — input cells unlocked and tinted, lists
 * and number ranges as data validation, the row keys' column hidden, the sheet protected without
 * a password (it guards the keys and the history, not a secret: anyone may unprotect it).
 */
export async function renderEditableXlsx(layout: ReportLayout, generatedAt: string): Promise<XlsxBytes> {
  const { workbook } = buildWorkbook(layout, generatedAt);
  const ws = workbook.worksheets[0] as ExcelJS.Worksheet;
  const plan = layout.editing;
  // exceljs keeps range validations in worksheet.dataValidations but its typings do not list it.
  const validations = (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  if (plan) {
    for (const address of plan.inputs) {
      each(ws, address, (cell) => {
        cell.protection = { locked: false };
        cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(plan.inputFill) }, bgColor: { argb: argb(plan.inputFill) } };
      });
    }
    for (const l of plan.lists) {
      validations.add(l.address, {
        type: "list",
        allowBlank: true,
        formulae: ['"' + l.values.join(",") + '"'],
        showErrorMessage: true,
        errorStyle: "stop",
        errorTitle: "Giá trị không hợp lệ",
        error: "Hãy chọn một trong: " + l.values.join("; "),
      });
    }
    for (const n of plan.numbers) {
      validations.add(n.address, {
        type: "decimal",
        operator: "between",
        allowBlank: true,
        formulae: [n.min, n.max],
        showErrorMessage: true,
        errorStyle: "stop",
        errorTitle: "Chỉ tiêu không hợp lệ",
        error: "Chỉ tiêu là một số phần trăm từ " + n.min + " đến " + n.max + ", ví dụ 84,7.",
      });
    }
    for (const c of plan.hiddenColumns) ws.getColumn(c).hidden = true;
    await ws.protect("", {
      selectLockedCells: true,
      selectUnlockedCells: true,
      formatCells: true,
      formatColumns: true,
      formatRows: true,
      sort: true,
      autoFilter: true,
    });
  }
  const written = await workbook.xlsx.writeBuffer();
  return new Uint8Array(written instanceof Uint8Array ? written : new Uint8Array(written as ArrayBuffer));
}
