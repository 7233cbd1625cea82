import type { Expr } from "../rules/ast";
import { parseRule } from "../rules/parser";
import type { FormDefinition } from "./types";

/**
 * The derived fields of a form (tổng số thụ lý, phải thi hành, có điều kiện…) computed from
 * the inputs by the definition's own formulas, exactly, in dependency order: what the sheet's
 * Excel formulas compute, for demo data and test scenarios that must satisfy every identity.
 * A derived field whose inputs are missing stays missing.
 */
export function deriveValues(form: FormDefinition, inputs: Readonly<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of form.fields) if (f.kind === "input" && typeof inputs[f.key] === "number") out[f.key] = inputs[f.key] as number;
  const pending = form.fields.filter((f) => f.kind === "derived" && f.formula);
  const parsed = pending.map((f) => ({ key: f.key, expr: parseRule("{" + f.key + "} = " + (f.formula as string)).right }));
  // Each pass resolves at least one field or stops: the schema refuses cycles.
  for (let pass = 0; pass < parsed.length; pass++) {
    let progressed = false;
    for (const p of parsed) {
      if (p.key in out) continue;
      const v = evaluate(p.expr, out);
      if (v !== null) {
        out[p.key] = v;
        progressed = true;
      }
    }
    if (!progressed) break;
  }
  return out;
}

function evaluate(e: Expr, values: Readonly<Record<string, number>>): number | null {
  switch (e.kind) {
    case "number":
      return e.value;
    case "field":
      return e.scope === "current" && typeof values[e.key] === "number" ? (values[e.key] as number) : null;
    case "negate": {
      const v = evaluate(e.operand, values);
      return v === null ? null : -v;
    }
    case "binary": {
      const a = evaluate(e.left, values);
      const b = evaluate(e.right, values);
      if (a === null || b === null) return null;
      return e.op === "+" ? a + b : e.op === "-" ? a - b : e.op === "*" ? a * b : b === 0 ? null : a / b;
    }
    case "call": {
      const args: number[] = [];
      for (const x of e.args) {
        const v = evaluate(x, values);
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
