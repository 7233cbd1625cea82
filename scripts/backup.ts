/**
 * Exports a D1 database as SQL (schema and data, `wrangler d1 export`): the copy an operator
 * keeps outside Cloudflare. Time Travel (docs/DEPLOY.md) restores the live database to any
 * minute of the last 30 days; an export is the copy that survives the database itself.
 *
 *   npm run backup                                 the local D1 → backups/thads-local-<time>.sql
 *   npm run backup -- --remote                     the deployed D1 (deploy.env) → backups/thads-remote-<time>.sql
 *   npm run backup -- --persist-to <dir> --output <file.sql>
 *
 * Restore with `npm run restore` into an EMPTY database, then `npm run check` on it.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join } from "node:path";
import { parseArgs } from "node:util";
import { ROOT, targetArgs, wranglerInteractive, type D1Target } from "./lib/wrangler";
import { TARGET_OPTIONS, TARGET_USAGE, TargetError, describeTarget, targetFrom } from "./lib/target";
import { DeployConfigError, readBaseConfig } from "./lib/deploy-config";
import { runningDevServer } from "./lib/npm-start-server";

/**
 * `wrangler d1 export` (4.86) has no --persist-to: it reads <config dir>/.wrangler/state. For
 * another local directory, a throwaway configuration naming the same database sits in a
 * temporary folder whose .wrangler/state is a link to that directory.
 */
function withExportTarget(target: D1Target, run: (args: string[]) => number): number {
  if (target.remote || !target.persistTo) return run(targetArgs(target));
  const base = target.config ? (JSON.parse(readFileSync(target.config, "utf8")) as Record<string, unknown>) : readBaseConfig(ROOT);
  const dir = mkdtempSync(join(tmpdir(), "thads-export-"));
  try {
    mkdirSync(join(dir, ".wrangler"));
    symlinkSync(target.persistTo, join(dir, ".wrangler", "state"), "dir");
    const config = join(dir, "wrangler.json");
    writeFileSync(config, JSON.stringify({ name: "thads-export", compatibility_date: base.compatibility_date, d1_databases: base.d1_databases }));
    return run(["--local", "--config", config]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const USAGE = `npm run backup -- [--output <tệp / file>.sql]\n${TARGET_USAGE}`;

async function main(argv: string[]): Promise<number> {
  try {
    const { values } = parseArgs({ args: argv, options: { output: { type: "string" }, help: { type: "boolean", short: "h" }, ...TARGET_OPTIONS }, strict: true });
    if (values.help) {
      process.stdout.write(USAGE + "\n");
      return 0;
    }
    const target = targetFrom(values);
    const stamp = new Date().toISOString().replace(/[:.]/g, "-");
    const output = values.output ?? join("backups", `thads-${target.remote ? "remote" : "local"}-${stamp}.sql`);
    const file = isAbsolute(output) ? output : join(ROOT, output);
    mkdirSync(dirname(file), { recursive: true });
    if (!target.remote && !target.persistTo && (await runningDevServer())) {
      process.stderr.write(
        `Lưu ý: "npm start" đang chạy; nếu nó ghi trong lúc sao lưu, lệnh sẽ lỗi (SQLITE_BUSY). Dừng nó để sao lưu chắc chắn.\n` +
          `Note: "npm start" is running; a write during the export makes it fail (SQLITE_BUSY). Stop it for a reliable backup.\n`,
      );
    }
    const where = describeTarget(target);
    process.stdout.write(`Sao lưu ${where.vi} / backing up ${where.en} → ${file}\n`);
    const status = withExportTarget(target, (args) => wranglerInteractive(["d1", "export", "DB", ...args, "--output", file]));
    if (status !== 0) return 1;
    process.stdout.write(`✔ ${file} (${(statSync(file).size / 1024).toFixed(0)} KB)\n`);
    return 0;
  } catch (e) {
    process.stderr.write((e instanceof TargetError || e instanceof DeployConfigError ? e.message : String(e)) + "\n\n" + USAGE + "\n");
    return 2;
  }
}

process.exit(await main(process.argv.slice(2)));
