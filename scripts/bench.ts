/**
 * `npm run bench`: measures the Worker where it will run, from a fresh clone, in a few minutes,
 * and rewrites docs/benchmarks.md with the figures, the command, the machine and the date.
 *
 *   npm run bench                       everything (about 12 minutes on 2 quiet cores; docs/benchmarks.md says)
 *   npm run bench -- --skip-ten-years   without the ten-year history (about 5 minutes)
 *   npm run bench -- --keep             keep the temporary databases (their folder is printed)
 *   npm run bench -- --out <file>       write the report elsewhere (default docs/benchmarks.md)
 *
 * It builds two local D1 databases in a temporary folder — the two-year demo (scripts/demo-data.ts)
 * and ten statistical years of the same offices (about 94,000 submissions) — and runs
 * `wrangler dev worker/bench/entry.ts` on loopback against each: the production app behind a D1
 * binding that counts round trips per request and, for the "far away" figures, waits a fixed
 * time before each (BENCH_D1_DELAY_MS). Nothing here touches .wrangler/state.
 */
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, release, totalmem, tmpdir } from "node:os";
import { spawnSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { randomUUID } from "node:crypto";
import { buildDemoDataset, demoFigures, renderDemoSql, DEMO_OPEN_PERIOD, type DemoDataset } from "./demo-data";
import { executeFile, migrate, startDevServer, type DevServer } from "./lib/dev-server";
import { ROOT } from "./lib/wrangler";
import { pool, repeat, summarize, timedCall, type CallSpec, type Summary, type Timed } from "./lib/bench-client";
import { BUILT_IN_FORMS } from "../shared/forms/definitions";
import { formInForce } from "../shared/forms/registry";
import { periodEnd } from "../shared/periods";
import { validateForm } from "../shared/validate";

// ——— Options ———

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes("--" + name);
const option = (name: string, dflt: string) => {
  const i = argv.indexOf("--" + name);
  return i >= 0 ? (argv[i + 1] ?? dflt) : dflt;
};
const OUT = resolve(ROOT, option("out", "docs/benchmarks.md"));
const TEN_YEARS = !flag("skip-ten-years");
const CLIENTS = 10;
const RETRY_SHARE = 0.1;
const DELAY_MS = 30;
const READS_N = 100;
const FAR_N = 20;
/** The last whole month of both datasets: the reads compare like with like. */
const READ_PERIOD = "2026-09";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const TEN_YEAR_SPAN = [...Array.from({ length: 10 }, (_x, i) => ({ statYear: 2017 + i, months: 12 })), { statYear: 2027, months: 1 }];

const log = (s: string) => process.stdout.write(s + "\n");
const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : "–");
const s1 = (x: number) => (x / 1000).toFixed(1);

// ——— Databases ———

async function buildDatabase(dir: string, d: DemoDataset): Promise<{ seconds: number; mb: number }> {
  const t0 = performance.now();
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "data.sql");
  writeFileSync(file, renderDemoSql(d));
  await migrate(dir);
  await executeFile(dir, file);
  const mb = statSync(file).size / 1e6;
  rmSync(file);
  return { seconds: (performance.now() - t0) / 1000, mb };
}

/**
 * `npm run check` on a benchmark database. `backdated`: the ten-year history generates its
 * first years with each form's first layout backdated (bench data only), so re-validating those
 * stored revisions finds no built-in definition in force for them ("no_definition"); such
 * revisions are counted apart, and the check is clean when every derived table agrees and
 * nothing else differs.
 */
