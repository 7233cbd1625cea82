/**
 * Just enough of Excel's formula language for the in-memory workbook to show a derived
 * cell's total after the clerk types: numbers, A1 references and ranges, + - * /, unary
 * minus, parentheses, SUM / MIN / MAX / ABS; and, for the rules of conditional formats,
 * comparisons (= <> < <= > >=), text in quotes, AND / OR / NOT / ISNUMBER; and, for the
 * report sheets' rates and differences, IF and ROUND (half away from zero). Anything else
 * evaluates to an Excel error value ("#NAME?"), never to a JavaScript exception.
 */

import { columnLetters, columnNumber } from "../../shared/a1";
import { roundTo } from "../../shared/format";

export type Scalar = number | string | boolean;

/** Gives the (already evaluated) value of a cell; null for an empty cell. */
export type CellReader = (row: number, column: number) => Scalar | null;

type Val =
  | { kind: "num"; n: number }
  | { kind: "err"; e: string }
  | { kind: "str"; s: string }
  | { kind: "bool"; b: boolean }
  | { kind: "range"; cells: (Scalar | null)[] };

const ERR_VALUE = "#VALUE!";
const ERR_DIV0 = "#DIV/0!";
const ERR_NAME = "#NAME?";

export function isErrorValue(v: unknown): boolean {
  return typeof v === "string" && /^#(VALUE!|DIV\/0!|NAME\?|REF!|N\/A|NUM!|NULL!)$/.test(v);
}

