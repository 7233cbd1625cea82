/**
 * The contract between the task pane and the Excel layer. Only addin/src/excel/* calls
 * Excel.run; the task pane talks to Excel through `FormSheets` alone, so it can be driven
 * by an in-memory workbook in tests and in the headless-browser check.
 */
import type { FormDefinition, SubmittedRow } from "../../../shared/forms/types";
import type { Finding } from "../../../shared/findings";

/** What this Excel can do, detected once at start (ExcelApi 1.1 → 1.7 → 1.8 → 1.10 → 1.18). */
export interface Capabilities {
  /** Highest ExcelApi level supported among 1.1, 1.7, 1.8, 1.10, 1.18. */
  level: "1.1" | "1.7" | "1.8" | "1.10" | "1.18";
  /** 1.7: worksheet onChanged, for live re-checking. */
  liveValidation: boolean;
  /** 1.8: Excel data validation on input cells. */
  dataValidation: boolean;
  /** 1.10: threaded comments on offending cells. */
  comments: boolean;
  /** 1.18: notes on offending cells. */
  notes: boolean;
  /** Tables, conditional formats and charts for the pulled sheets (1.1 has tables; 1.6+ conditional formats). */
  conditionalFormats: boolean;
}

/** Header of an official form sheet. */
export interface FormHeader {
  unitCode: string;
  unitName: string;
  /** The unit the report is sent to (the province, or the Cục for a province). */
  receivingUnitName: string;
  period: string;
}

/** Where a form lives on a sheet: enough to read its values and to point at a field's cell. */
export interface FormSheetRef {
  sheetName: string;
  formId: string;
  regime: string;
  unitCode: string;
  period: string;
  /** field key → A1 address of its input (or formula) cell on the sheet, e.g. "C12". */
  cells: Record<string, string>;
  /**
   * A sheet the clerk made, recognised by shared/recognize rather than inserted: it has no
   * metadata row, and the add-in writes nothing of its own on it (the findings state stays
   * in the task pane's memory).
   */
  recognized?: boolean;
}

/** The active sheet's used range, as Office.js gives it: for shared/recognize. */
export interface SheetValues {
  sheetName: string;
  /** "A1:N11", without the sheet. */
  address: string;
  /** Where values[0][0] sits on the sheet, 0-based (recognizeForm's `origin`). */
  origin: { row: number; col: number };
  /** Numbers, text, booleans; "" for an empty cell; a formula's result. */
  values: unknown[][];
}

/** What the workbook holds, read in two syncs whatever the number of sheets (findFormSheets). */
export interface WorkbookForms {
  /** The sheet the clerk has open. */
  activeSheet: string;
  /** Every sheet this add-in inserted with a form of the given list, in tab order. */
  forms: FormSheetRef[];
  /** The active sheet's used range when it holds no form of ours: a clerk's own sheet to recognise. */
  activeValues: SheetValues | null;
}

export interface ReadResult {
  ref: FormSheetRef;
  /** Raw cell values converted for checkValues: numbers stay numbers, empty → null, text stays text. */
  values: Record<string, unknown>;
}

export interface FormSheets {
  capabilities(): Capabilities;
  /** Adds a sheet laid out like the paper form; derived columns are Excel formulas. */
  /** A list collection's sheet takes the rows already reported instead of values (list-layout.ts). */
  insertForm(form: FormDefinition, header: FormHeader, values?: Record<string, number | null>, rows?: readonly SubmittedRow[]): Promise<FormSheetRef>;
  /**
   * Two syncs: `count` more rows on a list collection's sheet (case rows at the bottom) or a form
   * broken down by officer (officer rows above the sum row, which moves down with the
   * signatures), formatted and unlocked as the others; the reference with their cells.
   */
  addRows(ref: FormSheetRef, form: FormDefinition, count: number): Promise<FormSheetRef>;
  /** Finds the form on the active sheet (a sheet this add-in inserted). Null when the active sheet holds no form. */
  findActiveForm(forms: readonly FormDefinition[]): Promise<FormSheetRef | null>;
  /**
   * Two syncs for any number of sheets: the form on every sheet (its metadata row), which sheet
   * is active, and that sheet's used range when it holds no form of ours.
   */
  findFormSheets(forms: readonly FormDefinition[]): Promise<WorkbookForms>;
  /** One sync: the active sheet's used range (values only, where ExcelApi 1.2+ allows), for recognising a clerk's own sheet. */
  readActiveSheetValues(): Promise<SheetValues>;
  /** One batch: reads every field of the form. */
  readForm(ref: FormSheetRef): Promise<ReadResult>;
  /** One batch: colours offending cells (errors red, warnings amber), adds notes/comments where supported. */
  showFindings(ref: FormSheetRef, findings: readonly Finding[], messageOf: (f: Finding) => string): Promise<void>;
  /** Restores the clerk's own formatting of every cell showFindings touched. */
  clearFindings(ref: FormSheetRef): Promise<void>;
  /** Selects a field's cell so the clerk sees it. */
  selectField(ref: FormSheetRef, fieldKey: string): Promise<void>;
  /** ExcelApi 1.7+: calls back (debounced by the caller) when the form's sheet changes. */
  onFormChanged(ref: FormSheetRef, handler: () => void): Promise<() => Promise<void>>;
}
