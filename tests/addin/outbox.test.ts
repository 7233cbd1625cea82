import { describe, expect, it } from "vitest";
import type { SubmissionReceipt, SubmissionRequest } from "../../shared/api/schemas";
import type { SendOutcome } from "../../addin/src/core/api";
import { backoffDelay, DEFAULT_BACKOFF, Outbox } from "../../addin/src/core/outbox";
import { memoryStore, STORAGE_FULL, type KeyValueStore } from "../../addin/src/core/storage";

function request(id: string): SubmissionRequest {
  return { id, unit: "52-01", form: "01", period: "2025-12", values: { thu_ly_moi: 10 } };
}

function receipt(id: string, revision = 1): SubmissionReceipt {
  return {
    id, unit: "52-01", form: "01", period: "2025-12", revision, regime: "TT05_2024", contentHash: "x",
    submittedAt: "2026-01-03T02:00:00.000Z", submittedBy: "t", deadline: "2026-01-05T16:59:59.999Z",
    firstSubmittedAt: "2026-01-03T02:00:00.000Z", late: false, reason: null, marks: { correction: false, afterDeadline: false, afterAcceptance: false },
    completion: { rate: 84.25, target: 83.9, targetProvisional: false, gap: 0.35, met: true }, replayed: false,
  };
}

const OFFLINE: SendOutcome = { kind: "transient", status: 0, message: { vi: "Mất mạng", en: "Offline" }, retryAfterSeconds: null };

/** A server the test switches on and off; records every request it saw. */
function fakeServer() {
  const state = { up: false, seen: [] as string[], answer: null as ((r: SubmissionRequest) => SendOutcome) | null };
  const send = (r: SubmissionRequest): Promise<SendOutcome> => {
    state.seen.push(r.id);
    if (state.answer) return Promise.resolve(state.answer(r));
    return Promise.resolve(state.up ? { kind: "accepted", receipt: receipt(r.id) } : OFFLINE);
  };
  return { state, send };
}

function outbox(store: KeyValueStore, send: (r: SubmissionRequest) => Promise<SendOutcome>, clock: { t: number }) {
  return new Outbox({ store, send, now: () => clock.t, random: () => 0.5 });
}

describe("submission queue", () => {
  it("keeps a report that could not be sent, and a new task pane (after closing Excel) still has it", async () => {
    const store = memoryStore();
    const clock = { t: 1_000_000 };
    const server = fakeServer();
    const first = outbox(store, server.send, clock);
    first.add(request("a"));
    const r = await first.attempt("a");
    expect(r?.outcome.kind).toBe("transient");

    const reopened = outbox(store, server.send, clock);
    expect(reopened.list().map((e) => e.request.id)).toEqual(["a"]);
    expect(reopened.list()[0]?.attempts).toBe(1);
    expect(reopened.list()[0]?.lastError?.vi).toBe("Mất mạng");
  });

  it("retries with growing delays and sends when the server is back, with the same id", async () => {
    const store = memoryStore();
    const clock = { t: 0 };
    const server = fakeServer();
    const q = outbox(store, server.send, clock);
    q.add(request("a"));
    await q.drain();
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      const next = q.nextDueAt() as number;
      delays.push(next - clock.t);
      // Not yet due: nothing is sent.
      expect(await q.drain()).toEqual([]);
      clock.t = next;
      await q.drain();
    }
    expect(delays).toEqual([2000, 4000, 8000, 16000]);
    server.state.up = true;
    clock.t = q.nextDueAt() as number;
    const done = await q.drain();
    expect(done[0]?.outcome.kind).toBe("accepted");
    expect(q.list()).toEqual([]);
    expect(new Set(server.state.seen)).toEqual(new Set(["a"]));
  });

  it("caps the delay at five minutes, spreads retries by ±20 % and honours Retry-After", () => {
    expect(backoffDelay(1, () => 0.5)).toBe(2000);
    expect(backoffDelay(30, () => 0.5)).toBe(DEFAULT_BACKOFF.capMs);
    expect(backoffDelay(1, () => 0)).toBe(1600);
    expect(backoffDelay(1, () => 1)).toBe(2400);
    expect(backoffDelay(1, () => 0.5, DEFAULT_BACKOFF, 60)).toBe(60_000);
  });

  it("stops at the first outage and pushes the other reports back too", async () => {
    const store = memoryStore();
    const clock = { t: 0 };
    const server = fakeServer();
    const q = outbox(store, server.send, clock);
    q.add(request("a"));
    clock.t = 1;
    q.add(request("b"));
    await q.drain();
    expect(server.state.seen).toEqual(["a"]);
    expect(q.due()).toEqual([]);
    server.state.up = true;
    clock.t = q.nextDueAt() as number;
    const results = await q.drain();
    expect(results.map((r) => r.entry.request.id)).toEqual(["a", "b"]);
    expect(q.list()).toEqual([]);
  });

  it("does not retry an answer: a rejected report stays in the queue as failed, with the reason", async () => {
    const store = memoryStore();
    const clock = { t: 0 };
    const server = fakeServer();
    server.state.answer = () => ({ kind: "rejected", status: 403, code: "forbidden", message: { vi: "Không có quyền", en: "Forbidden" } });
    const q = outbox(store, server.send, clock);
    q.add(request("a"));
    await q.drain();
    clock.t += 3_600_000;
    expect(await q.drain()).toEqual([]);
    expect(server.state.seen).toEqual(["a"]);
    expect(q.list()[0]?.state).toBe("failed");
    expect(q.list()[0]?.lastError?.vi).toBe("Không có quyền");
    // After fixing the token, "Thử lại ngay" sends it again.
    server.state.answer = null;
    server.state.up = true;
    q.retryNow("a");
    const r = await q.drain();
    expect(r[0]?.outcome.kind).toBe("accepted");
  });

  it("treats a send that throws as an outage, not as a lost report", async () => {
    const store = memoryStore();
    const q = new Outbox({ store, send: () => Promise.reject(new Error("boom")), now: () => 0, random: () => 0.5 });
    q.add(request("a"));
    const r = await q.attempt("a");
    expect(r?.outcome.kind).toBe("transient");
    expect(q.list()).toHaveLength(1);
  });

  it("never sends the same report twice at once", async () => {
    const store = memoryStore();
    let calls = 0;
    let release: (o: SendOutcome) => void = () => undefined;
    const q = new Outbox({
      store,
      send: () => {
        calls++;
        return new Promise<SendOutcome>((res) => (release = res));
      },
      now: () => 0,
      random: () => 0.5,
    });
    q.add(request("a"));
    const one = q.drain();
    const two = q.drain();
    const three = q.attempt("a");
    release({ kind: "accepted", receipt: receipt("a") });
    await Promise.all([one, two, three]);
    expect(calls).toBe(1);
  });
});

