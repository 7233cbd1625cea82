import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { api, json, setNow, tableCounts } from "./fixtures";
import { countedCall } from "./d1-calls";
import { form, seedComparisonScenario, submission } from "./submission-data";
import { hashToken } from "../../worker/src/auth";
import { FAILURE_LIMITS } from "../../worker/src/throttle";
import { BUILT_IN_FORMS } from "../../shared/forms/definitions";
import { VIEC_LON } from "../fixtures/collections";

/**
 * Round trips to D1 per request, from one table. In production every D1 call crosses the
 * network to the one place the database lives (tens of milliseconds from Vietnam), so the
 * count is the figure to hold, and it is the same on any machine: docs/benchmarks.md lists it.
 *
 * Budgets: a submission 2 (one read batch that also resolves the token, one write batch),
 * a replay 1, a stale base revision 1, every read 2 at most; the token and administration
 * writes 2 like a submission (their reads with the token, then the write with its audit rows).
 * A wrong token costs the one batch that finds it wrong, and the failure that puts a key over
 * its limit one more (the lock written for every instance): see "failed authentications".
 *
 * KNOWN_OVER_BUDGET: routes allowed over budget while they are rewritten, each at its measured
 * count as a ceiling; when a route meets the budget, its row leaves that list.
 */

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const BUDGET = { submission: 2, replay: 1, read: 2 } as const;

interface Row {
  name: string;
  method: string;
  /** A function when the path names a revision made in beforeAll (`documented` names its route). */
  path: string | (() => string);
  token: string | null;
  body?: () => unknown;
  /** An .xlsx sent as the body, fetched uncounted before the counted request. */
  file?: () => Promise<{ bytes: Uint8Array; type: string }>;
  accept?: string;
  status: number;
  budget: number;
  /** Sent once, uncounted, before the counted request (a replay needs its original). */
  sendFirst?: boolean;
  /** The route as the API document names it, when the path carries an id. */
  documented?: string;
}

/** Tokens of office 52-02 that the rows rotate and revoke (fixed ids: the paths name them). */
const TOKEN_TO_ROTATE = "00000000-0000-4000-8000-00000000a001";
const TOKEN_TO_REVOKE = "00000000-0000-4000-8000-00000000a002";
const TOKEN_ADMIN_REVOKES = "00000000-0000-4000-8000-00000000a003";
const form01 = BUILT_IN_FORMS.find((f) => f.id === "01" && f.regime === "TT05_2024");

const corrected = form({ carried: 100, fresh: 3, done: 80, terminated: 5, open: 13 });
const fresh79 = form({ carried: 60, done: 41, open: 19 });
const replayed = submission("52-02", "01", "2024-10", form({ carried: 90, done: 70, open: 20 }));
/** The revision the sign-off rows act on (sent in beforeAll, uncounted): confirmed by its head, then accepted by its province. */
const signed = submission("79-01", "01", "2024-10", form({ carried: 60, done: 45, open: 15 }));
let signedHash = "";
const PDF = "application/pdf";

/** A sheet as downloaded, sent back unedited. */
const downloaded = (path: string, token: string) => async () => {
  const res = await api("GET", path, { token, accept: XLSX });
  expect(res.status).toBe(200);
  return { bytes: new Uint8Array(await res.arrayBuffer()), type: XLSX };
};

