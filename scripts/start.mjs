#!/usr/bin/env node
// npm start: a local Worker with a real local D1 full of demo data, offline.
//
//   0. build the Excel add-in's task pane (addin/dev.mjs, owned by the add-in)
//   1. apply the migrations to the local D1
//   2. generate the demo data (.wrangler/demo-data.sql) and load it (it replaces all data)
//   3. start `wrangler dev` in its own process group
//   4. wait for /api/v1/health, then print the URL, the demo tokens and an example
//
// PORT (default 8787) sets the port. Ctrl-C stops wrangler and its workerd children: killing
// only the npx/wrangler process can leave workerd running (docs/engineering.md), so the whole process
// group is signalled. Plain Node ESM: it runs before anything is compiled.
import { spawn } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const PORT = process.env.PORT ?? "8787";
const HOST = "127.0.0.1";
const BASE_URL = `http://${HOST}:${PORT}`;
const DEMO_SQL = ".wrangler/demo-data.sql";
// How `npm run check` finds this Worker (scripts/lib/npm-start-server.ts): a second process on the
// same SQLite file fails with SQLITE_BUSY as soon as this one writes, so it asks the Worker.
const DEV_SERVER_FILE = join(ROOT, ".wrangler", "dev-server.json");
const HEALTH_TIMEOUT_MS = 90_000;

// Telemetry and update checks fail without network anyway; CI=true makes
// `d1 migrations apply` skip its confirmation prompt (it has no --yes flag in 4.86).
const ENV = { ...process.env, WRANGLER_SEND_METRICS: "false" };
const BATCH_ENV = { ...ENV, CI: "true" };

/** Installed CLIs run with this Node: no npx lookup, no network, no shell. */
function binOf(pkg, name) {
  const require = createRequire(import.meta.url);
  const pkgJson = require.resolve(`${pkg}/package.json`);
  const { bin } = require(pkgJson);
  return join(dirname(pkgJson), typeof bin === "string" ? bin : bin[name ?? pkg]);
}
const WRANGLER = binOf("wrangler");
const TSX = binOf("tsx");

/** Runs a step to completion; `quiet` keeps wrangler's per-statement JSON off the terminal. */
function run(args, { env = ENV, quiet = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", quiet ? "pipe" : "inherit", "pipe"] });
    let out = "";
    let err = "";
    child.stdout?.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => {
      err += d;
      if (!quiet) process.stderr.write(d);
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code === 0) resolve(out);
      else reject(new Error(`${args.slice(1).join(" ")} exited with ${code}\n${quiet ? (err + out).slice(-3000) : ""}`));
    });
  });
}

async function step(title, fn) {
  const started = performance.now();
  process.stdout.write(`\n▶ ${title}\n`);
  await fn();
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`✔ ${title} (${seconds.toFixed(1)} s)\n`);
  return seconds;
}

// ——— The steps ———

const migrate = () => run([WRANGLER, "d1", "migrations", "apply", "DB", "--local"], { env: BATCH_ENV });

async function loadDemoData() {
  await run([TSX, "scripts/demo-data.ts", "--out", DEMO_SQL]);
  const out = await run([WRANGLER, "d1", "execute", "DB", "--local", "--file", DEMO_SQL], { env: BATCH_ENV, quiet: true });
  const executed = /(\d+) commands? executed successfully/.exec(out);
  process.stdout.write(`  ${executed ? executed[1] : "all"} SQL statements executed\n`);
}

let dev = null;
let devGroup = null;
let stopping = false;

function startDevServer() {
  // detached: wrangler becomes the leader of a new process group, so stopping it means
  // signalling -pid, which reaches workerd too. stdin is ignored: a background process group
  // that reads the terminal would be stopped by SIGTTIN.
  // THADS_DEMO=1 is what lets the Worker accept the demo-* tokens: only this local demo sets it
  // (never wrangler.jsonc, never the deploy path), so a deployed Worker refuses them.
  dev = spawn(process.execPath, [WRANGLER, "dev", "--port", PORT, "--ip", HOST, "--var", "THADS_DEMO:1"], {
    cwd: ROOT,
    env: ENV,
    stdio: ["ignore", "inherit", "inherit"],
    detached: true,
  });
  devGroup = dev.pid ?? null;
  dev.on("exit", (code, signal) => {
    dev = null;
    if (!stopping) {
      process.stderr.write(`wrangler dev stopped (${signal ?? code}).\n`);
      stopDevServer().then(() => process.exit(code ?? 1));
    }
  });
}

