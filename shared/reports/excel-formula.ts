import { printExpression } from "../rules/ast";
import { parseRule } from "../rules/parser";

/**
 * Turns a derived field's formula in rule notation into an Excel formula, printed from the
 * same parsed tree the rule engine evaluates (shared/rules/ast.ts decides the parentheses):
 * "{tong_thu_ly} - {uy_thac}" → "=B12-E12", "sum({a}, {b})" → "=SUM(H12,I12)".
 * Office.js `Range.formulas` and the .xlsx format take the invariant (en-US) syntax whatever
 * the reader's locale, so the separator is always "," and names are English; Excel shows them
 * localised. Throws for a formula that reads another period (prev_month{…}) or a field
 * `addressOf` does not place: a sheet row holds one period's fields.
 */
export function excelFormula(formula: string, addressOf: (key: string) => string | undefined): string {
  // The rule parser only reads comparisons; a constant left side turns the formula into one.
  const expr = parseRule("0 = " + formula).right;
  return "=" + printExpression(expr, {
    field: (scope, key) => {
      if (scope !== "current") throw new Error("A derived field cannot read " + scope + "{" + key + "}: a sheet row holds one period");
      const address = addressOf(key);
      if (address === undefined) throw new Error("The formula reads {" + key + "}, which is not a field of the form");
      return address;
    },
    number: (_value, text) => text,
    operator: (op) => op,
    functionName: (name) => name.toUpperCase(),
    spaced: false,
  });
}
