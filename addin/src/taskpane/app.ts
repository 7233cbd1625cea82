/**
 * The task pane: settings, insert a form, validate, submit, the queue. It talks to Excel
 * only through FormSheets and to the Worker only through ApiClient, so the headless check
 * can drive it with an in-memory workbook and a local Worker.
 */
import type { SubmissionReceipt, UnitDto } from "../../../shared/api/schemas";
import type { Finding } from "../../../shared/findings";
import type { FormDefinition } from "../../../shared/forms/types";
import { BUILT_IN_FORMS, formsInForce, labelOf } from "../../../shared/forms";
import { describeFinding } from "../../../shared/messages";
import { periodEnd, monthLabel, cumulativeLabel } from "../../../shared/periods";
import { validateForm, type FormValidation } from "../../../shared/validate";
import type { Capabilities, FormSheetRef, FormSheets } from "../excel/types";
import type { ReportSheets } from "../excel/pull-sheets";
import { canCompare } from "../core/compare-choice";
import {
  chooseFor,
  mappingReview,
  periodText,
  pickTable,
  recognitionView,
  recognizeAt,
  recognizedRef,
  recognizedValues,
  rowOptions,
  sourceText,
  type MappingReview,
  type RecognitionView,
  type RecognizedChoices,
  type RowOption,
  type SheetPicks,
  withReviewChange,
} from "../core/recognized-sheet";
import { renderMappingReview, renderValues } from "./mapping-review";
import { CompareTab } from "./compare-tab";
import { createApiClient, type ApiClient, type LocalText, type SendOutcome, type ServerFinding } from "../core/api";
import { capabilityHeadline, capabilityLines } from "../core/capabilities-text";
import { diffValues } from "../core/conflict";
import { findingItems, findingsSummary, type FindingItem } from "../core/findings-view";
import { loadHistory, loadReport, type HistoryPart } from "../core/history";
import type { Transport } from "../core/http";
import { Outbox, rememberReceipt, type OutboxEntry } from "../core/outbox";
import { periodOptions } from "../core/periods-choice";
import { tokenExpiryNotice } from "../core/token-expiry";
import { receiptView, vietnamDateTime } from "../core/receipt-view";
import { apiBase, loadSettings, saveSettings, type Settings } from "../core/settings";
import { readJson, STORAGE_PREFIX, writeJson, type KeyValueStore } from "../core/storage";
import { buildRequest, missingExplanations, planSubmission, summaryRows, type SubmissionPlan } from "../core/submission-plan";
import { byId, h, replaceChildren, setBusy } from "./dom";

export interface AppDeps {
  root: HTMLElement;
  sheets: FormSheets;
  /** Pulled sheets for province and national staff (addin/src/excel/pull-sheets.ts). */
  reports: ReportSheets;
  store: KeyValueStore;
  transport: Transport;
  /** Where the pane was loaded from: the default server. */
  pageOrigin: string;
  now: () => number;
  random: () => number;
  uuid: () => string;
}

type Tab = "insert" | "check" | "submit" | "compare" | "settings";

const TABS: { id: Tab; label: string }[] = [
  { id: "insert", label: "Biểu mẫu" },
  { id: "check", label: "Kiểm tra" },
  { id: "submit", label: "Gửi báo cáo" },
  { id: "compare", label: "Bảng so sánh" },
  { id: "settings", label: "Cài đặt" },
];

const K_UNITS = STORAGE_PREFIX + "units";
const K_FORMS = STORAGE_PREFIX + "forms";

interface CheckResult {
  ref: FormSheetRef;
  form: FormDefinition;
  validation: FormValidation;
  parts: HistoryPart[];
  /** Set for a clerk's own sheet recognised by shared/recognize (not inserted by the add-in). */
  recognition?: { view: RecognitionView; choices: RecognizedChoices; rows: RowOption[]; review: MappingReview };
}

/** The active sheet as the checks see it: a form (inserted or recognised), or a sheet that is neither. */
type ActiveSheet = { kind: "form"; check: CheckResult } | { kind: "unrecognised"; view: RecognitionView };

function baseKey(unit: string, form: string, period: string): string {
  return STORAGE_PREFIX + "base." + unit + "." + form + "." + period;
}

function cellsKey(ref: FormSheetRef): string {
  return Object.keys(ref.cells).sort().map((k) => k + "=" + ref.cells[k]).join(",");
}

function errorText(e: unknown): string {
  const m = e && typeof e === "object" && "message" in e ? String((e as { message: unknown }).message) : String(e);
  return "Lỗi khi làm việc với Excel: " + m;
}

export class TaskPane {
  private readonly d: AppDeps;
  private readonly api: ApiClient;
  private readonly outbox: Outbox;
  private readonly caps: Capabilities;
  private settings: Settings;
  private tab: Tab;
  private units: UnitDto[];
  private ancestors: UnitDto[];
  private forms: FormDefinition[];
  private online: boolean | null = null;
  private lastCheck: CheckResult | null = null;
  private plan: { check: CheckResult; plan: SubmissionPlan } | null = null;
  private explanations: Record<string, string> = {};
  private live: { ref: FormSheetRef; stop: () => Promise<void> } | null = null;
  /** What the clerk picked (row, unit, period) for each recognised sheet of this session. */
  private picks: Record<string, SheetPicks> = {};
  /** Recognised (sheet, unit, form, period) whose server revision is already the base of the next submission. */
  private basesLoaded: Record<string, true> = {};
  private readonly compare: CompareTab;
  private liveTimer: number | null = null;
  private timer: number | null = null;

