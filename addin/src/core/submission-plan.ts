/**
 * Turning a validated sheet into what will be sent: the numbers, the warnings that need a
 * written explanation (the Worker refuses a warning without one), and a readable summary.
 */
import type { SubmissionRequest } from "../../../shared/api/schemas";
import type { Finding } from "../../../shared/findings";
import type { FormDefinition, SubmittedRow } from "../../../shared/forms/types";
import { formatPercent } from "../../../shared/format";
import { computeIndicator, headlineIndicator, targetedIndicator } from "../../../shared/rollup/indicators";
import { describeFinding } from "../../../shared/messages";
import { labelOf, rowShapeOf } from "../../../shared/forms/registry";
import type { FormValidation } from "../../../shared/validate";
import { summaryRows, type SummaryRow } from "../../../shared/reports/summary-rows";

export { summaryRows, type SummaryRow };

export interface WarningToExplain {
  ruleId: string;
  message: string;
}


export interface SubmissionPlan {
  unit: string;
  form: string;
  period: string;
  values: Record<string, number | null>;
  errors: Finding[];
  warnings: WarningToExplain[];
  rows: SummaryRow[];
  /** The completion rate these values give, "84,25%", or null when the base is zero/missing. */
  rate: string | null;
  /**
   * A collection's rows, sent with the unit's figures: a list's cases (the figures computed
   * from them), a breakdown's officers (adding up to the figures typed on the unit's row).
   */
  listRows?: SubmittedRow[];
}

export function planSubmission(form: FormDefinition, unit: string, period: string, checked: FormValidation, listRows?: SubmittedRow[]): SubmissionPlan {
  const vi = labelOf(form, "vi");
  const warnings: WarningToExplain[] = [];
  const seen: Record<string, true> = {};
  for (const f of checked.findings) {
    // Explanations are keyed by rule: one per warning rule, however many cells it touches.
    if (f.severity !== "warning" || !f.ruleId || seen[f.ruleId]) continue;
    seen[f.ruleId] = true;
    warnings.push({ ruleId: f.ruleId, message: describeFinding(f, vi).vi });
  }
  const rows = summaryRows(form, checked.values);
  return {
    unit,
    form: form.id,
    period,
    values: checked.values,
    errors: checked.findings.filter((f) => f.severity === "error"),
    warnings,
    rows,
    rate: completionRate(form, checked.values),
    ...(listRows ? { listRows } : {}),
  };
}

/**
 * The rate the receipt will state (the indicator targets are set on), from the values as typed:
 * the shared computation, one rounding, printed the shared way. The server's receipt is authoritative.
 */
export function completionRate(form: FormDefinition, values: Readonly<Record<string, number | null>>): string | null {
  const ind = targetedIndicator(form) || headlineIndicator(form);
  if (ind === null) return null;
  for (const k of ind.numerator.concat(ind.denominator)) if (typeof values[k] !== "number") return null;
  const rate = computeIndicator(ind, values, { missing: "zero" }).rate;
  return rate === null ? null : formatPercent(rate, ind.decimals);
}

/** Explanations still empty: the send button stays disabled until there are none. */
export function missingExplanations(plan: SubmissionPlan, explanations: Readonly<Record<string, string>>): string[] {
  return plan.warnings.filter((w) => !(explanations[w.ruleId] || "").replace(/^\s+|\s+$/g, "")).map((w) => w.ruleId);
}

export function buildRequest(
  plan: SubmissionPlan,
  id: string,
  explanations: Readonly<Record<string, string>>,
  baseRevision: number | null,
  reason = "",
): SubmissionRequest {
  const ex: Record<string, string> = {};
  for (const w of plan.warnings) {
    const text = (explanations[w.ruleId] || "").replace(/^\s+|\s+$/g, "");
    if (text) ex[w.ruleId] = text;
  }
  const req: SubmissionRequest = { id, unit: plan.unit, form: plan.form, period: plan.period, values: plan.values };
  if (plan.warnings.length > 0) req.explanations = ex;
  if (baseRevision !== null) req.baseRevision = baseRevision;
  if (plan.listRows) req.rows = plan.listRows;
  // A correction (báo cáo bổ sung) carries its written reason; the Worker refuses one without.
  const why = reason.replace(/^\s+|\s+$/g, "");
  if (why) req.reason = why;
  return req;
}

/** Rows named one by one in the preview and the receipt; beyond that, only how many. */
const ROWS_NAMED = 10;

/**
 * What a submission carries besides the figures, as the preview and the receipt say it:
 * "2 dòng Chấp hành viên: Nguyễn Văn An; Trần Thị Bình". Null for a form with one row per unit.
 */
export function rowsSentText(form: FormDefinition, rows: readonly SubmittedRow[] | undefined): string | null {
  const shape = rowShapeOf(form);
  if (shape.kind === "unit") return null;
  const n = rows ? rows.length : 0;
  const head = n + " dòng " + shape.rowLabel.vi;
  if (!rows || n === 0 || n > ROWS_NAMED) return head;
  return head + ": " + rows.map((r) => r.label).join("; ");
}
