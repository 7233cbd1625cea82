import { cellAddress, columnLetters } from "../a1";
import type { FieldDefinition, FormDefinition, Regime } from "../forms/types";
import { reason, type Reason } from "./messages";
import { cellText, containsWords, isBlank, normalizeText } from "./normalize";
import { at, makeGrid, nonBlankCount, normAt, oneLine, type Grid } from "./grid";
import { labelMatcher, labelText, matchLabel, type LabelMatcher } from "./labels";
import { evaluate, type Candidate, type ColumnMapping, type ColumnReport, type UnmappedLabel } from "./mapping";
import { readCellNumber } from "./numbers";
import { scanRows, type DataRow } from "./rows";
import { buildColumns, findHeaderBlocks, findNumberRows, headerEnd, rowLabelColumns, unitLines, type Column, type HeaderBlock } from "./table";
import { SCALE_NAMES, type MoneyScale } from "./units";

/**
 * Recognises the official forms in a sheet the clerk already has — last month's workbook,
 * in whatever layout the office uses — from the 2-D values Office.js returns (`range.values`:
 * numbers, strings, booleans; "" for an empty cell; a merged area's value in its top-left
 * cell only). Every table on the sheet is found; a table whose columns split into Việc and
 * Tiền gives both forms.
 *
 * The rule: nothing is sent wrong without a word. What is certain is read; what is exact
 * but not as the form wants it (money in đồng, figures typed as text) is converted and said;
 * what the sheet leaves open is asked (`questions`: the clerk confirms each column); what
 * cannot be read exactly is refused (`blocking`, or a value the checks then reject).
 * Pure ES5-level TypeScript: it runs in the IE11 task pane.
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

export type { ColumnMapping, ColumnReport, ColumnStatus, MatchSource, UnmappedLabel } from "./mapping";
export type { DataRow, RowKind } from "./rows";
export type { MoneyScale } from "./units";

/** Where a money table's unit came from: stated on the sheet, in its headers, assumed, or chosen by the clerk. */
export interface MoneyUnit {
  scale: MoneyScale;
  source: "sheet" | "header" | "assumed" | "clerk";
  evidence?: string;
}

export interface TableRef {
  /** Which table of the sheet, top to bottom (0-based). */
  index: number;
  /** Stable within one reading of a sheet: header row, form and the columns' unit. */
  key: string;
  view: "count" | "money" | "all";
}

export interface FormRecognition {
  recognised: true;
  form: FormDefinition;
  regime: Regime;
  table: TableRef;
  origin: CellPosition;
  /** Top-left cell of the form's table (its first header row). */
  anchor: CellPosition;
  title: CellPosition | null;
  numberRow: number | null;
  headerRows: { first: number; last: number };
  /** field key → column index (the first column, for a field summed over several). */
  columns: Record<string, number>;
  /** field key → the columns summed into it. */
  sums: Record<string, number[]>;
  mappings: ColumnMapping[];
  /** Every column of the table from the first mapped one: what it became, or why not. */
  columnReport: ColumnReport[];
  dataRows: DataRow[];
  unmapped: { labels: UnmappedLabel[]; fields: string[] };
  /** 0–1: share of fields mapped, strength of the evidence, agreement of numbers and labels. */
  confidence: number;
  reasons: Reason[];
  /** Open points: the pane asks the clerk to confirm each column and sends nothing until then. */
  questions: Reason[];
  /** Why nothing can be sent from this table (units that contradict each other). */
  blocking: Reason[];
  /** What the clerk must acknowledge before sending (money converted into nghìn đồng). */
  acknowledge: Reason[];
  /** For a money form: the unit the sheet's figures are in. */
  money: MoneyUnit | null;
  /** Definitions with the same layout that the sheet could also be (other regimes). */
  alternatives: { formId: string; regime: Regime }[];
  /** The other forms found on the same sheet (set on the first one only). */
  others: FormRecognition[];
}

