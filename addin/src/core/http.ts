/**
 * The one network primitive of the task pane: XMLHttpRequest, because IE11 has no fetch
 * and a fetch polyfill would only wrap this anyway. Never rejects: a network failure or a
 * timeout is a result with status 0, so callers decide what is transient in one place.
 */

export interface HttpRequest {
  method: "GET" | "POST";
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
}

export interface HttpResponse {
  /** 0 when the request never got an answer (offline, DNS, TLS, timeout, aborted). */
  status: number;
  /** Parsed JSON, or null when the body is empty or not JSON. */
  body: unknown;
  /** Seconds from a Retry-After header (429/503), when present. */
  retryAfterSeconds: number | null;
  /** Why status is 0: "timeout" or "network". */
  failure?: "timeout" | "network";
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
      const xhr = new Xhr();
      try {
        xhr.open(req.method, req.url, true);
        const headers = req.headers || {};
        for (const name of Object.keys(headers)) xhr.setRequestHeader(name, headers[name] as string);
        // IE11 throws InvalidStateError when timeout is set before open().
        xhr.timeout = req.timeoutMs || 30000;
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
        finish({
          status: xhr.status,
          body: parseBody(xhr.responseText),
          retryAfterSeconds: parseRetryAfter(xhr.getResponseHeader("Retry-After")),
        });
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
