import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { upsertUnitStatement } from "../../worker/src/db/units";
import { api, json, seedToken } from "./fixtures";
import { form, seedComparisonScenario, submit } from "./submission-data";

type Row = Record<string, any>;
const rowOf = (rows: Row[], unit: string) => rows.find((r) => r.unit === unit) as Row;

beforeAll(async () => {
  await seedComparisonScenario();
  await submit("79-01", "01", "2025-11", form({ carried: 50, fresh: 10, done: 45, open: 15 }));
});

describe("national comparison sheet", () => {
  it("computes each province's rate from its sums, the gap to target, rank and flags", async () => {
    const res = await api("GET", "/api/v1/comparisons?parent=VN&form=01&period=2025-10", { token: "demo-national" });
    expect(res.status).toBe(200);
    const c = await json(res);
    expect(c.periodLabel).toBe("1 tháng năm 2026");
    expect(c.rows).toHaveLength(35);
    // national = (85 + 100 + 40) / (95 + 200 + 50): the rate of the sums, not a mean of rates
    expect(c.nationalAverage).toBeCloseTo((225 * 100) / 345, 10);

    const gialai = rowOf(c.rows, "52");
    expect(gialai).toMatchObject({ done: 185, base: 295, target: 70, rank: 2, submitted: true });
    expect(gialai.rate).toBeCloseTo((185 * 100) / 295, 10);
    expect(gialai.gap).toBeCloseTo(62.71 - 70, 10);
    expect(gialai.flags).toMatchObject({ belowTarget: true, belowNationalAverage: true, targetsMet: "met_0", missing: true });
    expect(gialai.missingCount).toBe(13);

    const hcm = rowOf(c.rows, "79");
    expect(hcm).toMatchObject({ rank: 1, rate: 80 });
    // 79 reached 80% việc and 61% tiền against 70% / 50%: both targets met
    expect(hcm.flags).toMatchObject({ belowTarget: false, belowNationalAverage: false, targetsMet: "met_2" });

    const hanoi = rowOf(c.rows, "01");
    expect(hanoi).toMatchObject({ submitted: false, rate: null, rank: null });
    expect(hanoi.flags.missing).toBe(true);

    const total = c.rows.find((r: Row) => r.isTotal);
    expect(total).toMatchObject({ unit: "VN", done: 225, base: 345, rank: null, expectedCount: 389 });
  });

  it("compares with the same period last year in points and in cases", async () => {
    const c = await json(await api("GET", "/api/v1/comparisons?parent=52&form=01&period=2025-10", { token: "demo-province-52" }));
    const office = rowOf(c.rows, "52-01");
    expect(office.samePeriodLastYear.rate).toBeCloseTo((65 * 100) / 95, 10);
    expect(office.samePeriodLastYear.rateChange).toBeCloseTo((85 * 100) / 95 - (65 * 100) / 95, 10);
    expect(office.samePeriodLastYear.done).toEqual({ previous: 65, change: 20, changePct: expect.closeTo((20 * 100) / 65, 10) });
    const total = c.rows.find((r: Row) => r.isTotal);
    expect(total.samePeriodLastYear.done).toMatchObject({ previous: 65, change: 120 });
    // an office without its own target inherits the national one
    expect(office.target).toBe(70);
    expect(rowOf(c.rows, "52-00").flags.missing).toBe(true);
  });

  it("compares with the previous month inside the statistical year only", async () => {
    const nov = await json(await api("GET", "/api/v1/comparisons?parent=79&form=01&period=2025-11", { token: "demo-province-79" }));
    const office = rowOf(nov.rows, "79-01");
    expect(office.rate).toBeCloseTo(75, 10);
    expect(office.prevMonth.rate).toBe(80);
    expect(office.prevMonth.rateChange).toBeCloseTo(-5, 10);
    expect(office.prevMonth.done).toEqual({ previous: 40, change: 5, changePct: 12.5 });
    const oct = await json(await api("GET", "/api/v1/comparisons?parent=79&form=01&period=2025-10", { token: "demo-province-79" }));
    // October opens a new cumulative year: there is no "previous month" to compare with
    expect(rowOf(oct.rows, "79-01").prevMonth.rate).toBeNull();
  });

  it("downloads the same rows as CSV that Excel opens with diacritics", async () => {
    const res = await api("GET", "/api/v1/comparisons?parent=VN&form=01&period=2025-10", { token: "demo-national", accept: "text/csv" });
    expect(res.headers.get("Content-Type")).toContain("text/csv");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(Array.from(bytes.slice(0, 3))).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM: Excel then reads the diacritics
    const lines = new TextDecoder().decode(bytes).trim().split("\r\n");
    expect(lines).toHaveLength(36);
    expect(lines[0]).toContain("Tỷ lệ (%)");
    const gialai = lines.find((l) => l.startsWith("52,"));
    expect(gialai?.split(",").slice(0, 9)).toEqual(["52", "THADS tỉnh Gia Lai", "", "có", "185", "295", "62.71", "70", "-7.29"]);
  });

  it("refuses to compare below a reporting unit", async () => {
    const res = await api("GET", "/api/v1/comparisons?parent=52-01&form=01&period=2025-10", { token: "demo-province-52" });
    expect(res.status).toBe(400);
    expect((await json(res)).error.code).toBe("not_a_parent");
  });
});

