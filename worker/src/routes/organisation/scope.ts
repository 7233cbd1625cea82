import type { Context } from "hono";
import type { AppEnv } from "../../env";
import type { Principal } from "../../auth";
import { authorizedBatch, ensurePrincipal } from "../../db/batch";
import { ApiError, forbidden, notFound } from "../../errors";
import { LEVEL_OF_ROLE, type Unit } from "../../../../shared/units/types";

/**
 * Whose children a sheet covers. Each level manages the level below it: the Cục (national and
 * administrator tokens) the provinces, a province its own offices; an administrator may also act
 * for a province. An office's tokens (its clerk, its head) manage nothing. Decided before anything
 * is read about the units.
 */
export function sheetParentCode(who: Principal, requested: string | undefined, whatVi: string, whatEn: string): string {
  if (LEVEL_OF_ROLE[who.role] === "office") {
    throw forbidden(`Mã truy cập của văn phòng không được ${whatVi}: việc này do THADS tỉnh hoặc Cục làm.`,
      `An office's token may not ${whatEn}: the province or the national level does that.`);
  }
  const code = requested ?? who.unitCode;
  if (who.role === "admin" || code === who.unitCode) return code;
  throw forbidden(
    `Mã truy cập của ${who.unitCode} chỉ ${whatVi} cho các đơn vị trực thuộc ${who.unitCode}, không cho các đơn vị trực thuộc ${code}.`,
    `A token of ${who.unitCode} may ${whatEn} only for the units under ${who.unitCode}, not under ${code}.`,
  );
}

/**
 * Resolves the caller and reads what a sheet of `requested`'s children needs, within the round-trip
 * budget: ONE batch when the request names the parent (the pane and every push do), the caller
 * first and then the batch when it does not (a read of one's own children: two calls). The reads
 * run before the caller is known; nothing of them leaves the Worker before the scope is checked here.
 */
export async function sheetBatch(
  c: Context<AppEnv>,
  requested: string | undefined,
  statements: (parentCode: string) => D1PreparedStatement[],
  whatVi: string,
  whatEn: string,
): Promise<{ parentCode: string; results: D1Result[] }> {
  if (requested === undefined) {
    const parentCode = sheetParentCode(await ensurePrincipal(c), undefined, whatVi, whatEn);
    return { parentCode, results: await c.env.DB.batch(statements(parentCode)) };
  }
  const results = await authorizedBatch(c, statements(requested));
  return { parentCode: sheetParentCode(c.get("principal"), requested, whatVi, whatEn), results };
}

/** May this caller manage a sheet at all (an office's token may not), checked on a malformed request too. */
export function mayManage(whatVi: string, whatEn: string): (who: Principal) => void {
  return (who) => {
    sheetParentCode(who, who.unitCode, whatVi, whatEn);
  };
}

/** The parent as read: 404 when unknown, 400 when it is an office (nothing below it). */
export function sheetParent(parent: Unit | undefined, code: string): Unit {
  if (!parent) throw notFound(`Không có đơn vị ${code}.`, `No unit ${code}.`);
  if (parent.level === "office") {
    throw new ApiError(400, "not_a_parent", `${code} là văn phòng, không có đơn vị trực thuộc.`, `${code} is an office, with no units below it.`);
  }
  return parent;
}

/** A refusal of a push, every problem listed (by cell where there is one), nothing written. */
export function sheetRefused(problems: { cell: string | null; vi: string; en: string }[]): ApiError {
  return new ApiError(422, "sheet_refused",
    `Không lưu gì: ${problems.length} lỗi cần sửa. ` + problems.map((p) => p.vi).join(" "),
    `Nothing was saved: ${problems.length} problem(s) to fix. ` + problems.map((p) => p.en).join(" "),
    { issues: problems.map((p) => ({ path: p.cell ?? "", vi: p.vi, en: p.en })) });
}
