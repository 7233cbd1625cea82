/**
 * The benchmark's Worker (scripts/bench.ts runs `wrangler dev worker/bench/entry.ts`): the same
 * app as production behind a D1 binding that counts each request's round trips (answered in
 * X-Bench-D1-Calls) and, with BENCH_D1_DELAY_MS set (or a request's X-Bench-D1-Delay-Ms),
 * waits that long before each one — a database far from the Worker, as in production
 * (docs/benchmarks.md). Two routes of its own
 * time the national sums two ways, for the naive baseline. Never deployed: production's entry
 * is worker/src/index.ts, which imports nothing from here.
 */
import { createApp } from "../src/app";
import type { Env } from "../src/env";
import { instrumentD1 } from "../src/db/instrumented";
import { previousMonthInYear, samePeriodLastYear } from "../../shared/periods";

interface BenchEnv extends Env {
  BENCH_D1_DELAY_MS?: string;
}

const app = createApp();

/**
 * The national comparison's sums for one form and period (this period, the previous month,
 * the same period last year) per province and for the nation, in one batch, two ways:
 * `naive` sums the newest revision of every reporting unit from the submissions themselves;
 * `aggregates` reads the totals each submission keeps current. Everything else a comparison
 * does (targets, ranks, lateness) is the same either way, so these isolate the difference.
 */
function sumsStatements(db: D1Database, how: "naive" | "aggregates", form: string, periods: string[]): D1PreparedStatement[] {
  return periods.map((period) =>
    how === "aggregates"
      ? db
          .prepare(
            `SELECT a.node_code AS node, a.field, a.value FROM aggregates a JOIN units n ON n.code = a.node_code
              WHERE a.form_id = ?1 AND a.period = ?2 AND (n.parent_code = 'VN' OR n.code = 'VN')`,
          )
          .bind(form, period)
      : db
          .prepare(
            `WITH newest AS (
               SELECT s.unit_code, s.values_json FROM submissions s
                WHERE s.form_id = ?1 AND s.period = ?2
                  AND s.revision = (SELECT MAX(x.revision) FROM submissions x
                                     WHERE x.unit_code = s.unit_code AND x.form_id = s.form_id AND x.period = s.period)
             )
             SELECT n.code AS node, j.key AS field, SUM(j.value) AS value
               FROM units n JOIN units u ON u.reporting = 1 AND substr(u.path, 1, length(n.path)) = n.path
               JOIN newest w ON w.unit_code = u.code, json_each(w.values_json) AS j
              WHERE (n.parent_code = 'VN' OR n.code = 'VN') AND j.value IS NOT NULL
              GROUP BY n.code, j.key`,
          )
          .bind(form, period),
  );
}

async function sums(db: D1Database, url: URL, how: "naive" | "aggregates"): Promise<Response> {
  const form = url.searchParams.get("form") ?? "01";
  const period = url.searchParams.get("period") ?? "2026-09";
  const periods = [period, previousMonthInYear(period), samePeriodLastYear(period)].filter((p): p is string => p !== null);
  const results = await db.batch(sumsStatements(db, how, form, periods));
  const out: Record<string, Record<string, Record<string, number>>> = {};
  results.forEach((r, i) => {
    const byNode: Record<string, Record<string, number>> = {};
    for (const row of r.results as { node: string; field: string; value: number }[]) (byNode[row.node] ??= {})[row.field] = row.value;
    out[periods[i] as string] = byNode;
  });
  return Response.json(out);
}

export default {
  async fetch(request: Request, env: BenchEnv, ctx: ExecutionContext): Promise<Response> {
    // The header lets one run interleave near and far requests under the same machine load.
    const delay = Number(request.headers.get("X-Bench-D1-Delay-Ms") ?? env.BENCH_D1_DELAY_MS ?? "0");
    let calls = 0;
    const db = instrumentD1(env.DB, async () => {
      calls++;
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    });
    const url = new URL(request.url);
    const res =
      url.pathname === "/bench/sums/naive" ? await sums(db, url, "naive")
      : url.pathname === "/bench/sums/aggregates" ? await sums(db, url, "aggregates")
      : await app.fetch(request, { ...env, DB: db }, ctx);
    const counted = new Response(res.body, res);
    counted.headers.set("X-Bench-D1-Calls", String(calls));
    return counted;
  },
} satisfies ExportedHandler<BenchEnv>;
