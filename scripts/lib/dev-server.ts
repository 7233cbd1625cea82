/**
 * A real local Worker: `wrangler dev` in its own process group with its own D1 under a
 * --persist-to directory (the developer's .wrangler/state is never touched), on a free port.
 * Used by the benchmark (scripts/bench.ts) and the tests that need a running Worker
 * (tests/browser/). Stopping signals the whole group: killing wrangler alone can leave
 * workerd running.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { ROOT, wranglerEntry } from "./wrangler";

const ENV = { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" };

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

/** Runs a wrangler command to completion and returns its output (stdout and stderr). */
export function runWrangler(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [wranglerEntry(), ...args], { cwd: ROOT, env: ENV, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve(out) : reject(new Error(`wrangler ${args.join(" ")} exited ${code}:\n${out.slice(-3000)}`))));
  });
}

/** Applies the migrations to the D1 under `persist`. */
export function migrate(persist: string): Promise<string> {
  return runWrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", persist]);
}

/** Runs a SQL file against the D1 under `persist`. */
export function executeFile(persist: string, file: string): Promise<string> {
  return runWrangler(["d1", "execute", "DB", "--local", "--persist-to", persist, "--file", file]);
}

export function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGTERM to the group, SIGKILL after 5 s; `hard` sends SIGKILL at once (a crash, not a shutdown). */
export async function stopGroup(child: ChildProcess | null, hard = false): Promise<void> {
  const pid = child?.pid;
  if (!pid) return;
  try {
    process.kill(-pid, hard ? "SIGKILL" : "SIGTERM");
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

export async function waitHealthy(url: string, child: ChildProcess, log: () => string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error("wrangler dev exited early:\n" + log().slice(-3000));
    try {
      // A Worker that failed to build accepts the connection and never answers: time out each try.
      const res = await fetch(url + "/api/v1/health", { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("wrangler dev did not answer /api/v1/health:\n" + log().slice(-3000));
}

export interface DevServerOptions {
  persist: string;
  port?: number;
  /** Another entry point than wrangler.jsonc's `main` (the benchmark's instrumented Worker). */
  script?: string;
  /** `--var NAME:VALUE` for this run only. */
  vars?: Record<string, string>;
  /** Another configuration than wrangler.jsonc (the production one the deploy rehearsal writes). */
  config?: string;
  /** How long to wait for /api/v1/health (default 120 s). */
  readyTimeoutMs?: number;
}

export interface DevServer {
  url: string;
  port: number;
  /** Stops wrangler and its workerd children; `crash` kills them at once instead of asking. */
  stop(crash?: boolean): Promise<void>;
  /** Starts it again on the same port and data. */
  start(): Promise<void>;
  /** What wrangler printed since the last start. */
  output(): string;
}

export async function startDevServer(options: DevServerOptions): Promise<DevServer> {
  // wrangler refuses a missing assets folder (wrangler.jsonc: addin/dist).
  mkdirSync(join(ROOT, "addin", "dist"), { recursive: true });
  const port = options.port ?? (await freePort());
  // The devtools inspector also takes a port (9229 unless told): two local Workers at once,
  // from two test runs or a test and `npm start`, would otherwise refuse to start.
  const inspectorPort = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let output = "";
  const args = ["dev", ...(options.script ? [options.script] : []), ...(options.config ? ["--config", options.config] : []), "--port", String(port), "--ip", "127.0.0.1",
    "--inspector-port", String(inspectorPort),
    "--persist-to", options.persist, "--show-interactive-dev-session=false",
    ...Object.entries(options.vars ?? {}).flatMap(([k, v]) => ["--var", `${k}:${v}`])];
  const server: DevServer = {
    url,
    port,
    start: async () => {
      output = "";
      const started = spawn(process.execPath, [wranglerEntry(), ...args], {
        cwd: ROOT,
        env: ENV,
        stdio: ["ignore", "pipe", "pipe"],
        // Its own process group: stopping it must reach workerd too.
        detached: true,
      });
      child = started;
      started.stdout?.on("data", (d) => (output += d));
      started.stderr?.on("data", (d) => (output += d));
      await waitHealthy(url, started, () => output, options.readyTimeoutMs ?? 120_000);
    },
    stop: async (crash = false) => {
      await stopGroup(child, crash);
      child = null;
    },
    output: () => output,
  };
  await server.start();
  return server;
}
