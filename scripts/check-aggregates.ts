/**
 * Recomputes every derived table from the stored submissions and reports each difference
 * (node, form, period, field, stored, recomputed).
 *
 *   npm run check                          the local D1; while `npm start` serves it, through that Worker
 *   npm run check -- --persist-to <dir>    another local D1 (a restored backup, the benchmark's)
 *   npm run check -- --remote              the deployed D1 (deploy.env)
 *   npm run check -- --url <origin> --token <admin token>   through any running Worker
 *   npm run check -- --all                 every difference instead of the first 50 per check
 *
 * exit 0: no difference; 1: differences; 2: the check could not run.
 * The SQL is worker/src/db/consistency.ts, the same text the Worker runs
 * (GET /api/v1/admin/consistency) and a Worker test runs inside workerd.
 */
import { parseArgs } from "node:util";
import { CONSISTENCY_CHECKS, type ConsistencyRow } from "../worker/src/db/consistency";
import { LATEST_STORED_REVISIONS_SQL, storedRevisionsFromRows, type StoredRevisionRow } from "../worker/src/db/revisions";
import { definitionsWithLoaded, type LoadedDefinitionRow } from "../shared/forms/loaded";
import { revalidateStored } from "../shared/forms/revalidate";
import { d1Local, explainD1Error } from "./lib/wrangler";
import { TARGET_OPTIONS, TARGET_USAGE, describeTarget, targetFrom } from "./lib/target";
import { runningDevServer } from "./lib/npm-start-server";

const SHOWN_PER_CHECK = 50;

function table(rows: readonly ConsistencyRow[]): string {
  const head = ["node", "form", "period", "field", "stored", "recomputed"] as const;
  const cells = rows.map((r) => head.map((h) => (r[h] === null ? "(không có / none)" : String(r[h]))));
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] as string).length)));
  const line = (c: readonly string[]) => ("  " + c.map((x, i) => x.padEnd(widths[i] as number)).join("  ")).trimEnd();
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n");
}

/** The checks through a Worker's API: one request, the Worker's own D1 connection. */
async function viaWorker(url: string, token: string): Promise<ConsistencyRow[][]> {
  const res = await fetch(url.replace(/\/$/, "") + "/api/v1/admin/consistency", { headers: { Authorization: `Bearer ${token}` } });
  const body = (await res.json()) as { checks?: { id: string; differences: ConsistencyRow[] }[]; error?: { message: { vi: string; en: string } } };
  if (!res.ok || !body.checks) throw new Error(body.error ? `${body.error.message.vi} / ${body.error.message.en}` : `HTTP ${res.status}`);
  return CONSISTENCY_CHECKS.map((c) => body.checks?.find((x) => x.id === c.id)?.differences ?? []);
}

async function main(argv: string[]): Promise<number> {
  let values: { all?: boolean; url?: string; token?: string; help?: boolean } & Parameters<typeof targetFrom>[0];
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { all: { type: "boolean" }, url: { type: "string" }, token: { type: "string" }, help: { type: "boolean", short: "h" }, ...TARGET_OPTIONS },
      strict: true,
    }));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\nnpm run check -- [--all] [--url <origin> --token <admin token>]\n${TARGET_USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`npm run check -- [--all] [--url <origin> --token <admin token>]\n${TARGET_USAGE}\n`);
    return 0;
  }
  const started = Date.now();
  let results: ConsistencyRow[][];
  // Read only when the D1 is read directly: re-validation needs every latest revision, more
  // than the Worker's consistency route answers.
  let stored: [StoredRevisionRow[], LoadedDefinitionRow[]] | null = null;
  try {
    const defaultTarget = !values.remote && !values["persist-to"];
    const server = values.url ? null : defaultTarget ? await runningDevServer() : null;
    if (values.url) {
      if (!values.token) throw new Error("--url cần --token (mã quản trị) / --url needs --token (an administrator token)");
      process.stdout.write(`Kiểm tra qua Worker / checking through the Worker at ${values.url}\n`);
      results = await viaWorker(values.url, values.token);
    } else if (server) {
      process.stdout.write(`"npm start" đang chạy: kiểm tra qua Worker cục bộ / "npm start" is running: checking through its Worker at ${server.url}\n`);
      results = await viaWorker(server.url, server.adminToken);
    } else {
      const target = targetFrom(values);
      const where = describeTarget(target);
      process.stdout.write(`Kiểm tra ${where.vi} / checking ${where.en}\n`);
      // One wrangler run for all checks: starting wrangler costs more than the queries.
      const all = d1Local<ConsistencyRow | StoredRevisionRow | LoadedDefinitionRow>(
        CONSISTENCY_CHECKS.map((c) => c.sql).concat([LATEST_STORED_REVISIONS_SQL, "SELECT form_id, valid_from, definition FROM form_definitions"]).join(";\n"),
        target,
      );
      results = all.slice(0, CONSISTENCY_CHECKS.length) as ConsistencyRow[][];
      stored = [(all[CONSISTENCY_CHECKS.length] ?? []) as StoredRevisionRow[], (all[CONSISTENCY_CHECKS.length + 1] ?? []) as LoadedDefinitionRow[]];
    }
  } catch (e) {
    process.stderr.write(explainD1Error(e) + "\n");
    return 2;
  }
  let total = 0;
  CONSISTENCY_CHECKS.forEach((check, i) => {
    const rows = results[i] ?? [];
    total += rows.length;
    const status = rows.length === 0 ? "khớp / consistent" : `${rows.length} sai lệch / difference(s)`;
    process.stdout.write(`${check.title.vi} / ${check.title.en} [${check.id}]: ${status}\n`);
    if (rows.length > 0) {
      const shown = values.all ? rows : rows.slice(0, SHOWN_PER_CHECK);
      process.stdout.write(table(shown) + "\n");
      if (shown.length < rows.length) {
        process.stdout.write(`  … và ${rows.length - shown.length} dòng nữa / and ${rows.length - shown.length} more (--all)\n`);
      }
    }
  });
  // Every latest revision again under the definition in force for its period (built-in and
  // loaded): a definition change must be a new version from a date, never a rewrite of one
  // that periods with reports were validated against.
  if (stored) {
    const revisions = storedRevisionsFromRows(stored[0]);
    const problems = revalidateStored(definitionsWithLoaded(stored[1]), revisions);
    total += problems.length;
    const status = problems.length === 0 ? "khớp / consistent" : `${problems.length} sai lệch / difference(s)`;
    process.stdout.write(`Kiểm tra lại báo cáo đã lưu theo biểu mẫu của kỳ / Stored revisions re-validated under their period's definition [revisions] (${revisions.length}): ${status}\n`);
    for (const p of values.all ? problems : problems.slice(0, SHOWN_PER_CHECK)) {
      process.stdout.write(`  ${p.unitCode} ${p.formId} ${p.period} ${p.kind}: ${p.detail}\n`);
    }
  } else {
    process.stdout.write("Kiểm tra lại báo cáo đã lưu chỉ chạy khi đọc thẳng CSDL (không qua Worker) / stored revisions are re-validated only when the D1 is read directly (not through a Worker)\n");
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (total === 0) {
    process.stdout.write(`Không có sai lệch / no differences (${seconds} s)\n`);
    return 0;
  }
  process.stdout.write(`Có ${total} sai lệch / ${total} difference(s) found (${seconds} s)\n`);
  return 1;
}

process.exit(await main(process.argv.slice(2)));
