import type { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../../env";
import { assertRole, hashToken } from "../../auth";
import { ApiError, notFound } from "../../errors";
import { parseJsonBody, parseQuery, parseWith } from "../../validation";
import { getUnit, upsertUnitStatement } from "../../db/units";
import { auditStatement, listAudit } from "../../db/audit";
import { ensurePrincipal } from "../../db/batch";
import { tokenCreateSchema, unitUpsertSchema } from "../../../../shared/api/schemas";
import { adminFormRoutes } from "./forms";
import { unitPath } from "../../../../shared/units/path";
import { LEVEL_OF_KIND, type Unit } from "../../../../shared/units/types";

/** Roles that a token for a unit of each level may carry. */
const ROLE_LEVEL: Record<string, Unit["level"]> = { clerk: "office", province: "province", national: "national", admin: "national" };

async function hasReports(db: D1Database, path: string): Promise<boolean> {
  const row = await db
    .prepare(`SELECT 1 AS x FROM latest_revisions r JOIN units u ON u.code = r.unit_code WHERE substr(u.path, 1, length(?1)) = ?1 LIMIT 1`)
    .bind(path)
    .first<{ x: number }>();
  return row !== null;
}

export function adminRoutes(app: Hono<AppEnv>): void {
  app.use("/api/v1/admin/*", async (c, next) => {
    // A route that reads resolves the caller in its own first batch and asserts the role
    // there (≤ 2 D1 round trips); every other admin route is checked here first.
    if (!(c.req.method === "PUT" && c.req.path === "/api/v1/admin/forms")) {
      assertRole(await ensurePrincipal(c), ["admin"], "dùng chức năng quản trị", "use administration");
    }
    await next();
  });

  app.post("/api/v1/admin/tokens", async (c) => {
    const body = await parseJsonBody(c, tokenCreateSchema);
    const unit = await getUnit(c.env.DB, body.unit);
    if (!unit) throw notFound(`Không có đơn vị ${body.unit}.`, `No unit ${body.unit}.`);
    if (ROLE_LEVEL[body.role] !== unit.level) {
      throw new ApiError(400, "role_unit_mismatch", `Vai trò ${body.role} không gắn được với đơn vị cấp ${unit.level} (${unit.code}).`,
        `Role ${body.role} cannot be bound to a ${unit.level}-level unit (${unit.code}).`);
    }
    const bytes = crypto.getRandomValues(new Uint8Array(24));
    const token = "thads_" + btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    const id = crypto.randomUUID();
    const now = c.get("now");
    const who = c.get("principal");
    await c.env.DB.batch([
      c.env.DB.prepare(`INSERT INTO tokens (id, token_hash, role, unit_code, label, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)`)
        .bind(id, await hashToken(token), body.role, unit.code, body.label, now, who.tokenId),
      auditStatement(c.env.DB, who, c.get("requestId"), now, { action: "token.create", target: id, detail: { role: body.role, unit: unit.code, label: body.label } }),
    ]);
    // The token is shown once; only its hash is kept.
    return c.json({ id, token, role: body.role, unit: unit.code, label: body.label }, 201);
  });

  app.delete("/api/v1/admin/tokens/:id", async (c) => {
    const id = parseWith(z.uuid(), c.req.param("id"), "path.id");
    const now = c.get("now");
    const [res] = await c.env.DB.batch([
      c.env.DB.prepare(`UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`).bind(now, id),
      auditStatement(c.env.DB, c.get("principal"), c.get("requestId"), now, { action: "token.revoke", target: id }),
    ]);
    if (!res || res.meta.changes === 0) throw notFound(`Không có mã truy cập ${id} đang hiệu lực.`, `No active token ${id}.`);
    return c.json({ id, revoked: true });
  });

  app.put("/api/v1/admin/units", async (c) => {
    const body = await parseJsonBody(c, unitUpsertSchema);
    const parent = body.parentCode ? await getUnit(c.env.DB, body.parentCode) : null;
    if (body.parentCode && !parent) throw notFound(`Không có đơn vị cấp trên ${body.parentCode}.`, `No parent unit ${body.parentCode}.`);
    const level = LEVEL_OF_KIND[body.kind];
    const unit: Unit = { ...body, level, reporting: level === "office", path: unitPath(parent?.path ?? null, body.code) };
    const existing = await getUnit(c.env.DB, body.code);
    if (existing && existing.path !== unit.path && (await hasReports(c.env.DB, existing.path))) {
      // Its reports are already counted in the old province's totals; moving it would leave
      // them there. A re-organisation closes the unit (validTo) and names a successor instead.
      throw new ApiError(409, "unit_has_reports",
        `Đơn vị ${body.code} đã có báo cáo nên không chuyển sang đơn vị cấp trên khác được; hãy đặt ngày hết hiệu lực (validTo) và đơn vị kế thừa (successorCode), rồi tạo đơn vị mới.`,
        `Unit ${body.code} already has reports and cannot move to another parent; set its validTo and successorCode and create a new unit instead.`);
    }
    const now = c.get("now");
    await c.env.DB.batch([
      upsertUnitStatement(c.env.DB, unit),
      auditStatement(c.env.DB, c.get("principal"), c.get("requestId"), now, { action: "unit.upsert", target: unit.code, detail: { ...unit } }),
    ]);
    return c.json({ unit });
  });

  // Publishing a definition resolves the caller in its own first batch (forms.ts).
  adminFormRoutes(app);

  app.get("/api/v1/admin/audit", async (c) => {
    const q = parseQuery(c, z.object({ limit: z.coerce.number().int().min(1).max(500).default(100), before: z.coerce.number().int().positive().optional() }));
    return c.json({ entries: await listAudit(c.env.DB, q.limit, q.before) });
  });
}