function runCheck(dir: string, backdated = false): { seconds: number; clean: boolean; text: string; backdatedRevisions: number } {
  const t0 = performance.now();
  // Into a file, not a pipe: read through a pipe, the check's output came back cut short once
  // (1,509 of its 175,050 lines: it ends with process.exit, behind tsx); a file gets it whole.
  const file = join(dir, "check.txt");
  const fd = openSync(file, "w");
  const r = spawnSync(process.execPath, [join(ROOT, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/check-aggregates.ts", "--persist-to", dir, ...(backdated ? ["--all"] : [])], {
    cwd: ROOT,
    stdio: ["ignore", fd, fd],
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
  });
  closeSync(fd);
  const out = readFileSync(file, "utf8");
  rmSync(file);
  let clean = r.status === 0;
  let backdatedRevisions = 0;
  if (!clean && backdated && r.status === 1) {
    const lines = out.split("\n");
    const tables = lines.filter((l) => /\[[a-z_]+\]/.test(l) && !/\[revisions\]/.test(l));
    const revisions = lines.filter((l) => /^ {2}\S+ \S+ \S+ [a-z_]+: /.test(l));
    if (tables.length > 0 && tables.every((l) => /khớp \/ consistent/.test(l)) && revisions.length > 0 && revisions.every((l) => / no_definition: /.test(l))) {
      clean = true;
      backdatedRevisions = revisions.length;
    }
  }
  return { seconds: (performance.now() - t0) / 1000, clean, text: out.trim().split("\n").slice(-3).join(" / "), backdatedRevisions };
}

// ——— The deadline burst ———

interface Job {
  unit: string;
  form: "01" | "02";
  values: Record<string, number>;
  base: number;
  id: string;
  retry: boolean;
}

/** Every reporting unit, both forms, for the open period: its stored figures again, or (missing units) its first. */
function burstJobs(d: DemoDataset): Job[] {
  const stored = new Map(d.submissions.filter((s) => s.period === DEMO_OPEN_PERIOD).map((s) => [`${s.unitCode}|${s.formId}`, s]));
  const jobs: Job[] = [];
  // The missing units' figures for the open period, generated as the demo would have stored them:
  // from every reporting unit, since 2025 is calibrated to the published national totals, which
  // a handful of units alone cannot carry ("685898 does not fit the units' capacity").
  const reporting = d.units.filter((x) => x.reporting);
  const missing = demoFigures(reporting);
  for (const u of reporting) {
    for (const form of ["01", "02"] as const) {
      const s = stored.get(`${u.code}|${form}`);
      let values = s?.values;
      if (!values) {
        const month = missing.get(u.code)?.get(form)?.find((m) => m.period === DEMO_OPEN_PERIOD);
        if (!month) throw new Error(`no generated ${DEMO_OPEN_PERIOD} for ${u.code}`);
        values = month.values;
      }
      // One job in ten is sent twice with the same id, as a client does when an answer is lost.
      jobs.push({ unit: u.code, form, values, base: s ? s.revision : 0, id: randomUUID(), retry: jobs.length % Math.round(1 / RETRY_SHARE) === 3 });
    }
  }
  return jobs;
}

/** A second or later revision of a period needs its written reason (giải trình bổ sung, TT 05/2024 Art. 11). */
const REASON = "Đo hiệu năng: gửi lại số liệu của kỳ.";
const withReason = (base: number): { reason?: string } => (base > 0 ? { reason: REASON } : {});

const submitSpec = (j: Job): CallSpec => ({
  token: `demo-unit-${j.unit}`,
  method: "POST",
  path: "/api/v1/submissions",
  body: { id: j.id, unit: j.unit, form: j.form, period: DEMO_OPEN_PERIOD, values: j.values, baseRevision: j.base, ...withReason(j.base) },
});

interface Burst {
  submissions: number;
  retries: number;
  wallMs: number;
  submit: Summary;
  replay: Summary;
  floorBefore: Summary;
  floorAfter: Summary;
  errors: string[];
  duplicates: number;
  lost: number;
  totalsExact: boolean;
  submitCalls: number[];
  replayCalls: number[];
  floorCalls: number;
}

async function floor(base: string, jobs: readonly Job[]): Promise<{ ms: number[]; calls: number }> {
  const out: number[] = [];
  let calls = NaN;
  await pool(jobs, CLIENTS, async (j) => {
    const r = await timedCall(base, { token: `demo-unit-${j.unit}`, path: "/api/v1/periods" });
    if (r.status !== 200) throw new Error(`floor: ${r.status}`);
    out.push(r.ms);
    calls = r.calls;
  });
  return { ms: out, calls };
}

function sumValues(jobs: readonly Job[], form: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const j of jobs) if (j.form === form) for (const [k, v] of Object.entries(j.values)) out[k] = (out[k] ?? 0) + v;
  return out;
}

