#!/usr/bin/env node
// Builds the task pane (webpack.config.cjs) and measures what a clerk downloads: the
// gzipped JavaScript must stay under 175 KB. `--report` also writes docs/addin-build.md.
//
// Usage: node addin/build.mjs [--report]
import { createRequire } from "node:module";
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const require = createRequire(import.meta.url);
const webpack = require("webpack");
const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
// Raised from 150 KB when forms 03–12 (their definitions ship for offline first use), the report
// text and the targets/units tab arrived (160 KB); leaving out polyfills of what IE11 has
// (addin/src/core/native.ts) brought it back to 142 KB.
export const BUDGET_GZ_BYTES = 175 * 1024;

function run(config) {
  return new Promise((resolve, reject) => {
    webpack(config, (err, stats) => {
      if (err) return reject(err);
      if (stats.hasErrors()) return reject(new Error(stats.toString({ all: false, errors: true })));
      if (stats.hasWarnings()) console.warn(stats.toString({ all: false, warnings: true }));
      resolve(stats);
    });
  });
}

export function measure(dist = join(here, "dist")) {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (!name.startsWith(".")) {
        const buf = readFileSync(full);
        files.push({ file: relative(dist, full).split("\\").join("/"), bytes: buf.length, gzip: gzipSync(buf, { level: 9 }).length });
      }
    }
  };
  walk(dist);
  const js = files.filter((f) => f.file.endsWith(".js"));
  return { files, jsBytes: js.reduce((s, f) => s + f.bytes, 0), jsGzip: js.reduce((s, f) => s + f.gzip, 0) };
}

const kb = (n) => (n / 1024).toFixed(1) + " KB";

async function main() {
  const started = Date.now();
  const config = require("./webpack.config.cjs")();
  await run(config);
  // Source maps stay on the build machine: wrangler does not serve what this file lists.
  writeFileSync(join(here, "dist", ".assetsignore"), "*.map\n");
  const m = measure();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`addin: built in ${seconds} s → addin/dist`);
  for (const f of m.files) console.log(`  ${f.file.padEnd(28)} ${kb(f.bytes).padStart(10)}  gzip ${kb(f.gzip).padStart(9)}`);
  console.log(`  JavaScript total: ${kb(m.jsBytes)}, gzip ${kb(m.jsGzip)} (budget ${kb(BUDGET_GZ_BYTES)})`);
  if (m.jsGzip > BUDGET_GZ_BYTES) {
    console.error(`addin: the task pane JavaScript is ${kb(m.jsGzip)} gzipped, over the ${kb(BUDGET_GZ_BYTES)} budget`);
    process.exit(1);
  }
  if (process.argv.includes("--report")) {
    const rows = m.files.map((f) => `| ${f.file} | ${f.bytes.toLocaleString("en")} | ${f.gzip.toLocaleString("en")} |`).join("\n");
    const doc = `# Task pane build: size

Measured by \`npm run build:addin -- --report\` (addin/build.mjs: webpack 5 + babel for IE11,
then gzip level 9 of each file in addin/dist). The build fails when the JavaScript is over
the budget of 175 KB gzipped.

| file | bytes | gzip bytes |
|---|---:|---:|
${rows}

JavaScript: **${kb(m.jsBytes)}** minified, **${kb(m.jsGzip)} gzipped** (budget 175 KB).
Includes the task pane, the Excel layer (addin/src/excel: the form sheet, and the comparison,
roll-up and completeness sheets pulled for province and national staff), the recogniser of
clerks' own sheets (shared/recognize), the shared rule engine, messages, periods and form
definitions, and the core-js polyfills IE11 needs (Promise, Symbol, Object.assign,
Array/String methods…), but not the ones for objects IE11 already has and the pane uses as they
are: \`URL.createObjectURL\` and \`Uint8Array\` are read off the global object (addin/src/core/native.ts),
because babel's usage detection would otherwise bring core-js's whole URL class (with
URLSearchParams and punycode) and its typed arrays: 18 KB gzipped. No zod (types only, \`import type\`), no framework. The in-memory
workbook (addin/testing, a test double) is not in it: \`npm run lint\` refuses pane code that imports it.

Checked by tests/addin/bundle.test.ts on every \`npm test\`: the bundle parses with acorn at
\`ecmaVersion: 5\`; it is under the budget; it contains no zod and no Proxy; and it runs in
Duktape (\`duk\`, an ES5.1 engine without BigInt or Proxy, the nearest thing to IE11 on Linux):
it starts with an ExcelApi 1.1-only host, and offline, with the in-memory workbook, inserts
form 01, reads typed values and lists a Vietnamese finding.
`;
    writeFileSync(join(root, "docs", "addin-build.md"), doc);
    console.log("  wrote docs/addin-build.md");
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e) => {
    console.error(e && e.stack ? e.stack : e);
    process.exit(1);
  });
}
