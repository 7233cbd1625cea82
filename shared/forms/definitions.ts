import type { FieldDefinition, FormDefinition, IndicatorDefinition, Regime } from "./types";
import type { RuleDefinition } from "../rules/types";

/**
 * Forms 01 (việc) and 02 (tiền) as data. The official column numbering was not public
 * when this was written: the layout is reconstructed from published figures (docs/domain.md)
 * and marked `reconstructed`. A national administrator replaces it by loading an official
 * definition as JSON (see loader.ts); no code change is needed.
 */

const REGIMES: { regime: Regime; validFrom: string; validTo: string | null; code: string }[] = [
  { regime: "TT06_2019", validFrom: "2020-01-05", validTo: "2024-07-25", code: "Mẫu số 01/TK-THA" },
  { regime: "TT05_2024", validFrom: "2024-07-26", validTo: "2026-06-30", code: "Mẫu số 01" },
  { regime: "TT05_2026", validFrom: "2026-07-01", validTo: null, code: "Mẫu số 01" },
];

function field(
  key: string,
  vi: string,
  en: string,
  column: number,
  valueType: FieldDefinition["valueType"],
  extra: Partial<FieldDefinition> = {},
): FieldDefinition {
  return { key, label: { vi, en }, column, valueType, kind: "input", reconstructed: true, ...extra };
}

/** The parts of "có điều kiện thi hành"; money adds "giảm thi hành án". */
function enforceableParts(withReduction: boolean): string {
  return withReduction
    ? "sum({thi_hanh_xong}, {dinh_chi}, {giam}, {dang_thi_hanh}, {hoan_co_dk})"
    : "sum({thi_hanh_xong}, {dinh_chi}, {dang_thi_hanh}, {hoan_co_dk})";
}

function caseFields(valueType: FieldDefinition["valueType"], withReduction: boolean): FieldDefinition[] {
  const fields: FieldDefinition[] = [
    field("tong_thu_ly", "Tổng số thụ lý", "Total caseload", 1, valueType, {
      kind: "derived",
      formula: "{nam_truoc_chuyen_sang} + {thu_ly_moi}",
    }),
    field("nam_truoc_chuyen_sang", "Năm trước chuyển sang", "Carried over from last year", 2, valueType, { partOf: "tong_thu_ly" }),
    field("thu_ly_moi", "Thụ lý mới", "Newly accepted", 3, valueType, { partOf: "tong_thu_ly" }),
    field("uy_thac", "Ủy thác", "Entrusted to another office", 4, valueType),
    field("phai_thi_hanh", "Tổng số phải thi hành", "Total to enforce", 5, valueType, {
      kind: "derived",
      formula: "{tong_thu_ly} - {uy_thac}",
    }),
    field("co_dieu_kien", "Có điều kiện thi hành", "Enforceable", 6, valueType, {
      kind: "derived",
      formula: enforceableParts(withReduction),
      partOf: "phai_thi_hanh",
    }),
    field("thi_hanh_xong", "Thi hành xong", "Completed", 7, valueType, { partOf: "co_dieu_kien" }),
    field("dinh_chi", "Đình chỉ thi hành án", "Terminated", 8, valueType, { partOf: "co_dieu_kien" }),
  ];
  if (withReduction) {
    fields.push(field("giam", "Giảm thi hành án", "Reduced", 9, valueType, { partOf: "co_dieu_kien" }));
  }
  const next = withReduction ? 10 : 9;
  fields.push(
    field("dang_thi_hanh", "Đang thi hành", "In progress", next, valueType, { partOf: "co_dieu_kien" }),
    field("hoan_co_dk", "Hoãn (theo thỏa thuận) / khác", "Postponed by agreement / other", next + 1, valueType, {
      partOf: "co_dieu_kien",
    }),
    field("chua_co_dieu_kien", "Chưa có điều kiện thi hành", "Not enforceable", next + 2, valueType, {
      kind: "derived",
      formula: "{phai_thi_hanh} - {co_dieu_kien}",
      partOf: "phai_thi_hanh",
    }),
  );
  return fields;
}

