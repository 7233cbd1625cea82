/**
 * The one network primitive of the task pane: XMLHttpRequest, because IE11 has no fetch
 * and a fetch polyfill would only wrap this anyway. Every request goes through it, API
 * calls (JSON) and downloads (a Blob) alike. Never rejects: a network failure or a timeout
 * is a result with status 0, so callers decide what is transient in one place.
 */

export interface HttpRequest {
  method: "GET" | "POST" | "PUT";
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
  /** "blob": keep a 2xx answer as a Blob (a file to save); an error answer is still read as JSON. */
  responseType?: "json" | "blob";
}

export interface HttpResponse {
  /** 0 when the request never got an answer (offline, DNS, TLS, timeout, aborted). */
  status: number;
  /** Parsed JSON, or null when the body is empty or not JSON (or kept as `blob`). */
  body: unknown;
  /** Seconds from a Retry-After header (429/503), when present. */
  retryAfterSeconds: number | null;
  /** Why status is 0: "timeout" or "network". */
  failure?: "timeout" | "network";
  /** The 2xx answer of a "blob" request. */
  blob?: Blob;
  /** Content-Disposition of the answer, when it names a file. */
  contentDisposition?: string | null;
}

export type Transport = (req: HttpRequest) => Promise<HttpResponse>;

function parseBody(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export function parseRetryAfter(value: string | null): number | null {
  if (value === null || value === "") return null;
  const n = Number(value);
  if (isFinite(n) && n >= 0) return n;
  const at = Date.parse(value);
  return isNaN(at) ? null : Math.max(0, Math.round((at - new Date().getTime()) / 1000));
}

/** A Blob's text: FileReader in IE11 (Blob.text is newer), Blob.text where FileReader is missing. */
function blobText(blob: unknown): Promise<string> {
  return new Promise((resolve) => {
    try {
      if (typeof FileReader === "undefined") {
        (blob as Blob).text().then(resolve, () => resolve(""));
        return;
      }
      const reader = new FileReader();
      reader.onload = () => resolve(typeof reader.result === "string" ? reader.result : "");
      reader.onerror = () => resolve("");
      reader.readAsText(blob as Blob);
    } catch {
      resolve("");
    }
  });
}

export function xhrTransport(Xhr: typeof XMLHttpRequest = XMLHttpRequest): Transport {
  return (req) =>
    new Promise<HttpResponse>((resolve) => {
      let done = false;
      const finish = (r: HttpResponse) => {
        if (!done) {
          done = true;
          resolve(r);
        }
      };
      const blob = req.responseType === "blob";
      const xhr = new Xhr();
      try {
        xhr.open(req.method, req.url, true);
        const headers = req.headers || {};
        for (const name of Object.keys(headers)) xhr.setRequestHeader(name, headers[name] as string);
        // IE11 throws InvalidStateError when timeout or responseType is set before open().
        xhr.timeout = req.timeoutMs || 30000;
        if (blob) xhr.responseType = "blob";
      } catch {
        finish({ status: 0, body: null, retryAfterSeconds: null, failure: "network" });
        return;
      }
      xhr.onreadystatechange = () => {
        if (xhr.readyState !== 4) return;
        // A network error also reaches readyState 4, with status 0; onerror/ontimeout set the reason.
        if (xhr.status === 0) {
          setTimeout(() => finish({ status: 0, body: null, retryAfterSeconds: null, failure: "network" }), 0);
          return;
        }
        const status = xhr.status;
        const retryAfterSeconds = parseRetryAfter(xhr.getResponseHeader("Retry-After"));
        if (!blob) {
          finish({ status, body: parseBody(xhr.responseText), retryAfterSeconds });
          return;
        }
        if (status >= 200 && status < 300) {
          finish({ status, body: null, retryAfterSeconds, blob: xhr.response as Blob, contentDisposition: xhr.getResponseHeader("Content-Disposition") });
          return;
        }
        // The Worker's error (403 with its reason…) arrives as a Blob too: read it as JSON.
        blobText(xhr.response).then((text) => finish({ status, body: parseBody(text), retryAfterSeconds }));
      };
      xhr.ontimeout = () => finish({ status: 0, body: null, retryAfterSeconds: null, failure: "timeout" });
      xhr.onerror = () => finish({ status: 0, body: null, retryAfterSeconds: null, failure: "network" });
      try {
        xhr.send(req.body === undefined ? null : req.body);
      } catch {
        finish({ status: 0, body: null, retryAfterSeconds: null, failure: "network" });
      }
    });
}
