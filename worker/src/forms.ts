import { BUILT_IN_FORMS } from "../../shared/forms/definitions";
import { formInForce } from "../../shared/forms/registry";
import type { FormDefinition } from "../../shared/forms/types";
import { loadFormDefinition } from "../../shared/forms/loader";
import { periodEnd } from "../../shared/periods";
import { ApiError } from "./errors";

/**
 * Definitions an administrator loaded replace the built-in one of the same form and regime;
 * the rest of the built-ins stay. A stored definition that no longer passes the schema is a
 * bug in an earlier release, so it fails loudly rather than being skipped.
 */
export async function allForms(db: D1Database): Promise<FormDefinition[]> {
  const { results } = await db.prepare(`SELECT form_id, regime, definition FROM form_definitions`).all<{ form_id: string; regime: string; definition: string }>();
  const loaded = results.map((r) => {
    const parsed = loadFormDefinition(r.definition);
    if (!parsed.ok) throw new Error(`stored form ${r.form_id}/${r.regime} is invalid: ${JSON.stringify(parsed.problems)}`);
    return parsed.form;
  });
  const replaced = new Set(loaded.map((f) => f.id + "/" + f.regime));
  return BUILT_IN_FORMS.filter((f) => !replaced.has(f.id + "/" + f.regime)).concat(loaded);
}

/** The definition a period is validated against: the one in force on the period's last day. */
export async function formForPeriod(db: D1Database, formId: string, period: string): Promise<FormDefinition> {
  const form = formInForce(await allForms(db), formId, periodEnd(period));
  if (!form) {
    throw new ApiError(404, "unknown_form", `Không có biểu mẫu ${formId} áp dụng cho kỳ ${period}.`,
      `No form ${formId} is in force for period ${period}.`);
  }
  return form;
}
