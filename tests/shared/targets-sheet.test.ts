import { describe, expect, it } from "vitest";
import { findMeta, KEY_HEADER } from "../../shared/reports/editable";
import { fillFromLastYear } from "../../shared/reports/targets/fill";
import { checkTargetChanges, diffTargets, readTargetsSheet, targetEffects } from "../../shared/reports/targets/read";
import { layoutTargets } from "../../shared/reports/targets/sheet";
import { buildTargetsSheet } from "../../shared/reports/targets/build";
import type { TargetsSheet } from "../../shared/api/sheets";
import { cell, giaLaiTargets, gridOf, rowWith, setCell, SOURCE, target, targetsData } from "../fixtures/org-sheets";

const row = (s: TargetsSheet, unit: string, indicator: string) => {
  const r = s.rows.find((x) => x.unit === unit && x.indicator === indicator);
  if (!r) throw new Error("no row " + unit + " " + indicator);
  return r;
};

/** Columns of the targets sheet as laid out: A STT … I own target, J ≥/>, K Tạm giao/Chính thức, L decision, M key. */
const COL = { code: 2, lastResult: 5, lastTarget: 6, current: 7, source: 8, target: 9, comparison: 10, type: 11, decision: 12, key: 13 };

describe("the targets sheet's rows", () => {
  it("lists the parent's units of the year × targeted indicators, own or inherited, with last year's result and target", () => {
    const s = giaLaiTargets();
    // 52-01 and 52-02 closed on 30/9/2026, before statistical year 2027 began: not listed.
    expect([...new Set(s.rows.map((r) => r.unit))]).toEqual(["52-00", "52-03", "52-15"]);
    expect(s.indicators.map((i) => i.id)).toEqual(["rate_viec", "rate_tien"]);
    expect(row(s, "52-00", "rate_viec")).toMatchObject({
      own: null,
      inherited: { targetPct: 84.7, source: "52", sourceName: "THADS tỉnh Gia Lai", decisionRef: "QĐ 12/QĐ-CQLTHADS" },
      lastYear: { result: 80, target: 82, sources: ["52-00"] },
    });
    expect(row(s, "52-03", "rate_viec")).toMatchObject({ own: { targetPct: 80, provisional: true, comparison: "gte" }, lastYear: { result: null, target: 83.9 } });
    // A new office's last year is the exact sum of the offices it replaced: (60 + 30) ÷ (75 + 50) = 72%.
    expect(row(s, "52-15", "rate_viec").lastYear).toEqual({ result: 72, sources: ["52-01", "52-02"], target: 83.9, comparison: "gte" });
    expect(row(s, "52-15", "rate_tien")).toMatchObject({ own: null, inherited: { targetPct: null, source: null }, lastYear: { result: null } });
  });
});

describe("the targets sheet's layout", () => {
  const layout = layoutTargets(giaLaiTargets(), { source: SOURCE });

  it("shows last year beside this year, inputs in yellow, a hidden key per row and the year in a metadata cell", () => {
    const g = gridOf(layout);
    expect(layout.headers).toEqual([
      "STT", "Mã đơn vị", "Đơn vị", "Chỉ tiêu", "Kết quả năm 2026 (%)", "Chỉ tiêu năm 2026 (%)", "Chỉ tiêu năm 2027 đang áp dụng (%)",
      "Nguồn chỉ tiêu", "Chỉ tiêu năm 2027 của đơn vị (%)", "So sánh (≥ hoặc >)", "Tạm giao / Chính thức", "Số, ngày quyết định giao", KEY_HEADER,
    ]);
    expect(findMeta(g)?.meta).toEqual({ v: 1, kind: "targets", parent: "52", year: 2027, header: 6 });
    const r = rowWith(g, COL.key, "52-15|rate_viec");
    expect((g.values[r - 1] as unknown[]).slice(1, 12)).toEqual(["52-15", "Phòng THADS khu vực 15 - Gia Lai", "Tỷ lệ thi hành xong về việc", 72, 83.9, 84.7, "Kế thừa: THADS tỉnh Gia Lai", "", "≥", "", ""]);
    const own = rowWith(g, COL.key, "52-03|rate_viec");
    expect((g.values[own - 1] as unknown[]).slice(6, 11)).toEqual([80, "Riêng", 80, "≥", "Tạm giao"]);
    // "Đang áp dụng" and "Nguồn" follow the own target in Excel before anything is sent.
    expect((layout.contents[r - 1] as unknown[])[COL.current - 1]).toBe("=IF(ISNUMBER(I" + r + "),I" + r + ",84.7)");
    expect((layout.contents[r - 1] as unknown[])[COL.source - 1]).toBe('=IF(ISNUMBER(I' + r + '),"Riêng","Kế thừa: THADS tỉnh Gia Lai")');
    expect(layout.editing).toMatchObject({ inputs: ["I7:I12", "J7:J12", "K7:K12", "L7:L12"], hiddenColumns: [13], metaCell: "M1" });
    expect(layout.editing?.lists).toEqual([{ address: "J7:J12", values: ["≥", ">"] }, { address: "K7:K12", values: ["Tạm giao", "Chính thức"] }]);
    // The key column is inside the Excel table, so sorting the table moves each key with its row.
    expect(layout.tableAddress).toBe("A6:M12");
    expect(layout.printArea).toBe("A1:L12");
  });
});