  constructor(deps: AppDeps) {
    this.d = deps;
    this.settings = loadSettings(deps.store);
    this.api = createApiClient(deps.transport, () => ({
      base: apiBase(this.settings, deps.pageOrigin),
      token: this.settings.token,
    }));
    this.outbox = new Outbox({
      store: deps.store,
      send: (req) => this.api.submit(req),
      now: deps.now,
      random: deps.random,
    });
    this.caps = deps.sheets.capabilities();
    const cachedUnits = readJson<{ units: UnitDto[]; ancestors: UnitDto[] } | null>(deps.store, K_UNITS, null);
    this.units = cachedUnits ? cachedUnits.units : [];
    this.ancestors = cachedUnits ? cachedUnits.ancestors : [];
    // Built-in definitions until the server's (which may carry an administrator's replacement) arrive.
    this.forms = readJson<FormDefinition[] | null>(deps.store, K_FORMS, null) || BUILT_IN_FORMS.slice();
    this.tab = this.settings.token ? "insert" : "settings";
    this.compare = new CompareTab({
      api: this.api,
      reports: deps.reports,
      base: () => apiBase(this.settings, deps.pageOrigin),
      token: () => this.settings.token,
      now: deps.now,
      forms: () => this.forms,
      units: () => this.units,
      ancestors: () => this.ancestors,
      noteNetwork: (ok, transient) => this.noteNetwork(ok, transient),
    });
  }

  start(): void {
    this.renderShell();
    this.renderAll();
    if (this.settings.token) this.refreshReference();
    this.timer = window.setInterval(() => this.tick(), 1000);
    window.addEventListener("online", () => {
      this.outbox.retryNow();
      this.drainQueue();
    });
    this.drainQueue();
  }

