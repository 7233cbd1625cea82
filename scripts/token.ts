/**
 * Issues a bearer token and prints it once (only its SHA-256 is stored), in the local D1 or,
 * with --remote, in the deployed one: the way to make the FIRST administrator token of a
 * deployment (docs/DEPLOY.md), and any token without going through the API.
 *
 *   npm run token -- --role clerk --unit 52-01 --label "Nguyễn Văn A"
 *   npm run token -- --role province --unit 52 --label "Phòng Nghiệp vụ tỉnh Gia Lai"
 *   npm run token -- --remote --role admin --label "Quản trị hệ thống"     (unit defaults to VN)
 *   npm run token -- --persist-to /tmp/d1 --role admin --label "..."       (another local D1)
 *
 * The same rules as POST /api/v1/admin/tokens: a clerk belongs to an office (a regional
 * office or a province's own office), a province user to a province, national and admin to VN;
 * the token lives as long as the deployment's tokens do (13 months, or deploy.env's
 * THADS_TOKEN_LIFETIME_MONTHS through the configuration it writes) unless --last-day says otherwise. created_by is NULL (the command line,
 * not another token); the audit log records the issue with actor "cli".
 */
import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { isoDateSchema, roleSchema, tokenCreateSchema, unitCodeSchema } from "../shared/api/schemas";
import { LEVEL_OF_ROLE, NATIONAL_CODE } from "../shared/units/types";
import { chooseExpiry, lifetimeMonthsFrom } from "../shared/tokens/lifetime";
import { vietnamDateOf } from "../shared/periods/deadlines";
import { hashToken } from "./lib/hash";
import { sqlLiteral } from "./lib/sql";
import { d1Local, explainD1Error, type D1Target } from "./lib/wrangler";
import { TARGET_OPTIONS, TARGET_USAGE, TargetError, describeTarget, targetFrom } from "./lib/target";
import { DeployConfigError } from "./lib/deploy-config";

type Role = "clerk" | "head" | "province" | "national" | "admin";


const LEVEL_NAMES: Record<string, string> = {
  office: "văn phòng / phòng khu vực (office)",
  province: "tỉnh (province)",
  national: "toàn quốc (national, VN)",
};

class UsageError extends Error {}

const USAGE = `Cách dùng / usage:
  npm run token -- --role <clerk|province|national|admin> --unit <mã đơn vị / unit code> --label "<tên người giữ / holder>"
                   [--last-day YYYY-MM-DD] [--json]
${TARGET_USAGE}
Ví dụ / example:
  npm run token -- --role clerk --unit 52-01 --label "Nguyễn Văn A"
  npm run token -- --remote --role admin --label "Quản trị hệ thống"`;

interface UnitRow {
  code: string;
  name: string;
  level: string;
  reporting: number;
  valid_to: string | null;
}

interface Args {
  role: Role;
  unit: string;
  label: string;
  lastDay: string | undefined;
  json: boolean;
  target: D1Target;
}

function parse(argv: string[]): Args {
  let values: { role?: string; unit?: string; label?: string; "last-day"?: string; json?: boolean; help?: boolean } & Parameters<typeof targetFrom>[0];
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        role: { type: "string" }, unit: { type: "string" }, label: { type: "string" }, "last-day": { type: "string" },
        json: { type: "boolean" }, help: { type: "boolean", short: "h" }, ...TARGET_OPTIONS,
      },
      strict: true,
    }));
  } catch (e) {
    throw new UsageError(`Tham số không hợp lệ / invalid arguments: ${(e as Error).message}`);
  }
  if (values.help) {
    process.stdout.write(USAGE + "\n");
    process.exit(0);
  }
  const role = roleSchema.safeParse(values.role);
  if (!role.success) {
    throw new UsageError(
      values.role === undefined
        ? "Thiếu --role / missing --role (clerk, province, national, admin)."
        : `Vai trò không hợp lệ "${values.role}": chọn clerk, province, national hoặc admin.\n` +
            `Invalid role "${values.role}": use clerk, province, national or admin.`,
    );
  }
  const unit = values.unit ?? (role.data === "national" || role.data === "admin" ? NATIONAL_CODE : undefined);
  if (unit === undefined) throw new UsageError("Thiếu --unit (mã đơn vị, ví dụ 52-01) / missing --unit (unit code, e.g. 52-01).");
  if (!unitCodeSchema.safeParse(unit).success) {
    throw new UsageError(`Mã đơn vị không hợp lệ "${unit}" (ví dụ: VN, 52, 52-01).\nInvalid unit code "${unit}" (e.g. VN, 52, 52-01).`);
  }
  const body = tokenCreateSchema.safeParse({ role: role.data, unit, label: values.label ?? "" });
  if (!body.success) {
    throw new UsageError(
      "Cần --label: tên người hoặc bộ phận giữ mã, 1–200 ký tự, một dòng, để biết ai giữ mã.\n" +
        "--label is required: the person or team holding the token, 1–200 characters on one line, so that one knows who holds it.",
    );
  }
  const lastDay = values["last-day"];
  if (lastDay !== undefined && !isoDateSchema.safeParse(lastDay).success) {
    throw new UsageError(`--last-day cần dạng YYYY-MM-DD / --last-day must be YYYY-MM-DD: ${lastDay}`);
  }
  return { role: role.data, unit, label: body.data.label, lastDay, json: values.json === true, target: targetFrom(values) };
}

