import type { FormDefinition, SubmittedRow } from "./types";
import { formInForce } from "./registry";
import { validateForm } from "../validate";
import { finalPeriodOfPreviousYear, periodEnd, previousMonthInYear } from "../periods";
import type { FormValues } from "../values";

/**
 * Stored revisions checked again against the definitions in force for their periods: what
 * must still hold after a definition changes. A change is a new version from a date, so a
 * period keeps the version it was reported under: its revisions re-validate unchanged. A
 * problem here means a version in force for periods that already had reports was rewritten.
 */

export interface StoredRevision {
  unitCode: string;
  formId: string;
  period: string;
  /** The regime the revision was stored under (submissions.regime). */
  regime: string;
  values: FormValues;
  /** Its rows, for forms whose rows are officers or cases. */
  rows?: SubmittedRow[];
}

export interface RevalidationProblem {
  unitCode: string;
  formId: string;
  period: string;
  /** "no_definition": none in force; "regime": stored under another regime; "errors": its rules fail now. */
  kind: "no_definition" | "regime" | "errors";
  detail: string;
}

const key = (unit: string, form: string, period: string) => unit + "|" + form + "|" + period;

/**
 * `latest` holds the latest revision of each (unit, form, period); cross-period rules read
 * the same unit's previous month and last year's 12-month report among them, as when they
 * were sent. Warnings are not problems: they were explained when sent.
 */
export function revalidateStored(forms: readonly FormDefinition[], latest: readonly StoredRevision[]): RevalidationProblem[] {
  const byKey = new Map<string, StoredRevision>();
  for (const r of latest) byKey.set(key(r.unitCode, r.formId, r.period), r);
  const out: RevalidationProblem[] = [];
  for (const r of latest) {
    const where = { unitCode: r.unitCode, formId: r.formId, period: r.period };
    const def = formInForce(forms, r.formId, periodEnd(r.period));
    if (!def) {
      out.push({ ...where, kind: "no_definition", detail: `no form ${r.formId} in force on ${periodEnd(r.period)}` });
      continue;
    }
    if (def.regime !== r.regime) {
      out.push({ ...where, kind: "regime", detail: `stored under ${r.regime}, the definition in force is ${def.regime}` });
      continue;
    }
    const pm = previousMonthInYear(r.period);
    const prevMonth = pm ? (byKey.get(key(r.unitCode, r.formId, pm))?.values ?? null) : null;
    const prevYearFinal = byKey.get(key(r.unitCode, r.formId, finalPeriodOfPreviousYear(r.period)))?.values ?? null;
    const errors = validateForm(def, r.values, { prevMonth, prevYearFinal }, r.rows).findings.filter((f) => f.severity === "error");
    if (errors.length > 0) {
      out.push({ ...where, kind: "errors", detail: errors.map((f) => (f.ruleId ?? f.code) + "[" + f.fields.join(",") + "]").join(" ") });
    }
  }
  return out;
}
