import { afterEach, describe, expect, it } from "vitest";
import { BUILT_IN_FORMS, formInForce } from "../../shared/forms";
import { formatPercent } from "../../shared/format";
import type { FormDefinition } from "../../shared/forms/types";
import { detectCapabilities } from "../../addin/src/excel/capabilities";
import { createReportSheets, type PullResult, type ReportSheets } from "../../addin/src/excel/pull-sheets";
import { REPORT_COLOURS, flagWords, layoutComparison } from "../../addin/src/excel/report-layout";
import { installFakeOffice, type FakeApiLevel, type InstalledOffice, type MemoryWorkbook } from "../../addin/testing";
import type { ComparisonRow, IndicatorCell } from "../../shared/api/schemas";
import {
  nationComparison as makeComparison,
  provinceComparison,
  provinceCompleteness as makeCompleteness,
  provinceOfOffices,
  scenarioComparison as scenarioComparisonOf,
  scenarioCompleteness,
} from "../fixtures/reports";

/** The completion rate of form 01 in a row of the comparison. */
function viec(r: ComparisonRow): IndicatorCell {
  return r.indicators.rate_viec as IndicatorCell;
}

const form01 = formInForce(BUILT_IN_FORMS, "01", "2026-09-30") as FormDefinition;
const form02 = formInForce(BUILT_IN_FORMS, "02", "2026-09-30") as FormDefinition;
const SERVER = "https://thads.example.gov.vn";
const LEVELS: FakeApiLevel[] = ["1.1", "1.7", "1.8", "1.10"];

let installed: InstalledOffice | null = null;

function open(level: FakeApiLevel): { wb: MemoryWorkbook; reports: ReportSheets } {
  if (installed) installed.uninstall();
  installed = installFakeOffice(globalThis, { apiLevel: level });
  return { wb: installed.workbook, reports: createReportSheets(detectCapabilities()) };
}

afterEach(() => {
  if (installed) installed.uninstall();
  installed = null;
});

async function counted<T>(wb: MemoryWorkbook, action: () => Promise<T>): Promise<{ result: T; syncs: number }> {
  const before = wb.syncCount;
  const result = await action();
  return { result, syncs: wb.syncCount - before };
}

/** The row of the sheet whose column B (the unit code) is `code`. */
function rowOf(wb: MemoryWorkbook, sheet: string, code: string): number {
  const codes = wb.values(sheet, "B1:B400").map((r) => r[0]);
  const i = codes.indexOf(code);
  if (i < 0) throw new Error("no row for " + code);
  return i + 1;
}

