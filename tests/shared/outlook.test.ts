import { describe, expect, it } from "vitest";
import { growthOf, OUTLOOK_METHOD, outlookMethod, outlookOf, projectRate } from "../../shared/reports/outlook";
import { BUILT_IN_FORMS } from "../../shared/forms/definitions";
import { definitionProblems } from "../../shared/forms/definition-check";
import { formDefinitionSchema } from "../../shared/forms/schema";
import type { FormDefinition, IndicatorDefinition } from "../../shared/forms/types";
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

describe("the year-end outlook of an indicator whose rate is a level, not a climb", () => {
  // Last year the country tracked 100% of its administrative judgments in October and 99,94% in
  // September: along that path, a unit at 100% now "ends" at 99,94%, under its 100% target.
  const dippingCountry = path({ 1: 100, 12: 99.94 });
  const level = (rate: number, projection?: "path" | "level") =>
    outlookOf({ month: 1, rate, ownLastYear: path({ 1: 100, 12: 100 }), nationalLastYear: dippingCountry, decimals: 2, target: 100, comparison: "gte", projection });

  it("keeps a unit at 100% at 100%: not at risk of missing a 100% target from October", () => {
    expect(level(100, "level")).toEqual({ projected: 100, gap: 0, atRisk: false, profile: null });
  });

  it("flags a unit at 97% now, 3 points short", () => {
    expect(level(97, "level")).toEqual({ projected: 97, gap: -3, atRisk: true, profile: null });
  });

  it("leaves a climbing indicator where it was: 'path' and no projection given project alike, along the paths", () => {
    // ½ (100/100 + 99,94/100) × 100 = 99,97: what a level indicator must not do
    expect(level(100, "path")).toEqual({ projected: 99.97, gap: -0.03, atRisk: true, profile: "own_and_national" });
    expect(level(100)).toEqual(level(100, "path"));
    expect(outlookOf({ month: 1, rate: 12, ownLastYear: path({ 1: 12.5, 12: 83.1 }), nationalLastYear: path({ 1: 13, 12: 84.25 }), decimals: 2, target: 85, comparison: "gte", projection: "path" }))
      .toEqual({ projected: 78.77, gap: -6.23, atRisk: true, profile: "own_and_national" });
  });

  it("is data: form 12's tracked rate is a level, the completion and complaint rates climb", () => {
    const projections = new Map<string, string>();
    for (const f of BUILT_IN_FORMS) for (const i of f.indicators) if (i.targeted) projections.set(i.id, i.projection ?? "path");
    expect(Object.fromEntries(projections)).toEqual({ rate_viec: "path", rate_tien: "path", rate_giai_quyet_kntc: "path", rate_theo_doi_thahc: "level" });
  });

  it("states the level case in the method the sheet, the JSON and the report text print, naming the level indicators", () => {
    expect(OUTLOOK_METHOD).toContain("không tăng dần trong năm (như tỷ lệ bản án được theo dõi): dự báo tỷ lệ cuối năm = tỷ lệ hiện nay.");
    expect(outlookMethod(["tỷ lệ bản án hành chính được theo dõi"])).toContain(
      "Riêng tỷ lệ bản án hành chính được theo dõi: tỷ lệ giữ theo mức, không tăng dần trong năm, nên dự báo tỷ lệ cuối năm = tỷ lệ hiện nay.");
  });

  it("is refused where it says nothing or is not a projection, in the admin API's schema and the definition checks", () => {
    const form12 = BUILT_IN_FORMS.filter((f) => f.id === "12")[0] as FormDefinition;
    const withIndicator = (ind: Partial<IndicatorDefinition> | Record<string, unknown>, extra: Partial<FormDefinition> = {}) =>
      ({ ...form12, ...extra, indicators: [{ ...form12.indicators[0], ...ind }] }) as FormDefinition;
    expect(formDefinitionSchema.safeParse(withIndicator({ projection: "level" })).success).toBe(true);
    expect(definitionProblems(withIndicator({ projection: "level" }))).toEqual([]);
    expect(formDefinitionSchema.safeParse(withIndicator({ projection: "mức" })).success).toBe(false);
    expect(definitionProblems(withIndicator({ projection: "mức" })).map((p) => p.path.join("."))).toEqual(["indicators.0.projection"]);
    const untargeted = definitionProblems(withIndicator({ projection: "level", targeted: false }));
    expect(untargeted).toEqual([expect.objectContaining({ path: ["indicators", 0, "projection"], en: expect.stringContaining("no target") })]);
    const weekly = definitionProblems(withIndicator({ projection: "level" }, { period: { kind: "week", deadlineWorkingDays: 1 }, rules: [] }));
    expect(weekly).toEqual([expect.objectContaining({ path: ["indicators", 0, "projection"], vi: expect.stringContaining("cộng dồn từ 01/10") })]);
  });
});
