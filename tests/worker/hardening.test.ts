import { env } from "cloudflare:test";
import JSZip from "jszip";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { api, json, tableCounts } from "./fixtures";
import { parseCsv } from "../../shared/text/csv";
import { form, seedComparisonScenario, submission } from "./submission-data";
import { BUILT_IN_FORMS } from "../../shared/forms/definitions";
import { formInForce } from "../../shared/forms/registry";

/**
 * Inputs a hostile or careless client sends (issue 9): each answer is a 4xx that names what
 * is wrong, nothing is written, and nothing the caller sent comes back unescaped.
 */

beforeAll(seedComparisonScenario);

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async function auditCount(): Promise<number> {
  return (await env.DB.prepare(`SELECT COUNT(*) AS n FROM audit_log`).first<{ n: number }>())?.n ?? 0;
}

async function rename(code: string, name: string): Promise<void> {
  await env.DB.prepare(`UPDATE units SET name = ? WHERE code = ?`).bind(name, code).run();
}

function issuePaths(body: { error: { issues?: { path: string }[] } }): string[] {
  return (body.error.issues ?? []).map((i) => i.path);
}

describe("periods outside the years the system serves", () => {
  it("answers 400 naming the period for form definitions of year 0000, not a server error", async () => {
    const res = await api("GET", "/api/v1/forms?period=0000-01", { token: "demo-national" });
    expect(res.status).toBe(400);
    expect(issuePaths(await json(res))).toEqual(["query.period"]);
  });

  it("answers 400 naming the period for completeness in 9999-12", async () => {
    const res = await api("GET", "/api/v1/completeness?parent=52&period=9999-12", { token: "demo-province-52" });
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(issuePaths(body)).toEqual(["query.period"]);
    expect(body.error.message.vi).toContain("query.period");
  });

  it("refuses to close period 0000-01 and writes nothing", async () => {
    const before = await tableCounts();
    const res = await api("POST", "/api/v1/periods/close", { token: "demo-province-52", body: { province: "52", period: "0000-01" } });
    expect(res.status).toBe(400);
    expect(issuePaths(await json(res))).toEqual(["body.period"]);
    expect(await tableCounts()).toEqual(before);
  });
});

describe("unit codes and the hierarchy in the administration routes", () => {
  const office = (over: Record<string, unknown>) => ({
    code: "52-20", name: "Phòng THADS khu vực 20 - Gia Lai", kind: "regional_office", parentCode: "52",
    validFrom: "2024-10-01", validTo: null, successorCode: null, ...over,
  });

  it.each([["52/01"], [""], ["52-01/../VN"]])("refuses the unit code %j with 400 naming body.code", async (code) => {
    const before = await tableCounts();
    const res = await api("PUT", "/api/v1/admin/units", { token: "demo-admin", body: office({ code }) });
    expect(res.status).toBe(400);
    expect(issuePaths(await json(res))).toContain("body.code");
    expect(await tableCounts()).toEqual(before);
  });

  it("refuses a parent or successor code that is not a unit code", async () => {
    const parent = await api("PUT", "/api/v1/admin/units", { token: "demo-admin", body: office({ parentCode: "52/x" }) });
    expect(parent.status).toBe(400);
    expect(issuePaths(await json(parent))).toContain("body.parentCode");
    const successor = await api("PUT", "/api/v1/admin/units", { token: "demo-admin", body: office({ successorCode: "" }) });
    expect(successor.status).toBe(400);
    expect(issuePaths(await json(successor))).toContain("body.successorCode");
  });

  it("refuses a regional office placed directly under the country, as the shared hierarchy rules say", async () => {
    const before = await tableCounts();
    const res = await api("PUT", "/api/v1/admin/units", { token: "demo-admin", body: office({ parentCode: "VN" }) });
    expect(res.status).toBe(422);
    const body = await json(res);
    expect(body.error.code).toBe("invalid_hierarchy");
    expect(body.error.message.vi).toContain("52-20");
    expect(await tableCounts()).toEqual(before);
    expect(await env.DB.prepare(`SELECT code FROM units WHERE code = '52-20'`).first()).toBeNull();
  });

  it("refuses validity dates that are not dates, or that end before they start", async () => {
    const bad = await api("PUT", "/api/v1/admin/units", { token: "demo-admin", body: office({ validFrom: "soon" }) });
    expect(bad.status).toBe(400);
    expect(issuePaths(await json(bad))).toContain("body.validFrom");
    const backwards = await api("PUT", "/api/v1/admin/units", { token: "demo-admin", body: office({ validFrom: "2025-10-01", validTo: "2025-01-01" }) });
    expect(backwards.status).toBe(422);
    expect((await json(backwards)).error.code).toBe("invalid_hierarchy");
  });

  it("still adds a sound regional office", async () => {
    const res = await api("PUT", "/api/v1/admin/units", { token: "demo-admin", body: office({}) });
    expect(res.status).toBe(200);
    expect((await json(res)).unit.path).toBe("/VN/52/52-20/");
  });
});

