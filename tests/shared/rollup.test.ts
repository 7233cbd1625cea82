import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatDecimal, formatPercent, formatSigned } from "../../shared/format";
import {
  averageRate,
  compareRates,
  compareValues,
  computeIndicator,
  countVerdicts,
  gapToTarget,
  isTargetMet,
  rankBy,
  ratePercent,
  sumValues,
  verdictOf,
  verdictText,
  worseThanAverage,
  type TargetCheck,
} from "../../shared/rollup";
import { BUILT_IN_FORMS } from "../../shared/forms/definitions";
import { formInForce } from "../../shared/forms/registry";
import type { IndicatorDefinition } from "../../shared/forms/types";
import type { FormValues } from "../../shared/values";

/** The completion-rate indicator of the built-in form in force on 2025-09-30. */
function completion(formId: string): IndicatorDefinition {
  const form = formInForce(BUILT_IN_FORMS, formId, "2025-09-30");
  const ind = form?.indicators.filter((i) => i.targeted)[0];
  if (!ind) throw new Error("no completion indicator for " + formId);
  return ind;
}
const VIEC = completion("01");
const TIEN = completion("02");

const KEYS = ["phai_thi_hanh", "co_dieu_kien", "thi_hanh_xong", "dinh_chi"] as const;

describe("sumValues adds units' forms exactly", () => {
  it("sums each requested field and counts the contributors", () => {
    const result = sumValues(
      [
        { phai_thi_hanh: 120, co_dieu_kien: 100, thi_hanh_xong: 70, dinh_chi: 5, other: 9 },
        { phai_thi_hanh: 30, co_dieu_kien: 20, thi_hanh_xong: 10, dinh_chi: 0 },
      ],
      KEYS,
    );
    expect(result).toEqual({
      ok: true,
      values: { phai_thi_hanh: 150, co_dieu_kien: 120, thi_hanh_xong: 80, dinh_chi: 5 },
      contributors: 2,
    });
  });

  it("gives zeros and no contributors for no units", () => {
    expect(sumValues([], ["a"])).toEqual({ ok: true, values: { a: 0 }, contributors: 0 });
  });

  it("treats a missing value as 0 by default, or leaves the whole unit out with skip_unit", () => {
    const units: FormValues[] = [
      { co_dieu_kien: 100, thi_hanh_xong: 80 },
      { co_dieu_kien: 50, thi_hanh_xong: null },
      { co_dieu_kien: 10 },
    ];
    expect(sumValues(units, ["co_dieu_kien", "thi_hanh_xong"])).toEqual({
      ok: true,
      values: { co_dieu_kien: 160, thi_hanh_xong: 80 },
      contributors: 3,
    });
    expect(sumValues(units, ["co_dieu_kien", "thi_hanh_xong"], { missing: "skip_unit" })).toEqual({
      ok: true,
      values: { co_dieu_kien: 100, thi_hanh_xong: 80 },
      contributors: 1,
    });
  });

  it("keeps national money totals (~10^12 nghìn đồng) exact", () => {
    const result = sumValues([{ tien: 999999999999 }, { tien: 1 }, { tien: 1277040781 }], ["tien"]);
    expect(result).toEqual({ ok: true, values: { tien: 1001277040781 }, contributors: 3 });
  });

  it("refuses a sum beyond Number.MAX_SAFE_INTEGER instead of rounding it", () => {
    const result = sumValues([{ a: 1, b: Number.MAX_SAFE_INTEGER }, { a: 2, b: 1 }], ["a", "b"]);
    expect(result).toEqual({ ok: false, error: "unsafe_integer", field: "b", unit: 1 });
  });

  it("refuses an unsafe or fractional single value", () => {
    expect(sumValues([{ a: 2 ** 53 }], ["a"])).toMatchObject({ ok: false, error: "unsafe_integer", field: "a" });
    expect(sumValues([{ a: 1.5 }], ["a"])).toMatchObject({ ok: false, error: "not_integer", field: "a" });
    expect(sumValues([{ a: Number.NaN }], ["a"])).toMatchObject({ ok: false, error: "not_integer" });
    expect(sumValues([{ a: Number.POSITIVE_INFINITY }], ["a"])).toMatchObject({ ok: false, error: "not_integer" });
  });
});

