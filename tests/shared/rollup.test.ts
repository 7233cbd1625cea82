import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatDecimal, formatPercent, formatSigned } from "../../shared/format";
import {
  averageRate,
  belowAverage,
  compareRates,
  compareValues,
  computeIndicators,
  countVerdicts,
  gapToTarget,
  rankBy,
  ratePercent,
  sumValues,
  targetStatus,
  TIEN_INDICATORS,
  toRateRow,
  VIEC_INDICATORS,
  type IndicatorConfig,
  type RateRow,
} from "../../shared/rollup";
import type { FormValues } from "../../shared/values";

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

describe("computeIndicators reproduces the published figures", () => {
  it.each([
    // National 2025 (Cục THADS 12-month 2025 results, docs/domain.md): 577.876 done of 685.898 enforceable việc.
    // The split of done into xong/đình chỉ and phai_thi_hanh are illustrative.
    ["national 2025 việc", VIEC_INDICATORS, { phai_thi_hanh: 900000, co_dieu_kien: 685898, thi_hanh_xong: 570000, dinh_chi: 7876 }, 577876, "84,25%", 322124],
    // Gia Lai Q1/2024 money, nghìn đồng.
    ["Gia Lai Q1/2024 tiền", TIEN_INDICATORS, { phai_thi_hanh: 2000000000, co_dieu_kien: 1277040781, thi_hanh_xong: 174390399, dinh_chi: 0 }, 174390399, "13,66%", 1825609601],
  ])("%s", (_name, cfg, values, done, shown, carried) => {
    const ind = computeIndicators(values, cfg);
    expect(ind.done).toBe(done);
    expect(formatPercent(ind.rate ?? Number.NaN)).toBe(shown);
    expect(ind.carriedOver).toBe(carried);
  });

  it("counts giam as done only when the configuration says so", () => {
    const values = { phai_thi_hanh: 1000, co_dieu_kien: 800, thi_hanh_xong: 300, dinh_chi: 50, giam: 50 };
    const withGiam: IndicatorConfig = { ...TIEN_INDICATORS, doneFields: [...TIEN_INDICATORS.doneFields, "giam"] };
    expect(computeIndicators(values, TIEN_INDICATORS)).toMatchObject({ done: 350, rate: 43.75, carriedOver: 650 });
    expect(computeIndicators(values, withGiam)).toMatchObject({ done: 400, rate: 50, carriedOver: 600 });
  });

  it("has no rate when nothing is enforceable", () => {
    const ind = computeIndicators({ phai_thi_hanh: 7, co_dieu_kien: 0, thi_hanh_xong: 0, dinh_chi: 0 }, VIEC_INDICATORS);
    expect(ind).toEqual({ done: 0, base: 0, due: 7, rate: null, carriedOver: 7 });
  });

  it("keeps due (phai_thi_hanh) and base (co_dieu_kien) apart: the rate is on co_dieu_kien", () => {
    const ind = computeIndicators({ phai_thi_hanh: 200, co_dieu_kien: 100, thi_hanh_xong: 50, dinh_chi: 0 }, VIEC_INDICATORS);
    expect(ind.rate).toBe(50);
    expect(ind.due).toBe(200);
  });

  it("throws on a missing field unless told it means zero", () => {
    const values = { phai_thi_hanh: 10, co_dieu_kien: 10, thi_hanh_xong: 5 };
    expect(() => computeIndicators(values, VIEC_INDICATORS)).toThrow(/dinh_chi/);
    expect(computeIndicators(values, VIEC_INDICATORS, { missing: "zero" }).done).toBe(5);
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
    expect(formatPercent(computeIndicators(sum.values, VIEC_INDICATORS).rate ?? Number.NaN)).toBe("82,73%");
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
    const cmp = compareRates(66.53, 64.35);
    expect(formatSigned(cmp.changePoints ?? Number.NaN, 2)).toBe("+2,18");
  });

  it("can difference rates as printed so the change matches the printed rates", () => {
    // 66,534… and 64,345… print as 66,53% and 64,35%; exact difference 2,189 prints 2,19.
    expect(formatDecimal(compareRates(66.534, 64.345).changePoints ?? Number.NaN, 2)).toBe("2,19");
    expect(formatDecimal(compareRates(66.534, 64.345, { decimals: 2 }).changePoints ?? Number.NaN, 2)).toBe("2,18");
  });

  it("has no relative change against 0 or a missing previous value", () => {
    expect(compareValues(5, 0)).toEqual({ current: 5, previous: 0, change: 5, changePct: null });
    expect(compareValues(5, null)).toEqual({ current: 5, previous: null, change: null, changePct: null });
    expect(compareRates(null, 50).changePoints).toBeNull();
  });

  it("reports a decrease with a negative change", () => {
    const cmp = compareValues(276 - 16, 276);
    expect(cmp.change).toBe(-16);
    expect(formatDecimal(cmp.changePct ?? Number.NaN, 2)).toBe("-5,80");
  });
});

