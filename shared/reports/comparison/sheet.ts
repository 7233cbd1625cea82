import type { Comparison, ComparisonIndicator, ComparisonRow, IndicatorCell } from "../../api/schemas";
import type { FormDefinition, IndicatorDefinition } from "../../forms/types";
import { orderedFields } from "../../forms/registry";
import { formatPercent, formatSigned } from "../../format";
import { cumulativeLabel, periodRangeLabel, vietnamClock } from "../../periods";
import { NATIONAL_CODE } from "../../units/types";
import { buildTable, type Cell, type Column, type ReportLayout, type Standing } from "../grid";
import { excelFormula } from "../excel-formula";
import { circularName, fieldLabel, lowerFirst, STATUS_WORDS, termsLabel, unitOfMeasure, upperFirst } from "../words";

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
  const same = r.bases.samePeriod;
  // A unit created in the re-organisation is compared with the units it replaced.
  if (same && same.sources.length > 0 && !(same.sources.length === 1 && same.sources[0] === r.unit)) out.push("Cùng kỳ: số liệu của " + same.sources.join(", "));
  if (same && same.likeForLike) {
    const lfl = same.likeForLike.indicators[id];
    if (lfl && lfl.change !== null) out.push("So với cùng kỳ trên cùng " + same.likeForLike.units + " đơn vị: " + formatSigned(lfl.change, 2) + " điểm");
  }
  return out.join("; ");
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

/** "Tỷ lệ thi hành xong về việc = (thi hành xong + đình chỉ thi hành án) × 100 ÷ có điều kiện thi hành": how the rate is made. */
function formulaNote(form: FormDefinition, def: IndicatorDefinition): string {
  return upperFirst(lowerFirst(def.label.vi)) + " = (" + termsLabel(form, def.numerator) + ") × 100 ÷ " + termsLabel(form, def.denominator);
}

