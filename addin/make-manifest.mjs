#!/usr/bin/env node
// Writes the manifest for a deployment: the same file with https://localhost:3000 replaced
// by the Worker's origin, validated like the original when xmllint and the schemas are
// there (OFFICE_MANIFEST_XSD_DIR, see manifest-schema.mjs).
//   npm run manifest -- https://thads.example.gov.vn [out.xml]   (default out: addin/dist/manifest.xml)
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { manifestSchema, validateManifest } from "./manifest-schema.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const origin = (process.argv[2] || "").replace(/\/+$/, "");
if (!/^https:\/\/[^/\s]+$/.test(origin)) {
  console.error("usage: npm run manifest -- https://host[:port] [out.xml]  (Office loads add-ins over https only)");
  process.exit(2);
}
const out = process.argv[3] || join(here, "dist", "manifest.xml");
writeFileSync(out, readFileSync(join(here, "..", "manifest.xml"), "utf8").split("https://localhost:3000").join(origin));
const schema = manifestSchema();
if (schema.missing !== null) console.warn("manifest written without the schema check: " + schema.missing);
else {
  const verdict = validateManifest(out, schema.xsd);
  if (!verdict.ok) {
    console.error(verdict.output);
    process.exit(1);
  }
}
console.log("wrote " + out + " for " + origin);
