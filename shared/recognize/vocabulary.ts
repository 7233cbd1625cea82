/**
 * The words clerks write, as data. Field names and labels come from the form definition the
 * recogniser is given; this file only knows how Vietnamese statistics sheets spell things:
 * abbreviations, wordings that mean the same, units of measure, and the words that give a
 * row or a column its role. Everything is in normalised form (normalize.ts: lower case, no
 * diacritics, single spaces), so "ĐK" is "dk" and "Tổng cộng" is "tong cong".
 */

/** Abbreviations, expanded word by word before labels are compared ("Có ĐK" → "co dieu kien"). */
export const ABBREVIATIONS: Record<string, string> = {
  tha: "thi hanh an",
  thads: "thi hanh an dan su",
  dk: "dieu kien",
  cdk: "chua co dieu kien",
  codk: "co dieu kien",
  thx: "thi hanh xong",
  ts: "tong so",
  tl: "thu ly",
  tlm: "thu ly moi",
  ntcs: "nam truoc chuyen sang",
  pth: "phai thi hanh",
  dth: "dang thi hanh",
  dc: "dinh chi",
  ut: "uy thac",
  qd: "quyet dinh",
  qdtha: "quyet dinh thi hanh an",
  stdr: "so theo doi rieng",
};

/**
 * Wordings that mean the same as a phrase of the official labels: each variant found in a
 * sheet's header is read as the phrase on the left. Kept to wordings seen in published
 * reports; a wrong synonym here would map a column silently, so add with care.
 */
export const SYNONYMS: [string, string[]][] = [
  ["nam truoc chuyen sang", ["ky truoc chuyen sang", "so cu chuyen sang", "cu chuyen sang", "nam cu chuyen sang"]],
  ["thu ly moi", ["moi thu ly", "thu ly moi trong ky"]],
  ["tong so thu ly", ["tong so phai giai quyet", "tong so giai quyet", "tong thu ly"]],
  ["thu hoi huy quyet dinh", ["thu hoi huy qd", "thu hoi huy bo quyet dinh"]],
];

/** Words that, right before a label's words, change what they mean: "chưa có điều kiện", "tạm đình chỉ". */
export const MODIFIERS: Record<string, true> = { chua: true, khong: true, tam: true };

/** Words too common in labels to tell fields apart. */
export const STOP_WORDS: Record<string, true> = {
  so: true, viec: true, tien: true, tong: true, cong: true, thi: true, hanh: true, an: true, trong: true, do: true,
  cac: true, va: true, theo: true, nghin: true, dong: true, cua: true, da: true, duoc: true, la: true,
};

/** Header words that name no field by themselves: they need the header above them. */
export const GENERIC_HEADERS: Record<string, true> = {
  "tong so": true, tong: true, cong: true, "tong cong": true, "trong do": true, "so viec": true, "so tien": true,
  viec: true, tien: true, "so luong": true, "gia tri": true,
};

/** Headers of a column holding the whole of the columns beside it ("Tổng số" under a merged label). */
export const TOTAL_HEADERS: Record<string, true> = { "tong so": true, tong: true, cong: true, "tong cong": true };

/** A quantity computed from a field ("Tỷ lệ thi hành xong (%)"), never the field itself. */
export const DERIVED_WORDS = ["ty le", "chi tieu", "so voi", "tang giam", "binh quan", "xep hang", "chenh lech"];

/** Trailing words an official label may drop in a sheet ("Đình chỉ" for "Đình chỉ thi hành án"). */
export const DROPPABLE_SUFFIXES = ["thi hanh an", "thi hanh"];

// ——— units of measure ———

/** Money scales by their normalised spellings, longest first so "nghin dong" wins over "dong". */
export const MONEY_UNITS: [string, MoneyScale][] = [
  ["ty dong", "ty_dong"],
  ["trieu dong", "trieu_dong"],
  ["tr dong", "trieu_dong"],
  ["trd", "trieu_dong"],
  ["nghin dong", "nghin_dong"],
  ["ngan dong", "nghin_dong"],
  ["1 000 dong", "nghin_dong"],
  ["1000 dong", "nghin_dong"],
  ["1 000d", "nghin_dong"],
  ["1000d", "nghin_dong"],
  ["1 000 d", "nghin_dong"],
  ["1000 d", "nghin_dong"],
  ["dong", "dong"],
  ["vnd", "dong"],
];

export type MoneyScale = "dong" | "nghin_dong" | "trieu_dong" | "ty_dong";

/** The count unit of form 01 and the words a Việc/Tiền sub-header uses. */
export const COUNT_UNIT_WORDS: Record<string, true> = { viec: true, "so viec": true, "ve viec": true };
export const MONEY_UNIT_WORDS: Record<string, true> = { tien: true, "so tien": true, "gia tri": true, "ve tien": true, "gia tri tien": true };

/** How a line stating the unit of measure begins: "Đơn vị tính: đồng", "ĐVT: việc". */
export const UNIT_LINE_STARTS = ["don vi tinh", "dvt", "don vi"];

// ——— row roles ———

/** Headers of the columns that name a row rather than hold figures. */
export const ROW_LABEL_HEADERS: Record<string, true> = {
  stt: true, tt: true, "so tt": true, "so thu tu": true, "don vi": true, "ten don vi": true, "don vi bao cao": true,
  "ten co quan": true, "co quan": true, "chap hanh vien": true, "ho va ten": true, "ho ten": true, "noi dung": true, "chi tieu": true,
};

/** Labels of a totals row ("Tổng cộng", "Cộng", "Toàn tỉnh"). */
export const TOTAL_LABELS = ["tong cong", "cong", "tong so", "tong", "toan tinh", "toan quoc", "tong toan tinh", "cong toan tinh", "toan thanh pho", "toan nganh"];

/** A row breaking down the row above ("Trong đó: án tín dụng"). */
export const BREAKDOWN_STARTS = ["trong do", "tr do", "trong so do", "bao gom"];

/** A row comparing periods or units rather than reporting one ("Cùng kỳ năm trước", "Tăng/giảm"). */
export const COMPARISON_WORDS = [
  "cung ky", "so sanh", "so voi", "tang giam", "tang hoac giam", "chenh lech", "ty le", "nam truoc", "ky truoc", "thang truoc",
];
