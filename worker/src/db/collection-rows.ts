import { rowsOf } from "./batch";

/** A list collection's rows, stored with their revision (migration 0008): written in the revision's own batch. */
export function storeRowsStatement(db: D1Database, submissionId: string, rows: readonly Record<string, string | number | null>[]): D1PreparedStatement {
  return db.prepare(`INSERT INTO submission_rows (submission_id, rows_json) VALUES (?, ?)`).bind(submissionId, JSON.stringify(rows));
}

/** The rows of every revision of one report (none for a collection without rows). */
export function rowsOfSubmissionsStatement(db: D1Database, unit: string, form: string, period: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT r.submission_id, r.rows_json FROM submission_rows r JOIN submissions s ON s.id = r.submission_id
        WHERE s.unit_code = ? AND s.form_id = ? AND s.period = ?`,
    )
    .bind(unit, form, period);
}

export function rowsOfSubmissions(result: D1Result | undefined): Map<string, Record<string, string | number | null>[]> {
  const out = new Map<string, Record<string, string | number | null>[]>();
  for (const r of rowsOf<{ submission_id: string; rows_json: string }>(result)) out.set(r.submission_id, JSON.parse(r.rows_json) as Record<string, string | number | null>[]);
  return out;
}