const ROWS: Row[] = [
  // Writes
  { name: "submission, first revision", method: "POST", path: "/api/v1/submissions", token: "demo-unit-79-02", body: () => submission("79-02", "01", "2025-10", fresh79), status: 201, budget: BUDGET.submission },
  { name: "submission, a correction", method: "POST", path: "/api/v1/submissions", token: "demo-unit-52-01", body: () => submission("52-01", "01", "2025-10", corrected, { baseRevision: 1, reason: "Sửa số liệu theo sổ thụ lý" }), status: 201, budget: BUDGET.submission },
  { name: "submission replayed (same id)", method: "POST", path: "/api/v1/submissions", token: "demo-unit-52-02", body: () => replayed, sendFirst: true, status: 201, budget: BUDGET.replay },
  { name: "submission on a stale base revision (409)", method: "POST", path: "/api/v1/submissions", token: "demo-unit-79-01", body: () => submission("79-01", "01", "2025-10", fresh79, { baseRevision: 0 }), status: 409, budget: BUDGET.replay },
  { name: "submission with an error (422)", method: "POST", path: "/api/v1/submissions", token: "demo-unit-52-00", body: () => submission("52-00", "01", "2025-10", { ...fresh79, thi_hanh_xong: 1 }), status: 422, budget: 1 },
  { name: "submission, malformed (400)", method: "POST", path: "/api/v1/submissions", token: "demo-unit-52-00", body: () => ({ id: "x" }), status: 400, budget: 1 },
  { name: "submission, unknown token (401)", method: "POST", path: "/api/v1/submissions", token: "nobody", body: () => submission("52-00", "01", "2025-10", fresh79), status: 401, budget: 1 },
  { name: "set targets", method: "PUT", path: "/api/v1/targets", token: "demo-province-52", body: () => ({ year: 2026, targets: [{ unit: "52-01", indicator: "rate_viec", targetPct: 85 }, { unit: "52-02", indicator: "rate_tien", targetPct: 55 }] }), status: 200, budget: BUDGET.submission },
  { name: "publish a collection definition (admin)", method: "PUT", path: "/api/v1/admin/forms", token: "demo-admin", body: () => VIEC_LON, status: 200, budget: BUDGET.submission },
  { name: "submission of a list collection (rows)", method: "POST", path: "/api/v1/submissions", token: "demo-unit-79-01", body: () => ({ id: crypto.randomUUID(), unit: "79-01", form: VIEC_LON.id, period: "2025-10", values: {}, rows: [{ key: "V01", label: "Công ty D", values: { ban_an: "1/2020/HS-ST", ngay_thu_ly: "2020-05-04", so_tien: 30_000_000, da_thu: 0 } }] }), status: 201, budget: BUDGET.submission },
  { name: "close a period", method: "POST", path: "/api/v1/periods/close", token: "demo-province-52", body: () => ({ province: "52", period: "2024-01" }), status: 200, budget: BUDGET.submission },
  { name: "reopen a period", method: "POST", path: "/api/v1/periods/reopen", token: "demo-province-52", body: () => ({ province: "52", period: "2024-01" }), status: 200, budget: BUDGET.submission },
  { name: "a head confirms a revision", method: "POST", path: () => `/api/v1/submissions/${signed.id}/confirm`, documented: "/api/v1/submissions/{id}/confirm", token: "demo-head-79-01", body: () => ({ contentHash: signedHash }), status: 200, budget: BUDGET.submission },
  { name: "a province accepts a revision", method: "POST", path: () => `/api/v1/submissions/${signed.id}/review`, documented: "/api/v1/submissions/{id}/review", token: "demo-province-79", body: () => ({ decision: "accept", contentHash: signedHash }), status: 200, budget: BUDGET.submission },
  { name: "the Cục decides on a province (409: not every office accepted)", method: "POST", path: "/api/v1/reviews", token: "demo-national", body: () => ({ unit: "52", form: "01", period: "2025-10", basis: "0".repeat(64), decision: "accept" }), status: 409, budget: BUDGET.submission },
  { name: "targets sheet pushed", method: "POST", path: "/api/v1/targets/changes", token: "demo-province-52", body: () => ({ year: 2026, parent: "52", changes: [{ unit: "52-01", indicator: "rate_viec", target: { targetPct: 86, provisional: false, comparison: "gte", decisionRef: "QĐ 1" }, cell: "I7" }] }), status: 200, budget: BUDGET.submission },
  { name: "targets sheet refused (422)", method: "POST", path: "/api/v1/targets/changes", token: "demo-province-52", body: () => ({ year: 2026, parent: "52", changes: [{ unit: "52-01", indicator: "rate_viec", target: { targetPct: 120, provisional: false, comparison: "gte", decisionRef: null } }] }), status: 422, budget: 1 },
  { name: "targets sheet uploaded (.xlsx)", method: "POST", path: "/api/v1/targets/upload", token: "demo-province-52", file: downloaded("/api/v1/targets/sheet?year=2026&parent=52", "demo-province-52"), status: 200, budget: 1 },
  { name: "units sheet pushed (a rename)", method: "POST", path: "/api/v1/organisation/changes", token: "demo-province-52", body: () => ({ parent: "52", changes: [{ code: "52-02", name: "Phòng THADS khu vực 2 (mới) - Gia Lai", kind: "regional_office", validFrom: "2024-10-01", validTo: null, successorCode: null }] }), status: 200, budget: BUDGET.submission },
  { name: "units sheet uploaded (.xlsx)", method: "POST", path: "/api/v1/organisation/upload", token: "demo-province-52", file: downloaded("/api/v1/organisation/sheet?parent=52", "demo-province-52"), status: 200, budget: 1 },
  { name: "issue the tokens of a province's offices (JSON)", method: "POST", path: "/api/v1/tokens/bulk", token: "demo-province-52", body: () => ({ province: "52", holders: [{ unit: "52-03", label: "Cán bộ thống kê" }] }), status: 201, budget: BUDGET.submission },
  { name: "reissue them as the .xlsx handout, replacing the current ones", method: "POST", path: "/api/v1/tokens/bulk", token: "demo-province-52", accept: XLSX, body: () => ({ province: "52", holders: [{ unit: "52-03", label: "Cán bộ thống kê" }], replaceExisting: true }), status: 201, budget: BUDGET.submission },
  { name: "issue its offices' head tokens as the .xlsx handout, replacing the current ones", method: "POST", path: "/api/v1/tokens/bulk", token: "demo-province-52", accept: XLSX, body: () => ({ province: "52", role: "head", holders: [{ unit: "52-03", label: "Thủ trưởng đơn vị" }], replaceExisting: true }), status: 201, budget: BUDGET.submission },
  { name: "rotate a token", method: "POST", path: `/api/v1/tokens/${TOKEN_TO_ROTATE}/rotate`, documented: "/api/v1/tokens/{id}/rotate", token: "demo-province-52", status: 201, budget: BUDGET.submission },
  { name: "revoke a token (its province)", method: "DELETE", path: `/api/v1/tokens/${TOKEN_TO_REVOKE}`, documented: "/api/v1/tokens/{id}", token: "demo-province-52", status: 200, budget: BUDGET.submission },
  { name: "issue a token (administrator)", method: "POST", path: "/api/v1/admin/tokens", token: "demo-admin", body: () => ({ role: "clerk", unit: "52-03", label: "Cán bộ thống kê" }), status: 201, budget: BUDGET.submission },
  { name: "revoke a token (administrator)", method: "DELETE", path: `/api/v1/admin/tokens/${TOKEN_ADMIN_REVOKES}`, documented: "/api/v1/admin/tokens/{id}", token: "demo-admin", status: 200, budget: BUDGET.submission },
  { name: "revoke an unknown token (404)", method: "DELETE", path: `/api/v1/admin/tokens/${"0".repeat(8)}-0000-4000-8000-${"0".repeat(12)}`, documented: "/api/v1/admin/tokens/{id}", token: "demo-admin", status: 404, budget: BUDGET.submission },
  { name: "add a unit", method: "PUT", path: "/api/v1/admin/units", token: "demo-admin", body: () => ({ code: "52-15", name: "Phòng THADS khu vực 15 - Gia Lai", kind: "regional_office", parentCode: "52", validFrom: "2026-01-01", validTo: null, successorCode: null }), status: 200, budget: BUDGET.submission },
  { name: "load a form definition", method: "PUT", path: "/api/v1/admin/forms", token: "demo-admin", body: () => form01, status: 200, budget: BUDGET.submission },
  { name: "an administration write by a clerk (403)", method: "PUT", path: "/api/v1/admin/units", token: "demo-unit-52-01", body: () => ({ code: "52-16" }), status: 403, budget: 1 },
  // Reads
  { name: "a revision with its findings and sign-off", method: "GET", path: () => `/api/v1/submissions/${signed.id}`, documented: "/api/v1/submissions/{id}", token: "demo-province-79", status: 200, budget: BUDGET.read },
  { name: "a revision's PDF", method: "GET", path: () => `/api/v1/submissions/${signed.id}`, documented: "/api/v1/submissions/{id}", token: "demo-unit-79-01", accept: PDF, status: 200, budget: BUDGET.read },
  { name: "a province's review board", method: "GET", path: "/api/v1/reviews?parent=79&period=2024-10", token: "demo-province-79", status: 200, budget: BUDGET.read },
  { name: "the Cục's review board", method: "GET", path: "/api/v1/reviews?parent=VN&period=2025-10", token: "demo-national", status: 200, budget: BUDGET.read },
  { name: "a province's review board for a week", method: "GET", path: "/api/v1/reviews?parent=79&period=2026-W12", token: "demo-province-79", status: 200, budget: BUDGET.read },
  { name: "accepted figures only (roll-up)", method: "GET", path: "/api/v1/rollups?unit=VN&form=01&period=2025-10&figures=accepted", token: "demo-national", status: 200, budget: BUDGET.read },
  { name: "accepted figures only (comparison)", method: "GET", path: "/api/v1/comparisons?parent=VN&form=01&period=2025-10&figures=accepted", token: "demo-national", status: 200, budget: BUDGET.read },
  { name: "targets sheet of the caller's children", method: "GET", path: "/api/v1/targets/sheet?year=2026", token: "demo-province-52", status: 200, budget: BUDGET.read },
  { name: "targets sheet of a named parent (.xlsx)", method: "GET", path: "/api/v1/targets/sheet?year=2026&parent=VN", token: "demo-national", accept: XLSX, status: 200, budget: 1 },
  { name: "units sheet of a named parent", method: "GET", path: "/api/v1/organisation/sheet?parent=52", token: "demo-province-52", status: 200, budget: 1 },
  { name: "forms in force", method: "GET", path: "/api/v1/forms?period=2025-10", token: "demo-unit-52-01", status: 200, budget: BUDGET.read },
  { name: "every form definition", method: "GET", path: "/api/v1/forms", token: "demo-unit-52-01", status: 200, budget: BUDGET.read },
  { name: "units of a clerk", method: "GET", path: "/api/v1/units", token: "demo-unit-52-01", status: 200, budget: BUDGET.read },
  { name: "units, national", method: "GET", path: "/api/v1/units", token: "demo-national", status: 200, budget: BUDGET.read },
  { name: "openapi", method: "GET", path: "/api/v1/openapi.json", token: "demo-unit-52-01", status: 200, budget: BUDGET.read },
  { name: "history of a report", method: "GET", path: "/api/v1/submissions?unit=52-01&form=01&period=2025-10", token: "demo-province-52", status: 200, budget: BUDGET.read },
  { name: "period locks", method: "GET", path: "/api/v1/periods", token: "demo-unit-52-01", status: 200, budget: BUDGET.read },
  { name: "targets of a province", method: "GET", path: "/api/v1/targets?year=2026&unit=52", token: "demo-province-52", status: 200, budget: BUDGET.read },
  { name: "targets of the caller's own unit", method: "GET", path: "/api/v1/targets?year=2026", token: "demo-unit-52-01", status: 200, budget: BUDGET.read },
  { name: "national comparison (JSON)", method: "GET", path: "/api/v1/comparisons?parent=VN&form=01&period=2025-10", token: "demo-national", status: 200, budget: BUDGET.read },
  { name: "national comparison (CSV)", method: "GET", path: "/api/v1/comparisons?parent=VN&form=01&period=2025-10", token: "demo-national", accept: "text/csv", status: 200, budget: BUDGET.read },
  { name: "national comparison (.xlsx)", method: "GET", path: "/api/v1/comparisons?parent=VN&form=01&period=2025-10", token: "demo-national", accept: XLSX, status: 200, budget: BUDGET.read },
  { name: "province comparison (JSON)", method: "GET", path: "/api/v1/comparisons?parent=52&form=01&period=2025-10", token: "demo-province-52", status: 200, budget: BUDGET.read },
  { name: "province comparison (CSV)", method: "GET", path: "/api/v1/comparisons?parent=52&form=01&period=2025-10", token: "demo-province-52", accept: "text/csv", status: 200, budget: BUDGET.read },
  { name: "province comparison (.xlsx)", method: "GET", path: "/api/v1/comparisons?parent=52&form=01&period=2025-10", token: "demo-province-52", accept: XLSX, status: 200, budget: BUDGET.read },
  { name: "national report text (plain)", method: "GET", path: "/api/v1/reports/text?parent=VN&period=2025-10", token: "demo-national", status: 200, budget: BUDGET.read },
  { name: "province report text (JSON)", method: "GET", path: "/api/v1/reports/text?parent=52&period=2025-10", token: "demo-province-52", accept: "application/json", status: 200, budget: BUDGET.read },
  { name: "national report (.docx)", method: "GET", path: "/api/v1/reports/text?parent=VN&period=2025-10", token: "demo-national", accept: DOCX, status: 200, budget: BUDGET.read },
  { name: "national comparison as report text (Accept: text/plain)", method: "GET", path: "/api/v1/comparisons?parent=VN&form=01&period=2025-10", token: "demo-national", accept: "text/plain", status: 200, budget: BUDGET.read },
  { name: "national roll-up", method: "GET", path: "/api/v1/rollups?unit=VN&form=01&period=2025-10", token: "demo-national", status: 200, budget: BUDGET.read },
  { name: "province roll-up (.xlsx)", method: "GET", path: "/api/v1/rollups?unit=52&form=01&period=2025-10", token: "demo-province-52", accept: XLSX, status: 200, budget: BUDGET.read },
  { name: "office roll-up", method: "GET", path: "/api/v1/rollups?unit=52-01&form=01&period=2025-10", token: "demo-unit-52-01", status: 200, budget: BUDGET.read },
  { name: "completeness (JSON)", method: "GET", path: "/api/v1/completeness?parent=52&period=2025-10", token: "demo-province-52", status: 200, budget: BUDGET.read },
  { name: "completeness (.xlsx)", method: "GET", path: "/api/v1/completeness?parent=52&period=2025-10", token: "demo-province-52", accept: XLSX, status: 200, budget: BUDGET.read },
  { name: "audit log", method: "GET", path: "/api/v1/admin/audit?limit=20", token: "demo-admin", status: 200, budget: BUDGET.read },
  { name: "consistency check", method: "GET", path: "/api/v1/admin/consistency", token: "demo-admin", status: 200, budget: BUDGET.read },
  { name: "tokens of a province", method: "GET", path: "/api/v1/tokens?unit=52", token: "demo-province-52", status: 200, budget: BUDGET.read },
  { name: "tokens of the caller's own unit", method: "GET", path: "/api/v1/tokens", token: "demo-province-52", status: 200, budget: BUDGET.read },
  { name: "a read with an unknown token (401)", method: "GET", path: "/api/v1/periods", token: "nobody", status: 401, budget: 1 },
  { name: "a read with a malformed query (400)", method: "GET", path: "/api/v1/submissions?unit=52-01&form=1&period=2025-13", token: "demo-unit-52-01", status: 400, budget: 1 },
];

