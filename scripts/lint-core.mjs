#!/usr/bin/env node
// Keeps the domain core host-free: nothing under shared/ may import Office.js, Hono,
// Cloudflare or Node-only modules, or call fetch. The add-in and the Worker are adapters
// around the core, so the same rules run in both (docs/engineering.md, Conventions).
//
// Usage: node scripts/lint-core.mjs [--root DIR]   (DIR defaults to ./shared)
import { relative } from "node:path";
import { lineOf, readSource, sourceFiles } from "./lib/source-imports.mjs";

const FORBIDDEN_IMPORTS = [
  { pattern: /^hono(\/|$)/, why: "Hono belongs in worker/" },
  { pattern: /^@hono\//, why: "Hono belongs in worker/" },
  { pattern: /^@cloudflare\//, why: "Cloudflare types belong in worker/" },
  { pattern: /^cloudflare:/, why: "Workers runtime modules belong in worker/" },
  { pattern: /^wrangler/, why: "wrangler belongs in tooling" },
  { pattern: /office-js|^office-addin|^@microsoft\/office/, why: "Office.js belongs in addin/" },
  { pattern: /^node:|^(fs|path|os|child_process|crypto|http|https)$/, why: "Node built-ins do not exist in the task pane" },
];
const FORBIDDEN_CODE = [
  { pattern: /\bfetch\s*\(/, why: "network access belongs in the adapters" },
  { pattern: /\b(Office|Excel)\.(run|context|onReady|initialize)\b/, why: "Office.js belongs in addin/" },
  { pattern: /\bD1Database\b|\bD1PreparedStatement\b/, why: "D1 belongs in worker/" },
  { pattern: /\beval\s*\(|\bnew\s+Function\s*\(/, why: "rules are evaluated by the safe evaluator only" },
];

export function findViolations(root) {
  const problems = [];
  for (const file of sourceFiles(root)) {
    const { text, imports } = readSource(file);
    for (const { spec, line } of imports) {
      for (const rule of FORBIDDEN_IMPORTS) {
        if (rule.pattern.test(spec)) problems.push(`${relative(process.cwd(), file)}:${line}: imports "${spec}" (${rule.why})`);
      }
    }
    for (const rule of FORBIDDEN_CODE) {
      const re = new RegExp(rule.pattern.source, "g");
      for (const m of text.matchAll(re)) {
        problems.push(`${relative(process.cwd(), file)}:${lineOf(text, m.index)}: "${m[0].trim()}" (${rule.why})`);
      }
    }
  }
  return problems;
}

const rootArg = process.argv.indexOf("--root");
const root = rootArg > 0 ? process.argv[rootArg + 1] : "shared";
const problems = findViolations(root);
if (problems.length > 0) {
  console.error(`lint-core: ${problems.length} problem(s) in ${root}/ — the core must not depend on its hosts:`);
  for (const p of problems) console.error("  " + p);
  process.exit(1);
}
console.log(`lint-core: ${root}/ is host-free`);
