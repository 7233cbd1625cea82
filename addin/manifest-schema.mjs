// The offline schema check of manifest.xml: xmllint against Microsoft's Office add-in
// manifest XSDs. `office-addin-manifest validate` (the template's `validate`) posts the
// manifest to a Microsoft service instead, which CI cannot reach.
//
// The XSDs are Microsoft's files, not part of this repository: OFFICE_MANIFEST_XSD_DIR
// names the folder that holds OfficeAppManifestV1_1.xsd and the four schemas it imports
// (README, "Manifest schema"). Used by `npm run validate`, `npm run manifest` and
// tests/addin/manifest.test.ts, so all three find the schemas the same way.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

export const XSD_DIR_VARIABLE = "OFFICE_MANIFEST_XSD_DIR";
export const MAIN_XSD = "OfficeAppManifestV1_1.xsd";

/** The schema file to validate with, or the one-line reason why the check cannot run here. */
export function manifestSchema(env = process.env) {
  const probe = spawnSync("xmllint", ["--version"], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) {
    return { xsd: null, missing: "xmllint is not installed (Debian: apt-get install libxml2-utils)" };
  }
  const dir = env[XSD_DIR_VARIABLE];
  if (!dir) {
    return { xsd: null, missing: XSD_DIR_VARIABLE + " is not set (the folder with Microsoft's manifest XSDs; see the README)" };
  }
  const xsd = join(dir, MAIN_XSD);
  if (!existsSync(xsd)) {
    return { xsd: null, missing: XSD_DIR_VARIABLE + "=" + dir + " has no " + MAIN_XSD };
  }
  return { xsd, missing: null };
}

/** xmllint's verdict: exit 0 and "<file> validates", or exit 3 and the schema errors. */
export function validateManifest(manifestPath, xsd) {
  const r = spawnSync("xmllint", ["--noout", "--schema", xsd, manifestPath], { encoding: "utf8" });
  return { ok: r.status === 0, status: r.status, output: ((r.stdout || "") + (r.stderr || "")).trim() };
}
