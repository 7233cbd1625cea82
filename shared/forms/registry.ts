import type { FieldDefinition, FormDefinition, IndicatorDefinition, RowShape } from "./types";
import type { FieldSpec } from "../values";

/**
 * Small pure selectors over definitions (the DHIS2 metadata-selector style): callers never
 * walk the definition structure themselves.
 */

function inForceOn(f: FormDefinition, isoDate: string): boolean {
  return f.validFrom <= isoDate && (f.validTo === null || isoDate <= f.validTo);
}

/**
 * The definition of `formId` in force on `isoDate` (a period is judged on its last day).
 * Should two versions overlap, the one published from the later date wins: a new version
 * supersedes the old one from its first day.
 */
export function formInForce(forms: readonly FormDefinition[], formId: string, isoDate: string): FormDefinition | null {
  let found: FormDefinition | null = null;
  for (const f of forms) {
    if (f.id === formId && inForceOn(f, isoDate) && (found === null || f.validFrom > found.validFrom)) found = f;
  }
  return found;
}

/** All definitions in force on `isoDate`, one per form id, in form-id order. */
export function formsInForce(forms: readonly FormDefinition[], isoDate: string): FormDefinition[] {
  const ids: string[] = [];
  for (const f of forms) if (inForceOn(f, isoDate) && ids.indexOf(f.id) < 0) ids.push(f.id);
  ids.sort();
  const out: FormDefinition[] = [];
  for (const id of ids) {
    const f = formInForce(forms, id, isoDate);
    if (f !== null) out.push(f);
  }
  return out;
}

/** What a row of the form stands for; a definition without `rows` has one row per unit. */
export function rowShapeOf(form: FormDefinition): RowShape {
  return form.rows ?? { kind: "unit" };
}

export function fieldByKey(form: FormDefinition, key: string): FieldDefinition | undefined {
  return form.fields.find((f) => f.key === key);
}

export function inputFields(form: FormDefinition): FieldDefinition[] {
  return form.fields.filter((f) => f.kind === "input");
}

export function derivedFields(form: FormDefinition): FieldDefinition[] {
  return form.fields.filter((f) => f.kind === "derived");
}

export function fieldKeys(form: FormDefinition): string[] {
  return form.fields.map((f) => f.key);
}

/** Every field is required: on the paper form an empty cell is not a zero. */
export function fieldSpecs(form: FormDefinition): FieldSpec[] {
  return form.fields.map((f) => ({ key: f.key, valueType: f.valueType, required: true }));
}

/**
 * Label for messages: a field's, or a list collection's column (a finding on a row names the
 * row itself, params.row); falls back to the key so a message never shows "undefined".
 */
export function labelOf(form: FormDefinition, lang: "vi" | "en" = "vi"): (key: string) => string {
  const columns = form.rows && form.rows.kind === "list" ? form.rows.columns : [];
  return (key) => {
    const f = fieldByKey(form, key);
    if (f) return f.label[lang];
    const c = columns.filter((col) => col.key === key)[0];
    return c ? c.label[lang] : key;
  };
}

/** Fields in the order of their column numbers (the paper form's order); unnumbered ones last, as defined. */
export function orderedFields(form: FormDefinition): FieldDefinition[] {
  const indexed = form.fields.map((f, i) => ({ f, i }));
  indexed.sort((a, b) => {
    const ca = a.f.column;
    const cb = b.f.column;
    if (ca !== null && cb !== null && ca !== cb) return ca - cb;
    if (ca === null && cb !== null) return 1;
    if (ca !== null && cb === null) return -1;
    return a.i - b.i;
  });
  return indexed.map((x) => x.f);
}

/**
 * The indicators targets can be assigned to in a statistical year (1 October – 30 September):
 * the targeted indicators of every definition in force at any time in the year, once each,
 * by form id then definition order.
 */
export function targetedIndicatorsOfYear(forms: readonly FormDefinition[], statYear: number): { formId: string; indicator: IndicatorDefinition }[] {
  const first = statYear - 1 + "-10-01";
  const last = statYear + "-09-30";
  const out: { formId: string; indicator: IndicatorDefinition }[] = [];
  const seen: Record<string, true> = {};
  const overlapping = forms
    .filter((f) => f.validFrom <= last && (f.validTo === null || f.validTo >= first))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.validFrom < b.validFrom ? 1 : -1));
  for (const f of overlapping) {
    for (const ind of f.indicators) {
      if (!ind.targeted || seen[ind.id]) continue;
      seen[ind.id] = true;
      out.push({ formId: f.id, indicator: ind });
    }
  }
  return out;
}