async function deadlineBurst(base: string, jobs: Job[]): Promise<Burst> {
  const before = await floor(base, jobs);
  const submitMs: number[] = [];
  const replayMs: number[] = [];
  const submitCalls: number[] = [];
  const replayCalls: number[] = [];
  const errors: string[] = [];
  const receipt = (j: Job, r: Timed, replayed: boolean) => {
    if (r.status !== 201 || r.body.replayed !== replayed) {
      errors.push(`${j.unit}/${j.form}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
      return false;
    }
    return true;
  };
  const wallMs = await pool(jobs, CLIENTS, async (j) => {
    const spec = submitSpec(j);
    const r = await timedCall(base, spec);
    submitMs.push(r.ms);
    submitCalls.push(r.calls);
    if (receipt(j, r, false)) j.base = r.body.revision;
    if (j.retry) {
      const again = await timedCall(base, spec);
      replayMs.push(again.ms);
      replayCalls.push(again.calls);
      if (receipt(j, again, true) && again.body.revision !== j.base) errors.push(`${j.unit}/${j.form}: replay answered revision ${again.body.revision}`);
    }
  });
  const after = await floor(base, jobs);

  // Every job is exactly one new revision with our id: none lost, none twice.
  let duplicates = 0;
  let lost = 0;
  await pool(jobs, CLIENTS, async (j) => {
    const h = await timedCall(base, { token: `demo-unit-${j.unit}`, path: `/api/v1/submissions?unit=${j.unit}&form=${j.form}&period=${DEMO_OPEN_PERIOD}` });
    const ours = (h.body.revisions as { id: string }[]).filter((r) => r.id === j.id).length;
    if (ours === 0) lost++;
    duplicates += Math.max(0, ours - 1) + Math.max(0, (h.body.revisions as unknown[]).length - j.base);
  });
  let totalsExact = true;
  for (const form of ["01", "02"]) {
    const r = await timedCall(base, { token: "demo-national", path: `/api/v1/rollups?unit=VN&form=${form}&period=${DEMO_OPEN_PERIOD}` });
    const want = sumValues(jobs, form);
    for (const [k, v] of Object.entries(want)) if (r.body.values[k] !== v) totalsExact = false;
  }
  return {
    submissions: jobs.length,
    retries: replayMs.length,
    wallMs,
    submit: summarize(submitMs),
    replay: summarize(replayMs),
    floorBefore: summarize(before.ms),
    floorAfter: summarize(after.ms),
    errors,
    duplicates,
    lost,
    totalsExact,
    submitCalls,
    replayCalls,
    floorCalls: before.calls,
  };
}

// ——— Read-after-write ———

/** A correction that keeps the form's arithmetic: k more newly accepted cases, carried through the totals. */
function corrected(values: Record<string, number>, k: number): Record<string, number> {
  const out = { ...values };
  for (const f of ["thu_ly_moi", "tong_thu_ly", "phai_thi_hanh", "chua_co_dieu_kien"]) if (out[f] !== undefined) out[f] = (out[f] as number) + k;
  return out;
}

async function readAfterWrite(base: string, jobs: Job[], rounds: number): Promise<{ rounds: number; fresh: number; problems: string[] }> {
  const national = sumValues(jobs, "01");
  const problems: string[] = [];
  let fresh = 0;
  const picks = jobs.filter((j) => j.form === "01").filter((_j, i) => i % 17 === 0).slice(0, rounds);
  for (const [i, j] of picks.entries()) {
    const values = corrected(j.values, i + 1);
    let body: Record<string, unknown> = { id: randomUUID(), unit: j.unit, form: "01", period: DEMO_OPEN_PERIOD, values, baseRevision: j.base, ...withReason(j.base) };
    let r = await timedCall(base, { token: `demo-unit-${j.unit}`, method: "POST", path: "/api/v1/submissions", body });
    if (r.status === 422 && r.body.error?.code === "explanation_required") {
      const explanations = Object.fromEntries((r.body.error.findings as { ruleId: string }[]).map((f) => [f.ruleId, "Đo hiệu năng: số liệu điều chỉnh thử."]));
      body = { ...body, id: randomUUID(), explanations };
      r = await timedCall(base, { token: `demo-unit-${j.unit}`, method: "POST", path: "/api/v1/submissions", body });
    }
    if (r.status !== 201) {
      problems.push(`${j.unit}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
      continue;
    }
    j.base = r.body.revision;
    national.thu_ly_moi = (national.thu_ly_moi ?? 0) + (values.thu_ly_moi as number) - (j.values.thu_ly_moi as number);
    j.values = values;
    // The very next request after the 201.
    const cmp = await timedCall(base, { token: "demo-national", path: `/api/v1/comparisons?parent=VN&form=01&period=${DEMO_OPEN_PERIOD}` });
    const total = (cmp.body.rows as { isTotal: boolean; values: Record<string, number> }[] | undefined)?.find((row) => row.isTotal);
    if (total?.values.thu_ly_moi === national.thu_ly_moi) fresh++;
    else problems.push(`${j.unit}: national thu_ly_moi ${total?.values.thu_ly_moi} after the 201, expected ${national.thu_ly_moi}`);
  }
  return { rounds: picks.length, fresh, problems };
}

// ——— Reads ———

const READS: { name: string; spec: CallSpec }[] = [
  { name: "national comparison (34 provinces)", spec: { token: "demo-national", path: `/api/v1/comparisons?parent=VN&form=01&period=${READ_PERIOD}` } },
  { name: "provincial comparison (Gia Lai, 15 offices)", spec: { token: "demo-province-52", path: `/api/v1/comparisons?parent=52&form=01&period=${READ_PERIOD}` } },
  { name: "province roll-up (Gia Lai)", spec: { token: "demo-province-52", path: `/api/v1/rollups?unit=52&form=01&period=${READ_PERIOD}` } },
  { name: "a unit's history (52-01)", spec: { token: "demo-unit-52-01", path: `/api/v1/submissions?unit=52-01&form=01&period=${READ_PERIOD}` } },
];

interface ReadFigures {
  name: string;
  summary: Summary;
  calls: number;
}

async function reads(base: string, n: number): Promise<ReadFigures[]> {
  const out: ReadFigures[] = [];
  for (const r of READS) {
    const { ms: times, calls } = await repeat(base, r.spec, n);
    out.push({ name: r.name, summary: summarize(times), calls });
  }
  return out;
}

/** The naive national sums (from every stored revision) against the maintained aggregates, and that they agree. */
async function naiveBaseline(base: string, n: number): Promise<{ naive: Summary; aggregates: Summary; agree: boolean }> {
  const q = `?form=01&period=${READ_PERIOD}`;
  const naive = await repeat(base, { token: "-", path: "/bench/sums/naive" + q }, n);
  const aggregates = await repeat(base, { token: "-", path: "/bench/sums/aggregates" + q }, n);
  const a = await timedCall(base, { token: "-", path: "/bench/sums/naive" + q });
  const b = await timedCall(base, { token: "-", path: "/bench/sums/aggregates" + q });
  const canonical = (x: unknown) =>
    JSON.stringify(x, (_k, v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([p], [q2]) => (p < q2 ? -1 : 1))) : v));
  return { naive: summarize(naive.ms), aggregates: summarize(aggregates.ms), agree: canonical(a.body) === canonical(b.body) };
}

