import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Finding } from "../../shared/findings";
import { compileRule, evaluateRules, type RuleDefinition } from "../../shared/rules";
import type { FormValues } from "../../shared/values";

const MAX = Number.MAX_SAFE_INTEGER;

function rule(expression: string, extra: Partial<RuleDefinition> = {}): RuleDefinition {
  return { id: "T.1", expression, severity: "error", ...extra };
}

function run(r: RuleDefinition, values: FormValues, prev: { prevMonth?: FormValues | null; prevYearFinal?: FormValues | null } = {}) {
  return evaluateRules([r], { values, ...prev });
}

describe("comparison operators, with and without tolerance", () => {
  it.each<[string, number, number, number, boolean]>([
    // op, a, b, tolerance, holds
    ["=", 5, 5, 0, true],
    ["=", 5, 6, 0, false],
    ["=", 5, 7, 2, true],
    ["=", 5, 8, 2, false],
    ["≠", 5, 5, 0, false],
    ["≠", 5, 6, 0, true],
    ["≠", 5, 7, 2, false],
    ["≠", 5, 8, 2, true],
    ["<", 5, 6, 0, true],
    ["<", 5, 5, 0, false],
    ["<", 6, 5, 2, true],
    ["<", 7, 5, 2, false],
    ["≤", 5, 5, 0, true],
    ["≤", 6, 5, 0, false],
    ["≤", 7, 5, 2, true],
    ["≤", 8, 5, 2, false],
    [">", 6, 5, 0, true],
    [">", 5, 5, 0, false],
    [">", 4, 5, 2, true],
    [">", 3, 5, 2, false],
    ["≥", 5, 5, 0, true],
    ["≥", 4, 5, 0, false],
    ["≥", 3, 5, 2, true],
    ["≥", 2, 5, 2, false],
  ])("{a} %s {b} with a=%i, b=%i, tolerance %i → holds: %s", (op, a, b, tolerance, holdsExpected) => {
    const r = run(rule("{a} " + op + " {b}", { tolerance }), { a, b });
    expect(r.skipped).toEqual([]);
    expect(r.findings.length === 0).toBe(holdsExpected);
  });

  it("describes a violation with both sides, the difference and the display operator", () => {
    const r = run(
      rule("{phai_thi_hanh} = {tong_thu_ly} - {uy_thac}", { id: "01.R2", severity: "warning", tolerance: 3 }),
      { phai_thi_hanh: 12_345, tong_thu_ly: 12_400, uy_thac: 100 },
    );
    expect(r.findings).toEqual<Finding[]>([
      {
        code: "rule_violated",
        severity: "warning",
        ruleId: "01.R2",
        fields: ["phai_thi_hanh", "tong_thu_ly", "uy_thac"],
        params: {
          left: 12_345,
          right: 12_300,
          difference: 45,
          operator: "=",
          tolerance: 3,
          expression: "{phai_thi_hanh} = {tong_thu_ly} - {uy_thac}",
        },
      },
    ]);
  });

  it("reports ASCII operators in their display form", () => {
    expect(run(rule("{a} >= {b}"), { a: 1, b: 2 }).findings[0]?.params.operator).toBe("≥");
    expect(run(rule("{a} <> {b}"), { a: 1, b: 1 }).findings[0]?.params.operator).toBe("≠");
  });

  it("gives a negative difference when the left side is short", () => {
    const f = run(rule("{co_dieu_kien} = sum({thi_hanh_xong}, {dinh_chi})"), {
      co_dieu_kien: 90,
      thi_hanh_xong: 80,
      dinh_chi: 20,
    }).findings[0];
    expect(f?.params).toMatchObject({ left: 90, right: 100, difference: -10 });
  });

  it("evaluates min, max, abs and unary minus", () => {
    const values = { a: 7, b: -3, c: 10 };
    expect(run(rule("min({a}, {c}) = 7"), values).findings).toEqual([]);
    expect(run(rule("max({a}, {c}, 0) = 10"), values).findings).toEqual([]);
    expect(run(rule("abs({b}) = 3"), values).findings).toEqual([]);
    expect(run(rule("-{b} - {a} * 2 = -11"), values).findings).toEqual([]);
  });

  it("does not flag ratios that differ only by floating-point noise", () => {
    // 1/10 + 2/10 is 0.30000000000000004 in doubles.
    expect(run(rule("{a} / {b} + {c} / {b} = 0.3"), { a: 1, b: 10, c: 2 }).findings).toEqual([]);
    expect(run(rule("{a} / {b} + {c} / {b} = 0.3"), { a: 1, b: 10, c: 3 }).findings).toHaveLength(1);
  });
});

