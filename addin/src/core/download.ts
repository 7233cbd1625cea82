/**
 * "Tải về .xlsx": the Worker's own workbook (with its chart sheet) for people who prefer the
 * file. Fetched through the pane's one HTTP client (http.ts) with the token in a header (a
 * plain link cannot carry it), the answer kept as a Blob, then saved: IE11 (Excel 2016/2019's
 * task pane) has navigator.msSaveOrOpenBlob; other engines take an <a download> with an
 * object URL.
 */
import type { LocalText } from "./api";
import { isTransientStatus, transientMessage } from "./api";
import type { Transport } from "./http";
import { objectUrls } from "./native";

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export type DownloadOutcome =
  | { ok: true; filename: string; bytes: number }
  | { ok: false; transient: boolean; status: number; message: LocalText };

export interface DownloadRequest {
  url: string;
  token: string;
  /** Used when the answer names no file. */
  fallbackName: string;
  /** What to ask for: the workbook (default), the report's Word document or a revision's PDF. */
  accept?: string;
}

export const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** A revision's report document (issue 13): the PDF the head signs. */
export const PDF_MIME = "application/pdf";

/** attachment; filename="so-sanh-VN-01-2026-09.xlsx" → so-sanh-VN-01-2026-09.xlsx */
export function filenameOf(disposition: string | null | undefined, fallback: string): string {
  const m = disposition ? /filename="?([^";]+)"?/i.exec(disposition) : null;
  return m && m[1] ? m[1] : fallback;
}

function errorMessage(status: number, body: unknown): LocalText {
  const b = body as { error?: { message?: LocalText } } | null;
  if (b && typeof b === "object" && b.error && b.error.message && typeof b.error.message.vi === "string") return b.error.message;
  return { vi: "Máy chủ không trả về tệp (mã " + status + ").", en: "The server sent no file (status " + status + ")." };
}

export function fetchXlsx(transport: Transport, req: DownloadRequest): Promise<{ ok: true; blob: Blob; filename: string } | Extract<DownloadOutcome, { ok: false }>> {
  const headers: Record<string, string> = { Accept: req.accept || XLSX_MIME };
  if (req.token) headers.Authorization = "Bearer " + req.token;
  // A national workbook is built on the server: allow it longer than an API call.
  return transport({ method: "GET", url: req.url, headers, timeoutMs: 120000, responseType: "blob" }).then((res) => {
    if (res.status === 200 && res.blob) return { ok: true as const, blob: res.blob, filename: filenameOf(res.contentDisposition, req.fallbackName) };
    const transient = isTransientStatus(res.status);
    return { ok: false as const, transient, status: res.status, message: res.status === 0 ? transientMessage(res) : errorMessage(res.status, res.body) };
  });
}

interface MsNavigator {
  msSaveOrOpenBlob?: (blob: Blob, name: string) => boolean;
}

/** Hands the file to the user: the save dialog in IE11, a download elsewhere. */
export function saveBlob(blob: Blob, filename: string): void {
  const nav = window.navigator as unknown as MsNavigator;
  if (typeof nav.msSaveOrOpenBlob === "function") {
    nav.msSaveOrOpenBlob(blob, filename);
    return;
  }
  const urls = objectUrls();
  const url = urls.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.setAttribute("download", filename);
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  window.setTimeout(() => {
    document.body.removeChild(a);
    urls.revokeObjectURL(url);
  }, 1000);
}

export function downloadXlsx(transport: Transport, req: DownloadRequest): Promise<DownloadOutcome> {
  return fetchXlsx(transport, req).then((r) => {
    if (!r.ok) return r;
    saveBlob(r.blob, r.filename);
    return { ok: true as const, filename: r.filename, bytes: r.blob.size };
  });
}
