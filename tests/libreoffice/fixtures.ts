import type { Comparison, ComparisonRow, Completeness, Rollup } from "../../shared/api/schemas";
import { BUILT_IN_FORMS } from "../../shared/forms";
import type { FormDefinition } from "../../shared/forms/types";
import { formInForce } from "../../shared/forms/registry";
import { computeIndicators } from "../../shared/rollup";
import { roundTo } from "../../shared/format";

/**
 * Comparison, roll-up and completeness objects shaped exactly like the routes' answers,
 * with figures computed by hand, so that LibreOffice's recomputed cells can be checked
 * against numbers that do not come from the code under test.
 */

export const FORM_01 = formInForce(BUILT_IN_FORMS, "01", "2026-09-30") as FormDefinition;
export const FORM_02 = formInForce(BUILT_IN_FORMS, "02", "2026-09-30") as FormDefinition;
export const GENERATED_AT = "2026-10-05T02:30:00.000Z"; // 09:30 in Hà Nội

export interface RowInput {
  unit: string;
  name: string;
  /** Input fields of form 01 (or 02 with giam); derived ones are computed as the form defines them. */
  carried?: number;
  fresh?: number;
  done?: number;
  terminated?: number;
  reduced?: number;
  open?: number;
  postponed?: number;
  target?: number | null;
  prevRate?: number | null;
  lyRate?: number | null;
  lyDone?: number | null;
  late?: number;
  missing?: number;
  submitted?: boolean;
}

export function formValues(p: RowInput, money: boolean): Record<string, number> {
  const tong = (p.carried ?? 0) + (p.fresh ?? 0);
  const phai = tong;
  const co = (p.done ?? 0) + (p.terminated ?? 0) + (money ? (p.reduced ?? 0) : 0) + (p.open ?? 0) + (p.postponed ?? 0);
  const v: Record<string, number> = {
    tong_thu_ly: tong, nam_truoc_chuyen_sang: p.carried ?? 0, thu_ly_moi: p.fresh ?? 0, uy_thac: 0,
    phai_thi_hanh: phai, co_dieu_kien: co, thi_hanh_xong: p.done ?? 0, dinh_chi: p.terminated ?? 0,
    dang_thi_hanh: p.open ?? 0, hoan_co_dk: p.postponed ?? 0, chua_co_dieu_kien: phai - co,
  };
  if (money) v.giam = p.reduced ?? 0;
  return v;
}

function row(p: RowInput, form: FormDefinition, isTotal: boolean): ComparisonRow {
  const submitted = p.submitted !== false;
  const values = submitted ? formValues(p, form.id === "02") : {};
  const ind = computeIndicators(values, form.indicators, { missing: "zero" });
  const rate = submitted ? ind.rate : null;
  const target = p.target ?? null;
  const shown = rate === null ? null : roundTo(rate, 2);
  return {
    unit: p.unit,
    name: p.name,
    isTotal,
    submitted,
    values,
    done: ind.done,
    base: ind.base,
    rate,
    target,
    targetProvisional: false,
    gap: shown !== null && target !== null ? shown - target : null,
    prevMonth: { rate: p.prevRate ?? null, rateChange: null, done: { previous: null, change: null, changePct: null } },
    samePeriodLastYear: {
      rate: p.lyRate ?? null,
      rateChange: null,
      done: { previous: p.lyDone ?? null, change: p.lyDone != null ? ind.done - p.lyDone : null, changePct: null },
      sources: [],
    },
    rank: null,
    flags: {
      belowTarget: shown !== null && target !== null && shown < target,
      targetsMet: null,
      belowNationalAverage: false,
      late: (p.late ?? 0) > 0,
      missing: (p.missing ?? 0) > 0,
    },
    lateCount: p.late ?? 0,
    missingCount: p.missing ?? 0,
    expectedCount: 1,
  };
}

/** Children plus the total (the sum of the children's inputs), ranked by printed rate. */
export function comparison(parent: { code: string; name: string }, form: FormDefinition, period: string, children: RowInput[], total: Partial<RowInput> = {}): Comparison {
  const rows = children.map((c) => row(c, form, false));
  const sum = (k: keyof RowInput) => children.reduce((s, c) => s + (c.submitted === false ? 0 : ((c[k] as number | undefined) ?? 0)), 0);
  const totalRow = row(
    {
      unit: parent.code, name: parent.name, carried: sum("carried"), fresh: sum("fresh"), done: sum("done"), terminated: sum("terminated"),
      reduced: sum("reduced"), open: sum("open"), postponed: sum("postponed"), ...total,
    },
    form,
    true,
  );
  const ranked = rows.filter((r) => r.rate !== null).sort((a, b) => roundTo(b.rate as number, 2) - roundTo(a.rate as number, 2));
  ranked.forEach((r, i) => (r.rank = i + 1));
  return {
    parent: parent.code,
    parentName: parent.name,
    form: form.id,
    period,
    periodLabel: "12 tháng năm 2026",
    nationalAverage: totalRow.rate,
    rows: [...rows, totalRow],
    generatedAt: GENERATED_AT,
  };
}

