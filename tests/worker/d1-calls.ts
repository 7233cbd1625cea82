import { env } from "cloudflare:test";
import { api, type CallOptions } from "./fixtures";
import { instrumentD1, type D1CallHook, type D1CallKind } from "../../worker/src/db/instrumented";

/**
 * One request through the Worker with its D1 binding wrapped, and the round trips it made
 * (first/all/run/raw/batch/exec, in order). `before` runs ahead of each call, for a test that
 * must make something happen between two of them.
 */
export async function countedCall(
  method: string,
  path: string,
  opts: CallOptions = {},
  before?: (kind: D1CallKind, n: number) => void | Promise<void>,
): Promise<{ res: Response; calls: D1CallKind[] }> {
  const calls: D1CallKind[] = [];
  const hook: D1CallHook = async (kind) => {
    calls.push(kind);
    await before?.(kind, calls.length);
  };
  const res = await api(method, path, { ...opts, db: instrumentD1(env.DB, hook) });
  return { res, calls };
}
