/**
 * FormSheets over Office.js. Thin on purpose: layout.ts decides where everything goes,
 * findings-plan.ts decides what to colour and restore, metadata.ts what to remember; this
 * file only queues those plans as Excel commands, with a fixed number of `context.sync()`
 * calls per operation and every API above ExcelApi 1.1 gated on the detected features.
 *
 * Round trips per operation (each `context.sync()` is one on a slow office PC):
 *   insertForm 2 · findActiveForm 1 · findFormSheets 2 · readActiveSheetValues 1 · readForm 1 · selectField 1
 *   addRows 2
 *   onFormChanged 1 (0 on 1.1)
 *   showFindings 2 (3 with threaded comments when the sheet holds other comments)
 *   clearFindings 2 (1 when nothing is shown)
 */

import type { FormDefinition, SubmittedRow } from "../../../shared/forms/types";
import { rowShapeOf } from "../../../shared/forms/registry";
import { layoutList, planListRows } from "./list-layout";
import type { Finding } from "../../../shared/findings";
import { addressTouches, boundingRect, parseCellAddress, parseRangeAddress, rangeAddress, sheetQualified } from "../../../shared/a1";
import { addSheet } from "./add-sheet";
import { detectCapabilities, featuresOf, type Features } from "./capabilities";
import { fillOf, originalFill, planFills, planMarks } from "./findings-plan";
import { dataRowNumberFormats, layoutForm, orderedFields, planOfficerRows, sheetNameFor, type FormLayout } from "./layout";
import { applyBlockStyle, applyColumnWidths } from "./styles";
import {
  ANNOTATION_PREFIX,
  METADATA_ADDRESS,
  decodeFindingsState,
  decodeRef,
  encodeFindingsState,
  encodeRef,
  markerText,
  type FindingsState,
} from "./metadata";
import type { Capabilities, FormHeader, FormSheetRef, FormSheets, ReadResult, SheetValues, WorkbookForms } from "./types";

/** The metadata cell holding the findings state (C1 of METADATA_ADDRESS). */
const STATE_ADDRESS = "C1";

export interface FormSheetsOptions {
  /** Defaults to detectCapabilities() from `Office.context.requirements`. */
  capabilities?: Capabilities;
}

export function createFormSheets(options: FormSheetsOptions = {}): FormSheets {
  return new ExcelFormSheets(options.capabilities || detectCapabilities());
}

type CellValue = string | number | boolean;

/** Excel gives "" for an empty cell; checkValues wants null for "no value entered". */
export function fromCell(v: unknown): unknown {
  if (v === "" || v === undefined || v === null) return null;
  return v;
}

function fieldAddresses(ref: FormSheetRef): string[] {
  const out: string[] = [];
  for (const key of Object.keys(ref.cells)) out.push(ref.cells[key] as string);
  return out;
}

function stateKey(ref: FormSheetRef): string {
  return ref.sheetName + "\u0000" + markerText(ref);
}

/** Why rows cannot be added: the cells they would take hold something of the clerk's. */
function belowInUse(address: string): string {
  return "các ô " + address + " ngay dưới biểu đang có nội dung; hãy chuyển nội dung đó đi chỗ khác rồi thêm dòng (chưa có gì bị thay đổi).";
}

export class ExcelFormSheets implements FormSheets {
  private readonly features: Features;
  /** Findings shown by this task pane session, by sheet; the metadata cell is the durable copy. */
  private readonly shown: Record<string, FindingsState> = {};

  constructor(private readonly caps: Capabilities) {
    this.features = featuresOf(caps);
  }

  capabilities(): Capabilities {
    return this.caps;
  }

  insertForm(form: FormDefinition, header: FormHeader, values?: Record<string, number | null>, rows?: readonly SubmittedRow[]): Promise<FormSheetRef> {
    // Build the plan before touching Excel: a bad definition fails here, with no half-made sheet.
    const layout = rowShapeOf(form).kind === "list" ? layoutList(form, header, rows) : layoutForm(form, header, values, rows);
    return Excel.run(async (context) => {
      const { sheet, name } = await addSheet(context, (existing) => sheetNameFor(form.id, header.unitCode, header.period, existing));
      this.applyLayout(sheet, layout);
      sheet.activate();
      sheet.getRange(firstInputCell(form, layout)).select();
      await context.sync();
      return {
        sheetName: name,
        formId: form.id,
        regime: form.regime,
        unitCode: header.unitCode,
        period: header.period,
        cells: layout.cells,
      };
    });
  }

