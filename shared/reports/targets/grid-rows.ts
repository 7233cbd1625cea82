import { cellAt, findMeta, headerText, isBlank, KEY_HEADER, lastRowOf, locateColumns, type SheetGrid, type SheetMeta, type SheetProblem } from "../editable";
import { targetHeaders } from "./sheet";

/** A targets sheet found on a grid: its metadata, where each column is, and its rows with their keys. */
export interface TargetsGrid {
  meta: SheetMeta & { year: number };
  columns: Record<string, number>;
  rows: { row: number; key: string }[];
}

/**
 * Finds the sheet's metadata and columns (by their exact headers, so a moved column is still
 * read right) and the rows below the header that hold anything. A row without a key is kept
 * with key "" for the caller to judge (the targets sheet has no new rows; the units sheet does).
 */
export function locateTargetsGrid(grid: SheetGrid, problems: SheetProblem[]): TargetsGrid | null {
  const found = findMeta(grid);
  if (found === null || found.meta.kind !== "targets" || typeof found.meta.year !== "number") {
    problems.push({
      cell: null,
      vi: "Trang «" + grid.sheetName + "» không phải trang chỉ tiêu lấy từ THADS Thống kê (không có ô nhận dạng): hãy lấy trang chỉ tiêu bằng add-in hoặc trang /tai-ve rồi sửa trên trang đó.",
      en: 'Sheet "' + grid.sheetName + '" is not a targets sheet from THADS Thống kê (no identifying cell): pull the targets sheet with the add-in or /tai-ve and edit that one.',
    });
    return null;
  }
  const meta = found.meta as SheetMeta & { year: number };
  const expected: Record<string, string> = targetHeaders(meta.year);
  expected.key = KEY_HEADER;
  const columns = locateColumns(grid, meta.header, expected, problems);
  if (columns === null) return null;
  const rows: { row: number; key: string }[] = [];
  const last = lastRowOf(grid);
  const keyCol = columns.key as number;
  for (let r = meta.header + 1; r <= last; r++) {
    let any = false;
    for (const k of Object.keys(columns)) if (k !== "stt" && !isBlank(cellAt(grid, r, columns[k] as number))) any = true;
    if (!any) continue;
    rows.push({ row: r, key: headerText(cellAt(grid, r, keyCol)) });
  }
  return { meta, columns, rows };
}
