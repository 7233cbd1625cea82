import type { FieldDefinition, FormDefinition, IndicatorDefinition } from "../types";
import type { RuleDefinition } from "../../rules/types";
import { RECONSTRUCTED_NOTE, constantRule, cumulativeRule, field, indicator, rule, type Version } from "./build";

/**
 * Forms 01 (việc) and 02 (tiền), the two that carry the completion rates, version by version.
 *
 * A definition changes by a new version from a date, never by rewriting a version in force
 * for periods that have reports: a period is validated, compared and recognised with the
 * version in force on its last day, so a report stored under an older version re-validates
 * under that version (tests/worker/definition-versions.test.ts).
 *
 * - until 25/7/2024 (TT 06/2019): the first reconstruction, kept as it was: reports of those
 *   periods were checked against it, and clerks' old workbooks are read with it;
 * - from 26/7/2024 (TT 05/2024): the layout the published 2025 provincial figures show
 *   (Đồng Tháp, 9 months of 2025; docs/domain.md): phải thi hành = tổng số thụ lý − ủy thác −
 *   thu hồi, hủy quyết định; it splits into có điều kiện, chưa có điều kiện (cases moved to
 *   the separate book excluded) and a third bucket, hoãn, tạm đình chỉ, khác, which is in
 *   neither; the separate book is a memo line outside phải thi hành;
 * - from 1/7/2025: the same fields, but the regional offices are parts of one province and
 *   cannot entrust cases to each other: ủy thác is to another province only;
 * - from 1/7/2026 (TT 05/2026): the same fields; a case goes to the separate book after two
 *   years without conditions (NĐ 152/2026 Art. 22; one year before).
 */

interface CaseVersion extends Version {
  code: string;
  layout: "first_reconstruction" | "published_2025";
  /** Whether offices of one province may entrust cases to each other (until 30/6/2025). */
  entrustWithinProvince: boolean;
  /** Years without conditions before a case moves to the separate book. */
  separateBookAfterYears: 1 | 2;
}

const VERSIONS: readonly CaseVersion[] = [
  { regime: "TT06_2019", validFrom: "2020-01-05", validTo: "2024-07-25", code: "Mẫu số 01/TK-THA", layout: "first_reconstruction", entrustWithinProvince: true, separateBookAfterYears: 1 },
  { regime: "TT05_2024", validFrom: "2024-07-26", validTo: "2025-06-30", code: "Mẫu số 01", layout: "published_2025", entrustWithinProvince: true, separateBookAfterYears: 1 },
  { regime: "TT05_2024", validFrom: "2025-07-01", validTo: "2026-06-30", code: "Mẫu số 01", layout: "published_2025", entrustWithinProvince: false, separateBookAfterYears: 1 },
  { regime: "TT05_2026", validFrom: "2026-07-01", validTo: null, code: "Mẫu số 01", layout: "published_2025", entrustWithinProvince: false, separateBookAfterYears: 2 },
];

// ——— Fields ———

function firstFields(valueType: FieldDefinition["valueType"], withReduction: boolean): FieldDefinition[] {
  const parts = withReduction
    ? "sum({thi_hanh_xong}, {dinh_chi}, {giam}, {dang_thi_hanh}, {hoan_co_dk})"
    : "sum({thi_hanh_xong}, {dinh_chi}, {dang_thi_hanh}, {hoan_co_dk})";
  const fields: FieldDefinition[] = [
    field("tong_thu_ly", "Tổng số thụ lý", "Total caseload", 1, valueType, { kind: "derived", formula: "{nam_truoc_chuyen_sang} + {thu_ly_moi}" }),
    field("nam_truoc_chuyen_sang", "Năm trước chuyển sang", "Carried over from last year", 2, valueType, { partOf: "tong_thu_ly" }),
    field("thu_ly_moi", "Thụ lý mới", "Newly accepted", 3, valueType, { partOf: "tong_thu_ly" }),
    field("uy_thac", "Ủy thác", "Entrusted to another office", 4, valueType),
    field("phai_thi_hanh", "Tổng số phải thi hành", "Total to enforce", 5, valueType, { kind: "derived", formula: "{tong_thu_ly} - {uy_thac}" }),
    field("co_dieu_kien", "Có điều kiện thi hành", "Enforceable", 6, valueType, { kind: "derived", formula: parts, partOf: "phai_thi_hanh" }),
    field("thi_hanh_xong", "Thi hành xong", "Completed", 7, valueType, { partOf: "co_dieu_kien" }),
    field("dinh_chi", "Đình chỉ thi hành án", "Terminated", 8, valueType, { partOf: "co_dieu_kien" }),
  ];
  if (withReduction) fields.push(field("giam", "Giảm thi hành án", "Reduced", 9, valueType, { partOf: "co_dieu_kien" }));
  const next = withReduction ? 10 : 9;
  fields.push(
    field("dang_thi_hanh", "Đang thi hành", "In progress", next, valueType, { partOf: "co_dieu_kien" }),
    field("hoan_co_dk", "Hoãn (theo thỏa thuận) / khác", "Postponed by agreement / other", next + 1, valueType, { partOf: "co_dieu_kien" }),
    field("chua_co_dieu_kien", "Chưa có điều kiện thi hành", "Not enforceable", next + 2, valueType, {
      kind: "derived",
      formula: "{phai_thi_hanh} - {co_dieu_kien}",
      partOf: "phai_thi_hanh",
    }),
  );
  return fields;
}

