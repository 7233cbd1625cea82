export type {
  ArithmeticOperator,
  Comparison,
  ComparisonOperator,
  Expr,
  FunctionName,
  PrintStyle,
} from "./ast";
export { CANONICAL_STYLE, COMPARISON_OPERATORS, FUNCTION_NAMES, printComparison, printExpression } from "./ast";
export { parseRule } from "./parser";
export { RuleSyntaxError } from "./syntax-errors";
export type { RuleSyntaxCode, RuleSyntaxParams } from "./syntax-errors";
export { compileRule, fieldsOfComparison, isCompiledRule, referencedFields } from "./compile";
export { evaluateRules } from "./evaluate";
export type {
  CompiledRule,
  EvaluationContext,
  EvaluationResult,
  MissingStrategy,
  RuleDefinition,
  SkipReason,
  SkippedRule,
} from "./types";
