import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { manifestSchema, validateManifest, XSD_DIR_VARIABLE } from "../../addin/manifest-schema.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const MANIFEST = join(ROOT, "manifest.xml");
const text = readFileSync(MANIFEST, "utf8");

// Microsoft's XSDs are not in the repository: OFFICE_MANIFEST_XSD_DIR points at them (README,
// "Manifest schema"). Without them, or without xmllint, the schema check is skipped with its
// reason, except in CI, which installs both: there a missing one fails. The CI step that tests
// the repository alone sets THADS_STANDALONE_CHECK=1, because it removes them on purpose.
const schema = manifestSchema(process.env);
const ci = Boolean(process.env.CI) && process.env.CI !== "false";
const schemaRequired = ci && process.env.THADS_STANDALONE_CHECK !== "1";
const skipReason = schema.missing !== null && !schemaRequired ? schema.missing : null;
if (skipReason !== null) console.warn("manifest schema check skipped: " + skipReason);

describe("add-in manifest", () => {
  it.skipIf(skipReason !== null)(
    "validates against Microsoft's XML manifest schema, offline" + (skipReason === null ? "" : " (skipped: " + skipReason + ")"),
    () => {
      expect(schema.missing, "CI installs xmllint and sets " + XSD_DIR_VARIABLE).toBeNull();
      const xsd = schema.xsd ?? "";
      const verdict = validateManifest(MANIFEST, xsd);
      expect(verdict.output).toMatch(/manifest\.xml validates$/);
      expect(verdict.ok).toBe(true);

      // The check has teeth: the same manifest without its <Id> is refused.
      const dir = mkdtempSync(join(tmpdir(), "thads-manifest-"));
      try {
        const broken = join(dir, "manifest.xml");
        writeFileSync(broken, text.replace(/<Id>[^<]*<\/Id>\s*/, ""));
        const refused = validateManifest(broken, xsd);
        expect(refused.status).toBe(3);
        expect(refused.output).toMatch(/Element '\{[^}]+\}Version': This element is not expected\. Expected is \( \{[^}]+\}Id \)/);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it("npm run validate says why it cannot check when the schemas are not configured", () => {
    const env: Record<string, string | undefined> = { ...process.env };
    delete env[XSD_DIR_VARIABLE];
    const r = spawnSync(process.execPath, [join(ROOT, "addin", "validate-manifest.mjs")], { encoding: "utf8", env });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^validate: cannot check .*manifest\.xml: (OFFICE_MANIFEST_XSD_DIR is not set|xmllint is not installed)/);
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
