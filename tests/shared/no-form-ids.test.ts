import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BUILT_IN_FORMS } from "../../shared/forms/definitions";

/**
 * Issue 8: nothing in worker/ or addin/ may name a form id or an indicator id in code — the
 * forms, collections and indicators are data, so a collection the Cục defines is served with
 * no code change. Comments are allowed to give examples; string literals are not.
 */

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sources(path));
    else if (/\.(ts|mjs|js)$/.test(name)) out.push(path);
  }
  return out;
}

/** The file without its comments (// … and /* … *\/), so examples in comments do not count. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'`])\/\/.*$/gm, "$1");
}

describe("no form or indicator id in worker/ and addin/ code", () => {
  const files = sources("worker/src").concat(sources("addin/src"));
  const ids = new Set<string>();
  for (const f of BUILT_IN_FORMS) {
    ids.add(f.id);
    for (const ind of f.indicators) ids.add(ind.id);
  }

  it.each([...ids])("finds no string literal %s", (id) => {
    const found = files.filter((file) => {
      const text = code(readFileSync(file, "utf8"));
      return text.indexOf('"' + id + '"') >= 0 || text.indexOf("'" + id + "'") >= 0 || text.indexOf('value="' + id) >= 0;
    });
    expect(found).toEqual([]);
  });
});
