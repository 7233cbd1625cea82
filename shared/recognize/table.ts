/**
 * Where the tables are on a sheet and what each column's header says: the row of column
 * numbers (in every usual notation), the header rows above it, merged labels carried over
 * the columns they span, and the Việc/Tiền sub-headers that say which unit a column counts.
 */
import { isBlank } from "./normalize";
import { at, isTextRow, nonBlankCount, normAt, oneLine, shownAt, type Grid } from "./grid";
import { labelText } from "./labels";
import { columnToken, readCellNumber, type ColumnToken } from "./numbers";
import { headerUnit, unitLine, type MoneyScale } from "./units";
import { ROW_LABEL_HEADERS } from "./vocabulary";

export interface NumberRow {
  row: number;
  numbers: { col: number; n: number }[];
  /** Columns marked with letters (A, B: the text columns). */
  letters: number[];
  notation: "arabic" | "roman" | "formula" | "mixed";
}

/**
 * A row of column numbers: at least three numbers increasing left to right, nearly
 * consecutive (a clerk may have deleted a column or two), with nothing else in the row but
 * letters for the text columns. Numbers may be written 1, "(1)", "Cột 1", "I", "1=2+3".
 */
export function numberRowAt(g: Grid, r: number, from = 0, to = g.cols - 1): NumberRow | null {
  const arabic: { col: number; n: number }[] = [];
  const roman: { col: number; n: number }[] = [];
  const letters: number[] = [];
  let others = 0;
  let formula = false;
  let texts = 0;
  for (let c = from; c <= to; c++) {
    const v = at(g, r, c);
    if (isBlank(v)) continue;
    const t: ColumnToken | null = columnToken(v);
    if (!t) {
      others++;
      continue;
    }
    if (typeof v === "string") texts++;
    if (t.kind === "arabic") {
      arabic.push({ col: c, n: t.n });
      if (t.formula) formula = true;
    } else if (t.kind === "roman") {
      roman.push({ col: c, n: t.n });
      // "I", "V", "X" are letters too.
      if (t.n === 1 || t.n === 5 || t.n === 10) letters.push(c);
    } else letters.push(c);
  }
  const pick = arabic.length >= 3 ? arabic : roman.length >= 3 ? roman : null;
  if (!pick || others > 1) return null;
  const first = pick[0] as { n: number };
  const last = pick[pick.length - 1] as { n: number };
  for (let i = 1; i < pick.length; i++) if ((pick[i] as { n: number }).n <= (pick[i - 1] as { n: number }).n) return null;
  if (first.n > 3 || last.n - first.n + 1 - pick.length > 2) return null;
  // Plain numbers 1, 2, 3 … in number cells could be a unit's figures; written as text or with
  // letters beside them they are a numbering. Three or more in a row of real numbers, starting
  // at 1 and without a gap, is a numbering too: no office reports 1, 2, 3, 4 … in every column.
  if (pick === arabic && texts === 0 && letters.length === 0 && !(first.n === 1 && last.n - first.n + 1 === pick.length && pick.length >= 4)) return null;
  const lettersKept: number[] = [];
  for (let i = 0; i < letters.length; i++) {
    let used = false;
    for (let k = 0; k < pick.length; k++) if ((pick[k] as { col: number }).col === letters[i]) used = true;
    if (!used) lettersKept.push(letters[i] as number);
  }
  return {
    row: r,
    numbers: pick,
    letters: lettersKept,
    notation: pick === roman ? "roman" : formula ? (texts === pick.length ? "formula" : "mixed") : "arabic",
  };
}

export function findNumberRows(g: Grid): NumberRow[] {
  const out: NumberRow[] = [];
  for (let r = 0; r < g.rows; r++) {
    const nr = numberRowAt(g, r);
    if (nr) out.push(nr);
  }
  return out;
}

/** A row saying nothing but units: the "Việc | Tiền | Việc | Tiền" row under merged labels. */
export function isUnitRow(g: Grid, r: number, from = 0, to = g.cols - 1): boolean {
  let units = 0;
  for (let c = from; c <= to; c++) {
    const v = at(g, r, c);
    if (isBlank(v)) continue;
    if (typeof v !== "string") return false;
    if (!headerUnit(v).unitOnly) return false;
    units++;
  }
  return units >= 2;
}

