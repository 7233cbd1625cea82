/**
 * Matching a sheet's column headers to the fields of one form definition. Everything about
 * the fields (their keys, labels and parts) comes from the definition passed in; the
 * vocabulary adds only how clerks spell things. A match carries its strength, so that the
 * caller can tell a label that settles a column from one that only suggests it.
 */
import type { FieldDefinition, FormDefinition } from "../forms/types";
import { normalizeText, tokens } from "./normalize";
import { ABBREVIATIONS, DERIVED_WORDS, DROPPABLE_SUFFIXES, GENERIC_HEADERS, MODIFIERS, STOP_WORDS, SYNONYMS } from "./vocabulary";

/** Header text ready to compare: normalised, abbreviations expanded, known synonyms replaced. */
export function labelText(raw: string): string {
  return canonical(normalizeText(raw));
}

/** The same for text that is already normalised. */
export function canonical(norm: string): string {
  const words = tokens(norm);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    out.push(ABBREVIATIONS[w] || w);
  }
  let text = out.join(" ");
  for (let i = 0; i < SYNONYMS.length; i++) {
    const entry = SYNONYMS[i] as [string, string[]];
    for (let k = 0; k < entry[1].length; k++) text = replacePhrase(text, entry[1][k] as string, entry[0]);
  }
  return text;
}

function replacePhrase(text: string, from: string, to: string): string {
  const padded = " " + text + " ";
  const at = padded.indexOf(" " + from + " ");
  if (at < 0) return text;
  return (padded.slice(0, at) + " " + to + " " + padded.slice(at + from.length + 2)).replace(/^ +| +$/g, "").replace(/ +/g, " ");
}

/**
 * Whether `needle` occurs in `haystack` as whole words, not right after a word that changes
 * its meaning: "co dieu kien" is not in "chua co dieu kien", "dinh chi" is not in "tam dinh chi".
 */
export function containsPhrase(haystack: string, needle: string): boolean {
  if (needle === "") return false;
  const padded = " " + haystack + " ";
  const n = " " + needle + " ";
  let from = 0;
  for (;;) {
    const at = padded.indexOf(n, from);
    if (at < 0) return false;
    const before = padded.slice(0, at).replace(/ +$/, "");
    const prev = before.slice(before.lastIndexOf(" ") + 1);
    if (!MODIFIERS[prev] || MODIFIERS[needle.split(" ")[0] as string]) return true;
    from = at + 1;
  }
}

export function contentWords(text: string): string[] {
  const out: string[] = [];
  const all = tokens(text);
  for (let i = 0; i < all.length; i++) if (!STOP_WORDS[all[i] as string]) out.push(all[i] as string);
  return out;
}

export interface FieldIndex {
  field: FieldDefinition;
  /** The label and the shorter forms a sheet may write ("dinh chi" for "dinh chi thi hanh an"). */
  names: string[];
  content: string[];
  /** "Hoãn, tạm đình chỉ, khác": the parts a label lists, which together make the field. */
  parts: string[];
  /** The same parts as the definition writes them, for messages. */
  partsShown: string[];
}

export interface LabelMatcher {
  form: FormDefinition;
  fields: FieldIndex[];
  /** content word → keys of the fields whose label has it */
  owners: Record<string, string[]>;
}

/** A label's listed parts: split on commas, slashes, semicolons and "và"/"hoặc", brackets dropped. */
export function labelParts(label: string): { parts: string[]; shown: string[] } {
  const noBrackets = label.replace(/\([^)]*\)/g, " ");
  const pieces = noBrackets.split(/[,/;]| và | hoặc /);
  const parts: string[] = [];
  const shown: string[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const p = labelText(pieces[i] as string);
    if (p === "") continue;
    parts.push(p);
    shown.push((pieces[i] as string).replace(/^\s+|\s+$/g, "").replace(/\s+/g, " "));
  }
  return parts.length >= 2 ? { parts, shown } : { parts: [], shown: [] };
}

