/**
 * The one message table: every finding a clerk can see is worded here, Vietnamese first,
 * English second. Changing a wording touches this file only.
 */
import type { FieldScope, Finding, FindingCode } from "./findings";
import { formatDecimal, formatInteger } from "./format";
import { parseRule, printExpression } from "./rules";
import type { Comparison, Expr, FunctionName, PrintStyle, RuleSyntaxError } from "./rules";

export interface LocalizedText {
  vi: string;
  en: string;
}

export type LabelOf = (key: string) => string;

type Lang = "vi" | "en";

interface Ctx {
  label: LabelOf;
}

type Render = (f: Finding, ctx: Ctx) => string;

const MAX_SAFE_VI = formatInteger(Number.MAX_SAFE_INTEGER);
const MAX_SAFE_EN = toEnglishSeparators(MAX_SAFE_VI);

/** "1.234,5" → "1,234.5": English readers would take "12.345" for twelve point three. */
function toEnglishSeparators(vi: string): string {
  let out = "";
  for (let i = 0; i < vi.length; i++) {
    const c = vi.charAt(i);
    out += c === "." ? "," : c === "," ? "." : c;
  }
  return out;
}

/**
 * Whole numbers (việc, nghìn đồng) exactly; ratios with up to four decimals, because a rule
 * on a share such as 0,4523 would otherwise show two equal-looking sides.
 */
export function formatRuleNumber(value: number, lang: Lang = "vi"): string {
  let vi: string;
  if (!Number.isFinite(value)) vi = String(value);
  else if (Number.isInteger(value)) vi = formatInteger(value);
  else {
    vi = formatDecimal(value, 4);
    if (vi.indexOf(",") >= 0) vi = vi.replace(/0+$/, "").replace(/,$/, "");
    if (vi === "-0") vi = "0";
  }
  return lang === "vi" ? vi : toEnglishSeparators(vi);
}

function quote(s: string): string {
  return "“" + s + "”";
}

function showRaw(v: unknown, lang: Lang): string {
  if (typeof v === "number") return formatRuleNumber(v, lang);
  if (typeof v === "string") return quote(v.length > 40 ? v.slice(0, 40) + "…" : v);
  // Excel shows logical cells as TRUE/FALSE whatever the UI language.
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  if (v === null || v === undefined) return lang === "vi" ? "ô trống" : "an empty cell";
  return lang === "vi" ? "một giá trị không phải số" : "a non-numeric value";
}

function labelList(f: Finding, ctx: Ctx): string {
  const out: string[] = [];
  for (const key of f.fields) out.push(quote(ctx.label(key)));
  return out.join(", ");
}

function firstLabel(f: Finding, ctx: Ctx, lang: Lang): string {
  const key = f.fields[0];
  if (key !== undefined) return quote(ctx.label(key));
  return lang === "vi" ? "Giá trị" : "The value";
}

// ---- rule_violated: both sides spelled out with field labels ----

const VERBS: Record<string, LocalizedText> = {
  "=": { vi: "phải bằng", en: "must equal" },
  "≠": { vi: "phải khác", en: "must differ from" },
  "<": { vi: "phải nhỏ hơn", en: "must be less than" },
  "≤": { vi: "không được lớn hơn", en: "must not exceed" },
  ">": { vi: "phải lớn hơn", en: "must be greater than" },
  "≥": { vi: "không được nhỏ hơn", en: "must be at least" },
};

const SCOPE_SUFFIX: Record<FieldScope, LocalizedText> = {
  current: { vi: "", en: "" },
  // No parentheses: the side's value follows in parentheses already.
  prev_month: { vi: " tháng trước", en: " last month" },
  prev_year_final: { vi: " cuối năm trước", en: " at the end of last year" },
};

const FUNCTION_WORDS: Record<FunctionName, LocalizedText> = {
  sum: { vi: "tổng", en: "sum" },
  min: { vi: "nhỏ nhất", en: "min" },
  max: { vi: "lớn nhất", en: "max" },
  abs: { vi: "trị tuyệt đối", en: "abs" },
};

function proseStyle(ctx: Ctx, lang: Lang): PrintStyle {
  return {
    field: (scope, key) => ctx.label(key) + SCOPE_SUFFIX[scope][lang],
    number: (value) => formatRuleNumber(value, lang),
    operator: (op) => (op === "-" ? "−" : op === "*" ? "×" : op),
    functionName: (name) => FUNCTION_WORDS[name][lang],
  };
}