/** "Có điều kiện thi hành" = its parts; money adds "giảm thi hành án". */
function enforceableParts(withReduction: boolean): string {
  return withReduction ? "sum({thi_hanh_xong}, {dinh_chi}, {giam}, {dang_thi_hanh})" : "sum({thi_hanh_xong}, {dinh_chi}, {dang_thi_hanh})";
}

function publishedFields(valueType: FieldDefinition["valueType"], withReduction: boolean, v: CaseVersion): FieldDefinition[] {
  const fields: FieldDefinition[] = [
    field("tong_thu_ly", "Tổng số thụ lý", "Total caseload", 1, valueType, { kind: "derived", formula: "{nam_truoc_chuyen_sang} + {thu_ly_moi}" }),
    field("nam_truoc_chuyen_sang", "Năm trước chuyển sang", "Carried over from last year", 2, valueType, { partOf: "tong_thu_ly" }),
    field("thu_ly_moi", "Thụ lý mới", "Newly accepted", 3, valueType, { partOf: "tong_thu_ly" }),
    // The Vietnamese label stays the word clerks' sheets use (recognition reads it); from
    // 1/7/2025 the English label and the notes say that only another province can receive.
    v.entrustWithinProvince
      ? field("uy_thac", "Ủy thác", "Entrusted to another office", 4, valueType)
      : field("uy_thac", "Ủy thác", "Entrusted to another province", 4, valueType),
    field("thu_hoi_huy", "Thu hồi, hủy quyết định thi hành án", "Enforcement decisions withdrawn or annulled", 5, valueType),
    field("phai_thi_hanh", "Tổng số phải thi hành", "Total to enforce", 6, valueType, { kind: "derived", formula: "{tong_thu_ly} - {uy_thac} - {thu_hoi_huy}" }),
    field("co_dieu_kien", "Có điều kiện thi hành", "Enforceable", 7, valueType, { kind: "derived", formula: enforceableParts(withReduction), partOf: "phai_thi_hanh" }),
    field("thi_hanh_xong", "Thi hành xong", "Completed", 8, valueType, { partOf: "co_dieu_kien" }),
    field("dinh_chi", "Đình chỉ thi hành án", "Terminated", 9, valueType, { partOf: "co_dieu_kien" }),
  ];
  if (withReduction) fields.push(field("giam", "Giảm thi hành án", "Reduced", 10, valueType, { partOf: "co_dieu_kien" }));
  const next = withReduction ? 11 : 10;
  // The published order: có điều kiện, chưa có điều kiện, then the third bucket; the separate book last.
  fields.push(
    field("dang_thi_hanh", "Đang thi hành", "In progress", next, valueType, { partOf: "co_dieu_kien" }),
    // Cases already moved to the separate book are not in it (they are the memo line below).
    field("chua_co_dieu_kien", "Chưa có điều kiện thi hành", "Not enforceable (separate book excluded)", next + 1, valueType, {
      partOf: "phai_thi_hanh",
    }),
    field("hoan_tam_dinh_chi", "Hoãn, tạm đình chỉ, khác", "Postponed, suspended, other", next + 2, valueType, { partOf: "phai_thi_hanh" }),
    field("so_theo_doi_rieng", "Chưa có điều kiện đã chuyển sổ theo dõi riêng", "Not enforceable, moved to the separate book", next + 3, valueType),
  );
  return fields;
}

