/**
 * "Xác nhận & duyệt" (issue 13): where a report stands after it is sent, for every role.
 * - An office (clerk or head) sees each form's latest revision for the period: its state, the
 *   parent's comment when it was returned (with the cells it names), the PDF of the revision;
 *   its head confirms it by the content hash it was shown.
 * - A province (or the Cục) sees its review board: every unit below it, its state, late and
 *   correction marks; one click opens the figures, the findings and the history, then accepts
 *   or returns with a comment (on a cell if it names one). The Cục decides on a province as a
 *   whole, by the basis the board gave.
 * Reads need the server; offline the pane says so and queues nothing.
 */
import type { ReviewBoard, ReviewRow, RevisionDetail, SubmissionRevision } from "../../../shared/api/schemas";
import type { FormDefinition } from "../../../shared/forms/types";
import { documentFileName } from "../../../shared/signoff/document";
import type { ReadOutcome } from "../core/api";
import { downloadXlsx, PDF_MIME } from "../core/download";
import { markReturnedCells, placementText, type ReviewedRevision } from "../core/review-marks";
import { boardCountsLine, cellCommentLines, eventLines, findingLine, officeActions, rowMarks, shortTime, stateWords } from "../core/review-view";
import { summaryRows } from "../core/submission-plan";
import { byId, h, replaceChildren, setBusy } from "./dom";
import { renderRowsTable, renderValues } from "./mapping-review";
import { rowsTable } from "../../../shared/reports/summary-rows";
import { hasWeeklyCollection, periodSelect } from "./period-select";
import { excelErrorText, type Pane } from "./pane";

const OFFLINE = "Không kết nối được máy chủ: trạng thái xác nhận và duyệt cần số liệu mới nhất từ máy chủ, hãy thử lại khi có kết nối.";

export class ReviewTab {
  constructor(private readonly p: Pane) {}

  render(): void {
    const panel = byId("panel-review");
    // A week too when a collection is reported weekly: its reports are confirmed and reviewed by the week.
    const periodSel = periodSelect("review-period", this.p.d.now(), hasWeeklyCollection(this.p.reference.collections()));
    // Every form of the period, or one: a province with 20 offices and several forms reviews one form at a time.
    const formSel = h("select", { id: "review-form" }) as HTMLSelectElement;
    const fillForms = () => {
      const keep = formSel.value;
      replaceChildren(formSel, h("option", { value: "" }, "Tất cả các biểu"),
        this.p.reference.formsInForce(periodSel.value).map((f) => h("option", { value: f.id }, f.code + " – " + f.title.vi)));
      formSel.value = keep;
      if (formSel.value !== keep) formSel.value = "";
    };
    periodSel.onchange = fillForms;
    fillForms();
    const load = h("button", { type: "button", id: "review-load", className: "btn btn-primary" }, "Xem trạng thái");
    load.onclick = () => this.load(periodSel.value, load, formSel.value);
    replaceChildren(panel,
      h("h2", null, "Xác nhận & duyệt báo cáo"),
      h("p", { className: "hint" }, "Báo cáo là của Thủ trưởng đơn vị: Thủ trưởng xác nhận đúng lần gửi, đơn vị cấp trên tiếp nhận hoặc trả lại kèm nhận xét. Gửi lại (báo cáo bổ sung) phải có giải trình và được xác nhận lại từ đầu."),
      h("label", { "for": "review-period" }, "Kỳ báo cáo"),
      periodSel,
      h("label", { "for": "review-form" }, "Biểu"),
      formSel,
      h("div", { className: "actions" }, load),
      h("div", { id: "review-status", className: "status", role: "status" }),
      h("div", { id: "review-list" }),
      h("div", { id: "review-detail" }),
    );
  }

  private status(text: string, kind: "err" | "ok" | "" = ""): void {
    replaceChildren(byId("review-status"), text ? h("p", { className: kind }, text) : null);
  }