function rule(
  id: string,
  expression: string,
  severity: RuleDefinition["severity"],
  vi: string,
  en: string,
  extra: Partial<RuleDefinition> = {},
): RuleDefinition {
  return { id, expression, severity, missing: "skip", description: { vi, en }, ...extra };
}

function caseRules(formId: string, withReduction: boolean): RuleDefinition[] {
  const p = formId + ".";
  const doneLastYear = withReduction
    ? "prev_year_final{thi_hanh_xong} - prev_year_final{dinh_chi} - prev_year_final{giam}"
    : "prev_year_final{thi_hanh_xong} - prev_year_final{dinh_chi}";
  const rules: RuleDefinition[] = [
    rule(p + "R1", "{tong_thu_ly} = {nam_truoc_chuyen_sang} + {thu_ly_moi}", "error",
      "Tổng số thụ lý bằng năm trước chuyển sang cộng thụ lý mới", "Total caseload equals carried over plus newly accepted"),
    rule(p + "R2", "{uy_thac} ≤ {tong_thu_ly}", "error",
      "Ủy thác không vượt quá tổng số thụ lý", "Entrusted cannot exceed the total caseload"),
    rule(p + "R3", "{phai_thi_hanh} = {tong_thu_ly} - {uy_thac}", "error",
      "Tổng số phải thi hành bằng tổng số thụ lý trừ ủy thác", "Total to enforce equals total caseload minus entrusted"),
    rule(p + "R4", "{co_dieu_kien} = " + enforceableParts(withReduction), "error",
      "Có điều kiện thi hành bằng tổng các phần của nó", "Enforceable equals the sum of its parts"),
    rule(p + "R5", "{chua_co_dieu_kien} = {phai_thi_hanh} - {co_dieu_kien}", "error",
      "Chưa có điều kiện bằng phải thi hành trừ có điều kiện", "Not enforceable equals total to enforce minus enforceable"),
    rule(p + "R6", "{co_dieu_kien} ≤ {phai_thi_hanh}", "error",
      "Có điều kiện thi hành không vượt quá tổng số phải thi hành", "Enforceable cannot exceed the total to enforce"),
    // Cumulative figures run from 1 October: within one statistical year they never go down.
    rule(p + "X1", "{thu_ly_moi} ≥ prev_month{thu_ly_moi}", "error",
      "Thụ lý mới là số cộng dồn, không được giảm so với tháng trước", "Newly accepted is cumulative and cannot fall below last month"),
    rule(p + "X2", "{thi_hanh_xong} ≥ prev_month{thi_hanh_xong}", "error",
      "Thi hành xong là số cộng dồn, không được giảm so với tháng trước", "Completed is cumulative and cannot fall below last month"),
    rule(p + "X3", "{dinh_chi} ≥ prev_month{dinh_chi}", "error",
      "Đình chỉ là số cộng dồn, không được giảm so với tháng trước", "Terminated is cumulative and cannot fall below last month"),
    rule(p + "X4", "{nam_truoc_chuyen_sang} = prev_month{nam_truoc_chuyen_sang}", "error",
      "Năm trước chuyển sang không đổi trong năm thống kê", "Carried over from last year is constant within the statistical year"),
    // Cases moved to the separate book (sổ theo dõi riêng) at closing explain a difference,
    // so this is a warning that asks for an explanation, not an error.
    rule(p + "X5", "{nam_truoc_chuyen_sang} = prev_year_final{phai_thi_hanh} - " + doneLastYear, "warning",
      "Năm trước chuyển sang bằng số chuyển kỳ sau của báo cáo 12 tháng năm trước",
      "Carried over equals the amount carried forward in last year's 12-month report"),
    // Auditors look for a sudden shift from có điều kiện to chưa có điều kiện (Tổng cục THADS letter on 9-month 2023 results):
    // growth of "not enforceable" beyond the month's new intake means cases were
    // reclassified; more than 10% of last month's enforceable cases needs an explanation.
    // Stated in cases, not shares, so a unit with a handful of cases is not flagged for one.
    rule(p + "X6", "{chua_co_dieu_kien} - prev_month{chua_co_dieu_kien} ≤ {phai_thi_hanh} - prev_month{phai_thi_hanh} + 0.1 * prev_month{co_dieu_kien}", "warning",
      "Số chuyển từ có điều kiện sang chưa có điều kiện thi hành vượt 10% số có điều kiện của tháng trước",
      "More than 10% of last month's enforceable amount moved to not enforceable"),
  ];
  if (withReduction) {
    rules.push(rule(p + "X7", "{giam} ≥ prev_month{giam}", "error",
      "Giảm thi hành án là số cộng dồn, không được giảm so với tháng trước", "Reduced is cumulative and cannot fall below last month"));
  }
  return rules;
}

