import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { createApp } from "../../worker/src/app";
import { generateDemoUnits } from "../../shared/units/demo";
import type { Unit } from "../../shared/units/types";
import { upsertUnitStatement } from "../../worker/src/db/units";
import { hashToken, type Role } from "../../worker/src/auth";
import { expectRouteAnswer } from "./responses";

/**
 * Test fixtures inside workerd: the demo hierarchy (34 provinces, 389 reporting units),
 * valid from the start of statistical year 2025 so that two years of periods can be used,
 * and tokens named like the demo tokens (demo-unit-52-01, demo-province-52, ...).
 */
export const FIXTURE_VALID_FROM = "2024-10-01";

export function fixtureUnits(): Unit[] {
  return generateDemoUnits().map((u) => ({ ...u, validFrom: FIXTURE_VALID_FROM }));
}

export async function seedUnits(units: Unit[] = fixtureUnits()): Promise<Unit[]> {
  for (let i = 0; i < units.length; i += 50) {
    await env.DB.batch(units.slice(i, i + 50).map((u) => upsertUnitStatement(env.DB, u)));
  }
  return units;
}

export async function seedToken(token: string, role: Role, unitCode: string): Promise<void> {
  await env.DB.prepare(
    `INSERT INTO tokens (id, token_hash, role, unit_code, label, created_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (token_hash) DO NOTHING`,
  )
    .bind(crypto.randomUUID(), await hashToken(token), role, unitCode, token, new Date().toISOString())
    .run();
}

/** The demo tokens for the units a test uses. */
export async function seedTokens(): Promise<void> {
  await seedToken("demo-admin", "admin", "VN");
  await seedToken("demo-national", "national", "VN");
  for (const p of ["52", "01", "79"]) {
    await seedToken(`demo-province-${p}`, "province", p);
    await seedToken(`demo-unit-${p}-00`, "clerk", `${p}-00`);
    await seedToken(`demo-unit-${p}-01`, "clerk", `${p}-01`);
    await seedToken(`demo-unit-${p}-02`, "clerk", `${p}-02`);
    await seedToken(`demo-head-${p}-01`, "head", `${p}-01`);
    await seedToken(`demo-head-${p}-02`, "head", `${p}-02`);
  }
}

export interface CallOptions {
  token?: string | null;
  body?: unknown;
  /** A file sent as the body as is (an uploaded .xlsx), with its Content-Type. */
  file?: { bytes: Uint8Array; type: string };
  /** A body sent exactly as given, with only the headers the test sets (no JSON Content-Type). */
  raw?: string;
  accept?: string;
  headers?: Record<string, string>;
  /** The D1 binding this request sees (default env.DB): a counting wrapper, for instance. */
  db?: D1Database;
}

let clock = new Date("2025-12-02T03:00:00Z");

/** Pins the Worker's clock (UTC instant): lateness depends on it. */
export function setNow(iso: string): void {
  clock = new Date(iso);
}

const app = createApp({ now: () => clock });

/** Which request each answer of `api` came from, so `json` checks it against its route's shared schema. */
const routeOf = new WeakMap<Response, { method: string; path: string }>();

/** Calls the Worker as a client would, through the same app production runs, with a pinned clock. */
export async function api(method: string, path: string, opts: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
  if (opts.accept) headers.Accept = opts.accept;
  let body: string | Uint8Array | undefined = opts.raw;
  if (opts.file) {
    headers["Content-Type"] = opts.file.type;
    body = opts.file.bytes;
  } else if (opts.body !== undefined) {
    headers["Content-Type"] ??= "application/json";
    body = typeof opts.body === "string" ? opts.body : JSON.stringify(opts.body);
  }
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(`https://thads.test${path}`, { method, headers, body }), opts.db ? { ...env, DB: opts.db } : env, ctx);
  await waitOnExecutionContext(ctx);
  routeOf.set(res, { method, path });
  return res;
}

/**
 * The JSON body of an answer. One of `api`'s is checked against shared/api/schemas.ts: its
 * route's response schema when 2xx, the error schema otherwise (tests/worker/responses.ts).
 */
export async function json<T = any>(res: Response): Promise<T> {
  const body: unknown = await res.json();
  const route = routeOf.get(res);
  return (route ? expectRouteAnswer(route.method, route.path, res.status, body) : body) as T;
}

/** Row counts of every table a submission could write: "nothing written" is checked with these. */
export async function tableCounts(): Promise<Record<string, number>> {
  const tables = ["submissions", "latest_values", "latest_revisions", "aggregates", "aggregate_meta", "audit_log", "targets", "period_locks",
    "signoff_events", "revision_signoff", "node_signoff", "signoff_guard"];
  const out: Record<string, number> = {};
  for (const t of tables) {
    const row = await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${t}`).first<{ n: number }>();
    out[t] = row?.n ?? 0;
  }
  return out;
}
