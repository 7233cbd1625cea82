/**
 * The submission queue. Every submission goes through it, so a report the clerk pressed
 * "Gửi" on is never lost: it is written to localStorage before the first attempt, stays
 * there across closing the task pane and Excel, and is retried with backoff while the
 * connection or the server is down. Retrying is safe because the id is fixed when the
 * entry is made and the Worker answers a repeated id with the original receipt.
 *
 * When localStorage is full the queue cannot be written: the entries are then held in
 * memory (sent, retried and listed as usual, but lost if Excel closes), `persisted()` says
 * so for the pane to tell the clerk, and every later read tries to write them again.
 */
import type { SubmissionReceipt, SubmissionRequest } from "../../../shared/api/schemas";
import type { LocalText, SendOutcome } from "./api";
import { readJson, STORAGE_PREFIX, writeJson, type KeyValueStore } from "./storage";

export type EntryState = "waiting" | "failed";

export interface OutboxEntry {
  request: SubmissionRequest;
  /** The sheet the values came from, to remember the new revision against it. */
  sheetName: string | null;
  createdAt: number;
  attempts: number;
  /** Epoch ms of the next automatic attempt ("waiting" only). */
  nextAttemptAt: number;
  state: EntryState;
  lastError: LocalText | null;
  /** The final answer for a "failed" entry, kept so the clerk can see why. */
  outcome: SendOutcome | null;
}

export interface BackoffPolicy {
  baseMs: number;
  capMs: number;
}

/** 2 s, 4 s, 8 s … up to 5 minutes: quick when a blip passes, gentle on a long outage. */
export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2000, capMs: 5 * 60 * 1000 };

/**
 * Delay before attempt `attempts + 1`, with ±20 % jitter so that the offices of a province
 * do not all retry in the same second after an outage. A Retry-After from the server wins
 * when it asks for longer.
 */
export function backoffDelay(attempts: number, random: () => number, policy: BackoffPolicy = DEFAULT_BACKOFF, retryAfterSeconds: number | null = null): number {
  const exp = Math.min(policy.capMs, policy.baseMs * Math.pow(2, Math.max(0, attempts - 1)));
  const jittered = Math.round(exp * (0.8 + 0.4 * random()));
  const asked = retryAfterSeconds === null ? 0 : Math.min(policy.capMs, retryAfterSeconds * 1000);
  return Math.max(jittered, asked);
}

export interface OutboxDeps {
  store: KeyValueStore;
  send: (req: SubmissionRequest) => Promise<SendOutcome>;
  now: () => number;
  random: () => number;
  policy?: BackoffPolicy;
}

export interface AttemptResult {
  entry: OutboxEntry;
  outcome: SendOutcome;
}

const KEY = STORAGE_PREFIX + "outbox";

export class Outbox {
  private readonly deps: OutboxDeps;
  private readonly inFlight: Record<string, true> = {};
  private draining: Promise<AttemptResult[]> | null = null;
  /** The queue while storage refuses it (full): authoritative until a write succeeds. */
  private held: OutboxEntry[] | null = null;

  constructor(deps: OutboxDeps) {
    this.deps = deps;
  }

  /**
   * Read fresh each time: another task pane (a second workbook) may share the same storage.
   * While entries are held in memory, each read first tries to store them again.
   */
  list(): OutboxEntry[] {
    if (this.held !== null && !this.save(this.held)) return this.held.slice();
    const v = readJson<OutboxEntry[]>(this.deps.store, KEY, []);
    return Array.isArray(v) ? v : [];
  }

  /** False while the queue lives only in this pane's memory (storage full). */
  persisted(): boolean {
    if (this.held !== null) this.list();
    return this.held === null;
  }

  private save(entries: OutboxEntry[]): boolean {
    if (writeJson(this.deps.store, KEY, entries)) {
      this.held = null;
      return true;
    }
    this.held = entries.slice();
    return false;
  }

  private update(id: string, change: (e: OutboxEntry) => OutboxEntry | null): void {
    const out: OutboxEntry[] = [];
    for (const e of this.list()) {
      if (e.request.id !== id) out.push(e);
      else {
        const next = change(e);
        if (next) out.push(next);
      }
    }
    this.save(out);
  }

