import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { upsertUnitStatement } from "../../worker/src/db/units";
import { comparisonSchema, completenessSchema, type Comparison, type ComparisonRow, type IndicatorCell } from "../../shared/api/schemas";
import { BUILT_IN_FORMS } from "../../shared/forms/definitions";
import { formInForce, formsInForce } from "../../shared/forms/registry";
import { api, json, seedToken } from "./fixtures";
import { form, seedComparisonScenario, submit } from "./submission-data";

const rowOf = (c: Comparison, unit: string): ComparisonRow => {
  const row = c.rows.find((r) => r.unit === unit);
  if (!row) throw new Error("no row " + unit);
  return row;
};
const viec = (r: ComparisonRow): IndicatorCell => r.indicators.rate_viec as IndicatorCell;
const tien = (r: ComparisonRow): IndicatorCell => r.indicators.rate_tien as IndicatorCell;

/** A comparison as a client reads it: the answer must parse with the shared response schema. */
async function comparison(query: string, token: string): Promise<Comparison> {
  const res = await api("GET", "/api/v1/comparisons?" + query, { token });
  expect(res.status, await res.clone().text()).toBe(200);
  return comparisonSchema.parse(await res.json());
}

beforeAll(async () => {
  await seedComparisonScenario();
  await submit("79-01", "01", "2025-11", form({ carried: 50, fresh: 10, done: 45, open: 15 }));
});

