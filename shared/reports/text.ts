import type { Comparison, ComparisonRow, IndicatorCell, ValueChange } from "../api/schemas";
import type { FormDefinition, IndicatorDefinition } from "../forms/types";
import { formatDecimal, formatInteger, formatPercent } from "../format";
import { statYearOf } from "../periods";
import { aboutIndicator, count2, headlineOf, layoutComparison, printedChangePct, sourceLine, summaryLines, type ReportSource } from "./comparison/sheet";
import { lowerFirst, termsLabel, unitOfMeasure, upperFirst } from "./words";

/**
 * The paragraphs a Cục or province report opens with, for a scope and a period, written from
 * the comparisons of each form with a targeted headline (việc, then tiền): totals, rates and
 * their change on cùng kỳ in the notices' phrasing ("thi hành xong 382.058 việc, tăng 33.568
 * việc (tăng 9,63%) so với cùng kỳ năm 2022, đạt tỷ lệ 66,53% (tăng 2,18 điểm %)"), "vượt …
 * so với chỉ tiêu", units by targets met, below the national average, late and missing, at
 * risk. Every figure is a figure of the comparison's sheets, printed the same way (a test
 * finds each one in their cells); nothing here computes a figure of its own.
 */
export interface ReportText {
  title: string;
  /** Scope and period, source and time of retrieval. */
  lines: string[];
  paragraphs: string[];
}

export interface TextPart {
  comparison: Comparison;
  /** The definition the comparison's form is computed with for the period. */
  form: FormDefinition;
}

/** A tỷ đồng is 1.000.000 nghìn đồng. */
const NGHIN_DONG_PER_TY = 1000000;

/**
 * " (hơn 70.278 tỷ đồng)": the notices write money in tỷ đồng, rounded down with "hơn" when
 * something is left over ("thi hành xong hơn 70.278 tỷ đồng, tăng hơn 18.111 tỷ đồng"). The
 * exact figure in nghìn đồng, the cell's, comes first; below one tỷ there is nothing to add.
 */
export function tyDong(nghinDong: number): string {
  const v = Math.abs(nghinDong);
  if (v < NGHIN_DONG_PER_TY) return "";
  const ty = Math.floor(v / NGHIN_DONG_PER_TY);
  return " (" + (ty * NGHIN_DONG_PER_TY === v ? "" : "hơn ") + formatInteger(ty) + " tỷ đồng)";
}

/** "685.898 việc", "1.277.040.781 nghìn đồng (hơn 1.277 tỷ đồng)". */
function amount(v: number, form: FormDefinition): string {
  return formatInteger(Math.abs(v)) + " " + unitOfMeasure(form) + (form.unit === "nghin_dong" ? tyDong(v) : "");
}

/** "tăng 33.568 việc", "giảm 1.068 việc", "không thay đổi". */
function countChange(change: number, form: FormDefinition): string {
  if (change === 0) return "không thay đổi";
  return (change > 0 ? "tăng " : "giảm ") + amount(change, form);
}

/** " (tăng 9,63%)": the relative change as the details sheet prints it (two decimals). */
function pctChange(c: ValueChange): string {
  if (c.changePct === null || c.change === 0) return "";
  const p = printedChangePct(c.changePct) as number;
  return " (" + (p > 0 ? "tăng " : p < 0 ? "giảm " : "") + formatDecimal(Math.abs(p), 2) + "%)";
}

/** "tăng 2,18 điểm %", "giảm 0,52 điểm %", "không thay đổi". */
function pointsChange(points: number, decimals: number): string {
  if (points === 0) return "không thay đổi";
  return (points > 0 ? "tăng " : "giảm ") + formatDecimal(Math.abs(points), decimals) + " điểm %";
}

/** "thi hành xong" from "Tỷ lệ thi hành xong về việc": what the numerator counts, in the indicator's own words. */
function doneWords(def: IndicatorDefinition): string {
  return lowerFirst(def.label.vi.replace(/^Tỷ lệ\s+/i, "").replace(/\s+về\s+.*$/i, ""));
}

function totalOf(c: Comparison): ComparisonRow {
  const t = c.rows.filter((r) => r.isTotal)[0];
  if (!t) throw new Error("comparison without a total row");
  return t;
}

/**
 * " Tỷ lệ thi hành xong về việc tăng 0,52 điểm % so với tháng trước (2 tháng năm 2026: 74,81%),
 * giảm 9,67 điểm % so với quý trước (Quý IV/2025 — 12 tháng năm 2025: 85,00%)." The plans ask
 * for the rate against last month and last quarter besides cùng kỳ (so sánh theo tháng, quý);
 * the previous quarter is left out where it is last month's report (January's quarter is December).
 */
