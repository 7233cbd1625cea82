/**
 * "Thiết kế biểu": the Cục's staff lay out a collection on a sheet (labels, column numbers, field
 * types, rules as {a} = {b} + {c}); the pane reads it in one sync, shows the definition it
 * understood and every problem with its cell, inserts the form a clerk would get as a preview,
 * and publishes it with an administrator's token (PUT /api/v1/admin/forms). Shown to national
 * tokens; the Worker refuses anyone but an administrator, and the pane shows its reason.
 */
import type { DesignReading } from "../../../shared/forms/design-sheet";
import { periodLabelOf, periodTypeOf } from "../../../shared/forms/collection-period";
import { weekOfDate } from "../../../shared/periods/week";
import { rollUpWords } from "../../../shared/forms/design-list";
import { formatInteger } from "../../../shared/format";
import type { FormDefinition } from "../../../shared/forms/types";
import { readDesign } from "../core/design-sheet";
import { byId, h, replaceChildren, setBusy } from "./dom";
import { excelErrorText, type Pane } from "./pane";

const KIND_WORDS = { cumulative_month: "cộng dồn từ 01/10", snapshot_month: "số liệu tại cuối tháng", week: "theo tuần (thứ Hai – Chủ nhật)" } as const;
const TYPE_WORDS = { text: "chữ", date: "ngày", count: "số việc", money: "tiền" } as const;

/** A field as the staff member wrote it: "4. Tổng số tiền = tổng {so_tien}". */
function fieldWords(f: FormDefinition["fields"][number]): string {
  const how = f.fromRows ? " = " + rollUpWords(f.fromRows, formatInteger) : f.formula ? " = " + f.formula : "";
  return (f.column !== null ? f.column + ". " : "") + f.label.vi + how;
}

/** A list collection's row and columns: "mỗi dòng một Việc; Bản án (chữ, bắt buộc); …". */
function listWords(def: FormDefinition): string | null {
  const shape = def.rows;
  if (!shape || shape.kind !== "list") return null;
  return "danh sách, mỗi dòng một " + shape.rowLabel.vi + "; cột: " +
    shape.columns.map((c) => c.label.vi + " (" + TYPE_WORDS[c.type] + (c.required ? ", bắt buộc" : "") + ")").join("; ");
}

export class DesignTab {
  private reading: DesignReading | null = null;
  /**
   * Made once: the pane renders its tabs again when it reloads the forms (right after a
   * publication), and what was read and the confirmation must stay on screen across that.
   */
  private readonly out = h("div", { id: "design-result" });
  private readonly status = h("div", { id: "design-status", className: "status" });

  constructor(private readonly p: Pane) {}

  render(): void {
    const read = h("button", { type: "button", id: "design-read", className: "btn btn-primary" }, "Đọc trang thiết kế");
    const preview = h("button", { type: "button", id: "design-preview", className: "btn" }, "Xem trước biểu");
    const publish = h("button", { type: "button", id: "design-publish", className: "btn" }, "Công bố");
    const out = this.out;
    const status = this.status;
    read.onclick = () => this.read(read, out, status);
    preview.onclick = () => this.preview(preview, status);
    publish.onclick = () => this.publish(publish, status);
    replaceChildren(byId("panel-design"),
      h("h2", null, "Thiết kế biểu thu thập mới"),
      h("p", { className: "hint" }, "Mở trang tính thiết kế (Mã biểu, Ký hiệu, Tên biểu, Kỳ báo cáo, Hạn nộp, Áp dụng từ; bảng “Cột | Mã trường | Tên chỉ tiêu | Kiểu | Công thức”; bảng “Quy tắc | Biểu thức | Mức”; bảng “Chỉ số | Tên | Tử số | Mẫu số”) rồi bấm Đọc. Biểu danh sách (mỗi việc một dòng): thêm “Dạng dòng | danh sách”, bảng “Mã cột | Tên cột | Kiểu | Bắt buộc” và cột “Từ danh sách” (đếm, tổng {cột}, … khi {cột} ≥ số hoặc trên N năm)."),
      h("div", { className: "actions" }, read, preview, publish),
      out,
      status,
    );
  }

