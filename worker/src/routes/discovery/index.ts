import type { Hono } from "hono";
import type { AppEnv } from "../../env";
import { parseQuery } from "../../validation";
import { definitionsFromRows, definitionsStatement, type DefinitionRow } from "../../forms";
import { unitsFrom, visibleUnitsStatement } from "../../db/units";
import { authorizedBatch, parseAuthorized, rowsOf } from "../../db/batch";
import { isInSubtree } from "../../../../shared/units/path";
import { collectionsForPeriod } from "../../../../shared/forms/collection-period";
import { formsQuerySchema, type Caller, type UnitDto } from "../../../../shared/api/schemas";
import { openApiDocument } from "./openapi";

export function discoveryRoutes(app: Hono<AppEnv>): void {
  // Definitions in force for a period (default: every definition, for offline caches).
  app.get("/api/v1/forms", async (c) => {
    const q = await parseAuthorized(c, () => parseQuery(c, formsQuerySchema));
    const [definitions] = await authorizedBatch(c, [definitionsStatement(c.env.DB)]);
    const forms = definitionsFromRows(rowsOf<DefinitionRow>(definitions));
    return c.json({ period: q.period ?? null, forms: q.period ? collectionsForPeriod(forms, q.period) : forms });
  });

  // The part of the hierarchy the caller may see: its own subtree, or everything.
  app.get("/api/v1/units", async (c) => {
    const [visible] = await authorizedBatch(c, [visibleUnitsStatement(c.env.DB, c.get("tokenHash"))]);
    const who = c.get("principal");
    const root = who.role === "national" || who.role === "admin" ? "/VN/" : who.unitPath;
    const all: UnitDto[] = unitsFrom(visible);
    const units = all.filter((u) => isInSubtree(u.path, root));
    // Ancestors come along read-only, so a clerk's form can name its receiving unit.
    const ancestors = all.filter((u) => u.path !== root && isInSubtree(root, u.path));
    // Who the token belongs to and when it ends: the pane warns its clerk a month before.
    const caller: Caller = { tokenId: who.tokenId, role: who.role, unit: who.unitCode, label: who.label, expiresAt: who.expiresAt };
    return c.json({ units, ancestors, caller });
  });

  // Served only to a valid token, like every /api route: one round trip to know the caller.
  app.get("/api/v1/openapi.json", async (c) => {
    await authorizedBatch(c, []);
    return c.json(openApiDocument(new URL(c.req.url).origin));
  });
}
