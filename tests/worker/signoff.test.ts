import { env } from "cloudflare:test";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { api, json, seedToken, seedTokens, seedUnits, setNow, tableCounts } from "./fixtures";
import { form, submission } from "./submission-data";
import { errorJson } from "./responses";
import { confirmStatements } from "../../worker/src/db/signoff";

/**
 * Issue 13: a revision is sent by the clerk, confirmed by the unit's head (that exact revision,
 * by content hash), accepted or returned by the province; a correction needs a reason and
 * starts over; the Cục decides on a province once it has accepted all its offices. Every
 * refusal leaves every table as it was.
 */

const CLERK = "demo-unit-52-01";
const HEAD = "head-52-01";
const OTHER_HEAD = "demo-head-52-02";
const PROVINCE = "demo-province-52";
const PDF = "application/pdf";

const v1 = form({ carried: 100, fresh: 20, done: 60, terminated: 5, open: 30, postponed: 5 });
// The province returns it: five cases in progress were in fact completed.
const v2 = { ...v1, thi_hanh_xong: v1.thi_hanh_xong! + 5, dang_thi_hanh: v1.dang_thi_hanh! - 5 };

beforeAll(async () => {
  await seedUnits();
  await seedTokens();
  // Named like the people who hold them: the PDF prints these labels as names.
  await env.DB.prepare(`UPDATE tokens SET label = 'Nguyễn Thị Hồng Nhung' WHERE label = ?`).bind(CLERK).run();
  await seedToken(HEAD, "head", "52-01");
  await env.DB.prepare(`UPDATE tokens SET label = 'Trần Văn Đức' WHERE label = ?`).bind(HEAD).run();
  await env.DB.prepare(`UPDATE tokens SET label = 'Lê Minh Tâm (THADS tỉnh Gia Lai)' WHERE label = ?`).bind(PROVINCE).run();
});

async function send(token: string, unit: string, period: string, values: Record<string, number>, extra: Record<string, unknown> = {}) {
  const res = await api("POST", "/api/v1/submissions", { token, body: submission(unit, "01", period, values, extra) });
  expect(res.status, JSON.stringify(await res.clone().json())).toBe(201);
  return json(res);
}

async function confirm(token: string, id: string, contentHash: string) {
  return api("POST", `/api/v1/submissions/${id}/confirm`, { token, body: { contentHash } });
}

async function review(token: string, id: string, body: Record<string, unknown>) {
  return api("POST", `/api/v1/submissions/${id}/review`, { token, body });
}

async function detail(token: string, id: string) {
  const res = await api("GET", `/api/v1/submissions/${id}`, { token });
  expect(res.status).toBe(200);
  return json(res);
}

async function pdf(token: string, id: string): Promise<{ bytes: Uint8Array; res: Response }> {
  const res = await api("GET", `/api/v1/submissions/${id}`, { token, accept: PDF });
  expect(res.status).toBe(200);
  expect(res.headers.get("Content-Type")).toBe(PDF);
  return { bytes: new Uint8Array(await res.arrayBuffer()), res };
}

