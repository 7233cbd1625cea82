import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Tests that open files in LibreOffice (a second spreadsheet application): `npm run test:office`.
// Kept out of `npm test` because they need the Debian package libreoffice-calc; without it
// they skip with a message locally and fail in CI (.ci/run installs it).
const root = fileURLToPath(new URL("../..", import.meta.url));

export default defineConfig({
  root,
  resolve: {
    // The build of exceljs that wrangler bundles into the Worker (its "browser" field), so
    // the bytes checked here are made by the same code as the downloads.
    alias: { exceljs: fileURLToPath(new URL("../../node_modules/exceljs/dist/exceljs.min.js", import.meta.url)) },
  },
  test: {
    name: "office",
    include: ["tests/libreoffice/**/*.test.ts"],
    environment: "node",
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