/** Round trips per route, as one request of each makes them on the demo data. */
async function roundTrips(base: string): Promise<{ name: string; calls: number; status: number }[]> {
  const specs: { name: string; spec: CallSpec }[] = [
    { name: "GET /api/v1/forms?period=…", spec: { token: "demo-unit-52-01", path: `/api/v1/forms?period=${READ_PERIOD}` } },
    { name: "GET /api/v1/units", spec: { token: "demo-unit-52-01", path: "/api/v1/units" } },
    { name: "GET /api/v1/submissions (history)", spec: READS[3]!.spec },
    { name: "GET /api/v1/periods", spec: { token: "demo-province-52", path: "/api/v1/periods" } },
    { name: "GET /api/v1/targets", spec: { token: "demo-province-52", path: "/api/v1/targets?year=2026&unit=52" } },
    { name: "GET /api/v1/comparisons?parent=VN (JSON)", spec: READS[0]!.spec },
    { name: "GET /api/v1/comparisons?parent=VN (CSV)", spec: { ...READS[0]!.spec, accept: "text/csv" } },
    { name: "GET /api/v1/comparisons?parent=VN (.xlsx)", spec: { ...READS[0]!.spec, accept: XLSX } },
    { name: "GET /api/v1/comparisons?parent=52 (JSON)", spec: READS[1]!.spec },
    { name: "GET /api/v1/comparisons?parent=52 (CSV)", spec: { ...READS[1]!.spec, accept: "text/csv" } },
    { name: "GET /api/v1/comparisons?parent=52 (.xlsx)", spec: { ...READS[1]!.spec, accept: XLSX } },
    { name: "GET /api/v1/rollups?unit=52", spec: READS[2]!.spec },
    { name: "GET /api/v1/rollups?unit=52 (.xlsx)", spec: { ...READS[2]!.spec, accept: XLSX } },
    { name: "GET /api/v1/completeness?parent=52", spec: { token: "demo-province-52", path: `/api/v1/completeness?parent=52&period=${DEMO_OPEN_PERIOD}` } },
    { name: "GET /api/v1/completeness?parent=52 (.xlsx)", spec: { token: "demo-province-52", path: `/api/v1/completeness?parent=52&period=${DEMO_OPEN_PERIOD}`, accept: XLSX } },
    { name: "GET /api/v1/admin/audit", spec: { token: "demo-admin", path: "/api/v1/admin/audit?limit=20" } },
  ];
  const out: { name: string; calls: number; status: number }[] = [];
  for (const s of specs) {
    const r = await timedCall(base, s.spec);
    out.push({ name: s.name, calls: r.calls, status: r.status });
  }
  return out;
}

// ——— Simulated distance ———

interface NearFar {
  name: string;
  calls: number;
  near: Summary;
  far: Summary;
}

/**
 * The server runs with BENCH_D1_DELAY_MS; every far request is paired with the same request
 * sent with X-Bench-D1-Delay-Ms: 0 just before it, so both see the same machine load.
 */
async function farAway(base: string, jobs: Job[]): Promise<NearFar[]> {
  const NEAR = { "X-Bench-D1-Delay-Ms": "0" };
  const pairs = async (name: string, spec: (i: number) => CallSpec, status = 200): Promise<NearFar> => {
    const near: number[] = [];
    const far: number[] = [];
    let calls = NaN;
    await timedCall(base, spec(-1)); // warm
    for (let i = 0; i < FAR_N; i++) {
      const a = spec(2 * i);
      const b = spec(2 * i + 1);
      const n = await timedCall(base, { ...a, headers: NEAR });
      const f = await timedCall(base, b);
      for (const r of [n, f]) if (r.status !== status) throw new Error(`${name}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`);
      near.push(n.ms);
      far.push(f.ms);
      calls = f.calls;
    }
    return { name, calls, near: summarize(near), far: summarize(far) };
  };
  // Submissions re-send a unit's figures as a new revision; each pair uses two units.
  const units = jobs.filter((x) => x.form === "02").slice(0, 2 * FAR_N + 1);
  const submission = (i: number): CallSpec => {
    const j = units[i + 1] as Job;
    const spec = submitSpec({ ...j, id: randomUUID() });
    j.base += 1;
    return spec;
  };
  return [
    await pairs(READS[0]!.name, () => READS[0]!.spec),
    await pairs(READS[1]!.name, () => READS[1]!.spec),
    await pairs("a submission (new revision)", submission, 201),
    await pairs("the floor (GET /api/v1/periods)", () => ({ token: "demo-unit-52-01", path: "/api/v1/periods" })),
  ];
}

