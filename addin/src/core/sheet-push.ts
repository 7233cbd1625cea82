/**
 * What the pane shows before pushing an edited targets or units sheet, DOM-free: the sheet as
 * read in one sync, compared by the shared core with what the server holds now (fetched just
 * before), the problems by cell, the differences old → new and, for units, the consequences.
 */
import type { TargetChange, TargetChanged, TargetsSheet, TargetState, UnitChange, UnitChanged, UnitConsequences, UnitsSheet } from "../../../shared/api/sheets";
import { formatPercent } from "../../../shared/format";
import { dateLabel, monthLabel } from "../../../shared/periods/labels";
import { vietnamClock } from "../../../shared/periods/vietnam-time";
import type { SheetGrid, SheetProblem } from "../../../shared/reports/editable";
import { checkTargetChanges, diffTargets, readTargetsSheet } from "../../../shared/reports/targets/read";
import { COMPARISON_SYMBOLS } from "../../../shared/reports/targets/sheet";
import { planUnitChanges } from "../../../shared/reports/units/plan";
import { readUnitsSheet, unitChangesFromSheet } from "../../../shared/reports/units/read";
import { KIND_WORDS } from "../../../shared/reports/units/sheet";

export interface TargetsPreview {
  kind: "targets";
  year: number;
  parent: string;
  changes: TargetChange[];
  lines: { unit: string; name: string; indicator: string; before: string; after: string }[];
  problems: SheetProblem[];
}

export interface UnitsPreview {
  kind: "units";
  parent: string;
  changes: UnitChange[];
  lines: { unit: string; action: string; before: string; after: string }[];
  consequences: string[];
  problems: SheetProblem[];
}

/** "84,70% (≥, chính thức, QĐ 12/QĐ-CQLTHADS)" or "— (dùng chỉ tiêu kế thừa)". */
export function targetWords(t: TargetState | null): string {
  if (t === null) return "— (dùng chỉ tiêu kế thừa)";
  return COMPARISON_SYMBOLS[t.comparison] + " " + formatPercent(t.targetPct) + " (" + (t.provisional ? "tạm giao" : "chính thức") + (t.decisionRef ? ", " + t.decisionRef : "") + ")";
}

export function previewTargets(grid: SheetGrid, current: TargetsSheet): TargetsPreview {
  const read = readTargetsSheet(grid);
  const d = diffTargets(current, read);
  const units: Record<string, string> = {};
  for (const r of current.rows) units[r.unit] = r.name;
  const indicators: Record<string, string> = {};
  for (const i of current.indicators) indicators[i.id] = i.label.vi;
  const problems = d.problems.concat(checkTargetChanges({ year: current.year, parent: { code: current.parent.code, name: current.parent.name }, units, indicators }, d.changes));
  return {
    kind: "targets",
    year: current.year,
    parent: current.parent.code,
    changes: d.changes,
    lines: d.diff.map((x: TargetChanged) => ({
      unit: x.unit,
      name: units[x.unit] ?? x.unit,
      indicator: indicators[x.indicator] ?? x.indicator,
      before: targetWords(x.before),
      after: targetWords(x.after),
    })),
    problems,
  };
}

const ACTION_WORDS: Record<UnitChanged["action"], string> = { add: "Thêm", rename: "Đổi tên", close: "Đóng", reopen: "Mở lại", update: "Sửa" };

function unitWords(u: UnitChanged["after"] | null): string {
  if (u === null) return "—";
  let s = u.name + " · " + KIND_WORDS[u.kind] + " · từ " + dateLabel(u.validFrom);
  if (u.validTo !== null) s += " đến " + dateLabel(u.validTo);
  if (u.successorCode !== null) s += " · kế thừa: " + u.successorCode;
  return s;
}

/** The consequences of a units push as sentences, in the order a reader checks them. */
export function consequenceLines(c: UnitConsequences): string[] {
  const out: string[] = [];
  out.push(c.periodsWithChangedTotals.length === 0
    ? "Tổng số của các kỳ đã báo cáo không thay đổi: số liệu cũ vẫn thuộc đơn vị cũ."
    : "Tổng số thay đổi ở các kỳ: " + c.periodsWithChangedTotals.join(", ") + ".");
  for (const s of c.samePeriod) {
    out.push("So sánh cùng kỳ và tháng trước của " + s.name + " (" + s.unit + ") từ " + monthLabel(s.from) + " đến " + monthLabel(s.to) + " dùng số liệu của " + s.predecessors.join(" + ") + ".");
  }
  for (const k of c.keepOwnHistory) {
    out.push(k.name + " (" + k.unit + ") đã có số liệu riêng: cùng kỳ vẫn là số liệu của riêng đơn vị; số liệu của " + k.predecessors.join(", ") + " chỉ còn trong tổng của đơn vị cấp trên.");
  }
  for (const w of c.withoutHistory) {
    out.push(w.name + " (" + w.unit + ") là đơn vị mới không kế thừa đơn vị nào: chưa có số liệu cùng kỳ đến hết " + monthLabel(w.until) + ".");
  }
  for (const t of c.tokens) {
    out.push("Mã truy cập của " + t.label + " (" + t.unit + ") " + (t.action === "revoke" ? "sẽ bị thu hồi ngay." : "hết hiệu lực sau hạn nộp báo cáo cuối cùng của đơn vị (" + vietnamClock(t.at) + ")."));
  }
  return out;
}

export function previewUnits(grid: SheetGrid, current: UnitsSheet, now: string): UnitsPreview {
  const read = readUnitsSheet(grid);
  const sheet = unitChangesFromSheet(current, read);
  const plan = planUnitChanges(current, sheet.changes, now, sheet.cellOf);
  return {
    kind: "units",
    parent: current.parent.code,
    changes: sheet.changes,
    lines: plan.diff.map((d) => ({ unit: d.code, action: ACTION_WORDS[d.action], before: unitWords(d.before), after: unitWords(d.after) })),
    consequences: consequenceLines(plan.consequences),
    problems: sheet.problems.concat(plan.problems),
  };
}
