import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_DEADLINE_RULES,
  DEFAULT_WORKING_CALENDAR,
  TT06_2019_DEADLINE_RULE,
  VN_HOLIDAY_DATA,
  WEEKENDS_ONLY_CALENDAR,
  addWorkingDays,
  buildWorkingCalendar,
  calendarCovers,
  dayNumber,
  dayOfWeek,
  deadlineDetails,
  deadlineFor,
  deadlineInstantUtc,
  deadlineRuleFor,
  fromDayNumber,
  holidayName,
  isLate,
  isProvisionalDay,
  isWorkingDay,
  parseHolidayData,
  parseInstant,
  periodEnd,
  periodKey,
  vietnamDateOf,
  workingDaysBetween,
  type DeadlineRule,
  type ReportLevel,
} from "../../shared/periods";
import rawHolidays from "../../shared/periods/holidays-vn.json";

describe("the bundled holiday list", () => {
  it("covers 2024–2027, with 2027 provisional because it is announced late", () => {
    expect(VN_HOLIDAY_DATA.years.map((y) => y.year)).toEqual([2024, 2025, 2026, 2027]);
    const statusOf = (year: number) => VN_HOLIDAY_DATA.years.find((y) => y.year === year)?.status;
    expect(statusOf(2024)).toBe("official");
    expect(statusOf(2025)).toBe("official");
    expect(statusOf(2026)).toBe("partial");
    expect(statusOf(2027)).toBe("provisional");
    for (const y of VN_HOLIDAY_DATA.years) {
      expect(y.source.length).toBeGreaterThan(0);
      const names = y.holidays.map((h) => h.name);
      for (const expected of [
        "Tết Dương lịch",
        "Tết Nguyên Đán",
        "Giỗ Tổ Hùng Vương",
        "Ngày Chiến thắng và Quốc tế Lao động (30/4–1/5)",
        "Quốc khánh 2/9",
      ]) {
        expect(names).toContain(expected);
      }
      for (const h of y.holidays) expect(Number(h.from.slice(0, 4))).toBe(y.year);
    }
  });

  it.each([
    ["2024-02-08", "2024-02-14"],
    ["2025-01-25", "2025-02-02"],
    ["2026-02-14", "2026-02-22"],
  ])("Tết Nguyên Đán runs from %s to %s, with working days either side", (from, to) => {
    for (let n = dayNumber(from); n <= dayNumber(to); n++) {
      expect(holidayName(fromDayNumber(n))).toBe("Tết Nguyên Đán");
      expect(isWorkingDay(fromDayNumber(n))).toBe(false);
    }
    expect(isWorkingDay(fromDayNumber(dayNumber(from) - 1))).toBe(true);
    expect(isWorkingDay(fromDayNumber(dayNumber(to) + 1))).toBe(true);
  });

  it.each(["2024-04-18", "2025-04-07", "2026-04-26", "2027-04-16"])(
    "Giỗ Tổ Hùng Vương (10/3 âm lịch) falls on %s",
    (date) => {
      expect(holidayName(date)).toBe("Giỗ Tổ Hùng Vương");
    },
  );

  it("gives Monday 27/4/2026 off because Giỗ Tổ falls on a Sunday", () => {
    expect(isWorkingDay("2026-04-27")).toBe(false);
    expect(isWorkingDay("2026-04-28")).toBe(true);
  });

  it("gives two days for Quốc khánh every year: 2/9 and an adjacent day", () => {
    for (const year of [2024, 2025, 2026, 2027]) {
      const second = `${year}-09-02`;
      expect(holidayName(second)).toBe("Quốc khánh 2/9");
      const adjacent = [`${year}-09-01`, `${year}-09-03`].filter((d) => holidayName(d) === "Quốc khánh 2/9");
      expect(adjacent.length).toBeGreaterThanOrEqual(1);
    }
  });

  it("treats swapped weekdays as days off and make-up Saturdays as working days", () => {
    expect(isWorkingDay("2026-01-02")).toBe(false); // Friday swapped into Tết Dương lịch 2026
    expect(isWorkingDay("2026-01-10")).toBe(true); // …and worked on Saturday 10/01
    expect(isWorkingDay("2024-04-29")).toBe(false);
    expect(isWorkingDay("2024-05-04")).toBe(true);
    expect(isWorkingDay("2025-05-02")).toBe(false);
    expect(isWorkingDay("2025-04-26")).toBe(true);
    expect(isWorkingDay("2026-01-17")).toBe(false); // an ordinary Saturday
    expect(isWorkingDay("2026-01-18")).toBe(false); // Sunday
    expect(isWorkingDay("2026-01-19")).toBe(true);
    for (const y of VN_HOLIDAY_DATA.years) {
      for (const m of y.makeUpWorkingDays) expect(dayOfWeek(m.date)).toBe(6);
    }
  });

  it("knows which days may still change", () => {
    expect(isProvisionalDay("2026-01-02")).toBe(false);
    expect(isProvisionalDay("2026-09-01")).toBe(true);
    expect(isProvisionalDay("2026-11-24")).toBe(true);
    expect(isProvisionalDay("2027-03-03")).toBe(true);
    expect(isProvisionalDay("2030-01-01")).toBe(true);
    expect(calendarCovers("2027-12-31")).toBe(true);
    expect(calendarCovers("2028-01-03")).toBe(false);
  });

  it("can leave provisional entries out", () => {
    const officialOnly = buildWorkingCalendar(VN_HOLIDAY_DATA, { includeProvisional: false });
    expect(isWorkingDay("2026-09-01", officialOnly)).toBe(true);
    expect(isWorkingDay("2026-09-02", officialOnly)).toBe(true);
    expect(isWorkingDay("2027-01-01", officialOnly)).toBe(true);
    expect(isWorkingDay("2026-02-16", officialOnly)).toBe(false);
  });

  it("parses the raw JSON to the same data", () => {
    expect(parseHolidayData(rawHolidays)).toEqual(VN_HOLIDAY_DATA);
  });
});

