import { describe, expect, it } from "vitest";
import { excelFormula } from "../../shared/reports/excel-formula";

describe("derived fields become Excel formulas", () => {
  const at: Record<string, string> = { a: "B12", b: "C12", c: "D12", d: "E12" };
  const addressOf = (k: string): string | undefined => at[k];

  it.each([
    ["{a} + {b}", "=B12+C12"],
    ["{a} - {b}", "=B12-C12"],
    ["sum({a}, {b}, {c})", "=SUM(B12,C12,D12)"],
    ["SUM({a}, {b})", "=SUM(B12,C12)"],
    ["{a} - ({b} - {c})", "=B12-(C12-D12)"],
    ["({a} + {b}) * 2", "=(B12+C12)*2"],
    ["-({a} + {b})", "=-(B12+C12)"],
    ["{a} / {b} * 100", "=B12/C12*100"],
    ["max({a}, 0) + abs({d})", "=MAX(B12,0)+ABS(E12)"],
    ["{a} − {b}", "=B12-C12"],
    ["{a} + 0.5", "=B12+0.5"],
  ])("%s → %s", (formula, expected) => {
    expect(excelFormula(formula, addressOf)).toBe(expected);
  });

  it("refuses a formula that reads another period or an unknown field", () => {
    expect(() => excelFormula("prev_month{a} + {b}", addressOf)).toThrow(/prev_month/);
    expect(() => excelFormula("{a} + {zz}", addressOf)).toThrow(/zz/);
    expect(() => excelFormula("{a} +", addressOf)).toThrow();
  });
});