// ——— The shared engine in Node ———

function engineRate(d: DemoDataset): { perSecond: number; fields: number } {
  const form = formInForce(BUILT_IN_FORMS, "01", periodEnd(READ_PERIOD));
  const of = (period: string) => d.submissions.find((s) => s.unitCode === "52-01" && s.formId === "01" && s.period === period)?.values ?? null;
  const values = of(READ_PERIOD);
  if (!form || !values) throw new Error("engine benchmark: no form or values");
  const history = { prevMonth: of("2026-08"), prevYearFinal: of("2025-09") };
  for (let i = 0; i < 2000; i++) validateForm(form, values, history);
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < 2000) {
    for (let i = 0; i < 100; i++) validateForm(form, values, history);
    n += 100;
  }
  return { perSecond: n / ((performance.now() - t0) / 1000), fields: form.fields.length };
}

// ——— Main ———

async function withServer<T>(options: Parameters<typeof startDevServer>[0], f: (s: DevServer) => Promise<T>): Promise<T> {
  // The benchmark databases hold the demo's tokens: the Worker accepts them only in local demo mode.
  const server = await startDevServer({ ...options, vars: { THADS_DEMO: "1", ...(options.vars ?? {}) }, script: "worker/bench/entry.ts" });
  try {
    return await f(server);
  } finally {
    await server.stop();
  }
}

