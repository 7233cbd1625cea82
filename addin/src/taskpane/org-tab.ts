/**
 * "Chỉ tiêu, đơn vị": province and national staff pull the targets of a year (their children ×
 * indicators) or their list of units into a new sheet, edit it in Excel, see what differs from
 * the server (read in one sync, compared by the shared core with what the server holds now),
 * and push the differences in one request. The start-of-year fill writes "không thấp hơn kết
 * quả năm trước" into the open targets sheet. Nothing is queued: pushing needs the server.
 */
import type { TargetChangesResult, UnitChangesResult } from "../../../shared/api/sheets";
import { findMeta } from "../../../shared/reports/editable";
import { fillFromLastYear } from "../../../shared/reports/targets/fill";
import { layoutTargets } from "../../../shared/reports/targets/sheet";
import { layoutUnits } from "../../../shared/reports/units/sheet";
import { periodOfDate, statYearOf } from "../../../shared/periods/period";
import type { LocalText, PushOutcome, ReadOutcome } from "../core/api";
import { reportPaths } from "../core/api";
import { rootUnit } from "../core/compare-choice";
import { downloadXlsx } from "../core/download";
import { vietnamIsoDate } from "../core/periods-choice";
import { previewTargets, previewUnits, type TargetsPreview, type UnitsPreview } from "../core/sheet-push";
import { targetWords } from "../../../shared/reports/targets/words";
import { consequenceLines } from "../../../shared/reports/units/words";
import { h, replaceChildren, setBusy } from "./dom";
import type { Pane } from "./pane";
import { excelErrorText } from "./pane";

const OFFLINE = "Không kết nối được máy chủ: lấy trang và gửi thay đổi cần máy chủ. Hãy thử lại khi có kết nối.";

export class OrgTab {
  private busy = false;
  private preview: { sheetName: string; p: TargetsPreview | UnitsPreview } | null = null;

  constructor(private readonly p: Pane) {}

  /** The parent whose children this token manages: the country for the Cục, its province for a province. */
  private parent(): string | null {
    const root = rootUnit(this.p.reference.units);
    return root && root.level !== "office" ? root.code : null;
  }

  render(panel: HTMLElement): void {
    const year = statYearOf(periodOfDate(vietnamIsoDate(this.p.d.now())));
    const yearSel = h("select", { id: "org-year" }, [year + 1, year, year - 1].map((y) => h("option", { value: String(y), selected: y === year }, "Năm " + y + " (01/10/" + (y - 1) + " – 30/09/" + y + ")"))) as HTMLSelectElement;
    const btn = (id: string, text: string, cls = "btn") => h("button", { type: "button", id, className: cls }, text);
    const pullTargets = btn("targets-pull", "Lấy trang chỉ tiêu", "btn btn-primary");
    const dlTargets = btn("targets-download", "Tải về .xlsx", "btn btn-small");
    const fill = btn("targets-fill", "Điền tạm giao theo kết quả năm trước");
    const pullUnits = btn("units-pull", "Lấy danh sách đơn vị", "btn btn-primary");
    const dlUnits = btn("units-download", "Tải về .xlsx", "btn btn-small");
    const check = btn("org-check", "Xem thay đổi của trang đang mở", "btn btn-primary");
    const status = h("div", { id: "org-status", className: "status", role: "status" });
    const y = (): number => Number(yearSel.value);
    pullTargets.onclick = () => this.run(pullTargets, status, () => this.pullTargets(y(), status));
    dlTargets.onclick = () => this.run(dlTargets, status, () => this.download(reportPaths.targetsSheet(y()), "chi-tieu-" + y() + ".xlsx", status));
    fill.onclick = () => this.run(fill, status, () => this.fill(status));
    pullUnits.onclick = () => this.run(pullUnits, status, () => this.pullUnits(status));
    dlUnits.onclick = () => this.run(dlUnits, status, () => this.download(reportPaths.unitsSheet(), "don-vi.xlsx", status));
    check.onclick = () => this.run(check, status, () => this.check(status));
    replaceChildren(panel,
      h("h2", null, "Chỉ tiêu và danh sách đơn vị"),
      h("p", { className: "hint" }, "Lấy trang về Excel, sửa các ô nền vàng, rồi bấm «Xem thay đổi» trên trang đó: add-in so với máy chủ, liệt kê từng thay đổi (cũ → mới) hoặc từng lỗi theo ô, và gửi tất cả trong một lần."),
      h("h3", null, "Chỉ tiêu"),
      h("label", { "for": "org-year" }, "Năm thống kê"),
      yearSel,
      h("div", { className: "actions" }, pullTargets, dlTargets),
      h("div", { className: "actions" }, fill),
      h("h3", null, "Đơn vị"),
      h("p", { className: "hint" }, "Đổi tên, thêm đơn vị, đóng đơn vị với đơn vị kế thừa (sáp nhập, chia tách). Số liệu cũ vẫn thuộc đơn vị cũ."),
      h("div", { className: "actions" }, pullUnits, dlUnits),
      h("h3", null, "Gửi"),
      h("div", { className: "actions" }, check),
      status,
    );
  }

