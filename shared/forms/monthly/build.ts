import type { FieldDefinition, IndicatorDefinition, Regime } from "../types";
import type { RuleDefinition } from "../../rules/types";

/**
 * Small builders shared by the built-in definitions. They only spell data: every definition
 * they make is plain JSON that an administrator could load (shared/forms/loader.ts).
 */

/** A version of a form: the regime it was issued under and the dates it is in force. */
export interface Version {
  regime: Regime;
  validFrom: string;
  validTo: string | null;
}

/** The two regimes of the monthly set beyond forms 01/02 (Circulars 05/2024 and 05/2026). */
export const MONTHLY_SET_VERSIONS: readonly Version[] = [
  { regime: "TT05_2024", validFrom: "2024-07-26", validTo: "2026-06-30" },
  { regime: "TT05_2026", validFrom: "2026-07-01", validTo: null },
];

export function field(
  key: string,
  vi: string,
  en: string,
  column: number,
  valueType: FieldDefinition["valueType"],
  extra: Partial<FieldDefinition> = {},
): FieldDefinition {
  return { key, label: { vi, en }, column, valueType, kind: "input", reconstructed: true, ...extra };
}

export function rule(
  id: string,
  expression: string,
  severity: RuleDefinition["severity"],
  vi: string,
  en: string,
  extra: Partial<RuleDefinition> = {},
): RuleDefinition {
  return { id, expression, severity, missing: "skip", description: { vi, en }, ...extra };
}

/** `{key} ≥ prev_month{key}`: figures counted from 1 October never go down within the year. */
export function cumulativeRule(id: string, key: string, vi: string, en: string): RuleDefinition {
  return rule(id, "{" + key + "} ≥ prev_month{" + key + "}", "error",
    vi + " là số cộng dồn, không được giảm so với tháng trước", en + " is cumulative and cannot fall below last month");
}

/** `{key} = prev_month{key}`: last year's carried-over figure is fixed for the whole year. */
export function constantRule(id: string, key: string, vi: string, en: string): RuleDefinition {
  return rule(id, "{" + key + "} = prev_month{" + key + "}", "error",
    vi + " không đổi trong năm thống kê", en + " is constant within the statistical year");
}

export function indicator(
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

export const RECONSTRUCTED_NOTE =
  "Số cột và thứ tự cột được dựng lại từ số liệu công bố, chưa đối chiếu văn bản chính thức. / Column numbers and order are reconstructed, not checked against the official text.";

/** For the forms of which no published figure shows the layout at all. */
export const NO_PUBLISHED_LAYOUT_NOTE =
  "Biểu được dựng lại theo tên biểu trong Thông tư 05/2024/TT-BTP và các chỉ tiêu công bố; các chỉ tiêu và cột chưa đối chiếu văn bản chính thức (reconstructed). / Reconstructed from the form's name in Circular 05/2024 and the published targets; fields and columns not checked against the official text.";