/**
 * Routes allowed over budget for now (name → the count measured when they were listed): a
 * ceiling that may only fall, and a row leaves the list as soon as its route meets the budget.
 * Empty since the report routes moved to the batched loader (worker/src/reports/load.ts).
 */
const KNOWN_OVER_BUDGET: Record<string, number> = {};

beforeAll(async () => {
  await seedComparisonScenario();
  setNow("2025-12-03T03:00:00Z");
  const insert = env.DB.prepare(
    `INSERT INTO tokens (id, token_hash, role, unit_code, label, created_at, expires_at) VALUES (?, ?, 'clerk', '52-02', 'Cán bộ thống kê', ?, ?)`,
  );
  await env.DB.batch(
    await Promise.all([TOKEN_TO_ROTATE, TOKEN_TO_REVOKE, TOKEN_ADMIN_REVOKES].map(async (id) =>
      insert.bind(id, await hashToken("round-trips-" + id), "2025-11-01T00:00:00.000Z", "2026-12-31T16:59:59.999Z"))),
  );
  const sent = await api("POST", "/api/v1/submissions", { token: "demo-unit-79-01", body: signed });
  expect(sent.status).toBe(201);
  signedHash = (await json(sent)).contentHash;
});

function pathOf(row: Row): string {
  return typeof row.path === "string" ? row.path : row.path();
}