export interface NotRecognised {
  recognised: false;
  reasons: Reason[];
  candidates: { formId: string; regime: Regime; mapped: number; total: number }[];
}

export type RecognitionResult = FormRecognition | NotRecognised;

/** Below this confidence the pane asks the clerk to confirm each column. */
export const CONFIDENCE_FLOOR = 0.6;

// ——— title, code, regime ———

function findTitles(g: Grid, form: FormDefinition): CellPosition[] {
  const title = normalizeText(form.title.vi);
  const out: CellPosition[] = [];
  for (let r = 0; r < g.rows; r++) for (let c = 0; c < g.cols; c++) if (containsWords(normAt(g, r, c), title)) out.push({ row: r, col: c });
  return out;
}

function findCode(g: Grid, form: FormDefinition, from: number, to: number): boolean {
  const code = normalizeText(form.code);
  for (let r = Math.max(0, from); r <= to && r < g.rows; r++) for (let c = 0; c < g.cols; c++) if (containsWords(normAt(g, r, c), code)) return true;
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

function inForce(form: FormDefinition, date: string): boolean {
  return form.validFrom <= date && (form.validTo === null || date <= form.validTo);
}

function fieldOf(form: FormDefinition, key: string): FieldDefinition | undefined {
  for (let i = 0; i < form.fields.length; i++) if ((form.fields[i] as FieldDefinition).key === key) return form.fields[i];
  return undefined;
}

const formName = (f: FormDefinition) => ({ vi: f.code + " (" + f.title.vi + ")", en: f.code + " (" + f.title.en + ")" });

// ——— one table ———

interface View {
  kind: "count" | "money" | "all";
  cols: Column[];
  others: Column[];
}

interface Scored {
  cand: Candidate;
  form: FormDefinition;
  title: CellPosition | null;
  code: boolean;
  total: number;
}

interface Found {
  block: HeaderBlock;
  index: number;
  /** First row that may hold this table's title and unit line (after the previous table's header). */
  regionStart: number;
  view: View;
  chosen: Scored;
  same: Scored[];
  mentioned: boolean;
  split: boolean;
}

function kindCounts(columns: Column[]): { count: number; money: number } {
  let count = 0;
  let money = 0;
  for (let i = 0; i < columns.length; i++) {
    const k = (columns[i] as Column).kind;
    if (k === "count") count++;
    else if (k === "money") money++;
  }
  return { count, money };
}

/** A table of Việc and Tiền sub-columns (two or more of each) gives both forms. */
function isSplit(columns: Column[]): boolean {
  const k = kindCounts(columns);
  return k.count >= 2 && k.money >= 2;
}

function viewsOf(columns: Column[], split: boolean): View[] {
  if (!split) {
    const k = kindCounts(columns);
    return [{ kind: k.money > k.count ? "money" : k.count > k.money ? "count" : "all", cols: columns, others: [] }];
  }
  const count: Column[] = [];
  const money: Column[] = [];
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i] as Column;
    if (c.kind !== "money") count.push(c);
    if (c.kind !== "count") money.push(c);
  }
  const onlyOf = (kind: "count" | "money") => {
    const out: Column[] = [];
    for (let i = 0; i < columns.length; i++) if ((columns[i] as Column).kind === kind) out.push(columns[i] as Column);
    return out;
  };
  // In a Việc/Tiền table the row of numbers counts the combined columns, not either form's.
  const strip = (cs: Column[]) => {
    const out: Column[] = [];
    for (let i = 0; i < cs.length; i++) {
      const c = cs[i] as Column;
      out.push({ col: c.col, path: c.path, labels: c.labels, leaf: c.leaf, leafPlain: c.leafPlain, parent: c.parent, shown: c.shown, number: null, kind: c.kind, scale: c.scale });
    }
    return out;
  };
  return [
    { kind: "count", cols: strip(count), others: onlyOf("money") },
    { kind: "money", cols: strip(money), others: onlyOf("count") },
  ];
}

