import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (scripts/lib/ → ../..): wrangler reads wrangler.jsonc from there. */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The installed wrangler's entry point, run with this Node: no npx lookup, no network, no shell quoting. */
export function wranglerEntry(): string {
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve("wrangler/package.json");
  const pkg = require(pkgPath) as { bin: Record<string, string> };
  return join(dirname(pkgPath), pkg.bin["wrangler"] ?? "bin/wrangler.js");
}

export class D1CommandError extends Error {}

/**
 * Which D1 a script works on: the local one `npm start` serves (or another local directory,
 * --persist-to), or the deployed one (--remote, through the production configuration that
 * scripts/lib/deploy-config.ts writes from deploy.env).
 */
export type D1Target =
  /** `config`: the production configuration run locally (the deploy rehearsal); its database id names the local file. */
  | { remote: false; persistTo?: string; config?: string }
  | { remote: true; config: string };
export const LOCAL: D1Target = { remote: false };

/** The wrangler flags that select the target. */
export function targetArgs(t: D1Target): string[] {
  if (t.remote) return ["--remote", "--config", t.config];
  return [
    "--local",
    ...(t.persistTo ? ["--persist-to", t.persistTo] : []),
    ...(t.config ? ["--config", t.config] : []),
  ];
}

/** Telemetry and update checks fail offline anyway; CI=true answers wrangler's confirmations (it has no --yes). */
export function wranglerEnv(): NodeJS.ProcessEnv {
  return { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" };
}

/**
 * Runs SQL against a D1 (by default the LOCAL one `npm start` serves) and returns the rows of
 * each statement. Statements are separated by ";"; there are no bound parameters, so callers
 * quote values with sqlLiteral.
 */
export function d1Local<T = Record<string, unknown>>(sql: string, target: D1Target = LOCAL): T[][] {
  return d1Run<T>(["--command", sql], target);
}

/** Runs a file of SQL statements against a D1 and returns the rows of each. */
export function d1File<T = Record<string, unknown>>(file: string, target: D1Target = LOCAL): T[][] {
  return d1Run<T>(["--file", file], target);
}

function d1Run<T>(what: string[], target: D1Target): T[][] {
  const r = spawnSync(process.execPath, [wranglerEntry(), "d1", "execute", "DB", ...targetArgs(target), "--json", ...what], {
    cwd: ROOT,
    env: wranglerEnv(),
    encoding: "utf8",
    maxBuffer: 512 * 1024 * 1024,
  });
  if (r.error) throw new D1CommandError(`wrangler could not be started: ${r.error.message}`);
  const parsed = parseJson(r.stdout) ?? parseJson(r.stderr);
  if (r.status !== 0 || !Array.isArray(parsed)) {
    const text = errorText(parsed) ?? (r.stderr || r.stdout).trim().split("\n").slice(-5).join("\n");
    throw new D1CommandError(text || `wrangler d1 execute exited with ${r.status}`);
  }
  return (parsed as { results?: T[] }[]).map((x) => x.results ?? []);
}

function parseJson(text: string | null): unknown {
  if (!text) return null;
  const start = text.search(/[[{]/);
  if (start < 0) return null;
  try {
    return JSON.parse(text.slice(start));
  } catch {
    return null;
  }
}

function errorText(parsed: unknown): string | null {
  if (parsed && typeof parsed === "object" && "error" in parsed) {
    const e = (parsed as { error?: { text?: unknown } }).error;
    if (e && typeof e.text === "string") return e.text;
  }
  return null;
}

/** "no such table: units" means the migrations were never applied to the local D1. */
export function explainD1Error(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  if (/no such table/i.test(text)) {
    return (
      `CSDL cục bộ chưa được khởi tạo (${text}). Chạy "npm start" một lần trước.\n` +
      `The local database is not set up (${text}). Run "npm start" once first.`
    );
  }
  if (/SQLITE_BUSY|database is locked/i.test(text)) {
    return (
      `CSDL cục bộ đang được "npm start" ghi (${text}). Dừng "npm start" rồi chạy lại.\n` +
      `The local database is being written by "npm start" (${text}). Stop it and run this again.`
    );
  }
  return `Lỗi khi truy vấn CSDL / database error: ${text}`;
}

/** Runs wrangler with the terminal attached (deploy, migrations, export): returns its exit code. */
export function wranglerInteractive(args: string[], env: NodeJS.ProcessEnv = wranglerEnv()): number {
  const r = spawnSync(process.execPath, [wranglerEntry(), ...args], { cwd: ROOT, env, stdio: "inherit" });
  if (r.error) throw new D1CommandError(`wrangler could not be started: ${r.error.message}`);
  return r.status ?? 1;
}

/** Runs wrangler quietly and returns what it printed (stdout and stderr), and its exit code. */
export function wranglerQuiet(args: string[], env: NodeJS.ProcessEnv = wranglerEnv()): { status: number; output: string } {
  const r = spawnSync(process.execPath, [wranglerEntry(), ...args], { cwd: ROOT, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw new D1CommandError(`wrangler could not be started: ${r.error.message}`);
  return { status: r.status ?? 1, output: (r.stdout ?? "") + (r.stderr ?? "") };
}