describe("targets", () => {
  it.each([
    // Lai Châu 2025 (its notice on 2026 targets): 90,58% việc "vượt 6,48%", 58,91% tiền "vượt 6,81%".
    [90.58, 84.1, "6,48"],
    [58.91, 52.1, "6,81"],
    [84.25, 83.9, "0,35"],
    [50, 51.9, "-1,90"],
  ])("rate %s against target %s is a gap of %s points", (rate, target, shown) => {
    expect(formatDecimal(gapToTarget(rate, target) ?? Number.NaN, 2)).toBe(shown);
  });

  const national2025 = { targetViec: 83.9, targetTien: 51.9 };

  it.each([
    [84.25, 56.13, "met_2", true, true],
    [84.25, 40, "met_1", true, false],
    [80, 56.13, "met_1", false, true],
    [80, 40, "met_0", false, false],
  ] as const)("việc %s%% tiền %s%% → %s", (rateViec, rateTien, verdict, viecMet, tienMet) => {
    const status = targetStatus({ rateViec, rateTien }, national2025);
    expect(status).toMatchObject({ verdict, viecMet, tienMet, assessable: 2 });
  });

  it("counts a rate equal to the target as met by default ('gte'), not with 'gt'", () => {
    // 847 ÷ 1000 computed with one rounding equals the literal 84.7 exactly.
    const rate = ratePercent(847, 1000);
    expect(rate).toBe(84.7);
    const targets = { targetViec: 84.7, targetTien: 56.8 };
    expect(targetStatus({ rateViec: rate, rateTien: 56.8 }, targets).verdict).toBe("met_2");
    expect(targetStatus({ rateViec: rate, rateTien: 56.8 }, targets, { comparison: "gt" }).verdict).toBe("met_0");
  });

  it("can judge the rate as printed", () => {
    // 84,696% prints as 84,70%: met only when compared at two decimals.
    const targets = { targetViec: 84.7, targetTien: null };
    expect(targetStatus({ rateViec: 84.696, rateTien: null }, targets).viecMet).toBe(false);
    expect(targetStatus({ rateViec: 84.696, rateTien: null }, targets, { decimals: 2 }).viecMet).toBe(true);
  });

  it("judges a unit with nothing enforceable on the assessable target only", () => {
    const status = targetStatus({ rateViec: 90, rateTien: null }, national2025);
    expect(status).toMatchObject({ viecMet: true, tienMet: null, verdict: "met_2", assessable: 1, gapTien: null });
    expect(targetStatus({ rateViec: 90, rateTien: null }, national2025, { nullRate: "not_met" })).toMatchObject({
      verdict: "met_1",
      assessable: 2,
    });
    expect(targetStatus({ rateViec: null, rateTien: null }, national2025)).toMatchObject({ verdict: null, assessable: 0 });
  });

  it("Cục notice on 2025 results: 05/34 units met only 01/02 targets", () => {
    const statuses = Array.from({ length: 34 }, (_, i) =>
      targetStatus({ rateViec: 85 + (i % 5), rateTien: i < 5 ? 45 : 55 + (i % 3) }, national2025),
    );
    const counts = countVerdicts(statuses);
    expect(counts).toEqual({ met_2: 29, met_1: 5, met_0: 0, notAssessable: 0, total: 34 });
    expect(`${String(counts.met_1).padStart(2, "0")}/${counts.total}`).toBe("05/34");
  });
});

describe("national average, below-average list and ranking", () => {
  const rows: RateRow[] = [
    { code: "01", done: 90, base: 100, rate: 90 },
    { code: "04", done: 1, base: 10, rate: 10 },
    { code: "08", done: 0, base: 0, rate: null },
  ];

  it("the average is the rate of the sum, not the mean of rates", () => {
    const avg = averageRate(rows);
    expect(formatPercent(avg ?? Number.NaN)).toBe("82,73%"); // 91 ÷ 110
    expect(avg).not.toBe((90 + 10) / 2); // averaging the rates would wrongly give 50%
    expect(averageRate([])).toBeNull();
  });

  it("lists units strictly below the average, skipping units without a rate", () => {
    const avg = averageRate(rows);
    expect(belowAverage(rows, avg).map((r) => r.code)).toEqual(["04"]);
    // Tổng cục 9-month 2023 letter: "đạt tỷ lệ dưới 66,53%": equal to the average is not below it.
    const atAvg = [{ code: "x", rate: 66.53 }, { code: "y", rate: 66.52 }];
    expect(belowAverage(atAvg, 66.53).map((r) => r.code)).toEqual(["y"]);
    expect(belowAverage(rows, null)).toEqual([]);
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
    const desc = rankBy(units, "rate").map((r) => `${r.rank}${r.row.code}`);
    expect(desc).toEqual(["1c", "2a", "2d", "4e", "5b", "5f"]);
    const asc = rankBy(units, "rate", "asc").map((r) => `${r.rank}${r.row.code}`);
    expect(asc).toEqual(["1e", "2a", "2d", "4c", "5b", "5f"]);
  });

  it("can rank on rates as printed so equal printed rates tie", () => {
    const units = [{ rate: 84.251 }, { rate: 84.254 }];
    expect(rankBy(units, "rate").map((r) => r.rank)).toEqual([1, 2]);
    expect(rankBy(units, "rate", "desc", { decimals: 2 }).map((r) => r.rank)).toEqual([1, 1]);
  });

  it("builds rows from indicators", () => {
    const ind = computeIndicators({ phai_thi_hanh: 10, co_dieu_kien: 8, thi_hanh_xong: 6, dinh_chi: 0 }, VIEC_INDICATORS);
    expect(toRateRow("52", ind)).toEqual({ code: "52", done: 6, base: 8, rate: 75 });
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
        const avg = averageRate(units);
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
        const avg = averageRate([u, v]) ?? Number.NaN;
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
