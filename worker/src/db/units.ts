import type { Unit } from "../../../shared/units/types";

export interface UnitRow {
  code: string;
  name: string;
  kind: Unit["kind"];
  level: Unit["level"];
  parent_code: string | null;
  path: string;
  reporting: number;
  valid_from: string;
  valid_to: string | null;
  successor_code: string | null;
}

export const UNIT_COLUMNS = "code, name, kind, level, parent_code, path, reporting, valid_from, valid_to, successor_code";

export function toUnit(r: UnitRow): Unit {
  return {
    code: r.code,
    name: r.name,
    kind: r.kind,
    level: r.level,
    parentCode: r.parent_code,
    path: r.path,
    reporting: r.reporting === 1,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    successorCode: r.successor_code,
  };
}

export async function getUnit(db: D1Database, code: string): Promise<Unit | null> {
  const row = await db.prepare(`SELECT ${UNIT_COLUMNS} FROM units WHERE code = ?`).bind(code).first<UnitRow>();
  return row ? toUnit(row) : null;
}

/** The unit at `path` and everything below it, in path order. */
export async function listSubtree(db: D1Database, path: string): Promise<Unit[]> {
  const { results } = await db
    .prepare(`SELECT ${UNIT_COLUMNS} FROM units WHERE substr(path, 1, length(?1)) = ?1 ORDER BY path`)
    .bind(path)
    .all<UnitRow>();
  return results.map(toUnit);
}

/** Validity is the shared core's rule (shared/units/hierarchy.ts), not re-implemented here. */
export { validOn as isValidOn } from "../../../shared/units/hierarchy";

export function upsertUnitStatement(db: D1Database, u: Unit): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO units (${UNIT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind, level = excluded.level,
         parent_code = excluded.parent_code, path = excluded.path, reporting = excluded.reporting,
         valid_from = excluded.valid_from, valid_to = excluded.valid_to, successor_code = excluded.successor_code`,
    )
    .bind(u.code, u.name, u.kind, u.level, u.parentCode, u.path, u.reporting ? 1 : 0, u.validFrom, u.validTo, u.successorCode);
}

