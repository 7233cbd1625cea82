/**
 * "Bảng so sánh": province and national staff pull the comparison of a parent's units, a
 * province's roll-up by regional office and the completeness list into new sheets, or
 * download the Worker's own workbook. Reads need the server: offline there is nothing to
 * queue, the pane says so.
 */
import type { UnitDto } from "../../../shared/api/schemas";
import type { FormDefinition } from "../../../shared/forms/types";
import { collectionForPeriod, collectionsForPeriod } from "../../../shared/forms/collection-period";
import type { ApiClient, LocalText, ReadOutcome } from "../core/api";
import { reportPaths } from "../core/api";
import { isProvince, parentOptions } from "../core/compare-choice";
import { DOCX_MIME, downloadXlsx, type DownloadOutcome, type DownloadRequest } from "../core/download";
import type { Transport } from "../core/http";
import { copyText, plainText, reportSheetName } from "../core/report-text";
import { hasWeeklyCollection, periodSelect } from "./period-select";
import type { PullResult, ReportSheets } from "../excel/pull-sheets";
import { byId, h, replaceChildren, setBusy } from "./dom";

export interface CompareDeps {
  api: ApiClient;
  /** The pane's one HTTP client: "Tải về .xlsx" goes through it too. */
  transport: Transport;
  reports: ReportSheets;
  /** The server the figures come from, for the source line and the downloads. */
  base: () => string;
  token: () => string;
  now: () => number;
  forms: () => FormDefinition[];
  units: () => UnitDto[];
  ancestors: () => UnitDto[];
  noteNetwork: (ok: boolean, transient: boolean) => void;
  download?: (req: DownloadRequest) => Promise<DownloadOutcome>;
}

type Kind = "comparison" | "rollup" | "completeness" | "report";

const OFFLINE: LocalText = {
  vi: "Không kết nối được máy chủ. Bảng so sánh cần số liệu mới nhất từ máy chủ nên không lấy được khi mất mạng: hãy thử lại khi có kết nối.",
  en: "Cannot reach the server. Comparison sheets need the latest figures from the server: try again when online.",
};

function errorText(e: unknown): string {
  const m = e && typeof e === "object" && "message" in e ? String((e as { message: unknown }).message) : String(e);
  return "Lỗi khi ghi vào Excel: " + m;
}

function kb(bytes: number): string {
  return bytes < 1024 ? bytes + " byte" : Math.round(bytes / 1024) + " KB";
}

export class CompareTab {
  private busy = false;

  constructor(private readonly d: CompareDeps) {}

