import { beforeAll, describe, expect, it } from "vitest";
import { api, json, seedTokens, seedUnits, setNow } from "./fixtures";
import { responseSchemaFor } from "./responses";
import { submission, unitMonths } from "./submission-data";
import { BUILT_IN_FORMS } from "../../shared/forms/definitions";

/**
 * Every route × every kind of caller, from one table. The subject is office 52-01 in
 * province 52: "own unit" is its clerk, "other unit" the clerk of 52-02, "own province" 52,
 * "other province" 01.
 */
const CALLERS = {
  ownUnit: "demo-unit-52-01",
  otherUnit: "demo-unit-52-02",
  ownProvince: "demo-province-52",
  otherProvince: "demo-province-01",
  national: "demo-national",
  admin: "demo-admin",
  /** The head of 52-01, who confirms its reports (issue 13). */
  ownHead: "demo-head-52-01",
  noToken: null,
  badToken: "not-a-real-token",
} as const;
type Caller = keyof typeof CALLERS;

interface Route {
  name: string;
  method: string;
  path: string;
  body?: () => unknown;
  /** The answer asked for, where a route's default is not JSON (the report text is plain text). */
  accept?: string;
  /** Status per caller; callers not listed get `otherwise`. No token and a bad token always get 401. */
  allow: Partial<Record<Caller, number>>;
  otherwise: number;
}

const [oct] = unitMonths(5);
const form01 = BUILT_IN_FORMS.find((f) => f.id === "01" && f.regime === "TT05_2024");
const READ_52_01 = { ownUnit: 200, ownHead: 200, ownProvince: 200, national: 200, admin: 200 };
const READ_52 = { ownProvince: 200, national: 200, admin: 200 };
const EVERYONE = { ownUnit: 200, otherUnit: 200, ownProvince: 200, otherProvince: 200, national: 200, admin: 200, ownHead: 200 };
/** A revision of 52-01 sent in beforeAll: the sign-off routes act on it. */
const SIGNED = submission("52-01", "01", "2024-10", oct!.viec);
let signedHash = "";