  /** One action at a time; an exception from Excel or the network is shown, never swallowed. */
  private run(button: HTMLElement, status: HTMLElement, job: () => Promise<void>): void {
    if (this.busy) return;
    if (!this.p.settings().token) {
      replaceChildren(status, h("p", { className: "err" }, "Chưa có mã truy cập: hãy nhập ở mục Cài đặt."));
      return;
    }
    this.busy = true;
    setBusy(button, true, "Đang làm…");
    job().then(
      () => {
        this.busy = false;
        setBusy(button, false);
      },
      (e: unknown) => {
        this.busy = false;
        setBusy(button, false);
        replaceChildren(status, h("p", { id: "org-error", className: "err" }, excelErrorText(e)));
      },
    );
  }

  private answered<T>(res: ReadOutcome<T>, status: HTMLElement): res is { ok: true; data: T } {
    this.p.noteNetwork(res.ok, !res.ok && res.transient);
    if (res.ok) return true;
    replaceChildren(status, h("p", { id: "org-error", className: "err" }, res.transient && res.status === 0 ? OFFLINE : res.message.vi));
    return false;
  }

  private pullTargets(year: number, status: HTMLElement): Promise<void> {
    this.preview = null;
    replaceChildren(status, h("p", { className: "hint" }, "Đang lấy chỉ tiêu từ máy chủ…"));
    return this.p.api.targetsSheet(year).then((res) => {
      if (!this.answered(res, status)) return;
      const layout = layoutTargets(res.data, { source: { server: this.p.base() } });
      return this.p.d.edits.pull(layout).then((r) => {
        const filled = res.data.rows.filter((x) => x.own !== null).length;
        replaceChildren(status, h("div", { id: "org-result", className: "card card-success" },
          h("p", { className: "ok" }, "Đã tạo trang “" + r.sheetName + "”: " + r.rows + " dòng (" + res.data.indicators.length + " chỉ tiêu × " + r.rows / Math.max(1, res.data.indicators.length) + " đơn vị), " + filled + " dòng đã có chỉ tiêu riêng."),
          notesList(r.notes)));
      });
    });
  }

  private pullUnits(status: HTMLElement): Promise<void> {
    this.preview = null;
    replaceChildren(status, h("p", { className: "hint" }, "Đang lấy danh sách đơn vị từ máy chủ…"));
    return this.p.api.unitsSheet().then((res) => {
      if (!this.answered(res, status)) return;
      const layout = layoutUnits(res.data, { source: { server: this.p.base() } });
      return this.p.d.edits.pull(layout).then((r) => {
        replaceChildren(status, h("div", { id: "org-result", className: "card card-success" },
          h("p", { className: "ok" }, "Đã tạo trang “" + r.sheetName + "”: " + res.data.rows.length + " đơn vị và " + (r.rows - res.data.rows.length) + " dòng trống để thêm đơn vị mới."),
          notesList(r.notes)));
      });
    });
  }