describe("holiday data checks", () => {
  const year = (overrides: Record<string, unknown>) => ({
    years: [
      {
        year: 2030,
        status: "official",
        source: "test",
        holidays: [{ name: "Tết Dương lịch", from: "2030-01-01", to: "2030-01-01" }],
        makeUpWorkingDays: [],
        ...overrides,
      },
    ],
  });

  it.each([
    ["a range that ends before it starts", year({ holidays: [{ name: "X", from: "2030-01-02", to: "2030-01-01" }] }), /before from/],
    ["an impossible date", year({ holidays: [{ name: "X", from: "2030-02-30", to: "2030-02-30" }] }), /YYYY-MM-DD/],
    ["a make-up day on a weekday", year({ makeUpWorkingDays: [{ date: "2030-01-02" }] }), /not a Saturday or Sunday/],
    ["an unknown status", year({ status: "maybe" }), /status/],
    ["a missing source", year({ source: "" }), /source/],
    ["no years array", { holidays: [] }, /years/],
  ])("rejects %s", (_what, raw, message) => {
    expect(() => parseHolidayData(raw)).toThrow(message);
  });

  it("rejects a year listed twice and a day that is both off and worked", () => {
    const once = year({}).years[0];
    expect(() => parseHolidayData({ years: [once, once] })).toThrow(/twice/);
    expect(() =>
      buildWorkingCalendar(
        parseHolidayData(
          year({
            holidays: [{ name: "X", from: "2030-01-05", to: "2030-01-05" }],
            makeUpWorkingDays: [{ date: "2030-01-05" }],
          }),
        ),
      ),
    ).toThrow(/both a holiday and a make-up/);
  });
});

describe("working days", () => {
  it.each([
    ["2025-12-31", 1, "2026-01-05"],
    ["2025-12-31", 2, "2026-01-06"],
    ["2026-01-09", 1, "2026-01-10"], // make-up Saturday
    ["2026-02-13", 1, "2026-02-23"], // over Tết Bính Ngọ
    ["2026-01-05", -1, "2025-12-31"],
    ["2026-01-05", 0, "2026-01-05"],
    ["2026-01-03", 0, "2026-01-03"],
  ])("addWorkingDays(%s, %i) is %s", (date, n, expected) => {
    expect(addWorkingDays(date, n)).toBe(expected);
  });

  it("uses weekends only when told to", () => {
    expect(addWorkingDays("2025-12-31", 2, WEEKENDS_ONLY_CALENDAR)).toBe("2026-01-02");
    expect(isWorkingDay("2026-01-01", WEEKENDS_ONLY_CALENDAR)).toBe(true);
  });

  it.each([
    ["2025-12-31", "2026-01-06", 2],
    ["2025-12-31", "2026-01-04", 0],
    ["2026-02-13", "2026-02-23", 1],
    ["2026-01-06", "2025-12-31", -2],
    ["2026-01-06", "2026-01-06", 0],
  ])("workingDaysBetween(%s, %s) is %i", (from, to, expected) => {
    expect(workingDaysBetween(from, to)).toBe(expected);
  });

  it("rejects a fractional count and a malformed date", () => {
    expect(() => addWorkingDays("2026-01-05", 1.5)).toThrow(RangeError);
    expect(() => addWorkingDays("2026-1-5", 1)).toThrow(/Invalid ISO date/);
    expect(() => isWorkingDay("2026-02-30")).toThrow(/Invalid ISO date/);
  });

  const anyDate = fc.integer({ min: dayNumber("2023-06-01"), max: dayNumber("2028-12-31") }).map(fromDayNumber);

  it("always lands on a working day strictly after (or before) the start, n working days away", () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 40 }), (date, n) => {
        const after = addWorkingDays(date, n);
        expect(isWorkingDay(after)).toBe(true);
        expect(dayNumber(after)).toBeGreaterThan(dayNumber(date));
        expect(workingDaysBetween(date, after)).toBe(n);
        const before = addWorkingDays(date, -n);
        expect(isWorkingDay(before)).toBe(true);
        expect(dayNumber(before)).toBeLessThan(dayNumber(date));
      }),
    );
  });

  it("counts the same span with opposite signs in either direction", () => {
    fc.assert(
      fc.property(anyDate, anyDate, (a, b) => {
        expect(workingDaysBetween(a, b) + workingDaysBetween(b, a)).toBe(0);
        expect(Object.is(workingDaysBetween(a, b), -0)).toBe(false);
      }),
    );
  });
});