const measured = new Map<string, number>();

describe("round trips to D1 per request", () => {
  it.each(ROWS.map((r) => [r.name, r] as const))("%s", async (_name, row) => {
    const body = row.body?.();
    const file = row.file ? await row.file() : undefined;
    if (row.sendFirst) expect((await api(row.method, pathOf(row), { token: row.token, body })).status).toBe(row.status);
    const { res, calls } = await countedCall(row.method, pathOf(row), { token: row.token, body, file, accept: row.accept });
    expect(res.status, await res.clone().text()).toBe(row.status);
    measured.set(row.name, calls.length);
    const ceiling = KNOWN_OVER_BUDGET[row.name] ?? row.budget;
    expect(calls.length, `${row.name}: ${calls.join(", ")}`).toBeLessThanOrEqual(ceiling);
  });

  it("lists every route the API documents", async () => {
    const doc = await json(await api("GET", "/api/v1/openapi.json", { token: "demo-admin" }));
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
    );
    const counted = new Set(ROWS.map((r) => `${r.method} ${r.documented ?? (r.path as string).split("?")[0]}`));
    const notCounted = documented.filter((d) => !counted.has(d));
    expect(notCounted).toEqual([]);
  });

  it("keeps the known-over-budget list to routes that are still over budget", () => {
    const met = Object.keys(KNOWN_OVER_BUDGET).filter((name) => {
      const row = ROWS.find((r) => r.name === name);
      const count = measured.get(name);
      return !row || count === undefined || count <= row.budget;
    });
    // A route that meets its budget leaves the list, so the budget holds it from then on.
    expect(met).toEqual([]);
  });
});

