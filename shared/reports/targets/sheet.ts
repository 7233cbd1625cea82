import type { TargetsSheet, TargetsSheetRow } from "../../api/sheets";
import type { TargetComparison } from "../../rollup/targets";
import { NATIONAL_CODE } from "../../units/types";
import { buildTable, type Cell, type Column, type ReportLayout } from "../grid";
import { sourceLine, type ReportSource } from "../comparison/sheet";
import { withKeyColumn } from "../editable";
import { fillFromLastYear } from "./fill";
import { statYearBounds } from "./year";
import { dateLabel } from "../../periods/labels";

/** The words the comparison column takes; "≥" is the national reports' "đạt", ">" a plan's "> 84,70%". */
export const COMPARISON_SYMBOLS: Record<TargetComparison, string> = { gte: "≥", gt: ">", lte: "≤", lt: "<" };
export const PROVISIONAL_WORDS = { provisional: "Tạm giao", official: "Chính thức" } as const;

/** The row key: unit and indicator, exact, whatever the names on the sheet say. */
export function targetKey(unit: string, indicator: string): string {
  return unit + "|" + indicator;
}

/** The headers of the sheet's columns, by key: the reader finds each column by its exact header. */
export function targetHeaders(year: number) {
  return {
    stt: "STT",
    code: "Mã đơn vị",
    name: "Đơn vị",
    indicator: "Chỉ tiêu",
    lastResult: "Kết quả năm " + (year - 1) + " (%)",
    lastTarget: "Chỉ tiêu năm " + (year - 1) + " (%)",
    current: "Chỉ tiêu năm " + year + " đang áp dụng (%)",
    source: "Nguồn chỉ tiêu",
    target: "Chỉ tiêu năm " + year + " của đơn vị (%)",
    comparison: "So sánh (≥ hoặc >)",
    type: "Tạm giao / Chính thức",
    decision: "Số, ngày quyết định giao",
  };
}

export interface TargetsSheetOptions {
  source: ReportSource;
  /** Pre-fill every row without a target of its own with last year's result, provisional (the start-of-year rule). */
  fill?: boolean;
}

function num(v: number | null): Cell | null {
  return v === null ? null : v;
}

/** "Riêng" / "Kế thừa: THADS tỉnh Gia Lai" / "Chưa giao": whose target applies when the unit has none of its own. */
function inheritedWords(r: TargetsSheetRow): string {
  return r.inherited.targetPct === null ? "Chưa giao" : "Kế thừa: " + (r.inherited.sourceName ?? r.inherited.source ?? "");
}

