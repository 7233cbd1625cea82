import { mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";

// wrangler.jsonc serves addin/dist as the Worker's assets, and wrangler refuses a missing
// assets folder: the folder exists before the Worker project loads, built or not.
mkdirSync(fileURLToPath(new URL("./addin/dist", import.meta.url)), { recursive: true });

/**
 * The Worker bundles *.ttf as Data modules (wrangler.jsonc `rules`); Node tests of the PDF
 * renderer get the same bytes through this loader.
 */
const ttfAsBytes = {
  name: "ttf-as-bytes",
  enforce: "pre" as const,
  load(id: string) {
    if (!id.endsWith(".ttf")) return null;
    const b64 = readFileSync(id).toString("base64");
    return `const s = atob(${JSON.stringify(b64)}); const b = new Uint8Array(s.length); for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i); export default b.buffer;`;
  },
};

// Two projects: the pure core (and the add-in's logic) runs in Node; the Worker runs
// inside workerd with a real local D1 and the same migration files as production.
// A timeout here only stops a hung test: none of these asserts speed (benchmarks do, in
// docs/benchmarks.md). Vitest's 5 s default failed workbook and document renders on a loaded
// 2-core machine; 60 s still ends a hang well inside CI's time.
const testTimeout = 60_000;

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [ttfAsBytes],
        test: {
          name: "core",
          include: ["tests/shared/**/*.test.ts", "tests/addin/**/*.test.ts", "tests/pdf/**/*.test.ts"],
          environment: "node",
          testTimeout,
        },
      },
      {
        plugins: [
          cloudflareTest(async () => ({
            wrangler: { configPath: "./wrangler.jsonc" },
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: await readD1Migrations("./worker/migrations"),
                // THADS_DEMO: the tests use the demo tokens, as `npm start` does; a test that
                // builds a production env without it proves they are refused (tests/worker/tokens.test.ts).
                THADS_DEMO: "1",
                // tests/worker/fuzz.test.ts: more generated requests per route when set (`FUZZ_RUNS=5000 npm test`).
                FUZZ_RUNS: process.env.FUZZ_RUNS ?? "",
              },
            },
          })),
        ],
        test: {
          name: "worker",
          include: ["tests/worker/**/*.test.ts"],
          setupFiles: ["./tests/worker/apply-migrations.ts"],
          testTimeout,
        },
      },
    ],
  },
});
