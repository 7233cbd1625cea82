import type { FormDefinition } from "./types";

/** Where a cell's finding points: "rows.<index>.<column>", which labelOf names "Dòng 3, cột …". */
export function rowCellKey(index: number, column: string): string {
  return "rows." + index + "." + column;
}

const ROW_KEY = /^rows\.(\d+)\.([a-z][a-z0-9_]*)$/;

/** "Dòng 3, cột Số tiền phải thi hành" for "rows.2.so_tien"; null for any other key. */
export function rowCellLabel(form: FormDefinition, key: string, lang: "vi" | "en"): string | null {
  const m = ROW_KEY.exec(key);
  if (!m || !form.rows || form.rows.kind !== "list") return null;
  const col = form.rows.columns.filter((c) => c.key === m[2])[0];
  const name = col ? col.label[lang] : (m[2] as string);
  // Messages quote the label as a whole: “Dòng 3, cột Số tiền phải thi hành”.
  return (lang === "vi" ? "Dòng " : "Row ") + (Number(m[1]) + 1) + (lang === "vi" ? ", cột " : ", column ") + name;
}
