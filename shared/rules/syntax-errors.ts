/**
 * Syntax errors of the rule notation. Their wording lives here, beside the grammar, rather
 * than in ../messages: messages.ts parses rule text to label fields, so it depends on the
 * rules module and the rules module must not depend back on it. These texts are read by
 * whoever writes rules (a national administrator), not by the clerk.
 */

export type RuleSyntaxCode =
  | "empty_rule"
  | "unexpected_character"
  | "field_not_closed"
  | "empty_field_name"
  | "invalid_number"
  | "unknown_scope"
  | "scope_needs_field"
  | "unknown_function"
  | "unknown_name"
  | "wrong_arity"
  | "expected_value"
  | "expected_closing_paren"
  | "expected_argument_separator"
  | "comparison_in_parentheses"
  | "missing_comparison"
  | "multiple_comparisons"
  | "expected_operator"
  | "trailing_input"
  | "too_deep";

export interface RuleSyntaxParams {
  /** The offending text as written; absent at the end of the rule. */
  found?: string;
  /** A function or scope name involved. */
  name?: string;
  /** Where the unclosed `{` was (0-based). */
  opened?: number;
}

interface Texts {
  vi: (p: RuleSyntaxParams) => string;
  en: (p: RuleSyntaxParams) => string;
}

function foundVi(p: RuleSyntaxParams): string {
  return p.found === undefined ? "kết thúc quy tắc" : "“" + p.found + "”";
}

function foundEn(p: RuleSyntaxParams): string {
  return p.found === undefined ? "the end of the rule" : "“" + p.found + "”";
}

