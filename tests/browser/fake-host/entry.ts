/**
 * Injected into the task pane page before its own scripts (page.addInitScript): installs the
 * stubbed Office host with an in-memory workbook, so Office.onReady fires without Excel, and
 * gives the test a way to type into cells through the same Office.js API the add-in uses.
 */
import { installFakeOffice } from "../../../addin/testing";
import { createFormSheets } from "../../../addin/src/excel/form-sheet";
import { BUILT_IN_FORMS, type FormDefinition } from "../../../shared/forms";
import { rangeAddress } from "../../../shared/a1";

type Level = "1.1" | "1.7" | "1.8" | "1.10" | "1.18";
const w = window as unknown as { __THADS_API_LEVEL?: Level; __thads?: unknown };
const apiLevel: Level = w.__THADS_API_LEVEL || "1.1";
const installed = installFakeOffice(globalThis, { apiLevel });

/** The built-in forms and those the pane cached from the server (collections an administrator published). */
function knownForms(): FormDefinition[] {
  let cached: FormDefinition[] = [];
  try {
    cached = JSON.parse(localStorage.getItem("thads.forms") || "[]") as FormDefinition[];
  } catch (_e) {
    cached = [];
  }
  return BUILT_IN_FORMS.concat(cached);
}

function cells(): Promise<Record<string, string>> {
  return createFormSheets()
    .findActiveForm(knownForms())
    .then((ref) => {
      if (!ref) throw new Error("no form on the active sheet");
      return ref.cells;
    });
}

/** Types values into the active form's cells, by field key, as a clerk would. */
function type(values: Record<string, number | string | null>): Promise<void> {
  return cells().then((map) =>
    Excel.run((ctx) => {
      const sheet = ctx.workbook.worksheets.getActiveWorksheet();
      for (const key of Object.keys(values)) {
        const address = map[key];
        if (!address) throw new Error("no cell for " + key);
        const v = values[key];
        sheet.getRange(address).values = [[v === null || v === undefined ? "" : v]];
      }
      return ctx.sync();
    }),
  );
}

/** The fill colour of each field's cell: red/amber where a finding is shown. */
function fills(): Promise<Record<string, string>> {
  return cells().then((map) =>
    Excel.run((ctx) => {
      const sheet = ctx.workbook.worksheets.getActiveWorksheet();
      const ranges: Record<string, Excel.Range> = {};
      for (const key of Object.keys(map)) {
        ranges[key] = sheet.getRange(map[key] as string);
        ranges[key]!.load("format/fill/color");
      }
      return ctx.sync().then(() => {
        const out: Record<string, string> = {};
        for (const key of Object.keys(ranges)) out[key] = ranges[key]!.format.fill.color;
        return out;
      });
    }),
  );
}

function selection(): Promise<string> {
  return Excel.run((ctx) => {
    const r = ctx.workbook.getSelectedRange();
    r.load("address");
    return ctx.sync().then(() => r.address);
  });
}

/**
 * A sheet the clerk made in another program, as Excel holds it once opened: the same cells
 * at the same place (text kept as text), then made the active sheet.
 */
function putSheet(name: string, values: unknown[][], origin: { row: number; col: number }): Promise<void> {
  return Excel.run((ctx) => {
    const sheet = ctx.workbook.worksheets.add(name);
    const height = values.length;
    const width = values[0] ? values[0].length : 0;
    const address = rangeAddress({ top: origin.row + 1, left: origin.col + 1, bottom: origin.row + height, right: origin.col + width });
    sheet.getRange(address).values = values.map((row) => row.map((v) => (typeof v === "string" && v !== "" ? "'" + v : v))) as never;
    sheet.activate();
    return ctx.sync();
  });
}

/** The clerk types into one cell of any sheet. */
function typeAt(sheetName: string, address: string, value: number | string): Promise<void> {
  return Excel.run((ctx) => {
    ctx.workbook.worksheets.getItem(sheetName).getRange(address).values = [[value]];
    return ctx.sync();
  });
}

/** What a test reads back from the workbook (plain JSON, through page.evaluate). */
const book = {
  sheetNames: (): string[] => installed.workbook.sheetNames(),
  activeSheet: (): string | null => installed.workbook.activeSheetName(),
  values: (sheet: string, address: string): unknown[][] => installed.workbook.values(sheet, address),
  displayed: (sheet: string, address: string) => installed.workbook.displayed(sheet, address),
  fill: (sheet: string, address: string): string | null => installed.workbook.cell(sheet, address).fill,
  info: (sheet: string) => {
    const i = installed.workbook.sheetInfo(sheet);
    return { tables: i.tables, charts: i.charts, conditionalFormats: i.conditionalFormats, frozen: i.frozen, pageLayout: i.pageLayout };
  },
};

w.__thads = { apiLevel, cells, type, fills, selection, putSheet, typeAt, book };
