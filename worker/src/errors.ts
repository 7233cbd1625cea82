/**
 * Expected failures are returned as typed responses, never thrown as bare errors:
 * each carries a status, a stable code and a message in Vietnamese and English.
 * Anything else reaches the one error handler in app.ts, which logs it and answers
 * with a generic message and the request id.
 */
import type { Finding } from "../../shared/findings";

export interface IssueDetail {
  /** Where: a field path such as "values.thu_ly_moi" or a query parameter. */
  path: string;
  vi: string;
  en: string;
}

export interface ErrorBody {
  error: {
    code: string;
    message: { vi: string; en: string };
    issues?: IssueDetail[];
    findings?: (Finding & { message: { vi: string; en: string } })[];
    [extra: string]: unknown;
  };
  requestId: string;
}

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 500;

export class ApiError extends Error {
  constructor(
    readonly status: ErrorStatus,
    readonly code: string,
    readonly vi: string,
    readonly en: string,
    readonly extra: Omit<ErrorBody["error"], "code" | "message"> = {},
  ) {
    super(en);
  }
}

export const unauthorized = (vi: string, en: string) => new ApiError(401, "unauthorized", vi, en);
export const forbidden = (vi: string, en: string) => new ApiError(403, "forbidden", vi, en);
export const notFound = (vi: string, en: string) => new ApiError(404, "not_found", vi, en);
