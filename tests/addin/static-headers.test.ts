/**
 * The task pane's static files carry their security headers in addin/dist/_headers, which the
 * Workers assets binding applies (the Worker's code never sees those requests). The policy
 * must let Office.js load from Microsoft's CDN, let Excel frame the pane, and run no inline
 * script, so every page of the pane is checked against it. `npm test` builds addin/dist first;
 * this file builds it when it is missing.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const DIST = join(ROOT, "addin", "dist");

/** `_headers` as rules: a path pattern and its headers (https://developers.cloudflare.com/workers/static-assets/headers/). */
function parseHeadersFile(text: string): { pattern: string; headers: Record<string, string> }[] {
  const rules: { pattern: string; headers: Record<string, string> }[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "" || line.trim().startsWith("#")) continue;
    if (!/^\s/.test(line)) {
      rules.push({ pattern: line.trim(), headers: {} });
      continue;
    }
    const at = line.indexOf(":");
    const rule = rules[rules.length - 1];
    if (!rule || at < 0) throw new Error("malformed _headers line: " + line);
    rule.headers[line.slice(0, at).trim().toLowerCase()] = line.slice(at + 1).trim();
  }
  return rules;
}

function directives(csp: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of csp.split(";")) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out.set(name, values);
  }
  return out;
}

let rules: ReturnType<typeof parseHeadersFile> = [];
let pages: { name: string; html: string }[] = [];

beforeAll(() => {
  if (!existsSync(join(DIST, "taskpane.html")) || !existsSync(join(DIST, "_headers"))) {
    execFileSync(process.execPath, [join(ROOT, "addin", "build.mjs")], { cwd: ROOT, stdio: "inherit" });
  }
  rules = parseHeadersFile(readFileSync(join(DIST, "_headers"), "utf8"));
  pages = readdirSync(DIST)
    .filter((f) => f.endsWith(".html"))
    .map((name) => ({ name, html: readFileSync(join(DIST, name), "utf8") }));
}, 120_000);

describe("security headers of the task pane's static files", () => {
  it("apply to every file, with nosniff and a Content-Security-Policy", () => {
    const all = rules.find((r) => r.pattern === "/*");
    expect(all).toBeDefined();
    expect(all!.headers["x-content-type-options"]).toBe("nosniff");
    expect(all!.headers["content-security-policy"]).toBeTruthy();
  });

  it("let Excel frame the pane: no X-Frame-Options, no frame-ancestors", () => {
    for (const r of rules) {
      expect(r.headers["x-frame-options"]).toBeUndefined();
      expect(r.headers["content-security-policy"] ?? "").not.toContain("frame-ancestors");
    }
  });

  it("allow scripts from this origin and Microsoft's Office.js CDN only, never inline or eval", () => {
    const csp = directives(rules.find((r) => r.pattern === "/*")!.headers["content-security-policy"]!);
    const scripts = csp.get("script-src") ?? [];
    expect(scripts).toContain("'self'");
    expect(scripts).toContain("https://appsforoffice.microsoft.com");
    expect(scripts.join(" ")).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(csp.get("object-src")).toEqual(["'none'"]);
  });

  it("match every page of the pane: each script is a file from here or from the CDN, none inline", () => {
    const allowed = directives(rules.find((r) => r.pattern === "/*")!.headers["content-security-policy"]!).get("script-src") ?? [];
    expect(pages.map((p) => p.name).sort()).toEqual(["commands.html", "taskpane.html"]);
    for (const page of pages) {
      const tags = page.html.match(/<script\b[^>]*>[\s\S]*?<\/script>/gi) ?? [];
      expect(tags.length, page.name).toBeGreaterThan(0);
      for (const tag of tags) {
        const src = /\bsrc=("([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
        expect(src, `${page.name}: inline script ${tag.slice(0, 80)}`).not.toBeNull();
        const url = src![2] ?? src![3] ?? src![4] ?? "";
        const origin = /^https?:\/\//.test(url) ? new URL(url).origin : "'self'";
        expect(allowed, `${page.name}: ${url}`).toContain(origin);
        expect(tag.replace(/<script\b[^>]*>/i, "").replace(/<\/script>/i, "").trim(), page.name).toBe("");
      }
    }
  });
});
