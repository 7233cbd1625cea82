import { notFound } from "../errors";
import { UNIT_COLUMNS, toUnit, type UnitRow } from "../db/units";
import { definitionsFromRows, definitionsStatement, formForPeriodIn, type DefinitionRow } from "../forms";
import { targetsFromRows, targetsStatement } from "../db/targets";
import { comparisonLeafNeeds } from "../../../shared/reports/comparison/build";
import { valuesKey, type ComparisonData, type NodeValues, type ReportMark } from "../../../shared/reports/comparison/data";
import type { CompletenessData } from "../../../shared/reports/completeness/build";
import { candidateBasisPeriods, collectionsForPeriod, periodEndOf, statYearOfAny } from "../../../shared/forms/collection-period";
import { NATIONAL_CODE, type Unit } from "../../../shared/units/types";
import { buildHierarchy } from "../../../shared/units/hierarchy";
import { seriesPeriodsOf } from "../../../shared/reports/trend";
import type { FormDefinition } from "../../../shared/forms/types";
import type { Figures } from "../../../shared/api/schemas";
import type { SignoffMark } from "../../../shared/reports/comparison/data";
import type { Decision } from "../../../shared/signoff/state";
import { composition, compositionText } from "../../../shared/signoff/board";
import { sha256Hex } from "../crypto";

/**
 * Reads what a report needs in as few D1 round trips as the data allows: in production each
 * call crosses to the database's location (tens of milliseconds from Vietnam), so a report is
 * one batch of reads, plus one more only when a partial total needs the offices' own figures
 * for a like-for-like comparison. `run` executes one batch: the route passes the batch that
 * also resolves the caller's token.
 */
export type ReadBatch = (statements: D1PreparedStatement[]) => Promise<D1Result[]>;

/** D1 takes at most 100 bound parameters per statement. */
const CHUNK = 90;

function rowsOf<T>(r: D1Result | undefined): T[] {
  return (r?.results ?? []) as T[];
}

/** The unit with this code and its whole subtree (every validity), and every unit those replaced, transitively. */
export function subtreeWithPredecessors(db: D1Database, code: string): D1PreparedStatement {
  return db
    .prepare(
      `WITH RECURSIVE
         root(path) AS (SELECT path FROM units WHERE code = ?1),
         sub(code) AS (SELECT u.code FROM units u, root WHERE substr(u.path, 1, length(root.path)) = root.path),
         pred(code, gen) AS (
           SELECT u.code, 1 FROM units u WHERE u.successor_code IN (SELECT code FROM sub)
           UNION SELECT u.code, pred.gen + 1 FROM units u JOIN pred ON u.successor_code = pred.code WHERE pred.gen < 5)
       SELECT ${UNIT_COLUMNS} FROM units
        WHERE code IN (SELECT code FROM sub) OR code IN (SELECT code FROM pred) ORDER BY path`,
    )
    .bind(code);
}

/**
 * The nodes a comparison reads values of (after WITH RECURSIVE, with the parent as ?1): the
 * parent, its children, the country, and the units the children replaced (for the base periods).
 */
const WANTED_NODES = `node(code) AS (SELECT code FROM units WHERE parent_code = ?1 OR code = ?1 UNION SELECT '${NATIONAL_CODE}'),
         pred(code, gen) AS (
           SELECT u.code, 1 FROM units u WHERE u.successor_code IN (SELECT code FROM node)
           UNION SELECT u.code, pred.gen + 1 FROM units u JOIN pred ON u.successor_code = pred.code WHERE pred.gen < 5),
         wanted(code) AS (SELECT code FROM node UNION SELECT code FROM pred)`;

/** `AND <column> IN (?n, …)` over the fields, numbered after `before` parameters; nothing when every field is wanted. */
function fieldsFilter(column: string, fields: string[] | null, before: number): string {
  return fields === null ? "" : " AND " + column + " IN (" + fields.map((_f, i) => "?" + (i + 1 + before)).join(",") + ")";
}

/**
 * Values of the parent, its children, the units the children replaced (for the base
 * periods) and the country (the national average), for every form and the given periods:
 * offices from their latest reports, other nodes from the aggregates kept by each submission.
 */