  render(panel: HTMLElement): void {
    const parents = parentOptions(this.d.units(), this.d.ancestors());
    const parentSel = h("select", { id: "compare-parent" }, parents.map((p) => h("option", { value: p.code }, p.label))) as HTMLSelectElement;
    // Weeks only when a collection is reported weekly.
    const periodSel = periodSelect("compare-period", this.d.now(), hasWeeklyCollection(this.d.forms()));
    const formSel = h("select", { id: "compare-form" }) as HTMLSelectElement;
    const fillForms = () => {
      // Every form or collection of the period that defines an indicator: a comparison ranks indicators.
      const inForce = collectionsForPeriod(this.d.forms(), periodSel.value).filter((f) => f.indicators.length > 0);
      const keep = formSel.value;
      replaceChildren(formSel, inForce.map((f) => h("option", { value: f.id }, f.code + " – " + f.title.vi)));
      if (keep) formSel.value = keep;
    };
    fillForms();

    const pullCmp = h("button", { type: "button", id: "compare-pull", className: "btn btn-primary" }, "Lấy bảng so sánh");
    const pullRollup = h("button", { type: "button", id: "rollup-pull", className: "btn" }, "Lấy tổng hợp theo Phòng khu vực");
    const pullDone = h("button", { type: "button", id: "completeness-pull", className: "btn" }, "Lấy tình hình nộp báo cáo");
    const dlCmp = h("button", { type: "button", id: "compare-download", className: "btn btn-small" }, "Tải về .xlsx");
    const dlRollup = h("button", { type: "button", id: "rollup-download", className: "btn btn-small" }, "Tải về .xlsx");
    const dlDone = h("button", { type: "button", id: "completeness-download", className: "btn btn-small" }, "Tải về .xlsx");
    const rollupRow = h("div", { className: "actions", id: "rollup-actions" }, pullRollup, dlRollup);
    const pullText = h("button", { type: "button", id: "report-text-pull", className: "btn" }, "Lấy báo cáo bằng lời");
    const dlDocx = h("button", { type: "button", id: "report-docx-download", className: "btn btn-small" }, "Tải về .docx");
    const status = h("div", { id: "compare-status", className: "status", role: "status" });
    // Issue 13: the Cục (or a province) may look at accepted figures only; the sheet gets its own name and says so.
    const accepted = h("input", { type: "checkbox", id: "compare-accepted" }) as HTMLInputElement;

    const buttons = [pullCmp, pullRollup, pullDone, dlCmp, dlRollup, dlDone, pullText, dlDocx];
    const choice = () => ({ parent: parentSel.value, form: formSel.value, period: periodSel.value, acceptedOnly: accepted.checked });
    const showRollup = () => {
      rollupRow.style.display = isProvince(this.d.units(), this.d.ancestors(), parentSel.value) ? "" : "none";
    };
    parentSel.onchange = showRollup;
    periodSel.onchange = fillForms;
    showRollup();

    pullCmp.onclick = () => this.pull("comparison", choice(), status, buttons);
    pullRollup.onclick = () => this.pull("rollup", choice(), status, buttons);
    pullDone.onclick = () => this.pull("completeness", choice(), status, buttons);
    dlCmp.onclick = () => this.download("comparison", choice(), status, buttons);
    dlRollup.onclick = () => this.download("rollup", choice(), status, buttons);
    dlDone.onclick = () => this.download("completeness", choice(), status, buttons);
    pullText.onclick = () => this.pull("report", choice(), status, buttons);
    dlDocx.onclick = () => this.download("report", choice(), status, buttons);

    replaceChildren(panel,
      h("h2", null, "Bảng so sánh, tổng hợp, tình hình nộp"),
      h("p", { className: "hint" }, "Lấy số liệu mới nhất từ máy chủ thành một trang tính mới: tỷ lệ thi hành xong so với chỉ tiêu, cùng kỳ, xếp hạng, đơn vị dưới chỉ tiêu (đỏ) và đạt (xanh), kèm biểu đồ. Mỗi trang ghi nguồn, kỳ và thời điểm lấy số liệu."),
      parents.length === 0 ? h("p", { className: "warn" }, "Chưa có danh sách đơn vị: hãy nhập mã truy cập ở mục Cài đặt khi có mạng.") : null,
      h("label", { "for": "compare-parent" }, "Phạm vi"),
      parentSel,
      h("label", { "for": "compare-period" }, "Kỳ báo cáo (số liệu cộng dồn từ 01/10)"),
      periodSel,
      h("label", { "for": "compare-form" }, "Biểu mẫu"),
      formSel,
      h("label", { className: "check" }, accepted, " Chỉ tính số liệu đã được cấp trên tiếp nhận (bảng so sánh)"),
      h("div", { className: "actions" }, pullCmp, dlCmp),
      rollupRow,
      h("div", { className: "actions" }, pullDone, dlDone),
      h("div", { className: "actions" }, pullText, dlDocx),
      status,
    );
    if (parents.length === 0) for (const b of buttons) (b as HTMLButtonElement).disabled = true;
  }

  private formFor(id: string, period: string): FormDefinition | undefined {
    return collectionForPeriod(this.d.forms(), id, period) || undefined;
  }

  private failure(status: HTMLElement, message: LocalText, transient: boolean, httpStatus: number): void {
    const offline = transient && httpStatus === 0;
    replaceChildren(status, h("p", { id: "compare-error", className: "err" }, offline ? OFFLINE.vi : message.vi));
  }

