import type { Principal } from "./auth";

export interface Env {
  DB: D1Database;
}

export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    principal: Principal;
  };
}
