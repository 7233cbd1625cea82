import type { TargetsSheet, TargetsSheetRow, TargetState } from "../../api/sheets";
import type { FormDefinition } from "../../forms/types";
import { formsInForce, targetedIndicatorsOfYear } from "../../forms/registry";
import { periodEnd, periodOfYear } from "../../periods/period";
import { defaultComparisonFor, effectiveTarget, indexTargets, type TargetRecord } from "../../rollup/targets";
import { buildHierarchy } from "../../units/hierarchy";
import { parsePath } from "../../units/path";
import type { Unit } from "../../units/types";
import { printedRatesOf } from "../comparison/build";
import { statYearBounds } from "./year";
import type { NodeValues } from "../comparison/data";

/** What the targets sheet is built from, read by the Worker in one batch (worker/src/routes/targets/sheet.ts). */
export interface TargetsSheetData {
  year: number;
  parent: Unit;
  /** The parent's subtree and ancestors (names of whom a target is inherited from), and the units its units replaced. */
  units: readonly Unit[];
  definitions: readonly FormDefinition[];
  /** Targets of `year` and of the year before. */
  targets: readonly TargetRecord[];
  lastYearTargets: readonly TargetRecord[];
  /** Values of last year's 12-month report: valuesKey(unit, form, period) → values. */
  values: ReadonlyMap<string, NodeValues>;
  generatedAt: string;
}

export { statYearBounds };

function overlapsYear(u: Unit, year: number): boolean {
  const { first, last } = statYearBounds(year);
  return u.validFrom <= last && (u.validTo === null || u.validTo >= first);
}

/** The units whose targets the parent sets for `year`: its children that exist at some time of the year. */
export function childrenOfYear(units: readonly Unit[], parentCode: string, year: number): Unit[] {
  return units.filter((u) => u.parentCode === parentCode && overlapsYear(u, year)).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function stateOf(t: TargetRecord | undefined): TargetState | null {
  return t ? { targetPct: t.targetPct, provisional: t.provisional, comparison: t.comparison, decisionRef: t.decisionRef } : null;
}

/**
 * One row per child of the parent and targeted indicator of the year: the unit's own target,
 * what it would inherit without one, and last year's result and target beside them (to set
 * "không thấp hơn kết quả năm trước" at a glance). Pure: everything comes from `data`.
 */
export function buildTargetsSheet(data: TargetsSheetData): TargetsSheet {
  const indicators = targetedIndicatorsOfYear(data.definitions, data.year);
  const index = indexTargets(data.targets);
  const lastIndex = indexTargets(data.lastYearTargets);
  const h = buildHierarchy(data.units);
  const lastPeriod = periodOfYear(data.year - 1, 12);
  const lastForms = formsInForce(data.definitions, periodEnd(lastPeriod));
  const firstForm = lastForms[0];
  const rows: TargetsSheetRow[] = [];
  for (const u of childrenOfYear(data.units, data.parent.code, data.year)) {
    const path = parsePath(u.path);
    const last = firstForm
      ? printedRatesOf(
          { parent: data.parent, units: data.units, formId: firstForm.id, period: lastPeriod, definitions: data.definitions, values: data.values, reports: new Map(), targets: data.lastYearTargets, generatedAt: data.generatedAt },
          u.code,
          lastPeriod,
        )
      : { rates: {} as Record<string, number | null>, sources: [] as string[] };
    for (const { indicator } of indicators) {
      const byDefault = defaultComparisonFor(indicator.direction);
      const own = stateOf(index.get(u.code)?.get(indicator.id));
      const inherited = effectiveTarget(index, path.slice(0, path.length - 1), indicator.id, byDefault);
      const lastTarget = effectiveTarget(lastIndex, path, indicator.id, byDefault);
      const result = last.rates[indicator.id];
      rows.push({
        unit: u.code,
        name: u.name,
        indicator: indicator.id,
        own,
        inherited: {
          targetPct: inherited.targetPct,
          provisional: inherited.provisional,
          comparison: inherited.comparison,
          decisionRef: inherited.decisionRef,
          source: inherited.source,
          sourceName: inherited.source === null ? null : h.byCode.get(inherited.source)?.name ?? inherited.source,
        },
        lastYear: {
          result: result === undefined ? null : result,
          sources: result === undefined || result === null ? [] : last.sources,
          target: lastTarget.targetPct,
          comparison: lastTarget.comparison,
        },
      });
    }
  }
  return {
    year: data.year,
    parent: { code: data.parent.code, name: data.parent.name, level: data.parent.level },
    generatedAt: data.generatedAt,
    indicators: indicators.map(({ formId, indicator }) => ({
      id: indicator.id,
      form: formId,
      label: indicator.label,
      short: indicator.short,
      direction: indicator.direction,
      decimals: indicator.decimals,
    })),
    rows,
  };
}