describe("indicators as data reproduce the published figures", () => {
  it.each([
    // National 2025: 577.876 done of 685.898 enforceable việc. The split of done into
    // xong/đình chỉ and phai_thi_hanh are illustrative.
    ["national 2025 việc", VIEC, { phai_thi_hanh: 900000, co_dieu_kien: 685898, thi_hanh_xong: 570000, dinh_chi: 7876 }, 577876, "84,25%", 322124],
    // Gia Lai Q1/2024 money, nghìn đồng.
    ["Gia Lai Q1/2024 tiền", TIEN, { phai_thi_hanh: 2000000000, co_dieu_kien: 1277040781, thi_hanh_xong: 174390399, dinh_chi: 0, giam: 0 }, 174390399, "13,66%", 1825609601],
  ])("%s", (_name, ind, values, done, shown, carried) => {
    const v = computeIndicator(ind, values);
    expect(v.numerator).toBe(done);
    expect(formatPercent(v.rate ?? Number.NaN)).toBe(shown);
    expect(v.remainder).toBe(carried);
  });

  it("counts giam as done only when the definition's numerator names it; by default it does not, yet it leaves chuyển kỳ sau", () => {
    const values = { phai_thi_hanh: 1000, co_dieu_kien: 800, thi_hanh_xong: 300, dinh_chi: 50, giam: 50 };
    // The shipped definition: money done is money collected (docs/domain.md), a reduced amount is no longer owed.
    expect(TIEN.numerator).toEqual(["thi_hanh_xong", "dinh_chi"]);
    expect(computeIndicator(TIEN, values)).toMatchObject({ numerator: 350, rate: 43.75, remainder: 600 });
    // An administrator who counts it as done changes the numerator only; it is not subtracted twice.
    const withGiam: IndicatorDefinition = { ...TIEN, numerator: ["thi_hanh_xong", "dinh_chi", "giam"] };
    expect(computeIndicator(withGiam, values)).toMatchObject({ numerator: 400, rate: 50, remainder: 600 });
    // Without remainderLess (an older definition), chuyển kỳ sau is phải thi hành − done.
    const { remainderLess: _less, ...plain } = TIEN;
    expect(computeIndicator(plain, values)).toMatchObject({ numerator: 350, remainder: 650 });
  });

  it("has no rate when nothing is enforceable", () => {
    const v = computeIndicator(VIEC, { phai_thi_hanh: 7, co_dieu_kien: 0, thi_hanh_xong: 0, dinh_chi: 0 });
    expect(v).toEqual({ numerator: 0, denominator: 0, rate: null, remainder: 7 });
  });

  it("keeps phải thi hành and có điều kiện apart: the rate is on có điều kiện", () => {
    const v = computeIndicator(VIEC, { phai_thi_hanh: 200, co_dieu_kien: 100, thi_hanh_xong: 50, dinh_chi: 0 });
    expect(v.rate).toBe(50);
    expect(v.remainder).toBe(150);
  });

  it("throws on a missing field unless told it means zero", () => {
    const values = { phai_thi_hanh: 10, co_dieu_kien: 10, thi_hanh_xong: 5 };
    expect(() => computeIndicator(VIEC, values)).toThrow(/dinh_chi/);
    expect(computeIndicator(VIEC, values, { missing: "zero" }).numerator).toBe(5);
  });

  it("reads another form's fields when a term names it (form:field)", () => {
    const cross: IndicatorDefinition = { ...VIEC, id: "x", numerator: ["02:thi_hanh_xong"], denominator: ["co_dieu_kien"], remainderOf: undefined };
    const v = computeIndicator(cross, { own: { co_dieu_kien: 200 }, otherForms: { "02": { thi_hanh_xong: 50 } } });
    expect(v).toEqual({ numerator: 50, denominator: 200, rate: 25, remainder: null });
  });

  it("computes a roll-up's rate from its sums", () => {
    const sum = sumValues(
      [
        { phai_thi_hanh: 100, co_dieu_kien: 100, thi_hanh_xong: 90, dinh_chi: 0 },
        { phai_thi_hanh: 10, co_dieu_kien: 10, thi_hanh_xong: 1, dinh_chi: 0 },
      ],
      KEYS,
    );
    if (!sum.ok) throw new Error("unexpected");
    // 91 ÷ 110 = 82,73%, whereas the mean of 90% and 10% would be 50%.
    expect(formatPercent(computeIndicator(VIEC, sum.values).rate ?? Number.NaN)).toBe("82,73%");
  });
});

