/**
 * What the pane says about a clerk's own sheet (not inserted by the add-in): what was
 * recognised and what was not, and the row, unit and period it will use, each with where it
 * came from and a select to change it, then the review of its columns (mapping-review.ts).
 * Kept apart from the check and submit tabs, which both show it.
 */
import type { UnitDto } from "../../../shared/api/schemas";
import type { CheckResult, CheckSession } from "../core/check-session";
import { periodOptions } from "../core/periods-choice";
import { periodText, sourceText, withReviewChange, type RecognitionView, type SheetPicks } from "../core/recognized-sheet";
import { h } from "./dom";
import { renderMappingReview } from "./mapping-review";

export function unrecognisedCard(view: RecognitionView, hint: string): HTMLElement {
  return h("div", { id: "recognition", className: "card card-warning" },
    h("p", { id: "recognition-headline", className: "warn" }, view.headline),
    view.unmapped.length > 0 ? h("ul", { id: "recognition-unmapped", className: "history" }, view.unmapped.map((t) => h("li", null, t))) : null,
    h("p", { className: "hint" }, hint));
}

/** The clerk's review of the columns; every change re-reads the sheet with it (`again`). Null for an inserted form. */
export function mappingCard(res: CheckResult, session: CheckSession, again: () => void): HTMLElement | null {
  const r = res.recognition;
  if (!r) return null;
  const sheet = res.ref.sheetName;
  return renderMappingReview(r.review, "Dòng " + r.choices.row.value, (change) => {
    session.pick(sheet, withReviewChange(session.picksOf(sheet), r.review.tableKey, change));
    again();
  });
}

/**
 * Null for a form the add-in inserted. `onPick` gets the clerk's new row, unit and period;
 * `mapping` (mappingCard) closes the card.
 */
export function recognitionCard(
  res: CheckResult,
  units: UnitDto[],
  nowMs: number,
  onPick: (pick: Pick<SheetPicks, "row" | "unit" | "period">) => void,
  mapping: HTMLElement | null,
): HTMLElement | null {
  const r = res.recognition;
  if (!r) return null;
  const rowSel = h("select", { id: "recognized-row" },
    r.rows.map((o) => h("option", { value: String(o.sheetRow) }, "Dòng " + o.sheetRow + ": " + (o.label || "(không tên)") + (o.total ? " (dòng tổng)" : "")))) as HTMLSelectElement;
  rowSel.value = String(r.choices.row.value);
  const unitSel = h("select", { id: "recognized-unit" },
    units.map((u) => h("option", { value: u.code }, u.name + " (" + u.code + ")"))) as HTMLSelectElement;
  unitSel.value = r.choices.unit.value;
  const periods = periodOptions(nowMs);
  const periodSel = h("select", { id: "recognized-period" },
    (periods.some((p) => p.key === r.choices.period.value) ? [] : [h("option", { value: r.choices.period.value }, periodText(r.choices.period.value))]),
    periods.map((p) => h("option", { value: p.key }, p.label))) as HTMLSelectElement;
  periodSel.value = r.choices.period.value;
  const changed = () => onPick({ row: Number(rowSel.value), unit: unitSel.value, period: periodSel.value });
  rowSel.onchange = changed;
  unitSel.onchange = changed;
  periodSel.onchange = changed;
  const unsure = r.choices.row.source === "default" || r.choices.unit.source === "default" || r.choices.period.source === "default";
  return h("div", { id: "recognition", className: "card" },
    h("p", { id: "recognition-headline" }, h("b", null, r.view.headline)),
    h("label", { "for": "recognized-row" }, "Dòng số liệu gửi đi"),
    rowSel,
    h("p", { className: "hint" }, sourceText(r.choices.row)),
    h("label", { "for": "recognized-unit" }, "Đơn vị báo cáo"),
    units.length > 0 ? unitSel : h("p", { className: "warn" }, "Chưa có danh sách đơn vị: hãy nhập mã truy cập ở mục Cài đặt khi có mạng."),
    h("p", { className: "hint" }, sourceText(r.choices.unit)),
    h("label", { "for": "recognized-period" }, "Kỳ báo cáo"),
    periodSel,
    h("p", { className: "hint" }, sourceText(r.choices.period)),
    unsure ? h("p", { id: "recognition-unsure", className: "warn" }, "Trang tính không cho biết chắc dòng, đơn vị hoặc kỳ báo cáo: hãy kiểm tra các lựa chọn trên trước khi gửi.") : null,
    h("h3", null, "Đã nhận ra"),
    h("ul", { id: "recognition-found", className: "history" }, r.view.found.map((t) => h("li", null, t))),
    h("h3", null, "Chưa ghép được"),
    r.view.unmapped.length > 0
      ? h("ul", { id: "recognition-unmapped", className: "history" }, r.view.unmapped.map((t) => h("li", { className: "warn" }, t)))
      : h("p", { id: "recognition-unmapped", className: "hint" }, "Không có cột nào bị bỏ sót: mọi cột của biểu mẫu đều đã ghép."),
    mapping,
  );
}