describe("national comparison sheet", () => {
  it("computes each province's rate from its sums, the gap to target, rank and flags", async () => {
    const c = await comparison("parent=VN&form=01&period=2025-10", "demo-national");
    expect(c.periodLabel).toBe("1 tháng năm 2026");
    expect(c.rows).toHaveLength(35);
    // national = (85 + 100 + 40) / (95 + 200 + 50) = 65,22%: the rate of the sums, not a mean of rates
    expect(c.indicators.map((i) => i.id)).toEqual([
      "rate_viec", "share_co_dk_viec", "share_chua_co_dk_viec", "share_hoan_viec", "rate_tien", "share_co_dk_tien", "share_chua_co_dk_tien", "share_hoan_tien",
      // The rest of the monthly set, as data: forms 03, 04, 05, 06, 08, 12.
      "rate_thu_nsnn", "share_nop_nsnn", "rate_chv_viec", "rate_chv_tien", "rate_de_nghi_mien_giam", "rate_chap_nhan_mien_giam", "rate_giai_quyet_kntc", "rate_theo_doi_thahc", "rate_xong_thahc",
    ]);
    expect(c.indicators[0]).toMatchObject({ id: "rate_viec", form: "01", targeted: true, nationalAverage: 65.22 });

    const gialai = rowOf(c, "52");
    expect(viec(gialai)).toMatchObject({ numerator: 185, denominator: 295, printed: 62.71, target: 70, gap: -7.29, rank: 2, met: false, worseThanAverage: true });
    // Two of Gia Lai's 15 offices reported: a partial total, said so.
    expect(gialai).toMatchObject({ status: "partial", expected: 15, reported: 2, missing: 13 });
    // No money report: the money target is not assessable, so the verdict is 0/1, never 0/2.
    expect(tien(gialai).printed).toBeNull();
    expect(gialai.verdict).toEqual({ met: 0, assessable: 1 });

    const hcm = rowOf(c, "79");
    expect(viec(hcm)).toMatchObject({ rank: 1, printed: 80, met: true, worseThanAverage: false });
    // 79 reached 80% việc and 60% tiền (600.000 ÷ 1.000.000: the 10.000 giảm are not money collected,
    // so by default they do not count as done) against 70% / 50%: both met
    expect(tien(hcm)).toMatchObject({ numerator: 600_000, printed: 60, met: true, remainder: 390_000 });
    expect(hcm.verdict).toEqual({ met: 2, assessable: 2 });

    const hanoi = rowOf(c, "01");
    expect(hanoi).toMatchObject({ status: "not_reported", values: {} });
    expect(viec(hanoi)).toMatchObject({ numerator: null, printed: null, rank: null, met: null });

    const total = c.rows.find((r) => r.isTotal) as ComparisonRow;
    expect(total).toMatchObject({ unit: "VN", status: "partial", expected: 389, reported: 3 });
    expect(viec(total)).toMatchObject({ numerator: 225, denominator: 345, printed: 65.22, rank: null });
  });

  it("compares with the same period last year in points between printed rates, and in cases", async () => {
    const c = await comparison("parent=52&form=01&period=2025-10", "demo-province-52");
    const office = viec(rowOf(c, "52-01"));
    // 85/95 = 89,47% now, 65/95 = 68,42% a year ago: +21,05 points, the difference of the printed rates
    expect(office.printed).toBe(89.47);
    expect(office.vs.samePeriod).toMatchObject({ printed: 68.42, change: 21.05, numerator: { previous: 65, change: 20, changePct: expect.closeTo((20 * 100) / 65, 10) } });
    // the base, phải thi hành and chuyển kỳ sau then and now: 95 enforceable and 100 to enforce both years;
    // 100 − 85 = 15 carried to the next period now against 100 − 65 = 35 a year ago
    expect(office).toMatchObject({ due: 100, remainder: 15 });
    expect(office.vs.samePeriod.denominator).toEqual({ previous: 95, change: 0, changePct: 0 });
    expect(office.vs.samePeriod.due).toEqual({ previous: 100, change: 0, changePct: 0 });
    expect(office.vs.samePeriod.remainder).toEqual({ previous: 35, change: -20, changePct: expect.closeTo((-20 * 100) / 35, 10) });
    // an office without its own target inherits the national one
    expect(office).toMatchObject({ target: 70, targetSource: "VN" });
    expect(rowOf(c, "52-00")).toMatchObject({ status: "not_reported", missing: 1 });
  });

  it("marks a partial total and compares it like for like over the units that reported in both periods", async () => {
    const c = await comparison("parent=52&form=01&period=2025-10", "demo-province-52");
    const total = c.rows.find((r) => r.isTotal) as ComparisonRow;
    expect(total.status).toBe("partial");
    // The province total: 185 done now (52-01 and 52-02) against 65 a year ago (52-01 only): +120 on the face of it…
    expect(viec(total).vs.samePeriod.numerator).toMatchObject({ previous: 65, change: 120 });
    // …but only 52-01 reported in both periods: like for like, 85/95 against 65/95.
    const lfl = total.bases.samePeriod.likeForLike;
    expect(lfl).toMatchObject({ units: 1 });
    expect(lfl?.indicators.rate_viec).toEqual({ printed: 89.47, previous: 68.42, change: 21.05 });
    expect(lfl?.changes.thi_hanh_xong).toMatchObject({ previous: 60, change: 20 });
  });

  it("says 'chưa báo cáo' for a unit that reported a year ago but not now, never a fall of 100%", async () => {
    await seedToken("demo-unit-52-04", "clerk", "52-04");
    await submit("52-04", "01", "2024-10", form({ carried: 40, done: 30, open: 10 }));
    const c = await comparison("parent=52&form=01&period=2025-10", "demo-province-52");
    const silent = rowOf(c, "52-04");
    expect(silent.status).toBe("not_reported");
    // Last year's 75% is shown; there is no change to state, in points or in cases.
    expect(viec(silent).vs.samePeriod).toMatchObject({ printed: 75, change: null, numerator: { previous: 30, change: null, changePct: null }, denominator: { previous: 40, change: null } });
    expect(silent.bases.samePeriod).toMatchObject({ status: "reported", changes: {} });
    const csv = await api("GET", "/api/v1/comparisons?parent=52&form=01&period=2025-10", { token: "demo-province-52", accept: "text/csv" });
    const line = (await csv.text()).split("\r\n").find((l) => l.split(",")[1] === "52-04") as string;
    // rate, target, gap, cùng kỳ rate and change: empty, 70, empty, 75, empty
    expect(line.split(",").slice(5, 10)).toEqual(["", "70", "", "75", ""]);
  });

  it("compares with the previous month inside the statistical year only", async () => {
    const nov = await comparison("parent=79&form=01&period=2025-11", "demo-province-79");
    const office = viec(rowOf(nov, "79-01"));
    expect(office.printed).toBe(75);
    expect(office.vs.prevMonth).toMatchObject({ printed: 80, change: -5, numerator: { previous: 40, change: 5, changePct: 12.5 } });
    const oct = await comparison("parent=79&form=01&period=2025-10", "demo-province-79");
    // October opens a new cumulative year: there is no "previous month" to compare with
    expect(viec(rowOf(oct, "79-01")).vs.prevMonth.printed).toBeNull();
    expect(oct.bases.prevMonth.period).toBeNull();
  });

  it("downloads the same table as CSV, with the period, national average and time of retrieval", async () => {
    const res = await api("GET", "/api/v1/comparisons?parent=VN&form=01&period=2025-10", { token: "demo-national", accept: "text/csv" });
    expect(res.headers.get("Content-Type")).toContain("text/csv");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(Array.from(bytes.slice(0, 3))).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM: Excel then reads the diacritics
    const lines = new TextDecoder().decode(bytes).trim().split("\r\n");
    expect(lines).toHaveLength(36);
    expect(lines[0]).toContain("Tỷ lệ thi hành xong về việc (%)");
    expect(lines[0]).toContain("Bình quân toàn quốc (%)");
    const gialai = lines.find((l) => l.split(",")[1] === "52") as string;
    expect(gialai.split(",").slice(1, 8)).toEqual(["52", "THADS tỉnh Gia Lai", "185", "295", "62.71", "70", "-7.29"]);
    // the facts: period, national average, provisional targets, time of retrieval, then the summary block
    expect(gialai).toContain(",1 tháng năm 2026,65.22,không,10:00 03/12/2025,");
    expect(lines[0]).toContain(",Kỳ báo cáo,Bình quân toàn quốc (%),Chỉ tiêu tạm giao,Lấy lúc (giờ Việt Nam),Tóm tắt 1,");
    // A province without a report prints empty cells, not zeros.
    const hanoi = lines.find((l) => l.split(",")[1] === "01") as string;
    expect(hanoi.split(",").slice(3, 6)).toEqual(["", "", ""]);
  });

  it("refuses to compare below a reporting unit", async () => {
    const res = await api("GET", "/api/v1/comparisons?parent=52-01&form=01&period=2025-10", { token: "demo-province-52" });
    expect(res.status).toBe(400);
    expect((await json(res)).error.code).toBe("not_a_parent");
  });

  it("computes each period with the definition in force for it", async () => {
    // From November 2025 an administrator counts only "thi hành xong" as done in form 01.
    const base = formInForce(BUILT_IN_FORMS, "01", "2025-11-30");
    if (!base) throw new Error("no built-in form 01");
    const changed = {
      ...base,
      validFrom: "2025-11-01",
      indicators: base.indicators.map((i) => (i.id === "rate_viec" ? { ...i, numerator: ["thi_hanh_xong"] } : i)),
    };
    const put = await api("PUT", "/api/v1/admin/forms", { token: "demo-admin", body: changed });
    expect(put.status, await put.clone().text()).toBe(200);
    await submit("52-02", "01", "2025-11", form({ carried: 220, done: 110, terminated: 10, open: 80, postponed: 20 }));
    const nov = await comparison("parent=52&form=01&period=2025-11", "demo-province-52");
    const office = viec(rowOf(nov, "52-02"));
    // November by its own definition: 110 ÷ 200 = 55%; October by October's: 100 ÷ 200 = 50% (no đình chỉ then).
    expect(office.printed).toBe(55);
    expect(office.vs.prevMonth.printed).toBe(50);
    expect(office.vs.prevMonth.change).toBe(5);
  });
});

