import { cellText, isBlank, normalizeText } from "./normalize";
import { columnToken } from "./numbers";

/** The sheet's values, padded to a rectangle, with each text cell's normalised form beside it. */
export interface Grid {
  raw: unknown[][];
  norm: string[][];
  rows: number;
  cols: number;
}

export function makeGrid(values: readonly (readonly unknown[])[]): Grid {
  const raw: unknown[][] = [];
  const norm: string[][] = [];
  let cols = 0;
  for (let r = 0; r < values.length; r++) {
    const row = values[r] || [];
    if (row.length > cols) cols = row.length;
  }
  for (let r = 0; r < values.length; r++) {
    const src = values[r] || [];
    const rawRow: unknown[] = [];
    const normRow: string[] = [];
    for (let c = 0; c < cols; c++) {
      const v = c < src.length ? src[c] : "";
      rawRow.push(v);
      normRow.push(typeof v === "string" ? normalizeText(v) : "");
    }
    raw.push(rawRow);
    norm.push(normRow);
  }
  return { raw, norm, rows: values.length, cols };
}

export function at(g: Grid, r: number, c: number): unknown {
  const row = g.raw[r];
  return row ? row[c] : "";
}

export function normAt(g: Grid, r: number, c: number): string {
  const row = g.norm[r];
  return row ? row[c] || "" : "";
}

/** A cell's text as the clerk sees it, on one line. */
export function shownAt(g: Grid, r: number, c: number): string {
  return oneLine(cellText(at(g, r, c)));
}

export function oneLine(s: string): string {
  return s.replace(/\s+/g, " ").replace(/^\s+|\s+$/g, "");
}

export function nonBlankCount(g: Grid, r: number): number {
  let n = 0;
  for (let c = 0; c < g.cols; c++) if (!isBlank(at(g, r, c))) n++;
  return n;
}

/** A row of header text: at least two text cells, no figures and no column numbers. */
export function isTextRow(g: Grid, r: number): boolean {
  let text = 0;
  for (let c = 0; c < g.cols; c++) {
    const v = at(g, r, c);
    if (isBlank(v)) continue;
    if (typeof v !== "string" || columnToken(v) !== null) return false;
    text++;
  }
  return text >= 2;
}