describe("CSV cells", () => {
  it("neutralises formulas in unit names and quotes a bare carriage return (RFC 4180)", async () => {
    await rename("52", "=HYPERLINK(\"http://x\",\"Gia Lai\")");
    await rename("01", "+Hà Nội");
    await rename("79", "@SUM(1)\rTP HCM");
    try {
      const res = await api("GET", "/api/v1/comparisons?parent=VN&form=01&period=2025-10", { token: "demo-national", accept: "text/csv" });
      expect(res.status).toBe(200);
      const text = new TextDecoder().decode(await res.arrayBuffer());
      const records = parseCsv(text);
      const header = records[0]!;
      // a bare CR inside a quoted cell does not start a record: every record has the header's fields
      for (const r of records) expect(r.length).toBe(header.length);
      // the name column (the summary facts on every row name units too, inside sentences)
      const nameAt = header.indexOf("Đơn vị");
      expect(nameAt).toBeGreaterThan(0);
      const names = records.map((r) => r[nameAt] as string).filter((f) => /HYPERLINK|Hà Nội|SUM/.test(f));
      expect(names.sort()).toEqual(["'+Hà Nội", "'=HYPERLINK(\"http://x\",\"Gia Lai\")", "'@SUM(1)\rTP HCM"].sort());
      // as written: neutralised, then quoted where RFC 4180 requires
      expect(text).toContain(`,"'=HYPERLINK(""http://x"",""Gia Lai"")",`);
      expect(text).toContain(",'+Hà Nội,");
      expect(text).toContain(`,"'@SUM(1)\rTP HCM",`);
      // numbers keep their sign: a negative gap is a number, not text
      expect(text).toMatch(/,-\d+(\.\d+)?,/);
    } finally {
      await rename("52", "THADS tỉnh Gia Lai");
      await rename("01", "THADS thành phố Hà Nội");
      await rename("79", "THADS thành phố Hồ Chí Minh");
    }
  });
});

describe(".xlsx parts", () => {
  it("strips control characters from names, so that every part of the workbook is well-formed XML", async () => {
    await rename("52", "THADS tỉnh\u0001 Gia Lai\u0007");
    try {
      const res = await api("GET", "/api/v1/comparisons?parent=VN&form=01&period=2025-10", { token: "demo-national", accept: XLSX });
      expect(res.status).toBe(200);
      const bytes = new Uint8Array(await res.arrayBuffer());
      const zip = await JSZip.loadAsync(bytes);
      const parts = Object.keys(zip.files).filter((n) => n.endsWith(".xml") || n.endsWith(".rels"));
      expect(parts.some((p) => p.startsWith("xl/charts/"))).toBe(true);
      for (const name of parts) {
        const xml = await zip.file(name)!.async("string");
        expect(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/.test(xml), name).toBe(false);
      }
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(bytes.buffer as ArrayBuffer);
      let found = false;
      wb.worksheets[0]!.eachRow((row) => {
        if (row.getCell(2).value === "52") found = row.getCell(3).value === "THADS tỉnh Gia Lai";
      });
      expect(found).toBe(true);
    } finally {
      await rename("52", "THADS tỉnh Gia Lai");
    }
  });
});

describe("audit log", () => {
  it("writes no audit row for a revoke that revoked nothing", async () => {
    const before = await auditCount();
    const res = await api("DELETE", `/api/v1/admin/tokens/${crypto.randomUUID()}`, { token: "demo-admin" });
    expect(res.status).toBe(404);
    expect(await auditCount()).toBe(before);
  });
});

