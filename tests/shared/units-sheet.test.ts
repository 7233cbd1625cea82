import { describe, expect, it } from "vitest";
import { dateToSerial, findMeta, KEY_HEADER, readDate } from "../../shared/reports/editable";
import { layoutUnits } from "../../shared/reports/units/sheet";
import { readUnitsSheet, unitChangesFromSheet } from "../../shared/reports/units/read";
import { lastPeriodBefore, planUnitChanges } from "../../shared/reports/units/plan";
import { buildUnitsSheet } from "../../shared/reports/units/build";
import { GENERATED_AT, GIA_LAI, giaLaiUnits, giaLaiUnitsSheet, gridOf, setCell, SOURCE, TOKENS } from "../fixtures/org-sheets";

/** Columns of the units sheet: A STT, B code, C name, D kind, E from, F to, G successor, H last report, I tokens, J key. Rows 7–10: 52-00 … 52-03; 11–20 empty. */
const BEFORE_DEADLINE = "2026-09-20T03:00:00.000Z";
const AFTER_DEADLINE = "2026-10-10T03:00:00.000Z";

function pushed(edit: (g: ReturnType<typeof gridOf>) => void, now = BEFORE_DEADLINE) {
  const current = giaLaiUnitsSheet();
  const g = gridOf(layoutUnits(current, { source: SOURCE }));
  edit(g);
  const read = readUnitsSheet(g);
  const sheet = unitChangesFromSheet(current, read);
  const plan = planUnitChanges(current, sheet.changes, now, sheet.cellOf);
  return { sheet, plan, problems: sheet.problems.concat(plan.problems) };
}

function merge(g: ReturnType<typeof gridOf>): void {
  setCell(g, "F8", dateToSerial("2026-09-30"));
  setCell(g, "G8", "52-15");
  setCell(g, "F9", "30/09/2026");
  setCell(g, "G9", "52-15");
  setCell(g, "B11", "52-15");
  setCell(g, "C11", "Phòng THADS khu vực 15 - Gia Lai");
  setCell(g, "D11", "Phòng THADS khu vực");
  setCell(g, "E11", "01/10/2026");
}

describe("the units sheet's layout", () => {
  it("lists every unit with its validity, successor, last report and tokens, and leaves rows for new units", () => {
    const layout = layoutUnits(giaLaiUnitsSheet(), { source: SOURCE });
    const g = gridOf(layout);
    expect(layout.headers).toEqual(["STT", "Mã đơn vị", "Tên đơn vị", "Loại đơn vị", "Hiệu lực từ ngày", "Hiệu lực đến ngày (đóng đơn vị)", "Đơn vị kế thừa (mã)", "Báo cáo gần nhất", "Mã truy cập đang dùng", KEY_HEADER]);
    expect(findMeta(g)?.meta).toEqual({ v: 1, kind: "units", parent: "52", header: 6 });
    expect((g.values[7] as unknown[]).slice(0, 10)).toEqual([2, "52-01", "Phòng THADS khu vực 1 - Gia Lai", "Phòng THADS khu vực", dateToSerial("2024-10-01"), "", "", "tháng 9/2026", "1: Nguyễn Văn A", "52-01"]);
    expect((g.values[10] as unknown[]).slice(0, 10)).toEqual(["", "", "", "", "", "", "", "", "", ""]);
    // Names, closing dates and successors on every row; code, kind and start date only on the empty rows.
    expect(layout.editing?.inputs).toEqual(["C7:C20", "F7:F20", "G7:G20", "B11:B20", "D11:D20", "E11:E20"]);
    expect(layout.editing?.lists).toEqual([{ address: "D7:D20", values: ["Văn phòng THADS tỉnh", "Phòng THADS khu vực"] }]);
    expect(layout.numberFormats[7]?.slice(4, 6)).toEqual(["dd/mm/yyyy", "dd/mm/yyyy"]);
  });

  it("reads dates as date cells, dd/mm/yyyy or ISO, and nothing else", () => {
    expect(readDate(dateToSerial("2026-09-30"))).toBe("2026-09-30");
    expect(readDate("30/09/2026")).toBe("2026-09-30");
    expect(readDate("2026-09-30")).toBe("2026-09-30");
    expect(readDate("31/13/2026")).toBeNull();
    expect(readDate("Sep 30, 2026")).toBeNull();
  });
});