// ——— Rules ———

function crossPeriodRules(p: string, withReduction: boolean, carriedOver: string): RuleDefinition[] {
  const rules: RuleDefinition[] = [
    // Cumulative figures run from 1 October: within one statistical year they never go down.
    cumulativeRule(p + "X1", "thu_ly_moi", "Thụ lý mới", "Newly accepted"),
    cumulativeRule(p + "X2", "thi_hanh_xong", "Thi hành xong", "Completed"),
    cumulativeRule(p + "X3", "dinh_chi", "Đình chỉ", "Terminated"),
    constantRule(p + "X4", "nam_truoc_chuyen_sang", "Năm trước chuyển sang", "Carried over from last year"),
    // Cases moved to the separate book (sổ theo dõi riêng) at closing explain a difference,
    // so this is a warning that asks for an explanation, not an error.
    rule(p + "X5", "{nam_truoc_chuyen_sang} = " + carriedOver, "warning",
      "Năm trước chuyển sang bằng số chuyển kỳ sau của báo cáo 12 tháng năm trước",
      "Carried over equals the amount carried forward in last year's 12-month report"),
    // Auditors look for a sudden shift from có điều kiện to chưa có điều kiện (the Tổng cục's
    // letter on 9-month 2023 results forbids "phân loại án không chính xác"): growth of "not
    // enforceable" beyond the month's new intake means cases were reclassified; more than 10%
    // of last month's enforceable cases needs an explanation. Stated in cases, not shares, so
    // a unit with a handful of cases is not flagged for one.
    rule(p + "X6", "{chua_co_dieu_kien} - prev_month{chua_co_dieu_kien} ≤ {phai_thi_hanh} - prev_month{phai_thi_hanh} + 0.1 * prev_month{co_dieu_kien}", "warning",
      "Số chuyển từ có điều kiện sang chưa có điều kiện thi hành vượt 10% số có điều kiện của tháng trước",
      "More than 10% of last month's enforceable amount moved to not enforceable"),
  ];
  if (withReduction) rules.push(cumulativeRule(p + "X7", "giam", "Giảm thi hành án", "Reduced"));
  return rules;
}

/** What last year's 12-month report carried forward: phải thi hành minus what left it (done, and money reduced). */
function carriedOverExpression(withReduction: boolean): string {
  return withReduction
    ? "prev_year_final{phai_thi_hanh} - prev_year_final{thi_hanh_xong} - prev_year_final{dinh_chi} - prev_year_final{giam}"
    : "prev_year_final{phai_thi_hanh} - prev_year_final{thi_hanh_xong} - prev_year_final{dinh_chi}";
}

function firstRules(formId: string, withReduction: boolean): RuleDefinition[] {
  const p = formId + ".";
  const parts = withReduction
    ? "sum({thi_hanh_xong}, {dinh_chi}, {giam}, {dang_thi_hanh}, {hoan_co_dk})"
    : "sum({thi_hanh_xong}, {dinh_chi}, {dang_thi_hanh}, {hoan_co_dk})";
  return [
    rule(p + "R1", "{tong_thu_ly} = {nam_truoc_chuyen_sang} + {thu_ly_moi}", "error",
      "Tổng số thụ lý bằng năm trước chuyển sang cộng thụ lý mới", "Total caseload equals carried over plus newly accepted"),
    rule(p + "R2", "{uy_thac} ≤ {tong_thu_ly}", "error",
      "Ủy thác không vượt quá tổng số thụ lý", "Entrusted cannot exceed the total caseload"),
    rule(p + "R3", "{phai_thi_hanh} = {tong_thu_ly} - {uy_thac}", "error",
      "Tổng số phải thi hành bằng tổng số thụ lý trừ ủy thác", "Total to enforce equals total caseload minus entrusted"),
    rule(p + "R4", "{co_dieu_kien} = " + parts, "error",
      "Có điều kiện thi hành bằng tổng các phần của nó", "Enforceable equals the sum of its parts"),
    rule(p + "R5", "{chua_co_dieu_kien} = {phai_thi_hanh} - {co_dieu_kien}", "error",
      "Chưa có điều kiện bằng phải thi hành trừ có điều kiện", "Not enforceable equals total to enforce minus enforceable"),
    rule(p + "R6", "{co_dieu_kien} ≤ {phai_thi_hanh}", "error",
      "Có điều kiện thi hành không vượt quá tổng số phải thi hành", "Enforceable cannot exceed the total to enforce"),
  ].concat(crossPeriodRules(p, withReduction, carriedOverExpression(withReduction)));
}

