import { printExpression } from "./ast";
import { parseRule } from "./parser";

/**
 * A derived field's formula in rule notation as an Excel formula, printed from the same
 * parsed tree the rule engine evaluates: "{tong_thu_ly} - {uy_thac}" → "=B12-E12",
 * "sum({a}, {b})" → "=SUM(H12,I12)". The invariant (en-US) syntax that Office.js
 * `Range.formulas` and the .xlsx file format both take, whatever the reader's locale: ","
 * separates arguments, names are English, and Excel shows them localised. One printer for the
 * pane's form sheet and the Worker's workbooks.
 *
 * Throws for a formula that reads another period (prev_month{…}) or a field `addressOf` does
 * not place: a sheet row holds one period's fields, so such a formula cannot be written there.
 */
export function excelFormula(formula: string, addressOf: (key: string) => string | undefined): string {
  // The rule parser reads comparisons only; a constant left side makes the formula one.
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
