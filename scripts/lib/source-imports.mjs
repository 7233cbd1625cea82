// What the lint scripts read in a source tree: its files, their text without comments, and
// the modules each one imports (static, dynamic, require), with the line of each.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const IMPORT_RE = /\b(?:import|export)\s[^;]*?from\s*["']([^"']+)["']|\bimport\s*\(?\s*["']([^"']+)["']|\brequire\s*\(\s*["']([^"']+)["']\s*\)/g;

export function* sourceFiles(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|tsx|mts|js|mjs)$/.test(name)) yield path;
  }
}

export function stripComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'])\/\/.*$/gm, "$1");
}

export function lineOf(text, index) {
  return text.slice(0, index).split("\n").length;
}

/** The file's text without comments, and each module it names: { spec, line }. */
export function readSource(file) {
  const text = stripComments(readFileSync(file, "utf8"));
  const imports = [];
  for (const m of text.matchAll(IMPORT_RE)) {
    imports.push({ spec: m[1] ?? m[2] ?? m[3] ?? "", line: lineOf(text, m.index + m[0].length) });
  }
  return { text, imports };
}
