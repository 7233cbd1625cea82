import type { FieldScope, Finding } from "../findings";
import type { FormValues } from "../values";
import type { ArithmeticOperator, ComparisonOperator, Expr, FunctionName } from "./ast";
import { compileRule, isCompiledRule } from "./compile";
import type {
  CompiledRule,
  EvaluationContext,
  EvaluationResult,
  RuleDefinition,
  SkipReason,
} from "./types";

// Plain definitions are compiled on first use and remembered, because the add-in re-runs
// every rule on each cell change. A WeakMap lets unused definitions be collected.
const compiledCache = new WeakMap<RuleDefinition, CompiledRule>();

function toCompiled(rule: RuleDefinition | CompiledRule): CompiledRule {
  if (isCompiledRule(rule)) return rule;
  let compiled = compiledCache.get(rule);
  if (compiled === undefined) {
    compiled = compileRule(rule);
    compiledCache.set(rule, compiled);
  }
  return compiled;
}

/**
 * A value the rule can use, or null. Anything that is not a finite number counts as "no
 * value", the same way checkValues turns a bad cell into null after reporting it, so one bad
 * cell gives one finding rather than one per rule.
 */
function read(values: FormValues, key: string): number | null {
  if (!Object.prototype.hasOwnProperty.call(values, key)) return null;
  const v: unknown = values[key];
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

type Problem = { kind: "division_by_zero" } | { kind: "unsafe_integer"; value: number };

interface State {
  problem: Problem | null;
  lookup: (scope: FieldScope, key: string) => number;
}

function flag(st: State, p: Problem): number {
  if (st.problem === null) st.problem = p;
  return NaN;
}

/**
 * Sums of whole numbers must stay exact: nationally, money reaches 10^12 nghìn đồng and a
 * few of those summed or multiplied can pass 2^53, where doubles silently round. Rather
 * than compare a rounded number, the rule reports unsafe_integer.
 */
function exact(st: State, a: number, b: number, r: number): number {
  if (!Number.isFinite(r) || (Number.isInteger(a) && Number.isInteger(b) && !Number.isSafeInteger(r))) {
    return flag(st, { kind: "unsafe_integer", value: r });
  }
  return r;
}

function arithmetic(op: ArithmeticOperator, a: number, b: number, st: State): number {
  switch (op) {
    case "+":
      return exact(st, a, b, a + b);
    case "-":
      return exact(st, a, b, a - b);
    case "*":
      return exact(st, a, b, a * b);
    case "/":
      if (b === 0) return flag(st, { kind: "division_by_zero" });
      // A quotient is a ratio, not an amount: only overflow to Infinity is a problem.
      return Number.isFinite(a / b) ? a / b : flag(st, { kind: "unsafe_integer", value: a / b });
  }
}

function call(name: FunctionName, args: number[], st: State): number {
  switch (name) {
    case "sum": {
      let total = 0;
      for (const v of args) total = exact(st, total, v, total + v);
      return total;
    }
    case "min":
      return Math.min.apply(null, args);
    case "max":
      return Math.max.apply(null, args);
    case "abs":
      return Math.abs(args[0] ?? 0);
  }
}

function evaluate(e: Expr, st: State): number {
  switch (e.kind) {
    case "number":
      return e.value;
    case "field":
      return st.lookup(e.scope, e.key);
    case "negate":
      // 0 - x rather than -x, so that a zero never shows up as "-0" in a message.
      return 0 - evaluate(e.operand, st);
    case "binary": {
      const a = evaluate(e.left, st);
      const b = evaluate(e.right, st);
      return st.problem === null ? arithmetic(e.op, a, b, st) : NaN;
    }
    case "call": {
      const args: number[] = [];
      for (const arg of e.args) args.push(evaluate(arg, st));
      return st.problem === null ? call(e.name, args, st) : NaN;
    }
  }
}

/**
 * Ratios are doubles: 0.1 + 0.2 is not 0.3. When either side is not a whole number, a
 * relative slack far below any displayed decimal absorbs that noise; whole numbers are
 * compared exactly.
 */
function slackFor(left: number, right: number): number {
  if (Number.isInteger(left) && Number.isInteger(right)) return 0;
  return 1e-9 * Math.max(1, Math.abs(left), Math.abs(right));
}

function holds(op: ComparisonOperator, difference: number, tolerance: number): boolean {
  switch (op) {
    case "=":
      return Math.abs(difference) <= tolerance;
    case "≠":
      return Math.abs(difference) > tolerance;
    case "<":
      return difference < tolerance;
    case "≤":
      return difference <= tolerance;
    case ">":
      return difference > -tolerance;
    case "≥":
      return difference >= -tolerance;
  }
}

type Outcome = { finding: Finding } | { skip: SkipReason } | null;

function evaluateRule(rule: CompiledRule, ctx: EvaluationContext): Outcome {
  const scopes: Record<FieldScope, FormValues | null> = {
    current: ctx.values,
    prev_month: ctx.prevMonth ?? null,
    prev_year_final: ctx.prevYearFinal ?? null,
  };
  for (const f of rule.fields) {
    if (f.scope === "prev_month" && scopes.prev_month === null) return { skip: "no_prev_month" };
  }
  for (const f of rule.fields) {
    if (f.scope === "prev_year_final" && scopes.prev_year_final === null) return { skip: "no_prev_year_final" };
  }

  // Keys are prefixed with the scope, which also keeps a field named like an Object.prototype
  // member ("constructor") from reading the prototype.
  const resolved: Record<string, number> = {};
  const missingCurrent: string[] = [];
  let anyMissing = false;
  for (const f of rule.fields) {
    const source = scopes[f.scope];
    const v = source === null ? null : read(source, f.key);
    if (v === null) {
      anyMissing = true;
      if (f.scope === "current") missingCurrent.push(f.key);
    }
    resolved[f.scope + ":" + f.key] = v ?? 0;
  }
  if (anyMissing) {
    if (rule.missing === "skip") return { skip: "missing_value" };
    if (rule.missing === "error") {
      // Only current-period cells can be fixed by the clerk filling this report; a gap in an
      // earlier report was flagged when that report was checked, so the rule just steps aside.
      if (missingCurrent.length === 0) return { skip: "missing_value" };
      return {
        finding: {
          code: "missing_value",
          severity: rule.severity,
          ruleId: rule.id,
          fields: missingCurrent,
          params: { expression: rule.expression },
        },
      };
    }
  }

  const unsafe = (value: number): Outcome => ({
    finding: {
      code: "unsafe_integer",
      severity: "error",
      ruleId: rule.id,
      fields: rule.currentKeys.slice(),
      params: { value, expression: rule.expression },
    },
  });

  for (const f of rule.fields) {
    const v = resolved[f.scope + ":" + f.key] ?? 0;
    if (Number.isInteger(v) && !Number.isSafeInteger(v)) return unsafe(v);
  }

  const st: State = {
    problem: null,
    lookup: (scope, key) => resolved[scope + ":" + key] ?? 0,
  };
  const { left: leftExpr, op, right: rightExpr } = rule.comparison;
  const left = evaluate(leftExpr, st);
  const right = evaluate(rightExpr, st);
  const problem = st.problem as Problem | null;
  if (problem !== null) {
    return problem.kind === "division_by_zero" ? { skip: "division_by_zero" } : unsafe(problem.value);
  }
  const difference = left - right;
  if (!Number.isFinite(difference) || (Number.isInteger(left) && Number.isInteger(right) && !Number.isSafeInteger(difference))) {
    return unsafe(difference);
  }
  if (holds(op, difference, rule.tolerance + slackFor(left, right))) return null;
  return {
    finding: {
      code: "rule_violated",
      severity: rule.severity,
      ruleId: rule.id,
      fields: rule.currentKeys.slice(),
      params: {
        left,
        right,
        difference,
        operator: op,
        tolerance: rule.tolerance,
        expression: rule.expression,
      },
    },
  };
}

/**
 * Runs every rule against one report. Pure and total: data problems become findings or
 * skips, never exceptions. Only a malformed plain definition throws (RuleSyntaxError), which
 * compileRule would have thrown at load time anyway.
 */
export function evaluateRules(
  rules: readonly (RuleDefinition | CompiledRule)[],
  ctx: EvaluationContext,
): EvaluationResult {
  const result: EvaluationResult = { findings: [], skipped: [] };
  for (const r of rules) {
    const rule = toCompiled(r);
    const outcome = evaluateRule(rule, ctx);
    if (outcome === null) continue;
    if ("skip" in outcome) result.skipped.push({ ruleId: rule.id, reason: outcome.skip });
    else result.findings.push(outcome.finding);
  }
  return result;
}
