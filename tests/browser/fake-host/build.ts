/**
 * Builds the stubbed Office host (the Excel engineer's in-memory workbook and
 * installFakeOffice) into one ES5 script with the same babel settings as the task pane, so
 * it runs both in Chromium (injected before the page's scripts) and in Duktape.
 */
import { createRequire } from "node:module";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

export async function buildFakeHost(outDir = mkdtempSync(join(tmpdir(), "thads-fake-host-"))): Promise<{ file: string; source: string }> {
  const webpack = require("webpack") as typeof import("webpack");
  const { babelRule } = require("../../../addin/webpack.config.cjs") as { babelRule: import("webpack").RuleSetRule };
  await new Promise<void>((resolve, reject) => {
    webpack(
      {
        mode: "development",
        devtool: false,
        context: here,
        target: ["web", "es5"],
        entry: { "fake-office": "./entry.ts" },
        output: { path: outDir, filename: "[name].js" },
        resolve: { extensions: [".ts", ".js"] },
        module: { rules: [babelRule] },
        performance: { hints: false },
      },
      (err, stats) => {
        if (err) return reject(err);
        if (stats?.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
        resolve();
      },
    );
  });
  const file = join(outDir, "fake-office.js");
  return { file, source: readFileSync(file, "utf8") };
}