describe("the start-of-year fill: không thấp hơn kết quả năm trước", () => {
  it("gives every row without a target of its own last year's result, provisional, ≥; keeps the others", () => {
    const g = gridOf(layoutTargets(giaLaiTargets(), { source: SOURCE }));
    const fill = fillFromLastYear(g);
    const r00 = rowWith(g, COL.key, "52-00|rate_viec");
    const r15 = rowWith(g, COL.key, "52-15|rate_viec");
    expect(fill.filled).toBe(2);
    expect(fill.kept).toBe(1);
    expect(fill.withoutResult).toEqual(["52-00", "52-03", "52-15"]);
    expect(fill.writes.map((w) => [w.address, w.value])).toEqual([
      ["I" + r00, 80], ["J" + r00, "≥"], ["K" + r00, "Tạm giao"],
      ["I" + r15, 72], ["J" + r15, "≥"], ["K" + r15, "Tạm giao"],
    ]);
  });

  it("is the same rule in a pre-filled download, whose formulas then say Riêng", () => {
    const filled = gridOf(layoutTargets(giaLaiTargets(), { source: SOURCE, fill: true }));
    const r15 = rowWith(filled, COL.key, "52-15|rate_viec");
    expect((filled.values[r15 - 1] as unknown[]).slice(6, 11)).toEqual([72, "Riêng", 72, "≥", "Tạm giao"]);
    expect(fillFromLastYear(filled).filled).toBe(0);
  });
});

