import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { UnitChangesResult, UnitsSheet } from "../../shared/api/sheets";
import { api, json, seedTokens, seedUnits, setNow, tableCounts } from "./fixtures";
import { form, submit } from "./submission-data";

/**
 * A province's list of offices pushed from its units sheet: a merger written with its
 * consequences in one batch, audited, the closed offices' tokens stopped; the same push again
 * changes nothing; a list edited into nonsense refused by row, nothing written.
 */

const NEW_OFFICE = { code: "52-15", name: "Phòng THADS khu vực 15 - Gia Lai", kind: "regional_office", validFrom: "2025-12-01", validTo: null, successorCode: null, row: 20 };

async function sheet(token: string, query = ""): Promise<Response> {
  return api("GET", "/api/v1/organisation/sheet" + query, { token });
}

async function push(token: string, body: unknown): Promise<Response> {
  return api("POST", "/api/v1/organisation/changes", { token, body });
}

async function audit(action: string): Promise<string[]> {
  const rows = await env.DB.prepare(`SELECT target FROM audit_log WHERE action = ? ORDER BY target`).bind(action).all<{ target: string }>();
  return rows.results.map((r) => r.target);
}

async function unitOf(code: string): Promise<Record<string, unknown> | null> {
  return env.DB.prepare(`SELECT code, path, level, reporting, valid_from, valid_to, successor_code FROM units WHERE code = ?`).bind(code).first();
}

beforeAll(async () => {
  await seedUnits();
  await seedTokens();
  setNow("2025-12-03T03:00:00Z");
  // 52-01 and 52-02 last reported October 2025; 52-00 November.
  await submit("52-01", "01", "2025-10", form({ carried: 80, done: 60, open: 20 }));
  await submit("52-02", "01", "2025-10", form({ carried: 50, done: 30, open: 20 }));
  await submit("52-00", "01", "2025-11", form({ carried: 40, done: 20, open: 20 }));
  const s = await json<UnitsSheet>(await sheet("demo-province-52"));
  for (const r of s.rows) stored[r.code] = r;
});

const stored: Record<string, UnitsSheet["rows"][number]> = {};

/** A unit as stored, changed by `edit`, as the sheet sends it from row `row`. */
function asSent(code: string, row: number, edit: { validTo?: string | null; successorCode?: string | null } = {}) {
  const u = stored[code];
  if (!u) throw new Error("no unit " + code);
  return { code, name: u.name, kind: u.kind, validFrom: u.validFrom, validTo: u.validTo, successorCode: u.successorCode, row, ...edit };
}

describe("GET /api/v1/organisation/sheet", () => {
  it("lists a province's offices with their validity, last report and working tokens", async () => {
    const s = await json<UnitsSheet>(await sheet("demo-province-52"));
    expect(s.parent.code).toBe("52");
    const r01 = s.rows.filter((r) => r.code === "52-01")[0];
    expect(r01?.lastReport).toBe("2025-10");
    // Its clerk's token and its head's (the head confirms the office's reports).
    expect(r01?.tokens.map((t) => t.role)).toEqual(["clerk", "head"]);
    expect(s.rows.every((r) => r.parentCode === "52")).toBe(true);
  });

  it("refuses a clerk, and a province asking for another's offices", async () => {
    expect((await sheet("demo-unit-52-01")).status).toBe(403);
    expect((await sheet("demo-province-52", "?parent=01")).status).toBe(403);
  });
});