function publishedRules(formId: string, withReduction: boolean): RuleDefinition[] {
  const p = formId + ".";
  return [
    rule(p + "R1", "{tong_thu_ly} = {nam_truoc_chuyen_sang} + {thu_ly_moi}", "error",
      "Tổng số thụ lý bằng năm trước chuyển sang cộng thụ lý mới", "Total caseload equals carried over plus newly accepted"),
    rule(p + "R2", "{uy_thac} + {thu_hoi_huy} ≤ {tong_thu_ly}", "error",
      "Ủy thác và thu hồi, hủy quyết định không vượt quá tổng số thụ lý",
      "Entrusted plus withdrawn or annulled cannot exceed the total caseload"),
    rule(p + "R3", "{phai_thi_hanh} = {tong_thu_ly} - {uy_thac} - {thu_hoi_huy}", "error",
      "Tổng số phải thi hành bằng tổng số thụ lý trừ ủy thác, trừ thu hồi, hủy quyết định",
      "Total to enforce equals total caseload minus entrusted minus withdrawn or annulled"),
    rule(p + "R4", "{co_dieu_kien} = " + enforceableParts(withReduction), "error",
      "Có điều kiện thi hành bằng tổng các phần của nó", "Enforceable equals the sum of its parts"),
    // The third bucket is in neither có điều kiện nor chưa có điều kiện (Đồng Tháp 2025:
    // 34.110 + 17.034 + 2.122 = 53.266); the separate book is outside all three.
    rule(p + "R5", "{phai_thi_hanh} = {co_dieu_kien} + {chua_co_dieu_kien} + {hoan_tam_dinh_chi}", "error",
      "Phải thi hành bằng có điều kiện cộng chưa có điều kiện cộng hoãn, tạm đình chỉ, khác",
      "Total to enforce equals enforceable plus not enforceable plus postponed, suspended, other"),
  ].concat(crossPeriodRules(p, withReduction, carriedOverExpression(withReduction)));
}

// ——— Indicators ———

/**
 * The completion rate (the one with targets) and the shares of phải thi hành that are
 * enforceable, not enforceable and, from the published layout on, in the third bucket:
 * published figures quote them (64,04% / 31,98% / 3,98%), and a growing share of chưa có
 * điều kiện is the reclassification auditors watch.
 *
 * Money: whether "giảm" counts as done is unconfirmed; the official definition of money
 * done begins with "đã thu được" (actually collected), so by default it does not. It still
 * leaves chuyển kỳ sau (a reduced amount is no longer owed). Both are data: an administrator
 * moves "giam" into the numerator without a code change.
 */
function caseIndicators(what: "viec" | "tien", v: CaseVersion): IndicatorDefinition[] {
  const vi = what === "viec" ? "về việc" : "về tiền";
  const en = what === "viec" ? "in cases" : "in money";
  const short: [string, string] = what === "viec" ? ["việc", "cases"] : ["tiền", "money"];
  const list = [
    indicator("rate_" + what, "Tỷ lệ thi hành xong " + vi, "Completion rate " + en, short, ["thi_hanh_xong", "dinh_chi"], ["co_dieu_kien"], {
      targeted: true,
      // The climbing rate the outlook was made for: cumulative from 1 October, it climbs all
      // year (docs/outlook.md: "rate now" is 59 points short of September from October, the
      // path 10); projected along last year's path.
      projection: "path",
      remainderOf: ["phai_thi_hanh"],
      ...(what === "tien" ? { remainderLess: ["giam"] } : {}),
    }),
    indicator("share_co_dk_" + what, "Tỷ lệ có điều kiện thi hành " + vi, "Share enforceable " + en, short, ["co_dieu_kien"], ["phai_thi_hanh"]),
    indicator("share_chua_co_dk_" + what, "Tỷ lệ chưa có điều kiện thi hành " + vi, "Share not enforceable " + en, short,
      ["chua_co_dieu_kien"], ["phai_thi_hanh"], { direction: "lower" }),
  ];
  if (v.layout === "published_2025") {
    list.push(indicator("share_hoan_" + what, "Tỷ lệ hoãn, tạm đình chỉ, khác " + vi, "Share postponed, suspended, other " + en, short,
      ["hoan_tam_dinh_chi"], ["phai_thi_hanh"], { direction: "lower" }));
  }
  return list;
}