describe("comparisons with a previous period", () => {
  it("Tổng cục 9-month 2023 letter: 382.058 việc done, tăng 33.568 việc (tăng 9,63%) on cùng kỳ", () => {
    const cmp = compareValues(382058, 382058 - 33568);
    expect(cmp.previous).toBe(348490);
    expect(cmp.change).toBe(33568);
    expect(formatSigned(cmp.change ?? Number.NaN)).toBe("+33.568");
    expect(formatDecimal(cmp.changePct ?? Number.NaN, 2)).toBe("9,63");
  });

  it("Tổng cục 9-month 2023 letter: a rate of 66,53% is up 2,18 points on 64,35%", () => {
    const cmp = compareRates(66.53, 64.35, 2);
    expect(formatSigned(cmp.changePoints ?? Number.NaN, 2)).toBe("+2,18");
  });

  it("differences rates as printed, so the printed change is the difference of the printed rates", () => {
    // 66,534… and 64,345… print as 66,53% and 64,35%: the change printed is 2,18, not the exact 2,19.
    expect(formatDecimal(compareRates(66.534, 64.345, 2).changePoints ?? Number.NaN, 2)).toBe("2,18");
    // Cao Bằng, form 01, 2026-09 (found by trying the product): printed 86,49% against 80,68%
    // must say +5,81 on every surface, as the sheet's ROUND(rate)−ROUND(rate) does.
    const c = compareRates(86.4949, 80.6849, 2);
    expect([c.current, c.previous]).toEqual([86.49, 80.68]);
    expect(formatSigned(c.changePoints ?? Number.NaN, 2)).toBe("+5,81");
    expect(c.changePoints).toBe(5.81);
  });

  it("has no relative change against 0 or a missing previous value", () => {
    expect(compareValues(5, 0)).toEqual({ current: 5, previous: 0, change: 5, changePct: null });
    expect(compareValues(5, null)).toEqual({ current: 5, previous: null, change: null, changePct: null });
    expect(compareRates(null, 50, 2).changePoints).toBeNull();
  });

  it("reports a decrease with a negative change", () => {
    const cmp = compareValues(276 - 16, 276);
    expect(cmp.change).toBe(-16);
    expect(formatDecimal(cmp.changePct ?? Number.NaN, 2)).toBe("-5,80");
  });
});

