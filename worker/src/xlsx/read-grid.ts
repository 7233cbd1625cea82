import JSZip from "jszip";
import type { SheetGrid } from "../../../shared/reports/editable";

/**
 * The cells of an uploaded .xlsx as Office.js would give them (number, text, boolean, "" when
 * empty; a date as its serial), with each cell's number format, read from the workbook's XML
 * with jszip alone. Not with exceljs: reading a workbook with exceljs inside workerd left the
 * isolate unable to finish any later exceljs call — every .xlsx download after an upload was
 * cancelled as hung (tests/browser/org-sheets.test.ts) — and a reader of the four parts we need
 * is small. The XML is what Excel, LibreOffice and exceljs write: elements with attributes, text
 * escaped with the five entities and numeric references.
 */

export interface GridLimits {
  maxRows: number;
  maxColumns: number;
}

export class TooLargeSheet extends Error {
  constructor(readonly sheetName: string) {
    super("too large: " + sheetName);
  }
}

export class NotAWorkbook extends Error {}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (all, e: string) => {
    if (e[0] === "#") {
      const code = e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : all;
    }
    return ENTITIES[e] ?? all;
  });
}

function attr(tag: string, name: string): string | null {
  const m = new RegExp("\\s" + name + '="([^"]*)"').exec(tag);
  return m ? unescapeXml(m[1] as string) : null;
}

/** The text of every <t> in a string item, phonetic runs (<rPh>) left out as Excel shows them. */
function itemText(xml: string): string {
  const plain = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, "");
  let out = "";
  const re = /<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g;
  for (let m = re.exec(plain); m; m = re.exec(plain)) out += unescapeXml(m[1] as string);
  return out;
}

/** Excel's built-in number formats that matter for reading: percent and dates. */
const BUILT_IN_FORMATS: Record<number, string> = {
  0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%",
  14: "dd/mm/yyyy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 22: "m/d/yy h:mm", 49: "@",
};

function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

async function text(zip: JSZip, path: string): Promise<string | null> {
  const f = zip.file(path);
  return f ? f.async("string") : null;
}

function resolveTarget(target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = ("xl/" + target).split("/");
  const out: string[] = [];
  for (const p of parts) {
    if (p === "..") out.pop();
    else if (p !== ".") out.push(p);
  }
  return out.join("/");
}

/** Every worksheet as a grid; throws NotAWorkbook when the parts are missing, TooLargeSheet over the limits. */
export async function readXlsxGrids(bytes: Uint8Array, limits: GridLimits): Promise<SheetGrid[]> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new NotAWorkbook("not a zip");
  }
  const workbook = await text(zip, "xl/workbook.xml");
  const rels = await text(zip, "xl/_rels/workbook.xml.rels");
  if (workbook === null || rels === null) throw new NotAWorkbook("no workbook part");

  const targets: Record<string, string> = {};
  for (const m of rels.match(/<Relationship\b[^>]*>/g) ?? []) {
    const id = attr(m, "Id");
    const target = attr(m, "Target");
    if (id && target) targets[id] = resolveTarget(target);
  }

  const shared: string[] = [];
  const sst = await text(zip, "xl/sharedStrings.xml");
  if (sst !== null) for (const m of sst.match(/<si\b[^>]*>[\s\S]*?<\/si>|<si\b[^>]*\/>/g) ?? []) shared.push(itemText(m));

  // A cell's style index → its number format.
  const formatOfStyle: string[] = [];
  const styles = await text(zip, "xl/styles.xml");
  if (styles !== null) {
    const custom: Record<number, string> = {};
    for (const m of styles.match(/<numFmt\b[^>]*>/g) ?? []) {
      const id = Number(attr(m, "numFmtId"));
      const code = attr(m, "formatCode");
      if (code !== null) custom[id] = code;
    }
    const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles);
    for (const m of (xfs?.[1] ?? "").match(/<xf\b[^>]*>/g) ?? []) {
      const id = Number(attr(m, "numFmtId") ?? "0");
      formatOfStyle.push(custom[id] ?? BUILT_IN_FORMATS[id] ?? "General");
    }
  }

  const grids: SheetGrid[] = [];
  for (const m of workbook.match(/<sheet\b[^>]*>/g) ?? []) {
    const name = attr(m, "name") ?? "";
    const rid = attr(m, "r:id");
    const path = rid ? targets[rid] : undefined;
    const xml = path ? await text(zip, path) : null;
    if (xml === null) continue;
    const values: unknown[][] = [];
    const formats: string[][] = [];
    const cellRe = /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g;
    for (let c = cellRe.exec(xml); c; c = cellRe.exec(xml)) {
      const tag = "<c " + (c[1] as string);
      const ref = /^([A-Z]{1,3})([0-9]+)$/.exec(attr(tag, "r") ?? "");
      if (!ref) continue;
      const row = Number(ref[2]);
      const col = columnIndex(ref[1] as string);
      if (row > limits.maxRows || col > limits.maxColumns) throw new TooLargeSheet(name);
      const body = c[2] ?? "";
      const type = attr(tag, "t") ?? "n";
      const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
      let value: unknown = "";
      if (type === "s") value = v === undefined ? "" : (shared[Number(v)] ?? "");
      else if (type === "inlineStr") value = itemText(/<is>([\s\S]*?)<\/is>/.exec(body)?.[1] ?? "");
      else if (type === "str" || type === "e") value = v === undefined ? "" : unescapeXml(v);
      else if (type === "b") value = v === "1";
      else if (v !== undefined && v !== "") value = Number(v);
      const style = Number(attr(tag, "s") ?? "0");
      while (values.length < row) {
        values.push([]);
        formats.push([]);
      }
      const vals = values[row - 1] as unknown[];
      const fmts = formats[row - 1] as string[];
      while (vals.length < col) {
        vals.push("");
        fmts.push("General");
      }
      vals[col - 1] = value;
      fmts[col - 1] = formatOfStyle[style] ?? "General";
    }
    // Rectangular, as a used range is.
    const width = values.reduce((w, r) => Math.max(w, r.length), 0);
    values.forEach((r, i) => {
      const f = formats[i] as string[];
      while (r.length < width) {
        r.push("");
        f.push("General");
      }
    });
    grids.push({ sheetName: name, values, origin: { row: 0, col: 0 }, formats });
  }
  return grids;
}
