import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../worker/src/app";
import { FAILURE_LIMITS, LOCK_SECONDS } from "../../worker/src/throttle";
import { api, json, seedToken, seedUnits, setNow } from "./fixtures";

/**
 * Failed authentications are limited per client address and per token prefix; 429 with
 * Retry-After; normal work never counts. Runs with the rate-limit bindings of wrangler.jsonc
 * (the vitest pool provides them) and, separately, with the in-memory fallback a Worker uses
 * when a binding is missing.
 */

const NOW = "2026-10-05T02:00:00.000Z";

beforeAll(async () => {
  await seedUnits();
  await seedToken("throttle-province-52", "province", "52");
  await seedToken("throttle-clerk-52-01", "clerk", "52-01");
  setNow(NOW);
});

const from = (address: string) => ({ "CF-Connecting-IP": address });
const wrong = () => "wrong-" + crypto.randomUUID();

describe("failed authentications from one address", () => {
  it(`answers 401 up to ${FAILURE_LIMITS.address.limit} wrong tokens a minute, then 429 with Retry-After`, async () => {
    const statuses: number[] = [];
    for (let i = 0; i < FAILURE_LIMITS.address.limit; i++) {
      statuses.push((await api("GET", "/api/v1/units", { token: wrong(), headers: from("203.0.113.7") })).status);
    }
    expect(new Set(statuses)).toEqual(new Set([401]));
    const locked = await api("GET", "/api/v1/units", { token: wrong(), headers: from("203.0.113.7") });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("Retry-After"))).toBe(LOCK_SECONDS);
    expect((await json(locked)).error.code).toBe("too_many_failed_attempts");
  });

  it("locks the address out: a valid token from it is refused too, until the lock ends", async () => {
    const res = await api("GET", "/api/v1/units", { token: "throttle-clerk-52-01", headers: from("203.0.113.7") });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
    // the lock is in D1, so every Worker instance refuses the address
    const row = await env.DB.prepare(`SELECT until FROM auth_lockouts WHERE key = 'address:203.0.113.7'`).first<{ until: string }>();
    expect(row?.until).toBe(new Date(Date.parse(NOW) + LOCK_SECONDS * 1000).toISOString());
    // other addresses are not affected
    expect((await api("GET", "/api/v1/units", { token: "throttle-clerk-52-01", headers: from("198.51.100.1") })).status).toBe(200);
    setNow(new Date(Date.parse(NOW) + (LOCK_SECONDS + 1) * 1000).toISOString());
    // once the lock has ended, the valid token gets in again
    const later = await freshApp("/api/v1/units", "throttle-clerk-52-01", from("203.0.113.7"), new Date(Date.parse(NOW) + (LOCK_SECONDS + 1) * 1000));
    setNow(NOW);
    expect(later.status).toBe(200);
  });
});

describe("failed authentications with one token prefix", () => {
  it(`locks a prefix tried ${FAILURE_LIMITS.tokenPrefix.limit} times from different addresses`, async () => {
    const prefix = "thads_QQQQQQ";
    const statuses: number[] = [];
    for (let i = 0; i <= FAILURE_LIMITS.tokenPrefix.limit; i++) {
      const res = await api("GET", "/api/v1/units", { token: prefix + crypto.randomUUID(), headers: from(`192.0.2.${i + 1}`) });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, FAILURE_LIMITS.tokenPrefix.limit)).toEqual(Array(FAILURE_LIMITS.tokenPrefix.limit).fill(401));
    expect(statuses.at(-1)).toBe(429);
  });
});

describe("normal work", () => {
  it("is never throttled: a province pulls 34 sheets three times over and every office submits from one address", async () => {
    const statuses = new Set<number>();
    for (let i = 0; i < 102; i++) {
      // the route does not matter to the throttle: only whether the token is valid does
      statuses.add((await api("GET", "/api/v1/periods", { token: "throttle-province-52", headers: from("203.0.113.50") })).status);
    }
    for (let i = 0; i < 60; i++) {
      statuses.add((await api("GET", "/api/v1/units", { token: "throttle-clerk-52-01", headers: from("203.0.113.50") })).status);
    }
    expect([...statuses]).toEqual([200]);
  }, 60_000);

  it("does not count requests without a token (a client that forgot the header is not guessing)", async () => {
    for (let i = 0; i < FAILURE_LIMITS.address.limit + 5; i++) {
      expect((await api("GET", "/api/v1/units", { headers: from("203.0.113.60") })).status).toBe(401);
    }
    expect((await api("GET", "/api/v1/units", { token: "throttle-clerk-52-01", headers: from("203.0.113.60") })).status).toBe(200);
  });
});

/** The app as a new Worker instance sees it, with an environment of our choosing. */
async function freshApp(path: string, token: string, headers: Record<string, string>, now: Date, bindings: Record<string, unknown> = env as unknown as Record<string, unknown>): Promise<Response> {
  const app = createApp({ now: () => now });
  const ctx = createExecutionContext();
  const res = await app.fetch(new Request(`https://thads.test${path}`, { headers: { Authorization: `Bearer ${token}`, ...headers } }), bindings, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

describe("without the rate-limit bindings", () => {
  it("counts in memory with the same limits, and locks the same way", async () => {
    const bare = { ...env } as Record<string, unknown>;
    delete bare.AUTH_FAILURES_BY_ADDRESS;
    delete bare.AUTH_FAILURES_BY_TOKEN;
    const now = new Date(NOW);
    const statuses: number[] = [];
    for (let i = 0; i <= FAILURE_LIMITS.address.limit; i++) {
      statuses.push((await freshApp("/api/v1/units", wrong(), from("203.0.113.99"), now, bare)).status);
    }
    expect(statuses.slice(0, FAILURE_LIMITS.address.limit).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    expect((await freshApp("/api/v1/units", "throttle-clerk-52-01", from("203.0.113.99"), now, bare)).status).toBe(429);
  });
});
