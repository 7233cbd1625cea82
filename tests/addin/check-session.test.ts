/**
 * The checks of one pane session, DOM-free: the in-memory workbook stands in for Excel, a
 * counting fake for the Worker's history route.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { SubmissionHistory } from "../../shared/api/schemas";
import type { ApiClient, ReadOutcome } from "../../addin/src/core/api";
import { CheckSession, OFFLINE_RETRY_MS } from "../../addin/src/core/check-session";
import { ReferenceData } from "../../addin/src/core/reference-data";
import { memoryStore } from "../../addin/src/core/storage";
import { createFormSheets } from "../../addin/src/excel/form-sheet";
import { installFakeOffice, type InstalledOffice } from "../../addin/testing";
import { form01, header } from "./form-fixtures";

let installed: InstalledOffice | null = null;
afterEach(() => {
  installed?.uninstall();
  installed = null;
});

/** Last year's 12-month report and November's, as the Worker answers them; `up` switches the line. */
function worker(line: { up: boolean }) {
  const asked: string[] = [];
  const history = (period: string, values: Record<string, number | null> | null): SubmissionHistory => ({
    unit: "52-01", form: "01", period, current: values ? 1 : null,
    revisions: values
      ? [{ id: "r", unit: "52-01", form: "01", period, revision: 1, regime: "TT05_2024", contentHash: "h", submittedAt: "", submittedBy: "", deadline: "", firstSubmittedAt: "", late: false, values, explanations: {}, reason: null, marks: { correction: false, afterDeadline: false, afterAcceptance: false }, state: "sent" as const, signoff: { confirmedAt: null, confirmedBy: null, decision: null, decidedAt: null, decidedBy: null, comment: null, cells: [] } }]
      : [],
  });
  const api = {
    history: (_u: string, _f: string, period: string): Promise<ReadOutcome<SubmissionHistory>> => {
      asked.push(period);
      if (!line.up) return Promise.resolve({ ok: false, transient: true, status: 0, message: { vi: "", en: "" } });
      return Promise.resolve({ ok: true, data: history(period, period === "2025-09" ? { phai_thi_hanh: 1500, thi_hanh_xong: 500, dinh_chi: 20 } : null) });
    },
  } as ApiClient;
  return { api, asked };
}

async function session(line: { up: boolean }) {
  installed = installFakeOffice(globalThis, { apiLevel: "1.7" });
  const sheets = createFormSheets();
  const store = memoryStore();
  const clock = { t: 1_000_000 };
  const w = worker(line);
  const network: boolean[] = [];
  const s = new CheckSession({
    sheets, api: w.api, store, now: () => clock.t, reference: new ReferenceData(store),
    connected: () => true, noteNetwork: (ok) => network.push(ok),
  });
  const ref = await sheets.insertForm(form01, header);
  const wb = installed.workbook;
  const type = (key: string, v: number) => wb.type(ref.sheetName, ref.cells[key] as string, v);
  return { s, asked: w.asked, clock, network, type };
}

/** Phải thi hành 1.480 = có điều kiện 1.050 + chưa có điều kiện 400 + hoãn, tạm đình chỉ, khác 30. */
const TYPED = {
  nam_truoc_chuyen_sang: 1000, thu_ly_moi: 500, uy_thac: 20, thu_hoi_huy: 0, thi_hanh_xong: 700, dinh_chi: 50, dang_thi_hanh: 300,
  chua_co_dieu_kien: 400, hoan_tam_dinh_chi: 30, so_theo_doi_rieng: 0,
};

describe("the check session", () => {
  it("fetches the unit's earlier reports once, however many edits the live check re-checks", async () => {
    const { s, asked, type } = await session({ up: true });
    for (const [k, v] of Object.entries(TYPED)) type(k, v);
    const first = await s.check();
    expect(asked.slice().sort()).toEqual(["2025-09", "2025-11"]);
    // Five edits, five checks: no new request, the same cross-period finding each time.
    for (let i = 0; i < 5; i++) {
      type("thu_ly_moi", 500 + i);
      const again = await s.check();
      expect(again.kind).toBe("form");
    }
    expect(asked).toHaveLength(2);
    expect(first.kind === "form" && first.check.parts.map((p) => [p.period, p.source, p.hasData])).toEqual([
      ["2025-11", "server", false],
      ["2025-09", "server", true],
    ]);
  });

  it("finds the typed value and last year's carried-over figure on every re-check", async () => {
    const { s, type } = await session({ up: true });
    for (const [k, v] of Object.entries(TYPED)) type(k, v);
    type("uy_thac", -5);
    const a = await s.check();
    expect(a.kind === "form" && a.check.validation.findings.some((f) => f.fields.indexOf("uy_thac") >= 0 && f.severity === "error")).toBe(true);
    // Carried over 1.000 ≠ last year's 1.500 − 500 − 20 = 980: the cross-period warning, from the cached history.
    type("uy_thac", 20);
    const b = await s.check();
    expect(b.kind === "form" && b.check.validation.findings.map((f) => f.ruleId)).toContain("01.X5");
  });

  it("asks again, after a while, when the server could not be reached", async () => {
    const line = { up: false };
    const { s, asked, clock, network } = await session(line);
    await s.check();
    await s.check();
    expect(asked).toHaveLength(2);
    expect(network).toEqual([false]);
    line.up = true;
    clock.t += OFFLINE_RETRY_MS;
    await s.check();
    expect(asked).toHaveLength(4);
    expect(network).toEqual([false, true]);
  });

  it("fetches again what a new receipt changed", async () => {
    const { s, asked } = await session({ up: true });
    await s.check();
    s.reportChanged("52-01", "01", "2025-10");
    await s.check();
    expect(asked).toHaveLength(2);
    s.reportChanged("52-01", "01", "2025-11");
    await s.check();
    expect(asked).toHaveLength(4);
  });
});
