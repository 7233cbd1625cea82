import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { createApp } from "../../worker/src/app";

/**
 * Until issue 10's counter lands on main: one request through the app with every call on
 * the D1 binding counted (first/all/run/raw/batch/exec), in order.
 */
export async function counted(path: string, token: string, accept = "application/json", now = "2026-01-10T03:00:00Z"): Promise<{ res: Response; calls: string[] }> {
  const calls: string[] = [];
  const db = env.DB;
  const statement = (s: D1PreparedStatement): D1PreparedStatement =>
    new Proxy(s, {
      get(target, prop) {
        const v = Reflect.get(target, prop, target);
        if (typeof v !== "function") return v;
        if (prop === "bind") return (...args: unknown[]) => statement((v as (...a: unknown[]) => D1PreparedStatement).apply(target, args));
        if (["first", "all", "run", "raw"].includes(String(prop))) calls.push(String(prop));
        return v.bind(target);
      },
    });
  const wrapped = new Proxy(db, {
    get(target, prop) {
      const v = Reflect.get(target, prop, target);
      if (typeof v !== "function") return v;
      if (prop === "prepare") return (sql: string) => statement(target.prepare(sql));
      if (prop === "batch" || prop === "exec") return (...args: unknown[]) => {
        calls.push(String(prop));
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
      return v.bind(target);
    },
  });
  const ctx = createExecutionContext();
  const app = createApp({ now: () => new Date(now) });
  const res = await app.fetch(new Request(`https://thads.test${path}`, { headers: { Authorization: `Bearer ${token}`, Accept: accept } }), { ...env, DB: wrapped }, ctx);
  await waitOnExecutionContext(ctx);
  return { res, calls };
}