describe.each(LEVELS)("the national comparison pulled on ExcelApi %s", (level) => {
  it("is a new sheet stating its source, period and time of retrieval, one row per province and the total", async () => {
    const { wb, reports } = open(level);
    const c = makeComparison(34);
    const r = await reports.pullComparison(c, { form: form01, source: { server: SERVER } });
    expect(r.sheetName).toBe("So sánh VN 01 2026-09");
    expect(wb.activeSheetName()).toBe(r.sheetName);
    expect(r.rows).toBe(34);
    const s = r.sheetName;
    expect(wb.cell(s, "A1").value).toBe("BẢNG SO SÁNH KẾT QUẢ THI HÀNH ÁN DÂN SỰ TÍNH BẰNG VIỆC");
    expect(wb.cell(s, "A2").value).toBe("Toàn quốc (34 tỉnh, thành phố) — 12 tháng năm 2026 (từ ngày 01/10/2025 đến ngày 30/09/2026)");
    expect(wb.cell(s, "A3").value).toBe("Nguồn: THADS Thống kê (máy chủ thads.example.gov.vn), lấy lúc 09:30 05/10/2026 (giờ Việt Nam).");
    expect(wb.cell(s, "A4").value).toBe("Biểu: Mẫu số 01 (Thông tư 05/2026/TT-BTP). Đơn vị tính: việc; tỷ lệ thi hành xong về việc tính trên có điều kiện thi hành. Cùng kỳ: cùng kỳ năm trước (Quý IV/2025 — 12 tháng năm 2025). Đã xác nhận 0/34 đơn vị; đã tiếp nhận 0/34 đơn vị.");
    expect(wb.values(s, "A6:P6")[0]).toEqual([
      "STT", "Mã", "Đơn vị", "Thi hành xong + đình chỉ thi hành án (việc)", "Có điều kiện thi hành (việc)",
      "Tỷ lệ thi hành xong về việc (%)", "Chỉ tiêu (%)", "So với chỉ tiêu (điểm)", "Tỷ lệ cùng kỳ (%)", "Tăng, giảm so với cùng kỳ (điểm)",
      "Xếp hạng", "Thứ hạng tăng, giảm so với cùng kỳ", "Dự báo tỷ lệ cuối năm (%)", "Số chỉ tiêu đạt", "Đánh giá", "Ghi chú",
    ]);

    // Province 3: có điều kiện 1.030, rate wanted 73% → 752 done = 73,01%; below its 80% target
    // (inherited from the national one); numbers as numbers, rates with two decimals.
    const p3 = c.rows[2]!;
    const row3 = rowOf(wb, s, "03");
    expect(row3).toBe(9);
    const line = wb.values(s, "A9:P9")[0]!;
    expect(line.slice(0, 8)).toEqual([3, "03", "THADS tỉnh Số 3", 752, 1030, 73.01, 80, -6.99]);
    expect(line[10]).toBe(viec(p3).rank);
    // Its rank among the same provinces a year ago, and the places gained since.
    expect(line[11]).toBe((viec(p3).vs.samePeriod.rank as number) - (viec(p3).rank as number));
    // September: the year is over, the projection is the rate itself
    expect(line[12]).toBe(73.01);
    // (and a unit short of its target then is below it, no longer "at risk")
    expect(line.slice(13)).toEqual(["Đạt 0/1", "Dưới chỉ tiêu", "Dưới bình quân toàn quốc; Đã xác nhận 0/1 đơn vị; đã tiếp nhận 0/1 đơn vị"]);
    expect(typeof line[3]).toBe("number");
    expect(wb.cell(s, "D9").numberFormat).toBe("#,##0");
    expect(wb.cell(s, "F9").numberFormat).toBe('0.00"%"');
    expect(wb.cell(s, "H9").numberFormat).toBe("+0.00;-0.00;0.00");
    // Flags in words: a late office; a unit with no report is "chưa báo cáo", not zeros.
    expect(wb.cell(s, "P" + rowOf(wb, s, "02")).value).toBe("Nộp muộn; Đã xác nhận 0/1 đơn vị; đã tiếp nhận 0/1 đơn vị");
    expect(wb.values(s, "N11:P11")[0]).toEqual(["", "Chưa báo cáo", "Chưa nộp"]);
    expect(flagWords({ ...p3, bases: { ...p3.bases, samePeriod: { ...p3.bases.samePeriod, sources: ["52-04", "52-05"] } } }, "rate_viec", "higher")).toBe(
      "Dưới bình quân toàn quốc; Cùng kỳ: số liệu của 52-04, 52-05");
    expect(wb.values(s, "D11:F11")[0]).toEqual(["", "", ""]);

    const total = 6 + 35;
    expect(wb.cell(s, "C" + total).value).toBe("Toàn quốc");
    expect(wb.cell(s, "B" + total).value).toBe("VN");
    expect(wb.cell(s, "A" + total).value).toBe("");
    expect(wb.cell(s, "C" + total).bold).toBe(true);
    // Notes under the table name who is below target.
    expect(wb.cell(s, "A" + (total + 2)).value).toContain("× 100 ÷ có điều kiện thi hành");
    const notes = wb.values(s, "A" + (total + 3) + ":A" + (total + 12)).map((x) => x[0]);
    expect(notes.some((n) => typeof n === "string" && n.indexOf("Tỷ lệ bình quân chung toàn quốc: " + formatPercent(viec(c.rows[34]!).printed as number) + " về việc") === 0)).toBe(true);
    expect(notes.some((n) => typeof n === "string" && n.indexOf("Kết quả thực hiện chỉ tiêu: 22/34 đơn vị hoàn thành 01/01 chỉ tiêu; 11/34 đơn vị không hoàn thành chỉ tiêu nào (00/01) (Số 3, Số 6") === 0)).toBe(true);
    expect(notes.some((n) => typeof n === "string" && n.indexOf("Dưới chỉ tiêu về việc: 11/34 đơn vị (Số 3, Số 6") === 0)).toBe(true);
    expect(notes).toContain("Chưa báo cáo (1): Số 5.");
  });

  it("makes the units a native Excel table, the total row outside it", async () => {
    const { wb, reports } = open(level);
    const r = await reports.pullComparison(makeComparison(34), { form: form01, source: { server: SERVER } });
    const info = wb.sheetInfo(r.sheetName);
    expect(info.tables).toHaveLength(1);
    expect(info.tables[0]!.address).toBe("A6:P40");
    expect(info.tables[0]!.headers[5]).toBe("Tỷ lệ thi hành xong về việc (%)");
    expect(r.table).toBe(true);
  });

  it("colours below target red and met green: rules from ExcelApi 1.6, fixed fills on 1.1", async () => {
    const { wb, reports } = open(level);
    const r = await reports.pullComparison(makeComparison(34), { form: form01, source: { server: SERVER } });
    const s = r.sheetName;
    const info = wb.sheetInfo(s);
    const below = rowOf(wb, s, "03");
    const met = rowOf(wb, s, "04");
    const missing = rowOf(wb, s, "05");
    if (level === "1.1") {
      expect(info.conditionalFormats).toEqual([]);
      expect(r.conditionalFormats).toBe(false);
      expect(r.notes.join(" ")).toContain("không có định dạng có điều kiện");
    } else {
      expect(info.conditionalFormats.map((f) => f.address)).toEqual(["F7:F41", "F7:F41", "H7:H41", "H7:H41"]);
      expect(info.conditionalFormats[0]!.formula).toBe("=AND(ISNUMBER($F7),ISNUMBER($G7),$F7<$G7)");
      expect(r.conditionalFormats).toBe(true);
    }
    for (const col of ["F", "H"]) {
      expect(wb.displayed(s, col + below)).toMatchObject({ fill: REPORT_COLOURS.belowFill, fontColor: REPORT_COLOURS.belowFont });
      expect(wb.displayed(s, col + met)).toMatchObject({ fill: REPORT_COLOURS.metFill, fontColor: REPORT_COLOURS.metFont });
      expect(wb.displayed(s, col + missing).fill).toBeNull();
    }
    if (level !== "1.1") {
      // A rule, not a painted cell: a corrected figure recolours itself.
      wb.type(s, "F" + below, 95);
      expect(wb.displayed(s, "F" + below).fill).toBe(REPORT_COLOURS.metFill);
    }
  });

  it("draws the rates sorted, below-target bars red, against the target line where the API allows", async () => {
    const { wb, reports } = open(level);
    const c = makeComparison(34);
    const r = await reports.pullComparison(c, { form: form01, source: { server: SERVER } });
    const info = wb.sheetInfo(r.sheetName);
    expect(info.charts).toHaveLength(1);
    const chart = info.charts[0]!;
    expect(chart.type).toBe("ColumnClustered");
    expect(chart.title).toBe("Tỷ lệ thi hành xong về việc của các tỉnh, thành phố — 12 tháng năm 2026");
    // Helper block right of the table: sorted by rate, best first; the unit without a report left out.
    const rates = chart.series[0]!.values as number[];
    expect(rates).toHaveLength(33);
    expect(rates.slice().sort((a, b) => b - a)).toEqual(rates);
    expect(chart.categories[0]).toBe(c.rows.filter((x) => viec(x).rank === 1)[0]!.name.replace("THADS tỉnh ", ""));
    const redBars = Object.keys(chart.series[0]!.pointFills).filter((k) => chart.series[0]!.pointFills[Number(k)] === REPORT_COLOURS.barBelow);
    expect(redBars).toHaveLength(11);
    expect(chart.series[0]!.fill).toBe(REPORT_COLOURS.barMet);
    for (const k of redBars) expect(rates[Number(k)]!).toBeLessThan(80);
    if (level === "1.1") {
      expect(chart.series).toHaveLength(1);
      expect(r.chart).toBe("columns");
      expect(r.notes.join(" ")).toContain("không vẽ được đường chỉ tiêu");
    } else {
      expect(chart.series.map((x) => [x.name, x.chartType])).toEqual([["Tỷ lệ thi hành xong về việc (%)", null], ["Chỉ tiêu (%)", "Line"]]);
      expect(chart.series[1]!.values.every((v) => v === 80)).toBe(true);
      expect(r.chart).toBe("combo");
    }
    // Below the table and its ten lines of notes (the last: the total is partial, 33/34 reported).
    expect(chart.position).toEqual({ start: "A54", end: "P76" });
  });

  it("prints A4 landscape where the API allows; freezes the header where it can", async () => {
    const { wb, reports } = open(level);
    const r = await reports.pullComparison(makeComparison(34), { form: form01, source: { server: SERVER } });
    const info = wb.sheetInfo(r.sheetName);
    if (level === "1.10") {
      expect(info.pageLayout).toMatchObject({ orientation: "Landscape", paperSize: "A4", printArea: "A1:P76", printTitleRows: "$6:$6" });
    } else {
      expect(info.pageLayout).toEqual({});
    }
    expect(info.frozen.rows).toBe(level === "1.1" ? 0 : 6);
    expect(info.merges.length > 0).toBe(level !== "1.1");
  });

  it("costs three syncs for 34 rows and for 350", async () => {
    for (const n of [34, 350]) {
      const { wb, reports } = open(level);
      const { result, syncs } = await counted(wb, () => reports.pullComparison(makeComparison(n), { form: form01, source: { server: SERVER } }));
      expect(syncs).toBe(3);
      expect(result.rows).toBe(n);
      expect(wb.values(result.sheetName, "B" + (6 + n + 1))[0]![0]).toBe("VN");
      // One write of contents (values and formulas) and one of number formats, whatever the number of rows.
      // One write of contents (values and formulas) and one of number formats per sheet: the comparison and its details.
      expect(result.sheetNames).toEqual([result.sheetName, "Chi tiết VN 01 2026-09", "Diễn biến VN 01 2026-09"]);
      expect(wb.writes("formulas")).toHaveLength(3);
      expect(wb.writes("numberFormat")).toHaveLength(3);
    }
  });
});

