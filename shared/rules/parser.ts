import type { FieldScope } from "../findings";
import type { Comparison, Expr, FunctionName } from "./ast";
import { Lexer, type Token } from "./lexer";
import { RuleSyntaxError, type RuleSyntaxCode, type RuleSyntaxParams } from "./syntax-errors";

/*
 * Grammar (recursive descent, no eval):
 *   rule     := additive comparison additive
 *   additive := term (("+" | "-") term)*
 *   term     := unary (("*" | "/") unary)*
 *   unary    := "-" unary | primary
 *   primary  := number | field | scope field | function "(" additive ("," additive)* ")" | "(" additive ")"
 */

const SCOPES: Readonly<Record<string, FieldScope>> = {
  prev_month: "prev_month",
  prev_year_final: "prev_year_final",
};

const FUNCTIONS: Readonly<Record<string, FunctionName>> = { sum: "sum", min: "min", max: "max", abs: "abs" };

// Far beyond any real rule; it keeps a pathological text from overflowing the call stack
// (a RangeError instead of a RuleSyntaxError).
const MAX_DEPTH = 100;

function own<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

class Parser {
  private readonly lexer: Lexer;
  private tok: Token;
  private depth = 0;

  constructor(private readonly text: string) {
    this.lexer = new Lexer(text);
    this.tok = this.lexer.next();
  }

  // A method rather than a field read, so TypeScript does not keep a narrowing across advance().
  private peek(): Token {
    return this.tok;
  }

  private advance(): void {
    this.tok = this.lexer.next();
  }

  private fail(code: RuleSyntaxCode, at: Token, params: RuleSyntaxParams = {}): never {
    throw new RuleSyntaxError(code, at.start, this.text, params);
  }

  private found(t: Token): RuleSyntaxParams {
    return t.type === "end" ? {} : { found: this.text.slice(t.start, t.end) };
  }

  private enter(at: Token): void {
    if (++this.depth > MAX_DEPTH) this.fail("too_deep", at);
  }

  rule(): Comparison {
    if (this.peek().type === "end") throw new RuleSyntaxError("empty_rule", 0, this.text);
    const left = this.additive();
    const t = this.peek();
    if (t.type !== "comparison") {
      return this.fail(t.type === "end" ? "missing_comparison" : "expected_operator", t, this.found(t));
    }
    this.advance();
    const right = this.additive();
    const after = this.peek();
    if (after.type === "comparison") this.fail("multiple_comparisons", after, this.found(after));
    if (after.type !== "end") this.fail("trailing_input", after, this.found(after));
    return { left, op: t.op, right };
  }

  private additive(): Expr {
    let left = this.term();
    for (;;) {
      const t = this.peek();
      if (t.type !== "arithmetic" || (t.op !== "+" && t.op !== "-")) return left;
      this.advance();
      left = { kind: "binary", op: t.op, left, right: this.term() };
    }
  }

  private term(): Expr {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      if (t.type !== "arithmetic" || (t.op !== "*" && t.op !== "/")) return left;
      this.advance();
      left = { kind: "binary", op: t.op, left, right: this.unary() };
    }
  }

  private unary(): Expr {
    const t = this.peek();
    if (t.type === "arithmetic" && t.op === "-") {
      this.enter(t);
      this.advance();
      const operand = this.unary();
      this.depth--;
      return { kind: "negate", operand };
    }
    return this.primary();
  }

  private primary(): Expr {
    const t = this.peek();
    switch (t.type) {
      case "number":
        this.advance();
        return { kind: "number", value: t.value, text: this.text.slice(t.start, t.end) };
      case "field":
        this.advance();
        return { kind: "field", scope: "current", key: t.key };
      case "name":
        this.advance();
        return this.afterName(t);
      case "(": {
        this.enter(t);
        this.advance();
        const inner = this.additive();
        const close = this.peek();
        if (close.type === "comparison") this.fail("comparison_in_parentheses", close, this.found(close));
        if (close.type !== ")") this.fail("expected_closing_paren", close, this.found(close));
        this.advance();
        this.depth--;
        return inner;
      }
      default:
        return this.fail("expected_value", t, this.found(t));
    }
  }

  private afterName(nameTok: Extract<Token, { type: "name" }>): Expr {
    const name = nameTok.name;
    const next = this.peek();
    if (next.type === "(") {
      // Function names are matched case-insensitively because authors coming from Excel type SUM.
      const fn = own(FUNCTIONS, name.toLowerCase());
      if (fn === undefined) return this.fail("unknown_function", nameTok, { name });
      return this.call(fn, nameTok);
    }
    const scope = own(SCOPES, name);
    if (next.type === "field") {
      if (scope === undefined) return this.fail("unknown_scope", nameTok, { name });
      this.advance();
      return { kind: "field", scope, key: next.key };
    }
    if (scope !== undefined) return this.fail("scope_needs_field", next, { name, ...this.found(next) });
    return this.fail("unknown_name", nameTok, { name });
  }

  private call(name: FunctionName, at: Token): Expr {
    this.enter(at);
    this.advance(); // "("
    if (this.peek().type === ")") this.fail("wrong_arity", this.peek(), { name });
    const args: Expr[] = [];
    for (;;) {
      args.push(this.additive());
      const t = this.peek();
      if (t.type === ")") break;
      if (t.type === ",") {
        if (name === "abs") this.fail("wrong_arity", t, { name });
        this.advance();
        continue;
      }
      if (t.type === "comparison") this.fail("comparison_in_parentheses", t, this.found(t));
      this.fail("expected_argument_separator", t, { name, ...this.found(t) });
    }
    this.advance(); // ")"
    this.depth--;
    return { kind: "call", name, args };
  }
}

/** Parses one rule; throws RuleSyntaxError (with a 0-based `position`) for anything malformed. */
export function parseRule(text: string): Comparison {
  return new Parser(text).rule();
}
