import type { FormValues } from "../../../shared/values";
import { parsePath } from "../../../shared/units/path";
import type { StoredSubmission } from "./stored-submission";

export type { StoredSubmission } from "./stored-submission";

interface SubmissionRow {
  id: string;
  unit_code: string;
  form_id: string;
  period: string;
  revision: number;
  regime: string;
  values_json: string;
  explanations_json: string;
  content_hash: string;
  submitted_by: string;
  submitted_at: string;
  deadline_at: string;
  late: number;
  reason: string | null;
}

const COLUMNS =
  "id, unit_code, form_id, period, revision, regime, values_json, explanations_json, content_hash, submitted_by, submitted_at, deadline_at, late, reason";

function toSubmission(r: SubmissionRow): StoredSubmission {
  return {
    id: r.id,
    unitCode: r.unit_code,
    formId: r.form_id,
    period: r.period,
    revision: r.revision,
    regime: r.regime,
    values: JSON.parse(r.values_json) as Record<string, number | null>,
    explanations: JSON.parse(r.explanations_json) as Record<string, string>,
    contentHash: r.content_hash,
    submittedBy: r.submitted_by,
    submittedAt: r.submitted_at,
    deadlineAt: r.deadline_at,
    late: r.late === 1,
    reason: r.reason,
  };
}

export async function findSubmission(db: D1Database, id: string): Promise<StoredSubmission | null> {
  const row = await db.prepare(`SELECT ${COLUMNS} FROM submissions WHERE id = ?`).bind(id).first<SubmissionRow>();
  return row ? toSubmission(row) : null;
}

export async function submissionHistory(db: D1Database, unit: string, form: string, period: string): Promise<StoredSubmission[]> {
  const { results } = await db
    .prepare(`SELECT ${COLUMNS} FROM submissions WHERE unit_code = ? AND form_id = ? AND period = ? ORDER BY revision`)
    .bind(unit, form, period)
    .all<SubmissionRow>();
  return results.map(toSubmission);
}

export interface CurrentRevision {
  revision: number;
  submissionId: string;
  submittedAt: string;
  late: boolean;
}

export async function currentRevision(db: D1Database, unit: string, form: string, period: string): Promise<CurrentRevision | null> {
  const row = await db
    .prepare(`SELECT revision, submission_id, submitted_at, late FROM latest_revisions WHERE unit_code = ? AND form_id = ? AND period = ?`)
    .bind(unit, form, period)
    .first<{ revision: number; submission_id: string; submitted_at: string; late: number }>();
  return row ? { revision: row.revision, submissionId: row.submission_id, submittedAt: row.submitted_at, late: row.late === 1 } : null;
}

/** The authoritative values of a reporting unit for one form and period, or null if never submitted. */
export async function latestValues(db: D1Database, unit: string, form: string, period: string): Promise<FormValues | null> {
  const { results } = await db
    .prepare(`SELECT field, value FROM latest_values WHERE unit_code = ? AND form_id = ? AND period = ?`)
    .bind(unit, form, period)
    .all<{ field: string; value: number }>();
  if (results.length === 0) return null;
  const out: Record<string, number> = {};
  for (const r of results) out[r.field] = r.value;
  return out;
}

/**
 * Stores a new revision and moves every aggregate above the unit by the difference between
 * the new values and the unit's previous ones, all in one D1 batch: either the revision and
 * every total change together, or nothing does. The deltas are computed in SQL from
 * latest_values inside the batch, so they are exact even if another revision landed between
 * our read and this write; in that case the UNIQUE (unit, form, period, revision) constraint
 * fails the whole batch and the caller answers 409.
 */
