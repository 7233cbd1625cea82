import { describe, expect, it } from "vitest";
import type { Comparison } from "../../shared/api/schemas";
import { layoutComparison, layoutComparisonDetails } from "../../shared/reports/comparison/sheet";
import { layoutTrend } from "../../shared/reports/comparison/trend-sheet";
import { displayCell } from "../../shared/reports/display";
import type { Cell, ReportLayout } from "../../shared/reports/grid";
import { formatDecimal, formatPercent, roundTo } from "../../shared/format";
import { reportPlainText, reportText, type TextPart } from "../../shared/reports/text";
import { FORM_01, FORM_02, NATIONAL, PROVINCE_MONEY, QUARTER, scenarioComparison, scenarioData } from "../fixtures/reports";
import { buildComparison } from "../../shared/reports/comparison/build";

/**
 * The report text (issue 11, item 5) against the sheets: every figure it prints must be a
 * figure a reader finds, printed the same way, in a cell of the comparison's sheets (the
 * comparison, its details, the trend, their title lines and summary lines).
 */
const SOURCE = { server: "thads.example.gov.vn" };

/** Every number as printed in Vietnamese style ("577.876", "84,25", "2,18"), without its sign. */
function figures(text: string): string[] {
  return text.match(/\d+(?:\.\d{3})*(?:,\d+)?/g) ?? [];
}

/** The figures of every cell of the sheets, as the sheets display them. */
function sheetFigures(parts: readonly TextPart[]): Set<string> {
  const out = new Set<string>();
  for (const p of parts) {
    const layouts: ReportLayout[] = [
      layoutComparison(p.comparison, { form: p.form, source: SOURCE }),
      layoutComparisonDetails(p.comparison, { form: p.form, source: SOURCE }),
      layoutTrend(p.comparison, { form: p.form, source: SOURCE }),
    ];
    for (const l of layouts) {
      l.values.forEach((row, r) => row.forEach((v, c) => {
        if (v === "") return;
        for (const f of figures(displayCell(v, (l.numberFormats[r] as string[])[c] as string))) out.add(f);
      }));
    }
  }
  return out;
}

/**
 * The text with each amount's reading in tỷ đồng checked and taken out: "(hơn 174 tỷ đồng)"
 * must be the nghìn đồng figure just before it, rounded down, "hơn" when something is left.
 */
function withoutTy(text: string): string {
  return text.replace(/([\d.]+) nghìn đồng \((hơn )?([\d.]+) tỷ đồng\)/g, (_all, exact: string, more: string | undefined, ty: string) => {
    const v = Number(exact.replace(/\./g, ""));
    expect(Number(ty.replace(/\./g, "")), exact).toBe(Math.floor(v / 1_000_000));
    expect(more !== undefined, exact).toBe(v % 1_000_000 !== 0);
    return exact + " nghìn đồng";
  });
}

function untraceable(parts: readonly TextPart[], text: string): string[] {
  const cells = sheetFigures(parts);
  return figures(withoutTy(text)).filter((f) => !cells.has(f));
}

/** The two forms of one scenario, as the Worker builds them from one read: each comparison of its own form. */
function bothForms(s: typeof QUARTER): TextPart[] {
  const data = scenarioData(s);
  return [
    { comparison: buildComparison({ ...data, formId: "01" }), form: FORM_01 },
    { comparison: buildComparison({ ...data, formId: "02" }), form: FORM_02 },
  ];
}

