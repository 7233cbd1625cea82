import type { Hono } from "hono";
import type { AppEnv } from "../../env";
import { assertRole } from "../../auth";
import { ApiError, forbidden } from "../../errors";
import { parseJsonBody } from "../../validation";
import { isPeriodClosed, listLocks, setPeriodLockStatement } from "../../db/locks";
import { auditStatement } from "../../db/audit";
import { readableUnit } from "../scope";
import { periodLockSchema } from "../../../../shared/api/schemas";
import { provinceCodeOf } from "../../../../shared/units/path";

export function periodRoutes(app: Hono<AppEnv>): void {
  app.get("/api/v1/periods", async (c) => {
    const who = c.get("principal");
    const province = who.role === "national" || who.role === "admin" ? null : provinceCodeOf(who.unitCode);
    return c.json({ locks: await listLocks(c.env.DB, province) });
  });

  for (const action of ["close", "reopen"] as const) {
    app.post(`/api/v1/periods/${action}`, async (c) => {
      const who = c.get("principal");
      assertRole(who, ["province", "admin"], action === "close" ? "khóa kỳ báo cáo" : "mở lại kỳ báo cáo",
        action === "close" ? "close a reporting period" : "reopen a reporting period");
      const body = await parseJsonBody(c, periodLockSchema);
      const province = await readableUnit(c, body.province);
      if (province.level !== "province") {
        throw new ApiError(400, "not_a_province", `${body.province} không phải là một tỉnh.`, `${body.province} is not a province.`);
      }
      if (who.role === "province" && who.unitCode !== province.code) {
        throw forbidden(`Chỉ THADS tỉnh ${province.code} được khóa hoặc mở kỳ của tỉnh mình.`,
          `Only province ${province.code} may close or reopen its own periods.`);
      }
      const closing = action === "close";
      const wasClosed = await isPeriodClosed(c.env.DB, province.code, body.period);
      const now = c.get("now");
      await c.env.DB.batch([
        setPeriodLockStatement(c.env.DB, province.code, body.period, closing, who.tokenId, now, body.reason ?? null),
        auditStatement(c.env.DB, who, c.get("requestId"), now, {
          action: closing ? "period.close" : "period.reopen",
          target: `${province.code}/${body.period}`,
          detail: { wasClosed, reason: body.reason ?? null },
        }),
      ]);
      return c.json({ province: province.code, period: body.period, closed: closing });
    });
  }
}
