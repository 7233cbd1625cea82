import type { FormDefinition } from "../types";
import { MONTHLY_SET_VERSIONS, NO_PUBLISHED_LAYOUT_NOTE, constantRule, cumulativeRule, field, indicator, rule, type Version } from "./build";

/**
 * Form 06: exemption and reduction of obligations owed to the state budget (miễn, giảm nghĩa vụ
 * thi hành án): cases that qualify are proposed to the court, which exempts, reduces or refuses.
 * Provinces push to propose every case that qualifies ("chủ động lập hồ sơ đề nghị Tòa án xét
 * miễn, giảm", Lai Châu THADS notice on 2026 targets). Reconstructed, in money only: one form
 * has one unit of measure here, and the amounts are what the budget gives up.
 */
function form06(v: Version): FormDefinition {
  return {
    id: "06",
    code: "Mẫu số 06",
    title: { vi: "Kết quả xét miễn, giảm nghĩa vụ thi hành án", en: "Exemption and reduction of enforcement obligations" },
    regime: v.regime,
    validFrom: v.validFrom,
    validTo: v.validTo,
    unit: "nghin_dong",
    fields: [
      field("tong_du_dieu_kien", "Tổng số tiền đủ điều kiện xét miễn, giảm", "Amount qualifying for exemption or reduction", 1, "money", {
        kind: "derived", formula: "{ky_truoc_chuyen_sang} + {moi_du_dieu_kien}",
      }),
      field("ky_truoc_chuyen_sang", "Kỳ trước chuyển sang", "Carried over", 2, "money", { partOf: "tong_du_dieu_kien" }),
      field("moi_du_dieu_kien", "Mới đủ điều kiện", "Newly qualifying", 3, "money", { partOf: "tong_du_dieu_kien" }),
      field("da_de_nghi", "Đã đề nghị Tòa án xét", "Proposed to the court", 4, "money", {
        kind: "derived", formula: "sum({mien}, {duoc_giam}, {khong_chap_nhan}, {dang_xet})", partOf: "tong_du_dieu_kien",
      }),
      field("mien", "Được miễn", "Exempted", 5, "money", { partOf: "da_de_nghi" }),
      field("duoc_giam", "Được giảm", "Reduced", 6, "money", { partOf: "da_de_nghi" }),
      field("khong_chap_nhan", "Tòa án không chấp nhận", "Refused by the court", 7, "money", { partOf: "da_de_nghi" }),
      field("dang_xet", "Tòa án đang xét", "Before the court", 8, "money", { partOf: "da_de_nghi" }),
      field("chua_de_nghi", "Chưa đề nghị", "Not yet proposed", 9, "money", { partOf: "tong_du_dieu_kien" }),
    ],
    rules: [
      rule("06.R1", "{tong_du_dieu_kien} = {ky_truoc_chuyen_sang} + {moi_du_dieu_kien}", "error",
        "Tổng số đủ điều kiện bằng kỳ trước chuyển sang cộng mới đủ điều kiện", "Qualifying equals carried over plus newly qualifying"),
      rule("06.R2", "{da_de_nghi} = sum({mien}, {duoc_giam}, {khong_chap_nhan}, {dang_xet})", "error",
        "Đã đề nghị bằng được miễn, được giảm, không chấp nhận và đang xét", "Proposed equals exempted, reduced, refused and before the court"),
      rule("06.R3", "{tong_du_dieu_kien} = {da_de_nghi} + {chua_de_nghi}", "error",
        "Tổng số đủ điều kiện bằng đã đề nghị cộng chưa đề nghị", "Qualifying equals proposed plus not yet proposed"),
      cumulativeRule("06.X1", "moi_du_dieu_kien", "Số mới đủ điều kiện", "Newly qualifying"),
      cumulativeRule("06.X2", "mien", "Số được miễn", "Exempted"),
      cumulativeRule("06.X3", "duoc_giam", "Số được giảm", "Reduced"),
      cumulativeRule("06.X4", "khong_chap_nhan", "Số Tòa án không chấp nhận", "Refused by the court"),
      constantRule("06.X5", "ky_truoc_chuyen_sang", "Kỳ trước chuyển sang", "Carried over"),
      rule("06.X6", "{ky_truoc_chuyen_sang} = prev_year_final{tong_du_dieu_kien} - prev_year_final{mien} - prev_year_final{duoc_giam} - prev_year_final{khong_chap_nhan}", "warning",
        "Kỳ trước chuyển sang bằng số chưa được Tòa án xét xong của báo cáo 12 tháng năm trước",
        "Carried over equals what the court had not decided in last year's 12-month report"),
    ],
    indicators: [
      indicator("rate_de_nghi_mien_giam", "Tỷ lệ đã đề nghị xét miễn, giảm", "Share proposed to the court", ["đề nghị miễn, giảm", "proposed"],
        ["da_de_nghi"], ["tong_du_dieu_kien"]),
      indicator("rate_chap_nhan_mien_giam", "Tỷ lệ được Tòa án chấp nhận miễn, giảm", "Share granted by the court", ["được miễn, giảm", "granted"],
        ["mien", "duoc_giam"], ["mien", "duoc_giam", "khong_chap_nhan"]),
    ],
    notes: [
      NO_PUBLISHED_LAYOUT_NOTE,
      "Biểu chỉ tính bằng tiền (nghìn đồng): số việc tương ứng chưa được dựng lại. / Counted in money only (nghìn đồng): the matching numbers of cases are not reconstructed.",
    ],
  };
}

export const EXEMPTION_FORMS: readonly FormDefinition[] = MONTHLY_SET_VERSIONS.map(form06);