  private failed<T>(r: ReadOutcome<T>): r is Extract<ReadOutcome<T>, { ok: false }> {
    this.p.noteNetwork(r.ok || !r.transient, !r.ok && r.transient);
    if (r.ok) return false;
    this.status(r.transient && r.status === 0 ? OFFLINE : r.message.vi, "err");
    return true;
  }

  /** The form chosen when the tab was last loaded: a decision reloads the same view. */
  private form = "";

  private load(period: string, button?: HTMLElement, form?: string): void {
    if (form !== undefined) this.form = form;
    const caller = this.p.reference.caller;
    if (!this.p.settings().token || !caller) {
      this.status("Chưa có mã truy cập hoặc chưa kết nối: hãy nhập ở mục Cài đặt khi có mạng.", "err");
      return;
    }
    if (button) setBusy(button, true, "Đang tải…");
    replaceChildren(byId("review-detail"));
    const done = () => {
      if (button) setBusy(button, false);
    };
    const own = this.p.reference.unitByCode(caller.unit);
    if (own && own.reporting) this.loadOffice(caller.unit, period).then(done, done);
    else this.loadBoard(caller.unit, period, this.form).then(done, done);
  }

  // ---------- an office: its own reports ----------

  private loadOffice(unit: string, period: string): Promise<void> {
    const forms = this.p.reference.formsInForce(period).filter((f) => !this.form || f.id === this.form);
    return Promise.all(forms.map((f) => this.p.api.history(unit, f.id, period))).then((answers) => {
      const cards: HTMLElement[] = [];
      const reviewed: ReviewedRevision[] = [];
      for (let i = 0; i < answers.length; i++) {
        const a = answers[i];
        const form = forms[i] as FormDefinition;
        if (!a || this.failed(a)) return;
        const revs = a.data.revisions;
        const latest = revs[revs.length - 1];
        cards.push(latest ? this.officeCard(form, latest, period) : h("div", { id: "review-form-" + form.id, className: "card" }, h("h3", null, form.code), h("p", null, stateWords("not_sent"))));
        // The cells the parent commented on, marked on the form sheet the clerk has open.
        if (latest) reviewed.push({ form, revision: latest });
      }
      this.status("");
      replaceChildren(byId("review-list"), cards);
      return this.markReturned(reviewed);
    });
  }

  /** The cells the parent commented on, marked on the form's sheet wherever it is in the workbook; each card says where. */
  private markReturned(reviewed: ReviewedRevision[]): Promise<void> {
    const session = this.p.session;
    const deps = { sheets: this.p.d.sheets, forms: this.p.reference.forms, units: this.p.reference.units, picksOf: (name: string) => session.picksOf(name) };
    return markReturnedCells(deps, reviewed).then(
      (placements) => {
        let marked = 0;
        for (const pl of placements) {
          const card = document.getElementById("review-form-" + pl.form.id);
          if (!card) continue;
          const note = h("div", { id: "review-marks-" + pl.form.id, className: pl.kind === "marked" && pl.marked > 0 ? "ok" : "hint" }, h("p", null, placementText(pl)));
          if (pl.kind === "marked" && pl.marked > 0) {
            marked++;
            const ref = pl.ref;
            const field = pl.field;
            const actions: HTMLElement[] = [];
            if (!pl.active) {
              const go = h("button", { type: "button", id: "review-goto-" + pl.form.id, className: "btn btn-small" }, "Đến trang “" + ref.sheetName + "”");
              go.onclick = () => this.p.d.sheets.selectField(ref, field).then(undefined, (e: unknown) => this.p.notice(excelErrorText(e), "error"));
              actions.push(go);
            }
            const clear = h("button", { type: "button", id: "review-clear-" + pl.form.id, className: "btn btn-small" }, "Xóa đánh dấu");
            clear.onclick = () => this.p.d.sheets.clearFindings(ref).then(
              () => replaceChildren(note, h("p", null, "Đã xóa đánh dấu trên trang “" + ref.sheetName + "”; định dạng của ô đã được khôi phục.")),
              (e: unknown) => this.p.notice(excelErrorText(e), "error"),
            );
            actions.push(clear);
            note.appendChild(h("div", { className: "actions" }, actions));
          }
          card.appendChild(note);
        }
        if (marked > 0) this.status("Các ô có nhận xét của đơn vị cấp trên đã được tô màu trên trang biểu (xem từng biểu bên dưới).", "ok");
      },
      (e: unknown) => this.p.notice(excelErrorText(e), "error"),
    );
  }

