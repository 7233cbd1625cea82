/**
 * Applying a BlockStyle (layout.ts) through Office.js, shared by the form sheet and the
 * pulled report sheets: a constant handful of commands per block, never one per cell.
 */
import { boundingRect, columnLetters } from "../../../shared/a1";
import type { BlockStyle } from "./layout";

type Edge = "EdgeTop" | "EdgeBottom" | "EdgeLeft" | "EdgeRight" | "InsideVertical" | "InsideHorizontal";

/** `canMerge`: ExcelApi 1.2+ (gated on 1.7 like the rest of the layout features). */
export function applyBlockStyle(sheet: Excel.Worksheet, s: BlockStyle, canMerge: boolean): void {
  const r = sheet.getRange(s.address);
  const rect = boundingRect([s.address]);
  const multiColumn = rect !== null && rect.right > rect.left;
  const multiCell = rect !== null && (multiColumn || rect.bottom > rect.top);
  const merged = s.merge === true && multiCell && canMerge;
  if (merged) r.merge(false);
  const fmt = r.format;
  if (s.fontName !== undefined) fmt.font.name = s.fontName;
  if (s.size !== undefined) fmt.font.size = s.size;
  if (s.bold !== undefined) fmt.font.bold = s.bold;
  if (s.italic !== undefined) fmt.font.italic = s.italic;
  if (s.fontColor !== undefined) fmt.font.color = s.fontColor;
  if (s.fill !== undefined) fmt.fill.color = s.fill;
  if (s.hAlign !== undefined) {
    // ExcelApi 1.1 cannot merge; "centre across selection" looks the same for one-row blocks.
    fmt.horizontalAlignment =
      s.merge === true && !merged && multiColumn && s.hAlign === "Center" ? "CenterAcrossSelection" : s.hAlign;
  }
  if (s.vAlign !== undefined) fmt.verticalAlignment = s.vAlign;
  // Wrapping an unmerged multi-column block would wrap each narrow cell: let the text overflow
  // instead. A block of separate cells (a header row) asks for `wrapCells` and wraps each one.
  if ((s.wrap === true && (merged || !multiColumn)) || s.wrapCells === true) fmt.wrapText = true;
  if (s.border !== undefined && rect !== null) {
    // String names rather than the Excel.BorderIndex enum: fewer globals for a stub host to define.
    const edges: Edge[] = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight"];
    if (s.border === "grid" && multiColumn) edges.push("InsideVertical");
    if (s.border === "grid" && rect.bottom > rect.top) edges.push("InsideHorizontal");
    for (const e of edges) {
      const b = fmt.borders.getItem(e);
      b.style = "Continuous";
      b.weight = "Thin";
    }
  }
}

export function columnSpan(first: number, last: number): string {
  return columnLetters(first) + ":" + columnLetters(last);
}

/** Column widths as few writes as possible: one per run of equal widths (ExcelApi 1.2+). */
export function applyColumnWidths(sheet: Excel.Worksheet, widths: readonly number[]): void {
  let start = 0;
  for (let i = 1; i <= widths.length; i++) {
    if (i < widths.length && widths[i] === widths[start]) continue;
    sheet.getRange(columnSpan(start + 1, i)).format.columnWidth = widths[start] as number;
    start = i;
  }
}
