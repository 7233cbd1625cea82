/**
 * The benchmark's HTTP client: timed calls to a local Worker run with worker/bench/entry.ts
 * (which answers each request's D1 round trips in X-Bench-D1-Calls), percentiles, and a pool
 * of concurrent clients.
 */

export interface Timed {
  status: number;
  ms: number;
  /** D1 round trips the request made (from the bench Worker's header). */
  calls: number;
  body: any;
}

export interface CallSpec {
  token: string;
  method?: string;
  path: string;
  body?: unknown;
  accept?: string;
  headers?: Record<string, string>;
}

export async function timedCall(base: string, spec: CallSpec): Promise<Timed> {
  const headers: Record<string, string> = { Authorization: "Bearer " + spec.token, ...spec.headers };
  if (spec.body !== undefined) headers["Content-Type"] = "application/json";
  if (spec.accept) headers.Accept = spec.accept;
  const t0 = performance.now();
  const res = await fetch(base + spec.path, {
    method: spec.method ?? "GET",
    headers,
    body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
  });
  const type = res.headers.get("Content-Type") ?? "";
  const body = type.includes("json") ? await res.json() : await res.arrayBuffer();
  return { status: res.status, ms: performance.now() - t0, calls: Number(res.headers.get("X-Bench-D1-Calls") ?? "NaN"), body };
}

/** Nearest-rank percentile of `ms` (p in 0–100). */
export function percentile(ms: readonly number[], p: number): number {
  if (ms.length === 0) return NaN;
  const s = [...ms].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] as number;
}

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summarize(ms: readonly number[]): Summary {
  return { n: ms.length, p50: percentile(ms, 50), p95: percentile(ms, 95), p99: percentile(ms, 99), max: Math.max(...ms) };
}

/** Runs `jobs` with `clients` concurrent workers, each taking the next job when it is free. */
export async function pool<J>(jobs: readonly J[], clients: number, run: (job: J, client: number) => Promise<void>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_x, client) => {
      while (next < jobs.length) {
        const job = jobs[next++] as J;
        await run(job, client);
      }
    }),
  );
  return performance.now() - t0;
}

/** `n` sequential calls (after `warm` untimed ones); every answer must have `status`. */
export async function repeat(base: string, spec: CallSpec, n: number, status = 200, warm = 3): Promise<{ ms: number[]; calls: number }> {
  for (let i = 0; i < warm; i++) await timedCall(base, spec);
  const ms: number[] = [];
  let calls = NaN;
  for (let i = 0; i < n; i++) {
    const r = await timedCall(base, spec);
    if (r.status !== status) throw new Error(`${spec.path}: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
    ms.push(r.ms);
    calls = r.calls;
  }
  return { ms, calls };
}
