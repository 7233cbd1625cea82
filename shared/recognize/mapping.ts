/**
 * Mapping a table's columns to the fields of one form: by column number and by label, and
 * where the two disagree, by neither without telling. The rules, in the order they apply:
 *
 * - A strong label (the field's label, a known short name, the label inside longer text)
 *   that contradicts the column's number means the sheet's numbering is not the form's: the
 *   numbers are distrusted for the whole table, columns are mapped by label, and the clerk
 *   is asked to confirm each column.
 * - A weak label (a partial reading) never silently yields to a number: the column is left
 *   unmapped and the clerk is asked.
 * - A field spread over several columns (a merged label over "Hoãn | Tạm đình chỉ | Khác")
 *   is summed only where the definition's label lists exactly those parts; otherwise it is
 *   reported as partial and the clerk is asked.
 * - Every column of the table ends mapped or reported, with the reason.
 */
import type { FieldDefinition, FormDefinition } from "../forms/types";
import { reason, type Reason } from "./messages";
import { fieldIndex, isDerived, isGeneric, matchLabel, matchPart, variantOf, type FieldIndex, type LabelMatch, type LabelMatcher } from "./labels";
import type { Column, PathPart } from "./table";
import { TOTAL_HEADERS } from "./vocabulary";

/** How a column was mapped: number and label agree, number alone, label alone, a sum of parts, the clerk's choice. */
export type MatchSource = "number+label" | "number" | "label" | "sum" | "clerk";

export interface ColumnMapping {
  field: string;
  /** The column, or the first of the summed columns. */
  col: number;
  /** Summed columns, when the field is spread over several. */
  cols?: number[];
  by: MatchSource;
  /** The column's header as the sheet writes it ("Có điều kiện thi hành › Thi hành xong"). */
  header: string;
  number: number | null;
  /** Mapped on a partial reading of its label only. */
  weak?: boolean;
}

export type ColumnStatus =
  | "mapped"
  | "summed"
  /** A breakdown of a field whose total has its own column: shown, not used. */
  | "breakdown"
  /** One part of a field spread over columns that cannot be summed. */
  | "part"
  | "unknown"
  | "ambiguous"
  | "conflict"
  | "duplicate"
  /** A rate or comparison computed from the form's figures. */
  | "derived"
  /** A column counting the other unit (Tiền in the Việc form), used by the other form. */
  | "other";

export interface ColumnReport {
  col: number;
  header: string;
  number: number | null;
  field: string | null;
  by: MatchSource | null;
  status: ColumnStatus;
}

export interface UnmappedLabel {
  col: number;
  text: string;
  number: number | null;
  why: "unknown" | "ambiguous" | "conflict" | "duplicate" | "part" | "breakdown" | "derived";
}

export interface Candidate {
  form: FormDefinition;
  mappings: ColumnMapping[];
  report: ColumnReport[];
  unmappedLabels: UnmappedLabel[];
  unmappedFields: string[];
  offset: number;
  numbersTrusted: boolean;
  /** Reasons about columns: conflicts, sums, parts, labels not in the form. */
  reasons: Reason[];
  /** What the clerk must settle before anything is sent. */
  questions: Reason[];
  score: number;
  agreeing: number;
  labelled: number;
  weak: number;
}

export interface MappingContext {
  /** A1 name of a cell in the header's last row: messages name real cells. */
  cell: (col: number) => string;
  /** Columns naming the rows (STT, unit name): neither mapped nor reported. */
  rowLabels: Record<number, true>;
}

const SOURCE_RANK: Record<MatchSource, number> = { clerk: 5, "number+label": 4, sum: 3, number: 3, label: 2 };

interface Col {
  c: Column;
  label: LabelMatch;
  /** The match came from the generic leaf plus the label above it ("Có điều kiện › Tổng số"). */
  groupTotal: boolean;
}

function fieldOf(form: FormDefinition, key: string): FieldDefinition | undefined {
  for (let i = 0; i < form.fields.length; i++) if ((form.fields[i] as FieldDefinition).key === key) return form.fields[i];
  return undefined;
}

