import type { Expr } from "../rules/ast";
import type { FieldScope } from "../findings";
import { parseRule } from "../rules/parser";
import type { FormDefinition } from "./types";

interface ParsedFormula {
  key: string;
  expr: Expr;
}

// Demo data derives hundreds of thousands of forms: each definition's formulas are parsed once.
const parsedCache = new WeakMap<FormDefinition, ParsedFormula[]>();

function formulasOf(form: FormDefinition): ParsedFormula[] {
  let parsed = parsedCache.get(form);
  if (parsed === undefined) {
    parsed = form.fields
      .filter((f) => f.kind === "derived" && f.formula)
      .map((f) => ({ key: f.key, expr: parseRule("{" + f.key + "} = " + (f.formula as string)).right }));
    parsedCache.set(form, parsed);
  }
  return parsed;
}

/**
 * The derived fields of a form (tổng số thụ lý, phải thi hành, có điều kiện…) computed from
 * the inputs by the definition's own formulas, exactly, in dependency order: what the sheet's
 * Excel formulas compute, for demo data and test scenarios that must satisfy every identity.
 * A derived field whose inputs are missing stays missing.
 */
export function deriveValues(form: FormDefinition, inputs: Readonly<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of form.fields) if (f.kind === "input" && typeof inputs[f.key] === "number") out[f.key] = inputs[f.key] as number;
  const parsed = formulasOf(form);
  const current = (scope: FieldScope, key: string): number | null =>
    scope === "current" && typeof out[key] === "number" ? (out[key] as number) : null;
  // Each pass resolves at least one field or stops: the schema refuses cycles.
  for (let pass = 0; pass < parsed.length; pass++) {
    let progressed = false;
    for (const p of parsed) {
      if (p.key in out) continue;
      const v = evaluateExpression(p.expr, current);
      if (v !== null) {
        out[p.key] = v;
        progressed = true;
      }
    }
    if (!progressed) break;
  }
  return out;
}

/**
 * The value of a rule-notation expression, each field read through `lookup` (which knows
 * the scopes: this period, last month, last year's 12-month report); null when a field it
 * needs has no value or it divides by zero. Exact on integers within 2^53.
 */
export function evaluateExpression(e: Expr, lookup: (scope: FieldScope, key: string) => number | null): number | null {
  switch (e.kind) {
    case "number":
      return e.value;
    case "field":
      return lookup(e.scope, e.key);
    case "negate": {
      const v = evaluateExpression(e.operand, lookup);
      return v === null ? null : -v;
    }
    case "binary": {
      const a = evaluateExpression(e.left, lookup);
      const b = evaluateExpression(e.right, lookup);
      if (a === null || b === null) return null;
      return e.op === "+" ? a + b : e.op === "-" ? a - b : e.op === "*" ? a * b : b === 0 ? null : a / b;
    }
    case "call": {
      const args: number[] = [];
      for (const x of e.args) {
        const v = evaluateExpression(x, lookup);
        if (v === null) return null;
        args.push(v);
      }
      if (e.name === "sum") return args.reduce((s, x) => s + x, 0);
      if (e.name === "min") return Math.min.apply(null, args);
      if (e.name === "max") return Math.max.apply(null, args);
      return Math.abs(args[0] as number);
    }
  }
}
