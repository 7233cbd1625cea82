/**
 * SQL of sign-off (migration 0004): what was said about each revision and about a province's
 * figures, read in the route's first batch and written in one more. Every write batch starts
 * with a guard row whose CHECK fails when the read's premises no longer hold (a newer revision,
 * a confirmation that landed meanwhile), so a race aborts the batch and nothing changes.
 */
import type { Principal } from "../auth";
import { UNIT_COLUMNS, toUnit, type UnitRow } from "./units";
import type { SubmissionRow } from "./submissions";
import type { Unit } from "../../../shared/units/types";
import { NO_SIGNOFF, type CellComment, type Decision, type RevisionSignoff } from "../../../shared/signoff/state";

/** A revision as the sign-off routes read it: the stored row, its clerk's name, and when the report began. */
export interface RevisionRow extends SubmissionRow {
  /** The submitting token's label (the clerk's name), or its id if the token is gone. */
  submitted_label: string;
  /** When the report's first revision arrived: lateness is judged on it. */
  first_at: string;
}

export interface SignoffRow {
  submission_id: string;
  revision: number;
  confirmed_at: string | null;
  confirmed_by: string | null;
  confirmed_label: string | null;
  document_json: string | null;
  decision: Decision | null;
  decided_at: string | null;
  decided_by: string | null;
  decided_label: string | null;
  comment: string | null;
  cells_json: string;
}

export interface EventRow {
  submission_id: string | null;
  revision: number | null;
  action: "confirm" | "accept" | "return";
  comment: string | null;
  cells_json: string;
  actor_label: string;
  role: string;
  at: string;
}

export interface LatestRow {
  revision: number;
  submission_id: string;
  content_hash: string;
}

const REPORT_OF = `(SELECT unit_code, form_id, period FROM submissions WHERE id = ?1)`;

/** One revision by id, with its clerk's name and the time of the report's first revision. */
export function revisionStatement(db: D1Database, id: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT s.id, s.unit_code, s.form_id, s.period, s.revision, s.regime, s.values_json, s.explanations_json,
              s.content_hash, s.submitted_by, s.submitted_at, s.deadline_at, s.late, s.reason, s.rows_json,
              COALESCE(t.label, s.submitted_by) AS submitted_label,
              (SELECT MIN(f.submitted_at) FROM submissions f
                WHERE f.unit_code = s.unit_code AND f.form_id = s.form_id AND f.period = s.period) AS first_at
         FROM submissions s LEFT JOIN tokens t ON t.id = s.submitted_by
        WHERE s.id = ?1`,
    )
    .bind(id);
}

/** Where every revision of the same report stands (for history) — or of one revision. */
export function reportSignoffStatement(db: D1Database, id: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT submission_id, revision, confirmed_at, confirmed_by, confirmed_label, document_json, decision, decided_at,
              decided_by, decided_label, comment, cells_json
         FROM revision_signoff WHERE (unit_code, form_id, period) = ${REPORT_OF} ORDER BY revision`,
    )
    .bind(id);
}

/** The latest revision of the report `id` belongs to. */
export function latestOfStatement(db: D1Database, id: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT lr.revision, lr.submission_id, s.content_hash
         FROM latest_revisions lr JOIN submissions s ON s.id = lr.submission_id
        WHERE (lr.unit_code, lr.form_id, lr.period) = ${REPORT_OF}`,
    )
    .bind(id);
}

/** The revision's unit and the unit above it (which receives, accepts and returns its reports). */
export function unitAndParentStatement(db: D1Database, id: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT ${UNIT_COLUMNS} FROM units
        WHERE code = (SELECT unit_code FROM submissions WHERE id = ?1)
           OR code = (SELECT parent_code FROM units WHERE code = (SELECT unit_code FROM submissions WHERE id = ?1))`,
    )
    .bind(id);
}