describe("request ids", () => {
  it("replaces an X-Request-Id that is not a short token of safe characters, in the answer and in the audit log", async () => {
    const hostile = "<script>alert(1)</script>".repeat(200);
    const res = await api("POST", "/api/v1/periods/close", {
      token: "demo-province-52", headers: { "X-Request-Id": hostile }, body: { province: "52", period: "2025-07", reason: "test" },
    });
    expect(res.status).toBe(200);
    const id = res.headers.get("X-Request-Id") ?? "";
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const row = await env.DB.prepare(`SELECT request_id FROM audit_log ORDER BY id DESC LIMIT 1`).first<{ request_id: string }>();
    expect(row?.request_id).toBe(id);
    const err = await api("GET", "/api/v1/nothing", { token: "demo-admin", headers: { "X-Request-Id": "a b\"<>" } });
    expect((await err.text())).not.toContain("<>");
  });

  it("keeps a caller's short, safe request id", async () => {
    const res = await api("GET", "/api/v1/units", { token: "demo-unit-52-01", headers: { "X-Request-Id": "pane-1a2B_3.c:4" } });
    expect(res.headers.get("X-Request-Id")).toBe("pane-1a2B_3.c:4");
  });
});

describe("request bodies", () => {
  it("answers 415 for a body that is not application/json, and writes nothing", async () => {
    const before = await tableCounts();
    const res = await api("POST", "/api/v1/periods/close", {
      token: "demo-province-52",
      headers: { "Content-Type": "text/plain" },
      raw: JSON.stringify({ province: "52", period: "2025-08" }),
    });
    expect(res.status).toBe(415);
    expect((await json(res)).error.code).toBe("unsupported_media_type");
    expect(await tableCounts()).toEqual(before);
  });

  it("answers 400 naming unknown top-level fields instead of dropping them", async () => {
    const before = await tableCounts();
    const body = { ...submission("52-01", "01", "2025-11", form({ carried: 100, done: 80, terminated: 5, open: 15 })), approvedBy: "me", note: "x" };
    const res = await api("POST", "/api/v1/submissions", { token: "demo-unit-52-01", body });
    expect(res.status).toBe(400);
    const err = await json(res);
    expect(err.error.message.en).toContain("approvedBy");
    expect(err.error.message.en).toContain("note");
    expect(await tableCounts()).toEqual(before);
    const lock = await api("POST", "/api/v1/periods/close", { token: "demo-province-52", body: { province: "52", period: "2025-08", force: true } });
    expect(lock.status).toBe(400);
    expect((await json(lock)).error.message.vi).toContain("force");
  });

  it("answers 400 naming unknown top-level fields of a form definition an administrator publishes, and stores nothing", async () => {
    const count = async () => (await env.DB.prepare(`SELECT COUNT(*) AS n FROM form_definitions`).first<{ n: number }>())?.n ?? 0;
    const before = { tables: await tableCounts(), definitions: await count() };
    // A typo'd key ("note" for "notes") would otherwise vanish without a word.
    const definition = { ...formInForce(BUILT_IN_FORMS, "01", "2025-11-30")!, validFrom: "2099-01-01", validTo: null, note: ["sửa chính tả"] };
    const res = await api("PUT", "/api/v1/admin/forms", { token: "demo-admin", body: definition });
    expect(res.status).toBe(400);
    const err = await json(res);
    expect(issuePaths(err)).toEqual(["body"]);
    expect(err.error.message.en).toContain("note");
    expect(err.error.message.vi).toContain("note");
    expect({ tables: await tableCounts(), definitions: await count() }).toEqual(before);
  });
});

describe("what a refusal says", () => {
  it("calls a missing query parameter or field missing, and a wrong type by a Vietnamese name", async () => {
    const missing = await json(await api("GET", "/api/v1/comparisons?parent=VN&period=2025-09", { token: "demo-national" }));
    expect(missing.error.message.vi).toContain("query.form: bắt buộc nhưng chưa có");
    expect(missing.error.message.en).toContain("query.form: required but missing");
    const before = await tableCounts();
    const wrong = await api("POST", "/api/v1/periods/close", { token: "demo-province-52", body: { province: 52, period: "2025-08" } });
    expect(wrong.status).toBe(400);
    expect((await json(wrong)).error.message.vi).toContain("body.province: sai kiểu dữ liệu: cần chuỗi ký tự");
    expect(await tableCounts()).toEqual(before);
  });
});