export function nodeValuesStatement(db: D1Database, parent: string, periods: string[], fields: string[] | null = null): D1PreparedStatement {
  const slots = periods.map((_p, i) => "?" + (i + 2)).join(",");
  // Only the fields the series' indicators read, when given: a year and a half of months is
  // many rows, most of them fields no rate needs.
  const only = fieldsFilter("field", fields, 1 + periods.length);
  return db
    .prepare(
      `WITH RECURSIVE
         ${WANTED_NODES}
       SELECT unit_code AS code, form_id, period, field, value FROM latest_values
        WHERE period IN (${slots}) AND unit_code IN (SELECT code FROM wanted)${only}
       UNION ALL
       SELECT node_code AS code, form_id, period, field, value FROM aggregates
        WHERE period IN (${slots}) AND node_code IN (SELECT code FROM wanted)${only}`,
    )
    .bind(parent, ...periods, ...(fields ?? []));
}

/** The fields the targeted indicators of any definition read ("form:field" terms by their field). */
function seriesFields(definitions: readonly FormDefinition[]): string[] {
  const out: string[] = [];
  for (const f of definitions) {
    for (const ind of f.indicators) {
      if (!ind.targeted) continue;
      for (const term of ind.numerator.concat(ind.denominator)) {
        const field = term.indexOf(":") < 0 ? term : term.slice(term.indexOf(":") + 1);
        if (out.indexOf(field) < 0) out.push(field);
      }
    }
  }
  return out.sort();
}

/** First submission and current revision of each reporting unit under the parent, per form and period. */
function reportsStatement(db: D1Database, parent: string, periods: string[], formId: string | null): D1PreparedStatement {
  const slots = periods.map((_p, i) => "?" + (i + 3)).join(",");
  return db
    .prepare(
      `SELECT s.unit_code, s.form_id, s.period, MIN(s.submitted_at) AS first_at, MAX(s.revision) AS revision
         FROM submissions s JOIN units u ON u.code = s.unit_code
        WHERE (?2 IS NULL OR s.form_id = ?2) AND s.period IN (${slots})
          AND substr(u.path, 1, length((SELECT path FROM units WHERE code = ?1))) = (SELECT path FROM units WHERE code = ?1)
        GROUP BY s.unit_code, s.form_id, s.period`,
    )
    .bind(parent, formId, ...periods);
}

/**
 * The latest ACCEPTED revision of every report of the given periods: the one revision a
 * parent accepted last (only the latest revision can be decided on, so an accepted one stays
 * accepted once a newer revision arrives).
 */
function acceptedCte(periodSlots: string): string {
  return `acc AS (
           SELECT rs.unit_code, rs.form_id, rs.period, MAX(rs.revision) AS revision
             FROM revision_signoff rs WHERE rs.decision = 'accepted' AND rs.period IN (${periodSlots})
            GROUP BY rs.unit_code, rs.form_id, rs.period),
         accv AS (
           SELECT s.unit_code, u.path, s.form_id, s.period, s.revision, s.values_json
             FROM acc JOIN submissions s ON s.unit_code = acc.unit_code AND s.form_id = acc.form_id AND s.period = acc.period AND s.revision = acc.revision
             JOIN units u ON u.code = s.unit_code)`;
}

/**
 * Accepted figures of the same nodes as nodeValuesStatement: the stored totals hold LATEST
 * values, so each node's accepted figure is summed here, in SQL, from the accepted revisions'
 * own values under its path (SQLite sums integers exactly and fails on overflow rather than
 * rounding). One statement in the same first batch: the cost is a scan of the accepted
 * revisions of the compared periods under the country (docs/engineering.md, "Accepted figures").
 */
function acceptedNodeValuesStatement(db: D1Database, parent: string, periods: string[], fields: string[] | null = null): D1PreparedStatement {
  const slots = periods.map((_p, i) => "?" + (i + 2)).join(",");
  return db
    .prepare(
      `WITH RECURSIVE
         ${WANTED_NODES},
         ${acceptedCte(slots)}
       SELECT w.code AS code, a.form_id, a.period, j.key AS field, SUM(j.value) AS value
         FROM wanted w JOIN units wu ON wu.code = w.code
         JOIN accv a ON substr(a.path, 1, length(wu.path)) = wu.path
         JOIN json_each(a.values_json) AS j
        WHERE j.value IS NOT NULL${fieldsFilter("j.key", fields, 1 + periods.length)}
        GROUP BY w.code, a.form_id, a.period, j.key`,
    )
    .bind(parent, ...periods, ...(fields ?? []));
}

