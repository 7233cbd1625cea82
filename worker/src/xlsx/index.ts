/**
 * Reports as .xlsx for anyone without the add-in: the layouts of shared/reports written with
 * exceljs, chart parts added by hand (exceljs writes none).
 */
export { XLSX_MIME, attachment, buildWorkbook, renderXlsx, wantsXlsx, xmlSafe } from "./render";
export type { RenderOptions, XlsxBytes } from "./render";
