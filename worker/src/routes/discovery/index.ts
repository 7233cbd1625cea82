import type { Hono } from "hono";
import type { AppEnv } from "../../env";
import { parseQuery } from "../../validation";
import { allForms } from "../../forms";
import { getUnit, listSubtree } from "../../db/units";
import { parsePath } from "../../../../shared/units/path";
import { formsInForce } from "../../../../shared/forms/registry";
import { formsQuerySchema, type Caller, type UnitDto } from "../../../../shared/api/schemas";
import { periodEnd } from "../../../../shared/periods";
import { openApiDocument } from "./openapi";

export function discoveryRoutes(app: Hono<AppEnv>): void {
  // Definitions in force for a period (default: every definition, for offline caches).
  app.get("/api/v1/forms", async (c) => {
    const q = parseQuery(c, formsQuerySchema);
    const forms = await allForms(c.env.DB);
    return c.json({ period: q.period ?? null, forms: q.period ? formsInForce(forms, periodEnd(q.period)) : forms });
  });

  // The part of the hierarchy the caller may see: its own subtree, or everything.
  app.get("/api/v1/units", async (c) => {
    const who = c.get("principal");
    const root = who.role === "national" || who.role === "admin" ? "/VN/" : who.unitPath;
    const units: UnitDto[] = await listSubtree(c.env.DB, root);
    // Ancestors come along read-only, so a clerk's form can name its receiving unit.
    const above = parsePath(root).slice(0, -1);
    const ancestors: UnitDto[] = [];
    for (const code of above) {
      const u = await getUnit(c.env.DB, code);
      if (u) ancestors.push(u);
    }
    // Who the token belongs to and when it ends: the pane warns its clerk a month before.
    const caller: Caller = { tokenId: who.tokenId, role: who.role, unit: who.unitCode, label: who.label, expiresAt: who.expiresAt };
    return c.json({ units, ancestors, caller });
  });

  app.get("/api/v1/openapi.json", (c) => c.json(openApiDocument(new URL(c.req.url).origin)));
}