async function waitForHealth() {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (!dev) throw new Error("wrangler dev exited before answering");
    try {
      // A Worker that failed to build accepts the connection and never answers: time out each try.
      const res = await fetch(`${BASE_URL}/api/v1/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no answer from ${BASE_URL}/api/v1/health after ${HEALTH_TIMEOUT_MS / 1000} s`);
}

function printWelcome() {
  process.stdout.write(`
────────────────────────────────────────────────────────────────────────
THADS Thống kê — Worker cục bộ / local Worker: ${BASE_URL}
  Dữ liệu mẫu / demo data: 34 tỉnh, 389 đơn vị báo cáo, kỳ 2024-10 … 2026-10

Mã truy cập mẫu / demo tokens (Authorization: Bearer <token>):
  demo-admin                 quản trị / admin (VN)
  demo-national              Cục Quản lý THADS / national (VN)
  demo-province-<mã tỉnh>    tỉnh / province, e.g. demo-province-52 (Gia Lai)
  demo-unit-<mã đơn vị>      cán bộ thống kê / clerk, e.g. demo-unit-52-01, demo-unit-52-00

Ví dụ / example:
  curl -H "Authorization: Bearer demo-national" "${BASE_URL}/api/v1/rollups?unit=VN&form=01&period=2026-09"

Mã mới / new token:   npm run token -- --role clerk --unit 52-01 --label "Nguyễn Văn A"
Kiểm tra / check:     npm run check
Dừng / stop:          Ctrl-C
────────────────────────────────────────────────────────────────────────
`);
}

// ——— Stopping ———

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stopDevServer() {
  stopping = true;
  rmSync(DEV_SERVER_FILE, { force: true });
  // The group outlives its leader: workerd may still run after wrangler itself has exited.
  const pid = devGroup;
  if (pid === null) return;
  try {
    process.kill(-pid, "SIGTERM");
  } catch {
    return; // already gone
  }
  for (let i = 0; i < 40 && groupAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive(pid)) {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // gone in between
    }
  }
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    stopDevServer().then(() => process.exit(signal === "SIGINT" ? 130 : 143));
  });
}

// ——— Main ———

try {
  // ——— Step 0, the Excel add-in (owned by the add-in; addin/dev.mjs): build the task pane
  // into addin/dist, which wrangler dev serves as static assets, and with local certificates
  // also serve everything over https://localhost:3000 for sideloading into Excel.
  await step("0. Dựng ngăn tác vụ Excel / build the Excel add-in task pane", async () => {
    const { prepareAddin } = await import("../addin/dev.mjs");
    process.stdout.write(`  ${await prepareAddin({ workerPort: PORT, workerHost: HOST })}\n`);
  });
  const migrateSeconds = await step("1. Áp dụng migration vào D1 cục bộ / apply migrations to the local D1", migrate);
  const loadSeconds = await step("2. Tạo và nạp dữ liệu mẫu / generate and load the demo data", loadDemoData);
  process.stdout.write(`  steps 1+2: ${(migrateSeconds + loadSeconds).toFixed(1)} s\n`);
  await step(`3. Khởi động / start wrangler dev on ${BASE_URL}`, async () => {
    startDevServer();
    await waitForHealth();
    writeFileSync(DEV_SERVER_FILE, JSON.stringify({ url: BASE_URL, pid: devGroup, adminToken: "demo-admin" }) + "\n");
  });
  printWelcome();
} catch (e) {
  process.stderr.write(`\n✘ ${e instanceof Error ? e.message : String(e)}\n`);
  await stopDevServer();
  process.exit(1);
}
