import type { FieldRef } from "../findings";
import type { Comparison, Expr } from "./ast";
import { parseRule } from "./parser";
import type { CompiledRule, MissingStrategy, RuleDefinition } from "./types";

const STRATEGIES: readonly MissingStrategy[] = ["zero", "skip", "error"];

function collect(e: Expr, out: FieldRef[]): void {
  switch (e.kind) {
    case "number":
      return;
    case "field":
      for (const r of out) if (r.scope === e.scope && r.key === e.key) return;
      out.push({ scope: e.scope, key: e.key });
      return;
    case "negate":
      collect(e.operand, out);
      return;
    case "binary":
      collect(e.left, out);
      collect(e.right, out);
      return;
    case "call":
      for (const a of e.args) collect(a, out);
      return;
  }
}

export function fieldsOfComparison(c: Comparison): FieldRef[] {
  const out: FieldRef[] = [];
  collect(c.left, out);
  collect(c.right, out);
  return out;
}

/**
 * Parses the rule once. Throws RuleSyntaxError for a malformed expression and RangeError for
 * a negative or non-finite tolerance or an unknown missing-value strategy: rules are
 * configuration, so a bad one is a bug to surface at load time, not a finding for the clerk.
 */
export function compileRule(def: RuleDefinition): CompiledRule {
  const tolerance = def.tolerance ?? 0;
  if (!(tolerance >= 0) || !Number.isFinite(tolerance)) {
    throw new RangeError("Rule " + def.id + ": tolerance must be a finite number ≥ 0, got " + String(def.tolerance));
  }
  const missing = def.missing ?? "skip";
  if (STRATEGIES.indexOf(missing) < 0) {
    throw new RangeError("Rule " + def.id + ": unknown missing-value strategy " + String(def.missing));
  }
  const comparison = parseRule(def.expression);
  const fields = fieldsOfComparison(comparison);
  const currentKeys: string[] = [];
  for (const f of fields) if (f.scope === "current") currentKeys.push(f.key);
  const compiled: CompiledRule = {
    id: def.id,
    expression: def.expression,
    severity: def.severity,
    tolerance,
    missing,
    comparison,
    fields,
    currentKeys,
  };
  return def.description ? { ...compiled, description: def.description } : compiled;
}

/** Every field the rule reads (any period), deduplicated, in order of appearance. */
export function referencedFields(compiled: CompiledRule): FieldRef[] {
  const out: FieldRef[] = [];
  for (const f of compiled.fields) out.push({ scope: f.scope, key: f.key });
  return out;
}

export function isCompiledRule(rule: RuleDefinition | CompiledRule): rule is CompiledRule {
  return (rule as Partial<CompiledRule>).comparison !== undefined;
}
