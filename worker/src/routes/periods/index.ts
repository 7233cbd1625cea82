import type { Hono } from "hono";
import type { AppEnv } from "../../env";
import { assertRole, type Principal } from "../../auth";
import { ApiError, forbidden } from "../../errors";
import { parseJsonBody } from "../../validation";
import { closedFrom, lockStatement, locksFrom, setPeriodLockStatement, visibleLocksStatement } from "../../db/locks";
import { unitFrom, unitStatement } from "../../db/units";
import { auditStatement } from "../../db/audit";
import { authorizedBatch, parseAuthorized } from "../../db/batch";
import { assertReadable } from "../scope";
import { periodLockSchema } from "../../../../shared/api/schemas";

export function periodRoutes(app: Hono<AppEnv>): void {
  // One round trip: the caller and the locks it may see.
  app.get("/api/v1/periods", async (c) => {
    const [locks] = await authorizedBatch(c, [visibleLocksStatement(c.env.DB, c.get("tokenHash"))]);
    return c.json({ locks: locksFrom(locks) });
  });

  for (const action of ["close", "reopen"] as const) {
    app.post(`/api/v1/periods/${action}`, async (c) => {
      const db = c.env.DB;
      const mayLock = (who: Principal) =>
        assertRole(who, ["province", "admin"], action === "close" ? "khóa kỳ báo cáo" : "mở lại kỳ báo cáo",
          action === "close" ? "close a reporting period" : "reopen a reporting period");
      const body = await parseAuthorized(c, () => parseJsonBody(c, periodLockSchema), mayLock);
      // Round trip 1: the caller, the province and its lock as it stands; 2: the write.
      const [unitResult, lockResult] = await authorizedBatch(c, [unitStatement(db, body.province), lockStatement(db, body.province, body.period)]);
      const who = c.get("principal");
      mayLock(who);
      const province = assertReadable(who, unitFrom(unitResult), body.province);
      if (province.level !== "province") {
        throw new ApiError(400, "not_a_province", `${body.province} không phải là một tỉnh.`, `${body.province} is not a province.`);
      }
      if (who.role === "province" && who.unitCode !== province.code) {
        throw forbidden(`Chỉ THADS tỉnh ${province.code} được khóa hoặc mở kỳ của tỉnh mình.`,
          `Only province ${province.code} may close or reopen its own periods.`);
      }
      const closing = action === "close";
      const now = c.get("now");
      await db.batch([
        setPeriodLockStatement(db, province.code, body.period, closing, who.tokenId, now, body.reason ?? null),
        auditStatement(db, who, c.get("requestId"), now, {
          action: closing ? "period.close" : "period.reopen",
          target: `${province.code}/${body.period}`,
          detail: { wasClosed: closedFrom(lockResult), reason: body.reason ?? null },
        }),
      ]);
      return c.json({ province: province.code, period: body.period, closed: closing });
    });
  }
}
