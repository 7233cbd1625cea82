/**
 * Injected into the task pane page before its own scripts (page.addInitScript): installs the
 * stubbed Office host with an in-memory workbook, so Office.onReady fires without Excel, and
 * gives the test a way to type into cells through the same Office.js API the add-in uses.
 */
import { installFakeOffice } from "../../../addin/src/excel/testing/memory-workbook";
import { createFormSheets } from "../../../addin/src/excel/form-sheet";
import { BUILT_IN_FORMS } from "../../../shared/forms";

type Level = "1.1" | "1.7" | "1.8" | "1.10" | "1.18";
const w = window as unknown as { __THADS_API_LEVEL?: Level; __thads?: unknown };
const apiLevel: Level = w.__THADS_API_LEVEL || "1.1";
installFakeOffice(globalThis, { apiLevel });

function cells(): Promise<Record<string, string>> {
  return createFormSheets()
    .findActiveForm(BUILT_IN_FORMS)
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

w.__thads = { apiLevel, cells, type, fills, selection };
