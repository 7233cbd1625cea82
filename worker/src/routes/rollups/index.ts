import type { Hono } from "hono";
import type { AppEnv } from "../../env";
import { parseQuery } from "../../validation";
import { formForPeriod } from "../../forms";
import { nodeValues } from "../../db/aggregates";
import { countReportingUnder } from "../../db/units";
import { readableUnit } from "../scope";
import { rollupQuerySchema, type Rollup } from "../../../../shared/api/schemas";
import { computeIndicators } from "../../../../shared/rollup";
import { periodEnd } from "../../../../shared/periods";
import { buildComparison } from "../comparisons/build";
import { XLSX_MIME, attachment, rollupXlsx, wantsXlsx, xlsxFilename } from "../../xlsx";

export function rollupRoutes(app: Hono<AppEnv>): void {
  // Read straight from the aggregates that each submission updates in its own batch:
  // correct in the very next request after a 201, with no rebuild step.
  app.get("/api/v1/rollups", async (c) => {
    const q = parseQuery(c, rollupQuerySchema);
    const unit = await readableUnit(c, q.unit);
    const form = await formForPeriod(c.env.DB, q.form, q.period);
    const node = await nodeValues(c.env.DB, unit, form.id, q.period);
    const body: Rollup = {
      unit: unit.code,
      unitName: unit.name,
      level: unit.level,
      form: form.id,
      period: q.period,
      contributors: node.contributors,
      expected: await countReportingUnder(c.env.DB, unit.path, periodEnd(q.period)),
      values: node.values,
      indicators: computeIndicators(node.values, form.indicators, { missing: "zero" }),
      updatedAt: node.updatedAt,
    };
    if (wantsXlsx(c.req.header("Accept"))) {
      // The workbook lists the units directly below this one: the comparison's rows.
      const breakdown = await buildComparison(c.env.DB, unit, form.id, q.period, c.get("now"));
      return c.body(await rollupXlsx(body, breakdown, form), 200, {
        "Content-Type": XLSX_MIME,
        "Content-Disposition": attachment(xlsxFilename.rollup(unit.code, form.id, q.period)),
      });
    }
    return c.json(body);
  });
}
