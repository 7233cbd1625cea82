import type { Context } from "hono";
import type { z } from "zod";
import type { AppEnv } from "./env";
import { ApiError, type IssueDetail } from "./errors";
import { issueText } from "../../shared/api/issue-text";

/** Requests larger than this are refused before any parsing (a month of one form is ~1 KB). */
export const MAX_BODY_BYTES = 64 * 1024;

export function toIssues(error: z.ZodError, prefix: string): IssueDetail[] {
  return error.issues.map((issue) => {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join(".");
    const t = issueText(issue);
    return { path, vi: `${path}: ${t.vi}`, en: `${path}: ${t.en}` };
  });
}

export function badRequest(issues: IssueDetail[]): ApiError {
  return new ApiError(400, "invalid_request", "Yêu cầu không hợp lệ: " + issues.map((i) => i.vi).join("; "),
    "Invalid request: " + issues.map((i) => i.en).join("; "), { issues });
}

export function parseWith<S extends z.ZodType>(schema: S, data: unknown, where: string): z.output<S> {
  const r = schema.safeParse(data);
  if (!r.success) throw badRequest(toIssues(r.error, where));
  return r.data;
}

export function parseQuery<S extends z.ZodType>(c: Context<AppEnv>, schema: S): z.output<S> {
  return parseWith(schema, c.req.query(), "query");
}

/** "application/json", with or without parameters (charset=utf-8): the only body type the API reads. */
function isJsonContentType(header: string | undefined): boolean {
  return /^application\/json\s*(;|$)/i.test((header ?? "").trim());
}

/**
 * Reads a JSON body within the size limit and parses it with `schema`. Anything but
 * application/json is a 415 before the body is read: a form post or text/plain from another
 * site must not be parsed as if the client had meant JSON.
 */
export async function parseJsonBody<S extends z.ZodType>(c: Context<AppEnv>, schema: S): Promise<z.output<S>> {
  if (!isJsonContentType(c.req.header("Content-Type"))) {
    // The type the client sent, cut short: a message names it without echoing a long header.
    const sent = (c.req.header("Content-Type") ?? "").split(";")[0]?.trim().toLowerCase().slice(0, 64) ?? "";
    throw new ApiError(415, "unsupported_media_type",
      `Nội dung gửi lên phải là JSON: tiêu đề Content-Type phải là application/json (đang là "${sent}").`,
      `The request body must be JSON: the Content-Type header must be application/json (it is "${sent}").`);
  }
  const declared = Number(c.req.header("Content-Length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  const text = await c.req.text();
  if (new TextEncoder().encode(text).length > MAX_BODY_BYTES) throw tooLarge();
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new ApiError(400, "invalid_json", "Nội dung gửi lên không phải JSON hợp lệ.", "The request body is not valid JSON.");
  }
  return parseWith(schema, data, "body");
}

function tooLarge(): ApiError {
  return new ApiError(413, "body_too_large", `Nội dung gửi lên vượt quá ${MAX_BODY_BYTES / 1024} KB.`,
    `The request body exceeds ${MAX_BODY_BYTES / 1024} KB.`);
}
