import type { Context } from "hono";
import type { AppEnv } from "../env";
import { assertCanRead } from "../auth";
import { notFound } from "../errors";
import { getUnit } from "../db/units";
import type { Unit } from "../../../shared/units/types";

/** Loads a unit named in a request and checks the caller may read it: 404 if unknown, 403 if outside scope. */
export async function readableUnit(c: Context<AppEnv>, code: string): Promise<Unit> {
  const unit = await getUnit(c.env.DB, code);
  if (!unit) throw notFound(`Không có đơn vị ${code}.`, `No unit ${code}.`);
  assertCanRead(c.get("principal"), unit.path, unit.code);
  return unit;
}