export function labelMatcher(form: FormDefinition): LabelMatcher {
  const fields: FieldIndex[] = [];
  const owners: Record<string, string[]> = {};
  for (let i = 0; i < form.fields.length; i++) {
    const field = form.fields[i] as FieldDefinition;
    const norm = labelText(field.label.vi);
    const names = [norm];
    for (let s = 0; s < DROPPABLE_SUFFIXES.length; s++) {
      const suffix = " " + (DROPPABLE_SUFFIXES[s] as string);
      if (norm.length > suffix.length && norm.slice(norm.length - suffix.length) === suffix) {
        const short = norm.slice(0, norm.length - suffix.length);
        if (short.length >= 4 && names.indexOf(short) < 0) names.push(short);
      }
    }
    const content = contentWords(norm);
    const lp = labelParts(field.label.vi);
    fields.push({ field, names, content, parts: lp.parts, partsShown: lp.shown });
    for (let t = 0; t < content.length; t++) {
      const tok = content[t] as string;
      const list = owners[tok] || (owners[tok] = []);
      if (list.indexOf(field.key) < 0) list.push(field.key);
    }
  }
  // A shortened name that another field's label also contains is no name at all.
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i] as FieldIndex;
    const kept = [f.names[0] as string];
    for (let n = 1; n < f.names.length; n++) {
      let clash = false;
      for (let k = 0; k < fields.length; k++) if (k !== i && containsPhrase((fields[k] as FieldIndex).names[0] as string, f.names[n] as string)) clash = true;
      if (!clash) kept.push(f.names[n] as string);
    }
    f.names = kept;
  }
  return { form, fields, owners };
}

/** Strength 3: the label itself or a known short name; 2: inside longer text; 1: a partial reading. */
export type LabelMatch =
  | { kind: "field"; key: string; strength: 1 | 2 | 3 }
  | { kind: "ambiguous"; keys: string[] }
  | { kind: "none" };

const NONE: LabelMatch = { kind: "none" };

/** Words around a label that do not change what a column counts ("trong kỳ", "lũy kế", "hiện nay"). */
const HARMLESS: Record<string, true> = { ky: true, nay: true, luy: true, ke: true, hien: true, thuc: true, te: true, gom: true, bao: true };

export function isGeneric(text: string): boolean {
  return text === "" || GENERIC_HEADERS[text] === true;
}

export function isDerived(text: string): boolean {
  for (let i = 0; i < DERIVED_WORDS.length; i++) if (containsPhrase(text, DERIVED_WORDS[i] as string)) return true;
  return false;
}

function hasModifier(text: string): boolean {
  const words = tokens(text);
  for (let i = 0; i < words.length; i++) if (MODIFIERS[words[i] as string]) return true;
  return false;
}

