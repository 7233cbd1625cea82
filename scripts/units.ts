/**
 * Loads the organisation (the country, the provinces, their own offices and regional offices)
 * into a D1 from a CSV file: the first step of a deployment, before any token can be issued
 * (a token is bound to a unit). The rules are those of PUT /api/v1/admin/units: the same
 * schema for each row and the hierarchy rules of shared/units, applied to the whole list.
 *
 *   npm run units -- --template > donvi.csv      VN, 34 provinces, their own offices and the demo
 *                                                 regional offices: a starting point to correct
 *   npm run units -- --file donvi.csv             into the local D1
 *   npm run units -- --file donvi.csv --remote    into the deployed D1 (deploy.env)
 *
 * CSV (UTF-8, RFC 4180, a header row): code,name,kind,parent_code,valid_from,valid_to,successor_code
 * A unit already in the database is updated in place; a unit that has reports cannot move to
 * another parent (close it with valid_to and name a successor instead). Audited as actor "cli".
 */
import { randomUUID } from "node:crypto";
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { unitUpsertSchema } from "../shared/api/schemas";
import { generateDemoUnits } from "../shared/units/demo";
import { problemsIntroduced, unitFromInput, type UnitInput } from "../shared/units/hierarchy";
import { describeHierarchyProblem } from "../shared/units/problem-messages";
import type { Unit } from "../shared/units/types";
import { csvCell, csvRecord, parseCsv } from "../shared/text/csv";
import { sqlLiteral } from "./lib/sql";
import { d1File, d1Local, explainD1Error, type D1Target } from "./lib/wrangler";
import { TARGET_OPTIONS, TARGET_USAGE, TargetError, describeTarget, targetFrom } from "./lib/target";
import { DeployConfigError } from "./lib/deploy-config";

const COLUMNS = ["code", "name", "kind", "parent_code", "valid_from", "valid_to", "successor_code"] as const;
const USAGE = `npm run units -- --template > donvi.csv\nnpm run units -- --file donvi.csv\n${TARGET_USAGE}`;

class InputError extends Error {}

function template(): string {
  const lines = [csvRecord([...COLUMNS])];
  for (const u of generateDemoUnits()) {
    lines.push(csvRecord([u.code, u.name, u.kind, u.parentCode, u.validFrom, u.validTo, u.successorCode].map((v) => csvCell(v))));
  }
  return lines.join("\r\n") + "\r\n";
}

/** The rows of the file as the API would parse them; every problem, with its line number. */
function readInputs(file: string): UnitInput[] {
  const rows = parseCsv(readFileSync(file, "utf8"), { skipBlankLines: true });
  const header = (rows.shift() ?? []).map((h) => h.trim());
  if (COLUMNS.some((c, i) => header[i] !== c)) {
    throw new InputError(`Dòng tiêu đề phải là / the header row must be: ${COLUMNS.join(",")}`);
  }
  const problems: string[] = [];
  const inputs: UnitInput[] = [];
  rows.forEach((cells, i) => {
    const empty = (v: string | undefined) => (v === undefined || v.trim() === "" ? null : v.trim());
    const r = unitUpsertSchema.safeParse({
      code: (cells[0] ?? "").trim(), name: cells[1] ?? "", kind: (cells[2] ?? "").trim(), parentCode: empty(cells[3]),
      validFrom: (cells[4] ?? "").trim(), validTo: empty(cells[5]), successorCode: empty(cells[6]),
    });
    if (r.success) inputs.push(r.data);
    else for (const issue of r.error.issues) problems.push(`  dòng / line ${i + 2}, ${issue.path.join(".")}: ${issue.message}`);
  });
  if (problems.length > 0) throw new InputError(`Tệp có lỗi, chưa nạp gì / the file has errors, nothing loaded:\n${problems.join("\n")}`);
  return inputs;
}

/** Parents before children: a unit's path is built from its parent's. */
function resolve(inputs: readonly UnitInput[], existing: readonly Unit[]): Unit[] {
  const byCode = new Map(existing.map((u) => [u.code, u]));
  const pending = inputs.slice();
  const out: Unit[] = [];
  while (pending.length > 0) {
    const ready = pending.findIndex((u) => u.parentCode === null || byCode.has(u.parentCode));
    if (ready < 0) {
      throw new InputError(pending.map((u) => `  ${u.code}: không có đơn vị cấp trên / no parent unit ${u.parentCode}`).join("\n"));
    }
    const input = pending.splice(ready, 1)[0] as UnitInput;
    const unit = unitFromInput(input, input.parentCode === null ? null : (byCode.get(input.parentCode) as Unit).path);
    byCode.set(unit.code, unit);
    out.push(unit);
  }
  return out;
}

interface Row {
  code: string; name: string; kind: Unit["kind"]; level: Unit["level"]; parent_code: string | null; path: string;
  reporting: number; valid_from: string; valid_to: string | null; successor_code: string | null;
}

