#!/usr/bin/env node
// Keeps the in-memory workbook (addin/testing, a test double of Office.js) out of the task
// pane: nothing under addin/src may import it, so it never reaches a clerk's bundle and product
// code cannot lean on what only the double does. Tests and the headless hosts import it freely.
//
// Usage: node scripts/lint-addin.mjs [--root DIR] [--testing DIR]
//        (defaults: addin/src and addin/testing)
import { dirname, relative, resolve, sep } from "node:path";
import { readSource, sourceFiles } from "./lib/source-imports.mjs";

export function findViolations(root, testing) {
  const double = resolve(testing);
  const problems = [];
  for (const file of sourceFiles(root)) {
    for (const { spec, line } of readSource(file).imports) {
      if (!spec.startsWith(".")) continue;
      const target = resolve(dirname(file), spec);
      if (target === double || target.startsWith(double + sep)) {
        problems.push(`${relative(process.cwd(), file)}:${line}: imports "${spec}" (the in-memory workbook is a test double: only tests may use it)`);
      }
    }
  }
  return problems;
}

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const root = arg("--root", "addin/src");
const testing = arg("--testing", "addin/testing");
const problems = findViolations(root, testing);
if (problems.length > 0) {
  console.error(`lint-addin: ${problems.length} problem(s) in ${root}/:`);
  for (const p of problems) console.error("  " + p);
  process.exit(1);
}
console.log(`lint-addin: ${root}/ does not import ${testing}/`);
