import { describe, expect, it } from "vitest";
import { fetchXlsx, XLSX_MIME } from "../../addin/src/core/download";
import { xhrTransport, type HttpRequest } from "../../addin/src/core/http";

interface Answer {
  status: number;
  text?: string;
  blob?: Blob;
  headers?: Record<string, string>;
}

/** XMLHttpRequest as IE11 and Chromium drive it: open, headers, send, then readyState 4 (status 0 = no answer). */
function fakeXhr(answer: Answer | "offline", seen: { headers: Record<string, string>; responseType: string; url: string }[]): typeof XMLHttpRequest {
  class FakeXhr {
    readyState = 0;
    status = 0;
    responseText = "";
    response: unknown = null;
    responseType = "";
    timeout = 0;
    onreadystatechange: (() => void) | null = null;
    onerror: (() => void) | null = null;
    ontimeout: (() => void) | null = null;
    private headers: Record<string, string> = {};
    private url = "";
    open(_method: string, url: string): void {
      this.url = url;
      this.readyState = 1;
    }
    setRequestHeader(name: string, value: string): void {
      this.headers[name] = value;
    }
    getResponseHeader(name: string): string | null {
      return answer !== "offline" && answer.headers ? (answer.headers[name] ?? null) : null;
    }
    send(): void {
      seen.push({ headers: this.headers, responseType: this.responseType, url: this.url });
      setTimeout(() => {
        this.readyState = 4;
        if (answer === "offline") {
          this.onreadystatechange?.();
          this.onerror?.();
          return;
        }
        this.status = answer.status;
        if (this.responseType === "blob") this.response = answer.blob ?? new Blob([answer.text ?? ""]);
        else this.responseText = answer.text ?? "";
        this.onreadystatechange?.();
      }, 0);
    }
  }
  return FakeXhr as unknown as typeof XMLHttpRequest;
}

const GET: HttpRequest = { method: "GET", url: "https://thads.example/api/v1/units", headers: { Accept: "application/json" } };

describe("the pane's one HTTP client", () => {
  it("reads an API answer as JSON, with Retry-After", async () => {
    const seen: { headers: Record<string, string>; responseType: string; url: string }[] = [];
    const t = xhrTransport(fakeXhr({ status: 429, text: '{"error":{"code":"busy"}}', headers: { "Retry-After": "30" } }, seen));
    expect(await t(GET)).toEqual({ status: 429, body: { error: { code: "busy" } }, retryAfterSeconds: 30 });
    expect(seen[0]?.responseType).toBe("");
  });

  it("says status 0 when there is no answer", async () => {
    const t = xhrTransport(fakeXhr("offline", []));
    expect(await t(GET)).toMatchObject({ status: 0, failure: "network" });
  });

  it("downloads the Worker's .xlsx as a Blob with the token in a header and the file name it gives", async () => {
    const seen: { headers: Record<string, string>; responseType: string; url: string }[] = [];
    const bytes = new Blob([new Uint8Array([80, 75, 3, 4])], { type: XLSX_MIME });
    const t = xhrTransport(fakeXhr({ status: 200, blob: bytes, headers: { "Content-Disposition": 'attachment; filename="so-sanh-52-01-2026-09.xlsx"' } }, seen));
    const r = await fetchXlsx(t, { url: "https://thads.example/api/v1/comparisons?parent=52", token: "tok", fallbackName: "x.xlsx" });
    expect(r).toMatchObject({ ok: true, filename: "so-sanh-52-01-2026-09.xlsx" });
    expect(r.ok && r.blob.size).toBe(4);
    expect(seen[0]).toMatchObject({ responseType: "blob", headers: { Accept: XLSX_MIME, Authorization: "Bearer tok" } });
  });

  it("shows the Worker's own reason when a download is refused, and keeps an outage transient", async () => {
    const refused = xhrTransport(fakeXhr({ status: 403, text: JSON.stringify({ error: { code: "forbidden", message: { vi: "Không có quyền xem tỉnh này.", en: "No right" } } }) }, []));
    expect(await fetchXlsx(refused, { url: "u", token: "t", fallbackName: "f.xlsx" })).toEqual({
      ok: false, transient: false, status: 403, message: { vi: "Không có quyền xem tỉnh này.", en: "No right" },
    });
    const broken = xhrTransport(fakeXhr({ status: 502, text: "<html>" }, []));
    expect(await fetchXlsx(broken, { url: "u", token: "t", fallbackName: "f.xlsx" })).toMatchObject({ ok: false, transient: true, message: { vi: "Máy chủ không trả về tệp (mã 502)." } });
    const offline = xhrTransport(fakeXhr("offline", []));
    expect(await fetchXlsx(offline, { url: "u", token: "t", fallbackName: "f.xlsx" })).toMatchObject({ ok: false, transient: true, status: 0, message: { vi: expect.stringContaining("Không kết nối được máy chủ") } });
  });

  it("falls back to a file name of its own when the answer names none", async () => {
    const t = xhrTransport(fakeXhr({ status: 200, blob: new Blob(["x"]) }, []));
    expect(await fetchXlsx(t, { url: "u", token: "", fallbackName: "tinh-hinh-nop-52-2026-10.xlsx" })).toMatchObject({ ok: true, filename: "tinh-hinh-nop-52-2026-10.xlsx" });
  });
});