/** Everything said about the report `id` belongs to, in order. */
export function eventsStatement(db: D1Database, id: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT submission_id, revision, action, comment, cells_json, actor_label, role, at
         FROM signoff_events WHERE (unit_code, form_id, period) = ${REPORT_OF} ORDER BY id`,
    )
    .bind(id);
}

export function unitsOf(rows: readonly UnitRow[], code: string): { unit: Unit | null; parent: Unit | null } {
  const units = rows.map(toUnit);
  const unit = units.filter((u) => u.code === code)[0] ?? null;
  const parent = unit ? units.filter((u) => u.code === unit.parentCode)[0] ?? null : null;
  return { unit, parent };
}

/** What was said about a revision, from its revision_signoff columns (a board row has them too, or none: NULLs). */
export function toSignoff(
  r: (Pick<SignoffRow, "confirmed_at" | "confirmed_label" | "decision" | "decided_at" | "decided_label" | "comment"> & { cells_json: string | null }) | null | undefined,
): RevisionSignoff {
  if (!r) return NO_SIGNOFF;
  return {
    confirmedAt: r.confirmed_at,
    confirmedBy: r.confirmed_label,
    decision: r.decision,
    decidedAt: r.decided_at,
    decidedBy: r.decided_label,
    comment: r.comment,
    cells: r.cells_json ? (JSON.parse(r.cells_json) as CellComment[]) : [],
  };
}

/** Whether an earlier revision than `revision` of the report was ever accepted (a later one is a correction after acceptance). */
export function acceptedBefore(events: readonly EventRow[], revision: number): boolean {
  return events.some((e) => e.action === "accept" && e.revision !== null && e.revision < revision);
}

interface Report {
  unitCode: string;
  formId: string;
  period: string;
  submissionId: string;
  revision: number;
}

/**
 * The guard row: `conditions` are SQL expressions that were true when the route read; the
 * batch fails (CHECK signoff_unchanged) unless all still are.
 */
function guardStatement(db: D1Database, conditions: string[], binds: unknown[]): D1PreparedStatement {
  return db.prepare(`INSERT INTO signoff_guard (still_true) SELECT ${conditions.map((c) => "(" + c + ")").join(" AND ")}`).bind(...binds);
}

function clearGuard(db: D1Database): D1PreparedStatement {
  return db.prepare(`DELETE FROM signoff_guard`);
}

const IS_LATEST = `EXISTS (SELECT 1 FROM latest_revisions WHERE unit_code = ?1 AND form_id = ?2 AND period = ?3 AND submission_id = ?4)`;
const NOT_CONFIRMED = `NOT EXISTS (SELECT 1 FROM revision_signoff WHERE submission_id = ?4 AND confirmed_at IS NOT NULL)`;
const CONFIRMED = `EXISTS (SELECT 1 FROM revision_signoff WHERE submission_id = ?4 AND confirmed_at IS NOT NULL)`;

function eventStatement(db: D1Database, r: Report, who: Principal, contentHash: string, action: EventRow["action"], comment: string | null, cells: CellComment[], at: string, requestId: string): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO signoff_events (unit_code, form_id, period, submission_id, revision, content_hash, action, comment, cells_json, actor, actor_label, role, at, request_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .bind(r.unitCode, r.formId, r.period, r.submissionId, r.revision, contentHash, action, comment, JSON.stringify(cells), who.tokenId, who.label, who.role, at, requestId);
}

/** The head's confirmation: recorded once, with the document it fixes. */
export function confirmStatements(db: D1Database, r: Report, who: Principal, contentHash: string, documentJson: string, at: string, requestId: string, audit: D1PreparedStatement): D1PreparedStatement[] {
  return [
    guardStatement(db, [IS_LATEST, NOT_CONFIRMED], [r.unitCode, r.formId, r.period, r.submissionId]),
    eventStatement(db, r, who, contentHash, "confirm", null, [], at, requestId),
    db
      .prepare(
        `INSERT INTO revision_signoff (submission_id, unit_code, form_id, period, revision, confirmed_at, confirmed_by, confirmed_label, document_json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (submission_id) DO UPDATE SET confirmed_at = excluded.confirmed_at, confirmed_by = excluded.confirmed_by,
           confirmed_label = excluded.confirmed_label, document_json = excluded.document_json`,
      )
      .bind(r.submissionId, r.unitCode, r.formId, r.period, r.revision, at, who.tokenId, who.label, documentJson),
    audit,
    clearGuard(db),
  ];
}

/** The parent's decision on the latest revision; an acceptance also needs it to be confirmed still. */
export function decideStatements(db: D1Database, r: Report, who: Principal, contentHash: string, decision: Decision, comment: string | null, cells: CellComment[], at: string, requestId: string, audit: D1PreparedStatement): D1PreparedStatement[] {
  const conditions = decision === "accepted" ? [IS_LATEST, CONFIRMED] : [IS_LATEST];
  return [
    guardStatement(db, conditions, [r.unitCode, r.formId, r.period, r.submissionId]),
    eventStatement(db, r, who, contentHash, decision === "accepted" ? "accept" : "return", comment, cells, at, requestId),
    db
      .prepare(
        `INSERT INTO revision_signoff (submission_id, unit_code, form_id, period, revision, decision, decided_at, decided_by, decided_label, comment, cells_json)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT (submission_id) DO UPDATE SET decision = excluded.decision, decided_at = excluded.decided_at,
           decided_by = excluded.decided_by, decided_label = excluded.decided_label, comment = excluded.comment, cells_json = excluded.cells_json`,
      )
      .bind(r.submissionId, r.unitCode, r.formId, r.period, r.revision, decision, at, who.tokenId, who.label, comment, JSON.stringify(cells)),
    audit,
    clearGuard(db),
  ];
}

// ---------- provinces, as the Cục reviews them ----------

export interface NodeSignoffRow {
  node_code: string;
  form_id: string;
  period: string;
  basis: string;
  decision: Decision;
  decided_at: string;
  decided_label: string;
  comment: string | null;
}

/** The Cục's decisions on the children of `parent` for a period (every form). */
export function nodeSignoffStatement(db: D1Database, parent: string, period: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT node_code, form_id, period, basis, decision, decided_at, decided_label, comment
         FROM node_signoff WHERE period = ?2 AND node_code IN (SELECT code FROM units WHERE parent_code = ?1 OR code = ?1)`,
    )
    .bind(parent, period);
}