function formKind(f: FormDefinition): "count" | "money" {
  return f.unit === "nghin_dong" ? "money" : "count";
}

// ——— entry points ———

interface SheetContext {
  grid: Grid;
  origin: CellPosition;
  cell: (r: number, c: number) => string;
  pool: FormDefinition[];
}

/** Every form found on the sheet, top to bottom; empty with the reasons when none. */
export function recognizeSheet(values: readonly (readonly unknown[])[], forms: readonly FormDefinition[], options: RecognizeOptions = {}): { tables: FormRecognition[]; failure: NotRecognised | null } {
  const grid = makeGrid(values);
  const origin = options.origin || { row: 0, col: 0 };
  const cell = (r: number, c: number) => cellAddress(origin.row + r + 1, origin.col + c + 1);
  let anything = false;
  for (let r = 0; r < grid.rows && !anything; r++) if (nonBlankCount(grid, r) > 0) anything = true;
  if (!anything) return { tables: [], failure: { recognised: false, reasons: [reason("empty_sheet")], candidates: [] } };
  const pool: FormDefinition[] = [];
  for (let i = 0; i < forms.length; i++) {
    const f = forms[i] as FormDefinition;
    if (!options.asOf || inForce(f, options.asOf)) pool.push(f);
  }
  if (pool.length === 0) return { tables: [], failure: { recognised: false, reasons: [reason("no_forms")], candidates: [] } };
  const ctx: SheetContext = { grid, origin, cell, pool };

  const matchers: LabelMatcher[] = [];
  const titles: CellPosition[][] = [];
  const stops: Record<number, true> = {};
  for (let i = 0; i < pool.length; i++) {
    matchers.push(labelMatcher(pool[i] as FormDefinition));
    const t = findTitles(grid, pool[i] as FormDefinition);
    titles.push(t);
    for (let k = 0; k < t.length; k++) stops[(t[k] as CellPosition).row] = true;
  }
  const units = unitLines(grid);
  for (let i = 0; i < units.length; i++) stops[(units[i] as { row: number }).row] = true;
  const labelScore = (r: number): number => {
    let best = 0;
    for (let i = 0; i < matchers.length; i++) {
      const seen: Record<string, true> = {};
      let n = 0;
      for (let c = 0; c < grid.cols; c++) {
        const v = at(grid, r, c);
        if (typeof v !== "string" || isBlank(v)) continue;
        const m = matchLabel(matchers[i] as LabelMatcher, labelText(v));
        if (m.kind === "field" && !seen[m.key]) {
          seen[m.key] = true;
          n++;
        }
      }
      if (n > best) best = n;
    }
    return best;
  };
  const numberRows = findNumberRows(grid);
  const blocks = findHeaderBlocks(grid, numberRows, labelScore, stops, options.maxHeaderRows || 6);

  const found: Found[] = [];
  let bestFailure: { scored: Scored[]; reasons: Reason[] } | null = null;
  let allScored: Scored[] = [];
  for (let b = 0; b < blocks.length; b++) {
    const block = blocks[b] as HeaderBlock;
    const regionStart = b === 0 ? 0 : headerEnd(blocks[b - 1] as HeaderBlock);
    const columns = buildColumns(grid, block);
    const nextFirst = b + 1 < blocks.length ? (blocks[b + 1] as HeaderBlock).first : grid.rows;
    const rowLabels = rowLabelColumns(grid, block, columns, nextFirst);
    const split = isSplit(columns);
    const views = viewsOf(columns, split);
    const unit = nearestUnitLine(units, regionStart, block.last);
    for (let v = 0; v < views.length; v++) {
      const view = views[v] as View;
      const scored: Scored[] = [];
      for (let i = 0; i < pool.length; i++) {
        const form = pool[i] as FormDefinition;
        if (view.kind !== "all" && formKind(form) !== view.kind) continue;
        let title: CellPosition | null = null;
        const ts = titles[i] as CellPosition[];
        for (let k = 0; k < ts.length; k++) if ((ts[k] as CellPosition).row >= regionStart && (ts[k] as CellPosition).row < block.first) title = ts[k] as CellPosition;
        const code = findCode(grid, form, regionStart, block.first - 1);
        const cand = evaluate(matchers[i] as LabelMatcher, view.cols, view.others, { cell: (c: number) => cell(block.last < block.first ? block.first : block.last, c), rowLabels });
        let unitBonus = 0;
        if (unit && !split) {
          const says = unit.money !== null && !unit.count ? "money" : unit.count && unit.money === null ? "count" : null;
          if (says !== null) unitBonus = says === formKind(form) ? 1 : -6;
        }
        // A longer code found ("Mẫu số 01/TK-THA" over "Mẫu số 01") is the more specific evidence.
        const total = cand.score + (title ? 4 : 0) + (code ? 1 + normalizeText(form.code).length / 100 : 0) + unitBonus;
        scored.push({ cand, form, title, code, total });
      }
      if (scored.length === 0) continue;
      scored.sort((a, b2) => b2.total - a.total);
      allScored = allScored.concat(scored);
      const top = scored[0] as Scored;
      const needed = Math.max(3, Math.ceil(top.form.fields.length / 2));
      const failures: Reason[] = [];
      if (top.cand.mappings.length < needed) failures.push(tooFew(top.form, top.cand.mappings.length, needed));
      else if (!top.title && top.cand.labelled === 0) failures.push(reason("numbers_only"));
      const rivals: string[] = [];
      for (let i = 1; i < scored.length; i++) {
        const s = scored[i] as Scored;
        if (s.form.id !== top.form.id && s.total === top.total && rivals.indexOf(s.form.code) < 0) rivals.push(s.form.code);
      }
      if (failures.length === 0 && rivals.length > 0) failures.push(reason("ambiguous_form", { forms: [top.form.code].concat(rivals).join(", ") }));
      if (failures.length > 0) {
        if (!bestFailure || top.total > (bestFailure.scored[0] as Scored).total) bestFailure = { scored, reasons: failures };
        continue;
      }
      const same: Scored[] = [];
      for (let i = 0; i < scored.length; i++) {
        const s = scored[i] as Scored;
        if (s.form.id === top.form.id && s.total === top.total) same.push(s);
      }
      let mentioned: Scored | null = null;
      for (let i = 0; i < same.length; i++) if (!mentioned && regimeMentioned(grid, (same[i] as Scored).form.regime)) mentioned = same[i] as Scored;
      // "Mẫu số 01/TK-THA" is TT 06/2019's way of writing the code: the code alone names the regime.
      let codeDistinct = false;
      for (let i = 0; i < pool.length; i++) {
        const f = pool[i] as FormDefinition;
        if (top.code && f.id === top.form.id && normalizeText(f.code) !== normalizeText(top.form.code)) codeDistinct = true;
      }
      if (!mentioned && codeDistinct && same.length === 1) mentioned = top;
      let chosen: Scored;
      if (mentioned) chosen = mentioned;
      else {
        same.sort((a, b2) => (a.form.validFrom < b2.form.validFrom ? 1 : a.form.validFrom > b2.form.validFrom ? -1 : 0));
        chosen = same[0] as Scored;
      }
      found.push({ block, index: b, regionStart, view, chosen, same, mentioned: mentioned !== null, split });
    }
  }

  if (found.length === 0) {
    const candidates: NotRecognised["candidates"] = [];
    allScored.sort((a, b) => b.total - a.total);
    const seen: Record<string, true> = {};
    for (let i = 0; i < allScored.length; i++) {
      const s = allScored[i] as Scored;
      const k = s.form.id + "|" + s.form.regime;
      if (seen[k]) continue;
      seen[k] = true;
      candidates.push({ formId: s.form.id, regime: s.form.regime, mapped: s.cand.mappings.length, total: s.form.fields.length });
    }
    const ids: string[] = [];
    for (let i = 0; i < pool.length; i++) if (ids.indexOf("Mẫu số " + (pool[i] as FormDefinition).id) < 0) ids.push("Mẫu số " + (pool[i] as FormDefinition).id);
    const lead = [reason("not_recognised", { forms: ids.join(", ") })].concat(otherFormCodes(grid, pool, cell));
    const why = bestFailure ? bestFailure.reasons : [tooFew(pool[0] as FormDefinition, 0, Math.max(3, Math.ceil((pool[0] as FormDefinition).fields.length / 2)))];
    return { tables: [], failure: { recognised: false, reasons: lead.concat(why), candidates } };
  }

  // Bodies: from under a header to the next recognised table's header.
  const tables: FormRecognition[] = [];
  for (let i = 0; i < found.length; i++) {
    const f = found[i] as Found;
    let end = grid.rows;
    for (let k = 0; k < found.length; k++) {
      const o = found[k] as Found;
      if (o.block.first > f.block.first && o.block.first < end) end = o.block.first;
    }
    const start = headerEnd(f.block);
    // A title of a form further down ends this table too.
    for (let t = 0; t < titles.length; t++) {
      const ts = titles[t] as CellPosition[];
      for (let k = 0; k < ts.length; k++) {
        const row = (ts[k] as CellPosition).row;
        if (row >= start && row < end) end = row;
      }
    }
    // Row roles are the table's, whichever form reads it: every figure column counts.
    const figureCols: number[] = [];
    for (let k = 0; k < found.length; k++) {
      const o = found[k] as Found;
      if (o.block !== f.block) continue;
      for (let m = 0; m < o.chosen.cand.mappings.length; m++) {
        const mp = o.chosen.cand.mappings[m] as ColumnMapping;
        const cs = mp.cols || [mp.col];
        for (let z = 0; z < cs.length; z++) if (figureCols.indexOf(cs[z] as number) < 0) figureCols.push(cs[z] as number);
      }
      for (let m = 0; m < o.chosen.cand.report.length; m++) {
        const rp = o.chosen.cand.report[m] as ColumnReport;
        if (figureCols.indexOf(rp.col) < 0 && rp.status !== "derived") figureCols.push(rp.col);
      }
    }
    figureCols.sort((a, b) => a - b);
    tables.push(assemble(ctx, f, start, end, figureCols, units, options));
  }
  if (tables.length > 1) {
    const list: string[] = [];
    const listEn: string[] = [];
    for (let i = 0; i < tables.length; i++) {
      const t = tables[i] as FormRecognition;
      const rows = t.dataRows.length ? "dòng " + (origin.row + t.headerRows.first + 1) + "–" + (origin.row + (t.dataRows[t.dataRows.length - 1] as DataRow).row + 1) : "dòng " + (origin.row + t.headerRows.first + 1);
      list.push(t.form.code + " (" + rows + (t.table.view === "all" ? "" : t.table.view === "count" ? ", cột Việc" : ", cột Tiền") + ")");
      listEn.push(t.form.code + " (" + rows.replace("dòng", "rows") + (t.table.view === "all" ? "" : t.table.view === "count" ? ", Việc columns" : ", Tiền columns") + ")");
    }
    const r = reason("tables_found", { count: tables.length, list: list.join("; "), listEn: listEn.join("; ") });
    for (let i = 0; i < tables.length; i++) (tables[i] as FormRecognition).reasons.unshift(r);
  }
  return { tables, failure: null };
}

