/**
 * A finding is data, tagged by `code`, the way a zod issue is: the add-in turns
 * `fields` into highlighted cells, the Worker returns the same objects in a 422 body.
 * Wording lives in one place (messages.ts), never here.
 */

export type Severity = "error" | "warning";

export const FINDING_CODES = [
  /** A rule's comparison does not hold (identity, inequality, cross-period rule). */
  "rule_violated",
  /** A field the rule or form needs has no value. */
  "missing_value",
  /** A value is not a number at all (text in a numeric cell). */
  "not_a_number",
  /** Counts and money are whole numbers (money in nghìn đồng). */
  "not_integer",
  "negative",
  /** A value or an intermediate sum beyond Number.MAX_SAFE_INTEGER: never rounded. */
  "unsafe_integer",
  /** A key in the submitted values that the form does not define. */
  "unknown_field",
  /** A form whose rows are officers or cases was sent without its rows. */
  "rows_missing",
  /** Rows sent to a form with one row per unit: they would be stored and never read. */
  "rows_unexpected",
  /** Two rows of one report with the same key. */
  "row_duplicate",
  /** A field summed over the officers' rows differs from the unit's figure. */
  "rows_sum",
  /** A date cell of a list row that is not an ISO date (YYYY-MM-DD). */
  "not_a_date",
] as const;

export type FindingCode = (typeof FINDING_CODES)[number];

/** A side of a comparison, or a field key with the period it was read from. */
export type FieldScope = "current" | "prev_month" | "prev_year_final";

export interface FieldRef {
  scope: FieldScope;
  key: string;
}

export interface FindingParams {
  /** Value of the left-hand side of the rule (after missing-value handling). */
  left?: number;
  /** Value of the right-hand side. */
  right?: number;
  /** left − right. */
  difference?: number;
  /** The comparison operator in its display form: = ≠ < ≤ > ≥ */
  operator?: string;
  tolerance?: number;
  /** The rule text as written, so the message can show it. */
  expression?: string;
  /** The offending raw value for value checks. */
  value?: unknown;
  /** For a finding on one submitted row (SubmittedRow): its key and label. */
  row?: { key: string; label: string };
}

export interface Finding {
  code: FindingCode;
  severity: Severity;
  /** The rule that produced it; absent for plain value checks. */
  ruleId?: string;
  /** Current-period fields involved, in the order they appear in the rule: the cells to highlight. */
  fields: string[];
  params: FindingParams;
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === "error");
}
