import type { FieldRef, Finding, Severity } from "../findings";
import type { FormValues } from "../values";
import type { Comparison } from "./ast";

/**
 * zero: a missing value counts as 0;
 * skip: the rule is not evaluated (reported in `skipped`);
 * error: a `missing_value` finding naming the empty current-period fields.
 */
export type MissingStrategy = "zero" | "skip" | "error";

export interface RuleDefinition {
  /** e.g. "01.R1" */
  id: string;
  /** The rule notation, e.g. `{phai_thi_hanh} = {tong_thu_ly} - {uy_thac}`. */
  expression: string;
  severity: Severity;
  /** Absolute tolerance, default 0. */
  tolerance?: number;
  /** Default "skip". */
  missing?: MissingStrategy;
  description?: { vi: string; en: string };
}

/** A rule parsed once, with its defaults filled in. */
export interface CompiledRule {
  readonly id: string;
  readonly expression: string;
  readonly severity: Severity;
  readonly tolerance: number;
  readonly missing: MissingStrategy;
  readonly description?: { vi: string; en: string };
  readonly comparison: Comparison;
  /** Every field read, deduplicated, in order of appearance. */
  readonly fields: readonly FieldRef[];
  /** Keys of the current-period fields among them: the cells a finding highlights. */
  readonly currentKeys: readonly string[];
}

export interface EvaluationContext {
  values: FormValues;
  /** Same unit, previous month of the same statistical year; null in October. */
  prevMonth?: FormValues | null;
  /** The unit's 12-month report of the previous statistical year. */
  prevYearFinal?: FormValues | null;
}

export type SkipReason = "missing_value" | "no_prev_month" | "no_prev_year_final" | "division_by_zero";

export interface SkippedRule {
  ruleId: string;
  reason: SkipReason;
}

export interface EvaluationResult {
  findings: Finding[];
  skipped: SkippedRule[];
}
