/**
 * A real local Worker for the headless-browser check: `wrangler dev` in its own process
 * group, with its own D1 under a temporary --persist-to directory (the developer's
 * .wrangler/state is never touched), migrated and seeded through `wrangler d1 execute`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

const ROOT = join(dirname(new URL(import.meta.url).pathname), "..", "..");
const require = createRequire(import.meta.url);
const WRANGLER = join(dirname(require.resolve("wrangler/package.json")), "bin", "wrangler.js");
const ENV = { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" };

export function sha256Hex(s: string): string {
  return createHash("sha256").update(s, "utf8").digest("hex");
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function runWrangler(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRANGLER, ...args], { cwd: ROOT, env: ENV, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`wrangler ${args.join(" ")} exited ${code}:\n${out.slice(-3000)}`))));
  });
}

const q = (s: string) => "'" + s.replace(/'/g, "''") + "'";

export interface SeedUnit {
  code: string;
  name: string;
  kind: "national" | "province" | "province_office" | "regional_office";
  level: "national" | "province" | "office";
  parent: string | null;
  path: string;
  reporting: boolean;
}

/** The country, Gia Lai and its regional office 1: the smallest hierarchy a clerk's report rolls up through. */
export const CLERK_52_01_UNITS: SeedUnit[] = [
  { code: "VN", name: "Cục Quản lý thi hành án dân sự", kind: "national", level: "national", parent: null, path: "/VN/", reporting: false },
  { code: "52", name: "THADS tỉnh Gia Lai", kind: "province", level: "province", parent: "VN", path: "/VN/52/", reporting: false },
  { code: "52-01", name: "Phòng THADS khu vực 1 - Gia Lai", kind: "regional_office", level: "office", parent: "52", path: "/VN/52/52-01/", reporting: true },
];

export interface Seed {
  units: SeedUnit[];
  tokens: { token: string; role: "clerk" | "province" | "national" | "admin"; unit: string }[];
  targets: { year: number; unit: string; indicator: "rate_viec" | "rate_tien"; pct: number }[];
}

export function seedSql(seed: Seed): string {
  const lines: string[] = [];
  for (const u of seed.units) {
    lines.push(
      `INSERT INTO units (code, name, kind, level, parent_code, path, reporting, valid_from, valid_to, successor_code) VALUES (` +
        [q(u.code), q(u.name), q(u.kind), q(u.level), u.parent ? q(u.parent) : "NULL", q(u.path), u.reporting ? 1 : 0, q("2019-10-01"), "NULL", "NULL"].join(", ") +
        `);`,
    );
  }
  let n = 0;
  for (const t of seed.tokens) {
    n++;
    lines.push(
      `INSERT INTO tokens (id, token_hash, role, unit_code, label, created_at) VALUES (` +
        [q("browser-test-" + n), q(sha256Hex(t.token)), q(t.role), q(t.unit), q(t.token), q(new Date().toISOString())].join(", ") +
        `);`,
    );
  }
  for (const t of seed.targets) {
    lines.push(
      `INSERT INTO targets (year, unit_code, indicator, target_pct, provisional, set_by, set_at) VALUES (` +
        [t.year, q(t.unit), q(t.indicator), t.pct, 0, q("browser-test"), q(new Date().toISOString())].join(", ") +
        `);`,
    );
  }
  return lines.join("\n") + "\n";
}

export interface LocalWorker {
  url: string;
  port: number;
  /** Stops wrangler and its workerd children (the whole process group). */
  stop(): Promise<void>;
  /** Starts it again on the same port and data (the "server comes back" part). */
  restart(): Promise<void>;
  /** Stops it and deletes its temporary D1. */
  dispose(): Promise<void>;
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function stopGroup(child: ChildProcess | null): Promise<void> {
  const pid = child?.pid;
  if (!pid) return;
  try {
    process.kill(-pid, "SIGTERM");
  } catch {
    return;
  }
  for (let i = 0; i < 50 && groupAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (groupAlive(pid)) {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

async function waitHealthy(url: string, child: ChildProcess, log: () => string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error("wrangler dev exited early:\n" + log().slice(-3000));
    try {
      const res = await fetch(url + "/api/v1/health", { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("wrangler dev did not answer /api/v1/health:\n" + log().slice(-3000));
}

export async function startLocalWorker(seed: Seed): Promise<LocalWorker> {
  // wrangler refuses a missing assets folder (wrangler.jsonc: addin/dist); a test that needs
  // the task pane builds it first (npm test does), the others only need the folder.
  mkdirSync(join(ROOT, "addin", "dist"), { recursive: true });
  const persist = mkdtempSync(join(tmpdir(), "thads-browser-d1-"));
  await runWrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", persist]);
  const sqlFile = join(persist, "seed.sql");
  writeFileSync(sqlFile, seedSql(seed));
  await runWrangler(["d1", "execute", "DB", "--local", "--persist-to", persist, "--file", sqlFile]);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let output = "";
  const start = async () => {
    output = "";
    child = spawn(process.execPath, [WRANGLER, "dev", "--port", String(port), "--ip", "127.0.0.1", "--persist-to", persist, "--show-interactive-dev-session=false"], {
      cwd: ROOT,
      env: ENV,
      stdio: ["ignore", "pipe", "pipe"],
      // Its own process group: stopping it must reach workerd too (docs/engineering.md).
      detached: true,
    });
    child.stdout?.on("data", (d) => (output += d));
    child.stderr?.on("data", (d) => (output += d));
    await waitHealthy(url, child, () => output);
  };
  await start();
  return {
    url,
    port,
    stop: async () => {
      await stopGroup(child);
      child = null;
    },
    restart: async () => {
      await stopGroup(child);
      await start();
    },
    dispose: async () => {
      await stopGroup(child);
      child = null;
      rmSync(persist, { recursive: true, force: true });
    },
  };
}

/** Sends a report through the API as its clerk would (the Worker validates it and updates the totals). */
export async function submitReport(
  url: string,
  token: string,
  body: { id: string; unit: string; form: string; period: string; values: Record<string, number> },
): Promise<void> {
  const res = await fetch(url + "/api/v1/submissions", {
    method: "POST",
    headers: { Authorization: "Bearer " + token, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error("seeding " + body.unit + " " + body.period + ": " + res.status + " " + (await res.text()));
}

/**
 * A consistent form 01 from its inputs, in the layout in force from 26/7/2024: phải thi hành =
 * thụ lý − ủy thác − thu hồi, hủy = có điều kiện + chưa có điều kiện + hoãn, tạm đình chỉ, khác.
 */
export function form01(p: { carried: number; fresh: number; entrusted: number; withdrawn?: number; done: number; terminated: number; open: number; postponed: number }): Record<string, number> {
  const tong = p.carried + p.fresh;
  const phai = tong - p.entrusted - (p.withdrawn ?? 0);
  const co = p.done + p.terminated + p.open;
  return {
    tong_thu_ly: tong, nam_truoc_chuyen_sang: p.carried, thu_ly_moi: p.fresh, uy_thac: p.entrusted, thu_hoi_huy: p.withdrawn ?? 0,
    phai_thi_hanh: phai, co_dieu_kien: co, thi_hanh_xong: p.done, dinh_chi: p.terminated, dang_thi_hanh: p.open,
    chua_co_dieu_kien: phai - co - p.postponed, hoan_tam_dinh_chi: p.postponed, so_theo_doi_rieng: 0,
  };
}