function recentChanges(c: Comparison, cell: IndicatorCell, def: IndicatorDefinition): string {
  if (cell.printed === null) return "";
  const said: string[] = [];
  const seen: string[] = [];
  for (const basis of ["prevMonth", "prevQuarter"] as const) {
    const b = c.bases[basis];
    const vs = cell.vs[basis];
    if (!b || b.period === null || seen.indexOf(b.period) >= 0 || vs.change === null || vs.printed === null) continue;
    seen.push(b.period);
    said.push(pointsChange(vs.change, def.decimals) + " so với " + lowerFirst(b.label).replace(/\)$/, ": " + formatPercent(vs.printed, def.decimals) + ")"));
  }
  return said.length === 0 ? "" : " " + def.label.vi + " " + said.join(", ") + ".";
}

/** The totals paragraph of one form ("Về việc: …"). */
function totalsParagraph(part: TextPart): string {
  const c = part.comparison;
  const form = part.form;
  const { meta, def } = headlineOf(c, form);
  const t = totalOf(c);
  const cell = t.indicators[def.id] as IndicatorCell;
  const ly = c.bases.samePeriod.period;
  const since = ly === null ? "" : " so với cùng kỳ năm " + statYearOf(ly);
  const same = cell.vs.samePeriod;
  const head = "Về " + meta.short.vi + (t.status === "partial" ? " (số liệu chưa đủ: đã báo cáo " + t.reported + "/" + t.expected + " đơn vị)" : "") + ": ";
  if (t.status === "not_reported" || cell.numerator === null || cell.denominator === null) return head + "chưa có đơn vị nào báo cáo.";
  const parts: string[] = [];
  // Phải thi hành and có điều kiện in units only, as the details sheet shows them; the relative change is for done and carried over.
  const change = (v: ValueChange): string => (v.change === null || ly === null ? "" : " (" + countChange(v.change, form) + since + ")");
  if (def.remainderOf && cell.due !== null) parts.push(termsLabel(form, def.remainderOf) + " " + amount(cell.due, form) + change(same.due));
  parts.push(termsLabel(form, def.denominator) + " " + amount(cell.denominator, form) + change(same.denominator));
  let done = doneWords(def) + " " + amount(cell.numerator, form);
  if (same.numerator.change !== null && ly !== null) done += ", " + countChange(same.numerator.change, form) + pctChange(same.numerator) + since;
  if (cell.printed !== null) {
    done += ", đạt tỷ lệ " + formatPercent(cell.printed, def.decimals);
    if (same.change !== null) done += " (" + pointsChange(same.change, def.decimals) + since + ")";
    if (cell.target !== null && cell.gap !== null) {
      const target = "chỉ tiêu " + (cell.targetProvisional ? "tạm giao" : "được giao") + " (" + formatPercent(cell.target, def.decimals) + ")";
      done += cell.gap > 0 ? ", vượt " + formatDecimal(cell.gap, def.decimals) + " điểm % so với " + target
        : cell.gap < 0 ? ", thấp hơn " + formatDecimal(-cell.gap, def.decimals) + " điểm % so với " + target
        : ", đạt " + target;
    }
  }
  parts.push(done);
  let text = head + parts.join("; ") + "." + recentChanges(c, cell, def);
  if (def.remainderOf && cell.remainder !== null) {
    text += " Chuyển kỳ sau " + amount(cell.remainder, form) +
      (same.remainder.change !== null && ly !== null ? ", " + countChange(same.remainder.change, form) + pctChange(same.remainder) + since : "") + ".";
  }
  // The form's other indicators (the share of cases without conditions: the reclassification signal).
  const others = c.indicators.filter((x) => x.form === c.form && x.id !== def.id);
  const shares: string[] = [];
  let compared = false;
  for (const x of others) {
    const o = t.indicators[x.id];
    if (!o || o.printed === null) continue;
    if (o.vs.samePeriod.change !== null) compared = true;
    shares.push(lowerFirst(x.label.vi) + " " + formatPercent(o.printed, x.decimals) + (o.vs.samePeriod.change !== null ? " (" + pointsChange(o.vs.samePeriod.change, x.decimals) + ")" : ""));
  }
  if (shares.length > 0) text += " " + upperFirst(shares.join("; ")) + (compared ? " so với cùng kỳ" : "") + ".";
  if (t.status === "partial") {
    const lfl = t.bases.samePeriod.likeForLike;
    const l = lfl ? lfl.indicators[def.id] : undefined;
    if (lfl && l && l.change !== null && l.printed !== null && l.previous !== null) {
      text += " So với cùng kỳ trên cùng " + lfl.units + " đơn vị đã báo cáo cả hai kỳ: " + formatPercent(l.printed, def.decimals) + " so với " +
        formatPercent(l.previous, def.decimals) + " (" + pointsChange(l.change, def.decimals) + ").";
    }
  }
  return text;
}

function names(c: Comparison, codes: readonly string[]): string {
  return codes.map((code) => (c.rows.filter((r) => r.unit === code)[0] || { shortName: code }).shortName).join(", ");
}

/**
 * The report text of a scope and period. `parts` are the comparisons of each form with a
 * targeted headline, in the order of the definitions; the first one's summary (the same for
 * all: it counts every targeted indicator) gives the units by targets met.
 */
