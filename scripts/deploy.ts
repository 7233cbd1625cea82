/**
 * npm run deploy: the Worker, its static task pane and its database schema to Cloudflare,
 * configured by an UNTRACKED deploy.env (docs/DEPLOY.md). Nothing tracked is edited.
 *
 *   npm run deploy                                  build, bundle, check the size, migrate the remote D1, deploy
 *   npm run deploy -- --dry-run                     build and bundle offline, check the size, deploy nothing
 *   npm run deploy -- --env-file <file> [--outdir <dir>] [--skip-build]   (--skip-build: addin/dist is fresh, as in CI)
 *
 * Steps: 1. read deploy.env and write .deploy/wrangler.json (never with THADS_DEMO);
 * 2. build the task pane (addin/dist); 3. `wrangler deploy --dry-run --outdir` bundles the
 * Worker exactly as a deploy would, offline, and its gzipped size is checked against the
 * plan's limit; then, unless --dry-run: 4. `wrangler d1 migrations apply DB --remote`;
 * 5. `wrangler deploy`.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { isAbsolute, join } from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import {
  DEFAULT_ENV_FILE,
  DeployConfigError,
  PLAN_SIZE_LIMIT_BYTES,
  readDeploySettings,
  writeProductionConfig,
  type DeploySettings,
} from "./lib/deploy-config";
import { ROOT, wranglerInteractive, wranglerQuiet } from "./lib/wrangler";

const USAGE = `npm run deploy -- [--dry-run] [--env-file deploy.env] [--outdir <thư mục / dir>] [--skip-build]`;
/** The placeholder id of deploy.env.example: fine for a dry run, never for a deployment. */
const PLACEHOLDER_ID = "00000000-0000-4000-8000-000000000000";

const kb = (n: number) => (n / 1024).toFixed(1) + " KiB";

function step(title: string): void {
  process.stdout.write(`\n▶ ${title}\n`);
}

interface BundleSize {
  bytes: number;
  gzip: number;
  files: string[];
}

/** The modules wrangler would upload (source maps stay behind), raw and gzipped as Cloudflare counts them. */
function measureBundle(dir: string): BundleSize {
  const files = readdirSync(dir).filter((f) => /\.(m?js|wasm|bin|txt|html|ttf)$/.test(f) && statSync(join(dir, f)).isFile());
  let bytes = 0;
  let gzip = 0;
  for (const f of files) {
    const buf = readFileSync(join(dir, f));
    bytes += buf.length;
    gzip += gzipSync(buf, { level: 9 }).length;
  }
  return { bytes, gzip, files };
}

