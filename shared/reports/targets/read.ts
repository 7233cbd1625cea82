import { cellAddress } from "../../a1";
import type { TargetChange, TargetChanged, TargetState, TargetsSheet } from "../../api/sheets";
import type { TargetComparison } from "../../rollup/targets";
import { foldDiacritics } from "../../recognize/normalize";
import { cellAt, formatAt, isBlank, isPercentFormat, textOf, type SheetGrid, type SheetProblem } from "../editable";
import { locateTargetsGrid } from "./grid-rows";
import { targetKey } from "./sheet";

/** One row of an edited targets sheet, as typed. */
export interface ReadTarget {
  row: number;
  unit: string;
  indicator: string;
  /** Null: the target cell is empty (the unit has no target of its own, it inherits). */
  targetPct: number | null;
  comparison: TargetComparison | null;
  /** Null when the cell is empty (a problem if there is a target). */
  provisional: boolean | null;
  decisionRef: string | null;
  cells: { target: string; comparison: string; type: string; decision: string; code: string };
}

export interface ReadTargets {
  year: number | null;
  parent: string | null;
  rows: ReadTarget[];
  problems: SheetProblem[];
}

const COMPARISONS: Record<string, TargetComparison> = { "≥": "gte", ">=": "gte", "=>": "gte", ">": "gt", "≤": "lte", "<=": "lte", "=<": "lte", "<": "lt" };

/** "84,7" for Vietnamese, "84.7" for English: a number as the message quotes it. */
function vi(n: number): string {
  return String(n).replace(".", ",");
}

/** What a number typed as text ("85,7%", "85.7 %") would have been, if it reads as one. */
function numberInText(t: string): number | null {
  const m = /^([0-9]{1,3})(?:[,.]([0-9]+))?\s*%?$/.exec(t);
  return m ? Number(m[1] + (m[2] ? "." + m[2] : "")) : null;
}

/**
 * Reads an edited targets sheet: every row with its key (unit and indicator, from the hidden
 * column), the target as a number (a text such as "85,7%" is refused, never guessed), the
 * comparison, provisional or official, and the decision. Problems name the cell.
 */
export function readTargetsSheet(grid: SheetGrid): ReadTargets {
  const problems: SheetProblem[] = [];
  const g = locateTargetsGrid(grid, problems);
  if (g === null) return { year: null, parent: null, rows: [], problems };
  const c = g.columns as Record<string, number>;
  const rows: ReadTarget[] = [];
  for (const { row, key } of g.rows) {
    const at = (k: string): string => cellAddress(row, c[k] as number);
    const bar = key.indexOf("|");
    if (bar <= 0) {
      problems.push({
        cell: at("key"),
        vi: "Dòng " + row + " không có khóa dòng (cột ẩn «Khóa dòng»): trang chỉ tiêu không thêm được dòng mới; hãy lấy lại trang từ máy chủ.",
        en: "Row " + row + " has no row key (hidden column): a targets sheet cannot gain rows; pull the sheet again.",
      });
      continue;
    }
    const unit = key.slice(0, bar);
    const indicator = key.slice(bar + 1);
    const who = " (" + unit + ")";
    const raw = cellAt(grid, row, c.target as number);
    let targetPct: number | null = null;
    if (typeof raw === "number") {
      // A cell someone gave Excel's own percent format shows 0,847 as 84,7%: what they see is what counts.
      targetPct = isPercentFormat(formatAt(grid, row, c.target as number)) ? Math.round(raw * 100 * 1e9) / 1e9 : raw;
    } else if (!isBlank(raw)) {
      const t = textOf(raw);
      const guess = numberInText(t);
      problems.push({
        cell: at("target"),
        vi: "Ô " + at("target") + who + ": «" + t + "» là chữ, không phải số." + (guess !== null ? " Hãy gõ số " + vi(guess) + " (không kèm dấu %: cột đã ghi phần trăm)." : " Hãy gõ chỉ tiêu là một số phần trăm, ví dụ 84,7."),
        en: "Cell " + at("target") + who + ': "' + t + '" is text, not a number.' + (guess !== null ? " Type the number " + guess + " (without %: the column is in percent)." : " Type the target as a percentage number, e.g. 84.7."),
      });
      continue;
    }
    const typed = textOf(cellAt(grid, row, c.comparison as number));
    const symbol = typed.replace(/\s+/g, "");
    let comparison: TargetComparison | null = null;
    if (symbol !== "") {
      comparison = COMPARISONS[symbol] ?? null;
      if (comparison === null && targetPct !== null) {
        problems.push({
          cell: at("comparison"),
          vi: "Ô " + at("comparison") + who + ": «" + typed + "» không phải cách so sánh; hãy ghi ≥ (không thấp hơn) hoặc > (cao hơn).",
          en: "Cell " + at("comparison") + who + ': "' + typed + '" is not a comparison; write ≥ (at least) or > (above).',
        });
        continue;
      }
    }
    const typeText = foldDiacritics(textOf(cellAt(grid, row, c.type as number))).replace(/\s+/g, " ");
    const provisional = typeText === "" ? null : /^tam( giao)?$/.test(typeText) ? true : /^chinh thuc$/.test(typeText) ? false : undefined;
    if (targetPct !== null && provisional === undefined) {
      problems.push({
        cell: at("type"),
        vi: "Ô " + at("type") + who + ": «" + textOf(cellAt(grid, row, c.type as number)) + "» — hãy ghi Tạm giao hoặc Chính thức.",
        en: "Cell " + at("type") + who + ': "' + textOf(cellAt(grid, row, c.type as number)) + '" — write Tạm giao (provisional) or Chính thức (official).',
      });
      continue;
    }
    if (targetPct !== null && provisional === null) {
      problems.push({
        cell: at("type"),
        vi: "Ô " + at("type") + who + ": chỉ tiêu " + vi(targetPct) + " chưa ghi Tạm giao hay Chính thức.",
        en: "Cell " + at("type") + who + ": target " + targetPct + " does not say Tạm giao (provisional) or Chính thức (official).",
      });
      continue;
    }
    const decision = textOf(cellAt(grid, row, c.decision as number));
    rows.push({
      row,
      unit,
      indicator,
      targetPct,
      comparison,
      provisional: provisional === undefined ? null : provisional,
      decisionRef: decision === "" ? null : decision,
      cells: { target: at("target"), comparison: at("comparison"), type: at("type"), decision: at("decision"), code: at("code") },
    });
  }
  return { year: g.meta.year, parent: g.meta.parent, rows, problems };
}