describe("the report text", () => {
  it("states the published national figure the way the notices do", () => {
    const c: Comparison = scenarioComparison(NATIONAL);
    const t = reportText([{ comparison: c, form: FORM_01 }], SOURCE);
    expect(t.title).toBe("BÁO CÁO KẾT QUẢ THI HÀNH ÁN DÂN SỰ 12 THÁNG NĂM 2026");
    const totals = t.paragraphs[1] as string;
    // 577.876 done of 685.898 enforceable = 84,25%; a year ago the reporting units had 386.800 of 470.000 (82,30%)
    expect(totals).toContain("có điều kiện thi hành 685.898 việc");
    expect(totals).toContain("thi hành xong 577.876 việc, tăng");
    expect(totals).toContain("đạt tỷ lệ 84,25% (tăng ");
    expect(totals).toContain("điểm % so với cùng kỳ năm 2025)");
    // against the 83,90% target: 0,35 points above
    expect(totals).toContain("vượt 0,35 điểm % so với chỉ tiêu được giao (83,90%)");
    // the total is partial (Cao Bằng has not reported): said, with the like-for-like comparison
    expect(totals).toContain("Về việc (số liệu chưa đủ: đã báo cáo 3/4 đơn vị)");
    expect(totals).toContain("So với cùng kỳ trên cùng 2 đơn vị đã báo cáo cả hai kỳ:");
  });

  it("prints no figure that is not in a cell of the comparison's sheets (national, partial total)", () => {
    const parts = [{ comparison: scenarioComparison(NATIONAL), form: FORM_01 }];
    const text = reportPlainText(reportText(parts, SOURCE));
    expect(figures(text).length).toBeGreaterThan(20);
    expect(untraceable(parts, text)).toEqual([]);
  });

  it("writes both forms, the units by targets met, below the national average, late reports and those at risk — every figure on a sheet", () => {
    const parts = bothForms(QUARTER);
    const t = reportText(parts, SOURCE);
    const text = reportPlainText(t);
    expect(t.paragraphs[1]).toMatch(/^Về việc: tổng số phải thi hành 3\.100 việc \(tăng 100 việc so với cùng kỳ năm 2025\); có điều kiện thi hành 3\.000 việc/);
    expect(t.paragraphs[2]).toMatch(/^Về tiền: /);
    expect(text).toContain("Toàn quốc có 01/03 đơn vị hoàn thành 02/02 chỉ tiêu; 02/03 đơn vị chỉ hoàn thành 01/02 chỉ tiêu (Gia Lai, Hồ Chí Minh).");
    expect(text).toContain("Các đơn vị có kết quả thi hành án thấp hơn kết quả bình quân chung của toàn quốc, đạt tỷ lệ dưới 75,33% về việc: Gia Lai; dưới 51,67% về tiền: Hồ Chí Minh.");
    expect(text).toContain("Tình hình gửi báo cáo Mẫu số 01: 3 đơn vị phải báo cáo, đã báo cáo 3; nộp muộn 1 (Hồ Chí Minh); chưa nộp 0.");
    expect(text).toContain("3. Dự báo: theo diễn biến của năm 2025");
    expect(untraceable(parts, text)).toEqual([]);
  });

  it("writes money as the notices do: the exact nghìn đồng of the sheet, then hơn … tỷ đồng", () => {
    const parts = [{ comparison: scenarioComparison(PROVINCE_MONEY), form: FORM_02 }];
    const text = reportPlainText(reportText(parts, SOURCE));
    // Gia Lai: 174.390.399 of 1.277.040.781 nghìn đồng = 13,66%
    expect(text).toContain("có điều kiện thi hành 1.277.040.781 nghìn đồng (hơn 1.277 tỷ đồng)");
    expect(text).toContain("thi hành xong 174.390.399 nghìn đồng (hơn 174 tỷ đồng)");
    expect(text).toContain("đạt tỷ lệ 13,66%");
    expect(text).not.toMatch(/[^\d.]0 tỷ đồng/);
    expect(untraceable(parts, text)).toEqual([]);
  });

  it("would be caught writing a tỷ đồng figure that is not the amount before it", () => {
    expect(() => withoutTy("thi hành xong 174.390.399 nghìn đồng (hơn 175 tỷ đồng)")).toThrow();
    expect(() => withoutTy("thi hành xong 174.000.000 nghìn đồng (hơn 174 tỷ đồng)")).toThrow();
  });

  it("says 'kém hơn … trên' the average for an indicator where lower is better", () => {
    const parts = bothForms(QUARTER);
    // As if a definition targeted the money rate with lower = better: the units the builder
    // flagged stay flagged, only the words turn.
    const c = parts[0]!.comparison;
    c.indicators = c.indicators.map((i) => (i.id === "rate_tien" ? { ...i, direction: "lower" as const } : i));
    const text = reportPlainText(reportText(parts, SOURCE));
    expect(text).toContain("Các đơn vị có kết quả thi hành án kém hơn kết quả bình quân chung của toàn quốc, đạt tỷ lệ dưới 75,33% về việc: Gia Lai; trên 51,67% về tiền: Hồ Chí Minh.");
  });

  it("would be caught printing a figure of its own", () => {
    const parts = bothForms(QUARTER);
    expect(untraceable(parts, reportPlainText(reportText(parts, SOURCE)) + " tăng 12,34%")).toEqual(["12,34"]);
  });
});