export interface HeaderBlock {
  first: number;
  /** Last header row (labels or the Việc/Tiền row), above the number row if there is one. */
  last: number;
  numberRow: NumberRow | null;
}

/** The row after the header: data starts here. */
export function headerEnd(b: HeaderBlock): number {
  return (b.numberRow ? b.numberRow.row : b.last) + 1;
}

export interface PathPart {
  row: number;
  /** Where the text is written: a merged label's top-left cell, left of this column. */
  col: number;
  raw: string;
  text: string;
  unitOnly: boolean;
}

export interface Column {
  col: number;
  /** Header texts top to bottom, merged labels included. */
  path: PathPart[];
  /** The texts that name something (unit-only words left out). */
  labels: PathPart[];
  /** The lowest label: what the column itself is called. */
  leaf: string;
  /** The same without what the sheet wrote in brackets ("Chưa có điều kiện (trừ số đã chuyển…)"). */
  leafPlain: string;
  /** The label above the leaf (a merged label over several columns), if any. */
  parent: PathPart | null;
  /** As the clerk reads it: "Có điều kiện thi hành › Thi hành xong". */
  shown: string;
  number: number | null;
  kind: "count" | "money" | null;
  scale: MoneyScale | null;
}

/**
 * Whether column c has header text below row r (within the block): merged labels are carried
 * right only over columns that have their own sub-headers.
 */
function hasBelow(g: Grid, c: number, r: number, last: number): boolean {
  for (let k = r + 1; k <= last; k++) if (!isBlank(at(g, k, c))) return true;
  return false;
}

export function tableSpan(g: Grid, b: HeaderBlock): { left: number; right: number } {
  let left = g.cols;
  let right = -1;
  const lastRow = b.numberRow ? b.numberRow.row : b.last;
  for (let r = b.first; r <= lastRow; r++) {
    for (let c = 0; c < g.cols; c++) {
      if (isBlank(at(g, r, c))) continue;
      if (c < left) left = c;
      if (c > right) right = c;
    }
  }
  return left > right ? { left: 0, right: -1 } : { left, right };
}

const EMBEDDED_NUMBER = /\(\s*(\d{1,3})\s*\)\s*$/;

export function buildColumns(g: Grid, b: HeaderBlock): Column[] {
  const span = tableSpan(g, b);
  const numberOf: Record<number, number> = {};
  if (b.numberRow) for (let i = 0; i < b.numberRow.numbers.length; i++) numberOf[(b.numberRow.numbers[i] as { col: number }).col] = (b.numberRow.numbers[i] as { n: number }).n;
  const out: Column[] = [];
  for (let c = span.left; c <= span.right; c++) {
    const path: PathPart[] = [];
    for (let r = b.first; r <= b.last; r++) {
      let src = -1;
      if (!isBlank(at(g, r, c))) src = c;
      else if (hasBelow(g, c, r, b.last)) {
        let p = c - 1;
        while (p >= span.left && isBlank(at(g, r, p))) p--;
        if (p >= span.left && hasBelow(g, p, r, b.last)) src = p;
      }
      if (src < 0) continue;
      const raw = shownAt(g, r, src);
      const u = headerUnit(raw);
      path.push({ row: r, col: src, raw, text: u.unitOnly ? "" : labelText(u.rest), unitOnly: u.unitOnly });
    }
    let kind: Column["kind"] = null;
    let scale: MoneyScale | null = null;
    const labels: PathPart[] = [];
    for (let i = 0; i < path.length; i++) {
      const p = path[i] as PathPart;
      const u = headerUnit(p.raw);
      if (u.kind !== null) kind = u.kind;
      if (u.scale !== null) scale = u.scale;
      if (!p.unitOnly && p.text !== "") labels.push(p);
    }
    const leafPart = labels.length ? (labels[labels.length - 1] as PathPart) : null;
    let number: number | null = numberOf[c] === undefined ? null : (numberOf[c] as number);
    let leaf = leafPart ? leafPart.text : "";
    if (leafPart && !b.numberRow) {
      // "Thụ lý mới (3)": the column's number written inside its label.
      const m = EMBEDDED_NUMBER.exec(leafPart.raw);
      if (m) {
        number = parseInt(m[1] as string, 10);
        leaf = labelText(leafPart.raw.replace(EMBEDDED_NUMBER, ""));
      }
    }
    const leafPlain = leafPart ? labelText(leafPart.raw.replace(/\([^)]*\)/g, " ").replace(/\[[^\]]*\]/g, " ")) : "";
    const shownParts: string[] = [];
    for (let i = 0; i < path.length; i++) shownParts.push((path[i] as PathPart).raw);
    if (path.length === 0 && number === null) continue;
    out.push({
      col: c,
      path,
      labels,
      leaf,
      leafPlain,
      parent: labels.length >= 2 ? (labels[labels.length - 2] as PathPart) : null,
      shown: oneLine(shownParts.join(" › ")),
      number,
      kind,
      scale,
    });
  }
  return out;
}

