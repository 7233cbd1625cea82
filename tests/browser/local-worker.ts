/**
 * A real local Worker for the headless-browser check: `wrangler dev` in its own process
 * group, with its own D1 under a temporary --persist-to directory (the developer's
 * .wrangler/state is never touched), migrated and seeded through `wrangler d1 execute`.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { executeFile, migrate, startDevServer } from "../../scripts/lib/dev-server";

export function sha256Hex(s: string): string {
  return createHash("sha256").update(s, "utf8").digest("hex");
}

const q = (s: string) => "'" + s.replace(/'/g, "''") + "'";

export interface SeedUnit {
  code: string;
  name: string;
  kind: "national" | "province" | "province_office" | "regional_office";
  level: "national" | "province" | "office";
  parent: string | null;
  path: string;
  reporting: boolean;
}

/** The country, Gia Lai and its regional office 1: the smallest hierarchy a clerk's report rolls up through. */
export const CLERK_52_01_UNITS: SeedUnit[] = [
  { code: "VN", name: "Cục Quản lý thi hành án dân sự", kind: "national", level: "national", parent: null, path: "/VN/", reporting: false },
  { code: "52", name: "THADS tỉnh Gia Lai", kind: "province", level: "province", parent: "VN", path: "/VN/52/", reporting: false },
  { code: "52-01", name: "Phòng THADS khu vực 1 - Gia Lai", kind: "regional_office", level: "office", parent: "52", path: "/VN/52/52-01/", reporting: true },
];

export interface Seed {
  units: SeedUnit[];
  /** `label` is the holder's name (the PDF's signers); the token itself when absent. */
  tokens: { token: string; role: "clerk" | "head" | "province" | "national" | "admin"; unit: string; label?: string }[];
  targets: { year: number; unit: string; indicator: "rate_viec" | "rate_tien"; pct: number }[];
}

export function seedSql(seed: Seed): string {
  const lines: string[] = [];
  for (const u of seed.units) {
    lines.push(
      `INSERT INTO units (code, name, kind, level, parent_code, path, reporting, valid_from, valid_to, successor_code) VALUES (` +
        [q(u.code), q(u.name), q(u.kind), q(u.level), u.parent ? q(u.parent) : "NULL", q(u.path), u.reporting ? 1 : 0, q("2019-10-01"), "NULL", "NULL"].join(", ") +
        `);`,
    );
  }
  let n = 0;
  for (const t of seed.tokens) {
    n++;
    lines.push(
      `INSERT INTO tokens (id, token_hash, role, unit_code, label, created_at) VALUES (` +
        [q("browser-test-" + n), q(sha256Hex(t.token)), q(t.role), q(t.unit), q(t.label ?? t.token), q(new Date().toISOString())].join(", ") +
        `);`,
    );
  }
  for (const t of seed.targets) {
    lines.push(
      `INSERT INTO targets (year, unit_code, indicator, target_pct, provisional, set_by, set_at) VALUES (` +
        [t.year, q(t.unit), q(t.indicator), t.pct, 0, q("browser-test"), q(new Date().toISOString())].join(", ") +
        `);`,
    );
  }
  return lines.join("\n") + "\n";
}

export interface LocalWorker {
  url: string;
  port: number;
  /** Stops wrangler and its workerd children (the whole process group). */
  stop(): Promise<void>;
  /** Starts it again on the same port and data (the "server comes back" part). */
  restart(): Promise<void>;
  /** Stops it and deletes its temporary D1. */
  dispose(): Promise<void>;
  /** What wrangler printed since it last started (an unhandled error's stack, for a failing test). */
  output(): string;
}

export async function startLocalWorker(seed: Seed): Promise<LocalWorker> {
  const persist = mkdtempSync(join(tmpdir(), "thads-browser-d1-"));
  await migrate(persist);
  const sqlFile = join(persist, "seed.sql");
  writeFileSync(sqlFile, seedSql(seed));
  await executeFile(persist, sqlFile);
  const server = await startDevServer({ persist });
  return {
    url: server.url,
    port: server.port,
    output: () => server.output(),
    stop: () => server.stop(),
    restart: async () => {
      await server.stop();
      await server.start();
    },
    dispose: async () => {
      await server.stop();
      rmSync(persist, { recursive: true, force: true });
    },
  };
}

/** GET `path` as `token` holds it, as JSON; anything but a 200 fails with the body. */
export async function getJson<T>(url: string, token: string, path: string): Promise<T> {
  const res = await fetch(url + path, { headers: { Authorization: "Bearer " + token } });
  if (res.status !== 200) throw new Error("GET " + path + ": " + res.status + " " + (await res.text()));
  return (await res.json()) as T;
}

/** Sends a report through the API as its clerk would (the Worker validates it and updates the totals). */
export async function submitReport(
  url: string,
  token: string,
  body: { id: string; unit: string; form: string; period: string; values: Record<string, number> },
): Promise<void> {
  const res = await fetch(url + "/api/v1/submissions", {
    method: "POST",
    headers: { Authorization: "Bearer " + token, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error("seeding " + body.unit + " " + body.period + ": " + res.status + " " + (await res.text()));
}

/**
 * A consistent form 01 from its inputs, in the layout in force from 26/7/2024: phải thi hành =
 * thụ lý − ủy thác − thu hồi, hủy = có điều kiện + chưa có điều kiện + hoãn, tạm đình chỉ, khác.
 */
export function form01(p: { carried: number; fresh: number; entrusted: number; withdrawn?: number; done: number; terminated: number; open: number; postponed: number }): Record<string, number> {
  const tong = p.carried + p.fresh;
  const phai = tong - p.entrusted - (p.withdrawn ?? 0);
  const co = p.done + p.terminated + p.open;
  return {
    tong_thu_ly: tong, nam_truoc_chuyen_sang: p.carried, thu_ly_moi: p.fresh, uy_thac: p.entrusted, thu_hoi_huy: p.withdrawn ?? 0,
    phai_thi_hanh: phai, co_dieu_kien: co, thi_hanh_xong: p.done, dinh_chi: p.terminated, dang_thi_hanh: p.open,
    chua_co_dieu_kien: phai - co - p.postponed, hoan_tam_dinh_chi: p.postponed, so_theo_doi_rieng: 0,
  };
}
