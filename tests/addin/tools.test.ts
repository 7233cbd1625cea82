import { afterEach, describe, expect, it, vi } from "vitest";
import { inCi, requireTool } from "../support/tools";

const MISSING = { command: "thads-no-such-tool", args: ["--version"], debianPackage: "thads-none", checks: "nothing" };

afterEach(() => {
  vi.restoreAllMocks();
});

describe("tests that need a tool (duk, soffice)", () => {
  it("run when the tool is there", () => {
    expect(requireTool({ command: process.execPath, args: ["-e", "0"], debianPackage: "nodejs", checks: "this" }, {})).toBe(true);
  });

  it("are skipped outside CI when it is missing, saying which package to install", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    expect(requireTool(MISSING, {})).toBe(false);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("install the Debian package thads-none"));
  });

  it("fail in CI when it is missing: CI installs every tool, so a skip there would hide a check", () => {
    expect(() => requireTool(MISSING, { CI: "true" })).toThrow(/thads-no-such-tool not found/);
    expect(() => requireTool(MISSING, { CI: "1" })).toThrow();
  });

  it("read CI as most CI services set it", () => {
    expect(inCi({ CI: "true" })).toBe(true);
    expect(inCi({ CI: "false" })).toBe(false);
    expect(inCi({})).toBe(false);
  });
});
