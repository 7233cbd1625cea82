#!/usr/bin/env node
// Writes the manifest for a deployment: the same file with https://localhost:3000 replaced
// by the Worker's origin, validated like the original when xmllint is present.
//   npm run manifest -- https://thads.example.gov.vn [out.xml]   (default out: addin/dist/manifest.xml)
import { readFileSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const origin = (process.argv[2] || "").replace(/\/+$/, "");
if (!/^https:\/\/[^/\s]+$/.test(origin)) {
  console.error("usage: npm run manifest -- https://host[:port] [out.xml]  (Office loads add-ins over https only)");
  process.exit(2);
}
const out = process.argv[3] || join(here, "dist", "manifest.xml");
writeFileSync(out, readFileSync(join(here, "..", "manifest.xml"), "utf8").split("https://localhost:3000").join(origin));
const xsd = join(here, "..", "..", "shared", "schemas", "office-addin-manifest", "OfficeAppManifestV1_1.xsd");
const check = spawnSync("xmllint", ["--noout", "--schema", xsd, out], { encoding: "utf8" });
if (check.error) console.warn("xmllint not found: manifest written without the schema check");
else if (check.status !== 0) {
  console.error(check.stderr);
  process.exit(1);
}
console.log("wrote " + out + " for " + origin);