function load(file: string, target: D1Target): number {
  const inputs = readInputs(file);
  const [rows, reported] = d1Local<Record<string, unknown>>(
    `SELECT code, name, kind, level, parent_code, path, reporting, valid_from, valid_to, successor_code FROM units;
     SELECT DISTINCT unit_code FROM latest_revisions`,
    target,
  );
  const existing: Unit[] = ((rows ?? []) as unknown as Row[]).map((r) => ({
    code: r.code, name: r.name, kind: r.kind, level: r.level, parentCode: r.parent_code, path: r.path, reporting: r.reporting === 1,
    validFrom: r.valid_from, validTo: r.valid_to, successorCode: r.successor_code,
  }));
  const units = resolve(inputs, existing);
  const codes = new Set(units.map((u) => u.code));
  const after = existing.filter((u) => !codes.has(u.code)).concat(units);
  const problems = problemsIntroduced(existing, after);
  const withReports = new Set(((reported ?? []) as { unit_code: string }[]).map((r) => r.unit_code));
  const moved = units.filter((u) => {
    const before = existing.find((e) => e.code === u.code);
    return before !== undefined && before.path !== u.path && existing.some((e) => e.path.startsWith(before.path) && withReports.has(e.code));
  });
  if (problems.length > 0 || moved.length > 0) {
    const lines = problems.map((p) => `  ${describeHierarchyProblem(p).vi}\n  ${describeHierarchyProblem(p).en}`);
    for (const u of moved) lines.push(`  ${u.code}: đã có báo cáo, không chuyển đơn vị cấp trên được / has reports and cannot move to another parent`);
    throw new InputError(`Danh sách đơn vị không hợp lệ, chưa nạp gì / the unit list is not valid, nothing loaded:\n${lines.join("\n")}`);
  }
  const now = new Date().toISOString();
  const requestId = "cli-" + randomUUID();
  const sql = units.map((u) =>
    `INSERT INTO units (code, name, kind, level, parent_code, path, reporting, valid_from, valid_to, successor_code) VALUES (` +
    [u.code, u.name, u.kind, u.level, u.parentCode, u.path, u.reporting ? 1 : 0, u.validFrom, u.validTo, u.successorCode].map(sqlLiteral).join(", ") +
    `) ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind, level = excluded.level, parent_code = excluded.parent_code,
       path = excluded.path, reporting = excluded.reporting, valid_from = excluded.valid_from, valid_to = excluded.valid_to, successor_code = excluded.successor_code;\n` +
    `INSERT INTO audit_log (at, actor, role, action, target, request_id, detail) VALUES (` +
    [now, "cli", "admin", "unit.upsert", u.code, requestId, JSON.stringify({ ...u, via: "npm run units" })].map(sqlLiteral).join(", ") + `);`,
  );
  const dir = mkdtempSync(join(tmpdir(), "thads-units-"));
  try {
    const sqlFile = join(dir, "units.sql");
    writeFileSync(sqlFile, sql.join("\n") + "\n");
    d1File(sqlFile, target);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const where = describeTarget(target);
  const offices = units.filter((u) => u.reporting).length;
  process.stdout.write(`✔ ${units.length} đơn vị (${offices} đơn vị báo cáo) đã nạp vào ${where.vi} / ${units.length} units (${offices} reporting) loaded into ${where.en}\n`);
  return 0;
}

function main(argv: string[]): number {
  try {
    const { values } = parseArgs({
      args: argv,
      options: { template: { type: "boolean" }, file: { type: "string" }, help: { type: "boolean", short: "h" }, ...TARGET_OPTIONS },
      strict: true,
    });
    if (values.help) {
      process.stdout.write(USAGE + "\n");
      return 0;
    }
    if (values.template) {
      process.stdout.write(template());
      process.stderr.write(
        "Mẫu: 34 tỉnh thật (shared/units/provinces.json), số phòng khu vực là số mẫu — sửa theo danh sách thật của từng tỉnh.\n" +
          "Template: the 34 real provinces; the regional offices are demo ones — correct them from each province's real list.\n",
      );
      return 0;
    }
    if (!values.file) throw new InputError("Cần --file hoặc --template / --file or --template is required.");
    return load(values.file, targetFrom(values));
  } catch (e) {
    if (e instanceof InputError || e instanceof TargetError || e instanceof DeployConfigError) {
      process.stderr.write(e.message + "\n\n" + USAGE + "\n");
      return 2;
    }
    if (e instanceof Error && /ERR_PARSE_ARGS/.test(String((e as { code?: string }).code))) {
      process.stderr.write(e.message + "\n\n" + USAGE + "\n");
      return 2;
    }
    process.stderr.write(explainD1Error(e) + "\n");
    return 1;
  }
}

process.exit(main(process.argv.slice(2)));