describe("completeness", () => {
  it("lists expected, on-time, late and missing reports per form with the deadline", async () => {
    const c = completenessSchema.parse(await json(await api("GET", "/api/v1/completeness?parent=79&period=2025-10", { token: "demo-province-79" })));
    expect(c.parentName).toContain("Hồ Chí Minh");
    expect(c.generatedAt).toBe("2025-12-03T03:00:00.000Z"); // the server's clock, for the sheets' "lấy lúc"
    const units = 1 + 18; // own office + regional offices of TP HCM in the demo hierarchy
    // Every form in force for the period is expected of every office: the monthly set is data.
    const forms = formsInForce(BUILT_IN_FORMS, "2025-10-31").length;
    expect(forms).toBe(8);
    expect(c.expected).toBe(units * forms);
    // 79-01 sent forms 01 and 02 on 2025-12-03, after the 2025-11-04 deadline
    expect(c.late).toBe(2);
    expect(c.onTime).toBe(0);
    expect(c.missing).toBe(units * forms - 2);
    expect(c.rows.find((r) => r.unit === "79-01" && r.form === "08")).toMatchObject({ status: "missing" });
    expect(c.rows.find((r) => r.unit === "79-01" && r.form === "02")).toMatchObject({ status: "late", revision: 1 });
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

    const c = await comparison("parent=52&form=01&period=2025-10", "demo-province-52");
    const office = rowOf(c, "52-03");
    // last year: (20 + 25 + 5) / (40 + 60) = 50% → this year 60%: +10 points, +10 cases
    expect(viec(office).vs.samePeriod).toMatchObject({ printed: 50, change: 10, numerator: { previous: 50, change: 10 } });
    expect(office.bases.samePeriod.sources).toEqual(["CC-AN-KHE", "CC-KBANG"]);
    // a unit with its own report a year ago is compared with itself
    expect(rowOf(c, "52-01").bases.samePeriod.sources).toEqual(["52-01"]);
    // closed units do not appear as rows of this year's sheet
    expect(c.rows.map((r) => r.unit)).not.toContain("CC-KBANG");
  });
});
