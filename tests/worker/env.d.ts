import type { D1Migration } from "@cloudflare/vitest-pool-workers";

declare global {
  namespace Cloudflare {
    interface Env {
      DB: D1Database;
      TEST_MIGRATIONS: D1Migration[];
      THADS_DEMO?: string;
      AUTH_FAILURES_BY_ADDRESS?: RateLimit;
      AUTH_FAILURES_BY_TOKEN?: RateLimit;
      FUZZ_RUNS: string;
    }
  }
}
export {};
