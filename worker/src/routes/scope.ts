import type { Context } from "hono";
import type { AppEnv } from "../env";
import { assertCanRead, type Principal } from "../auth";
import { notFound } from "../errors";
import { getUnit, unitFrom, unitStatement } from "../db/units";
import { authorizedBatch } from "../db/batch";
import type { Unit } from "../../../shared/units/types";

/**
 * Loads a unit named in a request and checks the caller may read it: 404 if unknown, 403 if
 * outside scope. When the caller is not resolved yet, the unit is read in the same batch.
 */
export async function readableUnit(c: Context<AppEnv>, code: string): Promise<Unit> {
  const known = c.get("principal") as Principal | undefined;
  const unit = known ? await getUnit(c.env.DB, code) : unitFrom((await authorizedBatch(c, [unitStatement(c.env.DB, code)]))[0]);
  return assertReadable(c.get("principal"), unit, code);
}

/** The 404 and 403 of readableUnit, for a unit read in the route's own batch. */
export function assertReadable(who: Principal, unit: Unit | null, code: string): Unit {
  if (!unit) throw notFound(`Không có đơn vị ${code}.`, `No unit ${code}.`);
  assertCanRead(who, unit.path, unit.code);
  return unit;
}
