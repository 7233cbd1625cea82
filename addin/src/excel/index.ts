/**
 * The Excel layer as the task pane uses it. The in-memory workbook that stands in for Excel in
 * tests lives outside src (addin/testing), so the production bundle never carries it.
 */
export type { Capabilities, FormHeader, FormSheetRef, FormSheets, ReadResult, SheetValues, WorkbookForms } from "./types";
export { createFormSheets, ExcelFormSheets, type FormSheetsOptions } from "./form-sheet";
export { detectCapabilities, levelAtLeast, type RequirementChecker } from "./capabilities";
export { ERROR_FILL, WARNING_FILL } from "./findings-plan";
export { INPUT_FILL, DERIVED_FILL, NUMBER_FORMAT, layoutForm, sheetNameFor } from "./layout";
export { createReportSheets, type PullResult, type ReportSheets } from "./pull-sheets";
