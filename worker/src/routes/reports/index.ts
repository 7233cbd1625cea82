import type { Context, Hono } from "hono";
import type { AppEnv } from "../../env";
import { ApiError } from "../../errors";
import { parseQuery } from "../../validation";
import { parseAuthorized } from "../../db/batch";
import { loadReportData } from "../../reports/load";
import { attachment } from "../../xlsx";
import { DOCX_MIME, renderDocx, wantsDocx } from "../../docx/render";
import { readableBy, readBatch, sourceOf } from "../comparisons";
import { reportTextQuerySchema } from "../../../../shared/api/schemas";
import { buildComparison } from "../../../../shared/reports/comparison/build";
import { layoutComparison } from "../../../../shared/reports/comparison/sheet";
import { reportPlainText, reportText } from "../../../../shared/reports/text";

/**
 * GET /api/v1/reports/text?parent&period: the paragraphs a report of that scope and period
 * opens with, from the comparisons of every form with a targeted headline (read once, two
 * D1 batches), as plain text (default), JSON or a Word document with the comparison tables.
 */
export async function respondWithReport(c: Context<AppEnv>, parent: string, period: string): Promise<Response> {
  const { data, forms } = await loadReportData(c.env.DB, readBatch(c), parent, period, c.get("now"), (unit) => {
    readableBy(c)(unit);
    if (unit.reporting) {
      throw new ApiError(400, "not_a_parent", `${unit.code} là đơn vị báo cáo, không có đơn vị trực thuộc để tổng hợp báo cáo.`,
        `${unit.code} is a reporting unit with no units below it to report on.`);
    }
  });
  const source = sourceOf(c);
  const parts = forms.map((form) => ({ comparison: buildComparison({ ...data, formId: form.id }), form }));
  const text = reportText(parts, source);
  const name = "bao-cao-" + parent + "-" + period;
  const accept = c.req.header("Accept") ?? "";
  if (wantsDocx(accept)) {
    const tables = parts.map((p) => layoutComparison(p.comparison, { form: p.form, source }));
    return c.body((await renderDocx(text, tables)) as Uint8Array<ArrayBuffer>, 200, { "Content-Type": DOCX_MIME, "Content-Disposition": attachment(name + ".docx") });
  }
  if (accept.includes("application/json")) return c.json(text);
  return c.body(reportPlainText(text), 200, { "Content-Type": "text/plain; charset=utf-8", "Content-Disposition": 'inline; filename="' + name + '.txt"' });
}

export function reportRoutes(app: Hono<AppEnv>): void {
  app.get("/api/v1/reports/text", async (c) => {
    const q = await parseAuthorized(c, () => parseQuery(c, reportTextQuerySchema));
    return respondWithReport(c, q.parent, q.period);
  });
}