  private officeCard(form: FormDefinition, r: SubmissionRevision, period: string): HTMLElement {
    const caller = this.p.reference.caller;
    const unit = this.p.reference.unitByCode(r.unit);
    const can = officeActions(caller ? caller.role : undefined, caller ? caller.unit : "", r.unit, unit ? unit.parentCode : null, r);
    const s = r.signoff;
    const confirm = h("button", { type: "button", id: "review-confirm-" + form.id, className: "btn btn-primary" }, "Xác nhận lần gửi " + r.revision);
    confirm.onclick = () => {
      setBusy(confirm, true, "Đang xác nhận…");
      this.p.api.confirm(r.id, r.contentHash).then((a) => {
        setBusy(confirm, false);
        if (this.failed(a)) return;
        this.status("Đã xác nhận lần gửi " + r.revision + " của biểu " + form.code + ".", "ok");
        this.load(period);
      });
    };
    const pdf = this.pdfButton("review-pdf-" + form.id, r.id, r.unit, r.form, r.period, r.revision);
    return h("div", { id: "review-form-" + form.id, className: "card" + (r.state === "returned" ? " card-error" : r.state === "accepted" ? " card-success" : "") },
      h("h3", null, form.code + " – lần gửi " + r.revision),
      h("dl", { className: "facts" },
        h("dt", null, "Trạng thái"), h("dd", { id: "review-state-" + form.id }, stateWords(r.state)),
        h("dt", null, "Gửi lúc"), h("dd", null, shortTime(r.submittedAt)),
        r.reason ? h("dt", null, "Giải trình bổ sung") : null,
        r.reason ? h("dd", null, r.reason) : null,
        s.confirmedAt ? h("dt", null, "Xác nhận") : null,
        s.confirmedAt ? h("dd", null, (s.confirmedBy || "") + " lúc " + shortTime(s.confirmedAt)) : null,
        s.decision ? h("dt", null, s.decision === "returned" ? "Trả lại" : "Tiếp nhận") : null,
        s.decision ? h("dd", null, (s.decidedBy || "") + " lúc " + shortTime(s.decidedAt)) : null,
      ),
      s.decision === "returned" && s.comment ? h("p", { id: "review-comment-" + form.id, className: "err" }, "Nhận xét: " + s.comment) : null,
      s.decision === "returned" && s.cells.length > 0
        ? h("ul", { id: "review-cells-" + form.id, className: "findings" }, cellCommentLines(form, s.cells).map((t) => h("li", null, t)))
        : null,
      s.decision === "returned" ? h("p", { className: "hint" }, (s.cells.length > 0 ? "Các ô có nhận xét được tô màu trên trang biểu của kỳ này trong sổ làm việc đang mở (trang do THADS Thống kê chèn, hoặc trang do bạn lập đang mở). " : "") + "Sửa trên biểu rồi gửi lại ở mục Gửi báo cáo, kèm giải trình bổ sung; Thủ trưởng xác nhận lại lần gửi mới.") : null,
      h("div", { className: "actions" }, can.confirm ? confirm : null, pdf),
    );
  }

  private pdfButton(id: string, revisionId: string, unit: string, form: string, period: string, revision: number): HTMLElement {
    const b = h("button", { type: "button", id, className: "btn btn-small" }, "Tải PDF");
    b.onclick = () => {
      setBusy(b, true, "Đang tải…");
      downloadXlsx(this.p.d.transport, {
        url: this.p.base() + "/api/v1/submissions/" + encodeURIComponent(revisionId),
        token: this.p.settings().token,
        fallbackName: documentFileName(unit, form, period, revision),
        accept: PDF_MIME,
      }).then((r) => {
        setBusy(b, false);
        if (r.ok) this.status("Đã tải " + r.filename + ".", "ok");
        else this.status(r.transient && r.status === 0 ? OFFLINE : r.message.vi, "err");
      });
    };
    return b;
  }