class FormulaParser {
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly read: CellReader,
  ) {}

  private peek(): string {
    while (this.text.charAt(this.pos) === " ") this.pos++;
    return this.text.charAt(this.pos);
  }

  evaluate(): Scalar {
    const v = this.comparison();
    if (this.peek() !== "") return ERR_NAME;
    return this.scalar(v);
  }

  private scalar(v: Val): Scalar {
    if (v.kind === "num") return v.n;
    if (v.kind === "err") return v.e;
    if (v.kind === "str") return v.s;
    if (v.kind === "bool") return v.b;
    // A range used as a single value: Excel's implicit intersection is out of scope here.
    if (v.cells.length === 1) {
      const c = v.cells[0];
      return c === null || c === undefined ? 0 : c;
    }
    return ERR_VALUE;
  }

  private num(v: Val): Val {
    if (v.kind === "bool") return { kind: "num", n: v.b ? 1 : 0 };
    if (v.kind === "str") return isErrorValue(v.s) ? { kind: "err", e: v.s } : { kind: "err", e: ERR_VALUE };
    if (v.kind !== "range") return v;
    const s = this.scalar(v);
    if (typeof s === "number") return { kind: "num", n: s };
    if (typeof s === "boolean") return { kind: "num", n: s ? 1 : 0 };
    if (isErrorValue(s)) return { kind: "err", e: s };
    if (s === "") return { kind: "num", n: 0 };
    return { kind: "err", e: ERR_VALUE };
  }

  /** Lowest precedence, as in Excel: "=A1+1>B1" compares two sums. */
  private comparison(): Val {
    const left = this.expr();
    const m = /^(<>|<=|>=|=|<|>)/.exec(this.text.slice(this.pos).replace(/^ +/, ""));
    if (!m) return left;
    this.peek();
    this.pos += (m[1] as string).length;
    const right = this.expr();
    const a = this.scalar(left);
    const b = this.scalar(right);
    if (isErrorValue(a)) return { kind: "err", e: a as string };
    if (isErrorValue(b)) return { kind: "err", e: b as string };
    return { kind: "bool", b: compareScalars(a, b, m[1] as string) };
  }

  /** An empty cell read as a value is 0 (scalar()), but ISNUMBER of an empty cell is FALSE. */
  private isEmptyRef(v: Val): boolean {
    return v.kind === "range" && v.cells.length === 1 && (v.cells[0] === null || v.cells[0] === undefined);
  }

  private truth(v: Val): boolean | string {
    const s = this.scalar(v);
    if (typeof s === "boolean") return s;
    if (typeof s === "number") return s !== 0;
    if (isErrorValue(s)) return s;
    return ERR_VALUE;
  }

  private expr(): Val {
    let left = this.term();
    for (;;) {
      const c = this.peek();
      if (c !== "+" && c !== "-") return left;
      this.pos++;
      const right = this.num(this.term());
      const l = this.num(left);
      if (l.kind === "err") left = l;
      else if (right.kind === "err") left = right;
      else if (l.kind === "num" && right.kind === "num") left = { kind: "num", n: c === "+" ? l.n + right.n : l.n - right.n };
    }
  }

  private term(): Val {
    let left = this.unary();
    for (;;) {
      const c = this.peek();
      if (c !== "*" && c !== "/") return left;
      this.pos++;
      const right = this.num(this.unary());
      const l = this.num(left);
      if (l.kind === "err") left = l;
      else if (right.kind === "err") left = right;
      else if (l.kind === "num" && right.kind === "num") {
        if (c === "/" && right.n === 0) left = { kind: "err", e: ERR_DIV0 };
        else left = { kind: "num", n: c === "*" ? l.n * right.n : l.n / right.n };
      }
    }
  }

  private unary(): Val {
    const c = this.peek();
    if (c === "-" || c === "+") {
      this.pos++;
      const v = this.num(this.unary());
      return v.kind === "num" && c === "-" ? { kind: "num", n: -v.n } : v;
    }
    return this.primary();
  }

  private primary(): Val {
    const c = this.peek();
    if (c === "(") {
      this.pos++;
      const v = this.comparison();
      if (this.peek() !== ")") return { kind: "err", e: ERR_NAME };
      this.pos++;
      return v;
    }
    const rest = this.text.slice(this.pos);
    if (c === '"') {
      const text = /^"((?:[^"]|"")*)"/.exec(rest);
      if (!text) return { kind: "err", e: ERR_NAME };
      this.pos += text[0].length;
      return { kind: "str", s: (text[1] as string).split('""').join('"') };
    }
    const number = /^[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(rest);
    if (number) {
      this.pos += number[0].length;
      return { kind: "num", n: Number(number[0]) };
    }
    const range = /^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})(:\$?([A-Za-z]{1,3})\$?([0-9]{1,7}))?(?![A-Za-z0-9(_])/.exec(rest);
    if (range) {
      this.pos += range[0].length;
      const c1 = columnNumber(range[1] as string);
      const r1 = Number(range[2]);
      const c2 = range[3] ? columnNumber(range[4] as string) : c1;
      const r2 = range[3] ? Number(range[5]) : r1;
      const cells: (Scalar | null)[] = [];
      for (let r = Math.min(r1, r2); r <= Math.max(r1, r2); r++) {
        for (let k = Math.min(c1, c2); k <= Math.max(c1, c2); k++) cells.push(this.read(r, k));
      }
      return { kind: "range", cells };
    }
    const name = /^([A-Za-z][A-Za-z0-9.]*)\(/.exec(rest);
    if (name) {
      this.pos += name[0].length;
      const args: Val[] = [];
      if (this.peek() !== ")") {
        for (;;) {
          args.push(this.comparison());
          const sep = this.peek();
          if (sep === ",") {
            this.pos++;
            continue;
          }
          break;
        }
      }
      if (this.peek() !== ")") return { kind: "err", e: ERR_NAME };
      this.pos++;
      return this.call((name[1] as string).toUpperCase(), args);
    }
    return { kind: "err", e: ERR_NAME };
  }

  private call(name: string, args: Val[]): Val {
    if (name === "ISNUMBER") {
      if (args.length !== 1) return { kind: "err", e: ERR_VALUE };
      return { kind: "bool", b: typeof this.scalar(args[0] as Val) === "number" && !this.isEmptyRef(args[0] as Val) };
    }
    if (name === "NOT") {
      if (args.length !== 1) return { kind: "err", e: ERR_VALUE };
      const t = this.truth(args[0] as Val);
      return typeof t === "string" ? { kind: "err", e: t } : { kind: "bool", b: !t };
    }
    if (name === "AND" || name === "OR") {
      if (args.length === 0) return { kind: "err", e: ERR_VALUE };
      let out = name === "AND";
      for (const a of args) {
        const t = this.truth(a);
        if (typeof t === "string") return { kind: "err", e: t };
        out = name === "AND" ? out && t : out || t;
      }
      return { kind: "bool", b: out };
    }
    if (name === "IF") {
      // Arguments are evaluated before the call, but only the chosen branch's value (or error) counts.
      if (args.length < 2 || args.length > 3) return { kind: "err", e: ERR_VALUE };
      const t = this.truth(args[0] as Val);
      if (typeof t === "string") return { kind: "err", e: t };
      const chosen = t ? (args[1] as Val) : args.length === 3 ? (args[2] as Val) : ({ kind: "bool", b: false } as Val);
      const v = this.scalar(chosen);
      return typeof v === "number" ? { kind: "num", n: v } : typeof v === "boolean" ? { kind: "bool", b: v } : isErrorValue(v) ? { kind: "err", e: v } : { kind: "str", s: v };
    }
    if (name === "ROUND") {
      if (args.length !== 2) return { kind: "err", e: ERR_VALUE };
      const v = this.num(args[0] as Val);
      const d = this.num(args[1] as Val);
      if (v.kind !== "num") return v;
      if (d.kind !== "num") return d;
      return { kind: "num", n: roundTo(v.n, d.n) };
    }
    if (name === "ABS") {
      if (args.length !== 1) return { kind: "err", e: ERR_VALUE };
      const v = this.num(args[0] as Val);
      return v.kind === "num" ? { kind: "num", n: Math.abs(v.n) } : v;
    }
    if (name !== "SUM" && name !== "MIN" && name !== "MAX") return { kind: "err", e: ERR_NAME };
    // Like Excel: numbers inside references count, text and empty cells inside them are skipped.
    const numbers: number[] = [];
    for (const a of args) {
      if (a.kind === "err") return a;
      if (a.kind === "num") {
        numbers.push(a.n);
        continue;
      }
      if (a.kind === "bool") {
        numbers.push(a.b ? 1 : 0);
        continue;
      }
      if (a.kind === "str") return { kind: "err", e: ERR_VALUE };
      for (const c of a.cells) {
        if (typeof c === "number") numbers.push(c);
        else if (isErrorValue(c)) return { kind: "err", e: c as string };
      }
    }
    if (name === "SUM") {
      let s = 0;
      for (const n of numbers) s += n;
      return { kind: "num", n: s };
    }
    if (numbers.length === 0) return { kind: "num", n: 0 };
    let out = numbers[0] as number;
    for (const n of numbers) out = name === "MIN" ? Math.min(out, n) : Math.max(out, n);
    return { kind: "num", n: out };
  }
}

