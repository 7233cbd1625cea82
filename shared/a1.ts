/**
 * A1 addresses as plain strings and rectangles. Pure and host-free: the add-in's layout and
 * Excel adapter, the in-memory workbook, the Worker's .xlsx sheets and the recogniser of
 * clerks' own sheets all use it, so they agree on what "B12:M12" means.
 */

/** 1-based row and column, as Excel numbers them. */
export interface CellPosition {
  row: number;
  column: number;
}

/** Inclusive 1-based bounds. */
export interface RangeRect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export const MAX_ROWS = 1048576;
export const MAX_COLUMNS = 16384;

/** 1 → "A", 27 → "AA", 16384 → "XFD". */
export function columnLetters(column: number): string {
  if (!(column >= 1 && column <= MAX_COLUMNS && Math.floor(column) === column)) {
    throw new RangeError("Invalid column number " + column);
  }
  let n = column;
  let out = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** "A" → 1, "aa" → 27; 0 for anything that is not column letters. */
export function columnNumber(letters: string): number {
  if (!/^[A-Za-z]{1,3}$/.test(letters)) return 0;
  let n = 0;
  const upper = letters.toUpperCase();
  for (let i = 0; i < upper.length; i++) n = n * 26 + (upper.charCodeAt(i) - 64);
  return n <= MAX_COLUMNS ? n : 0;
}

/** Row 12, column 3 → "C12". */
export function cellAddress(row: number, column: number): string {
  return columnLetters(column) + row;
}

/** Row 12, column 3 → "$C$12". */
export function absoluteCellAddress(row: number, column: number): string {
  return "$" + columnLetters(column) + "$" + row;
}

/** Drops a sheet prefix ("'Sheet 1'!B2" → "B2", "Sheet1!B2" → "B2"). */
export function stripSheet(address: string): string {
  const bang = address.lastIndexOf("!");
  return bang < 0 ? address : address.slice(bang + 1);
}

/** The sheet a prefix names ("'Nam''s'!B2" → "Nam's", "Sheet1!B2" → "Sheet1"); null without a prefix. */
export function sheetNameOf(address: string): string | null {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return null;
  const name = address.slice(0, bang);
  return name.charAt(0) === "'" ? name.slice(1, -1).split("''").join("'") : name;
}

const CELL_RE = /^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$/;
const ROW_RE = /^\$?([0-9]{1,7})$/;
const COLUMN_RE = /^\$?([A-Za-z]{1,3})$/;

/** "B12" or "$B$12" → { row: 12, column: 2 }; null otherwise. */
export function parseCellAddress(address: string): CellPosition | null {
  const m = CELL_RE.exec(stripSheet(address).trim());
  if (!m) return null;
  const column = columnNumber(m[1] as string);
  const row = Number(m[2]);
  if (column === 0 || row < 1 || row > MAX_ROWS) return null;
  return { row, column };
}

/**
 * "B12:M12", "B12", whole rows "12:14" and whole columns "B:D", with or without a sheet
 * prefix and `$` signs. Null for anything else (several areas included: split on "," first).
 */
export function parseRangeAddress(address: string): RangeRect | null {
  const body = stripSheet(address).trim();
  const parts = body.split(":");
  if (parts.length === 1) {
    const c = parseCellAddress(body);
    return c ? { top: c.row, left: c.column, bottom: c.row, right: c.column } : null;
  }
  if (parts.length !== 2) return null;
  const a = parts[0] as string;
  const b = parts[1] as string;
  const ca = parseCellAddress(a);
  const cb = parseCellAddress(b);
  if (ca && cb) {
    return {
      top: Math.min(ca.row, cb.row),
      left: Math.min(ca.column, cb.column),
      bottom: Math.max(ca.row, cb.row),
      right: Math.max(ca.column, cb.column),
    };
  }
  const ra = ROW_RE.exec(a);
  const rb = ROW_RE.exec(b);
  if (ra && rb) {
    const r1 = Number(ra[1]);
    const r2 = Number(rb[1]);
    if (r1 < 1 || r2 < 1 || r1 > MAX_ROWS || r2 > MAX_ROWS) return null;
    return { top: Math.min(r1, r2), left: 1, bottom: Math.max(r1, r2), right: MAX_COLUMNS };
  }
  const ka = COLUMN_RE.exec(a);
  const kb = COLUMN_RE.exec(b);
  if (ka && kb) {
    const c1 = columnNumber(ka[1] as string);
    const c2 = columnNumber(kb[1] as string);
    if (c1 === 0 || c2 === 0) return null;
    return { top: 1, left: Math.min(c1, c2), bottom: MAX_ROWS, right: Math.max(c1, c2) };
  }
  return null;
}

/** The A1 address of a rectangle: "B12" for one cell, "B12:M12" otherwise. */
export function rangeAddress(rect: RangeRect): string {
  const first = cellAddress(rect.top, rect.left);
  if (rect.top === rect.bottom && rect.left === rect.right) return first;
  return first + ":" + cellAddress(rect.bottom, rect.right);
}

export function rectsIntersect(a: RangeRect, b: RangeRect): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

/** The smallest rectangle holding every given cell or range; null for an empty or unparsable list. */
export function boundingRect(addresses: readonly string[]): RangeRect | null {
  let out: RangeRect | null = null;
  for (const a of addresses) {
    const r = parseRangeAddress(a);
    if (!r) return null;
    out = out
      ? {
          top: Math.min(out.top, r.top),
          left: Math.min(out.left, r.left),
          bottom: Math.max(out.bottom, r.bottom),
          right: Math.max(out.right, r.right),
        }
      : r;
  }
  return out;
}

/**
 * True when an address reported by Excel (possibly several areas separated by commas, with a
 * sheet prefix) touches any of the given cells. An address it cannot read counts as touching:
 * a missed re-check is worse than an extra one.
 */
export function addressTouches(reported: string, cells: readonly string[]): boolean {
  const targets: RangeRect[] = [];
  for (const c of cells) {
    const r = parseRangeAddress(c);
    if (r) targets.push(r);
  }
  for (const area of reported.split(",")) {
    const r = parseRangeAddress(area);
    if (!r) return true;
    for (const t of targets) if (rectsIntersect(r, t)) return true;
  }
  return false;
}

/** "'01 52-01 2025-12'!B12": the full address some APIs want (comments). Quotes are doubled. */
export function sheetQualified(sheetName: string, address: string): string {
  return "'" + sheetName.split("'").join("''") + "'!" + address;
}
