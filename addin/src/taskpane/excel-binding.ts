/** Where the pane gets its Excel layer (addin/src/excel, which alone calls Excel.run). */
import type { FormSheets } from "../excel/types";
import { detectCapabilities } from "../excel/capabilities";
import { createFormSheets as createExcelFormSheets } from "../excel/form-sheet";
import { createReportSheets, type ReportSheets } from "../excel/pull-sheets";
import { createEditSheets, type EditSheets } from "../excel/edit-sheets";

/** Capabilities are detected once, from Office.context.requirements, when this is called. */
export function createExcelLayer(): { sheets: FormSheets; reports: ReportSheets; edits: EditSheets } {
  const capabilities = detectCapabilities();
  return { sheets: createExcelFormSheets({ capabilities }), reports: createReportSheets(capabilities), edits: createEditSheets(capabilities) };
}
