import { defineConfig } from "vitest/config";

// The deployment path of docs/DEPLOY.md, rehearsed on this machine (`npm run test:deploy`):
// the dry-run bundle and its size, a Worker run with the production configuration, the first
// administrator token, a province's handout, backup and restore, and `npm run check` while
// `npm start` serves. Separate from `npm test`: it starts wrangler several times and takes
// minutes; .ci/run runs it after the other groups.
export default defineConfig({
  test: {
    name: "deploy",
    include: ["tests/deploy/**/*.test.ts"],
    environment: "node",
    testTimeout: 600_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
});
