/**
 * What each row under a table's header is: a unit's figures, the total, a group's subtotal
 * (checked against the rows it heads), a "trong đó" breakdown, a comparison (cùng kỳ,
 * tăng/giảm), a row of column numbers, a Việc/Tiền sub-header, or text to skip. Only units
 * (and, flagged, totals) are ever offered as the row to send.
 */
import { reason, type Reason } from "./messages";
import { isBlank, normalizeText } from "./normalize";
import { at, oneLine, type Grid } from "./grid";
import { containsPhrase } from "./labels";
import { columnToken, groupNumber, readCellNumber } from "./numbers";
import { isUnitRow, numberRowAt } from "./table";
import { BREAKDOWN_STARTS, COMPARISON_WORDS, TOTAL_LABELS } from "./vocabulary";

export type RowKind = "unit" | "total" | "subtotal" | "breakdown" | "comparison";

export interface DataRow {
  row: number;
  /** Text left of the first figure column: the unit's name, "Tổng cộng", … */
  label: string;
  kind: RowKind;
  /** "I", "II": the group number in the STT column. */
  group?: string;
  /** For subtotals: whether the figures equal the sum of the rows the group heads. */
  checked?: boolean;
}

export interface RowScan {
  rows: DataRow[];
  reasons: Reason[];
}

function isTotalLabel(norm: string): boolean {
  for (let i = 0; i < TOTAL_LABELS.length; i++) {
    const t = TOTAL_LABELS[i] as string;
    if (norm === t || norm.indexOf(t + " ") === 0) return t !== "tong" || norm === "tong";
  }
  return false;
}

function startsWithAny(norm: string, starts: string[]): boolean {
  for (let i = 0; i < starts.length; i++) if (norm === starts[i] || norm.indexOf(starts[i] + " ") === 0) return true;
  return false;
}

function isComparison(norm: string): boolean {
  for (let i = 0; i < COMPARISON_WORDS.length; i++) if (containsPhrase(norm, COMPARISON_WORDS[i] as string)) return true;
  return false;
}

const BULLET = /^\s*([-+*\u2022\u2013]|[a-zđ]\)|[a-zđ]\.)\s*/;

/**
 * Rows from `start` (inclusive) to `end` (exclusive). `figureCols` are the table's figure
 * columns (every view's); cells left of the first are the row's label.
 */
export function scanRows(g: Grid, start: number, end: number, figureCols: number[], origin: { row: number }): RowScan {
  const rows: DataRow[] = [];
  const reasons: Reason[] = [];
  const firstCol = figureCols.length ? Math.min.apply(null, figureCols) : 0;
  const lastCol = figureCols.length ? Math.max.apply(null, figureCols) : 0;
  let inBreakdown = false;
  const sheetRow = (r: number) => origin.row + r + 1;
  for (let r = start; r < end; r++) {
    let nonEmpty = 0;
    let numeric = 0;
    let percent = 0;
    let signed = 0;
    for (let i = 0; i < figureCols.length; i++) {
      const v = at(g, r, figureCols[i] as number);
      if (isBlank(v)) continue;
      nonEmpty++;
      if (typeof v === "string" && /%\s*$/.test(v)) percent++;
      if (typeof v === "string" && /^\s*\+/.test(v)) signed++;
      const n = readCellNumber(v);
      if (n.kind === "number") numeric++;
    }
    // Labels: the text cells left of the figures; the STT cell may hold a group number.
    const parts: string[] = [];
    let group: string | null = null;
    for (let c = 0; c < firstCol; c++) {
      const v = at(g, r, c);
      if (isBlank(v)) continue;
      if (group === null && parts.length === 0) {
        const gn = groupNumber(v);
        if (gn !== null) {
          group = gn;
          continue;
        }
      }
      if (typeof v === "string" && columnToken(v) === null) parts.push(oneLine(v));
    }
    const label = parts.join(" ");
    const norm = normalizeText(label);

    const numbers = numberRowAt(g, r, firstCol, lastCol);
    if (numbers && label === "") {
      reasons.push(reason("column_numbers_row", { row: sheetRow(r), text: numberRowText(g, r, figureCols) }));
      continue;
    }
    if (isUnitRow(g, r, firstCol, lastCol)) {
      reasons.push(reason("subheader_row", { row: sheetRow(r), text: numberRowText(g, r, figureCols) }));
      continue;
    }
    if (numeric === 0 && nonEmpty * 2 < figureCols.length) {
      // Blank, a heading ("Trong đó:", "I. Các Phòng khu vực"), a note, the signatures.
      if (startsWithAny(norm, BREAKDOWN_STARTS)) inBreakdown = true;
      else if (norm !== "" && !BULLET.test(label)) inBreakdown = false;
      continue;
    }
    let kind: RowKind = "unit";
    if (startsWithAny(norm, BREAKDOWN_STARTS)) kind = "breakdown";
    else if (isComparison(norm) || (percent + signed > 0 && percent + signed >= numeric / 2)) kind = "comparison";
    else if (isTotalLabel(norm)) kind = "total";
    else if (inBreakdown && BULLET.test(label)) kind = "breakdown";
    if (kind !== "breakdown") inBreakdown = false;
    const d: DataRow = { row: r, label: group !== null && label === "" ? group : label, kind };
    if (group !== null) d.group = group;
    rows.push(d);
  }
  checkSubtotals(g, rows, figureCols, reasons, sheetRow);
  for (let i = 0; i < rows.length; i++) {
    const d = rows[i] as DataRow;
    const text = (d.group ? d.group + ". " : "") + d.label;
    if (d.kind === "total") reasons.push(reason("total_row", { row: sheetRow(d.row), text: d.label }));
    else if (d.kind === "breakdown") reasons.push(reason("breakdown_row", { row: sheetRow(d.row), text }));
    else if (d.kind === "comparison") reasons.push(reason("comparison_row", { row: sheetRow(d.row), text }));
  }
  return { rows, reasons };
}

