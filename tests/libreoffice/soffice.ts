import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { requireTool } from "../support/tools";

/**
 * LibreOffice headless, run the way the tests need it: one invocation per batch of files,
 * a fresh profile each time (no state from a previous run or from the user's own
 * LibreOffice), formulas of .xlsx files always recalculated on load (the default is to
 * trust the cached results, which would check nothing), and a chosen locale.
 */

/** Skip locally with a clear message; in CI a missing LibreOffice is a failure, not a skip. */
export function requireSoffice(): boolean {
  return requireTool({ command: "soffice", args: ["--version"], debianPackage: "libreoffice-calc", checks: "tests/libreoffice" });
}

function profile(locale: string): string {
  const dir = mkdtempSync(join(tmpdir(), "thads-lo-"));
  mkdirSync(join(dir, "user"), { recursive: true });
  writeFileSync(
    join(dir, "user", "registrymodifications.xcu"),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>${locale}</value></prop></item>
</oor:items>
`,
  );
  return dir;
}

export interface Converted {
  outDir: string;
  files: string[];
  ms: number;
}

/**
 * Converts `files` in one soffice run. `to` is a --convert-to argument: "xlsx" re-saves
 * (LibreOffice writes its own results and chart parts), "pdf" prints, CSV_ALL_SHEETS_AS_SHOWN
 * writes every sheet as the cells are displayed.
 */
export function convert(files: string[], to: string, options: { locale?: string; outDir?: string } = {}): Converted {
  const outDir = options.outDir ?? mkdtempSync(join(tmpdir(), "thads-lo-out-"));
  const started = Date.now();
  const r = spawnSync(
    "soffice",
    [`-env:UserInstallation=file://${profile(options.locale ?? "en-US")}`, "--headless", "--norestore", "--convert-to", to, "--outdir", outDir, ...files],
    { encoding: "utf8", timeout: 120_000 },
  );
  if (r.status !== 0) throw new Error(`soffice failed (${r.status}): ${r.stderr}`);
  return { outDir, files: readdirSync(outDir), ms: Date.now() - started };
}

/** Field separator ";" (the Vietnamese decimal mark is ","), UTF-8, formatted as shown, every sheet to its own file. */
export const CSV_ALL_SHEETS_AS_SHOWN = "csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,true,false,false,-1";

export { parseCsv } from "../fixtures/csv";