  private lock(buttons: HTMLElement[], on: boolean): void {
    this.busy = on;
    for (const b of buttons) (b as HTMLButtonElement).disabled = on;
  }

  private pull(kind: Kind, c: { parent: string; form: string; period: string; acceptedOnly: boolean }, status: HTMLElement, buttons: HTMLElement[]): void {
    if (this.busy) return;
    if (!this.d.token()) {
      replaceChildren(status, h("p", { className: "err" }, "Chưa có mã truy cập: hãy nhập ở mục Cài đặt."));
      return;
    }
    const form = this.formFor(c.form, c.period);
    if ((kind === "comparison" || kind === "rollup") && !form) {
      replaceChildren(status, h("p", { className: "err" }, "Không có định nghĩa biểu " + c.form + " áp dụng cho kỳ này."));
      return;
    }
    this.lock(buttons, true);
    const button = byId(kind === "comparison" ? "compare-pull" : kind === "rollup" ? "rollup-pull" : kind === "report" ? "report-text-pull" : "completeness-pull");
    setBusy(button, true, "Đang lấy…");
    replaceChildren(status, h("p", { id: "compare-progress", className: "hint" }, "Đang lấy số liệu từ máy chủ…"));
    const server = this.d.base();
    const writing = (n: number) =>
      replaceChildren(status, h("p", { id: "compare-progress", className: "hint" }, "Đang ghi vào Excel (" + n + " dòng)…"));
    let job: Promise<PullResult | null>;
    let text = "";
    if (kind === "report") {
      job = this.d.api.reportText(c.parent, c.period).then((res) => {
        if (!this.answered(res, status)) return null;
        text = plainText(res.data);
        writing(res.data.paragraphs.length);
        return this.d.reports.pullReportText(res.data, reportSheetName(c.parent, c.period));
      });
    } else if (kind === "completeness") {
      job = this.d.api.completeness(c.parent, c.period).then((res) => {
        if (!this.answered(res, status)) return null;
        writing(res.data.rows.length);
        return this.d.reports.pullCompleteness(res.data, { forms: this.d.forms(), source: { server } });
      });
    } else {
      // The roll-up sheet is always of the latest revisions (its notes say so): only the comparison takes the choice.
      job = this.d.api.comparison(c.parent, c.form, c.period, kind === "comparison" && c.acceptedOnly).then((res) => {
        if (!this.answered(res, status)) return null;
        writing(res.data.rows.length);
        const options = { form: form as FormDefinition, source: { server } };
        return kind === "rollup" ? this.d.reports.pullRollup(res.data, options) : this.d.reports.pullComparison(res.data, options);
      });
    }
    job.then(
      (result) => {
        setBusy(button, false);
        this.lock(buttons, false);
        if (result) this.showResult(kind, result, status);
        if (result && kind === "report") this.showText(text, status);
      },
      (e: unknown) => {
        setBusy(button, false);
        this.lock(buttons, false);
        replaceChildren(status, h("p", { id: "compare-error", className: "err" }, errorText(e)));
      },
    );
  }

  /** True when the server answered with data; otherwise shows why (403 message, offline…). */
  private answered<T>(res: ReadOutcome<T>, status: HTMLElement): res is { ok: true; data: T } {
    this.d.noteNetwork(res.ok, !res.ok && res.transient);
    if (res.ok) return true;
    this.failure(status, res.message, res.transient, res.status);
    return false;
  }

  /** The report text under the result, read-only, with a button that copies it for Word or an e-mail. */
  private showText(text: string, status: HTMLElement): void {
    const area = h("textarea", { id: "report-text", readOnly: true, rows: 12, className: "report-text" }) as HTMLTextAreaElement;
    area.value = text;
    const copied = h("span", { id: "report-text-copied", className: "hint" });
    const copy = h("button", { type: "button", id: "report-text-copy", className: "btn btn-small" }, "Sao chép");
    copy.onclick = () => {
      const ok = copyText(text, document, window);
      replaceChildren(copied, ok ? "Đã sao chép vào bộ nhớ tạm." : "Không sao chép được: hãy chọn văn bản và nhấn Ctrl+C.");
    };
    status.appendChild(h("div", { id: "report-text-card", className: "card" }, area, h("div", { className: "actions" }, copy, copied)));
  }

