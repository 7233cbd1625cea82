/**
 * How demo figures are made for each built-in form, as data. Every monthly form of the set is
 * a stock with a flow (docs/demo-data.md):
 *
 *   opening (carried over, fixed for the year) + intake (cumulative)
 *     − outflows (cumulative: ủy thác, thu hồi…)                    = what is to be handled (P)
 *   P − buckets (stocks outside the handled part: chưa có điều kiện…) = the handled part (E)
 *   E = done (cumulative, the completion rate's numerator) + settled (cumulative, leaves the
 *       stock without counting as done: giảm…) + open (what remains: đang thi hành)
 *
 * A recipe names which field of the form plays each part and the ranges its shares are drawn
 * from; the engine (generate.ts) draws them per unit and year, derives the derived fields with
 * the definition's own formulas, takes each year's opening from the definition's own
 * carried-over rule, and checks every rule. Forms whose rows break another form down (04/05:
 * one row per Chấp hành viên) copy that form's figures and split them (officers.ts).
 *
 * Ranges are [min, max]; shares are fractions. Where a published figure sets a share it is
 * cited; the rest is plausible, not sourced.
 */

export type Range = readonly [number, number];

export interface StockFlowRecipe {
  kind: "stock_flow";
  formId: string;
  /** The monthly intake: the unit's size (new cases a month) × this, times the amount per case for money. */
  scale: Range;
  money: boolean;
  /** The first year's opening stock, in months of intake; later years take last year's carry-over. */
  openingMonths: Range;
  opening: string;
  intake: string;
  /** Shares of the intake that leave before being handled. */
  outflows: readonly { key: string; share: Range }[];
  /** Shares of P outside the handled part. */
  buckets: readonly { key: string; share: Range }[];
  /** The done parts, as shares of done; the first takes what the others leave. */
  done: readonly { key: string; share: Range }[];
  /** Leaves the stock without counting as done, as a share of done. */
  settled: readonly { key: string; share: Range }[];
  open: string;
  /** Lines outside the identities: a share of the opening stock (fixed for the year) or of done (cumulative). */
  memo: readonly { key: string; of: "opening" | "done"; share: Range }[];
  /** The year-end rate done ÷ handled: for most units, and for the weaker ones. */
  rate: { normal: Range; weak: Range };
  /**
   * How done builds up: "yearly" along the statistical year (a cumulative completion rate
   * starts low in October and reaches the year's rate in September); "steady" in step with
   * what is handled (complaints are answered as they come).
   */
  path: "yearly" | "steady";
  /**
   * For an older version of the form that lacks a field the recipe makes: the field whose
   * figure absorbs it (the first reconstruction of 01/02, before 26/7/2024, counted thu hồi,
   * hủy with ủy thác and the third bucket inside có điều kiện as "hoãn / khác").
   */
  folds?: Readonly<Record<string, string>>;
}

export interface BreakdownRecipe {
  kind: "breakdown";
  formId: string;
  /** The form whose unit totals this one breaks down (04 → 01, 05 → 02). */
  of: string;
  /** This form's input fields, copied from the same-named fields of `of`. */
  inputs: readonly string[];
  /** Chấp hành viên per unit: about one per this many new cases a month. */
  casesPerOfficer: number;
}

export type DemoRecipe = StockFlowRecipe | BreakdownRecipe;

/** Cases done (xong + đình chỉ) ÷ có điều kiện: most units near the 2025–2026 targets (83,90–84,70%), some clearly below. */
const RATE_VIEC = { normal: [83, 93] as Range, weak: [70, 83] as Range };
const RATE_TIEN = { normal: [52, 74] as Range, weak: [35, 53] as Range };

const FIRST_RECONSTRUCTION_FOLDS = { thu_hoi_huy: "uy_thac", hoan_tam_dinh_chi: "hoan_co_dk" } as const;

