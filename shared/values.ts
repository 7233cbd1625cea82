import type { Finding, FindingCode } from "./findings";

/**
 * The numbers of one form for one unit and period, keyed by field key.
 * `null`/`undefined` mean "no value entered": what that means for a rule is decided by
 * the rule's missing-value strategy, never by `Number(x) || 0`.
 */
export type FormValues = Readonly<Record<string, number | null | undefined>>;

/** Counts are việc, money is nghìn đồng: both whole numbers, so both get the same checks today. */
export type ValueType = "count" | "money";

export interface FieldSpec {
  key: string;
  valueType: ValueType;
  required: boolean;
}

export interface CheckedValues {
  /** One entry per field spec; null where empty or invalid (the finding says which). */
  values: Record<string, number | null>;
  findings: Finding[];
}

function hasOwn(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

// A cell holding only spaces looks empty to the clerk, so it is treated as empty, not as text.
export function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === "string" && v.trim() === "");
}

/** The problem of a whole-number cell (counts, money in nghìn đồng), or null. */
export function problemOf(v: unknown): FindingCode | null {
  if (typeof v !== "number" || !Number.isFinite(v)) return "not_a_number";
  if (!Number.isInteger(v)) return "not_integer";
  if (v < 0) return "negative";
  if (!Number.isSafeInteger(v)) return "unsafe_integer";
  return null;
}

/**
 * Checks raw cell values against the form's fields. Only `typeof number` counts as a number:
 * the add-in converts cells before calling, so a string "1234" here means a text cell, and
 * accepting it silently would hide what Excel shows the clerk. At most one finding per field;
 * an invalid value becomes null so that rules treat it as missing instead of reporting it
 * again. Keys whose value is `undefined` are ignored: JSON drops them, so the add-in and the
 * Worker see the same thing.
 */
export function checkValues(raw: Readonly<Record<string, unknown>>, fields: readonly FieldSpec[]): CheckedValues {
  const values: Record<string, number | null> = {};
  const findings: Finding[] = [];
  const known: Record<string, true> = {};
  for (const spec of fields) {
    known["k:" + spec.key] = true;
    const v = hasOwn(raw, spec.key) ? raw[spec.key] : undefined;
    if (isEmpty(v)) {
      values[spec.key] = null;
      if (spec.required) findings.push({ code: "missing_value", severity: "error", fields: [spec.key], params: {} });
      continue;
    }
    const problem = problemOf(v);
    if (problem !== null) {
      values[spec.key] = null;
      findings.push({ code: problem, severity: "error", fields: [spec.key], params: { value: v } });
      continue;
    }
    // -0 would print as "-0" in some places; it is the same count.
    values[spec.key] = (v as number) === 0 ? 0 : (v as number);
  }
  for (const key of Object.keys(raw)) {
    if (known["k:" + key] || raw[key] === undefined) continue;
    findings.push({ code: "unknown_field", severity: "error", fields: [key], params: { value: raw[key] } });
  }
  return { values, findings };
}
