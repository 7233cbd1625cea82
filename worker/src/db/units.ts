import type { Unit } from "../../../shared/units/types";
import { firstOf, rowsOf } from "./batch";

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

export function unitStatement(db: D1Database, code: string): D1PreparedStatement {
  return db.prepare(`SELECT ${UNIT_COLUMNS} FROM units WHERE code = ?`).bind(code);
}

/** The unit a unitStatement found in a batch, or null. */
export function unitFrom(result: D1Result | undefined): Unit | null {
  const row = firstOf<UnitRow>(result);
  return row ? toUnit(row) : null;
}

/** The units of a statement of a batch that selected the units table's columns. */
export function unitsFrom(result: D1Result | undefined): Unit[] {
  return rowsOf<UnitRow>(result).map(toUnit);
}

/** Units whose code is in `codes`, as statements for one batch (D1 allows 100 bound parameters each). */
export function unitsByCodeStatements(db: D1Database, codes: readonly string[]): D1PreparedStatement[] {
  const out: D1PreparedStatement[] = [];
  for (let i = 0; i < codes.length; i += 90) {
    const chunk = codes.slice(i, i + 90);
    out.push(db.prepare(`SELECT ${UNIT_COLUMNS} FROM units WHERE code IN (${chunk.map(() => "?").join(",")})`).bind(...chunk));
  }
  return out;
}

/**
 * The units a token may see (its unit's subtree; everything for national and admin) and the
 * ancestors of its unit, in path order. Keyed on the token's hash so it can share the batch
 * that resolves the caller: when the token is not valid, that batch is answered 401 and these
 * rows are never used, so the token's validity conditions need not be repeated here.
 */
export function visibleUnitsStatement(db: D1Database, tokenHash: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT ${UNIT_COLUMNS.split(", ").map((c) => "u." + c).join(", ")}
         FROM tokens t JOIN units tu ON tu.code = t.unit_code, units u
        WHERE t.token_hash = ?1
          AND (t.role IN ('national', 'admin')
               OR substr(u.path, 1, length(tu.path)) = tu.path
               OR substr(tu.path, 1, length(u.path)) = u.path)
        ORDER BY u.path`,
    )
    .bind(tokenHash);
}

/**
 * The unit `code`, or with no code the unit of the token with this hash (what a request that
 * names no unit means); and its children. For one batch with the caller's token.
 */
export function unitOrOwnStatements(db: D1Database, code: string | null, tokenHash: string): [D1PreparedStatement, D1PreparedStatement] {
  const which = `COALESCE(?1, (SELECT unit_code FROM tokens WHERE token_hash = ?2))`;
  return [
    db.prepare(`SELECT ${UNIT_COLUMNS} FROM units WHERE code = ${which}`).bind(code, tokenHash),
    db.prepare(`SELECT ${UNIT_COLUMNS} FROM units WHERE parent_code = ${which} ORDER BY code`).bind(code, tokenHash),
  ];
}

export async function getUnit(db: D1Database, code: string): Promise<Unit | null> {
  const row = await unitStatement(db, code).first<UnitRow>();
  return row ? toUnit(row) : null;
}

/** Every unit, past and present: what the hierarchy rules of shared/units check a change against. */
export function allUnitsStatement(db: D1Database): D1PreparedStatement {
  return db.prepare(`SELECT ${UNIT_COLUMNS} FROM units ORDER BY path`);
}

/** One row (x = 1) when the unit or any unit below it has a report: such a unit cannot move. */
export function hasReportsStatement(db: D1Database, code: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT 1 AS x FROM units n JOIN units u ON substr(u.path, 1, length(n.path)) = n.path
         JOIN latest_revisions r ON r.unit_code = u.code
        WHERE n.code = ? LIMIT 1`,
    )
    .bind(code);
}

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

