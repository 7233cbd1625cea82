#!/usr/bin/env node
// Keeps the domain core host-free: nothing under shared/ may import Office.js, Hono,
// Cloudflare or Node-only modules, or call fetch. The add-in and the Worker are adapters
// around the core, so the same rules run in both (docs/engineering.md, Conventions).
//
// Usage: node scripts/lint-core.mjs [--root DIR]   (DIR defaults to ./shared)
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

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
const IMPORT_RE = /\b(?:import|export)\s[^;]*?from\s*["']([^"']+)["']|\bimport\s*\(?\s*["']([^"']+)["']|\brequire\s*\(\s*["']([^"']+)["']\s*\)/g;

function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|tsx|mts|js|mjs)$/.test(name)) yield path;
  }
}

function stripComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'])\/\/.*$/gm, "$1");
}

function lineOf(text, index) {
  return text.slice(0, index).split("\n").length;
}

export function findViolations(root) {
  const problems = [];
  for (const file of sourceFiles(root)) {
    const text = stripComments(readFileSync(file, "utf8"));
    for (const m of text.matchAll(IMPORT_RE)) {
      const spec = m[1] ?? m[2] ?? m[3] ?? "";
      for (const rule of FORBIDDEN_IMPORTS) {
        if (rule.pattern.test(spec)) problems.push(`${relative(process.cwd(), file)}:${lineOf(text, m.index + m[0].length)}: imports "${spec}" (${rule.why})`);
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
