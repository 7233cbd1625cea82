import type { Comparison } from "../../api/schemas";
import type { ReportLayout } from "../grid";
import { layoutComparison, layoutComparisonDetails, type ComparisonSheetOptions } from "./sheet";
import { layoutTrend } from "./trend-sheet";

/**
 * The sheets of a comparison, the same in the pane and the .xlsx: the comparison, its details
 * and, for a cumulative report, the trend through the statistical year. A month-end snapshot
 * or a week (collections of issue 8) has no path through the year, so no trend sheet.
 */
export function comparisonBook(c: Comparison, options: ComparisonSheetOptions): ReportLayout[] {
  const book = [layoutComparison(c, options), layoutComparisonDetails(c, options)];
  if ((c.definition.periodKind ?? "cumulative_month") === "cumulative_month") book.push(layoutTrend(c, options));
  return book;
}