/** Matches one header text (already passed through labelText) against the form's fields. */
export function matchLabel(m: LabelMatcher, text: string): LabelMatch {
  let t = text;
  if (t.indexOf("trong do ") === 0) t = t.slice(9);
  if (isGeneric(t)) return NONE;
  // "Tỷ lệ thi hành xong (%)", "So với chỉ tiêu": a quantity computed from a field, not the field.
  if (isDerived(t)) return NONE;

  const exact: string[] = [];
  for (let i = 0; i < m.fields.length; i++) {
    const f = m.fields[i] as FieldIndex;
    if (f.names.indexOf(t) >= 0) exact.push(f.field.key);
  }
  if (exact.length === 1) return { kind: "field", key: exact[0] as string, strength: 3 };
  if (exact.length > 1) return { kind: "ambiguous", keys: exact };

  // The label inside longer text ("Trong đó: thi hành xong", "Số việc có điều kiện thi hành"):
  // the longest label found wins, so "chưa có điều kiện" is not read as "có điều kiện".
  let longest = 0;
  let within: string[] = [];
  for (let i = 0; i < m.fields.length; i++) {
    const f = m.fields[i] as FieldIndex;
    for (let n = 0; n < f.names.length; n++) {
      const name = f.names[n] as string;
      if (!containsPhrase(t, name)) continue;
      if (name.length > longest) {
        longest = name.length;
        within = [f.field.key];
      } else if (name.length === longest && within.indexOf(f.field.key) < 0) within.push(f.field.key);
    }
  }
  if (within.length === 1) {
    // Words beyond the label that no part of it has ("Chưa có điều kiện đã chuyển sổ theo dõi
    // riêng") may change what the column counts: then the label only suggests the field.
    const f = fieldIndex(m, within[0] as string) as FieldIndex;
    const extra = contentWords(t);
    let foreign = false;
    for (let k = 0; k < extra.length; k++) if (f.content.indexOf(extra[k] as string) < 0 && !HARMLESS[extra[k] as string]) foreign = true;
    return { kind: "field", key: within[0] as string, strength: foreign ? 1 : 2 };
  }
  if (within.length > 1) return { kind: "ambiguous", keys: within };

  const content = contentWords(t);
  if (content.length === 0) return NONE;
  // A shortened label ("Thụ lý mới" for a longer one): the text inside exactly one label,
  // preferring the label it begins.
  if (tokens(t).length >= 2 || t.length >= 4) {
    const shortened: string[] = [];
    const prefixed: string[] = [];
    for (let i = 0; i < m.fields.length; i++) {
      const f = m.fields[i] as FieldIndex;
      const name = f.names[0] as string;
      if (!containsPhrase(name, t)) continue;
      shortened.push(f.field.key);
      if ((name + " ").indexOf(t + " ") === 0) prefixed.push(f.field.key);
    }
    if (shortened.length === 1) return { kind: "field", key: shortened[0] as string, strength: 1 };
    if (prefixed.length === 1) return { kind: "field", key: prefixed[0] as string, strength: 1 };
    if (shortened.length > 1) return { kind: "ambiguous", keys: shortened };
  }
  if (hasModifier(t)) return NONE;
  // Distinctive words: every word of the text belongs to one label, and one of them to no
  // other label of the form ("Hoãn thi hành án" for "Hoãn (theo thỏa thuận) / khác").
  const best: string[] = [];
  for (let i = 0; i < m.fields.length; i++) {
    const f = m.fields[i] as FieldIndex;
    let all = true;
    let distinctive = false;
    for (let k = 0; k < content.length; k++) {
      const tok = content[k] as string;
      if (f.content.indexOf(tok) < 0) all = false;
      const owners = m.owners[tok];
      if (owners && owners.length === 1 && owners[0] === f.field.key) distinctive = true;
    }
    if (all && distinctive) best.push(f.field.key);
  }
  if (best.length === 1) return { kind: "field", key: best[0] as string, strength: 1 };
  if (best.length > 1) return { kind: "ambiguous", keys: best };
  return NONE;
}

/**
 * Which part of a multi-part field a header names ("Tạm đình chỉ" of "Hoãn, tạm đình chỉ,
 * khác"), when it names a part and not the whole. -1 when it names none.
 */
export function matchPart(f: FieldIndex, text: string): number {
  if (f.parts.length < 2) return -1;
  let found = -1;
  for (let p = 0; p < f.parts.length; p++) {
    const part = f.parts[p] as string;
    if (text === part || containsPhrase(part, text) || containsPhrase(text, part)) {
      if (found >= 0) return -1;
      found = p;
    }
  }
  return found;
}

/**
 * Whether a label is a variant wording of a field's label ("Tổng thụ lý" for "Tổng số thụ
 * lý"): most of its words are that label's. "Số phải thu" numbered 1 is not "Tổng số thụ lý".
 */
export function variantOf(m: LabelMatcher, text: string, key: string): boolean {
  const content = contentWords(text);
  if (content.length === 0 || hasModifier(text)) return false;
  for (let i = 0; i < m.fields.length; i++) {
    const f = m.fields[i] as FieldIndex;
    if (f.field.key !== key) continue;
    let overlap = 0;
    for (let k = 0; k < content.length; k++) if (f.content.indexOf(content[k] as string) >= 0) overlap++;
    return overlap / content.length >= 0.6;
  }
  return false;
}

export function fieldIndex(m: LabelMatcher, key: string): FieldIndex | null {
  for (let i = 0; i < m.fields.length; i++) if ((m.fields[i] as FieldIndex).field.key === key) return m.fields[i] as FieldIndex;
  return null;
}
