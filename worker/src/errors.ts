/**
 * Expected failures are returned as typed responses, never thrown as bare errors:
 * each carries a status, a stable code and a message in Vietnamese and English.
 * Anything else reaches the one error handler in app.ts, which logs it and answers
 * with a generic message and the request id.
 */
import type { ErrorBody } from "../../shared/api/schemas";

export type { ErrorBody, IssueDetail } from "../../shared/api/schemas";

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500;

export class ApiError extends Error {
  constructor(
    readonly status: ErrorStatus,
    readonly code: string,
    readonly vi: string,
    readonly en: string,
    readonly extra: Omit<ErrorBody["error"], "code" | "message"> = {},
    /** Headers the answer carries (Retry-After on a 429). */
    readonly headers: Record<string, string> = {},
  ) {
    super(en);
  }
}

export const unauthorized = (vi: string, en: string) => new ApiError(401, "unauthorized", vi, en);
export const forbidden = (vi: string, en: string) => new ApiError(403, "forbidden", vi, en);
export const notFound = (vi: string, en: string) => new ApiError(404, "not_found", vi, en);
