/**
 * The sheets pulled for province and national staff are laid out once, in shared/reports,
 * for every surface (this pane, the Worker's .xlsx and CSV). Re-exported here for the pane.
 */
// Imported module by module, not from shared/reports/index.ts: the builders there are the Worker's.
export { REPORT_COLOURS, REPORT_FORMATS, rateAxis } from "../../../shared/reports/grid";
export type { ChartPlan, LineChartPlan, ConditionalPlan, ConditionalRule, FillRun, ReportKind, ReportLayout, Standing } from "../../../shared/reports/grid";
export { flagWords, layoutComparison, layoutComparisonDetails, layoutRollup, standingOf, summaryLines, verdictWords } from "../../../shared/reports/comparison/sheet";
export type { ComparisonSheetOptions, ReportSource } from "../../../shared/reports/comparison/sheet";
export { layoutCompleteness } from "../../../shared/reports/completeness/sheet";
export type { CompletenessSheetOptions } from "../../../shared/reports/completeness/sheet";
export { layoutTrend } from "../../../shared/reports/comparison/trend-sheet";
