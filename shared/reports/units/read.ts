import { cellAddress } from "../../a1";
import type { UnitChange, UnitsSheet } from "../../api/sheets";
import { dateLabel } from "../../periods/labels";
import { foldDiacritics } from "../../recognize/normalize";
import type { UnitKind } from "../../units/types";
import { cellAt, findMeta, headerText, isBlank, KEY_HEADER, lastRowOf, locateColumns, readDate, textOf, type SheetGrid, type SheetProblem } from "../editable";
import { KIND_WORDS, unitHeaders } from "./sheet";

/** One row of an edited units sheet, as typed. */
export interface ReadUnit {
  row: number;
  /** The code the row was pulled with (hidden column); "" for a row added for a new unit. */
  key: string;
  code: string;
  name: string;
  /** Null when the cell is empty; a word that names no kind is a problem already. */
  kind: UnitKind | null;
  validFrom: string | null;
  validTo: string | null;
  successorCode: string | null;
  cells: Record<"code" | "name" | "kind" | "validFrom" | "validTo" | "successorCode", string>;
}

export interface ReadUnits {
  parent: string | null;
  rows: ReadUnit[];
  /** The key of every row that has one, read or refused: a unit missing here was deleted from the sheet. */
  keys: string[];
  problems: SheetProblem[];
}

const KIND_BY_WORDS: Record<string, UnitKind> = {};
for (const k of Object.keys(KIND_WORDS) as UnitKind[]) KIND_BY_WORDS[foldDiacritics(KIND_WORDS[k]).replace(/[^a-z0-9]+/g, " ")] = k;

/**
 * Reads an edited units sheet: each row's original code (hidden key), code, name, kind and
 * dates (date cells, "dd/mm/yyyy" or ISO; nothing else is guessed), successor. Problems name the cell.
 */
export function readUnitsSheet(grid: SheetGrid): ReadUnits {
  const problems: SheetProblem[] = [];
  const found = findMeta(grid);
  if (found === null || found.meta.kind !== "units") {
    problems.push({
      cell: null,
      vi: "Trang «" + grid.sheetName + "» không phải danh sách đơn vị lấy từ THADS Thống kê (không có ô nhận dạng): hãy lấy trang đơn vị bằng add-in hoặc trang /tai-ve rồi sửa trên trang đó.",
      en: 'Sheet "' + grid.sheetName + '" is not a units sheet from THADS Thống kê (no identifying cell): pull the units sheet with the add-in or /tai-ve and edit that one.',
    });
    return { parent: null, rows: [], keys: [], problems };
  }
  const expected: Record<string, string> = unitHeaders();
  expected.key = KEY_HEADER;
  const c = locateColumns(grid, found.meta.header, expected, problems);
  if (c === null) return { parent: found.meta.parent, rows: [], keys: [], problems };
  const rows: ReadUnit[] = [];
  const keys: string[] = [];
  const editable = ["code", "name", "kind", "validFrom", "validTo", "successor", "key"];
  for (let r = found.meta.header + 1; r <= lastRowOf(grid); r++) {
    let any = false;
    for (const k of editable) if (!isBlank(cellAt(grid, r, c[k] as number))) any = true;
    if (!any) continue;
    const at = (k: string): string => cellAddress(r, c[k] as number);
    const cells = { code: at("code"), name: at("name"), kind: at("kind"), validFrom: at("validFrom"), validTo: at("validTo"), successorCode: at("successor") };
    const code = textOf(cellAt(grid, r, c.code as number));
    const key = headerText(cellAt(grid, r, c.key as number));
    if (key !== "") keys.push(key);
    const who = code ? " (" + code + ")" : "";
    let ok = true;
    const date = (k: "validFrom" | "validTo"): string | null => {
      const v = cellAt(grid, r, c[k] as number);
      if (isBlank(v)) return null;
      const d = readDate(v);
      if (d === null) {
        ok = false;
        problems.push({
          cell: at(k),
          vi: "Ô " + at(k) + who + ": «" + textOf(v) + "» không phải ngày; hãy nhập ngày (ví dụ " + dateLabel("2026-09-30") + ").",
          en: "Cell " + at(k) + who + ': "' + textOf(v) + '" is not a date; enter a date (e.g. 30/09/2026).',
        });
      }
      return d;
    };
    const kindText = textOf(cellAt(grid, r, c.kind as number));
    let kind: UnitKind | null = null;
    if (kindText !== "") {
      const k = KIND_BY_WORDS[foldDiacritics(kindText).replace(/[^a-z0-9]+/g, " ").replace(/^ | $/g, "")];
      if (k === undefined) {
        ok = false;
        problems.push({
          cell: at("kind"),
          vi: "Ô " + at("kind") + who + ": «" + kindText + "» không phải loại đơn vị; hãy chọn " + [KIND_WORDS.province_office, KIND_WORDS.regional_office, KIND_WORDS.province].join(", ") + ".",
          en: "Cell " + at("kind") + who + ': "' + kindText + '" is not a unit kind; choose ' + [KIND_WORDS.province_office, KIND_WORDS.regional_office, KIND_WORDS.province].join(", ") + ".",
        });
      } else kind = k;
    }
    const validFrom = date("validFrom");
    const validTo = date("validTo");
    if (!ok) continue;
    const successor = textOf(cellAt(grid, r, c.successor as number));
    rows.push({
      row: r,
      key,
      code,
      name: textOf(cellAt(grid, r, c.name as number)),
      kind,
      validFrom,
      validTo,
      successorCode: successor === "" ? null : successor,
      cells,
    });
  }
  return { parent: found.meta.parent, rows, keys, problems };
}

