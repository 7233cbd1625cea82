/**
 * SQL of the two sheets people edit (targets of a year, a parent's units): each read is one
 * statement meant for the route's one read batch, each write one statement for its one write
 * batch with its audit rows.
 */
import { UNIT_COLUMNS, toUnit, type UnitRow } from "./units";
import type { Unit } from "../../../shared/units/types";
import type { UnitTokenInfo } from "../../../shared/reports/units/build";

/** The units above `code` (its ancestors), the unit included: names of whom a target is inherited from. */
export function ancestorsStatement(db: D1Database, code: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT ${UNIT_COLUMNS} FROM units
        WHERE substr((SELECT path FROM units WHERE code = ?1), 1, length(path)) = path ORDER BY path`,
    )
    .bind(code);
}

/** The unit and everything below it, every validity. */
export function subtreeStatement(db: D1Database, code: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT ${UNIT_COLUMNS} FROM units
        WHERE substr(path, 1, length((SELECT path FROM units WHERE code = ?1))) = (SELECT path FROM units WHERE code = ?1) ORDER BY path`,
    )
    .bind(code);
}

export function unitsOf(r: D1Result | undefined): Unit[] {
  return ((r?.results ?? []) as UnitRow[]).map(toUnit);
}

/** The latest period each child of `parent` reported (for a province: any office under it). */
export function lastReportsStatement(db: D1Database, parent: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT c.code AS code, MAX(r.period) AS period
         FROM units c JOIN units u ON substr(u.path, 1, length(c.path)) = c.path
         JOIN latest_revisions r ON r.unit_code = u.code
        WHERE c.parent_code = ?1
        GROUP BY c.code`,
    )
    .bind(parent);
}

export function lastReportsOf(r: D1Result | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const row of (r?.results ?? []) as { code: string; period: string }[]) out[row.code] = row.period;
  return out;
}

/** The tokens of the children of `parent` that still work (a closed unit's stop: revoked or expiring). */
export function childTokensStatement(db: D1Database, parent: string, now: string): D1PreparedStatement {
  return db
    .prepare(
      `SELECT t.id, t.unit_code, t.label, t.role, t.expires_at FROM tokens t JOIN units u ON u.code = t.unit_code
        WHERE u.parent_code = ?1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > ?2)
        ORDER BY t.unit_code, t.created_at`,
    )
    .bind(parent, now);
}

export function tokensOf(r: D1Result | undefined): UnitTokenInfo[] {
  return ((r?.results ?? []) as { id: string; unit_code: string; label: string; role: string; expires_at: string | null }[]).map((t) => ({
    id: t.id, unit: t.unit_code, label: t.label, role: t.role, expiresAt: t.expires_at,
  }));
}

export function deleteTargetStatement(db: D1Database, year: number, unit: string, indicator: string): D1PreparedStatement {
  return db.prepare(`DELETE FROM targets WHERE year = ? AND unit_code = ? AND indicator = ?`).bind(year, unit, indicator);
}

/** Revokes a closed unit's token now (its last report's deadline has passed). */
export function revokeTokenStatement(db: D1Database, id: string, by: string, at: string): D1PreparedStatement {
  return db.prepare(`UPDATE tokens SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL`).bind(at, by, id);
}

/** Lets a closed unit's token work until the deadline of its last report, and no longer. */
export function expireTokenStatement(db: D1Database, id: string, at: string): D1PreparedStatement {
  return db
    .prepare(`UPDATE tokens SET expires_at = ?1 WHERE id = ?2 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > ?1)`)
    .bind(at, id);
}
