import type { FormValues } from "../../../shared/values";
import { parsePath } from "../../../shared/units/path";
import type { StoredSubmission } from "./stored-submission";
import type { SubmittedRow } from "../../../shared/forms/types";
import { firstOf, rowsOf } from "./batch";

export type { StoredSubmission } from "./stored-submission";

export interface SubmissionRow {
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
  rows_json: string | null;
  reason: string | null;
}

const COLUMNS =
  "id, unit_code, form_id, period, revision, regime, values_json, explanations_json, content_hash, submitted_by, submitted_at, deadline_at, late, rows_json, reason";

function toSubmission(r: SubmissionRow): StoredSubmission {
  const rows = r.rows_json === null ? undefined : (JSON.parse(r.rows_json) as SubmittedRow[]);
  return {
    ...(rows ? { rows } : {}),
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

export function submissionByIdStatement(db: D1Database, id: string): D1PreparedStatement {
  return db.prepare(`SELECT ${COLUMNS} FROM submissions WHERE id = ?`).bind(id);
}

/** Every revision of one report, oldest first. */
export function historyStatement(db: D1Database, unit: string, form: string, period: string): D1PreparedStatement {
  return db
    .prepare(`SELECT ${COLUMNS} FROM submissions WHERE unit_code = ? AND form_id = ? AND period = ? ORDER BY revision`)
    .bind(unit, form, period);
}

/** The revisions a submissionByIdStatement or historyStatement found in a batch. */
export function submissionsFrom(result: D1Result | undefined): StoredSubmission[] {
  return rowsOf<SubmissionRow>(result).map(toSubmission);
}

export interface ReportState {
  /** The current revision number; 0 when the unit has not reported this form and period. */
  revision: number;
  /** When the first revision arrived: lateness is judged on it. */
  firstSubmittedAt: string | null;
  /** Whether the report was late (its first revision arrived after the deadline). */
  late: boolean;
}

/** Where a report stands: its current revision and its first revision's time and lateness. */
export function reportStateStatement(db: D1Database, unit: string, form: string, period: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT r.revision, f.submitted_at AS first_at, f.late AS first_late
         FROM (SELECT ?1 AS unit_code, ?2 AS form_id, ?3 AS period) k
         LEFT JOIN latest_revisions r ON r.unit_code = k.unit_code AND r.form_id = k.form_id AND r.period = k.period
         LEFT JOIN submissions f ON f.unit_code = k.unit_code AND f.form_id = k.form_id AND f.period = k.period AND f.revision = 1`,
    )
    .bind(unit, form, period);
}

export function reportStateFrom(result: D1Result | undefined): ReportState {
  const row = firstOf<{ revision: number | null; first_at: string | null; first_late: number | null }>(result);
  return { revision: row?.revision ?? 0, firstSubmittedAt: row?.first_at ?? null, late: row?.first_late === 1 };
}

/** The authoritative values of a reporting unit for one form and period. */
export function latestValuesStatement(db: D1Database, unit: string, form: string, period: string): D1PreparedStatement {
  return db
    .prepare(`SELECT field, value FROM latest_values WHERE unit_code = ? AND form_id = ? AND period = ?`)
    .bind(unit, form, period);
}

/** What a latestValuesStatement found, or null if the unit never submitted that form and period. */
export function valuesFrom(result: D1Result | undefined): FormValues | null {
  const rows = rowsOf<{ field: string; value: number }>(result);
  if (rows.length === 0) return null;
  const out: Record<string, number> = {};
  for (const r of rows) out[r.field] = r.value;
  return out;
}

/**
 * 1 when a province above the unit has closed the period, else 0, as column `closed`. The same
 * SQL answers the read before validating and guards the write (periodOpenGuardStatements).
 */
const PERIOD_CLOSED_SQL = `
  SELECT COALESCE(MAX(l.closed), 0) AS closed
    FROM period_locks l JOIN units p ON p.code = l.province_code
   WHERE l.period = ?2 AND substr((SELECT path FROM units WHERE code = ?1), 1, length(p.path)) = p.path`;

export function periodClosedStatement(db: D1Database, unit: string, period: string): D1PreparedStatement {
  return db.prepare(PERIOD_CLOSED_SQL).bind(unit, period);
}

export function periodClosedFrom(result: D1Result | undefined): boolean {
  return firstOf<{ closed: number }>(result)?.closed === 1;
}

/**
 * The first and last statements of a revision's batch. The first inserts the period's lock
 * state into period_open_guard, whose CHECK (constraint period_open) fails when the period is
 * closed: a close that lands between the submission's read and its write then aborts the
 * whole batch instead of letting the report into a closed period. The last empties the table
 * again, so it never holds a row outside a batch.
 */
export function periodOpenGuardStatements(db: D1Database, unit: string, period: string): [D1PreparedStatement, D1PreparedStatement] {
  return [
    db.prepare(`INSERT INTO period_open_guard (closed) ${PERIOD_CLOSED_SQL}`).bind(unit, period),
    db.prepare(`DELETE FROM period_open_guard`),
  ];
}

/** Whether a failed batch was refused by periodOpenGuardStatements (the period was closed meanwhile). */
export function isPeriodClosedError(e: unknown): boolean {
  return /CHECK constraint failed: period_open/.test(String(e));
}

/**
 * Stores a new revision and moves every aggregate above the unit by the difference between
 * the new values and the unit's previous ones, all in one D1 batch: either the revision and
 * every total change together, or nothing does. The deltas are computed in SQL from
 * latest_values inside the batch, so they are exact even if another revision landed between
 * our read and this write; in that case the UNIQUE (unit, form, period, revision) constraint
 * fails the whole batch and the caller answers 409. A period closed meanwhile fails it too
 * (periodOpenGuardStatements).
 */
export function storeRevisionStatements(
  db: D1Database,
  s: StoredSubmission,
  unitPath: string,
  auditStatement: D1PreparedStatement,
): D1PreparedStatement[] {
  const valuesJson = JSON.stringify(s.values);
  const ancestors = parsePath(unitPath).slice(0, -1);
  const [guard, unguard] = periodOpenGuardStatements(db, s.unitCode, s.period);
  const statements: D1PreparedStatement[] = [
    guard,
    db
      .prepare(`INSERT INTO submissions (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .bind(s.id, s.unitCode, s.formId, s.period, s.revision, s.regime, valuesJson, JSON.stringify(s.explanations),
        s.contentHash, s.submittedBy, s.submittedAt, s.deadlineAt, s.late ? 1 : 0, s.rows ? JSON.stringify(s.rows) : null, s.reason),
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
        `INSERT INTO latest_revisions (unit_code, form_id, period, revision, submission_id, submitted_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (unit_code, form_id, period) DO UPDATE SET revision = excluded.revision,
           submission_id = excluded.submission_id, submitted_at = excluded.submitted_at`,
      )
      .bind(s.unitCode, s.formId, s.period, s.revision, s.id, s.submittedAt),
    auditStatement,
    unguard,
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
