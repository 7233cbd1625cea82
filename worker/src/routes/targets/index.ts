import type { Hono } from "hono";
import type { AppEnv } from "../../env";
import type { Principal } from "../../auth";
import { assertRole } from "../../auth";
import { forbidden, notFound } from "../../errors";
import { parseJsonBody, parseQuery } from "../../validation";
import { unitFrom, unitOrOwnStatements, unitsByCodeStatements, unitsFrom } from "../../db/units";
import { effectiveTarget, targetsFrom, targetsStatement, upsertTargetStatement, type Indicator } from "../../db/targets";
import { auditStatement } from "../../db/audit";
import { authorizedBatch, parseAuthorized } from "../../db/batch";
import { assertReadable } from "../scope";
import { targetPutSchema, targetsQuerySchema, type EffectiveTarget } from "../../../../shared/api/schemas";
import type { Unit } from "../../../../shared/units/types";

const INDICATORS: Indicator[] = ["rate_viec", "rate_tien"];

export function targetRoutes(app: Hono<AppEnv>): void {
  // The effective targets (own or inherited) of a unit and of its children: one round trip.
  app.get("/api/v1/targets", async (c) => {
    const db = c.env.DB;
    const q = await parseAuthorized(c, () => parseQuery(c, targetsQuerySchema));
    const [unitResult, childrenResult, targetsResult] = await authorizedBatch(c, [
      ...unitOrOwnStatements(db, q.unit ?? null, c.get("tokenHash")),
      targetsStatement(db, q.year),
    ]);
    const who = c.get("principal");
    const unit = assertReadable(who, unitFrom(unitResult), q.unit ?? who.unitCode);
    const targets = targetsFrom(targetsResult);
    const units = [unit, ...unitsFrom(childrenResult)];
    const rows: EffectiveTarget[] = [];
    for (const u of units) {
      for (const indicator of INDICATORS) {
        const t = effectiveTarget(targets, u.path, indicator);
        rows.push({ unit: u.code, indicator, targetPct: t.targetPct, provisional: t.provisional, source: t.source });
      }
    }
    return c.json({ year: q.year, targets: rows });
  });

  // All or nothing: every target in the request is checked before any is written.
  // Round trip 1: the caller and every unit named; 2: the write.
  app.put("/api/v1/targets", async (c) => {
    const db = c.env.DB;
    const maySet = (who: Principal) => assertRole(who, ["province", "national", "admin"], "đặt chỉ tiêu", "set targets");
    const body = await parseAuthorized(c, () => parseJsonBody(c, targetPutSchema), maySet);
    const codes = [...new Set(body.targets.map((t) => t.unit))];
    const found = await authorizedBatch(c, unitsByCodeStatements(db, codes));
    const who = c.get("principal");
    maySet(who);
    const byCode = new Map(found.flatMap((r) => unitsFrom(r)).map((u) => [u.code, u]));
    const now = c.get("now");
    const statements: D1PreparedStatement[] = [];
    for (const t of body.targets) {
      const unit = byCode.get(t.unit);
      if (!unit) throw notFound(`Không có đơn vị ${t.unit}.`, `No unit ${t.unit}.`);
      assertMaySetTarget(who, unit);
      statements.push(
        upsertTargetStatement(db, body.year, unit.code, t.indicator, { targetPct: t.targetPct, provisional: t.provisional }, who.tokenId, now),
        auditStatement(db, who, c.get("requestId"), now, {
          action: "target.set",
          target: `${body.year}/${unit.code}/${t.indicator}`,
          detail: { targetPct: t.targetPct, provisional: t.provisional },
        }),
      );
    }
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
