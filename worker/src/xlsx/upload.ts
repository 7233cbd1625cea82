import type { Context } from "hono";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import type { SheetGrid } from "../../../shared/reports/editable";
import { NotAWorkbook, readXlsxGrids, TooLargeSheet } from "./read-grid";

/**
 * An edited sheet sent back as .xlsx from the download page. Read by read-grid.ts (jszip and the
 * sheet XML), never with SheetJS (`xlsx` is frozen at 0.18.5 with known vulnerabilities). A
 * workbook is a zip, so the checks come before it is opened: the upload's own size, then the sizes its central
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

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * Reads the body within the size limit. Only an .xlsx (or bytes a client could not name) is read:
 * a form post or text from another page is a 415 before the body is, as for the JSON routes.
 */
export async function readUpload(c: Context<AppEnv>): Promise<Uint8Array> {
  const type = (c.req.header("Content-Type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (type !== XLSX_TYPE && type !== "application/octet-stream") {
    throw new ApiError(415, "unsupported_media_type",
      `Tệp gửi lên phải là tệp Excel .xlsx: tiêu đề Content-Type phải là ${XLSX_TYPE} (đang là "${type}").`,
      `The upload must be an .xlsx workbook: the Content-Type header must be ${XLSX_TYPE} (it is "${type}").`);
  }
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

/** Every worksheet of the workbook as a grid of plain values and number formats. */
export async function readWorkbookGrids(bytes: Uint8Array): Promise<SheetGrid[]> {
  assertSafeZip(bytes);
  try {
    return await readXlsxGrids(bytes, { maxRows: MAX_ROWS, maxColumns: MAX_COLUMNS });
  } catch (e) {
    if (e instanceof TooLargeSheet) {
      throw tooLarge(`Trang «${e.sheetName}» có quá nhiều dòng hoặc cột (tối đa ${MAX_ROWS} dòng, ${MAX_COLUMNS} cột).`,
        `Sheet "${e.sheetName}" has too many rows or columns (at most ${MAX_ROWS} rows, ${MAX_COLUMNS} columns).`);
    }
    if (e instanceof NotAWorkbook) throw notXlsx();
    throw e;
  }
}
