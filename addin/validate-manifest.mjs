#!/usr/bin/env node
// `npm run validate [-- other.xml]`: manifest.xml (or the given file) against Microsoft's
// manifest schema, offline. Exit 0 valid, 1 invalid, 2 when the check cannot run here.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { manifestSchema, validateManifest } from "./manifest-schema.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const manifest = process.argv[2] ? resolve(process.argv[2]) : join(root, "manifest.xml");

const schema = manifestSchema();
if (schema.missing !== null) {
  console.error("validate: cannot check " + manifest + ": " + schema.missing);
  process.exit(2);
}
const verdict = validateManifest(manifest, schema.xsd);
console[verdict.ok ? "log" : "error"](verdict.output);
process.exit(verdict.ok ? 0 : 1);
