/**
 * "Gửi báo cáo": the last check before sending and exactly what will be sent (values, the
 * completion rate, an explanation for each warning); the send goes through the queue; then the
 * receipt, the server's findings (422), what differs from the server's revision (409) or a
 * closed period. The queue itself is drawn by queue-view.ts below it.
 */
import type { SubmissionReceipt } from "../../../shared/api/schemas";
import type { FormDefinition } from "../../../shared/forms/types";
import { cumulativeLabel, monthLabel } from "../../../shared/periods";
import { periodLabelOf, shortPeriodLabel } from "../../../shared/forms/collection-period";
import type { SendOutcome, ServerFinding } from "../core/api";
import { readBase, rememberBase } from "../core/base-revision";
import type { CheckResult } from "../core/check-session";
import { diffValues } from "../core/conflict";
import { findingItems } from "../core/findings-view";
import { rememberReceipt, type AttemptResult, type OutboxEntry } from "../core/outbox";
import { receiptView } from "../core/receipt-view";
import { STORAGE_FULL } from "../core/storage";
import { buildRequest, missingExplanations, planSubmission, rowsSentText, summaryRows, type SubmissionPlan } from "../core/submission-plan";
import { byId, h, replaceChildren, setBusy } from "./dom";
import { findingList } from "./findings-list";
import { excelErrorText, type Pane } from "./pane";
import { QueueView } from "./queue-view";
import { renderValues } from "./mapping-review";
import { mappingCard, unrecognisedCard } from "./recognition-card";

export class SubmitTab {
  readonly queue: QueueView;
  private plan: { check: CheckResult; plan: SubmissionPlan } | null = null;
  private explanations: Record<string, string> = {};
  /** Giải trình bổ sung: the written reason of a correction (a second or later revision). */
  private reason = "";

  constructor(private readonly p: Pane) {
    this.queue = new QueueView(p, (r) => this.afterAttempt(r.entry, r.outcome, false));
  }

  render(): void {
    const panel = byId("panel-submit");
    const prep = h("button", { type: "button", id: "submit-prepare", className: "btn btn-primary" }, "Xem trước báo cáo sẽ gửi");
    prep.onclick = () => this.prepare(prep);
    replaceChildren(panel,
      h("h2", null, "Gửi báo cáo"),
      h("p", { className: "hint" }, "Kiểm tra lần cuối và xem đúng những số sẽ gửi. Khi mất mạng, báo cáo được giữ trong hàng đợi trên máy này và tự gửi lại khi có mạng."),
      h("div", { className: "actions" }, prep),
      h("div", { id: "submit-preview" }),
      h("div", { id: "submit-result" }),
      h("h3", null, "Hàng đợi gửi"),
      h("div", { id: "queue" }),
    );
    this.queue.render();
  }

  private prepare(button: HTMLElement): void {
    setBusy(button, true, "Đang kiểm tra…");
    const out = byId("submit-preview");
    const session = this.p.session;
    replaceChildren(byId("submit-result"));
    session
      .check()
      .then((active) => {
        if (active.kind === "unrecognised") {
          replaceChildren(out, unrecognisedCard(active.view, "Chọn trang biểu cần gửi (biểu do THADS Thống kê chèn, hoặc biểu của bạn có tên biểu và các cột theo mẫu)."));
          return;
        }
        const res = active.check;
        if (res.recognition && res.ref.unitCode === "") {
          replaceChildren(out, h("p", { className: "err" }, "Chưa chọn được đơn vị báo cáo cho trang này: hãy nhập mã truy cập ở mục Cài đặt khi có mạng, rồi chọn đơn vị ở mục Kiểm tra."));
          return;
        }
        session.lastCheck = res;
        const plan = planSubmission(res.form, res.ref.unitCode, res.ref.period, res.validation, res.rows);
        // Confirming a column re-reads the sheet: explanations already typed for the same report stay.
        const same = this.plan !== null && this.plan.plan.unit === plan.unit && this.plan.plan.form === plan.form && this.plan.plan.period === plan.period;
        this.plan = { check: res, plan };
        if (!same) {
          this.explanations = {};
          this.reason = "";
        }
        return session.showOnSheet(res).then(() => this.renderPreview());
      })
      .then(
        () => setBusy(button, false),
        (e: unknown) => {
          setBusy(button, false);
          replaceChildren(out, h("p", { className: "err" }, excelErrorText(e)));
        },
      );
  }

