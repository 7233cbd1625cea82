import { formDefinitionSchema } from "./schema";
import type { FormDefinition } from "./types";

export type LoadResult =
  | { ok: true; form: FormDefinition }
  | { ok: false; problems: { path: string; message: string }[] };

/**
 * Accepts a form definition as JSON text or parsed JSON: how a national administrator
 * replaces the reconstructed layout with the official one without a code change.
 */
export function loadFormDefinition(input: string | unknown): LoadResult {
  let data: unknown = input;
  if (typeof input === "string") {
    try {
      data = JSON.parse(input);
    } catch (e) {
      return { ok: false, problems: [{ path: "", message: "not valid JSON: " + (e as Error).message }] };
    }
  }
  const parsed = formDefinitionSchema.safeParse(data);
  if (parsed.success) return { ok: true, form: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
  };
}