function comparisonNotes(c: Comparison, form: FormDefinition, def: IndicatorDefinition, meta: ComparisonIndicator): string[] {
  const children = c.rows.filter((r) => !r.isTotal);
  const notes: string[] = [
    formulaNote(form, def) + ", làm tròn " + def.decimals + " chữ số; chênh lệch so với chỉ tiêu và các kỳ tính bằng điểm phần trăm, trên các tỷ lệ đã làm tròn.",
  ];
  if (meta.nationalAverage !== null) notes.push("Tỷ lệ bình quân toàn quốc: " + formatPercent(meta.nationalAverage, def.decimals) + ".");
  const names = (rows: ComparisonRow[]): string => rows.map((r) => r.shortName).join(", ");
  const below = children.filter((r) => cellOf(r, def.id).met === false);
  if (below.length > 0) notes.push("Dưới chỉ tiêu (" + below.length + "/" + children.length + "): " + names(below) + ".");
  const worse = children.filter((r) => cellOf(r, def.id).worseThanAverage === true);
  if (worse.length > 0) notes.push((def.direction === "lower" ? "Cao hơn" : "Dưới") + " bình quân toàn quốc (" + worse.length + "): " + names(worse) + ".");
  const none = children.filter((r) => r.status === "not_reported");
  if (none.length > 0) notes.push(STATUS_WORDS.not_reported + " (" + none.length + "): " + names(none) + ".");
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
 * The comparison of a parent's units (34 provinces for VN, a province's offices): the
 * headline indicator's numerator and denominator, rate, target, gap in points, cùng kỳ and
 * previous month, rank, "đạt k/n", a verdict and flags in words, the total row; a chart of
 * rates sorted, below-target bars red, against the target line.
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
    { key: "stt", header: "STT", width: 28, format: "integer", align: "Center", value: (_r, i) => i },
    { key: "code", header: "Mã", width: 40, format: "general", align: "Center", value: (r) => r.unit },
    { key: "name", header: "Đơn vị", width: 170, format: "general", value: (r) => rowName(c, r) },
    { key: "num", header: upperFirst(termsLabel(form, def.numerator)) + " (" + unit + ")", width: 84, format: "count", value: (r) => (reported(r) ? num(cell(r).numerator) : null) },
    { key: "den", header: upperFirst(termsLabel(form, def.denominator)) + " (" + unit + ")", width: 84, format: "count", value: (r) => (reported(r) ? num(cell(r).denominator) : null) },
    { key: "rate", header: def.label.vi + " (%)", width: 56, format: "rate", value: (r) => num(cell(r).printed), formula: (ref) => rateFormula(ref("num"), ref("den"), d) },
    { key: "target", header: "Chỉ tiêu (%)", width: 50, format: "rate", value: (r) => num(cell(r).target) },
    { key: "gap", header: "So với chỉ tiêu (điểm)", width: 56, format: "points", value: (r) => num(cell(r).gap), formula: (ref) => diffFormula(ref("rate"), ref("target"), d) },
    { key: "lyRate", header: "Tỷ lệ cùng kỳ (%)", width: 56, format: "rate", value: (r) => num(cell(r).vs.samePeriod.printed) },
    { key: "lyChange", header: "Tăng, giảm so với cùng kỳ (điểm)", width: 60, format: "points", value: (r) => num(cell(r).vs.samePeriod.change), formula: (ref) => diffFormula(ref("rate"), ref("lyRate"), d) },
    { key: "prevRate", header: "Tỷ lệ tháng trước (%)", width: 56, format: "rate", value: (r) => num(cell(r).vs.prevMonth.printed) },
    { key: "prevChange", header: "Tăng, giảm so với tháng trước (điểm)", width: 60, format: "points", value: (r) => num(cell(r).vs.prevMonth.change), formula: (ref) => diffFormula(ref("rate"), ref("prevRate"), d) },
    { key: "rank", header: "Xếp hạng", width: 44, format: "integer", align: "Center", value: (r) => (r.isTotal ? null : num(cell(r).rank)) },
    { key: "targetsMet", header: "Số chỉ tiêu đạt", width: 56, format: "general", align: "Center", value: verdictCount },
    { key: "verdict", header: "Đánh giá", width: 84, format: "general", value: (r) => verdictWords(r, cell(r)) },
    { key: "flags", header: "Ghi chú", width: 190, format: "general", value: (r) => flagWords(r, id, def.direction) },
  ];
  const scope = c.parent === NATIONAL_CODE ? "các tỉnh, thành phố" : "các đơn vị thuộc " + c.parentName;
  const chartItems = children
    .filter((r) => cell(r).printed !== null)
    .map((r) => ({ name: r.shortName, rate: cell(r).printed as number, target: cell(r).target, standing: standingOf(cell(r)), unit: r.unit }))
    .sort((a, b) => (def.direction === "lower" ? a.rate - b.rate : b.rate - a.rate) || (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));
  return buildTable<ComparisonRow>({
    kind: "comparison",
    sheetName: "So sánh " + c.parent + " " + c.form + " " + c.period,
    fileName: "so-sanh-" + c.parent + "-" + c.form + "-" + c.period + ".xlsx",
    title: "BẢNG SO SÁNH " + form.title.vi.toUpperCase(),
    lines: [
      scopeOf(c) + " — " + periodLine(c),
      sourceLine(options.source, c.generatedAt),
      "Biểu: " + form.code + " (" + circularName(form.regime) + "). Đơn vị tính: " + unit + "; " + lowerFirst(def.label.vi) + " tính trên " + termsLabel(form, def.denominator) + ".",
    ],
    columns,
    rows: children,
    total,
    notes: comparisonNotes(c, form, def, meta),
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

function comparisonFacts(c: Comparison, meta: ComparisonIndicator, def: IndicatorDefinition): { label: string; value: string }[] {
  return [
    { label: "Kỳ báo cáo", value: c.periodLabel },
    { label: "Bình quân toàn quốc (%)", value: meta.nationalAverage === null ? "" : meta.nationalAverage.toFixed(def.decimals) },
    { label: "Lấy lúc (giờ Việt Nam)", value: vietnamClock(c.generatedAt) },
  ];
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
      formula: local(remainder) && local(def.numerator)
        ? (ref, r) => (r.status === "not_reported" ? null : "(" + sumOf(ref, remainder) + ")-(" + sumOf(ref, def.numerator) + ")")
        : undefined,
    });
  }
  columns.push({ key: "flags", header: "Ghi chú", width: 150, format: "general", value: (r) => [r.status === "not_reported" ? STATUS_WORDS.not_reported : "", flagWords(r, def.id, def.direction)].filter((s) => s !== "").join("; ") });
  const notes = [
    "Tổng cộng là số liệu tổng hợp lưu trên máy chủ, cộng từ các lần gửi mới nhất của các đơn vị.",
    formulaNote(form, def) +
      (remainder ? "; chuyển kỳ sau = " + termsLabel(form, remainder) + " − (" + termsLabel(form, def.numerator) + ")" : "") + ".",
  ];
  return buildTable<ComparisonRow>({
    kind: "rollup",
    sheetName: "Tổng hợp " + c.parent + " " + c.form + " " + c.period,
    fileName: "tong-hop-" + c.parent + "-" + c.form + "-" + c.period + ".xlsx",
    title: "BẢNG TỔNG HỢP " + form.title.vi.toUpperCase(),
    lines: [
      c.parentName + (c.parent === NATIONAL_CODE ? " — tổng hợp theo tỉnh, thành phố — " : " — tổng hợp theo Phòng THADS khu vực — ") + periodLine(c),
      sourceLine(options.source, c.generatedAt),
      "Biểu: " + form.code + " (" + circularName(form.regime) + "). Đơn vị tính: " + unit + ". Đã báo cáo: " + (total ? total.reported : 0) + "/" + (total ? total.expected : 0) + " đơn vị.",
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
