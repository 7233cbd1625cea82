import type { ListColumn, RowAggregate } from "./types";

/**
 * The list part of a design sheet (issue 8 item 4; seed 004): a collection whose rows are
 * cases, not units. The staff member says so with "Dạng dòng | danh sách", names a row with
 * "Tên dòng | Việc", lists the columns in a table under "Mã cột | Tên cột | Kiểu | Bắt buộc",
 * and writes in the fields table's "Từ danh sách" column how each of the unit's figures comes
 * from the rows, in words:
 *
 *   đếm                                  every row                     {op: count}
 *   đếm khi {ngay_thu_ly} trên 3 năm     rows accepted > 3 years ago   where.olderThanYears
 *   đếm khi {so_tien} ≥ 20.000.000       rows of 20 tỷ or more         where.min
 *   tổng {so_tien}                       a count or money column summed {op: sum, column}
 *   tổng {da_thu} khi {ngay_thu_ly} trên 3 năm
 *
 * English words (count, sum, where, older than … years, >=) are read as well. Plain
 * TypeScript for the IE11 pane; what the words mean is checked against the columns by
 * definition-check.ts, as for a definition sent to the API.
 */

/** The words of a roll-up, compared without case or diacritics (design-sheet.ts `fold`). */
const VERB = /^(dem|count|tong|sum)\b\s*/;
const COLUMN = /^\{\s*([a-z][a-z0-9_]*)\s*\}\s*/;
const CONDITION = /^(?:khi|neu|where|if)\s+/;
const AT_LEAST = /^(?:>=|≥|tu)\s*([0-9][0-9.,\s]*?)\s*(?:tro len)?$/;
const OLDER = /^(?:tren|qua|older than)\s*([0-9]+)\s*(?:nam|years?)$/;

/**
 * A roll-up written in words, as a RowAggregate, or null when the words are not understood.
 * `folded` is the cell's text already folded (lower case, no diacritics, single spaces).
 */
export function parseRollUp(folded: string): RowAggregate | null {
  let rest = folded;
  const verb = VERB.exec(rest);
  if (!verb) return null;
  rest = rest.slice(verb[0].length);
  const out: RowAggregate = { op: verb[1] === "dem" || verb[1] === "count" ? "count" : "sum" };
  if (out.op === "sum") {
    const column = COLUMN.exec(rest);
    if (!column) return null;
    out.column = column[1] as string;
    rest = rest.slice(column[0].length);
  }
  if (rest === "") return out;
  const condition = CONDITION.exec(rest);
  if (!condition) return null;
  rest = rest.slice(condition[0].length);
  const column = COLUMN.exec(rest);
  if (!column) return null;
  rest = rest.slice(column[0].length);
  const atLeast = AT_LEAST.exec(rest);
  const older = OLDER.exec(rest);
  if (atLeast) {
    // Whole numbers, grouped as a Vietnamese writes them (20.000.000) or not.
    const digits = (atLeast[1] as string).replace(/[.,\s]/g, "");
    out.where = { column: column[1] as string, min: Number(digits) };
  } else if (older) {
    out.where = { column: column[1] as string, olderThanYears: Number(older[1]) };
  } else {
    return null;
  }
  return out;
}

/** How the pane says a roll-up back to the staff member: "tổng {so_tien} khi {so_tien} ≥ 20.000.000". */
export function rollUpWords(a: RowAggregate, number: (n: number) => string): string {
  let s = a.op === "count" ? "đếm" : "tổng {" + (a.column || "") + "}";
  if (a.where && a.where.min !== undefined) s += " khi {" + a.where.column + "} ≥ " + number(a.where.min);
  else if (a.where && a.where.olderThanYears !== undefined) s += " khi {" + a.where.column + "} trên " + a.where.olderThanYears + " năm";
  return s;
}

/** What a row shape cell says: "danh sách" (one row per case), "đơn vị" (one per unit), or not understood. */
export function rowKindOf(folded: string): "list" | "unit" | null {
  if (folded === "") return "unit";
  if (folded.indexOf("danh sach") >= 0 || folded === "list") return "list";
  if (folded.indexOf("don vi") >= 0 || folded === "unit") return "unit";
  return null;
}

/** A list column's "Kiểu": chữ · ngày · việc (số) · tiền, or null. */
export function columnTypeOf(folded: string): ListColumn["type"] | null {
  if (folded === "chu" || folded === "van ban" || folded === "text" || folded === "chuoi") return "text";
  if (folded.indexOf("ngay") === 0 || folded === "date") return "date";
  if (folded.indexOf("tien") === 0 || folded === "money") return "money";
  if (folded.indexOf("viec") === 0 || folded === "so" || folded === "so dem" || folded === "count") return "count";
  return null;
}

/** "Bắt buộc": có / x → required; empty / không → not; anything else is not understood. */
export function requiredOf(folded: string): boolean | null {
  if (folded === "co" || folded === "x" || folded === "bat buoc" || folded === "yes" || folded === "true") return true;
  if (folded === "" || folded === "khong" || folded === "no" || folded === "false") return false;
  return null;
}
