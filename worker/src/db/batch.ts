/**
 * One round trip to resolve the caller and read what the route needs. In production every D1
 * call crosses the network to the database's one location (docs/benchmarks.md), so a route
 * reads in one batch, decides, and writes in at most one more.
 */
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { principalStatements, refusedAfterCounting, resolutionFrom, type Principal } from "../auth";
import { rememberLock, tooManyFailures } from "../throttle";
import { ApiError } from "../errors";

/**
 * Runs `statements` in one D1 batch after the statements that resolve the caller's token;
 * sets c.var.principal; throws 401 (nothing of the results is used) when the token is unknown,
 * revoked or expired, and 429 when the caller's address or token prefix is locked. The token's
 * last use is recorded in the same batch. The statements must only read: they run before the
 * caller is known.
 */
export async function authorizedBatch(c: Context<AppEnv>, statements: D1PreparedStatement[]): Promise<D1Result[]> {
  const db = c.env.DB;
  const keys = c.get("throttleKeys") ?? [];
  const resolving = principalStatements(db, c.get("tokenHash"), c.get("now"), keys.map((k) => k.key));
  const results = await db.batch([...resolving, ...statements]);
  const resolved = resolutionFrom(results[0]);
  if (resolved.kind === "locked") {
    rememberLock(keys, resolved.untilMs);
    throw tooManyFailures(resolved.untilMs, Date.parse(c.get("now")));
  }
  if (resolved.kind === "refused") throw await refusedAfterCounting(c, resolved.status, resolved.expiresAt);
  c.set("principal", resolved.principal);
  return results.slice(resolving.length);
}

/**
 * The caller, resolved on its own if the route has not resolved it yet: what a malformed
 * request pays (parseAuthorized) to be answered 401/403 before 400. Every route resolves the
 * caller in its first batch otherwise.
 */
export async function ensurePrincipal(c: Context<AppEnv>): Promise<Principal> {
  const known = c.get("principal") as Principal | undefined;
  if (known) return known;
  await authorizedBatch(c, []);
  return c.get("principal");
}

/**
 * Parses a request before its first batch (the batch needs the request's fields), but answers
 * in the order a caller expects: an unknown token is a 401 and a caller without the role a 403
 * even when the request is also malformed. Only a malformed request pays the extra round trip.
 */
export async function parseAuthorized<T>(
  c: Context<AppEnv>,
  parse: () => T | Promise<T>,
  assertAllowed: (who: Principal) => void = () => {},
): Promise<T> {
  try {
    return await parse();
  } catch (e) {
    if (e instanceof ApiError) assertAllowed(await ensurePrincipal(c));
    throw e;
  }
}

/** The rows of one statement of a batch. */
export function rowsOf<T>(result: D1Result | undefined): T[] {
  return (result?.results ?? []) as T[];
}

/** The first row of one statement of a batch, or null. */
export function firstOf<T>(result: D1Result | undefined): T | null {
  return (result?.results[0] as T | undefined) ?? null;
}
