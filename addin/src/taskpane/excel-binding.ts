/** Where the pane gets its Excel layer (addin/src/excel, which alone calls Excel.run). */
import type { FormSheets } from "../excel/types";
import { createFormSheets as createExcelFormSheets } from "../excel/form-sheet";

/** Capabilities are detected once, from Office.context.requirements, when this is called. */
export function createFormSheets(): FormSheets {
  return createExcelFormSheets();
}