describe("a province's comparison and roll-up by regional office", () => {
  it("lists the offices with a title saying so; a second pull gets its own sheet", async () => {
    const { wb, reports } = open("1.7");
    const c = scenarioComparisonOf({ ...provinceOfOffices(14), formId: "02" });
    const first = await reports.pullComparison(c, { form: form02, source: { server: SERVER } });
    expect(first.sheetName).toBe("So sánh 52 02 2026-09");
    expect(wb.cell(first.sheetName, "A2").value).toBe("Các đơn vị của THADS tỉnh Thử — 12 tháng năm 2026 (từ ngày 01/10/2025 đến ngày 30/09/2026)");
    expect(wb.cell(first.sheetName, "D6").value).toBe("Thi hành xong + đình chỉ thi hành án (nghìn đồng)");
    expect(wb.cell(first.sheetName, "C21").value).toBe("Tổng cộng THADS tỉnh Thử");
    const second = await reports.pullComparison(c, { form: form02, source: { server: SERVER } });
    expect(second.sheetName).toBe("So sánh 52 02 2026-09 (2)");

    const roll = await reports.pullRollup(provinceComparison(14), { form: form01, source: { server: SERVER } });
    const s = roll.sheetName;
    expect(s).toBe("Tổng hợp 52 01 2026-09");
    expect(wb.cell(s, "A1").value).toBe("BẢNG TỔNG HỢP KẾT QUẢ THI HÀNH ÁN DÂN SỰ TÍNH BẰNG VIỆC");
    expect(wb.cell(s, "A2").value).toBe("THADS tỉnh Thử — tổng hợp theo Phòng THADS khu vực — 12 tháng năm 2026 (từ ngày 01/10/2025 đến ngày 30/09/2026)");
    expect(wb.cell(s, "A4").value).toContain("Đã báo cáo: 13/14 đơn vị.");
    expect(wb.values(s, "D6:F6")[0]).toEqual(["(1) Tổng số thụ lý", "(2) Năm trước chuyển sang", "(3) Thụ lý mới"]);
    // Office 1: 910 carried over + 300 new = 1.210; có điều kiện 1.010, 838 done = 82,97% (83% wanted).
    expect(wb.cell(s, "D7").value).toBe(1210);
    // Rate, target, gap, carried over (1.210 − 838) after the 13 fields: formulas the sheet recomputes.
    expect(wb.values(s, "Q7:T7")[0]).toEqual([82.97, 80, 2.97, 372]);
    expect(wb.cell(s, "C11").value).toBe("Phòng THADS khu vực 5 - Tỉnh thử");
    expect(wb.cell(s, "U11").value).toBe("Chưa báo cáo; Chưa nộp");
    expect(wb.sheetInfo(s).conditionalFormats.map((f) => f.address)).toEqual(["Q7:Q21", "Q7:Q21"]);
  });
});

