import { BUILT_IN_FORMS } from "./definitions";
import { loadFormDefinition } from "./loader";
import type { FormDefinition } from "./types";

/** A definition an administrator loaded, as stored (the Worker's form_definitions table). */
export interface LoadedDefinitionRow {
  form_id: string;
  valid_from: string;
  definition: string;
}

/**
 * The definitions in use: those an administrator loaded replace the built-in version of the
 * same form and start date; the rest of the built-ins stay. A stored definition that no longer
 * passes the schema is a bug in an earlier release, so it fails loudly rather than being skipped.
 */
export function definitionsWithLoaded(rows: readonly LoadedDefinitionRow[], builtIns: readonly FormDefinition[] = BUILT_IN_FORMS): FormDefinition[] {
  const loaded = rows.map((r) => {
    const parsed = loadFormDefinition(r.definition);
    if (!parsed.ok) throw new Error(`stored form ${r.form_id}/${r.valid_from} is invalid: ${JSON.stringify(parsed.problems)}`);
    return parsed.form;
  });
  const replaced = new Set(loaded.map((f) => f.id + "/" + f.validFrom));
  return builtIns.filter((f) => !replaced.has(f.id + "/" + f.validFrom)).concat(loaded);
}