describe("deadlines (TT 06/2019: 1, 2 and 4 working days after the period end)", () => {
  it.each<[string, string, string, string]>([
    // period, officer, office, province
    ["2023-12", "2024-01-02", "2024-01-03", "2024-01-05"],
    ["2024-01", "2024-02-01", "2024-02-02", "2024-02-06"],
    ["2024-04", "2024-05-02", "2024-05-03", "2024-05-06"], // Saturday 04/05/2024 is a make-up working day
    ["2024-08", "2024-09-04", "2024-09-05", "2024-09-09"],
    ["2024-12", "2025-01-02", "2025-01-03", "2025-01-07"],
    ["2025-01", "2025-02-03", "2025-02-04", "2025-02-06"], // period ends inside Tết Ất Tỵ
    ["2025-03", "2025-04-01", "2025-04-02", "2025-04-04"],
    ["2025-04", "2025-05-05", "2025-05-06", "2025-05-08"],
    ["2025-08", "2025-09-03", "2025-09-04", "2025-09-08"],
    ["2025-12", "2026-01-05", "2026-01-06", "2026-01-08"], // 01–04/01/2026 off, the 2nd by swap
    ["2026-01", "2026-02-02", "2026-02-03", "2026-02-05"], // before Tết Bính Ngọ (14–22/02)
    ["2026-02", "2026-03-02", "2026-03-03", "2026-03-05"],
    ["2026-04", "2026-05-04", "2026-05-05", "2026-05-07"],
    ["2026-08", "2026-09-03", "2026-09-04", "2026-09-08"],
    ["2026-09", "2026-10-01", "2026-10-02", "2026-10-06"],
    ["2026-12", "2027-01-04", "2027-01-05", "2027-01-07"],
  ])("%s: officer %s, office %s, province %s", (period, officer, office, province) => {
    expect(deadlineFor(period, "officer")).toBe(officer);
    expect(deadlineFor(period, "office")).toBe(office);
    expect(deadlineFor(period, "province")).toBe(province);
  });

  it("follows the calendar it is given: without the 02/01/2026 swap the office deadline is 05/01", () => {
    const noSwap = buildWorkingCalendar({
      years: [
        {
          year: 2026,
          status: "official",
          source: "test",
          holidays: [{ name: "Tết Dương lịch", from: "2026-01-01", to: "2026-01-01" }],
          makeUpWorkingDays: [],
        },
      ],
    });
    expect(deadlineFor("2025-12", "office", DEFAULT_DEADLINE_RULES, noSwap)).toBe("2026-01-05");
  });

  it("expresses the deadline as 23:59:59.999 Vietnam time in UTC", () => {
    expect(deadlineInstantUtc("2025-12", "officer")).toBe("2026-01-05T16:59:59.999Z");
    expect(deadlineInstantUtc("2025-12", "office")).toBe("2026-01-06T16:59:59.999Z");
    expect(deadlineInstantUtc("2026-01", "province")).toBe("2026-02-05T16:59:59.999Z");
  });

  it.each([
    ["2026-01-06T16:59:59.999Z", false],
    ["2026-01-06T17:00:00Z", true],
    ["2026-01-06T23:59:59+07:00", false],
    ["2026-01-07T00:00:00+07:00", true],
    ["2026-01-06T10:00:00-05:00", false],
    ["2026-01-06T12:00:00-05:00", true],
    ["2026-01-02T08:00:00Z", false],
    ["2026-01-06T16:59:59.9999Z", false],
  ])("an office report for 2025-12 submitted at %s is late: %s", (submittedAt, late) => {
    expect(isLate(submittedAt, "2025-12", "office")).toBe(late);
  });

  it("refuses submission times without an explicit offset", () => {
    expect(() => isLate("2026-01-06T10:00:00", "2025-12", "office")).toThrow(/Z or ±HH:MM/);
    expect(() => parseInstant("2026-01-06")).toThrow(RangeError);
    expect(() => parseInstant("2026-02-30T10:00:00Z")).toThrow(RangeError);
    expect(() => parseInstant("2026-01-06T24:00:00Z")).toThrow(RangeError);
  });

  it("parses instants exactly, whatever the machine's time zone", () => {
    expect(parseInstant("2026-01-06T16:59:59.999Z")).toBe(Date.UTC(2026, 0, 6, 16, 59, 59, 999));
    expect(parseInstant("2026-01-06T00:00+07:00")).toBe(Date.UTC(2026, 0, 5, 17, 0, 0, 0));
    expect(parseInstant("2026-01-06T00:00:00.57Z")).toBe(Date.UTC(2026, 0, 6, 0, 0, 0, 570));
  });

  it("tells the Vietnamese calendar day of a UTC instant", () => {
    expect(vietnamDateOf("2026-01-05T16:59:59Z")).toBe("2026-01-05");
    expect(vietnamDateOf("2026-01-05T17:00:00Z")).toBe("2026-01-06");
    expect(vietnamDateOf("2025-12-31T17:00:00Z")).toBe("2026-01-01");
  });

  it("flags deadlines that depend on provisional or missing holiday data", () => {
    expect(deadlineDetails("2025-12", "office")).toEqual({
      period: "2025-12",
      level: "office",
      regime: "TT06_2019",
      date: "2026-01-06",
      instantUtc: "2026-01-06T16:59:59.999Z",
      provisional: false,
    });
    expect(deadlineDetails("2026-08", "officer").provisional).toBe(true); // 01/09/2026 not yet decided
    expect(deadlineDetails("2026-12", "office").provisional).toBe(true); // 2027 not yet announced
    expect(deadlineDetails("2028-12", "office").provisional).toBe(true); // 2029 not in the list
    expect(deadlineDetails("2026-09", "province").provisional).toBe(false);
  });

  describe("rules are data", () => {
    const later: DeadlineRule = {
      regime: "TEST_2026",
      validFrom: "2026-07-01",
      offsetsByLevel: { officer: 3, office: 5, province: 7 },
    };
    const rules = [later, TT06_2019_DEADLINE_RULE];

    it("applies the rule in force at the period's end", () => {
      expect(deadlineRuleFor("2026-06", rules).regime).toBe("TT06_2019");
      expect(deadlineRuleFor("2026-07", rules).regime).toBe("TEST_2026");
      expect(deadlineFor("2026-06", "office", rules)).toBe("2026-07-02");
      expect(deadlineFor("2026-07", "office", rules)).toBe("2026-08-07");
    });

    it("refuses a period no rule covers and an offset that is not a whole number", () => {
      expect(() => deadlineFor("2019-11", "office")).toThrow(/No deadline rule/);
      const broken: DeadlineRule = { ...later, offsetsByLevel: { officer: 1, office: -2, province: 4 } };
      expect(() => deadlineFor("2026-07", "office", [broken])).toThrow(/invalid offset/);
    });
  });

  it("orders officer ≤ office ≤ province, all on working days after the period end", () => {
    const levels: ReportLevel[] = ["officer", "office", "province"];
    fc.assert(
      fc.property(fc.integer({ min: 2024, max: 2028 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const period = periodKey(year, month);
        const dates = levels.map((level) => deadlineFor(period, level));
        for (const d of dates) {
          expect(isWorkingDay(d, DEFAULT_WORKING_CALENDAR)).toBe(true);
          expect(dayNumber(d)).toBeGreaterThan(dayNumber(periodEnd(period)));
        }
        expect(dayNumber(dates[0] ?? "")).toBeLessThan(dayNumber(dates[1] ?? ""));
        expect(dayNumber(dates[1] ?? "")).toBeLessThan(dayNumber(dates[2] ?? ""));
      }),
    );
  });
});
