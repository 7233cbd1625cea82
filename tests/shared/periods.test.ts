import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  annualLabel,
  annualLabelEn,
  comparePeriods,
  cumulativeLabel,
  cumulativeLabelEn,
  dateLabel,
  dayNumber,
  dayOfWeek,
  daysInMonth,
  finalPeriodOfPreviousYear,
  fromDayNumber,
  halfYearLabel,
  isFinalPeriod,
  isIsoDate,
  isLeapYear,
  isPeriodKey,
  isReportingPeriod,
  FIRST_REPORTING_YEAR,
  LAST_REPORTING_YEAR,
  isQuarterEnd,
  isoDate,
  monthIndex,
  monthLabel,
  monthLabelEn,
  monthStart,
  nextMonth,
  parseIsoDate,
  parsePeriod,
  periodEnd,
  periodKey,
  periodOfDate,
  periodOfYear,
  periodRangeLabel,
  periodRangeLabelEn,
  periodStart,
  periodsOfYear,
  previousMonth,
  previousMonthInYear,
  previousQuarterEnd,
  quarterLabel,
  quarterLabelEn,
  samePeriodLastYear,
  statQuarterOf,
  statYearOf,
} from "../../shared/periods";
import { periodKeySchema, statYearSchema } from "../../shared/api/schemas";

describe("period keys", () => {
  it.each([
    [2025, 12, "2025-12"],
    [2026, 1, "2026-01"],
    [2026, 9, "2026-09"],
  ])("periodKey(%i, %i) is %s and parses back", (year, month, key) => {
    expect(periodKey(year, month)).toBe(key);
    expect(parsePeriod(key)).toEqual({ year, month });
    expect(isPeriodKey(key)).toBe(true);
  });

  it.each(["2025-13", "2025-1", "abc", "2025-00", "25-12", "2025/12", " 2025-12", "2025-12-01", "0999-01", ""])(
    "rejects %j with a message naming the expected form",
    (bad) => {
      expect(isPeriodKey(bad)).toBe(false);
      expect(() => parsePeriod(bad)).toThrow(/Invalid period key .*YYYY-MM/);
    },
  );

  it("rejects non-strings and impossible parts", () => {
    expect(isPeriodKey(202512)).toBe(false);
    expect(() => periodKey(2025, 13)).toThrow(RangeError);
    expect(() => periodKey(2025, 0)).toThrow(RangeError);
    expect(() => periodKey(2025.5, 1)).toThrow(RangeError);
    expect(() => periodKey(99, 1)).toThrow(RangeError);
  });

  it("orders periods chronologically", () => {
    expect(comparePeriods("2025-09", "2025-10")).toBeLessThan(0);
    expect(comparePeriods("2026-01", "2025-12")).toBeGreaterThan(0);
    expect(comparePeriods("2025-12", "2025-12")).toBe(0);
  });
});

describe("statistical year (1 October → 30 September)", () => {
  it.each([
    ["2025-10", 2026, 1],
    ["2025-11", 2026, 2],
    ["2025-12", 2026, 3],
    ["2026-01", 2026, 4],
    ["2026-03", 2026, 6],
    ["2026-06", 2026, 9],
    ["2026-07", 2026, 10],
    ["2026-09", 2026, 12],
    ["2025-09", 2025, 12],
  ])("%s is month %i… of năm %i", (period, statYear, index) => {
    expect(statYearOf(period)).toBe(statYear);
    expect(monthIndex(period)).toBe(index);
    expect(periodOfYear(statYear, index)).toBe(period);
  });

  it("lists the twelve periods of năm 2026 from October 2025 to September 2026", () => {
    expect(periodsOfYear(2026)).toEqual([
      "2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03",
      "2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09",
    ]);
  });

  it("rejects a month index outside 1–12", () => {
    expect(() => periodOfYear(2026, 0)).toThrow(RangeError);
    expect(() => periodOfYear(2026, 13)).toThrow(RangeError);
  });

  it.each([
    ["2025-10", "2025-10-01", "2025-10-31"],
    ["2025-12", "2025-10-01", "2025-12-31"],
    ["2026-02", "2025-10-01", "2026-02-28"],
    ["2026-03", "2025-10-01", "2026-03-31"],
    ["2026-04", "2025-10-01", "2026-04-30"],
    ["2026-09", "2025-10-01", "2026-09-30"],
    ["2027-10", "2027-10-01", "2027-10-31"],
    ["2028-02", "2027-10-01", "2028-02-29"],
    ["2100-02", "2099-10-01", "2100-02-28"],
    ["2000-02", "1999-10-01", "2000-02-29"],
  ])("the cumulative report %s covers %s to %s", (period, start, end) => {
    expect(periodStart(period)).toBe(start);
    expect(periodEnd(period)).toBe(end);
  });

  it("gives the closing month's own first day for month-only flows", () => {
    expect(monthStart("2025-12")).toBe("2025-12-01");
    expect(periodOfDate("2026-01-15")).toBe("2026-01");
  });

  it("marks September, and only September, as the final (12-month) report", () => {
    expect(isFinalPeriod("2026-09")).toBe(true);
    expect(isFinalPeriod("2025-09")).toBe(true);
    expect(isFinalPeriod("2025-10")).toBe(false);
    expect(isFinalPeriod("2026-08")).toBe(false);
  });

  it.each([
    ["2025-10", 1, false],
    ["2025-12", 1, true],
    ["2026-01", 2, false],
    ["2026-03", 2, true],
    ["2026-06", 3, true],
    ["2026-07", 4, false],
    ["2026-09", 4, true],
  ])("%s is in quarter %i (closes it: %s)", (period, quarter, closes) => {
    expect(statQuarterOf(period)).toBe(quarter);
    expect(isQuarterEnd(period)).toBe(closes);
  });

  it("round-trips statYearOf/monthIndex/periodOfYear for any period", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1001, max: 9998 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const key = periodKey(year, month);
        expect(periodOfYear(statYearOf(key), monthIndex(key))).toBe(key);
        expect(parsePeriod(key)).toEqual({ year, month });
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1001, max: 9999 }), fc.integer({ min: 1, max: 12 }), (statYear, index) => {
        const key = periodOfYear(statYear, index);
        expect(statYearOf(key)).toBe(statYear);
        expect(monthIndex(key)).toBe(index);
        expect(periodStart(key)).toBe(`${statYear - 1}-10-01`);
      }),
    );
  });
});

