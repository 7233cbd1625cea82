import type { ArithmeticOperator, ComparisonOperator } from "./ast";
import { RuleSyntaxError } from "./syntax-errors";

export type Token =
  | { type: "number"; value: number; start: number; end: number }
  /** `{key}` on its own; a scope prefix before it arrives as a separate `name` token. */
  | { type: "field"; key: string; start: number; end: number }
  | { type: "name"; name: string; start: number; end: number }
  | { type: "arithmetic"; op: ArithmeticOperator; start: number; end: number }
  | { type: "comparison"; op: ComparisonOperator; start: number; end: number }
  | { type: "("; start: number; end: number }
  | { type: ")"; start: number; end: number }
  | { type: ","; start: number; end: number }
  | { type: "end"; start: number; end: number };

function isDigit(c: string): boolean {
  return c >= "0" && c <= "9";
}

function isNameStart(c: string): boolean {
  return (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c === "_";
}

function isNameChar(c: string): boolean {
  return isNameStart(c) || isDigit(c);
}

// Rules are pasted from Word and e-mail, so no-break and other Unicode spaces count as blanks.
function isSpace(c: string): boolean {
  return c !== "" && /\s/.test(c);
}

/**
 * Turns rule text into tokens on demand, so that the parser reports the leftmost problem
 * even when a later part of the text would not tokenise either.
 */
export class Lexer {
  private pos = 0;

  constructor(readonly text: string) {}

  private at(i: number): string {
    return this.text.charAt(i);
  }

  next(): Token {
    const text = this.text;
    while (isSpace(this.at(this.pos))) this.pos++;
    const start = this.pos;
    if (start >= text.length) return { type: "end", start, end: start };
    const c = this.at(start);
    const c2 = this.at(start + 1);

    if (isDigit(c)) return this.number(start);
    if (isNameStart(c)) {
      let end = start + 1;
      while (isNameChar(this.at(end))) end++;
      this.pos = end;
      return { type: "name", name: text.slice(start, end), start, end };
    }
    if (c === "{") return this.field(start);

    const single = (type: "(" | ")" | ","): Token => {
      this.pos = start + 1;
      return { type, start, end: start + 1 };
    };
    const arithmetic = (op: ArithmeticOperator): Token => {
      this.pos = start + 1;
      return { type: "arithmetic", op, start, end: start + 1 };
    };
    const comparison = (op: ComparisonOperator, length: number): Token => {
      this.pos = start + length;
      return { type: "comparison", op, start, end: start + length };
    };

    switch (c) {
      case "(":
      case ")":
      case ",":
        return single(c);
      case "+":
        return arithmetic("+");
      // U+2212 is what Word and the published documents print for minus.
      case "-":
      case "\u2212":
        return arithmetic("-");
      case "*":
      case "×":
        return arithmetic("*");
      case "/":
      case "÷":
        return arithmetic("/");
      case "=":
        return comparison("=", c2 === "=" ? 2 : 1);
      case "≠":
        return comparison("≠", 1);
      case "≤":
        return comparison("≤", 1);
      case "≥":
        return comparison("≥", 1);
      case "!":
        if (c2 === "=") return comparison("≠", 2);
        break;
      case "<":
        if (c2 === "=") return comparison("≤", 2);
        if (c2 === ">") return comparison("≠", 2);
        return comparison("<", 1);
      case ">":
        if (c2 === "=") return comparison("≥", 2);
        return comparison(">", 1);
    }
    const code = c.charCodeAt(0);
    const found = code >= 0xd800 && code <= 0xdbff ? text.slice(start, start + 2) : c;
    throw new RuleSyntaxError("unexpected_character", start, text, { found });
  }

  private number(start: number): Token {
    let end = start;
    while (isDigit(this.at(end))) end++;
    let ok = true;
    if (this.at(end) === ".") {
      end++;
      if (!isDigit(this.at(end))) ok = false;
      while (isDigit(this.at(end))) end++;
    }
    // `1e5`, `2a`, `1.2.3`: report the whole run as one bad number rather than a confusing
    // "unexpected name" after a valid-looking prefix.
    if (isNameChar(this.at(end)) || this.at(end) === ".") {
      ok = false;
      while (isNameChar(this.at(end)) || this.at(end) === ".") end++;
    }
    const literal = this.text.slice(start, end);
    const value = Number(literal);
    if (!ok || !(value <= Number.MAX_SAFE_INTEGER)) {
      throw new RuleSyntaxError("invalid_number", start, this.text, { found: literal });
    }
    this.pos = end;
    return { type: "number", value, start, end };
  }

  private field(start: number): Token {
    let i = start + 1;
    while (isSpace(this.at(i))) i++;
    const nameStart = i;
    while (isNameChar(this.at(i))) i++;
    const key = this.text.slice(nameStart, i);
    while (isSpace(this.at(i))) i++;
    if (this.at(i) !== "}") {
      const found = this.at(i);
      throw new RuleSyntaxError("field_not_closed", i, this.text, found === "" ? { opened: start } : { opened: start, found });
    }
    if (key === "") throw new RuleSyntaxError("empty_field_name", nameStart, this.text);
    this.pos = i + 1;
    return { type: "field", key, start, end: i + 1 };
  }
}
