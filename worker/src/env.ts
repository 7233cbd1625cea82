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
    /** SHA-256 of the bearer token, set by requireAuth() without touching D1. */
    tokenHash: string;
    /** Set by the route's first batch (authorizedBatch in db/batch.ts), not by the middleware. */
    principal: Principal;
  };
}
