/**
 * Consistency of the derived tables with the immutable submissions. Each submission updates
 * latest_revisions, latest_values, aggregates and aggregate_meta incrementally in one batch
 * (storeRevisionStatements); these queries recompute all of them from scratch and list every
 * difference. They take no parameters, so the same text runs inside the Worker (tests) and
 * through `wrangler d1 execute --command` (scripts/check-aggregates.ts).
 *
 * Every query returns the same columns: node (a unit code), form, period, field, stored (what
 * the derived table holds, NULL if it has no row) and recomputed (what it should hold, NULL
 * if it should have no row). No row means no difference.
 *
 * This file must not use Workers-only types: the Node script imports it too.
 */

/** Reporting units below each aggregate node: a roll-up is a prefix match on the materialised path. */
const NODE_MEMBERS = `
  SELECT n.code AS node_code, r.code AS unit_code
    FROM units n JOIN units r ON r.reporting = 1 AND substr(r.path, 1, length(n.path)) = n.path
   WHERE n.reporting = 0`;

/**
 * aggregates = the sum of latest_values of every reporting unit under the node, field by field.
 * SQLite sums integers exactly (and raises an error on 64-bit overflow rather than rounding).
 */
export const AGGREGATE_DIFF_SQL = `
WITH members AS (${NODE_MEMBERS}),
recomputed AS (
  SELECT m.node_code, v.form_id, v.period, v.field, SUM(v.value) AS value
    FROM members m JOIN latest_values v ON v.unit_code = m.unit_code
   GROUP BY m.node_code, v.form_id, v.period, v.field
),
keys AS (
  SELECT node_code, form_id, period, field FROM recomputed
  UNION
  SELECT node_code, form_id, period, field FROM aggregates
)
SELECT k.node_code AS node, k.form_id AS form, k.period AS period, k.field AS field,
       a.value AS stored, r.value AS recomputed
  FROM keys k
  LEFT JOIN aggregates a ON a.node_code = k.node_code AND a.form_id = k.form_id AND a.period = k.period AND a.field = k.field
  LEFT JOIN recomputed r ON r.node_code = k.node_code AND r.form_id = k.form_id AND r.period = k.period AND r.field = k.field
 WHERE a.value IS NOT r.value
   -- A total that fell to 0 when a field left the form (a revision without it) is not a difference.
   AND NOT (r.value IS NULL AND a.value = 0)
 ORDER BY node, form, period, field`;

/**
 * aggregate_meta: contributors = reporting units under the node that have a latest revision;
 * updated_at = the latest submitted_at among those revisions.
 */
export const AGGREGATE_META_DIFF_SQL = `
WITH members AS (${NODE_MEMBERS}),
recomputed AS (
  SELECT m.node_code, r.form_id, r.period, COUNT(*) AS contributors, MAX(r.submitted_at) AS updated_at
    FROM members m JOIN latest_revisions r ON r.unit_code = m.unit_code
   GROUP BY m.node_code, r.form_id, r.period
),
keys AS (
  SELECT node_code, form_id, period FROM recomputed
  UNION
  SELECT node_code, form_id, period FROM aggregate_meta
),
pairs AS (
  SELECT k.node_code, k.form_id, k.period,
         a.contributors AS stored_contributors, r.contributors AS recomputed_contributors,
         a.updated_at AS stored_updated_at, r.updated_at AS recomputed_updated_at
    FROM keys k
    LEFT JOIN aggregate_meta a ON a.node_code = k.node_code AND a.form_id = k.form_id AND a.period = k.period
    LEFT JOIN recomputed r ON r.node_code = k.node_code AND r.form_id = k.form_id AND r.period = k.period
)
SELECT node_code AS node, form_id AS form, period, 'contributors' AS field,
       stored_contributors AS stored, recomputed_contributors AS recomputed
  FROM pairs WHERE stored_contributors IS NOT recomputed_contributors
UNION ALL
SELECT node_code, form_id, period, 'updated_at', stored_updated_at, recomputed_updated_at
  FROM pairs WHERE stored_updated_at IS NOT recomputed_updated_at
 ORDER BY node, form, period, field`;

/** The newest revision of every (unit, form, period) that has submissions. */
const NEWEST_SUBMISSIONS = `
  SELECT s.unit_code, s.form_id, s.period, s.revision, s.id, s.submitted_at, s.values_json
    FROM submissions s
   WHERE s.revision = (SELECT MAX(x.revision) FROM submissions x
                        WHERE x.unit_code = s.unit_code AND x.form_id = s.form_id AND x.period = s.period)`;

