/**
 * Cells: what one cell of the in-memory workbook holds, and how a written value is stored
 * (parsed like typing: "=…" a formula, "'…" text, "12" a number).
 */
import { fail } from "./support";
import type { Scalar } from "./formula";

export type CellScalar = Scalar;

export interface CellData {
  value: CellScalar | null;
  formula: string | null;
  numberFormat: string;
  fill: string | null;
  bold: boolean;
  italic: boolean;
  fontColor: string;
  fontSize: number;
  fontName: string;
  hAlign: string;
  vAlign: string;
  wrap: boolean;
  locked: boolean;
  formulaHidden: boolean;
}

export function newCell(): CellData {
  return {
    value: null,
    formula: null,
    numberFormat: "General",
    fill: null,
    bold: false,
    italic: false,
    fontColor: "#000000",
    fontSize: 11,
    fontName: "Calibri",
    hAlign: "General",
    vAlign: "Bottom",
    wrap: false,
    locked: true,
    formulaHidden: false,
  };
}

export const DEFAULT_CELL = newCell();

/** A cell entry that holds nothing and looks like an untouched cell (the used range ignores it). */
export function sameAsDefault(c: CellData): boolean {
  const d = DEFAULT_CELL;
  return (
    c.numberFormat === d.numberFormat && c.fill === d.fill && c.bold === d.bold && c.italic === d.italic &&
    c.fontColor === d.fontColor && c.fontSize === d.fontSize && c.fontName === d.fontName && c.hAlign === d.hAlign &&
    c.vAlign === d.vAlign && c.wrap === d.wrap && c.locked === d.locked && c.formulaHidden === d.formulaHidden
  );
}

const HEX_COLOR = /^#?[0-9A-Fa-f]{6}$/;

export function normalizeColor(c: unknown): string {
  if (typeof c !== "string") fail("InvalidArgument", "A colour must be a string");
  if (HEX_COLOR.test(c)) return (c.charAt(0) === "#" ? c : "#" + c).toUpperCase();
  return c;
}

export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : "'" + name.split("'").join("''") + "'";
}

export function isNumericText(s: string): boolean {
  return /^\s*[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?\s*$/.test(s);
}

/** What typing (or writing `values`/`formulas`) a value into a cell stores. */
export function parseInput(v: unknown): { value: CellScalar | null; formula: string | null } {
  if (typeof v === "number") {
    if (!isFinite(v)) fail("InvalidArgument", "Not a finite number: " + v);
    return { value: v, formula: null };
  }
  if (typeof v === "boolean") return { value: v, formula: null };
  if (typeof v !== "string") fail("InvalidArgument", "Unsupported cell value: " + String(v));
  if (v === "") return { value: null, formula: null };
  if (v.charAt(0) === "'") return { value: v.slice(1), formula: null };
  if (v.charAt(0) === "=" && v.length > 1) return { value: null, formula: v };
  if (isNumericText(v)) return { value: Number(v), formula: null };
  return { value: v, formula: null };
}
