import type { Principal } from "./auth";

export interface Env {
  DB: D1Database;
  /** The task pane's static files (addin/dist); only /api/* reaches the Worker's code first. */
  ASSETS: Fetcher;
}

export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    /** The request's time as an ISO UTC instant, read once so one request has one "now". */
    now: string;
    principal: Principal;
    /** Set by hono/secure-headers when a page's policy uses a nonce (the download page). */
    secureHeadersNonce?: string;
  };
}
