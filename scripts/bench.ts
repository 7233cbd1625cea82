/**
 * Measures the Worker on this machine, against a running local server with the demo data
 * (`npm start` in another terminal): how long a submission takes with its real-time roll-up,
 * sequentially and with parallel clerks, and how long the national comparison takes to build.
 *
 *   npx tsx scripts/bench.ts [--url http://127.0.0.1:8787] [--n 200] [--concurrency 8]
 *
 * Each submission re-sends a unit's current 2026-10 figures as a new revision (valid by
 * construction, so every request does the full work: validation with history, the batch
 * that writes the revision and moves the province and national totals, the receipt).
 * Figures go to docs/benchmarks.md by hand, with the command and the machine.
 */
import { randomUUID } from "node:crypto";

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf("--" + name);
  return i > 0 ? (process.argv[i + 1] ?? dflt) : dflt;
};
const URL_ = arg("url", "http://127.0.0.1:8787");
const N = Number(arg("n", "200"));
const CONCURRENCY = Number(arg("concurrency", "8"));
const PERIOD = "2026-10";

async function call(token: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: any; ms: number }> {
  const t0 = performance.now();
  const res = await fetch(URL_ + path, {
    method,
    headers: { Authorization: "Bearer " + token, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json();
  return { status: res.status, json, ms: performance.now() - t0 };
}

function stats(ms: number[]): string {
  const s = [...ms].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!.toFixed(1);
  return `n=${s.length} p50=${q(0.5)} ms p95=${q(0.95)} ms max=${s[s.length - 1]!.toFixed(1)} ms`;
}

async function main(): Promise<void> {
  const units = (await call("demo-national", "GET", "/api/v1/units")).json.units.filter((u: { reporting: boolean }) => u.reporting);
  const offices: string[] = units.map((u: { code: string }) => u.code);
  // Units that reported 2026-10 (the demo leaves a few missing): their figures are re-sent.
  const current = new Map<string, { revision: number; values: Record<string, number> }>();
  for (const code of offices) {
    const h = (await call(`demo-unit-${code}`, "GET", `/api/v1/submissions?unit=${code}&form=01&period=${PERIOD}`)).json;
    const last = h.revisions?.[h.revisions.length - 1];
    if (last) current.set(code, { revision: last.revision, values: last.values });
  }
  const pool = [...current.keys()];

  const submitOnce = async (code: string) => {
    const c = current.get(code)!;
    const r = await call(`demo-unit-${code}`, "POST", "/api/v1/submissions", {
      id: randomUUID(), unit: code, form: "01", period: PERIOD, values: c.values, baseRevision: c.revision,
    });
    if (r.status !== 201) throw new Error(`${code}: ${r.status} ${JSON.stringify(r.json).slice(0, 300)}`);
    c.revision = r.json.revision;
    return r.ms;
  };

  const before = (await call("demo-national", "GET", `/api/v1/rollups?unit=VN&form=01&period=${PERIOD}`)).json;
  const sequential: number[] = [];
  for (let i = 0; i < N; i++) sequential.push(await submitOnce(pool[i % pool.length]!));

  // Parallel clerks: each worker takes distinct units, as real offices would.
  const parallel: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_x, w) => {
      const mine = pool.filter((_c, i) => i % CONCURRENCY === w);
      for (let i = 0; next < N; i++) {
        next++;
        parallel.push(await submitOnce(mine[i % mine.length]!));
      }
    }),
  );
  const wall = performance.now() - t0;

  const after = (await call("demo-national", "GET", `/api/v1/rollups?unit=VN&form=01&period=${PERIOD}`)).json;
  const unchanged = JSON.stringify(before.values) === JSON.stringify(after.values);

  const comparison: number[] = [];
  for (let i = 0; i < 30; i++) comparison.push((await call("demo-national", "GET", `/api/v1/comparisons?parent=VN&form=01&period=2026-09`)).ms);
  const province: number[] = [];
  for (let i = 0; i < 30; i++) province.push((await call("demo-province-52", "GET", `/api/v1/comparisons?parent=52&form=01&period=2026-09`)).ms);

  console.log(`submission + roll-up, sequential:        ${stats(sequential)}`);
  console.log(`submission + roll-up, ${CONCURRENCY} in parallel:    ${stats(parallel)}; ${(N / (wall / 1000)).toFixed(1)} submissions/s`);
  console.log(`national totals unchanged after ${2 * N} re-sent revisions (same figures): ${unchanged}`);
  console.log(`national comparison (34 provinces):      ${stats(comparison)}`);
  console.log(`province comparison (Gia Lai, 15 units): ${stats(province)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
