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
  columnLetters,
  columnNumber,
  parseRangeAddress,
  rangeAddress,
  rectsIntersect,
  sheetNameOf,
  stripSheet,
  type RangeRect,
} from "../../../../shared/a1";
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
      const column = m[1] === "$" ? columnNumber(m[2] as string) : columnNumber(m[2] as string) + columnOffset;
      const row = m[3] === "$" ? Number(m[4]) : Number(m[4]) + rowOffset;
      out += m[1] + columnLetters(column) + m[3] + row;
      i += m[0].length;
      continue;
    }
    out += ch;
    i++;
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
    this.comments.push({ id: this.newCommentId(), sheetId: sheet.id, address: stripSheet(address).toUpperCase(), content, authorName: "Clerk" });
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
    this.writeGrid(sheet, rect, data, "content", property, (row, column, v) => {
      const parsed = parseInput(v);
      const cell = sheet.edit(row, column);
      cell.value = parsed.value;
      cell.formula = parsed.formula;
    });
    if (this.changedInSync) this.changedInSync.push({ sheet, rect });
  }

  /** @internal */
  writeNumberFormat(sheet: SheetData, rect: RangeRect, data: unknown): void {
    this.writeGrid(sheet, rect, data, "format", "numberFormat", (row, column, v) => {
      if (typeof v !== "string") fail("InvalidArgument", "A number format must be text");
      sheet.edit(row, column).numberFormat = v;
    });
  }

  /** A 2-D write as Office.js takes it: one row of values per row of the range; null leaves a cell as it is. */
  private writeGrid(
    sheet: SheetData,
    rect: RangeRect,
    data: unknown,
    what: "content" | "format",
    property: string,
    put: (row: number, column: number, v: unknown) => void,
  ): void {
    const rows = this.checkShape(rect, data);
    this.assertEditable(sheet, rect, what);
    for (let i = 0; i < rows.length; i++) {
      const line = rows[i] as unknown[];
      for (let j = 0; j < line.length; j++) {
        const v = line[j];
        if (v !== null && v !== undefined) put(rect.top + i, rect.left + j, v);
      }
    }
    this.log({ kind: "write", sheet: sheet.name, address: rangeAddress(rect), property });
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

  /** @internal A 2-D array over the range, row by row. */
  grid<T>(rect: RangeRect, at: (row: number, column: number) => T): T[][] {
    const out: T[][] = [];
    for (let r = rect.top; r <= rect.bottom; r++) {
      const line: T[] = [];
      for (let c = rect.left; c <= rect.right; c++) line.push(at(r, c));
      out.push(line);
    }
    return out;
  }

  /** @internal */
  readValues(sheet: SheetData, rect: RangeRect): (CellScalar | "")[][] {
    return this.grid(rect, (r, c) => this.valueAt(sheet, r, c, {}));
  }

  /** @internal */
  readFormulas(sheet: SheetData, rect: RangeRect): (CellScalar | "")[][] {
    return this.grid(rect, (r, c) => {
      const cell = sheet.get(r, c);
      return cell.formula !== null ? cell.formula : cell.value === null ? "" : cell.value;
    });
  }

  /** @internal The common value of a property over a range, or `differs` when the cells differ (Office.js reports null). */
  uniform<T, D>(sheet: SheetData, rect: RangeRect, pick: (c: CellData) => T, differs: D): T | D {
    let first = true;
    let out: T | D = differs;
    this.eachCell(rect, (r, c) => {
      const v = pick(sheet.get(r, c));
      if (first) {
        out = v;
        first = false;
      } else if (out !== v) out = differs;
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

type NavSpecs = Record<string, { min: string; make: () => FakeClientObject }>;

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

/** "format/fill/color" → "format" and ["fill/color"]; "values" → "values" and []. */
function splitPath(path: string): { head: string; rest: string[] } {
  const slash = path.indexOf("/");
  return slash < 0 ? { head: path, rest: [] } : { head: path.slice(0, slash), rest: [path.slice(slash + 1)] };
}

function copy<T>(v: T): T {
  if (Array.isArray(v)) return v.map((x) => copy(x)) as unknown as T;
  if (v !== null && typeof v === "object") return JSON.parse(JSON.stringify(v)) as T;
  return v;
}

/** A property kept as it is on a record (a table's, a chart's…); `convert` turns what the add-in writes into what is kept. */
function stored<R, K extends keyof R>(min: string, record: () => R, key: K, convert: (v: unknown) => R[K]): PropSpec {
  return {
    min,
    get: () => record()[key],
    set: (v) => {
      record()[key] = convert(v);
    },
  };
}

const asFlag = (v: unknown): boolean => v === true;
const asIs = (v: unknown): unknown => v;

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

/** The Office.js members of a class, as names separated by spaces. */
interface Members {
  /** Read after load() and a sync; written through the queue. */
  readWrite?: string;
  readOnly?: string;
  writeOnly?: string;
  /** Sub-objects (range.format, sheet.tables…), each made once per object. */
  navs?: string;
}

abstract class FakeClientObject {
  /** @internal */ abstract readonly apiName: string;
  /** @internal */ loaded: Record<string, unknown> = {};
  /** Set on what a getItemOrNullObject returned: whether the item is missing, asked at sync. */
  protected isNull: (() => boolean) | null = null;
  private navCache: Record<string, FakeClientObject> = {};

  constructor(readonly context: FakeRequestContext) {}

  /**
   * @internal Puts a class's members on its prototype, as Office.js has them (their types are
   * declared by an interface of the class's name): a property is read from what load() and a
   * sync captured, a write is queued, a sub-object is made once.
   */
  static expose(cls: { prototype: FakeClientObject }, members: Members): void {
    const define = (names: string | undefined, descriptor: (name: string) => PropertyDescriptor): void => {
      for (const name of (names || "").split(" ")) {
        if (name !== "") Object.defineProperty(cls.prototype, name, { ...descriptor(name), configurable: true });
      }
    };
    const get = (name: string) =>
      function (this: FakeClientObject): unknown {
        return this.read(name);
      };
    const set = (name: string) =>
      function (this: FakeClientObject, v: unknown): void {
        this.write(name, v);
      };
    define(members.readWrite, (name) => ({ get: get(name), set: set(name) }));
    define(members.readOnly, (name) => ({ get: get(name) }));
    define(members.writeOnly, (name) => ({ set: set(name) }));
    define(members.navs, (name) => ({
      get(this: FakeClientObject): unknown {
        return this.nav(name);
      },
    }));
  }

  /** @internal */
  get book(): MemoryWorkbook {
    return this.context.book;
  }

  get isNullObject(): boolean {
    return this.isNull ? this.read<boolean>("isNullObject") : false;
  }

  protected props(): Record<string, PropSpec> {
    return {};
  }

  protected navs(): NavSpecs {
    return {};
  }

  /** ApiNotFound when `member` of this object needs a newer ExcelApi than this Excel's. */
  protected need(min: string, member: string): void {
    this.book.requireLevel(min, this.apiName + "." + member);
  }

  /** A method that only queues its work for the next sync. */
  protected call(min: string, member: string, op: () => void): void {
    this.need(min, member);
    this.context.enqueue(op);
  }

  protected nav<T extends FakeClientObject>(name: string): T {
    const spec = this.navs()[name];
    if (!spec) return fail("InvalidArgument", this.apiName + " has no " + name);
    this.need(spec.min, name);
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
      const { head, rest } = splitPath(path);
      const p = this.props()[head];
      if (p && rest.length === 0) {
        this.need(p.min, head);
        if (!p.get) fail("InvalidArgument", this.apiName + "." + head + " cannot be loaded");
        continue;
      }
      if (this.navs()[head]) {
        this.nav(head).validate(rest);
        continue;
      }
      if (head === "items" && this.isCollection()) {
        this.validateItems(rest);
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
    if (this.isNull) this.loaded.isNullObject = this.isNull();
    if (all && this.isCollection()) this.captureItems([]);
    for (const path of list) {
      const { head, rest } = splitPath(path);
      const p = this.props()[head];
      if (p && rest.length === 0) {
        if (!p.get || minorOf(p.min) > minorOf(this.book.apiLevel)) continue;
        this.loaded[head] = copy(p.get());
        this.book.log({ kind: "load", target: this.apiName, property: head });
      } else if (this.navs()[head]) {
        this.nav(head).capture(rest);
      } else if (head === "items") {
        this.captureItems(rest);
      }
    }
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
    this.need(p.min, name);
    const set = p.set;
    const value = copy(v);
    this.context.enqueue(() => set(value));
  }

  toJSON(): Record<string, unknown> {
    return { ...this.loaded };
  }
}

const expose = FakeClientObject.expose;

/** A collection whose `items` load like a property (`load("items/name")`). */
abstract class FakeCollection<T extends FakeClientObject> extends FakeClientObject {
  private itemsList: T[] | null = null;

  /** An item to check load paths against. */
  protected abstract sample(): T;

  /** The items as they are at this point of the batch. */
  protected abstract current(): T[];

  protected override isCollection(): boolean {
    return true;
  }

  protected override validateItems(paths: string[]): void {
    this.sample().validate(paths);
  }

  protected override captureItems(paths: string[]): void {
    const items = this.current();
    for (const item of items) item.capture(paths);
    this.itemsList = items;
  }

  get items(): T[] {
    if (this.itemsList === null) fail("PropertyNotLoaded", this.apiName + ".items is not loaded");
    return this.itemsList;
  }
}

type SheetResolver = () => SheetData;

/** The table, chart, series and point collections: `count` is their one loadable property. */
interface Counted {
  readonly count: number;
}

function countOf(length: () => number): Record<string, PropSpec> {
  return { count: { min: "1.1", get: length } };
}

/** An object that belongs to one sheet (its protection, its tables…), found again at each use. */
abstract class FakeSheetPart extends FakeClientObject {
  constructor(
    context: FakeRequestContext,
    protected readonly resolve: SheetResolver,
  ) {
    super(context);
  }
}

/** An object that stands for one record of a sheet (a conditional format, a chart series…). */
abstract class FakeRecordPart<R> extends FakeClientObject {
  constructor(
    context: FakeRequestContext,
    protected readonly data: () => R,
  ) {
    super(context);
  }
}

/** A table or a chart: one record in a list of its sheet's. */
abstract class FakeSheetItem<R> extends FakeRecordPart<R> {
  constructor(
    context: FakeRequestContext,
    protected readonly sheetOf: SheetResolver,
    data: () => R,
  ) {
    super(context, data);
  }

  protected abstract listIn(sheet: SheetData): R[];

  delete(): void {
    this.call("1.1", "delete", () => {
      const list = this.listIn(this.sheetOf());
      const i = list.indexOf(this.data());
      if (i >= 0) list.splice(i, 1);
    });
  }
}

// ——— Workbook and worksheets ———

interface FakeWorkbook {
  readonly worksheets: FakeWorksheetCollection;
  readonly comments: FakeCommentCollection;
}

class FakeWorkbook extends FakeClientObject {
  readonly apiName = "Workbook";

  protected override navs(): NavSpecs {
    return {
      worksheets: { min: "1.1", make: () => new FakeWorksheetCollection(this.context) },
      comments: { min: "1.10", make: () => new FakeCommentCollection(this.context, null) },
    };
  }

  getSelectedRange(): FakeRange {
    this.need("1.1", "getSelectedRange");
    const book = this.book;
    return new FakeRange(this.context, () => {
      const sel = book.selection;
      const sheet = sel ? book.findById(sel.sheetId) : book.findById(book.activeId);
      if (!sheet) return fail("ItemNotFound", "No active sheet");
      return { sheet, rect: book.rectOf(sel && sheet.id === sel.sheetId ? sel.address : "A1") };
    });
  }
}
expose(FakeWorkbook, { navs: "worksheets comments" });

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

class FakeWorksheetCollection extends FakeCollection<FakeWorksheet> {
  readonly apiName = "WorksheetCollection";

  protected sample(): FakeWorksheet {
    return new FakeWorksheet(this.context, () => fail("ItemNotFound", ""));
  }

  protected current(): FakeWorksheet[] {
    const book = this.book;
    return book.sheets.map((s) => new FakeWorksheet(this.context, () => book.findById(s.id) || fail("ItemNotFound", "The sheet was deleted")));
  }

  add(name?: string): FakeWorksheet {
    this.need("1.1", "add");
    const book = this.book;
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
    this.need("1.1", "getItem");
    return new FakeWorksheet(this.context, this.byKey(key));
  }

  getItemOrNullObject(key: string): FakeWorksheet {
    this.need("1.4", "getItemOrNullObject");
    const book = this.book;
    return new FakeWorksheet(this.context, this.byKey(key), () => book.findByName(key) === null && book.findById(key) === null);
  }

  getActiveWorksheet(): FakeWorksheet {
    this.need("1.1", "getActiveWorksheet");
    const book = this.book;
    return new FakeWorksheet(
      this.context,
      once(() => book.findById(book.activeId) || fail("ItemNotFound", "No active sheet")),
    );
  }

  private byKey(key: string): SheetResolver {
    const book = this.book;
    return once(() => book.findByName(key) || book.findById(key) || fail("ItemNotFound", "No sheet named " + key));
  }
}

interface FakeWorksheet {
  name: string;
  readonly id: string;
  readonly position: number;
  readonly visibility: string;
  showGridlines: boolean;
  readonly protection: FakeWorksheetProtection;
  readonly pageLayout: FakePageLayout;
  readonly notes: FakeNoteCollection;
  readonly comments: FakeCommentCollection;
  readonly tables: FakeTableCollection;
  readonly charts: FakeChartCollection;
  readonly freezePanes: FakeFreezePanes;
}

class FakeWorksheet extends FakeClientObject {
  readonly apiName = "Worksheet";

  constructor(
    context: FakeRequestContext,
    /** @internal */ readonly resolve: SheetResolver,
    isNull?: () => boolean,
  ) {
    super(context);
    if (isNull) this.isNull = isNull;
  }

  protected override props(): Record<string, PropSpec> {
    const book = this.book;
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
      showGridlines: stored("1.8", this.resolve, "showGridlines", asFlag),
    };
  }

  protected override navs(): NavSpecs {
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

  get onChanged(): FakeEventHandlers {
    this.need("1.7", "onChanged");
    return new FakeEventHandlers(this.context, this.resolve);
  }

  /** The smallest range holding every cell with a value or (unless `valuesOnly`, ExcelApi 1.2) formatting; "A1" on an empty sheet. */
  getUsedRange(valuesOnly?: boolean): FakeRange {
    this.need("1.1", "getUsedRange");
    if (valuesOnly !== undefined) this.need("1.2", "getUsedRange(valuesOnly)");
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
    this.need("1.1", "getRange");
    if (address === undefined) fail("InvalidArgument", "The in-memory workbook needs an address for getRange()");
    const rect = this.book.rectOf(address);
    const resolve = this.resolve;
    return new FakeRange(this.context, () => ({ sheet: resolve(), rect }));
  }

  activate(): void {
    this.call("1.1", "activate", () => {
      const s = this.resolve();
      this.book.activeId = s.id;
      this.book.log({ kind: "call", api: "Worksheet.activate", sheet: s.name });
    });
  }

  delete(): void {
    this.call("1.1", "delete", () => {
      const book = this.book;
      const s = this.resolve();
      book.sheets = book.sheets.filter((x) => x !== s);
      book.comments = book.comments.filter((c) => c.sheetId !== s.id);
      if (book.activeId === s.id) book.activeId = book.sheets[0] ? (book.sheets[0] as SheetData).id : null;
      book.log({ kind: "call", api: "Worksheet.delete", sheet: s.name });
    });
  }
}
expose(FakeWorksheet, {
  readWrite: "name showGridlines",
  readOnly: "id position visibility",
  navs: "protection pageLayout notes comments tables charts freezePanes",
});

interface FakeWorksheetProtection {
  readonly protected: boolean;
  readonly options: FakeProtectionOptions;
}

class FakeWorksheetProtection extends FakeSheetPart {
  readonly apiName = "WorksheetProtection";

  protected override props(): Record<string, PropSpec> {
    return {
      protected: { min: "1.2", get: () => this.resolve().protection.protected },
      options: { min: "1.2", get: () => ({ ...this.resolve().protection.options }) },
    };
  }

  protect(options?: FakeProtectionOptions, _password?: string): void {
    const opts = copy(options || {});
    this.call("1.2", "protect", () => {
      const s = this.resolve();
      if (s.protection.protected) fail("InvalidOperation", "The sheet " + s.name + " is already protected");
      s.protection = { protected: true, options: opts };
      this.book.log({ kind: "call", api: "WorksheetProtection.protect", sheet: s.name });
    });
  }

  unprotect(_password?: string): void {
    this.call("1.7", "unprotect", () => {
      const s = this.resolve();
      s.protection = { protected: false, options: s.protection.options };
      this.book.log({ kind: "call", api: "WorksheetProtection.unprotect", sheet: s.name });
    });
  }
}
expose(FakeWorksheetProtection, { readOnly: "protected options" });

interface FakePageLayout {
  orientation: string;
  paperSize: string;
  centerHorizontally: boolean;
  centerVertically: boolean;
  zoom: unknown;
}

class FakePageLayout extends FakeSheetPart {
  readonly apiName = "PageLayout";

  protected override props(): Record<string, PropSpec> {
    const layout = (): Record<string, unknown> => this.resolve().pageLayout;
    const out: Record<string, PropSpec> = {};
    for (const name of ["orientation", "paperSize", "centerHorizontally", "centerVertically", "zoom"]) out[name] = stored("1.9", layout, name, asIs);
    out.printTitleRows = { min: "1.9", get: () => layout().printTitleRows };
    return out;
  }

  setPrintTitleRows(rows: string | FakeRange): void {
    this.setArea("setPrintTitleRows", "printTitleRows", rows);
  }

  setPrintArea(printArea: string | FakeRange): void {
    this.setArea("setPrintArea", "printArea", printArea);
  }

  private setArea(member: string, key: string, area: string | FakeRange): void {
    this.call("1.9", member, () => {
      this.resolve().pageLayout[key] = typeof area === "string" ? area : rangeAddress(area.target().rect);
    });
  }
}
expose(FakePageLayout, { readWrite: "orientation paperSize centerHorizontally centerVertically zoom" });

// ——— Ranges ———

interface RangeTarget {
  sheet: SheetData;
  rect: RangeRect;
}

/** A range, or an object that stands for part of one (its format, fill, font…). */
abstract class FakeRangePart extends FakeClientObject {
  constructor(
    context: FakeRequestContext,
    /** @internal */ readonly target: () => RangeTarget,
  ) {
    super(context);
  }

  /** A cell format: the range's common value (null when its cells differ); a write formats every cell. */
  protected cellProp<K extends keyof CellData>(min: string, property: string, key: K, convert: (v: unknown) => CellData[K]): PropSpec {
    const book = this.book;
    const t = this.target;
    return {
      min,
      get: () => book.uniform(t().sheet, t().rect, (c) => c[key], null),
      set: (v) =>
        book.formatCells(t().sheet, t().rect, property, (c) => {
          c[key] = convert(v);
        }),
    };
  }
}

export interface FakeRange {
  get values(): (CellScalar | "")[][];
  set values(v: unknown[][]);
  get formulas(): (CellScalar | "")[][];
  set formulas(v: unknown[][]);
  get numberFormat(): string[][];
  set numberFormat(v: unknown[][]);
  readonly address: string;
  readonly rowCount: number;
  readonly columnCount: number;
  readonly rowIndex: number;
  readonly columnIndex: number;
  rowHidden: boolean;
  columnHidden: boolean;
  readonly format: FakeRangeFormat;
  readonly conditionalFormats: FakeConditionalFormatCollection;
  readonly dataValidation: FakeDataValidation;
}

export class FakeRange extends FakeRangePart {
  readonly apiName = "Range";

  constructor(context: FakeRequestContext, target: () => RangeTarget) {
    super(context, once(target));
  }

  protected override props(): Record<string, PropSpec> {
    const book = this.book;
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
        get: () => book.grid(t().rect, (r, c) => t().sheet.get(r, c).numberFormat),
        set: (v) => book.writeNumberFormat(t().sheet, t().rect, v),
      },
      address: { min: "1.1", get: () => quoteSheet(t().sheet.name) + "!" + rangeAddress(t().rect) },
      rowCount: { min: "1.1", get: () => t().rect.bottom - t().rect.top + 1 },
      columnCount: { min: "1.1", get: () => t().rect.right - t().rect.left + 1 },
      rowIndex: { min: "1.1", get: () => t().rect.top - 1 },
      columnIndex: { min: "1.1", get: () => t().rect.left - 1 },
      rowHidden: this.hidden("rows"),
      columnHidden: this.hidden("columns"),
    };
  }

  /** rowHidden, columnHidden: true when every row (column) of the range is hidden. */
  private hidden(what: "rows" | "columns"): PropSpec {
    const book = this.book;
    const t = this.target;
    const rows = what === "rows";
    const span = (rect: RangeRect): { from: number; to: number } => (rows ? { from: rect.top, to: rect.bottom } : { from: rect.left, to: rect.right });
    const marks = (sheet: SheetData): Record<number, true> => (rows ? sheet.hiddenRows : sheet.hiddenColumns);
    return {
      min: "1.2",
      get: () => {
        const { sheet, rect } = t();
        const { from, to } = span(rect);
        for (let i = from; i <= to; i++) if (!marks(sheet)[i]) return false;
        return true;
      },
      set: (v) => {
        const { sheet, rect } = t();
        book.assertEditable(sheet, rect, what);
        const { from, to } = span(rect);
        for (let i = from; i <= to; i++) {
          if (v === true) marks(sheet)[i] = true;
          else delete marks(sheet)[i];
        }
        book.log({ kind: "write", sheet: sheet.name, address: rangeAddress(rect), property: rows ? "rowHidden" : "columnHidden" });
      },
    };
  }

  protected override navs(): NavSpecs {
    return {
      format: { min: "1.1", make: () => new FakeRangeFormat(this.context, this.target) },
      dataValidation: { min: "1.8", make: () => new FakeDataValidation(this.context, this.target) },
      conditionalFormats: { min: "1.6", make: () => new FakeConditionalFormatCollection(this.context, this.target) },
    };
  }

  getCell(row: number, column: number): FakeRange {
    this.need("1.1", "getCell");
    const t = this.target;
    return new FakeRange(this.context, () => {
      const { sheet, rect } = t();
      const r = rect.top + row;
      const c = rect.left + column;
      return { sheet, rect: { top: r, left: c, bottom: r, right: c } };
    });
  }

  merge(across?: boolean): void {
    this.call("1.2", "merge", () => {
      const { sheet, rect } = this.target();
      this.book.assertEditable(sheet, rect, "structure");
      if (across === true) {
        for (let r = rect.top; r <= rect.bottom; r++) sheet.merges.push({ top: r, left: rect.left, bottom: r, right: rect.right });
      } else {
        sheet.merges.push({ ...rect });
      }
      this.book.log({ kind: "call", api: "Range.merge", sheet: sheet.name, address: rangeAddress(rect) });
    });
  }

  unmerge(): void {
    this.call("1.2", "unmerge", () => {
      const { sheet, rect } = this.target();
      this.book.assertEditable(sheet, rect, "structure");
      sheet.merges = sheet.merges.filter((m) => !rectsIntersect(m, rect));
    });
  }

  select(): void {
    this.call("1.1", "select", () => {
      const { sheet, rect } = this.target();
      const book = this.book;
      book.activeId = sheet.id;
      book.selection = { sheetId: sheet.id, address: rangeAddress(rect) };
      book.log({ kind: "call", api: "Range.select", sheet: sheet.name, address: rangeAddress(rect) });
    });
  }
}
expose(FakeRange, {
  readWrite: "values formulas numberFormat rowHidden columnHidden",
  readOnly: "address rowCount columnCount rowIndex columnIndex",
  navs: "format conditionalFormats dataValidation",
});

interface FakeRangeFormat {
  horizontalAlignment: string;
  verticalAlignment: string;
  wrapText: boolean;
  columnWidth: number;
  rowHeight: number;
  readonly fill: FakeRangeFill;
  readonly font: FakeRangeFont;
  readonly borders: FakeBorderCollection;
  readonly protection: FakeFormatProtection;
}

class FakeRangeFormat extends FakeRangePart {
  readonly apiName = "RangeFormat";

  protected override props(): Record<string, PropSpec> {
    const book = this.book;
    const t = this.target;
    return {
      horizontalAlignment: this.cellProp("1.1", "format/horizontalAlignment", "hAlign", String),
      verticalAlignment: this.cellProp("1.1", "format/verticalAlignment", "vAlign", String),
      wrapText: this.cellProp("1.1", "format/wrapText", "wrap", asFlag),
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

  protected override navs(): NavSpecs {
    return {
      fill: { min: "1.1", make: () => new FakeRangeFill(this.context, this.target) },
      font: { min: "1.1", make: () => new FakeRangeFont(this.context, this.target) },
      borders: { min: "1.1", make: () => new FakeBorderCollection(this.context, this.target) },
      protection: { min: "1.2", make: () => new FakeFormatProtection(this.context, this.target) },
    };
  }

  autofitColumns(): void {
    this.call("1.2", "autofitColumns", () => undefined);
  }

  autofitRows(): void {
    this.call("1.2", "autofitRows", () => undefined);
  }
}
expose(FakeRangeFormat, {
  readWrite: "horizontalAlignment verticalAlignment wrapText columnWidth rowHeight",
  navs: "fill font borders protection",
});

interface FakeRangeFill {
  color: string;
  readonly tintAndShade: number | null;
  readonly pattern: string | null;
}

class FakeRangeFill extends FakeRangePart {
  readonly apiName = "RangeFill";

  protected override props(): Record<string, PropSpec> {
    const book = this.book;
    const t = this.target;
    // undefined: the cells differ.
    const uniformFill = (): string | null | undefined => book.uniform(t().sheet, t().rect, (c) => c.fill, undefined);
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

  clear(): void {
    this.call("1.1", "clear", () => {
      const { sheet, rect } = this.target();
      this.book.formatCells(sheet, rect, "format/fill/clear", (c) => {
        c.fill = null;
      });
    });
  }
}
expose(FakeRangeFill, { readWrite: "color", readOnly: "tintAndShade pattern" });

interface FakeRangeFont {
  bold: boolean;
  italic: boolean;
  color: string;
  size: number;
  name: string;
}

class FakeRangeFont extends FakeRangePart {
  readonly apiName = "RangeFont";

  protected override props(): Record<string, PropSpec> {
    return {
      bold: this.cellProp("1.1", "format/font/bold", "bold", asFlag),
      italic: this.cellProp("1.1", "format/font/italic", "italic", asFlag),
      color: this.cellProp("1.1", "format/font/color", "fontColor", normalizeColor),
      size: this.cellProp("1.1", "format/font/size", "fontSize", Number),
      name: this.cellProp("1.1", "format/font/name", "fontName", String),
    };
  }
}
expose(FakeRangeFont, { readWrite: "bold italic color size name" });

const BORDER_EDGES = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal", "DiagonalDown", "DiagonalUp"];

class FakeBorderCollection extends FakeRangePart {
  readonly apiName = "RangeBorderCollection";

  getItem(index: string): FakeBorder {
    this.need("1.1", "getItem");
    if (BORDER_EDGES.indexOf(index) < 0) fail("InvalidArgument", "No border " + index);
    return new FakeBorder(this.context, this.target, index);
  }
}

interface FakeBorder {
  set style(v: string);
  set weight(v: string);
  set color(v: string);
}

class FakeBorder extends FakeRangePart {
  readonly apiName = "RangeBorder";

  constructor(
    context: FakeRequestContext,
    target: () => RangeTarget,
    private readonly edge: string,
  ) {
    super(context, target);
  }

  private record(key: "style" | "weight" | "color", v: unknown): void {
    const { sheet, rect } = this.target();
    const book = this.book;
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

  protected override props(): Record<string, PropSpec> {
    return {
      style: { min: "1.1", set: (v) => this.record("style", v) },
      weight: { min: "1.1", set: (v) => this.record("weight", v) },
      color: { min: "1.1", set: (v) => this.record("color", normalizeColor(v)) },
    };
  }
}
expose(FakeBorder, { writeOnly: "style weight color" });

interface FakeFormatProtection {
  locked: boolean;
  formulaHidden: boolean;
}

class FakeFormatProtection extends FakeRangePart {
  readonly apiName = "FormatProtection";

  protected override props(): Record<string, PropSpec> {
    return { locked: this.lockProp("locked"), formulaHidden: this.lockProp("formulaHidden") };
  }

  private lockProp(key: "locked" | "formulaHidden"): PropSpec {
    const spec = this.cellProp("1.2", "format/protection/" + key, key, asFlag);
    const formatCells = spec.set as (v: unknown) => void;
    return {
      ...spec,
      set: (v) => {
        const { sheet } = this.target();
        // Changing which cells are locked is never allowed on a protected sheet.
        if (sheet.protection.protected) fail("AccessDenied", "The sheet " + sheet.name + " is protected");
        formatCells(v);
      },
    };
  }
}
expose(FakeFormatProtection, { readWrite: "locked formulaHidden" });

interface FakeDataValidation {
  rule: unknown;
  errorAlert: unknown;
}

class FakeDataValidation extends FakeRangePart {
  readonly apiName = "DataValidation";

  private find(): FakeValidationRecord | undefined {
    const { sheet, rect } = this.target();
    const address = rangeAddress(rect);
    for (const v of sheet.validations) if (v.address === address) return v;
    return undefined;
  }

  private recordOf(): FakeValidationRecord {
    const { sheet, rect } = this.target();
    this.book.assertEditable(sheet, rect, "objects");
    let rec = this.find();
    if (!rec) {
      rec = { address: rangeAddress(rect) };
      sheet.validations.push(rec);
    }
    return rec;
  }

  protected override props(): Record<string, PropSpec> {
    const prop = (key: "rule" | "errorAlert"): PropSpec => ({
      min: "1.8",
      get: () => {
        const rec = this.find();
        return (rec && rec[key]) || {};
      },
      set: (v) => {
        this.recordOf()[key] = v;
      },
    });
    return { rule: prop("rule"), errorAlert: prop("errorAlert") };
  }

  clear(): void {
    this.call("1.8", "clear", () => {
      const { sheet, rect } = this.target();
      const address = rangeAddress(rect);
      sheet.validations = sheet.validations.filter((v) => v.address !== address);
    });
  }
}
expose(FakeDataValidation, { readWrite: "rule errorAlert" });

// ——— Notes (1.18) and comments (1.10) ———

class FakeNoteCollection extends FakeCollection<FakeNote> {
  readonly apiName = "NoteCollection";

  constructor(
    context: FakeRequestContext,
    private readonly resolve: SheetResolver,
  ) {
    super(context);
  }

  protected sample(): FakeNote {
    return new FakeNote(this.context, this.resolve, "A1", false);
  }

  protected current(): FakeNote[] {
    return Object.keys(this.resolve().notes).map((a) => new FakeNote(this.context, this.resolve, a, false));
  }

  add(cellAddress: string | FakeRange, content: string): FakeNote {
    this.need("1.18", "add");
    const address = typeof cellAddress === "string" ? cellAddress : null;
    let key = "";
    this.context.enqueue(() => {
      const s = this.resolve();
      const rect = address !== null ? this.book.rectOf(address) : (cellAddress as FakeRange).target().rect;
      if (rect.top !== rect.bottom || rect.left !== rect.right) fail("InvalidArgument", "A note goes on one cell");
      this.book.assertEditable(s, rect, "objects");
      key = topLeft(rect);
      if (s.notes[key]) fail("InvalidArgument", "The cell " + key + " already has a note");
      s.notes[key] = { content: String(content), authorName: "THADS" };
      this.book.log({ kind: "call", api: "NoteCollection.add", sheet: s.name, address: key });
    });
    return new FakeNote(this.context, this.resolve, () => key, false);
  }

  getItem(key: string): FakeNote {
    this.need("1.18", "getItem");
    return new FakeNote(this.context, this.resolve, normalizeCellKey(key), false);
  }

  getItemOrNullObject(key: string): FakeNote {
    this.need("1.18", "getItemOrNullObject");
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

interface FakeNote {
  content: string;
  readonly authorName: string;
}

class FakeNote extends FakeClientObject {
  readonly apiName = "Note";

  constructor(
    context: FakeRequestContext,
    private readonly resolve: SheetResolver,
    private readonly key: string | (() => string),
    orNull: boolean,
  ) {
    super(context);
    if (orNull) this.isNull = () => this.data() === null;
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

  protected override props(): Record<string, PropSpec> {
    const nullable = <T>(get: () => T): (() => T | null) => () => (this.isNull && this.isNull() ? null : get());
    return {
      content: {
        min: "1.18",
        get: nullable(() => this.existing().content),
        set: (v) => {
          const s = this.resolve();
          this.book.assertEditable(s, this.book.rectOf(this.address()), "objects");
          this.existing().content = String(v);
        },
      },
      authorName: { min: "1.18", get: nullable(() => this.existing().authorName) },
    };
  }

  delete(): void {
    this.call("1.18", "delete", () => {
      const s = this.resolve();
      const a = this.address();
      this.existing();
      this.book.assertEditable(s, this.book.rectOf(a), "objects");
      delete s.notes[a];
      this.book.log({ kind: "call", api: "Note.delete", sheet: s.name, address: a });
    });
  }
}
expose(FakeNote, { readWrite: "content", readOnly: "authorName" });

class FakeCommentCollection extends FakeCollection<FakeComment> {
  readonly apiName = "CommentCollection";

  /** `resolve` null: the workbook's collection (every sheet). */
  constructor(
    context: FakeRequestContext,
    private readonly resolve: SheetResolver | null,
  ) {
    super(context);
  }

  protected sample(): FakeComment {
    return new FakeComment(this.context, () => "");
  }

  protected current(): FakeComment[] {
    const sheetId = this.resolve ? this.resolve().id : null;
    return this.book.comments.filter((c) => sheetId === null || c.sheetId === sheetId).map((c) => new FakeComment(this.context, () => c.id));
  }

  add(cellAddress: string | FakeRange, content: string): FakeComment {
    this.need("1.10", "add");
    const book = this.book;
    let id = "";
    this.context.enqueue(() => {
      let sheet: SheetData;
      let rect: RangeRect;
      if (typeof cellAddress === "string") {
        const name = sheetNameOf(cellAddress);
        // Office.js wants the full address, sheet included, for a string.
        if (name === null) fail("InvalidArgument", "A comment address must include the sheet: " + cellAddress);
        sheet = book.sheetByName(name);
        rect = book.rectOf(stripSheet(cellAddress));
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
    this.need("1.10", "getItem");
    return new FakeComment(this.context, () => commentId);
  }

  getItemByCell(cellAddress: string): FakeComment {
    this.need("1.10", "getItemByCell");
    const book = this.book;
    return new FakeComment(
      this.context,
      once(() => {
        const name = sheetNameOf(cellAddress);
        const sheet = name === null ? (this.resolve ? this.resolve() : fail("InvalidArgument", "Address without sheet")) : book.sheetByName(name);
        const address = normalizeCellKey(cellAddress);
        for (const c of book.comments) if (c.sheetId === sheet.id && c.address === address) return c.id;
        return fail("ItemNotFound", "No comment on " + address);
      }),
    );
  }
}

interface FakeComment {
  readonly id: string;
  content: string;
  readonly authorName: string;
}

class FakeComment extends FakeClientObject {
  readonly apiName = "Comment";

  constructor(
    context: FakeRequestContext,
    private readonly idOf: () => string,
  ) {
    super(context);
  }

  private data(): CommentData {
    const id = this.idOf();
    for (const c of this.book.comments) if (c.id === id) return c;
    return fail("ItemNotFound", "No comment " + id);
  }

  protected override props(): Record<string, PropSpec> {
    const data = (): CommentData => this.data();
    return {
      id: { min: "1.10", get: () => data().id },
      content: stored("1.10", data, "content", String),
      authorName: { min: "1.10", get: () => data().authorName },
    };
  }

  getLocation(): FakeRange {
    this.need("1.10", "getLocation");
    const book = this.book;
    return new FakeRange(this.context, () => {
      const c = this.data();
      const sheet = book.findById(c.sheetId) || fail("ItemNotFound", "The comment's sheet is gone");
      return { sheet, rect: book.rectOf(c.address) };
    });
  }

  delete(): void {
    this.call("1.10", "delete", () => {
      const book = this.book;
      const c = this.data();
      const sheet = book.findById(c.sheetId);
      if (sheet) book.assertEditable(sheet, book.rectOf(c.address), "objects");
      book.comments = book.comments.filter((x) => x !== c);
      book.log({ kind: "call", api: "Comment.delete", sheet: sheet ? sheet.name : "", address: c.address });
    });
  }
}
expose(FakeComment, { readWrite: "content", readOnly: "id authorName" });

// ——— Tables (1.1) ———

interface FakeTableCollection extends Counted {}

class FakeTableCollection extends FakeSheetPart {
  readonly apiName = "TableCollection";

  protected override props(): Record<string, PropSpec> {
    return countOf(() => this.resolve().tables.length);
  }

  add(address: string | FakeRange, hasHeaders: boolean): FakeTable {
    this.need("1.1", "add");
    const book = this.book;
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
    this.need("1.1", "getItem");
    return new FakeTable(this.context, this.resolve, () => {
      for (const t of this.resolve().tables) if (t.name.toLowerCase() === name.toLowerCase()) return t;
      return fail("ItemNotFound", "No table " + name);
    });
  }
}
expose(FakeTableCollection, { readOnly: "count" });

interface FakeTable {
  name: string;
  style: string;
  showTotals: boolean;
  set showBandedRows(v: boolean);
  set showFilterButton(v: boolean);
}

class FakeTable extends FakeSheetItem<FakeTableRecord> {
  readonly apiName = "Table";

  protected listIn(sheet: SheetData): FakeTableRecord[] {
    return sheet.tables;
  }

  protected override props(): Record<string, PropSpec> {
    const book = this.book;
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
      style: stored("1.1", this.data, "style", String),
      showTotals: stored("1.1", this.data, "showTotals", asFlag),
      showBandedRows: { min: "1.3", get: () => true, set: () => undefined },
      showFilterButton: { min: "1.3", get: () => true, set: () => undefined },
    };
  }

  private part(member: string, pick: (r: RangeRect) => RangeRect): FakeRange {
    this.need("1.1", member);
    return new FakeRange(this.context, () => ({ sheet: this.sheetOf(), rect: pick(this.book.rectOf(this.data().address)) }));
  }

  getRange(): FakeRange {
    return this.part("getRange", (r) => r);
  }

  getHeaderRowRange(): FakeRange {
    return this.part("getHeaderRowRange", (r) => ({ top: r.top, left: r.left, bottom: r.top, right: r.right }));
  }

  getDataBodyRange(): FakeRange {
    return this.part("getDataBodyRange", (r) => ({ top: Math.min(r.top + 1, r.bottom), left: r.left, bottom: r.bottom, right: r.right }));
  }
}
expose(FakeTable, { readWrite: "name style showTotals", writeOnly: "showBandedRows showFilterButton" });

// ——— Conditional formats (1.6) ———

class FakeConditionalFormatCollection extends FakeRangePart {
  readonly apiName = "ConditionalFormatCollection";

  getCount(): { value: number } {
    this.need("1.6", "getCount");
    const out = { value: 0 };
    this.context.enqueue(() => {
      const { sheet, rect } = this.target();
      out.value = sheet.conditionalFormats.filter((f) => rectsIntersect(this.book.rectOf(f.address), rect)).length;
    });
    return out;
  }

  add(type: string): FakeConditionalFormat {
    this.need("1.6", "add");
    let created: FakeConditionalFormatRecord | null = null;
    this.context.enqueue(() => {
      const { sheet, rect } = this.target();
      this.book.assertEditable(sheet, rect, "format");
      created = { address: rangeAddress(rect), type: String(type), formula: null, fill: null, fontColor: null, bold: null };
      sheet.conditionalFormats.push(created);
      this.book.log({ kind: "call", api: "ConditionalFormatCollection.add", sheet: sheet.name, address: rangeAddress(rect) });
    });
    return new FakeConditionalFormat(this.context, () => created || fail("ItemNotFound", "The conditional format was not added"));
  }

  clearAll(): void {
    this.call("1.6", "clearAll", () => {
      const { sheet, rect } = this.target();
      sheet.conditionalFormats = sheet.conditionalFormats.filter((f) => !rectsIntersect(this.book.rectOf(f.address), rect));
    });
  }
}

interface FakeConditionalFormat {
  readonly type: string;
  readonly custom: FakeCustomConditionalFormat;
}

class FakeConditionalFormat extends FakeRecordPart<FakeConditionalFormatRecord> {
  readonly apiName = "ConditionalFormat";

  protected override props(): Record<string, PropSpec> {
    return { type: { min: "1.6", get: () => this.data().type } };
  }

  protected override navs(): NavSpecs {
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
}
expose(FakeConditionalFormat, { readOnly: "type", navs: "custom" });

interface FakeCustomConditionalFormat {
  readonly rule: FakeSimpleObject;
  readonly format: FakeSimpleObject;
}

class FakeCustomConditionalFormat extends FakeRecordPart<FakeConditionalFormatRecord> {
  readonly apiName = "CustomConditionalFormat";

  protected override navs(): NavSpecs {
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
            fill: () => new FakeSimpleObject(this.context, "ConditionalRangeFill", { color: stored("1.6", d, "fill", normalizeColor) }),
            font: () =>
              new FakeSimpleObject(this.context, "ConditionalRangeFont", {
                color: stored("1.6", d, "fontColor", normalizeColor),
                bold: stored("1.6", d, "bold", asFlag),
              }),
          }, "1.6"),
      },
    };
  }
}
expose(FakeCustomConditionalFormat, { navs: "rule format" });

/**
 * An object made only of plain properties and sub-objects (rule, fill, font…): each
 * property is readable and writable through the same queue as everything else.
 */
class FakeSimpleObject extends FakeClientObject {
  constructor(
    context: FakeRequestContext,
    readonly apiName: string,
    private readonly spec: Record<string, PropSpec>,
    private readonly children: Record<string, () => FakeClientObject> = {},
    private readonly childMin = "1.1",
  ) {
    super(context);
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

  protected override props(): Record<string, PropSpec> {
    return this.spec;
  }

  protected override navs(): NavSpecs {
    const out: NavSpecs = {};
    for (const name of Object.keys(this.children)) out[name] = { min: this.childMin, make: this.children[name] as () => FakeClientObject };
    return out;
  }

  /** Typed access for the adapter's code paths that go through `any`-free interfaces. */
  [name: string]: unknown;
}

// ——— Freeze panes (1.7) ———

class FakeFreezePanes extends FakeSheetPart {
  readonly apiName = "WorksheetFreezePanes";

  freezeRows(count?: number): void {
    this.freeze("freezeRows", { rows: count === undefined ? 1 : count, columns: 0 });
  }

  freezeColumns(count?: number): void {
    this.freeze("freezeColumns", { rows: 0, columns: count === undefined ? 1 : count });
  }

  unfreeze(): void {
    this.freeze("unfreeze", { rows: 0, columns: 0 });
  }

  private freeze(member: string, frozen: { rows: number; columns: number }): void {
    this.call("1.7", member, () => {
      this.resolve().frozen = frozen;
    });
  }
}

// ——— Charts (1.1; combo series types and line styles 1.7) ———

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

interface FakeChartCollection extends Counted {}

class FakeChartCollection extends FakeSheetPart {
  readonly apiName = "ChartCollection";

  protected override props(): Record<string, PropSpec> {
    return countOf(() => this.resolve().charts.length);
  }

  add(type: string, sourceData: FakeRange, seriesBy?: string): FakeChart {
    this.need("1.1", "add");
    const book = this.book;
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
    this.need("1.1", "getItemAt");
    return new FakeChart(this.context, this.resolve, () => this.resolve().charts[index] || fail("ItemNotFound", "No chart at " + index));
  }
}
expose(FakeChartCollection, { readOnly: "count" });

interface FakeChart {
  name: string;
  chartType: string;
  readonly title: FakeSimpleObject;
  readonly legend: FakeSimpleObject;
  readonly axes: FakeSimpleObject;
  readonly series: FakeChartSeriesCollection;
}

class FakeChart extends FakeSheetItem<FakeChartRecord> {
  readonly apiName = "Chart";

  protected listIn(sheet: SheetData): FakeChartRecord[] {
    return sheet.charts;
  }

  protected override props(): Record<string, PropSpec> {
    return {
      name: stored("1.1", this.data, "name", String),
      chartType: stored("1.7", this.data, "type", String),
    };
  }

  protected override navs(): NavSpecs {
    const d = this.data;
    const ctx = this.context;
    const axis = (which: "valueAxis" | "categoryAxis"): FakeClientObject => {
      const a = (): FakeChartRecord["valueAxis"] => d()[which];
      return new FakeSimpleObject(ctx, "ChartAxis", {
        minimum: stored("1.1", a, "minimum", Number),
        maximum: stored("1.1", a, "maximum", Number),
        majorUnit: stored("1.1", a, "majorUnit", Number),
        numberFormat: { min: "1.8", set: () => undefined },
      }, {
        title: () => new FakeSimpleObject(ctx, "ChartAxisTitle", { text: stored("1.1", a, "title", String) }),
      });
    };
    return {
      title: {
        min: "1.1",
        make: () =>
          new FakeSimpleObject(ctx, "ChartTitle", {
            text: stored("1.1", d, "title", String),
            visible: { min: "1.1", set: () => undefined },
          }),
      },
      legend: {
        min: "1.1",
        make: () => {
          const legend = (): FakeChartRecord["legend"] => d().legend;
          return new FakeSimpleObject(ctx, "ChartLegend", {
            position: stored("1.1", legend, "position", String),
            visible: stored("1.1", legend, "visible", asFlag),
          });
        },
      },
      axes: {
        min: "1.1",
        make: () => new FakeSimpleObject(ctx, "ChartAxes", {}, { valueAxis: () => axis("valueAxis"), categoryAxis: () => axis("categoryAxis") }),
      },
      series: { min: "1.1", make: () => new FakeChartSeriesCollection(ctx, d) },
    };
  }

  setPosition(startCell: string | FakeRange, endCell?: string | FakeRange): void {
    this.call("1.1", "setPosition", () => {
      const at = (x: string | FakeRange): string => (typeof x === "string" ? rangeAddress(this.book.rectOf(x)) : rangeAddress(x.target().rect));
      this.data().position = { start: at(startCell), end: endCell === undefined ? null : at(endCell) };
    });
  }
}
expose(FakeChart, { readWrite: "name chartType", navs: "title legend axes series" });

interface FakeChartSeriesCollection extends Counted {}

class FakeChartSeriesCollection extends FakeRecordPart<FakeChartRecord> {
  readonly apiName = "ChartSeriesCollection";

  protected override props(): Record<string, PropSpec> {
    return countOf(() => this.data().series.length);
  }

  getItemAt(index: number): FakeChartSeries {
    this.need("1.1", "getItemAt");
    return new FakeChartSeries(this.context, () => this.data().series[index] || fail("ItemNotFound", "No series at " + index));
  }
}
expose(FakeChartSeriesCollection, { readOnly: "count" });

class FakeChartFill extends FakeClientObject {
  readonly apiName = "ChartFill";

  constructor(
    context: FakeRequestContext,
    private readonly apply: (color: string | null) => void,
  ) {
    super(context);
  }

  setSolidColor(color: string): void {
    const c = normalizeColor(color);
    this.call("1.1", "setSolidColor", () => this.apply(c));
  }

  clear(): void {
    this.call("1.1", "clear", () => this.apply(null));
  }
}

interface FakeChartSeries {
  name: string;
  chartType: string;
  set hasDataLabels(v: boolean);
  set markerStyle(v: string);
  readonly format: FakeSimpleObject;
  readonly points: FakeChartPoints;
}

class FakeChartSeries extends FakeRecordPart<FakeChartSeriesRecord> {
  readonly apiName = "ChartSeries";

  protected override props(): Record<string, PropSpec> {
    const d = this.data;
    return {
      name: stored("1.1", d, "name", String),
      chartType: stored("1.7", d, "chartType", String),
      hasDataLabels: stored("1.7", d, "hasDataLabels", asFlag),
      markerStyle: stored("1.7", d, "markerStyle", String),
      gapWidth: { min: "1.7", set: () => undefined },
    };
  }

  protected override navs(): NavSpecs {
    const d = this.data;
    const ctx = this.context;
    return {
      format: {
        min: "1.1",
        make: () =>
          new FakeSimpleObject(ctx, "ChartSeriesFormat", {}, {
            fill: () =>
              new FakeChartFill(ctx, (c) => {
                d().fill = c;
              }),
            line: () =>
              new FakeSimpleObject(ctx, "ChartLineFormat", {
                color: stored("1.1", d, "lineColor", normalizeColor),
                weight: stored("1.7", d, "lineWeight", Number),
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
}
expose(FakeChartSeries, { readWrite: "name chartType", writeOnly: "hasDataLabels markerStyle", navs: "format points" });

interface FakeChartPoints extends Counted {}

class FakeChartPoints extends FakeRecordPart<FakeChartSeriesRecord> {
  readonly apiName = "ChartPointsCollection";

  protected override props(): Record<string, PropSpec> {
    return countOf(() => this.data().values.length);
  }

  getItemAt(index: number): FakeSimpleObject {
    this.need("1.1", "getItemAt");
    const ctx = this.context;
    const s = this.data;
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
expose(FakeChartPoints, { readOnly: "count" });

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
