import type ExcelJS from "exceljs";
import { absoluteCellAddress, cellAddress } from "../../../shared/a1";

/**
 * The small vocabulary every downloadable sheet shares: cell addresses, number formats,
 * fills, the title block and the print setup, so the three workbooks look like one family.
 */

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** True when the client asked for a workbook (curl -H "Accept: …sheet", a browser link made by the add-in). */
export function wantsXlsx(accept: string | undefined): boolean {
  return (accept ?? "").toLowerCase().includes(XLSX_MIME);
}

/** attachment; filename="so-sanh-VN-01-2026-09.xlsx": ASCII only, so every browser and mail client keeps it. */
export function attachment(filename: string): string {
  const ascii = filename.replace(/[^A-Za-z0-9._-]/g, "-");
  return `attachment; filename="${ascii}"`;
}

/** Column 2, row 7 → "B7": the sheet builders count column first. */
export function addr(col: number, row: number): string {
  return cellAddress(row, col);
}

/** Column 6, row 7 → "$F$7". */
export function absAddr(col: number, row: number): string {
  return absoluteCellAddress(row, col);
}

// Number formats. A format code is stored with "." and ","; Excel and LibreOffice show
// them with the reader's own separators, so a Vietnamese locale prints 84,25% and
// 1.234.567 while an English one prints 84.25% and 1,234,567. Rates are kept as percent
// numbers (84.25, like the API and the CSV), hence the quoted "%": an unquoted % would
// multiply by 100 again.
export const FMT_COUNT = "#,##0";
export const FMT_RATE = '0.00"%"';
export const FMT_POINTS = '+0.00;-0.00;0.00';
export const FMT_SIGNED = "+#,##0;-#,##0;0";
export const FMT_DATETIME = "dd/mm/yyyy hh:mm";

export const COLOURS = {
  headerFill: "FFDDEBF7",
  totalFill: "FFF2F2F2",
  belowFill: "FFFFC7CE",
  belowFont: "FF9C0006",
  metFill: "FFC6EFCE",
  metFont: "FF006100",
  lateFill: "FFFFEB9C",
  lateFont: "FF9C5700",
  border: "FF808080",
  /** Chart bars: met, below target, no target. */
  barMet: "2E7D32",
  barBelow: "C62828",
  barNeutral: "5B7DB1",
  targetLine: "1F1F1F",
} as const;

export const FONT_NAME = "Times New Roman";

export function solid(argb: string): ExcelJS.Fill {
  return { type: "pattern", pattern: "solid", fgColor: { argb }, bgColor: { argb } };
}

const THIN: ExcelJS.Border = { style: "thin", color: { argb: COLOURS.border } };
export const BOX: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/**
 * The statistical offices work in Vietnam time (UTC+7, no daylight saving): "Lấy số liệu lúc
 * 09:30 ngày 05/10/2026" must match the clock on the clerk's wall, not the server's.
 */
export function vietnamTime(iso: string): { date: string; time: string } {
  const d = new Date(Date.parse(iso) + 7 * 3600_000);
  const p = (n: number) => (n < 10 ? "0" : "") + n;
  return {
    date: `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`,
    time: `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`,
  };
}

/**
 * An Excel date-time serial for an instant, shown in Vietnam time. Serials have no zone:
 * the number is the wall-clock time in Hà Nội.
 */
export function vietnamSerial(iso: string): number {
  // Whole minutes, as printed: a deadline of 23:59:59.999 must not show as 00:00 next day.
  const ms = Math.floor((Date.parse(iso) + 7 * 3600_000) / 60_000) * 60_000;
  return ms / 86_400_000 + 25569;
}

export interface TitleLine {
  text: string;
  size?: number;
  bold?: boolean;
  italic?: boolean;
  align?: "left" | "center";
}

/** Lines merged across the sheet's width, one row each; returns the next free row. */
export function titleBlock(ws: ExcelJS.Worksheet, lastCol: number, lines: TitleLine[], firstRow = 1): number {
  let row = firstRow;
  for (const line of lines) {
    ws.mergeCells(row, 1, row, lastCol);
    const cell = ws.getCell(row, 1);
    cell.value = line.text;
    cell.font = { name: FONT_NAME, size: line.size ?? 11, bold: line.bold ?? false, italic: line.italic ?? false };
    cell.alignment = { horizontal: line.align ?? "center", vertical: "middle", wrapText: true };
    ws.getRow(row).height = (line.size ?? 11) >= 14 ? 22 : 17;
    row++;
  }
  return row;
}

export interface HeaderColumn {
  header: string;
  width: number;
}

/** A wrapped, boxed, tinted header row. */
export function headerRow(ws: ExcelJS.Worksheet, row: number, columns: readonly HeaderColumn[], height = 48): void {
  columns.forEach((c, i) => {
    const cell = ws.getCell(row, i + 1);
    cell.value = c.header;
    cell.font = { name: FONT_NAME, size: 10, bold: true };
    cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
    cell.fill = solid(COLOURS.headerFill);
    cell.border = BOX;
    ws.getColumn(i + 1).width = c.width;
  });
  ws.getRow(row).height = height;
}

/** Body cells: the sheet's font and a box, in one pass per row. */
export function styleBodyRow(ws: ExcelJS.Worksheet, row: number, lastCol: number, opts: { bold?: boolean; fill?: string } = {}): void {
  for (let c = 1; c <= lastCol; c++) {
    const cell = ws.getCell(row, c);
    cell.font = { name: FONT_NAME, size: 10, bold: opts.bold ?? false, ...(cell.font?.color ? { color: cell.font.color } : {}) };
    cell.border = BOX;
    if (opts.fill && !cell.fill) cell.fill = solid(opts.fill);
    if (!cell.alignment) cell.alignment = { vertical: "middle" };
  }
}

/**
 * A4 landscape, fit to one page wide (as many pages tall as needed), the header row
 * repeated on every page, centred, with a page number footer: ready to print and to put in
 * a report to leadership.
 */
export function printSetup(ws: ExcelJS.Worksheet, opts: { titleRows?: string; oneTall?: boolean } = {}): void {
  ws.pageSetup = {
    paperSize: 9,
    orientation: "landscape",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: opts.oneTall ? 1 : 0,
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.25, footer: 0.3 },
    ...(opts.titleRows ? { printTitlesRow: opts.titleRows } : {}),
  };
  ws.headerFooter = { oddFooter: "&C&\"Times New Roman\"&9Trang &P/&N" };
}

export function setWorkbookProperties(wb: ExcelJS.Workbook, title: string, generatedAt: string): void {
  wb.creator = "THADS Thống kê";
  wb.lastModifiedBy = "THADS Thống kê";
  wb.title = title;
  wb.created = new Date(generatedAt);
  wb.modified = new Date(generatedAt);
  // Cached results are written for viewers that never calculate (mail previews, Quick Look);
  // Excel is told to recompute everything on open anyway.
  wb.calcProperties.fullCalcOnLoad = true;
}

const priorities = new WeakMap<ExcelJS.Worksheet, number>();

/** Conditional format priorities must be unique within a sheet; rules are numbered in the order added. */
export function nextPriority(ws: ExcelJS.Worksheet): number {
  const p = (priorities.get(ws) ?? 0) + 1;
  priorities.set(ws, p);
  return p;
}
