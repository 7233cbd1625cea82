import type { FormValues } from "../values";
import { addExact, isSafeInt } from "./sum";

/**
 * Which fields make up an indicator. Data, not code: whether "giam" (reduced) counts as
 * done for money is unconfirmed, so it is added by configuration, not hard-coded.
 */
export interface IndicatorConfig {
  /** Tổng số phải thi hành: what "chuyển kỳ sau" is computed from. */
  dueField: string;
  /** Có điều kiện thi hành: the denominator of the rate. */
  baseField: string;
  /** Summed into "done": thi hành xong, đình chỉ [, giảm]. */
  doneFields: readonly string[];
}

export interface Indicators {
  done: number;
  base: number;
  due: number;
  /** Percent (84.2508… for 84,25%); null when base is 0: no enforceable case, no rate. */
  rate: number | null;
  /** Chuyển kỳ sau = due − done. */
  carriedOver: number;
}

/**
 * Missing fields in the input: "throw" (default) because indicators are meant to be
 * computed from roll-up sums, which have every field; a hole there is a bug. "zero" is
 * for callers that have validated a single unit's form themselves.
 */
export interface IndicatorOptions {
  missing?: "throw" | "zero";
}

/** Việc: done = thi hành xong + đình chỉ, over có điều kiện. */
export const VIEC_INDICATORS: IndicatorConfig = {
  dueField: "phai_thi_hanh",
  baseField: "co_dieu_kien",
  doneFields: ["thi_hanh_xong", "dinh_chi"],
};

/**
 * Tiền: same as việc by default. Whether "giam" counts as done is unconfirmed; a
 * configuration that counts it uses `{ ...TIEN_INDICATORS, doneFields: [..., "giam"] }`.
 */
export const TIEN_INDICATORS: IndicatorConfig = {
  dueField: "phai_thi_hanh",
  baseField: "co_dieu_kien",
  doneFields: ["thi_hanh_xong", "dinh_chi"],
};

function read(values: FormValues, key: string, missing: "throw" | "zero"): number {
  const value = values[key];
  if (value === null || value === undefined) {
    if (missing === "zero") return 0;
    throw new Error(`computeIndicators: field "${key}" has no value`);
  }
  if (!isSafeInt(value)) {
    throw new RangeError(`computeIndicators: field "${key}" is not a safe integer (${value})`);
  }
  return value;
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

/**
 * Indicators of one unit or one roll-up, always from (summed) counts: a province's rate
 * is its Σdone ÷ Σbase, never an average of its offices' rates.
 * Beware the press-release trap: "xong X/Y việc" quotes Y = phai_thi_hanh, but the rate
 * is on co_dieu_kien; `due` and `base` are kept apart for that reason.
 */
export function computeIndicators(
  values: FormValues,
  cfg: IndicatorConfig,
  options: IndicatorOptions = {},
): Indicators {
  const missing = options.missing ?? "throw";
  let done = 0;
  for (const key of cfg.doneFields) {
    const next = addExact(done, read(values, key, missing));
    // Parts of co_dieu_kien cannot overflow in valid data; reaching here is a bug upstream.
    if (next === null) throw new RangeError(`computeIndicators: done overflows at "${key}"`);
    done = next;
  }
  const base = read(values, cfg.baseField, missing);
  const due = read(values, cfg.dueField, missing);
  return { done, base, due, rate: ratePercent(done, base), carriedOver: due - done };
}