function quoted(s: string): string {
  return '"' + s.replace(/"/g, '""') + '"';
}

/**
 * The targets of a statistical year for the parent's children, one row per unit and targeted
 * indicator: last year's result and target, what applies now (own or inherited) and the
 * unit's own target with its comparison, provisional or official, and decision — the four
 * columns people edit. "Đang áp dụng" and "Nguồn" are formulas of the own target, so they
 * follow an edit before anything is sent.
 */
export function layoutTargets(sheet: TargetsSheet, options: TargetsSheetOptions): ReportLayout {
  const h = targetHeaders(sheet.year);
  const labelOf: Record<string, string> = {};
  for (const ind of sheet.indicators) labelOf[ind.id] = ind.label.vi;
  const columns: Column<TargetsSheetRow>[] = [
    { key: "stt", header: h.stt, width: 28, format: "integer", align: "Center", value: (_r, i) => i },
    { key: "code", header: h.code, width: 48, format: "general", align: "Center", value: (r) => r.unit },
    { key: "name", header: h.name, width: 170, format: "general", value: (r) => r.name },
    { key: "indicator", header: h.indicator, width: 150, format: "general", value: (r) => labelOf[r.indicator] ?? r.indicator },
    { key: "lastResult", header: h.lastResult, width: 62, format: "rate", value: (r) => num(r.lastYear.result) },
    { key: "lastTarget", header: h.lastTarget, width: 62, format: "rate", value: (r) => num(r.lastYear.target) },
    {
      key: "current", header: h.current, width: 70, format: "rate",
      value: (r) => (r.own ? r.own.targetPct : num(r.inherited.targetPct)),
      formula: (ref, r) => "IF(ISNUMBER(" + ref("target") + ")," + ref("target") + "," + (r.inherited.targetPct === null ? '""' : String(r.inherited.targetPct)) + ")",
    },
    {
      key: "source", header: h.source, width: 130, format: "general",
      value: (r) => (r.own ? "Riêng" : inheritedWords(r)),
      formula: (ref, r) => "IF(ISNUMBER(" + ref("target") + "),\"Riêng\"," + quoted(inheritedWords(r)) + ")",
    },
    { key: "target", header: h.target, width: 70, format: "rate", value: (r) => (r.own ? r.own.targetPct : null) },
    {
      key: "comparison", header: h.comparison, width: 56, format: "general", align: "Center",
      value: (r) => COMPARISON_SYMBOLS[r.own ? r.own.comparison : r.inherited.comparison],
    },
    {
      key: "type", header: h.type, width: 70, format: "general", align: "Center",
      value: (r) => (r.own ? (r.own.provisional ? PROVISIONAL_WORDS.provisional : PROVISIONAL_WORDS.official) : null),
    },
    { key: "decision", header: h.decision, width: 150, format: "general", value: (r) => (r.own ? r.own.decisionRef : null) },
  ];
  const national = sheet.parent.code === NATIONAL_CODE;
  const bounds = statYearBounds(sheet.year);
  const table = buildTable<TargetsSheetRow>({
    kind: "targets",
    sheetName: "Chỉ tiêu " + sheet.parent.code + " " + sheet.year,
    fileName: "chi-tieu-" + sheet.parent.code + "-" + sheet.year + ".xlsx",
    title: "GIAO CHỈ TIÊU THI HÀNH ÁN DÂN SỰ NĂM " + sheet.year,
    lines: [
      (national ? "Cục Quản lý thi hành án dân sự giao cho các tỉnh, thành phố" : sheet.parent.name + " giao cho các đơn vị trực thuộc") +
        " — năm thống kê " + sheet.year + " (" + dateLabel(bounds.first) + " – " + dateLabel(bounds.last) + ")",
      sourceLine(options.source, sheet.generatedAt),
      "Sửa các ô nền vàng: chỉ tiêu của đơn vị (số phần trăm từ 0 đến 100, tối đa 2 chữ số thập phân, ví dụ 84,7), so sánh (≥ hoặc >), Tạm giao / Chính thức, số quyết định. Để trống chỉ tiêu: đơn vị dùng chỉ tiêu kế thừa.",
      "Đầu năm, khi chưa có quyết định: tạm giao không thấp hơn kết quả năm " + (sheet.year - 1) + " (nút «Điền tạm giao theo kết quả năm trước» trong add-in). Gửi lại bằng add-in (tab Chỉ tiêu, đơn vị) hoặc tải lên ở trang /tai-ve.",
    ],
    columns,
    rows: sheet.rows,
    total: null,
    notes: [],
    facts: [
      { label: "Năm thống kê", value: String(sheet.year) },
      { label: "Đơn vị giao", value: sheet.parent.code },
    ],
  });
  const col = (key: string): number => columns.map((c) => c.key).indexOf(key) + 1;
  const comparisonWords = sheet.indicators.some((i) => i.direction === "lower") ? ["≥", ">", "≤", "<"] : ["≥", ">"];
  const layout = withKeyColumn(table, {
    keys: sheet.rows.map((r) => targetKey(r.unit, r.indicator)),
    meta: { v: 1, kind: "targets", parent: sheet.parent.code, year: sheet.year, header: table.headerRow },
    inputColumns: [col("target"), col("comparison"), col("type"), col("decision")],
    lists: [
      { column: col("comparison"), values: comparisonWords },
      { column: col("type"), values: [PROVISIONAL_WORDS.provisional, PROVISIONAL_WORDS.official] },
    ],
    numbers: [{ column: col("target"), min: 0, max: 100 }],
  });
  if (!options.fill) return layout;
  // The start-of-year rule, found exactly as the pane's button finds it on an edited sheet, then
  // laid out as the rows' own targets so that the formulas beside them agree.
  const grid = { sheetName: layout.sheetName, values: layout.values, origin: { row: 0, col: 0 } };
  const first = layout.dataRows ? layout.dataRows.first : 0;
  const rows = sheet.rows.slice();
  const symbols: Record<number, Cell> = {};
  const writes = fillFromLastYear(grid).writes;
  for (const w of writes) if (w.col === col("comparison")) symbols[w.row] = w.value;
  for (const w of writes) {
    const r = rows[w.row - first];
    if (r === undefined || w.col !== col("target") || typeof w.value !== "number") continue;
    const comparison = symbols[w.row] === "≤" ? "lte" : "gte";
    rows[w.row - first] = { ...r, own: { targetPct: w.value, provisional: true, comparison, decisionRef: null } };
  }
  return layoutTargets({ ...sheet, rows }, { source: options.source });
}
