import { expect } from "vitest";
import { demoUnitMonths } from "../../shared/demo/generate";
import { BUILT_IN_FORMS } from "../../shared/forms/definitions";
import { api, seedTokens, seedUnits, setNow } from "./fixtures";

type Values = Record<string, number>;

/**
 * Rule-satisfying values of a unit for the first months of statistical year 2026 (2025-10 …),
 * every built-in form: `viec` and `tien` are forms 01 and 02, `forms` has them all.
 */
export function unitMonths(seed: number, months = 3): { period: string; viec: Values; tien: Values; forms: Record<string, Values> }[] {
  const list = demoUnitMonths(BUILT_IN_FORMS, { code: "test-" + seed, seed, size: 30, amountPerCase: 80_000, weak: false }, [{ statYear: 2026, months }]);
  return list.map((m) => ({ period: m.period, viec: m.forms["01"] as Values, tien: m.forms["02"] as Values, forms: m.forms }));
}

export function submission(unit: string, form: "01" | "02", period: string, values: Record<string, number>, extra: Record<string, unknown> = {}) {
  return { id: crypto.randomUUID(), unit, form, period, values, ...extra };
}

/**
 * A valid form 01 (or 02 with `giam`) from its input cells; derived cells computed as the form
 * defines them (the layout in force from 26/7/2024: phải thi hành also subtracts thu hồi, hủy;
 * có điều kiện, chưa có điều kiện and hoãn, tạm đình chỉ, khác make up phải thi hành).
 */
export function form(
  p: { carried: number; fresh?: number; entrusted?: number; withdrawn?: number; done: number; terminated?: number; reduced?: number; open: number; postponed?: number; notEnforceable?: number; separateBook?: number },
  money = false,
) {
  const tong = p.carried + (p.fresh ?? 0);
  const phai = tong - (p.entrusted ?? 0) - (p.withdrawn ?? 0);
  const co = p.done + (p.terminated ?? 0) + (money ? (p.reduced ?? 0) : 0) + p.open;
  const v: Record<string, number> = {
    tong_thu_ly: tong, nam_truoc_chuyen_sang: p.carried, thu_ly_moi: p.fresh ?? 0, uy_thac: p.entrusted ?? 0,
    thu_hoi_huy: p.withdrawn ?? 0, phai_thi_hanh: phai, co_dieu_kien: co, thi_hanh_xong: p.done, dinh_chi: p.terminated ?? 0,
    dang_thi_hanh: p.open, hoan_tam_dinh_chi: p.postponed ?? 0,
    chua_co_dieu_kien: p.notEnforceable ?? phai - co - (p.postponed ?? 0), so_theo_doi_rieng: p.separateBook ?? 0,
  };
  if (money) v.giam = p.reduced ?? 0;
  return v;
}

export async function submit(unit: string, formId: "01" | "02", period: string, values: Record<string, number>) {
  const res = await api("POST", "/api/v1/submissions", { token: `demo-unit-${unit}`, body: submission(unit, formId, period, values) });
  expect(res.status, JSON.stringify(await res.clone().json())).toBe(201);
}


/**
 * The hand-computed scenario of the comparison tests: 52-01 85/95 (65/95 a year earlier),
 * 52-02 100/200, 79-01 40/50 and 610.000/1.000.000 nghìn đồng, national targets 70% / 50%.
 */
export async function seedComparisonScenario(): Promise<void> {
  await seedUnits();
  await seedTokens();
  setNow("2025-12-03T03:00:00Z");
  await submit("52-01", "01", "2024-10", form({ carried: 100, done: 60, terminated: 5, open: 30 }));
  await submit("52-01", "01", "2025-10", form({ carried: 100, done: 80, terminated: 5, open: 10 }));
  // 20 of 52-02's cases are in neither có điều kiện nor chưa có điều kiện (hoãn, tạm đình chỉ, khác): outside the rate.
  await submit("52-02", "01", "2025-10", form({ carried: 220, done: 100, open: 100, postponed: 20 }));
  await submit("79-01", "01", "2025-10", form({ carried: 50, done: 40, open: 10 }));
  await submit("79-01", "02", "2025-10", form({ carried: 1_000_000, done: 600_000, reduced: 10_000, open: 390_000 }, true));
  const targets = await api("PUT", "/api/v1/targets", {
    token: "demo-national",
    body: { year: 2026, targets: [{ unit: "VN", indicator: "rate_viec", targetPct: 70 }, { unit: "VN", indicator: "rate_tien", targetPct: 50 }] },
  });
  expect(targets.status).toBe(200);
}
