/**
 * The latest stored revision of every (unit, form, period), as re-validation reads them
 * (shared/forms/revalidate.ts): after a definition changes, each must still pass under the
 * version in force for its period. One query without parameters, so the same text runs inside
 * the Worker (tests) and through `wrangler d1 execute --command` (npm run check).
 *
 * This file must not use Workers-only types: the Node script imports it too.
 */
import type { StoredRevision } from "../../../shared/forms/revalidate";
import type { SubmittedRow } from "../../../shared/forms/types";

export const LATEST_STORED_REVISIONS_SQL = `
SELECT s.unit_code, s.form_id, s.period, s.regime, s.values_json, s.rows_json
  FROM latest_revisions l JOIN submissions s ON s.id = l.submission_id
 ORDER BY s.unit_code, s.form_id, s.period`;

export interface StoredRevisionRow {
  unit_code: string;
  form_id: string;
  period: string;
  regime: string;
  values_json: string;
  rows_json: string | null;
}

export function storedRevisionsFromRows(rows: readonly StoredRevisionRow[]): StoredRevision[] {
  return rows.map((r) => ({
    unitCode: r.unit_code,
    formId: r.form_id,
    period: r.period,
    regime: r.regime,
    values: JSON.parse(r.values_json) as Record<string, number | null>,
    ...(r.rows_json === null ? {} : { rows: JSON.parse(r.rows_json) as SubmittedRow[] }),
  }));
}
