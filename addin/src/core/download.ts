/**
 * "Tải về .xlsx": the Worker's own workbook (with its chart sheet) for people who prefer the
 * file. XMLHttpRequest with the token in a header (a plain link cannot carry it), the answer
 * as a Blob, then saved: IE11 (Excel 2016/2019's task pane) has navigator.msSaveOrOpenBlob;
 * other engines take an <a download> with an object URL.
 */
import type { LocalText } from "./api";
import { transientMessage } from "./api";

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export type DownloadOutcome =
  | { ok: true; filename: string; bytes: number }
  | { ok: false; transient: boolean; status: number; message: LocalText };

export interface DownloadRequest {
  url: string;
  token: string;
  /** Used when the answer names no file. */
  fallbackName: string;
  /** What to ask for: the workbook (default) or the report's Word document. */
  accept?: string;
}

export const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

/** attachment; filename="so-sanh-VN-01-2026-09.xlsx" → so-sanh-VN-01-2026-09.xlsx */
export function filenameOf(disposition: string | null, fallback: string): string {
  const m = disposition ? /filename="?([^";]+)"?/i.exec(disposition) : null;
  return m && m[1] ? m[1] : fallback;
}

function readText(blob: Blob): Promise<string> {
  return new Promise((resolve) => {
    try {
      const reader = new FileReader();
      reader.onload = () => resolve(typeof reader.result === "string" ? reader.result : "");
      reader.onerror = () => resolve("");
      reader.readAsText(blob);
    } catch (_e) {
      resolve("");
    }
  });
}

function errorMessage(status: number, text: string): LocalText {
  try {
    const body = JSON.parse(text) as { error?: { message?: LocalText } };
    if (body && body.error && body.error.message && typeof body.error.message.vi === "string") return body.error.message;
  } catch (_e) {
    // not JSON
  }
  return { vi: "Máy chủ không trả về tệp (mã " + status + ").", en: "The server sent no file (status " + status + ")." };
}

export function fetchXlsx(req: DownloadRequest, Xhr: typeof XMLHttpRequest = XMLHttpRequest): Promise<{ ok: true; blob: Blob; filename: string } | Extract<DownloadOutcome, { ok: false }>> {
  return new Promise((resolve) => {
    const xhr = new Xhr();
    const failed = (failure: "network" | "timeout") =>
      resolve({ ok: false, transient: true, status: 0, message: transientMessage({ status: 0, body: null, retryAfterSeconds: null, failure }) });
    try {
      xhr.open("GET", req.url, true);
      xhr.setRequestHeader("Accept", req.accept || XLSX_MIME);
      if (req.token) xhr.setRequestHeader("Authorization", "Bearer " + req.token);
      // IE11 wants responseType and timeout after open().
      xhr.responseType = "blob";
      xhr.timeout = 120000;
    } catch (_e) {
      failed("network");
      return;
    }
    xhr.onload = () => {
      const blob = xhr.response as Blob;
      if (xhr.status === 200) {
        resolve({ ok: true, blob, filename: filenameOf(xhr.getResponseHeader("Content-Disposition"), req.fallbackName) });
        return;
      }
      readText(blob).then((text) =>
        resolve({ ok: false, transient: xhr.status === 429 || xhr.status >= 500, status: xhr.status, message: errorMessage(xhr.status, text) }));
    };
    xhr.onerror = () => failed("network");
    xhr.ontimeout = () => failed("timeout");
    try {
      xhr.send(null);
    } catch (_e) {
      failed("network");
    }
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
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.setAttribute("download", filename);
  a.style.display = "none";
  document.body.appendChild(a);
  a.click();
  window.setTimeout(() => {
    document.body.removeChild(a);
    URL.revokeObjectURL(url);
  }, 1000);
}

export function downloadXlsx(req: DownloadRequest): Promise<DownloadOutcome> {
  return fetchXlsx(req).then((r) => {
    if (!r.ok) return r;
    saveBlob(r.blob, r.filename);
    return { ok: true as const, filename: r.filename, bytes: r.blob.size };
  });
}
