import { describe, expect, it } from "vitest";
import { isWeekKey, previousWeek, sameWeekLastYear, weekEnd, weekLabel, weekOfDate, weekStart, weeksInYear } from "../../shared/periods/week";
import {
  acceptsPeriod,
  basisPeriodOf,
  collectionForPeriod,
  deadlineOf,
  historyPeriods,
  periodLabelOf,
} from "../../shared/forms/collection-period";
import { loadFormDefinition } from "../../shared/forms/loader";
import { BUILT_IN_FORMS } from "../../shared/forms/definitions";
import { TON_DONG } from "../fixtures/collections";
import type { FormDefinition } from "../../shared/forms/types";

const WEEKLY: FormDefinition = { ...TON_DONG, id: "TUAN", period: { kind: "week", deadlineWorkingDays: 1 }, rules: [] };
const CUMULATIVE = BUILT_IN_FORMS[0] as FormDefinition;

describe("ISO weeks", () => {
  it("names week 12 of 2026 as the Cục writes it", () => {
    expect(weekStart("2026-W12")).toBe("2026-03-16");
    expect(weekEnd("2026-W12")).toBe("2026-03-22");
    expect(weekLabel("2026-W12")).toBe("Tuần 12/2026 (16/3–22/3)");
  });

  it("puts the days around New Year in the week of their Thursday", () => {
    expect(weekOfDate("2025-12-29")).toBe("2026-W01");
    expect(weekOfDate("2027-01-03")).toBe("2026-W53");
    expect(weekOfDate("2021-01-03")).toBe("2020-W53");
    expect([weeksInYear(2025), weeksInYear(2026), weeksInYear(2020)]).toEqual([52, 53, 53]);
  });

  it("accepts exactly the weeks a year has", () => {
    expect(isWeekKey("2026-W53")).toBe(true);
    expect(isWeekKey("2025-W53")).toBe(false);
    expect(isWeekKey("2026-W00")).toBe(false);
    expect(isWeekKey("2026-W5")).toBe(false);
    expect(isWeekKey("2026-03")).toBe(false);
  });

  it("goes back a week across the year and compares week 53 with last year's 52", () => {
    expect(previousWeek("2026-W01")).toBe("2025-W52");
    expect(sameWeekLastYear("2026-W53")).toBe("2025-W52");
    expect(sameWeekLastYear("2026-W12")).toBe("2025-W12");
  });
});

describe("what a period means for each kind of collection", () => {
  it("accepts only the keys of the collection's period type", () => {
    expect(acceptsPeriod(TON_DONG, "2026-03")).toBe(true);
    expect(acceptsPeriod(TON_DONG, "2026-W12")).toBe(false);
    expect(acceptsPeriod(WEEKLY, "2026-W12")).toBe(true);
    expect(acceptsPeriod(WEEKLY, "2026-03")).toBe(false);
    expect(acceptsPeriod(CUMULATIVE, "2026-03")).toBe(true);
    expect(acceptsPeriod(CUMULATIVE, "2026-13")).toBe(false);
    expect(collectionForPeriod([WEEKLY], "TUAN", "2026-03")).toBeNull();
  });

  it("dates each deadline by its own rule (Vietnam end of day, in UTC)", () => {
    expect(deadlineOf(TON_DONG, "2026-03", "office")).toBe("2026-04-05T16:59:59.999Z");
    // The week of 16–22/3/2026, one working day after Sunday: Monday 23/3.
    expect(deadlineOf(WEEKLY, "2026-W12", "office")).toBe("2026-03-23T16:59:59.999Z");
    // Form 01: two working days after 31/3/2026 for a regional office.
    expect(deadlineOf(CUMULATIVE, "2026-03", "office")).toBe("2026-04-02T16:59:59.999Z");
  });

  it("compares a week with the previous week and a snapshot with the previous month, even in October", () => {
    expect(basisPeriodOf(WEEKLY, "prevMonth", "2026-W12")).toBe("2026-W11");
    expect(basisPeriodOf(WEEKLY, "samePeriod", "2026-W12")).toBe("2025-W12");
    expect(basisPeriodOf(TON_DONG, "prevMonth", "2025-10")).toBe("2025-09");
    // A cumulative report restarts each October: nothing to compare with inside the year.
    expect(basisPeriodOf(CUMULATIVE, "prevMonth", "2025-10")).toBeNull();
    expect(historyPeriods(CUMULATIVE, "2025-11")).toEqual({ prevMonth: "2025-10", prevYearFinal: "2025-09" });
    expect(historyPeriods(TON_DONG, "2025-10")).toEqual({ prevMonth: "2025-09", prevYearFinal: null });
    expect(historyPeriods(WEEKLY, "2026-W12")).toEqual({ prevMonth: null, prevYearFinal: null });
  });

  it("labels each period by its kind", () => {
    expect(periodLabelOf(TON_DONG, "2026-03")).toBe("Tháng 3/2026");
    expect(periodLabelOf(WEEKLY, "2026-W12")).toBe("Tuần 12/2026 (16/3–22/3)");
    expect(periodLabelOf(CUMULATIVE, "2026-03")).toBe("6 tháng năm 2026");
  });
});

describe("a collection definition that cannot work is refused with every problem", () => {
  it("lists an unknown field, a cycle, a duplicate column, a rule a week cannot evaluate and an indicator over a missing field", () => {
    const bad = {
      ...WEEKLY,
      fields: [
        { key: "a", label: { vi: "A", en: "A" }, column: 1, valueType: "count", kind: "derived", formula: "{b} + 1" },
        { key: "b", label: { vi: "B", en: "B" }, column: 1, valueType: "count", kind: "derived", formula: "{a} + {khong_co}" },
      ],
      rules: [{ id: "W1", expression: "{a} ≥ prev_month{a}", severity: "error" }],
      indicators: [{ ...TON_DONG.indicators[0], numerator: ["khong_co_ca"] }],
    };
    const r = loadFormDefinition(bad);
    expect(r.ok).toBe(false);
    const problems = r.ok ? [] : r.problems;
    expect(problems.map((p) => p.path)).toEqual(
      expect.arrayContaining(["fields.1.column", "fields.1.formula", "fields", "rules.0.expression", "indicators.0.numerator.0"]),
    );
    expect(problems.find((p) => p.path === "fields.1.column")).toMatchObject({ vi: "Trùng số cột 1.", message: "duplicate column 1" });
    expect(problems.find((p) => p.path === "rules.0.expression")?.vi).toContain("không có ở biểu báo cáo theo tuần");
    expect(problems.find((p) => p.path === "fields")?.vi).toContain("vòng lặp");
  });

  it("refuses a rule that does not parse, in both languages", () => {
    const r = loadFormDefinition({ ...TON_DONG, rules: [{ id: "X", expression: "{tong_ton} = = 1", severity: "error" }] });
    expect(r.ok).toBe(false);
    const p = r.ok ? null : r.problems[0];
    expect(p?.path).toBe("rules.0.expression");
    expect(p?.vi).toMatch(/vị trí \d+/);
    expect(p?.message).toMatch(/position \d+/);
  });
});
