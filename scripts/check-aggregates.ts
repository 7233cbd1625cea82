/**
 * Recomputes every derived table of the LOCAL D1 from the stored submissions and reports each
 * difference (node, form, period, field, stored, recomputed).
 *
 *   npm run check            exit 0: no difference; 1: differences; 2: the check could not run
 *   npm run check -- --all   print every difference instead of the first 50 per check
 *   npm run check -- --persist-to <dir>   check the local D1 under <dir> (the benchmark's) instead of .wrangler/state
 *
 * The SQL is worker/src/db/consistency.ts, the same text a Worker test runs inside workerd.
 */
import { CONSISTENCY_CHECKS, type ConsistencyRow } from "../worker/src/db/consistency";
import { LATEST_STORED_REVISIONS_SQL, storedRevisionsFromRows, type StoredRevisionRow } from "../worker/src/db/revisions";
import { definitionsWithLoaded, type LoadedDefinitionRow } from "../shared/forms/loaded";
import { revalidateStored } from "../shared/forms/revalidate";
import { d1Local, explainD1Error } from "./lib/wrangler";

const SHOWN_PER_CHECK = 50;

function table(rows: readonly ConsistencyRow[]): string {
  const head = ["node", "form", "period", "field", "stored", "recomputed"] as const;
  const cells = rows.map((r) => head.map((h) => (r[h] === null ? "(không có / none)" : String(r[h]))));
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] as string).length)));
  const line = (c: readonly string[]) => ("  " + c.map((x, i) => x.padEnd(widths[i] as number)).join("  ")).trimEnd();
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n");
}

function main(argv: string[]): number {
  const all = argv.includes("--all");
  const p = argv.indexOf("--persist-to");
  const persistTo = p >= 0 ? argv[p + 1] : undefined;
  const started = Date.now();
  let results: ConsistencyRow[][];
  try {
    // One wrangler run for all checks: starting wrangler costs more than the queries.
    results = d1Local<ConsistencyRow>(CONSISTENCY_CHECKS.map((c) => c.sql).join(";\n"), persistTo);
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
      const shown = all ? rows : rows.slice(0, SHOWN_PER_CHECK);
      process.stdout.write(table(shown) + "\n");
      if (shown.length < rows.length) {
        process.stdout.write(`  … và ${rows.length - shown.length} dòng nữa / and ${rows.length - shown.length} more (--all)\n`);
      }
    }
  });
  // Every latest revision again under the definition in force for its period (built-in and
  // loaded): a definition change must be a new version from a date, never a rewrite of one
  // that periods with reports were validated against.
  let stored: [StoredRevisionRow[], LoadedDefinitionRow[]];
  try {
    stored = d1Local<StoredRevisionRow | LoadedDefinitionRow>(LATEST_STORED_REVISIONS_SQL + ";\nSELECT form_id, valid_from, definition FROM form_definitions") as [StoredRevisionRow[], LoadedDefinitionRow[]];
  } catch (e) {
    process.stderr.write(explainD1Error(e) + "\n");
    return 2;
  }
  const revisions = storedRevisionsFromRows(stored[0] ?? []);
  const problems = revalidateStored(definitionsWithLoaded(stored[1] ?? []), revisions);
  total += problems.length;
  const status = problems.length === 0 ? "khớp / consistent" : `${problems.length} sai lệch / difference(s)`;
  process.stdout.write(`Kiểm tra lại báo cáo đã lưu theo biểu mẫu của kỳ / Stored revisions re-validated under their period's definition [revisions] (${revisions.length}): ${status}\n`);
  for (const p of all ? problems : problems.slice(0, SHOWN_PER_CHECK)) {
    process.stdout.write(`  ${p.unitCode} ${p.formId} ${p.period} ${p.kind}: ${p.detail}\n`);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (total === 0) {
    process.stdout.write(`Không có sai lệch / no differences (${seconds} s)\n`);
    return 0;
  }
  process.stdout.write(`Có ${total} sai lệch / ${total} difference(s) found (${seconds} s)\n`);
  return 1;
}

process.exit(main(process.argv.slice(2)));