  private read(button: HTMLElement, out: HTMLElement, status: HTMLElement): void {
    setBusy(button, true, "Đang đọc…");
    replaceChildren(status);
    this.p.d.sheets.readActiveSheetValues().then(
      (sheet) => {
        setBusy(button, false);
        this.reading = readDesign(sheet);
        replaceChildren(out, this.describe(this.reading));
      },
      (e: unknown) => {
        setBusy(button, false);
        replaceChildren(status, h("p", { className: "err" }, excelErrorText(e)));
      },
    );
  }

  private describe(r: DesignReading): HTMLElement {
    const def = r.definition;
    const problems = r.problems.length === 0
      ? h("p", { id: "design-ok", className: "ok" }, "Không có lỗi: có thể xem trước và công bố.")
      : h("ul", { id: "design-problems", className: "findings" },
          r.problems.map((p) => h("li", { className: "finding-error" }, h("b", null, p.cell + ": "), p.vi)));
    if (!def) return h("div", null, h("p", { className: "err" }, "Chưa đọc được định nghĩa biểu từ trang này."), problems);
    const kind = periodTypeOf(def);
    const deadline = kind.kind === "snapshot_month" ? "trước hết ngày " + kind.deadlineDay + " tháng sau"
      : kind.kind === "week" ? kind.deadlineWorkingDays + " ngày làm việc sau Chủ nhật" : "theo quy định của Thông tư";
    return h("div", null,
      h("dl", { id: "design-understood", className: "facts" },
        h("dt", null, "Biểu"), h("dd", null, def.code + " (" + def.id + ") – " + def.title.vi),
        h("dt", null, "Kỳ"), h("dd", null, KIND_WORDS[kind.kind] + "; hạn nộp " + deadline),
        h("dt", null, "Áp dụng từ"), h("dd", null, def.validFrom),
        h("dt", null, "Dòng"), h("dd", { id: "design-rows" }, listWords(def) || "mỗi đơn vị một dòng"),
        h("dt", null, "Chỉ tiêu"), h("dd", null, def.fields.map(fieldWords).join("; ")),
        h("dt", null, "Quy tắc"), h("dd", null, def.rules.length === 0 ? "không có" : def.rules.map((x) => x.expression).join("; ")),
        h("dt", null, "Chỉ số so sánh"), h("dd", null, def.indicators.length === 0 ? "không có" : def.indicators.map((i) => i.label.vi).join("; ")),
      ),
      problems,
    );
  }

  private usable(status: HTMLElement): DesignReading["definition"] {
    const r = this.reading;
    if (!r || !r.definition || r.problems.length > 0) {
      replaceChildren(status, h("p", { className: "warn" }, "Hãy đọc trang thiết kế và sửa hết lỗi trước."));
      return null;
    }
    return r.definition;
  }

  /** The form a clerk would get, for the first reporting unit the token sees, for the period it starts with. */
  private preview(button: HTMLElement, status: HTMLElement): void {
    const def = this.usable(status);
    if (!def) return;
    const unit = this.p.reference.reportingUnits()[0];
    // The first period the definition applies to.
    const key = periodTypeOf(def).kind === "week" ? weekOfDate(def.validFrom) : def.validFrom.slice(0, 7);
    setBusy(button, true, "Đang chèn…");
    this.p.d.sheets
      .insertForm(def, { unitCode: unit ? unit.code : "XEM-TRUOC", unitName: unit ? unit.name : "Đơn vị mẫu", receivingUnitName: "", period: key })
      .then(
        (ref) => {
          setBusy(button, false);
          replaceChildren(status, h("p", { id: "design-previewed", className: "ok" }, "Đã chèn bản xem trước vào trang “" + ref.sheetName + "” (" + periodLabelOf(def, key) + ")."));
        },
        (e: unknown) => {
          setBusy(button, false);
          replaceChildren(status, h("p", { className: "err" }, excelErrorText(e)));
        },
      );
  }

  private publish(button: HTMLElement, status: HTMLElement): void {
    const def = this.usable(status);
    if (!def) return;
    setBusy(button, true, "Đang công bố…");
    this.p.api.publishForm(def).then((res) => {
      setBusy(button, false);
      if (res.ok) {
        replaceChildren(status, h("p", { id: "design-published", className: "ok" }, "Đã công bố " + def.code + " (" + res.data.form + "), áp dụng từ " + res.data.validFrom + "."));
        this.p.refreshReference(false);
      } else {
        replaceChildren(status, h("p", { id: "design-refused", className: "err" }, res.message.vi));
      }
    });
  }
}