describe("missing values follow the rule's strategy", () => {
  const values = { c: 10, a: 10 }; // b is missing

  it("skips the rule by default", () => {
    expect(run(rule("{c} = {a} + {b}"), values)).toEqual({
      findings: [],
      skipped: [{ ruleId: "T.1", reason: "missing_value" }],
    });
  });

  it("treats a missing value as 0 with the zero strategy", () => {
    expect(run(rule("{c} = {a} + {b}", { missing: "zero" }), values)).toEqual({ findings: [], skipped: [] });
    const f = run(rule("{c} = {a} + {b}", { missing: "zero" }), { c: 11, a: 10 }).findings[0];
    expect(f?.params).toMatchObject({ left: 11, right: 10, difference: 1 });
  });

  it("reports the empty current-period fields, in rule order, with the error strategy", () => {
    const r = run(rule("{c} = {a} + {b} + {d}", { id: "01.R9", missing: "error", severity: "warning" }), { a: 1, c: null });
    expect(r.skipped).toEqual([]);
    expect(r.findings).toEqual<Finding[]>([
      {
        code: "missing_value",
        severity: "warning",
        ruleId: "01.R9",
        fields: ["c", "b", "d"],
        params: { expression: "{c} = {a} + {b} + {d}" },
      },
    ]);
  });

  it("skips instead of blaming the clerk when only last month's value is empty", () => {
    const r = run(rule("{a} ≥ prev_month{a}", { missing: "error" }), { a: 5 }, { prevMonth: { a: null } });
    expect(r).toEqual({ findings: [], skipped: [{ ruleId: "T.1", reason: "missing_value" }] });
  });

  it("treats NaN, Infinity and non-numbers as missing, never as numbers", () => {
    const bad = { a: NaN, b: Infinity, c: "5" } as unknown as FormValues;
    expect(run(rule("{a} = 0"), bad).skipped).toHaveLength(1);
    expect(run(rule("{b} = 0"), bad).skipped).toHaveLength(1);
    expect(run(rule("{c} = 5"), bad).skipped).toHaveLength(1);
  });

  it("does not read Object.prototype members as field values", () => {
    expect(run(rule("{constructor} = 0"), {}).skipped).toEqual([{ ruleId: "T.1", reason: "missing_value" }]);
  });
});

describe("cross-period rules", () => {
  const nondecreasing = rule("{thu_ly_moi} ≥ prev_month{thu_ly_moi}", { id: "01.C1" });
  const carried = rule(
    "{nam_truoc_chuyen_sang} = prev_year_final{phai_thi_hanh} - prev_year_final{thi_hanh_xong} - prev_year_final{dinh_chi}",
    { id: "01.C2" },
  );

  it("skips a previous-month rule in the first month of the year", () => {
    expect(run(nondecreasing, { thu_ly_moi: 5 }, { prevMonth: null }).skipped).toEqual([
      { ruleId: "01.C1", reason: "no_prev_month" },
    ]);
    expect(run(nondecreasing, { thu_ly_moi: 5 }).skipped).toEqual([{ ruleId: "01.C1", reason: "no_prev_month" }]);
  });

  it("skips a previous-year rule when last year's 12-month report is not there", () => {
    expect(run(carried, { nam_truoc_chuyen_sang: 5 }, { prevMonth: {} }).skipped).toEqual([
      { ruleId: "01.C2", reason: "no_prev_year_final" },
    ]);
  });

  it("flags a cumulative count that went down, highlighting only this month's cell", () => {
    const r = run(nondecreasing, { thu_ly_moi: 480 }, { prevMonth: { thu_ly_moi: 500 } });
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ fields: ["thu_ly_moi"], params: { left: 480, right: 500, difference: -20 } });
    expect(run(nondecreasing, { thu_ly_moi: 500 }, { prevMonth: { thu_ly_moi: 500 } }).findings).toEqual([]);
  });

  it("checks the carry-over against last year's closing figures", () => {
    const prevYearFinal = { phai_thi_hanh: 1000, thi_hanh_xong: 600, dinh_chi: 50 };
    expect(run(carried, { nam_truoc_chuyen_sang: 350 }, { prevYearFinal }).findings).toEqual([]);
    expect(run(carried, { nam_truoc_chuyen_sang: 360 }, { prevYearFinal }).findings[0]?.params.difference).toBe(10);
  });

  it("flags a sudden shift towards 'not enforceable' beyond 15 points", () => {
    const shift = rule(
      "{chua_co_dieu_kien} / {phai_thi_hanh} ≤ prev_month{chua_co_dieu_kien} / prev_month{phai_thi_hanh} + 0.15",
    );
    const prevMonth = { chua_co_dieu_kien: 300, phai_thi_hanh: 1000 };
    expect(run(shift, { chua_co_dieu_kien: 440, phai_thi_hanh: 1000 }, { prevMonth }).findings).toEqual([]);
    const f = run(shift, { chua_co_dieu_kien: 500, phai_thi_hanh: 1000 }, { prevMonth }).findings[0];
    expect(f?.fields).toEqual(["chua_co_dieu_kien", "phai_thi_hanh"]);
    expect(f?.params.left).toBeCloseTo(0.5);
    expect(f?.params.right).toBeCloseTo(0.45);
  });
});

