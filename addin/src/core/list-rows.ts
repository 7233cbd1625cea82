/**
 * A list collection's sheet (excel/list-layout.ts) read back as the rows a submission carries,
 * and the findings on those rows pointed at their cells. Pure: the check session and the
 * submit tab use it between reading the sheet and showing the findings on it.
 */
import type { Finding } from "../../../shared/findings";
import type { FormDefinition, RowValue, SubmittedRow } from "../../../shared/forms/types";
import { readDate, textOf } from "../../../shared/reports/editable";
import { listCellKey } from "../excel/list-layout";

/**
 * The rows typed on the sheet, in order; empty rows are skipped. A row's key is its STT (the
 * row number on the sheet), its label what the clerk wrote, or "Dòng n" when left empty.
 * A date cell is read as Excel holds it (a date) or as typed (dd/mm/yyyy); anything else is
 * passed as typed, for the shared checks to name it.
 */
export function rowsFromCells(form: FormDefinition, cells: Readonly<Record<string, unknown>>): SubmittedRow[] {
  const shape = form.rows;
  const out: SubmittedRow[] = [];
  if (!shape || shape.kind !== "list") return out;
  for (let i = 0; Object.prototype.hasOwnProperty.call(cells, listCellKey(i, "label")); i++) {
    const values: Record<string, RowValue> = {};
    let filled = false;
    for (const c of shape.columns) {
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

/**
 * The findings as the sheet marks them: a finding on a row (params.row) points at that row's
 * cell of its column, or at the row's label when it names no column (a duplicate key). Other
 * findings are returned as they are (the same objects), so a caller can find each one's
 * original by position for its message.
 */
export function findingsOnCells(findings: readonly Finding[], rows: readonly SubmittedRow[]): Finding[] {
  return findings.map((f) => {
    const row = f.params.row;
    if (!row || !rows.some((r) => r.key === row.key)) return f;
    // The key is the row's STT on the sheet (rowsFromCells).
    const at = Number(row.key) - 1;
    const fields = f.fields.length > 0 ? f.fields.map((k) => listCellKey(at, k)) : [listCellKey(at, "label")];
    const marked: Finding = { code: f.code, severity: f.severity, fields, params: f.params };
    if (f.ruleId !== undefined) marked.ruleId = f.ruleId;
    return marked;
  });
}