function tooFew(form: FormDefinition, mapped: number, needed: number): Reason {
  return reason("too_few_columns", { mapped, total: form.fields.length, needed, form: formName(form).vi, formEn: formName(form).en });
}

interface UnitLineFound {
  row: number;
  col: number;
  text: string;
  count: boolean;
  money: MoneyScale | null;
}

function nearestUnitLine(units: UnitLineFound[], from: number, to: number): UnitLineFound | null {
  let best: UnitLineFound | null = null;
  for (let i = 0; i < units.length; i++) {
    const u = units[i] as UnitLineFound;
    if (u.row >= from && u.row <= to && (!best || u.row >= best.row)) best = u;
  }
  return best;
}

function assemble(ctx: SheetContext, f: Found, start: number, end: number, figureCols: number[], units: UnitLineFound[], options: RecognizeOptions): FormRecognition {
  const { grid, origin, cell } = ctx;
  const cand = f.chosen.cand;
  const form = f.chosen.form;
  const block = f.block;
  const nr = f.split ? null : block.numberRow;
  const reasons: Reason[] = [];
  const blocking: Reason[] = [];
  const acknowledge: Reason[] = [];
  const questions: Reason[] = cand.questions.slice();
  if (f.mentioned) reasons.push(reason("regime_from_text", { regime: regimeLabel(form.regime) }));
  else if (options.asOf) reasons.push(reason("regime_from_date", { regime: regimeLabel(form.regime), date: options.asOf }));
  else if (f.same.length > 1) {
    const alts: string[] = [];
    for (let i = 0; i < f.same.length; i++) if ((f.same[i] as Scored).form !== form) alts.push(regimeLabel((f.same[i] as Scored).form.regime));
    reasons.push(reason("regime_assumed", { regime: regimeLabel(form.regime), alternatives: alts.join(", ") }));
  }
  const title = f.chosen.title;
  if (title) reasons.push(reason("title_found", { text: oneLine(cellText(at(grid, title.row, title.col))), cell: cell(title.row, title.col) }));
  else reasons.push(reason("title_missing", { title: form.title.vi }));
  if (f.split) {
    const sub = subheaderRow(f.view.cols);
    reasons.push(reason("split_table", { row: origin.row + sub + 1, forms: f.view.kind === "count" ? "Việc → " + form.code : "Tiền → " + form.code }));
  } else if (nr) reasons.push(reason("number_row_found", { row: origin.row + nr.row + 1 }));
  else reasons.push(reason("number_row_missing"));
  if (cand.offset !== 0) reasons.push(reason("numbers_offset", { offset: cand.offset > 0 ? "+" + cand.offset : String(cand.offset) }));
  for (let i = 0; i < cand.reasons.length; i++) reasons.push(cand.reasons[i] as Reason);
  if (f.view.others.length > 0) {
    const cells: string[] = [];
    for (let i = 0; i < f.view.others.length && i < 3; i++) cells.push(columnLetters(origin.col + (f.view.others[i] as Column).col + 1));
    const otherKind = f.view.kind === "count" ? "money" : "count";
    reasons.push(reason("columns_other_unit", {
      count: f.view.others.length, cells: cells.join(", ") + (f.view.others.length > 3 ? ", …" : ""),
      unit: otherKind === "money" ? "Tiền" : "Việc", unitEn: otherKind === "money" ? "Tiền (money)" : "Việc (cases)",
      form: otherKind === "money" ? "biểu tính bằng tiền" : "biểu tính bằng việc", formEn: otherKind === "money" ? "the money form" : "the cases form",
    }));
  }
  for (let i = 0; i < cand.unmappedFields.length; i++) {
    const fd = fieldOf(form, cand.unmappedFields[i] as string) as FieldDefinition;
    reasons.push(reason("field_unmapped", { label: fd.label.vi, labelEn: fd.label.en, column: fd.column === null ? "?" : fd.column }));
  }

  // Units of measure.
  const line = nearestUnitLine(units, f.regionStart, block.last);
  let money: MoneyUnit | null = null;
  if (line) reasons.push(reason("unit_stated", { text: line.text, where: "ô " + cell(line.row, line.col) }));
  const kind = formKind(form);
  if (line && !f.split) {
    const saysMoneyOnly = line.money !== null && !line.count;
    const saysCountOnly = line.count && line.money === null;
    if ((kind === "count" && saysMoneyOnly) || (kind === "money" && saysCountOnly)) {
      blocking.push(reason("unit_mismatch", {
        text: line.text, form: form.code, formEn: form.code, unit: kind === "money" ? "nghìn đồng" : "việc", unitEn: kind === "money" ? "nghìn đồng" : "việc (cases)",
      }));
    }
  }
  if (kind === "money") {
    const scales: MoneyScale[] = [];
    for (let i = 0; i < cand.mappings.length; i++) {
      const mp = cand.mappings[i] as ColumnMapping;
      const cs = mp.cols || [mp.col];
      for (let k = 0; k < cs.length; k++) {
        const col = columnAt(f.view.cols, cs[k] as number);
        if (col && col.scale && scales.indexOf(col.scale) < 0) scales.push(col.scale);
      }
    }
    const lineScale = line ? line.money : null;
    if (scales.length > 1 || (scales.length === 1 && lineScale !== null && lineScale !== scales[0])) {
      const all = scales.slice();
      if (lineScale !== null && all.indexOf(lineScale) < 0) all.push(lineScale);
      const names: string[] = [];
      for (let i = 0; i < all.length; i++) names.push(SCALE_NAMES[all[i] as MoneyScale]);
      blocking.push(reason("unit_conflict", { units: names.join(", ") }));
    }
    if (scales.length >= 1) money = { scale: scales[0] as MoneyScale, source: "header", evidence: "tiêu đề cột" };
    else if (lineScale !== null && line) money = { scale: lineScale, source: "sheet", evidence: "ô " + cell(line.row, line.col) };
    else money = { scale: "nghin_dong", source: "assumed" };
  }

  const dataScan = scanRows(grid, start, end, figureCols, origin);
  const dataRows = dataScan.rows;
  if (dataRows.length === 0) reasons.push(reason("no_data_rows"));
  for (let i = 0; i < dataScan.reasons.length; i++) reasons.push(dataScan.reasons[i] as Reason);

  if (money) {
    if (money.source === "assumed") {
      reasons.push(reason("unit_assumed"));
      const suspect = multiplesOfThousand(grid, dataRows, cand.mappings);
      if (suspect > 0) {
        const r = reason("unit_suspect", { count: suspect });
        reasons.push(r);
        questions.push(r);
      }
    } else if (money.scale !== "nghin_dong" && blocking.length === 0) {
      const r = unitConverted(money.scale);
      reasons.push(r);
      acknowledge.push(r);
    }
  }

  const columns: Record<string, number> = {};
  const sums: Record<string, number[]> = {};
  for (let i = 0; i < cand.mappings.length; i++) {
    const mp = cand.mappings[i] as ColumnMapping;
    columns[mp.field] = mp.col;
    if (mp.cols) sums[mp.field] = mp.cols.slice();
  }
  let anchorCol = grid.cols;
  const lastHeader = nr ? nr.row : block.numberRow ? block.numberRow.row : block.last;
  for (let r = block.first; r <= lastHeader; r++) {
    for (let c = 0; c < grid.cols; c++) if (!isBlank(at(grid, r, c))) {
      if (c < anchorCol) anchorCol = c;
      break;
    }
  }
  const alternatives: FormRecognition["alternatives"] = [];
  for (let i = 0; i < f.same.length; i++) {
    const s = f.same[i] as Scored;
    if (s !== f.chosen) alternatives.push({ formId: s.form.id, regime: s.form.regime });
  }
  const mapped = cand.mappings.length;
  let strong = 0;
  for (let i = 0; i < cand.mappings.length; i++) if (!(cand.mappings[i] as ColumnMapping).weak) strong++;
  let unknown = 0;
  for (let i = 0; i < cand.unmappedLabels.length; i++) if ((cand.unmappedLabels[i] as UnmappedLabel).why === "unknown") unknown++;
  const confidence =
    0.5 * (mapped / form.fields.length) +
    (mapped > 0 ? 0.3 * (strong / mapped) : 0) +
    (title || f.chosen.code ? 0.1 : 0) +
    (nr && cand.numbersTrusted && mapped > 0 ? 0.1 * (cand.agreeing / mapped) : 0) -
    0.1 * cand.questions.length -
    0.02 * unknown;
  const rounded = Math.round(Math.max(0, Math.min(1, confidence)) * 100) / 100;
  if (rounded < CONFIDENCE_FLOOR) {
    const r = reason("low_confidence", { pct: Math.round(rounded * 100) });
    reasons.push(r);
    questions.push(r);
  }
  return {
    recognised: true,
    form,
    regime: form.regime,
    table: { index: f.index, key: (origin.row + block.first + 1) + ":" + form.id + ":" + f.view.kind, view: f.view.kind },
    origin,
    anchor: { row: block.first, col: anchorCol === grid.cols ? 0 : anchorCol },
    title,
    numberRow: block.numberRow ? block.numberRow.row : null,
    headerRows: { first: block.first, last: lastHeader },
    columns,
    sums,
    mappings: cand.mappings,
    columnReport: cand.report,
    dataRows,
    unmapped: { labels: cand.unmappedLabels, fields: cand.unmappedFields },
    confidence: rounded,
    reasons,
    questions,
    blocking,
    acknowledge,
    money,
    alternatives,
    others: [],
  };
}

