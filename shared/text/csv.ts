/**
 * CSV cells as RFC 4180 writes them, made safe to open in a spreadsheet.
 *
 * Excel, LibreOffice and Google Sheets read a cell that starts with "=", "+", "-" or "@" as a
 * formula (and a leading tab or carriage return can hide such a start), so a unit name like
 * `=HYPERLINK(...)` would run in the reader's spreadsheet ("CSV injection", OWASP). Text cells
 * starting so get a leading apostrophe, which spreadsheets show as plain text. Numbers are
 * written as numbers: a negative gap stays a number that any program parses.
 *
 * Pure and ES5-safe: the Worker's downloads and any renderer in shared/ call it.
 */

/** The first characters that make a spreadsheet read a text cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A character that forces quoting (RFC 4180 §2.6–2.7; a bare CR too, which Excel reads as a line break). */
const NEEDS_QUOTES = /[",\r\n]/;

/** Text with a leading apostrophe when it would otherwise start a formula. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? "'" + text : text;
}

/** One text cell: neutralised, then quoted with inner quotes doubled when it must be. */
export function csvText(text: string): string {
  const safe = neutraliseFormula(text);
  return NEEDS_QUOTES.test(safe) ? '"' + safe.replace(/"/g, '""') + '"' : safe;
}

/**
 * One cell of any value: empty for null/undefined, numbers as written by `String` (callers
 * that want fixed decimals pass `decimals`), everything else as text through `csvText`.
 */
export function csvCell(value: string | number | boolean | null | undefined, decimals?: number): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    if (!isFinite(value)) return "";
    return decimals === undefined ? String(value) : value.toFixed(decimals);
  }
  return csvText(String(value));
}

/** One record: cells joined by commas (the caller ends records with CRLF, as RFC 4180 does). */
export function csvRecord(cells: readonly string[]): string {
  return cells.join(",");
}

/**
 * Records of a CSV text (RFC 4180): quoted fields may hold separators, doubled quotes and line
 * breaks; a record ends at CRLF, LF or a bare CR outside quotes; a leading BOM is ignored.
 * `skipBlankLines` drops records whose fields are all empty (a hand-edited file's blank lines).
 */
export function parseCsv(text: string, options: { separator?: string; skipBlankLines?: boolean } = {}): string[][] {
  const sep = options.separator ?? ",";
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const src = text.charAt(0) === "\uFEFF" ? text.slice(1) : text;
  const endRecord = () => {
    row.push(field);
    field = "";
    if (!options.skipBlankLines || row.some((f) => f !== "")) rows.push(row);
    row = [];
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src.charAt(i);
    if (quoted) {
      if (ch === '"' && src.charAt(i + 1) === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && src.charAt(i + 1) === "\n") i++;
      endRecord();
    } else field += ch;
  }
  if (field !== "" || row.length > 0) endRecord();
  return rows;
}