describe("POST /api/v1/organisation/changes", () => {
  it("refuses a cycle of successors, a closing date before the last report and another province's code, by row, and writes nothing", async () => {
    const before = await tableCounts();
    const res = await push("demo-province-52", {
      parent: "52",
      changes: [
        asSent("52-00", 7, { validTo: "2025-10-31", successorCode: "52-01" }),
        asSent("52-03", 10, { validTo: "2025-11-30", successorCode: "52-04" }),
        asSent("52-04", 11, { validTo: "2025-11-30", successorCode: "52-03" }),
        { code: "53-09", name: "Phòng THADS khu vực 9 - Kon Tum", kind: "regional_office", validFrom: "2025-12-01", validTo: null, successorCode: null, row: 21 },
      ],
    });
    expect(res.status).toBe(422);
    const body = await json(res);
    expect(body.error.code).toBe("sheet_refused");
    const issues = body.error.issues as { path: string; vi: string; en: string }[];
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(["B21", "F7"]));
    expect(issues.some((i) => /vòng/.test(i.vi) && /loop/.test(i.en))).toBe(true);
    expect(issues.some((i) => i.path === "F7" && /tháng 11\/2025/.test(i.vi))).toBe(true);
    expect(await tableCounts()).toEqual(before);
  });

  it("writes a merger in one batch: two offices closed into a new one, each change audited, their tokens revoked", async () => {
    const res = await push("demo-province-52", {
      parent: "52",
      changes: [
        asSent("52-01", 8, { validTo: "2025-11-30", successorCode: "52-15" }),
        asSent("52-02", 9, { validTo: "2025-11-30", successorCode: "52-15" }),
        NEW_OFFICE,
      ],
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const r = await json<UnitChangesResult>(res);
    expect(r.changed.map((c) => [c.code, c.action])).toEqual([["52-01", "close"], ["52-02", "close"], ["52-15", "add"]]);
    expect(r.consequences.periodsWithChangedTotals).toEqual([]);
    expect(r.consequences.samePeriod).toEqual([{ unit: "52-15", name: NEW_OFFICE.name, predecessors: ["52-01", "52-02"], from: "2025-12", to: "2026-11" }]);
    // November's reports were due on 2 December: the deadline has passed, the tokens stop now.
    // Both tokens of each office: its clerk's and its head's.
    expect(r.consequences.tokens.map((t) => [t.unit, t.action])).toEqual([["52-01", "revoke"], ["52-01", "revoke"], ["52-02", "revoke"], ["52-02", "revoke"]]);
    expect(await unitOf("52-15")).toEqual({ code: "52-15", path: "/VN/52/52-15/", level: "office", reporting: 1, valid_from: "2025-12-01", valid_to: null, successor_code: null });
    expect((await unitOf("52-01"))?.successor_code).toBe("52-15");
    expect(await audit("unit.close")).toEqual(["52-01", "52-02"]);
    expect(await audit("unit.add")).toEqual(["52-15"]);
    expect(await audit("token.revoke")).toHaveLength(4);
    expect((await api("GET", "/api/v1/units", { token: "demo-unit-52-01" })).status).toBe(401);
    expect((await api("GET", "/api/v1/units", { token: "demo-unit-52-00" })).status).toBe(200);
  });

  it("changes nothing — no write, no audit row — when the same list comes again", async () => {
    const before = await tableCounts();
    const res = await push("demo-province-52", {
      parent: "52",
      changes: [asSent("52-01", 8, { validTo: "2025-11-30", successorCode: "52-15" }), NEW_OFFICE],
    });
    const r = await json<UnitChangesResult>(res);
    expect(r.changed).toEqual([]);
    expect(r.unchanged).toBe(2);
    expect(await tableCounts()).toEqual(before);
  });

  it("refuses a clerk and a province acting for another's offices", async () => {
    const body = { parent: "52", changes: [{ ...NEW_OFFICE, name: "x" }] };
    expect((await push("demo-unit-52-00", body)).status).toBe(403);
    expect((await push("demo-province-01", body)).status).toBe(403);
  });
});

describe("the Cục manages the provinces the same way", () => {
  it("pulls the 34 provinces, pushes a province's new name (audited), and the same list again changes nothing", async () => {
    const s = await json<UnitsSheet>(await sheet("demo-national"));
    expect(s.parent.code).toBe("VN");
    expect(s.rows).toHaveLength(34);
    expect(s.rows.every((r) => r.parentCode === "VN" && r.kind === "province")).toBe(true);
    const gialai = s.rows.filter((r) => r.code === "52")[0];
    if (!gialai) throw new Error("no province 52");
    const renamed = { code: "52", name: "THADS tỉnh Gia Lai (sau sắp xếp)", kind: gialai.kind, validFrom: gialai.validFrom, validTo: gialai.validTo, successorCode: gialai.successorCode, row: 30 };
    const res = await push("demo-national", { parent: "VN", changes: [renamed] });
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await json<UnitChangesResult>(res)).changed.map((c) => [c.code, c.action])).toEqual([["52", "rename"]]);
    expect((await json<UnitsSheet>(await sheet("demo-national"))).rows.filter((r) => r.code === "52")[0]?.name).toBe(renamed.name);
    expect(await audit("unit.rename")).toEqual(["52"]);
    const before = await tableCounts();
    const again = await json<UnitChangesResult>(await push("demo-national", { parent: "VN", changes: [renamed] }));
    expect(again.changed).toEqual([]);
    expect(await tableCounts()).toEqual(before);
  });

  it("refuses a province acting on the list of provinces", async () => {
    expect((await sheet("demo-province-52", "?parent=VN")).status).toBe(403);
    const s = await json<UnitsSheet>(await sheet("demo-national"));
    const hanoi = s.rows.filter((r) => r.code === "01")[0];
    if (!hanoi) throw new Error("no province 01");
    const body = { parent: "VN", changes: [{ code: "01", name: "x", kind: hanoi.kind, validFrom: hanoi.validFrom, validTo: null, successorCode: null, row: 8 }] };
    expect((await push("demo-province-52", body)).status).toBe(403);
  });
});