  // ---------- shell ----------

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
      h("main", null,
        h("section", { id: "panel-insert", className: "panel", role: "tabpanel" }),
        h("section", { id: "panel-check", className: "panel", role: "tabpanel" }),
        h("section", { id: "panel-submit", className: "panel", role: "tabpanel" }),
        h("section", { id: "panel-compare", className: "panel", role: "tabpanel" }),
        h("section", { id: "panel-settings", className: "panel", role: "tabpanel" }),
      ),
    );
  }

  private show(tab: Tab): void {
    // Only province and national tokens see the comparison tab (a clerk's token reads one office).
    const comparing = canCompare(this.units);
    this.tab = tab === "compare" && !comparing ? "insert" : tab;
    tab = this.tab;
    byId("tab-compare").style.display = comparing ? "" : "none";
    for (const t of TABS) {
      byId("tab-" + t.id).className = "pivot-item" + (t.id === tab ? " is-selected" : "");
      byId("tab-" + t.id).setAttribute("aria-selected", t.id === tab ? "true" : "false");
      byId("panel-" + t.id).style.display = t.id === tab ? "block" : "none";
    }
  }

  private renderAll(): void {
    this.renderInsert();
    this.renderCheck();
    this.renderSubmit();
    this.compare.render(byId("panel-compare"));
    this.renderSettings();
    this.renderConn();
    this.show(this.tab);
  }

  private notice(text: string, kind: "info" | "error" | "success" = "info"): void {
    const el = byId("notice");
    el.className = "notice" + (text ? " notice-" + kind : "");
    replaceChildren(el, text);
  }

  private renderConn(): void {
    const el = byId("conn");
    const queued = this.outbox.list().length;
    let text: string;
    let cls: string;
    if (!this.settings.token) {
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

  private noteNetwork(ok: boolean, transient: boolean): void {
    if (ok) this.online = true;
    else if (transient) this.online = false;
    this.renderConn();
  }

  // ---------- reference data ----------

  private refreshReference(): Promise<void> {
    return Promise.all([this.api.units(), this.api.forms()]).then(([u, f]) => {
      this.noteNetwork(u.ok && f.ok, (!u.ok && u.transient) || (!f.ok && f.transient));
      if (u.ok) {
        this.units = u.data.units;
        this.ancestors = u.data.ancestors;
        writeJson(this.d.store, K_UNITS, u.data);
        const expiry = tokenExpiryNotice(u.data.caller, this.d.now());
        if (expiry) this.notice(expiry.vi, "info");
      } else if (!u.transient) {
        this.notice(u.message.vi, "error");
      }
      if (f.ok && f.data.forms.length > 0) {
        this.forms = f.data.forms;
        writeJson(this.d.store, K_FORMS, f.data.forms);
      }
      this.renderInsert();
      this.compare.render(byId("panel-compare"));
      this.show(this.tab);
    });
  }

  private reportingUnits(): UnitDto[] {
    return this.units.filter((u) => u.reporting);
  }

  private unitByCode(code: string): UnitDto | undefined {
    return this.units.concat(this.ancestors).filter((u) => u.code === code)[0];
  }

  // ---------- 1. insert ----------

  private renderInsert(): void {
    const panel = byId("panel-insert");
    const units = this.reportingUnits();
    const periods = periodOptions(this.d.now());
    const periodSel = h("select", { id: "insert-period" },
      periods.map((p) => h("option", { value: p.key }, p.label))) as HTMLSelectElement;
    const formSel = h("select", { id: "insert-form" }) as HTMLSelectElement;
    const fillForms = () => {
      const inForce = formsInForce(this.forms, periodEnd(periodSel.value));
      replaceChildren(formSel, inForce.map((f) => h("option", { value: f.id }, f.code + " – " + f.title.vi)));
    };
    periodSel.onchange = fillForms;
    fillForms();
    const unitSel = h("select", { id: "insert-unit" },
      units.map((u) => h("option", { value: u.code }, u.name + " (" + u.code + ")"))) as HTMLSelectElement;
    const button = h("button", { type: "button", id: "insert-go", className: "btn btn-primary" }, "Chèn biểu vào Excel");
    const status = h("div", { id: "insert-status", className: "status" });
    button.onclick = () => this.insert(unitSel.value, formSel.value, periodSel.value, button, status);
    replaceChildren(panel,
      h("h2", null, "Chèn biểu mẫu báo cáo"),
      h("p", { className: "hint" }, "Chọn đơn vị, kỳ báo cáo và biểu mẫu. Biểu được chèn thành một trang tính mới, đúng mẫu giấy; các cột tổng được tính bằng công thức."),
      h("label", { "for": "insert-unit" }, "Đơn vị báo cáo"),
      units.length > 0 ? unitSel : h("p", { className: "warn" }, "Chưa có danh sách đơn vị: hãy nhập mã truy cập ở mục Cài đặt khi có mạng."),
      h("label", { "for": "insert-period" }, "Kỳ báo cáo (số liệu cộng dồn từ 01/10)"),
      periodSel,
      h("label", { "for": "insert-form" }, "Biểu mẫu"),
      formSel,
      h("div", { className: "actions" }, button),
      status,
    );
    if (units.length === 0) (button as HTMLButtonElement).disabled = true;
  }

  private insert(unitCode: string, formId: string, period: string, button: HTMLElement, status: HTMLElement): void {
    const unit = this.unitByCode(unitCode);
    const form = formsInForce(this.forms, periodEnd(period)).filter((f) => f.id === formId)[0];
    if (!unit || !form) return;
    const parent = unit.parentCode ? this.unitByCode(unit.parentCode) : undefined;
    setBusy(button, true, "Đang chèn…");
    replaceChildren(status, "");
    // The current revision becomes the base of the next submission (409 if someone else sent meanwhile).
    loadReport(this.api, this.d.store, this.d.now, unit.code, form.id, period)
      .then((r) => {
        this.noteNetwork(r.source === "server", r.source !== "server");
        if (r.report && r.source === "server") writeJson(this.d.store, baseKey(unit.code, form.id, period), r.report.revision || 0);
        const values = r.report && r.report.values ? r.report.values : undefined;
        return this.d.sheets
          .insertForm(form, { unitCode: unit.code, unitName: unit.name, receivingUnitName: parent ? parent.name : "", period }, values)
          .then((ref) => {
            replaceChildren(status,
              h("p", { className: "ok" }, "Đã chèn " + form.code + " của " + unit.name + ", " + monthLabel(period) + " (" + cumulativeLabel(period) + ") vào trang “" + ref.sheetName + "”."),
              values
                ? h("p", null, "Đã điền số liệu của lần gửi thứ " + r.report!.revision + " để bạn sửa (nếu cần) rồi gửi lại.")
                : h("p", null, "Nhập số liệu vào các ô nhập liệu, rồi bấm “Kiểm tra”."),
            );
            this.startLive(ref);
          });
      })
      .then(
        () => setBusy(button, false),
        (e: unknown) => {
          setBusy(button, false);
          replaceChildren(status, h("p", { className: "err" }, errorText(e)));
        },
      );
  }

  // ---------- 2. validate ----------

  private formOf(ref: FormSheetRef): FormDefinition | undefined {
    return this.forms.filter((f) => f.id === ref.formId && f.regime === ref.regime)[0] ||
      formsInForce(this.forms, periodEnd(ref.period)).filter((f) => f.id === ref.formId)[0];
  }

  /**
   * Reads the active form, fetches the unit's earlier reports (or the cache) and runs the
   * shared engine. A sheet the add-in did not insert is read whole (one sync) and recognised
   * (shared/recognize): it is then checked and sent exactly like an inserted one.
   */
  private checkActive(): Promise<ActiveSheet> {
    return this.d.sheets.findActiveForm(this.forms).then((ref): Promise<ActiveSheet> => {
      if (!ref) return this.checkRecognised();
      const form = this.formOf(ref);
      if (!form) throw new Error("không có định nghĩa biểu " + ref.formId + " (" + ref.regime + ")");
      return this.d.sheets.readForm(ref).then((read) => this.withHistory(ref, form, read.values)).then((check) => ({ kind: "form" as const, check }));
    });
  }

  private withHistory(ref: FormSheetRef, form: FormDefinition, values: Record<string, unknown>): Promise<CheckResult> {
    const online = this.settings.token !== "" && ref.unitCode !== "";
    return (online
      ? loadHistory(this.api, this.d.store, this.d.now, ref.unitCode, form.id, ref.period)
      : Promise.resolve({ history: {}, parts: [] as HistoryPart[] })
    ).then((loaded) => {
      if (online && loaded.parts.length > 0) {
        const reached = loaded.parts.some((p) => p.source === "server");
        this.noteNetwork(reached, !reached);
      }
      const validation = validateForm(form, values, loaded.history);
      return { ref, form, validation, parts: loaded.parts };
    });
  }

  private checkRecognised(): Promise<ActiveSheet> {
    return this.d.sheets.readActiveSheetValues().then((sheet): Promise<ActiveSheet> => {
      const previous = this.picks[sheet.sheetName] || null;
      const defaultPeriod = (periodOptions(this.d.now())[0] as { key: string }).key;
      // First without a date (to find the table and the period it names), then with the
      // definitions in force at the chosen period, which settles the regime.
      let all = recognizeAt(sheet, this.forms, previous && previous.period ? previous.period : null);
      if (!all.recognised) return Promise.resolve({ kind: "unrecognised" as const, view: recognitionView(all, sheet.sheetName) });
      let rec = pickTable(all, previous);
      let choices = chooseFor(rec, sheet, this.units, defaultPeriod, previous);
      if (!previous || !previous.period) {
        const dated = recognizeAt(sheet, this.forms, choices.period.value);
        if (!dated.recognised) return Promise.resolve({ kind: "unrecognised" as const, view: recognitionView(dated, sheet.sheetName) });
        all = dated;
        rec = pickTable(dated, previous);
        choices = chooseFor(rec, sheet, this.units, defaultPeriod, previous);
      }
      const ref = recognizedRef(sheet, rec, choices);
      const review = mappingReview(sheet, all, rec, choices, previous);
      const recognition = { view: recognitionView(rec, sheet.sheetName), choices, rows: rowOptions(rec, sheet.origin), review };
      return this.loadBase(ref)
        .then(() => this.withHistory(ref, rec.form, recognizedValues(sheet, rec, choices)))
        .then((check) => ({ kind: "form" as const, check: { ...check, recognition } }));
    });
  }

  /**
   * As when a form is inserted: the unit's current revision of that period becomes the base
   * of the next submission (a 409 then tells the clerk if someone sent in between).
   */
  private loadBase(ref: FormSheetRef): Promise<void> {
    const key = ref.sheetName + "|" + ref.unitCode + "|" + ref.formId + "|" + ref.period;
    if (!this.settings.token || ref.unitCode === "" || this.basesLoaded[key]) return Promise.resolve();
    return loadReport(this.api, this.d.store, this.d.now, ref.unitCode, ref.formId, ref.period).then((r) => {
      if (r.source !== "server") return;
      this.basesLoaded[key] = true;
      writeJson(this.d.store, baseKey(ref.unitCode, ref.formId, ref.period), r.report && r.report.revision !== null ? r.report.revision : 0);
    });
  }

  private messageOf(form: FormDefinition): (f: Finding) => string {
    const vi = labelOf(form, "vi");
    return (f) => describeFinding(f, vi).vi;
  }

  private renderCheck(): void {
    const panel = byId("panel-check");
    const run = h("button", { type: "button", id: "check-go", className: "btn btn-primary" }, "Kiểm tra số liệu");
    const clear = h("button", { type: "button", id: "check-clear", className: "btn" }, "Xóa đánh dấu");
    run.onclick = () => this.validate(run);
    clear.onclick = () => this.clearMarks();
    replaceChildren(panel,
      h("h2", null, "Kiểm tra biểu đang mở"),
      h("p", { className: "hint" },
        this.caps.liveValidation
          ? "Số liệu được kiểm tra lại tự động khi bạn sửa ô trên biểu vừa chèn; có thể bấm “Kiểm tra số liệu” bất cứ lúc nào."
          : "Excel này không báo khi ô thay đổi (cần ExcelApi 1.7): sau khi nhập hoặc sửa, hãy bấm “Kiểm tra số liệu”."),
      h("div", { className: "actions" }, run, clear),
      h("div", { id: "check-result" }),
    );
    if (this.lastCheck) this.renderCheckResult(this.lastCheck);
  }

  private validate(button?: HTMLElement): Promise<void> {
    if (button) setBusy(button, true, "Đang kiểm tra…");
    const out = byId("check-result");
    return this.checkActive()
      .then((active) => {
        if (active.kind === "unrecognised") {
          replaceChildren(out, this.unrecognisedCard(active.view, "Hãy chọn trang biểu (hoặc chèn biểu ở mục “Biểu mẫu”)."));
          return;
        }
        const res = active.check;
        this.lastCheck = res;
        return this.d.sheets.showFindings(res.ref, res.validation.findings, this.messageOf(res.form)).then(() => {
          this.renderCheckResult(res);
          this.startLive(res.ref);
        });
      })
      .then(
        () => {
          if (button) setBusy(button, false);
        },
        (e: unknown) => {
          if (button) setBusy(button, false);
          replaceChildren(out, h("p", { className: "err" }, errorText(e)));
        },
      );
  }

  private unrecognisedCard(view: RecognitionView, hint: string): HTMLElement {
    return h("div", { id: "recognition", className: "card card-warning" },
      h("p", { id: "recognition-headline", className: "warn" }, view.headline),
      view.unmapped.length > 0 ? h("ul", { id: "recognition-unmapped", className: "history" }, view.unmapped.map((t) => h("li", null, t))) : null,
      h("p", { className: "hint" }, hint));
  }

  /** What was recognised on the clerk's sheet, what was not, and the row, unit and period to check. */
  private recognitionCard(res: CheckResult): HTMLElement | null {
    const r = res.recognition;
    if (!r) return null;
    const sheet = res.ref.sheetName;
    const pick = (row: string, unit: string, period: string) => {
      const p = this.picks[sheet] || {};
      this.picks[sheet] = { ...p, row: Number(row), unit, period };
      this.validate();
    };
    const rowSel = h("select", { id: "recognized-row" },
      r.rows.map((o) => h("option", { value: String(o.sheetRow) }, "Dòng " + o.sheetRow + ": " + (o.label || "(không tên)") + (o.total ? " (dòng tổng)" : "")))) as HTMLSelectElement;
    rowSel.value = String(r.choices.row.value);
    const units = this.reportingUnits();
    const unitSel = h("select", { id: "recognized-unit" },
      units.map((u) => h("option", { value: u.code }, u.name + " (" + u.code + ")"))) as HTMLSelectElement;
    unitSel.value = r.choices.unit.value;
    const periods = periodOptions(this.d.now());
    const periodSel = h("select", { id: "recognized-period" },
      (periods.some((p) => p.key === r.choices.period.value) ? [] : [h("option", { value: r.choices.period.value }, periodText(r.choices.period.value))]),
      periods.map((p) => h("option", { value: p.key }, p.label))) as HTMLSelectElement;
    periodSel.value = r.choices.period.value;
    const changed = () => pick(rowSel.value, unitSel.value, periodSel.value);
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
      this.mappingCard(res, () => this.validate()),
    );
  }

  /** The clerk's review of the columns (mapping-review.ts); every change re-reads the sheet with it. */
  private mappingCard(res: CheckResult, again: () => void): HTMLElement | null {
    const r = res.recognition;
    if (!r) return null;
    const sheet = res.ref.sheetName;
    return renderMappingReview(r.review, "Dòng " + r.choices.row.value, (change) => {
      this.picks[sheet] = withReviewChange(this.picks[sheet] || {}, r.review.tableKey, change);
      again();
    });
  }

  private renderCheckResult(res: CheckResult): void {
    const out = byId("check-result");
    const items = findingItems(res.form, res.validation.findings, res.ref.cells);
    replaceChildren(out,
      this.recognitionCard(res),
      h("p", { id: "check-summary", className: items.some((i) => i.severity === "error") ? "summary summary-error" : items.length ? "summary summary-warning" : "summary summary-ok" },
        findingsSummary(res.validation.findings)),
      this.historyNote(res.parts),
      this.findingList(res.ref, items),
    );
  }

  private historyNote(parts: HistoryPart[]): HTMLElement | null {
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

  private findingList(ref: FormSheetRef | null, items: FindingItem[]): HTMLElement {
    return h("ul", { className: "findings" },
      items.map((i) =>
        h("li", {
          className: "finding finding-" + i.severity,
          tabindex: "0",
          title: ref && i.fieldKey ? "Bấm để chọn ô trên biểu" : "",
          onclick: () => {
            if (ref && i.fieldKey) this.d.sheets.selectField(ref, i.fieldKey).then(undefined, (e: unknown) => this.notice(errorText(e), "error"));
          },
        },
          h("div", { className: "finding-head" },
            h("span", { className: "tag tag-" + i.severity }, i.severity === "error" ? "Lỗi" : "Cảnh báo"),
            i.cell ? h("span", null, "Ô ", h("span", { className: "cell" }, i.cell)) : null,
            i.ruleLabel ? h("span", { className: "rule" }, "Quy tắc " + i.ruleLabel) : null,
          ),
          h("div", { className: "finding-msg" }, i.message),
          i.left !== null || i.right !== null
            ? h("div", { className: "sides" },
                h("span", null, "Vế trái: ", h("b", null, i.left || "–")),
                h("span", null, "Vế phải: ", h("b", null, i.right || "–")),
                i.difference !== null ? h("span", null, "Chênh lệch: ", h("b", null, i.difference)) : null)
            : null,
        ),
      ),
    );
  }

  private clearMarks(): void {
    const ref = this.lastCheck ? this.lastCheck.ref : null;
    // A recognised sheet's marks are known to this session only (nothing is stored on the clerk's sheet).
    const p = ref ? Promise.resolve(ref) : this.d.sheets.findActiveForm(this.forms);
    p.then((r) => (r ? this.d.sheets.clearFindings(r).then(() => true) : false)).then(
      (cleared) => {
        this.lastCheck = null;
        replaceChildren(byId("check-result"), h("p", { className: "hint" }, cleared
          ? "Đã xóa đánh dấu; định dạng của ô đã được khôi phục."
          : "Trang này không có đánh dấu nào của THADS Thống kê trong phiên làm việc này."));
      },
      (e: unknown) => this.notice(errorText(e), "error"),
    );
  }

  /** ExcelApi 1.7+: re-check as cells change, debounced so typing a number is one check. */
  private startLive(ref: FormSheetRef): void {
    if (!this.caps.liveValidation) return;
    // Same sheet and same cells: already listening (a recognised sheet's row may have changed).
    if (this.live && this.live.ref.sheetName === ref.sheetName && cellsKey(this.live.ref) === cellsKey(ref)) return;
    const previous = this.live;
    this.live = null;
    (previous ? previous.stop() : Promise.resolve())
      .then(() =>
        this.d.sheets.onFormChanged(ref, () => {
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

  // ---------- 3. submit ----------

  private renderSubmit(): void {
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
    this.renderQueue();
  }

  private prepare(button: HTMLElement): void {
    setBusy(button, true, "Đang kiểm tra…");
    const out = byId("submit-preview");
    replaceChildren(byId("submit-result"));
    this.checkActive()
      .then((active) => {
        if (active.kind === "unrecognised") {
          replaceChildren(out, this.unrecognisedCard(active.view, "Chọn trang biểu cần gửi (biểu do THADS Thống kê chèn, hoặc biểu của bạn có tên biểu và các cột theo mẫu)."));
          return;
        }
        const res = active.check;
        if (res.recognition && res.ref.unitCode === "") {
          replaceChildren(out, h("p", { className: "err" }, "Chưa chọn được đơn vị báo cáo cho trang này: hãy nhập mã truy cập ở mục Cài đặt khi có mạng, rồi chọn đơn vị ở mục Kiểm tra."));
          return;
        }
        this.lastCheck = res;
        const plan = planSubmission(res.form, res.ref.unitCode, res.ref.period, res.validation);
        // Confirming a column re-reads the sheet: explanations already typed for the same report stay.
        const same = this.plan !== null && this.plan.plan.unit === plan.unit && this.plan.plan.form === plan.form && this.plan.plan.period === plan.period;
        this.plan = { check: res, plan };
        if (!same) this.explanations = {};
        return this.d.sheets.showFindings(res.ref, res.validation.findings, this.messageOf(res.form)).then(() => this.renderPreview());
      })
      .then(
        () => setBusy(button, false),
        (e: unknown) => {
          setBusy(button, false);
          replaceChildren(out, h("p", { className: "err" }, errorText(e)));
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
    const unit = this.unitByCode(plan.unit);
    const header = h("dl", { className: "facts" },
      h("dt", null, "Đơn vị"), h("dd", null, (unit ? unit.name + " " : "") + "(" + plan.unit + ")"),
      h("dt", null, "Kỳ"), h("dd", null, monthLabel(plan.period) + " – " + cumulativeLabel(plan.period)),
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
    const mapping = this.mappingCard(check, () => this.prepare(byId("submit-prepare")));
    if (plan.errors.length > 0) {
      replaceChildren(out, header, unsure, mapping,
        h("p", { className: "summary summary-error" }, "Còn " + plan.errors.length + " lỗi: sửa trên biểu rồi bấm lại “Xem trước”. Chưa gửi gì."),
        this.findingList(check.ref, findingItems(check.form, plan.errors, check.ref.cells)),
      );
      return;
    }
    const send = h("button", { type: "button", id: "submit-send", className: "btn btn-primary" }, "Gửi báo cáo") as HTMLButtonElement;
    // A recognised sheet sends nothing until its mapping is confirmed and its notices acknowledged.
    const update = () => {
      send.disabled = missingExplanations(plan, this.explanations).length > 0 || (r ? r.review.pending.length > 0 : false);
    };
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
    replaceChildren(out, header, unsure, mapping,
      renderValues(plan.rows, "Chỉ tiêu"),
      warnings.length > 0 ? h("p", { className: "summary summary-warning" }, "Có " + warnings.length + " cảnh báo: mỗi cảnh báo cần một lời giải trình trước khi gửi.") : null,
      warnings,
      h("div", { className: "actions" }, send),
    );
  }

  private send(button: HTMLButtonElement): void {
    if (!this.plan) return;
    if (!this.settings.token) {
      this.notice("Chưa có mã truy cập: hãy nhập ở mục Cài đặt.", "error");
      return;
    }
    const { check, plan } = this.plan;
    const baseRaw = readJson<number | null>(this.d.store, baseKey(plan.unit, plan.form, plan.period), null);
    let id: string;
    try {
      id = this.d.uuid();
    } catch (e) {
      this.notice("Máy này không tạo được mã gửi an toàn: " + String(e), "error");
      return;
    }
    const req = buildRequest(plan, id, this.explanations, typeof baseRaw === "number" ? baseRaw : null);
    // Into the queue first: if the pane or Excel closes mid-request, it is still there.
    this.outbox.add(req, check.ref.sheetName);
    this.renderQueue();
    setBusy(button, true, "Đang gửi…");
    this.outbox.attempt(id).then((r) => {
      setBusy(button, false);
      if (!r) return;
      this.afterAttempt(r.entry, r.outcome, true);
    });
  }

  /** What a send ended in, shown where the clerk looks: the submit panel. */
  private afterAttempt(entry: OutboxEntry, outcome: SendOutcome, interactive: boolean): void {
    const req = entry.request;
    this.noteNetwork(outcome.kind !== "transient", outcome.kind === "transient");
    const out = byId("submit-result");
    const form = this.forms.filter((f) => f.id === req.form)[0] || (this.plan ? this.plan.check.form : undefined);
    switch (outcome.kind) {
      case "accepted": {
        rememberReceipt(this.d.store, outcome.receipt);
        writeJson(this.d.store, baseKey(req.unit, req.form, req.period), outcome.receipt.revision);
        this.plan = null;
        replaceChildren(byId("submit-preview"));
        replaceChildren(out, this.receiptCard(outcome.receipt), form ? renderValues(summaryRows(form, req.values), "Chỉ tiêu đã gửi", "receipt-values") : null);
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
            h("p", null, "Báo cáo được lưu trên máy này (kể cả khi đóng Excel) và sẽ tự gửi lại khi có kết nối. Không cần gửi lại.")));
        }
        break;
      case "invalid": {
        // Sent from the preview, the answer is shown right here; sent from the queue in the
        // background, the entry stays (marked failed, with the reason) until the clerk removes it.
        if (interactive) this.outbox.remove(req.id);
        const items = form ? findingItems(form, outcome.findings, this.plan ? this.plan.check.ref.cells : {}) : [];
        const ref = this.plan ? this.plan.check.ref : this.lastCheck ? this.lastCheck.ref : null;
        if (ref && form) {
          this.d.sheets.showFindings(ref, outcome.findings, (f) => (f as ServerFinding).message ? (f as ServerFinding).message.vi : this.messageOf(form)(f)).then(undefined, () => undefined);
        }
        replaceChildren(out, h("div", { className: "card card-error" },
          h("h3", null, "Máy chủ chưa nhận báo cáo"),
          h("p", null, outcome.message.vi),
          this.findingList(ref, items)));
        break;
      }
      case "conflict": {
        if (interactive) this.outbox.remove(req.id);
        const rows = form ? diffValues(form, req.values, outcome.currentValues) : [];
        const resend = h("button", { type: "button", id: "conflict-resend", className: "btn btn-primary" }, "Gửi số liệu của tôi thay thế lần " + outcome.currentRevision);
        resend.onclick = () => {
          writeJson(this.d.store, baseKey(req.unit, req.form, req.period), outcome.currentRevision);
          replaceChildren(out);
          if (this.plan) this.send(resend as HTMLButtonElement);
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
        if (interactive) this.outbox.remove(req.id);
        replaceChildren(out, h("div", { className: "card card-error" }, h("h3", null, "Kỳ báo cáo đã khóa"), h("p", null, outcome.message.vi)));
        break;
      case "rejected":
        if (interactive) this.outbox.remove(req.id);
        replaceChildren(out, h("div", { className: "card card-error" }, h("h3", null, "Máy chủ từ chối báo cáo"), h("p", null, outcome.message.vi)));
        break;
    }
    this.renderQueue();
  }

  private receiptCard(r: SubmissionReceipt): HTMLElement {
    const v = receiptView(r);
    const unit = this.unitByCode(r.unit);
    return h("div", { id: "receipt", className: "card card-success" },
      h("h3", null, v.title),
      h("dl", { className: "facts" },
        h("dt", null, "Báo cáo"), h("dd", null, "Biểu " + r.form + " · " + (unit ? unit.name : r.unit) + " · " + monthLabel(r.period)),
        h("dt", null, "Lần gửi"), h("dd", { id: "receipt-revision" }, v.revision),
        h("dt", null, "Thời điểm"), h("dd", null, v.time),
        h("dt", null, "Thời hạn"), h("dd", { id: "receipt-late", className: v.late ? "err" : "ok" }, v.lateness),
        h("dt", null, "Tỷ lệ thi hành xong"), h("dd", { id: "receipt-rate" }, h("b", null, v.rate)),
        h("dt", null, "Chỉ tiêu"), h("dd", { id: "receipt-target" }, v.target),
        v.gap !== null ? h("dt", null, "So với chỉ tiêu") : null,
        v.gap !== null ? h("dd", { id: "receipt-gap", className: v.met ? "ok" : "err" }, v.gap + (v.verdict ? " – " + v.verdict : "")) : null,
      ),
    );
  }

  // ---------- the queue ----------

  private renderQueue(): void {
    const el = document.getElementById("queue");
    if (!el) return;
    const entries = this.outbox.list();
    this.renderConn();
    if (entries.length === 0) {
      replaceChildren(el, h("p", { id: "queue-empty", className: "hint" }, "Không có báo cáo nào đang chờ gửi."));
      return;
    }
    replaceChildren(el,
      h("ul", { className: "queue" },
        entries.map((e) => {
          const retry = h("button", { type: "button", className: "btn btn-small" }, "Thử lại ngay");
          retry.onclick = () => {
            this.outbox.retryNow(e.request.id);
            this.drainQueue();
          };
          const drop = h("button", { type: "button", className: "btn btn-small" }, "Xóa");
          // Office blocks window.confirm in add-ins: a second click confirms instead.
          drop.onclick = () => {
            if (drop.getAttribute("data-armed") === "1") {
              this.outbox.remove(e.request.id);
              this.renderQueue();
            } else {
              drop.setAttribute("data-armed", "1");
              drop.textContent = "Bấm lần nữa để xóa (sẽ không gửi)";
            }
          };
          const unit = this.unitByCode(e.request.unit);
          return h("li", { className: "queue-item queue-" + e.state },
            h("div", null, h("b", null, "Biểu " + e.request.form + " · " + monthLabel(e.request.period)), " · " + (unit ? unit.name : e.request.unit)),
            h("div", { className: "hint" },
              "Tạo lúc " + vietnamDateTime(new Date(e.createdAt).toISOString()) + " · đã thử " + e.attempts + " lần" +
              (e.state === "waiting" ? " · thử lại lúc " + vietnamDateTime(new Date(e.nextAttemptAt).toISOString()).replace(" ngày", ",") : " · không gửi được")),
            e.lastError ? h("div", { className: e.state === "failed" ? "err" : "warn" }, e.lastError.vi) : null,
            h("div", { className: "actions" }, retry, drop));
        })));
  }

  private draining = false;

  private drainQueue(): void {
    if (this.draining || !this.settings.token) return;
    const due = this.outbox.due();
    if (due.length === 0) return;
    this.draining = true;
    this.outbox.drain().then(
      (results) => {
        this.draining = false;
        for (const r of results) this.afterAttempt(r.entry, r.outcome, false);
        this.renderQueue();
      },
      () => {
        this.draining = false;
      },
    );
  }

  private tick(): void {
    const next = this.outbox.nextDueAt();
    if (next !== null && next <= this.d.now()) this.drainQueue();
  }

  // ---------- settings ----------

  private renderSettings(): void {
    const panel = byId("panel-settings");
    const url = h("input", { id: "settings-url", type: "url", value: this.settings.serverUrl, placeholder: this.d.pageOrigin }) as HTMLInputElement;
    const token = h("input", { id: "settings-token", type: "password", value: this.settings.token, autocomplete: "off" }) as HTMLInputElement;
    const save = h("button", { type: "button", id: "settings-save", className: "btn btn-primary" }, "Lưu và kiểm tra kết nối");
    const status = h("div", { id: "settings-status", className: "status" });
    save.onclick = () => {
      this.settings = saveSettings(this.d.store, { serverUrl: url.value, token: token.value });
      url.value = this.settings.serverUrl;
      setBusy(save, true, "Đang kiểm tra…");
      this.testConnection(status).then(() => setBusy(save, false), () => setBusy(save, false));
    };
    replaceChildren(panel,
      h("h2", null, "Cài đặt"),
      h("p", { className: "hint" }, "Lưu riêng cho người dùng Windows này, trên máy này."),
      h("label", { "for": "settings-url" }, "Địa chỉ máy chủ"),
      url,
      h("p", { className: "hint" }, "Để trống để dùng máy chủ đã cung cấp ngăn tác vụ này (" + this.d.pageOrigin + ")."),
      h("label", { "for": "settings-token" }, "Mã truy cập"),
      token,
      h("div", { className: "actions" }, save),
      status,
      this.d.store.persistent ? null : h("p", { className: "warn" }, "Máy này không cho lưu dữ liệu lâu dài: cài đặt và hàng đợi sẽ mất khi đóng ngăn tác vụ."),
      h("h3", null, "Khả năng của Excel này"),
      h("p", null, capabilityHeadline(this.caps)),
      h("ul", { id: "caps", className: "caps" },
        capabilityLines(this.caps).map((l) => h("li", { className: l.available ? "cap-yes" : "cap-no" }, (l.available ? "✓ " : "✗ ") + l.text))),
    );
  }

  private testConnection(status: HTMLElement): Promise<void> {
    replaceChildren(status, "");
    return this.api.health().then((hres) => {
      if (!hres.ok) {
        this.noteNetwork(false, true);
        replaceChildren(status, h("p", { className: "err" }, "Không kết nối được máy chủ: " + hres.message.vi));
        return;
      }
      return this.api.units().then((u) => {
        this.noteNetwork(u.ok, !u.ok && u.transient);
        if (!u.ok) {
          replaceChildren(status, h("p", { className: "err" }, u.message.vi));
          return;
        }
        // The units decide which tabs this token gets (Bảng so sánh for province and national staff).
        this.units = u.data.units;
        this.ancestors = u.data.ancestors;
        writeJson(this.d.store, K_UNITS, u.data);
        this.compare.render(byId("panel-compare"));
        this.show(this.tab);
        const own = u.data.units.filter((x) => x.reporting);
        replaceChildren(status, h("p", { className: "ok" }, "Kết nối tốt. " + (own.length === 1 ? "Đơn vị: " + (own[0] as UnitDto).name + " (" + (own[0] as UnitDto).code + ")." : own.length + " đơn vị báo cáo.")));
        this.notice("");
        return this.refreshReference().then(() => {
          this.drainQueue();
        });
      });
    });
  }
}

export type { LocalText };
