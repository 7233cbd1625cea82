import { BUILT_IN_FORMS } from "../../shared/forms/definitions";
import { formInForce } from "../../shared/forms/registry";
import type { FormDefinition } from "../../shared/forms/types";
import { loadFormDefinition } from "../../shared/forms/loader";
import { periodEnd } from "../../shared/periods";
import { ApiError } from "./errors";

/** Every definition (see formsFrom), read on its own. */
export async function allForms(db: D1Database): Promise<FormDefinition[]> {
  return formsFrom(await formDefinitionsStatement(db).all());
}

/**
 * Loaded definitions are read afresh with each request, in the request's first batch: an
 * administrator's change is then visible on the very next request everywhere, with no cache to
 * invalidate across Worker instances, for one more statement in a batch already being made.
 */
export function formDefinitionsStatement(db: D1Database): D1PreparedStatement {
  return db.prepare(`SELECT form_id, regime, definition FROM form_definitions`);
}

/**
 * Every definition from formDefinitionsStatement's result. Definitions an administrator loaded
 * replace the built-in one of the same form and regime; the rest of the built-ins stay. A
 * stored definition that no longer passes the schema is a bug in an earlier release, so it
 * fails loudly rather than being skipped.
 */
export function formsFrom(result: D1Result | undefined): FormDefinition[] {
  const rows = (result?.results ?? []) as { form_id: string; regime: string; definition: string }[];
  const loaded = rows.map((r) => {
    const parsed = loadFormDefinition(r.definition);
    if (!parsed.ok) throw new Error(`stored form ${r.form_id}/${r.regime} is invalid: ${JSON.stringify(parsed.problems)}`);
    return parsed.form;
  });
  const replaced = new Set(loaded.map((f) => f.id + "/" + f.regime));
  return BUILT_IN_FORMS.filter((f) => !replaced.has(f.id + "/" + f.regime)).concat(loaded);
}

/** The definition a period is validated against: the one in force on the period's last day. */
export async function formForPeriod(db: D1Database, formId: string, period: string): Promise<FormDefinition> {
  return formForPeriodIn(await allForms(db), formId, period);
}

/** formForPeriod over definitions already read (404 unknown_form when none is in force). */
export function formForPeriodIn(forms: readonly FormDefinition[], formId: string, period: string): FormDefinition {
  const form = formInForce(forms, formId, periodEnd(period));
  if (!form) {
    throw new ApiError(404, "unknown_form", `Không có biểu mẫu ${formId} áp dụng cho kỳ ${period}.`,
      `No form ${formId} is in force for period ${period}.`);
  }
  return form;
}
