import { formInForce } from "../../shared/forms/registry";
import type { FormDefinition } from "../../shared/forms/types";
import { definitionsWithLoaded } from "../../shared/forms/loaded";
import { acceptsPeriod, periodEndOf, periodKeyHint } from "../../shared/forms/collection-period";
import { ApiError } from "./errors";
import { badRequest } from "./validation";

export interface DefinitionRow {
  form_id: string;
  valid_from: string;
  definition: string;
}

/** The stored definitions: a small table, read in the request's first batch. */
export function definitionsStatement(db: D1Database): D1PreparedStatement {
  return db.prepare(`SELECT form_id, valid_from, definition FROM form_definitions`);
}

/** Built-in definitions with those an administrator loaded (shared/forms/loaded.ts). */
export function definitionsFromRows(rows: readonly DefinitionRow[]): FormDefinition[] {
  return definitionsWithLoaded(rows);
}

export async function allForms(db: D1Database): Promise<FormDefinition[]> {
  const { results } = await definitionsStatement(db).all<DefinitionRow>();
  return definitionsFromRows(results);
}

/**
 * The definition a period is validated against: the one in force on the period's last day,
 * which must also be reported for periods of that kind (a weekly collection takes weeks, a
 * monthly one months): otherwise a 400 naming the field, so that a clerk can never submit to
 * a version that is not in force for the period. `where` is the request field's path.
 */
export function formForPeriodIn(forms: readonly FormDefinition[], formId: string, period: string, where = "period"): FormDefinition {
  const form = formInForce(forms, formId, periodEndOf(period));
  if (!form) {
    throw new ApiError(404, "unknown_form", `Không có biểu mẫu ${formId} áp dụng cho kỳ ${period}.`,
      `No form ${formId} is in force for period ${period}.`);
  }
  if (!acceptsPeriod(form, period)) {
    const hint = periodKeyHint(form);
    throw badRequest([{ path: where, vi: `${where}: biểu ${formId} báo cáo theo ${hint.vi}, không phải "${period}"`,
      en: `${where}: collection ${formId} is reported for ${hint.en}, not "${period}"` }]);
  }
  return form;
}

export async function formForPeriod(db: D1Database, formId: string, period: string): Promise<FormDefinition> {
  return formForPeriodIn(await allForms(db), formId, period);
}
