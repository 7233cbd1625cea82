import { defineConfig } from "vitest/config";

// The task pane in headless Chromium against a real local Worker (`npm run test:browser`), and
// the system tests that run a real Worker the same way (tests/system: a crash mid-burst).
// Separate from vitest.config.ts: it needs a built addin/dist, Debian's chromium and
// wrangler dev, and takes a minute or two, so `npm test` stays quick and CI runs it after.
export default defineConfig({
  test: {
    name: "browser",
    include: ["tests/browser/**/*.test.ts", "tests/system/**/*.test.ts"],
    environment: "node",
    testTimeout: 240_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