describe("arithmetic problems", () => {
  it("skips a rule that divides by zero", () => {
    const r = run(rule("{a} / {b} ≤ 0.5"), { a: 1, b: 0 });
    expect(r).toEqual({ findings: [], skipped: [{ ruleId: "T.1", reason: "division_by_zero" }] });
  });

  it("refuses to compare a sum beyond 2^53 instead of rounding it", () => {
    const r = run(rule("{a} + {b} ≥ {c}", { severity: "warning" }), { a: MAX, b: 1, c: 0 });
    expect(r.findings).toEqual<Finding[]>([
      {
        code: "unsafe_integer",
        severity: "error",
        ruleId: "T.1",
        fields: ["a", "b", "c"],
        params: { value: MAX + 1, expression: "{a} + {b} ≥ {c}" },
      },
    ]);
  });

  it.each([
    ["sum({a}, {b}, {c}) = 0", { a: MAX, b: 1, c: -1 }],
    ["{a} - {b} = 0", { a: MAX, b: -1 }],
    ["{a} * 1000 = 0", { a: 10 ** 13 }],
    ["{a} = 0", { a: 2 ** 53 + 2 }],
  ])("flags %s as unsafe_integer", (expression, values) => {
    expect(run(rule(expression), values).findings.map((f) => f.code)).toEqual(["unsafe_integer"]);
  });

  it("compares exactly right up to the limit", () => {
    expect(run(rule("{c} = {a} + {b}"), { a: MAX - 1, b: 1, c: MAX }).findings).toEqual([]);
    expect(run(rule("{c} = {a} + {b}"), { a: MAX - 2, b: 1, c: MAX }).findings[0]?.params.difference).toBe(1);
  });
});

describe("evaluateRules as a whole", () => {
  const rules: RuleDefinition[] = [
    rule("{a} = {b}", { id: "R1" }),
    rule("{a} ≥ prev_month{a}", { id: "R2" }),
    rule("{a} < {b}", { id: "R3" }),
  ];

  it("keeps rule order and accepts compiled and plain rules alike", () => {
    const mixed = [rules[0]!, compileRule(rules[1]!), rules[2]!];
    const r = evaluateRules(mixed, { values: { a: 1, b: 2 } });
    expect(r.findings.map((f) => f.ruleId)).toEqual(["R1"]);
    expect(r.skipped).toEqual([{ ruleId: "R2", reason: "no_prev_month" }]);
  });

  it("is deterministic and leaves its inputs untouched", () => {
    const values = Object.freeze({ a: 3, b: 2 });
    const prevMonth = Object.freeze({ a: 5 });
    const first = evaluateRules(rules, { values, prevMonth });
    const second = evaluateRules(rules, { values, prevMonth });
    expect(second).toEqual(first);
    expect(first.findings.map((f) => f.ruleId)).toEqual(["R1", "R2", "R3"]);
  });

  it("throws only for a rule whose notation is malformed", () => {
    expect(() => evaluateRules([rule("{a} = ")], { values: {} })).toThrow(/Expected a value/);
  });
});

describe("property: an additive identity", () => {
  const identity = compileRule({ id: "P", expression: "{c} = {a} + {b}", severity: "error" });
  const amount = fc.integer({ min: 0, max: 2 ** 50 }); // national money totals stay far below this

  it("holds whenever c = a + b", () => {
    fc.assert(
      fc.property(amount, amount, (a, b) => {
        expect(evaluateRules([identity], { values: { a, b, c: a + b } })).toEqual({ findings: [], skipped: [] });
      }),
    );
  });

  it("fails with difference d whenever c = a + b + d, d ≠ 0", () => {
    fc.assert(
      fc.property(
        amount,
        amount,
        fc.integer({ min: -(2 ** 40), max: 2 ** 40 }).filter((d) => d !== 0),
        (a, b, d) => {
          fc.pre(a + b + d >= 0);
          const { findings } = evaluateRules([identity], { values: { a, b, c: a + b + d } });
          expect(findings).toHaveLength(1);
          expect(findings[0]?.code).toBe("rule_violated");
          expect(findings[0]?.params.difference).toBe(d);
          expect(findings[0]?.params.right).toBe(a + b);
        },
      ),
    );
  });
});
