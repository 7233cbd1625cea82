import { spawnSync } from "node:child_process";

/**
 * Whether a command-line tool some tests need is installed (duk, soffice…). Outside CI a
 * missing tool skips those tests (`it.skipIf(!available)`) and says why once; in CI, which
 * installs every tool (.ci/run), a missing one throws, so the suite fails instead of
 * counting checks that never ran as passed.
 */
export function requireTool(
  tool: { command: string; args: string[]; debianPackage: string; checks: string },
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  const r = spawnSync(tool.command, tool.args, { encoding: "utf8", timeout: 60_000 });
  if (r.status === 0) return true;
  const message = `${tool.command} not found: install the Debian package ${tool.debianPackage} to run ${tool.checks} (CI installs it).`;
  if (inCi(env)) throw new Error(message);
  console.warn(`SKIPPED — ${message}`);
  return false;
}

export function inCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = env.CI;
  return v !== undefined && v !== "" && v !== "0" && v.toLowerCase() !== "false";
}