/**
 * Header blocks of every table on the sheet: above each row of column numbers, or around
 * rows whose cells name several fields of a form. `labelScore(r)` says how many fields a
 * row names; `stops` are rows a header never extends over (titles, unit lines).
 */
export function findHeaderBlocks(g: Grid, numberRows: NumberRow[], labelScore: (r: number) => number, stops: Record<number, true>, maxHeaderRows: number): HeaderBlock[] {
  const used: Record<number, true> = {};
  const blocks: HeaderBlock[] = [];
  const above = (last: number): number => {
    let first = last;
    while (first - 1 >= 0 && !stops[first - 1] && !used[first - 1] && last - (first - 1) < maxHeaderRows && (isTextRow(g, first - 1) || isUnitRow(g, first - 1))) first--;
    return first;
  };
  for (let i = 0; i < numberRows.length; i++) {
    const nr = numberRows[i] as NumberRow;
    if (used[nr.row]) continue;
    let last = nr.row - 1;
    if (last >= 0 && nonBlankCount(g, last) === 0) last--; // one blank row between labels and numbers
    let first = nr.row;
    if (last >= 0 && !stops[last] && !used[last] && (isTextRow(g, last) || isUnitRow(g, last))) first = above(last);
    else last = nr.row - 1;
    for (let r = first; r <= nr.row; r++) used[r] = true;
    blocks.push({ first, last: first > last ? nr.row - 1 : last, numberRow: nr });
  }
  for (let r = 0; r < g.rows; r++) {
    if (used[r] || stops[r] || !isTextRow(g, r) || labelScore(r) < 3) continue;
    let last = r;
    while (last + 1 < g.rows && !used[last + 1] && !stops[last + 1] && (isUnitRow(g, last + 1) || (isTextRow(g, last + 1) && labelScore(last + 1) >= 1))) last++;
    const first = above(r);
    for (let k = first; k <= last; k++) used[k] = true;
    blocks.push({ first, last, numberRow: null });
  }
  blocks.sort((a, b) => a.first - b.first);
  return blocks;
}

/** Cells stating a unit of measure ("Đơn vị tính: đồng"), by row. */
export function unitLines(g: Grid): { row: number; col: number; text: string; count: boolean; money: MoneyScale | null }[] {
  const out: { row: number; col: number; text: string; count: boolean; money: MoneyScale | null }[] = [];
  for (let r = 0; r < g.rows; r++) {
    for (let c = 0; c < g.cols; c++) {
      const v = at(g, r, c);
      if (typeof v !== "string" || normAt(g, r, c) === "") continue;
      const u = unitLine(v);
      if (u) out.push({ row: r, col: c, text: oneLine(v), count: u.count, money: u.money });
    }
  }
  return out;
}

/**
 * The columns at the table's left that name the rows (STT, the unit's name): by their header,
 * or because the rows below hold text there rather than figures. Every other column of the
 * table holds figures and is mapped or reported.
 */
export function rowLabelColumns(g: Grid, b: HeaderBlock, columns: Column[], end: number): Record<number, true> {
  const out: Record<number, true> = {};
  const start = headerEnd(b);
  const last = Math.min(end, start + 40);
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i] as Column;
    const header = c.leaf;
    let text = 0;
    let numbers = 0;
    let small = true;
    for (let r = start; r < last; r++) {
      const n = readCellNumber(at(g, r, c.col));
      if (n.kind === "text") text++;
      else if (n.kind === "number") {
        numbers++;
        if (n.value < 0 || n.value > 300 || n.value % 1 !== 0) small = false;
      }
    }
    const stt = header === "" || header === "stt" || header === "tt" || header === "so tt";
    if (ROW_LABEL_HEADERS[header] || text > numbers || (i === 0 && stt && small)) out[c.col] = true;
    else break;
  }
  return out;
}
