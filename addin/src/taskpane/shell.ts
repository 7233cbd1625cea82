/**
 * The task pane's shell: the header (connection state), the tabs, the notice line, and the
 * state every tab shares. Each tab draws its own panel (insert-, check-, submit-, compare- and
 * settings-tab.ts); the state they share is DOM-free and lives in addin/src/core. The pane talks
 * to Excel only through FormSheets and to the Worker only through the one HTTP client, so the
 * headless checks drive it with an in-memory workbook and a local Worker.
 */
import { createApiClient, type ApiClient } from "../core/api";
import { capabilityHeadline } from "../core/capabilities-text";
import { CheckSession } from "../core/check-session";
import { Outbox } from "../core/outbox";
import { ReferenceData, type RefreshResult } from "../core/reference-data";
import { apiBase, loadSettings, type Settings } from "../core/settings";
import { tokenExpiryNotice } from "../core/token-expiry";
import type { Capabilities } from "../excel/types";
import { CheckTab } from "./check-tab";
import { CompareTab } from "./compare-tab";
import { DesignTab } from "./design-tab";
import { byId, h, replaceChildren } from "./dom";
import { InsertTab } from "./insert-tab";
import { OrgTab } from "./org-tab";
import { ReviewTab } from "./review-tab";
import type { AppDeps, Pane, Tab } from "./pane";
import { SettingsTab } from "./settings-tab";
import { SubmitTab } from "./submit-tab";

import { NATIONAL_CODE } from "../../../shared/units/types";

export type { AppDeps } from "./pane";

const TABS: { id: Tab; label: string }[] = [
  { id: "insert", label: "Biểu mẫu" },
  { id: "check", label: "Kiểm tra" },
  { id: "submit", label: "Gửi báo cáo" },
  { id: "review", label: "Xác nhận & duyệt" },
  { id: "compare", label: "Bảng so sánh" },
  { id: "org", label: "Chỉ tiêu, đơn vị" },
  { id: "design", label: "Thiết kế biểu" },
  { id: "settings", label: "Cài đặt" },
];

export class TaskPane implements Pane {
  readonly d: AppDeps;
  readonly api: ApiClient;
  readonly outbox: Outbox;
  readonly caps: Capabilities;
  readonly reference: ReferenceData;
  readonly session: CheckSession;
  private current: Settings;
  private tab: Tab;
  private online: boolean | null = null;
  private readonly insert: InsertTab;
  private readonly check: CheckTab;
  private readonly submit: SubmitTab;
  private readonly compare: CompareTab;
  private readonly review: ReviewTab;
  private readonly org: OrgTab;
  private readonly design: DesignTab;
  private readonly setup: SettingsTab;

  constructor(deps: AppDeps) {
    this.d = deps;
    this.current = loadSettings(deps.store);
    this.api = createApiClient(deps.transport, () => ({ base: this.base(), token: this.current.token }));
    this.outbox = new Outbox({ store: deps.store, send: (req) => this.api.submit(req), now: deps.now, random: deps.random });
    this.caps = deps.sheets.capabilities();
    this.reference = new ReferenceData(deps.store);
    this.session = new CheckSession({
      sheets: deps.sheets,
      api: this.api,
      store: deps.store,
      now: deps.now,
      reference: this.reference,
      connected: () => this.current.token !== "",
      noteNetwork: (ok, transient) => this.noteNetwork(ok, transient),
    });
    this.tab = this.current.token ? "insert" : "settings";
    this.check = new CheckTab(this);
    this.insert = new InsertTab(this, (ref) => this.check.startLive(ref));
    this.submit = new SubmitTab(this);
    this.review = new ReviewTab(this);
    this.design = new DesignTab(this);
    this.compare = new CompareTab({
      api: this.api,
      transport: deps.transport,
      reports: deps.reports,
      base: () => this.base(),
      token: () => this.current.token,
      now: deps.now,
      forms: () => this.reference.forms,
      units: () => this.reference.units,
      ancestors: () => this.reference.ancestors,
      noteNetwork: (ok, transient) => this.noteNetwork(ok, transient),
    });
    this.org = new OrgTab(this);
    this.setup = new SettingsTab(
      this,
      (s) => {
        this.current = s;
      },
      () => this.submit.queue.drain(),
    );
  }