const ROUTES: Route[] = [
  { name: "list forms", method: "GET", path: "/api/v1/forms?period=2025-10", allow: EVERYONE, otherwise: 403 },
  { name: "list units", method: "GET", path: "/api/v1/units", allow: EVERYONE, otherwise: 403 },
  { name: "openapi", method: "GET", path: "/api/v1/openapi.json", allow: EVERYONE, otherwise: 403 },
  { name: "submit for 52-01", method: "POST", path: "/api/v1/submissions", body: () => submission("52-01", "01", "2025-10", oct!.viec), allow: { ownUnit: 201 }, otherwise: 403 },
  { name: "history of 52-01", method: "GET", path: "/api/v1/submissions?unit=52-01&form=01&period=2025-10", allow: READ_52_01, otherwise: 403 },
  { name: "a revision of 52-01", method: "GET", path: `/api/v1/submissions/${SIGNED.id}`, allow: READ_52_01, otherwise: 403 },
  { name: "confirm a revision of 52-01", method: "POST", path: `/api/v1/submissions/${SIGNED.id}/confirm`, body: () => ({ contentHash: signedHash }), allow: { ownHead: 200 }, otherwise: 403 },
  { name: "return a revision of 52-01", method: "POST", path: `/api/v1/submissions/${SIGNED.id}/review`, body: () => ({ decision: "return", contentHash: signedHash, comment: "Kiểm tra lại số thụ lý mới" }), allow: { ownProvince: 200 }, otherwise: 403 },
  { name: "review board of 52", method: "GET", path: "/api/v1/reviews?parent=52&period=2024-10", allow: READ_52, otherwise: 403 },
  { name: "the Cục decides on province 52", method: "POST", path: "/api/v1/reviews", body: () => ({ unit: "52", form: "01", period: "2024-10", basis: "0".repeat(64), decision: "accept" }), allow: { national: 409 }, otherwise: 403 },
  { name: "roll-up of 52-01", method: "GET", path: "/api/v1/rollups?unit=52-01&form=01&period=2025-10", allow: READ_52_01, otherwise: 403 },
  { name: "roll-up of province 52", method: "GET", path: "/api/v1/rollups?unit=52&form=01&period=2025-10", allow: READ_52, otherwise: 403 },
  { name: "national roll-up", method: "GET", path: "/api/v1/rollups?unit=VN&form=01&period=2025-10", allow: { national: 200, admin: 200 }, otherwise: 403 },
  { name: "targets of 52-01", method: "GET", path: "/api/v1/targets?year=2026&unit=52-01", allow: READ_52_01, otherwise: 403 },
  { name: "set target of office 52-01", method: "PUT", path: "/api/v1/targets", body: () => ({ year: 2026, targets: [{ unit: "52-01", indicator: "rate_viec", targetPct: 85 }] }), allow: { ownProvince: 200, admin: 200 }, otherwise: 403 },
  { name: "set target of province 52", method: "PUT", path: "/api/v1/targets", body: () => ({ year: 2026, targets: [{ unit: "52", indicator: "rate_tien", targetPct: 57 }] }), allow: { national: 200, admin: 200 }, otherwise: 403 },
  { name: "targets sheet of 52's offices", method: "GET", path: "/api/v1/targets/sheet?year=2026&parent=52", allow: { ownProvince: 200, admin: 200 }, otherwise: 403 },
  { name: "push the targets sheet of 52's offices", method: "POST", path: "/api/v1/targets/changes", body: () => ({ year: 2026, parent: "52", changes: [{ unit: "52-01", indicator: "rate_viec", target: { targetPct: 85, provisional: true, comparison: "gte", decisionRef: null } }] }), allow: { ownProvince: 200, admin: 200 }, otherwise: 403 },
  // Whoever may manage a sheet is told the body is not a workbook (JSON: 415); a clerk is refused first.
  { name: "upload a targets sheet (not an .xlsx)", method: "POST", path: "/api/v1/targets/upload", body: () => "not a workbook", allow: { ownProvince: 415, otherProvince: 415, national: 415, admin: 415 }, otherwise: 403 },
  { name: "units sheet of 52", method: "GET", path: "/api/v1/organisation/sheet?parent=52", allow: { ownProvince: 200, admin: 200 }, otherwise: 403 },
  { name: "push the units sheet of 52 (a rename)", method: "POST", path: "/api/v1/organisation/changes", body: () => ({ parent: "52", changes: [{ code: "52-02", name: "Phòng THADS khu vực 2 (mới) - Gia Lai", kind: "regional_office", validFrom: "2024-10-01", validTo: null, successorCode: null }] }), allow: { ownProvince: 200, admin: 200 }, otherwise: 403 },
  { name: "upload a units sheet (not an .xlsx)", method: "POST", path: "/api/v1/organisation/upload", body: () => "not a workbook", allow: { ownProvince: 415, otherProvince: 415, national: 415, admin: 415 }, otherwise: 403 },
  { name: "comparison of province 52", method: "GET", path: "/api/v1/comparisons?parent=52&form=01&period=2025-10", allow: READ_52, otherwise: 403 },
  { name: "national comparison", method: "GET", path: "/api/v1/comparisons?parent=VN&form=01&period=2025-10", allow: { national: 200, admin: 200 }, otherwise: 403 },
  { name: "report text of 52", method: "GET", path: "/api/v1/reports/text?parent=52&period=2025-10", accept: "application/json", allow: READ_52, otherwise: 403 },
  { name: "completeness of 52", method: "GET", path: "/api/v1/completeness?parent=52&period=2025-10", allow: READ_52, otherwise: 403 },
  { name: "list period locks", method: "GET", path: "/api/v1/periods", allow: EVERYONE, otherwise: 403 },
  { name: "close a period of 52", method: "POST", path: "/api/v1/periods/close", body: () => ({ province: "52", period: "2024-01" }), allow: { ownProvince: 200, admin: 200 }, otherwise: 403 },
  { name: "reopen a period of 52", method: "POST", path: "/api/v1/periods/reopen", body: () => ({ province: "52", period: "2024-01" }), allow: { ownProvince: 200, admin: 200 }, otherwise: 403 },
  { name: "issue a token", method: "POST", path: "/api/v1/admin/tokens", body: () => ({ role: "clerk", unit: "52-03", label: "Cán bộ thống kê" }), allow: { admin: 201 }, otherwise: 403 },
  { name: "revoke a token", method: "DELETE", path: `/api/v1/admin/tokens/${"0".repeat(8)}-0000-4000-8000-${"0".repeat(12)}`, allow: { admin: 404 }, otherwise: 403 },
  { name: "list the tokens of 52", method: "GET", path: "/api/v1/tokens?unit=52", allow: { ownProvince: 200, admin: 200 }, otherwise: 403 },
  { name: "issue the tokens of 52's offices", method: "POST", path: "/api/v1/tokens/bulk", body: () => ({ province: "52", holders: [{ unit: "52-03", label: "Cán bộ thống kê" }] }), allow: { ownProvince: 201, admin: 201 }, otherwise: 403 },
  { name: "issue the head tokens of 52's offices", method: "POST", path: "/api/v1/tokens/bulk", body: () => ({ province: "52", role: "head", holders: [{ unit: "52-03", label: "Thủ trưởng đơn vị" }] }), allow: { ownProvince: 201, admin: 201 }, otherwise: 403 },
  // An unknown token and one the caller may not manage look the same: 404, for everyone.
  { name: "rotate a token", method: "POST", path: `/api/v1/tokens/${"0".repeat(8)}-0000-4000-8000-${"0".repeat(12)}/rotate`, allow: {}, otherwise: 404 },
  { name: "revoke a token (holder, province)", method: "DELETE", path: `/api/v1/tokens/${"0".repeat(8)}-0000-4000-8000-${"0".repeat(12)}`, allow: {}, otherwise: 404 },
  { name: "upsert a unit", method: "PUT", path: "/api/v1/admin/units", body: () => ({ code: "52-15", name: "Phòng THADS khu vực 15 - Gia Lai", kind: "regional_office", parentCode: "52", validFrom: "2026-01-01", validTo: null, successorCode: null }), allow: { admin: 200 }, otherwise: 403 },
  { name: "load a form definition", method: "PUT", path: "/api/v1/admin/forms", body: () => form01, allow: { admin: 200 }, otherwise: 403 },
  { name: "read the audit log", method: "GET", path: "/api/v1/admin/audit", allow: { admin: 200 }, otherwise: 403 },
  { name: "check the stored totals", method: "GET", path: "/api/v1/admin/consistency", allow: { admin: 200 }, otherwise: 403 },
];