  private renderPreview(): void {
    const out = byId("submit-preview");
    if (!this.plan) {
      replaceChildren(out);
      return;
    }
    const { check, plan } = this.plan;
    const unit = this.p.reference.unitByCode(plan.unit);
    const header = h("dl", { className: "facts" },
      h("dt", null, "Đơn vị"), h("dd", null, (unit ? unit.name + " " : "") + "(" + plan.unit + ")"),
      h("dt", null, "Kỳ"), h("dd", null, check.form.period ? periodLabelOf(check.form, plan.period) : monthLabel(plan.period) + " – " + cumulativeLabel(plan.period)),
      h("dt", null, "Biểu"), h("dd", null, check.form.code + " – " + check.form.title.vi),
      check.recognition ? h("dt", null, "Nguồn") : null,
      check.recognition
        ? h("dd", { id: "preview-source" }, "Trang “" + check.ref.sheetName + "” do bạn lập, dòng " + check.recognition.choices.row.value +
            (check.recognition.choices.row.evidence ? " “" + check.recognition.choices.row.evidence + "”" : "") + " (đổi dòng, đơn vị, kỳ ở mục Kiểm tra)")
        : null,
      h("dt", null, "Tỷ lệ thi hành xong"), h("dd", { id: "preview-rate" }, plan.rate || "chưa tính được"),
    );
    const r = check.recognition;
    const unsure = r && (r.choices.row.source === "default" || r.choices.unit.source === "default" || r.choices.period.source === "default")
      ? h("p", { id: "preview-unsure", className: "warn" }, "Dòng, đơn vị hoặc kỳ báo cáo chưa đọc được từ trang tính: hãy kiểm tra ở mục Kiểm tra trước khi gửi.")
      : null;
    const mapping = mappingCard(check, this.p.session, () => this.prepare(byId("submit-prepare")));
    if (plan.errors.length > 0) {
      replaceChildren(out, header, unsure, mapping,
        h("p", { className: "summary summary-error" }, "Còn " + plan.errors.length + " lỗi: sửa trên biểu rồi bấm lại “Xem trước”. Chưa gửi gì."),
        this.findings(check.ref, findingItems(check.form, plan.errors, check.ref.cells)),
      );
      return;
    }
    const send = h("button", { type: "button", id: "submit-send", className: "btn btn-primary" }, "Gửi báo cáo") as HTMLButtonElement;
    // A report already on the server (its revision is this sheet's base) is corrected by a
    // báo cáo bổ sung, which needs its written reason (TT 05/2024 Art. 11; the Worker refuses one without).
    const base = readBase(this.p.d.store, plan.unit, plan.form, plan.period);
    const correction = base !== null && base > 0;
    const reasonBox = h("textarea", { id: "submit-reason", rows: "3", placeholder: "Giải trình bổ sung: vì sao sửa số liệu (bắt buộc)…" }) as HTMLTextAreaElement;
    reasonBox.value = this.reason;
    // A recognised sheet sends nothing until its mapping is confirmed and its notices acknowledged.
    const update = () => {
      send.disabled = missingExplanations(plan, this.explanations).length > 0 || (r ? r.review.pending.length > 0 : false) ||
        (correction && this.reason.replace(/^\s+|\s+$/g, "") === "");
    };
    const onReason = () => {
      this.reason = reasonBox.value;
      update();
    };
    reasonBox.oninput = onReason;
    reasonBox.onkeyup = onReason;
    reasonBox.onchange = onReason;
    const reasonCard = correction
      ? h("div", { className: "explain", id: "submit-reason-card" },
          h("p", { className: "finding-msg" }, h("span", { className: "tag tag-warning" }, "Báo cáo bổ sung"), " Máy chủ đã có lần gửi " + base + " của kỳ này: lần gửi mới là báo cáo bổ sung, cần giải trình và được Thủ trưởng xác nhận lại."),
          reasonBox)
      : null;
    const warnings = plan.warnings.map((w) => {
      const ta = h("textarea", { id: "explain-" + w.ruleId.replace(/\./g, "-"), rows: "3", placeholder: "Giải trình (bắt buộc)…" }) as HTMLTextAreaElement;
      ta.value = this.explanations[w.ruleId] || "";
      const onInput = () => {
        this.explanations[w.ruleId] = ta.value;
        update();
      };
      ta.oninput = onInput;
      // IE11 does not fire "input" on textarea reliably when text is pasted or deleted.
      ta.onkeyup = onInput;
      ta.onchange = onInput;
      return h("div", { className: "explain" },
        h("p", { className: "finding-msg" }, h("span", { className: "tag tag-warning" }, "Cảnh báo " + w.ruleId), " ", w.message),
        ta);
    });
    send.onclick = () => this.send(send);
    update();
    const rowsText = rowsSentText(check.form, plan.listRows);
    replaceChildren(out, header, unsure, mapping,
      renderValues(plan.rows, "Chỉ tiêu"),
      rowsText !== null ? h("p", { id: "preview-rows" }, "Kèm theo " + rowsText + ".") : null,
      warnings.length > 0 ? h("p", { className: "summary summary-warning" }, "Có " + warnings.length + " cảnh báo: mỗi cảnh báo cần một lời giải trình trước khi gửi.") : null,
      warnings,
      reasonCard,
      h("div", { className: "actions" }, send),
    );
  }

