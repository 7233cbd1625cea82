/**
 * Comparisons and completeness lists shaped like the Worker's JSON (shared/api/schemas.ts),
 * made up with round figures so that a test can say what each row must show.
 */
import type { Comparison, ComparisonRow, Completeness } from "../../shared/api/schemas";

export const GENERATED_AT = "2026-10-05T02:30:00.000Z"; // 09:30 05/10/2026 in Hà Nội

function change(previous: number | null, now: number) {
  return { previous, change: previous === null ? null : now - previous, changePct: null };
}

/**
 * Unit i (1-based) has base 1 000 + 10·i cases and done = base × rate; every third unit is
 * below its target of 80%, unit 5 has not reported, unit 2 was late.
 */
export function makeRow(i: number, parent: string, target: number | null = 80): ComparisonRow {
  const code = parent === "VN" ? String(i).padStart(2, "0") : parent + "-" + String(i).padStart(2, "0");
  const name = parent === "VN" ? "THADS tỉnh Số " + i : "Phòng THADS khu vực " + i + " - Tỉnh thử";
  const submitted = i !== 5;
  const base = 1000 + 10 * i;
  const rateWanted = i % 3 === 0 ? 70 + (i % 7) : 82 + (i % 11);
  const done = Math.round((base * rateWanted) / 100);
  const rate = submitted ? (done * 100) / base : null;
  const shown = rate === null ? null : Math.round(rate * 100) / 100;
  const below = shown !== null && target !== null && shown < target;
  return {
    unit: code,
    name,
    isTotal: false,
    submitted,
    values: submitted
      ? { tong_thu_ly: base + 200, nam_truoc_chuyen_sang: base - 100, thu_ly_moi: 300, uy_thac: 0, phai_thi_hanh: base + 200, co_dieu_kien: base, thi_hanh_xong: done - 10, dinh_chi: 10, dang_thi_hanh: base - done, hoan_co_dk: 0, chua_co_dieu_kien: 200 }
      : {},
    done: submitted ? done : 0,
    base: submitted ? base : 0,
    rate,
    target,
    targetProvisional: false,
    gap: shown === null || target === null ? null : Math.round((shown - target) * 100) / 100,
    prevMonth: { rate: submitted ? 75 : null, rateChange: shown === null ? null : Math.round((shown - 75) * 100) / 100, done: change(submitted ? done - 50 : null, done) },
    samePeriodLastYear: { rate: submitted ? 78.5 : null, rateChange: shown === null ? null : Math.round((shown - 78.5) * 100) / 100, done: change(submitted ? done - 40 : null, done), sources: [code] },
    rank: null,
    flags: {
      belowTarget: below,
      targetsMet: submitted && target !== null ? (below ? "met_1" : "met_2") : null,
      belowNationalAverage: shown !== null && shown < 84.25,
      late: i === 2,
      missing: i === 5,
    },
    expectedCount: 1,
    lateCount: i === 2 ? 1 : 0,
    missingCount: i === 5 ? 1 : 0,
  };
}

export function makeComparison(n: number, parent = "VN", form = "01", period = "2026-09"): Comparison {
  const rows: ComparisonRow[] = [];
  for (let i = 1; i <= n; i++) rows.push(makeRow(i, parent));
  const ranked = rows.filter((r) => r.rate !== null).sort((a, b) => (b.rate as number) - (a.rate as number));
  ranked.forEach((r, k) => (r.rank = k + 1));
  let done = 0;
  let base = 0;
  for (const r of rows) {
    done += r.done;
    base += r.base;
  }
  const rate = (done * 100) / base;
  const shown = Math.round(rate * 100) / 100;
  const total: ComparisonRow = {
    ...makeRow(1, parent),
    unit: parent,
    name: parent === "VN" ? "Cục Quản lý thi hành án dân sự" : "THADS tỉnh Thử",
    isTotal: true,
    done,
    base,
    rate,
    target: 80,
    gap: Math.round((shown - 80) * 100) / 100,
    rank: null,
    flags: { belowTarget: shown < 80, targetsMet: "met_2", belowNationalAverage: false, late: true, missing: true },
    expectedCount: n,
    lateCount: 1,
    missingCount: n >= 5 ? 1 : 0,
  };
  return {
    parent,
    parentName: parent === "VN" ? "Cục Quản lý thi hành án dân sự" : "THADS tỉnh Thử",
    form,
    period,
    periodLabel: "12 tháng năm 2026",
    nationalAverage: 84.25,
    rows: rows.concat([total]),
    generatedAt: GENERATED_AT,
  };
}

export function makeCompleteness(n: number, parent = "52", period = "2026-10"): Completeness {
  const rows: Completeness["rows"] = [];
  for (const form of ["01", "02"]) {
    for (let i = 1; i <= n; i++) {
      const status = i % 4 === 0 ? "missing" : i % 4 === 1 && form === "01" ? "late" : "on_time";
      rows.push({
        unit: parent + "-" + String(i).padStart(2, "0"),
        name: "Phòng THADS khu vực " + i,
        form,
        status,
        deadline: "2026-11-04T16:59:59.999Z",
        submittedAt: status === "missing" ? null : status === "late" ? "2026-11-06T03:15:00.000Z" : "2026-11-03T08:00:00.000Z",
        revision: status === "missing" ? null : 1,
      });
    }
  }
  return {
    parent,
    parentName: parent === "VN" ? "Cục Quản lý thi hành án dân sự" : "THADS tỉnh " + parent,
    generatedAt: "2026-10-07T02:00:00.000Z",
    period,
    expected: rows.length,
    onTime: rows.filter((r) => r.status === "on_time").length,
    late: rows.filter((r) => r.status === "late").length,
    missing: rows.filter((r) => r.status === "missing").length,
    rows,
  };
}