function compareScalars(a: Scalar, b: Scalar, op: string): boolean {
  // Excel orders numbers < text < booleans; text compares case-insensitively.
  const rank = (x: Scalar): number => (typeof x === "number" ? 0 : typeof x === "string" ? 1 : 2);
  let d: number;
  if (rank(a) !== rank(b)) d = rank(a) - rank(b);
  else if (typeof a === "string" && typeof b === "string") {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    d = x < y ? -1 : x > y ? 1 : 0;
  } else d = Number(a) - Number(b);
  switch (op) {
    case "=":
      return d === 0;
    case "<>":
      return d !== 0;
    case "<":
      return d < 0;
    case "<=":
      return d <= 0;
    case ">":
      return d > 0;
    default:
      return d >= 0;
  }
}

/** Evaluates "=…" against a reader of other cells' values. */
export function evaluateFormula(formula: string, read: CellReader): Scalar {
  const body = formula.charAt(0) === "=" ? formula.slice(1) : formula;
  return new FormulaParser(body, read).evaluate();
}
/**
 * A conditional format's formula as it applies to another cell of its range: relative
 * references move by the offset, `$` parts stay (as Excel reads "=$F8<$G8" on row 9).
 */
export function shiftFormula(formula: string, rowOffset: number, columnOffset: number): string {
  let out = "";
  let i = 0;
  while (i < formula.length) {
    const ch = formula.charAt(i);
    if (ch === '"') {
      const end = formula.indexOf('"', i + 1);
      const stop = end < 0 ? formula.length : end + 1;
      out += formula.slice(i, stop);
      i = stop;
      continue;
    }
    const prev = i > 0 ? formula.charAt(i - 1) : "";
    const m = /^(\$?)([A-Za-z]{1,3})(\$?)([0-9]{1,7})(?![A-Za-z0-9(_])/.exec(formula.slice(i));
    if (m && !/[A-Za-z0-9_.]/.test(prev)) {
      const column = m[1] === "$" ? columnNumber(m[2] as string) : columnNumber(m[2] as string) + columnOffset;
      const row = m[3] === "$" ? Number(m[4]) : Number(m[4]) + rowOffset;
      out += m[1] + columnLetters(column) + m[3] + row;
      i += m[0].length;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}
