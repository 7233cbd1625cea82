import type { Hono } from "hono";
import type { AppEnv } from "../../env";
import type { Principal } from "../../auth";
import { assertRole } from "../../auth";
import { ApiError, forbidden, notFound } from "../../errors";
import { parseJsonBody, parseQuery } from "../../validation";
import { unitOrOwnStatements, unitsByCodeStatements, unitsFrom } from "../../db/units";
import { authorizedBatch, parseAuthorized, rowsOf } from "../../db/batch";
import { targetsFromRows, targetsStatement, upsertTargetStatement } from "../../db/targets";
import { definitionsFromRows, definitionsStatement, type DefinitionRow } from "../../forms";
import { auditStatement } from "../../db/audit";
import { assertReadable } from "../scope";
import { targetPutSchema, targetsQuerySchema, type EffectiveTarget } from "../../../../shared/api/schemas";
import { targetedIndicatorsOfYear } from "../../../../shared/forms/registry";
import { defaultComparisonFor, effectiveTarget, indexTargets } from "../../../../shared/rollup/targets";
import { parsePath } from "../../../../shared/units/path";
import type { Unit } from "../../../../shared/units/types";

export function targetRoutes(app: Hono<AppEnv>): void {
  // The effective targets (own or inherited) of a unit and of its children, for every indicator of the year.
  // One round trip: the caller, the unit (named, or the caller's own) and its children, the definitions, the year's targets.
  app.get("/api/v1/targets", async (c) => {
    const db = c.env.DB;
    const q = await parseAuthorized(c, () => parseQuery(c, targetsQuerySchema));
    const [unitResult, childrenResult, defs, targets] = await authorizedBatch(c, [
      ...unitOrOwnStatements(db, q.unit ?? null, c.get("tokenHash")),
      definitionsStatement(db),
      targetsStatement(db, q.year),
    ]);
    const who = c.get("principal");
    const code = q.unit ?? who.unitCode;
    const unit = assertReadable(who, unitsFrom(unitResult)[0] ?? null, code);
    const units = [unit, ...unitsFrom(childrenResult)];
    const index = indexTargets(targetsFromRows(rowsOf(targets)));
    const indicators = targetedIndicatorsOfYear(definitionsFromRows(rowsOf<DefinitionRow>(defs)), q.year);
    const rows: EffectiveTarget[] = [];
    for (const u of units) {
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
  // Round trip 1: the caller, every unit named and the definitions; 2: the write.
  app.put("/api/v1/targets", async (c) => {
    const db = c.env.DB;
    const maySet = (who: Principal) => assertRole(who, ["province", "national", "admin"], "đặt chỉ tiêu", "set targets");
    const body = await parseAuthorized(c, () => parseJsonBody(c, targetPutSchema), maySet);
    const codes = body.targets.map((t) => t.unit).filter((u, i, all) => all.indexOf(u) === i);
    const [defs, ...found] = await authorizedBatch(c, [definitionsStatement(db), ...unitsByCodeStatements(db, codes)]);
    const who = c.get("principal");
    maySet(who);
    const now = c.get("now");
    const units = new Map(found.flatMap((r) => unitsFrom(r)).map((u) => [u.code, u]));
    const indicators = targetedIndicatorsOfYear(definitionsFromRows(rowsOf<DefinitionRow>(defs)), body.year);
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
