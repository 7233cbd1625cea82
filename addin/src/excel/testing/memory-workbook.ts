/**
 * A small in-memory workbook that behaves like the part of the Excel JavaScript API this
 * add-in uses, for tests in Node and for the headless-browser check (where it stands in for
 * the Office host). Plain TypeScript, no Node APIs.
 *
 * What it keeps from Office.js, because that is where add-ins break:
 *  - commands are queued and run only at `context.sync()`; every sync is counted;
 *  - a property can be read only after `load()` and a sync (else PropertyNotLoaded);
 *  - an API above the workbook's ExcelApi level throws ApiNotFound, so a 1.1 code path
 *    that strays is caught;
 *  - a protected sheet refuses edits of locked cells, formatting it was not allowed,
 *    merges, notes and comments (AccessDenied);
 *  - "no fill" reads back as "#FFFFFF" (only tintAndShade, 1.9, tells it from white);
 *  - writing values parses text like typing: "=…" is a formula, "'…" is text, "12" a number;
 *  - onChanged handlers are called after the sync that changed the cells.
 * A formula evaluator (formula.ts) covers SUM/MIN/MAX/ABS and + - * / on references.
 */

import {
  MAX_COLUMNS,
  cellAddress,
  parseRangeAddress,
  rangeAddress,
  rectsIntersect,
  stripSheet,
  type RangeRect,
} from "../address";
import { evaluateFormula, type Scalar } from "./formula";

export type FakeApiLevel = "1.1" | "1.7" | "1.8" | "1.10" | "1.18";
export type CellScalar = Scalar;

// ——— Errors ———

export type FakeErrorCode =
  | "PropertyNotLoaded"
  | "ApiNotFound"
  | "ItemNotFound"
  | "ItemAlreadyExists"
  | "InvalidArgument"
  | "InvalidOperation"
  | "InvalidObjectPath"
  | "AccessDenied";

/** Shaped like OfficeExtension.Error: `code`, `message`, `debugInfo`. */
export class FakeOfficeError extends Error {
  readonly code: FakeErrorCode;
  readonly debugInfo: { code: string; message: string };

  constructor(code: FakeErrorCode, message: string) {
    super(message);
    // Keeps instanceof working once compiled to ES5.
    Object.setPrototypeOf(this, FakeOfficeError.prototype);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message };
  }
}

function fail(code: FakeErrorCode, message: string): never {
  throw new FakeOfficeError(code, message);
}

function minorOf(level: string): number {
  const m = /^1\.([0-9]+)$/.exec(level);
  return m ? Number(m[1]) : 0;
}

// ——— The data ———