function main(argv: string[]): number {
  let values: { "dry-run"?: boolean; "env-file"?: string; outdir?: string; "skip-build"?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        "dry-run": { type: "boolean" }, "env-file": { type: "string" }, outdir: { type: "string" }, "skip-build": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(USAGE + "\n");
    return 0;
  }
  const dryRun = values["dry-run"] === true;
  const envFile = values["env-file"] ?? DEFAULT_ENV_FILE;

  step(`1. Cấu hình triển khai / deployment configuration (${envFile})`);
  let settings: DeploySettings;
  let config: string;
  try {
    settings = readDeploySettings(isAbsolute(envFile) ? envFile : join(ROOT, envFile));
    if (!dryRun && settings.THADS_D1_DATABASE_ID === PLACEHOLDER_ID) {
      throw new DeployConfigError(
        "THADS_D1_DATABASE_ID vẫn là mã mẫu: tạo CSDL (npx wrangler d1 create thads --location apac) và chép mã của nó vào deploy.env.\n" +
          "THADS_D1_DATABASE_ID is still the placeholder: create the database (npx wrangler d1 create thads --location apac) and put its id in deploy.env.",
      );
    }
    config = writeProductionConfig(ROOT, settings);
  } catch (e) {
    process.stderr.write((e instanceof Error ? e.message : String(e)) + "\n");
    return 2;
  }
  if (settings.CLOUDFLARE_ACCOUNT_ID) process.env.CLOUDFLARE_ACCOUNT_ID = settings.CLOUDFLARE_ACCOUNT_ID;
  const limit = PLAN_SIZE_LIMIT_BYTES[settings.THADS_PLAN];
  process.stdout.write(
    `  Worker ${settings.THADS_WORKER_NAME}, D1 ${settings.THADS_D1_DATABASE_NAME} (${settings.THADS_D1_DATABASE_ID}), ` +
      `${settings.THADS_CUSTOM_DOMAIN ? "https://" + settings.THADS_CUSTOM_DOMAIN : "workers.dev"}, plan ${settings.THADS_PLAN}\n  → ${config}\n`,
  );

  step("2. Dựng ngăn tác vụ / build the task pane (addin/dist)");
  if (values["skip-build"] && existsSync(join(ROOT, "addin", "dist", "taskpane.html"))) process.stdout.write("  --skip-build: addin/dist as it is\n");
  else execFileSync(process.execPath, [join(ROOT, "addin", "build.mjs")], { cwd: ROOT, stdio: "inherit" });

  step("3. Đóng gói Worker, ngoại tuyến / bundle the Worker offline (wrangler deploy --dry-run)");
  const outdir = values.outdir ? (isAbsolute(values.outdir) ? values.outdir : join(ROOT, values.outdir)) : mkdtempSync(join(tmpdir(), "thads-bundle-"));
  const dry = wranglerQuiet(["deploy", "--dry-run", "--outdir", outdir, "--config", config]);
  if (dry.status !== 0) {
    process.stderr.write(dry.output.slice(-4000) + "\n");
    return 1;
  }
  const wranglerLine = /Total Upload: [^\n]*/.exec(dry.output)?.[0];
  const size = measureBundle(outdir);
  process.stdout.write(
    `  ${size.files.join(", ")}: ${kb(size.bytes)}, gzip ${kb(size.gzip)} (giới hạn gói / plan limit ${settings.THADS_PLAN}: ${kb(limit)} gzip)\n` +
      (wranglerLine ? `  wrangler: ${wranglerLine}\n` : ""),
  );
  if (/THADS_DEMO/.test(dry.output)) {
    process.stderr.write("✘ THADS_DEMO xuất hiện trong cấu hình triển khai / THADS_DEMO appears in the deployment's bindings.\n");
    return 1;
  }
  if (size.gzip > limit) {
    process.stderr.write(`✘ Worker nén ${kb(size.gzip)} vượt giới hạn ${kb(limit)} của gói ${settings.THADS_PLAN} / the compressed Worker is over the ${settings.THADS_PLAN} plan's limit.\n`);
    return 1;
  }
  if (dryRun) {
    process.stdout.write(`\n✔ Chạy thử xong, không triển khai gì / dry run done, nothing deployed (bundle in ${outdir}).\n`);
    return 0;
  }

  step("4. Áp dụng migration vào D1 trên Cloudflare / apply the migrations to the remote D1");
  if (wranglerInteractive(["d1", "migrations", "apply", "DB", "--remote", "--config", config]) !== 0) return 1;

  step("5. Triển khai / deploy (Worker + task pane)");
  if (wranglerInteractive(["deploy", "--config", config]) !== 0) return 1;

  const origin = settings.THADS_CUSTOM_DOMAIN ? `https://${settings.THADS_CUSTOM_DOMAIN}` : "https://<tên Worker>.<tài khoản>.workers.dev";
  process.stdout.write(`
✔ Đã triển khai / deployed: ${origin}
Tiếp theo / next (docs/DEPLOY.md):
  npm run units -- --remote --file donvi.csv                       danh sách đơn vị / the organisation (first deployment)
  npm run token -- --remote --role admin --label "Quản trị hệ thống"   mã quản trị đầu tiên / the first administrator token
  npm run manifest -- ${origin}                                     manifest.xml cho Excel / for Excel
  npm run backup -- --remote                                        sao lưu / a backup
`);
  return 0;
}

process.exit(main(process.argv.slice(2)));
