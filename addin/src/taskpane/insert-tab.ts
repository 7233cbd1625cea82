/**
 * "Biểu mẫu": pick unit, period and form; the official form is inserted as a new sheet. If the
 * unit already sent that period, its latest values (and the rows it sent: cases, officers) are
 * filled in and that revision becomes the base of the next submission.
 */
import { periodLabelOf } from "../../../shared/forms/collection-period";
import { rowShapeOf } from "../../../shared/forms/registry";
import type { FormDefinition } from "../../../shared/forms/types";
import type { FormSheetRef } from "../excel/types";
import { rememberBase } from "../core/base-revision";
import { loadReport } from "../core/history";
import { rowCapacity } from "../excel/row-cells";
import { hasWeeklyCollection, periodSelect } from "./period-select";
import { byId, h, replaceChildren, setBusy } from "./dom";
import { excelErrorText, type Pane } from "./pane";

/** Rows added at once: a list grows in steps a clerk can see, and one write stays small. */
const MAX_ADDED_ROWS = 500;

/** What the clerk types on a freshly inserted sheet, by what its rows are. */
function fillHint(form: FormDefinition): string {
  const shape = rowShapeOf(form);
  if (shape.kind === "officer") {
    return "Nhập số liệu của đơn vị ở dòng đầu, rồi mỗi " + shape.rowLabel.vi + " một dòng bên dưới (họ tên và số liệu); tổng các dòng phải bằng số của đơn vị. Rồi bấm “Kiểm tra”.";
  }
  if (shape.kind === "list") return "Nhập mỗi " + shape.rowLabel.vi.toLowerCase() + " một dòng, rồi bấm “Kiểm tra”.";
  return "Nhập số liệu vào các ô nhập liệu, rồi bấm “Kiểm tra”.";
}

export class InsertTab {
  /** `inserted` starts the live check on the new sheet. */
  constructor(
    private readonly p: Pane,
    private readonly inserted: (ref: FormSheetRef) => void,
  ) {}

  render(): void {
    const panel = byId("panel-insert");
    const units = this.p.reference.reportingUnits();
    // Weeks are offered only when a collection is reported weekly (issue 8: campaigns).
    const periodSel = periodSelect("insert-period", this.p.d.now(), hasWeeklyCollection(this.p.reference.collections()));
    const formSel = h("select", { id: "insert-form" }) as HTMLSelectElement;
    const fillForms = () => {
      // Every shape has its sheet: a unit's row, a list of cases (excel/list-layout.ts), a
      // unit's row with its officers' rows below (excel/officer-layout.ts).
      const forms = this.p.reference.formsInForce(periodSel.value);
      replaceChildren(formSel, forms.map((f) => h("option", { value: f.id }, f.code + " – " + f.title.vi)));
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
      h("label", { "for": "insert-period" }, "Kỳ báo cáo"),
      periodSel,
      h("label", { "for": "insert-form" }, "Biểu mẫu"),
      formSel,
      h("div", { className: "actions" }, button),
      status,
      this.p.reference.forms.some((f) => rowShapeOf(f).kind !== "unit") ? this.moreRows() : null,
    );
    if (units.length === 0) (button as HTMLButtonElement).disabled = true;
  }

  /**
   * A list sheet, or a form broken down by officer, has a fixed number of rows (at least 30,
   * some free below those last sent) and is protected: a clerk with more cases or officers
   * adds rows here instead of inserting the sheet again.
   */
  private moreRows(): HTMLElement {
    const count = h("input", { id: "insert-rows-count", type: "number", min: "1", max: String(MAX_ADDED_ROWS), value: "10" }) as HTMLInputElement;
    const button = h("button", { type: "button", id: "insert-rows", className: "btn" }, "Thêm dòng");
    const status = h("div", { id: "insert-rows-status", className: "status" });
    button.onclick = () => this.addRows(Number(count.value), button, status);
    return h("div", null,
      h("h3", null, "Thêm dòng vào biểu danh sách hoặc biểu theo Chấp hành viên"),
      h("p", { className: "hint" }, "Hết dòng để ghi việc hoặc Chấp hành viên? Mở trang của biểu, chọn số dòng rồi bấm “Thêm dòng”: các dòng mới có cùng định dạng, vẫn được kiểm tra và gửi như các dòng khác; số đã nhập được giữ nguyên."),
      h("label", { "for": "insert-rows-count" }, "Số dòng thêm"),
      count,
      h("div", { className: "actions" }, button),
      status,
    );
  }