/**
 * The Cục's decision on a province's figures. The guard recomputes nothing: it checks that
 * the offices' latest revisions are the ones the basis was computed from (`revisions`,
 * "unit|revision"), which the route read in the same batch as the principal.
 */
export function decideNodeStatements(
  db: D1Database,
  node: string,
  form: string,
  period: string,
  nodePath: string,
  composition: readonly string[],
  basis: string,
  decision: Decision,
  who: Principal,
  comment: string | null,
  at: string,
  requestId: string,
  audit: D1PreparedStatement,
): D1PreparedStatement[] {
  return [
    db
      .prepare(
        `INSERT INTO signoff_guard (still_true)
         SELECT COALESCE((SELECT group_concat(x, ',') FROM (
                  SELECT lr.unit_code || '|' || lr.revision AS x FROM latest_revisions lr JOIN units u ON u.code = lr.unit_code
                   WHERE lr.form_id = ?1 AND lr.period = ?2 AND substr(u.path, 1, length(?3)) = ?3 ORDER BY lr.unit_code)), '') = ?4`,
      )
      .bind(form, period, nodePath, composition.join(",")),
    db
      .prepare(
        `INSERT INTO signoff_events (unit_code, form_id, period, submission_id, revision, content_hash, action, comment, cells_json, actor, actor_label, role, at, request_id)
         VALUES (?, ?, ?, NULL, NULL, ?, ?, ?, '[]', ?, ?, ?, ?, ?)`,
      )
      .bind(node, form, period, basis, decision === "accepted" ? "accept" : "return", comment, who.tokenId, who.label, who.role, at, requestId),
    db
      .prepare(
        `INSERT INTO node_signoff (node_code, form_id, period, basis, decision, decided_at, decided_by, decided_label, comment)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (node_code, form_id, period) DO UPDATE SET basis = excluded.basis, decision = excluded.decision,
           decided_at = excluded.decided_at, decided_by = excluded.decided_by, decided_label = excluded.decided_label, comment = excluded.comment`,
      )
      .bind(node, form, period, basis, decision, at, who.tokenId, who.label, comment),
    audit,
    clearGuard(db),
  ];
}