describe("navigation between periods", () => {
  it.each([
    ["2025-12", "2025-11"],
    ["2026-01", "2025-12"],
    ["2025-10", "2025-09"],
  ])("previousMonth(%s) is %s (calendar)", (period, prev) => {
    expect(previousMonth(period)).toBe(prev);
    expect(nextMonth(prev)).toBe(period);
  });

  it("does not compare October with the September before it: cumulative figures restart", () => {
    expect(previousMonthInYear("2025-10")).toBeNull();
    expect(previousMonthInYear("2025-11")).toBe("2025-10");
    expect(previousMonthInYear("2026-01")).toBe("2025-12");
    expect(previousMonthInYear("2026-09")).toBe("2026-08");
  });

  it.each([
    ["2025-10", "2025-09"],
    ["2025-11", "2025-09"],
    ["2025-12", "2025-09"],
    ["2026-01", "2025-12"],
    ["2026-02", "2025-12"],
    ["2026-03", "2025-12"],
    ["2026-04", "2026-03"],
    ["2026-06", "2026-03"],
    ["2026-07", "2026-06"],
    ["2026-09", "2026-06"],
  ])("previousQuarterEnd(%s) is %s", (period, prev) => {
    expect(previousQuarterEnd(period)).toBe(prev);
  });

  it.each([
    ["2025-12", "2024-12", "2025-09"],
    ["2025-10", "2024-10", "2025-09"],
    ["2026-09", "2025-09", "2025-09"],
    ["2026-01", "2025-01", "2025-09"],
  ])("cùng kỳ of %s is %s; the previous year's final report is %s", (period, sameLastYear, final) => {
    expect(samePeriodLastYear(period)).toBe(sameLastYear);
    expect(statYearOf(samePeriodLastYear(period))).toBe(statYearOf(period) - 1);
    expect(finalPeriodOfPreviousYear(period)).toBe(final);
  });
});

describe("Vietnamese labels", () => {
  it.each([
    ["2025-12", "tháng 12/2025"],
    ["2025-10", "tháng 10/2025"],
    ["2026-01", "tháng 01/2026"],
    ["2026-02", "tháng 02/2026"],
    ["2026-03", "tháng 3/2026"],
    ["2026-09", "tháng 9/2026"],
  ])("monthLabel(%s) is %j", (period, label) => {
    expect(monthLabel(period)).toBe(label);
  });

  it.each([
    ["2025-10", "1 tháng năm 2026"],
    ["2025-12", "3 tháng năm 2026"],
    ["2026-03", "6 tháng năm 2026"],
    ["2026-06", "9 tháng năm 2026"],
    ["2026-07", "10 tháng năm 2026"],
    ["2026-09", "12 tháng năm 2026"],
  ])("cumulativeLabel(%s) is %j", (period, label) => {
    expect(cumulativeLabel(period)).toBe(label);
  });

  it("names the statistical year", () => {
    expect(annualLabel(2026)).toBe("năm 2026");
    expect(annualLabelEn(2026)).toBe("statistical year 2026");
  });

  it.each([
    ["2025-12", "Quý I/2026", "Q1/2026"],
    ["2026-03", "Quý II/2026", "Q2/2026"],
    ["2026-06", "Quý III/2026", "Q3/2026"],
    ["2026-09", "Quý IV/2026", "Q4/2026"],
    ["2025-10", null, null],
    ["2026-02", null, null],
  ])("quarterLabel(%s) is %j", (period, vi, en) => {
    expect(quarterLabel(period)).toBe(vi);
    expect(quarterLabelEn(period)).toBe(en);
  });

  it("uses the half-year name only for the March report", () => {
    expect(halfYearLabel("2026-03")).toBe("6 tháng năm 2026");
    expect(halfYearLabel("2025-12")).toBeNull();
    expect(halfYearLabel("2026-09")).toBeNull();
  });

  it.each([
    ["2025-12", "từ ngày 01/10/2025 đến ngày 31/12/2025"],
    ["2025-10", "từ ngày 01/10/2025 đến ngày 31/10/2025"],
    ["2028-02", "từ ngày 01/10/2027 đến ngày 29/02/2028"],
    ["2026-09", "từ ngày 01/10/2025 đến ngày 30/09/2026"],
  ])("the form header of %s reads %j", (period, label) => {
    expect(periodRangeLabel(period)).toBe(label);
  });

  it("has English equivalents", () => {
    expect(monthLabelEn("2025-12")).toBe("December 2025");
    expect(monthLabelEn("2026-01")).toBe("January 2026");
    expect(cumulativeLabelEn("2025-12")).toBe("3 months of statistical year 2026");
    expect(cumulativeLabelEn("2025-10")).toBe("1 month of statistical year 2026");
    expect(periodRangeLabelEn("2025-12")).toBe("from 01/10/2025 to 31/12/2025");
  });

  it("formats numeric dates day first, fully padded", () => {
    expect(dateLabel("2026-01-05")).toBe("05/01/2026");
  });
});