describe("failed authentications", () => {
  it("cost the batch that finds the token wrong; the failure that locks a key one more; a locked key none", async () => {
    // One token prefix from one address, as a guesser would: the prefix's limit trips first.
    const headers = { "CF-Connecting-IP": "192.0.2.44" };
    const guess = () => "thads_RTRTRT" + crypto.randomUUID();
    for (let i = 0; i < FAILURE_LIMITS.tokenPrefix.limit - 1; i++) {
      expect((await api("GET", "/api/v1/periods", { token: guess(), headers })).status).toBe(401);
    }
    const last = await countedCall("GET", "/api/v1/periods", { token: guess(), headers });
    expect(last.res.status).toBe(401);
    expect(last.calls).toEqual(["batch"]);
    const tripping = await countedCall("GET", "/api/v1/periods", { token: guess(), headers });
    expect(tripping.res.status).toBe(429);
    expect(tripping.calls).toEqual(["batch", "batch"]);
    const locked = await countedCall("GET", "/api/v1/periods", { token: guess(), headers });
    expect(locked.res.status).toBe(429);
    expect(locked.calls).toEqual([]);
  });

  it("a demo token outside the demo costs no call at all", async () => {
    const { createApp } = await import("../../worker/src/app");
    const { instrumentD1 } = await import("../../worker/src/db/instrumented");
    const calls: string[] = [];
    const production = { ...env, THADS_DEMO: undefined, DB: instrumentD1(env.DB, (kind) => void calls.push(kind)) };
    const res = await createApp().fetch(new Request("https://thads.test/api/v1/periods", { headers: { Authorization: "Bearer demo-admin" } }), production);
    expect(res.status).toBe(401);
    expect(calls).toEqual([]);
  });
});