beforeAll(async () => {
  await seedUnits();
  await seedTokens();
  setNow("2025-11-03T03:00:00Z");
  const sent = await api("POST", "/api/v1/submissions", { token: CALLERS.ownUnit, body: SIGNED });
  expect(sent.status).toBe(201);
  signedHash = (await json(sent)).contentHash;
});

const CASES = ROUTES.flatMap((r) =>
  (Object.keys(CALLERS) as Caller[]).map((caller) => {
    const expected = caller === "noToken" || caller === "badToken" ? 401 : (r.allow[caller] ?? r.otherwise);
    return [r.name, caller, expected, r] as const;
  }),
);

describe("authorization matrix", () => {
  it.each(CASES)("%s as %s → %i", async (_name, caller, expected, route) => {
    // A different wrong token each time, as guesses would be: one wrong token repeated 22 times
    // would (rightly) be locked by the throttle of failed attempts.
    const token = caller === "badToken" ? `${crypto.randomUUID()}-${CALLERS.badToken}` : CALLERS[caller];
    const res = await api(route.method, route.path, { token, body: route.body?.(), accept: route.accept });
    // Every answer, allowed or refused, parses with its shared schema (json() checks it).
    const body = await json(res);
    expect(res.status, JSON.stringify(body)).toBe(expected);
    if (expected === 401 || expected === 403) {
      // The refusal says why, in both languages.
      expect(body.error.message.vi.length).toBeGreaterThan(10);
      expect(body.error.message.en.length).toBeGreaterThan(10);
    }
  });

  it("covers every route the API documents", async () => {
    const doc = await json(await api("GET", "/api/v1/openapi.json", { token: "demo-admin" }));
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{[^}]+\}/g, ":param")}`),
    );
    const tested = new Set(ROUTES.map((r) => `${r.method} ${r.path.split("?")[0]!.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, ":param")}`));
    expect(documented.filter((d) => !tested.has(d))).toEqual([]);
  });

  it("knows the shared response schema of every route the API documents", async () => {
    const doc = await json(await api("GET", "/api/v1/openapi.json", { token: "demo-admin" }));
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(ops)) expect(() => responseSchemaFor(method.toUpperCase(), path.replace(/\{[^}]+\}/g, "x"))).not.toThrow();
    }
  });
});
