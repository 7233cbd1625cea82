/**
 * The request id ties an answer to its log line and audit row. A caller may supply one
 * (X-Request-Id) so that its own logs match ours, but it is echoed in a header, returned in
 * error bodies and stored in the audit log: only a short token of safe characters is kept,
 * anything else (5 KB of <script>, spaces, quotes, newlines) is replaced by a fresh UUID.
 */
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export function requestIdFrom(supplied: string | undefined): string {
  return supplied !== undefined && SAFE_REQUEST_ID.test(supplied) ? supplied : crypto.randomUUID();
}
