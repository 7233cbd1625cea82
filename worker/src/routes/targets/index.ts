import type { Hono } from "hono";
import type { AppEnv } from "../../env";
import type { Principal } from "../../auth";
import { assertCanRead, assertRole } from "../../auth";
import { ApiError, forbidden, notFound } from "../../errors";
import { parseJsonBody, parseQuery } from "../../validation";
import { UNIT_COLUMNS, toUnit, type UnitRow } from "../../db/units";
import { targetsFromRows, targetsStatement, upsertTargetStatement } from "../../db/targets";
import { definitionsFromRows, definitionsStatement, type DefinitionRow } from "../../forms";
import { auditStatement } from "../../db/audit";
import { targetPutSchema, targetsQuerySchema, type EffectiveTarget } from "../../../../shared/api/schemas";
import { targetedIndicatorsOfYear } from "../../../../shared/forms/registry";
import { defaultComparisonFor, effectiveTarget, indexTargets } from "../../../../shared/rollup/targets";
import { parsePath } from "../../../../shared/units/path";
import type { Unit } from "../../../../shared/units/types";

export function targetRoutes(app: Hono<AppEnv>): void {
  // The effective targets (own or inherited) of a unit and of its children, for every indicator of the year.
  app.get("/api/v1/targets", async (c) => {
    const q = parseQuery(c, targetsQuerySchema);
    const who = c.get("principal");
    const code = q.unit ?? who.unitCode;
    const db = c.env.DB;
    const [unitRows, defs, targets] = await db.batch([
      db.prepare(`SELECT ${UNIT_COLUMNS} FROM units WHERE code = ?1 OR parent_code = ?1 ORDER BY path`).bind(code),
      definitionsStatement(db),
      targetsStatement(db, q.year),
    ]);
    const units = ((unitRows?.results ?? []) as UnitRow[]).map(toUnit);
    const unit = units.filter((u) => u.code === code)[0];
    if (!unit) throw notFound(`Không có đơn vị ${code}.`, `No unit ${code}.`);
    assertCanRead(who, unit.path, unit.code);
    const index = indexTargets(targetsFromRows((targets?.results ?? []) as Parameters<typeof targetsFromRows>[0]));
    const indicators = targetedIndicatorsOfYear(definitionsFromRows((defs?.results ?? []) as DefinitionRow[]), q.year);
    const rows: EffectiveTarget[] = [];
    for (const u of [unit].concat(units.filter((x) => x.code !== code))) {
      for (const { indicator } of indicators) {
        const t = effectiveTarget(index, parsePath(u.path), indicator.id, defaultComparisonFor(indicator.direction));
        rows.push({
          unit: u.code,
          indicator: indicator.id,
          targetPct: t.targetPct,
          provisional: t.provisional,
          comparison: t.comparison,
          decisionRef: t.decisionRef,
          source: t.source,
        });
      }
    }
    return c.json({ year: q.year, targets: rows });
  });

  // All or nothing: every target in the request is checked before any is written.
  app.put("/api/v1/targets", async (c) => {
    const who = c.get("principal");
    assertRole(who, ["province", "national", "admin"], "đặt chỉ tiêu", "set targets");
    const body = await parseJsonBody(c, targetPutSchema);
    const db = c.env.DB;
    const now = c.get("now");
    const codes = body.targets.map((t) => t.unit).filter((u, i, all) => all.indexOf(u) === i);
    const [unitRows, defs] = await db.batch([
      db.prepare(`SELECT ${UNIT_COLUMNS} FROM units WHERE code IN (${codes.map(() => "?").join(",")})`).bind(...codes),
      definitionsStatement(db),
    ]);
    const units = new Map(((unitRows?.results ?? []) as UnitRow[]).map((r) => [r.code, toUnit(r)]));
    const indicators = targetedIndicatorsOfYear(definitionsFromRows((defs?.results ?? []) as DefinitionRow[]), body.year);
    const byId = new Map(indicators.map((x) => [x.indicator.id, x.indicator]));
    const statements: D1PreparedStatement[] = [];
    body.targets.forEach((t, i) => {
      const unit = units.get(t.unit);
      if (!unit) throw notFound(`Không có đơn vị ${t.unit} (targets.${i}.unit).`, `No unit ${t.unit} (targets.${i}.unit).`);
      assertMaySetTarget(who, unit);
      const indicator = byId.get(t.indicator);
      if (!indicator) {
        throw new ApiError(422, "unknown_indicator",
          `targets.${i}.indicator: không có chỉ tiêu "${t.indicator}" trong năm ${body.year}; có: ${indicators.map((x) => x.indicator.id).join(", ")}.`,
          `targets.${i}.indicator: no indicator "${t.indicator}" in year ${body.year}; there are: ${indicators.map((x) => x.indicator.id).join(", ")}.`);
      }
      const record = {
        unit: unit.code,
        indicator: t.indicator,
        targetPct: t.targetPct,
        provisional: t.provisional,
        comparison: t.comparison ?? defaultComparisonFor(indicator.direction),
        decisionRef: t.decisionRef ?? null,
      };
      statements.push(
        upsertTargetStatement(db, body.year, record, who.tokenId, now),
        auditStatement(db, who, c.get("requestId"), now, {
          action: "target.set",
          target: `${body.year}/${unit.code}/${t.indicator}`,
          detail: { targetPct: t.targetPct, provisional: t.provisional, comparison: record.comparison, decisionRef: record.decisionRef },
        }),
      );
    });
    await db.batch(statements);
    return c.json({ year: body.year, saved: body.targets.length });
  });
}

/** National sets provincial targets; a province sets its offices' targets. */
function assertMaySetTarget(who: Principal, unit: Unit): void {
  if (who.role === "admin") return;
  if (who.role === "national" && unit.level !== "office") return;
  if (who.role === "province" && unit.level === "office" && unit.path.startsWith(who.unitPath)) return;
  throw forbidden(
    `Vai trò "${who.role}" (${who.unitCode}) không được đặt chỉ tiêu cho đơn vị ${unit.code}: Cục đặt chỉ tiêu cho tỉnh, tỉnh đặt cho các phòng trực thuộc.`,
    `Role "${who.role}" (${who.unitCode}) may not set targets for ${unit.code}: the national level sets provincial targets, a province sets its offices' targets.`,
  );
}
