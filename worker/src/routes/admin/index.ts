import type { Context, Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../../env";
import { assertRole, type Principal } from "../../auth";
import { insertTokenStatement } from "../../db/tokens";
import { NO_STORE, expiryFor, newToken } from "../../tokens/issue";
import { ApiError, notFound } from "../../errors";
import { parseJsonBody, parseQuery, parseWith } from "../../validation";
import { allUnitsStatement, hasReportsStatement, unitFrom, unitStatement, unitsFrom, upsertUnitStatement } from "../../db/units";
import { auditIfChangedStatement, auditStatement, auditFrom, auditListStatement } from "../../db/audit";
import { CONSISTENCY_CHECKS, type ConsistencyRow } from "../../db/consistency";
import { authorizedBatch, parseAuthorized, rowsOf } from "../../db/batch";
import { auditQuerySchema, tokenCreateSchema, unitUpsertSchema } from "../../../../shared/api/schemas";
import { adminFormRoutes } from "./forms";
import { LEVEL_OF_ROLE } from "../../../../shared/units/types";
import { problemsIntroduced, unitFromInput } from "../../../../shared/units/hierarchy";
import { describeHierarchyProblem } from "../../../../shared/units/problem-messages";

function assertAdmin(who: Principal): void {
  assertRole(who, ["admin"], "dùng chức năng quản trị", "use administration");
}

/**
 * The route's first batch for an administrator: the caller and what the route reads, in one
 * round trip; a caller who is not an administrator gets its 403 and none of the rows.
 */
export async function adminBatch(c: Context<AppEnv>, statements: D1PreparedStatement[]): Promise<D1Result[]> {
  const results = await authorizedBatch(c, statements);
  assertAdmin(c.get("principal"));
  return results;
}

/** A request body parsed before the first batch, answered 401/403 before 400 (parseAuthorized). */
export function adminBody<S extends z.ZodType>(c: Context<AppEnv>, schema: S): Promise<z.output<S>> {
  return parseAuthorized(c, () => parseJsonBody(c, schema), assertAdmin);
}

/**
 * Administration: tokens of any unit, the unit tree, form definitions, the consistency check
 * and the audit log. Each route reads in its first batch (which also resolves the caller) and
 * writes, with its audit row, in at most one more.
 */
export function adminRoutes(app: Hono<AppEnv>): void {

  app.post("/api/v1/admin/tokens", async (c) => {
    const body = await adminBody(c, tokenCreateSchema);
    const [unitRes] = await adminBatch(c, [unitStatement(c.env.DB, body.unit)]);
    const unit = unitFrom(unitRes);
    if (!unit) throw notFound(`Không có đơn vị ${body.unit}.`, `No unit ${body.unit}.`);
    if (LEVEL_OF_ROLE[body.role] !== unit.level) {
      throw new ApiError(400, "role_unit_mismatch", `Vai trò ${body.role} không gắn được với đơn vị cấp ${unit.level} (${unit.code}).`,
        `Role ${body.role} cannot be bound to a ${unit.level}-level unit (${unit.code}).`);
    }
    const now = c.get("now");
    const who = c.get("principal");
    const t = await newToken(body.role, unit.code, body.label, expiryFor(now, c.env, body.lastDay));
    await c.env.DB.batch([
      insertTokenStatement(c.env.DB, t, now, who.tokenId),
      auditStatement(c.env.DB, who, c.get("requestId"), now, { action: "token.create", target: t.id, detail: { role: t.role, unit: t.unitCode, label: t.label, expiresAt: t.expiresAt } }),
    ]);
    // The token is shown once; only its hash is kept.
    return c.json({ id: t.id, token: t.token, role: t.role, unit: t.unitCode, label: t.label, expiresAt: t.expiresAt }, 201, NO_STORE);
  });

  app.delete("/api/v1/admin/tokens/:id", async (c) => {
    const id = await parseAuthorized(c, () => parseWith(z.uuid(), c.req.param("id"), "path.id"), assertAdmin);
    await adminBatch(c, []);
    const now = c.get("now");
    const who = c.get("principal");
    // The audit row is conditional on the revoke: a 404 leaves no trace of an action that did not happen.
    const [res] = await c.env.DB.batch([
      c.env.DB.prepare(`UPDATE tokens SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL`).bind(now, who.tokenId, id),
      auditIfChangedStatement(c.env.DB, who, c.get("requestId"), now, { action: "token.revoke", target: id }),
    ]);
    if (!res || res.meta.changes === 0) throw notFound(`Không có mã truy cập ${id} đang hiệu lực.`, `No active token ${id}.`);
    return c.json({ id, revoked: true });
  });

  app.put("/api/v1/admin/units", async (c) => {
    const body = await adminBody(c, unitUpsertSchema);
    const db = c.env.DB;
    const [all, reports] = await adminBatch(c, [allUnitsStatement(db), hasReportsStatement(db, body.code)]);
    const units = unitsFrom(all);
    const parent = body.parentCode === null ? null : units.find((u) => u.code === body.parentCode);
    if (parent === undefined) throw notFound(`Không có đơn vị cấp trên ${body.parentCode}.`, `No parent unit ${body.parentCode}.`);
    const unit = unitFromInput(body, parent?.path ?? null);
    const existing = units.find((u) => u.code === body.code);
    if (existing && existing.path !== unit.path && (reports?.results.length ?? 0) > 0) {
      // Its reports are already counted in the old province's totals; moving it would leave
      // them there. A re-organisation closes the unit (validTo) and names a successor instead.
      throw new ApiError(409, "unit_has_reports",
        `Đơn vị ${body.code} đã có báo cáo nên không chuyển sang đơn vị cấp trên khác được; hãy đặt ngày hết hiệu lực (validTo) và đơn vị kế thừa (successorCode), rồi tạo đơn vị mới.`,
        `Unit ${body.code} already has reports and cannot move to another parent; set its validTo and successorCode and create a new unit instead.`);
    }
    // The shared hierarchy rules judge the tree as it would be after the change; only problems
    // the change introduces block it (an older inconsistency elsewhere is not this request's fault).
    const introduced = problemsIntroduced(units, units.filter((u) => u.code !== unit.code).concat(unit));
    if (introduced.length > 0) {
      const words = introduced.map(describeHierarchyProblem);
      throw new ApiError(422, "invalid_hierarchy",
        `Đơn vị ${unit.code} không hợp lệ trong cây đơn vị; chưa lưu: ` + words.map((w) => w.vi).join(" "),
        `Unit ${unit.code} does not fit the unit tree; nothing was saved: ` + words.map((w) => w.en).join(" "),
        { issues: introduced.map((p, i) => ({ path: `body.${p.unitCode}`, vi: (words[i] as { vi: string }).vi, en: (words[i] as { en: string }).en })) });
    }
    const now = c.get("now");
    await db.batch([
      upsertUnitStatement(db, unit),
      auditStatement(db, c.get("principal"), c.get("requestId"), now, { action: "unit.upsert", target: unit.code, detail: { ...unit } }),
    ]);
    return c.json({ unit });
  });

  // Publishing a definition resolves the caller in its own first batch (forms.ts).
  adminFormRoutes(app);

  // The consistency check of `npm run check`, run by the Worker on its own database: while
  // `npm start` serves the local D1, a second process opening the same SQLite file fails with
  // SQLITE_BUSY_SNAPSHOT as soon as the server writes, so the script asks the server instead.
  // One batch: the four checks read one snapshot.
  app.get("/api/v1/admin/consistency", async (c) => {
    const db = c.env.DB;
    const results = await adminBatch(c, CONSISTENCY_CHECKS.map((check) => db.prepare(check.sql)));
    const checks = CONSISTENCY_CHECKS.map((check, i) => ({
      id: check.id,
      title: check.title,
      differences: (results[i]?.results ?? []) as ConsistencyRow[],
    }));
    return c.json({ checks, differences: checks.reduce((n, ch) => n + ch.differences.length, 0) });
  });

  app.get("/api/v1/admin/audit", async (c) => {
    const q = await parseAuthorized(c, () => parseQuery(c, auditQuerySchema), assertAdmin);
    const [entries] = await adminBatch(c, [auditListStatement(c.env.DB, q.limit, q.before)]);
    return c.json({ entries: auditFrom(entries) });
  });
}