/** latest_revisions points to the newest revision, with its time. */
export const LATEST_REVISIONS_DIFF_SQL = `
WITH newest AS (${NEWEST_SUBMISSIONS}),
keys AS (
  SELECT unit_code, form_id, period FROM newest
  UNION
  SELECT unit_code, form_id, period FROM latest_revisions
),
pairs AS (
  SELECT k.unit_code, k.form_id, k.period,
         l.revision AS stored_revision, n.revision AS recomputed_revision,
         l.submission_id AS stored_id, n.id AS recomputed_id,
         l.submitted_at AS stored_at, n.submitted_at AS recomputed_at
    FROM keys k
    LEFT JOIN latest_revisions l ON l.unit_code = k.unit_code AND l.form_id = k.form_id AND l.period = k.period
    LEFT JOIN newest n ON n.unit_code = k.unit_code AND n.form_id = k.form_id AND n.period = k.period
)
SELECT unit_code AS node, form_id AS form, period, 'revision' AS field, stored_revision AS stored, recomputed_revision AS recomputed
  FROM pairs WHERE stored_revision IS NOT recomputed_revision
UNION ALL
SELECT unit_code, form_id, period, 'submission_id', stored_id, recomputed_id FROM pairs WHERE stored_id IS NOT recomputed_id
UNION ALL
SELECT unit_code, form_id, period, 'submitted_at', stored_at, recomputed_at FROM pairs WHERE stored_at IS NOT recomputed_at
 ORDER BY node, form, period, field`;

/**
 * latest_values holds exactly the non-null values of the newest revision's values_json
 * (read with json_each, as storeRevisionStatements writes them). Judged against the newest
 * submission itself, not against latest_revisions, so a wrong pointer does not hide stale values.
 */
export const LATEST_VALUES_DIFF_SQL = `
WITH newest AS (${NEWEST_SUBMISSIONS}),
expected AS (
  SELECT n.unit_code, n.form_id, n.period, j.key AS field, j.value AS value
    FROM newest n, json_each(n.values_json) AS j
   WHERE j.value IS NOT NULL
),
keys AS (
  SELECT unit_code, form_id, period, field FROM expected
  UNION
  SELECT unit_code, form_id, period, field FROM latest_values
)
SELECT k.unit_code AS node, k.form_id AS form, k.period AS period, k.field AS field,
       v.value AS stored, e.value AS recomputed
  FROM keys k
  LEFT JOIN latest_values v ON v.unit_code = k.unit_code AND v.form_id = k.form_id AND v.period = k.period AND v.field = k.field
  LEFT JOIN expected e ON e.unit_code = k.unit_code AND e.form_id = k.form_id AND e.period = k.period AND e.field = k.field
 WHERE v.value IS NOT e.value
 ORDER BY node, form, period, field`;

export type ConsistencyCheckId = "aggregates" | "aggregate_meta" | "latest_revisions" | "latest_values";

export interface ConsistencyCheck {
  id: ConsistencyCheckId;
  title: { vi: string; en: string };
  sql: string;
}

/** In dependency order: a wrong latest value explains a wrong aggregate above it. */
export const CONSISTENCY_CHECKS: readonly ConsistencyCheck[] = [
  {
    id: "latest_revisions",
    title: { vi: "Lần gửi mới nhất", en: "Latest revision pointers" },
    sql: LATEST_REVISIONS_DIFF_SQL,
  },
  {
    id: "latest_values",
    title: { vi: "Số liệu mới nhất của đơn vị", en: "Latest values of reporting units" },
    sql: LATEST_VALUES_DIFF_SQL,
  },
  {
    id: "aggregates",
    title: { vi: "Số liệu tổng hợp tỉnh và toàn quốc", en: "Province and national roll-ups" },
    sql: AGGREGATE_DIFF_SQL,
  },
  {
    id: "aggregate_meta",
    title: { vi: "Số đơn vị đã gửi và thời điểm cập nhật", en: "Contributors and update time of roll-ups" },
    sql: AGGREGATE_META_DIFF_SQL,
  },
];

export interface ConsistencyRow {
  node: string;
  form: string;
  period: string;
  field: string;
  stored: number | string | null;
  recomputed: number | string | null;
}

export interface ConsistencyDifference extends ConsistencyRow {
  check: ConsistencyCheckId;
}

/** The part of D1Database these checks use, spelled out so the Node script can import this file. */
export interface QueryableDb {
  prepare(sql: string): { all<T = Record<string, unknown>>(): Promise<{ results: T[] }> };
}

/** Runs every check; an empty list means the derived tables agree with the submissions. */
export async function findInconsistencies(db: QueryableDb): Promise<ConsistencyDifference[]> {
  const out: ConsistencyDifference[] = [];
  for (const check of CONSISTENCY_CHECKS) {
    const { results } = await db.prepare(check.sql).all<ConsistencyRow>();
    for (const r of results) out.push({ check: check.id, ...r });
  }
  return out;
}