  private applyLayout(sheet: Excel.Worksheet, layout: FormLayout): void {
    const f = this.features;
    // Every text, number and formula in one write.
    sheet.getRange(layout.blockAddress).formulas = layout.contents;
    sheet.getRange(layout.dataRowAddress).numberFormat = dataRowNumberFormats(layout);
    for (const s of layout.styles) applyBlockStyle(sheet, s, f.layout);
    for (const run of layout.derivedRuns) sheet.getRange(run).format.fill.color = layout.derivedFill;
    for (const run of layout.inputRuns) this.formatInputRun(sheet, run, layout.inputFill, true);
    if (layout.list) {
      for (const run of layout.list.textRuns) this.formatInputRun(sheet, run, layout.inputFill, false);
      // A table (filter buttons, banded rows) where Excel has more than 1.1; the header is
      // formatted by hand either way.
      const table = layout.list.tableAddress;
      if (table !== undefined && this.caps.level !== "1.1") sheet.tables.add(table, true).style = "TableStyleLight1";
    }
    if (f.layout) {
      applyColumnWidths(sheet, layout.columnWidths);
      for (const h of layout.rowHeights) sheet.getRange(h.row + ":" + h.row).format.rowHeight = h.height;
      sheet.getRange(METADATA_ADDRESS).format.protection.formulaHidden = true;
      // The findings state stays writable under protection: an Excel without unprotect()
      // (ExcelApi 1.1) that opens this sheet later must still be able to clear its findings.
      sheet.getRange(STATE_ADDRESS).format.protection.locked = false;
      sheet.getRange("1:1").rowHidden = true;
    }
    if (f.gridlines) sheet.showGridlines = false;
    if (f.pageLayout) {
      const page = sheet.pageLayout;
      page.orientation = "Landscape";
      page.paperSize = "A4";
      page.centerHorizontally = true;
      page.zoom = { horizontalFitToPages: 1, verticalFitToPages: 1 };
      page.setPrintArea(layout.printAddress);
    }
    // Last: protection refuses the formatting above once it is on.
    if (f.layout) sheet.protection.protect(PROTECTION);
  }

  /** The clerk types in these cells: the input fill, unlocked under protection; a number cell takes whole numbers ≥ 0 only (1.8+). */
  private formatInputRun(sheet: Excel.Worksheet, run: string, fill: string, whole: boolean): void {
    const f = this.features;
    const r = sheet.getRange(run);
    r.format.fill.color = fill;
    if (f.layout) r.format.protection.locked = false;
    if (whole && f.dataValidation) {
      const top = run.split(":")[0] as string;
      // Whole numbers ≥ 0 of any size: "wholeNumber" validation is not relied on for 10^12 nghìn đồng.
      // Blank cells pass (ignoreBlanks defaults to true): an empty cell is "not entered yet".
      r.dataValidation.rule = {
        custom: { formula: "=AND(ISNUMBER(" + top + ")," + top + ">=0," + top + "=INT(" + top + "))" },
      };
      r.dataValidation.errorAlert = {
        showAlert: true,
        style: "Stop",
        title: "Số liệu không hợp lệ",
        message: "Ô này chỉ nhận số nguyên không âm (việc hoặc nghìn đồng).",
      };
    }
  }

  /**
   * `count` more case rows below a list sheet's last row, formatted as the rows above (typed
   * cells unlocked, number formats, grid), inside its table where it has one (TableRowCollection.add,
   * ExcelApi 1.1), with the print area and the sheet's reference grown to match: a clerk with
   * more cases than rows needs no re-insert, and the protected sheet is protected again after.
   */
  addRows(ref: FormSheetRef, form: FormDefinition, count: number): Promise<FormSheetRef> {
    return rowShapeOf(form).kind === "officer" ? this.addOfficerRows(ref, form, count) : this.addListRows(ref, form, count);
  }