describe("sheet → changes", () => {
  const current = giaLaiTargets();

  it("finds what was edited, old → new, and nothing when the same sheet is pushed again", () => {
    const g = gridOf(layoutTargets(current, { source: SOURCE }));
    const r00 = rowWith(g, COL.key, "52-00|rate_viec");
    const r03 = rowWith(g, COL.key, "52-03|rate_viec");
    setCell(g, "I" + r00, 85.5);
    setCell(g, "J" + r00, ">");
    setCell(g, "K" + r00, "Chính thức");
    setCell(g, "L" + r00, "QĐ 45/QĐ-THADS ngày 10/01/2027");
    setCell(g, "I" + r03, "");
    const read = readTargetsSheet(g);
    expect(read.problems).toEqual([]);
    const d = diffTargets(current, read);
    expect(d.problems).toEqual([]);
    expect(d.diff).toEqual([
      { unit: "52-00", indicator: "rate_viec", before: null, after: { targetPct: 85.5, provisional: false, comparison: "gt", decisionRef: "QĐ 45/QĐ-THADS ngày 10/01/2027" } },
      { unit: "52-03", indicator: "rate_viec", before: { targetPct: 80, provisional: true, comparison: "gte", decisionRef: null }, after: null },
    ]);
    expect(d.changes.map((c) => c.cell)).toEqual(["I" + r00, "I" + r03]);

    // The server now holds them: the same sheet pushed again changes nothing.
    const stored = buildTargetsSheet(targetsData(
      [target("52", "rate_viec", 84.7, { decisionRef: "QĐ 12/QĐ-CQLTHADS" }), target("52-00", "rate_viec", 85.5, { comparison: "gt", decisionRef: "QĐ 45/QĐ-THADS ngày 10/01/2027" })],
      [target("52", "rate_viec", 83.9), target("52-00", "rate_viec", 82)],
    ));
    expect(diffTargets(stored, readTargetsSheet(g)).changes).toEqual([]);
    const effects = targetEffects((u, i) => (u === "52-00" && i === "rate_viec" ? { targetPct: 85.5, provisional: false, comparison: "gt", decisionRef: "QĐ 45/QĐ-THADS ngày 10/01/2027" } : null), d.changes);
    expect(effects).toEqual({ changed: [], unchanged: 2 });
  });

  it("reads a column moved to another place by its header, and a sorted table by its keys", () => {
    const g = gridOf(layoutTargets(current, { source: SOURCE }));
    // Swap rows 7 and 8 (a sort) and move the decision column before the target.
    const rows = g.values;
    [rows[6], rows[7]] = [rows[7] as unknown[], rows[6] as unknown[]];
    for (const r of rows) [r[8], r[11]] = [r[11], r[8]];
    const r15 = rowWith(g, COL.key, "52-15|rate_viec");
    setCell(g, "L" + r15, 90);
    setCell(g, "K" + r15, "Tạm giao");
    const d = diffTargets(current, readTargetsSheet(g));
    expect(d.problems).toEqual([]);
    expect(d.diff).toEqual([{ unit: "52-15", indicator: "rate_viec", before: null, after: { targetPct: 90, provisional: true, comparison: "gte", decisionRef: null } }]);
  });

  it("takes a value shown with Excel's own percent format (0,857 shown as 85,7%) as what it shows", () => {
    const g = gridOf(layoutTargets(current, { source: SOURCE }));
    const r = rowWith(g, COL.key, "52-15|rate_viec");
    setCell(g, "I" + r, 0.857);
    setCell(g, "K" + r, "Tạm giao");
    g.formats = g.values.map((vals) => vals.map(() => "General"));
    (g.formats[r - 1] as string[])[COL.target - 1] = "0.0%";
    expect(diffTargets(current, readTargetsSheet(g)).diff[0]?.after?.targetPct).toBe(85.7);
  });
});

