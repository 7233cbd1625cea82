/** The list of findings (Kiểm tra, the preview, the server's 422): message, both sides, a click selects the cell. */
import type { FormSheetRef, FormSheets } from "../excel/types";
import type { FindingItem } from "../core/findings-view";
import { h } from "./dom";

export function findingList(sheets: FormSheets, ref: FormSheetRef | null, items: FindingItem[], onError: (e: unknown) => void): HTMLElement {
  return h("ul", { className: "findings" },
    items.map((i) =>
      h("li", {
        className: "finding finding-" + i.severity,
        tabindex: "0",
        title: ref && i.fieldKey ? "Bấm để chọn ô trên biểu" : "",
        onclick: () => {
          if (ref && i.fieldKey) sheets.selectField(ref, i.fieldKey).then(undefined, onError);
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