  private send(button: HTMLButtonElement): void {
    if (!this.plan) return;
    if (!this.p.settings().token) {
      this.p.notice("Chưa có mã truy cập: hãy nhập ở mục Cài đặt.", "error");
      return;
    }
    const { d, outbox } = this.p;
    const { check, plan } = this.plan;
    let id: string;
    try {
      id = d.uuid();
    } catch (e) {
      this.p.notice("Máy này không tạo được mã gửi an toàn: " + String(e), "error");
      return;
    }
    const req = buildRequest(plan, id, this.explanations, readBase(d.store, plan.unit, plan.form, plan.period), this.reason);
    // Into the queue first: if the pane or Excel closes mid-request, it is still there (or,
    // with storage full, held in memory and said so).
    outbox.add(req, check.ref.sheetName);
    this.queue.render();
    setBusy(button, true, "Đang gửi…");
    outbox.attempt(id).then((r: AttemptResult | null) => {
      setBusy(button, false);
      if (!r) return;
      this.afterAttempt(r.entry, r.outcome, true);
    });
  }

  /** What a send ended in, shown where the clerk looks: the submit panel. */
  private afterAttempt(entry: OutboxEntry, outcome: SendOutcome, interactive: boolean): void {
    const { d, outbox, reference, session } = this.p;
    const req = entry.request;
    this.p.noteNetwork(outcome.kind !== "transient", outcome.kind === "transient");
    const out = byId("submit-result");
    // The definition in force for the report's period: a form id alone names every version,
    // and the first is the oldest layout (its numbering and labels are not what was sent).
    const form: FormDefinition | undefined = reference.formFor(req.form, req.period) || (this.plan ? this.plan.check.form : undefined);
    switch (outcome.kind) {
      case "accepted": {
        rememberReceipt(d.store, outcome.receipt);
        rememberBase(d.store, req.unit, req.form, req.period, outcome.receipt.revision);
        // Checks of the next month compare with this report: they fetch it again.
        session.reportChanged(req.unit, req.form, req.period);
        this.plan = null;
        replaceChildren(byId("submit-preview"));
        replaceChildren(out, this.receiptCard(outcome.receipt, form ? rowsSentText(form, req.rows) : null),
          form ? renderValues(summaryRows(form, req.values), "Chỉ tiêu đã gửi", "receipt-values") : null);
        break;
      }
      case "transient":
        if (interactive) {
          // The report is in the queue now: no second "Gửi" that would queue it twice.
          this.plan = null;
          replaceChildren(byId("submit-preview"));
          replaceChildren(out, h("div", { id: "queued-card", className: "card card-warning" },
            h("h3", null, "Chưa gửi được – đã lưu vào hàng đợi"),
            h("p", null, outcome.message.vi),
            outbox.persisted()
              ? h("p", null, "Báo cáo được lưu trên máy này (kể cả khi đóng Excel) và sẽ tự gửi lại khi có kết nối. Không cần gửi lại.")
              : h("p", { className: "warn" }, STORAGE_FULL.vi)));
        }
        break;
      case "invalid": {
        // Sent from the preview, the answer is shown right here; sent from the queue in the
        // background, the entry stays (marked failed, with the reason) until the clerk removes it.
        if (interactive) outbox.remove(req.id);
        const items = form ? findingItems(form, outcome.findings, this.plan ? this.plan.check.ref.cells : {}) : [];
        const checked = this.plan ? this.plan.check : session.lastCheck;
        const ref = checked ? checked.ref : null;
        if (checked && form) {
          const local = session.messageOf(form);
          session.showOnSheet(checked, outcome.findings, (f) => (f as ServerFinding).message ? (f as ServerFinding).message.vi : local(f)).then(undefined, () => undefined);
        }
        replaceChildren(out, h("div", { className: "card card-error" },
          h("h3", null, "Máy chủ chưa nhận báo cáo"),
          h("p", null, outcome.message.vi),
          this.findings(ref, items)));
        break;
      }
      case "conflict": {
        if (interactive) outbox.remove(req.id);
        const rows = form ? diffValues(form, req.values, outcome.currentValues) : [];
        const resend = h("button", { type: "button", id: "conflict-resend", className: "btn btn-primary" }, "Gửi số liệu của tôi thay thế lần " + outcome.currentRevision);
        resend.onclick = () => {
          rememberBase(d.store, req.unit, req.form, req.period, outcome.currentRevision);
          replaceChildren(out);
          // Sending over a revision is a correction: without its reason yet, ask for it first.
          if (this.plan && outcome.currentRevision > 0 && this.reason.replace(/^\s+|\s+$/g, "") === "") this.renderPreview();
          else if (this.plan) this.send(resend as HTMLButtonElement);
        };
        replaceChildren(out, h("div", { id: "conflict-card", className: "card card-error" },
          h("h3", null, "Số liệu trên máy chủ đã thay đổi"),
          h("p", null, outcome.message.vi),
          h("table", { className: "values" },
            h("thead", null, h("tr", null, h("th", null, "Chỉ tiêu"), h("th", { className: "num" }, "Của bạn"), h("th", { className: "num" }, "Máy chủ (lần " + outcome.currentRevision + ")"), h("th", { className: "num" }, "Chênh lệch"))),
            h("tbody", null, rows.map((r) => h("tr", null, h("td", null, r.label), h("td", { className: "num" }, r.mine), h("td", { className: "num" }, r.theirs), h("td", { className: "num" }, r.difference || "–"))))),
          rows.length === 0 ? h("p", null, "Số liệu giống nhau; chỉ khác lần gửi.") : null,
          this.plan && interactive ? h("div", { className: "actions" }, resend) : null));
        break;
      }
      case "closed":
        if (interactive) outbox.remove(req.id);
        replaceChildren(out, h("div", { className: "card card-error" }, h("h3", null, "Kỳ báo cáo đã khóa"), h("p", null, outcome.message.vi)));
        break;
      case "rejected":
        if (interactive) outbox.remove(req.id);
        replaceChildren(out, h("div", { className: "card card-error" }, h("h3", null, "Máy chủ từ chối báo cáo"), h("p", null, outcome.message.vi)));
        break;
    }
    this.queue.render();
  }

