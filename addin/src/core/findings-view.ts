/**
 * What the pane lists for each finding: the Vietnamese message from the shared message
 * table, both sides of the rule and their difference, and the cell to jump to.
 */
import type { Finding } from "../../../shared/findings";
import type { FormDefinition } from "../../../shared/forms/types";
import { labelOf } from "../../../shared/forms/registry";
import { describeFinding, formatRuleNumber } from "../../../shared/messages";
import { findingCellKey } from "./list-rows";

export interface FindingItem {
  finding: Finding;
  severity: Finding["severity"];
  /** The Vietnamese sentence (from shared/messages.ts, or the server's own). */
  message: string;
  /** "R1", "X5"...: what the clerk quotes when asking for help. */
  ruleLabel: string | null;
  left: string | null;
  right: string | null;
  difference: string | null;
  /**
   * The first field's key in the sheet's cell map and its cell, for "click to select": on a
   * collection's row, that row's cell ("r0.thi_hanh_xong"), not the unit's figure.
   */
  fieldKey: string | null;
  cell: string | null;
  fieldLabels: string[];
}

export function findingItems(
  form: FormDefinition,
  findings: readonly (Finding & { message?: { vi: string } })[],
  cells: Readonly<Record<string, string>> = {},
): FindingItem[] {
  const vi = labelOf(form, "vi");
  const items = findings.map((f): FindingItem => {
    const p = f.params;
    const key = findingCellKey(f);
    return {
      finding: f,
      severity: f.severity,
      message: f.message ? f.message.vi : describeFinding(f, vi).vi,
      ruleLabel: f.ruleId ? f.ruleId : null,
      left: typeof p.left === "number" ? formatRuleNumber(p.left) : null,
      right: typeof p.right === "number" ? formatRuleNumber(p.right) : null,
      difference: typeof p.difference === "number" ? formatRuleNumber(p.difference) : null,
      fieldKey: key,
      cell: key !== null && cells[key] ? (cells[key] as string) : null,
      fieldLabels: f.fields.map(vi),
    };
  });
  // Errors first: they block sending; warnings only ask for an explanation.
  return items.filter((i) => i.severity === "error").concat(items.filter((i) => i.severity === "warning"));
}

/** "2 lỗi, 1 cảnh báo" / "Không có lỗi". */
export function findingsSummary(findings: readonly Finding[]): string {
  let e = 0;
  let w = 0;
  for (const f of findings) {
    if (f.severity === "error") e++;
    else w++;
  }
  if (e === 0 && w === 0) return "Không phát hiện lỗi nào.";
  const parts: string[] = [];
  if (e > 0) parts.push(e + " lỗi");
  if (w > 0) parts.push(w + " cảnh báo");
  return "Phát hiện " + parts.join(", ") + ".";
}
