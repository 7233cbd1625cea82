import type { Calibration, YearPlan } from "./generate";

/**
 * Demo figures that look like the country: the year-end figures of one statistical year are
 * set so that the national and some provincial totals reproduce published figures exactly,
 * while every other unit keeps its own drawn rate relative to the rest (weak units stay weak,
 * so some provinces stay below target and below the national average). Only the year end is
 * set; the months lead up to it (generate.ts), and the next year opens from it.
 */

export interface CalibrationTotals {
  /** The enforceable base (có điều kiện): exact. */
  handled: number;
  /** Done (xong + đình chỉ): exact when given, else from `ratePct`. */
  done?: number;
  /** The rate as published, two decimals; done is the integer that prints it. */
  ratePct?: number;
}

export interface DemoCalibration {
  statYear: number;
  /** Per form id: the national totals. */
  national: Readonly<Record<string, CalibrationTotals>>;
  /** Per province code, per form id: the published rate (two decimals) of the province's total. */
  provinces: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/**
 * Statistical year 2025 as published (docs/domain.md): national, October 2025 version, 577.876
 * of 685.898 cases = 84,25%; money 56,13% at the published scale (about 150.000 tỷ of 267.000
 * tỷ đồng, here 267.000 tỷ exactly, in nghìn đồng); Lai Châu 90,58% / 58,91%, Phú Thọ 85,70% /
 * 62,10%. The money split is illustrative: only the rate and the scale were published.
 */
export const PUBLISHED_2025: DemoCalibration = {
  statYear: 2025,
  national: {
    "01": { handled: 685_898, done: 577_876 },
    "02": { handled: 267_000_000_000, ratePct: 56.13 },
  },
  provinces: {
    "12": { "01": 90.58, "02": 58.91 },
    "25": { "01": 85.7, "02": 62.1 },
  },
};

/** The province a demo unit belongs to: "12-03" → "12". */
function provinceOf(unit: string): string {
  const dash = unit.indexOf("-");
  return dash < 0 ? unit : unit.slice(0, dash);
}

/** The most a unit can have done: done plus what leaves with it (giảm) fits in what it handled. */
function doneCap(p: YearPlan, handled: number): number {
  const settled = p.settledShares.reduce((t, x) => t + x, 0);
  return Math.floor(handled / (1 + settled));
}

/**
 * Shares `total` among `items` in proportion to `weight`, each within [0, cap]: floors first,
 * then what the floors left one unit at a time to the items with room, largest weight first.
 * Throws when the caps cannot hold the total (a calibration the plans cannot reach).
 */
function share(items: YearPlan[], total: number, weight: (p: YearPlan) => number, cap: (p: YearPlan) => number): Map<YearPlan, number> {
  const out = new Map<YearPlan, number>();
  const w = items.reduce((t, p) => t + weight(p), 0);
  let given = 0;
  for (const p of items) {
    const v = Math.min(cap(p), w === 0 ? 0 : Math.floor((total * weight(p)) / w));
    out.set(p, v);
    given += v;
  }
  const order = items.slice().sort((a, b) => weight(b) - weight(a));
  while (given < total) {
    let moved = false;
    for (const p of order) {
      if (given >= total) break;
      const room = cap(p) - (out.get(p) as number);
      if (room <= 0) continue;
      // Large remainders (money) move in chunks, small ones one by one.
      const step = Math.min(room, Math.max(1, Math.floor((total - given) / order.length)));
      out.set(p, (out.get(p) as number) + step);
      given += step;
      moved = true;
    }
    if (!moved) throw new Error(`demo calibration: ${total} does not fit the units' capacity`);
  }
  return out;
}

/** The integer numerator that prints `ratePct` (two decimals) over `denominator`. */
function numeratorPrinting(ratePct: number, denominator: number): number {
  const guess = Math.round((ratePct * denominator) / 100);
  for (const d of [guess, guess - 1, guess + 1, guess - 2, guess + 2]) {
    if (Math.round((d * 10000) / denominator) === Math.round(ratePct * 100)) return d;
  }
  throw new Error(`demo calibration: no integer of ${denominator} prints ${ratePct}%`);
}

/** The calibration step generate.ts runs for each year (GenerateOptions.calibrate). */
export function calibrateTo(c: DemoCalibration): Calibration {
  return (statYear, plans) => {
    if (statYear !== c.statYear) return;
    for (const formId of Object.keys(c.national)) {
      const t = c.national[formId] as CalibrationTotals;
      const ps = plans.filter((p) => p.formId === formId);
      // 1. The enforceable base: every unit's drawn base scaled to the national total.
      const handled = share(ps, t.handled, (p) => p.yearEnd.handled, (p) => p.toHandle);
      // 2. Done: the published provinces first, each to its printed rate; the rest shares what is left.
      const doneOf = new Map<YearPlan, number>();
      const rate = (p: YearPlan) => (p.yearEnd.handled === 0 ? 0 : p.yearEnd.done / p.yearEnd.handled);
      const weight = (p: YearPlan) => rate(p) * (handled.get(p) as number);
      const cap = (p: YearPlan) => doneCap(p, handled.get(p) as number);
      let fixed = 0;
      const inFixed = new Set<YearPlan>();
      for (const province of Object.keys(c.provinces)) {
        const pct = (c.provinces[province] as Record<string, number>)[formId];
        if (pct === undefined) continue;
        const units = ps.filter((p) => provinceOf(p.unit) === province);
        const base = units.reduce((s, p) => s + (handled.get(p) as number), 0);
        const done = numeratorPrinting(pct, base);
        for (const [p, v] of share(units, done, weight, cap)) doneOf.set(p, v);
        for (const p of units) inFixed.add(p);
        fixed += done;
      }
      const national = t.done ?? numeratorPrinting(t.ratePct as number, t.handled);
      const rest = ps.filter((p) => !inFixed.has(p));
      for (const [p, v] of share(rest, national - fixed, weight, cap)) doneOf.set(p, v);
      for (const p of ps) p.yearEnd = { handled: handled.get(p) as number, done: doneOf.get(p) as number };
    }
  };
}
