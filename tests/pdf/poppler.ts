import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * pdftotext and pdftoppm (Debian poppler-utils) read back the PDFs the Worker draws. Outside CI
 * a missing tool skips the tests that need it, with the reason; CI installs poppler-utils
 * (.ci/run), so there a missing tool fails the suite instead of passing checks that never ran.
 */
export function popplerAvailable(): boolean {
  const r = spawnSync("pdftotext", ["-v"], { encoding: "utf8" });
  if (r.status === 0) return true;
  const ci = process.env.CI !== undefined && process.env.CI !== "" && process.env.CI !== "0" && process.env.CI.toLowerCase() !== "false";
  const message = "pdftotext not found: install the Debian package poppler-utils to read the report PDFs back (CI installs it).";
  if (ci) throw new Error(message);
  console.warn("SKIPPED — " + message);
  return false;
}

/** The text of a PDF as pdftotext reads it (reading order, UTF-8). */
export function pdfText(pdf: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), "thads-pdf-"));
  const file = join(dir, "doc.pdf");
  writeFileSync(file, pdf);
  const r = spawnSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
  if (r.status !== 0) throw new Error("pdftotext failed: " + r.stderr);
  return r.stdout;
}

/** Renders page 1 as a PNG (pdftoppm) and returns its bytes. */
export function pdfPicture(pdf: Uint8Array, dpi = 110): Buffer {
  const dir = mkdtempSync(join(tmpdir(), "thads-pdf-"));
  const file = join(dir, "doc.pdf");
  writeFileSync(file, pdf);
  const r = spawnSync("pdftoppm", ["-png", "-r", String(dpi), "-f", "1", "-l", "1", "-singlefile", file, join(dir, "page")], { encoding: "utf8" });
  if (r.status !== 0) throw new Error("pdftoppm failed: " + r.stderr);
  return readFileSync(join(dir, "page.png"));
}