  // ---------- a parent: the review board ----------

  private loadBoard(parent: string, period: string, form: string): Promise<void> {
    return this.p.api.board(parent, period, form || undefined).then((a) => {
      if (this.failed(a)) return;
      this.status("");
      replaceChildren(byId("review-list"), this.boardTable(a.data));
    });
  }

  private boardTable(b: ReviewBoard): HTMLElement {
    const counts = boardCountsLine(b);
    return h("div", null,
      h("p", { id: "review-counts" }, b.parentName + " – " + b.periodLabel + ". " + counts),
      h("table", { className: "values", id: "review-board" },
        h("thead", null, h("tr", null, h("th", null, "Đơn vị"), h("th", null, "Biểu"), h("th", null, "Trạng thái"), h("th", null, "Ghi chú"), h("th", null, ""))),
        h("tbody", null, b.rows.map((r) => {
          const open = h("button", { type: "button", id: "review-open-" + r.unit + "-" + r.form, className: "btn btn-small" }, "Xem");
          open.onclick = () => (r.revision ? this.openRevision(r.revision.id, b.period) : this.openNode(r, b.period));
          return h("tr", { id: "review-row-" + r.unit + "-" + r.form },
            h("td", null, r.name), h("td", null, r.formCode), h("td", { className: "review-state" }, stateWords(r.state)), h("td", null, rowMarks(r)),
            h("td", null, r.revision || (r.offices && r.basis) ? open : null));
        })),
      ),
    );
  }

  private openRevision(id: string, period: string): void {
    const out = byId("review-detail");
    this.p.api.revision(id).then((a) => {
      if (this.failed(a)) return;
      replaceChildren(out, this.revisionCard(a.data, period));
    });
  }

