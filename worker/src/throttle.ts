/**
 * Throttling of failed authentications (issue 9). Only a presented token that is wrong
 * (unknown, revoked, expired, or a demo token outside the demo) counts; a request without a
 * token does not, and a valid token never does, so a province pulling 34 sheets or 390 offices
 * submitting at the deadline are never slowed down.
 *
 * Two keys per failure: the client address (CF-Connecting-IP, which Cloudflare sets and
 * clients cannot forge; absent when nothing in front sets it, e.g. in the vitest pool) and the
 * token's first characters (guessing the rest of one token from many addresses). Counting
 * happens at the edge with the `ratelimits` bindings of wrangler.jsonc, without touching D1.
 * When a key goes over its limit it is locked for LOCK_SECONDS: the lock is written to D1 once
 * (auth_lockouts), so that every Worker instance refuses that key — valid tokens included —
 * until it ends, and remembered in this isolate so that an attacker hammering a locked key
 * costs no D1 call at all.
 *
 * Where the bindings work (checked): `wrangler dev` 4.86 and the vitest pool (workers pool
 * 0.15.1) both provide them, counting per process. When a binding is missing (an older
 * runtime, a deployment without it), the same limits are counted in this isolate's memory:
 * approximate in production (per isolate), exact in a single local process.
 */
import type { Context } from "hono";
import type { AppEnv } from "./env";
import { ApiError } from "./errors";

/** The limits of wrangler.jsonc (the bindings' own), repeated for the fallback counter and the docs. */
export const FAILURE_LIMITS = {
  address: { limit: 30, periodSeconds: 60 },
  tokenPrefix: { limit: 10, periodSeconds: 60 },
} as const;
/** How long a key stays locked once over its limit. */
export const LOCK_SECONDS = 300;
/** Characters of a presented token that form its throttling key ("thads_" and 6 random ones). */
export const TOKEN_PREFIX_LENGTH = 12;

export interface ThrottleKey {
  kind: keyof typeof FAILURE_LIMITS;
  key: string;
}

/** The keys a failure of this request counts against. */
export function throttleKeys(c: Context<AppEnv>, token: string): ThrottleKey[] {
  const keys: ThrottleKey[] = [{ kind: "tokenPrefix", key: "token:" + token.slice(0, TOKEN_PREFIX_LENGTH) }];
  const address = c.req.header("CF-Connecting-IP");
  if (address) keys.unshift({ kind: "address", key: "address:" + address.slice(0, 64) });
  return keys;
}

// ——— State of this isolate: the fallback counter and the locks already seen ———

const counters = new Map<string, { windowStart: number; count: number }>();
const knownLocks = new Map<string, number>();

function countInMemory(key: string, limit: number, periodMs: number, nowMs: number): boolean {
  const c = counters.get(key);
  if (!c || nowMs - c.windowStart >= periodMs) {
    counters.set(key, { windowStart: nowMs, count: 1 });
    if (counters.size > 10_000) counters.clear(); // bounded memory under a spray of keys
    return true;
  }
  c.count++;
  return c.count <= limit;
}

function bindingOf(c: Context<AppEnv>, kind: ThrottleKey["kind"]): RateLimit | undefined {
  return kind === "address" ? c.env.AUTH_FAILURES_BY_ADDRESS : c.env.AUTH_FAILURES_BY_TOKEN;
}

/** The end (epoch ms) of a lock this isolate already knows about for one of the keys, or null. */
export function knownLockUntil(keys: readonly ThrottleKey[], nowMs: number): number | null {
  let until: number | null = null;
  for (const k of keys) {
    const u = knownLocks.get(k.key);
    if (u === undefined) continue;
    if (u <= nowMs) knownLocks.delete(k.key);
    else until = Math.max(until ?? 0, u);
  }
  return until;
}

/** Remembers a lock read from D1, so that the next request with that key is refused without D1. */
export function rememberLock(keys: readonly ThrottleKey[], untilMs: number): void {
  for (const k of keys) knownLocks.set(k.key, untilMs);
}

/**
 * Counts one failed authentication against each key. Returns the end of the lock (epoch ms)
 * when a key went over its limit, after writing the lock to D1; null otherwise.
 */
export async function recordFailure(c: Context<AppEnv>, keys: readonly ThrottleKey[], nowMs: number): Promise<number | null> {
  const tripped: ThrottleKey[] = [];
  for (const k of keys) {
    const limits = FAILURE_LIMITS[k.kind];
    const binding = bindingOf(c, k.kind);
    const ok = binding
      ? (await binding.limit({ key: k.key })).success
      : countInMemory(k.key, limits.limit, limits.periodSeconds * 1000, nowMs);
    if (!ok) tripped.push(k);
  }
  if (tripped.length === 0) return null;
  const until = nowMs + LOCK_SECONDS * 1000;
  const at = new Date(nowMs).toISOString();
  const untilIso = new Date(until).toISOString();
  const db = c.env.DB;
  await db.batch(
    tripped.map((k) =>
      db
        .prepare(
          `INSERT INTO auth_lockouts (key, until, locked_at) VALUES (?, ?, ?)
           ON CONFLICT (key) DO UPDATE SET until = excluded.until, locked_at = excluded.locked_at`,
        )
        .bind(k.key, untilIso, at),
    ),
  );
  rememberLock(tripped, until);
  return until;
}

/** 429 with Retry-After: what the pane's queue honours before it tries again. */
export function tooManyFailures(untilMs: number, nowMs: number): ApiError {
  const seconds = Math.max(1, Math.ceil((untilMs - nowMs) / 1000));
  return new ApiError(429, "too_many_failed_attempts",
    `Quá nhiều lần dùng mã truy cập sai; tạm khóa, thử lại sau ${seconds} giây.`,
    `Too many failed attempts with wrong access tokens; locked, retry after ${seconds} seconds.`,
    {}, { "Retry-After": String(seconds) });
}