// ——— Notes ———

function notesOf(v: CaseVersion, money: boolean): string[] {
  const notes = [RECONSTRUCTED_NOTE];
  if (v.layout === "first_reconstruction") {
    notes.push(
      "Bố cục dựng lại lần đầu, trước khi có số liệu công bố năm 2025; giữ nguyên cho các kỳ đến 25/7/2024 để báo cáo đã gửi theo bố cục này vẫn được kiểm tra lại như lúc gửi. / The first reconstruction, from before the published 2025 figures; kept for periods up to 25/7/2024 so that reports sent under it re-validate as they did when sent.",
    );
  } else {
    notes.push(
      "Phải thi hành = tổng số thụ lý − ủy thác − thu hồi, hủy quyết định thi hành án; chia thành có điều kiện, chưa có điều kiện (trừ số đã chuyển sổ theo dõi riêng) và hoãn, tạm đình chỉ, khác (không thuộc có điều kiện); số đã chuyển sổ theo dõi riêng ghi riêng, ngoài phải thi hành — theo số liệu công bố của THADS tỉnh Đồng Tháp 9 tháng năm 2025. / Total to enforce = caseload − entrusted − withdrawn or annulled; it splits into enforceable, not enforceable (separate book excluded) and postponed, suspended, other (outside enforceable); the separate book is a memo line outside it — as in Đồng Tháp's published 9-month 2025 figures.",
    );
  }
  if (!v.entrustWithinProvince) {
    notes.push(
      "Từ 01/7/2025 các Phòng THADS khu vực là bộ phận của THADS tỉnh, không ủy thác cho nhau: ủy thác chỉ còn ra ngoài tỉnh. Không có quy tắc kiểm tra được điều này trên biểu: biểu chỉ có tổng số ủy thác của đơn vị, không có nơi nhận. / From 1/7/2025 the regional offices are parts of one province and cannot entrust cases to each other. No rule can check it on the form: it holds the unit's total entrusted, not where each case went.",
    );
  }
  if (v.separateBookAfterYears === 2) {
    notes.push(
      "Từ 01/7/2026 (Nghị định 152/2026/NĐ-CP, Điều 22) việc chưa có điều kiện chuyển sổ theo dõi riêng sau 02 năm (trước đây 01 năm). / From 1/7/2026 a case moves to the separate book after two years without conditions (one before).",
    );
  }
  if (money) {
    notes.push(
      "Chưa xác nhận 'giảm thi hành án' có được tính là xong; mặc định không tính vào tỷ lệ (số tiền xong bắt đầu từ số 'đã thu được') nhưng vẫn trừ khỏi số chuyển kỳ sau. / Unconfirmed whether 'reduced' counts as done; by default it does not count in the rate (money done starts from money actually collected) but still leaves the amount carried forward.",
    );
  }
  return notes;
}

// ——— The forms ———

/** Form 01 (cases) or 02 (money): the same layout, money adding giảm thi hành án. */
function caseForm(v: CaseVersion, money: boolean): FormDefinition {
  const first = v.layout === "first_reconstruction";
  const id = money ? "02" : "01";
  const valueType = money ? "money" : "count";
  return {
    id,
    code: v.code.replace("01", id),
    title: money
      ? { vi: "Kết quả thi hành án dân sự tính bằng tiền", en: "Civil judgment enforcement results counted in money" }
      : { vi: "Kết quả thi hành án dân sự tính bằng việc", en: "Civil judgment enforcement results counted in cases" },
    regime: v.regime,
    validFrom: v.validFrom,
    validTo: v.validTo,
    unit: money ? "nghin_dong" : "viec",
    fields: first ? firstFields(valueType, money) : publishedFields(valueType, money, v),
    rules: first ? firstRules(id, money) : publishedRules(id, money),
    indicators: caseIndicators(money ? "tien" : "viec", v),
    notes: notesOf(v, money),
  };
}

/** Forms 01 and 02, every version, oldest first within each form. */
export const CASE_RESULT_FORMS: readonly FormDefinition[] = VERSIONS.map((v) => caseForm(v, false)).concat(VERSIONS.map((v) => caseForm(v, true)));
