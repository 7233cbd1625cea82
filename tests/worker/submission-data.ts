import { generateDemoYears, type MonthlyValues } from "../../shared/demo/form-values";

/** Rule-satisfying values of a unit for the first months of statistical year 2026 (2025-10 …). */
export function unitMonths(seed: number, months = 3): { period: string; viec: MonthlyValues; tien: MonthlyValues }[] {
  const [year] = generateDemoYears(seed, { finalRateViec: 86, finalRateTien: 58, casesPerMonth: 30, amountPerCase: 80_000 }, [
    { statYear: 2026, months },
  ]);
  if (!year) throw new Error("no demo year");
  return year.months;
}

export function submission(unit: string, form: "01" | "02", period: string, values: Record<string, number>, extra: Record<string, unknown> = {}) {
  return { id: crypto.randomUUID(), unit, form, period, values, ...extra };
}
