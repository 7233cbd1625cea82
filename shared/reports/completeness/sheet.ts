import type { Completeness } from "../../api/schemas";
import type { FormDefinition } from "../../forms/types";
import { collectionsForPeriod } from "../../forms/collection-period";
import { formatInteger, formatPercent } from "../../format";
import { cumulativeLabel, isWeekKey, periodRangeLabel, vietnamClock, vietnamSerial, weekLabel } from "../../periods";
import { buildTable, REPORT_COLOURS, type Column, type ReportLayout } from "../grid";
import { sourceLine, type ReportSource } from "../comparison/sheet";
import { shortName, STATUS_WORDS } from "../words";

export interface CompletenessSheetOptions {
  forms: readonly FormDefinition[];
  source: ReportSource;
}

const STATUS_ORDER = { missing: 0, late: 1, on_time: 2 } as const;

type CompletenessRow = Completeness["rows"][number];

/** A week is named as such; a month by its cumulative span (the monthly forms), which also dates its snapshots. */
function periodHeading(period: string): string {
  return isWeekKey(period) ? weekLabel(period) : cumulativeLabel(period) + " (" + periodRangeLabel(period) + ")";
}

/** Who has not sent, who was late, who was on time — missing first, then late — per unit and form. */
export function layoutCompleteness(c: Completeness, options: CompletenessSheetOptions): ReportLayout {
  const rows = c.rows.slice().sort((a, b) =>
    STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
    (a.form < b.form ? -1 : a.form > b.form ? 1 : 0) ||
    (a.unit < b.unit ? -1 : a.unit > b.unit ? 1 : 0));
  const inForce = collectionsForPeriod(options.forms, c.period);
  const formName = (id: string): string => {
    for (const f of inForce) if (f.id === id) return f.code;
    return "Mẫu số " + id;
  };
  const columns: Column<CompletenessRow>[] = [
    { key: "stt", header: "STT", width: 28, format: "integer", align: "Center", value: (_r, i) => i },
    { key: "code", header: "Mã đơn vị", width: 48, format: "general", align: "Center", value: (r) => r.unit },
    { key: "name", header: "Đơn vị", width: 200, format: "general", value: (r) => r.name },
    { key: "form", header: "Biểu mẫu", width: 70, format: "general", align: "Center", value: (r) => formName(r.form) },
    { key: "status", header: "Tình trạng", width: 70, format: "general", align: "Center", value: (r) => STATUS_WORDS[r.status] },
    { key: "deadline", header: "Hạn nộp", width: 90, format: "dateTime", align: "Center", value: (r) => vietnamSerial(r.deadline) },
    { key: "submittedAt", header: "Nộp lần đầu lúc", width: 90, format: "dateTime", align: "Center", value: (r) => (r.submittedAt ? vietnamSerial(r.submittedAt) : null) },
    { key: "revision", header: "Lần nộp", width: 44, format: "integer", align: "Center", value: (r) => r.revision },
  ];
  const onTimePct = c.expected > 0 ? formatPercent((c.onTime * 100) / c.expected) : "–";
  // Regional offices have 2 working days, the province's own office 4: name both when both occur.
  const deadlines = c.rows.map((r) => r.deadline).filter((d, i, all) => all.indexOf(d) === i).sort().map(vietnamClock);
  const deadline =
    deadlines.length === 1 ? " Hạn nộp của đơn vị: " + deadlines[0] + "."
    : deadlines.length === 2 ? " Hạn nộp: Phòng THADS khu vực " + deadlines[0] + "; văn phòng THADS tỉnh " + deadlines[1] + "."
    : deadlines.length > 2 ? " Hạn nộp của từng đơn vị: xem cột Hạn nộp."
    : "";
  const missing = rows.filter((r) => r.status === "missing");
  const late = rows.filter((r) => r.status === "late");
  const list = (rs: CompletenessRow[]): string => rs.map((r) => shortName(r.name) + " (" + formName(r.form) + ")").join(", ");
  const notes: string[] = [];
  if (missing.length > 0) notes.push(STATUS_WORDS.missing + " (" + missing.length + "): " + list(missing) + ".");
  if (late.length > 0) notes.push(STATUS_WORDS.late + " (" + late.length + "): " + list(late) + ".");
  return buildTable<CompletenessRow>({
    kind: "completeness",
    sheetName: "Nộp báo cáo " + c.parent + " " + c.period,
    fileName: "tinh-hinh-nop-" + c.parent + "-" + c.period + ".xlsx",
    title: "TÌNH HÌNH NỘP BÁO CÁO THỐNG KÊ THI HÀNH ÁN DÂN SỰ",
    lines: [
      c.parentName + " — " + periodHeading(c.period),
      sourceLine(options.source, c.generatedAt),
      "Phải nộp " + formatInteger(c.expected) + " báo cáo: đúng hạn " + formatInteger(c.onTime) + ", nộp muộn " + formatInteger(c.late) +
        ", chưa nộp " + formatInteger(c.missing) + " (đúng hạn " + onTimePct + ")." + deadline,
    ],
    columns,
    rows,
    total: null,
    notes,
    facts: [
      { label: "Kỳ báo cáo", value: isWeekKey(c.period) ? weekLabel(c.period) : cumulativeLabel(c.period) },
      { label: "Lấy lúc (giờ Việt Nam)", value: vietnamClock(c.generatedAt) },
    ],
    statusColumn: {
      column: "status",
      styles: [
        { text: STATUS_WORDS.missing, fill: REPORT_COLOURS.belowFill, fontColor: REPORT_COLOURS.belowFont },
        { text: STATUS_WORDS.late, fill: REPORT_COLOURS.lateFill, fontColor: REPORT_COLOURS.lateFont },
        { text: STATUS_WORDS.on_time, fill: REPORT_COLOURS.metFill, fontColor: REPORT_COLOURS.metFont },
      ],
    },
  });
}