function parseOrNull(expression: string | undefined): Comparison | null {
  if (expression === undefined) return null;
  try {
    return parseRule(expression);
  } catch {
    return null;
  }
}

function isConstant(e: Expr): boolean {
  return e.kind === "number" || (e.kind === "negate" && isConstant(e.operand));
}

function side(e: Expr | undefined, value: number | undefined, fallback: string, ctx: Ctx, lang: Lang): string {
  const shown = value === undefined ? "" : " (" + formatRuleNumber(value, lang) + ")";
  if (e === undefined) return fallback + shown;
  const text = printExpression(e, proseStyle(ctx, lang));
  // "0 (0)" says nothing; a constant side is its own value.
  return isConstant(e) ? text : text + shown;
}

function ruleViolated(lang: Lang): Render {
  return (f, ctx) => {
    const p = f.params;
    const c = parseOrNull(p.expression);
    const op = p.operator ?? c?.op ?? "=";
    const verb = VERBS[op]?.[lang] ?? (lang === "vi" ? "phải thỏa mãn " : "must satisfy ") + op;
    const left = side(c?.left, p.left, lang === "vi" ? "Vế trái" : "The left side", ctx, lang);
    const right = side(c?.right, p.right, lang === "vi" ? "vế phải" : "the right side", ctx, lang);
    let text = left + " " + verb + " " + right;
    if (p.difference !== undefined) {
      text += (lang === "vi" ? "; chênh lệch " : "; difference ") + formatRuleNumber(p.difference, lang);
    }
    text += ".";
    if (p.tolerance !== undefined && p.tolerance > 0) {
      text += (lang === "vi" ? " Dung sai cho phép: " : " Allowed tolerance: ") + formatRuleNumber(p.tolerance, lang) + ".";
    }
    return text;
  };
}