  private addListRows(ref: FormSheetRef, form: FormDefinition, count: number): Promise<FormSheetRef> {
    const plan = planListRows(form, ref.cells, count);
    const f = this.features;
    return this.growSheet(ref, { cells: plan.cells, printAddress: plan.printAddress, below: plan.address, tableGrows: true }, (sheet, tables) => {
      if (tables > 0) sheet.tables.getItemAt(0).rows.add(undefined, plan.values);
      else sheet.getRange(plan.address).values = plan.values;
      sheet.getRange(plan.address).numberFormat = plan.numberFormats;
      for (const s of plan.styles) applyBlockStyle(sheet, s, f.layout);
      for (const run of plan.inputRuns) this.formatInputRun(sheet, run, plan.inputFill, true);
      for (const run of plan.textRuns) this.formatInputRun(sheet, run, plan.inputFill, false);
    });
  }

  /**
   * `count` more officer rows on a form broken down by officer (layout.ts planOfficerRows): the
   * sum row and the signatures are written again lower down, the officers' rows above are left
   * as the clerk typed them.
   */
  private addOfficerRows(ref: FormSheetRef, form: FormDefinition, count: number): Promise<FormSheetRef> {
    const plan = planOfficerRows(form, ref, count);
    const f = this.features;
    return this.growSheet(ref, { cells: plan.cells, printAddress: plan.printAddress, below: plan.belowAddress, tableGrows: false }, (sheet) => {
      // The old sum row and signatures become officers' rows: plain again before the rewrite.
      const reset = sheet.getRange(plan.resetAddress);
      if (f.layout) reset.unmerge();
      reset.format.font.bold = false;
      reset.format.font.italic = false;
      reset.format.horizontalAlignment = "General";
      reset.format.fill.clear();
      sheet.getRange(plan.writeAddress).formulas = plan.contents;
      sheet.getRange(plan.numberFormatAddress).numberFormat = plan.numberFormats;
      for (const s of plan.styles) applyBlockStyle(sheet, s, f.layout);
      for (const run of plan.derivedRuns) sheet.getRange(run).format.fill.color = plan.derivedFill;
      for (const run of plan.inputRuns) this.formatInputRun(sheet, run, plan.inputFill, true);
      for (const run of plan.textRuns) this.formatInputRun(sheet, run, plan.inputFill, false);
    });
  }