export function storeRevisionStatements(
  db: D1Database,
  s: StoredSubmission,
  unitPath: string,
  auditStatement: D1PreparedStatement,
): D1PreparedStatement[] {
  const valuesJson = JSON.stringify(s.values);
  const ancestors = parsePath(unitPath).slice(0, -1);
  const statements: D1PreparedStatement[] = [
    db
      .prepare(`INSERT INTO submissions (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .bind(s.id, s.unitCode, s.formId, s.period, s.revision, s.regime, valuesJson, JSON.stringify(s.explanations),
        s.contentHash, s.submittedBy, s.submittedAt, s.deadlineAt, s.late ? 1 : 0, s.reason),
  ];
  for (const node of ancestors) {
    statements.push(
      db
        .prepare(
          `INSERT INTO aggregates (node_code, form_id, period, field, value)
           SELECT ?1, ?2, ?3, j.key, j.value - COALESCE(l.value, 0)
             FROM json_each(?4) AS j
             LEFT JOIN latest_values AS l
               ON l.unit_code = ?5 AND l.form_id = ?2 AND l.period = ?3 AND l.field = j.key
            WHERE j.value IS NOT NULL
           ON CONFLICT (node_code, form_id, period, field) DO UPDATE SET value = value + excluded.value`,
        )
        .bind(node, s.formId, s.period, valuesJson, s.unitCode),
      // A field the previous revision had and this one lacks (a replaced form definition)
      // must leave the totals too, not linger in them.
      db
        .prepare(
          `INSERT INTO aggregates (node_code, form_id, period, field, value)
           SELECT ?1, ?2, ?3, l.field, -l.value
             FROM latest_values AS l
            WHERE l.unit_code = ?5 AND l.form_id = ?2 AND l.period = ?3
              AND l.field NOT IN (SELECT key FROM json_each(?4) WHERE value IS NOT NULL)
           ON CONFLICT (node_code, form_id, period, field) DO UPDATE SET value = value + excluded.value`,
        )
        .bind(node, s.formId, s.period, valuesJson, s.unitCode),
      db
        .prepare(
          `INSERT INTO aggregate_meta (node_code, form_id, period, contributors, updated_at)
           VALUES (?1, ?2, ?3,
             CASE WHEN EXISTS (SELECT 1 FROM latest_revisions WHERE unit_code = ?4 AND form_id = ?2 AND period = ?3) THEN 0 ELSE 1 END,
             ?5)
           ON CONFLICT (node_code, form_id, period) DO UPDATE
             SET contributors = contributors + excluded.contributors,
                 updated_at = MAX(updated_at, excluded.updated_at)`,
        )
        .bind(node, s.formId, s.period, s.unitCode, s.submittedAt),
    );
  }
  statements.push(
    db
      .prepare(
        `DELETE FROM latest_values WHERE unit_code = ?1 AND form_id = ?2 AND period = ?3
            AND field NOT IN (SELECT key FROM json_each(?4) WHERE value IS NOT NULL)`,
      )
      .bind(s.unitCode, s.formId, s.period, valuesJson),
    db
      .prepare(
        `INSERT INTO latest_values (unit_code, form_id, period, field, value)
         SELECT ?1, ?2, ?3, j.key, j.value FROM json_each(?4) AS j WHERE j.value IS NOT NULL
         ON CONFLICT (unit_code, form_id, period, field) DO UPDATE SET value = excluded.value`,
      )
      .bind(s.unitCode, s.formId, s.period, valuesJson),
    db
      .prepare(
        `INSERT INTO latest_revisions (unit_code, form_id, period, revision, submission_id, submitted_at, late)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (unit_code, form_id, period) DO UPDATE SET revision = excluded.revision,
           submission_id = excluded.submission_id, submitted_at = excluded.submitted_at, late = excluded.late`,
      )
      .bind(s.unitCode, s.formId, s.period, s.revision, s.id, s.submittedAt, s.late ? 1 : 0),
    auditStatement,
  );
  return statements;
}

export interface SubmissionStatus {
  firstSubmittedAt: string;
  revision: number;
}

/**
 * First submission time and current revision of every unit under `path` for one form and
 * period. Lateness is judged on the first revision: a correction after the deadline does not
 * make an on-time report late.
 */
export async function submissionStatusUnder(db: D1Database, path: string, form: string, period: string): Promise<Map<string, SubmissionStatus>> {
  const { results } = await db
    .prepare(
      `SELECT s.unit_code, MIN(s.submitted_at) AS first_at, MAX(s.revision) AS revision
         FROM submissions s JOIN units u ON u.code = s.unit_code
        WHERE s.form_id = ?1 AND s.period = ?2 AND substr(u.path, 1, length(?3)) = ?3
        GROUP BY s.unit_code`,
    )
    .bind(form, period, path)
    .all<{ unit_code: string; first_at: string; revision: number }>();
  return new Map(results.map((r) => [r.unit_code, { firstSubmittedAt: r.first_at, revision: r.revision }]));
}
