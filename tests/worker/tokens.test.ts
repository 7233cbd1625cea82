import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../worker/src/app";
import { api, json, seedToken, seedTokens, seedUnits, setNow } from "./fixtures";

/**
 * The token lifecycle for 390 offices (issue 9): demo tokens only in the demo, expiry,
 * last use, rotation, revocation, a province's handout of its offices' tokens, the audit of
 * all of it, and only hashes stored.
 */

const NOW = "2026-10-01T02:00:00.000Z"; // 09:00 on 1 October 2026 in Hà Nội
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

beforeAll(async () => {
  await seedUnits();
  await seedTokens();
  setNow(NOW);
});

/** The same app, with the environment a deployment has: no THADS_DEMO (wrangler.jsonc never sets it). */
async function asDeployed(path: string, token: string): Promise<Response> {
  const production = { ...env } as Record<string, unknown>;
  delete production.THADS_DEMO;
  const app = createApp({ now: () => new Date(NOW) });
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(`https://thads.test${path}`, { headers: { Authorization: `Bearer ${token}` } }), production, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

async function issue(body: Record<string, unknown>, token = "demo-admin") {
  const res = await api("POST", "/api/v1/admin/tokens", { token, body });
  expect(res.status, await res.clone().text()).toBe(201);
  return json<{ id: string; token: string; expiresAt: string }>(res);
}

async function tokenRow(id: string) {
  return env.DB.prepare(`SELECT * FROM tokens WHERE id = ?`).bind(id).first<Record<string, string | null>>();
}

async function auditOf(target: string): Promise<string[]> {
  const { results } = await env.DB.prepare(`SELECT action FROM audit_log WHERE target = ? ORDER BY id`).bind(target).all<{ action: string }>();
  return results.map((r) => r.action);
}

describe("demo stays demo", () => {
  it("a Worker configured as deployed refuses every demo-* token, though their hashes are in its database", async () => {
    for (const token of ["demo-admin", "demo-national", "demo-province-52", "demo-unit-52-01"]) {
      const res = await asDeployed("/api/v1/units", token);
      expect(res.status, token).toBe(401);
      expect((await json(res)).error.message.en).toContain("only in the local demo");
    }
    // the same database, the same request, in the demo: accepted
    expect((await api("GET", "/api/v1/units", { token: "demo-admin" })).status).toBe(200);
  });

  it("a real token works on the deployed Worker", async () => {
    const t = await issue({ role: "national", unit: "VN", label: "Cục Quản lý THADS" });
    expect((await asDeployed("/api/v1/units", t.token)).status).toBe(200);
  });
});

describe("expiry", () => {
  it("gives a new token one statistical year and a month, to the end of that day in Vietnam, and tells its holder", async () => {
    const t = await issue({ role: "clerk", unit: "52-03", label: "Nguyễn Văn C" });
    expect(t.expiresAt).toBe("2027-11-01T16:59:59.999Z");
    const res = await api("GET", "/api/v1/units", { token: t.token });
    expect(res.headers.get("X-Token-Expires")).toBe("2027-11-01T16:59:59.999Z");
    expect((await json(res)).caller).toEqual({ tokenId: t.id, role: "clerk", unit: "52-03", label: "Nguyễn Văn C", expiresAt: "2027-11-01T16:59:59.999Z" });
  });

  it("lives as many months as the deployment configures (TOKEN_LIFETIME_MONTHS, from deploy.env), issued or bulk-issued or rotated", async () => {
    const configured = { ...env, TOKEN_LIFETIME_MONTHS: "6" } as Record<string, unknown>;
    const app = createApp({ now: () => new Date(NOW) });
    const post = async (path: string, token: string, body?: unknown) => {
      const ctx = createExecutionContext();
      const res = await app.fetch(
        new Request(`https://thads.test${path}`, {
          method: "POST",
          headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
        configured,
        ctx,
      );
      await waitOnExecutionContext(ctx);
      expect(res.status, await res.clone().text()).toBe(201);
      return json<{ id: string; expiresAt: string; tokens?: { expiresAt: string }[] }>(res);
    };
    const sixMonths = "2027-04-01T16:59:59.999Z";
    const issued = await post("/api/v1/admin/tokens", "demo-admin", { role: "clerk", unit: "52-09", label: "Ngô Văn K" });
    expect(issued.expiresAt).toBe(sixMonths);
    const bulk = await post("/api/v1/tokens/bulk", "demo-province-52", { province: "52", holders: [{ unit: "52-10", label: "Lý Thị L" }] });
    expect(bulk.tokens?.map((t) => t.expiresAt)).toEqual([sixMonths]);
    const rotated = await post(`/api/v1/tokens/${issued.id}/rotate`, "demo-admin");
    expect(rotated.expiresAt).toBe(sixMonths);
  });

  it("stops working after its last day, with a message that says so", async () => {
    const t = await issue({ role: "clerk", unit: "52-04", label: "Trần Thị D", lastDay: "2026-10-31" });
    setNow("2026-10-31T16:59:59.000Z"); // 23:59:59 on its last day
    expect((await api("GET", "/api/v1/units", { token: t.token })).status).toBe(200);
    setNow("2026-10-31T17:00:00.000Z"); // midnight in Hà Nội
    const res = await api("GET", "/api/v1/units", { token: t.token });
    setNow(NOW);
    expect(res.status).toBe(401);
    expect((await json(res)).error.message.vi).toContain("hết hạn (hết ngày 31/10/2026)");
  });

  it("refuses a last day in the past or beyond two years and a month, naming the field", async () => {
    for (const lastDay of ["2026-09-30", "2028-11-02"]) {
      const res = await api("POST", "/api/v1/admin/tokens", { token: "demo-admin", body: { role: "clerk", unit: "52-04", label: "x", lastDay } });
      expect(res.status, lastDay).toBe(400);
      expect((await json(res)).error.issues[0].path).toBe("body.lastDay");
    }
  });
});

describe("last use", () => {
  it("records when a token was last used, at most every ten minutes", async () => {
    const t = await issue({ role: "clerk", unit: "52-05", label: "Lê Văn E" });
    expect((await tokenRow(t.id))?.last_used_at).toBeNull();
    await api("GET", "/api/v1/units", { token: t.token });
    expect((await tokenRow(t.id))?.last_used_at).toBe(NOW);
    setNow("2026-10-01T02:05:00.000Z");
    await api("GET", "/api/v1/units", { token: t.token });
    expect((await tokenRow(t.id))?.last_used_at).toBe(NOW);
    setNow("2026-10-01T02:11:00.000Z");
    await api("GET", "/api/v1/units", { token: t.token });
    expect((await tokenRow(t.id))?.last_used_at).toBe("2026-10-01T02:11:00.000Z");
    setNow(NOW);
  });
});

describe("rotation and revocation", () => {
  it("rotates a token in one step: a new one for the same holder, the old one refused on the next request", async () => {
    const old = await issue({ role: "clerk", unit: "52-06", label: "Phạm Văn F" });
    const res = await api("POST", `/api/v1/tokens/${old.id}/rotate`, { token: "demo-province-52" });
    expect(res.status).toBe(201);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const fresh = await json(res);
    expect(fresh).toMatchObject({ role: "clerk", unit: "52-06", label: "Phạm Văn F", replaces: old.id });
    expect((await api("GET", "/api/v1/units", { token: old.token })).status).toBe(401);
    expect((await api("GET", "/api/v1/units", { token: fresh.token })).status).toBe(200);
    expect((await tokenRow(old.id))?.replaced_by).toBe(fresh.id);
    expect(await auditOf(old.id)).toEqual(["token.create", "token.rotate"]);
  });

  it("lets a holder rotate their own token, and refuses to rotate a revoked one without writing anything", async () => {
    const own = await issue({ role: "clerk", unit: "52-07", label: "Võ Thị G" });
    const res = await api("POST", `/api/v1/tokens/${own.id}/rotate`, { token: own.token });
    expect(res.status).toBe(201);
    const count = await env.DB.prepare(`SELECT COUNT(*) AS n FROM tokens`).first<{ n: number }>();
    const audit = await env.DB.prepare(`SELECT COUNT(*) AS n FROM audit_log`).first<{ n: number }>();
    const again = await api("POST", `/api/v1/tokens/${own.id}/rotate`, { token: "demo-admin" });
    expect(again.status).toBe(404);
    expect(await env.DB.prepare(`SELECT COUNT(*) AS n FROM tokens`).first<{ n: number }>()).toEqual(count);
    expect(await env.DB.prepare(`SELECT COUNT(*) AS n FROM audit_log`).first<{ n: number }>()).toEqual(audit);
  });

  it("lets a province revoke its offices' tokens but not another province's, which it cannot even see", async () => {
    const mine = await issue({ role: "clerk", unit: "52-08", label: "Đặng Văn H" });
    const theirs = await issue({ role: "clerk", unit: "01-01", label: "Bùi Thị I" });
    expect((await api("DELETE", `/api/v1/tokens/${theirs.id}`, { token: "demo-province-52" })).status).toBe(404);
    expect((await api("POST", `/api/v1/tokens/${theirs.id}/rotate`, { token: "demo-province-52" })).status).toBe(404);
    expect((await api("GET", "/api/v1/units", { token: theirs.token })).status).toBe(200);
    expect((await api("DELETE", `/api/v1/tokens/${mine.id}`, { token: "demo-province-52" })).status).toBe(200);
    expect((await api("GET", "/api/v1/units", { token: mine.token })).status).toBe(401);
    expect(await auditOf(mine.id)).toEqual(["token.create", "token.revoke"]);
    // a second revoke is a 404 and leaves no audit row
    expect((await api("DELETE", `/api/v1/tokens/${mine.id}`, { token: "demo-province-52" })).status).toBe(404);
    expect(await auditOf(mine.id)).toEqual(["token.create", "token.revoke"]);
  });

  it("refuses token management to clerks and national staff", async () => {
    expect((await api("GET", "/api/v1/tokens", { token: "demo-unit-52-01" })).status).toBe(403);
    expect((await api("POST", "/api/v1/tokens/bulk", { token: "demo-national", body: { province: "52", holders: [{ unit: "52-01", label: "x" }] } })).status).toBe(403);
  });
});

describe("a province hands out its offices' tokens", () => {
  const holders = [
    { unit: "79-01", label: "Nguyễn Thị Thu" },
    { unit: "79-02", label: "Trần Văn Hải" },
    { unit: "79-00", label: "Lê Thị Mai" },
  ];

  it("issues one token per office in one step, each working for its own office only, stored only as hashes", async () => {
    await seedToken("demo-unit-79-03", "clerk", "79-03");
    const res = await api("POST", "/api/v1/tokens/bulk", { token: "demo-province-79", body: { province: "79", holders } });
    expect(res.status).toBe(201);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const out = await json(res);
    expect(out.tokens.map((t: { unit: string; label: string }) => [t.unit, t.label])).toEqual(holders.map((h) => [h.unit, h.label]));
    expect(out.expiresAt).toBe("2027-11-01T16:59:59.999Z");
    for (const t of out.tokens as { token: string; unit: string }[]) {
      const units = await json(await api("GET", "/api/v1/units", { token: t.token }));
      expect(units.units.map((u: { code: string }) => u.code)).toEqual([t.unit]);
    }
    // the secrets appear nowhere in the database: not in tokens, not in the audit log
    const dump = JSON.stringify([
      (await env.DB.prepare(`SELECT * FROM tokens`).all()).results,
      (await env.DB.prepare(`SELECT * FROM audit_log`).all()).results,
    ]);
    for (const t of out.tokens as { token: string }[]) expect(dump).not.toContain(t.token);
    for (const t of out.tokens as { id: string }[]) expect(await auditOf(t.id)).toEqual(["token.create"]);
  });

  it("gives them once as a printable .xlsx handout, and can replace the offices' current tokens in the same step", async () => {
    const before = await issue({ role: "clerk", unit: "79-03", label: "người cũ" });
    const res = await api("POST", "/api/v1/tokens/bulk", {
      token: "demo-province-79",
      accept: XLSX,
      body: { province: "79", holders: [{ unit: "79-03", label: "Phan Văn Nam" }], replaceExisting: true, lastDay: "2027-10-31" },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("Content-Type")).toBe(XLSX);
    expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="ma-truy-cap-79-2026-10-01.xlsx"');
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
    const ws = wb.getWorksheet("Mã truy cập")!;
    expect(String(ws.getCell("A1").value)).toContain("THÀNH PHỐ HỒ CHÍ MINH");
    expect(String(ws.getCell("A2").value)).toContain("có hiệu lực đến hết ngày 31/10/2027");
    const row = ws.getRow(6);
    expect([row.getCell(2).value, row.getCell(3).value, row.getCell(4).value]).toEqual(["79-03", "Phòng THADS khu vực 3 - TP Hồ Chí Minh", "Phan Văn Nam"]);
    const token = String(row.getCell(5).value);
    expect(token).toMatch(/^thads_[A-Za-z0-9_-]{32}$/);
    expect((await api("GET", "/api/v1/units", { token })).status).toBe(200);
    // the office's earlier tokens are revoked by the same step, and name their replacement
    expect((await api("GET", "/api/v1/units", { token: before.token })).status).toBe(401);
    expect((await api("GET", "/api/v1/units", { token: "demo-unit-79-03" })).status).toBe(401);
    expect((await tokenRow(before.id))?.replaced_by).toBeTruthy();
    expect(await auditOf(before.id)).toEqual(["token.create", "token.revoke"]);
  });

  it("refuses another province's offices, a unit that is not an office, and an office twice, writing nothing", async () => {
    const count = async () => (await env.DB.prepare(`SELECT COUNT(*) AS n FROM tokens`).first<{ n: number }>())?.n;
    const n = await count();
    const other = await api("POST", "/api/v1/tokens/bulk", { token: "demo-province-52", body: { province: "79", holders } });
    expect(other.status).toBe(403);
    const notOffice = await api("POST", "/api/v1/tokens/bulk", { token: "demo-province-79", body: { province: "79", holders: [...holders, { unit: "52-01", label: "x" }, { unit: "79", label: "y" }] } });
    expect(notOffice.status).toBe(400);
    expect((await json(notOffice)).error.issues.map((i: { path: string }) => i.path)).toEqual(["body.holders.3.unit", "body.holders.4.unit"]);
    const twice = await api("POST", "/api/v1/tokens/bulk", { token: "demo-province-79", body: { province: "79", holders: [holders[0], holders[0]] } });
    expect(twice.status).toBe(400);
    expect((await json(twice)).error.issues[0].path).toBe("body.holders.1.unit");
    expect(await count()).toBe(n);
  });

  it("lists the province's tokens with holder, expiry and last use, never the token or its hash", async () => {
    const res = await api("GET", "/api/v1/tokens?unit=79", { token: "demo-province-79" });
    expect(res.status).toBe(200);
    const list = await json(res);
    const row = list.tokens.find((t: { label: string }) => t.label === "Nguyễn Thị Thu");
    expect(row).toMatchObject({ role: "clerk", unit: "79-01", expiresAt: "2027-11-01T16:59:59.999Z", revokedAt: null });
    expect(row.lastUsedAt).toBe(NOW);
    expect(JSON.stringify(list)).not.toMatch(/thads_|token_hash|[0-9a-f]{64}/);
    expect((await api("GET", "/api/v1/tokens?unit=52", { token: "demo-province-79" })).status).toBe(403);
  });
});

describe("a province issues and rotates its offices' head tokens (issue 13)", () => {
  const count = async () => (await env.DB.prepare(`SELECT COUNT(*) AS n FROM tokens`).first<{ n: number }>())?.n;
  const auditCount = async () => (await env.DB.prepare(`SELECT COUNT(*) AS n FROM audit_log`).first<{ n: number }>())?.n;
  let head: { id: string; token: string };

  it("issues a head token for its office, audited, which holds the head role of that office only", async () => {
    const res = await api("POST", "/api/v1/tokens/bulk", { token: "demo-province-79", body: { province: "79", role: "head", holders: [{ unit: "79-01", label: "Võ Thị Thủ Trưởng" }] } });
    expect(res.status, await res.clone().text()).toBe(201);
    const out = await json(res);
    expect(out.tokens).toEqual([expect.objectContaining({ role: "head", unit: "79-01", label: "Võ Thị Thủ Trưởng" })]);
    head = out.tokens[0];
    const units = await json(await api("GET", "/api/v1/units", { token: head.token }));
    expect(units.caller).toMatchObject({ role: "head", unit: "79-01" });
    expect(units.units.map((u: { code: string }) => u.code)).toEqual(["79-01"]);
    const audit = await env.DB.prepare(`SELECT actor, detail FROM audit_log WHERE target = ? AND action = 'token.create'`).bind(head.id).first<{ actor: string; detail: string }>();
    expect(JSON.parse(audit!.detail)).toMatchObject({ role: "head", unit: "79-01", bulk: true });
  });

  it("hands out the heads' tokens as their own .xlsx, replacing the office's current head token", async () => {
    const res = await api("POST", "/api/v1/tokens/bulk", {
      token: "demo-province-79", accept: XLSX,
      body: { province: "79", role: "head", holders: [{ unit: "79-01", label: "Võ Thị Thủ Trưởng" }], replaceExisting: true },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="ma-truy-cap-thu-truong-79-2026-10-01.xlsx"');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
    expect(String(wb.getWorksheet("Mã truy cập")!.getCell("A1").value)).toContain("THỦ TRƯỞNG ĐƠN VỊ");
    // The earlier head token is revoked; the office's clerk tokens are not touched.
    expect((await api("GET", "/api/v1/units", { token: head.token })).status).toBe(401);
    expect((await api("GET", "/api/v1/units", { token: "demo-unit-79-01" })).status).toBe(200);
    expect(await auditOf(head.id)).toEqual(["token.create", "token.revoke"]);
  });

  it("rotates its office's head token: a new head token, the old one refused, audited", async () => {
    const fresh = await json(await api("POST", "/api/v1/tokens/bulk", { token: "demo-province-79", body: { province: "79", role: "head", holders: [{ unit: "79-02", label: "Trần Thủ Trưởng" }] } }));
    const old = fresh.tokens[0];
    const res = await api("POST", `/api/v1/tokens/${old.id}/rotate`, { token: "demo-province-79" });
    expect(res.status, await res.clone().text()).toBe(201);
    const rotated = await json(res);
    expect(rotated).toMatchObject({ role: "head", unit: "79-02", replaces: old.id });
    expect((await api("GET", "/api/v1/units", { token: old.token })).status).toBe(401);
    expect((await json(await api("GET", "/api/v1/units", { token: rotated.token }))).caller).toMatchObject({ role: "head", unit: "79-02" });
    expect(await auditOf(old.id)).toEqual(["token.create", "token.rotate"]);
  });

  it("refuses another province's office, the province itself and any other role, writing nothing", async () => {
    const tokens = await count();
    const audits = await auditCount();
    // Province 52 for 79's office: 403.
    const other = await api("POST", "/api/v1/tokens/bulk", { token: "demo-province-52", body: { province: "79", role: "head", holders: [{ unit: "79-01", label: "x" }] } });
    expect(other.status).toBe(403);
    // Its own province as the holder, or another province's office under its own name: 400 naming the holder.
    const notOffice = await api("POST", "/api/v1/tokens/bulk", { token: "demo-province-52", body: { province: "52", role: "head", holders: [{ unit: "52", label: "x" }, { unit: "79-01", label: "y" }] } });
    expect(notOffice.status).toBe(400);
    expect((await json(notOffice)).error.issues.map((i: { path: string }) => i.path)).toEqual(["body.holders.0.unit", "body.holders.1.unit"]);
    // A province-level or national token is never the province's to issue.
    for (const role of ["province", "national", "admin"]) {
      const res = await api("POST", "/api/v1/tokens/bulk", { token: "demo-province-52", body: { province: "52", role, holders: [{ unit: "52-01", label: "x" }] } });
      expect(res.status, role).toBe(400);
      expect((await json(res)).error.issues[0].path).toBe("body.role");
    }
    // Another province's office's head token is not the province's to rotate or revoke (nor even to see: 404).
    const theirs = await issue({ role: "head", unit: "79-03", label: "Thủ trưởng 79-03" });
    const afterIssue = { tokens: await count(), audits: await auditCount() };
    expect(afterIssue).toEqual({ tokens: tokens! + 1, audits: audits! + 1 });
    expect((await api("POST", `/api/v1/tokens/${theirs.id}/rotate`, { token: "demo-province-52" })).status).toBe(404);
    expect((await api("DELETE", `/api/v1/tokens/${theirs.id}`, { token: "demo-province-52" })).status).toBe(404);
    expect({ tokens: await count(), audits: await auditCount() }).toEqual(afterIssue);
    expect((await api("GET", "/api/v1/units", { token: theirs.token })).status).toBe(200);
  });
});
