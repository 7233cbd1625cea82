import type { Comparison, Completeness, Rollup } from "../../../shared/api/schemas";
import type { FormDefinition } from "../../../shared/forms/types";
import { addCharts } from "./chart";
import { buildComparisonWorkbook, type BuiltWorkbook, type SheetOptions } from "./comparison";
import { buildCompletenessWorkbook } from "./completeness";
import { buildRollupWorkbook } from "./rollup";
import { withoutControlCharacters as clean } from "../../../shared/text/characters";

/**
 * The comparison, roll-up and completeness sheets as .xlsx, for anyone without the add-in.
 * Pure functions of the objects the JSON routes return: the routes, the workerd tests and
 * the LibreOffice tests (in Node) all build the same bytes.
 */
export { XLSX_MIME, attachment, wantsXlsx } from "./sheet-kit";
export type { SheetOptions, BuiltWorkbook };
export { buildComparisonWorkbook, buildCompletenessWorkbook, buildRollupWorkbook };

/** A plain byte array over its own ArrayBuffer: what Response bodies and Node's fs both take. */
export type XlsxBytes = Uint8Array<ArrayBuffer>;

export async function toXlsx(built: BuiltWorkbook): Promise<XlsxBytes> {
  const written = await built.workbook.xlsx.writeBuffer();
  const bytes = written instanceof Uint8Array ? written : new Uint8Array(written as ArrayBuffer);
  return new Uint8Array(built.charts.length > 0 ? await addCharts(bytes, built.charts) : bytes);
}

export function comparisonXlsx(c: Comparison, form: FormDefinition, options?: SheetOptions): Promise<XlsxBytes> {
  // Names enter the workbook's XML parts here: XML 1.0 forbids control characters.
  return toXlsx(buildComparisonWorkbook(clean(c), form, options));
}

export function rollupXlsx(rollup: Rollup, breakdown: Comparison, form: FormDefinition, options?: SheetOptions): Promise<XlsxBytes> {
  return toXlsx(buildRollupWorkbook(clean(rollup), clean(breakdown), form, options));
}

export function completenessXlsx(
  c: Completeness,
  parentName: string,
  forms: readonly FormDefinition[],
  generatedAt: string,
  options?: SheetOptions,
): Promise<XlsxBytes> {
  return toXlsx(buildCompletenessWorkbook(clean(c), clean(parentName), forms, generatedAt, options));
}

/** so-sanh-VN-01-2026-09.xlsx, tong-hop-52-01-2026-09.xlsx, tinh-hinh-nop-52-2026-10.xlsx. */
export const xlsxFilename = {
  comparison: (parent: string, form: string, period: string) => `so-sanh-${parent}-${form}-${period}.xlsx`,
  rollup: (unit: string, form: string, period: string) => `tong-hop-${unit}-${form}-${period}.xlsx`,
  completeness: (parent: string, period: string) => `tinh-hinh-nop-${parent}-${period}.xlsx`,
};
