/**
 * Numbers as clerks' sheets hold them: real numbers, figures typed as text in Vietnamese
 * notation ("1.234.567", "125,5"), a dash for zero, and the many ways a row of column
 * numbers is written ("1", "(1)", "Cột 1", "I", "1=2+3"). ES5 only: no u-flag regexes.
 */
import { normalizeText } from "./normalize";

/** How a cell gave its number: a real number, text in a known notation, or a dash for zero. */
export type NumberSource = "number" | "text" | "dash";

export type CellNumber =
  | { kind: "blank" }
  | { kind: "number"; value: number; source: NumberSource; text: string; exact: DecimalText | null }
  /** Text that is not a number, or one whose notation is ambiguous ("1,234": 1234 or 1,234?). */
  | { kind: "text"; text: string; ambiguous: boolean };

/** A figure written as text, kept as digits so that scaling it stays exact. */
export interface DecimalText {
  negative: boolean;
  whole: string;
  fraction: string;
}

const DASH = /^[-\u2012\u2013\u2014\u2212_]{1,3}$/;
const PLAIN = /^([+-]?)(\d+)$/;
const VI_THOUSANDS = /^([+-]?)(\d{1,3}(?:\.\d{3})+)$/;
const VI_DECIMAL = /^([+-]?)(\d{1,3}(?:\.\d{3})*|\d+),(\d+)$/;
const SPACE_THOUSANDS = /^([+-]?)(\d{1,3}(?:[ \u00a0]\d{3})+)$/;
/** "1,234,567": two commas cannot be a Vietnamese decimal comma, so they group thousands. */
const EN_THOUSANDS = /^([+-]?)(\d{1,3}(?:,\d{3}){2,})$/;
const NUMERIC_LOOKING = /^[+-]?[\d.,\s\u00a0]+$/;

function trim(s: string): string {
  return s.replace(/^[\s\u00a0]+|[\s\u00a0]+$/g, "");
}

function digitsValue(d: DecimalText): number {
  const v = parseFloat(d.whole + (d.fraction ? "." + d.fraction : ""));
  return d.negative ? -v : v;
}

/** What a cell holds as a number, reading Vietnamese notation in text exactly. */
export function readCellNumber(v: unknown): CellNumber {
  if (v === null || v === undefined) return { kind: "blank" };
  if (typeof v === "number") return isFinite(v) ? { kind: "number", value: v, source: "number", text: String(v), exact: null } : { kind: "text", text: String(v), ambiguous: false };
  if (typeof v !== "string") return { kind: "text", text: String(v), ambiguous: false };
  const t = trim(v);
  if (t === "") return { kind: "blank" };
  if (DASH.test(t)) return { kind: "number", value: 0, source: "dash", text: t, exact: { negative: false, whole: "0", fraction: "" } };
  let m = PLAIN.exec(t) || VI_THOUSANDS.exec(t) || SPACE_THOUSANDS.exec(t) || EN_THOUSANDS.exec(t);
  if (m) {
    const d: DecimalText = { negative: m[1] === "-", whole: (m[2] as string).replace(/[^\d]/g, ""), fraction: "" };
    return { kind: "number", value: digitsValue(d), source: "text", text: t, exact: d };
  }
  m = VI_DECIMAL.exec(t);
  if (m) {
    const d: DecimalText = { negative: m[1] === "-", whole: (m[2] as string).replace(/\./g, ""), fraction: m[3] as string };
    return { kind: "number", value: digitsValue(d), source: "text", text: t, exact: d };
  }
  return { kind: "text", text: t, ambiguous: NUMERIC_LOOKING.test(t) };
}

/** Exact conversion factors into the form's unit (nghìn đồng for money). */
export type Scale = { multiply: number } | { divide: number };

/**
 * `value` scaled exactly, or null when the result would not be a whole number: 1.500 đồng is
 * 1,5 nghìn đồng, which a form in nghìn đồng cannot hold, so it is refused, never rounded.
 */
