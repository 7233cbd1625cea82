import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatDecimal, formatInteger, formatPercent, formatSigned, roundTo } from "../../shared/format";

describe("formatInteger groups thousands with dots, Vietnamese style", () => {
  it.each([
    [1234567, "1.234.567"],
    [-33568, "-33.568"],
    [0, "0"],
    [999, "999"],
    [1000, "1.000"],
    [1e12, "1.000.000.000.000"],
    [1277040781, "1.277.040.781"],
    [Number.MAX_SAFE_INTEGER, "9.007.199.254.740.991"],
    [600000000000001, "600.000.000.000.001"],
  ])("%s → %s", (value, expected) => {
    expect(formatInteger(value)).toBe(expected);
  });

  it("rounds half away from zero and never prints a negative zero", () => {
    expect(formatInteger(2.5)).toBe("3");
    expect(formatInteger(-2.5)).toBe("-3");
    expect(formatInteger(-0.4)).toBe("0");
    expect(formatInteger(-0)).toBe("0");
  });

  it("prints every safe integer exactly (only the dots are added)", () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), (n) => {
        expect(formatInteger(n).split(".").join("")).toBe(String(n));
      }),
    );
  });
});

describe("formatDecimal and formatPercent use a decimal comma", () => {
  it.each([
    [84.2508, 2, "84,25"],
    [0.005, 2, "0,01"],
    [1.005, 2, "1,01"],
    [1234.5, 1, "1.234,5"],
    [-0.001, 2, "0,00"],
    [-0.005, 2, "-0,01"],
    [600000000000000, 2, "600.000.000.000.000,00"],
  ])("formatDecimal(%s, %s) → %s", (value, decimals, expected) => {
    expect(formatDecimal(value, decimals)).toBe(expected);
  });

  it("shows published rates as the reports print them", () => {
    expect(formatPercent(84.2508)).toBe("84,25%");
    expect(formatPercent((577876 * 100) / 685898)).toBe("84,25%");
    expect(formatPercent((174390399 * 100) / 1277040781)).toBe("13,66%");
    expect(formatPercent(100)).toBe("100,00%");
  });

  it("roundTo is exact on large values (the anti-1.00499… nudge must not shift them)", () => {
    expect(roundTo(600000000000000, 0)).toBe(600000000000000);
    expect(roundTo(600000000000000.25, 0)).toBe(600000000000000);
    expect(roundTo(1e15, 2)).toBe(1e15);
  });
});

describe("formatSigned shows the direction of a change", () => {
  it.each([
    [2.18, 2, "+2,18"],
    [-2.18, 2, "-2,18"],
    [33568, 0, "+33.568"],
    [-33568, 0, "-33.568"],
    [0, 0, "0"],
    [0.004, 2, "0,00"],
    [0.4, 0, "0"],
  ])("formatSigned(%s, %s) → %s", (value, decimals, expected) => {
    expect(formatSigned(value, decimals)).toBe(expected);
  });
});