describe("a close racing a submission", () => {
  it("refuses the submission when the province closes the period between its read and its write, and writes nothing", async () => {
    setNow("2025-12-03T04:00:00Z");
    const counts = await tableCounts();
    const body = submission("01-02", "01", "2025-10", form({ carried: 70, done: 50, open: 20 }));
    // The close lands after everything the submission read and just before its write batch
    // (the batch that is not its first call).
    let closed = false;
    const { res, calls } = await countedCall("POST", "/api/v1/submissions", { token: "demo-unit-01-02", body }, async (kind, n) => {
      if (kind !== "batch" || n === 1 || closed) return;
      closed = true;
      const close = await api("POST", "/api/v1/periods/close", { token: "demo-province-01", body: { province: "01", period: "2025-10" } });
      expect(close.status).toBe(200);
    });
    expect(closed).toBe(true);
    expect(res.status).toBe(409);
    expect((await json(res)).error.code).toBe("period_closed");
    expect(calls).toEqual(["batch", "batch"]);
    const after = await tableCounts();
    // Only the close itself was written: its lock row and its audit row.
    expect(after).toEqual({ ...counts, period_locks: counts.period_locks! + 1, audit_log: counts.audit_log! + 1 });
    const history = await json(await api("GET", "/api/v1/submissions?unit=01-02&form=01&period=2025-10", { token: "demo-unit-01-02" }));
    expect(history.revisions).toEqual([]);
  });
});
