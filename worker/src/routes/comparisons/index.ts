import type { Hono } from "hono";
import type { AppEnv } from "../../env";
import { ApiError } from "../../errors";
import { parseQuery } from "../../validation";
import { allForms, formForPeriod } from "../../forms";
import { readableUnit } from "../scope";
import { buildComparison, buildCompleteness } from "./build";
import { comparisonCsv } from "./csv";
import { XLSX_MIME, attachment, comparisonXlsx, completenessXlsx, wantsXlsx, xlsxFilename } from "../../xlsx";
import { comparisonQuerySchema, completenessQuerySchema } from "../../../../shared/api/schemas";
import { formsInForce } from "../../../../shared/forms/registry";
import { periodEnd } from "../../../../shared/periods";

export function comparisonRoutes(app: Hono<AppEnv>): void {
  app.get("/api/v1/comparisons", async (c) => {
    const q = parseQuery(c, comparisonQuerySchema);
    const parent = await readableUnit(c, q.parent);
    if (parent.reporting) {
      throw new ApiError(400, "not_a_parent", `${parent.code} là đơn vị báo cáo, không có đơn vị trực thuộc để so sánh.`,
        `${parent.code} is a reporting unit with no units below it to compare.`);
    }
    const comparison = await buildComparison(c.env.DB, parent, q.form, q.period, c.get("now"));
    if ((c.req.header("Accept") ?? "").includes("text/csv")) {
      return c.body(comparisonCsv(comparison), 200, {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": attachment(xlsxFilename.comparison(parent.code, q.form, q.period).replace(/\.xlsx$/, ".csv")),
      });
    }
    if (wantsXlsx(c.req.header("Accept"))) {
      const bytes = await comparisonXlsx(comparison, await formForPeriod(c.env.DB, q.form, q.period));
      return c.body(bytes, 200, {
        "Content-Type": XLSX_MIME,
        "Content-Disposition": attachment(xlsxFilename.comparison(parent.code, q.form, q.period)),
      });
    }
    return c.json(comparison);
  });

  app.get("/api/v1/completeness", async (c) => {
    const q = parseQuery(c, completenessQuerySchema);
    const parent = await readableUnit(c, q.parent);
    const forms = formsInForce(await allForms(c.env.DB), periodEnd(q.period));
    const completeness = await buildCompleteness(c.env.DB, parent, q.period, forms, c.get("now"));
    if (wantsXlsx(c.req.header("Accept"))) {
      const bytes = await completenessXlsx(completeness, parent.name, forms, c.get("now"));
      return c.body(bytes, 200, {
        "Content-Type": XLSX_MIME,
        "Content-Disposition": attachment(xlsxFilename.completeness(parent.code, q.period)),
      });
    }
    return c.json(completeness);
  });
}
