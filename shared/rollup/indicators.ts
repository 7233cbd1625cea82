import type { FormDefinition, IndicatorDefinition } from "../forms/types";
import type { FormValues } from "../values";
import { addExact, isSafeInt } from "./sum";

/** One indicator of one unit or roll-up, from (summed) counts. */
export interface IndicatorValue {
  /** Σ numerator fields ("xong" for a completion rate). */
  numerator: number;
  /** Σ denominator fields ("có điều kiện thi hành"). */
  denominator: number;
  /** Percent (84.2508… for 84,25%); null when the denominator is 0: nothing to measure. */
  rate: number | null;
  /** Σ remainderOf − numerator − Σ remainderLess ("chuyển kỳ sau"); null where the indicator has none. */
  remainder: number | null;
}

/**
 * Missing fields in the input: "throw" (default) because indicators are meant to be
 * computed from roll-up sums, which have every field; a hole there is a bug. "zero" is
 * for callers that have validated a single unit's form themselves, or for a unit without
 * a report where every figure is absent.
 */
export interface IndicatorOptions {
  missing?: "throw" | "zero";
}

/**
 * The values an indicator reads: its own form's, and those of the same unit's other forms for
 * terms written "form:field".
 */
export interface IndicatorInputs {
  own: FormValues;
  otherForms?: Readonly<Record<string, FormValues | undefined>>;
}

/**
 * done × 100 ÷ base with a single rounding: both operands are exact, so the result is the
 * double nearest the true percentage. A rate exactly equal to a target written as a
 * decimal (84.7) then compares equal to the literal 84.7, which done ÷ base × 100 (two
 * roundings) does not guarantee.
 */
export function ratePercent(done: number, base: number): number | null {
  if (base === 0) return null;
  return (done * 100) / base;
}

function read(inputs: IndicatorInputs, term: string, missing: "throw" | "zero"): number {
  const colon = term.indexOf(":");
  const values = colon < 0 ? inputs.own : inputs.otherForms ? inputs.otherForms[term.slice(0, colon)] : undefined;
  const key = colon < 0 ? term : term.slice(colon + 1);
  const value = values ? values[key] : undefined;
  if (value === null || value === undefined) {
    if (missing === "zero") return 0;
    throw new Error(`computeIndicator: "${term}" has no value`);
  }
  if (!isSafeInt(value)) throw new RangeError(`computeIndicator: "${term}" is not a safe integer (${value})`);
  return value;
}

function sumTerms(inputs: IndicatorInputs, terms: readonly string[], missing: "throw" | "zero"): number {
  let total = 0;
  for (const term of terms) {
    const next = addExact(total, read(inputs, term, missing));
    // Parts of one total cannot overflow in valid data; reaching here is a bug upstream.
    if (next === null) throw new RangeError(`computeIndicator: sum overflows at "${term}"`);
    total = next;
  }
  return total;
}

/**
 * An indicator of one unit or one roll-up, always from (summed) counts: a province's rate
 * is its Σnumerator ÷ Σdenominator, never an average of its offices' rates.
 * Beware the press-release trap: "xong X/Y việc" quotes Y = phải thi hành, but the rate is
 * on có điều kiện; numerator, denominator and remainder are kept apart for that reason.
 */
export function computeIndicator(def: IndicatorDefinition, inputs: IndicatorInputs | FormValues, options: IndicatorOptions = {}): IndicatorValue {
  const missing = options.missing ?? "throw";
  const ins: IndicatorInputs = isInputs(inputs) ? inputs : { own: inputs };
  const numerator = sumTerms(ins, def.numerator, missing);
  const denominator = sumTerms(ins, def.denominator, missing);
  // A term moved into the numerator (giảm counted as done) is not subtracted twice.
  const less = (def.remainderLess ?? []).filter((t) => def.numerator.indexOf(t) < 0);
  const remainder = def.remainderOf ? sumTerms(ins, def.remainderOf, missing) - numerator - sumTerms(ins, less, missing) : null;
  return { numerator, denominator, rate: ratePercent(numerator, denominator), remainder };
}

function isInputs(x: IndicatorInputs | FormValues): x is IndicatorInputs {
  const own = (x as IndicatorInputs).own;
  return typeof own === "object" && own !== null;
}

/** The form's headline indicator (its first): the comparison's rate, chart and rank. */
export function headlineIndicator(form: FormDefinition): IndicatorDefinition | null {
  return form.indicators.length > 0 ? (form.indicators[0] as IndicatorDefinition) : null;
}

/** The indicator of `form` that targets are assigned to, if any (its first targeted one). */
export function targetedIndicator(form: FormDefinition): IndicatorDefinition | null {
  for (const ind of form.indicators) if (ind.targeted) return ind;
  return null;
}
