import type { Finding } from "./findings";
import type { FormDefinition, SubmittedRow } from "./forms/types";
import { checkRows } from "./forms/rows";
import { fieldSpecs } from "./forms/registry";
import { evaluateRules, type SkippedRule } from "./rules";
import { checkValues, type FormValues } from "./values";

export interface FormHistory {
  /** The same unit's latest report for the previous month of the same statistical year. */
  prevMonth?: FormValues | null;
  /** The same unit's latest 12-month report of the previous statistical year. */
  prevYearFinal?: FormValues | null;
}

export interface FormValidation {
  /** The values as numbers (null where empty), keyed by field. */
  values: Record<string, number | null>;
  findings: Finding[];
  skipped: SkippedRule[];
}

/**
 * The one validation both hosts run: the add-in for instant feedback, the Worker because
 * it never trusts the client. Value checks come first; rules run on what parsed; the rows a
 * form with officers or cases carries (types.ts RowShape) are checked last, against the
 * unit's figures.
 */
export function validateForm(
  form: FormDefinition,
  raw: Readonly<Record<string, unknown>>,
  history: FormHistory = {},
  rows?: readonly SubmittedRow[],
): FormValidation {
  const checked = checkValues(raw, fieldSpecs(form));
  const result = evaluateRules(form.rules, {
    values: checked.values,
    prevMonth: history.prevMonth ?? null,
    prevYearFinal: history.prevYearFinal ?? null,
  });
  const rowFindings = checkRows(form, checked.values, rows);
  return { values: checked.values, findings: checked.findings.concat(result.findings, rowFindings), skipped: result.skipped };
}
