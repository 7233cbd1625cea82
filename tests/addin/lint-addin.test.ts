import { spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/** A fake add-in folder: src/ with the given files, testing/ holding the double. */
function lint(files: Record<string, string>) {
  const root = mkdtempSync(join(tmpdir(), "lint-addin-"));
  const all = { "testing/index.ts": "export const fake = 1;\n", ...files };
  for (const [name, text] of Object.entries(all)) {
    const path = join(root, name);
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, text);
  }
  return spawnSync(process.execPath, ["scripts/lint-addin.mjs", "--root", join(root, "src"), "--testing", join(root, "testing")], { encoding: "utf8" });
}

describe("the task pane never imports the in-memory workbook", () => {
  it("passes on the real addin/src", () => {
    const r = spawnSync(process.execPath, ["scripts/lint-addin.mjs"], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  it.each([
    ["the folder", 'import { fake } from "../../testing";\n'],
    ["one of its files", 'import { MemoryWorkbook } from "../../testing/workbook";\n'],
    ["its types only", 'import type { FakeRange } from "../../testing/ranges";\n'],
    ["a dynamic import", 'export const load = () => import("../../testing");\n'],
  ])("fails when product code imports %s, naming the file and line", (_what, code) => {
    const r = lint({ "src/ok.ts": 'import { x } from "./excel/y";\n', "src/excel/bad.ts": "// header\n" + code, "src/excel/y.ts": "export const x = 1;\n" });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bad\.ts:2:/);
    expect(r.stderr).not.toMatch(/ok\.ts/);
  });

  it("does not confuse the double with a product file of a similar name or a comment", () => {
    const r = lint({
      "src/excel/testing-notes.ts": "export const n = 1;\n",
      "src/a.ts": '// import { fake } from "../testing";\nimport { n } from "./excel/testing-notes";\n',
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });
});
