import { describe, expect, it } from "vitest";
import { growthOf, outlookOf, projectRate } from "../../shared/reports/outlook";
import { seriesPeriods, trendMonthLabels } from "../../shared/reports/trend";
import type { IndicatorCell } from "../../shared/api/schemas";
import { QUARTER, scenarioComparison } from "../fixtures/reports";

/** A path of last year with only the months a test names (index 0 = October). */
function path(entries: Record<number, number>): (number | null)[] {
  const out: (number | null)[] = [];
  for (let m = 1; m <= 12; m++) out.push(entries[m] ?? null);
  return out;
}

describe("the year-end outlook", () => {
  it("says where a first month of 12% ends on last year's path, when a gap to the yearly target says nothing", () => {
    // Own path last year: 12,50% in October → 83,10% in September (× 6,648); the country's 13,00% → 84,25% (× 6,4808).
    // 12 × ½ (6,648 + 6,48077) = 78,7726 → 78,77%, 6,23 points short of 85%.
    const cell = outlookOf({
      month: 1, rate: 12, ownLastYear: path({ 1: 12.5, 12: 83.1 }), nationalLastYear: path({ 1: 13, 12: 84.25 }),
      decimals: 2, target: 85, comparison: "gte",
    });
    expect(cell).toEqual({ projected: 78.77, gap: -6.23, atRisk: true, profile: "own_and_national" });
  });

  it("follows the country's path alone for a unit without one of its own, and its own alone without the country's", () => {
    expect(projectRate({ month: 6, rate: 40, ownLastYear: path({}), nationalLastYear: path({ 6: 50, 12: 80 }) })).toEqual({ rate: 64, profile: "national" });
    expect(projectRate({ month: 6, rate: 40, ownLastYear: path({ 6: 40, 12: 90 }), nationalLastYear: path({}) })).toEqual({ rate: 90, profile: "own" });
    expect(projectRate({ month: 6, rate: 40, ownLastYear: path({}), nationalLastYear: path({}) })).toEqual({ rate: null, profile: null });
    // a path that started at 0% gives no growth to follow
    expect(growthOf(path({ 2: 0, 12: 50 }), 2)).toBeNull();
  });

  it("never projects beyond 100%, and in September the projection is the rate and nobody is 'at risk' any more", () => {
    expect(projectRate({ month: 1, rate: 30, ownLastYear: path({ 1: 10, 12: 90 }), nationalLastYear: path({ 1: 10, 12: 90 }) }).rate).toBe(100);
    expect(outlookOf({ month: 12, rate: 80.004, ownLastYear: path({}), nationalLastYear: path({}), decimals: 2, target: 85, comparison: "gte" }))
      .toEqual({ projected: 80, gap: -5, atRisk: null, profile: null });
  });

  it("reads a target as the target says: exactly on a ≥ target is not at risk, on a > target it is", () => {
    const at = (comparison: "gte" | "gt") =>
      outlookOf({ month: 6, rate: 42.35, ownLastYear: path({ 6: 50, 12: 100 }), nationalLastYear: path({ 6: 50, 12: 100 }), decimals: 2, target: 84.7, comparison });
    expect(at("gte")).toMatchObject({ projected: 84.7, atRisk: false });
    expect(at("gt")).toMatchObject({ projected: 84.7, atRisk: true });
  });

  it("reads this year up to the period and the whole of last year", () => {
    expect(seriesPeriods("2025-12")).toEqual({
      thisYear: ["2025-10", "2025-11", "2025-12"],
      lastYear: ["2024-10", "2024-11", "2024-12", "2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-06", "2025-07", "2025-08", "2025-09"],
    });
    expect(trendMonthLabels()).toEqual(["T10", "T11", "T12", "T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9"]);
  });

  it("is in every row of a comparison, from the months the comparison holds", () => {
    const c = scenarioComparison(QUARTER);
    // Hà Nội at 80% in Quý I/2026; its own path 70% (Dec 2024) → 85% (Sep 2025), × 1,2143; the country's
    // 2.170 ÷ 3.000 = 72,33% → 85% (only Hà Nội reported in September), × 1,1751: 80 × 1,1947 = 95,58%.
    expect(c.rows.find((r) => r.unit === "01")!.outlook.rate_viec).toEqual({ projected: 95.58, gap: 20.58, atRisk: false, profile: "own_and_national" });
    // Gia Lai has no September last year: the country's path alone, 70 × 1,1751 = 82,26%
    expect(c.rows.find((r) => r.unit === "52")!.outlook.rate_viec).toMatchObject({ projected: 82.26, profile: "national" });
    // money has no path last year in this scenario: no projection, no flag
    expect(c.rows.find((r) => r.unit === "52")!.outlook.rate_tien).toEqual({ projected: null, gap: null, atRisk: null, profile: null });
    expect((c.rows.find((r) => r.unit === "01")!.indicators.rate_viec as IndicatorCell).printed).toBe(80);
  });
});