describe("completeness", () => {
  it("lists expected, on-time, late and missing reports per form with the deadline", async () => {
    const c = await json(await api("GET", "/api/v1/completeness?parent=79&period=2025-10", { token: "demo-province-79" }));
    expect(c.parentName).toContain("Hồ Chí Minh");
    expect(c.generatedAt).toBe("2025-12-03T03:00:00.000Z"); // the server's clock, for the sheets' "lấy lúc"
    const units = 1 + 18; // own office + regional offices of TP HCM in the demo hierarchy
    expect(c.expected).toBe(units * 2);
    // 79-01 sent both forms on 2025-12-03, after the 2025-11-04 deadline
    expect(c.late).toBe(2);
    expect(c.onTime).toBe(0);
    expect(c.missing).toBe(units * 2 - 2);
    expect(c.rows.find((r: Row) => r.unit === "79-01" && r.form === "02")).toMatchObject({ status: "late", revision: 1 });
  });
});

describe("cùng kỳ across the re-organisation", () => {
  it("compares a new regional office with the district offices it replaced, summed", async () => {
    // Two former Chi cục, closed on 30/6/2025, whose caseload went to 52-03.
    const old = (code: string, name: string) => ({
      code, name, kind: "regional_office" as const, level: "office" as const, parentCode: "52", path: `/VN/52/${code}/`,
      reporting: true, validFrom: "2019-10-01", validTo: "2025-06-30", successorCode: "52-03",
    });
    await env.DB.batch([upsertUnitStatement(env.DB, old("CC-AN-KHE", "Chi cục THADS thị xã An Khê")), upsertUnitStatement(env.DB, old("CC-KBANG", "Chi cục THADS huyện Kbang"))]);
    await seedToken("demo-unit-CC-AN-KHE", "clerk", "CC-AN-KHE");
    await seedToken("demo-unit-CC-KBANG", "clerk", "CC-KBANG");
    await seedToken("demo-unit-52-03", "clerk", "52-03");
    await submit("CC-AN-KHE", "01", "2024-10", form({ carried: 40, done: 20, open: 20 }));
    await submit("CC-KBANG", "01", "2024-10", form({ carried: 60, done: 25, terminated: 5, open: 30 }));
    await submit("52-03", "01", "2025-10", form({ carried: 100, done: 60, open: 40 }));

    const c = await json(await api("GET", "/api/v1/comparisons?parent=52&form=01&period=2025-10", { token: "demo-province-52" }));
    const office = rowOf(c.rows, "52-03");
    // last year: (20 + 25 + 5) / (40 + 60) = 50% → this year 60%: +10 points, +10 cases
    expect(office.samePeriodLastYear).toMatchObject({ rate: 50, sources: ["CC-AN-KHE", "CC-KBANG"] });
    expect(office.samePeriodLastYear.rateChange).toBeCloseTo(10, 10);
    expect(office.samePeriodLastYear.done).toMatchObject({ previous: 50, change: 10 });
    // a unit with its own report a year ago is compared with itself
    expect(rowOf(c.rows, "52-01").samePeriodLastYear.sources).toEqual(["52-01"]);
    // closed units do not appear as rows of this year's sheet
    expect(c.rows.map((r: Row) => r.unit)).not.toContain("CC-KBANG");
  });
});
