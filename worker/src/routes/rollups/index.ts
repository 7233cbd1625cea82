import type { Hono } from "hono";
import type { AppEnv } from "../../env";
import { parseQuery } from "../../validation";
import { parseAuthorized } from "../../db/batch";
import { formForPeriodIn } from "../../forms";
import { loadAcceptedRollupData, loadComparisonData, loadRollupData, type RollupData } from "../../reports/load";
import { rollupQuerySchema, type Rollup } from "../../../../shared/api/schemas";
import { computeIndicator } from "../../../../shared/rollup/indicators";
import { printedRate } from "../../../../shared/rollup/targets";
import { buildComparison } from "../../../../shared/reports/comparison/build";
import { layoutRollup } from "../../../../shared/reports/comparison/sheet";
import { readableBy, readBatch, respondWithLayout, sourceOf } from "../comparisons";
import { wantsXlsx } from "../../xlsx";

export function rollupRoutes(app: Hono<AppEnv>): void {
  app.get("/api/v1/rollups", async (c) => {
    const q = await parseAuthorized(c, () => parseQuery(c, rollupQuerySchema));
    if (wantsXlsx(c.req.header("Accept"))) {
      // The workbook lists the units directly below this one, with every field of the form.
      const data = await loadComparisonData(c.env.DB, readBatch(c), q.unit, q.form, q.period, c.get("now"), readableBy(c), q.figures);
      const comparison = buildComparison(data);
      const layout = layoutRollup(comparison, { form: formForPeriodIn(data.definitions, q.form, q.period), source: sourceOf(c) });
      return (await respondWithLayout(c, layout, comparison.generatedAt, false)) as Response;
    }
    const data: RollupData = q.figures === "accepted"
      ? await loadAcceptedRollupData(c.env.DB, readBatch(c), q.unit, q.form, q.period, c.get("now"), readableBy(c))
      : await loadRollupData(c.env.DB, readBatch(c), q.unit, q.form, q.period, readableBy(c));
    const form = formForPeriodIn(data.definitions, q.form, q.period);
    const indicators: Rollup["indicators"] = {};
    for (const ind of form.indicators) {
      // Only this form's own fields are in hand here; an indicator over another form's fields waits for the comparison.
      if (ind.numerator.concat(ind.denominator, ind.remainderOf ?? []).some((t) => t.indexOf(":") >= 0)) continue;
      const v = computeIndicator(ind, data.values, { missing: "zero" });
      indicators[ind.id] = { ...v, printed: printedRate(v.rate, ind.decimals) };
    }
    const body: Rollup = {
      unit: data.unit.code,
      unitName: data.unit.name,
      level: data.unit.level,
      form: form.id,
      period: q.period,
      contributors: data.contributors,
      expected: data.expected,
      values: data.values,
      indicators,
      updatedAt: data.updatedAt,
      figures: q.figures,
    };
    return c.json(body);
  });
}
