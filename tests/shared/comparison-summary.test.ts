import { describe, expect, it } from "vitest";
import type { ComparisonRow, IndicatorCell } from "../../shared/api/schemas";
import { layoutComparison, layoutComparisonDetails, summaryLines } from "../../shared/reports/comparison/sheet";
import { renderCsv } from "../../shared/reports/csv";
import { FORM_01, QUARTER, scenarioComparison } from "../fixtures/reports";

/**
 * What a national sheet must say that the first version did not (issue 11, item 2): the
 * previous quarter and the same quarter last year on the cumulative figures, phải thi hành,
 * chuyển kỳ sau and the share not enforceable with their change, the change in rank, and the
 * summary block with names. Every expected figure is computed by hand from QUARTER.
 */
const c = scenarioComparison(QUARTER);
const row = (code: string): ComparisonRow => c.rows.find((r) => r.unit === code) as ComparisonRow;
const viec = (code: string): IndicatorCell => row(code).indicators.rate_viec as IndicatorCell;

describe("Quý I/2026 against Quý IV/2025 and Quý I/2025", () => {
  it("names the quarters it compares with", () => {
    expect(c.bases.prevQuarter).toEqual({ period: "2025-09", label: "Quý trước (Quý IV/2025 — 12 tháng năm 2025)" });
    expect(c.bases.samePeriod).toEqual({ period: "2024-12", label: "Cùng kỳ năm trước (Quý I/2025 — 3 tháng năm 2025)" });
    expect(c.bases.prevMonth.period).toBe("2025-11");
  });

  it("compares the cumulative rate with the previous quarter and with the same quarter last year, in printed points", () => {
    // Hà Nội: 800/1.000 = 80,00% now; 850/1.000 = 85,00% at the end of Quý IV/2025; 700/1.000 = 70,00% in Quý I/2025
    expect(viec("01").printed).toBe(80);
    expect(viec("01").vs.prevQuarter).toMatchObject({ printed: 85, change: -5, numerator: { previous: 850, change: -50 } });
    expect(viec("01").vs.samePeriod).toMatchObject({ printed: 70, change: 10, numerator: { previous: 700, change: 100 } });
    expect(viec("01").vs.samePeriod.numerator.changePct).toBeCloseTo((100 * 100) / 700, 10);
  });

  it("states phải thi hành, the enforceable base and chuyển kỳ sau with their change on cùng kỳ", () => {
    // Gia Lai: 1.100 to enforce, 1.000 enforceable, 700 done → 400 carried over; a year ago 1.000, 1.000, 750 → 250
    expect(viec("52")).toMatchObject({ due: 1_100, denominator: 1_000, numerator: 700, remainder: 400 });
    expect(viec("52").vs.samePeriod.due).toMatchObject({ previous: 1_000, change: 100 });
    expect(viec("52").vs.samePeriod.denominator).toMatchObject({ previous: 1_000, change: 0 });
    expect(viec("52").vs.samePeriod.remainder).toMatchObject({ previous: 250, change: 150, changePct: 60 });
    // the share not enforceable: 100 of 1.100 = 9,09% now, 0,00% a year ago
    const share = row("52").indicators.share_chua_co_dk_viec as IndicatorCell;
    expect(share).toMatchObject({ printed: 9.09, vs: { samePeriod: { printed: 0, change: 9.09 } } });
  });

  it("ranks each unit then and now and says how many places it gained", () => {
    // now: Hà Nội 80 (1), TP HCM 76 (2), Gia Lai 70 (3); a year ago Gia Lai 75 (1), TP HCM 72 (2), Hà Nội 70 (3)
    expect([viec("01").rank, viec("79").rank, viec("52").rank]).toEqual([1, 2, 3]);
    expect([viec("01").vs.samePeriod.rank, viec("79").vs.samePeriod.rank, viec("52").vs.samePeriod.rank]).toEqual([3, 2, 1]);
    expect([viec("01").vs.samePeriod.rankChange, viec("79").vs.samePeriod.rankChange, viec("52").vs.samePeriod.rankChange]).toEqual([2, 0, -2]);
  });
});