const TEXTS: Record<RuleSyntaxCode, Texts> = {
  empty_rule: {
    vi: () => "Quy tắc trống: cần một phép so sánh, ví dụ {a} = {b} + {c}.",
    en: () => "The rule is empty: expected a comparison such as {a} = {b} + {c}.",
  },
  unexpected_character: {
    vi: (p) =>
      "Ký tự không hợp lệ " + foundVi(p) +
      ": chỉ dùng trường {…}, số, + − * /, dấu ngoặc, hàm sum/min/max/abs và một phép so sánh.",
    en: (p) =>
      "Unexpected character " + foundEn(p) +
      ": expected a field {…}, a number, + - * /, parentheses, sum/min/max/abs or one comparison.",
  },
  field_not_closed: {
    vi: (p) =>
      "Thiếu dấu “}” đóng tham chiếu trường mở ở ký tự thứ " + ((p.opened ?? 0) + 1) +
      " (gặp " + foundVi(p) + "); tên trường chỉ gồm chữ cái không dấu, chữ số và “_”.",
    en: (p) =>
      "Expected “}” to close the field reference opened at character " + ((p.opened ?? 0) + 1) +
      " (found " + foundEn(p) + "); field names contain only letters, digits and “_”.",
  },
  empty_field_name: {
    vi: () => "Thiếu tên trường bên trong “{}”.",
    en: () => "Expected a field name inside “{}”.",
  },
  invalid_number: {
    vi: (p) =>
      "Số " + foundVi(p) +
      " không hợp lệ: viết số nguyên hoặc số thập phân với dấu chấm (ví dụ 0.15), không quá 9.007.199.254.740.991.",
    en: (p) =>
      "Invalid number " + foundEn(p) +
      ": write an integer or a decimal with a point (e.g. 0.15), at most 9,007,199,254,740,991.",
  },
  unknown_scope: {
    vi: (p) =>
      "Tiền tố kỳ “" + (p.name ?? "") +
      "” không hợp lệ: chỉ dùng prev_month{…} (tháng trước) hoặc prev_year_final{…} (báo cáo 12 tháng năm trước).",
    en: (p) =>
      "Unknown period prefix “" + (p.name ?? "") +
      "”: expected prev_month{…} (previous month) or prev_year_final{…} (previous year's 12-month report).",
  },
  scope_needs_field: {
    vi: (p) => "Sau “" + (p.name ?? "") + "” cần một tham chiếu trường {…}, nhưng gặp " + foundVi(p) + ".",
    en: (p) => "Expected a field reference {…} after “" + (p.name ?? "") + "” but found " + foundEn(p) + ".",
  },
  unknown_function: {
    vi: (p) => "Hàm “" + (p.name ?? "") + "” không tồn tại: chỉ dùng sum, min, max, abs.",
    en: (p) => "Unknown function “" + (p.name ?? "") + "”: expected sum, min, max or abs.",
  },
  unknown_name: {
    vi: (p) =>
      "Tên “" + (p.name ?? "") + "” không hợp lệ: trường phải viết trong ngoặc nhọn, ví dụ {" + (p.name ?? "") + "}.",
    en: (p) =>
      "Unexpected name “" + (p.name ?? "") + "”: write a field in braces, e.g. {" + (p.name ?? "") + "}.",
  },
  wrong_arity: {
    vi: (p) =>
      p.name === "abs" ? "Hàm abs nhận đúng một đối số." : "Hàm " + (p.name ?? "") + " cần ít nhất một đối số.",
    en: (p) =>
      p.name === "abs"
        ? "Function abs takes exactly one argument."
        : "Function " + (p.name ?? "") + " needs at least one argument.",
  },
  expected_value: {
    vi: (p) => "Cần một giá trị (số, trường {…}, hàm hoặc “(”) nhưng gặp " + foundVi(p) + ".",
    en: (p) => "Expected a value (a number, a field {…}, a function or “(”) but found " + foundEn(p) + ".",
  },
  expected_closing_paren: {
    vi: (p) => "Thiếu dấu “)”: gặp " + foundVi(p) + ".",
    en: (p) => "Expected “)” but found " + foundEn(p) + ".",
  },
  expected_argument_separator: {
    vi: (p) => "Cần “,” hoặc “)” trong lời gọi hàm " + (p.name ?? "") + " nhưng gặp " + foundVi(p) + ".",
    en: (p) => "Expected “,” or “)” in the call to " + (p.name ?? "") + " but found " + foundEn(p) + ".",
  },
  comparison_in_parentheses: {
    vi: () => "Phép so sánh chỉ được đặt ở ngoài cùng, không nằm trong dấu ngoặc hay trong hàm.",
    en: () => "A comparison is allowed only at the top level, not inside parentheses or a function.",
  },
  missing_comparison: {
    vi: () => "Thiếu phép so sánh (=, ≠, <, ≤, >, ≥): một quy tắc so sánh hai vế.",
    en: () => "Missing comparison (=, ≠, <, ≤, >, ≥): a rule compares two sides.",
  },
  multiple_comparisons: {
    vi: () => "Mỗi quy tắc chỉ có một phép so sánh; hãy tách thành hai quy tắc.",
    en: () => "Only one comparison per rule; split it into two rules.",
  },
  expected_operator: {
    vi: (p) => "Cần phép toán (+ − * /) hoặc phép so sánh nhưng gặp " + foundVi(p) + ".",
    en: (p) => "Expected an operator (+ - * /) or a comparison but found " + foundEn(p) + ".",
  },
  trailing_input: {
    vi: (p) => "Thừa " + foundVi(p) + " sau vế phải: cần phép toán (+ − * /) hoặc kết thúc quy tắc.",
    en: (p) =>
      "Unexpected " + foundEn(p) + " after the right-hand side: expected an operator (+ - * /) or the end of the rule.",
  },
  too_deep: {
    vi: () => "Biểu thức lồng nhau quá sâu.",
    en: () => "The expression is nested too deeply.",
  },
};

export class RuleSyntaxError extends Error {
  readonly code: RuleSyntaxCode;
  /** 0-based index into `expression` where the problem was detected. */
  readonly position: number;
  readonly vi: string;
  readonly en: string;
  readonly expression: string;
  readonly params: RuleSyntaxParams;

  constructor(code: RuleSyntaxCode, position: number, expression: string, params: RuleSyntaxParams = {}) {
    const texts = TEXTS[code];
    const en = texts.en(params);
    super(en);
    // Babel's ES5 output for IE11 loses the subclass prototype of Error; without this,
    // `instanceof RuleSyntaxError` is false in the task pane.
    Object.setPrototypeOf(this, RuleSyntaxError.prototype);
    this.name = "RuleSyntaxError";
    this.code = code;
    this.position = position;
    this.expression = expression;
    this.params = params;
    this.vi = texts.vi(params);
    this.en = en;
  }
}