function sameState(a: TargetState | null, b: TargetState | null): boolean {
  if (a === null || b === null) return a === b;
  return a.targetPct === b.targetPct && a.provisional === b.provisional && a.comparison === b.comparison && (a.decisionRef ?? null) === (b.decisionRef ?? null);
}

export interface TargetsDiff {
  changes: TargetChange[];
  diff: TargetChanged[];
  problems: SheetProblem[];
}

/**
 * Sheet → changes: the rows whose own target differs from what is stored now (`current`, read
 * fresh from the server), as the requests the push sends. A row of a unit that is not one of
 * the parent's children (copied from another province's sheet) or an indicator the year does
 * not have is a problem, never a change. Pushing the same sheet twice finds no change.
 */
export function diffTargets(current: TargetsSheet, read: ReadTargets): TargetsDiff {
  const problems = read.problems.slice();
  const changes: TargetChange[] = [];
  const diff: TargetChanged[] = [];
  if (read.year !== null && (read.year !== current.year || read.parent !== current.parent.code)) {
    problems.push({
      cell: null,
      vi: "Trang này là chỉ tiêu năm " + read.year + " của " + read.parent + ", không phải năm " + current.year + " của " + current.parent.code + ".",
      en: "This sheet holds the " + read.year + " targets of " + read.parent + ", not those of " + current.year + " for " + current.parent.code + ".",
    });
    return { changes, diff, problems };
  }
  const byKey: Record<string, TargetsSheet["rows"][number]> = {};
  const units: Record<string, true> = {};
  for (const r of current.rows) {
    byKey[targetKey(r.unit, r.indicator)] = r;
    units[r.unit] = true;
  }
  const seen: Record<string, number> = {};
  for (const r of read.rows) {
    const key = targetKey(r.unit, r.indicator);
    const stored = byKey[key];
    if (stored === undefined) {
      problems.push(units[r.unit]
        ? {
            cell: r.cells.code,
            vi: "Dòng " + r.row + ": năm " + current.year + " không có chỉ tiêu «" + r.indicator + "» để giao.",
            en: "Row " + r.row + ': year ' + current.year + ' has no indicator "' + r.indicator + '" to assign.',
          }
        : {
            cell: r.cells.code,
            vi: "Dòng " + r.row + " là của đơn vị " + r.unit + ", không phải đơn vị trực thuộc " + current.parent.code + " (" + current.parent.name + "): không sửa được chỉ tiêu của đơn vị khác.",
            en: "Row " + r.row + " belongs to unit " + r.unit + ", which is not under " + current.parent.code + ": the targets of other units cannot be set here.",
          });
      continue;
    }
    if (seen[key] !== undefined) {
      problems.push({
        cell: r.cells.code,
        vi: "Dòng " + r.row + " lặp lại dòng " + seen[key] + " (" + r.unit + ", " + r.indicator + "): mỗi đơn vị và chỉ tiêu một dòng.",
        en: "Row " + r.row + " repeats row " + seen[key] + " (" + r.unit + ", " + r.indicator + "): one row per unit and indicator.",
      });
      continue;
    }
    seen[key] = r.row;
    const before = stored.own;
    const after: TargetState | null = r.targetPct === null
      ? null
      : {
          targetPct: r.targetPct,
          provisional: r.provisional === true,
          comparison: r.comparison ?? (before ? before.comparison : stored.inherited.comparison),
          decisionRef: r.decisionRef,
        };
    if (sameState(before, after)) continue;
    changes.push({ unit: r.unit, indicator: r.indicator, target: after, cell: r.cells.target });
    diff.push({ unit: r.unit, indicator: r.indicator, before, after });
  }
  return { changes, diff, problems };
}