  /**
   * What both kinds of "Thêm dòng" share, in two syncs: read the protection, the tables and the
   * cells the longer sheet takes (`below`); refuse, changing nothing, if those hold something of
   * the clerk's (a note under the form) and will be written over — a table that grows inserts
   * its rows instead; then unprotect, `write`, record the grown cells and print area, protect again.
   */
  private growSheet(
    ref: FormSheetRef,
    plan: { cells: Record<string, string>; printAddress: string; below: string; tableGrows: boolean },
    write: (sheet: Excel.Worksheet, tables: number) => void,
  ): Promise<FormSheetRef> {
    const f = this.features;
    return Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(ref.sheetName);
      let protection: Excel.WorksheetProtection | null = null;
      if (f.layout) {
        protection = sheet.protection;
        protection.load("protected,options");
      }
      // A list's table exists beyond ExcelApi 1.1 (applyLayout), unless the clerk converted it to a range.
      const tables = sheet.tables;
      tables.load("count");
      const below = sheet.getRange(plan.below);
      below.load("formulas");
      await context.sync();
      const writesOver = !plan.tableGrows || tables.count === 0;
      if (writesOver && below.formulas.some((row) => row.some((v) => v !== "" && v !== null))) throw new Error(belowInUse(plan.below));

      let reprotect = () => undefined as void;
      if (protection && protection.protected) {
        const options = protection.options;
        const p = protection;
        p.unprotect();
        reprotect = () => p.protect(options);
      }
      write(sheet, tables.count);
      const grown: FormSheetRef = { sheetName: ref.sheetName, formId: ref.formId, regime: ref.regime, unitCode: ref.unitCode, period: ref.period, cells: plan.cells };
      sheet.getRange("B1").values = [[encodeRef(grown)]];
      if (f.pageLayout) sheet.pageLayout.setPrintArea(plan.printAddress);
      reprotect();
      await context.sync();
      return grown;
    });
  }

  findActiveForm(forms: readonly FormDefinition[]): Promise<FormSheetRef | null> {
    return Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getActiveWorksheet();
      sheet.load("name");
      const meta = sheet.getRange(METADATA_ADDRESS);
      meta.load("values");
      await context.sync();
      return this.knownRef(meta.values[0] || [], sheet.name, forms);
    });
  }

  findFormSheets(forms: readonly FormDefinition[]): Promise<WorkbookForms> {
    return Excel.run(async (context) => {
      // First sync: the sheets' names, the active one and its metadata row.
      const all = context.workbook.worksheets;
      all.load("items/name");
      const active = all.getActiveWorksheet();
      active.load("name");
      const activeMeta = active.getRange(METADATA_ADDRESS);
      activeMeta.load("values");
      await context.sync();
      // Second sync: every other sheet's metadata row, and the active sheet's values when it is not ours.
      const activeRef = this.knownRef(activeMeta.values[0] || [], active.name, forms);
      const metas: { name: string; range: Excel.Range | null }[] = [];
      for (const s of all.items) {
        if (s.name === active.name) metas.push({ name: s.name, range: null });
        else {
          const range = s.getRange(METADATA_ADDRESS);
          range.load("values");
          metas.push({ name: s.name, range });
        }
      }
      const used = activeRef ? null : this.queueUsedRange(active);
      await context.sync();
      const refs: FormSheetRef[] = [];
      for (const m of metas) {
        const ref = m.range ? this.knownRef(m.range.values[0] || [], m.name, forms) : activeRef;
        if (ref) refs.push(ref);
      }
      return { activeSheet: active.name, forms: refs, activeValues: used ? sheetValuesOf(active.name, used) : null };
    });
  }

  /** The form a metadata row names, when it is one of `forms`; remembers the findings it shows. */
  private knownRef(row: readonly unknown[], sheetName: string, forms: readonly FormDefinition[]): FormSheetRef | null {
    const ref = decodeRef(row, sheetName);
    if (ref === null) return null;
    let known = false;
    for (const f of forms) if (f.id === ref.formId && f.regime === ref.regime) known = true;
    if (!known) return null;
    const state = decodeFindingsState(row[2]);
    if (state) this.shown[stateKey(ref)] = state;
    return ref;
  }

  /** Queues the read of a sheet's used range (values only where ExcelApi 1.2+ allows). */
  private queueUsedRange(sheet: Excel.Worksheet): Excel.Range {
    // valuesOnly (ExcelApi 1.2, gated with the other 1.2 APIs) ignores cells that are only
    // formatted: a column coloured to the bottom of the sheet would otherwise be read whole.
    const used = this.features.layout ? sheet.getUsedRange(true) : sheet.getUsedRange();
    used.load("address,values");
    return used;
  }

  readActiveSheetValues(): Promise<SheetValues> {
    return Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getActiveWorksheet();
      sheet.load("name");
      const used = this.queueUsedRange(sheet);
      await context.sync();
      return sheetValuesOf(sheet.name, used);
    });
  }

  readForm(ref: FormSheetRef): Promise<ReadResult> {
    const rect = boundingRect(fieldAddresses(ref));
    if (rect === null) return Promise.resolve({ ref, values: {} });
    return Excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem(ref.sheetName).getRange(rangeAddress(rect));
      range.load("values");
      await context.sync();
      const grid = range.values as CellValue[][];
      const values: Record<string, unknown> = {};
      for (const key of Object.keys(ref.cells)) {
        const pos = parseCellAddress(ref.cells[key] as string);
        if (pos === null) continue;
        const line = grid[pos.row - rect.top];
        values[key] = fromCell(line ? line[pos.column - rect.left] : undefined);
      }
      return { ref, values };
    });
  }

  showFindings(ref: FormSheetRef, findings: readonly Finding[], messageOf: (f: Finding) => string): Promise<void> {
    const f = this.features;
    const marks = planMarks(ref, findings, messageOf);
    return Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(ref.sheetName);
      const reads = this.queueCommonReads(sheet, ref);
      const fills: Record<string, Excel.RangeFill> = {};
      for (const m of marks) {
        const fill = sheet.getRange(m.address).format.fill;
        fill.load(f.fillTint ? "color,tintAndShade" : "color");
        fills[m.address] = fill;
      }
      await context.sync();

      const previous = decodeFindingsState(reads.stateValue()) || this.shown[stateKey(ref)] || null;
      const foreign = await this.foreignAnnotations(context, reads);
      const annotated: string[] = [];
      for (const m of marks) if ((f.notes || f.comments) && !foreign[m.address]) annotated.push(m.address);
      const plan = planFills(
        previous,
        marks,
        (address) => {
          const fill = fills[address] as Excel.RangeFill;
          return originalFill(fill.color, f.fillTint ? fill.tintAndShade : undefined, f.fillTint);
        },
        f.notes ? annotated : [],
      );

      const reprotect = this.unprotectIfNeeded(reads);
      for (const r of plan.restore) restoreFill(sheet, r.address, r.fill);
      this.deleteOwnAnnotations(reads);
      for (const m of marks) sheet.getRange(m.address).format.fill.color = fillOf(m.severity);
      for (const m of marks) {
        if (annotated.indexOf(m.address) < 0) continue;
        const text = ANNOTATION_PREFIX + m.messages.join("\n");
        if (f.notes) sheet.notes.add(m.address, text);
        else sheet.comments.add(sheetQualified(ref.sheetName, m.address), text);
      }
      if (!ref.recognized) sheet.getRange(STATE_ADDRESS).values = [[plan.next.marked.length > 0 ? encodeFindingsState(plan.next) : ""]];
      reprotect();
      await context.sync();
      if (plan.next.marked.length > 0) this.shown[stateKey(ref)] = plan.next;
      else delete this.shown[stateKey(ref)];
    });
  }

  clearFindings(ref: FormSheetRef): Promise<void> {
    return Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(ref.sheetName);
      const reads = this.queueCommonReads(sheet, ref);
      await context.sync();
      const state = decodeFindingsState(reads.stateValue()) || this.shown[stateKey(ref)] || null;
      const ours = reads.ownAnnotationCount();
      if (state === null && ours === 0 && reads.stateValue() === "") {
        delete this.shown[stateKey(ref)];
        return;
      }
      const reprotect = this.unprotectIfNeeded(reads);
      if (state) for (const m of state.marked) restoreFill(sheet, m.address, m.fill);
      this.deleteOwnAnnotations(reads);
      if (!ref.recognized) sheet.getRange(STATE_ADDRESS).values = [[""]];
      reprotect();
      await context.sync();
      delete this.shown[stateKey(ref)];
    });
  }

  selectField(ref: FormSheetRef, fieldKey: string): Promise<void> {
    const address = Object.prototype.hasOwnProperty.call(ref.cells, fieldKey) ? ref.cells[fieldKey] : undefined;
    // A finding can name a field the sheet does not hold (another period's value): nothing to select.
    if (address === undefined) return Promise.resolve();
    return Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(ref.sheetName);
      sheet.activate();
      sheet.getRange(address).select();
      await context.sync();
    });
  }

  onFormChanged(ref: FormSheetRef, handler: () => void): Promise<() => Promise<void>> {
    if (!this.features.events) return Promise.resolve(() => Promise.resolve());
    const cells = fieldAddresses(ref);
    return Excel.run(async (context) => {
      const sheet = context.workbook.worksheets.getItem(ref.sheetName);
      // Only edits of the form's own cells count: showFindings writes its state to the
      // metadata row, and reacting to that would re-check forever.
      const registration = sheet.onChanged.add((event: Excel.WorksheetChangedEventArgs) => {
        if (addressTouches(event.address, cells)) handler();
        return Promise.resolve();
      });
      await context.sync();
      let removed = false;
      return () => {
        if (removed) return Promise.resolve();
        removed = true;
        return Excel.run(registration.context, async (ctx) => {
          registration.remove();
          await ctx.sync();
        });
      };
    });
  }

  // ——— Shared pieces of showFindings / clearFindings ———

  /** Queues, for the first sync: the metadata row, the protection state, and existing notes/comments. */
  private queueCommonReads(sheet: Excel.Worksheet, ref: FormSheetRef): CommonReads {
    const f = this.features;
    // A clerk's own sheet has no metadata row: A1:C1 are its cells, never read as our state.
    const meta = ref.recognized ? null : sheet.getRange(METADATA_ADDRESS);
    if (meta) meta.load("values");
    let protection: Excel.WorksheetProtection | null = null;
    if (f.layout) {
      protection = sheet.protection;
      protection.load("protected,options");
    }
    const notes: { address: string; note: Excel.Note }[] = [];
    if (f.notes) {
      // Every field cell (a dozen), so notes of the previous check are found even after a reload.
      for (const address of fieldAddresses(ref)) {
        const note = sheet.notes.getItemOrNullObject(address);
        note.load("content");
        notes.push({ address, note });
      }
    }
    let comments: Excel.CommentCollection | null = null;
    if (f.comments) {
      comments = sheet.comments;
      comments.load("items/id,items/content");
    }
    return new CommonReads(sheet, meta, protection, notes, comments);
  }

  /**
   * Cells holding the clerk's own note or comment: the add-in does not write over them (the
   * message is in the task pane anyway). Comments need a second read for their cells, done
   * only when the sheet has comments that are not ours.
   */
  private async foreignAnnotations(context: Excel.RequestContext, reads: CommonReads): Promise<Record<string, true>> {
    const out: Record<string, true> = {};
    for (const n of reads.notes) {
      if (!n.note.isNullObject && !isOwnText(n.note.content)) out[n.address] = true;
    }
    if (reads.comments) {
      const located: Excel.Range[] = [];
      for (const c of reads.comments.items) {
        if (isOwnText(c.content)) continue;
        const where = c.getLocation();
        where.load("address");
        located.push(where);
      }
      if (located.length > 0) {
        await context.sync();
        for (const r of located) {
          const pos = parseCellAddress(r.address);
          if (pos) out[rangeAddress({ top: pos.row, left: pos.column, bottom: pos.row, right: pos.column })] = true;
        }
      }
    }
    return out;
  }

  private deleteOwnAnnotations(reads: CommonReads): void {
    for (const n of reads.notes) if (!n.note.isNullObject && isOwnText(n.note.content)) n.note.delete();
    if (reads.comments) for (const c of reads.comments.items) if (isOwnText(c.content)) c.delete();
  }

  /**
   * Writing the metadata cell and colouring locked (formula) cells needs the sheet
   * unprotected: lift the protection for this batch only and put it back with the options it
   * had. A sheet the clerk unprotected stays unprotected.
   */
  private unprotectIfNeeded(reads: CommonReads): () => void {
    const p = reads.protection;
    if (p === null || !p.protected) return () => undefined;
    const options = p.options;
    p.unprotect();
    return () => p.protect(options);
  }
}