  private addRows(count: number, button: HTMLElement, status: HTMLElement): void {
    const { d, reference } = this.p;
    if (!(count >= 1 && count <= MAX_ADDED_ROWS && count % 1 === 0)) {
      replaceChildren(status, h("p", { className: "warn" }, "Số dòng thêm là số nguyên từ 1 đến " + MAX_ADDED_ROWS + "."));
      return;
    }
    setBusy(button, true, "Đang thêm…");
    replaceChildren(status, "");
    d.sheets
      .findActiveForm(reference.forms)
      .then((ref) => {
        const form = ref ? reference.formOf(ref) : undefined;
        if (!ref || !form || rowShapeOf(form).kind === "unit") {
          replaceChildren(status, h("p", { className: "warn" }, "Trang đang mở không phải biểu danh sách hay biểu theo Chấp hành viên do phần bổ trợ chèn: hãy mở trang của biểu cần thêm dòng."));
          return;
        }
        return d.sheets.addRows(ref, form, count).then((grown) => {
          replaceChildren(status, h("p", { className: "ok" }, "Đã thêm " + count + " dòng vào trang “" + grown.sheetName + "”: nay có " + rowCapacity(grown.cells) + " dòng."));
          this.inserted(grown);
        });
      })
      .then(
        () => setBusy(button, false),
        (e: unknown) => {
          setBusy(button, false);
          replaceChildren(status, h("p", { className: "err" }, excelErrorText(e)));
        },
      );
  }

  private insert(unitCode: string, formId: string, period: string, button: HTMLElement, status: HTMLElement): void {
    const { d, reference } = this.p;
    const unit = reference.unitByCode(unitCode);
    const form = reference.formFor(formId, period);
    if (!unit || !form) return;
    const parent = unit.parentCode ? reference.unitByCode(unit.parentCode) : undefined;
    setBusy(button, true, "Đang chèn…");
    replaceChildren(status, "");
    // The current revision becomes the base of the next submission (409 if someone else sent meanwhile).
    loadReport(this.p.api, d.store, d.now, unit.code, form.id, period)
      .then((r) => {
        this.p.noteNetwork(r.source === "server", r.source !== "server");
        if (r.report && r.source === "server") rememberBase(d.store, unit.code, form.id, period, r.report.revision || 0);
        const values = r.report && r.report.values ? r.report.values : undefined;
        const rows = r.report ? r.report.rows : undefined;
        return d.sheets
          .insertForm(form, { unitCode: unit.code, unitName: unit.name, receivingUnitName: parent ? parent.name : "", period }, values, rows)
          .then((ref) => {
            replaceChildren(status,
              h("p", { className: "ok" }, "Đã chèn " + form.code + " của " + unit.name + ", " + periodLabelOf(form, period) + " vào trang “" + ref.sheetName + "”."),
              values
                ? h("p", null, "Đã điền số liệu của lần gửi thứ " + (r.report ? r.report.revision : "") + (rows && rows.length > 0 ? " (cả " + rows.length + " dòng đã gửi)" : "") + " để bạn sửa (nếu cần) rồi gửi lại.")
                : h("p", null, fillHint(form)),
            );
            this.inserted(ref);
          });
      })
      .then(
        () => setBusy(button, false),
        (e: unknown) => {
          setBusy(button, false);
          replaceChildren(status, h("p", { className: "err" }, excelErrorText(e)));
        },
      );
  }
}