interface CellData {
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

function newCell(): CellData {
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

const DEFAULT_CELL = newCell();

/** A cell entry that holds nothing and looks like an untouched cell (the used range ignores it). */
function sameAsDefault(c: CellData): boolean {
  const d = DEFAULT_CELL;
  return (
    c.numberFormat === d.numberFormat && c.fill === d.fill && c.bold === d.bold && c.italic === d.italic &&
    c.fontColor === d.fontColor && c.fontSize === d.fontSize && c.fontName === d.fontName && c.hAlign === d.hAlign &&
    c.vAlign === d.vAlign && c.wrap === d.wrap && c.locked === d.locked && c.formulaHidden === d.formulaHidden
  );
}

/**
 * A conditional format's formula as it applies to another cell of its range: relative
 * references move by the offset, `$` parts stay (as Excel reads "=$F8<$G8" on row 9).
 */
export function shiftFormula(formula: string, rowOffset: number, columnOffset: number): string {
  let out = "";
  let i = 0;
  while (i < formula.length) {
    const ch = formula.charAt(i);
    if (ch === '"') {
      const end = formula.indexOf('"', i + 1);
      const stop = end < 0 ? formula.length : end + 1;
      out += formula.slice(i, stop);
      i = stop;
      continue;
    }
    const prev = i > 0 ? formula.charAt(i - 1) : "";
    const m = /^(\$?)([A-Za-z]{1,3})(\$?)([0-9]{1,7})(?![A-Za-z0-9(_])/.exec(formula.slice(i));
    if (m && !/[A-Za-z0-9_.]/.test(prev)) {
      const column = m[1] === "$" ? columnNumberOf(m[2] as string) : columnNumberOf(m[2] as string) + columnOffset;
      const row = m[3] === "$" ? Number(m[4]) : Number(m[4]) + rowOffset;
      out += m[1] + columnLettersOf(column) + m[3] + row;
      i += m[0].length;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

function columnNumberOf(letters: string): number {
  let n = 0;
  const upper = letters.toUpperCase();
  for (let i = 0; i < upper.length; i++) n = n * 26 + (upper.charCodeAt(i) - 64);
  return n;
}

function columnLettersOf(column: number): string {
  let n = column;
  let out = "";
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export interface FakeProtectionOptions {
  allowFormatCells?: boolean;
  allowFormatColumns?: boolean;
  allowFormatRows?: boolean;
  allowInsertColumns?: boolean;
  allowInsertRows?: boolean;
  allowDeleteColumns?: boolean;
  allowDeleteRows?: boolean;
  allowEditObjects?: boolean;
  [option: string]: unknown;
}

export interface FakeBorderRecord {
  address: string;
  edge: string;
  style?: string;
  weight?: string;
  color?: string;
}

export interface FakeValidationRecord {
  address: string;
  rule?: unknown;
  errorAlert?: unknown;
}

export interface FakeTableRecord {
  name: string;
  address: string;
  headers: string[];
  style: string;
  showTotals: boolean;
}

export interface FakeConditionalFormatRecord {
  address: string;
  type: string;
  /** The custom rule's formula, relative to the top-left cell of `address`. */
  formula: string | null;
  fill: string | null;
  fontColor: string | null;
  bold: boolean | null;
}

export interface FakeChartSeriesRecord {
  name: string;
  /** Null: the chart's own type. */
  chartType: string | null;
  fill: string | null;
  lineColor: string | null;
  lineWeight: number | null;
  markerStyle: string | null;
  hasDataLabels: boolean;
  values: (CellScalar | "")[];
  /** Point index → colour set with points.getItemAt(i).format.fill.setSolidColor. */
  pointFills: Record<number, string>;
}

export interface FakeChartRecord {
  name: string;
  type: string;
  source: string;
  seriesBy: string;
  title: string | null;
  legend: { position?: string; visible?: boolean };
  position: { start: string; end: string | null } | null;
  valueAxis: { minimum?: number; maximum?: number; majorUnit?: number; title?: string };
  categoryAxis: { title?: string };
  categories: (CellScalar | "")[];
  series: FakeChartSeriesRecord[];
}

export interface FakeChangedEvent {
  address: string;
  changeType: "RangeEdited";
  source: "Local";
  type: "WorksheetChanged";
  worksheetId: string;
}

type ChangedHandler = (event: FakeChangedEvent) => unknown;

class SheetData {
  cells: Record<string, CellData> = {};
  merges: RangeRect[] = [];
  columnWidths: Record<number, number> = {};
  rowHeights: Record<number, number> = {};
  hiddenRows: Record<number, true> = {};
  hiddenColumns: Record<number, true> = {};
  protection: { protected: boolean; options: FakeProtectionOptions } = { protected: false, options: {} };
  pageLayout: Record<string, unknown> = {};
  showGridlines = true;
  notes: Record<string, { content: string; authorName: string }> = {};
  borders: FakeBorderRecord[] = [];
  validations: FakeValidationRecord[] = [];
  handlers: { id: number; fn: ChangedHandler }[] = [];
  tables: FakeTableRecord[] = [];
  conditionalFormats: FakeConditionalFormatRecord[] = [];
  charts: FakeChartRecord[] = [];
  frozen: { rows: number; columns: number } = { rows: 0, columns: 0 };

  constructor(
    readonly id: string,
    public name: string,
  ) {}

  get(row: number, column: number): CellData {
    return this.cells[row + "," + column] || DEFAULT_CELL;
  }

  edit(row: number, column: number): CellData {
    const key = row + "," + column;
    let c = this.cells[key];
    if (!c) {
      c = newCell();
      this.cells[key] = c;
    }
    return c;
  }

  clone(): SheetData {
    const s = new SheetData(this.id, this.name);
    for (const k of Object.keys(this.cells)) s.cells[k] = { ...(this.cells[k] as CellData) };
    s.merges = this.merges.map((m) => ({ ...m }));
    s.columnWidths = { ...this.columnWidths };
    s.rowHeights = { ...this.rowHeights };
    s.hiddenRows = { ...this.hiddenRows };
    s.hiddenColumns = { ...this.hiddenColumns };
    s.protection = { protected: this.protection.protected, options: { ...this.protection.options } };
    s.pageLayout = JSON.parse(JSON.stringify(this.pageLayout)) as Record<string, unknown>;
    s.showGridlines = this.showGridlines;
    for (const k of Object.keys(this.notes)) s.notes[k] = { ...(this.notes[k] as { content: string; authorName: string }) };
    s.borders = this.borders.map((b) => ({ ...b }));
    s.validations = this.validations.map((v) => ({ ...v }));
    s.tables = copy(this.tables);
    s.conditionalFormats = copy(this.conditionalFormats);
    s.charts = copy(this.charts);
    s.frozen = { ...this.frozen };
    // Event handlers belong to a task pane session: they do not survive a reopen.
    return s;
  }
}

interface CommentData {
  id: string;
  sheetId: string;
  address: string;
  content: string;
  authorName: string;
}

/** What a test can see of one cell. */
export interface CellSnapshot {
  address: string;
  /** The displayed value: a formula's result, "" when empty. */
  value: CellScalar | "";
  formula: string | null;
  numberFormat: string;
  /** null = no fill. */
  fill: string | null;
  bold: boolean;
  italic: boolean;
  fontColor: string;
  fontSize: number;
  fontName: string;
  horizontalAlignment: string;
  wrap: boolean;
  locked: boolean;
  formulaHidden: boolean;
  merged: boolean;
  note: string | null;
  comment: string | null;
}

export type FakeOperation =
  | { kind: "sync" }
  | { kind: "load"; target: string; property: string }
  | { kind: "write"; sheet: string; address: string; property: string }
  | { kind: "call"; api: string; sheet?: string; address?: string };

const HEX_COLOR = /^#?[0-9A-Fa-f]{6}$/;

function normalizeColor(c: unknown): string {
  if (typeof c !== "string") fail("InvalidArgument", "A colour must be a string");
  if (HEX_COLOR.test(c)) return (c.charAt(0) === "#" ? c : "#" + c).toUpperCase();
  return c;
}

function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : "'" + name.split("'").join("''") + "'";
}

function isNumericText(s: string): boolean {
  return /^\s*[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?\s*$/.test(s);
}

/** What typing (or writing `values`/`formulas`) a value into a cell stores. */
function parseInput(v: unknown): { value: CellScalar | null; formula: string | null } {
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

// ——— The workbook ———

export interface MemoryWorkbookOptions {
  apiLevel?: FakeApiLevel;
  /** Sheets of a fresh workbook; default ["Sheet1"]. */
  sheetNames?: string[];
}

export class MemoryWorkbook {
  apiLevel: FakeApiLevel;
  /** Every context.sync() of every Excel.run on this workbook. */
  syncCount = 0;
  readonly operations: FakeOperation[] = [];
  /** @internal */ sheets: SheetData[] = [];
  /** @internal */ comments: CommentData[] = [];
  /** @internal */ activeId: string | null = null;
  /** @internal */ selection: { sheetId: string; address: string } | null = null;
  private nextId = 1;
  private pendingEvents: Promise<unknown>[] = [];
  private changedInSync: { sheet: SheetData; rect: RangeRect }[] | null = null;

  constructor(options: MemoryWorkbookOptions = {}) {
    this.apiLevel = options.apiLevel || "1.1";
    const names = options.sheetNames || ["Sheet1"];
    for (const n of names) this.addSheetData(n);
    const first = this.sheets[0];
    this.activeId = first ? first.id : null;
  }

  // ——— Test and clerk helpers (not Office.js API) ———

  sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }

  activeSheetName(): string | null {
    const s = this.findById(this.activeId);
    return s ? s.name : null;
  }

  /** The clerk clicks another sheet tab. */
  activate(sheetName: string): void {
    this.activeId = this.sheetByName(sheetName).id;
  }

  /** The clerk types into a cell (like Enter): parsed like typing, refused on a locked cell of a protected sheet. */
  type(sheetName: string, address: string, input: string | number | boolean): void {
    const sheet = this.sheetByName(sheetName);
    const rect = this.rectOf(address);
    this.assertEditable(sheet, rect, "content");
    const parsed = parseInput(input);
    for (let r = rect.top; r <= rect.bottom; r++) {
      for (let c = rect.left; c <= rect.right; c++) {
        const cell = sheet.edit(r, c);
        cell.value = parsed.value;
        cell.formula = parsed.formula;
      }
    }
    this.fireChanged([{ sheet, rect }]);
  }

  /** The clerk colours cells themselves (null = "No Fill"). */
  setFill(sheetName: string, address: string, color: string | null): void {
    const sheet = this.sheetByName(sheetName);
    const rect = this.rectOf(address);
    this.assertEditable(sheet, rect, "format");
    this.eachCell(rect, (r, c) => {
      sheet.edit(r, c).fill = color === null ? null : normalizeColor(color);
    });
  }

  /** The clerk's own note (not the add-in's). */
  addNote(sheetName: string, address: string, content: string): void {
    this.sheetByName(sheetName).notes[stripSheet(address).toUpperCase()] = { content, authorName: "Clerk" };
  }

  /** The clerk's own threaded comment. */
  addComment(sheetName: string, address: string, content: string): void {
    const sheet = this.sheetByName(sheetName);
    this.comments.push({ id: "c" + this.nextId++, sheetId: sheet.id, address: stripSheet(address).toUpperCase(), content, authorName: "Clerk" });
  }

  cell(sheetName: string, address: string): CellSnapshot {
    const sheet = this.sheetByName(sheetName);
    const rect = this.rectOf(address);
    const r = rect.top;
    const c = rect.left;
    const data = sheet.get(r, c);
    const a = cellAddress(r, c);
    let comment: string | null = null;
    for (const x of this.comments) if (x.sheetId === sheet.id && x.address === a) comment = x.content;
    const note = sheet.notes[a];
    let merged = false;
    for (const m of sheet.merges) if (rectsIntersect(m, rect)) merged = true;
    return {
      address: a,
      value: this.valueAt(sheet, r, c, {}),
      formula: data.formula,
      numberFormat: data.numberFormat,
      fill: data.fill,
      bold: data.bold,
      italic: data.italic,
      fontColor: data.fontColor,
      fontSize: data.fontSize,
      fontName: data.fontName,
      horizontalAlignment: data.hAlign,
      wrap: data.wrap,
      locked: data.locked,
      formulaHidden: data.formulaHidden,
      merged,
      note: note ? note.content : null,
      comment,
    };
  }

  /**
   * What the cell looks like once conditional formats are applied: the first rule of a
   * format covering the cell whose formula is TRUE there gives its fill and font colour.
   */
  displayed(sheetName: string, address: string): { fill: string | null; fontColor: string; rule: string | null } {
    const sheet = this.sheetByName(sheetName);
    const at = this.rectOf(address);
    const base = sheet.get(at.top, at.left);
    for (const f of sheet.conditionalFormats) {
      const r = this.rectOf(f.address);
      if (f.formula === null || at.top < r.top || at.top > r.bottom || at.left < r.left || at.left > r.right) continue;
      const shifted = shiftFormula(f.formula, at.top - r.top, at.left - r.left);
      const v = evaluateFormula(shifted, (row, column) => {
        const x = this.valueAt(sheet, row, column, {});
        return x === "" ? null : x;
      });
      if (v === true) return { fill: f.fill !== null ? f.fill : base.fill, fontColor: f.fontColor !== null ? f.fontColor : base.fontColor, rule: f.formula };
    }
    return { fill: base.fill, fontColor: base.fontColor, rule: null };
  }

  /** Displayed values of a range as a 2-D array ("" for empty cells). */
  values(sheetName: string, address: string): (CellScalar | "")[][] {
    return this.readValues(this.sheetByName(sheetName), this.rectOf(address));
  }

  /** Everything else a test may want to look at on a sheet. */
  sheetInfo(sheetName: string): {
    id: string;
    protected: boolean;
    protectionOptions: FakeProtectionOptions;
    merges: string[];
    columnWidths: Record<number, number>;
    rowHeights: Record<number, number>;
    hiddenRows: number[];
    pageLayout: Record<string, unknown>;
    showGridlines: boolean;
    borders: FakeBorderRecord[];
    validations: FakeValidationRecord[];
    tables: FakeTableRecord[];
    conditionalFormats: FakeConditionalFormatRecord[];
    charts: FakeChartRecord[];
    frozen: { rows: number; columns: number };
    notes: Record<string, string>;
    comments: { id: string; address: string; content: string }[];
    changedHandlers: number;
  } {
    const s = this.sheetByName(sheetName);
    const notes: Record<string, string> = {};
    for (const k of Object.keys(s.notes)) notes[k] = (s.notes[k] as { content: string }).content;
    return {
      id: s.id,
      protected: s.protection.protected,
      protectionOptions: { ...s.protection.options },
      merges: s.merges.map(rangeAddress),
      columnWidths: { ...s.columnWidths },
      rowHeights: { ...s.rowHeights },
      hiddenRows: Object.keys(s.hiddenRows).map(Number),
      pageLayout: { ...s.pageLayout },
      showGridlines: s.showGridlines,
      borders: s.borders.slice(),
      validations: s.validations.slice(),
      tables: copy(s.tables),
      conditionalFormats: copy(s.conditionalFormats),
      charts: copy(s.charts),
      frozen: { ...s.frozen },
      notes,
      comments: this.comments.filter((c) => c.sheetId === s.id).map((c) => ({ id: c.id, address: c.address, content: c.content })),
      changedHandlers: s.handlers.length,
    };
  }

  selectedAddress(): { sheet: string; address: string } | null {
    if (!this.selection) return null;
    const s = this.findById(this.selection.sheetId);
    return s ? { sheet: s.name, address: this.selection.address } : null;
  }

  /**
   * Saved and opened again, possibly on another Excel (apiLevel): same sheets, cells,
   * formats, notes and comments; no event handlers, no counters, nothing held by a task pane.
   */
  reopen(options: { apiLevel?: FakeApiLevel } = {}): MemoryWorkbook {
    const wb = new MemoryWorkbook({ apiLevel: options.apiLevel || this.apiLevel, sheetNames: [] });
    wb.sheets = this.sheets.map((s) => s.clone());
    wb.comments = this.comments.map((c) => ({ ...c }));
    wb.activeId = this.activeId;
    wb.nextId = this.nextId;
    return wb;
  }

  /** Waits for the onChanged handlers called so far. */
  settled(): Promise<void> {
    const pending = this.pendingEvents;
    this.pendingEvents = [];
    return Promise.all(pending).then(() => (this.pendingEvents.length > 0 ? this.settled() : undefined));
  }

  clearLog(): void {
    this.operations.length = 0;
    this.syncCount = 0;
  }

  /** Operations of one kind, e.g. writes of "format/fill/color". */
  writes(property?: string): { sheet: string; address: string; property: string }[] {
    const out: { sheet: string; address: string; property: string }[] = [];
    for (const op of this.operations) if (op.kind === "write" && (property === undefined || op.property === property)) out.push(op);
    return out;
  }

  /** Calls of API methods, e.g. "Range.merge". */
  calls(api?: string): { api: string; sheet?: string; address?: string }[] {
    const out: { api: string; sheet?: string; address?: string }[] = [];
    for (const op of this.operations) if (op.kind === "call" && (api === undefined || op.api === api)) out.push(op);
    return out;
  }

  // ——— Internals used by the API objects ———

  /** @internal */
  requireLevel(min: string, api: string): void {
    if (minorOf(min) > minorOf(this.apiLevel)) {
      fail("ApiNotFound", api + " needs ExcelApi " + min + "; this Excel supports ExcelApi " + this.apiLevel);
    }
  }

  /** @internal */
  isSetSupported(name: string, version?: string): boolean {
    if (name !== "ExcelApi") return false;
    return version === undefined || minorOf(version) <= minorOf(this.apiLevel);
  }

  /** @internal */
  log(op: FakeOperation): void {
    this.operations.push(op);
  }

  /** @internal */
  beginSync(): void {
    this.syncCount++;
    this.log({ kind: "sync" });
    this.changedInSync = [];
  }

  /** @internal */
  endSync(): void {
    const changed = this.changedInSync || [];
    this.changedInSync = null;
    this.fireChanged(changed);
  }

  private fireChanged(changes: { sheet: SheetData; rect: RangeRect }[]): void {
    for (const ch of changes) {
      const event: FakeChangedEvent = {
        address: rangeAddress(ch.rect),
        changeType: "RangeEdited",
        source: "Local",
        type: "WorksheetChanged",
        worksheetId: ch.sheet.id,
      };
      for (const h of ch.sheet.handlers.slice()) {
        this.pendingEvents.push(Promise.resolve().then(() => h.fn(event)));
      }
    }
  }

  /** @internal */
  addSheetData(name: string): SheetData {
    if (this.findByName(name)) fail("ItemAlreadyExists", "A sheet named " + name + " already exists");
    if (name.length > 31 || /[:\\/?*[\]]/.test(name) || name === "") fail("InvalidArgument", "Invalid sheet name: " + name);
    const s = new SheetData("{sheet-" + this.nextId++ + "}", name);
    this.sheets.push(s);
    return s;
  }

  /** @internal */
  findByName(name: string): SheetData | null {
    const lower = name.toLowerCase();
    for (const s of this.sheets) if (s.name.toLowerCase() === lower) return s;
    return null;
  }

  /** @internal */
  findById(id: string | null): SheetData | null {
    for (const s of this.sheets) if (s.id === id) return s;
    return null;
  }

  /** @internal */
  sheetByName(name: string): SheetData {
    const s = this.findByName(name);
    if (!s) return fail("ItemNotFound", "No sheet named " + name);
    return s;
  }

  /** @internal "Table1", "Table2"…: unique in the workbook, as Excel names them. */
  newTableName(): string {
    for (let i = 1; ; i++) if (!this.tableNameTaken("Table" + i, null)) return "Table" + i;
  }

  /** @internal */
  tableNameTaken(name: string, except: FakeTableRecord | null): boolean {
    for (const s of this.sheets) for (const t of s.tables) if (t !== except && t.name.toLowerCase() === name.toLowerCase()) return true;
    return false;
  }

  private chartCounter = 0;

  /** @internal */
  newChartNumber(): number {
    return ++this.chartCounter;
  }

  /** @internal */
  newCommentId(): string {
    return "c" + this.nextId++;
  }

  /** @internal */
  rectOf(address: string): RangeRect {
    const r = parseRangeAddress(address);
    if (!r) return fail("InvalidArgument", "Invalid range address: " + address);
    return r;
  }

  /** @internal */
  eachCell(rect: RangeRect, fn: (row: number, column: number) => void): void {
    if ((rect.bottom - rect.top + 1) * (rect.right - rect.left + 1) > 200000) {
      fail("InvalidArgument", "The in-memory workbook does not format whole rows or columns cell by cell: " + rangeAddress(rect));
    }
    for (let r = rect.top; r <= rect.bottom; r++) for (let c = rect.left; c <= rect.right; c++) fn(r, c);
  }

  /** @internal */
  assertEditable(
    sheet: SheetData,
    rect: RangeRect,
    what: "content" | "format" | "columns" | "rows" | "objects" | "structure",
  ): void {
    const p = sheet.protection;
    if (!p.protected) return;
    const o = p.options;
    const refuse = (): never => fail("AccessDenied", "The sheet " + sheet.name + " is protected: cannot change " + what + " of " + rangeAddress(rect));
    if (what === "format" && !o.allowFormatCells) refuse();
    if (what === "columns" && !o.allowFormatColumns) refuse();
    if (what === "rows" && !o.allowFormatRows) refuse();
    if (what === "objects" || what === "structure") refuse();
    if (what === "content") {
      this.eachCell(rect, (r, c) => {
        if (sheet.get(r, c).locked) refuse();
      });
    }
  }

  /** @internal */
  writeCells(sheet: SheetData, rect: RangeRect, data: unknown, property: "values" | "formulas"): void {
    const rows = this.checkShape(rect, data);
    this.assertEditable(sheet, rect, "content");
    for (let i = 0; i < rows.length; i++) {
      const line = rows[i] as unknown[];
      for (let j = 0; j < line.length; j++) {
        const v = line[j];
        // Office.js: null leaves the cell as it is.
        if (v === null || v === undefined) continue;
        const parsed = parseInput(v);
        const cell = sheet.edit(rect.top + i, rect.left + j);
        cell.value = parsed.value;
        cell.formula = parsed.formula;
      }
    }
    this.log({ kind: "write", sheet: sheet.name, address: rangeAddress(rect), property });
    if (this.changedInSync) this.changedInSync.push({ sheet, rect });
  }

  /** @internal */
  writeNumberFormat(sheet: SheetData, rect: RangeRect, data: unknown): void {
    const rows = this.checkShape(rect, data);
    this.assertEditable(sheet, rect, "format");
    for (let i = 0; i < rows.length; i++) {
      const line = rows[i] as unknown[];
      for (let j = 0; j < line.length; j++) {
        const v = line[j];
        if (v === null || v === undefined) continue;
        if (typeof v !== "string") fail("InvalidArgument", "A number format must be text");
        sheet.edit(rect.top + i, rect.left + j).numberFormat = v;
      }
    }
    this.log({ kind: "write", sheet: sheet.name, address: rangeAddress(rect), property: "numberFormat" });
  }

  /** @internal */
  formatCells(sheet: SheetData, rect: RangeRect, property: string, apply: (c: CellData) => void): void {
    this.assertEditable(sheet, rect, "format");
    this.eachCell(rect, (r, c) => apply(sheet.edit(r, c)));
    this.log({ kind: "write", sheet: sheet.name, address: rangeAddress(rect), property });
  }

  private checkShape(rect: RangeRect, data: unknown): unknown[][] {
    const height = rect.bottom - rect.top + 1;
    const width = rect.right - rect.left + 1;
    if (!Array.isArray(data) || data.length !== height) {
      fail("InvalidArgument", "Expected " + height + " rows for " + rangeAddress(rect));
    }
    for (const line of data) {
      if (!Array.isArray(line) || line.length !== width) {
        fail("InvalidArgument", "Expected " + width + " columns for " + rangeAddress(rect));
      }
    }
    return data as unknown[][];
  }

  /** @internal */
  valueAt(sheet: SheetData, row: number, column: number, visiting: Record<string, true>): CellScalar | "" {
    const cell = sheet.get(row, column);
    if (cell.formula === null) return cell.value === null ? "" : cell.value;
    const key = row + "," + column;
    if (visiting[key]) return 0; // Excel warns about circular references and shows 0.
    visiting[key] = true;
    const v = evaluateFormula(cell.formula, (r, c) => {
      const x = this.valueAt(sheet, r, c, visiting);
      return x === "" ? null : x;
    });
    delete visiting[key];
    return v;
  }

  /** @internal */
  readValues(sheet: SheetData, rect: RangeRect): (CellScalar | "")[][] {
    const out: (CellScalar | "")[][] = [];
    for (let r = rect.top; r <= rect.bottom; r++) {
      const line: (CellScalar | "")[] = [];
      for (let c = rect.left; c <= rect.right; c++) line.push(this.valueAt(sheet, r, c, {}));
      out.push(line);
    }
    return out;
  }

  /** @internal */
  readFormulas(sheet: SheetData, rect: RangeRect): (CellScalar | "")[][] {
    const out: (CellScalar | "")[][] = [];
    for (let r = rect.top; r <= rect.bottom; r++) {
      const line: (CellScalar | "")[] = [];
      for (let c = rect.left; c <= rect.right; c++) {
        const cell = sheet.get(r, c);
        line.push(cell.formula !== null ? cell.formula : cell.value === null ? "" : cell.value);
      }
      out.push(line);
    }
    return out;
  }

  /** @internal The common value of a property over a range, or null when the cells differ (as Office.js does). */
  uniform<T>(sheet: SheetData, rect: RangeRect, pick: (c: CellData) => T): T | null {
    let first = true;
    let out: T | null = null;
    this.eachCell(rect, (r, c) => {
      const v = pick(sheet.get(r, c));
      if (first) {
        out = v;
        first = false;
      } else if (out !== v) out = null;
    });
    return out;
  }
}

// ——— The Office.js-shaped objects ———

interface PropSpec {
  min: string;
  get?: () => unknown;
  set?: (v: unknown) => void;
}

type LoadSpec = string | string[] | { select?: string } | undefined;

function pathsOf(spec: LoadSpec): string[] {
  let text: string[] = [];
  if (spec === undefined) return [];
  if (typeof spec === "string") text = spec.split(",");
  else if (Array.isArray(spec)) text = spec;
  else if (typeof spec === "object" && typeof spec.select === "string") text = spec.select.split(",");
  else fail("InvalidArgument", "The in-memory workbook loads property names only");
  const out: string[] = [];
  for (const t of text) {
    const p = t.trim();
    if (p !== "") out.push(p);
  }
  return out;
}

function copy<T>(v: T): T {
  if (Array.isArray(v)) return v.map((x) => copy(x)) as unknown as T;
  if (v !== null && typeof v === "object") return JSON.parse(JSON.stringify(v)) as T;
  return v;
}

/** A queued command runner, like Excel.RequestContext. */
export class FakeRequestContext {
  readonly workbook: FakeWorkbook;
  /** Accepted and ignored: the in-memory objects never go stale. */
  readonly trackedObjects = { add: (_o: unknown): void => undefined, remove: (_o: unknown): void => undefined };
  private queue: (() => void)[] = [];
  /** @internal */ closed = false;

  constructor(readonly book: MemoryWorkbook) {
    this.workbook = new FakeWorkbook(this);
  }

  /** @internal */
  enqueue(op: () => void): void {
    if (this.closed) fail("InvalidObjectPath", "This object belongs to an Excel.run batch that has ended");
    this.queue.push(op);
  }

  /** @internal */
  hasPending(): boolean {
    return this.queue.length > 0;
  }

  sync<T>(passThroughValue?: T): Promise<T> {
    if (this.closed) return Promise.reject(new FakeOfficeError("InvalidObjectPath", "sync() after the batch ended"));
    const ops = this.queue;
    this.queue = [];
    this.book.beginSync();
    try {
      for (const op of ops) op();
    } catch (e) {
      this.book.endSync();
      return Promise.reject(e);
    }
    this.book.endSync();
    return Promise.resolve(passThroughValue as T);
  }
}

abstract class FakeClientObject {
  /** @internal */ loaded: Record<string, unknown> = {};
  private navCache: Record<string, FakeClientObject> = {};

  constructor(
    readonly context: FakeRequestContext,
    /** @internal */ readonly apiName: string,
  ) {}

  protected abstract props(): Record<string, PropSpec>;

  protected navs(): Record<string, { min: string; make: () => FakeClientObject }> {
    return {};
  }

  protected nav<T extends FakeClientObject>(name: string): T {
    const spec = this.navs()[name];
    if (!spec) return fail("InvalidArgument", this.apiName + " has no " + name);
    this.context.book.requireLevel(spec.min, this.apiName + "." + name);
    let o = this.navCache[name];
    if (!o) {
      o = spec.make();
      this.navCache[name] = o;
    }
    return o as T;
  }

  load(spec?: LoadSpec): this {
    const paths = pathsOf(spec);
    this.validate(paths);
    this.context.enqueue(() => this.capture(paths));
    return this;
  }

  /** @internal */
  validate(paths: string[]): void {
    for (const path of paths) {
      const slash = path.indexOf("/");
      const head = slash < 0 ? path : path.slice(0, slash);
      const rest = slash < 0 ? "" : path.slice(slash + 1);
      const p = this.props()[head];
      if (p && rest === "") {
        this.context.book.requireLevel(p.min, this.apiName + "." + head);
        if (!p.get) fail("InvalidArgument", this.apiName + "." + head + " cannot be loaded");
        continue;
      }
      if (this.navs()[head]) {
        this.nav(head).validate(rest === "" ? [] : [rest]);
        continue;
      }
      if (head === "items" && this.isCollection()) {
        this.validateItems(rest === "" ? [] : [rest]);
        continue;
      }
      fail("InvalidArgument", this.apiName + " has no property " + head);
    }
  }

  protected isCollection(): boolean {
    return false;
  }

  protected validateItems(_paths: string[]): void {
    /* collections override */
  }

  /** @internal Runs at sync: copies the requested properties as they are at this point of the batch. */
  capture(paths: string[]): void {
    const all = paths.length === 0;
    const list = all ? Object.keys(this.props()) : paths;
    this.beforeCapture();
    if (all && this.isCollection()) this.captureItems([]);
    for (const path of list) {
      const slash = path.indexOf("/");
      const head = slash < 0 ? path : path.slice(0, slash);
      const rest = slash < 0 ? "" : path.slice(slash + 1);
      const p = this.props()[head];
      if (p && rest === "") {
        if (!p.get || minorOf(p.min) > minorOf(this.context.book.apiLevel)) continue;
        this.loaded[head] = copy(p.get());
        this.context.book.log({ kind: "load", target: this.apiName, property: head });
      } else if (this.navs()[head]) {
        this.nav(head).capture(rest === "" ? [] : [rest]);
      } else if (head === "items") {
        this.captureItems(rest === "" ? [] : [rest]);
      }
    }
  }

  protected beforeCapture(): void {
    /* null objects override */
  }

  protected captureItems(_paths: string[]): void {
    /* collections override */
  }

  protected read<T>(name: string): T {
    if (!Object.prototype.hasOwnProperty.call(this.loaded, name)) {
      fail("PropertyNotLoaded", "The property '" + name + "' of " + this.apiName + " is not available. Call load() and context.sync() before reading it.");
    }
    return this.loaded[name] as T;
  }

  protected write(name: string, v: unknown): void {
    const p = this.props()[name];
    if (!p || !p.set) return fail("InvalidArgument", this.apiName + "." + name + " cannot be set");
    this.context.book.requireLevel(p.min, this.apiName + "." + name);
    const set = p.set;
    const value = copy(v);
    this.context.enqueue(() => set(value));
  }

  protected call(api: string, min: string, op: () => void): void {
    this.context.book.requireLevel(min, api);
    this.context.enqueue(op);
  }

  toJSON(): Record<string, unknown> {
    return { ...this.loaded };
  }
}

// ——— Workbook and worksheets ———

class FakeWorkbook extends FakeClientObject {
  constructor(context: FakeRequestContext) {
    super(context, "Workbook");
  }

  protected props(): Record<string, PropSpec> {
    return {};
  }

  protected override navs(): Record<string, { min: string; make: () => FakeClientObject }> {
    return {
      worksheets: { min: "1.1", make: () => new FakeWorksheetCollection(this.context) },
      comments: { min: "1.10", make: () => new FakeCommentCollection(this.context, null) },
    };
  }

  get worksheets(): FakeWorksheetCollection {
    return this.nav("worksheets");
  }

  get comments(): FakeCommentCollection {
    return this.nav("comments");
  }

  getSelectedRange(): FakeRange {
    this.context.book.requireLevel("1.1", "Workbook.getSelectedRange");
    const book = this.context.book;
    return new FakeRange(this.context, () => {
      const sel = book.selection;
      const sheet = sel ? book.findById(sel.sheetId) : book.findById(book.activeId);
      if (!sheet) return fail("ItemNotFound", "No active sheet");
      return { sheet, rect: book.rectOf(sel && sheet.id === sel.sheetId ? sel.address : "A1") };
    });
  }
}

type SheetResolver = () => SheetData;

function once<T>(fn: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = fn();
      done = true;
    }
    return value;
  };
}

class FakeWorksheetCollection extends FakeClientObject {
  private itemsList: FakeWorksheet[] | null = null;

  constructor(context: FakeRequestContext) {
    super(context, "WorksheetCollection");
  }

  protected props(): Record<string, PropSpec> {
    return {};
  }

  protected override isCollection(): boolean {
    return true;
  }

  protected override validateItems(paths: string[]): void {
    new FakeWorksheet(this.context, () => fail("ItemNotFound", "")).validate(paths);
  }

  protected override captureItems(paths: string[]): void {
    const book = this.context.book;
    this.itemsList = book.sheets.map((s) => {
      const w = new FakeWorksheet(this.context, () => {
        const found = book.findById(s.id);
        return found || fail("ItemNotFound", "The sheet was deleted");
      });
      w.capture(paths);
      return w;
    });
  }

  get items(): FakeWorksheet[] {
    if (this.itemsList === null) fail("PropertyNotLoaded", "WorksheetCollection.items is not loaded");
    return this.itemsList;
  }

  add(name?: string): FakeWorksheet {
    this.context.book.requireLevel("1.1", "WorksheetCollection.add");
    const book = this.context.book;
    let created: SheetData | null = null;
    this.context.enqueue(() => {
      let n = name;
      if (n === undefined) {
        let i = book.sheets.length + 1;
        while (book.findByName("Sheet" + i)) i++;
        n = "Sheet" + i;
      }
      created = book.addSheetData(n);
      book.log({ kind: "call", api: "WorksheetCollection.add", sheet: n });
    });
    return new FakeWorksheet(this.context, () => created || fail("ItemNotFound", "The sheet was not added"));
  }

  getItem(key: string): FakeWorksheet {
    this.context.book.requireLevel("1.1", "WorksheetCollection.getItem");
    const book = this.context.book;
    return new FakeWorksheet(
      this.context,
      once(() => book.findByName(key) || book.findById(key) || fail("ItemNotFound", "No sheet named " + key)),
    );
  }

  getItemOrNullObject(key: string): FakeWorksheet {
    this.context.book.requireLevel("1.4", "WorksheetCollection.getItemOrNullObject");
    const book = this.context.book;
    return new FakeWorksheet(
      this.context,
      once(() => book.findByName(key) || book.findById(key) || fail("ItemNotFound", "No sheet named " + key)),
      () => book.findByName(key) === null && book.findById(key) === null,
    );
  }

  getActiveWorksheet(): FakeWorksheet {
    this.context.book.requireLevel("1.1", "WorksheetCollection.getActiveWorksheet");
    const book = this.context.book;
    return new FakeWorksheet(
      this.context,
      once(() => book.findById(book.activeId) || fail("ItemNotFound", "No active sheet")),
    );
  }
}

class FakeWorksheet extends FakeClientObject {
  constructor(
    context: FakeRequestContext,
    /** @internal */ readonly resolve: SheetResolver,
    private readonly isNull?: () => boolean,
  ) {
    super(context, "Worksheet");
  }

  protected override beforeCapture(): void {
    if (this.isNull) this.loaded.isNullObject = this.isNull();
  }

  get isNullObject(): boolean {
    if (!this.isNull) return false;
    return this.read<boolean>("isNullObject");
  }

  protected props(): Record<string, PropSpec> {
    const book = this.context.book;
    return {
      name: {
        min: "1.1",
        get: () => this.resolve().name,
        set: (v) => {
          const s = this.resolve();
          if (typeof v !== "string") fail("InvalidArgument", "A sheet name is text");
          const other = book.findByName(v);
          if (other && other !== s) fail("ItemAlreadyExists", "A sheet named " + v + " already exists");
          s.name = v;
        },
      },
      id: { min: "1.1", get: () => this.resolve().id },
      position: { min: "1.1", get: () => book.sheets.indexOf(this.resolve()) },
      visibility: { min: "1.1", get: () => "Visible" },
      showGridlines: {
        min: "1.8",
        get: () => this.resolve().showGridlines,
        set: (v) => {
          this.resolve().showGridlines = v === true;
        },
      },
    };
  }

  protected override navs(): Record<string, { min: string; make: () => FakeClientObject }> {
    return {
      protection: { min: "1.2", make: () => new FakeWorksheetProtection(this.context, this.resolve) },
      tables: { min: "1.1", make: () => new FakeTableCollection(this.context, this.resolve) },
      charts: { min: "1.1", make: () => new FakeChartCollection(this.context, this.resolve) },
      freezePanes: { min: "1.7", make: () => new FakeFreezePanes(this.context, this.resolve) },
      pageLayout: { min: "1.9", make: () => new FakePageLayout(this.context, this.resolve) },
      notes: { min: "1.18", make: () => new FakeNoteCollection(this.context, this.resolve) },
      comments: { min: "1.10", make: () => new FakeCommentCollection(this.context, this.resolve) },
    };
  }

  get name(): string {
    return this.read("name");
  }
  set name(v: string) {
    this.write("name", v);
  }
  get id(): string {
    return this.read("id");
  }
  get position(): number {
    return this.read("position");
  }
  get visibility(): string {
    return this.read("visibility");
  }
  get showGridlines(): boolean {
    return this.read("showGridlines");
  }
  set showGridlines(v: boolean) {
    this.write("showGridlines", v);
  }
  get protection(): FakeWorksheetProtection {
    return this.nav("protection");
  }
  get pageLayout(): FakePageLayout {
    return this.nav("pageLayout");
  }
  get notes(): FakeNoteCollection {
    return this.nav("notes");
  }
  get comments(): FakeCommentCollection {
    return this.nav("comments");
  }

  get onChanged(): FakeEventHandlers {
    this.context.book.requireLevel("1.7", "Worksheet.onChanged");
    return new FakeEventHandlers(this.context, this.resolve);
  }

  get tables(): FakeTableCollection {
    return this.nav("tables");
  }
  get charts(): FakeChartCollection {
    return this.nav("charts");
  }
  get freezePanes(): FakeFreezePanes {
    return this.nav("freezePanes");
  }

  /** The smallest range holding every cell with a value or (unless `valuesOnly`, ExcelApi 1.2) formatting; "A1" on an empty sheet. */
  getUsedRange(valuesOnly?: boolean): FakeRange {
    this.context.book.requireLevel("1.1", "Worksheet.getUsedRange");
    if (valuesOnly !== undefined) this.context.book.requireLevel("1.2", "Worksheet.getUsedRange(valuesOnly)");
    const resolve = this.resolve;
    return new FakeRange(this.context, () => {
      const sheet = resolve();
      let rect: RangeRect | null = null;
      for (const key of Object.keys(sheet.cells)) {
        const cell = sheet.cells[key] as CellData;
        const hasValue = cell.value !== null || cell.formula !== null;
        if (!hasValue && (valuesOnly === true || sameAsDefault(cell))) continue;
        const parts = key.split(",");
        const r = Number(parts[0]);
        const c = Number(parts[1]);
        rect = rect
          ? { top: Math.min(rect.top, r), left: Math.min(rect.left, c), bottom: Math.max(rect.bottom, r), right: Math.max(rect.right, c) }
          : { top: r, left: c, bottom: r, right: c };
      }
      return { sheet, rect: rect || { top: 1, left: 1, bottom: 1, right: 1 } };
    });
  }

  getRange(address?: string): FakeRange {
    this.context.book.requireLevel("1.1", "Worksheet.getRange");
    if (address === undefined) fail("InvalidArgument", "The in-memory workbook needs an address for getRange()");
    const rect = this.context.book.rectOf(address);
    const resolve = this.resolve;
    return new FakeRange(this.context, () => ({ sheet: resolve(), rect }));
  }

  activate(): void {
    this.call("Worksheet.activate", "1.1", () => {
      const s = this.resolve();
      this.context.book.activeId = s.id;
      this.context.book.log({ kind: "call", api: "Worksheet.activate", sheet: s.name });
    });
  }

  delete(): void {
    this.call("Worksheet.delete", "1.1", () => {
      const book = this.context.book;
      const s = this.resolve();
      book.sheets = book.sheets.filter((x) => x !== s);
      book.comments = book.comments.filter((c) => c.sheetId !== s.id);
      if (book.activeId === s.id) book.activeId = book.sheets[0] ? (book.sheets[0] as SheetData).id : null;
      book.log({ kind: "call", api: "Worksheet.delete", sheet: s.name });
    });
  }
}

class FakeWorksheetProtection extends FakeClientObject {
  constructor(
    context: FakeRequestContext,
    private readonly resolve: SheetResolver,
  ) {
    super(context, "WorksheetProtection");
  }

  protected props(): Record<string, PropSpec> {
    return {
      protected: { min: "1.2", get: () => this.resolve().protection.protected },
      options: { min: "1.2", get: () => ({ ...this.resolve().protection.options }) },
    };
  }

  get protected(): boolean {
    return this.read("protected");
  }
  get options(): FakeProtectionOptions {
    return this.read("options");
  }

  protect(options?: FakeProtectionOptions, _password?: string): void {
    const opts = copy(options || {});
    this.call("WorksheetProtection.protect", "1.2", () => {
      const s = this.resolve();
      if (s.protection.protected) fail("InvalidOperation", "The sheet " + s.name + " is already protected");
      s.protection = { protected: true, options: opts };
      this.context.book.log({ kind: "call", api: "WorksheetProtection.protect", sheet: s.name });
    });
  }

  unprotect(_password?: string): void {
    this.call("WorksheetProtection.unprotect", "1.7", () => {
      const s = this.resolve();
      s.protection = { protected: false, options: s.protection.options };
      this.context.book.log({ kind: "call", api: "WorksheetProtection.unprotect", sheet: s.name });
    });
  }
}

class FakePageLayout extends FakeClientObject {
  constructor(
    context: FakeRequestContext,
    private readonly resolve: SheetResolver,
  ) {
    super(context, "PageLayout");
  }

  private simple(name: string): PropSpec {
    return {
      min: "1.9",
      get: () => this.resolve().pageLayout[name],
      set: (v) => {
        this.resolve().pageLayout[name] = v;
      },
    };
  }

  protected props(): Record<string, PropSpec> {
    return {
      orientation: this.simple("orientation"),
      paperSize: this.simple("paperSize"),
      centerHorizontally: this.simple("centerHorizontally"),
      centerVertically: this.simple("centerVertically"),
      zoom: this.simple("zoom"),
      printTitleRows: { min: "1.9", get: () => this.resolve().pageLayout.printTitleRows },
    };
  }

  get orientation(): string {
    return this.read("orientation");
  }
  set orientation(v: string) {
    this.write("orientation", v);
  }
  get paperSize(): string {
    return this.read("paperSize");
  }
  set paperSize(v: string) {
    this.write("paperSize", v);
  }
  get centerHorizontally(): boolean {
    return this.read("centerHorizontally");
  }
  set centerHorizontally(v: boolean) {
    this.write("centerHorizontally", v);
  }
  get centerVertically(): boolean {
    return this.read("centerVertically");
  }
  set centerVertically(v: boolean) {
    this.write("centerVertically", v);
  }
  get zoom(): unknown {
    return this.read("zoom");
  }
  set zoom(v: unknown) {
    this.write("zoom", v);
  }

  setPrintTitleRows(rows: string | FakeRange): void {
    const address = typeof rows === "string" ? rows : null;
    this.call("PageLayout.setPrintTitleRows", "1.9", () => {
      this.resolve().pageLayout.printTitleRows = address !== null ? address : rangeAddress((rows as FakeRange).target().rect);
    });
  }

  setPrintArea(printArea: string | FakeRange): void {
    const address = typeof printArea === "string" ? printArea : null;
    this.call("PageLayout.setPrintArea", "1.9", () => {
      const s = this.resolve();
      s.pageLayout.printArea = address !== null ? address : rangeAddress((printArea as FakeRange).target().rect);
    });
  }
}

// ——— Ranges ———

interface RangeTarget {
  sheet: SheetData;
  rect: RangeRect;
}

export class FakeRange extends FakeClientObject {
  /** @internal */ readonly target: () => RangeTarget;

  constructor(context: FakeRequestContext, target: () => RangeTarget) {
    super(context, "Range");
    this.target = once(target);
  }

  protected props(): Record<string, PropSpec> {
    const book = this.context.book;
    const t = this.target;
    return {
      values: {
        min: "1.1",
        get: () => book.readValues(t().sheet, t().rect),
        set: (v) => book.writeCells(t().sheet, t().rect, v, "values"),
      },
      formulas: {
        min: "1.1",
        get: () => book.readFormulas(t().sheet, t().rect),
        set: (v) => book.writeCells(t().sheet, t().rect, v, "formulas"),
      },
      numberFormat: {
        min: "1.1",
        get: () => {
          const out: string[][] = [];
          const { sheet, rect } = t();
          for (let r = rect.top; r <= rect.bottom; r++) {
            const line: string[] = [];
            for (let c = rect.left; c <= rect.right; c++) line.push(sheet.get(r, c).numberFormat);
            out.push(line);
          }
          return out;
        },
        set: (v) => book.writeNumberFormat(t().sheet, t().rect, v),
      },
      address: { min: "1.1", get: () => quoteSheet(t().sheet.name) + "!" + rangeAddress(t().rect) },
      rowCount: { min: "1.1", get: () => t().rect.bottom - t().rect.top + 1 },
      columnCount: { min: "1.1", get: () => t().rect.right - t().rect.left + 1 },
      rowIndex: { min: "1.1", get: () => t().rect.top - 1 },
      columnIndex: { min: "1.1", get: () => t().rect.left - 1 },
      rowHidden: {
        min: "1.2",
        get: () => {
          const { sheet, rect } = t();
          for (let r = rect.top; r <= rect.bottom; r++) if (!sheet.hiddenRows[r]) return false;
          return true;
        },
        set: (v) => {
          const { sheet, rect } = t();
          book.assertEditable(sheet, rect, "rows");
          for (let r = rect.top; r <= rect.bottom; r++) {
            if (v === true) sheet.hiddenRows[r] = true;
            else delete sheet.hiddenRows[r];
          }
          book.log({ kind: "write", sheet: sheet.name, address: rangeAddress(rect), property: "rowHidden" });
        },
      },
      columnHidden: {
        min: "1.2",
        get: () => {
          const { sheet, rect } = t();
          for (let c = rect.left; c <= rect.right; c++) if (!sheet.hiddenColumns[c]) return false;
          return true;
        },
        set: (v) => {
          const { sheet, rect } = t();
          book.assertEditable(sheet, rect, "columns");
          for (let c = rect.left; c <= rect.right; c++) {
            if (v === true) sheet.hiddenColumns[c] = true;
            else delete sheet.hiddenColumns[c];
          }
          book.log({ kind: "write", sheet: sheet.name, address: rangeAddress(rect), property: "columnHidden" });
        },
      },
    };
  }

  protected override navs(): Record<string, { min: string; make: () => FakeClientObject }> {
    return {
      format: { min: "1.1", make: () => new FakeRangeFormat(this.context, this.target) },
      dataValidation: { min: "1.8", make: () => new FakeDataValidation(this.context, this.target) },
      conditionalFormats: { min: "1.6", make: () => new FakeConditionalFormatCollection(this.context, this.target) },
    };
  }

  get values(): (CellScalar | "")[][] {
    return this.read("values");
  }
  set values(v: unknown[][]) {
    this.write("values", v);
  }
  get formulas(): (CellScalar | "")[][] {
    return this.read("formulas");
  }
  set formulas(v: unknown[][]) {
    this.write("formulas", v);
  }
  get numberFormat(): string[][] {
    return this.read("numberFormat");
  }
  set numberFormat(v: unknown[][]) {
    this.write("numberFormat", v);
  }
  get address(): string {
    return this.read("address");
  }
  get rowCount(): number {
    return this.read("rowCount");
  }
  get columnCount(): number {
    return this.read("columnCount");
  }
  get rowIndex(): number {
    return this.read("rowIndex");
  }
  get columnIndex(): number {
    return this.read("columnIndex");
  }
  get rowHidden(): boolean {
    return this.read("rowHidden");
  }
  set rowHidden(v: boolean) {
    this.write("rowHidden", v);
  }
  get columnHidden(): boolean {
    return this.read("columnHidden");
  }
  set columnHidden(v: boolean) {
    this.write("columnHidden", v);
  }
  get format(): FakeRangeFormat {
    return this.nav("format");
  }
  get conditionalFormats(): FakeConditionalFormatCollection {
    return this.nav("conditionalFormats");
  }
  get dataValidation(): FakeDataValidation {
    return this.nav("dataValidation");
  }

  getCell(row: number, column: number): FakeRange {
    this.context.book.requireLevel("1.1", "Range.getCell");
    const t = this.target;
    return new FakeRange(this.context, () => {
      const { sheet, rect } = t();
      const r = rect.top + row;
      const c = rect.left + column;
      return { sheet, rect: { top: r, left: c, bottom: r, right: c } };
    });
  }

  merge(across?: boolean): void {
    this.call("Range.merge", "1.2", () => {
      const { sheet, rect } = this.target();
      this.context.book.assertEditable(sheet, rect, "structure");
      if (across === true) {
        for (let r = rect.top; r <= rect.bottom; r++) sheet.merges.push({ top: r, left: rect.left, bottom: r, right: rect.right });
      } else {
        sheet.merges.push({ ...rect });
      }
      this.context.book.log({ kind: "call", api: "Range.merge", sheet: sheet.name, address: rangeAddress(rect) });
    });
  }

  unmerge(): void {
    this.call("Range.unmerge", "1.2", () => {
      const { sheet, rect } = this.target();
      this.context.book.assertEditable(sheet, rect, "structure");
      sheet.merges = sheet.merges.filter((m) => !rectsIntersect(m, rect));
    });
  }

  select(): void {
    this.call("Range.select", "1.1", () => {
      const { sheet, rect } = this.target();
      const book = this.context.book;
      book.activeId = sheet.id;
      book.selection = { sheetId: sheet.id, address: rangeAddress(rect) };
      book.log({ kind: "call", api: "Range.select", sheet: sheet.name, address: rangeAddress(rect) });
    });
  }
}

class FakeRangeFormat extends FakeClientObject {
  constructor(
    context: FakeRequestContext,
    private readonly target: () => RangeTarget,
  ) {
    super(context, "RangeFormat");
  }

  private cellProp(name: string, min: string, pick: (c: CellData) => unknown, apply: (c: CellData, v: unknown) => void): PropSpec {
    const book = this.context.book;
    return {
      min,
      get: () => book.uniform(this.target().sheet, this.target().rect, pick),
      set: (v) => book.formatCells(this.target().sheet, this.target().rect, "format/" + name, (c) => apply(c, v)),
    };
  }

  protected props(): Record<string, PropSpec> {
    const book = this.context.book;
    const t = this.target;
    return {
      horizontalAlignment: this.cellProp("horizontalAlignment", "1.1", (c) => c.hAlign, (c, v) => {
        c.hAlign = String(v);
      }),
      verticalAlignment: this.cellProp("verticalAlignment", "1.1", (c) => c.vAlign, (c, v) => {
        c.vAlign = String(v);
      }),
      wrapText: this.cellProp("wrapText", "1.1", (c) => c.wrap, (c, v) => {
        c.wrap = v === true;
      }),
      columnWidth: {
        min: "1.2",
        get: () => {
          const w = t().sheet.columnWidths[t().rect.left];
          return w === undefined ? 48 : w;
        },
        set: (v) => {
          const { sheet, rect } = t();
          book.assertEditable(sheet, rect, "columns");
          if (typeof v !== "number" || v < 0) fail("InvalidArgument", "A column width is a number of points");
          for (let c = rect.left; c <= Math.min(rect.right, MAX_COLUMNS); c++) sheet.columnWidths[c] = v;
          book.log({ kind: "write", sheet: sheet.name, address: rangeAddress(rect), property: "format/columnWidth" });
        },
      },
      rowHeight: {
        min: "1.2",
        get: () => {
          const h = t().sheet.rowHeights[t().rect.top];
          return h === undefined ? 15 : h;
        },
        set: (v) => {
          const { sheet, rect } = t();
          book.assertEditable(sheet, rect, "rows");
          if (typeof v !== "number" || v < 0) fail("InvalidArgument", "A row height is a number of points");
          if (rect.bottom - rect.top > 10000) fail("InvalidArgument", "Too many rows for the in-memory workbook");
          for (let r = rect.top; r <= rect.bottom; r++) sheet.rowHeights[r] = v;
          book.log({ kind: "write", sheet: sheet.name, address: rangeAddress(rect), property: "format/rowHeight" });
        },
      },
    };
  }

  protected override navs(): Record<string, { min: string; make: () => FakeClientObject }> {
    return {
      fill: { min: "1.1", make: () => new FakeRangeFill(this.context, this.target) },
      font: { min: "1.1", make: () => new FakeRangeFont(this.context, this.target) },
      borders: { min: "1.1", make: () => new FakeBorderCollection(this.context, this.target) },
      protection: { min: "1.2", make: () => new FakeFormatProtection(this.context, this.target) },
    };
  }

  get horizontalAlignment(): string {
    return this.read("horizontalAlignment");
  }
  set horizontalAlignment(v: string) {
    this.write("horizontalAlignment", v);
  }
  get verticalAlignment(): string {
    return this.read("verticalAlignment");
  }
  set verticalAlignment(v: string) {
    this.write("verticalAlignment", v);
  }
  get wrapText(): boolean {
    return this.read("wrapText");
  }
  set wrapText(v: boolean) {
    this.write("wrapText", v);
  }
  get columnWidth(): number {
    return this.read("columnWidth");
  }
  set columnWidth(v: number) {
    this.write("columnWidth", v);
  }
  get rowHeight(): number {
    return this.read("rowHeight");
  }
  set rowHeight(v: number) {
    this.write("rowHeight", v);
  }
  get fill(): FakeRangeFill {
    return this.nav("fill");
  }
  get font(): FakeRangeFont {
    return this.nav("font");
  }
  get borders(): FakeBorderCollection {
    return this.nav("borders");
  }
  get protection(): FakeFormatProtection {
    return this.nav("protection");
  }

  autofitColumns(): void {
    this.call("RangeFormat.autofitColumns", "1.2", () => undefined);
  }

  autofitRows(): void {
    this.call("RangeFormat.autofitRows", "1.2", () => undefined);
  }
}

class FakeRangeFill extends FakeClientObject {
  constructor(
    context: FakeRequestContext,
    private readonly target: () => RangeTarget,
  ) {
    super(context, "RangeFill");
  }

  protected props(): Record<string, PropSpec> {
    const book = this.context.book;
    const t = this.target;
    const uniformFill = (): string | null | undefined => {
      // undefined: the cells differ.
      let first = true;
      let out: string | null | undefined;
      book.eachCell(t().rect, (r, c) => {
        const f = t().sheet.get(r, c).fill;
        if (first) {
          out = f;
          first = false;
        } else if (out !== f) out = undefined;
      });
      return out;
    };
    return {
      color: {
        min: "1.1",
        get: () => {
          const f = uniformFill();
          // Office.js reports "no fill" as white.
          return f === undefined ? null : f === null ? "#FFFFFF" : f;
        },
        set: (v) => {
          const color = normalizeColor(v);
          book.formatCells(t().sheet, t().rect, "format/fill/color", (c) => {
            c.fill = color;
          });
        },
      },
      tintAndShade: {
        min: "1.9",
        get: () => {
          const f = uniformFill();
          return f === undefined || f === null ? null : 0;
        },
      },
      pattern: {
        min: "1.9",
        get: () => {
          const f = uniformFill();
          return f === undefined ? null : f === null ? "None" : "Solid";
        },
      },
    };
  }

  get color(): string {
    return this.read("color");
  }
  set color(v: string) {
    this.write("color", v);
  }
  get tintAndShade(): number | null {
    return this.read("tintAndShade");
  }
  get pattern(): string | null {
    return this.read("pattern");
  }

  clear(): void {
    this.call("RangeFill.clear", "1.1", () => {
      const { sheet, rect } = this.target();
      this.context.book.formatCells(sheet, rect, "format/fill/clear", (c) => {
        c.fill = null;
      });
    });
  }
}

class FakeRangeFont extends FakeClientObject {
  constructor(
    context: FakeRequestContext,
    private readonly target: () => RangeTarget,
  ) {
    super(context, "RangeFont");
  }

  private prop(name: string, pick: (c: CellData) => unknown, apply: (c: CellData, v: unknown) => void): PropSpec {
    const book = this.context.book;
    return {
      min: "1.1",
      get: () => book.uniform(this.target().sheet, this.target().rect, pick),
      set: (v) => book.formatCells(this.target().sheet, this.target().rect, "format/font/" + name, (c) => apply(c, v)),
    };
  }

  protected props(): Record<string, PropSpec> {
    return {
      bold: this.prop("bold", (c) => c.bold, (c, v) => {
        c.bold = v === true;
      }),
      italic: this.prop("italic", (c) => c.italic, (c, v) => {
        c.italic = v === true;
      }),
      color: this.prop("color", (c) => c.fontColor, (c, v) => {
        c.fontColor = normalizeColor(v);
      }),
      size: this.prop("size", (c) => c.fontSize, (c, v) => {
        c.fontSize = Number(v);
      }),
      name: this.prop("name", (c) => c.fontName, (c, v) => {
        c.fontName = String(v);
      }),
    };
  }

  get bold(): boolean {
    return this.read("bold");
  }
  set bold(v: boolean) {
    this.write("bold", v);
  }
  get italic(): boolean {
    return this.read("italic");
  }
  set italic(v: boolean) {
    this.write("italic", v);
  }
  get color(): string {
    return this.read("color");
  }
  set color(v: string) {
    this.write("color", v);
  }
  get size(): number {
    return this.read("size");
  }
  set size(v: number) {
    this.write("size", v);
  }
  get name(): string {
    return this.read("name");
  }
  set name(v: string) {
    this.write("name", v);
  }
}

const BORDER_EDGES = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal", "DiagonalDown", "DiagonalUp"];

class FakeBorderCollection extends FakeClientObject {
  constructor(
    context: FakeRequestContext,
    private readonly target: () => RangeTarget,
  ) {
    super(context, "RangeBorderCollection");
  }

  protected props(): Record<string, PropSpec> {
    return {};
  }

  getItem(index: string): FakeBorder {
    this.context.book.requireLevel("1.1", "RangeBorderCollection.getItem");
    if (BORDER_EDGES.indexOf(index) < 0) fail("InvalidArgument", "No border " + index);
    return new FakeBorder(this.context, this.target, index);
  }
}

class FakeBorder extends FakeClientObject {
  constructor(
    context: FakeRequestContext,
    private readonly target: () => RangeTarget,
    private readonly edge: string,
  ) {
    super(context, "RangeBorder");
  }

  private record(key: "style" | "weight" | "color", v: unknown): void {
    const { sheet, rect } = this.target();
    const book = this.context.book;
    book.assertEditable(sheet, rect, "format");
    const address = rangeAddress(rect);
    let rec: FakeBorderRecord | undefined;
    for (const b of sheet.borders) if (b.address === address && b.edge === this.edge) rec = b;
    if (!rec) {
      rec = { address, edge: this.edge };
      sheet.borders.push(rec);
    }
    rec[key] = String(v);
    book.log({ kind: "write", sheet: sheet.name, address, property: "format/borders/" + this.edge + "/" + key });
  }

  protected props(): Record<string, PropSpec> {
    return {
      style: { min: "1.1", set: (v) => this.record("style", v) },
      weight: { min: "1.1", set: (v) => this.record("weight", v) },
      color: { min: "1.1", set: (v) => this.record("color", normalizeColor(v)) },
    };
  }

  set style(v: string) {
    this.write("style", v);
  }
  set weight(v: string) {
    this.write("weight", v);
  }
  set color(v: string) {
    this.write("color", v);
  }
}

class FakeFormatProtection extends FakeClientObject {
  constructor(
    context: FakeRequestContext,
    private readonly target: () => RangeTarget,
  ) {
    super(context, "FormatProtection");
  }

  private prop(name: string, pick: (c: CellData) => boolean, apply: (c: CellData, v: boolean) => void): PropSpec {
    const book = this.context.book;
    return {
      min: "1.2",
      get: () => book.uniform(this.target().sheet, this.target().rect, pick),
      set: (v) => {
        const { sheet, rect } = this.target();
        // Changing which cells are locked is never allowed on a protected sheet.
        if (sheet.protection.protected) fail("AccessDenied", "The sheet " + sheet.name + " is protected");
        book.formatCells(sheet, rect, "format/protection/" + name, (c) => apply(c, v === true));
      },
    };
  }

  protected props(): Record<string, PropSpec> {
    return {
      locked: this.prop("locked", (c) => c.locked, (c, v) => {
        c.locked = v;
      }),
      formulaHidden: this.prop("formulaHidden", (c) => c.formulaHidden, (c, v) => {
        c.formulaHidden = v;
      }),
    };
  }

  get locked(): boolean {
    return this.read("locked");
  }
  set locked(v: boolean) {
    this.write("locked", v);
  }
  get formulaHidden(): boolean {
    return this.read("formulaHidden");
  }
  set formulaHidden(v: boolean) {
    this.write("formulaHidden", v);
  }
}

class FakeDataValidation extends FakeClientObject {
  constructor(
    context: FakeRequestContext,
    private readonly target: () => RangeTarget,
  ) {
    super(context, "DataValidation");
  }

  private recordOf(): FakeValidationRecord {
    const { sheet, rect } = this.target();
    this.context.book.assertEditable(sheet, rect, "objects");
    const address = rangeAddress(rect);
    for (const v of sheet.validations) if (v.address === address) return v;
    const rec: FakeValidationRecord = { address };
    sheet.validations.push(rec);
    return rec;
  }

  private find(): FakeValidationRecord | undefined {
    const { sheet, rect } = this.target();
    const address = rangeAddress(rect);
    for (const v of sheet.validations) if (v.address === address) return v;
    return undefined;
  }

  protected props(): Record<string, PropSpec> {
    return {
      rule: {
        min: "1.8",
        get: () => (this.find() || {}).rule || {},
        set: (v) => {
          this.recordOf().rule = v;
        },
      },
      errorAlert: {
        min: "1.8",
        get: () => (this.find() || {}).errorAlert || {},
        set: (v) => {
          this.recordOf().errorAlert = v;
        },
      },
    };
  }

  get rule(): unknown {
    return this.read("rule");
  }
  set rule(v: unknown) {
    this.write("rule", v);
  }
  get errorAlert(): unknown {
    return this.read("errorAlert");
  }
  set errorAlert(v: unknown) {
    this.write("errorAlert", v);
  }

  clear(): void {
    this.call("DataValidation.clear", "1.8", () => {
      const { sheet, rect } = this.target();
      const address = rangeAddress(rect);
      sheet.validations = sheet.validations.filter((v) => v.address !== address);
    });
  }
}

// ——— Notes (1.18) and comments (1.10) ———

class FakeNoteCollection extends FakeClientObject {
  private itemsList: FakeNote[] | null = null;

  constructor(
    context: FakeRequestContext,
    private readonly resolve: SheetResolver,
  ) {
    super(context, "NoteCollection");
  }

  protected props(): Record<string, PropSpec> {
    return {};
  }

  protected override isCollection(): boolean {
    return true;
  }

  protected override validateItems(paths: string[]): void {
    new FakeNote(this.context, this.resolve, "A1", false).validate(paths);
  }

  protected override captureItems(paths: string[]): void {
    const s = this.resolve();
    this.itemsList = Object.keys(s.notes).map((a) => {
      const n = new FakeNote(this.context, this.resolve, a, false);
      n.capture(paths);
      return n;
    });
  }

  get items(): FakeNote[] {
    if (this.itemsList === null) fail("PropertyNotLoaded", "NoteCollection.items is not loaded");
    return this.itemsList;
  }

  add(cellAddress: string | FakeRange, content: string): FakeNote {
    this.context.book.requireLevel("1.18", "NoteCollection.add");
    const address = typeof cellAddress === "string" ? cellAddress : null;
    let key = "";
    this.context.enqueue(() => {
      const s = this.resolve();
      const rect = address !== null ? this.context.book.rectOf(address) : (cellAddress as FakeRange).target().rect;
      if (rect.top !== rect.bottom || rect.left !== rect.right) fail("InvalidArgument", "A note goes on one cell");
      this.context.book.assertEditable(s, rect, "objects");
      key = topLeft(rect);
      if (s.notes[key]) fail("InvalidArgument", "The cell " + key + " already has a note");
      s.notes[key] = { content: String(content), authorName: "THADS" };
      this.context.book.log({ kind: "call", api: "NoteCollection.add", sheet: s.name, address: key });
    });
    return new FakeNote(this.context, this.resolve, () => key, false);
  }

  getItem(key: string): FakeNote {
    this.context.book.requireLevel("1.18", "NoteCollection.getItem");
    return new FakeNote(this.context, this.resolve, normalizeCellKey(key), false);
  }

  getItemOrNullObject(key: string): FakeNote {
    this.context.book.requireLevel("1.18", "NoteCollection.getItemOrNullObject");
    return new FakeNote(this.context, this.resolve, normalizeCellKey(key), true);
  }
}

function topLeft(rect: RangeRect): string {
  return cellAddress(rect.top, rect.left);
}

function normalizeCellKey(key: string): string {
  const r = parseRangeAddress(key);
  if (!r) return fail("InvalidArgument", "Not a cell address: " + key);
  return topLeft(r);
}

class FakeNote extends FakeClientObject {
  constructor(
    context: FakeRequestContext,
    private readonly resolve: SheetResolver,
    private readonly key: string | (() => string),
    private readonly orNull: boolean,
  ) {
    super(context, "Note");
  }

  private address(): string {
    return typeof this.key === "string" ? this.key : this.key();
  }

  private data(): { content: string; authorName: string } | null {
    return this.resolve().notes[this.address()] || null;
  }

  private existing(): { content: string; authorName: string } {
    return this.data() || fail("ItemNotFound", "No note on " + this.address());
  }

  protected override beforeCapture(): void {
    if (this.orNull) this.loaded.isNullObject = this.data() === null;
  }

  get isNullObject(): boolean {
    if (!this.orNull) return false;
    return this.read<boolean>("isNullObject");
  }

  protected props(): Record<string, PropSpec> {
    const nullable = <T>(get: () => T): (() => T | null) => () => (this.orNull && this.data() === null ? null : get());
    return {
      content: {
        min: "1.18",
        get: nullable(() => this.existing().content),
        set: (v) => {
          const s = this.resolve();
          this.context.book.assertEditable(s, this.context.book.rectOf(this.address()), "objects");
          this.existing().content = String(v);
        },
      },
      authorName: { min: "1.18", get: nullable(() => this.existing().authorName) },
    };
  }

  get content(): string {
    return this.read("content");
  }
  set content(v: string) {
    this.write("content", v);
  }
  get authorName(): string {
    return this.read("authorName");
  }

  delete(): void {
    this.call("Note.delete", "1.18", () => {
      const s = this.resolve();
      const a = this.address();
      this.existing();
      this.context.book.assertEditable(s, this.context.book.rectOf(a), "objects");
      delete s.notes[a];
      this.context.book.log({ kind: "call", api: "Note.delete", sheet: s.name, address: a });
    });
  }
}

class FakeCommentCollection extends FakeClientObject {
  private itemsList: FakeComment[] | null = null;

  /** `resolve` null: the workbook's collection (every sheet). */
  constructor(
    context: FakeRequestContext,
    private readonly resolve: SheetResolver | null,
  ) {
    super(context, "CommentCollection");
  }

  protected props(): Record<string, PropSpec> {
    return {};
  }

  protected override isCollection(): boolean {
    return true;
  }

  protected override validateItems(paths: string[]): void {
    new FakeComment(this.context, () => "").validate(paths);
  }

  protected override captureItems(paths: string[]): void {
    const book = this.context.book;
    const sheetId = this.resolve ? this.resolve().id : null;
    this.itemsList = book.comments
      .filter((c) => sheetId === null || c.sheetId === sheetId)
      .map((c) => {
        const item = new FakeComment(this.context, () => c.id);
        item.capture(paths);
        return item;
      });
  }

  get items(): FakeComment[] {
    if (this.itemsList === null) fail("PropertyNotLoaded", "CommentCollection.items is not loaded");
    return this.itemsList;
  }

  add(cellAddress: string | FakeRange, content: string): FakeComment {
    this.context.book.requireLevel("1.10", "CommentCollection.add");
    const book = this.context.book;
    let id = "";
    this.context.enqueue(() => {
      let sheet: SheetData;
      let rect: RangeRect;
      if (typeof cellAddress === "string") {
        const bang = cellAddress.lastIndexOf("!");
        // Office.js wants the full address, sheet included, for a string.
        if (bang < 0) fail("InvalidArgument", "A comment address must include the sheet: " + cellAddress);
        let name = cellAddress.slice(0, bang);
        if (name.charAt(0) === "'") name = name.slice(1, -1).split("''").join("'");
        sheet = book.sheetByName(name);
        rect = book.rectOf(cellAddress.slice(bang + 1));
      } else {
        const t = cellAddress.target();
        sheet = t.sheet;
        rect = t.rect;
      }
      if (rect.top !== rect.bottom || rect.left !== rect.right) fail("InvalidArgument", "A comment goes on one cell");
      if (this.resolve && this.resolve() !== sheet) fail("InvalidArgument", "The cell is on another sheet");
      book.assertEditable(sheet, rect, "objects");
      const address = topLeft(rect);
      for (const c of book.comments) {
        if (c.sheetId === sheet.id && c.address === address) fail("InvalidOperation", "The cell " + address + " already has a comment");
      }
      id = book.newCommentId();
      book.comments.push({ id, sheetId: sheet.id, address, content: String(content), authorName: "THADS" });
      book.log({ kind: "call", api: "CommentCollection.add", sheet: sheet.name, address });
    });
    return new FakeComment(this.context, () => id);
  }

  getItem(commentId: string): FakeComment {
    this.context.book.requireLevel("1.10", "CommentCollection.getItem");
    return new FakeComment(this.context, () => commentId);
  }

  getItemByCell(cellAddress: string): FakeComment {
    this.context.book.requireLevel("1.10", "CommentCollection.getItemByCell");
    const book = this.context.book;
    return new FakeComment(
      this.context,
      once(() => {
        const bang = cellAddress.lastIndexOf("!");
        let name = bang < 0 ? "" : cellAddress.slice(0, bang);
        if (name.charAt(0) === "'") name = name.slice(1, -1).split("''").join("'");
        const sheet = bang < 0 ? (this.resolve ? this.resolve() : fail("InvalidArgument", "Address without sheet")) : book.sheetByName(name);
        const address = normalizeCellKey(cellAddress);
        for (const c of book.comments) if (c.sheetId === sheet.id && c.address === address) return c.id;
        return fail("ItemNotFound", "No comment on " + address);
      }),
    );
  }
}

class FakeComment extends FakeClientObject {
  constructor(
    context: FakeRequestContext,
    private readonly idOf: () => string,
  ) {
    super(context, "Comment");
  }

  private data(): CommentData {
    const id = this.idOf();
    for (const c of this.context.book.comments) if (c.id === id) return c;
    return fail("ItemNotFound", "No comment " + id);
  }

  protected props(): Record<string, PropSpec> {
    return {
      id: { min: "1.10", get: () => this.data().id },
      content: {
        min: "1.10",
        get: () => this.data().content,
        set: (v) => {
          this.data().content = String(v);
        },
      },
      authorName: { min: "1.10", get: () => this.data().authorName },
    };
  }

  get id(): string {
    return this.read("id");
  }
  get content(): string {
    return this.read("content");
  }
  set content(v: string) {
    this.write("content", v);
  }
  get authorName(): string {
    return this.read("authorName");
  }

  getLocation(): FakeRange {
    this.context.book.requireLevel("1.10", "Comment.getLocation");
    const book = this.context.book;
    return new FakeRange(this.context, () => {
      const c = this.data();
      const sheet = book.findById(c.sheetId) || fail("ItemNotFound", "The comment's sheet is gone");
      return { sheet, rect: book.rectOf(c.address) };
    });
  }

  delete(): void {
    this.call("Comment.delete", "1.10", () => {
      const book = this.context.book;
      const c = this.data();
      const sheet = book.findById(c.sheetId);
      if (sheet) book.assertEditable(sheet, book.rectOf(c.address), "objects");
      book.comments = book.comments.filter((x) => x !== c);
      book.log({ kind: "call", api: "Comment.delete", sheet: sheet ? sheet.name : "", address: c.address });
    });
  }
}

// ——— Tables (1.1) ———

class FakeTableCollection extends FakeClientObject {
  constructor(
    context: FakeRequestContext,
    private readonly resolve: SheetResolver,
  ) {
    super(context, "TableCollection");
  }

  protected props(): Record<string, PropSpec> {
    return { count: { min: "1.1", get: () => this.resolve().tables.length } };
  }

  get count(): number {
    return this.read("count");
  }

  add(address: string | FakeRange, hasHeaders: boolean): FakeTable {
    this.context.book.requireLevel("1.1", "TableCollection.add");
    const book = this.context.book;
    let created: FakeTableRecord | null = null;
    this.context.enqueue(() => {
      const sheet = this.resolve();
      const rect = typeof address === "string" ? book.rectOf(address) : address.target().rect;
      book.assertEditable(sheet, rect, "structure");
      for (const t of sheet.tables) {
        if (rectsIntersect(book.rectOf(t.address), rect)) fail("InvalidOperation", "A table cannot overlap another table (" + t.name + ")");
      }
      for (const m of sheet.merges) {
        if (rectsIntersect(m, rect)) fail("InvalidOperation", "A table cannot overlap merged cells (" + rangeAddress(m) + ")");
      }
      const headers: string[] = [];
      for (let c = rect.left; c <= rect.right; c++) {
        const v = hasHeaders ? book.valueAt(sheet, rect.top, c, {}) : "";
        // Excel names an empty header "ColumnN" and numbers a repeated one, as it does when typing.
        let name = v === "" ? "Column" + (c - rect.left + 1) : String(v);
        const base = name;
        for (let i = 2; headers.indexOf(name) >= 0; i++) name = base + i;
        headers.push(name);
      }
      created = { name: book.newTableName(), address: rangeAddress(rect), headers, style: "TableStyleMedium2", showTotals: false };
      sheet.tables.push(created);
      book.log({ kind: "call", api: "TableCollection.add", sheet: sheet.name, address: rangeAddress(rect) });
    });
    return new FakeTable(this.context, this.resolve, () => created || fail("ItemNotFound", "The table was not added"));
  }

  getItem(name: string): FakeTable {
    this.context.book.requireLevel("1.1", "TableCollection.getItem");
    return new FakeTable(this.context, this.resolve, () => {
      for (const t of this.resolve().tables) if (t.name.toLowerCase() === name.toLowerCase()) return t;
      return fail("ItemNotFound", "No table " + name);
    });
  }
}

class FakeTable extends FakeClientObject {
  constructor(
    context: FakeRequestContext,
    private readonly sheetOf: SheetResolver,
    private readonly data: () => FakeTableRecord,
  ) {
    super(context, "Table");
  }

  protected props(): Record<string, PropSpec> {
    const book = this.context.book;
    return {
      name: {
        min: "1.1",
        get: () => this.data().name,
        set: (v) => {
          if (typeof v !== "string" || !/^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*$/.test(v) || parseRangeAddress(v) !== null) {
            fail("InvalidArgument", "Invalid table name: " + String(v));
          }
          if (book.tableNameTaken(v, this.data())) fail("ItemAlreadyExists", "A table named " + v + " already exists");
          this.data().name = v;
        },
      },
      style: {
        min: "1.1",
        get: () => this.data().style,
        set: (v) => {
          this.data().style = String(v);
        },
      },
      showTotals: {
        min: "1.1",
        get: () => this.data().showTotals,
        set: (v) => {
          this.data().showTotals = v === true;
        },
      },
      showBandedRows: { min: "1.3", get: () => true, set: () => undefined },
      showFilterButton: { min: "1.3", get: () => true, set: () => undefined },
    };
  }

  get name(): string {
    return this.read("name");
  }
  set name(v: string) {
    this.write("name", v);
  }
  get style(): string {
    return this.read("style");
  }
  set style(v: string) {
    this.write("style", v);
  }
  get showTotals(): boolean {
    return this.read("showTotals");
  }
  set showTotals(v: boolean) {
    this.write("showTotals", v);
  }
  set showBandedRows(v: boolean) {
    this.write("showBandedRows", v);
  }
  set showFilterButton(v: boolean) {
    this.write("showFilterButton", v);
  }

  private part(api: string, pick: (r: RangeRect) => RangeRect): FakeRange {
    this.context.book.requireLevel("1.1", api);
    return new FakeRange(this.context, () => ({ sheet: this.sheetOf(), rect: pick(this.context.book.rectOf(this.data().address)) }));
  }

  getRange(): FakeRange {
    return this.part("Table.getRange", (r) => r);
  }

  getHeaderRowRange(): FakeRange {
    return this.part("Table.getHeaderRowRange", (r) => ({ top: r.top, left: r.left, bottom: r.top, right: r.right }));
  }

  getDataBodyRange(): FakeRange {
    return this.part("Table.getDataBodyRange", (r) => ({ top: Math.min(r.top + 1, r.bottom), left: r.left, bottom: r.bottom, right: r.right }));
  }

  delete(): void {
    this.call("Table.delete", "1.1", () => {
      const s = this.sheetOf();
      const t = this.data();
      s.tables = s.tables.filter((x) => x !== t);
    });
  }
}

// ——— Conditional formats (1.6) ———

class FakeConditionalFormatCollection extends FakeClientObject {
  constructor(
    context: FakeRequestContext,
    private readonly target: () => RangeTarget,
  ) {
    super(context, "ConditionalFormatCollection");
  }

  protected props(): Record<string, PropSpec> {
    return {};
  }

  getCount(): { value: number } {
    this.context.book.requireLevel("1.6", "ConditionalFormatCollection.getCount");
    const out = { value: 0 };
    this.context.enqueue(() => {
      const { sheet, rect } = this.target();
      out.value = sheet.conditionalFormats.filter((f) => rectsIntersect(this.context.book.rectOf(f.address), rect)).length;
    });
    return out;
  }

  add(type: string): FakeConditionalFormat {
    this.context.book.requireLevel("1.6", "ConditionalFormatCollection.add");
    let created: FakeConditionalFormatRecord | null = null;
    this.context.enqueue(() => {
      const { sheet, rect } = this.target();
      this.context.book.assertEditable(sheet, rect, "format");
      created = { address: rangeAddress(rect), type: String(type), formula: null, fill: null, fontColor: null, bold: null };
      sheet.conditionalFormats.push(created);
      this.context.book.log({ kind: "call", api: "ConditionalFormatCollection.add", sheet: sheet.name, address: rangeAddress(rect) });
    });
    return new FakeConditionalFormat(this.context, () => created || fail("ItemNotFound", "The conditional format was not added"));
  }

  clearAll(): void {
    this.call("ConditionalFormatCollection.clearAll", "1.6", () => {
      const { sheet, rect } = this.target();
      sheet.conditionalFormats = sheet.conditionalFormats.filter((f) => !rectsIntersect(this.context.book.rectOf(f.address), rect));
    });
  }
}

type CfResolver = () => FakeConditionalFormatRecord;

class FakeConditionalFormat extends FakeClientObject {
  constructor(
    context: FakeRequestContext,
    private readonly data: CfResolver,
  ) {
    super(context, "ConditionalFormat");
  }

  protected props(): Record<string, PropSpec> {
    return { type: { min: "1.6", get: () => this.data().type } };
  }

  protected override navs(): Record<string, { min: string; make: () => FakeClientObject }> {
    return {
      custom: {
        min: "1.6",
        make: () =>
          new FakeCustomConditionalFormat(this.context, () => {
            const d = this.data();
            if (d.type !== "Custom") fail("InvalidOperation", "This conditional format is of type " + d.type + ", not Custom");
            return d;
          }),
      },
    };
  }

  get type(): string {
    return this.read("type");
  }
  get custom(): FakeCustomConditionalFormat {
    return this.nav("custom");
  }
}

class FakeCustomConditionalFormat extends FakeClientObject {
  constructor(
    context: FakeRequestContext,
    private readonly data: CfResolver,
  ) {
    super(context, "CustomConditionalFormat");
  }

  protected props(): Record<string, PropSpec> {
    return {};
  }

  protected override navs(): Record<string, { min: string; make: () => FakeClientObject }> {
    const d = this.data;
    return {
      rule: {
        min: "1.6",
        make: () =>
          new FakeSimpleObject(this.context, "ConditionalFormatRule", {
            formula: {
              min: "1.6",
              get: () => d().formula,
              set: (v) => {
                if (typeof v !== "string" || v.charAt(0) !== "=") fail("InvalidArgument", "A rule's formula starts with =");
                d().formula = v;
              },
            },
          }),
      },
      format: {
        min: "1.6",
        make: () =>
          new FakeSimpleObject(this.context, "ConditionalRangeFormat", {}, {
            fill: () =>
              new FakeSimpleObject(this.context, "ConditionalRangeFill", {
                color: { min: "1.6", get: () => d().fill, set: (v) => { d().fill = normalizeColor(v); } },
              }),
            font: () =>
              new FakeSimpleObject(this.context, "ConditionalRangeFont", {
                color: { min: "1.6", get: () => d().fontColor, set: (v) => { d().fontColor = normalizeColor(v); } },
                bold: { min: "1.6", get: () => d().bold, set: (v) => { d().bold = v === true; } },
              }),
          }, "1.6"),
      },
    };
  }

  get rule(): FakeSimpleObject {
    return this.nav("rule");
  }
  get format(): FakeSimpleObject {
    return this.nav("format");
  }
}

/**
 * An object made only of plain properties and sub-objects (rule, fill, font…): each
 * property is readable and writable through the same queue as everything else.
 */
class FakeSimpleObject extends FakeClientObject {
  constructor(
    context: FakeRequestContext,
    apiName: string,
    private readonly spec: Record<string, PropSpec>,
    private readonly children: Record<string, () => FakeClientObject> = {},
    private readonly childMin = "1.1",
  ) {
    super(context, apiName);
    for (const name of Object.keys(spec)) {
      Object.defineProperty(this, name, {
        get: () => this.read(name),
        set: (v: unknown) => this.write(name, v),
        enumerable: true,
        configurable: true,
      });
    }
    for (const name of Object.keys(children)) {
      Object.defineProperty(this, name, { get: () => this.nav(name), enumerable: true, configurable: true });
    }
  }

  protected props(): Record<string, PropSpec> {
    return this.spec;
  }

  protected override navs(): Record<string, { min: string; make: () => FakeClientObject }> {
    const out: Record<string, { min: string; make: () => FakeClientObject }> = {};
    for (const name of Object.keys(this.children)) out[name] = { min: this.childMin, make: this.children[name] as () => FakeClientObject };
    return out;
  }

  /** Typed access for the adapter's code paths that go through `any`-free interfaces. */
  [name: string]: unknown;
}

// ——— Freeze panes (1.7) ———

class FakeFreezePanes extends FakeClientObject {
  constructor(
    context: FakeRequestContext,
    private readonly resolve: SheetResolver,
  ) {
    super(context, "WorksheetFreezePanes");
  }

  protected props(): Record<string, PropSpec> {
    return {};
  }

  freezeRows(count?: number): void {
    this.call("WorksheetFreezePanes.freezeRows", "1.7", () => {
      this.resolve().frozen = { rows: count === undefined ? 1 : count, columns: 0 };
    });
  }

  freezeColumns(count?: number): void {
    this.call("WorksheetFreezePanes.freezeColumns", "1.7", () => {
      this.resolve().frozen = { rows: 0, columns: count === undefined ? 1 : count };
    });
  }

  unfreeze(): void {
    this.call("WorksheetFreezePanes.unfreeze", "1.7", () => {
      this.resolve().frozen = { rows: 0, columns: 0 };
    });
  }
}

// ——— Charts (1.1; combo series types and line styles 1.7) ———

type ChartResolver = () => FakeChartRecord;

/** Categories and series of a chart from its source range, as Excel reads a block with a header row and a label column. */
function chartData(book: MemoryWorkbook, sheet: SheetData, rect: RangeRect, seriesBy: string): Pick<FakeChartRecord, "categories" | "series"> {
  const grid = book.readValues(sheet, rect);
  const rows = grid.length;
  const cols = rows > 0 ? (grid[0] as unknown[]).length : 0;
  const byColumns = seriesBy === "Columns" || (seriesBy !== "Rows" && rows >= cols);
  const line = (i: number): (CellScalar | "")[] => (byColumns ? grid.map((r) => r[i] as CellScalar | "") : (grid[i] as (CellScalar | "")[]).slice());
  const count = byColumns ? cols : rows;
  const first = line(0);
  const labelled = first.slice(1).some((v) => typeof v === "string" && v !== "");
  const header = byColumns ? (grid[0] as (CellScalar | "")[]) : grid.map((r) => r[0] as CellScalar | "");
  const hasHeader = typeof header[1] === "string" && header[1] !== "";
  const skip = hasHeader ? 1 : 0;
  const categories = labelled ? first.slice(skip) : [];
  const series: FakeChartSeriesRecord[] = [];
  for (let i = labelled ? 1 : 0; i < count; i++) {
    const values = line(i);
    series.push({
      name: hasHeader ? String(values[0]) : "Series" + (series.length + 1),
      chartType: null,
      fill: null,
      lineColor: null,
      lineWeight: null,
      markerStyle: null,
      hasDataLabels: false,
      values: values.slice(skip),
      pointFills: {},
    });
  }
  return { categories, series };
}

class FakeChartCollection extends FakeClientObject {
  constructor(
    context: FakeRequestContext,
    private readonly resolve: SheetResolver,
  ) {
    super(context, "ChartCollection");
  }

  protected props(): Record<string, PropSpec> {
    return { count: { min: "1.1", get: () => this.resolve().charts.length } };
  }

  get count(): number {
    return this.read("count");
  }

  add(type: string, sourceData: FakeRange, seriesBy?: string): FakeChart {
    this.context.book.requireLevel("1.1", "ChartCollection.add");
    const book = this.context.book;
    let created: FakeChartRecord | null = null;
    this.context.enqueue(() => {
      const sheet = this.resolve();
      book.assertEditable(sheet, book.rectOf("A1"), "objects");
      const t = sourceData.target();
      const data = chartData(book, t.sheet, t.rect, seriesBy || "Auto");
      if (data.series.length === 0) fail("InvalidArgument", "The chart's source holds no data");
      created = {
        name: "Chart " + book.newChartNumber(),
        type: String(type),
        source: quoteSheet(t.sheet.name) + "!" + rangeAddress(t.rect),
        seriesBy: seriesBy || "Auto",
        title: null,
        legend: {},
        position: null,
        valueAxis: {},
        categoryAxis: {},
        categories: data.categories,
        series: data.series,
      };
      sheet.charts.push(created);
      book.log({ kind: "call", api: "ChartCollection.add", sheet: sheet.name, address: rangeAddress(t.rect) });
    });
    return new FakeChart(this.context, this.resolve, () => created || fail("ItemNotFound", "The chart was not added"));
  }

  getItemAt(index: number): FakeChart {
    this.context.book.requireLevel("1.1", "ChartCollection.getItemAt");
    return new FakeChart(this.context, this.resolve, () => this.resolve().charts[index] || fail("ItemNotFound", "No chart at " + index));
  }
}

class FakeChart extends FakeClientObject {
  constructor(
    context: FakeRequestContext,
    private readonly sheetOf: SheetResolver,
    private readonly data: ChartResolver,
  ) {
    super(context, "Chart");
  }

  protected props(): Record<string, PropSpec> {
    const d = this.data;
    return {
      name: { min: "1.1", get: () => d().name, set: (v) => { d().name = String(v); } },
      chartType: { min: "1.7", get: () => d().type, set: (v) => { d().type = String(v); } },
    };
  }

  protected override navs(): Record<string, { min: string; make: () => FakeClientObject }> {
    const d = this.data;
    const ctx = this.context;
    const axis = (which: "valueAxis" | "categoryAxis"): FakeClientObject =>
      new FakeSimpleObject(ctx, "ChartAxis", {
        minimum: { min: "1.1", get: () => (d()[which] as { minimum?: number }).minimum, set: (v) => { (d()[which] as { minimum?: number }).minimum = Number(v); } },
        maximum: { min: "1.1", get: () => (d()[which] as { maximum?: number }).maximum, set: (v) => { (d()[which] as { maximum?: number }).maximum = Number(v); } },
        majorUnit: { min: "1.1", get: () => (d()[which] as { majorUnit?: number }).majorUnit, set: (v) => { (d()[which] as { majorUnit?: number }).majorUnit = Number(v); } },
        numberFormat: { min: "1.8", set: () => undefined },
      }, {
        title: () =>
          new FakeSimpleObject(ctx, "ChartAxisTitle", {
            text: { min: "1.1", get: () => d()[which].title, set: (v) => { d()[which].title = String(v); } },
          }),
      });
    return {
      title: {
        min: "1.1",
        make: () =>
          new FakeSimpleObject(ctx, "ChartTitle", {
            text: { min: "1.1", get: () => d().title, set: (v) => { d().title = String(v); } },
            visible: { min: "1.1", set: () => undefined },
          }),
      },
      legend: {
        min: "1.1",
        make: () =>
          new FakeSimpleObject(ctx, "ChartLegend", {
            position: { min: "1.1", get: () => d().legend.position, set: (v) => { d().legend.position = String(v); } },
            visible: { min: "1.1", get: () => d().legend.visible, set: (v) => { d().legend.visible = v === true; } },
          }),
      },
      axes: {
        min: "1.1",
        make: () => new FakeSimpleObject(ctx, "ChartAxes", {}, { valueAxis: () => axis("valueAxis"), categoryAxis: () => axis("categoryAxis") }),
      },
      series: { min: "1.1", make: () => new FakeChartSeriesCollection(ctx, d) },
    };
  }

  get name(): string {
    return this.read("name");
  }
  set name(v: string) {
    this.write("name", v);
  }
  get chartType(): string {
    return this.read("chartType");
  }
  set chartType(v: string) {
    this.write("chartType", v);
  }
  get title(): FakeSimpleObject {
    return this.nav("title");
  }
  get legend(): FakeSimpleObject {
    return this.nav("legend");
  }
  get axes(): FakeSimpleObject {
    return this.nav("axes");
  }
  get series(): FakeChartSeriesCollection {
    return this.nav("series");
  }

  setPosition(startCell: string | FakeRange, endCell?: string | FakeRange): void {
    this.call("Chart.setPosition", "1.1", () => {
      const at = (x: string | FakeRange): string => (typeof x === "string" ? rangeAddress(this.context.book.rectOf(x)) : rangeAddress(x.target().rect));
      this.data().position = { start: at(startCell), end: endCell === undefined ? null : at(endCell) };
    });
  }

  delete(): void {
    this.call("Chart.delete", "1.1", () => {
      const s = this.sheetOf();
      const c = this.data();
      s.charts = s.charts.filter((x) => x !== c);
    });
  }
}

class FakeChartSeriesCollection extends FakeClientObject {
  constructor(
    context: FakeRequestContext,
    private readonly chart: ChartResolver,
  ) {
    super(context, "ChartSeriesCollection");
  }

  protected props(): Record<string, PropSpec> {
    return { count: { min: "1.1", get: () => this.chart().series.length } };
  }

  get count(): number {
    return this.read("count");
  }

  getItemAt(index: number): FakeChartSeries {
    this.context.book.requireLevel("1.1", "ChartSeriesCollection.getItemAt");
    return new FakeChartSeries(this.context, () => this.chart().series[index] || fail("ItemNotFound", "No series at " + index));
  }
}

type SeriesResolver = () => FakeChartSeriesRecord;

class FakeChartFill extends FakeClientObject {
  constructor(
    context: FakeRequestContext,
    private readonly apply: (color: string | null) => void,
  ) {
    super(context, "ChartFill");
  }

  protected props(): Record<string, PropSpec> {
    return {};
  }

  setSolidColor(color: string): void {
    const c = normalizeColor(color);
    this.call("ChartFill.setSolidColor", "1.1", () => this.apply(c));
  }

  clear(): void {
    this.call("ChartFill.clear", "1.1", () => this.apply(null));
  }
}

class FakeChartSeries extends FakeClientObject {
  constructor(
    context: FakeRequestContext,
    private readonly data: SeriesResolver,
  ) {
    super(context, "ChartSeries");
  }

  protected props(): Record<string, PropSpec> {
    const d = this.data;
    return {
      name: { min: "1.1", get: () => d().name, set: (v) => { d().name = String(v); } },
      chartType: { min: "1.7", get: () => d().chartType, set: (v) => { d().chartType = String(v); } },
      hasDataLabels: { min: "1.7", get: () => d().hasDataLabels, set: (v) => { d().hasDataLabels = v === true; } },
      markerStyle: { min: "1.7", get: () => d().markerStyle, set: (v) => { d().markerStyle = String(v); } },
      gapWidth: { min: "1.7", set: () => undefined },
    };
  }

  protected override navs(): Record<string, { min: string; make: () => FakeClientObject }> {
    const d = this.data;
    const ctx = this.context;
    return {
      format: {
        min: "1.1",
        make: () =>
          new FakeSimpleObject(ctx, "ChartSeriesFormat", {}, {
            fill: () => new FakeChartFill(ctx, (c) => { d().fill = c; }),
            line: () =>
              new FakeSimpleObject(ctx, "ChartLineFormat", {
                color: { min: "1.1", get: () => d().lineColor, set: (v) => { d().lineColor = normalizeColor(v); } },
                weight: { min: "1.7", get: () => d().lineWeight, set: (v) => { d().lineWeight = Number(v); } },
                lineStyle: { min: "1.7", set: () => undefined },
              }),
          }),
      },
      points: {
        min: "1.1",
        make: () => new FakeChartPoints(ctx, d),
      },
    };
  }

  get name(): string {
    return this.read("name");
  }
  set name(v: string) {
    this.write("name", v);
  }
  get chartType(): string {
    return this.read("chartType");
  }
  set chartType(v: string) {
    this.write("chartType", v);
  }
  set hasDataLabels(v: boolean) {
    this.write("hasDataLabels", v);
  }
  set markerStyle(v: string) {
    this.write("markerStyle", v);
  }
  get format(): FakeSimpleObject {
    return this.nav("format");
  }
  get points(): FakeChartPoints {
    return this.nav("points");
  }
}

class FakeChartPoints extends FakeClientObject {
  constructor(
    context: FakeRequestContext,
    private readonly series: SeriesResolver,
  ) {
    super(context, "ChartPointsCollection");
  }

  protected props(): Record<string, PropSpec> {
    return { count: { min: "1.1", get: () => this.series().values.length } };
  }

  get count(): number {
    return this.read("count");
  }

  getItemAt(index: number): FakeSimpleObject {
    this.context.book.requireLevel("1.1", "ChartPointsCollection.getItemAt");
    const ctx = this.context;
    const s = this.series;
    const point = (): FakeChartSeriesRecord => {
      const data = s();
      if (!(index >= 0 && index < data.values.length)) fail("ItemNotFound", "No point " + index + " in a series of " + data.values.length);
      return data;
    };
    return new FakeSimpleObject(ctx, "ChartPoint", {}, {
      format: () =>
        new FakeSimpleObject(ctx, "ChartPointFormat", {}, {
          fill: () => new FakeChartFill(ctx, (c) => {
            const data = point();
            if (c === null) delete data.pointFills[index];
            else data.pointFills[index] = c;
          }),
        }),
    });
  }
}

// ——— Events (1.7) ———

let nextHandlerId = 1;

class FakeEventHandlers {
  constructor(
    private readonly context: FakeRequestContext,
    private readonly resolve: SheetResolver,
  ) {}

  add(handler: (event: FakeChangedEvent) => unknown): { context: FakeRequestContext; remove(): void } {
    const id = nextHandlerId++;
    const context = this.context;
    context.enqueue(() => {
      this.resolve().handlers.push({ id, fn: handler });
      context.book.log({ kind: "call", api: "Worksheet.onChanged.add", sheet: this.resolve().name });
    });
    const resolve = this.resolve;
    return {
      context,
      remove(): void {
        context.enqueue(() => {
          const s = resolve();
          s.handlers = s.handlers.filter((h) => h.id !== id);
          context.book.log({ kind: "call", api: "Worksheet.onChanged.remove", sheet: s.name });
        });
      },
    };
  }
}

// ——— The globals ———

type Batch<T> = (context: FakeRequestContext) => Promise<T>;

export interface FakeExcelNamespace {
  run<T>(batchOrObject: Batch<T> | unknown, batch?: Batch<T>): Promise<T>;
  RequestContext: new () => FakeRequestContext;
  ErrorCodes: Record<string, string>;
}

export function createFakeExcel(book: MemoryWorkbook): FakeExcelNamespace {
  function run<T>(first: Batch<T> | unknown, second?: Batch<T>): Promise<T> {
    let context: FakeRequestContext;
    let batch: Batch<T>;
    if (typeof first === "function") {
      batch = first as Batch<T>;
      context = new FakeRequestContext(book);
    } else {
      if (typeof second !== "function") return Promise.reject(new FakeOfficeError("InvalidArgument", "Excel.run needs a batch function"));
      batch = second;
      const holder = first as { context?: unknown } | null;
      if (first instanceof FakeRequestContext) context = first;
      else if (holder && holder.context instanceof FakeRequestContext) context = holder.context;
      else context = new FakeRequestContext(book);
      context.closed = false;
    }
    return Promise.resolve()
      .then(() => batch(context))
      .then((result) => (context.hasPending() ? context.sync().then(() => result) : result))
      .then(
        (result) => {
          context.closed = true;
          return result;
        },
        (e: unknown) => {
          context.closed = true;
          throw e;
        },
      );
  }
  class BoundRequestContext extends FakeRequestContext {
    constructor() {
      super(book);
    }
  }
  return {
    run,
    RequestContext: BoundRequestContext,
    ErrorCodes: {
      accessDenied: "AccessDenied",
      apiNotFound: "ApiNotFound",
      invalidArgument: "InvalidArgument",
      invalidOperation: "InvalidOperation",
      itemAlreadyExists: "ItemAlreadyExists",
      itemNotFound: "ItemNotFound",
      propertyNotLoaded: "PropertyNotLoaded",
    },
  };
}

export interface FakeOfficeNamespace {
  context: {
    requirements: { isSetSupported(name: string, minVersion?: string): boolean };
    host: string;
    platform: string;
    displayLanguage: string;
    contentLanguage: string;
    diagnostics: { host: string; platform: string; version: string };
  };
  onReady(callback?: (info: { host: string; platform: string }) => unknown): Promise<{ host: string; platform: string }>;
  initialize?: (reason: unknown) => void;
  HostType: Record<string, string>;
  PlatformType: Record<string, string>;
}

export function createFakeOffice(book: MemoryWorkbook, otherSets: Record<string, string> = {}): FakeOfficeNamespace {
  const info = { host: "Excel", platform: "PC" };
  return {
    context: {
      requirements: {
        isSetSupported(name: string, minVersion?: string): boolean {
          if (name === "ExcelApi") return book.isSetSupported(name, minVersion);
          const have = otherSets[name];
          if (have === undefined) return false;
          return minVersion === undefined || Number(minVersion) <= Number(have);
        },
      },
      host: "Excel",
      platform: "PC",
      displayLanguage: "vi-VN",
      contentLanguage: "vi-VN",
      diagnostics: { host: "Excel", platform: "PC", version: "16.0.0.0" },
    },
    onReady(callback) {
      if (callback) callback(info);
      return Promise.resolve(info);
    },
    HostType: { Excel: "Excel" },
    PlatformType: { PC: "PC", OfficeOnline: "OfficeOnline", Mac: "Mac" },
  };
}

export interface InstallOptions {
  apiLevel?: FakeApiLevel;
  /** Install over an existing (e.g. reopened) workbook instead of a new one. */
  workbook?: MemoryWorkbook;
  /** Other requirement sets to report, e.g. { DialogApi: "1.1" }. */
  otherSets?: Record<string, string>;
}

export interface InstalledOffice {
  workbook: MemoryWorkbook;
  /** Puts back whatever `Office`, `Excel` and `OfficeExtension` were before. */
  uninstall(): void;
}

/**
 * Defines `Office`, `Excel` and `OfficeExtension` on `target` (globalThis, or the test page's
 * window) backed by an in-memory workbook.
 */
export function installFakeOffice(target: object, options: InstallOptions = {}): InstalledOffice {
  const book = options.workbook || new MemoryWorkbook({ apiLevel: options.apiLevel || "1.1" });
  if (options.workbook && options.apiLevel) book.apiLevel = options.apiLevel;
  const g = target as Record<string, unknown>;
  const names = ["Office", "Excel", "OfficeExtension"];
  const saved: Record<string, { had: boolean; value: unknown }> = {};
  for (const n of names) saved[n] = { had: Object.prototype.hasOwnProperty.call(g, n), value: g[n] };
  g.Excel = createFakeExcel(book);
  g.Office = createFakeOffice(book, options.otherSets);
  g.OfficeExtension = { Error: FakeOfficeError, ErrorCodes: (g.Excel as FakeExcelNamespace).ErrorCodes };
  return {
    workbook: book,
    uninstall(): void {
      for (const n of names) {
        const s = saved[n] as { had: boolean; value: unknown };
        if (s.had) g[n] = s.value;
        else delete g[n];
      }
    },
  };
}