  private revisionCard(d: RevisionDetail, period: string): HTMLElement {
    const caller = this.p.reference.caller;
    const unit = this.p.reference.unitByCode(d.unit);
    const form = this.p.reference.formFor(d.form, d.period);
    const can = officeActions(caller ? caller.role : undefined, caller ? caller.unit : "", d.unit, unit ? unit.parentCode : null, d);
    const rows = form ? rowsTable(form, d.rows) : null;
    const comment = h("textarea", { id: "review-comment", rows: "3", placeholder: "Nhận xét (bắt buộc khi trả lại)…" }) as HTMLTextAreaElement;
    const cellSel = h("select", { id: "review-cell-field" }, h("option", { value: "" }, "(không gắn với ô nào)"),
      form ? form.fields.map((f) => h("option", { value: f.key }, (f.column !== null ? "(" + f.column + ") " : "") + f.label.vi)) : []) as HTMLSelectElement;
    const cellText = h("input", { id: "review-cell-comment", type: "text", placeholder: "Nhận xét về ô này…" }) as HTMLInputElement;
    const decide = (decision: "accept" | "return", button: HTMLElement) => {
      const text = comment.value.replace(/^\s+|\s+$/g, "");
      if (decision === "return" && !text) {
        this.status("Trả lại báo cáo cần ghi nhận xét: đơn vị cần biết phải sửa gì.", "err");
        return;
      }
      const cells = cellSel.value && cellText.value.replace(/^\s+|\s+$/g, "") ? [{ field: cellSel.value, comment: cellText.value.replace(/^\s+|\s+$/g, "") }] : undefined;
      setBusy(button, true, "Đang lưu…");
      this.p.api.review(d.id, { decision, contentHash: d.contentHash, comment: text || undefined, cells }).then((a) => {
        setBusy(button, false);
        if (this.failed(a)) return;
        this.status((decision === "accept" ? "Đã tiếp nhận" : "Đã trả lại") + " báo cáo của " + d.unitName + " (lần gửi " + d.revision + ").", "ok");
        this.load(period);
      });
    };
    const accept = h("button", { type: "button", id: "review-accept", className: "btn btn-primary" }, "Tiếp nhận");
    accept.onclick = () => decide("accept", accept);
    const ret = h("button", { type: "button", id: "review-return", className: "btn" }, "Trả lại");
    ret.onclick = () => decide("return", ret);
    return h("div", { id: "review-revision", className: "card" },
      h("h3", null, d.unitName + " – biểu " + d.form + " – lần gửi " + d.revision + (d.revision !== d.latestRevision ? " (không phải lần mới nhất)" : "")),
      h("dl", { className: "facts" },
        h("dt", null, "Trạng thái"), h("dd", { id: "review-revision-state" }, stateWords(d.state)),
        h("dt", null, "Gửi lúc"), h("dd", null, shortTime(d.submittedAt) + " – " + d.submittedBy),
        d.reason ? h("dt", null, "Giải trình bổ sung") : null,
        d.reason ? h("dd", { id: "review-reason" }, d.reason) : null,
        h("dt", null, "Mã nội dung"), h("dd", { className: "hash" }, d.contentHash),
      ),
      form ? renderValues(summaryRows(form, d.values), "Chỉ tiêu", "review-values") : null,
      rows ? renderRowsTable(rows, "review-rows") : null,
      d.findings.length > 0
        ? h("ul", { className: "findings" }, d.findings.map((f) => h("li", { className: f.severity === "error" ? "err" : "warn" }, findingLine(d, f))))
        : h("p", { className: "ok" }, "Không có lỗi hay cảnh báo."),
      d.events.length > 0 ? h("ul", { id: "review-events" }, eventLines(d).map((t) => h("li", null, t))) : null,
      can.accept || can.returnIt
        ? h("div", null,
            h("label", { "for": "review-comment" }, "Nhận xét"), comment,
            h("label", { "for": "review-cell-field" }, "Gắn nhận xét với ô (tùy chọn)"), cellSel, cellText,
            h("div", { className: "actions" }, can.accept ? accept : null, can.returnIt ? ret : null))
        : null,
      h("div", { className: "actions" }, this.pdfButton("review-pdf", d.id, d.unit, d.form, d.period, d.revision)),
    );
  }

  /** The Cục on a province: accept (once the province accepted every office) or return, by the basis the board gave. */
  private openNode(r: ReviewRow, period: string): void {
    const comment = h("textarea", { id: "review-comment", rows: "3", placeholder: "Nhận xét (bắt buộc khi trả lại)…" }) as HTMLTextAreaElement;
    const decide = (decision: "accept" | "return", button: HTMLElement) => {
      const text = comment.value.replace(/^\s+|\s+$/g, "");
      if (decision === "return" && !text) {
        this.status("Trả lại báo cáo cần ghi nhận xét: tỉnh cần biết phải sửa gì.", "err");
        return;
      }
      setBusy(button, true, "Đang lưu…");
      this.p.api.reviewNode({ unit: r.unit, form: r.form, period, basis: r.basis as string, decision, comment: text || undefined }).then((a) => {
        setBusy(button, false);
        if (this.failed(a)) return;
        this.status((decision === "accept" ? "Đã tiếp nhận" : "Đã trả lại") + " báo cáo của " + r.name + ".", "ok");
        this.load(period);
      });
    };
    const accept = h("button", { type: "button", id: "review-accept", className: "btn btn-primary" }, "Tiếp nhận");
    accept.onclick = () => decide("accept", accept);
    const ret = h("button", { type: "button", id: "review-return", className: "btn" }, "Trả lại");
    ret.onclick = () => decide("return", ret);
    replaceChildren(byId("review-detail"), h("div", { id: "review-node", className: "card" },
      h("h3", null, r.name + " – biểu " + r.formCode),
      h("p", null, stateWords(r.state) + ". " + rowMarks(r)),
      h("label", { "for": "review-comment" }, "Nhận xét"), comment,
      h("div", { className: "actions" }, r.state === "confirmed" ? accept : null, ret),
    ));
  }
}
