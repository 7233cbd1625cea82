import { beforeAll, describe, expect, it } from "vitest";
import { comparisonSchema, type Comparison, type ComparisonRow, type IndicatorCell } from "../../shared/api/schemas";
import { periodOfYear } from "../../shared/periods";
import { api, seedTokens, seedUnits, setNow } from "./fixtures";
import { form, submit } from "./submission-data";
import { countedCall } from "./d1-calls";

/**
 * The trend and the outlook through the Worker and a real D1: two offices of Gia Lai report
 * every month of statistical year 2025 and the first quarter of 2026 (only they report, so
 * the country is their sum). Done, cumulative, by month (có điều kiện constant):
 *   52-01, 100 enforceable:  last year 6, 12, 18 … 72 (6 a month); this year 10, 20, 25
 *   52-02, 200 enforceable:  last year 10, 20, 45, 55 … 125, 130;    this year 20, 40, 60
 * In December 2025 (month 3): 52-01 at 25%, its own path grew 72/18 = 4× from December to
 * September last year, the country's (18+45)/300 = 21% → (72+130)/300 = 67,33%, 3,2063×:
 * projected 25 × ½(4 + 3,2063) = 90,08%. 52-02: 30 × ½(130/45 + 3,2063) = 91,43%.
 * Against a 91% target the first is at risk, the second is not.
 */
const A_LAST = [6, 12, 18, 24, 30, 36, 42, 48, 54, 60, 66, 72];
const B_LAST = [10, 20, 45, 55, 65, 75, 85, 95, 105, 115, 125, 130];

beforeAll(async () => {
  await seedUnits();
  await seedTokens();
  setNow("2026-01-10T03:00:00Z");
  for (let m = 1; m <= 12; m++) {
    await submit("52-01", "01", periodOfYear(2025, m), form({ carried: 100, done: A_LAST[m - 1]!, open: 100 - A_LAST[m - 1]! }));
    await submit("52-02", "01", periodOfYear(2025, m), form({ carried: 200, done: B_LAST[m - 1]!, open: 200 - B_LAST[m - 1]! }));
  }
  // This year starts from what last year carried forward (100 − 72, 200 − 130), plus new cases.
  for (const [m, a, b] of [[1, 10, 20], [2, 20, 40], [3, 25, 60]] as const) {
    await submit("52-01", "01", periodOfYear(2026, m), form({ carried: 28, fresh: 72, done: a, open: 100 - a }));
    await submit("52-02", "01", periodOfYear(2026, m), form({ carried: 70, fresh: 130, done: b, open: 200 - b }));
  }
  const t = await api("PUT", "/api/v1/targets", { token: "demo-national", body: { year: 2026, targets: [{ unit: "52", indicator: "rate_viec", targetPct: 91 }] } });
  expect(t.status).toBe(200);
});

const row = (c: Comparison, code: string): ComparisonRow => c.rows.find((r) => r.unit === code) as ComparisonRow;

describe("trend and outlook of a province's offices", () => {
  let c: Comparison;
  let calls: string[];
  beforeAll(async () => {
    const r = await countedCall("GET", "/api/v1/comparisons?parent=52&form=01&period=2025-12", { token: "demo-province-52", accept: "application/json" });
    expect(r.res.status).toBe(200);
    c = comparisonSchema.parse(await r.res.json());
    calls = r.calls;
  });

  it("reads the months of both years in the report's two D1 batches", () => {
    // Two batches: the caller and the bases, then the months and any like-for-like figures.
    expect(calls).toEqual(["batch", "batch"]);
  });

  it("gives the rate month by month, this year against last year, as printed", () => {
    expect(c.trend).toMatchObject({ months: ["T10", "T11", "T12", "T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9"], thisYear: 2026, lastYear: 2025 });
    expect(row(c, "52-01").trend.rate_viec).toEqual({
      thisYear: [10, 20, 25, null, null, null, null, null, null, null, null, null],
      lastYear: A_LAST,
    });
    // the province: (25 + 60) ÷ 300 = 28,33% in December; last September (72 + 130) ÷ 300 = 67,33%
    expect(row(c, "52").trend.rate_viec!.thisYear[2]).toBe(28.33);
    expect(row(c, "52").trend.rate_viec!.lastYear[11]).toBe(67.33);
    expect(c.trend.national.rate_viec!.lastYear[2]).toBe(21);
  });

  it("projects each office's year-end rate along its own and the country's path of last year and flags the one at risk", () => {
    expect(c.outlook).toMatchObject({ month: 3, profileYear: 2025 });
    expect(row(c, "52-01").outlook.rate_viec).toEqual({ projected: 90.08, gap: -0.92, atRisk: true, profile: "own_and_national" });
    expect(row(c, "52-02").outlook.rate_viec).toEqual({ projected: 91.43, gap: 0.43, atRisk: false, profile: "own_and_national" });
    expect(c.summary.indicators.find((x) => x.indicator === "rate_viec")?.atRisk).toEqual(["52-01"]);
    // a gap to target in December says little: 25% against 91%
    expect((row(c, "52-01").indicators.rate_viec as IndicatorCell).gap).toBe(-66);
  });

  it("compares Quý I/2026 with Quý IV/2025 on the cumulative figures", () => {
    expect(c.bases.prevQuarter.period).toBe("2025-09");
    expect((row(c, "52-01").indicators.rate_viec as IndicatorCell).vs.prevQuarter).toMatchObject({ printed: 72, change: -47 });
  });

  it("writes the trend sheet with a chart per office into the .xlsx", async () => {
    const res = await api("GET", "/api/v1/comparisons?parent=52&form=01&period=2025-12", {
      token: "demo-province-52",
      accept: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    });
    expect(res.status).toBe(200);
    const { default: JSZip } = await import("jszip");
    const zip = await JSZip.loadAsync(await res.arrayBuffer());
    const workbook = await zip.file("xl/workbook.xml")!.async("string");
    expect(workbook).toContain('name="Diễn biến 52 01 2025-12"');
    const lines = Object.keys(zip.files).filter((p) => /^xl\/charts\/chart\d+\.xml$/.test(p));
    // the bar chart of the comparison, then the province, its offices (15 in the demo hierarchy) and the country
    expect(lines.length).toBe(1 + 1 + 15 + 1);
  });
});
