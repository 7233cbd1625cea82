/**
 * What the pane shows before pushing an edited targets or units sheet, DOM-free: the sheet as
 * read in one sync, compared by the shared core with what the server holds now (fetched just
 * before), the problems by cell, the differences old → new and, for units, the consequences.
 */
import type { TargetChange, TargetChanged, TargetsSheet, UnitChange, UnitsSheet } from "../../../shared/api/sheets";
import type { SheetGrid, SheetProblem } from "../../../shared/reports/editable";
import { checkTargetChanges, diffTargets, readTargetsSheet } from "../../../shared/reports/targets/read";
import { targetWords } from "../../../shared/reports/targets/words";
import { planUnitChanges } from "../../../shared/reports/units/plan";
import { readUnitsSheet, unitChangesFromSheet } from "../../../shared/reports/units/read";
import { ACTION_WORDS, consequenceLines, unitWords } from "../../../shared/reports/units/words";

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
