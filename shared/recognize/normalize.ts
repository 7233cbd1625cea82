/**
 * Text as a clerk's sheet may spell it, reduced to one comparable form: lower case, no
 * diacritics ("đ" → "d"), punctuation and line breaks as spaces, spaces collapsed.
 * "TỔNG SỐ  THỤ LÝ", "Tổng số\nthụ lý" and "Tong so thu ly" all become "tong so thu ly".
 *
 * Written for the IE11 task pane: no String.prototype.normalize (IE11 lacks it and core-js
 * does not polyfill it), no Unicode property escapes, only ES5 string methods.
 */

const GROUPS: [string, string][] = [
  ["a", "àáảãạăằắẳẵặâầấẩẫậäåā"],
  ["e", "èéẻẽẹêềếểễệëē"],
  ["i", "ìíỉĩịïî"],
  ["o", "òóỏõọôồốổỗộơờớởỡợöø"],
  ["u", "ùúủũụưừứửữựüû"],
  ["y", "ỳýỷỹỵÿ"],
  ["d", "đð"],
  ["c", "ç"],
  ["n", "ñ"],
];

const BASE: Record<string, string> = {};
for (let g = 0; g < GROUPS.length; g++) {
  const group = GROUPS[g] as [string, string];
  for (let i = 0; i < group[1].length; i++) BASE[group[1].charAt(i)] = group[0];
}

function isCombiningMark(code: number): boolean {
  // Text pasted from some sources is decomposed: "e" + U+0302 + U+0301 instead of "ế".
  return code >= 0x0300 && code <= 0x036f;
}

/** Lower case, without diacritics, keeping every other character. */
export function foldDiacritics(text: string): string {
  const lower = text.toLowerCase();
  let out = "";
  for (let i = 0; i < lower.length; i++) {
    const ch = lower.charAt(i);
    if (isCombiningMark(lower.charCodeAt(i))) continue;
    const base = BASE[ch];
    out += base === undefined ? ch : base;
  }
  return out;
}

/** The comparable form: letters a–z and digits, single spaces between words. */
export function normalizeText(text: string): string {
  const folded = foldDiacritics(text);
  let out = "";
  let space = false;
  for (let i = 0; i < folded.length; i++) {
    const ch = folded.charAt(i);
    const word = (ch >= "a" && ch <= "z") || (ch >= "0" && ch <= "9");
    if (word) {
      if (space && out.length > 0) out += " ";
      out += ch;
      space = false;
    } else {
      space = true;
    }
  }
  return out;
}

export function tokens(normalized: string): string[] {
  return normalized === "" ? [] : normalized.split(" ");
}

/** Whether `needle` occurs in `haystack` as whole words (both normalised). */
export function containsWords(haystack: string, needle: string): boolean {
  if (needle === "") return false;
  return (" " + haystack + " ").indexOf(" " + needle + " ") >= 0;
}

/** What a cell shows as text: strings as they are, numbers and booleans as written; empty otherwise. */
export function cellText(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" && isFinite(value)) return String(value);
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  return "";
}

export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "string" && /^\s*$/.test(value));
}