class CommonReads {
  constructor(
    readonly sheet: Excel.Worksheet,
    readonly meta: Excel.Range | null,
    readonly protection: Excel.WorksheetProtection | null,
    readonly notes: { address: string; note: Excel.Note }[],
    readonly comments: Excel.CommentCollection | null,
  ) {}

  stateValue(): unknown {
    if (this.meta === null) return "";
    const row = this.meta.values[0];
    return row ? row[2] : "";
  }

  ownAnnotationCount(): number {
    let n = 0;
    for (const x of this.notes) if (!x.note.isNullObject && isOwnText(x.note.content)) n++;
    if (this.comments) for (const c of this.comments.items) if (isOwnText(c.content)) n++;
    return n;
  }
}

const PROTECTION: Excel.WorksheetProtectionOptions = {
  // The clerk may still colour cells, resize rows and columns: protection guards formulas and layout.
  allowFormatCells: true,
  allowFormatColumns: true,
  allowFormatRows: true,
};

function sheetValuesOf(sheetName: string, used: Excel.Range): SheetValues {
  const rect = parseRangeAddress(used.address) || { top: 1, left: 1, bottom: 1, right: 1 };
  return {
    sheetName,
    address: rangeAddress(rect),
    origin: { row: rect.top - 1, col: rect.left - 1 },
    values: used.values as unknown[][],
  };
}

function isOwnText(content: unknown): boolean {
  return typeof content === "string" && content.indexOf(ANNOTATION_PREFIX) === 0;
}

function restoreFill(sheet: Excel.Worksheet, address: string, fill: string | null): void {
  const f = sheet.getRange(address).format.fill;
  if (fill === null) f.clear();
  else f.color = fill;
}

/** The first cell the clerk types in, in column order: selected after inserting the form. */
function firstInputCell(form: FormDefinition, layout: FormLayout): string {
  // A list's first case; a breakdown by officer starts, like any form, with the unit's figures.
  if (rowShapeOf(form).kind === "list") return layout.cells["r0.label"] as string;
  for (const f of orderedFields(form)) {
    const address = layout.cells[f.key];
    if (f.kind === "input" && address !== undefined) return address;
  }
  return layout.dataRowAddress.split(":")[0] as string;
}
