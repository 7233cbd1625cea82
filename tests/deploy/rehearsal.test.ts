/**
 * docs/DEPLOY.md followed on this machine, step by step, as far as it goes without a
 * Cloudflare account: everything a deployment does, with --persist-to <a fresh directory>
 * where the operator types --remote, and the production configuration (made from an env file
 * by the same code as `npm run deploy`) run by `wrangler dev` where Cloudflare would run it.
 * Each test names the step of docs/DEPLOY.md it rehearses (4.3: the third item of step 4).
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { form01, sha256Hex } from "../browser/local-worker";
import { previousMonth, periodOfDate, vietnamDateOf } from "../../shared/periods";
import { addMonths, endOfVietnamDay } from "../../shared/tokens/lifetime";
import { ROOT, npmRun, startWorker, wrangler, type RunningWorker } from "./commands";
import { d1Local } from "../../scripts/lib/wrangler";

const DOMAIN = "thongke.thads.example.gov.vn";
const CONFIG = join(ROOT, ".deploy", "wrangler.json");
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/** deploy.env's THADS_TOKEN_LIFETIME_MONTHS: not the default 13, so that a token that ignores it shows. */
const LIFETIME_MONTHS = 6;

let work = "";
let envFile = "";
let d1 = "";
let restored = "";
let worker: RunningWorker | null = null;
let adminToken = "";
let clerkTokens: { unit: string; token: string }[] = [];

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "thads-deploy-rehearsal-"));
  envFile = join(work, "deploy.env");
  d1 = join(work, "d1");
  restored = join(work, "d1-restored");
  // What the operator writes after `npx wrangler d1 create thads --location apac` (step 2).
  writeFileSync(envFile, [`THADS_D1_DATABASE_ID=${randomUUID()}`, `THADS_CUSTOM_DOMAIN=${DOMAIN}`, "THADS_PLAN=paid", `THADS_TOKEN_LIFETIME_MONTHS=${LIFETIME_MONTHS}`, ""].join("\n"));
});

afterAll(async () => {
  await worker?.stop();
  rmSync(work, { recursive: true, force: true });
});