function checkUnit(role: Role, code: string, target: D1Target): UnitRow {
  const rows = d1Local<UnitRow>(`SELECT code, name, level, reporting, valid_to FROM units WHERE code = ${sqlLiteral(code)}`, target)[0] ?? [];
  const unit = rows[0];
  if (!unit) {
    const where = describeTarget(target);
    throw new UsageError(
      `Không có đơn vị ${code} trong ${where.vi} (nạp danh sách đơn vị trước: npm run units; hoặc "npm start" cho dữ liệu mẫu).\n` +
        `No unit ${code} in ${where.en} (load the units first: npm run units; or "npm start" for the demo data).`,
    );
  }
  const wanted = LEVEL_OF_ROLE[role];
  if (unit.level !== wanted) {
    throw new UsageError(
      `Vai trò ${role} phải gắn với đơn vị cấp ${LEVEL_NAMES[wanted]}; ${code} (${unit.name}) là cấp ${LEVEL_NAMES[unit.level] ?? unit.level}.\n` +
        `Role ${role} must be bound to a unit of level ${wanted}; ${code} (${unit.name}) is of level ${unit.level}.`,
    );
  }
  const today = new Date().toISOString().slice(0, 10);
  if (unit.valid_to !== null && unit.valid_to < today) {
    throw new UsageError(
      `Đơn vị ${code} (${unit.name}) đã ngừng hoạt động từ sau ngày ${unit.valid_to}.\n` +
        `Unit ${code} (${unit.name}) has not existed since ${unit.valid_to}.`,
    );
  }
  return unit;
}

/**
 * The lifetime the Worker of this target gives its tokens: TOKEN_LIFETIME_MONTHS of the
 * production configuration written from deploy.env (--remote, --env-file), else the default
 * (the local demo sets none).
 */
function lifetimeOf(target: D1Target): number {
  if (!target.config) return lifetimeMonthsFrom(undefined);
  const config = JSON.parse(readFileSync(target.config, "utf8")) as { vars?: Record<string, string> };
  return lifetimeMonthsFrom(config.vars?.TOKEN_LIFETIME_MONTHS);
}

function expiry(lastDay: string | undefined, now: string, target: D1Target): string {
  const choice = chooseExpiry(now, lifetimeOf(target), lastDay);
  if (choice.ok) return choice.expiresAt;
  throw new UsageError(`--last-day phải từ ${choice.earliest} đến ${choice.latest} / --last-day must be from ${choice.earliest} to ${choice.latest}.`);
}

function main(argv: string[]): number {
  try {
    const args = parse(argv);
    const unit = checkUnit(args.role, args.unit, args.target);
    // Same shape as the Worker's tokens: "thads_" + 24 random bytes, base64url.
    const token = "thads_" + randomBytes(24).toString("base64url");
    const id = randomUUID();
    const now = new Date().toISOString();
    const expiresAt = expiry(args.lastDay, now, args.target);
    const detail = JSON.stringify({ role: args.role, unit: unit.code, label: args.label, expiresAt, via: "npm run token" });
    d1Local(
      `INSERT INTO tokens (id, token_hash, role, unit_code, label, created_at, created_by, expires_at) VALUES (` +
        [id, hashToken(token), args.role, unit.code, args.label, now].map(sqlLiteral).join(", ") +
        `, NULL, ${sqlLiteral(expiresAt)});\n` +
        `INSERT INTO audit_log (at, actor, role, action, target, request_id, detail) VALUES (` +
        [now, "cli", "admin", "token.create", id, "cli-" + randomUUID(), detail].map(sqlLiteral).join(", ") +
        `)`,
      args.target,
    );
    if (args.json) {
      process.stdout.write(JSON.stringify({ id, token, role: args.role, unit: unit.code, label: args.label, expiresAt }) + "\n");
      return 0;
    }
    const where = describeTarget(args.target);
    process.stdout.write(
      [
        `Đã tạo mã truy cập / token issued (${where.vi} / ${where.en}):`,
        `  id:      ${id}`,
        `  role:    ${args.role}`,
        `  unit:    ${unit.code} — ${unit.name}`,
        `  label:   ${args.label}`,
        `  expires: ${expiresAt} (hết ngày / last day ${vietnamDateOf(expiresAt)})`,
        ``,
        `  ${token}`,
        ``,
        `Mã chỉ hiện một lần; chỉ lưu bản băm SHA-256. / Shown once; only its SHA-256 hash is stored.`,
        args.target.remote
          ? `curl -H "Authorization: Bearer ${token}" https://<tên miền / your domain>/api/v1/units`
          : `curl -H "Authorization: Bearer ${token}" http://127.0.0.1:${process.env.PORT ?? "8787"}/api/v1/units`,
        ``,
      ].join("\n"),
    );
    return 0;
  } catch (e) {
    if (e instanceof UsageError || e instanceof TargetError || e instanceof DeployConfigError) {
      process.stderr.write(e.message + "\n\n" + USAGE + "\n");
      return 2;
    }
    process.stderr.write(explainD1Error(e) + "\n");
    return 1;
  }
}

process.exit(main(process.argv.slice(2)));