  start(): void {
    this.renderShell();
    this.insert.render();
    this.check.render();
    this.submit.render();
    this.review.render();
    this.compare.render(byId("panel-compare"));
    this.org.render(byId("panel-org"));
    this.design.render();
    this.setup.render();
    this.renderConn();
    this.show(this.tab);
    if (this.current.token) this.refreshReference(true);
    window.setInterval(() => this.submit.queue.tick(), 1000);
    window.addEventListener("online", () => {
      this.outbox.retryNow();
      this.submit.queue.drain();
    });
    this.submit.queue.drain();
  }

  settings(): Settings {
    return this.current;
  }

  base(): string {
    return apiBase(this.current, this.d.pageOrigin);
  }

  notice(text: string, kind: "info" | "error" | "success" = "info"): void {
    const el = byId("notice");
    el.className = "notice" + (text ? " notice-" + kind : "");
    replaceChildren(el, text);
  }

  noteNetwork(ok: boolean, transient: boolean): void {
    if (ok) this.online = true;
    else if (transient) this.online = false;
    this.renderConn();
  }

  refreshReference(noticeErrors: boolean): Promise<RefreshResult> {
    return this.reference.refresh(this.api).then((r) => {
      const { units, forms } = r;
      this.noteNetwork(units.ok && forms.ok, (!units.ok && units.transient) || (!forms.ok && forms.transient));
      if (noticeErrors && !units.ok && !units.transient) this.notice(units.message.vi, "error");
      const expiry = units.ok ? tokenExpiryNotice(units.data.caller, this.d.now()) : null;
      if (expiry) this.notice(expiry.vi, "info");
      // The tabs whose choices come from the reference data (forms, units, weekly collections).
      this.insert.render();
      this.review.render();
      this.compare.render(byId("panel-compare"));
      this.design.render();
      this.show(this.tab);
      return r;
    });
  }

  renderConn(): void {
    const el = byId("conn");
    const queued = this.outbox.list().length;
    let text: string;
    let cls: string;
    if (!this.current.token) {
      text = "Chưa cài đặt";
      cls = "conn conn-unknown";
    } else if (this.online === false) {
      text = "Mất kết nối";
      cls = "conn conn-offline";
    } else if (this.online === true) {
      text = "Đã kết nối";
      cls = "conn conn-online";
    } else {
      text = "Đang kết nối…";
      cls = "conn conn-unknown";
    }
    el.className = cls;
    replaceChildren(el, text);
    byId("tab-submit").textContent = "Gửi báo cáo" + (queued > 0 ? " (" + queued + ")" : "");
  }

  private renderShell(): void {
    const nav = h("div", { className: "pivot", role: "tablist" },
      TABS.map((t) =>
        h("button", {
          type: "button", id: "tab-" + t.id, className: "pivot-item", role: "tab",
          onclick: () => this.show(t.id),
        }, t.label),
      ),
    );
    replaceChildren(this.d.root,
      h("header", { className: "app-header" },
        h("div", { className: "app-title" }, "THADS Thống kê"),
        h("span", { id: "conn", className: "conn" }),
      ),
      h("div", { id: "caps-line", className: "caps-line" }, capabilityHeadline(this.caps)),
      nav,
      h("div", { id: "notice", className: "notice", role: "status" }),
      h("main", null, TABS.map((t) => h("section", { id: "panel-" + t.id, className: "panel", role: "tabpanel" }))),
    );
  }

  private show(tab: Tab): void {
    // Only province and national tokens see the comparison tab (a clerk's token reads one office),
    // and the targets and units they manage.
    const comparing = this.reference.canCompare();
    this.tab = (tab === "compare" || tab === "org") && !comparing ? "insert" : tab;
    byId("tab-compare").style.display = comparing ? "" : "none";
    // The design tab for national tokens (the Cục); publishing itself needs an administrator's.
    const national = this.reference.units.some((u) => u.code === NATIONAL_CODE);
    if (this.tab === "design" && !national) this.tab = "insert";
    byId("tab-design").style.display = national ? "" : "none";
    byId("tab-org").style.display = comparing ? "" : "none";
    for (const t of TABS) {
      byId("tab-" + t.id).className = "pivot-item" + (t.id === this.tab ? " is-selected" : "");
      byId("tab-" + t.id).setAttribute("aria-selected", t.id === this.tab ? "true" : "false");
      byId("panel-" + t.id).style.display = t.id === this.tab ? "block" : "none";
    }
  }
}
