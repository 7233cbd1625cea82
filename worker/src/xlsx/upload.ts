import ExcelJS from "exceljs";
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import type { SheetGrid } from "../../../shared/reports/editable";

/**
 * An edited sheet sent back as .xlsx from the download page. Read with exceljs, never with
 * SheetJS (`xlsx` is frozen at 0.18.5 with known vulnerabilities). A workbook is a zip, so the
 * checks come before exceljs sees it: the upload's own size, then the sizes its central
 * directory declares (a zip bomb of a few KB may unpack to gigabytes), then a cap on the grid.
 */

/** An edited targets or units sheet is 10–60 KB; the national one with 34 × 2 rows about 30 KB. */
export const MAX_UPLOAD_BYTES = 1024 * 1024;
/** What its parts may unpack to, together. */
export const MAX_UNPACKED_BYTES = 16 * 1024 * 1024;
const MAX_ROWS = 5000;
const MAX_COLUMNS = 60;

function tooLarge(vi: string, en: string): ApiError {
  return new ApiError(413, "upload_too_large", vi, en);
}

function notXlsx(): ApiError {
  return new ApiError(400, "not_xlsx", "Tệp gửi lên không phải tệp Excel .xlsx đọc được.", "The uploaded file is not a readable .xlsx workbook.");
}

/** Reads the body within the size limit. */
export async function readUpload(c: Context<AppEnv>): Promise<Uint8Array> {
  const declared = Number(c.req.header("Content-Length") ?? "0");
  const limit = `Tệp gửi lên vượt quá ${MAX_UPLOAD_BYTES / 1024} KB.`;
  const limitEn = `The uploaded file exceeds ${MAX_UPLOAD_BYTES / 1024} KB.`;
  if (declared > MAX_UPLOAD_BYTES) throw tooLarge(limit, limitEn);
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.length > MAX_UPLOAD_BYTES) throw tooLarge(limit, limitEn);
  if (bytes.length === 0) throw new ApiError(400, "empty_upload", "Chưa chọn tệp để tải lên.", "No file was uploaded.");
  return bytes;
}

/**
 * Sums the uncompressed sizes the zip's central directory declares and refuses a workbook that
 * would unpack beyond MAX_UNPACKED_BYTES, before anything is inflated. A zip whose directory
 * cannot be found is not an .xlsx.
 */
export function assertSafeZip(bytes: Uint8Array): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record is in the last 22 + 65535 bytes.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw notXlsx();
  const entries = view.getUint16(eocd + 10, true);
  let offset = view.getUint32(eocd + 16, true);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) throw notXlsx();
    const compressed = view.getUint32(offset + 20, true);
    const uncompressed = view.getUint32(offset + 24, true);
    // ZIP64 markers: no sheet of ours needs them.
    if (compressed === 0xffffffff || uncompressed === 0xffffffff) throw tooLarge("Tệp .xlsx quá lớn.", "The .xlsx file is too large.");
    total += uncompressed;
    if (total > MAX_UNPACKED_BYTES) {
      throw tooLarge(`Tệp .xlsx giải nén ra quá ${MAX_UNPACKED_BYTES / 1024 / 1024} MB: không phải trang chỉ tiêu hay danh sách đơn vị.`,
        `The .xlsx would unpack to more than ${MAX_UNPACKED_BYTES / 1024 / 1024} MB: not a targets or units sheet.`);
    }
    offset += 46 + view.getUint16(offset + 28, true) + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
  }
}

/** Excel's day 0 (1899-12-30) in milliseconds since 1970. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/** A cell as Office.js would give it: number, text, boolean, "" when empty; a date as its serial number. */
function plain(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return "";
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return (v.getTime() - EXCEL_EPOCH_MS) / 86400000;
  if (typeof v === "object") {
    if ("result" in v) return plain((v as { result?: ExcelJS.CellValue }).result ?? null);
    if ("richText" in v) return (v as ExcelJS.CellRichTextValue).richText.map((t) => t.text).join("");
    if ("text" in v) return String((v as { text: unknown }).text);
    if ("error" in v) return String((v as { error: unknown }).error);
  }
  return "";
}

/** Every worksheet of the workbook as a grid of plain values and number formats. */
export async function readWorkbookGrids(bytes: Uint8Array): Promise<SheetGrid[]> {
  assertSafeZip(bytes);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  } catch {
    throw notXlsx();
  }
  const grids: SheetGrid[] = [];
  for (const ws of wb.worksheets) {
    if (ws.rowCount > MAX_ROWS || ws.columnCount > MAX_COLUMNS) {
      throw tooLarge(`Trang «${ws.name}» có quá nhiều dòng hoặc cột (tối đa ${MAX_ROWS} dòng, ${MAX_COLUMNS} cột).`,
        `Sheet "${ws.name}" has too many rows or columns (at most ${MAX_ROWS} rows, ${MAX_COLUMNS} columns).`);
    }
    const values: unknown[][] = [];
    const formats: string[][] = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const vals: unknown[] = [];
      const fmts: string[] = [];
      for (let c = 1; c <= ws.columnCount; c++) {
        const cell = row.getCell(c);
        // A merged cell's value lives in its master; the others read as empty, as in Office.js.
        vals.push(cell.isMerged && cell.master !== cell ? "" : plain(cell.value));
        fmts.push(cell.numFmt ?? "General");
      }
      values.push(vals);
      formats.push(fmts);
    }
    grids.push({ sheetName: ws.name, values, origin: { row: 0, col: 0 }, formats });
  }
  return grids;
}