  private findings(ref: CheckResult["ref"] | null, items: ReturnType<typeof findingItems>): HTMLElement {
    return findingList(this.p.d.sheets, ref, items, (e) => this.p.notice(excelErrorText(e), "error"));
  }

  /** `rows`: what the report carried besides its figures (rowsSentText), null for none. */
  private receiptCard(r: SubmissionReceipt, rows: string | null): HTMLElement {
    const v = receiptView(r);
    const unit = this.p.reference.unitByCode(r.unit);
    return h("div", { id: "receipt", className: "card card-success" },
      h("h3", null, v.title),
      h("dl", { className: "facts" },
        h("dt", null, "Báo cáo"), h("dd", null, "Biểu " + r.form + " · " + (unit ? unit.name : r.unit) + " · " + shortPeriodLabel(r.period)),
        h("dt", null, "Lần gửi"), h("dd", { id: "receipt-revision" }, v.revision),
        rows !== null ? h("dt", null, "Kèm theo") : null,
        rows !== null ? h("dd", { id: "receipt-rows" }, rows) : null,
        h("dt", null, "Thời điểm"), h("dd", null, v.time),
        h("dt", null, "Thời hạn"), h("dd", { id: "receipt-late", className: v.late ? "err" : "ok" }, v.lateness),
        h("dt", null, "Tỷ lệ thi hành xong"), h("dd", { id: "receipt-rate" }, h("b", null, v.rate)),
        h("dt", null, "Chỉ tiêu"), h("dd", { id: "receipt-target" }, v.target),
        v.gap !== null ? h("dt", null, "So với chỉ tiêu") : null,
        v.gap !== null ? h("dd", { id: "receipt-gap", className: v.met ? "ok" : "err" }, v.gap + (v.verdict ? " – " + v.verdict : "")) : null,
      ),
    );
  }
}
