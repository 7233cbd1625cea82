/**
 * The cell-map keys of a collection's rows (a list's cases, a breakdown's officers): "r3.so_tien"
 * is row 3's (from 0) cell of column or field so_tien, "r3.label" what names the row.
 */
export function listCellKey(index: number, column: string): string {
  return "r" + index + "." + column;
}

/** How many rows (cases or officers) a sheet has, from its cells ("r0.label" … "r<n-1>.label"). */
export function rowCapacity(cells: Readonly<Record<string, string>>): number {
  let n = 0;
  while (Object.prototype.hasOwnProperty.call(cells, listCellKey(n, "label"))) n++;
  return n;
}

/** The row index and column of a row cell's key, or null for a unit's field key. */
export function parseRowCellKey(key: string): { index: number; column: string } | null {
  const m = /^r([0-9]+)\.(.+)$/.exec(key);
  return m ? { index: Number(m[1]), column: m[2] as string } : null;
}
