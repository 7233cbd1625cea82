import type { Principal } from "./auth";

export interface Env {
  DB: D1Database;
}

export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    /** The request's time as an ISO UTC instant, read once so one request has one "now". */
    now: string;
    principal: Principal;
  };
}
