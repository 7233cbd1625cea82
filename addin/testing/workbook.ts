/**
 * The workbook's data (sheets, cells, notes, comments, every sync counted) and what a test
 * or a simulated clerk does to it directly, outside Office.js: type into a cell, look at a
 * cell as displayed, reopen the file on another Excel.
 */
import { cellAddress, parseRangeAddress, rangeAddress, rectsIntersect, stripSheet, type RangeRect } from "../../shared/a1";
import { DEFAULT_CELL, newCell, normalizeColor, parseInput, type CellData, type CellScalar } from "./cells";
import type { FakeChartRecord } from "./charts";
import type { FakeConditionalFormatRecord } from "./conditional-formats";
import { evaluateFormula, shiftFormula } from "./formula";
import type { CommentData } from "./notes-comments";
import type { FakeBorderRecord, FakeValidationRecord } from "./ranges";
import { copy, fail, minorOf } from "./support";
import type { FakeTableRecord } from "./tables";
import type { FakeChangedEvent, FakeProtectionOptions } from "./worksheets";

export type FakeApiLevel = "1.1" | "1.7" | "1.8" | "1.10" | "1.18";
export type ChangedHandler = (event: FakeChangedEvent) => unknown;

export class SheetData {
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
