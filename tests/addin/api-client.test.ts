import { describe, expect, it } from "vitest";
import { classifySubmission, createApiClient } from "../../addin/src/core/api";
import type { HttpRequest, HttpResponse } from "../../addin/src/core/http";
import { parseRetryAfter } from "../../addin/src/core/http";

const res = (status: number, body: unknown = null, retryAfterSeconds: number | null = null): HttpResponse => ({ status, body, retryAfterSeconds });
const msg = { vi: "Thông báo", en: "Message" };

describe("what a submission ends in", () => {
  it("keeps network errors, 5xx and 429 for a retry", () => {
    expect(classifySubmission({ ...res(0), failure: "network" })).toMatchObject({ kind: "transient", message: { vi: expect.stringContaining("Không kết nối được máy chủ") } });
    expect(classifySubmission({ ...res(0), failure: "timeout" }).kind).toBe("transient");
    expect(classifySubmission(res(500, { error: { code: "internal_error", message: msg } })).kind).toBe("transient");
    expect(classifySubmission(res(503)).kind).toBe("transient");
    expect(classifySubmission(res(429, null, 30))).toMatchObject({ kind: "transient", retryAfterSeconds: 30 });
  });

  it("reads a 201 as the receipt", () => {
    const receipt = { revision: 2, completion: { rate: 84.25 } };
    expect(classifySubmission(res(201, receipt))).toEqual({ kind: "accepted", receipt });
  });

  it("hands back the findings of a 422, with their Vietnamese messages", () => {
    const findings = [{ code: "rule_violated", severity: "error", fields: ["tong_thu_ly"], params: {}, message: msg }];
    for (const code of ["invalid_form", "explanation_required"]) {
      expect(classifySubmission(res(422, { error: { code, message: msg, findings } }))).toEqual({ kind: "invalid", code, message: msg, findings });
    }
  });

  it("tells a revision conflict (with the server's values) from a closed period", () => {
    expect(classifySubmission(res(409, { error: { code: "revision_conflict", message: msg, currentRevision: 3, currentValues: { thu_ly_moi: 5 } } })))
      .toEqual({ kind: "conflict", message: msg, currentRevision: 3, currentValues: { thu_ly_moi: 5 } });
    expect(classifySubmission(res(409, { error: { code: "period_closed", message: msg } }))).toEqual({ kind: "closed", message: msg });
  });

  it("does not retry what retrying cannot fix: bad token, no right, bad request", () => {
    for (const status of [400, 401, 403, 404, 413]) {
      expect(classifySubmission(res(status, { error: { code: "x", message: msg } }))).toMatchObject({ kind: "rejected", status, message: msg });
    }
    expect(classifySubmission(res(401, "<html>"))).toMatchObject({ kind: "rejected", message: { vi: expect.stringContaining("401") } });
  });
});

describe("API client", () => {
  it("sends the token, JSON and the query the Worker expects", async () => {
    const seen: HttpRequest[] = [];
    const api = createApiClient((r) => (seen.push(r), Promise.resolve(res(200, { ok: true }))), () => ({ base: "https://x.vn", token: "tok" }));
    await api.health();
    await api.history("52-01", "01", "2025-11");
    await api.submit({ id: "i", unit: "52-01", form: "01", period: "2025-12", values: { a: 1 } });
    expect(seen[0]).toMatchObject({ method: "GET", url: "https://x.vn/api/v1/health" });
    expect(seen[0]?.headers?.Authorization).toBeUndefined();
    expect(seen[1]).toMatchObject({ url: "https://x.vn/api/v1/submissions?unit=52-01&form=01&period=2025-11", headers: { Authorization: "Bearer tok" } });
    expect(seen[2]).toMatchObject({ method: "POST", url: "https://x.vn/api/v1/submissions", headers: { "Content-Type": "application/json" } });
    expect(JSON.parse(seen[2]?.body ?? "")).toMatchObject({ id: "i", values: { a: 1 } });
  });

  it("reports a failed read as transient only when retrying could help", async () => {
    const api = createApiClient(() => Promise.resolve(res(401, { error: { code: "unauthorized", message: msg } })), () => ({ base: "", token: "" }));
    expect(await api.units()).toEqual({ ok: false, transient: false, status: 401, message: msg });
    const down = createApiClient(() => Promise.resolve(res(0)), () => ({ base: "", token: "" }));
    expect(await down.units()).toMatchObject({ ok: false, transient: true, status: 0 });
  });

  it("parses Retry-After in seconds or as a date", () => {
    expect(parseRetryAfter("120")).toBe(120);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter(new Date(Date.now() + 10_000).toUTCString())).toBeGreaterThan(5);
  });
});