function indicator(
  id: string,
  vi: string,
  en: string,
  short: [string, string],
  numerator: string[],
  denominator: string[],
  extra: Partial<IndicatorDefinition> = {},
): IndicatorDefinition {
  return { id, label: { vi, en }, short: { vi: short[0], en: short[1] }, numerator, denominator, direction: "higher", decimals: 2, targeted: false, ...extra };
}

/**
 * Beside the completion rate (the one targets are set on), the shares of phải thi hành that
 * are enforceable and not enforceable: published figures quote them, and a growing share of
 * chưa có điều kiện is the reclassification auditors watch.
 */
function caseIndicators(what: "viec" | "tien", done: string[]): IndicatorDefinition[] {
  const vi = what === "viec" ? "về việc" : "về tiền";
  const en = what === "viec" ? "in cases" : "in money";
  const short: [string, string] = what === "viec" ? ["việc", "cases"] : ["tiền", "money"];
  return [
    indicator("rate_" + what, "Tỷ lệ thi hành xong " + vi, "Completion rate " + en, short, done, ["co_dieu_kien"], {
      targeted: true,
      remainderOf: ["phai_thi_hanh"],
    }),
    indicator("share_co_dk_" + what, "Tỷ lệ có điều kiện thi hành " + vi, "Share enforceable " + en, short, ["co_dieu_kien"], ["phai_thi_hanh"]),
    indicator("share_chua_co_dk_" + what, "Tỷ lệ chưa có điều kiện thi hành " + vi, "Share not enforceable " + en, short,
      ["chua_co_dieu_kien"], ["phai_thi_hanh"], { direction: "lower" }),
  ];
}

const COMMON_NOTES = [
  "Số cột và thứ tự cột được dựng lại từ số liệu công bố, chưa đối chiếu văn bản chính thức. / Column numbers and order are reconstructed, not checked against the official text.",
];

function form01(r: (typeof REGIMES)[number]): FormDefinition {
  return {
    id: "01",
    code: r.code,
    title: {
      vi: "Kết quả thi hành án dân sự tính bằng việc",
      en: "Civil judgment enforcement results counted in cases",
    },
    regime: r.regime,
    validFrom: r.validFrom,
    validTo: r.validTo,
    unit: "viec",
    fields: caseFields("count", false),
    rules: caseRules("01", false),
    indicators: caseIndicators("viec", ["thi_hanh_xong", "dinh_chi"]),
    notes: COMMON_NOTES,
  };
}

function form02(r: (typeof REGIMES)[number]): FormDefinition {
  return {
    id: "02",
    code: r.code.replace("01", "02"),
    title: {
      vi: "Kết quả thi hành án dân sự tính bằng tiền",
      en: "Civil judgment enforcement results counted in money",
    },
    regime: r.regime,
    validFrom: r.validFrom,
    validTo: r.validTo,
    unit: "nghin_dong",
    fields: caseFields("money", true),
    rules: caseRules("02", true),
    // Whether "giảm" counts as done is unconfirmed (docs/domain.md): it is data, so a national
    // administrator can change the numerator without a code change.
    indicators: caseIndicators("tien", ["thi_hanh_xong", "dinh_chi", "giam"]),
    notes: COMMON_NOTES.concat([
      "Chưa xác nhận 'giảm thi hành án' có được tính là xong khi tính tỷ lệ. / Unconfirmed whether 'reduced' counts as done in the rate.",
    ]),
  };
}

/** Every definition shipped with the product, oldest regime first. */
export const BUILT_IN_FORMS: readonly FormDefinition[] = REGIMES.map(form01).concat(REGIMES.map(form02));