/** As reportsStatement, counting a unit as reported when it has an accepted revision (lateness still from its first revision). */
function acceptedReportsStatement(db: D1Database, parent: string, periods: string[], formId: string | null): D1PreparedStatement {
  const slots = periods.map((_p, i) => "?" + (i + 3)).join(",");
  return db
    .prepare(
      `WITH ${acceptedCte(slots)}
       SELECT a.unit_code, a.form_id, a.period, a.revision,
              (SELECT MIN(f.submitted_at) FROM submissions f WHERE f.unit_code = a.unit_code AND f.form_id = a.form_id AND f.period = a.period) AS first_at
         FROM accv a
        WHERE (?2 IS NULL OR a.form_id = ?2)
          AND substr(a.path, 1, length((SELECT path FROM units WHERE code = ?1))) = (SELECT path FROM units WHERE code = ?1)`,
    )
    .bind(parent, formId, ...periods);
}

function acceptedValuesOf(db: D1Database, codes: string[], periods: string[]): D1PreparedStatement {
  const p = periods.map((_x, i) => "?" + (i + 1)).join(",");
  const c = codes.map((_x, i) => "?" + (i + 1 + periods.length)).join(",");
  return db
    .prepare(
      `WITH ${acceptedCte(p)}
       SELECT a.unit_code AS code, a.form_id, a.period, j.key AS field, j.value AS value
         FROM accv a JOIN json_each(a.values_json) AS j
        WHERE j.value IS NOT NULL AND a.unit_code IN (${c})`,
    )
    .bind(...periods, ...codes);
}