function same(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

async function sha256(bytes: Uint8Array): Promise<string> {
  const d = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(d, (b) => b.toString(16).padStart(2, "0")).join("");
}

async function board(token: string, parent: string, period: string) {
  const res = await api("GET", `/api/v1/reviews?parent=${parent}&period=${period}&form=01`, { token });
  expect(res.status).toBe(200);
  return json(res);
}

async function comparison(parent: string, period: string, figures?: string) {
  const res = await api("GET", `/api/v1/comparisons?parent=${parent}&form=01&period=${period}${figures ? "&figures=" + figures : ""}`, { token: "demo-national" });
  expect(res.status).toBe(200);
  return json(res);
}

describe("the sign-off of a revision", () => {
  it("goes sent → confirmed → returned with a comment on a cell → corrected with a reason → confirmed → accepted", async () => {
    setNow("2025-11-03T03:00:00Z");
    const r1 = await send(CLERK, "52-01", "2025-10", v1);
    expect(r1).toMatchObject({ revision: 1, reason: null, marks: { correction: false, afterDeadline: false, afterAcceptance: false } });
    let d = await detail(PROVINCE, r1.id);
    expect(d).toMatchObject({ state: "sent", latestRevision: 1, submittedBy: "Nguyễn Thị Hồng Nhung", unitName: expect.stringContaining("khu vực 1") });

    setNow("2025-11-03T04:00:00Z");
    const c1 = await confirm(HEAD, r1.id, r1.contentHash);
    expect(c1.status).toBe(200);
    expect(await json(c1)).toMatchObject({ state: "confirmed", signoff: { confirmedBy: "Trần Văn Đức", confirmedAt: "2025-11-03T04:00:00.000Z" } });
    expect((await board(PROVINCE, "52", "2025-10")).rows.find((r: { unit: string }) => r.unit === "52-01")).toMatchObject({ state: "confirmed", revision: { number: 1 } });

    setNow("2025-11-03T05:00:00Z");
    const ret = await review(PROVINCE, r1.id, {
      decision: "return",
      contentHash: r1.contentHash,
      comment: "Số thi hành xong chưa khớp sổ theo dõi.",
      cells: [{ field: "thi_hanh_xong", comment: "Sổ ghi 65 việc thi hành xong." }],
    });
    expect(ret.status).toBe(200);
    expect(await json(ret)).toMatchObject({ state: "returned", signoff: { decision: "returned", comment: "Số thi hành xong chưa khớp sổ theo dõi.", cells: [{ field: "thi_hanh_xong" }] } });

    // The clerk sees it in the history: on the revision, with the cell it names.
    const history = await json(await api("GET", "/api/v1/submissions?unit=52-01&form=01&period=2025-10", { token: CLERK }));
    expect(history.revisions[0]).toMatchObject({ state: "returned", signoff: { decidedBy: "Lê Minh Tâm (THADS tỉnh Gia Lai)", cells: [{ field: "thi_hanh_xong", comment: "Sổ ghi 65 việc thi hành xong." }] } });

    // A correction without a reason is refused, and writes nothing.
    setNow("2025-11-05T02:00:00Z"); // after the office's deadline (2025-11-04)
    const before = await tableCounts();
    const bare = await api("POST", "/api/v1/submissions", { token: CLERK, body: submission("52-01", "01", "2025-10", v2, { baseRevision: 1 }) });
    expect(bare.status).toBe(422);
    expect((await errorJson(bare)).error.code).toBe("reason_required");
    expect(await tableCounts()).toEqual(before);

    const r2 = await send(CLERK, "52-01", "2025-10", v2, { baseRevision: 1, reason: "Sửa số thi hành xong theo sổ theo dõi, tỉnh trả lại ngày 03/11." });
    expect(r2).toMatchObject({ revision: 2, reason: "Sửa số thi hành xong theo sổ theo dõi, tỉnh trả lại ngày 03/11.", marks: { correction: true, afterDeadline: true, afterAcceptance: false } });
    d = await detail(CLERK, r2.id);
    expect(d).toMatchObject({ state: "sent", revision: 2, latestRevision: 2, marks: { correction: true, afterDeadline: true } });
    // The old revision keeps what was said about it.
    expect((await detail(CLERK, r1.id)).state).toBe("returned");

    setNow("2025-11-05T03:00:00Z");
    expect((await confirm(HEAD, r2.id, r2.contentHash)).status).toBe(200);
    setNow("2025-11-05T04:00:00Z");
    const acc = await review(PROVINCE, r2.id, { decision: "accept", contentHash: r2.contentHash });
    expect(acc.status).toBe(200);
    expect((await json(acc)).state).toBe("accepted");

    d = await detail(PROVINCE, r2.id);
    expect(d.events.map((e: { action: string }) => e.action)).toEqual(["confirm", "accept"]);
    const row = (await board(PROVINCE, "52", "2025-10")).rows.find((r: { unit: string }) => r.unit === "52-01");
    expect(row).toMatchObject({ state: "accepted", late: false, revision: { number: 2, reason: expect.stringContaining("Sửa số"), marks: { afterDeadline: true } } });

    // Every state change is in the audit log, with who did it.
    const audit = await env.DB.prepare(`SELECT action, role FROM audit_log WHERE action LIKE 'signoff.%' ORDER BY id`).all<{ action: string; role: string }>();
    expect(audit.results).toEqual([
      { action: "signoff.confirm", role: "head" },
      { action: "signoff.return", role: "province" },
      { action: "signoff.confirm", role: "head" },
      { action: "signoff.accept", role: "province" },
    ]);

    // A correction after acceptance is marked as such.
    setNow("2025-11-06T02:00:00Z");
    const r3 = await send(CLERK, "52-01", "2025-10", v1, { baseRevision: 2, reason: "Trở lại số ban đầu." });
    expect(r3.marks).toEqual({ correction: true, afterDeadline: true, afterAcceptance: true });
    expect((await board(PROVINCE, "52", "2025-10")).rows.find((r: { unit: string }) => r.unit === "52-01")).toMatchObject({ state: "sent", revision: { number: 3, marks: { afterAcceptance: true } } });
  });
});

describe("refusals change nothing", () => {
  let first: { id: string; contentHash: string };
  let latest: { id: string; contentHash: string };

  beforeAll(async () => {
    setNow("2025-12-02T03:00:00Z");
    first = await send("demo-unit-52-02", "52-02", "2025-11", v1);
    latest = await send("demo-unit-52-02", "52-02", "2025-11", v2, { baseRevision: 1, reason: "Sửa số thi hành xong." });
  });

  async function refused(res: Promise<Response>, status: number, code: string) {
    const before = await tableCounts();
    const r = await res;
    expect(r.status).toBe(status);
    const body = await errorJson(r);
    expect(body.error.code).toBe(code);
    expect(body.error.message.vi).not.toBe("");
    expect(body.error.message.en).not.toBe("");
    expect(await tableCounts()).toEqual(before);
    return body;
  }

  it("confirming a revision that is no longer the latest: 409 with the latest", async () => {
    const body = await refused(confirm(OTHER_HEAD, first.id, first.contentHash), 409, "not_latest");
    expect(body.error).toMatchObject({ latestRevision: 2, latestId: latest.id, latestContentHash: latest.contentHash });
  });

  it("accepting a revision that is not confirmed: 409", async () => {
    await refused(review(PROVINCE, latest.id, { decision: "accept", contentHash: latest.contentHash }), 409, "not_confirmed");
  });

  it("returning without a comment: 422", async () => {
    await refused(review(PROVINCE, latest.id, { decision: "return", contentHash: latest.contentHash }), 422, "comment_required");
  });

  it("a clerk, another unit's head or the province confirming: 403", async () => {
    await refused(confirm("demo-unit-52-02", latest.id, latest.contentHash), 403, "forbidden");
    await refused(confirm(HEAD, latest.id, latest.contentHash), 403, "forbidden");
    await refused(confirm(PROVINCE, latest.id, latest.contentHash), 403, "forbidden");
  });

  it("anyone but the parent accepting or returning: 403", async () => {
    await refused(review("demo-province-79", latest.id, { decision: "return", contentHash: latest.contentHash, comment: "x" }), 403, "forbidden");
    await refused(review("demo-national", latest.id, { decision: "return", contentHash: latest.contentHash, comment: "x" }), 403, "forbidden");
    await refused(review(OTHER_HEAD, latest.id, { decision: "return", contentHash: latest.contentHash, comment: "x" }), 403, "forbidden");
  });

  it("a content hash that is not the revision's: 422; an unknown revision: 404; a malformed body: 400", async () => {
    await refused(confirm(OTHER_HEAD, latest.id, first.contentHash), 422, "content_hash_mismatch");
    await refused(confirm(OTHER_HEAD, crypto.randomUUID(), latest.contentHash), 404, "not_found");
    await refused(api("POST", `/api/v1/submissions/${latest.id}/confirm`, { token: OTHER_HEAD, body: { contentHash: "abc" } }), 400, "invalid_request");
    await refused(review(PROVINCE, latest.id, { decision: "return", contentHash: latest.contentHash, comment: "x", cells: [{ field: "khong_co", comment: "y" }] }), 422, "unknown_field");
  });

  it("confirming twice: 409, the first confirmation stands", async () => {
    expect((await confirm(OTHER_HEAD, latest.id, latest.contentHash)).status).toBe(200);
    await refused(confirm(OTHER_HEAD, latest.id, latest.contentHash), 409, "already_confirmed");
  });

  it("a revision that lands between the read and the write aborts the whole write batch", async () => {
    // The guard row re-checks in SQL what the route read: revision 1 is not the latest.
    const db = env.DB;
    const before = await tableCounts();
    const who = { tokenId: "t", role: "head" as const, unitCode: "52-02", unitPath: "/VN/52/52-02/", label: "x", expiresAt: null };
    const audit = db.prepare(`INSERT INTO audit_log (at, actor, role, action, target, request_id) VALUES ('x', 't', 'head', 'signoff.confirm', 'x', 'r')`);
    await expect(
      db.batch(confirmStatements(db, { unitCode: "52-02", formId: "01", period: "2025-11", submissionId: first.id, revision: 1 }, who, first.contentHash, "{}", "2025-12-02T03:00:00.000Z", "r", audit)),
    ).rejects.toThrow(/signoff_unchanged|CHECK/);
    expect(await tableCounts()).toEqual(before);
  });
});

describe("the document of a revision", () => {
  it("is the same bytes on every download; fixed at confirmation, whatever is renamed or decided later", async () => {
    setNow("2025-12-02T05:00:00Z");
    const r = await send("demo-unit-79-01", "79-01", "2025-11", v1);
    const a = await pdf("demo-unit-79-01", r.id);
    const b = await pdf("demo-province-79", r.id);
    expect(same(a.bytes, b.bytes)).toBe(true);
    expect(a.res.headers.get("X-Document-SHA256")).toBe(await sha256(a.bytes));
    expect(a.res.headers.get("X-Content-Hash")).toBe(r.contentHash);
    expect(a.res.headers.get("Content-Disposition")).toContain("bao-cao-79-01-01-2025-11-lan-1.pdf");

    await seedToken("head-79-01", "head", "79-01");
    expect((await confirm("head-79-01", r.id, r.contentHash)).status).toBe(200);
    const confirmed = await pdf("demo-unit-79-01", r.id);
    expect(same(confirmed.bytes, a.bytes)).toBe(false);

    // Renaming the unit, relabelling the tokens and the province's decision change nothing in it.
    await env.DB.prepare(`UPDATE units SET name = name || ' (đổi tên)' WHERE code = '79-01'`).run();
    await env.DB.prepare(`UPDATE tokens SET label = label || ' (đổi)' WHERE unit_code = '79-01'`).run();
    expect((await review("demo-province-79", r.id, { decision: "accept", contentHash: r.contentHash })).status).toBe(200);
    const later = await pdf("demo-national", r.id);
    expect(same(later.bytes, confirmed.bytes)).toBe(true);

    // A signed copy is ours plus an incremental update: its first bytes hash to the server's digest.
    const signed = new Uint8Array(later.bytes.length + 40);
    signed.set(later.bytes);
    signed.set(new TextEncoder().encode("\n% incremental update of a signature\n"), later.bytes.length);
    expect(await sha256(signed.slice(0, Number(later.res.headers.get("Content-Length") ?? later.bytes.length)))).toBe(later.res.headers.get("X-Document-SHA256"));
  });

  it("is readable only within the caller's scope", async () => {
    setNow("2025-12-02T06:00:00Z");
    const r = await send("demo-unit-79-02", "79-02", "2025-11", v1);
    const res = await api("GET", `/api/v1/submissions/${r.id}`, { token: PROVINCE, accept: PDF });
    expect(res.status).toBe(403);
  });
});

describe("roll-ups and comparisons say how much is confirmed and accepted", () => {
  it("counts every row, offers accepted-only figures, and shows the Cục's decision on a province", async () => {
    setNow("2025-12-03T03:00:00Z");
    const period = "2025-09"; // untouched by the other tests
    const a1 = await send("demo-unit-01-01", "01-01", period, v1);
    const b1 = await send("demo-unit-01-02", "01-02", period, v1);
    await seedToken("head-01-01", "head", "01-01");
    await seedToken("head-01-02", "head", "01-02");
    for (const [head, r] of [["head-01-01", a1], ["head-01-02", b1]] as const) expect((await confirm(head, r.id, r.contentHash)).status).toBe(200);
    expect((await review("demo-province-01", a1.id, { decision: "accept", contentHash: a1.contentHash })).status).toBe(200);
    // 01-02 corrects after confirmation: its accepted figure is none, its latest is v2.
    const b2 = await send("demo-unit-01-02", "01-02", period, v2, { baseRevision: 1, reason: "Sửa số." });

    const national = await comparison("VN", period);
    const row01 = national.rows.find((r: { unit: string }) => r.unit === "01");
    expect(row01.signoff).toEqual({ office: false, expected: row01.expected, confirmed: 1, accepted: 1, returned: 0, decision: null });
    const total = national.rows.find((r: { isTotal: boolean }) => r.isTotal);
    expect(total.signoff).toMatchObject({ confirmed: 1, accepted: 1 });
    expect(national.figures).toBe("latest");
    expect(row01.values.thi_hanh_xong).toBe(v1.thi_hanh_xong! + v2.thi_hanh_xong!);

    // Accepted only: 01-01's accepted revision; 01-02 has none yet.
    const acceptedOnly = await comparison("VN", period, "accepted");
    expect(acceptedOnly.figures).toBe("accepted");
    const acc01 = acceptedOnly.rows.find((r: { unit: string }) => r.unit === "01");
    expect(acc01.values.thi_hanh_xong).toBe(v1.thi_hanh_xong);
    expect(acc01.reported).toBe(1);
    const province = await comparison("01", period, "accepted");
    expect(province.rows.find((r: { unit: string }) => r.unit === "01-02").status).toBe("not_reported");
    expect(province.rows.find((r: { unit: string }) => r.unit === "01-01").values).toEqual(v1);
    // The province's roll-up the same way: latest, both offices; accepted only, 01-01's revision alone.
    const rollup = async (figures: string) =>
      (await api("GET", `/api/v1/rollups?unit=01&form=01&period=${period}&figures=${figures}`, { token: "demo-national" })).json() as Promise<{ figures: string; contributors: number; values: Record<string, number> }>;
    expect(await rollup("latest")).toMatchObject({ figures: "latest", contributors: 2, values: { thi_hanh_xong: v1.thi_hanh_xong! + v2.thi_hanh_xong! } });
    expect(await rollup("accepted")).toMatchObject({ figures: "accepted", contributors: 1, values: { thi_hanh_xong: v1.thi_hanh_xong } });

    // The sheet says it, on the row and in the title block.
    const csv = await (await api("GET", `/api/v1/comparisons?parent=VN&form=01&period=${period}`, { token: "demo-national", accept: "text/csv" })).text();
    expect(csv).toContain("Đã xác nhận 1/");
    const xlsx = await api("GET", `/api/v1/comparisons?parent=VN&form=01&period=${period}&figures=accepted`, { token: "demo-national", accept: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
    expect(xlsx.headers.get("Content-Disposition")).toContain("so-sanh-VN-01-" + period + "-da-tiep-nhan.xlsx");
    // Every sheet of the accepted-only workbook is named as such, the trend too: none passes for the latest figures.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const names = book.worksheets.map((w) => w.name);
    expect(names).toContain("Diễn biến VN 01 " + period + " TN");
    expect(names.filter((n) => !n.endsWith(" TN"))).toEqual([]);

    // The Cục cannot accept a province that has not accepted all its offices, nor on stale figures.
    const cuc = await board("demo-national", "VN", period);
    const p01 = cuc.rows.find((r: { unit: string }) => r.unit === "01");
    expect(p01).toMatchObject({ state: "sent", offices: { sent: 2, confirmed: 1, accepted: 1, corrections: 1 } });
    const before = await tableCounts();
    const early = await api("POST", "/api/v1/reviews", { token: "demo-national", body: { unit: "01", form: "01", period, basis: p01.basis, decision: "accept" } });
    expect(early.status).toBe(409);
    expect((await errorJson(early)).error.code).toBe("not_confirmed");
    const byProvince = await api("POST", "/api/v1/reviews", { token: "demo-province-01", body: { unit: "01", form: "01", period, basis: p01.basis, decision: "accept" } });
    expect(byProvince.status).toBe(403);
    const noComment = await api("POST", "/api/v1/reviews", { token: "demo-national", body: { unit: "01", form: "01", period, basis: p01.basis, decision: "return" } });
    expect(noComment.status).toBe(422);
    expect(await tableCounts()).toEqual(before);

    // The Cục returns the province with a comment; the next revision makes that decision stale.
    const back = await api("POST", "/api/v1/reviews", { token: "demo-national", body: { unit: "01", form: "01", period, basis: p01.basis, decision: "return", comment: "Khu vực 2 chưa được tiếp nhận." } });
    expect(back.status).toBe(200);
    expect((await comparison("VN", period)).rows.find((r: { unit: string }) => r.unit === "01").signoff.decision).toBe("returned");
    void b2;
  });

  it("lets the Cục accept a province once it has accepted every office, until an office sends again", async () => {
    setNow("2025-12-04T03:00:00Z");
    const period = "2025-08";
    const offices = ["11-00", "11-01", "11-02", "11-03", "11-04", "11-05"];
    const sent: Record<string, { id: string; contentHash: string }> = {};
    for (const o of offices) {
      await seedToken(`demo-unit-${o}`, "clerk", o);
      await seedToken(`head-${o}`, "head", o);
      sent[o] = await send(`demo-unit-${o}`, o, period, v1);
      expect((await confirm(`head-${o}`, sent[o]!.id, sent[o]!.contentHash)).status).toBe(200);
    }
    await seedToken("demo-province-11", "province", "11");
    for (const o of offices) expect((await review("demo-province-11", sent[o]!.id, { decision: "accept", contentHash: sent[o]!.contentHash })).status).toBe(200);

    const cuc = await board("demo-national", "VN", period);
    expect(cuc.level).toBe("provinces");
    const p11 = cuc.rows.find((r: { unit: string }) => r.unit === "11");
    expect(p11).toMatchObject({ state: "confirmed", offices: { expected: 6, sent: 6, accepted: 6 }, staleDecision: false });
    const ok = await api("POST", "/api/v1/reviews", { token: "demo-national", body: { unit: "11", form: "01", period, basis: p11.basis, decision: "accept" } });
    expect(ok.status).toBe(200);
    expect((await json(ok)).state).toBe("accepted");
    expect((await board("demo-national", "VN", period)).rows.find((r: { unit: string }) => r.unit === "11").state).toBe("accepted");
    const row = (await comparison("VN", period)).rows.find((r: { unit: string }) => r.unit === "11");
    expect(row.signoff).toEqual({ office: false, expected: 6, confirmed: 6, accepted: 6, returned: 0, decision: "accepted" });
    const csv = await (await api("GET", `/api/v1/comparisons?parent=VN&form=01&period=${period}`, { token: "demo-national", accept: "text/csv" })).text();
    expect(csv).toContain("Đã xác nhận 6/6 đơn vị; đã tiếp nhận 6/6 đơn vị; Cục: đã tiếp nhận");

    // An office corrects: the Cục's decision was about other figures.
    setNow("2025-12-05T03:00:00Z");
    await send("demo-unit-11-03", "11-03", period, v2, { baseRevision: 1, reason: "Sửa số thi hành xong." });
    const after = (await board("demo-national", "VN", period)).rows.find((r: { unit: string }) => r.unit === "11");
    expect(after).toMatchObject({ state: "sent", staleDecision: true });
    expect(after.basis).not.toBe(p11.basis);
    expect((await comparison("VN", period)).rows.find((r: { unit: string }) => r.unit === "11").signoff.decision).toBeNull();
    const stale = await api("POST", "/api/v1/reviews", { token: "demo-national", body: { unit: "11", form: "01", period, basis: p11.basis, decision: "return", comment: "Xem lại." } });
    expect(stale.status).toBe(409);
    expect((await errorJson(stale)).error.code).toBe("basis_changed");
  });
});

describe("head tokens", () => {
  it("are issued by the administrator for an office, and refused for a province", async () => {
    const office = await api("POST", "/api/v1/admin/tokens", { token: "demo-admin", body: { role: "head", unit: "52-02", label: "Thủ trưởng Phòng 2" } });
    expect(office.status, await office.clone().text()).toBe(201);
    const province = await api("POST", "/api/v1/admin/tokens", { token: "demo-admin", body: { role: "head", unit: "52", label: "Thủ trưởng tỉnh" } });
    expect(province.status).toBe(400);
    expect((await errorJson(province)).error.code).toBe("role_unit_mismatch");
  });
});
