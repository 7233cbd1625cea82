/**
 * The rows of a collection's sheet read back as the rows a submission carries (a list's cases,
 * excel/list-layout.ts; a breakdown's officers, excel/officer-layout.ts), and the findings on
 * those rows pointed at their cells. Pure: the check session and the submit tab use it between
 * reading the sheet and showing the findings on it.
 */
import type { Finding } from "../../../shared/findings";
import type { FormDefinition, RowValue, SubmittedRow } from "../../../shared/forms/types";
import { rowShapeOf } from "../../../shared/forms/registry";
import { readDate, textOf } from "../../../shared/reports/editable";
import { listCellKey, parseRowCellKey } from "../excel/row-cells";

type CellType = "text" | "date" | "count" | "money";

/** The typed cells of one row: a list's columns, or the officer's fields (whole numbers). */
function rowCellsOf(form: FormDefinition): { key: string; type: CellType }[] {
  const shape = rowShapeOf(form);
  if (shape.kind === "list") return shape.columns;
  if (shape.kind === "officer") return shape.fields.map((key) => ({ key, type: "count" as const }));
  return [];
}

/**
 * The rows typed on the sheet, in order; empty rows are skipped. A row's key is its STT (the
 * row number on the sheet), its label what the clerk wrote, or "Dòng n" when left empty.
 * A date cell is read as Excel holds it (a date) or as typed (dd/mm/yyyy); anything else is
 * passed as typed, for the shared checks to name it. Undefined for a form with one row per unit.
 */
export function rowsFromCells(form: FormDefinition, cells: Readonly<Record<string, unknown>>): SubmittedRow[] | undefined {
  if (rowShapeOf(form).kind === "unit") return undefined;
  const columns = rowCellsOf(form);
  const out: SubmittedRow[] = [];
  for (let i = 0; Object.prototype.hasOwnProperty.call(cells, listCellKey(i, "label")); i++) {
    const values: Record<string, RowValue> = {};
    let filled = false;
    for (const c of columns) {
      const raw = cells[listCellKey(i, c.key)];
      const text = textOf(raw);
      if (text === "") {
        values[c.key] = null;
        continue;
      }
      filled = true;
      if (c.type === "date") values[c.key] = readDate(raw) || text;
      else if (c.type === "text") values[c.key] = text;
      else values[c.key] = typeof raw === "number" ? raw : text;
    }
    const label = textOf(cells[listCellKey(i, "label")]);
    if (!filled && label === "") continue;
    out.push({ key: String(i + 1), label: label || "Dòng " + (i + 1), values });
  }
  return out;
}

/** The unit's own figures among a sheet's cells: everything that is not a row's cell. */
export function unitCells(cells: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(cells)) if (parseRowCellKey(key) === null) out[key] = cells[key];
  return out;
}

/** The cell key of a finding's first field on its row ("r0.thi_hanh_xong"), or the field's own key. */
export function findingCellKey(f: Finding): string | null {
  const first = f.fields[0];
  const row = f.params.row;
  if (!row) return first === undefined ? null : first;
  // The key is the row's STT on the sheet (rowsFromCells).
  return listCellKey(Number(row.key) - 1, first === undefined ? "label" : first);
}

/**
 * The findings as the sheet marks them: a finding on a row (params.row) points at that row's
 * cell of its column, or at the row's label when it names no column (a duplicate key). Other
 * findings (a sum of the officers' rows that differs from the unit's figure is on the unit's
 * cell) are returned as they are (the same objects), so a caller can find each one's original
 * by position for its message.
 */
export function findingsOnCells(findings: readonly Finding[], rows: readonly SubmittedRow[]): Finding[] {
  return findings.map((f) => {
    const row = f.params.row;
    if (!row || !rows.some((r) => r.key === row.key)) return f;
    const at = Number(row.key) - 1;
    const fields = f.fields.length > 0 ? f.fields.map((k) => listCellKey(at, k)) : [listCellKey(at, "label")];
    const marked: Finding = { code: f.code, severity: f.severity, fields, params: f.params };
    if (f.ruleId !== undefined) marked.ruleId = f.ruleId;
    return marked;
  });
}