export const DEMO_RECIPES: readonly DemoRecipe[] = [
  {
    kind: "stock_flow",
    formId: "01",
    scale: [1, 1],
    money: false,
    // Đồng Tháp, 9 months of 2025: 21.315 carried over against 32.325 new in nine months (about six months' intake).
    openingMonths: [5, 8],
    opening: "nam_truoc_chuyen_sang",
    intake: "thu_ly_moi",
    // Đồng Tháp: 368 entrusted and 6 withdrawn or annulled of 32.325 new.
    outflows: [{ key: "uy_thac", share: [0.005, 0.02] }, { key: "thu_hoi_huy", share: [0, 0.0006] }],
    // Đồng Tháp: 31,98% not enforceable, 3,98% in the third bucket.
    buckets: [{ key: "chua_co_dieu_kien", share: [0.27, 0.35] }, { key: "hoan_tam_dinh_chi", share: [0.025, 0.05] }],
    done: [{ key: "thi_hanh_xong", share: [1, 1] }, { key: "dinh_chi", share: [0.01, 0.03] }],
    settled: [],
    open: "dang_thi_hanh",
    // Đồng Tháp: 12.458 in the separate book beside 21.315 carried over.
    memo: [{ key: "so_theo_doi_rieng", of: "opening", share: [0.35, 0.65] }],
    rate: RATE_VIEC,
    path: "yearly",
    folds: FIRST_RECONSTRUCTION_FOLDS,
  },
  {
    kind: "stock_flow",
    formId: "02",
    scale: [1, 1],
    money: true,
    openingMonths: [10, 16],
    opening: "nam_truoc_chuyen_sang",
    intake: "thu_ly_moi",
    outflows: [{ key: "uy_thac", share: [0.003, 0.015] }, { key: "thu_hoi_huy", share: [0, 0.001] }],
    buckets: [{ key: "chua_co_dieu_kien", share: [0.35, 0.48] }, { key: "hoan_tam_dinh_chi", share: [0.02, 0.05] }],
    done: [{ key: "thi_hanh_xong", share: [1, 1] }, { key: "dinh_chi", share: [0.02, 0.06] }],
    settled: [{ key: "giam", share: [0.005, 0.02] }],
    open: "dang_thi_hanh",
    memo: [{ key: "so_theo_doi_rieng", of: "opening", share: [0.2, 0.5] }],
    rate: RATE_TIEN,
    path: "yearly",
    folds: FIRST_RECONSTRUCTION_FOLDS,
  },
  {
    kind: "stock_flow",
    formId: "03",
    scale: [0.05, 0.12],
    money: true,
    openingMonths: [8, 14],
    opening: "nam_truoc_chuyen_sang",
    intake: "thu_ly_moi",
    outflows: [],
    buckets: [{ key: "chua_co_dieu_kien", share: [0.3, 0.5] }],
    done: [{ key: "an_phi", share: [1, 1] }, { key: "tien_phat", share: [0.2, 0.35] }, { key: "thu_khac", share: [0.2, 0.4] }],
    settled: [],
    open: "dang_thi_hanh",
    memo: [{ key: "da_nop_ngan_sach", of: "done", share: [0.9, 0.99] }],
    rate: { normal: [40, 75], weak: [25, 45] },
    path: "yearly",
  },
  { kind: "breakdown", formId: "04", of: "01", inputs: ["thi_hanh_xong", "dinh_chi", "dang_thi_hanh", "chua_co_dieu_kien", "hoan_tam_dinh_chi"], casesPerOfficer: 18 },
  { kind: "breakdown", formId: "05", of: "02", inputs: ["thi_hanh_xong", "dinh_chi", "giam", "dang_thi_hanh", "chua_co_dieu_kien", "hoan_tam_dinh_chi"], casesPerOfficer: 18 },
  {
    kind: "stock_flow",
    formId: "06",
    scale: [0.004, 0.01],
    money: true,
    openingMonths: [6, 12],
    opening: "ky_truoc_chuyen_sang",
    intake: "moi_du_dieu_kien",
    outflows: [],
    buckets: [{ key: "chua_de_nghi", share: [0.3, 0.6] }],
    done: [{ key: "mien", share: [1, 1] }, { key: "duoc_giam", share: [0.3, 0.5] }],
    settled: [{ key: "khong_chap_nhan", share: [0.02, 0.08] }],
    open: "dang_xet",
    memo: [],
    rate: { normal: [45, 80], weak: [20, 45] },
    path: "yearly",
  },
  {
    kind: "stock_flow",
    formId: "08",
    scale: [0.015, 0.03],
    money: false,
    openingMonths: [1, 3],
    opening: "ky_truoc_chuyen_sang",
    intake: "tiep_nhan_moi",
    outflows: [{ key: "khong_thuoc_tham_quyen", share: [0.2, 0.45] }],
    buckets: [],
    done: [{ key: "giai_quyet_khieu_nai", share: [1, 1] }, { key: "giai_quyet_to_cao", share: [0.15, 0.3] }],
    settled: [],
    open: "dang_giai_quyet",
    memo: [],
    // The 2026 plans demand at least 95% (Gia Lai THADS work plan for 2026).
    rate: { normal: [95, 100], weak: [84, 95] },
    path: "steady",
  },
  {
    kind: "stock_flow",
    formId: "12",
    // National 2025: 2.105 administrative judgments tracked, 868 done.
    scale: [0.002, 0.005],
    money: false,
    openingMonths: [6, 10],
    opening: "ky_truoc_chuyen_sang",
    intake: "moi_nhan",
    outflows: [],
    buckets: [{ key: "chua_theo_doi", share: [0, 0.04] }],
    done: [{ key: "thi_hanh_xong", share: [1, 1] }],
    settled: [],
    open: "dang_theo_doi",
    memo: [{ key: "kien_nghi_xu_ly", of: "done", share: [0.05, 0.2] }],
    rate: { normal: [32, 55], weak: [15, 32] },
    path: "yearly",
  },
];

export function recipeFor(formId: string): DemoRecipe | undefined {
  for (const r of DEMO_RECIPES) if (r.formId === formId) return r;
  return undefined;
}