describe("targets", () => {
  it.each([
    // Lai Châu 2025: 90,58% việc "vượt 6,48%", 58,91% tiền "vượt 6,81%".
    [90.58, 84.1, "6,48"],
    [58.91, 52.1, "6,81"],
    [84.25, 83.9, "0,35"],
    [50, 51.9, "-1,90"],
  ])("rate %s against target %s is a gap of %s points", (rate, target, shown) => {
    expect(formatDecimal(gapToTarget(rate, target, 2) ?? Number.NaN, 2)).toBe(shown);
  });

  const check = (rate: number | null, target: number | null, comparison: TargetCheck["comparison"] = "gte"): TargetCheck => ({ rate, target, comparison, decimals: 2 });

  it.each([
    [84.25, 56.13, "2/2"],
    [84.25, 40, "1/2"],
    [80, 56.13, "1/2"],
    [80, 40, "0/2"],
  ] as const)("việc %s%% tiền %s%% against 83,90%% / 51,90%% → đạt %s", (rateViec, rateTien, shown) => {
    const v = verdictOf([check(rateViec, 83.9), check(rateTien, 51.9)]);
    expect(v && verdictText(v)).toBe(shown);
  });

  it("counts a rate equal to the target as met with ≥ (the default), not with >", () => {
    // 847 ÷ 1000 computed with one rounding equals the literal 84.7 exactly.
    const rate = ratePercent(847, 1000);
    expect(rate).toBe(84.7);
    expect(isTargetMet(check(rate, 84.7))).toBe(true);
    expect(isTargetMet(check(rate, 84.7, "gt"))).toBe(false);
  });

  it("judges the rate as printed: 84,696% prints 84,70% and meets 84,70%", () => {
    expect(isTargetMet(check(84.696, 84.7))).toBe(true);
    expect(isTargetMet(check(84.694, 84.7))).toBe(false);
  });

  it("reads a target where less is better the other way round", () => {
    expect(isTargetMet(check(30, 31.98, "lte"))).toBe(true);
    expect(isTargetMet(check(32, 31.98, "lte"))).toBe(false);
  });

  it("counts a unit with one assessable target as 1/1, never 2/2 (found by trying the product)", () => {
    const v = verdictOf([check(90, 83.9), check(null, 51.9)]);
    expect(v).toEqual({ met: 1, assessable: 1 });
    expect(verdictText(v as NonNullable<typeof v>)).toBe("1/1");
    expect(verdictOf([check(90, 83.9), check(null, 51.9)], "not_met")).toEqual({ met: 1, assessable: 2 });
    expect(verdictOf([check(null, 83.9), check(null, 51.9)])).toBeNull();
    expect(verdictOf([check(90, null)])).toBeNull();
  });

  it("counts over any number of indicators: 13/13 chỉ tiêu", () => {
    const v = verdictOf(Array.from({ length: 13 }, (_, i) => check(96 + i * 0.1, 95)));
    expect(v && verdictText(v)).toBe("13/13");
  });

  it("Cục notice on 2025 results: 05/34 units met only 01/02 targets", () => {
    const verdicts = Array.from({ length: 34 }, (_, i) => verdictOf([check(85 + (i % 5), 83.9), check(i < 5 ? 45 : 55 + (i % 3), 51.9)]));
    const counts = countVerdicts(verdicts);
    expect(counts).toEqual({ all: 29, some: 5, none: 0, notAssessable: 0, total: 34 });
    expect(verdictText({ met: counts.some, assessable: counts.total }, true)).toBe("05/34");
    expect(verdictText({ met: 1, assessable: 2 }, true)).toBe("01/02");
  });
});

describe("national average, below-average and ranking", () => {
  const rows = [
    { code: "01", numerator: 90, denominator: 100 },
    { code: "04", numerator: 1, denominator: 10 },
    { code: "08", numerator: 0, denominator: 0 },
  ];

  it("the average is the rate of the sum, not the mean of rates", () => {
    const avg = averageRate(rows);
    expect(formatPercent(avg ?? Number.NaN)).toBe("82,73%"); // 91 ÷ 110
    expect(avg).not.toBe((90 + 10) / 2); // averaging the rates would wrongly give 50%
    expect(averageRate([])).toBeNull();
  });

  it("judges below the average on printed rates: 59,72% beside an average printing 59,72% is not below", () => {
    expect(worseThanAverage(59.7249, 59.7151, 2)).toBe(false);
    expect(worseThanAverage(59.714, 59.7151, 2)).toBe(true);
    // Seed 003: "đạt tỷ lệ dưới 66,53%": equal to the average is not below it.
    expect(worseThanAverage(66.53, 66.53, 2)).toBe(false);
    expect(worseThanAverage(null, 66.53, 2)).toBeNull();
    // Where less is better, worse means above.
    expect(worseThanAverage(40, 31.98, 2, "lower")).toBe(true);
  });

  it("ranks 1, 2, 2, 4 with nulls last", () => {
    const units = [
      { code: "a", rate: 80 },
      { code: "b", rate: null },
      { code: "c", rate: 90 },
      { code: "d", rate: 80 },
      { code: "e", rate: 70 },
      { code: "f", rate: null },
    ];
    const desc = rankBy(units, (u) => u.rate).map((r) => `${r.rank}${r.row.code}`);
    expect(desc).toEqual(["1c", "2a", "2d", "4e", "5b", "5f"]);
    const asc = rankBy(units, (u) => u.rate, "asc").map((r) => `${r.rank}${r.row.code}`);
    expect(asc).toEqual(["1e", "2a", "2d", "4c", "5b", "5f"]);
  });
});