describe("calendar dates without time zones", () => {
  it.each([
    [2024, true],
    [2025, false],
    [2028, true],
    [2100, false],
    [2000, true],
  ])("isLeapYear(%i) is %s", (year, leap) => {
    expect(isLeapYear(year)).toBe(leap);
    expect(daysInMonth(year, 2)).toBe(leap ? 29 : 28);
  });

  it("validates ISO dates", () => {
    expect(isIsoDate("2028-02-29")).toBe(true);
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(isIsoDate("2026-1-05")).toBe(false);
    expect(() => parseIsoDate("2026-04-31")).toThrow(/Invalid ISO date/);
    expect(() => isoDate(2026, 2, 29)).toThrow(RangeError);
  });

  it.each([
    ["1970-01-01", 0, 4],
    ["2025-12-31", 20453, 3],
    ["2026-01-05", 20458, 1],
    ["2026-02-14", 20498, 6],
  ])("%s is day %i, weekday %i", (date, n, weekday) => {
    expect(dayNumber(date)).toBe(n);
    expect(fromDayNumber(n)).toBe(date);
    expect(dayOfWeek(date)).toBe(weekday);
  });

  it("crosses month, year and leap-day boundaries", () => {
    expect(addDays("2025-12-31", 1)).toBe("2026-01-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2028-03-01", -1)).toBe("2028-02-29");
    expect(addDays("2027-03-01", -1)).toBe("2027-02-28");
  });

  it("agrees with Date.UTC on every day from 1900 to 2200", () => {
    fc.assert(
      fc.property(fc.integer({ min: -25567, max: 84000 }), (n) => {
        const iso = new Date(n * 86400000).toISOString().slice(0, 10);
        expect(fromDayNumber(n)).toBe(iso);
        expect(dayNumber(iso)).toBe(n);
        expect(dayOfWeek(iso)).toBe(new Date(n * 86400000).getUTCDay());
      }),
    );
  });
});

describe("periods accepted as input", () => {
  // The API's zod schemas and the period code must accept the same keys: a key the schema
  // lets through and the arithmetic refuses was a 500 ("0000-01", "9999-12").
  const years = [0, 999, 1000, 1999, 2000, 2019, 2020, 2021, 2026, 2098, 2099, 2100, 2101, 9999];
  const keys = years.flatMap((y) => ["01", "09", "10", "12"].map((m) => String(y).padStart(4, "0") + "-" + m));

  it.each(keys)("the schema and the period code agree on %s", (key) => {
    expect(periodKeySchema.safeParse(key).success).toBe(isReportingPeriod(key));
  });

  it("accepts 2020-01 … 2099-12 and can still step a year back and forward from both ends", () => {
    expect(isReportingPeriod(`${FIRST_REPORTING_YEAR}-01`)).toBe(true);
    expect(isReportingPeriod(`${LAST_REPORTING_YEAR}-12`)).toBe(true);
    expect(isReportingPeriod(`${FIRST_REPORTING_YEAR - 1}-12`)).toBe(false);
    expect(samePeriodLastYear(`${FIRST_REPORTING_YEAR}-01`)).toBe("2019-01");
    expect(nextMonth(`${LAST_REPORTING_YEAR}-12`)).toBe("2100-01");
  });

  it("agrees with the schema of statistical years (as a query string carries them)", () => {
    const year = (n: number) => statYearSchema.safeParse(String(n)).success;
    expect(year(statYearOf(`${FIRST_REPORTING_YEAR}-01`))).toBe(true);
    expect(year(statYearOf(`${LAST_REPORTING_YEAR}-12`))).toBe(true);
    expect(year(statYearOf(`${FIRST_REPORTING_YEAR}-01`) - 1)).toBe(false);
    expect(year(statYearOf(`${LAST_REPORTING_YEAR}-12`) + 1)).toBe(false);
  });
});