describe("a merger: two offices closed into a new one", () => {
  it("becomes three changes, with cùng kỳ from the predecessors and the closed offices' tokens stopping after their last deadline", () => {
    const { sheet, plan, problems } = pushed(merge);
    expect(problems).toEqual([]);
    expect(sheet.changes.map((c) => [c.code, c.row])).toEqual([["52-01", 8], ["52-02", 9], ["52-15", 11]]);
    expect(plan.diff.map((d) => [d.code, d.action])).toEqual([["52-01", "close"], ["52-02", "close"], ["52-15", "add"]]);
    expect(plan.diff[2]?.after).toEqual({ name: "Phòng THADS khu vực 15 - Gia Lai", kind: "regional_office", validFrom: "2026-10-01", validTo: null, successorCode: null });
    expect(plan.write.map((u) => [u.code, u.path, u.level, u.reporting])).toEqual([
      ["52-01", "/VN/52/52-01/", "office", true], ["52-02", "/VN/52/52-02/", "office", true], ["52-15", "/VN/52/52-15/", "office", true],
    ]);
    expect(plan.consequences).toEqual({
      periodsWithChangedTotals: [],
      samePeriod: [{ unit: "52-15", name: "Phòng THADS khu vực 15 - Gia Lai", predecessors: ["52-01", "52-02"], from: "2026-10", to: "2027-09" }],
      keepOwnHistory: [],
      withoutHistory: [],
      // September's report is due 2 working days after 30/9/2026: Friday 2/10, 23:59:59 in Hà Nội.
      tokens: [
        { id: "t-52-01", unit: "52-01", label: "Nguyễn Văn A", action: "expire", at: "2026-10-02T16:59:59.999Z" },
        { id: "t-52-02", unit: "52-02", label: "Trần Thị B", action: "expire", at: "2026-10-02T16:59:59.999Z" },
      ],
    });
  });

  it("pushed again after it was written changes nothing: the new office's row, still without a key, is the office now stored", () => {
    const before = giaLaiUnitsSheet();
    const g = gridOf(layoutUnits(before, { source: SOURCE }));
    merge(g);
    // What the server holds after the first push: the merger as giaLaiUnits() has it.
    const after = buildUnitsSheet({ parent: GIA_LAI, units: giaLaiUnits(), lastReports: { "52-01": "2026-09", "52-02": "2026-09" }, tokens: TOKENS, generatedAt: GENERATED_AT });
    const again = unitChangesFromSheet(after, readUnitsSheet(g));
    expect(again.problems).toEqual([]);
    expect(again.changes).toEqual([]);
  });

  it("revokes the tokens at once when the last deadline has passed", () => {
    const { plan } = pushed(merge, AFTER_DEADLINE);
    expect(plan.consequences.tokens.map((t) => [t.unit, t.action, t.at])).toEqual([["52-01", "revoke", AFTER_DEADLINE], ["52-02", "revoke", AFTER_DEADLINE]]);
  });

  it("a unit closed mid-month last reports for the month before", () => {
    expect(lastPeriodBefore("2026-09-30")).toBe("2026-09");
    expect(lastPeriodBefore("2026-09-15")).toBe("2026-08");
  });
});

describe("a split: one office into two, its history to one of them", () => {
  it("maps the old office's figures to the successor it names; the other new office has no cùng kỳ for a year", () => {
    const { plan, problems } = pushed((g) => {
      setCell(g, "F10", "31/12/2026");
      setCell(g, "G10", "52-16");
      for (const [row, code] of [[11, "52-16"], [12, "52-17"]] as const) {
        setCell(g, "B" + row, code);
        setCell(g, "C" + row, "Phòng THADS khu vực " + code.slice(3) + " - Gia Lai");
        setCell(g, "D" + row, "Phòng THADS khu vực");
        setCell(g, "E" + row, "2027-01-01");
      }
    });
    expect(problems).toEqual([]);
    expect(plan.consequences.samePeriod).toEqual([{ unit: "52-16", name: "Phòng THADS khu vực 16 - Gia Lai", predecessors: ["52-03"], from: "2027-01", to: "2027-12" }]);
    expect(plan.consequences.withoutHistory).toEqual([{ unit: "52-17", name: "Phòng THADS khu vực 17 - Gia Lai", until: "2027-12" }]);
  });

  it("an office that already existed and takes over another keeps its own figures for cùng kỳ, and says so", () => {
    const { plan, problems } = pushed((g) => {
      setCell(g, "F10", "2026-09-30");
      setCell(g, "G10", "52-00");
    });
    expect(problems).toEqual([]);
    expect(plan.consequences.keepOwnHistory).toEqual([{ unit: "52-00", name: "Văn phòng THADS tỉnh Gia Lai", predecessors: ["52-03"] }]);
    expect(plan.consequences.samePeriod).toEqual([]);
  });

  it("a rename is one change, and the same sheet pushed again is none", () => {
    const { plan } = pushed((g) => setCell(g, "C10", "Phòng THADS khu vực 3 (Pleiku) - Gia Lai"));
    expect(plan.diff).toEqual([{ code: "52-03", action: "rename", before: expect.objectContaining({ name: "Phòng THADS khu vực 3 - Gia Lai" }), after: expect.objectContaining({ name: "Phòng THADS khu vực 3 (Pleiku) - Gia Lai" }) }]);
    expect(pushed(() => undefined).sheet.changes).toEqual([]);
  });
});