describe("the summary block", () => {
  it("is data in the comparison: k/n groups, below target, below average, late and missing", () => {
    expect(c.summary.units).toBe(3);
    expect(c.summary.verdicts).toEqual([
      { met: 2, assessable: 2, units: ["01"] },
      { met: 1, assessable: 2, units: ["52", "79"] },
    ]);
    expect(c.summary.indicators).toEqual([
      // 2.260 ÷ 3.000 = 75,33%: only Gia Lai (70%) is below it; TP HCM's 76% is not
      { indicator: "rate_viec", met: ["01", "79"], below: ["52"], nationalAverage: 75.33, worseThanAverage: ["52"], atRisk: [] },
      // 15.500 ÷ 30.000 = 51,67%
      { indicator: "rate_tien", met: ["01", "52"], below: ["79"], nationalAverage: 51.67, worseThanAverage: ["79"], atRisk: [] },
      // The targeted indicators of forms 08 and 12 are in force too; nobody reported them here, so they judge no one.
      { indicator: "rate_giai_quyet_kntc", met: [], below: [], nationalAverage: null, worseThanAverage: [], atRisk: [] },
      { indicator: "rate_theo_doi_thahc", met: [], below: [], nationalAverage: null, worseThanAverage: [], atRisk: [] },
    ]);
    // TP HCM's office sent its report on 20/01/2026, after the deadline
    expect(c.summary.reporting).toEqual({ expected: 3, reported: 3, late: 1, missing: 0, lateRows: ["79"], missingRows: [] });
  });

  it("is written as the notices write it, with two-digit counts and the names of those that fell short", () => {
    expect(summaryLines(c)).toEqual([
      "Tỷ lệ bình quân chung toàn quốc: 75,33% về việc; 51,67% về tiền.",
      "Kết quả thực hiện chỉ tiêu: 01/03 đơn vị hoàn thành 02/02 chỉ tiêu; 02/03 đơn vị chỉ hoàn thành 01/02 chỉ tiêu (Gia Lai, Hồ Chí Minh).",
      "Dưới chỉ tiêu về việc: 01/03 đơn vị (Gia Lai).",
      "Thấp hơn bình quân chung toàn quốc về việc (75,33%): 01/03 đơn vị (Gia Lai).",
      "Dưới chỉ tiêu về tiền: 01/03 đơn vị (Hồ Chí Minh).",
      "Thấp hơn bình quân chung toàn quốc về tiền (51,67%): 01/03 đơn vị (Hồ Chí Minh).",
      "Tình hình gửi báo cáo: 3 đơn vị phải báo cáo, đã báo cáo 3; nộp muộn 1 (Hồ Chí Minh); chưa nộp 0.",
    ]);
  });

  it("is on the sheet under the table and in the CSV's facts, with the period, the average, the provisional marker and the time", () => {
    const layout = layoutComparison(c, { form: FORM_01, source: { server: "thads.example.gov.vn" } });
    for (const line of summaryLines(c)) expect(layout.notes).toContain(line);
    const [header, first] = renderCsv(layout).replace(/^\uFEFF/, "").split("\r\n");
    expect(header).toContain(",Kỳ báo cáo,Bình quân toàn quốc (%),Chỉ tiêu tạm giao,Lấy lúc (giờ Việt Nam),Tóm tắt 1,");
    expect(first).toContain(",3 tháng năm 2026,75.33,không,09:30 05/10/2026,");
    expect(first).toContain('"Kết quả thực hiện chỉ tiêu: 01/03 đơn vị hoàn thành 02/02 chỉ tiêu; 02/03 đơn vị chỉ hoàn thành 01/02 chỉ tiêu (Gia Lai, Hồ Chí Minh)."');
  });

  it("keeps the main sheet one A4 landscape page wide at a readable scale; the details go on their own sheet", () => {
    const main = layoutComparison(c, { form: FORM_01, source: { server: "x" } });
    const details = layoutComparisonDetails(c, { form: FORM_01, source: { server: "x" } });
    const width = (w: number[], n: number) => w.slice(0, n).reduce((a, b) => a + b, 0);
    // A4 landscape is 842 pt wide, 784 pt between the 0,4" margins: the table is scaled to at least 80%.
    expect(784 / width(main.columnWidths, main.columnCount)).toBeGreaterThan(0.8);
    expect(details.headers).toContain("Tổng số phải thi hành (việc)");
    expect(details.headers).toContain("Chuyển kỳ sau (việc)");
    expect(details.headers).toContain("Tỷ lệ quý trước (%)");
    expect(details.headers).toContain("Tỷ lệ chưa có điều kiện thi hành về việc (%)");
  });
});