export function rollupOf(c: Comparison, form: FormDefinition): Rollup {
  const total = c.rows.find((r) => r.isTotal) as ComparisonRow;
  return {
    unit: c.parent,
    unitName: c.parentName,
    level: c.parent === "VN" ? "national" : "province",
    form: form.id,
    period: c.period,
    contributors: c.rows.filter((r) => !r.isTotal && r.submitted).length,
    expected: c.rows.filter((r) => !r.isTotal).length,
    values: total.values,
    indicators: computeIndicators(total.values, form.indicators, { missing: "zero" }),
    updatedAt: GENERATED_AT,
  };
}

/**
 * A national sheet with the published national figure (577.876 ÷ 685.898 = 84,25%, docs/domain.md)
 * spread over three provinces, a province without data, and a target of 83,90%.
 */
export function nationalFixture(): Comparison {
  return comparison({ code: "VN", name: "Cục Quản lý thi hành án dân sự" }, FORM_01, "2026-09", [
    { unit: "01", name: "THADS thành phố Hà Nội", carried: 300_000, fresh: 100_000, done: 250_000, terminated: 10_000, open: 40_000, target: 83.9, prevRate: 80.5, lyRate: 82.1, lyDone: 240_000 },
    { unit: "52", name: "THADS tỉnh Gia Lai", carried: 250_000, fresh: 50_000, done: 215_000, terminated: 10_000, open: 54_898, postponed: 9_999, target: 83.9, prevRate: 70, lyRate: 75.25, lyDone: 110_000, late: 2, missing: 1 },
    { unit: "79", name: "THADS thành phố Hồ Chí Minh", carried: 100_000, fresh: 30_000, done: 90_000, terminated: 2_876, open: 3_125, target: 83.9, prevRate: 95 },
    { unit: "04", name: "THADS tỉnh Cao Bằng", submitted: false, target: 83.9, missing: 3 },
  ]);
}

/** Gia Lai's money sheet: the published quarter (174.390.399 ÷ 1.277.040.781 nghìn đồng = 13,66%) split over two offices. */
export function provinceMoneyFixture(): Comparison {
  return comparison({ code: "52", name: "THADS tỉnh Gia Lai" }, FORM_02, "2026-09", [
    { unit: "52-00", name: "Văn phòng THADS tỉnh Gia Lai", carried: 1_000_000_000, fresh: 300_000_000, done: 150_000_000, terminated: 4_390_399, reduced: 0, open: 900_000_000, postponed: 122_650_382, target: 56.8 },
    { unit: "52-01", name: "Phòng THADS khu vực 1 - Gia Lai", carried: 100_000_000, fresh: 20_000_000, done: 20_000_000, reduced: 0, open: 80_000_000, postponed: 0, target: 10 },
  ]);
}

export function completenessFixture(): Completeness {
  const deadline = "2026-10-06T10:00:00.000Z";
  return {
    parent: "52",
    parentName: "THADS tỉnh Gia Lai",
    generatedAt: "2026-10-07T02:00:00.000Z",
    period: "2026-09",
    expected: 4,
    onTime: 2,
    late: 1,
    missing: 1,
    rows: [
      { unit: "52-00", name: "Văn phòng THADS tỉnh Gia Lai", form: "01", status: "on_time", deadline, submittedAt: "2026-10-02T03:15:00.000Z", revision: 1 },
      { unit: "52-00", name: "Văn phòng THADS tỉnh Gia Lai", form: "02", status: "on_time", deadline, submittedAt: "2026-10-02T03:20:00.000Z", revision: 2 },
      { unit: "52-01", name: "Phòng THADS khu vực 1 - Gia Lai", form: "01", status: "late", deadline, submittedAt: "2026-10-07T01:00:00.000Z", revision: 1 },
      { unit: "52-01", name: "Phòng THADS khu vực 1 - Gia Lai", form: "02", status: "missing", deadline, submittedAt: null, revision: null },
    ],
  };
}
