import type { TargetState } from "../../api/sheets";
import { formatPercent } from "../../format";
import { COMPARISON_SYMBOLS } from "./sheet";

/**
 * A unit's own target as every surface prints it (the pane's preview, the download page's):
 * "≥ 84,70% (chính thức, QĐ 12/QĐ-CQLTHADS)", or "— (dùng chỉ tiêu kế thừa)" when it has none.
 */
export function targetWords(t: TargetState | null): string {
  if (t === null) return "— (dùng chỉ tiêu kế thừa)";
  return COMPARISON_SYMBOLS[t.comparison] + " " + formatPercent(t.targetPct) + " (" + (t.provisional ? "tạm giao" : "chính thức") + (t.decisionRef ? ", " + t.decisionRef : "") + ")";
}