  /**
   * Stores the request first; nothing is sent yet. Never throws: when storage is full the
   * entry is held in memory and `persisted()` turns false.
   */
  add(request: SubmissionRequest, sheetName: string | null = null): OutboxEntry {
    const entry: OutboxEntry = {
      request,
      sheetName,
      createdAt: this.deps.now(),
      attempts: 0,
      nextAttemptAt: this.deps.now(),
      state: "waiting",
      lastError: null,
      outcome: null,
    };
    this.save(this.list().filter((e) => e.request.id !== request.id).concat([entry]));
    return entry;
  }

  remove(id: string): void {
    this.update(id, () => null);
  }

  /** One attempt for one entry, whatever its schedule says. */
  attempt(id: string): Promise<AttemptResult | null> {
    const entry = this.list().filter((e) => e.request.id === id)[0];
    if (!entry || this.inFlight[id]) return Promise.resolve(null);
    this.inFlight[id] = true;
    const release = () => {
      delete this.inFlight[id];
    };
    return this.deps
      .send(entry.request)
      .then(
        (outcome) => outcome,
        (): SendOutcome => ({
          kind: "transient",
          status: 0,
          message: { vi: "Lỗi không xác định khi gửi; sẽ thử lại.", en: "Unexpected error while sending; will retry." },
          retryAfterSeconds: null,
        }),
      )
      .then((outcome) => {
        release();
        const attempts = entry.attempts + 1;
        let result: OutboxEntry = { ...entry, attempts };
        if (outcome.kind === "accepted") {
          this.remove(id);
        } else if (outcome.kind === "transient") {
          result = {
            ...result,
            state: "waiting",
            lastError: outcome.message,
            nextAttemptAt: this.deps.now() + backoffDelay(attempts, this.deps.random, this.deps.policy, outcome.retryAfterSeconds),
          };
          this.update(id, () => result);
        } else {
          // An answer, not an outage: retrying the same request cannot change it.
          result = { ...result, state: "failed", lastError: outcome.message, outcome };
          this.update(id, () => result);
        }
        return { entry: result, outcome };
      });
  }

  /** Entries due now, oldest first. */
  due(): OutboxEntry[] {
    const now = this.deps.now();
    return this.list()
      .filter((e) => e.state === "waiting" && e.nextAttemptAt <= now)
      .sort((a, b) => a.createdAt - b.createdAt);
  }

  /** Next time something is due, or null when nothing waits. */
  nextDueAt(): number | null {
    let next: number | null = null;
    for (const e of this.list()) if (e.state === "waiting" && (next === null || e.nextAttemptAt < next)) next = e.nextAttemptAt;
    return next;
  }

  /**
   * Sends every due entry, one at a time (an old PC on a poor line should not open many
   * connections). Stops at the first outage: the rest would fail the same way.
   */
  drain(): Promise<AttemptResult[]> {
    if (this.draining) return this.draining;
    const results: AttemptResult[] = [];
    const step = (queue: OutboxEntry[]): Promise<AttemptResult[]> => {
      const next = queue[0];
      if (!next) return Promise.resolve(results);
      return this.attempt(next.request.id).then((r) => {
        if (r) results.push(r);
        if (r && r.outcome.kind === "transient") {
          // Push the others back too, so they do not all fire the moment the timer ticks.
          for (const other of queue.slice(1)) {
            this.update(other.request.id, (e) => ({ ...e, nextAttemptAt: Math.max(e.nextAttemptAt, r.entry.nextAttemptAt) }));
          }
          return results;
        }
        return step(queue.slice(1));
      });
    };
    const run = step(this.due()).then(
      (r) => {
        this.draining = null;
        return r;
      },
      (e: unknown) => {
        this.draining = null;
        throw e;
      },
    );
    this.draining = run;
    return run;
  }

  /**
   * "Thử lại ngay": due now, whatever the backoff said. With an id, a failed entry goes back
   * to waiting too (the clerk fixed the token, say); without one (the network came back),
   * only waiting entries are hurried: a refused report would be refused again.
   */
  retryNow(id?: string): void {
    const now = this.deps.now();
    for (const e of this.list()) {
      if (id === undefined ? e.state === "waiting" : e.request.id === id) {
        this.update(e.request.id, (x) => ({ ...x, state: "waiting", nextAttemptAt: now, outcome: null }));
      }
    }
  }
}

/** The last receipt per report, to show after the pane reopens. */
export function receiptKey(r: { unit: string; form: string; period: string }): string {
  return STORAGE_PREFIX + "receipt." + r.unit + "." + r.form + "." + r.period;
}

export function rememberReceipt(store: KeyValueStore, r: SubmissionReceipt): void {
  writeJson(store, receiptKey(r), r);
}
