/**
 * The mapping of a clerk's own sheet, shown before anything is sent: for each column, the
 * sheet's header, the field it became (a select the clerk may change), the chosen row's cell
 * and the figure sent; the unit of measure; what must be confirmed or acknowledged. The
 * logic lives in core/recognized-sheet.ts (mappingReview); this file only draws it. Plain
 * DOM for IE11: no details/summary, change and click events only.
 */
import type { MoneyScale } from "../../../shared/recognize";
import type { MappingReview, ReviewChange, ReviewColumn } from "../core/recognized-sheet";
import type { SummaryRow } from "../core/submission-plan";
import type { RowsTable } from "../../../shared/reports/summary-rows";
import { h } from "./dom";

type OnChange = (change: ReviewChange) => void;

function columnRow(c: ReviewColumn, review: MappingReview, on: OnChange): HTMLElement {
  // The header on the sheet, and under it what it became: a select the clerk may change.
  let became: HTMLElement;
  if (c.editable) {
    const sel = h("select", { id: "mapping-field-" + c.letter, "aria-label": "Chỉ tiêu của cột " + c.letter },
      h("option", { value: "" }, "— không gửi —"),
      review.fields.map((f) => h("option", { value: f.key }, f.label))) as HTMLSelectElement;
    sel.value = c.field;
    sel.onchange = () => on({ kind: "column", col: c.col, field: sel.value });
    became = h("div", null, sel, c.field === "" ? h("div", { className: "hint" }, c.fieldText) : c.status === "summed" ? h("div", { className: "hint" }, "cộng các cột") : null);
  } else became = h("div", { className: "hint" }, c.fieldText);
  let confirmCell: HTMLElement | null = null;
  if (review.needsConfirmation) {
    if (c.editable) {
      const box = h("input", { type: "checkbox", id: "mapping-confirm-" + c.letter, checked: c.confirmed, "aria-label": "Cột " + c.letter + " đúng" }) as HTMLInputElement;
      box.onclick = () => on({ kind: "confirm", key: c.confirmKey, on: box.checked });
      confirmCell = h("td", null, box);
    } else confirmCell = h("td", null);
  }
  return h("tr", { className: "mapping-" + c.status + (c.field === "" && c.editable ? " mapping-unused" : "") },
    h("td", { className: "cell" }, c.letter),
    h("td", null, h("div", { className: "mapping-header" }, c.header || "(không có tên)"), became),
    h("td", { className: "num" }, c.cellValue),
    h("td", { className: "num" }, h("b", null, c.sentValue)),
    confirmCell);
}

/** The review card; `rowLabel` names the chosen row ("Dòng 9: Phòng THADS khu vực 1"). */
export function renderMappingReview(review: MappingReview, rowLabel: string, on: OnChange): HTMLElement {
  let tableSel: HTMLElement | null = null;
  if (review.tables.length > 1) {
    const sel = h("select", { id: "mapping-table" }, review.tables.map((t) => h("option", { value: t.key }, t.label))) as HTMLSelectElement;
    sel.value = review.tableKey;
    sel.onchange = () => on({ kind: "table", key: sel.value });
    tableSel = h("div", null, h("label", { "for": "mapping-table" }, "Biểu trên trang tính (trang có " + review.tables.length + " biểu)"), sel);
  }
  let unitSel: HTMLElement | null = null;
  if (review.unitChoice) {
    const choice = review.unitChoice;
    const sel = h("select", { id: "mapping-money" }, choice.options.map((o) => h("option", { value: o.value }, o.label))) as HTMLSelectElement;
    sel.value = choice.value;
    sel.onchange = () => on({ kind: "money", scale: sel.value as MoneyScale });
    unitSel = h("div", null, h("label", { "for": "mapping-money" }, "Số tiền trên trang tính tính bằng"), sel);
  }
  const acks = review.acknowledgements.map((a, i) => {
    const box = h("input", { type: "checkbox", id: "mapping-ack-" + i, checked: a.done }) as HTMLInputElement;
    box.onclick = () => on({ kind: "acknowledge", key: a.key, on: box.checked });
    return h("label", { className: "ack", "for": "mapping-ack-" + i }, box, " ", a.text);
  });
  return h("div", { id: "mapping-review", className: "card" },
    h("h3", null, "Các cột sẽ gửi"),
    tableSel,
    review.unitText ? h("p", { id: "mapping-unit" }, review.unitText) : null,
    unitSel,
    h("table", { id: "mapping-columns", className: "values mapping" },
      h("thead", null, h("tr", null,
        h("th", null, "Cột"), h("th", null, "Tiêu đề trên trang → chỉ tiêu"),
        h("th", { className: "num" }, rowLabel), h("th", { className: "num" }, "Gửi"),
        review.needsConfirmation ? h("th", null, "Đúng") : null)),
      h("tbody", null, review.columns.map((c) => columnRow(c, review, on)))),
    review.blocking.length > 0 ? h("ul", { id: "mapping-blocking", className: "history" }, review.blocking.map((t) => h("li", { className: "err" }, t))) : null,
    review.questions.length > 0 ? h("ul", { id: "mapping-questions", className: "history" }, review.questions.map((t) => h("li", { className: "warn" }, t))) : null,
    review.refused.length > 0 ? h("ul", { id: "mapping-refused", className: "history" }, review.refused.map((t) => h("li", { className: "err" }, t))) : null,
    review.notices.length > 0 ? h("ul", { id: "mapping-notices", className: "history" }, review.notices.map((t) => h("li", null, t))) : null,
    acks,
    review.pending.length > 0
      ? h("ul", { id: "mapping-pending", className: "history" }, review.pending.map((t) => h("li", { className: "warn" }, t)))
      : h("p", { id: "mapping-pending", className: "ok" }, "Đã kiểm tra cách đọc trang tính: có thể gửi."),
  );
}

/** A form's figures, field by field: what the preview will send, and what a receipt says was sent. */
export function renderValues(rows: SummaryRow[], heading: string, id?: string): HTMLElement {
  return h("table", { id, className: "values" },
    h("thead", null, h("tr", null, h("th", null, heading), h("th", { className: "num" }, "Số liệu"))),
    h("tbody", null, rows.map((r) =>
      h("tr", { className: r.derived ? "derived" : "" },
        h("td", { className: r.indent ? "indent" : "" }, r.label),
        h("td", { className: "num" }, r.value)))));
}

/** The officers' or cases' rows sent with the figures (rowsTable), one line each. */
export function renderRowsTable(t: RowsTable, id: string): HTMLElement {
  return h("div", { id },
    h("p", { className: "hint" }, t.caption),
    h("table", { className: "values" },
      h("thead", null, h("tr", null, t.headers.map((x, i) => h("th", { className: t.numeric[i] ? "num" : "" }, x)))),
      h("tbody", null, t.rows.map((r) => h("tr", null, r.map((x, i) => h("td", { className: t.numeric[i] ? "num" : "" }, x)))))));
}
