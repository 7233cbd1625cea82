/** The receipt as the clerk reads it: revision, time, on time or late, rate against target. */
import type { SubmissionReceipt } from "../../../shared/api/schemas";
import { formatPercent, formatSigned } from "../../../shared/format";
import { vietnamWallClock } from "../../../shared/periods/vietnam-time";

export interface ReceiptView {
  title: string;
  revision: string;
  time: string;
  lateness: string;
  late: boolean;
  rate: string;
  target: string;
  gap: string | null;
  verdict: string | null;
  met: boolean | null;
}

/** "14:05 ngày 26/11/2026" in Vietnamese time (UTC+7), whatever the PC's clock zone says. */
export function vietnamDateTime(iso: string): string {
  try {
    const t = vietnamWallClock(iso);
    return t.time + " ngày " + t.date;
  } catch {
    // Not an instant the server would send: shown as it came rather than hidden.
    return iso;
  }
}

/**
 * On time or late is judged on the report's first revision; a correction says so with the
 * first revision's time, and is never late by itself.
 */
function lateness(r: SubmissionReceipt): string {
  const deadline = "(hạn " + vietnamDateTime(r.deadline) + ")";
  if (r.revision <= 1) return (r.late ? "Nộp muộn " : "Đúng hạn ") + deadline;
  return "Bản sửa; báo cáo gửi lần đầu lúc " + vietnamDateTime(r.firstSubmittedAt) + ": " + (r.late ? "nộp muộn " : "đúng hạn ") + deadline;
}

export function receiptView(r: SubmissionReceipt): ReceiptView {
  const c = r.completion;
  return {
    title: r.replayed ? "Máy chủ đã nhận báo cáo này từ trước" : "Đã nhận báo cáo",
    revision: "Lần gửi thứ " + r.revision,
    time: vietnamDateTime(r.submittedAt),
    lateness: lateness(r),
    late: r.late,
    rate: c.rate === null ? "chưa tính được (chưa có việc có điều kiện)" : formatPercent(c.rate),
    target:
      c.target === null ? "chưa giao chỉ tiêu" : formatPercent(c.target) + (c.targetProvisional ? " (tạm giao)" : ""),
    gap: c.gap === null ? null : formatSigned(c.gap, 2) + " điểm %",
    verdict: c.met === null ? null : c.met ? "Đạt chỉ tiêu" : "Chưa đạt chỉ tiêu",
    met: c.met,
  };
}
