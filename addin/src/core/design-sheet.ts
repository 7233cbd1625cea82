/**
 * The design sheet as the pane reads it (issue 8 item 4): the active sheet's values, read in one
 * sync, put back on their sheet coordinates and handed to the shared reader
 * (shared/forms/design-sheet.ts), which builds the definition and puts every problem on its cell.
 */
import { readDesignSheet, type DesignCell, type DesignReading } from "../../../shared/forms/design-sheet";
import type { SheetValues } from "../excel/types";

/** The used range starts where the sheet's content starts; the reader counts from A1. */
export function readDesign(sheet: SheetValues): DesignReading {
  const grid: DesignCell[][] = [];
  for (let r = 0; r < sheet.origin.row; r++) grid.push([]);
  for (const line of sheet.values) {
    const row: DesignCell[] = [];
    for (let c = 0; c < sheet.origin.col; c++) row.push(null);
    for (const v of line) row.push(v === "" ? null : (v as DesignCell));
    grid.push(row);
  }
  return readDesignSheet(grid);
}
