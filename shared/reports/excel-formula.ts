import type { Expr } from "../rules/ast";
import { parseRule } from "../rules/parser";

/**
 * Turns a derived field's formula in rule notation into an Excel formula:
 * "{tong_thu_ly} - {uy_thac}" → "=B12-E12", "sum({a}, {b})" → "=SUM(H12,I12)".
 * Office.js `Range.formulas` takes the invariant (en-US) syntax whatever the clerk's locale,
 * so the separator is always "," and names are English; Excel shows them localised.
 * Throws for a formula that reads another period (prev_month{…}): a sheet holds one period,
 * so such a definition is a bug in the definition, not something to lay out.
 */
export function excelFormula(formula: string, addressOf: (key: string) => string | undefined): string {
  // The rule parser only reads comparisons; a constant left side turns the formula into one.
  const expr = parseRule("0 = " + formula).right;
  return "=" + printExcel(expr, addressOf);
}

const EXCEL_FUNCTIONS: Readonly<Record<string, string>> = { sum: "SUM", min: "MIN", max: "MAX", abs: "ABS" };

function precedence(e: Expr): number {
  if (e.kind === "binary") return e.op === "+" || e.op === "-" ? 1 : 2;
  if (e.kind === "negate") return 3;
  return 4;
}

function printExcel(e: Expr, addressOf: (key: string) => string | undefined): string {
  switch (e.kind) {
    case "number":
      return e.text;
    case "field": {
      if (e.scope !== "current") {
        throw new Error("A derived field cannot read " + e.scope + "{" + e.key + "}: a form sheet holds one period");
      }
      const address = addressOf(e.key);
      if (address === undefined) throw new Error("The formula reads {" + e.key + "}, which is not a field of the form");
      return address;
    }
    case "negate": {
      const inner = printExcel(e.operand, addressOf);
      return "-" + (precedence(e.operand) < 3 ? "(" + inner + ")" : inner);
    }
    case "binary": {
      const p = precedence(e);
      const left = printExcel(e.left, addressOf);
      const right = printExcel(e.right, addressOf);
      return (
        (precedence(e.left) < p ? "(" + left + ")" : left) +
        e.op +
        (precedence(e.right) <= p ? "(" + right + ")" : right)
      );
    }
    case "call": {
      const args: string[] = [];
      for (const a of e.args) args.push(printExcel(a, addressOf));
      return (EXCEL_FUNCTIONS[e.name] || e.name.toUpperCase()) + "(" + args.join(",") + ")";
    }
  }
}