  private showResult(kind: Kind, r: PullResult, status: HTMLElement): void {
    const what = kind === "comparison" ? "bảng so sánh" : kind === "rollup" ? "bảng tổng hợp" : kind === "report" ? "báo cáo bằng lời" : "tình hình nộp báo cáo";
    const parts: string[] = kind === "report" ? ["mỗi đoạn một dòng"] : [r.rows + (kind === "completeness" ? " báo cáo" : " đơn vị và dòng tổng cộng")];
    if (r.table) parts.push("bảng Excel (lọc, sắp xếp)");
    if (r.conditionalFormats) parts.push("tô màu theo điều kiện");
    else if (r.rows > 0) parts.push("tô màu cố định theo số liệu lúc lấy");
    if (r.chart === "combo") parts.push("biểu đồ tỷ lệ so với đường chỉ tiêu");
    if (r.chart === "columns") parts.push("biểu đồ cột tỷ lệ");
    replaceChildren(status,
      h("div", { id: "compare-result", className: "card card-success" },
        h("p", { className: "ok" }, "Đã tạo " + what + " ở trang “" + r.sheetName + "”: " + parts.join(", ") + "."),
        r.summary.length > 0 ? h("ul", { id: "compare-summary", className: "history" }, r.summary.map((s) => h("li", null, s))) : null,
        r.notes.length > 0 ? h("ul", { id: "compare-notes", className: "caps" }, r.notes.map((s) => h("li", { className: "warn" }, s))) : null,
      ));
  }

  private download(kind: Kind, c: { parent: string; form: string; period: string; acceptedOnly: boolean }, status: HTMLElement, buttons: HTMLElement[]): void {
    if (this.busy) return;
    if (!this.d.token()) {
      replaceChildren(status, h("p", { className: "err" }, "Chưa có mã truy cập: hãy nhập ở mục Cài đặt."));
      return;
    }
    const path = kind === "comparison"
      ? reportPaths.comparison(c.parent, c.form, c.period, c.acceptedOnly)
      : kind === "rollup"
        ? reportPaths.rollup(c.parent, c.form, c.period)
        : kind === "report"
          ? reportPaths.reportText(c.parent, c.period)
          : reportPaths.completeness(c.parent, c.period);
    const fallback = kind === "report"
      ? "bao-cao-" + c.parent + "-" + c.period + ".docx"
      : (kind === "comparison" ? "so-sanh-" + c.parent + "-" + c.form : kind === "rollup" ? "tong-hop-" + c.parent + "-" + c.form : "tinh-hinh-nop-" + c.parent) + "-" + c.period + ".xlsx";
    this.lock(buttons, true);
    replaceChildren(status, h("p", { id: "compare-progress", className: "hint" }, kind === "report" ? "Đang tải tệp .docx từ máy chủ…" : "Đang tải tệp .xlsx từ máy chủ…"));
    const run = this.d.download || ((r: DownloadRequest) => downloadXlsx(this.d.transport, r));
    run({ url: this.d.base() + path, token: this.d.token(), fallbackName: fallback, accept: kind === "report" ? DOCX_MIME : undefined }).then(
      (r) => {
        this.lock(buttons, false);
        this.d.noteNetwork(r.ok, !r.ok && r.transient);
        if (r.ok) replaceChildren(status, h("p", { id: "compare-downloaded", className: "ok" }, "Đã tải về tệp " + r.filename + " (" + kb(r.bytes) + ")."));
        else this.failure(status, r.message, r.transient, r.status);
      },
      (e: unknown) => {
        this.lock(buttons, false);
        replaceChildren(status, h("p", { id: "compare-error", className: "err" }, "Không tải được tệp: " + String(e)));
      },
    );
  }
}
