import { cellAddress } from "../a1";
import type { FieldDefinition, FormDefinition, Regime } from "../forms/types";
import { reason, type Reason } from "./messages";
import { cellText, containsWords, isBlank, normalizeText, tokens } from "./normalize";

/**
 * Recognises one of the official forms in a sheet the clerk already has — last month's
 * workbook, in whatever layout the office uses — from the 2-D values Office.js returns
 * (`range.values`: numbers, strings, booleans; "" for an empty cell; a merged area's value
 * in its top-left cell only).
 *
 * The form is found by its title and by its row of column numbers (1, 2, 3, …); columns
 * are mapped by number first and by label second; what cannot be mapped with confidence is
 * reported, never guessed. Pure ES5-level TypeScript: it runs in the IE11 task pane.
 *
 * Rows and columns in the result are 0-based indices into `values`.
 */

export interface CellPosition {
  row: number;
  col: number;
}

export interface RecognizeOptions {
  /** ISO date (a period's last day): only definitions in force then are considered. */
  asOf?: string;
  /** Where values[0][0] sits on the sheet (0-based), so messages name real cells ("D12"). */
  origin?: CellPosition;
  /** How many rows above the column numbers may hold column labels (default 6). */
  maxHeaderRows?: number;
}

/** How a column was mapped: number and label agree, by number alone, by label alone. */
export type MatchSource = "number+label" | "number" | "label";

export interface ColumnMapping {
  field: string;
  col: number;
  by: MatchSource;
  /** The column's label as the sheet writes it (the lowest non-empty header cell). */
  header: string;
  number: number | null;
}

export interface UnmappedLabel {
  col: number;
  text: string;
  number: number | null;
  why: "unknown" | "ambiguous" | "conflict" | "duplicate";
}

export interface DataRow {
  row: number;
  /** Text left of the first mapped column: the unit's name, "Tổng cộng", … */
  label: string;
  kind: "unit" | "total";
}

export interface FormRecognition {
  recognised: true;
  form: FormDefinition;
  regime: Regime;
  /** Top-left cell of the form's table (its first header row). */
  anchor: CellPosition;
  title: CellPosition | null;
  numberRow: number | null;
  headerRows: { first: number; last: number };
  /** field key → column index. */
  columns: Record<string, number>;
  mappings: ColumnMapping[];
  dataRows: DataRow[];
  unmapped: { labels: UnmappedLabel[]; fields: string[] };
  /** 0–1: share of fields mapped, title and column numbers found, agreement of numbers and labels. */
  confidence: number;
  reasons: Reason[];
  /** Definitions with the same layout that the sheet could also be (other regimes). */
  alternatives: { formId: string; regime: Regime }[];
}

export interface NotRecognised {
  recognised: false;
  reasons: Reason[];
  candidates: { formId: string; regime: Regime; mapped: number; total: number }[];
}

export type RecognitionResult = FormRecognition | NotRecognised;

// ——— the grid ———

interface Grid {
  raw: unknown[][];
  norm: string[][];
  rows: number;
  cols: number;
}

