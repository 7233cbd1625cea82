import { spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

function lint(files: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), "lint-core-"));
  for (const [name, text] of Object.entries(files)) {
    const path = join(root, name);
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, text);
  }
  return spawnSync(process.execPath, ["scripts/lint-core.mjs", "--root", root], { encoding: "utf8" });
}

describe("the core stays host-free", () => {
  it("passes on the real shared/ folder", () => {
    const r = spawnSync(process.execPath, ["scripts/lint-core.mjs"], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it.each([
    ["hono", 'import { Hono } from "hono";\n'],
    ["Cloudflare types", 'import type { D1Database } from "@cloudflare/workers-types";\n'],
    ["Office.js", 'import "@microsoft/office-js";\n'],
    ["a Node built-in", 'import { readFileSync } from "node:fs";\n'],
    ["fetch", "export const get = () => fetch('/api');\n"],
    ["Excel.run", "export const f = () => Excel.run(async () => {});\n"],
  ])("fails when a core file uses %s, naming the file and line", (_what, code) => {
    const r = lint({ "ok.ts": "export const x = 1;\n", "sub/bad.ts": "// header\n" + code });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bad\.ts:2:/);
    expect(r.stderr).not.toMatch(/ok\.ts/);
  });

  it("ignores forbidden words inside comments", () => {
    const r = lint({ "a.ts": "// we never call fetch( here\n/* import x from 'hono' */\nexport const y = 2;\n" });
    expect(r.status).toBe(0);
  });
});
