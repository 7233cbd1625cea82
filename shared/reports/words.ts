import type { FormDefinition } from "../forms/types";

/**
 * The words every surface uses for the same thing (sheet, .xlsx, CSV, report text): one
 * place, so that a late unit is never "Nộp muộn" in one and "Muộn" in another.
 */

/** "Gia Lai", "Khu vực 3", "Văn phòng tỉnh": names short enough for a chart axis or a list in a sentence. */
export function shortName(name: string): string {
  const m = /^Phòng THADS (khu vực \d+)/i.exec(name);
  if (m && m[1]) return m[1].charAt(0).toUpperCase() + m[1].slice(1);
  if (/^Văn phòng THADS/i.test(name)) return "Văn phòng tỉnh";
  return name.replace(/^(Thi hành án dân sự|THADS)\s+(tỉnh|thành phố)\s+/i, "");
}

/** "việc" or "nghìn đồng": the form's unit of measure as the title block writes it. */
export function unitOfMeasure(form: FormDefinition): string {
  return form.unit === "nghin_dong" ? "nghìn đồng" : "việc";
}

export function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

export function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A field's Vietnamese label, or its key when the definition lacks it (never "undefined"). */
export function fieldLabel(form: FormDefinition, key: string): string {
  for (const f of form.fields) if (f.key === key) return f.label.vi;
  const colon = key.indexOf(":");
  return colon < 0 ? key : key.slice(colon + 1);
}

/** "thi hành xong + đình chỉ thi hành án": what a sum of fields adds up, in words. */
export function termsLabel(form: FormDefinition, terms: readonly string[]): string {
  return terms.map((k) => lowerFirst(fieldLabel(form, k))).join(" + ");
}

/** "Thông tư 05/2024/TT-BTP" from the regime code "TT05_2024". */
export function circularName(regime: string): string {
  const m = /^TT([0-9]{2})_([0-9]{4})$/.exec(regime);
  return m ? "Thông tư " + m[1] + "/" + m[2] + "/TT-BTP" : regime;
}

/** Report statuses as words, the same on every surface. */
export const STATUS_WORDS = {
  on_time: "Đúng hạn",
  late: "Nộp muộn",
  missing: "Chưa nộp",
  not_reported: "Chưa báo cáo",
  partial: "Số liệu chưa đủ",
} as const;