// ---------- the review board ----------

export interface BoardRevisionRow {
  unit_code: string;
  form_id: string;
  period: string;
  revision: number;
  submission_id: string;
  content_hash: string;
  submitted_at: string;
  deadline_at: string;
  reason: string | null;
  submitted_label: string;
  first_at: string;
  confirmed_at: string | null;
  confirmed_label: string | null;
  decision: Decision | null;
  decided_at: string | null;
  decided_label: string | null;
  comment: string | null;
  cells_json: string | null;
  /** 1 when an earlier revision of the report was ever accepted. */
  accepted_before: number;
}

/** The latest revision of every reporting unit under `parent` for the period, with where it stands. */
export function boardRevisionsStatement(db: D1Database, parent: string, period: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT lr.unit_code, lr.form_id, lr.period, lr.revision, lr.submission_id, s.content_hash, s.submitted_at, s.deadline_at, s.reason,
              COALESCE(t.label, s.submitted_by) AS submitted_label,
              (SELECT MIN(f.submitted_at) FROM submissions f WHERE f.unit_code = lr.unit_code AND f.form_id = lr.form_id AND f.period = lr.period) AS first_at,
              rs.confirmed_at, rs.confirmed_label, rs.decision, rs.decided_at, rs.decided_label, rs.comment, rs.cells_json,
              EXISTS (SELECT 1 FROM signoff_events e WHERE e.unit_code = lr.unit_code AND e.form_id = lr.form_id AND e.period = lr.period
                         AND e.action = 'accept' AND e.revision < lr.revision) AS accepted_before
         FROM latest_revisions lr
         JOIN units u ON u.code = lr.unit_code
         JOIN submissions s ON s.id = lr.submission_id
         LEFT JOIN tokens t ON t.id = s.submitted_by
         LEFT JOIN revision_signoff rs ON rs.submission_id = lr.submission_id
        WHERE lr.period = ?2 AND substr(u.path, 1, length((SELECT path FROM units WHERE code = ?1))) = (SELECT path FROM units WHERE code = ?1)`,
    )
    .bind(parent, period);
}

/** Everything said about one report (unit, form, period): each revision's standing, then the events in order. */
export function reportSignoffStatements(db: D1Database, unit: string, form: string, period: string): [D1PreparedStatement, D1PreparedStatement] {
  return [
    db
      .prepare(
        `SELECT submission_id, revision, confirmed_at, confirmed_by, confirmed_label, document_json, decision, decided_at,
                decided_by, decided_label, comment, cells_json
           FROM revision_signoff WHERE unit_code = ?1 AND form_id = ?2 AND period = ?3 ORDER BY revision`,
      )
      .bind(unit, form, period),
    db
      .prepare(
        `SELECT submission_id, revision, action, comment, cells_json, actor_label, role, at
           FROM signoff_events WHERE unit_code = ?1 AND form_id = ?2 AND period = ?3 ORDER BY id`,
      )
      .bind(unit, form, period),
  ];
}

/** The acceptances of one report's revisions (read with a submission: its receipt marks a correction after acceptance). */
export function acceptedRevisionsStatement(db: D1Database, unit: string, form: string, period: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT submission_id, revision, action, comment, cells_json, actor_label, role, at
         FROM signoff_events WHERE unit_code = ?1 AND form_id = ?2 AND period = ?3 AND action = 'accept' AND revision IS NOT NULL ORDER BY id`,
    )
    .bind(unit, form, period);
}

/** The revision numbers a parent ever accepted, from events. */
export function acceptedRevisions(events: readonly EventRow[]): number[] {
  return events.filter((e) => e.action === "accept" && e.revision !== null).map((e) => e.revision as number);
}
