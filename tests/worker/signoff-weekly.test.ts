import { beforeAll, describe, expect, it } from "vitest";
import { api, json, seedTokens, seedUnits, setNow } from "./fixtures";
import { TUAN_KQ } from "../fixtures/collections";

/**
 * Issue 13 for a weekly collection (issue 8): its periods are ISO weeks ("2026-W12"), and the
 * review board, the revision view and both decisions take them as they take a month, with the
 * week's own deadline (the first working day after its Sunday) and name.
 */

const WEEK = "2026-W12";

beforeAll(async () => {
  await seedUnits();
  await seedTokens();
  setNow("2026-03-23T01:00:00Z");
  const res = await api("PUT", "/api/v1/admin/forms", { token: "demo-admin", body: TUAN_KQ });
  expect(res.status, await res.clone().text()).toBe(200);
});

describe("sign-off of a weekly collection", () => {
  let sent: { id: string; contentHash: string };

  it("lists the week's offices on the province's board, with the week's deadline and name", async () => {
    const res = await api("POST", "/api/v1/submissions", {
      token: "demo-unit-52-01",
      body: { id: crypto.randomUUID(), unit: "52-01", form: TUAN_KQ.id, period: WEEK, values: { viec_giao: 10, viec_xong: 5, tien_thu: 1_234_567 } },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    sent = await json(res);
    const boardRes = await api("GET", `/api/v1/reviews?parent=52&period=${WEEK}`, { token: "demo-province-52" });
    expect(boardRes.status, await boardRes.clone().text()).toBe(200);
    const board = await json(boardRes);
    expect(board.periodLabel).toBe("Tuần 12/2026 (16/3–22/3)");
    // Only the weekly collections are reported for a week.
    expect(new Set(board.rows.map((r: { form: string }) => r.form))).toEqual(new Set([TUAN_KQ.id]));
    const office = board.rows.find((r: { unit: string }) => r.unit === "52-01");
    expect(office).toMatchObject({ state: "sent", late: false, deadline: "2026-03-23T16:59:59.999Z", printed: { state: "Đã gửi, chờ xác nhận" } });
    expect(board.rows.find((r: { unit: string }) => r.unit === "52-02")).toMatchObject({ state: "not_sent", overdue: false });
  });

  it("opens the week's revision with its figures printed, and takes the head's confirmation and the province's acceptance", async () => {
    const res = await api("GET", `/api/v1/submissions/${sent.id}`, { token: "demo-province-52" });
    expect(res.status, await res.clone().text()).toBe(200);
    const d = await json(res);
    expect(d.printed.values).toContainEqual(expect.objectContaining({ key: "tien_thu", value: "1.234.567" }));
    expect(d.printed.actions).toEqual({ confirm: false, accept: false, returnIt: true });
    const confirmed = await api("POST", `/api/v1/submissions/${sent.id}/confirm`, { token: "demo-head-52-01", body: { contentHash: sent.contentHash } });
    expect(confirmed.status, await confirmed.clone().text()).toBe(200);
    const accepted = await api("POST", `/api/v1/submissions/${sent.id}/review`, { token: "demo-province-52", body: { decision: "accept", contentHash: sent.contentHash } });
    expect(accepted.status, await accepted.clone().text()).toBe(200);
    expect((await json(accepted)).state).toBe("accepted");
    // Its document names the week, not a month.
    const pdf = await api("GET", `/api/v1/submissions/${sent.id}`, { token: "demo-province-52", accept: "application/pdf" });
    expect(pdf.status, pdf.status === 200 ? "" : await pdf.clone().text()).toBe(200);
    expect(pdf.headers.get("Content-Type")).toBe("application/pdf");
  });

  it("lets the Cục see the province for the week and return it with a comment", async () => {
    const res = await api("GET", `/api/v1/reviews?parent=VN&period=${WEEK}`, { token: "demo-national" });
    expect(res.status, await res.clone().text()).toBe(200);
    const row = (await json(res)).rows.find((r: { unit: string; form: string }) => r.unit === "52" && r.form === TUAN_KQ.id);
    expect(row.offices).toMatchObject({ sent: 1, accepted: 1 });
    const decided = await api("POST", "/api/v1/reviews", {
      token: "demo-national",
      body: { unit: "52", form: TUAN_KQ.id, period: WEEK, basis: row.basis, decision: "return", comment: "Hai phòng chưa gửi báo cáo tuần." },
    });
    expect(decided.status, await decided.clone().text()).toBe(200);
    expect(await json(decided)).toMatchObject({ state: "returned", period: WEEK });
  });

  it("still refuses a week for a monthly form on the board, naming the period", async () => {
    const res = await api("GET", `/api/v1/reviews?parent=52&period=${WEEK}&form=01`, { token: "demo-province-52" });
    expect(res.status).toBe(400);
    expect((await json(res)).error.message.vi).toContain("tháng dạng YYYY-MM");
  });
});