const MESSAGES: Record<FindingCode, { vi: Render; en: Render }> = {
  rule_violated: { vi: ruleViolated("vi"), en: ruleViolated("en") },
  missing_value: {
    vi: (f, ctx) =>
      f.ruleId !== undefined
        ? "Thiếu số liệu " + labelList(f, ctx) + " (cần cho quy tắc " + f.ruleId + ")."
        : "Chưa nhập " + labelList(f, ctx) + ": đây là chỉ tiêu bắt buộc.",
    en: (f, ctx) =>
      f.ruleId !== undefined
        ? "Missing " + labelList(f, ctx) + " (needed by rule " + f.ruleId + ")."
        : labelList(f, ctx) + " is required but has no value.",
  },
  not_a_number: {
    vi: (f, ctx) => firstLabel(f, ctx, "vi") + " phải là một số; ô đang chứa " + showRaw(f.params.value, "vi") + ".",
    en: (f, ctx) => firstLabel(f, ctx, "en") + " must be a number; the cell contains " + showRaw(f.params.value, "en") + ".",
  },
  not_integer: {
    vi: (f, ctx) =>
      firstLabel(f, ctx, "vi") +
      " phải là số nguyên (số việc, hoặc số tiền tính bằng nghìn đồng); ô đang chứa " +
      showRaw(f.params.value, "vi") + ".",
    en: (f, ctx) =>
      firstLabel(f, ctx, "en") +
      " must be a whole number (cases, or money in thousand đồng); the cell contains " +
      showRaw(f.params.value, "en") + ".",
  },
  negative: {
    vi: (f, ctx) => firstLabel(f, ctx, "vi") + " không được là số âm; ô đang chứa " + showRaw(f.params.value, "vi") + ".",
    en: (f, ctx) => firstLabel(f, ctx, "en") + " cannot be negative; the cell contains " + showRaw(f.params.value, "en") + ".",
  },
  unsafe_integer: {
    vi: (f, ctx) =>
      f.ruleId !== undefined
        ? "Quy tắc " + f.ruleId + ": kết quả tính (" + showRaw(f.params.value, "vi") + ") vượt quá " + MAX_SAFE_VI +
          " nên không thể kiểm tra chính xác" + (f.fields.length > 0 ? "; hãy kiểm tra lại " + labelList(f, ctx) : "") + "."
        : firstLabel(f, ctx, "vi") + " quá lớn (" + showRaw(f.params.value, "vi") + "): vượt quá " + MAX_SAFE_VI +
          " thì không thể tính chính xác.",
    en: (f, ctx) =>
      f.ruleId !== undefined
        ? "Rule " + f.ruleId + ": a result (" + showRaw(f.params.value, "en") + ") exceeds " + MAX_SAFE_EN +
          " and cannot be checked exactly" + (f.fields.length > 0 ? "; check " + labelList(f, ctx) : "") + "."
        : firstLabel(f, ctx, "en") + " is too large (" + showRaw(f.params.value, "en") + "): beyond " + MAX_SAFE_EN +
          " it cannot be computed exactly.",
  },
  unknown_field: {
    // The key is shown as sent: a key the form does not define has no label.
    vi: (f) => "Biểu mẫu không có chỉ tiêu " + quote(f.fields[0] ?? "") + "; hãy kiểm tra tệp Excel có dùng đúng mẫu biểu hiện hành không.",
    en: (f) => "The form has no field " + quote(f.fields[0] ?? "") + "; check that the workbook uses the current form.",
  },
  rows_missing: {
    vi: () => "Biểu mẫu này báo cáo theo từng dòng (Chấp hành viên hoặc từng việc) nhưng không có dòng nào được gửi.",
    en: () => "This form is reported row by row (officers or cases) but no row was sent.",
  },
  rows_unexpected: {
    vi: () => "Biểu mẫu này chỉ có một dòng cho mỗi đơn vị; không gửi kèm các dòng chi tiết.",
    en: () => "This form has one row per unit; detail rows cannot be sent with it.",
  },
  row_duplicate: {
    vi: () => "Hai dòng có cùng mã; mỗi dòng phải có mã riêng.",
    en: () => "Two rows have the same key; each row needs its own.",
  },
  rows_sum: {
    vi: (f, ctx) =>
      "Tổng " + firstLabel(f, ctx, "vi") + " của các dòng (" + formatRuleNumber(f.params.left ?? 0, "vi") + ") phải bằng số của đơn vị (" +
      formatRuleNumber(f.params.right ?? 0, "vi") + "); chênh lệch " + formatRuleNumber(f.params.difference ?? 0, "vi") + ".",
    en: (f, ctx) =>
      "The rows' " + firstLabel(f, ctx, "en") + " add up to " + formatRuleNumber(f.params.left ?? 0, "en") + ", not the unit's " +
      formatRuleNumber(f.params.right ?? 0, "en") + "; difference " + formatRuleNumber(f.params.difference ?? 0, "en") + ".",
  },
  not_a_date: {
    vi: (f, ctx) => firstLabel(f, ctx, "vi") + " phải là một ngày (năm-tháng-ngày); ô đang chứa " + showRaw(f.params.value, "vi") + ".",
    en: (f, ctx) => firstLabel(f, ctx, "en") + " must be a date (year-month-day); the cell contains " + showRaw(f.params.value, "en") + ".",
  },
};

/**
 * The text of a finding. `labelOf` turns a field key into its label on the form (e.g.
 * "phai_thi_hanh" → "Tổng số phải thi hành"); without it, keys are shown as they are.
 */
export function describeFinding(f: Finding, labelOf?: LabelOf): LocalizedText {
  const ctx: Ctx = { label: labelOf ?? ((key) => key) };
  const entry = MESSAGES[f.code];
  // A finding on one submitted row names the row, as the clerk wrote it.
  const row = f.params.row;
  const where = row ? { vi: "Dòng " + quote(row.label) + " (" + row.key + "): ", en: "Row " + quote(row.label) + " (" + row.key + "): " } : { vi: "", en: "" };
  return { vi: where.vi + entry.vi(f, ctx), en: where.en + entry.en(f, ctx) };
}

/** A syntax error of a rule, for the administrator who wrote it; positions shown 1-based. */
export function ruleSyntaxMessage(
  err: Pick<RuleSyntaxError, "vi" | "en" | "position">,
  ruleId?: string,
): LocalizedText {
  const at = err.position + 1;
  return {
    vi: (ruleId !== undefined ? "Quy tắc " + ruleId + ", ký tự thứ " : "Ký tự thứ ") + at + ": " + err.vi,
    en: (ruleId !== undefined ? "Rule " + ruleId + ", character " : "Character ") + at + ": " + err.en,
  };
}
