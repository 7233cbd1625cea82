/**
 * "Hàng đợi gửi" under the submit tab: the reports waiting to be sent (or refused), their
 * attempts and next retry; "Thử lại ngay" and "Xóa". Drains the queue when something is due
 * (a one-second tick, Windows saying the network is back, a new token).
 */
import { shortPeriodLabel } from "../../../shared/forms/collection-period";
import type { AttemptResult } from "../core/outbox";
import { vietnamDateTime } from "../core/receipt-view";
import { STORAGE_FULL } from "../core/storage";
import { h, replaceChildren } from "./dom";
import type { Pane } from "./pane";

export class QueueView {
  private draining = false;

  /** `answered` shows what a background attempt ended in (a receipt, a refusal). */
  constructor(
    private readonly p: Pane,
    private readonly answered: (r: AttemptResult) => void,
  ) {}

  render(): void {
    const el = document.getElementById("queue");
    if (!el) return;
    const outbox = this.p.outbox;
    const entries = outbox.list();
    this.p.renderConn();
    // Read after list(), which has just tried to store a queue held in memory.
    const held = outbox.persisted() ? null : h("p", { id: "storage-full", className: "warn" }, STORAGE_FULL.vi);
    if (entries.length === 0) {
      replaceChildren(el, h("p", { id: "queue-empty", className: "hint" }, "Không có báo cáo nào đang chờ gửi."));
      return;
    }
    replaceChildren(el,
      held,
      h("ul", { className: "queue" },
        entries.map((e) => {
          const retry = h("button", { type: "button", className: "btn btn-small" }, "Thử lại ngay");
          retry.onclick = () => {
            outbox.retryNow(e.request.id);
            this.drain();
          };
          const drop = h("button", { type: "button", className: "btn btn-small" }, "Xóa");
          // Office blocks window.confirm in add-ins: a second click confirms instead.
          drop.onclick = () => {
            if (drop.getAttribute("data-armed") === "1") {
              outbox.remove(e.request.id);
              this.render();
            } else {
              drop.setAttribute("data-armed", "1");
              drop.textContent = "Bấm lần nữa để xóa (sẽ không gửi)";
            }
          };
          const unit = this.p.reference.unitByCode(e.request.unit);
          return h("li", { className: "queue-item queue-" + e.state },
            h("div", null, h("b", null, "Biểu " + e.request.form + " · " + shortPeriodLabel(e.request.period)), " · " + (unit ? unit.name : e.request.unit)),
            h("div", { className: "hint" },
              "Tạo lúc " + vietnamDateTime(new Date(e.createdAt).toISOString()) + " · đã thử " + e.attempts + " lần" +
              (e.state === "waiting" ? " · thử lại lúc " + vietnamDateTime(new Date(e.nextAttemptAt).toISOString()).replace(" ngày", ",") : " · không gửi được")),
            e.lastError ? h("div", { className: e.state === "failed" ? "err" : "warn" }, e.lastError.vi) : null,
            h("div", { className: "actions" }, retry, drop));
        })));
  }

  /** Sends what is due, one report at a time; each answer is shown, then the list again. */
  drain(): void {
    if (this.draining || !this.p.settings().token) return;
    if (this.p.outbox.due().length === 0) return;
    this.draining = true;
    this.p.outbox.drain().then(
      (results) => {
        this.draining = false;
        for (const r of results) this.answered(r);
        this.render();
      },
      () => {
        this.draining = false;
      },
    );
  }

  /** Every second: drain when the next retry is due. */
  tick(): void {
    const next = this.p.outbox.nextDueAt();
    if (next !== null && next <= this.p.d.now()) this.drain();
  }
}
