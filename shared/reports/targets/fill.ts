import { cellAddress } from "../../a1";
import type { Cell, ReportLayout } from "../grid";
import { asText } from "../grid";
import { cellAt, isBlank, textOf, type SheetGrid, type SheetProblem } from "../editable";
import { locateTargetsGrid } from "./grid-rows";

export interface CellWrite {
  row: number;
  col: number;
  address: string;
  value: Cell;
}

export interface FillResult {
  writes: CellWrite[];
  /** Rows filled. */
  filled: number;
  /** Rows with a target already (left as they are). */
  kept: number;
  /** Units without last year's result (a new unit without predecessors, or no report): left empty. */
  withoutResult: string[];
  problems: SheetProblem[];
}

/** "Không thấp hơn" / "không cao hơn": the non-strict form of whatever the row shows. */
function notWorse(symbol: string): string {
  return symbol === "<" || symbol === "≤" || symbol === "<=" ? "≤" : "≥";
}

/**
 * The start-of-year rule, "không thấp hơn chỉ tiêu đã đạt được của năm trước": every row without
 * a target of its own gets last year's result as a provisional target, compared with ≥ (≤ where
 * less is better). Rows that already have a target are left as they are. Computed from the sheet
 * itself (its last-year column), so the pane's button and a pre-filled download apply one rule.
 */
export function fillFromLastYear(grid: SheetGrid): FillResult {
  const problems: SheetProblem[] = [];
  const out: FillResult = { writes: [], filled: 0, kept: 0, withoutResult: [], problems };
  const g = locateTargetsGrid(grid, problems);
  if (g === null) return out;
  const c = g.columns as Record<string, number>;
  for (const { row } of g.rows) {
    const target = cellAt(grid, row, c.target as number);
    if (!isBlank(target)) {
      out.kept++;
      continue;
    }
    const result = cellAt(grid, row, c.lastResult as number);
    if (typeof result !== "number") {
      out.withoutResult.push(textOf(cellAt(grid, row, c.code as number)));
      continue;
    }
    const put = (col: number, value: Cell) => out.writes.push({ row, col, address: cellAddress(row, col), value });
    put(c.target as number, result);
    put(c.comparison as number, notWorse(textOf(cellAt(grid, row, c.comparison as number))));
    put(c.type as number, "Tạm giao");
    out.filled++;
  }
  return out;
}

/** The layout with some cells written over, as the pane writes them into Excel. */
export function applyWrites(layout: ReportLayout, writes: readonly CellWrite[]): ReportLayout {
  const values = layout.values.map((r) => r.slice());
  const contents = layout.contents.map((r) => r.slice());
  for (const w of writes) {
    (values[w.row - 1] as Cell[])[w.col - 1] = w.value;
    (contents[w.row - 1] as Cell[])[w.col - 1] = typeof w.value === "string" ? asText(w.value) : w.value;
  }
  return { ...layout, values, contents };
}
