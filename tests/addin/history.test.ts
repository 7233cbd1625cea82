import { describe, expect, it } from "vitest";
import type { SubmissionHistory } from "../../shared/api/schemas";
import type { ApiClient, ReadOutcome } from "../../addin/src/core/api";
import { loadHistory } from "../../addin/src/core/history";
import { memoryStore } from "../../addin/src/core/storage";

function history(period: string, revisions: { revision: number; values: Record<string, number | null> }[]): SubmissionHistory {
  return {
    unit: "52-01", form: "01", period, current: revisions.length ? (revisions[revisions.length - 1]?.revision ?? null) : null,
    revisions: revisions.map((r) => ({
      id: "id" + r.revision, unit: "52-01", form: "01", period, revision: r.revision, regime: "TT05_2024", contentHash: "h",
      submittedAt: "", submittedBy: "", deadline: "", firstSubmittedAt: "", late: false, values: r.values, explanations: {}, reason: null, marks: { correction: false, afterDeadline: false, afterAcceptance: false }, state: "sent" as const, signoff: { confirmedAt: null, confirmedBy: null, decision: null, decidedAt: null, decidedBy: null, comment: null, cells: [] },
    })),
  };
}

function api(online: { up: boolean }, asked: string[]): ApiClient {
  const data: Record<string, SubmissionHistory> = {
    "2025-11": history("2025-11", [{ revision: 1, values: { thu_ly_moi: 10 } }, { revision: 2, values: { thu_ly_moi: 12 } }]),
    "2025-09": history("2025-09", [{ revision: 1, values: { phai_thi_hanh: 500 } }]),
  };
  const down = { ok: false as const, transient: true, status: 0, message: { vi: "", en: "" } };
  return {
    history: (_u, _f, period) => {
      asked.push(period);
      return Promise.resolve<ReadOutcome<SubmissionHistory>>(online.up ? { ok: true, data: data[period] ?? history(period, []) } : down);
    },
  } as ApiClient;
}

describe("history for cross-period rules", () => {
  it("uses the latest revision of last month and of last year's 12-month report", async () => {
    const asked: string[] = [];
    const h = await loadHistory(api({ up: true }, asked), memoryStore(), () => 1, "52-01", "01", "2025-12");
    expect(asked.sort()).toEqual(["2025-09", "2025-11"]);
    expect(h.history.prevMonth).toEqual({ thu_ly_moi: 12 });
    expect(h.history.prevYearFinal).toEqual({ phai_thi_hanh: 500 });
    expect(h.parts).toEqual([
      { which: "prevMonth", period: "2025-11", source: "server", hasData: true, revision: 2, fetchedAt: null },
      { which: "prevYearFinal", period: "2025-09", source: "server", hasData: true, revision: 1, fetchedAt: null },
    ]);
  });

  it("works offline from what it cached, and says so", async () => {
    const store = memoryStore();
    const online = { up: true };
    await loadHistory(api(online, []), store, () => 111, "52-01", "01", "2025-12");
    online.up = false;
    const h = await loadHistory(api(online, []), store, () => 222, "52-01", "01", "2025-12");
    expect(h.history.prevMonth).toEqual({ thu_ly_moi: 12 });
    expect(h.parts[0]).toMatchObject({ source: "cache", fetchedAt: 111 });
  });

  it("does not compare October with the September before it (cumulative figures restart on 1 October)", async () => {
    const asked: string[] = [];
    const h = await loadHistory(api({ up: true }, asked), memoryStore(), () => 1, "52-01", "01", "2025-10");
    expect(asked).toEqual(["2025-09"]);
    expect(h.history.prevMonth).toBeNull();
    expect(h.history.prevYearFinal).toEqual({ phai_thi_hanh: 500 });
  });

  it("tells a period the unit never sent (server answered) from one it could not fetch", async () => {
    const sent = await loadHistory(api({ up: true }, []), memoryStore(), () => 1, "52-01", "01", "2027-02");
    expect(sent.history).toEqual({ prevMonth: null, prevYearFinal: null });
    expect(sent.parts.map((p) => [p.source, p.hasData])).toEqual([["server", false], ["server", false]]);
    const offline = await loadHistory(api({ up: false }, []), memoryStore(), () => 1, "52-01", "01", "2027-02");
    expect(offline.parts.map((p) => [p.source, p.hasData])).toEqual([["none", false], ["none", false]]);
  });
});
