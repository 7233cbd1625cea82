import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const MANIFEST = join(ROOT, "manifest.xml");
// CI lays a copy of ../shared beside the clone, as on the developers' machines.
const XSD = join(ROOT, "..", "shared", "schemas", "office-addin-manifest", "OfficeAppManifestV1_1.xsd");
const hasXmllint = spawnSync("xmllint", ["--version"]).status === 0;
const text = readFileSync(MANIFEST, "utf8");

describe("add-in manifest", () => {
  it("validates against Microsoft's XML manifest schema, offline", () => {
    if (!hasXmllint && !process.env.CI) {
      console.warn("xmllint missing (apt-get install libxml2-utils): schema check skipped outside CI");
      return;
    }
    expect(existsSync(XSD), XSD).toBe(true);
    const out = execFileSync("xmllint", ["--noout", "--schema", XSD, MANIFEST], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    expect(out).toBe("");
  });

  it("requires nothing beyond ExcelApi 1.1, so Excel 2016 loads it", () => {
    const sets = [...text.matchAll(/<Set Name="([^"]+)" MinVersion="([^"]+)"\/>/g)].map((m) => m[1] + " " + m[2]);
    expect(sets).toEqual(["ExcelApi 1.1"]);
    expect(text).toContain('<Host Name="Workbook"/>');
    // The 2016-era schemas predate the shared runtime, and Excel 2016 has none.
    expect(text).not.toMatch(/<Runtimes/);
  });

  it("is Vietnamese by default with English overrides", () => {
    expect(text).toContain("<DefaultLocale>vi-VN</DefaultLocale>");
    expect(text).toContain('<DisplayName DefaultValue="THADS Thống kê">');
    const defaults = [...text.matchAll(/<(?:bt:)?String id="[^"]+" DefaultValue="[^"]+">\s*<bt:Override Locale="en-US"/g)];
    const strings = [...text.matchAll(/<bt:String id=/g)];
    expect(defaults.length).toBe(strings.length);
    expect(text).toMatch(/<Description DefaultValue="[^"]+">\s*<Override Locale="en-US"/);
  });

  it("opens the task pane from a ribbon button and names pages and icons the build produces", () => {
    expect(text).toContain('<Action xsi:type="ShowTaskpane">');
    const urls = [...text.matchAll(/DefaultValue="(https:\/\/localhost:3000\/[^"]+)"/g)].map((m) => m[1] as string);
    expect(urls.length).toBeGreaterThan(5);
    for (const u of urls) {
      const file = u.replace("https://localhost:3000/", "");
      expect(existsSync(join(ROOT, "addin", "public", file)), file).toBe(true);
    }
    // One origin for the pane and the API (the Worker serves both): no other domain.
    expect([...text.matchAll(/https:\/\/[^/"<]+/g)].map((m) => m[0]).filter((o) => !/localhost:3000|schemas\.microsoft\.com/.test(o))).toEqual([]);
  });
});