function labelOfKey(form: FormDefinition, key: string): { vi: string; en: string } {
  const f = fieldOf(form, key);
  return f ? f.label : { vi: key, en: key };
}

function composite(c: Column): string {
  const parts: string[] = [];
  for (let i = 0; i < c.labels.length; i++) parts.push((c.labels[i] as PathPart).text);
  return parts.join(" ");
}

function parentKey(c: Column): string | null {
  return c.parent ? c.parent.row + "," + c.parent.col : null;
}

export function evaluate(m: LabelMatcher, columns: Column[], others: Column[], ctx: MappingContext): Candidate {
  const form = m.form;
  const byColumn: Record<number, FieldDefinition> = {};
  for (let i = 0; i < form.fields.length; i++) {
    const f = form.fields[i] as FieldDefinition;
    if (f.column !== null) byColumn[f.column] = f;
  }
  const cols: Col[] = [];
  for (let i = 0; i < columns.length; i++) {
    const c = columns[i] as Column;
    if (ctx.rowLabels[c.col]) continue;
    let label = matchLabel(m, c.leaf);
    if (c.leafPlain !== c.leaf && c.leafPlain !== "" && (label.kind !== "field" || label.strength < 2)) {
      // What the sheet adds in brackets qualifies the label; without it the label may be plain.
      const plain = matchLabel(m, c.leafPlain);
      if (plain.kind === "field" && (label.kind !== "field" || plain.strength > label.strength)) label = plain;
    }
    let groupTotal = false;
    if (label.kind === "none" && isGeneric(c.leaf) && c.labels.length >= 2) {
      // "Tổng số" under "Có điều kiện thi hành": the column is the merged label's total.
      label = matchLabel(m, composite(c));
      groupTotal = label.kind === "field" && (TOTAL_HEADERS[c.leaf] === true || c.leaf === "");
    }
    cols.push({ c, label, groupTotal });
  }

  // The clerk may number the text columns too (STT = 1, Đơn vị = 2): a constant difference
  // between the numbers and what strong labels say is an offset, not a contradiction.
  let offset = 0;
  const diffs: Record<string, number> = {};
  for (let i = 0; i < cols.length; i++) {
    const x = cols[i] as Col;
    if (x.c.number === null || x.label.kind !== "field" || x.label.strength < 2) continue;
    const f = fieldOf(form, x.label.key);
    if (!f || f.column === null) continue;
    const d = String(f.column - x.c.number);
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

  const reasons: Reason[] = [];
  const questions: Reason[] = [];
  // Strong labels against the numbers: one contradiction and the numbering is not this form's.
  let numbersTrusted = false;
  const contradictions: string[] = [];
  for (let i = 0; i < cols.length; i++) {
    const x = cols[i] as Col;
    if (x.c.number === null) continue;
    numbersTrusted = true;
    if (x.label.kind !== "field" || x.label.strength < 2) continue;
    const nf = byColumn[x.c.number + offset];
    if (!nf || nf.key !== x.label.key) {
      contradictions.push(ctx.cell(x.c.col) + " \"" + x.c.shown + "\" (" + x.c.number + ")");
    }
  }
  if (numbersTrusted && contradictions.length > 0) {
    numbersTrusted = false;
    const r = reason("numbers_distrusted", { columns: contradictions.slice(0, 3).join(", ") + (contradictions.length > 3 ? ", …" : ""), count: contradictions.length });
    reasons.push(r);
    questions.push(r);
  }

  const mappings: ColumnMapping[] = [];
  const report: Record<number, ColumnReport> = {};
  const setReport = (x: Col, status: ColumnStatus, field: string | null, by: MatchSource | null) => {
    report[x.c.col] = { col: x.c.col, header: x.c.shown, number: x.c.number, field, by, status };
  };
  const map = (x: Col, field: string, by: MatchSource, weak: boolean) => {
    mappings.push({ field, col: x.c.col, by, header: x.c.shown, number: x.c.number, weak: weak || undefined });
    setReport(x, "mapped", field, by);
  };
  const conflict = (x: Col, numField: FieldDefinition, labelText: string) => {
    setReport(x, "conflict", null, null);
    const r = reason("column_conflict", { cell: ctx.cell(x.c.col), text: x.c.shown, number: x.c.number as number, numberLabel: numField.label.vi, labelLabel: labelText });
    reasons.push(r);
    questions.push(r);
  };
  const pending: Col[] = [];
  for (let i = 0; i < cols.length; i++) {
    const x = cols[i] as Col;
    const lab = x.label;
    const nf = numbersTrusted && x.c.number !== null ? byColumn[x.c.number + offset] : undefined;
    if (nf) {
      if (lab.kind === "field") {
        if (lab.key === nf.key) map(x, lab.key, "number+label", false);
        else conflict(x, nf, labelOfKey(form, lab.key).vi); // a weak label: strong ones distrusted the numbers above
      } else if (lab.kind === "ambiguous") {
        if (lab.keys.indexOf(nf.key) >= 0) map(x, nf.key, "number", false);
        else conflict(x, nf, x.c.shown);
      } else if (isGeneric(x.c.leaf) || variantOf(m, x.c.leaf, nf.key)) {
        map(x, nf.key, "number", false);
      } else if (isDerived(x.c.leaf)) {
        setReport(x, "derived", null, null);
      } else pending.push(x); // a part of a merged label, or a label the form does not have: decided below
      continue;
    }
    if (lab.kind === "field") map(x, lab.key, "label", lab.strength === 1);
    else if (isDerived(x.c.leaf) || isDerived(composite(x.c))) setReport(x, "derived", null, null);
    else pending.push(x); // ambiguous, a part, or not in the form: decided below
  }

  // Fields spread over columns. First under a merged label naming the field, then runs of
  // columns naming its parts.
  const mappedField = (key: string, excluding: number[]): ColumnMapping | null => {
    for (let i = 0; i < mappings.length; i++) {
      const mp = mappings[i] as ColumnMapping;
      if (mp.field === key && excluding.indexOf(mp.col) < 0) return mp;
    }
    return null;
  };
  const unmap = (col: number) => {
    for (let i = mappings.length - 1; i >= 0; i--) if ((mappings[i] as ColumnMapping).col === col && !(mappings[i] as ColumnMapping).cols) mappings.splice(i, 1);
  };
  const groups: Record<string, Col[]> = {};
  const groupOrder: string[] = [];
  for (let i = 0; i < cols.length; i++) {
    const x = cols[i] as Col;
    const k = parentKey(x.c);
    if (k === null) continue;
    if (!groups[k]) {
      groups[k] = [];
      groupOrder.push(k);
    }
    (groups[k] as Col[]).push(x);
  }
  const settled: Record<number, true> = {};
  const settleParts = (f: FieldIndex, members: Col[], strays: Col[], total: ColumnMapping | null) => {
    const all = members.concat(strays);
    all.sort((a, b) => a.c.col - b.c.col);
    const cells = cellsOf(all, ctx);
    for (let i = 0; i < all.length; i++) settled[(all[i] as Col).c.col] = true;
    if (total) {
      for (let i = 0; i < all.length; i++) {
        unmap((all[i] as Col).c.col);
        setReport(all[i] as Col, "breakdown", f.field.key, null);
      }
      return;
    }
    const covered: Record<number, true> = {};
    let distinct = true;
    for (let i = 0; i < members.length; i++) {
      const p = matchPart(f, (members[i] as Col).c.leaf);
      if (p < 0 || covered[p]) distinct = false;
      else covered[p] = true;
    }
    let complete = distinct && strays.length === 0;
    for (let p = 0; p < f.parts.length; p++) if (!covered[p]) complete = false;
    for (let i = 0; i < all.length; i++) unmap((all[i] as Col).c.col);
    if (complete && members.length === f.parts.length) {
      const first = members[0] as Col;
      const colsSum: number[] = [];
      const headers: string[] = [];
      members.sort((a, b) => a.c.col - b.c.col);
      for (let i = 0; i < members.length; i++) {
        colsSum.push((members[i] as Col).c.col);
        headers.push((members[i] as Col).c.shown);
        setReport(members[i] as Col, "summed", f.field.key, "sum");
      }
      mappings.push({ field: f.field.key, col: first.c.col, cols: colsSum, by: "sum", header: headers.join(" + "), number: first.c.number });
      reasons.push(reason("field_summed", { label: f.field.label.vi, labelEn: f.field.label.en, cells: cells.join(" + ") }));
      return;
    }
    for (let i = 0; i < all.length; i++) setReport(all[i] as Col, "part", f.field.key, null);
    const r = reason("field_partial", { label: f.field.label.vi, labelEn: f.field.label.en, cells: cells.join(", "), parts: f.partsShown.length ? f.partsShown.join(", ") : "—" });
    reasons.push(r);
    questions.push(r);
  };
  for (let g = 0; g < groupOrder.length; g++) {
    const members = groups[groupOrder[g] as string] as Col[];
    const parent = (members[0] as Col).c.parent as PathPart;
    const pm = matchLabel(m, parent.text);
    if (pm.kind !== "field" || pm.strength < 2) continue;
    const f = fieldIndex(m, pm.key) as FieldIndex;
    // The merged label's own total column ("Tổng số"), or the field mapped elsewhere.
    let total: ColumnMapping | null = null;
    const loose: Col[] = [];
    for (let i = 0; i < members.length; i++) {
      const x = members[i] as Col;
      const rep = report[x.c.col];
      if (rep && rep.status === "mapped" && rep.field === pm.key && x.groupTotal) total = mappedField(pm.key, []);
      else if (!rep || (rep.status === "mapped" && (rep.field === pm.key || (isWeak(mappings, x.c.col) && matchPart(f, x.c.leaf) >= 0)))) loose.push(x);
    }
    if (loose.length === 0) continue;
    if (!total) total = mappedField(pm.key, colsOf(loose));
    if (loose.length === 1 && !total && members.length === 1) continue;
    const parts: Col[] = [];
    const strays: Col[] = [];
    for (let i = 0; i < loose.length; i++) (matchPart(f, (loose[i] as Col).c.leaf) >= 0 ? parts : strays).push(loose[i] as Col);
    if (!total && f.parts.length < 2) {
      // A merged label whose definition lists no parts: its columns are not the field.
      for (let i = 0; i < loose.length; i++) {
        unmap((loose[i] as Col).c.col);
        settled[(loose[i] as Col).c.col] = true;
      }
      const r = reason("field_partial", { label: f.field.label.vi, labelEn: f.field.label.en, cells: cellsOf(loose, ctx).join(", "), parts: "—" });
      for (let i = 0; i < loose.length; i++) setReport(loose[i] as Col, "part", f.field.key, null);
      reasons.push(r);
      questions.push(r);
      continue;
    }
    settleParts(f, parts, strays, total);
  }
  // Runs of columns naming parts of one field, without a merged label over them; fields whose
  // listed parts are all there first ("Hoãn | Tạm đình chỉ | Khác" is the three-part field's).
  interface Run { f: FieldIndex; parts: Col[]; strays: Col[]; complete: boolean }
  const runs: Run[] = [];
  for (let i = 0; i < m.fields.length; i++) {
    const f = m.fields[i] as FieldIndex;
    if (f.parts.length < 2) continue;
    const parts: Col[] = [];
    const covered: Record<number, true> = {};
    for (let k = 0; k < cols.length; k++) {
      const x = cols[k] as Col;
      if (settled[x.c.col]) continue;
      const rep = report[x.c.col];
      const free = !rep || (rep.status === "mapped" && rep.field === f.field.key && isWeak(mappings, x.c.col));
      const p = free ? matchPart(f, x.c.leaf) : -1;
      if (p >= 0) {
        parts.push(x);
        covered[p] = true;
      }
    }
    if (parts.length < 2) continue;
    const lo = (parts[0] as Col).c.col;
    const hi = (parts[parts.length - 1] as Col).c.col;
    const strays: Col[] = [];
    // A column between the parts that is no field of the form (a breakdown, an unknown
    // label) is a part the definition does not list: the run is not the field.
    for (let k = 0; k < cols.length; k++) {
      const x = cols[k] as Col;
      if (x.c.col <= lo || x.c.col >= hi || parts.indexOf(x) >= 0) continue;
      const rep = report[x.c.col];
      if (!rep || (rep.status !== "mapped" && rep.status !== "summed" && rep.status !== "derived")) strays.push(x);
    }
    let complete = strays.length === 0 && parts.length === f.parts.length;
    for (let p = 0; p < f.parts.length; p++) if (!covered[p]) complete = false;
    runs.push({ f, parts, strays, complete });
  }
  runs.sort((a, b) => (a.complete === b.complete ? 0 : a.complete ? -1 : 1));
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i] as Run;
    let taken = false;
    for (let k = 0; k < run.parts.length; k++) if (settled[(run.parts[k] as Col).c.col]) taken = true;
    if (taken) continue;
    const elsewhere = mappedField(run.f.field.key, colsOf(run.parts));
    settleParts(run.f, run.parts, run.strays, elsewhere && !elsewhere.weak ? elsewhere : null);
  }
  // A weak label naming one listed part of a field ("Hoãn" of "Hoãn (theo thỏa thuận) / khác"),
  // with no column number to confirm it, is a part, not the whole.
  for (let i = mappings.length - 1; i >= 0; i--) {
    const mp = mappings[i] as ColumnMapping;
    if (!mp.weak || mp.by !== "label" || mp.cols) continue;
    const f = fieldIndex(m, mp.field) as FieldIndex;
    const x = colAt(cols, mp.col);
    if (!x || matchPart(f, x.c.leaf) < 0) continue;
    mappings.splice(i, 1);
    settled[x.c.col] = true;
    setReport(x, "part", f.field.key, null);
    const r = reason("field_part_only", { label: f.field.label.vi, labelEn: f.field.label.en, cell: ctx.cell(x.c.col), text: x.c.shown, parts: f.partsShown.join(", ") });
    reasons.push(r);
    questions.push(r);
  }
  // Whatever is left is ambiguous, has a label the form does not have, or one it has under another number.
  for (let i = 0; i < pending.length; i++) {
    const x = pending[i] as Col;
    if (settled[x.c.col] || report[x.c.col]) continue;
    const nf = numbersTrusted && x.c.number !== null ? byColumn[x.c.number + offset] : undefined;
    if (nf && x.c.leaf !== "") conflict(x, nf, x.c.shown);
    else if (x.label.kind === "ambiguous") {
      setReport(x, "ambiguous", null, null);
      const labels: string[] = [];
      for (let k = 0; k < x.label.keys.length; k++) labels.push('"' + labelOfKey(form, x.label.keys[k] as string).vi + '"');
      reasons.push(reason("label_ambiguous", { cell: ctx.cell(x.c.col), text: x.c.shown, labels: labels.join(", ") }));
    } else setReport(x, "unknown", null, null);
  }

  // One column per field: the best-supported one is kept; a tie is a question.
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
    const rank = (x: ColumnMapping) => SOURCE_RANK[x.by] * 2 - (x.weak ? 1 : 0);
    const winner = rank(mp) > rank(other) ? mp : other;
    const loser = winner === mp ? other : mp;
    kept[prior] = winner;
    const label = labelOfKey(form, mp.field);
    report[loser.col] = { col: loser.col, header: loser.header, number: loser.number, field: null, by: null, status: "duplicate" };
    const r = reason("duplicate_column", { label: label.vi, labelEn: label.en, cells: ctx.cell(other.col) + ", " + ctx.cell(mp.col), kept: ctx.cell(winner.col) });
    reasons.push(r);
    if (rank(mp) === rank(other)) questions.push(r);
  }
  kept.sort((a, b) => a.col - b.col);
  // A field taken from part of a label, with no column number to confirm it, is the clerk's to confirm.
  for (let i = 0; i < kept.length; i++) {
    const mp = kept[i] as ColumnMapping;
    if (!mp.weak || mp.by !== "label") continue;
    const r = reason("column_weak", { cell: ctx.cell(mp.col), text: mp.header, label: labelOfKey(form, mp.field).vi, labelEn: labelOfKey(form, mp.field).en });
    reasons.push(r);
    questions.push(r);
  }

  // Breakdowns, told once per field with their total's column.
  const breakdowns: Record<string, number[]> = {};
  for (let i = 0; i < cols.length; i++) {
    const rep = report[(cols[i] as Col).c.col];
    if (rep && rep.status === "breakdown" && rep.field) (breakdowns[rep.field] || (breakdowns[rep.field] = [])).push(rep.col);
  }
  for (const key in breakdowns) {
    const cs = breakdowns[key] as number[];
    const total = mappedField(key, cs);
    const cells: string[] = [];
    for (let i = 0; i < cs.length; i++) cells.push(ctx.cell(cs[i] as number));
    reasons.push(reason("column_breakdown", { cells: cells.join(", "), label: labelOfKey(form, key).vi, total: total ? ctx.cell(total.col) : "?" }));
  }
  const reportList: ColumnReport[] = [];
  const unmappedLabels: UnmappedLabel[] = [];
  for (let i = 0; i < cols.length; i++) {
    const x = cols[i] as Col;
    const rep = report[x.c.col] || { col: x.c.col, header: x.c.shown, number: x.c.number, field: null, by: null, status: "unknown" as ColumnStatus };
    reportList.push(rep);
    if (rep.status !== "mapped" && rep.status !== "summed") {
      unmappedLabels.push({ col: x.c.col, text: x.c.shown, number: x.c.number, why: rep.status as UnmappedLabel["why"] });
      if (rep.status === "unknown") reasons.push(reason("label_unmapped", { cell: ctx.cell(x.c.col), text: x.c.shown === "" ? "(không có tên)" : x.c.shown }));
    }
  }
  for (let i = 0; i < others.length; i++) {
    const o = others[i] as Column;
    if (!ctx.rowLabels[o.col]) reportList.push({ col: o.col, header: o.shown, number: o.number, field: null, by: null, status: "other" });
  }
  reportList.sort((a, b) => a.col - b.col);
  const kept2 = reasons;
  const q2 = questions;

  const mappedKeys: Record<string, true> = {};
  let agreeing = 0;
  let labelled = 0;
  let weak = 0;
  let score = 0;
  for (let i = 0; i < kept.length; i++) {
    const mp = kept[i] as ColumnMapping;
    mappedKeys[mp.field] = true;
    if (mp.by === "number+label") agreeing++;
    if (mp.by !== "number") labelled++;
    if (mp.weak) weak++;
    score += mp.by === "number+label" ? 3 : mp.by === "number" ? 2 : mp.by === "sum" ? 2 : mp.weak ? 1 : 1.5;
  }
  const unmappedFields: string[] = [];
  for (let i = 0; i < form.fields.length; i++) {
    const key = (form.fields[i] as FieldDefinition).key;
    if (!mappedKeys[key]) unmappedFields.push(key);
  }
  let unknown = 0;
  for (let i = 0; i < unmappedLabels.length; i++) if ((unmappedLabels[i] as UnmappedLabel).why === "unknown") unknown++;
  score -= q2.length + 0.5 * unmappedFields.length + 0.25 * unknown;
  return { form, mappings: kept, report: reportList, unmappedLabels, unmappedFields, offset, numbersTrusted, reasons: kept2, questions: q2, score, agreeing, labelled, weak };
}

function colAt(cols: Col[], col: number): Col | null {
  for (let i = 0; i < cols.length; i++) if ((cols[i] as Col).c.col === col) return cols[i] as Col;
  return null;
}

function isWeak(mappings: ColumnMapping[], col: number): boolean {
  for (let i = 0; i < mappings.length; i++) if ((mappings[i] as ColumnMapping).col === col) return (mappings[i] as ColumnMapping).weak === true;
  return false;
}

function colsOf(xs: Col[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < xs.length; i++) out.push((xs[i] as Col).c.col);
  return out;
}

function cellsOf(xs: Col[], ctx: MappingContext): string[] {
  const out: string[] = [];
  for (let i = 0; i < xs.length; i++) out.push(ctx.cell((xs[i] as Col).c.col));
  return out;
}

