/**
 * A small in-memory workbook that behaves like the part of the Excel JavaScript API this
 * add-in uses, for tests in Node and for the headless-browser and Duktape checks (where it
 * stands in for the Office host). Plain TypeScript, no Node APIs. A test double: it lives
 * outside addin/src, and `npm run lint` refuses product code that imports it.
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
 *
 * One file per thing it fakes: cells.ts (a cell's content), workbook.ts (the data and the
 * clerk's own actions), client-object.ts (load/sync/levels), worksheets.ts, ranges.ts,
 * notes-comments.ts, tables.ts, conditional-formats.ts, charts.ts, formula.ts (SUM/MIN/MAX/
 * ABS, + - * /, comparisons) and office.ts (the `Office`, `Excel`, `OfficeExtension` globals).
 */
export type { CellScalar } from "./cells";
export type { FakeChartRecord, FakeChartSeriesRecord } from "./charts";
export type { FakeConditionalFormatRecord } from "./conditional-formats";
export { evaluateFormula, isErrorValue, shiftFormula, type CellReader, type Scalar } from "./formula";
export {
  createFakeExcel,
  createFakeOffice,
  installFakeOffice,
  type FakeExcelNamespace,
  type FakeOfficeNamespace,
  type InstalledOffice,
  type InstallOptions,
} from "./office";
export type { FakeBorderRecord, FakeRange, FakeValidationRecord } from "./ranges";
export { FakeRequestContext } from "./request-context";
export { FakeOfficeError, type FakeErrorCode } from "./support";
export type { FakeTableRecord } from "./tables";
export { MemoryWorkbook, type CellSnapshot, type FakeApiLevel, type FakeOperation, type MemoryWorkbookOptions } from "./workbook";
export type { FakeChangedEvent, FakeProtectionOptions } from "./worksheets";