export interface TargetCheckContext {
  year: number;
  parent: { code: string; name: string };
  /** The parent's children that exist at some time of the year: code → name. */
  units: Record<string, string>;
  /** The targeted indicators of the year: id → label. */
  indicators: Record<string, string>;
}

function where(c: TargetChange, i: number, field: string): { cell: string | null; at: string; atEn: string } {
  return c.cell ? { cell: c.cell, at: "Ô " + c.cell, atEn: "Cell " + c.cell } : { cell: null, at: "changes." + i + "." + field, atEn: "changes." + i + "." + field };
}

/**
 * What the Worker checks before writing anything (and the pane before sending): only the
 * parent's children, only indicators of that year, a target from 0 to 100 with at most two
 * decimals, each unit and indicator once. Every problem is listed, by cell where known.
 */
export function checkTargetChanges(ctx: TargetCheckContext, changes: readonly TargetChange[]): SheetProblem[] {
  const problems: SheetProblem[] = [];
  const seen: Record<string, true> = {};
  changes.forEach((c, i) => {
    const w = where(c, i, "unit");
    const who = " (" + c.unit + ")";
    if (ctx.units[c.unit] === undefined) {
      problems.push({
        cell: w.cell,
        vi: w.at + ": " + c.unit + " không phải đơn vị trực thuộc " + ctx.parent.code + " (" + ctx.parent.name + ") trong năm " + ctx.year + ": chỉ giao chỉ tiêu cho đơn vị trực thuộc mình.",
        en: w.atEn + ": " + c.unit + " is not a unit under " + ctx.parent.code + " in " + ctx.year + ": targets are set only for one's own units.",
      });
      return;
    }
    if (ctx.indicators[c.indicator] === undefined) {
      problems.push({
        cell: w.cell,
        vi: w.at + who + ": năm " + ctx.year + " không có chỉ tiêu «" + c.indicator + "»; có: " + Object.keys(ctx.indicators).join(", ") + ".",
        en: w.atEn + who + ": year " + ctx.year + ' has no indicator "' + c.indicator + '"; there are: ' + Object.keys(ctx.indicators).join(", ") + ".",
      });
      return;
    }
    const key = targetKey(c.unit, c.indicator);
    if (seen[key]) {
      problems.push({ cell: w.cell, vi: w.at + who + ": chỉ tiêu này xuất hiện hai lần.", en: w.atEn + who + ": this target appears twice." });
      return;
    }
    seen[key] = true;
    const t = c.target;
    if (t === null) return;
    const p = t.targetPct;
    if (!(p >= 0 && p <= 100)) {
      problems.push({
        cell: w.cell,
        vi: w.at + who + ": chỉ tiêu " + vi(p) + " nằm ngoài khoảng 0–100 (%).",
        en: w.atEn + who + ": target " + p + " is outside 0–100 (%).",
      });
    } else if (Math.abs(p * 100 - Math.round(p * 100)) > 1e-7) {
      problems.push({
        cell: w.cell,
        vi: w.at + who + ": chỉ tiêu " + vi(p) + " có quá 2 chữ số thập phân.",
        en: w.atEn + who + ": target " + p + " has more than 2 decimals.",
      });
    }
    if (t.decisionRef !== null && t.decisionRef.length > 200) {
      problems.push({ cell: w.cell, vi: w.at + who + ": số quyết định dài quá 200 ký tự.", en: w.atEn + who + ": the decision reference exceeds 200 characters." });
    }
  });
  return problems;
}

/**
 * What a push changes against the stored own targets: each change with its before and after,
 * and how many were already so (written nothing, audited nothing).
 */
export function targetEffects(stored: (unit: string, indicator: string) => TargetState | null, changes: readonly TargetChange[]): { changed: TargetChanged[]; unchanged: number } {
  const changed: TargetChanged[] = [];
  let unchanged = 0;
  for (const c of changes) {
    const before = stored(c.unit, c.indicator);
    const after: TargetState | null = c.target === null
      ? null
      : { targetPct: c.target.targetPct, provisional: c.target.provisional, comparison: c.target.comparison, decisionRef: c.target.decisionRef === "" ? null : c.target.decisionRef };
    if (sameState(before, after)) unchanged++;
    else changed.push({ unit: c.unit, indicator: c.indicator, before, after });
  }
  return { changed, unchanged };
}