  private download(path: string, fallbackName: string, status: HTMLElement): Promise<void> {
    replaceChildren(status, h("p", { className: "hint" }, "Đang tải tệp .xlsx từ máy chủ…"));
    return downloadXlsx(this.p.d.transport, { url: this.p.base() + path, token: this.p.settings().token, fallbackName }).then((r) => {
      this.p.noteNetwork(r.ok, !r.ok && r.transient);
      if (r.ok) replaceChildren(status, h("p", { id: "org-downloaded", className: "ok" }, "Đã tải về tệp " + r.filename + "."));
      else replaceChildren(status, h("p", { id: "org-error", className: "err" }, r.transient && r.status === 0 ? OFFLINE : r.message.vi));
    });
  }

  /** The start-of-year rule on the open targets sheet: read in one sync, written in one more. */
  private fill(status: HTMLElement): Promise<void> {
    return this.p.d.edits.readActive().then((grid) => {
      const f = fillFromLastYear(grid);
      if (f.problems.length > 0) {
        replaceChildren(status, problemList(f.problems, grid.sheetName, this.p));
        return;
      }
      return this.p.d.edits.write(grid.sheetName, f.writes).then(() => {
        replaceChildren(status, h("div", { id: "org-filled", className: "card" },
          h("p", { className: "ok" }, "Đã điền tạm giao cho " + f.filled + " dòng: không thấp hơn kết quả năm trước (≥), loại Tạm giao. " + f.kept + " dòng đã có chỉ tiêu, giữ nguyên."),
          f.withoutResult.length > 0 ? h("p", { className: "warn" }, "Chưa có kết quả năm trước, để trống: " + f.withoutResult.join(", ") + ".") : null,
          h("p", { className: "hint" }, "Kiểm tra rồi bấm «Xem thay đổi của trang đang mở» để gửi.")));
      });
    });
  }

  /** Reads the open sheet in one sync, asks the server what it holds now, and shows the differences or the problems. */
  private check(status: HTMLElement): Promise<void> {
    this.preview = null;
    return this.p.d.edits.readActive().then((grid) => {
      const found = findMeta(grid);
      if (found === null) {
        replaceChildren(status, h("p", { id: "org-error", className: "err" }, "Trang đang mở («" + grid.sheetName + "») không phải trang chỉ tiêu hay danh sách đơn vị lấy từ add-in: hãy mở trang đó rồi bấm lại."));
        return;
      }
      const meta = found.meta;
      replaceChildren(status, h("p", { className: "hint" }, "Đang so với máy chủ…"));
      if (meta.kind === "targets") {
        return this.p.api.targetsSheet(meta.year as number, meta.parent).then((res) => {
          if (!this.answered(res, status)) return;
          this.show(grid.sheetName, previewTargets(grid, res.data), status);
        });
      }
      return this.p.api.unitsSheet(meta.parent).then((res) => {
        if (!this.answered(res, status)) return;
        this.show(grid.sheetName, previewUnits(grid, res.data, new Date(this.p.d.now()).toISOString()), status);
      });
    });
  }

