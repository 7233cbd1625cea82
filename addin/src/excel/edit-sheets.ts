/**
 * The sheets province and national staff edit and push back (targets, units): written from a
 * layout of shared/reports like every pulled sheet, plus their editing plan; read back in ONE
 * sync. Every API above ExcelApi 1.1 is gated on the detected capabilities:
 *   1.1   values, number formats, the input tint, the table — the key column stays visible;
 *   1.7   (1.2–1.6 gated here) input cells unlocked, key column hidden, sheet protected;
 *   1.8   lists (≥ / >, Tạm giao / Chính thức, kinds) and 0–100 as data validation.
 */
import { columnLetters, parseRangeAddress, stripSheet } from "../../../shared/a1";
import type { SheetGrid } from "../../../shared/reports/editable";
import { asText, type Cell, type ReportLayout } from "../../../shared/reports/grid";
import { addSheet } from "./add-sheet";
import { detectCapabilities, featuresOf } from "./capabilities";
import { uniqueSheetName } from "./layout";
import { writeBody } from "./pull-sheets";
import type { Capabilities } from "./types";

export interface EditPullResult {
  sheetName: string;
  /** Data rows written. */
  rows: number;
  /** What this Excel could not do, in Vietnamese. */
  notes: string[];
}

export interface EditSheets {
  capabilities(): Capabilities;
  /** A new sheet from an editable layout: 2 syncs (the existing names, then everything). */
  pull(layout: ReportLayout): Promise<EditPullResult>;
  /** ONE sync: the active sheet's used range, values and number formats. */
  readActive(): Promise<SheetGrid>;
  /** One sync: cells written into a sheet (the start-of-year fill goes to input cells only). */
  write(sheetName: string, writes: readonly { address: string; value: Cell }[]): Promise<void>;
  /** Shows a cell a problem names. */
  select(sheetName: string, address: string): Promise<void>;
}

const PROTECTION: Excel.WorksheetProtectionOptions = {
  allowFormatCells: true,
  allowFormatColumns: true,
  allowFormatRows: true,
  allowAutoFilter: true,
  allowSort: true,
};

export function createEditSheets(caps?: Capabilities): EditSheets {
  const c = caps || detectCapabilities();
  return {
    capabilities: () => c,
    pull: (layout) => pullEditable(layout, c),
    readActive,
    write: writeCells,
    select: selectCell,
  };
}

export function pullEditable(layout: ReportLayout, caps: Capabilities): Promise<EditPullResult> {
  const f = featuresOf(caps);
  const plan = layout.editing;
  return Excel.run(async (context) => {
    const { sheet, name } = await addSheet(context, (existing) => uniqueSheetName(layout.sheetName, existing));
    writeBody(sheet, layout, caps, f);
    const notes: string[] = [];
    if (plan) {
      for (const address of plan.inputs) {
        const r = sheet.getRange(address);
        r.format.fill.color = plan.inputFill;
        if (f.layout) r.format.protection.locked = false;
      }
      if (f.dataValidation) {
        for (const l of plan.lists) sheet.getRange(l.address).dataValidation.rule = { list: { inCellDropDown: true, source: l.values.join(",") } };
        for (const n of plan.numbers) {
          const r = sheet.getRange(n.address);
          r.dataValidation.rule = { decimal: { formula1: n.min, formula2: n.max, operator: "Between" } };
          r.dataValidation.errorAlert = { showAlert: true, style: "Stop", title: "Chỉ tiêu không hợp lệ", message: "Chỉ tiêu là một số phần trăm từ " + n.min + " đến " + n.max + ", ví dụ 84,7." };
        }
      } else notes.push("Excel này chưa có danh sách chọn trong ô (cần ExcelApi 1.8): hãy gõ đúng các chữ như trên trang (≥, >, Tạm giao, Chính thức…).");
      if (f.layout) {
        for (const col of plan.hiddenColumns) sheet.getRange(columnRange(col)).columnHidden = true;
        // Last: protection refuses formatting once it is on. No password: it guards keys and history, not a secret.
        sheet.protection.protect(PROTECTION);
      } else {
        notes.push("Excel này (ExcelApi " + caps.level + ") không ẩn được cột «Khóa dòng» và không khóa được trang: chỉ sửa các ô nền vàng, đừng sửa cột khóa.");
      }
    }
    sheet.activate();
    sheet.getRange("A1").select();
    await context.sync();
    return { sheetName: name, rows: layout.dataRows ? layout.dataRows.last - layout.dataRows.first + 1 : 0, notes };
  });
}

function columnRange(col: number): string {
  return columnLetters(col) + ":" + columnLetters(col);
}

export function readActive(): Promise<SheetGrid> {
  return Excel.run(async (context) => {
    const sheet = context.workbook.worksheets.getActiveWorksheet();
    sheet.load("name");
    const used = sheet.getUsedRange();
    used.load("address,values,numberFormat");
    await context.sync();
    const rect = parseRangeAddress(stripSheet(used.address));
    return {
      sheetName: sheet.name,
      values: used.values as unknown[][],
      formats: used.numberFormat as string[][],
      origin: rect ? { row: rect.top - 1, col: rect.left - 1 } : { row: 0, col: 0 },
    };
  });
}

export function writeCells(sheetName: string, writes: readonly { address: string; value: Cell }[]): Promise<void> {
  return Excel.run((context) => {
    const sheet = context.workbook.worksheets.getItem(sheetName);
    for (const w of writes) sheet.getRange(w.address).values = [[typeof w.value === "string" ? asText(w.value) : w.value]];
    return context.sync();
  });
}

export function selectCell(sheetName: string, address: string): Promise<void> {
  return Excel.run((context) => {
    const sheet = context.workbook.worksheets.getItem(sheetName);
    sheet.activate();
    sheet.getRange(address).select();
    return context.sync();
  });
}
