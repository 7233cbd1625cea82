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
 * Runs SQL against the LOCAL D1 (the one `npm start` serves, or the one under `persistTo`) and returns the rows of each
 * statement. Statements are separated by ";"; there are no bound parameters, so callers
 * quote values with sqlLiteral.
 */
export function d1Local<T = Record<string, unknown>>(sql: string, persistTo?: string): T[][] {
  const where = persistTo ? ["--persist-to", persistTo] : [];
  const r = spawnSync(process.execPath, [wranglerEntry(), "d1", "execute", "DB", "--local", ...where, "--json", "--command", sql], {
    cwd: ROOT,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
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
  return `Lỗi khi truy vấn CSDL cục bộ / local database error: ${text}`;
}