function subheaderRow(cols: Column[]): number {
  for (let i = 0; i < cols.length; i++) {
    const c = cols[i] as Column;
    for (let k = 0; k < c.path.length; k++) if (c.path[k]!.unitOnly) return c.path[k]!.row;
  }
  return cols.length ? ((cols[0] as Column).path[0] || { row: 0 }).row : 0;
}

function columnAt(cols: Column[], col: number): Column | null {
  for (let i = 0; i < cols.length; i++) if ((cols[i] as Column).col === col) return cols[i] as Column;
  return null;
}

export function unitConverted(scale: MoneyScale): Reason {
  const how = scale === "dong" ? "chia cho 1.000" : scale === "trieu_dong" ? "nhân với 1.000" : "nhân với 1.000.000";
  const howEn = scale === "dong" ? "divided by 1,000" : scale === "trieu_dong" ? "multiplied by 1,000" : "multiplied by 1,000,000";
  return reason("unit_converted", { unit: SCALE_NAMES[scale], unitEn: SCALE_NAMES[scale], how, howEn });
}

/**
 * Money with no unit stated whose every amount is a multiple of 1.000 (at least four amounts,
 * one of a million or more): more likely đồng than nghìn đồng. Returns how many, or 0.
 */
function multiplesOfThousand(g: Grid, rows: DataRow[], mappings: ColumnMapping[]): number {
  let n = 0;
  let big = false;
  for (let i = 0; i < rows.length; i++) {
    const d = rows[i] as DataRow;
    if (d.kind !== "unit" && d.kind !== "total") continue;
    for (let k = 0; k < mappings.length; k++) {
      const mp = mappings[k] as ColumnMapping;
      const cs = mp.cols || [mp.col];
      for (let z = 0; z < cs.length; z++) {
        const v = readCellNumber(at(g, d.row, cs[z] as number));
        if (v.kind !== "number" || v.value === 0) continue;
        if (v.value % 1000 !== 0) return 0;
        if (Math.abs(v.value) >= 1000000) big = true;
        n++;
      }
    }
  }
  return n >= 4 && big ? n : 0;
}

/** The first form found on the sheet, with the others beside it (`others`). */
export function recognizeForm(values: readonly (readonly unknown[])[], forms: readonly FormDefinition[], options: RecognizeOptions = {}): RecognitionResult {
  const s = recognizeSheet(values, forms, options);
  if (s.failure) return s.failure;
  const first = s.tables[0] as FormRecognition;
  first.others = s.tables.slice(1);
  return first;
}