function version(pkg: string): string {
  try {
    return (JSON.parse(readFileSync(join(ROOT, "node_modules", pkg, "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "?";
  }
}

async function main(): Promise<void> {
  const started = new Date();
  const load0 = loadavg();
  const work = mkdtempSync(join(tmpdir(), "thads-bench-"));
  log(`benchmark databases in ${work}`);
  try {
    log("building the two-year demo database …");
    const demo = buildDemoDataset();
    const demoDb = await buildDatabase(join(work, "demo"), demo);
    log(`  ${demo.submissions.length} submissions, ${demoDb.mb.toFixed(1)} MB of SQL, ${demoDb.seconds.toFixed(1)} s`);
    let ten: DemoDataset | null = null;
    let tenDb: { seconds: number; mb: number } | null = null;
    if (TEN_YEARS) {
      log("building the ten-year database …");
      const t0 = performance.now();
      ten = buildDemoDataset({ years: TEN_YEAR_SPAN, validFrom: "2016-10-01", backdate: true });
      const generated = (performance.now() - t0) / 1000;
      tenDb = await buildDatabase(join(work, "ten-years"), ten);
      tenDb.seconds += generated;
      log(`  ${ten.submissions.length} submissions, ${tenDb.mb.toFixed(1)} MB of SQL, ${tenDb.seconds.toFixed(1)} s`);
    }

    const jobs = burstJobs(demo);
    log("loopback, two-year demo: round trips, deadline burst, read-after-write, reads …");
    const loop = await withServer({ persist: join(work, "demo") }, async (s) => {
      await repeat(s.url, READS[0]!.spec, 2, 200, 0); // first requests compile the Worker
      const trips = await roundTrips(s.url);
      const burst = await deadlineBurst(s.url, jobs);
      log(`  burst: ${burst.submissions} submissions + ${burst.retries} retries in ${s1(burst.wallMs)} s, p99 ${ms(burst.submit.p99)} ms, floor p99 ${ms(burst.floorBefore.p99)} ms, errors ${burst.errors.length}`);
      const raw = await readAfterWrite(s.url, jobs, 20);
      log(`  read-after-write: ${raw.fresh}/${raw.rounds}`);
      const demoReads = await reads(s.url, READS_N);
      const naive = await naiveBaseline(s.url, 30);
      return { trips, burst, raw, demoReads, naive };
    });
    const demoCheck = runCheck(join(work, "demo"));
    log(`  npm run check after the burst: ${demoCheck.clean ? "no differences" : "DIFFERENCES"} (${demoCheck.seconds.toFixed(1)} s)`);

    log(`the same Worker, each D1 call ${DELAY_MS} ms away …`);
    const far = await withServer({ persist: join(work, "demo"), vars: { BENCH_D1_DELAY_MS: String(DELAY_MS) } }, (s) => farAway(s.url, jobs));

    let tenYears: { reads: ReadFigures[]; naive: Awaited<ReturnType<typeof naiveBaseline>>; check: ReturnType<typeof runCheck> } | null = null;
    if (TEN_YEARS) {
      log("loopback, ten years …");
      const r = await withServer({ persist: join(work, "ten-years") }, async (s) => {
        await repeat(s.url, READS[0]!.spec, 2, 200, 0);
        return { reads: await reads(s.url, READS_N), naive: await naiveBaseline(s.url, 30) };
      });
      const check = runCheck(join(work, "ten-years"), true);
      log(`  npm run check over ten years: ${check.clean ? "no differences" : "DIFFERENCES"}${check.backdatedRevisions ? ` (${check.backdatedRevisions} revisions of the backdated years without a built-in definition)` : ""} (${check.seconds.toFixed(1)} s)`);
      tenYears = { ...r, check };
    }

    log("the shared engine in Node …");
    const engine = engineRate(demo);
    const load1 = loadavg();
    const report = renderReport({ started, load0, load1, demo, demoDb, ten, tenDb, loop, demoCheck, far, tenYears, engine });
    mkdirSync(dirname(OUT), { recursive: true });
    writeFileSync(OUT, report);
    log(`wrote ${OUT}`);
    const failures = [
      ...loop.burst.errors.slice(0, 5),
      ...(loop.burst.duplicates ? [`${loop.burst.duplicates} duplicate revisions`] : []),
      ...(loop.burst.lost ? [`${loop.burst.lost} lost submissions`] : []),
      ...(loop.burst.totalsExact ? [] : ["national totals differ from the sum of what was sent"]),
      ...loop.raw.problems.slice(0, 5),
      ...(demoCheck.clean ? [] : ["npm run check found differences after the burst"]),
      ...(loop.naive.agree ? [] : ["the naive sums differ from the aggregates"]),
    ];
    if (failures.length > 0) {
      process.stderr.write("FAILED:\n" + failures.join("\n") + "\n");
      process.exitCode = 1;
    }
  } finally {
    if (flag("keep")) log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

// ——— The report ———

interface Results {
  started: Date;
  load0: number[];
  load1: number[];
  demo: DemoDataset;
  demoDb: { seconds: number; mb: number };
  ten: DemoDataset | null;
  tenDb: { seconds: number; mb: number } | null;
  loop: {
    trips: { name: string; calls: number; status: number }[];
    burst: Burst;
    raw: { rounds: number; fresh: number; problems: string[] };
    demoReads: ReadFigures[];
    naive: { naive: Summary; aggregates: Summary; agree: boolean };
  };
  demoCheck: ReturnType<typeof runCheck>;
  far: NearFar[];
  tenYears: { reads: ReadFigures[]; naive: { naive: Summary; aggregates: Summary; agree: boolean }; check: ReturnType<typeof runCheck> } | null;
  engine: { perSecond: number; fields: number };
}

const int = (n: number) => Math.round(n).toLocaleString("en-US");
const range = (xs: number[]) => {
  const ok = xs.filter(Number.isFinite);
  return ok.length === 0 ? "–" : Math.min(...ok) === Math.max(...ok) ? String(ok[0]) : `${Math.min(...ok)}–${Math.max(...ok)}`;
};

function renderReport(r: Results): string {
  const b = r.loop.burst;
  const ratio = b.submit.p99 / Math.max(b.floorBefore.p99, b.floorAfter.p99);
  const cpu = cpus();
  const lines: string[] = [];
  const p = (s = "") => lines.push(s);
  p("# Benchmarks");
  p();
  p("Written by `npm run bench` (scripts/bench.ts); do not edit by hand — run it again.");
  p();
  p("```sh");
  p(`npm ci && npm run bench${TEN_YEARS ? "" : " -- --skip-ten-years"}`);
  p("```");
  p();
  p(`- Date: ${r.started.toISOString().slice(0, 16).replace("T", " ")} UTC; the run took ${s1(Date.now() - r.started.getTime())} s.`);
  p(`- Machine: ${cpu.length} × ${cpu[0]?.model ?? "?"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Linux ${release()}, Node ${process.version}, wrangler ${version("wrangler")}, workerd ${version("workerd")}.`);
  p(`- Load average (1 min) at the start ${r.load0[0]?.toFixed(1)}, at the end ${r.load1[0]?.toFixed(1)}: ${(r.load0[0] ?? 0) > cpu.length || (r.load1[0] ?? 0) > cpu.length ? "**the machine was busy with other work; the milliseconds are noisy, the round-trip counts are not**" : "a quiet machine"}.`);
  p("- Everything runs on loopback: `wrangler dev worker/bench/entry.ts` (the production app behind a D1 binding that counts round trips, never deployed) with a local D1 (SQLite) in a temporary `--persist-to` folder. In production each D1 call is a network round trip (see *Far away* below); the counts are what carries over.");
  p();
  p("## Round trips to D1 per request");
  p();
  p("The budget, held by `tests/worker/round-trips.test.ts` (one table, every documented route): a submission **2** (one read batch that also resolves the token, one write batch), a replay **1**, a stale base revision **1**, every read **≤ 2**. Measured here on the demo data:");
  p();
  p("| request | D1 calls |");
  p("|---|---|");
  p(`| POST /api/v1/submissions (new revision), ${b.submitCalls.length} in the burst | ${range(b.submitCalls)} |`);
  p(`| POST /api/v1/submissions replayed (same id), ${b.replayCalls.length} | ${range(b.replayCalls)} |`);
  for (const t of r.loop.trips) p(`| ${t.name} | ${t.calls}${t.status >= 400 ? ` (answered ${t.status})` : ""} |`);
  p();
  const over = r.loop.trips.filter((t) => t.calls > 2);
  p(over.length === 0 ? "Every route above is within the budget." : `Over the budget: ${over.map((t) => t.name).join(", ")} (held at their measured counts by the test until their rewrite lands).`);
  p();
  p("Form definitions and units are read in each request's first batch rather than cached across requests: an administrator's change is visible on the very next request everywhere, with no cache to invalidate between Worker instances, for one more statement in a batch that is made anyway.");
  p();
  p("## Deadline burst");
  p();
  p(`Every reporting unit (${int(b.submissions / 2)}) sends both forms for ${DEMO_OPEN_PERIOD} (a new revision of its figures, or its first report for the ${r.demo.missing.length} that had none) from ${CLIENTS} concurrent clients; one in ten is sent again with the same id, as a client does when an answer is lost. The floor is an authenticated one-read GET (\`/api/v1/periods\`, ${b.floorCalls} D1 call) with the same tokens and the same ${CLIENTS} clients, just before and just after.`);
  p();
  p("| | result |");
  p("|---|---|");
  p(`| submissions | ${int(b.submissions)} + ${b.retries} same-id retries in ${s1(b.wallMs)} s (${(b.submissions / (b.wallMs / 1000)).toFixed(1)} submissions/s) ${b.wallMs <= 60_000 ? "— within the minute" : "— **over a minute**"} |`);
  p(`| submission latency | p50 ${ms(b.submit.p50)} ms, p95 ${ms(b.submit.p95)} ms, p99 ${ms(b.submit.p99)} ms, max ${ms(b.submit.max)} ms |`);
  p(`| retry (replay) latency | p50 ${ms(b.replay.p50)} ms, p99 ${ms(b.replay.p99)} ms |`);
  p(`| floor, before / after | p50 ${ms(b.floorBefore.p50)} / ${ms(b.floorAfter.p50)} ms, p99 ${ms(b.floorBefore.p99)} / ${ms(b.floorAfter.p99)} ms |`);
  p(`| **p99 submission ÷ p99 floor** (the higher floor) | **${ratio.toFixed(3)}** (target ≤ 1.5${ratio <= 1.5 ? ", met" : ", **not met**"}) |`);
  p(`| errors | ${b.errors.length} |`);
  p(`| duplicate revisions / lost submissions | ${b.duplicates} / ${b.lost} (every unit's history read back) |`);
  p(`| national totals afterwards = the sum of what was sent | ${b.totalsExact ? "exact" : "**differ**"} |`);
  p(`| \`npm run check\` afterwards | ${r.demoCheck.clean ? "no differences" : "**differences**"} (${r.demoCheck.seconds.toFixed(1)} s) |`);
  p();
  p("D1 executes one query at a time, so the ten clients' write batches queue behind each other; the floor queues behind them too, which is why it is measured in the same run and with the same concurrency.");
  p();
  p("## Read-after-write");
  p();
  p(`${r.loop.raw.rounds} times: a correction (201) and then, as the very next request, the national comparison. The national total had the change **${r.loop.raw.fresh} of ${r.loop.raw.rounds}** times${r.loop.raw.problems.length ? ": " + r.loop.raw.problems.slice(0, 3).join("; ") : ""}. The totals move in the submission's own write batch, so there is no window in which they lag.`);
  p();
  p("## Reads: two years of demo data and ten years of history");
  p();
  if (r.tenYears && r.ten && r.tenDb) {
    p(`Ten statistical years (2017–2026, and 2026-10) of every reporting unit and both forms: ${int(r.ten.submissions.length)} submissions, generated like the demo (scripts/demo-data.ts with \`years\`, \`validFrom: 2016-10-01\`; periods before the first built-in form and deadline rule, 2020-01-05, use the earliest of each — bench data only). The demo has ${int(r.demo.submissions.length)}. ${READS_N} sequential requests each, period ${READ_PERIOD}.`);
    p();
    p("| read | D1 calls | two years p50 / p99 | ten years p50 / p99 | p99 ten ÷ two (target ≤ 2) |");
    p("|---|---|---|---|---|");
    r.loop.demoReads.forEach((d, i) => {
      const t = r.tenYears!.reads[i]!;
      const q = t.summary.p99 / d.summary.p99;
      p(`| ${d.name} | ${d.calls} | ${ms(d.summary.p50)} / ${ms(d.summary.p99)} ms | ${ms(t.summary.p50)} / ${ms(t.summary.p99)} ms | ${q.toFixed(2)}${q <= 2 ? "" : " **over**"} |`);
    });
  } else {
    p(`(ten years skipped: \`--skip-ten-years\`) ${READS_N} sequential requests each, period ${READ_PERIOD}, two-year demo:`);
    p();
    p("| read | D1 calls | p50 / p99 |");
    p("|---|---|---|");
    for (const d of r.loop.demoReads) p(`| ${d.name} | ${d.calls} | ${ms(d.summary.p50)} / ${ms(d.summary.p99)} ms |`);
  }
  p();
  p("## Naive baseline: summing every stored revision instead of the maintained aggregates");
  p();
  p(`The national comparison's sums (this month, the previous month, the same month last year; 34 provinces and the nation) in one batch, two ways (worker/bench/entry.ts): from the newest revision of every unit in \`submissions\` (json_each over each values_json), or from \`aggregates\`, which each submission keeps current. Both give the same numbers (${r.loop.naive.agree && (r.tenYears?.naive.agree ?? true) ? "checked" : "**they differ**"}). 30 requests each:`);
  p();
  p("| data | naive p50 / p99 | aggregates p50 / p99 | naive ÷ aggregates (p50) |");
  p("|---|---|---|---|");
  const naiveRow = (name: string, n: { naive: Summary; aggregates: Summary }) =>
    p(`| ${name} | ${ms(n.naive.p50)} / ${ms(n.naive.p99)} ms | ${ms(n.aggregates.p50)} / ${ms(n.aggregates.p99)} ms | ${(n.naive.p50 / n.aggregates.p50).toFixed(1)}× |`);
  naiveRow("two years", r.loop.naive);
  if (r.tenYears) naiveRow("ten years", r.tenYears.naive);
  p();
  p("Both read one month's rows through the (form, period) index; the naive way also parses every unit's values_json and picks its newest revision, and its cost grows with the number of units and revisions, where the aggregates' stays at one row per province and field.");
  p();
  p(`## Far away: each D1 call ${DELAY_MS} ms from the Worker`);
  p();
  p(`In production the Worker runs near the clerk and D1 in one location: each call is a network round trip (tens of milliseconds from Vietnam to a neighbouring country). The same Worker with BENCH_D1_DELAY_MS=${DELAY_MS} (a wait before each call, through the same wrapper that counts them); each far request follows the same request without the wait, so both columns were measured under the same load, ${FAR_N} pairs each:`);
  p();
  p(`| request | D1 calls | loopback p50 / p99 | ${DELAY_MS} ms away p50 / p99 |`);
  p("|---|---|---|---|");
  for (const f of r.far) p(`| ${f.name} | ${f.calls} | ${ms(f.near.p50)} / ${ms(f.near.p99)} ms | **${ms(f.far.p50)}** / ${ms(f.far.p99)} ms |`);
  p();
  p(`Each call waits ${DELAY_MS} ms, so a request pays about its count × ${DELAY_MS} ms on top of its loopback time (calls made at the same moment would overlap; these routes make theirs one after another). The count is what the tests hold. \`"placement": { "mode": "smart" }\` (run the Worker near the database) and read replicas are the next steps once traffic exists.`);
  p();
  p("## The shared engine and the consistency check");
  p();
  p(`- \`validateForm\` (shared/validate.ts) on form 01 (${r.engine.fields} fields, its rules with last month's and last year's figures), in Node: **${int(r.engine.perSecond)} validations/s** on one core.`);
  p(`- \`npm run check\` (recompute every derived table from the submissions): ${r.demoCheck.seconds.toFixed(1)} s over the two-year demo (${int(r.demo.submissions.length)} submissions)${r.tenYears && r.ten ? `, **${r.tenYears.check.seconds.toFixed(1)} s over ten years** (${int(r.ten.submissions.length)} submissions; ${r.tenYears.check.clean ? "no differences" : "**differences**"}${r.tenYears.check.backdatedRevisions ? ` in the derived tables; ${int(r.tenYears.check.backdatedRevisions)} stored revisions of the years before each form's first built-in layout, generated with that layout backdated, have no built-in definition in force for their period, which the re-validation reports: bench data only` : ""})` : ""}. Each includes about 1–2 s of starting wrangler.`);
  p(`- Building the databases: two-year demo ${r.demoDb.seconds.toFixed(1)} s (${r.demoDb.mb.toFixed(1)} MB of SQL)${r.tenDb ? `, ten years ${r.tenDb.seconds.toFixed(1)} s (${r.tenDb.mb.toFixed(1)} MB)` : ""}.`);
  p();
  p("## Other measurements");
  p();
  p("- Demo data load (`npm start` steps 1–2): 7.7–8.5 s — [demo-data.md](demo-data.md).");
  p("- Task pane bundle: its gzipped size against the 175 KB budget, measured by `npm run build:addin -- --report` — [addin-build.md](addin-build.md).");
  p("- Downloadable workbooks: national comparison with chart ≈ 20 KB, ≈ 20 ms CPU to build — [xlsx.md](xlsx.md).");
  p();
  return lines.join("\n");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