describe("the completeness sheet's deadlines", () => {
  it("names both deadlines when the province's own office (4 working days) is among the units", async () => {
    const { reports, wb } = open("1.1");
    const scenario = provinceOfOffices(3);
    scenario.units[0] = { ...scenario.units[0]!, code: "52-00", name: "Văn phòng THADS tỉnh Thử", kind: "province_office" };
    const { sheetName } = await reports.pullCompleteness(scenarioCompleteness(scenario), { forms: BUILT_IN_FORMS, source: { server: SERVER } });
    // 30/9/2026 is a Wednesday: regional offices have until Friday 2/10, the province's own office until Tuesday 6/10.
    expect(String(wb.cell(sheetName, "A4").value)).toContain("Hạn nộp: Phòng THADS khu vực 23:59 02/10/2026; văn phòng THADS tỉnh 23:59 06/10/2026.");
  });
});

describe.each(["1.1", "1.10"] as FakeApiLevel[])("the completeness sheet on ExcelApi %s", (level) => {
  it("puts missing reports first, then late ones, with deadlines as dates and statuses coloured", async () => {
    const { wb, reports } = open(level);
    const c = makeCompleteness(14);
    const { result, syncs } = await counted(wb, () => reports.pullCompleteness(c, { forms: BUILT_IN_FORMS, source: { server: SERVER } }));
    expect(syncs).toBe(2);
    const s = result.sheetName;
    expect(s).toBe("Nộp báo cáo 52 2026-09");
    expect(wb.cell(s, "A1").value).toBe("TÌNH HÌNH NỘP BÁO CÁO THỐNG KÊ THI HÀNH ÁN DÂN SỰ");
    expect(wb.cell(s, "A2").value).toBe("THADS tỉnh Thử — 12 tháng năm 2026 (từ ngày 01/10/2025 đến ngày 30/09/2026)");
    // 14 offices × 2 forms: office 5 sent nothing, office 2 sent both late.
    expect(wb.cell(s, "A4").value).toBe("Phải nộp 28 báo cáo: đúng hạn 24, nộp muộn 2, chưa nộp 2 (đúng hạn 85,71%). Hạn nộp của đơn vị: 23:59 02/10/2026.");
    expect(wb.values(s, "A6:H6")[0]).toEqual(["STT", "Mã đơn vị", "Đơn vị", "Biểu mẫu", "Tình trạng", "Hạn nộp", "Nộp lần đầu lúc", "Lần nộp"]);
    const statuses = wb.values(s, "E7:E34").map((r) => r[0]);
    expect(statuses).toEqual(Array(2).fill("Chưa nộp").concat(Array(2).fill("Nộp muộn"), Array(24).fill("Đúng hạn")));
    expect(wb.values(s, "B7:D7")[0]).toEqual(["52-05", "Phòng THADS khu vực 5 - Tỉnh thử", "Mẫu số 01"]);
    // 23:59 on 2 October 2026 in Hà Nội, as an Excel date.
    expect(wb.cell(s, "F7").value).toBeCloseTo(46297 + 23 / 24 + 59 / 1440, 6);
    expect(wb.cell(s, "F7").numberFormat).toBe("dd/mm/yyyy hh:mm");
    expect(wb.displayed(s, "E7").fill).toBe(REPORT_COLOURS.belowFill);
    expect(wb.displayed(s, "E9").fill).toBe(REPORT_COLOURS.lateFill);
    expect(wb.displayed(s, "E20").fill).toBe(REPORT_COLOURS.metFill);
    if (level === "1.1") {
      // Sorted by status: three runs, three fills.
      expect(wb.writes("format/fill/color").filter((w) => /^E/.test(w.address))).toHaveLength(3);
    }
    expect(wb.sheetInfo(s).tables[0]!.address).toBe("A6:H34");
    expect(result.summary[0]).toBe("Chưa nộp (2): Khu vực 5 (Mẫu số 01), Khu vực 5 (Mẫu số 02).");
  });
});

describe("report layout", () => {
  it("has nothing to chart and no table when no unit is listed", () => {
    const c = makeComparison(0);
    const layout = layoutComparison(c, { form: form01, source: { server: SERVER } });
    expect(layout.tableAddress).toBeNull();
    expect(layout.chart).toBeNull();
  });

  it("groups the fixed fills of ExcelApi 1.1 into runs of adjacent rows", () => {
    const layout = layoutComparison(makeComparison(34), { form: form01, source: { server: SERVER } });
    const fColumn = layout.staticFills.filter((f) => f.address.charAt(0) === "F");
    // Rows 7..41 alternate only where the standing changes.
    expect(fColumn.length).toBeLessThan(34);
    expect(fColumn[0]).toEqual({ address: "F7:F8", fill: REPORT_COLOURS.metFill, fontColor: REPORT_COLOURS.metFont });
  });
});

export type { PullResult };