describe("a units sheet edited into nonsense is refused cell by cell, in Vietnamese and English", () => {
  it("a new code that does not match the province", () => {
    const { problems } = pushed((g) => {
      merge(g);
      setCell(g, "B11", "53-07");
      setCell(g, "G8", "53-07");
      setCell(g, "G9", "53-07");
    });
    expect(problems.map((p) => p.cell)).toEqual(["B11", "G8", "G9"]);
    expect(problems[0]).toEqual({
      cell: "B11",
      vi: "Ô B11 (53-07): mã đơn vị mới phải theo mã của 52 (ví dụ 52-15), không phải 53-07.",
      en: "Cell B11 (53-07): a new unit's code must follow 52's (e.g. 52-15), not 53-07.",
    });
    expect(problems[1]?.vi).toBe("Ô G8 (52-01): đơn vị kế thừa 53-07 không phải đơn vị trực thuộc 52.");
  });

  it("a cycle of successors", () => {
    const { problems } = pushed((g) => {
      setCell(g, "F8", "30/09/2026");
      setCell(g, "G8", "52-02");
      setCell(g, "F9", "30/09/2026");
      setCell(g, "G9", "52-01");
    });
    const cycle = problems.filter((p) => p.vi.indexOf("thành vòng") >= 0);
    expect(cycle).toEqual([{
      cell: "G8",
      vi: "Ô G8 (52-01): các đơn vị kế thừa nhau thành vòng (52-01 → 52-02 → 52-01): số liệu cùng kỳ sẽ không có điểm dừng.",
      en: "Cell G8 (52-01): successors form a loop (52-01 → 52-02): same-period figures would never end.",
    }]);
    // Each also names a successor that no longer exists the day after it closes.
    expect(problems.filter((p) => p.vi.indexOf("không có hiệu lực vào ngày 01/10/2026") >= 0).map((p) => p.cell)).toEqual(["G8", "G9"]);
  });

  it("a closing date before the unit's last report", () => {
    const { problems } = pushed((g) => setCell(g, "F7", "31/08/2026"));
    expect(problems).toEqual([{
      cell: "F7",
      vi: "Ô F7 (52-00): ngày đóng 31/08/2026 trước kỳ báo cáo cuối cùng của đơn vị (tháng 9/2026, đến 30/09/2026): số liệu đã nộp sẽ thuộc một đơn vị không còn tồn tại.",
      en: "Cell F7 (52-00): closing date 2026-08-31 is before the unit's last report (2026-09, up to 2026-09-30): reported figures would belong to a unit that no longer exists.",
    }]);
  });

  it("a row of another province's unit pasted over one of ours", () => {
    const { problems } = pushed((g) => {
      for (const [col, v] of [["B", "53-02"], ["C", "Phòng THADS khu vực 2 - Bình Định"], ["J", "53-02"]] as const) setCell(g, col + "9", v);
    });
    expect(problems.map((p) => p.cell)).toEqual(["B9", null]);
    expect(problems[0]?.vi).toBe("Ô B9 (53-02): dòng của đơn vị 53-02, không phải đơn vị trực thuộc 52 (THADS tỉnh Gia Lai): không sửa được đơn vị của nơi khác ở đây.");
    expect(problems[1]?.en).toContain("The row of unit 52-02 was deleted from the sheet");
  });

  it("an existing code, kind or start date changed; an empty name; a date and a kind that mean nothing; a successor of an open unit", () => {
    const { problems, sheet } = pushed((g) => {
      setCell(g, "B7", "52-09");
      setCell(g, "D8", "Văn phòng THADS tỉnh");
      setCell(g, "E9", "01/01/2025");
      setCell(g, "C10", "");
      setCell(g, "F10", "31/13/2026");
      setCell(g, "B12", "52-16");
      setCell(g, "C12", "Chi cục mới");
      setCell(g, "D12", "Chi cục");
      setCell(g, "E12", "2026-10-01");
    });
    expect(problems.map((p) => p.cell)).toEqual(["F10", "D12", "B7", "D8", "E9"]);
    expect(problems[0]?.vi).toBe("Ô F10 (52-03): «31/13/2026» không phải ngày; hãy nhập ngày (ví dụ 30/09/2026).");
    expect(problems[1]?.en).toBe('Cell D12 (52-16): "Chi cục" is not a unit kind; choose Văn phòng THADS tỉnh, Phòng THADS khu vực, Tỉnh, thành phố.');
    expect(problems[2]?.vi).toContain("không đổi được mã đơn vị đã có (52-00 → 52-09)");
    expect(sheet.changes).toEqual([]);
    const open = pushed((g) => setCell(g, "G7", "52-03"));
    expect(open.problems).toEqual([{ cell: "G7", vi: "Ô G7 (52-00): chỉ ghi đơn vị kế thừa cho đơn vị đã đóng (có ngày hết hiệu lực).", en: "Cell G7 (52-00): only a closed unit (with an end date) has a successor." }]);
    const empty = pushed((g) => setCell(g, "C8", ""));
    expect(empty.problems).toEqual([{ cell: "C8", vi: "Ô C8 (52-01): tên đơn vị không được để trống.", en: "Cell C8 (52-01): the unit's name cannot be empty." }]);
  });
});