describe("text fields", () => {
  it.each([
    ["NUL", "Số liệu\u0000 đúng"],
    ["a control character", "Số liệu\u0008 đúng"],
    ["a right-to-left override", "Số liệu \u202Eđúng"],
  ])("refuses an explanation containing %s, naming the field", async (_what, text) => {
    const before = await tableCounts();
    const body = submission("52-02", "01", "2025-11", form({ carried: 200, done: 100, open: 90, postponed: 10 }), {
      explanations: { "01.W1": text },
    });
    const res = await api("POST", "/api/v1/submissions", { token: "demo-unit-52-02", body });
    expect(res.status).toBe(400);
    const err = await json(res);
    expect(issuePaths(err)).toEqual(["body.explanations.01.W1"]);
    expect(err.error.message.vi).toContain("body.explanations.01.W1");
    expect(await tableCounts()).toEqual(before);
  });

  it("refuses a unit name, a token label and a reason with control or bidi-override characters", async () => {
    const before = await tableCounts();
    const unit = await api("PUT", "/api/v1/admin/units", {
      token: "demo-admin",
      body: { code: "52-21", name: "Phòng\u202E 21", kind: "regional_office", parentCode: "52", validFrom: "2024-10-01", validTo: null, successorCode: null },
    });
    expect(unit.status).toBe(400);
    expect(issuePaths(await json(unit))).toEqual(["body.name"]);
    const token = await api("POST", "/api/v1/admin/tokens", { token: "demo-admin", body: { role: "clerk", unit: "52-01", label: "Nguyễn\u0000" } });
    expect(token.status).toBe(400);
    expect(issuePaths(await json(token))).toEqual(["body.label"]);
    const reason = await api("POST", "/api/v1/periods/close", { token: "demo-province-52", body: { province: "52", period: "2025-08", reason: "chốt\u0007" } });
    expect(reason.status).toBe(400);
    expect(issuePaths(await json(reason))).toEqual(["body.reason"]);
    expect(await tableCounts()).toEqual(before);
  });

  it("refuses them in the words of a form definition an administrator publishes, naming each, and stores nothing", async () => {
    const count = async () => (await env.DB.prepare(`SELECT COUNT(*) AS n FROM form_definitions`).first<{ n: number }>())?.n ?? 0;
    const before = { tables: await tableCounts(), definitions: await count() };
    const base = formInForce(BUILT_IN_FORMS, "01", "2025-11-30")!;
    const fields = base.fields.map((f, i) => (i === 1 ? { ...f, label: { ...f.label, vi: f.label.vi + "\u202E" } } : f));
    const indicators = base.indicators.map((ind, i) => (i === 0 ? { ...ind, short: { ...ind.short, en: "rate\u0000" } } : ind));
    const definition = { ...base, validFrom: "2099-01-01", validTo: null, title: { ...base.title, vi: "Biểu\u0008 01" }, fields, indicators };
    const res = await api("PUT", "/api/v1/admin/forms", { token: "demo-admin", body: definition });
    // A definition that parses but is wrong inside is the definition checks' 422, every problem listed.
    expect(res.status).toBe(422);
    const issues = (await json(res)).error.issues as { path: string; vi: string; en: string }[];
    expect(issues.map((i) => i.path)).toEqual(["title.vi", "fields.1.label.vi", "indicators.0.short.en"]);
    expect(issues[1]?.vi).toMatch(/^fields\.1\.label\.vi: Chứa ký tự đảo chiều hiển thị văn bản \(U\+202E\) ở vị trí \d+\.$/);
    expect(issues[2]?.en).toBe("indicators.0.short.en: contains a control character (U+0000) at position 5");
    expect({ tables: await tableCounts(), definitions: await count() }).toEqual(before);
  });

  it("refuses them in a unit name pushed from the units sheet, naming the row's field, and renames nothing", async () => {
    const nameBefore = await env.DB.prepare(`SELECT name FROM units WHERE code = '52-02'`).first<{ name: string }>();
    const before = await tableCounts();
    const res = await api("POST", "/api/v1/organisation/changes", {
      token: "demo-province-52",
      body: { parent: "52", changes: [{ code: "52-02", name: "Phòng THADS khu vực 2\u202E - Gia Lai", kind: "regional_office", validFrom: "2024-10-01", validTo: null, successorCode: null }] },
    });
    expect(res.status).toBe(400);
    const err = await json(res);
    expect(issuePaths(err)).toEqual(["body.changes.0.name"]);
    expect(err.error.message.vi).toContain("body.changes.0.name");
    expect(await tableCounts()).toEqual(before);
    expect(await env.DB.prepare(`SELECT name FROM units WHERE code = '52-02'`).first<{ name: string }>()).toEqual(nameBefore);
  });

  it("refuses them in a target's decision reference, set directly or pushed from the targets sheet", async () => {
    const before = await tableCounts();
    const put = await api("PUT", "/api/v1/targets", {
      token: "demo-province-52",
      body: { year: 2026, targets: [{ unit: "52-01", indicator: "rate_viec", targetPct: 85, decisionRef: "QĐ\u0000 12" }] },
    });
    expect(put.status).toBe(400);
    expect(issuePaths(await json(put))).toEqual(["body.targets.0.decisionRef"]);
    const pushed = await api("POST", "/api/v1/targets/changes", {
      token: "demo-province-52",
      body: { year: 2026, parent: "52", changes: [{ unit: "52-01", indicator: "rate_viec", target: { targetPct: 85, provisional: false, comparison: "gte", decisionRef: "QĐ \u202E12" } }] },
    });
    expect(pushed.status).toBe(400);
    expect(issuePaths(await json(pushed))).toEqual(["body.changes.0.target.decisionRef"]);
    expect(await tableCounts()).toEqual(before);
  });
});

