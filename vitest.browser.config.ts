import { defineConfig } from "vitest/config";

// The task pane in headless Chromium against a real local Worker (`npm run test:browser`).
// Separate from vitest.config.ts: it needs a built addin/dist, Debian's chromium and
// wrangler dev, and takes about a minute, so `npm test` stays quick and CI runs it after.
export default defineConfig({
  test: {
    name: "browser",
    include: ["tests/browser/**/*.test.ts"],
    environment: "node",
    testTimeout: 240_000,
    hookTimeout: 240_000,
    fileParallelism: false,
  },
});
