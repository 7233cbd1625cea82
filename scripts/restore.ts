/**
 * Replays a backup (`npm run backup`) into an EMPTY D1: a fresh local directory to rehearse,
 * or a new database on Cloudflare named by its own env file. It refuses a database that
 * already has tables: to roll the live database back, use Time Travel (docs/DEPLOY.md).
 *
 *   npm run restore -- --file backups/x.sql --persist-to /tmp/restored
 *   npm run restore -- --file backups/x.sql --remote --env-file restored.env
 *
 * Then `npm run check` with the same target: no differences expected.
 */
import { existsSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { parseArgs } from "node:util";
import { ROOT, d1File, d1Local, explainD1Error } from "./lib/wrangler";
import { TARGET_OPTIONS, TARGET_USAGE, TargetError, describeTarget, targetFrom } from "./lib/target";
import { DeployConfigError } from "./lib/deploy-config";

const USAGE = `npm run restore -- --file <bản sao lưu / backup>.sql\n${TARGET_USAGE}`;

function main(argv: string[]): number {
  try {
    const { values } = parseArgs({ args: argv, options: { file: { type: "string" }, help: { type: "boolean", short: "h" }, ...TARGET_OPTIONS }, strict: true });
    if (values.help) {
      process.stdout.write(USAGE + "\n");
      return 0;
    }
    if (!values.file) throw new TargetError("Thiếu --file / missing --file");
    const file = isAbsolute(values.file) ? values.file : join(ROOT, values.file);
    if (!existsSync(file)) throw new TargetError(`Không có tệp / no such file: ${file}`);
    const target = targetFrom(values);
    const where = describeTarget(target);
    const [tables] = d1Local<{ name: string }>(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'`,
      target,
    );
    if ((tables ?? []).length > 0) {
      process.stderr.write(
        `${where.vi} đã có bảng (${(tables ?? []).map((t) => t.name).join(", ")}): chỉ khôi phục vào CSDL trống. Muốn quay CSDL đang chạy về thời điểm trước, dùng Time Travel.\n` +
          `${where.en} already has tables: restore only into an empty database. To roll the live database back, use Time Travel.\n`,
      );
      return 1;
    }
    const started = Date.now();
    process.stdout.write(`Khôi phục / restoring ${file} → ${where.en}\n`);
    d1File(file, target);
    process.stdout.write(`✔ ${((Date.now() - started) / 1000).toFixed(1)} s. Kiểm tra / now check: npm run check -- ${process.argv.slice(2).filter((a, i, all) => a !== "--file" && all[i - 1] !== "--file").join(" ")}\n`);
    return 0;
  } catch (e) {
    if (e instanceof TargetError || e instanceof DeployConfigError) {
      process.stderr.write(e.message + "\n\n" + USAGE + "\n");
      return 2;
    }
    process.stderr.write(explainD1Error(e) + "\n");
    return 1;
  }
}

process.exit(main(process.argv.slice(2)));
