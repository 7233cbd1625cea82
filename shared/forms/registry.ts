import type { FieldDefinition, FormDefinition } from "./types";
import type { FieldSpec } from "../values";

/**
 * Small pure selectors over definitions (the DHIS2 metadata-selector style): callers never
 * walk the definition structure themselves.
 */

/** The definition of `formId` in force on `isoDate` (a period is judged on its last day). */
export function formInForce(forms: readonly FormDefinition[], formId: string, isoDate: string): FormDefinition | null {
  for (const f of forms) {
    if (f.id === formId && f.validFrom <= isoDate && (f.validTo === null || isoDate <= f.validTo)) return f;
  }
  return null;
}

/** All definitions in force on `isoDate`, one per form id, in form-id order. */
export function formsInForce(forms: readonly FormDefinition[], isoDate: string): FormDefinition[] {
  return forms
    .filter((f) => f.validFrom <= isoDate && (f.validTo === null || isoDate <= f.validTo))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
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

/** Field label for messages; falls back to the key so a message never shows "undefined". */
export function labelOf(form: FormDefinition, lang: "vi" | "en" = "vi"): (key: string) => string {
  return (key) => {
    const f = fieldByKey(form, key);
    return f ? f.label[lang] : key;
  };
}