/** The total row of a layout, cell by header, as the sheet shows it. */
function totalRowShown(l: ReportLayout): Record<string, string> {
  const row = l.totalRow as number;
  const out: Record<string, string> = {};
  let figure = "";
  l.headers.forEach((h, i) => {
    const v = (l.values[row - 1] as Cell[])[i] as Cell;
    // the details sheet follows each figure with its "Tăng, giảm so với …" columns: key those by the figure
    if (!h.startsWith("Tăng, giảm")) figure = h;
    const key = h.startsWith("Tăng, giảm") ? figure + " → " + h : h;
    out[key] = v === "" || v === null ? "" : displayCell(v, (l.numberFormats[row - 1] as string[])[i] as string);
  });
  return out;
}

/** "+3,00", "-9,67" as the points columns print them, from a word and a figure of the text. */
function signed(word: string, figure: string): string {
  return (word === "tăng" ? "+" : word === "giảm" ? "-" : "") + figure;
}

/**
 * The quarter with Hà Nội at 801 of 1.000 việc: the country's 2.261 ÷ 3.000 = 75,3667% prints
 * 75,37% against cùng kỳ's 2.170 ÷ 3.000 = 72,3333%, printed 72,33%. The printed rates differ
 * by 3,04 points, the exact ones by 3,0333 (3,03 once printed): a text that differenced exact
 * rates would say 3,03 where the sheet's ROUND(rate) − ROUND(rate) says 3,04.
 */
const PRINTED_APART: typeof QUARTER = {
  ...QUARTER,
  units: QUARTER.units.map((u) => (u.code === "01" ? { ...u, now: { ...u.now, "01": { carried: 1_000, done: 801, open: 199 } } } : u)),
};

