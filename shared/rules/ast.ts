import type { FieldScope } from "../findings";

/**
 * The parsed form of a rule. Positions are deliberately left out so that two spellings of
 * the same rule (`<=` and `≤`, extra spaces) give equal trees; positions matter only for
 * syntax errors, which the parser reports before any tree exists.
 */

/** Display forms; the parser maps the ASCII spellings (`==`, `!=`, `<>`, `<=`, `>=`) onto these. */
export type ComparisonOperator = "=" | "≠" | "<" | "≤" | ">" | "≥";

export type ArithmeticOperator = "+" | "-" | "*" | "/";

export type FunctionName = "sum" | "min" | "max" | "abs";

export type Expr =
  /** `text` is the literal as written (digits and at most one `.`), kept so a rule prints back as written. */
  | { kind: "number"; value: number; text: string }
  | { kind: "field"; scope: FieldScope; key: string }
  | { kind: "negate"; operand: Expr }
  | { kind: "binary"; op: ArithmeticOperator; left: Expr; right: Expr }
  | { kind: "call"; name: FunctionName; args: Expr[] };

export interface Comparison {
  left: Expr;
  op: ComparisonOperator;
  right: Expr;
}

export const COMPARISON_OPERATORS: readonly ComparisonOperator[] = ["=", "≠", "<", "≤", ">", "≥"];
export const FUNCTION_NAMES: readonly FunctionName[] = ["sum", "min", "max", "abs"];

/** How a tree is spelled out: the canonical rule text by default, labelled prose in messages. */
export interface PrintStyle {
  field: (scope: FieldScope, key: string) => string;
  number: (value: number, text: string) => string;
  operator: (op: ArithmeticOperator) => string;
  functionName: (name: FunctionName) => string;
  /** False: no spaces around operators or after commas, as Excel writes formulas. Default true. */
  spaced?: boolean;
}

export const CANONICAL_STYLE: PrintStyle = {
  field: (scope, key) => (scope === "current" ? "" : scope) + "{" + key + "}",
  number: (_value, text) => text,
  operator: (op) => op,
  functionName: (name) => name,
};

function precedence(e: Expr): number {
  if (e.kind === "binary") return e.op === "+" || e.op === "-" ? 1 : 2;
  if (e.kind === "negate") return 3;
  return 4;
}

/**
 * Prints with the fewest parentheses that still give back the same tree. A right operand of
 * equal precedence keeps its parentheses even for `+`, because `{a} + ({b} + {c})` and
 * `{a} + {b} + {c}` are different trees and may overflow differently.
 */
export function printExpression(e: Expr, style: PrintStyle = CANONICAL_STYLE): string {
  switch (e.kind) {
    case "number":
      return style.number(e.value, e.text);
    case "field":
      return style.field(e.scope, e.key);
    case "negate": {
      const inner = printExpression(e.operand, style);
      return style.operator("-") + (precedence(e.operand) < 3 ? "(" + inner + ")" : inner);
    }
    case "binary": {
      const p = precedence(e);
      const left = printExpression(e.left, style);
      const right = printExpression(e.right, style);
      const gap = style.spaced === false ? "" : " ";
      return (
        (precedence(e.left) < p ? "(" + left + ")" : left) +
        gap +
        style.operator(e.op) +
        gap +
        (precedence(e.right) <= p ? "(" + right + ")" : right)
      );
    }
    case "call": {
      const args: string[] = [];
      for (const a of e.args) args.push(printExpression(a, style));
      return style.functionName(e.name) + "(" + args.join(style.spaced === false ? "," : ", ") + ")";
    }
  }
}

export function printComparison(c: Comparison, style: PrintStyle = CANONICAL_STYLE): string {
  return printExpression(c.left, style) + " " + c.op + " " + printExpression(c.right, style);
}
