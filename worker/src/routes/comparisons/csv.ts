import type { Comparison } from "../../../../shared/api/schemas";
import { csvCell } from "../../../../shared/text/csv";

const HEADERS = [
  "Mã đơn vị", "Đơn vị", "Tổng cộng", "Đã báo cáo", "Xong (thi hành xong + đình chỉ…)", "Có điều kiện", "Tỷ lệ (%)",
  "Chỉ tiêu (%)", "Chênh lệch (điểm)", "Tỷ lệ tháng trước (%)", "Thay đổi so với tháng trước (điểm)",
  "Tỷ lệ cùng kỳ (%)", "Thay đổi so với cùng kỳ (điểm)", "Xong cùng kỳ", "Thay đổi xong so với cùng kỳ", "Thay đổi xong so với cùng kỳ (%)",
  "Xếp hạng", "Dưới chỉ tiêu", "Chỉ tiêu đạt", "Dưới mức bình quân toàn quốc", "Số đơn vị nộp muộn", "Số đơn vị chưa nộp",
];

// Text goes through the shared cell function: formula-like names neutralised, RFC 4180 quoting.
function cell(v: string | number | null | undefined): string {
  return typeof v === "number" && !Number.isInteger(v) ? csvCell(v, 2) : csvCell(v);
}

const yesNo = (b: boolean) => (b ? "có" : "");
const VERDICT: Record<string, string> = { met_2: "2/2", met_1: "1/2", met_0: "0/2" };

/**
 * CSV for tools other than the add-in. Numbers are plain (no thousands separators, "." for
 * decimals) so that any program parses them; the BOM lets Excel read the diacritics.
 */
export function comparisonCsv(c: Comparison): string {
  const lines = [HEADERS.map(cell).join(",")];
  for (const r of c.rows) {
    lines.push(
      [
        r.unit, r.name, yesNo(r.isTotal), yesNo(r.submitted), r.done, r.base, r.rate, r.target, r.gap,
        r.prevMonth.rate, r.prevMonth.rateChange, r.samePeriodLastYear.rate, r.samePeriodLastYear.rateChange,
        r.samePeriodLastYear.done.previous, r.samePeriodLastYear.done.change, r.samePeriodLastYear.done.changePct,
        r.rank, yesNo(r.flags.belowTarget), r.flags.targetsMet ? VERDICT[r.flags.targetsMet] : "",
        yesNo(r.flags.belowNationalAverage), r.lateCount, r.missingCount,
      ].map(cell).join(","),
    );
  }
  return "\uFEFF" + lines.join("\r\n") + "\r\n";
}