function numberRowText(g: Grid, r: number, cols: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < cols.length && out.length < 4; i++) {
    const v = at(g, r, cols[i] as number);
    if (!isBlank(v)) out.push(oneLine(String(v)));
  }
  return out.join(" | ") + (out.length === 4 ? " | …" : "");
}

/**
 * Group rows (STT "I", "II") and totals-labelled rows in the middle of the list head the
 * unit rows after them (or sum those before them): where their figures equal that sum in
 * every column they are subtotals; where not, they are still not units, and the clerk is told.
 */
function checkSubtotals(g: Grid, rows: DataRow[], figureCols: number[], reasons: Reason[], sheetRow: (r: number) => number): void {
  let lastTotal = -1;
  for (let i = 0; i < rows.length; i++) if ((rows[i] as DataRow).kind === "total") lastTotal = i;
  for (let i = 0; i < rows.length; i++) {
    const d = rows[i] as DataRow;
    const middleTotal = d.kind === "total" && i < lastTotal;
    if (!(d.kind === "unit" && d.group !== undefined) && !middleTotal) continue;
    const members: DataRow[] = [];
    if (middleTotal) {
      for (let k = i - 1; k >= 0; k--) {
        const o = rows[k] as DataRow;
        if (o.kind === "total" || o.kind === "subtotal" || o.group !== undefined) break;
        if (o.kind === "unit") members.unshift(o);
      }
    } else {
      for (let k = i + 1; k < rows.length; k++) {
        const o = rows[k] as DataRow;
        if (o.kind === "total" || o.group !== undefined) break;
        if (o.kind === "unit") members.push(o);
      }
    }
    // A group with no rows under it is a unit numbered with a Roman numeral.
    if (members.length === 0) continue;
    const equal = sumsEqual(g, d, members, figureCols);
    d.kind = "subtotal";
    d.checked = equal;
    const text = (d.group ? d.group + ". " : "") + d.label;
    reasons.push(equal
      ? reason("subtotal_row", { row: sheetRow(d.row), text, members: members.length })
      : reason("subtotal_mismatch", { row: sheetRow(d.row), text, members: members.length }));
  }
}

function sumsEqual(g: Grid, d: DataRow, members: DataRow[], cols: number[]): boolean {
  let compared = 0;
  for (let i = 0; i < cols.length; i++) {
    const c = cols[i] as number;
    const own = readCellNumber(at(g, d.row, c));
    if (own.kind !== "number") continue;
    let sum = 0;
    for (let k = 0; k < members.length; k++) {
      const n = readCellNumber(at(g, (members[k] as DataRow).row, c));
      if (n.kind === "number") sum += n.value;
    }
    if (Math.abs(sum - own.value) > 1e-6 * Math.max(1, Math.abs(own.value))) return false;
    compared++;
  }
  return compared > 0;
}
