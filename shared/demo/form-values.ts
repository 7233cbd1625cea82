import { createSeededRandom } from "../units/demo";
import { periodOfYear } from "../periods";

/**
 * Plausible monthly forms 01 (việc) and 02 (tiền) for one unit over statistical years, made
 * so that every rule of the reconstructed layout holds: cumulative fields never fall, the
 * carried-over figure equals last year's carried-forward, the parts add up. Demo and test
 * data only; it knows the reconstructed field keys (docs/domain.md), not an official layout.
 */

export interface DemoProfile {
  /** Final completion rate this unit reaches by September, in percent of có điều kiện. */
  finalRateViec: number;
  finalRateTien: number;
  /** Size of the unit: new cases per month. */
  casesPerMonth: number;
  /** Average amount per case in nghìn đồng. */
  amountPerCase: number;
}

export type MonthlyValues = Record<string, number>;

export interface DemoYear {
  statYear: number;
  /** period key → values for form 01 and form 02 */
  months: { period: string; viec: MonthlyValues; tien: MonthlyValues }[];
}

interface Stock {
  carriedOver: number;
  newCum: number;
  entrustedCum: number;
  doneParts: { thi_hanh_xong: number; dinh_chi: number; giam: number };
}

function completeValues(
  s: Stock,
  enforceableShare: number,
  rate: number,
  withReduction: boolean,
  rnd: () => number,
): MonthlyValues {
  const tong = s.carriedOver + s.newCum;
  const phai = tong - s.entrustedCum;
  const co = Math.round(phai * enforceableShare);
  const desired = Math.round(co * rate);
  const doneSoFar = s.doneParts.thi_hanh_xong + s.doneParts.dinh_chi + (withReduction ? s.doneParts.giam : 0);
  const delta = Math.max(0, Math.min(desired, co) - doneSoFar);
  // Split the month's newly done work: mostly completed, some terminated, a little reduced.
  const dinh = Math.floor(delta * (0.04 + rnd() * 0.04));
  const giam = withReduction ? Math.floor(delta * (0.01 + rnd() * 0.02)) : 0;
  s.doneParts.dinh_chi += dinh;
  s.doneParts.giam += giam;
  s.doneParts.thi_hanh_xong += delta - dinh - giam;
  const done = doneSoFar + delta;
  const open = co - done;
  const hoan = Math.floor(open * 0.08);
  const v: MonthlyValues = {
    tong_thu_ly: tong,
    nam_truoc_chuyen_sang: s.carriedOver,
    thu_ly_moi: s.newCum,
    uy_thac: s.entrustedCum,
    phai_thi_hanh: phai,
    co_dieu_kien: co,
    thi_hanh_xong: s.doneParts.thi_hanh_xong,
    dinh_chi: s.doneParts.dinh_chi,
    dang_thi_hanh: open - hoan,
    hoan_co_dk: hoan,
    chua_co_dieu_kien: phai - co,
  };
  if (withReduction) v.giam = s.doneParts.giam;
  return v;
}

function carriedForward(v: MonthlyValues, withReduction: boolean): number {
  const done = (v.thi_hanh_xong ?? 0) + (v.dinh_chi ?? 0) + (withReduction ? (v.giam ?? 0) : 0);
  return (v.phai_thi_hanh ?? 0) - done;
}

/**
 * `months` statistical-year months per year (12 for full years; fewer for the current one).
 * The first year's carried-over figures are invented; every later year starts from the
 * previous year's September report.
 */
export function generateDemoYears(seed: number, profile: DemoProfile, years: { statYear: number; months: number }[]): DemoYear[] {
  const rnd = createSeededRandom(seed);
  const out: DemoYear[] = [];
  let lastViec: MonthlyValues | null = null;
  let lastTien: MonthlyValues | null = null;
  for (const y of years) {
    const viec: Stock = {
      carriedOver: lastViec ? carriedForward(lastViec, false) : Math.round(profile.casesPerMonth * (8 + rnd() * 6)),
      newCum: 0,
      entrustedCum: 0,
      doneParts: { thi_hanh_xong: 0, dinh_chi: 0, giam: 0 },
    };
    const tien: Stock = {
      carriedOver: lastTien ? carriedForward(lastTien, true) : Math.round(viec.carriedOver * profile.amountPerCase * (0.8 + rnd() * 0.4)),
      newCum: 0,
      entrustedCum: 0,
      doneParts: { thi_hanh_xong: 0, dinh_chi: 0, giam: 0 },
    };
    const shareViec = 0.68 + rnd() * 0.12;
    const shareTien = 0.55 + rnd() * 0.15;
    const year: DemoYear = { statYear: y.statYear, months: [] };
    for (let m = 1; m <= y.months; m++) {
      const newCases = Math.round(profile.casesPerMonth * (0.7 + rnd() * 0.6));
      viec.newCum += newCases;
      viec.entrustedCum += Math.floor(newCases * rnd() * 0.03);
      const newMoney = Math.round(newCases * profile.amountPerCase * (0.6 + rnd() * 0.8));
      tien.newCum += newMoney;
      tien.entrustedCum += Math.floor(newMoney * rnd() * 0.02);
      // Completion builds up through the year towards the unit's final rate (S-shaped-ish).
      const progress = Math.pow(m / 12, 0.8);
      const v = completeValues(viec, shareViec, (profile.finalRateViec / 100) * progress, false, rnd);
      const t = completeValues(tien, shareTien, (profile.finalRateTien / 100) * progress, true, rnd);
      year.months.push({ period: periodOfYear(y.statYear, m), viec: v, tien: t });
      lastViec = v;
      lastTien = t;
    }
    out.push(year);
  }
  return out;
}

/** A profile for the i-th unit: most units near the targets, some clearly below. */
export function demoProfile(seed: number, isProvinceOffice: boolean): DemoProfile {
  const rnd = createSeededRandom(seed);
  const weak = rnd() < 0.18;
  return {
    finalRateViec: weak ? 70 + rnd() * 13 : 83 + rnd() * 10,
    finalRateTien: weak ? 35 + rnd() * 18 : 52 + rnd() * 22,
    casesPerMonth: Math.round((isProvinceOffice ? 60 : 25) * (0.5 + rnd())),
    amountPerCase: Math.round(40_000 + rnd() * 160_000),
  };
}