describe("a sheet edited into nonsense is refused cell by cell, in Vietnamese and English", () => {
  const current = giaLaiTargets();
  const ctx = {
    year: 2027,
    parent: { code: "52", name: "THADS tỉnh Gia Lai" },
    units: { "52-00": "Văn phòng THADS tỉnh Gia Lai", "52-03": "Phòng THADS khu vực 3 - Gia Lai", "52-15": "Phòng THADS khu vực 15 - Gia Lai" },
    indicators: { rate_viec: "Tỷ lệ thi hành xong về việc", rate_tien: "Tỷ lệ thi hành xong về tiền" },
  };
  const edited = () => {
    const g = gridOf(layoutTargets(current, { source: SOURCE }));
    return { g, r: (key: string) => rowWith(g, COL.key, key) };
  };

  it("a target of 120, one with three decimals, '85,7%' typed as text", () => {
    const { g, r } = edited();
    setCell(g, "I" + r("52-00|rate_viec"), 120);
    setCell(g, "K" + r("52-00|rate_viec"), "Chính thức");
    setCell(g, "I" + r("52-15|rate_viec"), 84.705);
    setCell(g, "K" + r("52-15|rate_viec"), "Tạm giao");
    setCell(g, "I" + r("52-00|rate_tien"), "85,7%");
    const read = readTargetsSheet(g);
    expect(read.problems).toEqual([{
      cell: "I" + r("52-00|rate_tien"),
      vi: "Ô I" + r("52-00|rate_tien") + " (52-00): «85,7%» là chữ, không phải số. Hãy gõ số 85,7 (không kèm dấu %: cột đã ghi phần trăm).",
      en: "Cell I" + r("52-00|rate_tien") + ' (52-00): "85,7%" is text, not a number. Type the number 85.7 (without %: the column is in percent).',
    }]);
    const d = diffTargets(current, read);
    const problems = checkTargetChanges(ctx, d.changes);
    expect(problems).toEqual([
      { cell: "I" + r("52-00|rate_viec"), vi: "Ô I" + r("52-00|rate_viec") + " (52-00): chỉ tiêu 120 nằm ngoài khoảng 0–100 (%).", en: "Cell I" + r("52-00|rate_viec") + " (52-00): target 120 is outside 0–100 (%)." },
      { cell: "I" + r("52-15|rate_viec"), vi: "Ô I" + r("52-15|rate_viec") + " (52-15): chỉ tiêu 84,705 có quá 2 chữ số thập phân.", en: "Cell I" + r("52-15|rate_viec") + " (52-15): target 84.705 has more than 2 decimals." },
    ]);
  });

  it("a row copied from another province's sheet, a repeated row, a comparison and a type that mean nothing", () => {
    const { g, r } = edited();
    const from = r("52-03|rate_viec");
    setCell(g, "M" + from, "53-03|rate_viec");
    setCell(g, "B" + from, "53-03");
    const twice = r("52-15|rate_tien");
    setCell(g, "M" + twice, "52-15|rate_viec");
    setCell(g, "I" + r("52-00|rate_viec"), 85);
    setCell(g, "J" + r("52-00|rate_viec"), "lớn hơn");
    setCell(g, "I" + r("52-00|rate_tien"), 55);
    setCell(g, "K" + r("52-00|rate_tien"), "dự kiến");
    const read = readTargetsSheet(g);
    const d = diffTargets(current, read);
    expect(d.problems.map((p) => p.cell)).toEqual(["J" + r("52-00|rate_viec"), "K" + r("52-00|rate_tien"), "B" + from, "B" + twice]);
    expect(d.problems[0]?.vi).toContain("«lớn hơn» không phải cách so sánh");
    expect(d.problems[1]?.en).toContain('"dự kiến" — write Tạm giao (provisional) or Chính thức (official)');
    expect(d.problems[2]?.vi).toBe("Dòng " + from + " là của đơn vị 53-03, không phải đơn vị trực thuộc 52 (THADS tỉnh Gia Lai): không sửa được chỉ tiêu của đơn vị khác.");
    expect(d.problems[3]?.en).toContain("repeats row");
  });

  it("a target without Tạm giao or Chính thức, a sheet that is not a targets sheet, a sheet of another year", () => {
    const { g, r } = edited();
    setCell(g, "I" + r("52-15|rate_tien"), 50);
    expect(readTargetsSheet(g).problems.map((p) => [p.cell, p.vi])).toEqual([
      ["K" + r("52-15|rate_tien"), "Ô K" + r("52-15|rate_tien") + " (52-15): chỉ tiêu 50 chưa ghi Tạm giao hay Chính thức."],
    ]);
    setCell(g, "M1", "");
    expect(readTargetsSheet(g).problems[0]?.vi).toContain("không phải trang chỉ tiêu lấy từ THADS Thống kê");
    const other = gridOf(layoutTargets({ ...current, year: 2026 }, { source: SOURCE }));
    expect(diffTargets(current, readTargetsSheet(other)).problems[0]?.vi).toBe("Trang này là chỉ tiêu năm 2026 của 52, không phải năm 2027 của 52.");
  });

  it("refuses a unit outside the parent and an indicator the year does not have when the request comes from elsewhere", () => {
    const problems = checkTargetChanges(ctx, [
      { unit: "53-01", indicator: "rate_viec", target: { targetPct: 80, provisional: true, comparison: "gte", decisionRef: null } },
      { unit: "52-00", indicator: "rate_khac", target: { targetPct: 80, provisional: true, comparison: "gte", decisionRef: null } },
    ]);
    expect(problems.map((p) => p.cell)).toEqual([null, null]);
    expect(problems[0]?.vi).toBe("changes.0.unit: 53-01 không phải đơn vị trực thuộc 52 (THADS tỉnh Gia Lai) trong năm 2027: chỉ giao chỉ tiêu cho đơn vị trực thuộc mình.");
    expect(problems[1]?.en).toContain('year 2027 has no indicator "rate_khac"');
  });
});

it("fixture sanity: the cell helper reads what setCell wrote", () => {
  const g = gridOf(layoutTargets(giaLaiTargets(), { source: SOURCE }));
  setCell(g, "Z40", 1);
  expect(cell(g, "Z40")).toBe(1);
});
