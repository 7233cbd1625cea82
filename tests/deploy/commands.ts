/**
 * The commands of docs/DEPLOY.md as an operator types them (`npm run <script> -- …`), and a
 * local Worker started with a given configuration, for the deployment rehearsal.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startDevServer } from "../../scripts/lib/dev-server";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const require = createRequire(import.meta.url);
const WRANGLER = join(dirname(require.resolve("wrangler/package.json")), "bin", "wrangler.js");
export const ENV = { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" };

export interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** A command in the repository, to completion, with what it printed. */
function runToEnd(command: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** `npm run <script> -- <args>`, as the operator types it. */
export function npmRun(script: string, args: readonly string[], env: NodeJS.ProcessEnv = ENV): Promise<Ran> {
  return runToEnd("npm", ["run", "--silent", script, "--", ...args], env);
}

/** `wrangler <args>` with the installed wrangler. */
export function wrangler(args: readonly string[]): Promise<Ran> {
  return runToEnd(process.execPath, [WRANGLER, ...args], ENV);
}

export interface RunningWorker {
  url: string;
  stop(): Promise<void>;
}

/** `wrangler dev` with this configuration and local D1 directory, in its own process group. */
export async function startWorker(config: string, persistTo: string): Promise<RunningWorker> {
  const server = await startDevServer({ config, persist: persistTo, readyTimeoutMs: 180_000 });
  return { url: server.url, stop: () => server.stop() };
}
