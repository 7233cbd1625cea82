import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const desktopExcelHere = process.platform === "win32" || process.platform === "darwin";

describe("npm run start:desktop / stop", () => {
  // On Windows and Mac these really sideload into Excel, which a test must not do.
  it.skipIf(desktopExcelHere)("say in one line that this system has no desktop Excel, and fail", () => {
    for (const command of ["start", "stop"]) {
      const r = spawnSync(process.execPath, [join(ROOT, "addin", "sideload.mjs"), command], { encoding: "utf8" });
      expect(r.status).toBe(1);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(/^There is no desktop Excel on \w+ \(Windows and Mac only\): .*npm run test:browser`\.\n$/);
    }
  });
});