export function scaleExactly(n: { value: number; exact: DecimalText | null }, scale: Scale): number | null {
  if ("divide" in scale) {
    const div = scale.divide;
    if (n.exact) {
      if (n.exact.fraction.replace(/0+$/, "") !== "") return null;
      const whole = parseInt(n.exact.whole, 10);
      if (whole % div !== 0) return null;
      return (n.exact.negative ? -1 : 1) * (whole / div);
    }
    if (n.value % 1 !== 0 || n.value % div !== 0) return null;
    return n.value / div;
  }
  const mul = scale.multiply;
  const zeros = String(mul).length - 1;
  if (n.exact) {
    const frac = n.exact.fraction.replace(/0+$/, "");
    if (frac.length > zeros) return null;
    let padded = frac;
    while (padded.length < zeros) padded += "0";
    const v = parseInt(n.exact.whole + padded, 10);
    return n.exact.negative ? -v : v;
  }
  const scaled = n.value * mul;
  const rounded = Math.round(scaled);
  // A float typed as 125,43 triệu is 125.43 in binary: within a millionth of a whole number
  // it was that whole number of nghìn đồng; further away it had more decimals than the unit allows.
  return Math.abs(scaled - rounded) < 1e-6 * Math.max(1, Math.abs(scaled)) ? rounded : null;
}

// ——— column numbers ———

export type ColumnTokenKind = "arabic" | "roman" | "letter";

export interface ColumnToken {
  kind: ColumnTokenKind;
  n: number;
  /** "1=2+3": the column's number and the sum it says the column is. */
  formula: boolean;
}

const ROMAN = /^(X{0,3})(IX|IV|V?I{0,3})$/;
const ROMAN_VALUES: Record<string, number> = { I: 1, V: 5, X: 10 };

/** "XIV" → 14 (I to XXXIX, the range of a form's columns and of group numbers). */
export function romanValue(s: string): number | null {
  if (s === "" || !ROMAN.test(s)) return null;
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = ROMAN_VALUES[s.charAt(i)] as number;
    const next = i + 1 < s.length ? (ROMAN_VALUES[s.charAt(i + 1)] as number) : 0;
    total += v < next ? -v : v;
  }
  return total > 0 ? total : null;
}

const BRACKETED = /^[([{]\s*(.*?)\s*[)\]}]\.?$/;
const ARABIC = /^(\d{1,3})\.?$/;
const COT = /^(?:cot|c)\s*(\d{1,3})$/;
const FORMULA = /^[([]?\s*(\d{1,3})\s*[)\]]?\s*=\s*[([]?\s*\d{1,3}\s*[)\]]?(?:\s*[-+*xX]\s*[([]?\s*\d{1,3}\s*[)\]]?)*$/;
const LETTER = /^[A-Z]$/;

/**
 * How a header cell may number its column: 1, "1", "(1)", "[1]", "1.", "Cột 1", "(1)=(2)+(3)",
 * "4=5+6+7", Roman "IV", "(IV)", and the letters "A", "B" of the text columns.
 */
export function columnToken(v: unknown): ColumnToken | null {
  if (typeof v === "number") return v % 1 === 0 && v >= 1 && v <= 200 ? { kind: "arabic", n: v, formula: false } : null;
  if (typeof v !== "string") return null;
  const t = trim(v);
  if (t === "" || t.length > 40) return null;
  const f = FORMULA.exec(t);
  if (f) return { kind: "arabic", n: parseInt(f[1] as string, 10), formula: true };
  const b = BRACKETED.exec(t);
  const inner = b ? (b[1] as string) : t;
  const a = ARABIC.exec(inner);
  if (a) return { kind: "arabic", n: parseInt(a[1] as string, 10), formula: false };
  const c = COT.exec(normalizeText(inner));
  if (c) return { kind: "arabic", n: parseInt(c[1] as string, 10), formula: false };
  const r = romanValue(inner);
  if (r !== null) return { kind: "roman", n: r, formula: false };
  if (LETTER.test(inner)) return { kind: "letter", n: inner.charCodeAt(0) - 64, formula: false };
  return null;
}

/** A group number in a row's STT cell: "I", "II.", "(III)", "A", "B" (not the unit numbers 1, 2, 3). */
export function groupNumber(v: unknown): string | null {
  if (typeof v !== "string") return null;
  const t = trim(v).replace(/[.:]$/, "");
  const b = BRACKETED.exec(t);
  const inner = b ? (b[1] as string) : t;
  if (romanValue(inner) !== null || LETTER.test(inner)) return inner;
  return null;
}
