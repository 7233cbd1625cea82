/**
 * Characters that have no place in the text people type into this system (names, labels,
 * explanations, reasons): NUL and the other C0/C1 control characters, DEL, and the Unicode
 * bidirectional controls that can make "Phòng 1" display as something else (the
 * "Trojan Source" trick). Two uses:
 *
 * - input: `findForbiddenCharacter` lets the API refuse such text with a message that names
 *   the field and the character (U+202E …);
 * - output: `stripControlCharacters` removes them from names printed on a sheet, and
 *   `xmlSafeText` removes what XML 1.0 forbids from any text written into an .xlsx part (an
 *   invalid part makes Excel "repair" the file).
 *
 * ES5-safe (no regex "u" flag): the task pane imports shared/ too.
 */

/** C0 controls except tab, LF and CR; DEL; C1 controls. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** Tab, LF and CR: allowed in multi-line text (explanations), not in names. */
const LINE_BREAK_OR_TAB = /[\t\n\r]/;
/** LRM, RLM, ALM, LRE…RLO, LRI…PDI: invisible characters that reorder what is displayed. */
const BIDI_CONTROL = /[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]/;
/** Noncharacters that XML 1.0 also forbids. */
const NONCHARACTER = /[\uFFFE\uFFFF]/;

export interface ForbiddenCharacter {
  /** "U+202E" */
  codePoint: string;
  index: number;
  kind: "control" | "line_break" | "bidi" | "noncharacter" | "lone_surrogate";
}

function hex(code: number): string {
  const h = code.toString(16).toUpperCase();
  return "U+" + "0000".slice(h.length) + h;
}

interface CodePoint {
  /** The character: one UTF-16 unit, or a surrogate pair. */
  text: string;
  /** Its first UTF-16 unit. */
  code: number;
  index: number;
  /** A surrogate without its partner: not a character at all. */
  lone: boolean;
}

/** The code points of `text` in order, pairs kept together, lone surrogates marked. */
function codePoints(text: string): CodePoint[] {
  const out: CodePoint[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const next = text.charCodeAt(i + 1);
    if (code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
      out.push({ text: text.slice(i, i + 2), code, index: i, lone: false });
      i++;
    } else {
      out.push({ text: text.charAt(i), code, index: i, lone: code >= 0xd800 && code <= 0xdfff });
    }
  }
  return out;
}

/**
 * The first character of `text` that is not allowed, or null. `multiline` allows tab, LF and
 * CR (explanations are paragraphs); names and labels are one line.
 */
export function findForbiddenCharacter(text: string, options: { multiline?: boolean } = {}): ForbiddenCharacter | null {
  for (const cp of codePoints(text)) {
    const at = { codePoint: hex(cp.code), index: cp.index };
    if (cp.lone) return { ...at, kind: "lone_surrogate" };
    if (LINE_BREAK_OR_TAB.test(cp.text)) {
      if (options.multiline) continue;
      return { ...at, kind: "line_break" };
    }
    if (CONTROL.test(cp.text)) return { ...at, kind: "control" };
    if (BIDI_CONTROL.test(cp.text)) return { ...at, kind: "bidi" };
    if (NONCHARACTER.test(cp.text)) return { ...at, kind: "noncharacter" };
  }
  return null;
}

/** What the message says about each kind, Vietnamese first. */
export const FORBIDDEN_CHARACTER_WORDS: Readonly<Record<ForbiddenCharacter["kind"], { vi: string; en: string }>> = {
  control: { vi: "ký tự điều khiển", en: "a control character" },
  line_break: { vi: "dấu xuống dòng hoặc tab (chỉ được một dòng)", en: "a line break or tab (one line only)" },
  bidi: { vi: "ký tự đảo chiều hiển thị văn bản", en: "a bidirectional-override character" },
  noncharacter: { vi: "ký tự không hợp lệ", en: "a noncharacter" },
  lone_surrogate: { vi: "ký tự Unicode bị cắt dở", en: "a broken (lone surrogate) Unicode character" },
};

/** "contains a control character (U+0007) at position 17", in both languages, lower case: the caller names the field. */
export function forbiddenCharacterText(bad: ForbiddenCharacter): { vi: string; en: string } {
  const words = FORBIDDEN_CHARACTER_WORDS[bad.kind];
  return {
    vi: `chứa ${words.vi} (${bad.codePoint}) ở vị trí ${bad.index + 1}`,
    en: `contains ${words.en} (${bad.codePoint}) at position ${bad.index + 1}`,
  };
}

/**
 * `text` without control, bidirectional-control and noncharacter code points; tab, LF and CR
 * become a space so that words do not run together. Lone surrogates are dropped.
 */
export function stripControlCharacters(text: string): string {
  let out = "";
  for (const cp of codePoints(text)) {
    if (LINE_BREAK_OR_TAB.test(cp.text)) out += " ";
    else if (!cp.lone && !CONTROL.test(cp.text) && !BIDI_CONTROL.test(cp.text) && !NONCHARACTER.test(cp.text)) out += cp.text;
  }
  return out;
}

/**
 * Text as XML 1.0 can carry it, for any string written into an .xlsx part: without the C0
 * controls XML forbids (tab, LF and CR stay), U+FFFE/U+FFFF and lone surrogates. One such
 * character in a unit name made the whole package unreadable ("Excel found unreadable content").
 */
export function xmlSafeText(text: string): string {
  let out = "";
  for (const cp of codePoints(text)) {
    const forbidden = cp.lone || (cp.code < 0x20 && !LINE_BREAK_OR_TAB.test(cp.text)) || NONCHARACTER.test(cp.text);
    if (!forbidden) out += cp.text;
  }
  return out;
}
