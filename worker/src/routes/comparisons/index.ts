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
import type { ReportSource } from "../../../../shared/reports/comparison/sheet";
import { comparisonBook } from "../../../../shared/reports/comparison/book";
import { buildCompleteness } from "../../../../shared/reports/completeness/build";
import { layoutCompleteness } from "../../../../shared/reports/completeness/sheet";
import { renderCsv } from "../../../../shared/reports/csv";
import type { ReportLayout } from "../../../../shared/reports/grid";
import { respondWithReport } from "../reports";
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

/**
 * The same layouts as a workbook (every sheet), a CSV (the sheet `csvSheet`, the first by
 * default) or (the caller's choice) JSON: one description, every surface.
 */
export async function respondWithLayout(c: Context<AppEnv>, layouts: ReportLayout | readonly ReportLayout[], generatedAt: string, csv: boolean, csvSheet = 0): Promise<Response | null> {
  const list: readonly ReportLayout[] = Array.isArray(layouts) ? layouts : [layouts as ReportLayout];
  const first = list[0] as ReportLayout;
  const table = list[csvSheet] ?? first;
  if (csv && (c.req.header("Accept") ?? "").includes("text/csv")) {
    return c.body(renderCsv(table), 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": attachment(table.fileName.replace(/\.xlsx$/, ".csv")),
    });
  }
  if (wantsXlsx(c.req.header("Accept"))) {
    return c.body(await renderXlsx(list, generatedAt), 200, {
      "Content-Type": XLSX_MIME,
      "Content-Disposition": attachment(first.fileName),
    });
  }
  return null;
}

export function comparisonRoutes(app: Hono<AppEnv>): void {
  app.get("/api/v1/comparisons", async (c) => {
    const q = await parseAuthorized(c, () => parseQuery(c, comparisonQuerySchema));
    // Accept: text/plain asks for the report text of the comparison's scope and period (every form).
    if (/(^|,)\s*text\/plain/.test(c.req.header("Accept") ?? "")) return respondWithReport(c, q.parent, q.period);
    const data = await loadComparisonData(c.env.DB, readBatch(c), q.parent, q.form, q.period, c.get("now"), (parent) => {
      readableBy(c)(parent);
      if (parent.reporting) {
        throw new ApiError(400, "not_a_parent", `${parent.code} là đơn vị báo cáo, không có đơn vị trực thuộc để so sánh.`,
          `${parent.code} is a reporting unit with no units below it to compare.`);
      }
    }, q.figures);
    const form = formForPeriodIn(data.definitions, q.form, q.period);
    const comparison = buildComparison(data);
    const options = { form, source: sourceOf(c) };
    const layouts = comparisonBook(comparison, options);
    return (await respondWithLayout(c, layouts, comparison.generatedAt, true, q.view === "details" ? 1 : 0)) ?? c.json(comparison);
  });

  app.get("/api/v1/completeness", async (c) => {
    const q = await parseAuthorized(c, () => parseQuery(c, completenessQuerySchema));
    const data = await loadCompletenessData(c.env.DB, readBatch(c), q.parent, q.period, c.get("now"), readableBy(c));
    const completeness = buildCompleteness(data);
    const layout = layoutCompleteness(completeness, { forms: data.forms, source: sourceOf(c) });
    return (await respondWithLayout(c, layout, completeness.generatedAt, true)) ?? c.json(completeness);
  });
}