export interface SheetUnitChanges {
  changes: UnitChange[];
  problems: SheetProblem[];
  /** Where each field of a change sits (row → field → address), for the plan's messages. */
  cellOf: (row: number, field: string) => string | null;
}

/**
 * Sheet → changes: every row that differs from what is stored (`current`, read fresh), as
 * the units it should become. What a sheet cannot change is a problem: an existing unit's
 * code, kind or start date (its history), a row of another parent's unit, a row deleted.
 */
export function unitChangesFromSheet(current: UnitsSheet, read: ReadUnits): SheetUnitChanges {
  const problems = read.problems.slice();
  const changes: UnitChange[] = [];
  const cellsByRow: Record<number, Record<string, string>> = {};
  const cellOf = (row: number, field: string): string | null => (cellsByRow[row] ? cellsByRow[row][field] ?? null : null);
  if (read.parent !== null && read.parent !== current.parent.code) {
    problems.push({
      cell: null,
      vi: "Trang này là danh sách đơn vị của " + read.parent + ", không phải của " + current.parent.code + ".",
      en: "This sheet lists the units of " + read.parent + ", not of " + current.parent.code + ".",
    });
    return { changes, problems, cellOf };
  }
  const stored: Record<string, UnitsSheet["rows"][number]> = {};
  for (const r of current.rows) stored[r.code] = r;
  const seen: Record<string, number> = {};
  for (const r of read.rows) {
    cellsByRow[r.row] = r.cells;
    const who = " (" + (r.key || r.code) + ")";
    const say = (field: keyof ReadUnit["cells"], vi: string, en: string) =>
      problems.push({ cell: r.cells[field], vi: "Ô " + r.cells[field] + who + ": " + vi, en: "Cell " + r.cells[field] + who + ": " + en });
    if (r.key !== "") {
      const s = stored[r.key];
      if (s === undefined) {
        say("code", "dòng của đơn vị " + r.key + ", không phải đơn vị trực thuộc " + current.parent.code + " (" + current.parent.name + "): không sửa được đơn vị của nơi khác ở đây.",
          "the row of unit " + r.key + ", which is not under " + current.parent.code + ": units elsewhere cannot be changed here.");
        continue;
      }
      if (seen[r.key] !== undefined) {
        say("code", "dòng lặp lại đơn vị ở dòng " + seen[r.key] + ".", "repeats the unit of row " + seen[r.key] + ".");
        continue;
      }
      seen[r.key] = r.row;
      let ok = true;
      if (r.code !== r.key) {
        ok = false;
        say("code", "không đổi được mã đơn vị đã có (" + r.key + " → " + r.code + "): hãy đóng đơn vị này, ghi đơn vị kế thừa và thêm đơn vị mới ở dòng trống.",
          "an existing unit's code cannot change (" + r.key + " → " + r.code + "): close it, name its successor and add the new unit on an empty row.");
      }
      if (r.kind !== null && r.kind !== s.kind) {
        ok = false;
        say("kind", "không đổi được loại của đơn vị đã có (" + KIND_WORDS[s.kind] + ").", "an existing unit's kind cannot change (" + s.kind + ").");
      }
      if (r.validFrom !== s.validFrom) {
        ok = false;
        say("validFrom", "không đổi được ngày bắt đầu hiệu lực của đơn vị đã có (" + dateLabel(s.validFrom) + ").", "an existing unit's start date cannot change (" + s.validFrom + ").");
      }
      if (r.name === "") {
        ok = false;
        say("name", "tên đơn vị không được để trống.", "the unit's name cannot be empty.");
      }
      if (!ok) continue;
      if (r.name === s.name && r.validTo === s.validTo && r.successorCode === s.successorCode) continue;
      changes.push({ code: s.code, name: r.name, kind: s.kind, validFrom: s.validFrom, validTo: r.validTo, successorCode: r.successorCode, row: r.row });
      continue;
    }
    // A row for a new unit: everything its history starts from must be given.
    let ok = true;
    if (r.code === "") {
      ok = false;
      say("code", "dòng đơn vị mới chưa có mã đơn vị.", "a new unit's row has no code.");
    }
    if (r.name === "") {
      ok = false;
      say("name", "dòng đơn vị mới chưa có tên.", "a new unit's row has no name.");
    }
    if (r.kind === null) {
      ok = false;
      say("kind", "dòng đơn vị mới chưa chọn loại đơn vị.", "a new unit's row has no kind.");
    }
    if (r.validFrom === null) {
      ok = false;
      say("validFrom", "dòng đơn vị mới chưa có ngày bắt đầu hiệu lực.", "a new unit's row has no start date.");
    }
    if (!ok) continue;
    const same = stored[r.code];
    if (same !== undefined && seen[r.code] === undefined && read.keys.indexOf(r.code) < 0 &&
        same.name === r.name && same.kind === r.kind && same.validFrom === r.validFrom && same.validTo === r.validTo && same.successorCode === r.successorCode) {
      // The unit this row added at an earlier push of the same sheet: already so, nothing to change.
      seen[r.code] = r.row;
      continue;
    }
    if (stored[r.code] !== undefined || seen[r.code] !== undefined) {
      say("code", "mã " + r.code + " đã có" + (seen[r.code] !== undefined ? " ở dòng " + seen[r.code] : " (đơn vị «" + (stored[r.code] as { name: string }).name + "»)") + ": mỗi đơn vị một mã, kể cả đơn vị đã đóng.",
        "code " + r.code + " is already used" + (seen[r.code] !== undefined ? " on row " + seen[r.code] : "") + ": one code per unit, closed units included.");
      continue;
    }
    seen[r.code] = r.row;
    changes.push({ code: r.code, name: r.name, kind: r.kind as UnitKind, validFrom: r.validFrom as string, validTo: r.validTo, successorCode: r.successorCode, row: r.row });
  }
  for (const s of current.rows) {
    if (seen[s.code] === undefined && read.keys.indexOf(s.code) < 0) {
      problems.push({
        cell: null,
        vi: "Dòng của đơn vị " + s.code + " («" + s.name + "») đã bị xóa khỏi trang: không xóa được đơn vị (số liệu cũ của đơn vị vẫn còn); để đóng đơn vị hãy ghi ngày hết hiệu lực. Hãy lấy lại trang.",
        en: "The row of unit " + s.code + " was deleted from the sheet: units are never deleted (their figures stay); close it with an end date instead. Pull the sheet again.",
      });
    }
  }
  return { changes, problems, cellOf };
}