function makeGrid(values: readonly (readonly unknown[])[]): Grid {
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

function at(g: Grid, r: number, c: number): unknown {
  const row = g.raw[r];
  return row ? row[c] : "";
}

function normAt(g: Grid, r: number, c: number): string {
  const row = g.norm[r];
  return row ? row[c] || "" : "";
}

function nonBlankCount(g: Grid, r: number): number {
  let n = 0;
  for (let c = 0; c < g.cols; c++) if (!isBlank(at(g, r, c))) n++;
  return n;
}

/** 1, "1", "(1)", "[1]", "1." → 1: how column numbers are written. */
function columnNumber(v: unknown): number | null {
  if (typeof v === "number") return v % 1 === 0 && v >= 1 && v <= 200 ? v : null;
  if (typeof v !== "string") return null;
  const m = /^\s*[([]?\s*(\d{1,3})\s*[)\].]?\s*$/.exec(v);
  return m ? parseInt(m[1] as string, 10) : null;
}

/** "A", "(B)": how the text columns are marked in the row of column numbers. */
function columnLetter(v: unknown): string | null {
  if (typeof v !== "string") return null;
  const m = /^\s*[([]?\s*([A-Z])\s*[)\]]?\s*$/.exec(v);
  return m ? (m[1] as string) : null;
}

interface NumberRow {
  row: number;
  numbers: { col: number; n: number }[];
}

/**
 * A row of column numbers: at least three small integers increasing left to right, nearly
 * consecutive (a clerk may have deleted a column or two), with nothing else in the row
 * except letters for the text columns.
 */
function findNumberRows(g: Grid): NumberRow[] {
  const found: NumberRow[] = [];
  for (let r = 0; r < g.rows; r++) {
    const numbers: { col: number; n: number }[] = [];
    let others = 0;
    let increasing = true;
    for (let c = 0; c < g.cols; c++) {
      const v = at(g, r, c);
      if (isBlank(v)) continue;
      const n = columnNumber(v);
      if (n !== null) {
        const prev = numbers[numbers.length - 1];
        if (prev && n <= prev.n) increasing = false;
        numbers.push({ col: c, n });
      } else if (columnLetter(v) === null) {
        others++;
      }
    }
    const first = numbers[0];
    const last = numbers[numbers.length - 1];
    if (!first || !last || numbers.length < 3 || !increasing || others > 1) continue;
    if (first.n > 3 || last.n - first.n + 1 - numbers.length > 2) continue;
    found.push({ row: r, numbers });
  }
  return found;
}

// ——— labels ———

const STOP: Record<string, true> = {
  so: true, viec: true, tien: true, tong: true, cong: true, thi: true, hanh: true, an: true, trong: true, do: true,
  cac: true, va: true, theo: true, nghin: true, dong: true, cua: true, da: true, duoc: true, la: true,
};

/** Header words that name no field by themselves: they need the parent header above them. */
const GENERIC: Record<string, true> = {
  "tong so": true, tong: true, cong: true, "tong cong": true, "trong do": true, "so viec": true, "so tien": true,
  viec: true, tien: true, "so luong": true,
};

const DERIVED_WORDS = ["ty le", "chi tieu", "so voi", "tang giam", "binh quan", "xep hang"];

function contentTokens(norm: string): string[] {
  const out: string[] = [];
  const all = tokens(norm);
  for (let i = 0; i < all.length; i++) if (!STOP[all[i] as string]) out.push(all[i] as string);
  return out;
}

interface FieldIndex {
  field: FieldDefinition;
  norm: string;
  content: string[];
}

interface LabelMatcher {
  fields: FieldIndex[];
  /** content token → keys of the fields whose label has it */
  owners: Record<string, string[]>;
}

function labelMatcher(form: FormDefinition): LabelMatcher {
  const fields: FieldIndex[] = [];
  const owners: Record<string, string[]> = {};
  for (let i = 0; i < form.fields.length; i++) {
    const field = form.fields[i] as FieldDefinition;
    const norm = normalizeText(field.label.vi);
    const content = contentTokens(norm);
    fields.push({ field, norm, content });
    for (let t = 0; t < content.length; t++) {
      const tok = content[t] as string;
      const list = owners[tok] || (owners[tok] = []);
      if (list.indexOf(field.key) < 0) list.push(field.key);
    }
  }
  return { fields, owners };
}

type LabelMatch =
  | { kind: "field"; key: string; strength: 1 | 2 | 3 }
  | { kind: "ambiguous"; keys: string[] }
  | { kind: "none" };

const NONE: LabelMatch = { kind: "none" };

/**
 * Strength 3: the label itself; 2: the label inside longer text ("Trong đó: Thi hành xong");
 * 1: a shortened label ("Đình chỉ") or its distinctive words ("Hoãn thi hành án").
 */
function matchLabel(m: LabelMatcher, text: string): LabelMatch {
  let t = text;
  if (t.indexOf("trong do ") === 0) t = t.slice(9);
  if (t === "" || GENERIC[t]) return NONE;
  // "Tỷ lệ thi hành xong (%)", "So với chỉ tiêu": a quantity computed from a field, not the field.
  for (let i = 0; i < DERIVED_WORDS.length; i++) if (containsWords(t, DERIVED_WORDS[i] as string)) return NONE;
  const exact: string[] = [];
  for (let i = 0; i < m.fields.length; i++) if ((m.fields[i] as FieldIndex).norm === t) exact.push((m.fields[i] as FieldIndex).field.key);
  if (exact.length === 1) return { kind: "field", key: exact[0] as string, strength: 3 };
  if (exact.length > 1) return { kind: "ambiguous", keys: exact };

  let longest = 0;
  let within: string[] = [];
  for (let i = 0; i < m.fields.length; i++) {
    const f = m.fields[i] as FieldIndex;
    if (!containsWords(t, f.norm)) continue;
    if (f.norm.length > longest) {
      longest = f.norm.length;
      within = [f.field.key];
    } else if (f.norm.length === longest) within.push(f.field.key);
  }
  if (within.length === 1) return { kind: "field", key: within[0] as string, strength: 2 };
  if (within.length > 1) return { kind: "ambiguous", keys: within };

  const content = contentTokens(t);
  if (content.length === 0) return NONE;
  if (tokens(t).length >= 2 || t.length >= 4) {
    const shortened: string[] = [];
    for (let i = 0; i < m.fields.length; i++) if (containsWords((m.fields[i] as FieldIndex).norm, t)) shortened.push((m.fields[i] as FieldIndex).field.key);
    if (shortened.length === 1) return { kind: "field", key: shortened[0] as string, strength: 1 };
    if (shortened.length > 1) return { kind: "ambiguous", keys: shortened };
  }

  // Distinctive words: most of the text's words belong to one label, including at least
  // one word no other label of the form has.
  let best: string[] = [];
  let bestCover = 0;
  for (let i = 0; i < m.fields.length; i++) {
    const f = m.fields[i] as FieldIndex;
    let overlap = 0;
    let distinctive = false;
    for (let k = 0; k < content.length; k++) {
      const tok = content[k] as string;
      if (f.content.indexOf(tok) < 0) continue;
      overlap++;
      const owners = m.owners[tok];
      if (owners && owners.length === 1) distinctive = true;
    }
    const cover = overlap / content.length;
    if (!distinctive || cover < 0.6) continue;
    if (cover > bestCover) {
      bestCover = cover;
      best = [f.field.key];
    } else if (cover === bestCover) best.push(f.field.key);
  }
  if (best.length === 1) return { kind: "field", key: best[0] as string, strength: 1 };
  if (best.length > 1) return { kind: "ambiguous", keys: best };
  return NONE;
}

/**
 * Whether a label is a variant wording of a field's label ("Tổng thụ lý" for "Tổng số thụ
 * lý"): most of its words are that label's. "Số phải thu" numbered 1 is not "Tổng số thụ lý".
 */
function variantOf(m: LabelMatcher, text: string, key: string): boolean {
  const content = contentTokens(text);
  if (content.length === 0) return false;
  for (let i = 0; i < m.fields.length; i++) {
    const f = m.fields[i] as FieldIndex;
    if (f.field.key !== key) continue;
    let overlap = 0;
    for (let k = 0; k < content.length; k++) if (f.content.indexOf(content[k] as string) >= 0) overlap++;
    return overlap / content.length >= 0.6;
  }
  return false;
}

// ——— one candidate form ———

interface Header {
  first: number;
  last: number;
  numberRow: NumberRow | null;
}

function isTextRow(g: Grid, r: number): boolean {
  let text = 0;
  for (let c = 0; c < g.cols; c++) {
    const v = at(g, r, c);
    if (isBlank(v)) continue;
    if (typeof v !== "string" || columnNumber(v) !== null) return false;
    text++;
  }
  return text >= 2;
}

function headerAbove(g: Grid, last: number, limit: number, stopAt: number): number {
  let first = last;
  while (first - 1 >= 0 && first - 1 > stopAt && last - (first - 1) < limit && isTextRow(g, first - 1)) first--;
  return first;
}

interface Candidate {
  form: FormDefinition;
  header: Header;
  mappings: ColumnMapping[];
  unmappedLabels: UnmappedLabel[];
  unmappedFields: string[];
  offset: number;
  score: number;
  agreeing: number;
  labelled: number;
  columnReasons: Reason[];
}

interface Context {
  grid: Grid;
  numberRows: NumberRow[];
  titleRow: number;
  maxHeaderRows: number;
  cell: (r: number, c: number) => string;
}

function rowLabelScore(g: Grid, m: LabelMatcher, r: number): number {
  let n = 0;
  for (let c = 0; c < g.cols; c++) {
    const t = normAt(g, r, c);
    if (t !== "" && matchLabel(m, t).kind === "field") n++;
  }
  return n;
}

function findHeader(ctx: Context, m: LabelMatcher): Header | null {
  const g = ctx.grid;
  const nr = ctx.numberRows[0];
  if (nr) {
    let last = nr.row - 1;
    if (last >= 0 && nonBlankCount(g, last) === 0) last--; // one blank row between labels and numbers
    if (last < 0 || last <= ctx.titleRow) return { first: nr.row, last: nr.row - 1, numberRow: nr };
    return { first: headerAbove(g, last, ctx.maxHeaderRows, ctx.titleRow), last, numberRow: nr };
  }
  let best = -1;
  let bestScore = 1;
  for (let r = 0; r < g.rows; r++) {
    const s = rowLabelScore(g, m, r);
    if (s > bestScore) {
      best = r;
      bestScore = s;
    }
  }
  if (best < 0) return null;
  let last = best;
  while (last + 1 < g.rows && isTextRow(g, last + 1) && rowLabelScore(g, m, last + 1) >= 1) last++;
  return { first: headerAbove(g, last, ctx.maxHeaderRows, ctx.titleRow), last, numberRow: null };
}

function headerTexts(g: Grid, h: Header, c: number): { primary: string; composite: string; shown: string } {
  const parts: string[] = [];
  let shown = "";
  for (let r = h.first; r <= h.last; r++) {
    const t = normAt(g, r, c);
    if (t !== "") {
      parts.push(t);
      shown = cellText(at(g, r, c)).replace(/\s+/g, " ").replace(/^\s+|\s+$/g, "");
    }
  }
  return { primary: parts.length ? (parts[parts.length - 1] as string) : "", composite: parts.join(" "), shown };
}

const SOURCE_RANK: Record<MatchSource, number> = { "number+label": 3, number: 2, label: 1 };

function evaluate(ctx: Context, form: FormDefinition): Candidate | null {
  const g = ctx.grid;
  const m = labelMatcher(form);
  const header = findHeader(ctx, m);
  if (!header) return null;
  const nr = header.numberRow;
  const byColumn: Record<number, FieldDefinition> = {};
  for (let i = 0; i < form.fields.length; i++) {
    const f = form.fields[i] as FieldDefinition;
    if (f.column !== null) byColumn[f.column] = f;
  }
  const numberOf: Record<number, number> = {};
  const letterCols: Record<number, true> = {};
  if (nr) {
    for (let i = 0; i < nr.numbers.length; i++) numberOf[(nr.numbers[i] as { col: number }).col] = (nr.numbers[i] as { n: number }).n;
    for (let c = 0; c < g.cols; c++) if (columnLetter(at(g, nr.row, c)) !== null) letterCols[c] = true;
  }

  interface Col {
    col: number;
    shown: string;
    label: LabelMatch;
    number: number | null;
  }
  const cols: Col[] = [];
  for (let c = 0; c < g.cols; c++) {
    const h = headerTexts(g, header, c);
    let label = matchLabel(m, h.primary);
    if (label.kind === "none" && h.composite !== h.primary) label = matchLabel(m, h.composite);
    const n = numberOf[c];
    if (h.shown === "" && n === undefined) continue;
    cols.push({ col: c, shown: h.shown, label, number: n === undefined ? null : n });
  }

  // The clerk may number the text columns too (STT = 1, Đơn vị = 2): a constant difference
  // between the numbers and what the labels say is an offset, not a conflict.
  let offset = 0;
  const diffs: Record<string, number> = {};
  for (let i = 0; i < cols.length; i++) {
    const x = cols[i] as Col;
    if (x.number === null || x.label.kind !== "field" || x.label.strength < 2) continue;
    const f = fieldOf(form, x.label.key);
    if (!f || f.column === null) continue;
    const d = String(f.column - x.number);
    diffs[d] = (diffs[d] || 0) + 1;
  }
  let bestCount = 0;
  for (const d in diffs) {
    const count = diffs[d] as number;
    if (count > bestCount || (count === bestCount && d === "0")) {
      bestCount = count;
      offset = parseInt(d, 10);
    }
  }
  if (bestCount < 2 || (diffs["0"] || 0) >= bestCount) offset = 0;

  const mappings: ColumnMapping[] = [];
  const unmappedLabels: UnmappedLabel[] = [];
  const columnReasons: Reason[] = [];
  const labelOfKey = (key: string) => (fieldOf(form, key) || { label: { vi: key, en: key } }).label;
  for (let i = 0; i < cols.length; i++) {
    const x = cols[i] as Col;
    const numField = x.number !== null ? byColumn[x.number + offset] : undefined;
    const lab = x.label;
    const map = (field: string, by: MatchSource) => mappings.push({ field, col: x.col, by, header: x.shown, number: x.number });
    const unmapped = (why: UnmappedLabel["why"]) => unmappedLabels.push({ col: x.col, text: x.shown, number: x.number, why });
    if (lab.kind === "field" && numField) {
      if (lab.key === numField.key) map(lab.key, "number+label");
      else if (lab.strength === 1) map(numField.key, "number"); // a weak reading of the label yields to the number
      else {
        unmapped("conflict");
        columnReasons.push(reason("column_conflict", {
          cell: ctx.cell(header.last, x.col), text: x.shown, number: x.number as number,
          numberLabel: numField.label.vi, labelLabel: labelOfKey(lab.key).vi,
        }));
      }
    } else if (lab.kind === "field") {
      if (lab.strength >= 2 || x.number === null) map(lab.key, "label");
      else unmapped("unknown");
    } else if (numField) {
      const t = normalizeText(x.shown);
      if (t === "" || GENERIC[t] || (lab.kind === "ambiguous" && lab.keys.indexOf(numField.key) >= 0) || variantOf(m, t, numField.key)) {
        map(numField.key, "number");
      } else {
        unmapped("conflict");
        columnReasons.push(reason("column_conflict", {
          cell: ctx.cell(header.last, x.col), text: x.shown, number: x.number as number,
          numberLabel: numField.label.vi, labelLabel: x.shown,
        }));
      }
    } else if (!letterCols[x.col]) {
      if (lab.kind === "ambiguous") {
        unmapped("ambiguous");
        const labels: string[] = [];
        for (let k = 0; k < lab.keys.length; k++) labels.push('"' + labelOfKey(lab.keys[k] as string).vi + '"');
        columnReasons.push(reason("label_ambiguous", { cell: ctx.cell(header.last, x.col), text: x.shown, labels: labels.join(", ") }));
      } else unmapped("unknown");
    }
  }

  // One column per field: the best-supported one is kept.
  const kept: ColumnMapping[] = [];
  for (let i = 0; i < mappings.length; i++) {
    const mp = mappings[i] as ColumnMapping;
    let prior = -1;
    for (let k = 0; k < kept.length; k++) if ((kept[k] as ColumnMapping).field === mp.field) prior = k;
    if (prior < 0) {
      kept.push(mp);
      continue;
    }
    const other = kept[prior] as ColumnMapping;
    const winner = SOURCE_RANK[mp.by] > SOURCE_RANK[other.by] ? mp : other;
    const loser = winner === mp ? other : mp;
    kept[prior] = winner;
    unmappedLabels.push({ col: loser.col, text: loser.header, number: loser.number, why: "duplicate" });
    const label = labelOfKey(mp.field);
    columnReasons.push(reason("duplicate_column", {
      label: label.vi, labelEn: label.en, cells: ctx.cell(header.last, other.col) + ", " + ctx.cell(header.last, mp.col),
      kept: ctx.cell(header.last, winner.col),
    }));
  }
  kept.sort((a, b) => a.col - b.col);

  // Columns left of the first mapped one hold the row labels (STT, unit name): not unmapped.
  const firstCol = kept.length ? (kept[0] as ColumnMapping).col : 0;
  const labels: UnmappedLabel[] = [];
  for (let i = 0; i < unmappedLabels.length; i++) if ((unmappedLabels[i] as UnmappedLabel).col >= firstCol) labels.push(unmappedLabels[i] as UnmappedLabel);
  labels.sort((a, b) => a.col - b.col);
  const finalReasons: Reason[] = [];
  for (let i = 0; i < columnReasons.length; i++) {
    const rs = columnReasons[i] as Reason;
    const cell = String(rs.params.cell || "");
    let left = false;
    for (let k = 0; k < cols.length; k++) if ((cols[k] as Col).col < firstCol && ctx.cell(header.last, (cols[k] as Col).col) === cell) left = true;
    if (!left) finalReasons.push(rs);
  }
  for (let i = 0; i < labels.length; i++) {
    const u = labels[i] as UnmappedLabel;
    if (u.why === "unknown" && u.text !== "") finalReasons.push(reason("label_unmapped", { cell: ctx.cell(header.last, u.col), text: u.text }));
  }

  const mappedKeys: Record<string, true> = {};
  let agreeing = 0;
  let labelled = 0;
  let score = 0;
  for (let i = 0; i < kept.length; i++) {
    const mp = kept[i] as ColumnMapping;
    mappedKeys[mp.field] = true;
    if (mp.by === "number+label") agreeing++;
    if (mp.by !== "number") labelled++;
    score += mp.by === "number+label" ? 3 : mp.by === "number" ? 2 : 1.5;
  }
  const unmappedFields: string[] = [];
  for (let i = 0; i < form.fields.length; i++) {
    const key = (form.fields[i] as FieldDefinition).key;
    if (!mappedKeys[key]) unmappedFields.push(key);
  }
  let conflicts = 0;
  let unknown = 0;
  for (let i = 0; i < labels.length; i++) {
    if ((labels[i] as UnmappedLabel).why === "conflict") conflicts++;
    if ((labels[i] as UnmappedLabel).why === "unknown") unknown++;
  }
  score -= conflicts + 0.5 * unmappedFields.length + 0.25 * unknown;
  return { form, header, mappings: kept, unmappedLabels: labels, unmappedFields, offset, score, agreeing, labelled, columnReasons: finalReasons };
}

function fieldOf(form: FormDefinition, key: string): FieldDefinition | undefined {
  for (let i = 0; i < form.fields.length; i++) if ((form.fields[i] as FieldDefinition).key === key) return form.fields[i];
  return undefined;
}

// ——— title, regime, data rows ———

function findTitle(g: Grid, form: FormDefinition): CellPosition | null {
  const title = normalizeText(form.title.vi);
  for (let r = 0; r < g.rows; r++) for (let c = 0; c < g.cols; c++) if (containsWords(normAt(g, r, c), title)) return { row: r, col: c };
  return null;
}

function findCode(g: Grid, form: FormDefinition): boolean {
  const code = normalizeText(form.code);
  for (let r = 0; r < g.rows; r++) for (let c = 0; c < g.cols; c++) if (containsWords(normAt(g, r, c), code)) return true;
  return false;
}

/** "Thông tư 05/2024/TT-BTP" written on the sheet names the regime. */
function regimeMentioned(g: Grid, regime: Regime): boolean {
  const m = /^TT(\d\d)_(\d{4})$/.exec(regime);
  if (!m) return false;
  const needle = m[1] + " " + m[2] + " tt btp";
  for (let r = 0; r < g.rows; r++) for (let c = 0; c < g.cols; c++) if (containsWords(normAt(g, r, c), needle)) return true;
  return false;
}

export function regimeLabel(regime: Regime): string {
  const m = /^TT(\d\d)_(\d{4})$/.exec(regime);
  return m ? "Thông tư " + m[1] + "/" + m[2] + "/TT-BTP" : regime;
}

const TOTAL_LABELS = ["tong cong", "cong", "tong so", "tong", "toan tinh", "toan quoc", "tong toan tinh", "cong toan tinh"];

function isTotalLabel(norm: string): boolean {
  for (let i = 0; i < TOTAL_LABELS.length; i++) {
    const t = TOTAL_LABELS[i] as string;
    if (norm === t || norm.indexOf(t + " ") === 0) return t !== "tong" || norm === "tong";
  }
  return false;
}

function findDataRows(ctx: Context, forms: readonly FormDefinition[], best: Candidate, start: number): DataRow[] {
  const g = ctx.grid;
  const rows: DataRow[] = [];
  const firstCol = best.mappings.length ? (best.mappings[0] as ColumnMapping).col : 0;
  for (let r = start; r < g.rows; r++) {
    let isNumberRow = false;
    for (let i = 0; i < ctx.numberRows.length; i++) if ((ctx.numberRows[i] as NumberRow).row === r) isNumberRow = true;
    if (isNumberRow) break; // a second table begins
    let nonEmpty = 0;
    let numeric = 0;
    for (let i = 0; i < best.mappings.length; i++) {
      const v = at(g, r, (best.mappings[i] as ColumnMapping).col);
      if (isBlank(v)) continue;
      nonEmpty++;
      if (typeof v === "number") numeric++;
    }
    if (numeric === 0 && nonEmpty * 2 < best.mappings.length) {
      let title = false;
      for (let f = 0; f < forms.length; f++) {
        const t = normalizeText((forms[f] as FormDefinition).title.vi);
        for (let c = 0; c < g.cols; c++) if (containsWords(normAt(g, r, c), t)) title = true;
      }
      if (title && rows.length > 0) break;
      continue; // blank, a sub-heading, a note, the signatures
    }
    const parts: string[] = [];
    for (let c = 0; c < firstCol; c++) {
      const v = at(g, r, c);
      if (typeof v === "string" && !isBlank(v) && columnNumber(v) === null) parts.push(v.replace(/\s+/g, " ").replace(/^\s+|\s+$/g, ""));
    }
    const label = parts.join(" ");
    rows.push({ row: r, label, kind: isTotalLabel(normalizeText(label)) ? "total" : "unit" });
  }
  return rows;
}

/** "Mẫu số 03" written on a sheet that is not one of the known forms: worth telling the clerk. */
function otherFormCodes(g: Grid, pool: readonly FormDefinition[], cell: (r: number, c: number) => string): Reason[] {
  const known: Record<string, true> = {};
  for (let i = 0; i < pool.length; i++) known[(pool[i] as FormDefinition).id] = true;
  for (let r = 0; r < g.rows; r++) {
    for (let c = 0; c < g.cols; c++) {
      const m = /(^| )mau so (\d{1,2})( |$)/.exec(normAt(g, r, c));
      if (!m) continue;
      const id = (m[2] as string).length === 1 ? "0" + m[2] : (m[2] as string);
      if (!known[id]) return [reason("other_form_code", { text: cellText(at(g, r, c)).replace(/^\s+|\s+$/g, ""), cell: cell(r, c) })];
    }
  }
  return [];
}

// ——— entry points ———

function inForce(form: FormDefinition, date: string): boolean {
  return form.validFrom <= date && (form.validTo === null || date <= form.validTo);
}

export function recognizeForm(values: readonly (readonly unknown[])[], forms: readonly FormDefinition[], options: RecognizeOptions = {}): RecognitionResult {
  const grid = makeGrid(values);
  const origin = options.origin || { row: 0, col: 0 };
  const cell = (r: number, c: number) => cellAddress(origin.row + r + 1, origin.col + c + 1);
  let anything = false;
  for (let r = 0; r < grid.rows && !anything; r++) if (nonBlankCount(grid, r) > 0) anything = true;
  if (!anything) return { recognised: false, reasons: [reason("empty_sheet")], candidates: [] };
  const pool: FormDefinition[] = [];
  for (let i = 0; i < forms.length; i++) {
    const f = forms[i] as FormDefinition;
    if (!options.asOf || inForce(f, options.asOf)) pool.push(f);
  }
  if (pool.length === 0) return { recognised: false, reasons: [reason("no_forms")], candidates: [] };

  const numberRows = findNumberRows(grid);
  numberRows.sort((a, b) => b.numbers.length - a.numbers.length || a.row - b.row);

  interface Scored {
    cand: Candidate | null;
    form: FormDefinition;
    title: CellPosition | null;
    code: boolean;
    total: number;
  }
  const scored: Scored[] = [];
  for (let i = 0; i < pool.length; i++) {
    const form = pool[i] as FormDefinition;
    const title = findTitle(grid, form);
    const ctx: Context = { grid, numberRows, titleRow: title ? title.row : -1, maxHeaderRows: options.maxHeaderRows || 6, cell };
    const cand = evaluate(ctx, form);
    const code = findCode(grid, form);
    // A longer code found ("Mẫu số 01/TK-THA" over "Mẫu số 01") is the more specific evidence.
    const total = cand ? cand.score + (title ? 4 : 0) + (code ? 1 + normalizeText(form.code).length / 100 : 0) : -Infinity;
    scored.push({ cand, form, title, code, total });
  }
  scored.sort((a, b) => b.total - a.total);
  const candidates: NotRecognised["candidates"] = [];
  for (let i = 0; i < scored.length; i++) {
    const s = scored[i] as Scored;
    candidates.push({ formId: s.form.id, regime: s.form.regime, mapped: s.cand ? s.cand.mappings.length : 0, total: s.form.fields.length });
  }

  const top = scored[0] as Scored;
  const best = top.cand;
  const formName = (f: FormDefinition) => ({ vi: f.code + " (" + f.title.vi + ")", en: f.code + " (" + f.title.en + ")" });
  const notRecognised = (why: Reason[]): NotRecognised => {
    const ids: string[] = [];
    for (let i = 0; i < pool.length; i++) if (ids.indexOf("Mẫu số " + (pool[i] as FormDefinition).id) < 0) ids.push("Mẫu số " + (pool[i] as FormDefinition).id);
    const lead = [reason("not_recognised", { forms: ids.join(", ") })].concat(otherFormCodes(grid, pool, cell));
    return { recognised: false, reasons: lead.concat(why), candidates };
  };
  const needed = Math.max(3, Math.ceil(top.form.fields.length / 2));
  const tooFew = (mapped: number) =>
    reason("too_few_columns", { mapped, total: top.form.fields.length, needed, form: formName(top.form).vi, formEn: formName(top.form).en });
  if (!best) return notRecognised([tooFew(0)]);
  const failures: Reason[] = [];
  if (best.mappings.length < needed) failures.push(tooFew(best.mappings.length));
  else if (!top.title && best.labelled === 0) failures.push(reason("numbers_only"));
  // Another form id scoring the same cannot be told apart (definitions of other regimes with
  // the same id and layout are alternatives, settled below).
  const rivals: string[] = [];
  for (let i = 1; i < scored.length; i++) {
    const s = scored[i] as Scored;
    if (s.form.id !== top.form.id && s.total === top.total && rivals.indexOf(s.form.code) < 0) rivals.push(s.form.code);
  }
  if (failures.length === 0 && rivals.length > 0) failures.push(reason("ambiguous_form", { forms: [top.form.code].concat(rivals).join(", ") }));
  if (failures.length > 0) return notRecognised(failures.concat(best.columnReasons));

  // Same id and score: the same layout under several regimes.
  const same: Scored[] = [];
  for (let i = 0; i < scored.length; i++) {
    const s = scored[i] as Scored;
    if (s.form.id === top.form.id && s.total === top.total) same.push(s);
  }
  const reasons: Reason[] = [];
  let chosen = top;
  let mentioned: Scored | null = null;
  for (let i = 0; i < same.length; i++) if (!mentioned && regimeMentioned(grid, (same[i] as Scored).form.regime)) mentioned = same[i] as Scored;
  // "Mẫu số 01/TK-THA" is TT 06/2019's way of writing the code: the code alone names the regime.
  let codeDistinct = false;
  for (let i = 0; i < pool.length; i++) {
    const f = pool[i] as FormDefinition;
    if (top.code && f.id === top.form.id && normalizeText(f.code) !== normalizeText(top.form.code)) codeDistinct = true;
  }
  if (!mentioned && codeDistinct && same.length === 1) mentioned = top;
  if (mentioned) {
    chosen = mentioned;
    reasons.push(reason("regime_from_text", { regime: regimeLabel(chosen.form.regime) }));
  } else {
    same.sort((a, b) => (a.form.validFrom < b.form.validFrom ? 1 : a.form.validFrom > b.form.validFrom ? -1 : 0));
    chosen = same[0] as Scored;
    if (options.asOf) reasons.push(reason("regime_from_date", { regime: regimeLabel(chosen.form.regime), date: options.asOf }));
    else if (same.length > 1) {
      const alts: string[] = [];
      for (let i = 1; i < same.length; i++) alts.push(regimeLabel((same[i] as Scored).form.regime));
      reasons.push(reason("regime_assumed", { regime: regimeLabel(chosen.form.regime), alternatives: alts.join(", ") }));
    }
  }
  const cand = chosen.cand as Candidate;
  const form = chosen.form;

  if (chosen.title) reasons.push(reason("title_found", { text: cellText(at(grid, chosen.title.row, chosen.title.col)).replace(/\s+/g, " ").replace(/^\s+|\s+$/g, ""), cell: cell(chosen.title.row, chosen.title.col) }));
  else reasons.push(reason("title_missing", { title: form.title.vi }));
  const nr = cand.header.numberRow;
  if (nr) reasons.push(reason("number_row_found", { row: origin.row + nr.row + 1 }));
  else reasons.push(reason("number_row_missing"));
  if (cand.offset !== 0) reasons.push(reason("numbers_offset", { offset: cand.offset > 0 ? "+" + cand.offset : String(cand.offset) }));
  for (let i = 0; i < cand.columnReasons.length; i++) reasons.push(cand.columnReasons[i] as Reason);
  for (let i = 0; i < cand.unmappedFields.length; i++) {
    const f = fieldOf(form, cand.unmappedFields[i] as string) as FieldDefinition;
    reasons.push(reason("field_unmapped", { label: f.label.vi, labelEn: f.label.en, column: f.column === null ? "?" : f.column }));
  }

  const ctx: Context = { grid, numberRows, titleRow: chosen.title ? chosen.title.row : -1, maxHeaderRows: options.maxHeaderRows || 6, cell };
  const start = (nr ? nr.row : cand.header.last) + 1;
  const dataRows = findDataRows(ctx, pool, cand, start);
  if (dataRows.length === 0) reasons.push(reason("no_data_rows"));
  for (let i = 0; i < dataRows.length; i++) {
    const d = dataRows[i] as DataRow;
    if (d.kind === "total") reasons.push(reason("total_row", { row: origin.row + d.row + 1, text: d.label }));
  }

  const columns: Record<string, number> = {};
  for (let i = 0; i < cand.mappings.length; i++) columns[(cand.mappings[i] as ColumnMapping).field] = (cand.mappings[i] as ColumnMapping).col;
  let anchorCol = grid.cols;
  for (let r = cand.header.first; r <= (nr ? nr.row : cand.header.last); r++) {
    for (let c = 0; c < grid.cols; c++) if (!isBlank(at(grid, r, c))) {
      if (c < anchorCol) anchorCol = c;
      break;
    }
  }
  const alternatives: FormRecognition["alternatives"] = [];
  for (let i = 0; i < same.length; i++) {
    const s = same[i] as Scored;
    if (s !== chosen) alternatives.push({ formId: s.form.id, regime: s.form.regime });
  }
  let conflicts = 0;
  let unknown = 0;
  for (let i = 0; i < cand.unmappedLabels.length; i++) {
    const u = cand.unmappedLabels[i] as UnmappedLabel;
    if (u.why === "conflict" || u.why === "duplicate") conflicts++;
    else unknown++;
  }
  const mapped = cand.mappings.length;
  const confidence =
    0.6 * (mapped / form.fields.length) +
    (chosen.title ? 0.15 : 0) +
    (nr ? 0.15 : 0) +
    (mapped > 0 ? 0.1 * (cand.agreeing / mapped) : 0) -
    0.1 * conflicts -
    0.02 * unknown;
  return {
    recognised: true,
    form,
    regime: form.regime,
    anchor: { row: cand.header.first, col: anchorCol === grid.cols ? 0 : anchorCol },
    title: chosen.title,
    numberRow: nr ? nr.row : null,
    headerRows: { first: cand.header.first, last: nr ? nr.row : cand.header.last },
    columns,
    mappings: cand.mappings,
    dataRows,
    unmapped: { labels: cand.unmappedLabels, fields: cand.unmappedFields },
    confidence: Math.round(Math.max(0, Math.min(1, confidence)) * 100) / 100,
    reasons,
    alternatives,
  };
}

/**
 * The values of one recognised row, keyed by field, ready for validateForm: cells as they
 * are (a number typed as text stays text, so the clerk is told), empty cells as null,
 * unmapped fields absent (validateForm then reports them missing).
 */
export function toFormValues(values: readonly (readonly unknown[])[], recognition: FormRecognition, row: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const src = values[row] || [];
  for (const key in recognition.columns) {
    const col = recognition.columns[key] as number;
    const v = col < src.length ? src[col] : undefined;
    out[key] = isBlank(v) ? null : v;
  }
  return out;
}

/** Where each field of a row sits, for highlighting the cells a finding names. */
export function fieldCells(recognition: FormRecognition, row: number): Record<string, CellPosition> {
  const out: Record<string, CellPosition> = {};
  for (const key in recognition.columns) out[key] = { row, col: recognition.columns[key] as number };
  return out;
}
