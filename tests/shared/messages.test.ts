import { describe, expect, it } from "vitest";
import type { Finding, FindingCode } from "../../shared/findings";
import { describeFinding, formatRuleNumber, ruleSyntaxMessage } from "../../shared/messages";
import { evaluateRules, parseRule, RuleSyntaxError } from "../../shared/rules";
import { checkValues } from "../../shared/values";

const LABELS: Record<string, string> = {
  phai_thi_hanh: "Tổng số phải thi hành",
  tong_thu_ly: "Tổng số thụ lý",
  uy_thac: "Ủy thác",
  thu_ly_moi: "Thụ lý mới",
  chua_co_dieu_kien: "Chưa có điều kiện thi hành",
};
const labelOf = (key: string) => LABELS[key] ?? key;

// A Record over FindingCode: adding a code to findings.ts without a sample here fails to compile.
const SAMPLES: Record<FindingCode, Finding> = {
  rule_violated: {
    code: "rule_violated",
    severity: "error",
    ruleId: "01.R1",
    fields: ["phai_thi_hanh", "tong_thu_ly", "uy_thac"],
    params: { left: 12_345, right: 12_300, difference: 45, operator: "=", tolerance: 0, expression: "{phai_thi_hanh} = {tong_thu_ly} - {uy_thac}" },
  },
  missing_value: { code: "missing_value", severity: "error", fields: ["thu_ly_moi"], params: {} },
  not_a_number: { code: "not_a_number", severity: "error", fields: ["thu_ly_moi"], params: { value: "mười hai" } },
  not_integer: { code: "not_integer", severity: "error", fields: ["thu_ly_moi"], params: { value: 12.5 } },
  negative: { code: "negative", severity: "error", fields: ["thu_ly_moi"], params: { value: -3 } },
  unsafe_integer: { code: "unsafe_integer", severity: "error", fields: ["thu_ly_moi"], params: { value: 2 ** 53 } },
  unknown_field: { code: "unknown_field", severity: "error", fields: ["tong_so_cu"], params: { value: 1 } },
  rows_missing: { code: "rows_missing", severity: "error", fields: [], params: {} },
  rows_unexpected: { code: "rows_unexpected", severity: "error", fields: [], params: {} },
  row_duplicate: { code: "row_duplicate", severity: "error", fields: [], params: { row: { key: "CHV01", label: "Nguyễn Văn An" } } },
  rows_sum: { code: "rows_sum", severity: "error", fields: ["thu_ly_moi"], params: { left: 1_250, right: 1_200, difference: 50 } },
  not_a_date: { code: "not_a_date", severity: "error", fields: ["ngay_thu_ly"], params: { value: "31/02/2026", row: { key: "V1", label: "Việc 1" } } },
};

// Letters that only Vietnamese with its diacritics uses; an unaccented text has none of them.
const VIETNAMESE = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/i;

describe("the message table", () => {
  it.each(Object.keys(SAMPLES) as FindingCode[])("has Vietnamese and English text for %s", (code) => {
    const text = describeFinding(SAMPLES[code], labelOf);
    expect(text.vi).toMatch(VIETNAMESE);
    expect(text.en).not.toMatch(/^\s*$/);
    expect(text.en).not.toBe(text.vi);
  });

  it("names the row of a finding on one submitted row, and states a breakdown's sum against the unit's figure", () => {
    expect(describeFinding(SAMPLES.row_duplicate).vi).toBe("Dòng “Nguyễn Văn An” (CHV01): Hai dòng có cùng mã; mỗi dòng phải có mã riêng.");
    expect(describeFinding(SAMPLES.rows_sum, labelOf)).toEqual({
      vi: "Tổng “Thụ lý mới” của các dòng (1.250) phải bằng số của đơn vị (1.200); chênh lệch 50.",
      en: "The rows' “Thụ lý mới” add up to 1,250, not the unit's 1,200; difference 50.",
    });
  });

  it("names fields by their form labels, or by key when no labels are given", () => {
    expect(describeFinding(SAMPLES.negative, labelOf).vi).toContain("“Thụ lý mới”");
    expect(describeFinding(SAMPLES.negative).vi).toContain("“thu_ly_moi”");
  });

  it("shows offending values in each language's number style", () => {
    expect(describeFinding(SAMPLES.not_integer, labelOf)).toEqual({
      vi: expect.stringContaining("12,5"),
      en: expect.stringContaining("12.5"),
    });
    expect(describeFinding(SAMPLES.not_a_number, labelOf).vi).toContain("“mười hai”");
    expect(describeFinding(SAMPLES.unsafe_integer, labelOf).vi).toContain("9.007.199.254.740.992");
  });
});

