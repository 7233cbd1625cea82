import { issueText } from "../api/issue-text";
import { upperFirst } from "../reports/words";
import { formDefinitionSchema } from "./schema";
import type { FormDefinition } from "./types";

export type LoadResult =
  | { ok: true; form: FormDefinition }
  | { ok: false; problems: { path: string; message: string; vi: string }[] };

/**
 * Accepts a form definition as JSON text or parsed JSON: how a national administrator
 * replaces the reconstructed layout with the official one, or defines a new collection,
 * without a code change. Every problem is listed, in English (`message`) and Vietnamese (`vi`).
 */
export function loadFormDefinition(input: string | unknown): LoadResult {
  let data: unknown = input;
  if (typeof input === "string") {
    try {
      data = JSON.parse(input);
    } catch (e) {
      const why = (e as Error).message;
      return { ok: false, problems: [{ path: "", message: "not valid JSON: " + why, vi: "Không phải JSON hợp lệ: " + why }] };
    }
  }
  const parsed = formDefinitionSchema.safeParse(data);
  if (parsed.success) return { ok: true, form: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((i) => {
      const path = i.path.join(".");
      const params = (i as { params?: { vi?: unknown } }).params;
      // The definition checks carry their own Vietnamese; shape errors take the API's words.
      const vi = params && typeof params.vi === "string" ? params.vi : upperFirst(issueText(i).vi) + ".";
      return { path, message: i.message, vi };
    }),
  };
}
