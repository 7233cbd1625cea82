import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeFile, migrate, startDevServer, type DevServer } from "../../scripts/lib/dev-server";
import { ROOT } from "../../scripts/lib/wrangler";
import { form01, seedSql, type SeedUnit } from "../browser/local-worker";

/**
 * The Worker dies in the middle of a deadline burst (its whole process group killed, as a crash
 * would) and comes back; the clients keep retrying each report with its own id, as the task
 * pane's queue does. Afterwards every report is stored exactly once and `npm run check` finds
 * no difference between the totals and the revisions.
 */

const PROVINCES = ["52", "79"];
const OFFICES = 20;
const PERIOD = "2026-10";

const units: SeedUnit[] = [
  { code: "VN", name: "Cục Quản lý thi hành án dân sự", kind: "national", level: "national", parent: null, path: "/VN/", reporting: false },
  ...PROVINCES.flatMap((p): SeedUnit[] => [
    { code: p, name: `THADS tỉnh ${p}`, kind: "province", level: "province", parent: "VN", path: `/VN/${p}/`, reporting: false },
    ...Array.from({ length: OFFICES }, (_x, i): SeedUnit => {
      const code = `${p}-${String(i + 1).padStart(2, "0")}`;
      return { code, name: `Phòng THADS khu vực ${i + 1}`, kind: "regional_office", level: "office", parent: p, path: `/VN/${p}/${code}/`, reporting: true };
    }),
  ]),
];
const offices = units.filter((u) => u.reporting);

/** Form 02 from form 01's shape: money adds "giảm", counted in "có điều kiện". */
function form02(v: Record<string, number>, reduced: number): Record<string, number> {
  return { ...v, giam: reduced, co_dieu_kien: (v.co_dieu_kien as number) + reduced, chua_co_dieu_kien: (v.chua_co_dieu_kien as number) - reduced };
}

interface Job {
  unit: string;
  form: "01" | "02";
  id: string;
  values: Record<string, number>;
}

const jobs: Job[] = offices.flatMap((u, i) => {
  const v = form01({ carried: 100 + i, fresh: 10, entrusted: 2, done: 60, terminated: 3, open: 30, postponed: 4 });
  return [
    { unit: u.code, form: "01" as const, id: randomUUID(), values: v },
    { unit: u.code, form: "02" as const, id: randomUUID(), values: form02(Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x * 1000])), 500) },
  ];
});

let persist = "";
let server: DevServer;

beforeAll(async () => {
  persist = mkdtempSync(join(tmpdir(), "thads-restart-d1-"));
  await migrate(persist);
  const sql = join(persist, "seed.sql");
  writeFileSync(sql, seedSql({ units, tokens: offices.map((u) => ({ token: `clerk-${u.code}`, role: "clerk" as const, unit: u.code })).concat([{ token: "national", role: "national", unit: "VN" }]), targets: [] }));
  await executeFile(persist, sql);
  server = await startDevServer({ persist });
});

afterAll(async () => {
  await server?.stop();
  if (persist) rmSync(persist, { recursive: true, force: true });
});

/** Sends a report until the Worker answers 201, as the pane's queue does: a refused connection or a 5xx means "try again". */
async function sendUntilStored(job: Job, log: string[]): Promise<{ attempts: number; replayed: boolean }> {
  const body = JSON.stringify({ id: job.id, unit: job.unit, form: job.form, period: PERIOD, values: job.values });
  for (let attempt = 1; attempt <= 400; attempt++) {
    try {
      const res = await fetch(server.url + "/api/v1/submissions", {
        method: "POST",
        headers: { Authorization: `Bearer clerk-${job.unit}`, "Content-Type": "application/json" },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      if (res.status === 201) return { attempts: attempt, replayed: ((await res.json()) as { replayed: boolean }).replayed };
      const text = await res.text();
      if (res.status < 500) throw new Error(`${job.unit}/${job.form}: ${res.status} ${text}`);
      log.push(`${job.unit}/${job.form}: ${res.status}`);
    } catch (e) {
      if (e instanceof Error && /^\d\d-\d\d\/0[12]: 4/.test(e.message)) throw e;
      log.push(`${job.unit}/${job.form}: ${e instanceof Error ? e.message : String(e)}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${job.unit}/${job.form}: never stored`);
}

describe("a Worker that dies in the middle of a burst", () => {
  it("stores every report exactly once once the clients' retries drain, with totals that match the revisions", async () => {
    const log: string[] = [];
    let stored = 0;
    let next = 0;
    const outcomes: { attempts: number; replayed: boolean }[] = [];
    const clients = Array.from({ length: 10 }, async () => {
      while (next < jobs.length) {
        const job = jobs[next++] as Job;
        outcomes.push(await sendUntilStored(job, log));
        stored++;
      }
    });
    // Kill the whole process group once a third of the reports are in, then start it again.
    const crash = (async () => {
      while (stored < jobs.length / 3) await new Promise((r) => setTimeout(r, 20));
      await server.stop(true);
      await new Promise((r) => setTimeout(r, 1000));
      await server.start();
    })();
    await Promise.all([...clients, crash]);

    expect(outcomes).toHaveLength(jobs.length);
    const retried = outcomes.filter((o) => o.attempts > 1).length;
    const replayed = outcomes.filter((o) => o.replayed).length;
    console.log(`${jobs.length} reports: ${retried} needed retries across the crash, ${replayed} of them had been stored before it (answered as replays)`);
    // Some requests met a dead server and were retried: the crash really happened mid-burst.
    expect(outcomes.some((o) => o.attempts > 1), log.slice(0, 5).join("\n")).toBe(true);

    // Every report exactly once: one revision, and it is the client's own id.
    for (const job of jobs) {
      const res = await fetch(`${server.url}/api/v1/submissions?unit=${job.unit}&form=${job.form}&period=${PERIOD}`, { headers: { Authorization: `Bearer clerk-${job.unit}` } });
      const history = (await res.json()) as { revisions: { id: string }[] };
      expect(history.revisions.map((r) => r.id), `${job.unit}/${job.form}`).toEqual([job.id]);
    }
    // The national totals are the sum of what was sent.
    for (const form of ["01", "02"]) {
      const res = await fetch(`${server.url}/api/v1/rollups?unit=VN&form=${form}&period=${PERIOD}`, { headers: { Authorization: "Bearer national" } });
      const rollup = (await res.json()) as { values: Record<string, number>; contributors: number };
      expect(rollup.contributors).toBe(offices.length);
      const sent = jobs.filter((j) => j.form === form).reduce((s, j) => s + (j.values.thu_ly_moi as number), 0);
      expect(rollup.values.thu_ly_moi).toBe(sent);
    }

    // npm run check on this database: the stored totals agree with a recomputation from the revisions.
    await server.stop();
    const check = spawnSync(process.execPath, [join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/check-aggregates.ts", "--persist-to", persist], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
    });
    expect(check.status, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toContain("no differences");
  });
});
