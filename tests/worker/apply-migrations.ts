import { applyD1Migrations, env } from "cloudflare:test";

// Each test file starts from the production schema, applied from the same migration files.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