describe("a violated rule reads as a sentence a clerk can act on", () => {
  it("shows both sides with labels, both values and the difference in Vietnamese style", () => {
    expect(describeFinding(SAMPLES.rule_violated, labelOf)).toEqual({
      vi: "Tổng số phải thi hành (12.345) phải bằng Tổng số thụ lý − Ủy thác (12.300); chênh lệch 45.",
      en: "Tổng số phải thi hành (12,345) must equal Tổng số thụ lý − Ủy thác (12,300); difference 45.",
    });
  });

  it("uses the evaluator's own finding, with previous-month labels and thousands separators", () => {
    const { findings } = evaluateRules(
      [{ id: "01.C1", expression: "{thu_ly_moi} >= prev_month{thu_ly_moi}", severity: "warning" }],
      { values: { thu_ly_moi: 1_234_000 }, prevMonth: { thu_ly_moi: 1_250_500 } },
    );
    const text = describeFinding(findings[0]!, labelOf);
    expect(text.vi).toBe(
      "Thụ lý mới (1.234.000) không được nhỏ hơn Thụ lý mới tháng trước (1.250.500); chênh lệch -16.500.",
    );
    expect(text.en).toContain("must be at least");
  });

  it.each([
    ["≠", "phải khác"],
    ["<", "phải nhỏ hơn"],
    ["≤", "không được lớn hơn"],
    [">", "phải lớn hơn"],
  ])("words %s as “%s”", (op, verb) => {
    const f: Finding = { ...SAMPLES.rule_violated, params: { ...SAMPLES.rule_violated.params, operator: op, expression: "{uy_thac} " + op + " {tong_thu_ly}" } };
    expect(describeFinding(f, labelOf).vi).toContain("Ủy thác (12.345) " + verb + " Tổng số thụ lý (12.300)");
  });

  it("shows ratios with decimals, constants once, and the tolerance when there is one", () => {
    const f: Finding = {
      code: "rule_violated",
      severity: "warning",
      ruleId: "01.S1",
      fields: ["chua_co_dieu_kien", "phai_thi_hanh"],
      params: {
        left: 0.5,
        right: 0.45,
        difference: 0.05,
        operator: "≤",
        tolerance: 0.01,
        expression: "{chua_co_dieu_kien} / {phai_thi_hanh} ≤ 0.45",
      },
    };
    expect(describeFinding(f, labelOf).vi).toBe(
      "Chưa có điều kiện thi hành / Tổng số phải thi hành (0,5) không được lớn hơn 0,45; chênh lệch 0,05. Dung sai cho phép: 0,01.",
    );
  });

  it("still gives both values when the rule text is missing", () => {
    const f: Finding = { ...SAMPLES.rule_violated, params: { left: 12_345, right: 12_300, difference: 45, operator: "=" } };
    expect(describeFinding(f).vi).toBe("Vế trái (12.345) phải bằng vế phải (12.300); chênh lệch 45.");
  });
});

describe("value-check findings end to end", () => {
  it("words each checkValues finding with the field label", () => {
    const { findings } = checkValues({ thu_ly_moi: "1234", uy_thac: null, la: 1 }, [
      { key: "thu_ly_moi", valueType: "count", required: true },
      { key: "uy_thac", valueType: "count", required: true },
    ]);
    expect(findings.map((f) => describeFinding(f, labelOf).vi)).toEqual([
      "“Thụ lý mới” phải là một số; ô đang chứa “1234”.",
      "Chưa nhập “Ủy thác”: đây là chỉ tiêu bắt buộc.",
      "Biểu mẫu không có chỉ tiêu “la”; hãy kiểm tra tệp Excel có dùng đúng mẫu biểu hiện hành không.",
    ]);
  });
});

describe("helpers", () => {
  it("formats rule numbers the Vietnamese way and the English way", () => {
    expect(formatRuleNumber(1_277_040_781)).toBe("1.277.040.781");
    expect(formatRuleNumber(1_277_040_781, "en")).toBe("1,277,040,781");
    expect(formatRuleNumber(0.13655)).toBe("0,1366");
    expect(formatRuleNumber(-2.5, "en")).toBe("-2.5");
  });

  it("locates a rule syntax error for the administrator, counting characters from 1", () => {
    let err: RuleSyntaxError | undefined;
    try {
      parseRule("{a} = avg({b})");
    } catch (e) {
      err = e as RuleSyntaxError;
    }
    expect(ruleSyntaxMessage(err!, "01.R9")).toEqual({
      vi: "Quy tắc 01.R9, ký tự thứ 7: Hàm “avg” không tồn tại: chỉ dùng sum, min, max, abs.",
      en: "Rule 01.R9, character 7: Unknown function “avg”: expected sum, min, max or abs.",
    });
  });
});