  private show(sheetName: string, p: TargetsPreview | UnitsPreview, status: HTMLElement): void {
    if (p.problems.length > 0) {
      replaceChildren(status, problemList(p.problems, sheetName, this.p));
      return;
    }
    if (p.changes.length === 0) {
      replaceChildren(status, h("p", { id: "org-nochange", className: "ok" }, "Không có thay đổi nào so với máy chủ: không cần gửi."));
      return;
    }
    this.preview = { sheetName, p };
    const push = h("button", { type: "button", id: "org-push", className: "btn btn-primary" }, "Gửi " + p.lines.length + " thay đổi");
    push.onclick = () => this.run(push, status, () => this.push(status));
    const rows = p.kind === "targets"
      ? p.lines.map((l) => h("tr", null, h("td", null, l.unit), h("td", null, l.indicator), h("td", null, l.before), h("td", null, "→ " + l.after)))
      : p.lines.map((l) => h("tr", null, h("td", null, l.unit), h("td", null, l.action), h("td", null, l.before), h("td", null, "→ " + l.after)));
    replaceChildren(status, h("div", { id: "org-preview", className: "card" },
      h("p", null, p.kind === "targets" ? "Thay đổi chỉ tiêu năm " + p.year + " (" + p.lines.length + "):" : "Thay đổi đơn vị (" + p.lines.length + "):"),
      h("table", { id: "org-diff", className: "diff" }, h("tbody", null, rows)),
      p.kind === "units" ? h("ul", { id: "org-consequences", className: "history" }, p.consequences.map((s) => h("li", null, s))) : null,
      h("div", { className: "actions" }, push)));
  }

  private push(status: HTMLElement): Promise<void> {
    const current = this.preview;
    if (current === null) return Promise.resolve();
    const p = current.p;
    const done = (res: PushOutcome<TargetChangesResult | UnitChangesResult>, lines: (data: TargetChangesResult & UnitChangesResult) => string[]) => {
      this.p.noteNetwork(res.ok, !res.ok && res.transient);
      this.preview = null;
      if (!res.ok) {
        if (res.issues.length > 0) {
          replaceChildren(status, problemList(res.issues.map((i) => ({ cell: i.path && /^[A-Z]+[0-9]+$/.test(i.path) ? i.path : null, vi: i.vi, en: i.en })), current.sheetName, this.p, res.message));
        } else replaceChildren(status, h("p", { id: "org-error", className: "err" }, res.transient && res.status === 0 ? OFFLINE : res.message.vi));
        return;
      }
      const data = res.data as TargetChangesResult & UnitChangesResult;
      replaceChildren(status, h("div", { id: "org-saved", className: "card card-success" },
        h("p", { className: "ok" }, "Đã lưu " + data.changed.length + " thay đổi" + (data.unchanged > 0 ? "; " + data.unchanged + " dòng máy chủ đã có như vậy" : "") + "."),
        h("ul", { className: "history" }, lines(data).map((s) => h("li", null, s)))));
    };
    if (p.kind === "targets") {
      return this.p.api.pushTargets({ year: p.year, parent: p.parent, changes: p.changes }).then((res) =>
        done(res, (d) => d.changed.map((x) => x.unit + " · " + x.indicator + ": " + targetWords(x.before) + " → " + targetWords(x.after))));
    }
    return this.p.api.pushUnits({ parent: p.parent, changes: p.changes }).then((res) =>
      done(res, (d) => (d as unknown as UnitChangesResult).changed.map((x) => x.code + ": " + x.action).concat(consequenceLines(d.consequences))));
  }
}

function notesList(notes: string[]): HTMLElement | null {
  return notes.length > 0 ? h("ul", { id: "org-notes", className: "caps" }, notes.map((s) => h("li", { className: "warn" }, s))) : null;
}

/** Every problem, by cell; a click shows the cell. */
function problemList(problems: { cell: string | null; vi: string }[], sheetName: string, p: Pane, message?: LocalText): HTMLElement {
  return h("div", { id: "org-problems", className: "card card-error" },
    h("p", { className: "err" }, message ? message.vi.split(". ")[0] + "." : "Chưa gửi được: " + problems.length + " lỗi cần sửa trên trang (không có gì được lưu)."),
    h("ul", { className: "findings" }, problems.map((x) =>
      h("li", {
        className: x.cell ? "finding clickable" : "finding",
        "data-cell": x.cell || undefined,
        onclick: x.cell ? () => { p.d.edits.select(sheetName, x.cell as string).then(undefined, () => undefined); } : undefined,
      }, x.vi))));
}
