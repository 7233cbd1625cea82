import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { api, json, seedTokens, seedUnits, setNow, tableCounts } from "./fixtures";
import { submission, unitMonths } from "./submission-data";

const clerk = "demo-unit-52-01";
const [oct, nov] = unitMonths(11);
const other = unitMonths(12);

beforeAll(async () => {
  await seedUnits();
  await seedTokens();
});

async function rollup(token: string, unit: string, form: string, period: string) {
  const res = await api("GET", `/api/v1/rollups?unit=${unit}&form=${form}&period=${period}`, { token });
  expect(res.status).toBe(200);
  return json(res);
}

describe("submitting a form", () => {
  it("updates the province and national totals and the comparison row in the very next request", async () => {
    setNow("2025-11-03T03:00:00Z"); // deadline for 2025-10 (office) is 2025-11-04
    const before = await rollup("demo-national", "VN", "01", "2025-10");
    expect(before.contributors).toBe(0);

    const res = await api("POST", "/api/v1/submissions", { token: clerk, body: submission("52-01", "01", "2025-10", oct!.viec) });
    expect(res.status).toBe(201);
    const receipt = await json(res);
    expect(receipt).toMatchObject({ unit: "52-01", form: "01", period: "2025-10", revision: 1, late: false, replayed: false });
    expect(receipt.deadline).toBe("2025-11-04T16:59:59.999Z");

    const province = await rollup("demo-province-52", "52", "01", "2025-10");
    expect(province.values.thi_hanh_xong).toBe(oct!.viec.thi_hanh_xong);
    expect(province.contributors).toBe(1);
    expect(province.expected).toBe(15);
    const nation = await rollup("demo-national", "VN", "01", "2025-10");
    expect(nation.values.co_dieu_kien).toBe(oct!.viec.co_dieu_kien);
    expect(nation.expected).toBe(389);

    const res2 = await api("POST", "/api/v1/submissions", { token: "demo-unit-52-02", body: submission("52-02", "01", "2025-10", other[0]!.viec) });
    expect(res2.status).toBe(201);
    const after = await rollup("demo-province-52", "52", "01", "2025-10");
    expect(after.values.thi_hanh_xong).toBe(oct!.viec.thi_hanh_xong! + other[0]!.viec.thi_hanh_xong!);
    const expectedRate = ((after.values.thi_hanh_xong + after.values.dinh_chi) * 100) / after.values.co_dieu_kien;
    expect(after.indicators.rate_viec.rate).toBeCloseTo(expectedRate, 10);

    const cmp = await json(await api("GET", "/api/v1/comparisons?parent=52&form=01&period=2025-10", { token: "demo-province-52" }));
    const row = cmp.rows.find((r: { unit: string }) => r.unit === "52-01");
    expect(row.status).toBe("reported");
    expect(row.indicators.rate_viec.numerator).toBe(oct!.viec.thi_hanh_xong! + oct!.viec.dinh_chi!);
    const total = cmp.rows.find((r: { isTotal: boolean }) => r.isTotal);
    expect(total.indicators.rate_viec.numerator).toBe(after.values.thi_hanh_xong + after.values.dinh_chi);
    expect(total.missing).toBe(13);
  });

  it("answers a retry with the same id with the original receipt and never makes a second revision", async () => {
    setNow("2025-11-03T04:00:00Z");
    const body = submission("52-01", "02", "2025-10", oct!.tien);
    const first = await json(await api("POST", "/api/v1/submissions", { token: clerk, body }));
    const counts = await tableCounts();
    const again = await api("POST", "/api/v1/submissions", { token: clerk, body });
    expect(again.status).toBe(201);
    const replay = await json(again);
    expect(replay).toMatchObject({ revision: first.revision, submittedAt: first.submittedAt, contentHash: first.contentHash, replayed: true });
    expect(await tableCounts()).toEqual(counts);

    const reused = await api("POST", "/api/v1/submissions", { token: clerk, body: { ...body, values: { ...body.values, thu_ly_moi: 1 } } });
    expect(reused.status).toBe(409);
    expect((await json(reused)).error.code).toBe("id_reused");
  });

  it("keeps every revision and moves the totals by the difference only", async () => {
    setNow("2025-11-03T05:00:00Z");
    const unit = "79-01";
    const [m] = unitMonths(21);
    await api("POST", "/api/v1/submissions", { token: "demo-unit-79-01", body: submission(unit, "01", "2025-10", m!.viec) });
    const corrected = { ...m!.viec, thu_ly_moi: m!.viec.thu_ly_moi! + 5, tong_thu_ly: m!.viec.tong_thu_ly! + 5, phai_thi_hanh: m!.viec.phai_thi_hanh! + 5, chua_co_dieu_kien: m!.viec.chua_co_dieu_kien! + 5 };
    const res = await api("POST", "/api/v1/submissions", { token: "demo-unit-79-01", body: submission(unit, "01", "2025-10", corrected, { baseRevision: 1, reason: "Sửa số liệu theo sổ thụ lý" }) });
    expect(res.status).toBe(201);
    expect((await json(res)).revision).toBe(2);
    const province = await rollup("demo-province-79", "79", "01", "2025-10");
    expect(province.values.thu_ly_moi).toBe(corrected.thu_ly_moi);
    expect(province.contributors).toBe(1);
    const history = await json(await api("GET", `/api/v1/submissions?unit=${unit}&form=01&period=2025-10`, { token: "demo-province-79" }));
    expect(history.current).toBe(2);
    expect(history.revisions.map((r: { revision: number; values: Record<string, number> }) => [r.revision, r.values.thu_ly_moi])).toEqual([
      [1, m!.viec.thu_ly_moi],
      [2, corrected.thu_ly_moi],
    ]);
  });

  it("refuses a stale base revision with 409 and the server's current values", async () => {
    setNow("2025-11-03T06:00:00Z");
    const res = await api("POST", "/api/v1/submissions", { token: "demo-unit-79-01", body: submission("79-01", "01", "2025-10", unitMonths(21)[0]!.viec, { baseRevision: 1, reason: "Sửa số liệu theo sổ thụ lý" }) });
    expect(res.status).toBe(409);
    const body = await json(res);
    expect(body.error.code).toBe("revision_conflict");
    expect(body.error.currentRevision).toBe(2);
    expect(body.error.currentValues.thu_ly_moi).toBe(unitMonths(21)[0]!.viec.thu_ly_moi! + 5);
    expect(body.error.message.vi).toContain("lần gửi 2");
  });

  it("rejects a form with an error, says which cell and why in Vietnamese, and writes nothing", async () => {
    setNow("2025-11-03T07:00:00Z");
    const counts = await tableCounts();
    const bad = { ...oct!.viec, phai_thi_hanh: oct!.viec.phai_thi_hanh! + 7 };
    const res2 = await api("POST", "/api/v1/submissions", { token: "demo-unit-01-02", body: submission("01-02", "01", "2025-10", bad) });
    expect(res2.status).toBe(422);
    const body = await json(res2);
    expect(body.error.code).toBe("invalid_form");
    const finding = body.error.findings.find((f: { ruleId: string }) => f.ruleId === "01.R3");
    expect(finding.fields).toContain("phai_thi_hanh");
    expect(finding.params.difference).toBe(7);
    expect(finding.message.vi).toContain("Tổng số phải thi hành");
    expect(await tableCounts()).toEqual(counts);
  });

  it("checks cross-period rules against the stored history", async () => {
    setNow("2025-12-02T03:00:00Z");
    const bad: Record<string, number> = { ...nov!.viec, thi_hanh_xong: oct!.viec.thi_hanh_xong! - 1 };
    bad.dang_thi_hanh = bad.co_dieu_kien! - bad.thi_hanh_xong! - bad.dinh_chi!;
    const res = await api("POST", "/api/v1/submissions", { token: clerk, body: submission("52-01", "01", "2025-11", bad) });
    expect(res.status).toBe(422);
    const findings = (await json(res)).error.findings as { ruleId: string }[];
    expect(findings.map((f) => f.ruleId)).toEqual(["01.X2"]);
    const ok = await api("POST", "/api/v1/submissions", { token: clerk, body: submission("52-01", "01", "2025-11", nov!.viec) });
    expect(ok.status).toBe(201);
  });

  it("asks for an explanation of each warning and stores it with the revision", async () => {
    setNow("2025-12-02T04:00:00Z");
    // Nov for 52-02: push 15% of enforceable cases to "not enforceable" — the shift auditors look for.
    const m = { ...other[1]!.viec };
    const shift = Math.round(m.phai_thi_hanh! * 0.15);
    m.co_dieu_kien = m.co_dieu_kien! - shift;
    m.dang_thi_hanh = m.dang_thi_hanh! - shift;
    m.chua_co_dieu_kien = m.chua_co_dieu_kien! + shift;
    expect(m.dang_thi_hanh).toBeGreaterThanOrEqual(0);
    const res = await api("POST", "/api/v1/submissions", { token: "demo-unit-52-02", body: submission("52-02", "01", "2025-11", m) });
    expect(res.status).toBe(422);
    const body = await json(res);
    expect(body.error.code).toBe("explanation_required");
    expect(body.error.findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(["01.X6"]);
    const explained = await api("POST", "/api/v1/submissions", {
      token: "demo-unit-52-02",
      body: submission("52-02", "01", "2025-11", m, { explanations: { "01.X6": "Nhiều việc chuyển sang chưa có điều kiện sau xác minh." } }),
    });
    expect(explained.status).toBe(201);
    const history = await json(await api("GET", "/api/v1/submissions?unit=52-02&form=01&period=2025-11", { token: "demo-unit-52-02" }));
    expect(history.revisions[0].explanations).toEqual({ "01.X6": "Nhiều việc chuyển sang chưa có điều kiện sau xác minh." });
  });

  it("accepts a report after its deadline and marks it late", async () => {
    setNow("2025-11-06T02:00:00Z");
    const res = await api("POST", "/api/v1/submissions", { token: "demo-unit-01-02", body: submission("01-02", "01", "2025-10", oct!.viec) });
    expect(res.status).toBe(201);
    expect((await json(res)).late).toBe(true);
    const completeness = await json(await api("GET", "/api/v1/completeness?parent=01&period=2025-10", { token: "demo-province-01" }));
    const row = completeness.rows.find((r: { unit: string; form: string }) => r.unit === "01-02" && r.form === "01");
    expect(row).toMatchObject({ status: "late", deadline: "2025-11-04T16:59:59.999Z" });
    const missing = completeness.rows.find((r: { unit: string; form: string }) => r.unit === "01-03" && r.form === "01");
    expect(missing.status).toBe("missing");
  });

  it("gives the province's own office the province's deadline (4 working days, not 2)", async () => {
    setNow("2025-11-05T03:00:00Z"); // after a regional office's deadline (4/11), before the province's (6/11)
    const [m] = unitMonths(51);
    const res = await api("POST", "/api/v1/submissions", { token: "demo-unit-01-00", body: submission("01-00", "01", "2025-10", m!.viec) });
    expect(res.status).toBe(201);
    expect(await json(res)).toMatchObject({ late: false, deadline: "2025-11-06T16:59:59.999Z" });
    const completeness = await json(await api("GET", "/api/v1/completeness?parent=01&period=2025-10", { token: "demo-province-01" }));
    expect(completeness.rows.find((r: { unit: string; form: string }) => r.unit === "01-00" && r.form === "01")).toMatchObject({
      status: "on_time",
      deadline: "2025-11-06T16:59:59.999Z",
    });
  });

  it("judges lateness on the first report: a correction after the deadline is a correction with its own time, not late", async () => {
    setNow("2025-11-03T09:00:00Z"); // before the regional offices' deadline (4/11)
    const [m] = unitMonths(61);
    const first = await json(await api("POST", "/api/v1/submissions", { token: "demo-unit-01-01", body: submission("01-01", "01", "2025-10", m!.viec) }));
    expect(first).toMatchObject({ revision: 1, late: false, firstSubmittedAt: "2025-11-03T09:00:00.000Z" });

    setNow("2025-11-12T02:00:00Z"); // a week after the deadline
    const fixed = { ...m!.viec, thu_ly_moi: m!.viec.thu_ly_moi! + 2, tong_thu_ly: m!.viec.tong_thu_ly! + 2, phai_thi_hanh: m!.viec.phai_thi_hanh! + 2, chua_co_dieu_kien: m!.viec.chua_co_dieu_kien! + 2 };
    const res = await api("POST", "/api/v1/submissions", { token: "demo-unit-01-01", body: submission("01-01", "01", "2025-10", fixed, { baseRevision: 1, reason: "Sửa số thụ lý mới theo sổ thụ lý" }) });
    expect(res.status).toBe(201);
    expect(await json(res)).toMatchObject({
      revision: 2,
      submittedAt: "2025-11-12T02:00:00.000Z",
      firstSubmittedAt: "2025-11-03T09:00:00.000Z",
      late: false,
      // Issue 13: a correction, sent after the deadline, with its reason.
      reason: "Sửa số thụ lý mới theo sổ thụ lý",
      marks: { correction: true, afterDeadline: true, afterAcceptance: false },
    });
    const history = await json(await api("GET", "/api/v1/submissions?unit=01-01&form=01&period=2025-10", { token: "demo-unit-01-01" }));
    expect(history.revisions.map((r: { revision: number; late: boolean; submittedAt: string; firstSubmittedAt: string }) => [r.revision, r.late, r.submittedAt, r.firstSubmittedAt])).toEqual([
      [1, false, "2025-11-03T09:00:00.000Z", "2025-11-03T09:00:00.000Z"],
      [2, false, "2025-11-12T02:00:00.000Z", "2025-11-03T09:00:00.000Z"],
    ]);
    const completeness = await json(await api("GET", "/api/v1/completeness?parent=01&period=2025-10", { token: "demo-province-01" }));
    expect(completeness.rows.find((r: { unit: string; form: string }) => r.unit === "01-01" && r.form === "01")).toMatchObject({ status: "on_time", revision: 2 });

    // A late first report stays late when it is corrected.
    const late = await api("POST", "/api/v1/submissions", { token: "demo-unit-01-02", body: submission("01-02", "01", "2025-10", oct!.viec, { baseRevision: 1, explanations: {}, reason: "Bổ sung giải trình" }) });
    expect(late.status, await late.clone().text()).toBe(201);
    expect(await json(late)).toMatchObject({ revision: 2, late: true, firstSubmittedAt: "2025-11-06T02:00:00.000Z" });
  });

  it("refuses a period the province has closed until it is reopened, and audits both", async () => {
    setNow("2025-12-05T02:00:00Z");
    const close = await api("POST", "/api/v1/periods/close", { token: "demo-province-52", body: { province: "52", period: "2025-11", reason: "Chốt số liệu" } });
    expect(close.status).toBe(200);
    const counts = await tableCounts();
    const refused = await api("POST", "/api/v1/submissions", { token: "demo-unit-52-00", body: submission("52-00", "01", "2025-11", nov!.viec) });
    expect(refused.status).toBe(409);
    const body = await json(refused);
    expect(body.error.code).toBe("period_closed");
    expect(body.error.message.vi).toContain("kỳ báo cáo đã khóa".replace(/^k/, "K"));
    expect(await tableCounts()).toEqual(counts);

    await api("POST", "/api/v1/periods/reopen", { token: "demo-province-52", body: { province: "52", period: "2025-11" } });
    const accepted = await api("POST", "/api/v1/submissions", { token: "demo-unit-52-00", body: submission("52-00", "01", "2025-11", nov!.viec) });
    // 52-00 has no October report, so the cumulative rules are skipped and the form is accepted.
    expect(accepted.status).toBe(201);
    const audit = await json(await api("GET", "/api/v1/admin/audit?limit=50", { token: "demo-admin" }));
    const actions = audit.entries.map((e: { action: string; target: string }) => `${e.action} ${e.target}`);
    expect(actions).toContain("period.close 52/2025-11");
    expect(actions).toContain("period.reopen 52/2025-11");
  });

  it("refuses a period that has not ended yet", async () => {
    setNow("2025-11-20T02:00:00Z");
    const res = await api("POST", "/api/v1/submissions", { token: "demo-unit-52-01", body: submission("52-01", "01", "2025-11", nov!.viec) });
    expect(res.status).toBe(422);
    expect((await json(res)).error.code).toBe("period_not_ended");
  });

  it("names the field of a malformed request and refuses oversized bodies before parsing", async () => {
    const bad = await api("POST", "/api/v1/submissions", { token: clerk, body: { ...submission("52-01", "01", "2025-13", {}), id: "x" } });
    expect(bad.status).toBe(400);
    const body = await json(bad);
    expect(body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(["body.id", "body.period"]);
    expect(body.error.message.vi).toContain("body.period");

    const huge = await api("POST", "/api/v1/submissions", { token: clerk, body: "x".repeat(70 * 1024) });
    expect(huge.status).toBe(413);
    const notJson = await api("POST", "/api/v1/submissions", { token: clerk, body: "{oops" });
    expect(notJson.status).toBe(400);
    expect((await json(notJson)).error.code).toBe("invalid_json");
  });

  it("shows the unit's new completion rate against its (inherited) target on the receipt", async () => {
    setNow("2025-11-03T08:00:00Z");
    const put = await api("PUT", "/api/v1/targets", {
      token: "demo-national",
      body: { year: 2026, targets: [{ unit: "79", indicator: "rate_viec", targetPct: 84.7 }] },
    });
    expect(put.status).toBe(200);
    const [m] = unitMonths(31);
    const res = await api("POST", "/api/v1/submissions", { token: "demo-unit-79-02", body: submission("79-02", "01", "2025-10", m!.viec) });
    const rec = await json(res);
    const rate = ((m!.viec.thi_hanh_xong! + m!.viec.dinh_chi!) * 100) / m!.viec.co_dieu_kien!;
    expect(rec.completion.rate).toBeCloseTo(rate, 10);
    expect(rec.completion).toMatchObject({ target: 84.7, targetProvisional: false, met: false });
    expect(rec.completion.gap).toBeCloseTo(Math.round(rate * 100) / 100 - 84.7, 10);
    const targets = await json(await api("GET", "/api/v1/targets?year=2026&unit=79-02", { token: "demo-unit-79-02" }));
    expect(targets.targets).toContainEqual({ unit: "79-02", indicator: "rate_viec", targetPct: 84.7, provisional: false, comparison: "gte", decisionRef: null, source: "79" });
  });
});

describe("storage", () => {
  it("keeps money exact as integers far beyond 2^31", async () => {
    const row = await env.DB.prepare(`SELECT typeof(value) AS t FROM aggregates WHERE form_id = '02' LIMIT 1`).first<{ t: string }>();
    expect(row?.t).toBe("integer");
  });
});