describe("statistical years", () => {
  it("refuses a targets sheet pushed for a year the system does not serve, as PUT /targets does", async () => {
    const before = await tableCounts();
    const change = { unit: "52-01", indicator: "rate_viec", target: { targetPct: 85, provisional: false, comparison: "gte", decisionRef: null } };
    const put = await api("PUT", "/api/v1/targets", { token: "demo-province-52", body: { year: 2005, targets: [{ unit: "52-01", indicator: "rate_viec", targetPct: 85 }] } });
    expect(put.status).toBe(400);
    expect(issuePaths(await json(put))).toEqual(["body.year"]);
    const pushed = await api("POST", "/api/v1/targets/changes", { token: "demo-province-52", body: { year: 2005, parent: "52", changes: [change] } });
    expect(pushed.status).toBe(400);
    expect(issuePaths(await json(pushed))).toEqual(["body.year"]);
    expect(await tableCounts()).toEqual(before);
  });
});

describe("security headers", () => {
  const expectHardened = (res: Response) => {
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Referrer-Policy")).toBe("no-referrer");
    expect(res.headers.get("Strict-Transport-Security")).toContain("max-age=");
  };

  it("hardens every answer of the API: success, refusal, error and unknown route", async () => {
    expectHardened(await api("GET", "/api/v1/health"));
    expectHardened(await api("GET", "/api/v1/units", { token: "demo-unit-52-01" }));
    expectHardened(await api("GET", "/api/v1/units"));
    expectHardened(await api("GET", "/api/v1/nothing", { token: "demo-admin" }));
    expectHardened(await api("GET", "/api/v1/forms?period=0000-01", { token: "demo-admin" }));
    const json = await api("GET", "/api/v1/units", { token: "demo-unit-52-01" });
    expect(json.headers.get("Content-Security-Policy")).toContain("default-src 'none'");
    expect(json.headers.get("X-Frame-Options")).toBe("DENY");
  });

  it.each([["the download page", "/tai-ve"], ["the token handout page", "/cap-ma"]])(
    "gives %s a policy that runs its own script only, loads nothing from elsewhere and cannot be framed",
    async (_name, path) => {
      const res = await api("GET", path);
      expect(res.status).toBe(200);
      expectHardened(res);
      const csp = res.headers.get("Content-Security-Policy") ?? "";
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce).toBeTruthy();
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain("unsafe-inline");
      const html = await res.text();
      const tags = html.match(/<(script|style)[^>]*>/g) ?? [];
      expect(tags.length).toBe(2);
      for (const tag of tags) expect(tag).toContain(`nonce="${nonce}"`);
      const second = (await api("GET", path)).headers.get("Content-Security-Policy");
      expect(second).not.toBe(csp); // a fresh nonce each time
    },
  );
});

describe("a clerk's report after the hardening", () => {
  it("is still accepted as the add-in sends it, with an explanation on several lines", async () => {
    const res = await api("POST", "/api/v1/submissions", {
      token: "demo-unit-79-01",
      body: submission("79-01", "01", "2025-11", form({ carried: 50, fresh: 10, done: 45, open: 15 }), { explanations: { "01.X": "Dòng 1\nDòng 2\tcột" } }),
    });
    expect(res.status).toBe(201);
  });
});
