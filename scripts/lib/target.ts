/**
 * The flags every database script shares (token, check, backup, restore, units):
 *
 *   (none) / --local        the local D1 that `npm start` serves (.wrangler/state)
 *   --persist-to <dir>      another local D1 (a restore rehearsal, a test)
 *   --remote                the deployed D1, through deploy.env (--env-file <file> for another)
 */
import { isAbsolute, join } from "node:path";
import { DEFAULT_ENV_FILE, readDeploySettings, writeProductionConfig } from "./deploy-config";
import { ROOT, type D1Target } from "./wrangler";

export const TARGET_OPTIONS = {
  local: { type: "boolean" },
  remote: { type: "boolean" },
  "persist-to": { type: "string" },
  "env-file": { type: "string" },
} as const;

export interface TargetValues {
  local?: boolean;
  remote?: boolean;
  "persist-to"?: string;
  "env-file"?: string;
}

export class TargetError extends Error {}

export const TARGET_USAGE = `  --local (mặc định / default) | --persist-to <thư mục / dir> | --remote [--env-file deploy.env]`;

/** The production configuration written from an env file (default deploy.env). */
export function productionConfigFrom(envFile: string | undefined): string {
  const file = envFile ?? DEFAULT_ENV_FILE;
  const settings = readDeploySettings(isAbsolute(file) ? file : join(ROOT, file));
  if (settings.CLOUDFLARE_ACCOUNT_ID) process.env.CLOUDFLARE_ACCOUNT_ID = settings.CLOUDFLARE_ACCOUNT_ID;
  return writeProductionConfig(ROOT, settings);
}

/**
 * The D1 the flags name. --remote writes the production configuration from the env file;
 * --persist-to with --env-file is the production configuration run locally (the rehearsal of
 * docs/DEPLOY.md): its database id, not the development one, names the local file.
 */
export function targetFrom(values: TargetValues): D1Target {
  if (values.remote && (values.local || values["persist-to"])) {
    throw new TargetError("--remote không đi cùng --local hay --persist-to / --remote excludes --local and --persist-to.");
  }
  if (values.remote) return { remote: true, config: productionConfigFrom(values["env-file"]) };
  const dir = values["persist-to"];
  const config = values["env-file"] ? productionConfigFrom(values["env-file"]) : undefined;
  return {
    remote: false,
    ...(dir ? { persistTo: isAbsolute(dir) ? dir : join(ROOT, dir) } : {}),
    ...(config ? { config } : {}),
  };
}

/** "the local D1", "the local D1 in /tmp/x", "the deployed D1": for the scripts' messages. */
export function describeTarget(t: D1Target): { vi: string; en: string } {
  if (t.remote) return { vi: "CSDL trên Cloudflare", en: "the deployed D1" };
  return t.persistTo
    ? { vi: `CSDL cục bộ ở ${t.persistTo}`, en: `the local D1 in ${t.persistTo}` }
    : { vi: "CSDL cục bộ", en: "the local D1" };
}