export function reportText(parts: readonly TextPart[], source: ReportSource): ReportText {
  const first = parts[0];
  if (first === undefined) throw new Error("reportText: no comparison");
  const c = first.comparison;
  const main = layoutComparison(c, { form: first.form, source });
  const s = c.summary;
  const n = count2(s.units);
  const paragraphs: string[] = [];
  paragraphs.push("1. Kết quả thi hành án dân sự " + c.periodLabel + ":");
  for (const p of parts) paragraphs.push(totalsParagraph(p));

  paragraphs.push("2. Kết quả thực hiện chỉ tiêu và so sánh giữa các đơn vị:");
  const lines = summaryLines(c);
  const verdictLine = lines.filter((l) => l.indexOf("Kết quả thực hiện chỉ tiêu: ") === 0)[0];
  if (verdictLine) paragraphs.push(verdictLine.replace("Kết quả thực hiện chỉ tiêu: ", "Toàn " + (c.parent === "VN" ? "quốc" : "tỉnh") + " có "));
  const below = s.indicators.filter((x) => x.below.length > 0).map((x) => aboutIndicator(c, x.indicator) + " " + count2(x.below.length) + "/" + n + " đơn vị (" + names(c, x.below) + ")");
  if (below.length > 0) paragraphs.push("Các đơn vị chưa đạt chỉ tiêu: " + below.join("; ") + ".");
  // Seed 003's words ("thấp hơn …, đạt tỷ lệ dưới 66,53% về việc"); an indicator where lower is
  // better (a definition may target one) is worse above the average: "kém hơn", "trên".
  let anyLower = false;
  const worse = s.indicators
    .filter((x) => x.nationalAverage !== null && x.worseThanAverage.length > 0)
    .map((x) => {
      const meta = c.indicators.filter((i) => i.id === x.indicator)[0];
      const lower = meta !== undefined && meta.direction === "lower";
      if (lower) anyLower = true;
      return (lower ? "trên " : "dưới ") + formatPercent(x.nationalAverage as number, meta ? meta.decimals : 2) + " " + aboutIndicator(c, x.indicator) + ": " + names(c, x.worseThanAverage);
    });
  if (worse.length > 0) paragraphs.push("Các đơn vị có kết quả thi hành án " + (anyLower ? "kém hơn" : "thấp hơn") + " kết quả bình quân chung của toàn quốc, đạt tỷ lệ " + worse.join("; ") + ".");

  // Late and missing reports, form by form (each comparison counts its own form).
  for (const p of parts) {
    const rep = p.comparison.summary.reporting;
    const line = summaryLines(p.comparison).filter((l) => l.indexOf("Tình hình gửi báo cáo: ") === 0)[0];
    if (line) paragraphs.push(line.replace("Tình hình gửi báo cáo: ", "Tình hình gửi báo cáo " + p.form.code + ": ") + (rep.missing > 0 || rep.late > 0 ? "" : " Tất cả đúng hạn."));
  }

  // At risk: the projection against the target, both cells of the comparison sheet of the indicator's form.
  if (c.outlook.month < 12) {
    const risks: string[] = [];
    for (const x of s.indicators) {
      if (x.atRisk.length === 0) continue;
      const part = parts.filter((p) => p.comparison.form === (c.indicators.filter((i) => i.id === x.indicator)[0] || { form: "" }).form)[0];
      const rows = (part ? part.comparison : c).rows;
      const meta = c.indicators.filter((i) => i.id === x.indicator)[0];
      const d = meta ? meta.decimals : 2;
      risks.push(aboutIndicator(c, x.indicator) + ": " + x.atRisk.map((code) => {
        const r = rows.filter((row) => row.unit === code)[0] as ComparisonRow;
        const o = r.outlook[x.indicator];
        const cell = r.indicators[x.indicator] as IndicatorCell;
        return r.shortName + (o && o.projected !== null && cell.target !== null ? " (dự báo " + formatPercent(o.projected, d) + ", chỉ tiêu " + formatPercent(cell.target, d) + ")" : "");
      }).join(", "));
    }
    paragraphs.push(
      // The method as the comparison states it (outlook.ts outlookMethod): the sheet's note says the same.
      "3. Dự báo: theo diễn biến của năm " + c.outlook.profileYear + ". " + c.outlook.method + " " +
        (risks.length > 0 ? "Các đơn vị có nguy cơ không đạt chỉ tiêu đến hết năm: " + risks.join("; ") + "." : "Không có đơn vị nào có nguy cơ không đạt chỉ tiêu đến hết năm."),
    );
  }
  return {
    title: "BÁO CÁO KẾT QUẢ THI HÀNH ÁN DÂN SỰ " + c.periodLabel.toUpperCase(),
    lines: [main.lines[0] as string, sourceLine(source, c.generatedAt)],
    paragraphs,
  };
}

export { reportPlainText } from "./text-plain";