describe("the report text, the JSON and the sheets agree figure by figure", () => {
  const parts = bothForms(PRINTED_APART);
  const text = reportText(parts, SOURCE);
  const c = parts[0]!.comparison;
  const total = c.rows.filter((r) => r.isTotal)[0]!;
  const json = total.indicators.rate_viec!;
  const main = totalRowShown(layoutComparison(c, { form: FORM_01, source: SOURCE }));
  const details = totalRowShown(layoutComparisonDetails(c, { form: FORM_01, source: SOURCE }));
  const para = text.paragraphs[1] as string;
  const num = (s: string): number => Number(s.replace(/\./g, "").replace(",", "."));

  it("the rate and its change on cùng kỳ: the difference of the two printed rates, as the JSON and the sheet give it", () => {
    const m = /đạt tỷ lệ ([\d,]+)% \((tăng|giảm) ([\d,]+) điểm % so với cùng kỳ/.exec(para);
    expect(m, para).not.toBeNull();
    const [, rate, word, points] = m as RegExpExecArray;
    expect(num(rate!)).toBe(json.printed);
    expect(main["Tỷ lệ thi hành xong về việc (%)"]).toBe(rate + "%");
    expect(num(signed(word!, points!))).toBe(json.vs.samePeriod.change);
    expect(main["Tỷ lệ cùng kỳ (%) → Tăng, giảm so với cùng kỳ (điểm)"]).toBe(signed(word!, points!));
    // 75,37 − 72,33 = 3,04: the printed rates; the exact ones, 75,3667 − 72,3333, would give 3,03
    expect(json.vs.samePeriod.change).toBe(roundTo((json.printed as number) - (json.vs.samePeriod.printed as number), 2));
    const exactNow = ((json.numerator as number) / (json.denominator as number)) * 100;
    const exactThen = ((json.vs.samePeriod.numerator.previous as number) / (json.vs.samePeriod.denominator.previous as number)) * 100;
    expect([rate, points]).toEqual(["75,37", "3,04"]);
    expect(formatDecimal(roundTo(exactNow - exactThen, 2), 2)).toBe("3,03");
    expect(main["Tỷ lệ cùng kỳ (%)"]).toBe(formatPercent(json.vs.samePeriod.printed as number, 2));
  });

  it("the gap to the target, in points of the printed rate", () => {
    const m = /(vượt|thấp hơn) ([\d,]+) điểm % so với chỉ tiêu được giao \(([\d,]+)%\)/.exec(para);
    expect(m, para).not.toBeNull();
    const [, word, gap, target] = m as RegExpExecArray;
    expect(num(target!)).toBe(json.target);
    expect(main["Chỉ tiêu (%)"]).toBe(target + "%");
    expect(num(gap!) * (word === "vượt" ? 1 : -1)).toBe(json.gap);
    expect(json.gap).toBe(roundTo((json.printed as number) - (json.target as number), 2));
    expect(main["So với chỉ tiêu (điểm)"]).toBe(signed(word === "vượt" ? "tăng" : "giảm", gap!));
  });

  it("done and its change in việc and in percent, as the details sheet prints them", () => {
    const m = /thi hành xong ([\d.]+) việc, (tăng|giảm) ([\d.]+) việc \((tăng|giảm) ([\d,]+)%\) so với cùng kỳ/.exec(para);
    expect(m, para).not.toBeNull();
    const [, done, w1, change, w2, pct] = m as RegExpExecArray;
    expect(num(done!)).toBe(json.numerator);
    expect(num(signed(w1!, change!))).toBe(json.vs.samePeriod.numerator.change);
    const head = "Thi hành xong + đình chỉ thi hành án (việc)";
    expect(details[head]).toBe(done);
    expect(details[head + " → Tăng, giảm so với cùng kỳ (việc)"]).toBe(signed(w1!, change!));
    expect(formatDecimal(roundTo(json.vs.samePeriod.numerator.changePct as number, 2), 2)).toBe(pct);
    expect(details[head + " → Tăng, giảm so với cùng kỳ (%)"]).toBe(signed(w2!, pct!));
  });

  it("the rate against the previous quarter (Quý IV/2025, the 12-month report): text = JSON = details sheet", () => {
    const m = /(tăng|giảm) ([\d,]+) điểm % so với quý trước \(Quý IV\/2025 — 12 tháng năm 2025: ([\d,]+)%\)/.exec(para);
    expect(m, para).not.toBeNull();
    const [, word, points, before] = m as RegExpExecArray;
    expect(num(before!)).toBe(json.vs.prevQuarter.printed);
    expect(details["Tỷ lệ quý trước (%)"]).toBe(before + "%");
    expect(num(signed(word!, points!))).toBe(json.vs.prevQuarter.change);
    expect(details["Tỷ lệ quý trước (%) → Tăng, giảm so với quý trước (điểm)"]).toBe(signed(word!, points!));
    expect(json.vs.prevQuarter.change).toBe(roundTo((json.printed as number) - (json.vs.prevQuarter.printed as number), 2));
  });
});
