import type { Context, Hono } from "hono";
import type { AppEnv } from "../../env";
import { assertCanRead } from "../../auth";
import { ApiError } from "../../errors";
import { parseQuery } from "../../validation";
import { authorizedBatch, parseAuthorized } from "../../db/batch";
import { formForPeriodIn } from "../../forms";
import { loadComparisonData, loadCompletenessData, type ReadBatch } from "../../reports/load";
import { XLSX_MIME, attachment, renderXlsx, wantsXlsx } from "../../xlsx";
import { comparisonQuerySchema, completenessQuerySchema } from "../../../../shared/api/schemas";
import { buildComparison } from "../../../../shared/reports/comparison/build";
import { layoutComparison, type ReportSource } from "../../../../shared/reports/comparison/sheet";
import { buildCompleteness } from "../../../../shared/reports/completeness/build";
import { layoutCompleteness } from "../../../../shared/reports/completeness/sheet";
import { renderCsv } from "../../../../shared/reports/csv";
import type { ReportLayout } from "../../../../shared/reports/grid";
import type { Unit } from "../../../../shared/units/types";

/** The request's reads run as one D1 batch each (see worker/src/reports/load.ts); the first also resolves the caller. */
export function readBatch(c: Context<AppEnv>): ReadBatch {
  return (statements) => (c.get("principal") ? c.env.DB.batch(statements) : authorizedBatch(c, statements));
}

export function readableBy(c: Context<AppEnv>): (unit: Unit) => void {
  return (unit) => assertCanRead(c.get("principal"), unit.path, unit.code);
}

export function sourceOf(c: Context<AppEnv>): ReportSource {
  return { server: new URL(c.req.url).host };
}

/** The same layout as a workbook, a CSV or (the caller's choice) JSON: one description, every surface. */
export async function respondWithLayout(c: Context<AppEnv>, layout: ReportLayout, generatedAt: string, csv: boolean): Promise<Response | null> {
  if (csv && (c.req.header("Accept") ?? "").includes("text/csv")) {
    return c.body(renderCsv(layout), 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": attachment(layout.fileName.replace(/\.xlsx$/, ".csv")),
    });
  }
  if (wantsXlsx(c.req.header("Accept"))) {
    return c.body(await renderXlsx(layout, generatedAt), 200, {
      "Content-Type": XLSX_MIME,
      "Content-Disposition": attachment(layout.fileName),
    });
  }
  return null;
}

export function comparisonRoutes(app: Hono<AppEnv>): void {
  app.get("/api/v1/comparisons", async (c) => {
    const q = await parseAuthorized(c, () => parseQuery(c, comparisonQuerySchema));
    const data = await loadComparisonData(c.env.DB, readBatch(c), q.parent, q.form, q.period, c.get("now"), (parent) => {
      readableBy(c)(parent);
      if (parent.reporting) {
        throw new ApiError(400, "not_a_parent", `${parent.code} là đơn vị báo cáo, không có đơn vị trực thuộc để so sánh.`,
          `${parent.code} is a reporting unit with no units below it to compare.`);
      }
    });
    const form = formForPeriodIn(data.definitions, q.form, q.period);
    const comparison = buildComparison(data);
    const layout = layoutComparison(comparison, { form, source: sourceOf(c) });
    return (await respondWithLayout(c, layout, comparison.generatedAt, true)) ?? c.json(comparison);
  });

  app.get("/api/v1/completeness", async (c) => {
    const q = await parseAuthorized(c, () => parseQuery(c, completenessQuerySchema));
    const data = await loadCompletenessData(c.env.DB, readBatch(c), q.parent, q.period, c.get("now"), readableBy(c));
    const completeness = buildCompleteness(data);
    const layout = layoutCompleteness(completeness, { forms: data.forms, source: sourceOf(c) });
    return (await respondWithLayout(c, layout, completeness.generatedAt, true)) ?? c.json(completeness);
  });
}
