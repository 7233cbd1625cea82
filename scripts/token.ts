/**
 * Issues a bearer token in the LOCAL D1 and prints it once (only its SHA-256 is stored).
 *
 *   npm run token -- --role clerk --unit 52-01 --label "Nguyễn Văn A"
 *   npm run token -- --role province --unit 52 --label "Phòng Nghiệp vụ tỉnh Gia Lai"
 *   npm run token -- --role national --label "Cục Quản lý THADS"      (unit defaults to VN)
 *
 * The same rules as POST /api/v1/admin/tokens: a clerk belongs to an office (a regional
 * office or a province's own office), a province user to a province, national and admin to VN.
 * created_by is NULL: the token was issued from the command line, not by another token.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { roleSchema, tokenCreateSchema, unitCodeSchema } from "../shared/api/schemas";
import { NATIONAL_CODE } from "../shared/units/types";
import { hashToken } from "./lib/hash";
import { sqlLiteral } from "./lib/sql";
import { d1Local, explainD1Error } from "./lib/wrangler";

type Role = "clerk" | "head" | "province" | "national" | "admin";

/** The unit level each role is bound to (as worker/src/routes/admin ROLE_LEVEL). */
const LEVEL_OF_ROLE: Record<Role, string> = { clerk: "office", head: "office", province: "province", national: "national", admin: "national" };

const LEVEL_NAMES: Record<string, string> = {
  office: "văn phòng / phòng khu vực (office)",
  province: "tỉnh (province)",
  national: "toàn quốc (national, VN)",
};

class UsageError extends Error {}

const USAGE = `Cách dùng / usage:
  npm run token -- --role <clerk|province|national|admin> --unit <mã đơn vị / unit code> --label "<tên người giữ / holder>"
Ví dụ / example:
  npm run token -- --role clerk --unit 52-01 --label "Nguyễn Văn A"`;

interface UnitRow {
  code: string;
  name: string;
  level: string;
  reporting: number;
  valid_to: string | null;
}

function parse(argv: string[]): { role: Role; unit: string; label: string } {
  let values: { role?: string; unit?: string; label?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { role: { type: "string" }, unit: { type: "string" }, label: { type: "string" }, help: { type: "boolean", short: "h" } },
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
      "Cần --label: tên người hoặc bộ phận giữ mã, 1–200 ký tự, để biết ai giữ mã.\n" +
        "--label is required: the person or team holding the token, 1–200 characters, so that one knows who holds it.",
    );
  }
  return { role: role.data, unit, label: body.data.label };
}

function checkUnit(role: Role, code: string): UnitRow {
  const rows = d1Local<UnitRow>(`SELECT code, name, level, reporting, valid_to FROM units WHERE code = ${sqlLiteral(code)}`)[0] ?? [];
  const unit = rows[0];
  if (!unit) {
    throw new UsageError(
      `Không có đơn vị ${code} trong CSDL cục bộ (chạy "npm start" để nạp dữ liệu mẫu).\n` +
        `No unit ${code} in the local database (run "npm start" to load the demo data).`,
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

function main(argv: string[]): number {
  try {
    const args = parse(argv);
    const unit = checkUnit(args.role, args.unit);
    // Same shape as the Worker's tokens: "thads_" + 24 random bytes, base64url.
    const token = "thads_" + randomBytes(24).toString("base64url");
    const id = randomUUID();
    const now = new Date().toISOString();
    d1Local(
      `INSERT INTO tokens (id, token_hash, role, unit_code, label, created_at, created_by) VALUES (` +
        [id, hashToken(token), args.role, unit.code, args.label, now].map(sqlLiteral).join(", ") +
        `, NULL)`,
    );
    process.stdout.write(
      [
        `Đã tạo mã truy cập / token issued (local D1):`,
        `  id:     ${id}`,
        `  role:   ${args.role}`,
        `  unit:   ${unit.code} — ${unit.name}`,
        `  label:  ${args.label}`,
        ``,
        `  ${token}`,
        ``,
        `Mã chỉ hiện một lần; chỉ lưu bản băm SHA-256. / Shown once; only its SHA-256 hash is stored.`,
        `curl -H "Authorization: Bearer ${token}" http://127.0.0.1:${process.env.PORT ?? "8787"}/api/v1/units`,
        ``,
      ].join("\n"),
    );
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(e.message + "\n\n" + USAGE + "\n");
      return 2;
    }
    process.stderr.write(explainD1Error(e) + "\n");
    return 1;
  }
}

process.exit(main(process.argv.slice(2)));
