import type { FormDefinition } from "../types";
import { MONTHLY_SET_VERSIONS, NO_PUBLISHED_LAYOUT_NOTE, constantRule, cumulativeRule, field, indicator, rule, type Version } from "./build";

/**
 * Form 03: what enforcement collects for the state budget (án phí, tiền phạt, tịch thu, truy
 * thu…) and pays into it. Reconstructed: no published figure shows its layout, only that
 * provinces track "khoản thu cho ngân sách nhà nước" and that paying it in late is a finding
 * of inspections (Tổng cục THADS letter on 9-month 2023 results). The same stock-and-flow shape
 * as forms 01/02: phải thi hành = carried over + new; có điều kiện = collected + in progress.
 */
function form03(v: Version): FormDefinition {
  return {
    id: "03",
    code: "Mẫu số 03",
    title: { vi: "Kết quả thi hành các khoản thu cho ngân sách nhà nước", en: "Collections for the state budget" },
    regime: v.regime,
    validFrom: v.validFrom,
    validTo: v.validTo,
    unit: "nghin_dong",
    fields: [
      field("tong_phai_thu", "Tổng số phải thi hành cho ngân sách nhà nước", "Total owed to the state budget", 1, "money", {
        kind: "derived", formula: "{nam_truoc_chuyen_sang} + {thu_ly_moi}",
      }),
      field("nam_truoc_chuyen_sang", "Năm trước chuyển sang", "Carried over from last year", 2, "money", { partOf: "tong_phai_thu" }),
      field("thu_ly_moi", "Thụ lý mới", "Newly accepted", 3, "money", { partOf: "tong_phai_thu" }),
      field("co_dieu_kien", "Có điều kiện thi hành", "Enforceable", 4, "money", {
        kind: "derived", formula: "{da_thu} + {dang_thi_hanh}", partOf: "tong_phai_thu",
      }),
      field("da_thu", "Đã thu", "Collected", 5, "money", { kind: "derived", formula: "sum({an_phi}, {tien_phat}, {thu_khac})", partOf: "co_dieu_kien" }),
      field("an_phi", "Án phí, lệ phí", "Court fees", 6, "money", { partOf: "da_thu" }),
      field("tien_phat", "Tiền phạt", "Fines", 7, "money", { partOf: "da_thu" }),
      field("thu_khac", "Tịch thu, truy thu và khoản thu khác", "Confiscated, recovered and other", 8, "money", { partOf: "da_thu" }),
      field("dang_thi_hanh", "Đang thi hành", "In progress", 9, "money", { partOf: "co_dieu_kien" }),
      field("chua_co_dieu_kien", "Chưa có điều kiện thi hành", "Not enforceable", 10, "money", { partOf: "tong_phai_thu" }),
      field("da_nop_ngan_sach", "Đã nộp ngân sách nhà nước", "Paid into the state budget", 11, "money"),
    ],
    rules: [
      rule("03.R1", "{tong_phai_thu} = {nam_truoc_chuyen_sang} + {thu_ly_moi}", "error",
        "Tổng số phải thi hành bằng năm trước chuyển sang cộng thụ lý mới", "Total owed equals carried over plus newly accepted"),
      rule("03.R2", "{da_thu} = sum({an_phi}, {tien_phat}, {thu_khac})", "error",
        "Đã thu bằng tổng án phí, tiền phạt và các khoản thu khác", "Collected equals fees plus fines plus other"),
      rule("03.R3", "{co_dieu_kien} = {da_thu} + {dang_thi_hanh}", "error",
        "Có điều kiện thi hành bằng đã thu cộng đang thi hành", "Enforceable equals collected plus in progress"),
      rule("03.R4", "{tong_phai_thu} = {co_dieu_kien} + {chua_co_dieu_kien}", "error",
        "Tổng số phải thi hành bằng có điều kiện cộng chưa có điều kiện", "Total owed equals enforceable plus not enforceable"),
      // Money collected for the budget must reach it: paying in late is what inspections find.
      rule("03.R5", "{da_nop_ngan_sach} ≤ {da_thu}", "error",
        "Đã nộp ngân sách không vượt quá số đã thu", "Paid into the budget cannot exceed what was collected"),
      cumulativeRule("03.X1", "thu_ly_moi", "Thụ lý mới", "Newly accepted"),
      cumulativeRule("03.X2", "an_phi", "Án phí, lệ phí đã thu", "Court fees collected"),
      cumulativeRule("03.X3", "tien_phat", "Tiền phạt đã thu", "Fines collected"),
      cumulativeRule("03.X4", "thu_khac", "Khoản thu khác đã thu", "Other amounts collected"),
      cumulativeRule("03.X5", "da_nop_ngan_sach", "Đã nộp ngân sách nhà nước", "Paid into the state budget"),
      constantRule("03.X6", "nam_truoc_chuyen_sang", "Năm trước chuyển sang", "Carried over from last year"),
      rule("03.X7", "{nam_truoc_chuyen_sang} = prev_year_final{tong_phai_thu} - prev_year_final{da_thu}", "warning",
        "Năm trước chuyển sang bằng số còn phải thu của báo cáo 12 tháng năm trước",
        "Carried over equals what last year's 12-month report still had to collect"),
    ],
    indicators: [
      indicator("rate_thu_nsnn", "Tỷ lệ thu cho ngân sách nhà nước", "Collection rate for the state budget", ["thu NSNN", "budget"],
        ["da_thu"], ["co_dieu_kien"], { remainderOf: ["tong_phai_thu"] }),
      indicator("share_nop_nsnn", "Tỷ lệ đã nộp ngân sách nhà nước", "Share paid into the state budget", ["nộp NSNN", "paid in"],
        ["da_nop_ngan_sach"], ["da_thu"]),
    ],
    notes: [
      NO_PUBLISHED_LAYOUT_NOTE,
      "Các khoản thu cho ngân sách nhà nước cũng nằm trong số tiền của Mẫu số 02; biểu này tách riêng chúng. Chưa có chỉ tiêu giao cho tỷ lệ thu ngân sách. / These amounts are also inside form 02's money; this form separates them. No target is assigned to the budget collection rate.",
    ],
  };
}

export const BUDGET_FORMS: readonly FormDefinition[] = MONTHLY_SET_VERSIONS.map(form03);
