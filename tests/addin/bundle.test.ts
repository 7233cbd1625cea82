/**
 * The built task pane as Excel 2016 gets it: ES5 only (IE11), polyfills included, no zod,
 * under the size budget, and it starts in Duktape, an ES5.1 engine without BigInt, Proxy or
 * ES2015 syntax: the closest thing to IE11's JavaScript on Linux, which catches what
 * Chromium cannot (docs/engineering.md). `npm test` builds addin/dist first; this file builds it when
 * it is missing.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { parse } from "acorn";
import { beforeAll, describe, expect, it } from "vitest";
import { buildFakeHost } from "../browser/fake-host/build";
import { requireTool } from "../support/tools";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const DIST = join(ROOT, "addin", "dist");
const BUNDLE = join(DIST, "taskpane.js");
const hasDuk = requireTool({ command: "duk", args: ["-e", "1"], debianPackage: "duktape", checks: "the task pane bundle in an ES5.1 engine" });

let js = "";

beforeAll(() => {
  if (!existsSync(BUNDLE)) execFileSync(process.execPath, [join(ROOT, "addin", "build.mjs")], { cwd: ROOT, stdio: "inherit" });
  js = readFileSync(BUNDLE, "utf8");
}, 120_000);

describe("task pane bundle", () => {
  // A whole-bundle parse: seconds on a loaded machine, not a timing check.
  it("parses as ES5", { timeout: 60_000 }, () => {
    expect(() => parse(js, { ecmaVersion: 5, sourceType: "script" })).not.toThrow();
  });

  it("is under the 175 KB gzipped budget", () => {
    const gz = gzipSync(Buffer.from(js, "utf8"), { level: 9 }).length;
    expect(gz).toBeLessThan(175 * 1024);
  });

  it("carries no zod and no Proxy-based client", () => {
    expect(js).not.toMatch(/ZodError|\$ZodType|zod\/v4/);
    expect(js).not.toMatch(/new Proxy\(/);
  });

  it("carries no polyfill IE11 does not need: the URL class (for URL.createObjectURL) and the typed arrays (for one Uint8Array) are the host's own", () => {
    // core-js's URL class brings URLSearchParams and punycode; its typed arrays bring fromBase64.
    expect(js).not.toMatch(/URLSearchParams|punycode|fromBase64/);
  });

  it("references its files with a content hash, so Office's cache cannot serve an old build", () => {
    const html = readFileSync(join(DIST, "taskpane.html"), "utf8");
    // webpack minifies the HTML too, so attribute quotes may go.
    expect(html).toMatch(/src="?taskpane\.js\?v=[0-9a-f]{10}"?/);
    expect(html).toMatch(/href="?taskpane\.css\?v=[0-9a-f]{10}"?/);
    expect(html).toMatch(/src="?https:\/\/appsforoffice\.microsoft\.com\/lib\/1\/hosted\/office\.js"?/);
    expect(html).toMatch(/<html lang="?vi"?>/);
  });

  it.skipIf(!hasDuk)("starts in Duktape (ES5.1, no BigInt, no Proxy) with a 1.1-only Office host and shows the pane", () => {
    const result = runDuktape(["shim.js", "office-stub.js", BUNDLE, "driver.js"]) as { errors: string[]; header: string; tabs: string[] };
    expect(result.errors).toEqual([]);
    expect(result.header).toContain("THADS Thống kê");
    expect(result.tabs).toEqual(["Biểu mẫu", "Kiểm tra", "Gửi báo cáo", "Cài đặt"]);
  });

  it.skipIf(!hasDuk)("in Duktape, which has no Promise of its own (like IE11), runs the pane's promise chains: offline, it says the server is unreachable", () => {
    // A token and cached units, as after a first connection: the pane asks the server for its
    // reference data with Promise.all and, on the answer (offline here), marks the connection lost.
    const result = runDuktape(["shim.js", "preload-cache.js", "office-stub.js", BUNDLE, "driver.js"]) as { errors: string[]; native: Record<string, string>; conn: string };
    expect(result.native).toEqual({ Promise: "undefined", find: "undefined" });
    expect(result.errors).toEqual([]);
    expect(result.conn).toBe("Mất kết nối");
  });

  it.skipIf(!hasDuk)("in Duktape, offline, inserts a form into the in-memory workbook and lists a typed error in Vietnamese", async () => {
    const dir = mkdtempSync(join(tmpdir(), "thads-duk-"));
    try {
      const host = await buildFakeHost(dir);
      const result = runDuktape(["shim.js", "preload-cache.js", host.file, BUNDLE, "driver-flow.js"]) as {
        errors: string[]; inserted: string; typed: boolean; summary: string; findings: string[];
      };
      expect(result.errors).toEqual([]);
      expect(result.inserted).toContain("Đã chèn");
      expect(result.typed).toBe(true);
      expect(result.summary).toMatch(/^Phát hiện \d+ lỗi/);
      expect(result.findings).toContain("“Ủy thác” không được là số âm; ô đang chứa -5.");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

/** Runs the files in one Duktape global, in order; the last line printed is the JSON result. */
function runDuktape(files: string[]): unknown {
  const dir = join(ROOT, "tests", "addin", "duktape");
  const paths = files.map((f) => (f.startsWith("/") ? f : join(dir, f)));
  const out = execFileSync("duk", paths, { encoding: "utf8", timeout: 60_000 });
  return JSON.parse(out.trim().split("\n").pop() as string);
}
