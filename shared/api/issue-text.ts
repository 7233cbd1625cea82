import type { z } from "zod";

/** zod's type names as a Vietnamese reader knows them. */
const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: "chuỗi ký tự",
  number: "số",
  int: "số nguyên",
  boolean: "true hoặc false",
  object: "đối tượng JSON",
  array: "danh sách (mảng JSON)",
  null: "null",
};

/**
 * What a zod issue says, in Vietnamese and English: the words of every 400 the API answers
 * (worker/src/validation.ts) and of a form definition an administrator publishes
 * (shared/forms/loader.ts), so that neither shows zod's English inside a Vietnamese message.
 */
export function issueText(issue: z.core.$ZodIssue): { vi: string; en: string } {
  switch (issue.code) {
    case "invalid_type":
      // zod reports a field that is not there at all as a wrong type "received undefined": say it is missing.
      if (/received undefined$/.test(issue.message)) return { vi: "bắt buộc nhưng chưa có", en: "required but missing" };
      return { vi: `sai kiểu dữ liệu: cần ${TYPE_WORDS[issue.expected] ?? issue.expected}`, en: `wrong type: expected ${issue.expected}` };
    case "too_small":
      return { vi: `giá trị quá nhỏ (tối thiểu ${String(issue.minimum)})`, en: `too small (minimum ${String(issue.minimum)})` };
    case "too_big":
      return { vi: `giá trị quá lớn (tối đa ${String(issue.maximum)})`, en: `too big (maximum ${String(issue.maximum)})` };
    case "invalid_format":
      if (issue.format === "date") return { vi: "cần một ngày có thật, dạng YYYY-MM-DD", en: "expected a date that exists, YYYY-MM-DD" };
      // A pattern's own message says what is expected ("YYYY-MM with a year from 2000 to 2099").
      return issue.format === "regex" && issue.message
        ? { vi: `sai định dạng: ${issue.message}`, en: `invalid format: ${issue.message}` }
        : { vi: `sai định dạng (${issue.format})`, en: `invalid format (${issue.format})` };
    case "invalid_value":
      return {
        vi: `giá trị không hợp lệ; chấp nhận: ${issue.values.map(String).join(", ")}`,
        en: `invalid value; accepted: ${issue.values.map(String).join(", ")}`,
      };
    case "unrecognized_keys":
      return { vi: `trường không được phép: ${issue.keys.join(", ")}`, en: `unknown keys: ${issue.keys.join(", ")}` };
    case "custom": {
      // Refinements in shared/api/schemas.ts carry their words in both languages.
      const words = issue.params as { vi?: unknown; en?: unknown } | undefined;
      if (words && typeof words.vi === "string" && typeof words.en === "string") return { vi: words.vi, en: words.en };
      return { vi: `không hợp lệ: ${issue.message}`, en: issue.message };
    }
    default:
      return { vi: `không hợp lệ: ${issue.message}`, en: issue.message };
  }
}