describe("properties", () => {
  const money = fc.integer({ min: 0, max: 1e12 });
  const unit = fc.record({ a: money, b: money, c: fc.option(money, { nil: undefined }) });

  it("a roll-up does not depend on the order or grouping of units", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(unit, fc.nat({ max: 5 })), { maxLength: 40 }),
        (tagged) => {
          const keys = ["a", "b", "c"];
          const all = sumValues(tagged.map(([u]) => u), keys);
          const groups = new Map<number, FormValues[]>();
          for (const [u, g] of tagged) groups.set(g, [...(groups.get(g) ?? []), u]);
          const partials = [...groups.values()].map((list) => sumValues(list, keys));
          const reversedPartials = [...partials].reverse().map((p) => (p.ok ? p.values : {}));
          const ofSums = sumValues(reversedPartials, keys);
          expect(all.ok && ofSums.ok).toBe(true);
          if (all.ok && ofSums.ok) expect(ofSums.values).toEqual(all.values);
        },
      ),
    );
  });

  const rateUnit = fc.integer({ min: 1, max: 1e9 }).chain((base) =>
    fc.record({ done: fc.integer({ min: 0, max: base }), base: fc.constant(base) }),
  );

  it("the rate of a sum lies between the smallest and largest unit rates", () => {
    fc.assert(
      fc.property(fc.array(rateUnit, { minLength: 1, maxLength: 30 }), (units) => {
        const rates = units.map((u) => ratePercent(u.done, u.base) ?? Number.NaN);
        const avg = averageRate(units.map((u) => ({ numerator: u.done, denominator: u.base })));
        expect(avg).not.toBeNull();
        expect(avg ?? Number.NaN).toBeGreaterThanOrEqual(Math.min(...rates));
        expect(avg ?? Number.NaN).toBeLessThanOrEqual(Math.max(...rates));
      }),
    );
  });

  it("with unequal bases and unequal rates, the average is not the mean of rates: it leans to the larger unit", () => {
    const small = fc.integer({ min: 1, max: 1000 }).chain((base) =>
      fc.record({ done: fc.integer({ min: 0, max: base }), base: fc.constant(base) }),
    );
    fc.assert(
      fc.property(small, small, (u, v) => {
        fc.pre(u.base !== v.base && u.done * v.base !== v.done * u.base);
        const ru = ratePercent(u.done, u.base) ?? Number.NaN;
        const rv = ratePercent(v.done, v.base) ?? Number.NaN;
        const avg = averageRate([u, v].map((x) => ({ numerator: x.done, denominator: x.base }))) ?? Number.NaN;
        const mean = (ru + rv) / 2;
        expect(avg).not.toBe(mean);
        const larger = u.base > v.base ? ru : rv;
        expect(Math.abs(avg - larger)).toBeLessThan(Math.abs(mean - larger));
      }),
    );
  });

  it("a sum beyond the safe range is an error, never a (rounded) number", () => {
    // Exact reference without BigInt: add 26-bit limbs separately, then carry.
    const LIMB = 2 ** 26;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), { maxLength: 8 }), (xs) => {
        let hi = 0;
        let lo = 0;
        for (const x of xs) {
          hi += Math.floor(x / LIMB);
          lo += x % LIMB;
        }
        hi += Math.floor(lo / LIMB);
        lo %= LIMB;
        const exceeds = hi >= 2 ** 27; // MAX_SAFE_INTEGER = (2^27 − 1)·2^26 + (2^26 − 1)
        const result = sumValues(xs.map((x) => ({ v: x })), ["v"]);
        if (exceeds) {
          expect(result).toMatchObject({ ok: false, error: "unsafe_integer", field: "v" });
        } else {
          expect(result).toEqual({ ok: true, values: { v: hi * LIMB + lo }, contributors: xs.length });
        }
      }),
    );
  });

  it("units near the top of the safe range always overflow together", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 2 ** 52, max: Number.MAX_SAFE_INTEGER }), { minLength: 2, maxLength: 5 }), (xs) => {
        const result = sumValues(xs.map((x) => ({ v: x })), ["v"]);
        expect(result.ok).toBe(false);
      }),
    );
  });
});
