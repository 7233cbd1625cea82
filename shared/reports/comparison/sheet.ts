import type { Comparison, ComparisonIndicator, ComparisonRow, IndicatorCell, OutlookCell } from "../../api/schemas";
import type { FormDefinition, IndicatorDefinition } from "../../forms/types";
import { orderedFields } from "../../forms/registry";
import { formatPercent, formatSigned, roundTo } from "../../format";
import { cumulativeLabel, periodRangeLabel, vietnamClock } from "../../periods";
import { NATIONAL_CODE } from "../../units/types";
import { buildTable, type Cell, type Column, type ReportLayout, type Standing } from "../grid";
import { excelFormula } from "../excel-formula";
import { circularName, fieldLabel, lowerFirst, STATUS_WORDS, termsLabel, unitOfMeasure, upperFirst } from "../words";
import { signoffCountWords, SIGNOFF_WORDS } from "../../signoff/state";

/** Where the figures came from, for the source line every sheet states. */
export interface ReportSource {
  /** The server's host ("thads.example.gov.vn"). */
  server: string;
}

/** "Nguồn: THADS Thống kê (máy chủ thads.example.gov.vn), lấy lúc 09:30 05/10/2026 (giờ Việt Nam)." */
export function sourceLine(source: ReportSource, retrievedAt: string): string {
  const host = source.server.replace(/^[a-z]+:\/\//i, "").replace(/\/+$/, "");
  return "Nguồn: THADS Thống kê (máy chủ " + host + "), lấy lúc " + vietnamClock(retrievedAt) + " (giờ Việt Nam).";
}

/** The comparison's headline indicator (the compared form's first) and its definition. */
export function headlineOf(c: Comparison, form: FormDefinition): { meta: ComparisonIndicator; def: IndicatorDefinition } {
  const def = form.indicators[0];
  const meta = c.indicators[0];
  if (def === undefined || meta === undefined || meta.id !== def.id) throw new Error("comparison of form " + form.id + " has no headline indicator");
  return { meta, def };
}

function cellOf(r: ComparisonRow, id: string): IndicatorCell {
  const cell = r.indicators[id];
  if (cell === undefined) throw new Error("row " + r.unit + " lacks indicator " + id);
  return cell;
}

/** Below target red, met green; nothing to colour without a rate or a target. */
export function standingOf(cell: IndicatorCell): Standing {
  return cell.met === null ? null : cell.met ? "met" : "below";
}

/** "Chưa báo cáo" / "Chưa giao chỉ tiêu" / "Dưới chỉ tiêu" / "Đạt chỉ tiêu": one word per row. */
export function verdictWords(r: ComparisonRow, cell: IndicatorCell): string {
  if (r.status === "not_reported") return STATUS_WORDS.not_reported;
  if (cell.printed === null) return "Không có số để tính tỷ lệ";
  if (cell.target === null) return "Chưa giao chỉ tiêu";
  return cell.met ? "Đạt chỉ tiêu" : "Dưới chỉ tiêu";
}

/** "Đạt 1/2" over the indicators with a target for this unit. */
export function verdictCount(r: ComparisonRow): string | null {
  return r.verdict === null ? null : "Đạt " + r.verdict.met + "/" + r.verdict.assessable;
}

/** "Dưới bình quân toàn quốc; Nộp muộn: 2/15 đơn vị; Chưa nộp" — the flags as words. */
export function flagWords(r: ComparisonRow, id: string, direction: "higher" | "lower"): string {
  const cell = cellOf(r, id);
  const out: string[] = [];
  if (r.status === "partial") out.push("Số liệu chưa đủ: đã báo cáo " + r.reported + "/" + r.expected + " đơn vị");
  if (cell.worseThanAverage) out.push(direction === "lower" ? "Cao hơn bình quân toàn quốc" : "Dưới bình quân toàn quốc");
  const many = r.expected > 1;
  if (r.late > 0) out.push(many ? STATUS_WORDS.late + ": " + r.late + "/" + r.expected + " đơn vị" : STATUS_WORDS.late);
  if (r.missing > 0) out.push(many ? STATUS_WORDS.missing + ": " + r.missing + "/" + r.expected + " đơn vị" : STATUS_WORDS.missing);
  if (cell.targetProvisional) out.push("Chỉ tiêu tạm giao");
  const outlook = r.outlook[id];
  if (outlook && outlook.atRisk === true && outlook.projected !== null) out.push("Có nguy cơ không đạt chỉ tiêu (dự báo " + formatPercent(outlook.projected, 2) + ")");
  const same = r.bases.samePeriod;
  // A unit created in the re-organisation is compared with the units it replaced.
  if (same && same.sources.length > 0 && !(same.sources.length === 1 && same.sources[0] === r.unit)) out.push("Cùng kỳ: số liệu của " + same.sources.join(", "));
  if (same && same.likeForLike) {
    const lfl = same.likeForLike.indicators[id];
    if (lfl && lfl.change !== null) out.push("So với cùng kỳ trên cùng " + same.likeForLike.units + " đơn vị: " + formatSigned(lfl.change, 2) + " điểm");
  }
  return out.join("; ");
}

/**
 * "Đã xác nhận 12/15 đơn vị; đã tiếp nhận 10/15 đơn vị; Cục đã tiếp nhận": how much of a row's
 * figures the heads confirmed and the parents accepted, on every row and the total.
 */
export function signoffWords(r: ComparisonRow): string {
  // A row with no report says so already ("Chưa báo cáo"): nothing there to confirm.
  if (r.signoff.expected === 0 || r.status === "not_reported") return "";
  const words = signoffCountWords(r.signoff);
  if (r.signoff.decision === null) return words;
  return words + "; Cục: " + lowerFirst(SIGNOFF_WORDS[r.signoff.decision]);
}

function notesOf(parts: string[]): string {
  return parts.filter((s) => s !== "").join("; ");
}

/** The sentence the title block adds: the total's sign-off, and which revisions are counted. */
function signoffLine(c: Comparison): string {
  const total = c.rows.filter((r) => r.isTotal)[0];
  const counted =
    c.figures === "accepted"
      ? " Chỉ tính số liệu đã được tiếp nhận: mỗi đơn vị theo lần gửi mới nhất đã được cấp trên tiếp nhận."
      : "";
  return (total && total.signoff.expected > 0 ? " " + signoffCountWords(total.signoff) + "." : "") + counted;
}

function scopeOf(c: Comparison): string {
  return c.parent === NATIONAL_CODE ? "Toàn quốc (" + (c.rows.length - 1) + " tỉnh, thành phố)" : "Các đơn vị của " + c.parentName;
}

/** A cumulative report also states the span it covers (from 1 October); a snapshot or a week its own label. */
function periodLine(c: Comparison): string {
  const kind = c.definition.periodKind ?? "cumulative_month";
  return kind === "cumulative_month" ? cumulativeLabel(c.period) + " (" + periodRangeLabel(c.period) + ")" : c.periodLabel;
}

export function totalName(c: Comparison): string {
  return c.parent === NATIONAL_CODE ? "Toàn quốc" : "Tổng cộng " + c.parentName;
}

function rowName(c: Comparison, r: ComparisonRow): string {
  return r.isTotal ? totalName(c) : r.name;
}

/** Rates and points as numbers on the sheet (the printed values), empty where there are none. */
function num(v: number | null | undefined): Cell | null {
  return v === null || v === undefined ? null : v;
}

/**
 * A rate from two cells of the row, rounded as printed, blank without a denominator:
 * the spreadsheet recomputes what the API computed.
 */
function rateFormula(numerator: string, denominator: string, decimals: number): string {
  return "IF(AND(ISNUMBER(" + denominator + ")," + denominator + ">0),ROUND(" + numerator + "*100/" + denominator + "," + decimals + "),\"\")";
}

function diffFormula(a: string, b: string, decimals: number): string {
  return "IF(AND(ISNUMBER(" + a + "),ISNUMBER(" + b + ")),ROUND(" + a + "-" + b + "," + decimals + "),\"\")";
}

/** "05", "34": the notices write counts of units and targets with two digits ("05/34 đơn vị … 01/02 chỉ tiêu"). */
export function count2(n: number): string {
  return n < 10 && n >= 0 ? "0" + n : String(n);
}

function namesOf(c: Comparison, codes: readonly string[]): string {
  const byCode: Record<string, string> = {};
  for (const r of c.rows) byCode[r.unit] = r.shortName;
  return codes.map((code) => byCode[code] || code).join(", ");
}

/** "về việc", "về tiền": how the notices name an indicator in a list. */
export function aboutIndicator(c: Comparison, id: string): string {
  const meta = c.indicators.filter((i) => i.id === id)[0];
  return meta ? "về " + meta.short.vi : id;
}

/**
 * The summary block as the notices write it: units by targets met ("05/34 đơn vị chỉ hoàn
 * thành 01/02 chỉ tiêu: …"), below target, below the national average and at risk for each
 * targeted indicator, late and missing reports. One function for the sheet's lines, the
 * pane's list and the CSV's facts.
 */
export function summaryLines(c: Comparison): string[] {
  const s = c.summary;
  const n = count2(s.units);
  const lines: string[] = [];
  const verdicts = s.verdicts.map((g) => {
    const all = g.met === g.assessable;
    const kn = count2(g.met) + "/" + count2(g.assessable);
    const what = count2(g.units.length) + "/" + n + " đơn vị " + (all ? "hoàn thành " + kn + " chỉ tiêu" : g.met === 0 ? "không hoàn thành chỉ tiêu nào (" + kn + ")" : "chỉ hoàn thành " + kn + " chỉ tiêu");
    // The notices name the units that fell short, not the many that met every target.
    return what + (all ? "" : " (" + namesOf(c, g.units) + ")");
  });
  if (s.noVerdict.length > 0) verdicts.push(count2(s.noVerdict.length) + "/" + n + " đơn vị chưa đánh giá được (" + namesOf(c, s.noVerdict) + ")");
  const averages = s.indicators
    .filter((x) => x.nationalAverage !== null)
    .map((x) => {
      const meta = c.indicators.filter((i) => i.id === x.indicator)[0];
      return formatPercent(x.nationalAverage as number, meta ? meta.decimals : 2) + " " + aboutIndicator(c, x.indicator);
    });
  if (averages.length > 0) lines.push("Tỷ lệ bình quân chung toàn quốc: " + averages.join("; ") + ".");
  if (verdicts.length > 0) lines.push("Kết quả thực hiện chỉ tiêu: " + verdicts.join("; ") + ".");
  for (const x of s.indicators) {
    const about = aboutIndicator(c, x.indicator);
    const meta = c.indicators.filter((i) => i.id === x.indicator)[0];
    const d = meta ? meta.decimals : 2;
    if (x.below.length > 0) lines.push("Dưới chỉ tiêu " + about + ": " + count2(x.below.length) + "/" + n + " đơn vị (" + namesOf(c, x.below) + ").");
    if (x.nationalAverage !== null && x.worseThanAverage.length > 0) {
      lines.push((meta && meta.direction === "lower" ? "Cao hơn" : "Thấp hơn") + " bình quân chung toàn quốc " + about + " (" + formatPercent(x.nationalAverage, d) + "): " +
        count2(x.worseThanAverage.length) + "/" + n + " đơn vị (" + namesOf(c, x.worseThanAverage) + ").");
    }
    if (x.atRisk.length > 0) lines.push("Có nguy cơ không đạt chỉ tiêu " + about + " cuối năm (theo dự báo): " + count2(x.atRisk.length) + "/" + n + " đơn vị (" + namesOf(c, x.atRisk) + ").");
  }
  const rep = s.reporting;
  const many = (codes: readonly string[], key: "late" | "missing"): string =>
    codes.map((code) => {
      const r = c.rows.filter((x) => x.unit === code)[0] as ComparisonRow;
      return r.shortName + (r.expected > 1 ? " " + r[key] + "/" + r.expected : "");
    }).join(", ");
  lines.push("Tình hình gửi báo cáo: " + rep.expected + " đơn vị phải báo cáo, đã báo cáo " + rep.reported +
    "; nộp muộn " + rep.late + (rep.lateRows.length > 0 ? " (" + many(rep.lateRows, "late") + ")" : "") +
    "; chưa nộp " + rep.missing + (rep.missingRows.length > 0 ? " (" + many(rep.missingRows, "missing") + ")" : "") + ".");
  return lines;
}

/** "Tỷ lệ thi hành xong về việc = (thi hành xong + đình chỉ thi hành án) × 100 ÷ có điều kiện thi hành": how the rate is made. */
function formulaNote(form: FormDefinition, def: IndicatorDefinition): string {
  return upperFirst(lowerFirst(def.label.vi)) + " = (" + termsLabel(form, def.numerator) + ") × 100 ÷ " + termsLabel(form, def.denominator);
}

function comparisonNotes(c: Comparison, form: FormDefinition, def: IndicatorDefinition): string[] {
  const children = c.rows.filter((r) => !r.isTotal);
  const notes: string[] = [
    formulaNote(form, def) + ", làm tròn " + def.decimals + " chữ số; chênh lệch so với chỉ tiêu và các kỳ tính bằng điểm phần trăm, trên các tỷ lệ đã làm tròn.",
  ];
  notes.push.apply(notes, summaryLines(c));
  notes.push(outlookNote(c));
  const none = children.filter((r) => r.status === "not_reported");
  if (none.length > 0) notes.push(STATUS_WORDS.not_reported + " (" + none.length + "): " + none.map((r) => r.shortName).join(", ") + ".");
  const partial = children.filter((r) => r.status === "partial");
  if (partial.length > 0) notes.push(STATUS_WORDS.partial + " (" + partial.length + "): " + partial.map((r) => r.shortName + " " + r.reported + "/" + r.expected).join(", ") + ".");
  const total = c.rows.filter((r) => r.isTotal)[0];
  if (total && total.status === "partial") {
    const lfl = total.bases.samePeriod.likeForLike;
    const change = lfl ? lfl.indicators[def.id] : undefined;
    notes.push(
      "Tổng cộng chưa đủ số liệu (đã báo cáo " + total.reported + "/" + total.expected + " đơn vị)" +
        (lfl && change && change.change !== null
          ? "; so với cùng kỳ trên cùng " + lfl.units + " đơn vị đã báo cáo cả hai kỳ: " + formatPercent(change.printed as number, def.decimals) +
            " so với " + formatPercent(change.previous as number, def.decimals) + " (" + formatSigned(change.change, def.decimals) + " điểm)."
          : "."),
    );
  }
  return notes;
}

export interface ComparisonSheetOptions {
  form: FormDefinition;
  source: ReportSource;
}

/**
 * The comparison of a parent's units (34 provinces for VN, a province's offices), printable
 * on one A4 landscape page wide: the headline indicator's numerator and denominator, rate,
 * target, gap in points, cùng kỳ (the same quarter last year at a quarter's end) and the
 * change, rank and places gained since cùng kỳ, "đạt k/n", a verdict and flags in words, the
 * total row, then the summary block; a chart of rates sorted, below-target bars red, against
 * the target line. The previous month and quarter, phải thi hành, chuyển kỳ sau and the
 * other indicators are on the details sheet (layoutComparisonDetails).
 */
export function layoutComparison(c: Comparison, options: ComparisonSheetOptions): ReportLayout {
  const form = options.form;
  const { meta, def } = headlineOf(c, form);
  const id = def.id;
  const d = def.decimals;
  const unit = unitOfMeasure(form);
  const children = c.rows.filter((r) => !r.isTotal);
  const total = c.rows.filter((r) => r.isTotal)[0] || null;
  const cell = (r: ComparisonRow): IndicatorCell => cellOf(r, id);
  const reported = (r: ComparisonRow): boolean => r.status !== "not_reported";
  const columns: Column<ComparisonRow>[] = [
    { key: "stt", header: "STT", width: 24, format: "integer", align: "Center", value: (_r, i) => i },
    { key: "code", header: "Mã", width: 34, format: "general", align: "Center", value: (r) => r.unit },
    { key: "name", header: "Đơn vị", width: 120, format: "general", value: (r) => rowName(c, r) },
    { key: "num", header: upperFirst(termsLabel(form, def.numerator)) + " (" + unit + ")", width: 70, format: "count", value: (r) => (reported(r) ? num(cell(r).numerator) : null) },
    { key: "den", header: upperFirst(termsLabel(form, def.denominator)) + " (" + unit + ")", width: 70, format: "count", value: (r) => (reported(r) ? num(cell(r).denominator) : null) },
    { key: "rate", header: def.label.vi + " (%)", width: 52, format: "rate", value: (r) => num(cell(r).printed), formula: (ref) => rateFormula(ref("num"), ref("den"), d) },
    { key: "target", header: "Chỉ tiêu (%)", width: 46, format: "rate", value: (r) => num(cell(r).target) },
    { key: "gap", header: "So với chỉ tiêu (điểm)", width: 48, format: "points", value: (r) => num(cell(r).gap), formula: (ref) => diffFormula(ref("rate"), ref("target"), d) },
    { key: "lyRate", header: "Tỷ lệ cùng kỳ (%)", width: 48, format: "rate", value: (r) => num(cell(r).vs.samePeriod.printed) },
    { key: "lyChange", header: "Tăng, giảm so với cùng kỳ (điểm)", width: 52, format: "points", value: (r) => num(cell(r).vs.samePeriod.change), formula: (ref) => diffFormula(ref("rate"), ref("lyRate"), d) },
    { key: "rank", header: "Xếp hạng", width: 36, format: "integer", align: "Center", value: (r) => (r.isTotal ? null : num(cell(r).rank)) },
    { key: "rankChange", header: "Thứ hạng tăng, giảm so với cùng kỳ", width: 44, format: "signedCount", align: "Center", value: (r) => (r.isTotal ? null : num(cell(r).vs.samePeriod.rankChange)) },
    { key: "outlook", header: "Dự báo tỷ lệ cuối năm (%)", width: 48, format: "rate", value: (r) => (r.outlook[id] ? num((r.outlook[id] as OutlookCell).projected) : null) },
    { key: "targetsMet", header: "Số chỉ tiêu đạt", width: 44, format: "general", align: "Center", value: verdictCount },
    { key: "verdict", header: "Đánh giá", width: 70, format: "general", value: (r) => verdictWords(r, cell(r)) },
    { key: "flags", header: "Ghi chú", width: 150, format: "general", value: (r) => notesOf([flagWords(r, id, def.direction), signoffWords(r)]) },
  ];
  const scope = c.parent === NATIONAL_CODE ? "các tỉnh, thành phố" : "các đơn vị thuộc " + c.parentName;
  const chartItems = children
    .filter((r) => cell(r).printed !== null)
    .map((r) => ({ name: r.shortName, rate: cell(r).printed as number, target: cell(r).target, standing: standingOf(cell(r)), unit: r.unit }))
    .sort((a, b) => (def.direction === "lower" ? a.rate - b.rate : b.rate - a.rate) || (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));
  return buildTable<ComparisonRow>({
    kind: "comparison",
    sheetName: "So sánh " + c.parent + " " + c.form + " " + c.period + acceptedSuffix(c, " TN"),
    fileName: "so-sanh-" + c.parent + "-" + c.form + "-" + c.period + acceptedSuffix(c, "-da-tiep-nhan") + ".xlsx",
    title: "BẢNG SO SÁNH " + form.title.vi.toUpperCase(),
    lines: headerLines(c, options, "; " + lowerFirst(def.label.vi) + " tính trên " + termsLabel(form, def.denominator) + ". Cùng kỳ: " + lowerFirst(c.bases.samePeriod.label) + "."),
    columns,
    rows: children,
    total,
    notes: comparisonNotes(c, form, def),
    facts: comparisonFacts(c, meta, def),
    standing: { columns: ["rate", "gap"], rateColumn: "rate", targetColumn: "target", of: (r) => standingOf(cell(r)), comparison: def.direction === "lower" ? "lte" : "gte" },
    chart: {
      title: def.label.vi + " của " + scope + " — " + c.periodLabel,
      valueAxisTitle: def.label.vi + " (%)",
      seriesName: def.label.vi,
      items: chartItems.map((x) => ({ name: x.name, rate: x.rate, target: x.target, standing: x.standing })),
    },
  });
}

/** Accepted-only sheets get their own names, so they never overwrite (or pass for) the latest figures. */
export function acceptedSuffix(c: Comparison, suffix: string): string {
  return c.figures === "accepted" ? suffix : "";
}

/**
 * The details behind the comparison, one row per unit as on the main sheet: phải thi hành,
 * the rate's base and numerator and chuyển kỳ sau with their change on cùng kỳ (in the
 * form's unit and, for the numerator and the remainder, in percent), the rate against the
 * previous month and the previous quarter, and every other indicator of the form (the share
 * of cases not enforceable, the reclassification signal auditors watch) against cùng kỳ.
 */
export function layoutComparisonDetails(c: Comparison, options: ComparisonSheetOptions): ReportLayout {
  const form = options.form;
  const { meta, def } = headlineOf(c, form);
  const id = def.id;
  const d = def.decimals;
  const unit = unitOfMeasure(form);
  const wide = form.unit === "nghin_dong" ? 74 : 58;
  const children = c.rows.filter((r) => !r.isTotal);
  const total = c.rows.filter((r) => r.isTotal)[0] || null;
  const cell = (r: ComparisonRow): IndicatorCell => cellOf(r, id);
  const reported = (r: ComparisonRow): boolean => r.status !== "not_reported";
  const same = (r: ComparisonRow) => cell(r).vs.samePeriod;
  const columns: Column<ComparisonRow>[] = [
    { key: "stt", header: "STT", width: 24, format: "integer", align: "Center", value: (_r, i) => i },
    { key: "code", header: "Mã", width: 34, format: "general", align: "Center", value: (r) => r.unit },
    { key: "name", header: "Đơn vị", width: 110, format: "general", value: (r) => rowName(c, r) },
  ];
  if (def.remainderOf) {
    const due = upperFirst(termsLabel(form, def.remainderOf));
    columns.push(
      { key: "due", header: due + " (" + unit + ")", width: wide, format: "count", value: (r) => (reported(r) ? num(cell(r).due) : null) },
      { key: "dueChange", header: "Tăng, giảm so với cùng kỳ (" + unit + ")", width: wide, format: "signedCount", value: (r) => num(same(r).due.change) },
    );
  }
  columns.push(
    { key: "den", header: upperFirst(termsLabel(form, def.denominator)) + " (" + unit + ")", width: wide, format: "count", value: (r) => (reported(r) ? num(cell(r).denominator) : null) },
    { key: "denChange", header: "Tăng, giảm so với cùng kỳ (" + unit + ")", width: wide, format: "signedCount", value: (r) => num(same(r).denominator.change) },
    { key: "num", header: upperFirst(termsLabel(form, def.numerator)) + " (" + unit + ")", width: wide, format: "count", value: (r) => (reported(r) ? num(cell(r).numerator) : null) },
    { key: "numChange", header: "Tăng, giảm so với cùng kỳ (" + unit + ")", width: wide, format: "signedCount", value: (r) => num(same(r).numerator.change) },
    { key: "numPct", header: "Tăng, giảm so với cùng kỳ (%)", width: 44, format: "signedPercent", value: (r) => num(printedChangePct(same(r).numerator.changePct)) },
  );
  if (def.remainderOf) {
    columns.push(
      { key: "rem", header: "Chuyển kỳ sau (" + unit + ")", width: wide, format: "count", value: (r) => (reported(r) ? num(cell(r).remainder) : null) },
      { key: "remChange", header: "Tăng, giảm so với cùng kỳ (" + unit + ")", width: wide, format: "signedCount", value: (r) => num(same(r).remainder.change) },
      { key: "remPct", header: "Tăng, giảm so với cùng kỳ (%)", width: 44, format: "signedPercent", value: (r) => num(printedChangePct(same(r).remainder.changePct)) },
    );
  }
  columns.push(
    { key: "rate", header: def.label.vi + " (%)", width: 46, format: "rate", value: (r) => num(cell(r).printed) },
    { key: "pmRate", header: "Tỷ lệ tháng trước (%)", width: 44, format: "rate", value: (r) => num(cell(r).vs.prevMonth.printed) },
    { key: "pmChange", header: "Tăng, giảm so với tháng trước (điểm)", width: 46, format: "points", value: (r) => num(cell(r).vs.prevMonth.change), formula: (ref) => diffFormula(ref("rate"), ref("pmRate"), d) },
    { key: "pqRate", header: "Tỷ lệ quý trước (%)", width: 44, format: "rate", value: (r) => num(cell(r).vs.prevQuarter.printed) },
    { key: "pqChange", header: "Tăng, giảm so với quý trước (điểm)", width: 46, format: "points", value: (r) => num(cell(r).vs.prevQuarter.change), formula: (ref) => diffFormula(ref("rate"), ref("pqRate"), d) },
  );
  // Every other indicator of the form gets the same two columns: as printed, and its change on cùng kỳ.
  const others = c.indicators.filter((x) => x.form === c.form && x.id !== id);
  others.forEach((x, i) => {
    columns.push(
      { key: "o" + i, header: x.label.vi + " (%)", width: 48, format: "rate", value: (r) => num(cellOf(r, x.id).printed) },
      { key: "o" + i + "ly", header: "Tăng, giảm so với cùng kỳ (điểm)", width: 46, format: "points", value: (r) => num(cellOf(r, x.id).vs.samePeriod.change) },
    );
  });
  const notes = [
    "Tăng, giảm so với cùng kỳ: so với " + lowerFirst(c.bases.samePeriod.label) + "; tháng trước: " + lowerFirst(c.bases.prevMonth.label) + "; quý trước: " + lowerFirst(c.bases.prevQuarter.label) +
      ". Tỷ lệ so sánh bằng điểm phần trăm trên các tỷ lệ đã làm tròn; số liệu so sánh trên số cộng dồn từ 01/10.",
  ];
  if (def.remainderOf) notes.push("Chuyển kỳ sau = " + termsLabel(form, def.remainderOf) + " − (" + termsLabel(form, def.numerator) + ").");
  for (const x of others) {
    const xd = form.indicators.filter((i) => i.id === x.id)[0];
    if (xd) notes.push(upperFirst(lowerFirst(xd.label.vi)) + " = " + termsLabel(form, xd.numerator) + " × 100 ÷ " + termsLabel(form, xd.denominator) + ".");
  }
  return buildTable<ComparisonRow>({
    kind: "comparison",
    sheetName: "Chi tiết " + c.parent + " " + c.form + " " + c.period + acceptedSuffix(c, " TN"),
    fileName: "chi-tiet-" + c.parent + "-" + c.form + "-" + c.period + acceptedSuffix(c, "-da-tiep-nhan") + ".xlsx",
    title: "CHI TIẾT SO SÁNH " + form.title.vi.toUpperCase(),
    lines: headerLines(c, options, "."),
    columns,
    rows: children,
    total,
    notes,
    facts: comparisonFacts(c, meta, def),
  });
}

/** The method of the year-end projection, as the sheet states it. */
export function outlookNote(c: Comparison): string {
  return c.outlook.month >= 12
    ? "Dự báo tỷ lệ cuối năm: kỳ này là báo cáo 12 tháng, dự báo bằng tỷ lệ đã đạt."
    : c.outlook.method.replace("năm trước", "năm trước (năm " + c.outlook.profileYear + ")") + " Dự báo từ số liệu " + c.periodLabel + ".";
}

/** Scope and period, source and time, form and unit: the lines under a comparison sheet's title. */
function headerLines(c: Comparison, options: ComparisonSheetOptions, unitTail: string): string[] {
  const form = options.form;
  return [
    scopeOf(c) + " — " + periodLine(c),
    sourceLine(options.source, c.generatedAt),
    "Biểu: " + form.code + " (" + circularName(form.regime) + "). Đơn vị tính: " + unitOfMeasure(form) + unitTail + signoffLine(c),
  ];
}

/** A relative change rounded as printed (two decimals), or null. */
export function printedChangePct(v: number | null): number | null {
  return v === null ? null : roundTo(v, 2);
}

function comparisonFacts(c: Comparison, meta: ComparisonIndicator, def: IndicatorDefinition): { label: string; value: string }[] {
  const provisional = c.rows.filter((r) => !r.isTotal && c.indicators.some((x) => x.targeted && r.indicators[x.id] !== undefined && (r.indicators[x.id] as IndicatorCell).targetProvisional));
  const facts = [
    { label: "Kỳ báo cáo", value: c.periodLabel },
    { label: "Bình quân toàn quốc (%)", value: meta.nationalAverage === null ? "" : meta.nationalAverage.toFixed(def.decimals) },
    { label: "Chỉ tiêu tạm giao", value: provisional.length === 0 ? "không" : "có (" + provisional.length + " đơn vị)" },
    { label: "Lấy lúc (giờ Việt Nam)", value: vietnamClock(c.generatedAt) },
  ];
  // The summary block, one fact per line, so that the CSV stands on its own.
  summaryLines(c).forEach((line, i) => facts.push({ label: "Tóm tắt " + (i + 1), value: line }));
  return facts;
}

/**
 * A province's roll-up by regional office: the comparison's rows (the province's own office
 * and its regional offices, the province total last) with every field of the form, the rate
 * against the target and what carries over to the next period.
 */
export function layoutRollup(c: Comparison, options: ComparisonSheetOptions): ReportLayout {
  const form = options.form;
  const { meta, def } = headlineOf(c, form);
  const d = def.decimals;
  const unit = unitOfMeasure(form);
  const children = c.rows.filter((r) => !r.isTotal);
  const total = c.rows.filter((r) => r.isTotal)[0] || null;
  const fields = orderedFields(form);
  const cell = (r: ComparisonRow): IndicatorCell => cellOf(r, def.id);
  const valueOf = (r: ComparisonRow, key: string): number | null => {
    if (r.status === "not_reported") return null;
    const v = r.values[key];
    return typeof v === "number" ? v : null;
  };
  const columns: Column<ComparisonRow>[] = [
    { key: "stt", header: "STT", width: 28, format: "integer", align: "Center", value: (_r, i) => i },
    { key: "code", header: "Mã", width: 40, format: "general", align: "Center", value: (r) => r.unit },
    { key: "name", header: "Đơn vị", width: 170, format: "general", value: (r) => rowName(c, r) },
  ];
  for (const f of fields) {
    const formula = f.kind === "derived" && f.formula ? f.formula : null;
    columns.push({
      key: "f:" + f.key,
      header: (f.column !== null ? "(" + f.column + ") " : "") + f.label.vi,
      width: form.unit === "nghin_dong" ? 84 : 64,
      format: "count",
      value: (r) => valueOf(r, f.key),
      // Derived fields recompute from the inputs beside them, as on the form itself.
      formula: formula
        ? (ref, r) => (r.status === "not_reported" ? null : excelFormula(formula, (key) => ref("f:" + key)).slice(1))
        : undefined,
    });
  }
  // Only terms of this form are cells of this sheet; an indicator over another form's fields keeps its value without a formula.
  const local = (terms: readonly string[]): boolean => terms.every((t) => t.indexOf(":") < 0);
  const sumOf = (ref: (k: string) => string, terms: readonly string[]): string => terms.map((t) => ref("f:" + t)).join("+");
  const remainder = def.remainderOf;
  // Money a court reduced leaves chuyển kỳ sau without counting as done (docs/domain.md).
  const less = (def.remainderLess ?? []).filter((t) => def.numerator.indexOf(t) < 0);
  columns.push(
    {
      key: "rate",
      header: def.label.vi + " (%)",
      width: 56,
      format: "rate",
      value: (r) => num(cell(r).printed),
      formula: local(def.numerator) && local(def.denominator) ? (ref) => rateFormula("(" + sumOf(ref, def.numerator) + ")", "(" + sumOf(ref, def.denominator) + ")", d) : undefined,
    },
    { key: "target", header: "Chỉ tiêu (%)", width: 50, format: "rate", value: (r) => num(cell(r).target) },
    { key: "gap", header: "So với chỉ tiêu (điểm)", width: 56, format: "points", value: (r) => num(cell(r).gap), formula: (ref) => diffFormula(ref("rate"), ref("target"), d) },
  );
  if (remainder) {
    columns.push({
      key: "remainder",
      header: "Chuyển kỳ sau (" + unit + ")",
      width: form.unit === "nghin_dong" ? 84 : 64,
      format: "count",
      value: (r) => (r.status === "not_reported" ? null : num(cell(r).remainder)),
      formula: local(remainder) && local(def.numerator) && local(less)
        ? (ref, r) => (r.status === "not_reported" ? null : "(" + sumOf(ref, remainder) + ")-(" + sumOf(ref, def.numerator) + ")" + (less.length > 0 ? "-(" + sumOf(ref, less) + ")" : ""))
        : undefined,
    });
  }
  columns.push({ key: "flags", header: "Ghi chú", width: 150, format: "general", value: (r) => notesOf([r.status === "not_reported" ? STATUS_WORDS.not_reported : "", flagWords(r, def.id, def.direction), signoffWords(r)]) });
  const notes = [
    "Tổng cộng là số liệu tổng hợp lưu trên máy chủ, cộng từ các lần gửi mới nhất của các đơn vị.",
    formulaNote(form, def) +
      (remainder ? "; chuyển kỳ sau = " + termsLabel(form, remainder) + " − (" + termsLabel(form, def.numerator) + ")" +
        (less.length > 0 ? " − " + termsLabel(form, less) : "") : "") + ".",
  ];
  return buildTable<ComparisonRow>({
    kind: "rollup",
    sheetName: "Tổng hợp " + c.parent + " " + c.form + " " + c.period + acceptedSuffix(c, " TN"),
    fileName: "tong-hop-" + c.parent + "-" + c.form + "-" + c.period + acceptedSuffix(c, "-da-tiep-nhan") + ".xlsx",
    title: "BẢNG TỔNG HỢP " + form.title.vi.toUpperCase(),
    lines: [
      c.parentName + (c.parent === NATIONAL_CODE ? " — tổng hợp theo tỉnh, thành phố — " : " — tổng hợp theo Phòng THADS khu vực — ") + periodLine(c),
      sourceLine(options.source, c.generatedAt),
      "Biểu: " + form.code + " (" + circularName(form.regime) + "). Đơn vị tính: " + unit + ". Đã báo cáo: " + (total ? total.reported : 0) + "/" + (total ? total.expected : 0) + " đơn vị." + signoffLine(c),
    ],
    columns,
    rows: children,
    total,
    notes,
    facts: comparisonFacts(c, meta, def),
    standing: { columns: ["rate"], rateColumn: "rate", targetColumn: "target", of: (r) => standingOf(cell(r)), comparison: def.direction === "lower" ? "lte" : "gte" },
  });
}

export { fieldLabel };
