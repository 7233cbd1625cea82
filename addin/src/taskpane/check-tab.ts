/**
 * "Kiểm tra": runs the shared rules on the active form (one button, and on ExcelApi 1.7+
 * automatically 0,8 s after a cell changes), colours the offending cells and lists each
 * finding; "Xóa đánh dấu" gives the cells back their own formatting.
 */
import { monthLabel } from "../../../shared/periods";
import type { FormSheetRef } from "../excel/types";
import type { CheckResult } from "../core/check-session";
import { findingItems, findingsSummary } from "../core/findings-view";
import type { HistoryPart } from "../core/history";
import { byId, h, replaceChildren, setBusy } from "./dom";
import { findingList } from "./findings-list";
import { excelErrorText, type Pane } from "./pane";
import { mappingCard, recognitionCard, unrecognisedCard } from "./recognition-card";

/** Same sheet and same cells: the live check already listens to it. */
function cellsKey(ref: FormSheetRef): string {
  return Object.keys(ref.cells).sort().map((k) => k + "=" + ref.cells[k]).join(",");
}

export class CheckTab {
  private live: { ref: FormSheetRef; stop: () => Promise<void> } | null = null;
  private liveTimer: number | null = null;

  constructor(private readonly p: Pane) {}

  render(): void {
    const panel = byId("panel-check");
    const run = h("button", { type: "button", id: "check-go", className: "btn btn-primary" }, "Kiểm tra số liệu");
    const clear = h("button", { type: "button", id: "check-clear", className: "btn" }, "Xóa đánh dấu");
    run.onclick = () => this.validate(run);
    clear.onclick = () => this.clearMarks();
    replaceChildren(panel,
      h("h2", null, "Kiểm tra biểu đang mở"),
      h("p", { className: "hint" },
        this.p.caps.liveValidation
          ? "Số liệu được kiểm tra lại tự động khi bạn sửa ô trên biểu vừa chèn; có thể bấm “Kiểm tra số liệu” bất cứ lúc nào."
          : "Excel này không báo khi ô thay đổi (cần ExcelApi 1.7): sau khi nhập hoặc sửa, hãy bấm “Kiểm tra số liệu”."),
      h("div", { className: "actions" }, run, clear),
      h("div", { id: "check-result" }),
    );
    if (this.p.session.lastCheck) this.renderResult(this.p.session.lastCheck);
  }

  validate(button?: HTMLElement): Promise<void> {
    if (button) setBusy(button, true, "Đang kiểm tra…");
    const out = byId("check-result");
    const session = this.p.session;
    return session
      .check()
      .then((active) => {
        if (active.kind === "unrecognised") {
          replaceChildren(out, unrecognisedCard(active.view, "Hãy chọn trang biểu (hoặc chèn biểu ở mục “Biểu mẫu”)."));
          return;
        }
        const res = active.check;
        session.lastCheck = res;
        return session.showOnSheet(res).then(() => {
          this.renderResult(res);
          this.startLive(res.ref);
        });
      })
      .then(
        () => {
          if (button) setBusy(button, false);
        },
        (e: unknown) => {
          if (button) setBusy(button, false);
          replaceChildren(out, h("p", { className: "err" }, excelErrorText(e)));
        },
      );
  }

  /** ExcelApi 1.7+: re-check as cells change, debounced so typing a number is one check. */
  startLive(ref: FormSheetRef): void {
    if (!this.p.caps.liveValidation) return;
    // Same sheet and same cells: already listening (a recognised sheet's row may have changed).
    if (this.live && this.live.ref.sheetName === ref.sheetName && cellsKey(this.live.ref) === cellsKey(ref)) return;
    const previous = this.live;
    this.live = null;
    (previous ? previous.stop() : Promise.resolve())
      .then(() =>
        this.p.d.sheets.onFormChanged(ref, () => {
          if (this.liveTimer !== null) window.clearTimeout(this.liveTimer);
          this.liveTimer = window.setTimeout(() => {
            this.liveTimer = null;
            this.validate();
          }, 800);
        }),
      )
      .then(
        (stop) => {
          this.live = { ref, stop };
        },
        () => undefined,
      );
  }

  private renderResult(res: CheckResult): void {
    const out = byId("check-result");
    const items = findingItems(res.form, res.validation.findings, res.ref.cells);
    const session = this.p.session;
    const sheet = res.ref.sheetName;
    const again = () => this.validate();
    const card = recognitionCard(res, this.p.reference.reportingUnits(), this.p.d.now(), (pick) => {
      session.pick(sheet, { ...session.picksOf(sheet), row: pick.row, unit: pick.unit, period: pick.period });
      again();
    }, mappingCard(res, session, again));
    replaceChildren(out,
      card,
      h("p", { id: "check-summary", className: items.some((i) => i.severity === "error") ? "summary summary-error" : items.length ? "summary summary-warning" : "summary summary-ok" },
        findingsSummary(res.validation.findings)),
      historyNote(res.parts),
      findingList(this.p.d.sheets, res.ref, items, (e) => this.p.notice(excelErrorText(e), "error")),
    );
  }

  private clearMarks(): void {
    const session = this.p.session;
    const ref = session.lastCheck ? session.lastCheck.ref : null;
    // A recognised sheet's marks are known to this session only (nothing is stored on the clerk's sheet).
    const found = ref ? Promise.resolve(ref) : this.p.d.sheets.findActiveForm(this.p.reference.forms);
    found.then((r) => (r ? this.p.d.sheets.clearFindings(r).then(() => true) : false)).then(
      (cleared) => {
        session.lastCheck = null;
        replaceChildren(byId("check-result"), h("p", { className: "hint" }, cleared
          ? "Đã xóa đánh dấu; định dạng của ô đã được khôi phục."
          : "Trang này không có đánh dấu nào của THADS Thống kê trong phiên làm việc này."));
      },
      (e: unknown) => this.p.notice(excelErrorText(e), "error"),
    );
  }
}

function historyNote(parts: HistoryPart[]): HTMLElement | null {
  if (parts.length === 0) return h("p", { className: "hint" }, "Chưa cài đặt máy chủ: bỏ qua các quy tắc so sánh với kỳ trước.");
  return h("ul", { className: "history" },
    parts.map((p) => {
      const what = p.which === "prevMonth" ? "Tháng trước (" + monthLabel(p.period) + ")" : "Báo cáo 12 tháng năm trước (" + monthLabel(p.period) + ")";
      const how = !p.hasData
        ? p.source === "server"
          ? "đơn vị chưa gửi kỳ này: bỏ qua quy tắc so sánh"
          : "mất kết nối và chưa có bản lưu trên máy: bỏ qua quy tắc so sánh"
        : p.source === "server"
          ? "lần gửi thứ " + p.revision + ", lấy từ máy chủ"
          : "lần gửi thứ " + p.revision + ", bản lưu trên máy (đang mất kết nối)";
      return h("li", null, what + ": " + how + ".");
    }),
  );
}
