import type { FieldDefinition, FormDefinition, RowShape } from "../types";
import type { RuleDefinition } from "../../rules/types";
import { MONTHLY_SET_VERSIONS, NO_PUBLISHED_LAYOUT_NOTE, cumulativeRule, field, indicator, rule, type Version } from "./build";

/**
 * Forms 04 (việc) and 05 (tiền): results by agency and by Chấp hành viên. The unit's row is the
 * agency's results, which roll up the hierarchy like any form; below it, one row per officer
 * (`rows: { kind: "officer" }`), whose figures add up to the unit's, stay with the unit's report
 * and are not summed above it. Reconstructed: the parts of có điều kiện and phải thi hành as in
 * forms 01/02 from 26/7/2024, without the stock-and-flow columns an officer's caseload lacks
 * (carried over, entrusted): those stay on forms 01/02.
 */

const OFFICER_ROWS = (inputs: string[]): RowShape => ({
  kind: "officer",
  rowLabel: { vi: "Chấp hành viên", en: "Enforcement officer" },
  fields: inputs,
});

function fieldsOf(money: boolean): FieldDefinition[] {
  const valueType = money ? "money" : "count";
  const parts = money ? "sum({thi_hanh_xong}, {dinh_chi}, {giam}, {dang_thi_hanh})" : "sum({thi_hanh_xong}, {dinh_chi}, {dang_thi_hanh})";
  const list: FieldDefinition[] = [
    field("phai_thi_hanh", "Tổng số phải thi hành", "Total to enforce", 1, valueType, {
      kind: "derived", formula: "{co_dieu_kien} + {chua_co_dieu_kien} + {hoan_tam_dinh_chi}",
    }),
    field("co_dieu_kien", "Có điều kiện thi hành", "Enforceable", 2, valueType, { kind: "derived", formula: parts, partOf: "phai_thi_hanh" }),
    field("thi_hanh_xong", "Thi hành xong", "Completed", 3, valueType, { partOf: "co_dieu_kien" }),
    field("dinh_chi", "Đình chỉ thi hành án", "Terminated", 4, valueType, { partOf: "co_dieu_kien" }),
  ];
  if (money) list.push(field("giam", "Giảm thi hành án", "Reduced", 5, valueType, { partOf: "co_dieu_kien" }));
  const next = money ? 6 : 5;
  list.push(
    field("dang_thi_hanh", "Đang thi hành", "In progress", next, valueType, { partOf: "co_dieu_kien" }),
    field("chua_co_dieu_kien", "Chưa có điều kiện thi hành", "Not enforceable", next + 1, valueType, { partOf: "phai_thi_hanh" }),
    field("hoan_tam_dinh_chi", "Hoãn, tạm đình chỉ, khác", "Postponed, suspended, other", next + 2, valueType, { partOf: "phai_thi_hanh" }),
  );
  return list;
}

function rulesOf(id: string, money: boolean): RuleDefinition[] {
  const p = id + ".";
  const parts = money ? "sum({thi_hanh_xong}, {dinh_chi}, {giam}, {dang_thi_hanh})" : "sum({thi_hanh_xong}, {dinh_chi}, {dang_thi_hanh})";
  const rules = [
    rule(p + "R1", "{co_dieu_kien} = " + parts, "error",
      "Có điều kiện thi hành bằng tổng các phần của nó", "Enforceable equals the sum of its parts"),
    rule(p + "R2", "{phai_thi_hanh} = {co_dieu_kien} + {chua_co_dieu_kien} + {hoan_tam_dinh_chi}", "error",
      "Phải thi hành bằng có điều kiện cộng chưa có điều kiện cộng hoãn, tạm đình chỉ, khác",
      "Total to enforce equals enforceable plus not enforceable plus postponed, suspended, other"),
    cumulativeRule(p + "X1", "thi_hanh_xong", "Thi hành xong", "Completed"),
    cumulativeRule(p + "X2", "dinh_chi", "Đình chỉ", "Terminated"),
  ];
  if (money) rules.push(cumulativeRule(p + "X3", "giam", "Giảm thi hành án", "Reduced"));
  return rules;
}

function officerForm(id: "04" | "05", v: Version): FormDefinition {
  const money = id === "05";
  const fields = fieldsOf(money);
  const vi = money ? "về tiền" : "về việc";
  const en = money ? "in money" : "in cases";
  return {
    id,
    code: "Mẫu số " + id,
    title: money
      ? { vi: "Kết quả thi hành án dân sự tính bằng tiền theo cơ quan thi hành án và Chấp hành viên", en: "Results in money by agency and enforcement officer" }
      : { vi: "Kết quả thi hành án dân sự tính bằng việc theo cơ quan thi hành án và Chấp hành viên", en: "Results in cases by agency and enforcement officer" },
    regime: v.regime,
    validFrom: v.validFrom,
    validTo: v.validTo,
    unit: money ? "nghin_dong" : "viec",
    fields,
    rules: rulesOf(id, money),
    indicators: [
      indicator("rate_chv_" + (money ? "tien" : "viec"), "Tỷ lệ thi hành xong " + vi + " (theo Chấp hành viên)", "Completion rate " + en + " (by officer)",
        money ? ["tiền (CHV)", "money (officers)"] : ["việc (CHV)", "cases (officers)"], ["thi_hanh_xong", "dinh_chi"], ["co_dieu_kien"],
        { remainderOf: ["phai_thi_hanh"], ...(money ? { remainderLess: ["giam"] } : {}) }),
    ],
    rows: OFFICER_ROWS(fields.filter((f) => f.kind === "input").map((f) => f.key)),
    notes: [
      NO_PUBLISHED_LAYOUT_NOTE,
      "Mỗi Chấp hành viên một dòng dưới dòng của đơn vị; tổng các dòng phải bằng số của đơn vị. Số của đơn vị nên bằng số tương ứng của Mẫu số " + (money ? "02" : "01") +
        " cùng kỳ (chưa kiểm tra tự động: quy tắc chỉ đọc một biểu). / One row per enforcement officer under the unit's row; the rows must add up to the unit's figures, which should equal form " +
        (money ? "02" : "01") + "'s for the period (not checked: a rule reads one form).",
    ],
  };
}

export const OFFICER_FORMS: readonly FormDefinition[] = MONTHLY_SET_VERSIONS.map((v) => officerForm("04", v)).concat(MONTHLY_SET_VERSIONS.map((v) => officerForm("05", v)));
