/**
 * The production configuration, made from the tracked wrangler.jsonc and an UNTRACKED
 * environment file (deploy.env, see deploy.env.example), so that a deployment's database id,
 * domain and limits never enter the repository and nobody edits tracked files to deploy.
 *
 * The result is written to .deploy/wrangler.json (ignored by git) and every deploy-side
 * command passes it with --config. It never carries THADS_DEMO: the demo tokens stay local.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { z } from "zod";
import { MAX_TOKEN_LIFETIME_MONTHS } from "../../shared/tokens/lifetime";

/** Compressed Worker size limits (Cloudflare Workers limits, 2025). */
export const PLAN_SIZE_LIMIT_BYTES = { free: 3 * 1024 * 1024, paid: 10 * 1024 * 1024 } as const;
export type Plan = keyof typeof PLAN_SIZE_LIMIT_BYTES;

export const DEPLOY_DIR = ".deploy";
export const DEFAULT_ENV_FILE = "deploy.env";

const uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, "the database id printed by `wrangler d1 create` (a UUID)");
const hostname = z.string().regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i, "a host name such as thongke.thads.gov.vn, without https://");
const integer = (min: number, max: number) => z.string().regex(/^\d+$/, "a whole number").transform(Number).pipe(z.number().int().min(min).max(max));

const settingsSchema = z.strictObject({
  THADS_D1_DATABASE_ID: uuid,
  THADS_D1_DATABASE_NAME: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "lower-case letters, digits and '-'").default("thads"),
  THADS_WORKER_NAME: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "lower-case letters, digits and '-'").default("thads-thong-ke"),
  THADS_CUSTOM_DOMAIN: hostname.optional(),
  THADS_PLAN: z.enum(["paid", "free"]).default("paid"),
  THADS_TOKEN_LIFETIME_MONTHS: integer(1, MAX_TOKEN_LIFETIME_MONTHS).optional(),
  THADS_RATELIMIT_NAMESPACE_ADDRESS: integer(1, 2 ** 31 - 1).optional(),
  THADS_RATELIMIT_NAMESPACE_TOKEN: integer(1, 2 ** 31 - 1).optional(),
  /** Passed through to wrangler (it reads it from the environment): the account to deploy to. */
  CLOUDFLARE_ACCOUNT_ID: z.string().regex(/^[0-9a-f]{32}$/i, "32 hexadecimal characters").optional(),
});
export type DeploySettings = z.output<typeof settingsSchema>;

export class DeployConfigError extends Error {}

/** KEY=VALUE lines; "#" starts a comment line; values may be quoted. */
export function parseEnvFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  text.split(/\r?\n/).forEach((line, i) => {
    const t = line.trim();
    if (t === "" || t.startsWith("#")) return;
    const m = /^([A-Z][A-Z0-9_]*)\s*=\s*(.*)$/.exec(t);
    if (!m) throw new DeployConfigError(`dòng ${i + 1} / line ${i + 1}: cần KEY=VALUE / expected KEY=VALUE: ${t}`);
    const raw = (m[2] as string).trim();
    const value = /^(["']).*\1$/.test(raw) ? raw.slice(1, -1) : raw;
    if (value !== "") out[m[1] as string] = value;
  });
  return out;
}

export function deploySettings(vars: Record<string, string>): DeploySettings {
  if ("THADS_DEMO" in vars) {
    throw new DeployConfigError(
      "THADS_DEMO không được có trong tệp triển khai: mã mẫu chỉ dùng khi chạy thử trên máy.\n" +
        "THADS_DEMO may not appear in a deployment file: the demo tokens are for the local demo only.",
    );
  }
  const r = settingsSchema.safeParse(vars);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  ${i.path.join(".") || "(file)"}: ${i.message}`);
    throw new DeployConfigError(`Tệp triển khai chưa đúng / the deployment file is not right:\n${lines.join("\n")}`);
  }
  return r.data;
}

export function readDeploySettings(file: string): DeploySettings {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    throw new DeployConfigError(
      `Không đọc được ${file}. Sao chép deploy.env.example thành deploy.env và điền mã CSDL (docs/DEPLOY.md, bước 2).\n` +
        `Cannot read ${file}. Copy deploy.env.example to deploy.env and fill in the database id (docs/DEPLOY.md, step 2).`,
    );
  }
  return deploySettings(parseEnvFile(text));
}

type Json = Record<string, unknown>;

/** wrangler.jsonc as an object (JSON with comments and trailing commas, parsed by TypeScript's reader). */
export function readBaseConfig(root: string): Json {
  const file = join(root, "wrangler.jsonc");
  const { config, error } = ts.parseConfigFileTextToJson(file, readFileSync(file, "utf8"));
  if (error || !config || typeof config !== "object") throw new DeployConfigError(`wrangler.jsonc: ${String(error?.messageText ?? "unreadable")}`);
  return config as Json;
}

/**
 * The deployment's configuration: the tracked one with the database, name, domain, limits and
 * variables of `s`, its paths made relative to `configDir`. Nothing here can set THADS_DEMO.
 */
export function productionConfig(base: Json, s: DeploySettings, root: string, configDir: string): Json {
  const rel = (p: unknown) => relative(configDir, join(root, String(p))).split("\\").join("/");
  const config: Json = JSON.parse(JSON.stringify(base)) as Json;
  delete config.$schema;
  config.name = s.THADS_WORKER_NAME;
  config.main = rel(base.main);
  const assets = { ...(base.assets as Json) };
  assets.directory = rel(assets.directory);
  config.assets = assets;
  const [db] = base.d1_databases as Json[];
  config.d1_databases = [{ ...db, database_name: s.THADS_D1_DATABASE_NAME, database_id: s.THADS_D1_DATABASE_ID, migrations_dir: rel(db?.migrations_dir) }];
  const limits = (base.ratelimits as Json[] | undefined) ?? [];
  config.ratelimits = limits.map((r) => {
    const ns = r.name === "AUTH_FAILURES_BY_ADDRESS" ? s.THADS_RATELIMIT_NAMESPACE_ADDRESS : s.THADS_RATELIMIT_NAMESPACE_TOKEN;
    return ns === undefined ? r : { ...r, namespace_id: String(ns) };
  });
  const vars: Record<string, string> = { ...((base.vars as Record<string, string> | undefined) ?? {}) };
  delete vars.THADS_DEMO;
  if (s.THADS_TOKEN_LIFETIME_MONTHS !== undefined) vars.TOKEN_LIFETIME_MONTHS = String(s.THADS_TOKEN_LIFETIME_MONTHS);
  if (Object.keys(vars).length > 0) config.vars = vars;
  else delete config.vars;
  if (s.THADS_CUSTOM_DOMAIN) {
    // One origin for the pane, the API and the manifest; workers.dev would be a second door.
    config.routes = [{ pattern: s.THADS_CUSTOM_DOMAIN, custom_domain: true }];
    config.workers_dev = false;
  } else {
    config.workers_dev = true;
  }
  return config;
}

/** Writes .deploy/wrangler.json and returns its path. */
export function writeProductionConfig(root: string, s: DeploySettings): string {
  const dir = join(root, DEPLOY_DIR);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "wrangler.json");
  writeFileSync(file, JSON.stringify(productionConfig(readBaseConfig(root), s, root, dir), null, 2) + "\n");
  return file;
}
