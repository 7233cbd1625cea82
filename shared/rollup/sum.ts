import type { FormValues } from "../values";

/**
 * What a missing value (null/undefined) in one unit's form means for a roll-up.
 * - "zero": counts as 0. Acceptable as the default ONLY because forms are validated
 *   (required fields, identities) before they are stored, so a stored form has no holes
 *   in the fields a roll-up reads. Do not use it on unvalidated input.
 * - "skip_unit": a unit missing any requested field is left out entirely, so a partial
 *   form never contributes half of its figures. `contributors` tells how many counted.
 */
export type MissingStrategy = "zero" | "skip_unit";

export interface SumOptions {
  missing?: MissingStrategy;
}

export type SumError = "unsafe_integer" | "not_integer";

export type SumResult =
  | { ok: true; values: Record<string, number>; contributors: number }
  | {
      ok: false;
      /**
       * "unsafe_integer": a value or a partial sum left the range where doubles are
       * exact integers (±MAX_SAFE = 2^53 − 1); never rounded, never returned.
       * "not_integer": a value is fractional, NaN or infinite; counts and nghìn đồng
       * are whole numbers.
       */
      error: SumError;
      field: string;
      /** Index in the input list of the unit whose value caused the error. */
      unit: number;
    };

function isMissing(value: number | null | undefined): value is null | undefined {
  return value === null || value === undefined;
}

/** 2^53 − 1 written out: the IE11 task pane has no Number.MAX_SAFE_INTEGER without a polyfill. */
export const MAX_SAFE = 9007199254740991;

/** Number.isSafeInteger without relying on an ES2015 polyfill in IE11. */
export function isSafeInt(value: number): boolean {
  return isFinite(value) && Math.floor(value) === value && Math.abs(value) <= MAX_SAFE;
}

/** Whole and finite (Number.isInteger without the ES2015 polyfill). */
function isWhole(value: number): boolean {
  return isFinite(value) && Math.floor(value) === value;
}

/**
 * a + b when both are safe integers and the exact result is too; otherwise null.
 * Two safe integers add exactly whenever the true sum is within ±MAX_SAFE, and
 * any true sum beyond it rounds to a double that is itself not a safe integer, so
 * checking the double result is enough to detect every overflow.
 */
export function addExact(a: number, b: number): number | null {
  if (!isSafeInt(a) || !isSafeInt(b)) return null;
  const sum = a + b;
  return isSafeInt(sum) ? sum : null;
}

/**
 * Exact field-by-field sum of many units' forms (province = own office + its regional
 * offices; nation = the provinces). Integers only: the money totals reach ~10^12 nghìn
 * đồng nationally, well inside the exact range, and anything outside it is an error.
 */
export function sumValues(
  list: readonly FormValues[],
  fieldKeys: readonly string[],
  options: SumOptions = {},
): SumResult {
  const missing: MissingStrategy = options.missing ?? "zero";
  const values: Record<string, number> = {};
  for (const key of fieldKeys) values[key] = 0;
  let contributors = 0;

  for (let unit = 0; unit < list.length; unit++) {
    const form = list[unit];
    if (form === undefined) continue;
    if (missing === "skip_unit" && fieldKeys.some((key) => isMissing(form[key]))) continue;

    for (const key of fieldKeys) {
      const raw = form[key];
      const value = isMissing(raw) ? 0 : raw;
      if (!isWhole(value)) return { ok: false, error: "not_integer", field: key, unit };
      if (!isSafeInt(value)) return { ok: false, error: "unsafe_integer", field: key, unit };
      const next = addExact(values[key] ?? 0, value);
      if (next === null) return { ok: false, error: "unsafe_integer", field: key, unit };
      values[key] = next;
    }
    contributors++;
  }
  return { ok: true, values, contributors };
}