describe("when the network comes back", () => {
  it("hurries waiting reports but does not resend refused ones", async () => {
    const store = memoryStore();
    const clock = { t: 0 };
    const server = fakeServer();
    server.state.answer = (r) =>
      r.id === "refused"
        ? { kind: "rejected", status: 403, code: "forbidden", message: { vi: "Không có quyền", en: "Forbidden" } }
        : OFFLINE;
    const q = outbox(store, server.send, clock);
    q.add(request("refused"));
    q.add(request("waiting"));
    await q.attempt("refused");
    await q.attempt("waiting");
    q.retryNow();
    expect(q.due().map((e) => e.request.id)).toEqual(["waiting"]);
    expect(q.list().find((e) => e.request.id === "refused")?.state).toBe("failed");
  });
});

/** localStorage with a quota: a write that would go over it throws, as browsers do when it is full. */
function limitedStore(limit: { chars: number }): KeyValueStore & { has(key: string): boolean } {
  const inner = memoryStore();
  const size = () => inner.keys().reduce((n, k) => n + k.length + (inner.get(k) ?? "").length, 0);
  return {
    persistent: true,
    get: inner.get,
    remove: inner.remove,
    keys: inner.keys,
    has: (k) => inner.get(k) !== null,
    set: (k, v) => {
      const was = inner.get(k);
      if (size() - (was === null ? 0 : k.length + was.length) + k.length + v.length > limit.chars) {
        throw Object.assign(new Error("The quota has been exceeded."), { name: "QuotaExceededError" });
      }
      inner.set(k, v);
    },
  };
}

describe("when Excel's storage is full", () => {
  it("still queues the report, in memory, says it is not stored, and sends it", async () => {
    const limit = { chars: 40 };
    const store = limitedStore(limit);
    const clock = { t: 0 };
    const server = fakeServer();
    const q = outbox(store, server.send, clock);
    // Today's main: add() throws QuotaExceededError, and the report is neither queued nor sent.
    expect(() => q.add(request("a"))).not.toThrow();
    expect(q.list().map((e) => e.request.id)).toEqual(["a"]);
    expect(q.persisted()).toBe(false);
    expect(store.has("thads.outbox")).toBe(false);
    // Offline meanwhile: the report waits in memory with its backoff, like a stored one.
    expect((await q.attempt("a"))?.outcome.kind).toBe("transient");
    expect(q.list()[0]?.attempts).toBe(1);
    server.state.up = true;
    clock.t = q.nextDueAt() as number;
    expect((await q.drain())[0]?.outcome.kind).toBe("accepted");
    expect(q.list()).toEqual([]);
  });

  it("stores the held report as soon as there is room again", () => {
    const limit = { chars: 40 };
    const store = limitedStore(limit);
    const q = outbox(store, fakeServer().send, { t: 0 });
    q.add(request("a"));
    expect(q.persisted()).toBe(false);
    limit.chars = 100_000;
    expect(q.persisted()).toBe(true);
    // A pane opened after Excel restarts finds it.
    expect(outbox(store, fakeServer().send, { t: 0 }).list().map((e) => e.request.id)).toEqual(["a"]);
  });

  it("tells the clerk in Vietnamese what happened and what to do", () => {
    expect(STORAGE_FULL.vi).toMatch(/^Bộ nhớ của Excel đã đầy/);
    expect(STORAGE_FULL.vi).toContain("sẽ mất nếu đóng Excel");
    expect(STORAGE_FULL.vi).toContain("xóa ở hàng đợi những báo cáo không cần gửi nữa");
  });
});
