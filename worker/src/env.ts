import type { Principal } from "./auth";
import type { ThrottleKey } from "./throttle";

export interface Env {
  DB: D1Database;
  /** The task pane's static files (addin/dist); only /api/* reaches the Worker's code first. */
  ASSETS: Fetcher;
  /** Failed authentications per client address and per token prefix (worker/src/throttle.ts). */
  AUTH_FAILURES_BY_ADDRESS?: RateLimit;
  AUTH_FAILURES_BY_TOKEN?: RateLimit;
  /**
   * "1" only in the local demo: `npm start` passes it to wrangler dev (--var) and the test
   * configuration sets it. wrangler.jsonc and the deploy path never do, so a deployed Worker
   * refuses every demo-* token even if their hashes were loaded into its database.
   */
  THADS_DEMO?: string;
  /** Months a new token lives unless the request asks for less (default 13, shared/tokens/lifetime.ts). */
  TOKEN_LIFETIME_MONTHS?: string;
}

export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    /** The request's time as an ISO UTC instant, read once so one request has one "now". */
    now: string;
    /** SHA-256 of the bearer token, set by requireAuth() without touching D1. */
    tokenHash: string;
    /** What a failed authentication of this request counts against (worker/src/throttle.ts). */
    throttleKeys: ThrottleKey[];
    /** Set by the route's first batch (authorizedBatch in db/batch.ts), not by the middleware. */
    principal: Principal;
    /** Set by hono/secure-headers when a page's policy uses a nonce (the download page). */
    secureHeadersNonce?: string;
  };
}