/** Where the latest revision of every reporting unit under the parent stands, for one form (or every form) and a period. */
function signoffMarksStatement(db: D1Database, parent: string, formId: string | null, period: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT lr.unit_code, lr.form_id, lr.revision, rs.confirmed_at IS NOT NULL AS confirmed, rs.decision
         FROM latest_revisions lr JOIN units u ON u.code = lr.unit_code
         LEFT JOIN revision_signoff rs ON rs.submission_id = lr.submission_id
        WHERE (?2 IS NULL OR lr.form_id = ?2) AND lr.period = ?3
          AND substr(u.path, 1, length((SELECT path FROM units WHERE code = ?1))) = (SELECT path FROM units WHERE code = ?1)`,
    )
    .bind(parent, formId, period);
}

function nodeDecisionsStatement(db: D1Database, parent: string, formId: string | null, period: string): D1PreparedStatement {
  return db
    .prepare(`SELECT node_code, form_id, basis, decision FROM node_signoff WHERE (?2 IS NULL OR form_id = ?2) AND period = ?3 AND node_code IN (SELECT code FROM units WHERE parent_code = ?1)`)
    .bind(parent, formId, period);
}

function latestValuesOf(db: D1Database, codes: string[], periods: string[]): D1PreparedStatement {
  const p = periods.map(() => "?").join(",");
  const c = codes.map(() => "?").join(",");
  return db
    .prepare(`SELECT unit_code AS code, form_id, period, field, value FROM latest_values WHERE period IN (${p}) AND unit_code IN (${c})`)
    .bind(...periods, ...codes);
}

export interface ValueRow {
  code: string;
  form_id: string;
  period: string;
  field: string;
  value: number;
}

/** Rows of latest_values into figures by unit, form and period (valuesKey). */
export function addValues(into: Map<string, Record<string, number>>, rows: readonly ValueRow[]): void {
  for (const r of rows) {
    const key = valuesKey(r.code, r.form_id, r.period);
    const rec = into.get(key) ?? {};
    rec[r.field] = r.value;
    into.set(key, rec);
  }
}

function reportsFromRows(rows: readonly { unit_code: string; form_id: string; period: string; first_at: string; revision: number }[]): Map<string, ReportMark> {
  const out = new Map<string, ReportMark>();
  for (const r of rows) out.set(valuesKey(r.unit_code, r.form_id, r.period), { firstSubmittedAt: r.first_at, revision: r.revision });
  return out;
}

function parentOf(units: readonly Unit[], code: string): Unit {
  const parent = units.filter((u) => u.code === code)[0];
  if (!parent) throw notFound(`Không có đơn vị ${code}.`, `No unit ${code}.`);
  return parent;
}

/**
 * Everything a comparison of `parentCode`'s units needs. `authorize` runs on the parent as
 * soon as the first batch returns (403 before any figure is computed).
 */
export async function loadComparisonData(
  db: D1Database,
  run: ReadBatch,
  parentCode: string,
  formId: string,
  period: string,
  generatedAt: string,
  authorize: (parent: Unit) => void,
  figures: Figures = "latest",
): Promise<ComparisonData> {
  return (await load(db, run, parentCode, () => [formId], period, generatedAt, authorize, formId, figures)).data;
}

/**
 * What the report of a scope and period needs (its text, its Word document): the comparison
 * data of every form whose headline indicator has targets (việc, tiền…, as the definitions in
 * force say), read once, in the same two batches as one comparison. Build each form's
 * comparison with `{ ...data, formId }`.
 */
export async function loadReportData(
  db: D1Database,
  run: ReadBatch,
  parentCode: string,
  period: string,
  generatedAt: string,
  authorize: (parent: Unit) => void,
): Promise<{ data: ComparisonData; forms: FormDefinition[] }> {
  let forms: FormDefinition[] = [];
  const { data } = await load(db, run, parentCode, (definitions) => {
    forms = collectionsForPeriod(definitions, period).filter((f) => f.indicators.length > 0 && (f.indicators[0] as { targeted: boolean }).targeted);
    if (forms.length === 0) throw notFound(`Không có biểu nào có chỉ tiêu cho kỳ ${period}.`, `No form with targets for ${period}.`);
    return forms.map((f) => f.id);
  }, period, generatedAt, authorize, null, "latest");
  return { data, forms };
}

async function load(
  db: D1Database,
  run: ReadBatch,
  parentCode: string,
  formsOf: (definitions: FormDefinition[]) => string[],
  period: string,
  generatedAt: string,
  authorize: (parent: Unit) => void,
  reportsOf: string | null,
  figures: Figures,
): Promise<{ data: ComparisonData }> {
  // The collection's period type is only known once the definitions are read (in this same
  // batch): read every period a basis could be for a key of this kind.
  const periods = [period];
  for (const p of candidateBasisPeriods(period)) if (periods.indexOf(p) < 0) periods.push(p);
  // Accepted figures (issue 13) are summed from the accepted revisions in the same statements'
  // places; the sign-off marks and the Cục's decisions come in the same first batch.
  const accepted = figures === "accepted";
  const [units, defs, targets, values, reports, marks, decisions] = await run([
    subtreeWithPredecessors(db, parentCode),
    definitionsStatement(db),
    targetsStatement(db, statYearOfAny(period)),
    accepted ? acceptedNodeValuesStatement(db, parentCode, periods) : nodeValuesStatement(db, parentCode, periods),
    accepted ? acceptedReportsStatement(db, parentCode, periods, reportsOf) : reportsStatement(db, parentCode, periods, reportsOf),
    signoffMarksStatement(db, parentCode, reportsOf, period),
    nodeDecisionsStatement(db, parentCode, reportsOf, period),
  ]);
  const unitList = rowsOf<UnitRow>(units).map(toUnit);
  const parent = parentOf(unitList, parentCode);
  authorize(parent);
  const definitions = definitionsFromRows(rowsOf<DefinitionRow>(defs));
  const formIds = formsOf(definitions);
  for (const id of formIds) formForPeriodIn(definitions, id, period);
  const store = new Map<string, Record<string, number>>();
  addValues(store, rowsOf<ValueRow>(values));
  const data: ComparisonData = {
    parent,
    units: unitList,
    formId: formIds[0] as string,
    period,
    definitions,
    values: store as Map<string, NodeValues>,
    reports: reportsFromRows(rowsOf(reports)),
    targets: targetsFromRows(rowsOf(targets)),
    figures,
    ...(await signoffOf(unitList, parentCode, period, rowsOf(marks), rowsOf(decisions))),
    generatedAt,
  };

  // One more batch, for what depends on the first: the months of this year and last year that
  // the trend and the outlook read (the fields of the targeted indicators only), and, for
  // like-for-like comparisons of partial totals, the offices' own figures not already in hand
  // (the children's were read with the first batch), for every form compared.
  const statements: D1PreparedStatement[] = [];
  // Only a cumulative report has a trend through its year (seriesPeriodsOf); the forms of one
  // report share the period's kind.
  const series = seriesPeriodsOf(formForPeriodIn(definitions, formIds[0] as string, period), period);
  const months = series.thisYear.concat(series.lastYear).filter((p) => periods.indexOf(p) < 0);
  const fields = seriesFields(definitions);
  if (months.length > 0 && fields.length > 0) statements.push(accepted ? acceptedNodeValuesStatement(db, parentCode, months, fields) : nodeValuesStatement(db, parentCode, months, fields));
  const loaded = new Set<string>();
  for (const u of unitList) if (u.parentCode === parentCode || u.code === parentCode) loaded.add(u.code);
  const missing: string[] = [];
  let needPeriods: string[] = [period];
  for (const id of formIds) {
    const needs = comparisonLeafNeeds({ ...data, formId: id });
    needPeriods = needs.periods;
    for (const code of needs.units) if (!loaded.has(code) && missing.indexOf(code) < 0) missing.push(code);
  }
  const perStatement = Math.max(1, CHUNK - needPeriods.length);
  for (let i = 0; i < missing.length; i += perStatement) {
    const codes = missing.slice(i, i + perStatement);
    statements.push(accepted ? acceptedValuesOf(db, codes, needPeriods) : latestValuesOf(db, codes, needPeriods));
  }
  if (statements.length > 0) for (const r of await run(statements)) addValues(store, rowsOf<ValueRow>(r));
  return { data };
}

interface MarkRow {
  unit_code: string;
  form_id: string;
  revision: number;
  confirmed: number;
  decision: Decision | null;
}

/**
 * The sign-off of each office's latest revision, and the Cục's decisions on the parent's
 * children that are still about their current figures (the basis is recomputed from the
 * offices' latest revisions, as the review board does), for every form read.
 */
async function signoffOf(
  units: readonly Unit[],
  parent: string,
  period: string,
  marks: readonly MarkRow[],
  decisions: readonly { node_code: string; form_id: string; basis: string; decision: Decision }[],
): Promise<{ signoff: Map<string, SignoffMark>; nodeDecisions: Map<string, Decision> }> {
  const signoff = new Map<string, SignoffMark>();
  const revisionOf = new Map<string, number>();
  for (const m of marks) {
    signoff.set(valuesKey(m.unit_code, m.form_id, period), { confirmed: m.confirmed === 1, decision: m.decision });
    revisionOf.set(valuesKey(m.unit_code, m.form_id, period), m.revision);
  }
  const nodeDecisions = new Map<string, Decision>();
  for (const d of decisions) {
    if (!units.some((u) => u.code === d.node_code && u.parentCode === parent)) continue;
    const parts = composition(units, d.node_code, (u) => revisionOf.get(valuesKey(u, d.form_id, period)) ?? null);
    if ((await sha256Hex(compositionText(d.node_code, d.form_id, period, parts))) === d.basis) nodeDecisions.set(valuesKey(d.node_code, d.form_id, period), d.decision);
  }
  return { signoff, nodeDecisions };
}

/** Everything the completeness of `parentCode`'s reporting units needs, in one batch. */
export async function loadCompletenessData(
  db: D1Database,
  run: ReadBatch,
  parentCode: string,
  period: string,
  generatedAt: string,
  authorize: (parent: Unit) => void,
): Promise<CompletenessData> {
  const [units, defs, reports] = await run([
    subtreeWithPredecessors(db, parentCode),
    definitionsStatement(db),
    reportsStatement(db, parentCode, [period], null),
  ]);
  const unitList = rowsOf<UnitRow>(units).map(toUnit);
  const parent = parentOf(unitList, parentCode);
  authorize(parent);
  return {
    parent,
    units: unitList,
    period,
    forms: collectionsForPeriod(definitionsFromRows(rowsOf<DefinitionRow>(defs)), period),
    reports: reportsFromRows(rowsOf(reports)),
    generatedAt,
  };
}

export interface RollupData {
  unit: Unit;
  definitions: ReturnType<typeof definitionsFromRows>;
  values: Record<string, number>;
  contributors: number;
  expected: number;
  updatedAt: string | null;
}

/**
 * A node's ACCEPTED figures for one form and period (issue 13: the Cục may count accepted
 * figures only): read exactly as an accepted-only comparison reads them (each reporting unit's
 * latest accepted revision, summed under the node), in the same two batches. Contributors are
 * the reporting units with an accepted revision; no single time stands for such a sum.
 */
export async function loadAcceptedRollupData(
  db: D1Database,
  run: ReadBatch,
  code: string,
  formId: string,
  period: string,
  generatedAt: string,
  authorize: (unit: Unit) => void,
): Promise<RollupData> {
  const data = await loadComparisonData(db, run, code, formId, period, generatedAt, authorize, "accepted");
  const under = buildHierarchy(data.units).reportingUnitsUnder(code, periodEndOf(period));
  return {
    unit: data.parent,
    definitions: data.definitions.slice(),
    values: { ...(data.values.get(valuesKey(code, formId, period)) ?? {}) },
    contributors: under.filter((u) => data.reports.has(valuesKey(u.code, formId, period))).length,
    expected: under.length,
    updatedAt: null,
  };
}

/**
 * A node's values for one form and period: an office's latest report, or the aggregate kept
 * current by each submission (correct in the very next request after a 201, no rebuild).
 */
export async function loadRollupData(
  db: D1Database,
  run: ReadBatch,
  code: string,
  formId: string,
  period: string,
  authorize: (unit: Unit) => void,
): Promise<RollupData> {
  const end = periodEndOf(period);
  const [unitRows, defs, values, meta, expected] = await run([
    db.prepare(`SELECT ${UNIT_COLUMNS} FROM units WHERE code = ?`).bind(code),
    definitionsStatement(db),
    db
      .prepare(
        `SELECT field, value FROM latest_values WHERE unit_code = ?1 AND form_id = ?2 AND period = ?3
         UNION ALL SELECT field, value FROM aggregates WHERE node_code = ?1 AND form_id = ?2 AND period = ?3`,
      )
      .bind(code, formId, period),
    db
      .prepare(
        `SELECT 1 AS contributors, submitted_at AS updated_at FROM latest_revisions WHERE unit_code = ?1 AND form_id = ?2 AND period = ?3
         UNION ALL SELECT contributors, updated_at FROM aggregate_meta WHERE node_code = ?1 AND form_id = ?2 AND period = ?3`,
      )
      .bind(code, formId, period),
    db
      .prepare(
        `SELECT COUNT(*) AS n FROM units WHERE reporting = 1
            AND substr(path, 1, length((SELECT path FROM units WHERE code = ?1))) = (SELECT path FROM units WHERE code = ?1)
            AND valid_from <= ?2 AND (valid_to IS NULL OR valid_to >= ?2)`,
      )
      .bind(code, end),
  ]);
  const unit = parentOf(rowsOf<UnitRow>(unitRows).map(toUnit), code);
  authorize(unit);
  const definitions = definitionsFromRows(rowsOf<DefinitionRow>(defs));
  formForPeriodIn(definitions, formId, period);
  const vals: Record<string, number> = {};
  for (const r of rowsOf<{ field: string; value: number }>(values)) vals[r.field] = r.value;
  const m = rowsOf<{ contributors: number; updated_at: string }>(meta)[0];
  return {
    unit,
    definitions,
    values: vals,
    contributors: m ? m.contributors : 0,
    expected: rowsOf<{ n: number }>(expected)[0]?.n ?? 0,
    updatedAt: m ? m.updated_at : null,
  };
}