async function call(method: string, path: string, token: string, body?: unknown, accept = "application/json"): Promise<Response> {
  if (!worker) throw new Error("no Worker running");
  return fetch(worker.url + path, {
    method,
    headers: { Authorization: `Bearer ${token}`, Accept: accept, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

function tableCounts(dir: string): Record<string, number> {
  const tables = ["units", "tokens", "submissions", "latest_values", "latest_revisions", "aggregates", "aggregate_meta", "audit_log", "d1_migrations"];
  // One statement per table: D1 allows only a few terms in a compound SELECT.
  const counts = d1Local<{ n: number }>(tables.map((t) => `SELECT COUNT(*) AS n FROM ${t}`).join(";\n"), { remote: false, persistTo: dir, config: CONFIG });
  return Object.fromEntries(tables.map((t, i) => [t, counts[i]?.[0]?.n ?? -1]));
}

describe("docs/DEPLOY.md, rehearsed without a Cloudflare account", () => {
  it("refuses a deployment file that would turn on the demo, and the placeholder database id", async () => {
    const demo = join(work, "demo.env");
    writeFileSync(demo, readFileSync(envFile, "utf8") + "THADS_DEMO=1\n");
    const refused = await npmRun("deploy", ["--dry-run", "--skip-build", "--env-file", demo]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("THADS_DEMO");
    // the example file deploys nothing: its id is a placeholder (checked before any network call)
    const example = await npmRun("deploy", ["--skip-build", "--env-file", "deploy.env.example"]);
    expect(example.code).toBe(2);
    expect(example.stderr).toContain("THADS_D1_DATABASE_ID");
  });

  it("step 4.3: bundles the Worker offline with the production configuration, under the plan's size limit", async () => {
    const r = await npmRun("deploy", ["--dry-run", "--skip-build", "--env-file", envFile, "--outdir", join(work, "bundle")]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const size = /gzip ([\d.]+) KiB \(giới hạn gói \/ plan limit paid: ([\d.]+) KiB gzip\)/.exec(r.stdout);
    expect(size, r.stdout).not.toBeNull();
    expect(Number(size![1])).toBeLessThan(Number(size![2]));
    console.log(`deploy --dry-run: ${/index\.js: [^\n]*/.exec(r.stdout)?.[0]}`);
    const config = JSON.parse(readFileSync(CONFIG, "utf8")) as Record<string, unknown>;
    expect(JSON.stringify(config)).not.toContain("THADS_DEMO");
    expect(config.routes).toEqual([{ pattern: DOMAIN, custom_domain: true }]);
    expect(config.workers_dev).toBe(false);
    expect(config.placement).toEqual({ mode: "smart" });
  });

  it("step 4.4: applies the migrations (here --local, on Cloudflare --remote)", async () => {
    const r = await wrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", d1, "--config", CONFIG]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });

  it("step 6: loads the organisation from the CSV template", async () => {
    const template = await npmRun("units", ["--template"]);
    expect(template.code).toBe(0);
    // Gia Lai only, to keep the rehearsal short: the country, the province and its offices.
    const lines = template.stdout.trim().split(/\r?\n/).filter((l, i) => i === 0 || /^(VN|52|52-\d\d),/.test(l));
    const csv = join(work, "donvi.csv");
    writeFileSync(csv, lines.join("\r\n") + "\r\n");
    const r = await npmRun("units", ["--file", csv, "--persist-to", d1, "--env-file", envFile]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\d+ units \(\d+ reporting\) loaded/);
  });

  it("step 7: issues the first administrator token, shown once and stored as a hash, living as long as deploy.env says", async () => {
    const issuedOn = vietnamDateOf(new Date().toISOString());
    const r = await npmRun("token", ["--persist-to", d1, "--env-file", envFile, "--role", "admin", "--label", "Quản trị hệ thống"]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    // Not \b: a token may end in "-", and \b after "-" followed by a newline never matches (1 run in 64).
    adminToken = /(?<![A-Za-z0-9_-])thads_[A-Za-z0-9_-]{32}(?![A-Za-z0-9_-])/.exec(r.stdout)?.[0] ?? "";
    expect(adminToken).not.toBe("");
    expect(r.stdout).toContain("Shown once");
    const stored = await wrangler(["d1", "execute", "DB", "--local", "--persist-to", d1, "--config", CONFIG, "--json", "--command", "SELECT token_hash, expires_at FROM tokens"]);
    expect(stored.stdout).toContain(sha256Hex(adminToken));
    expect(stored.stdout).not.toContain(adminToken);
    // THADS_TOKEN_LIFETIME_MONTHS, as the deployed Worker applies it to the tokens it issues
    // (either day, should the command have run across midnight in Vietnam)
    const [{ results }] = JSON.parse(stored.stdout) as [{ results: { expires_at: string }[] }];
    const lastDays = [issuedOn, vietnamDateOf(new Date().toISOString())].map((d) => endOfVietnamDay(addMonths(d, LIFETIME_MONTHS)));
    expect(lastDays).toContain(results[0]?.expires_at);
  });

  it("runs as deployed: demo tokens refused even with their hashes in the database, security headers on the pane", async () => {
    // As if someone had loaded the demo data into production by mistake.
    const seeded = await wrangler(["d1", "execute", "DB", "--local", "--persist-to", d1, "--config", CONFIG, "--command",
      `INSERT INTO tokens (id, token_hash, role, unit_code, label, created_at) VALUES ('demo', '${sha256Hex("demo-admin")}', 'admin', 'VN', 'demo', '2026-01-01T00:00:00Z')`]);
    expect(seeded.code, seeded.stderr).toBe(0);
    worker = await startWorker(CONFIG, d1);
    const demo = await call("GET", "/api/v1/units", "demo-admin");
    expect(demo.status).toBe(401);
    expect(((await demo.json()) as { error: { message: { en: string } } }).error.message.en).toContain("only in the local demo");
    const admin = await call("GET", "/api/v1/units", adminToken);
    expect(admin.status).toBe(200);
    expect(admin.headers.get("X-Token-Expires")).toMatch(/T16:59:59\.999Z$/);
    const pane = await fetch(worker.url + "/taskpane.html");
    expect(pane.status).toBe(200);
    expect(pane.headers.get("Content-Security-Policy")).toContain("https://appsforoffice.microsoft.com");
  });

  it("step 8: a province hands out its offices' tokens as a printable .xlsx", async () => {
    const province = await call("POST", "/api/v1/admin/tokens", adminToken, { role: "province", unit: "52", label: "Phòng Nghiệp vụ tỉnh Gia Lai" });
    expect(province.status).toBe(201);
    const provinceToken = ((await province.json()) as { token: string }).token;
    const holders = [
      { unit: "52-00", label: "Nguyễn Thị Lan" },
      { unit: "52-01", label: "Trần Văn Bình" },
      { unit: "52-02", label: "Lê Thị Hoa" },
    ];
    const res = await call("POST", "/api/v1/tokens/bulk", provinceToken, { province: "52", holders }, XLSX);
    expect(res.status).toBe(201);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.getWorksheet("Mã truy cập")!;
    clerkTokens = holders.map((h, i) => {
      const row = ws.getRow(6 + i);
      expect([row.getCell(2).value, row.getCell(4).value]).toEqual([h.unit, h.label]);
      return { unit: h.unit, token: String(row.getCell(5).value) };
    });
    for (const t of clerkTokens) {
      const units = (await (await call("GET", "/api/v1/units", t.token)).json()) as { units: { code: string }[] };
      expect(units.units.map((u) => u.code)).toEqual([t.unit]);
    }
  });

  it("a clerk reports; `npm run check` through the running Worker finds no difference", async () => {
    const period = previousMonth(periodOfDate(vietnamDateOf(new Date().toISOString())));
    const clerk = clerkTokens.find((t) => t.unit === "52-01")!;
    const res = await call("POST", "/api/v1/submissions", clerk.token, {
      id: randomUUID(), unit: "52-01", form: "01", period,
      values: form01({ carried: 120, fresh: 30, entrusted: 0, done: 60, terminated: 5, open: 70, postponed: 5 }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const check = await npmRun("check", ["--url", worker!.url, "--token", adminToken]);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toContain("no differences");
  });

  it("step 11: backs up, restores into a fresh D1, and `npm run check` finds no difference", async () => {
    await worker?.stop();
    worker = null;
    const file = join(work, "backup.sql");
    const backup = await npmRun("backup", ["--persist-to", d1, "--env-file", envFile, "--output", file]);
    expect(backup.code, backup.stdout + backup.stderr).toBe(0);
    const restore = await npmRun("restore", ["--file", file, "--persist-to", restored, "--env-file", envFile]);
    expect(restore.code, restore.stdout + restore.stderr).toBe(0);
    const check = await npmRun("check", ["--persist-to", restored, "--env-file", envFile]);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    expect(check.stdout).toContain("no differences");
    const counts = tableCounts(d1);
    expect(counts.submissions).toBe(1);
    expect(tableCounts(restored)).toEqual(counts);
    // a restore never lands on a database that has data: the live one is rolled back with Time Travel
    const again = await npmRun("restore", ["--file", file, "--persist-to", restored, "--env-file", envFile]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("Time Travel");
  });

  it("step 9: writes the manifest for the deployed origin", async () => {
    const out = join(work, "manifest.xml");
    const r = await npmRun("manifest", [`https://${DOMAIN}`, out]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const xml = readFileSync(out, "utf8");
    expect(xml).toContain(`https://${DOMAIN}/taskpane.html`);
    expect(xml).not.toContain("localhost:3000");
  });
});
