import type { Completeness } from "../../api/schemas";
import type { FormDefinition } from "../../forms/types";
import { buildHierarchy } from "../../units/hierarchy";
import { deadlineLevelOf } from "../../units/deadline-level";
import type { Unit } from "../../units/types";
import { parseInstant } from "../../periods";
import { deadlineOf, periodEndOf } from "../../forms/collection-period";
import { valuesKey, type ReportMark } from "../comparison/data";

export interface CompletenessData {
  parent: Unit;
  /** The parent's subtree, units of every validity. */
  units: readonly Unit[];
  period: string;
  /** The forms in force for the period: each is expected from every reporting unit. */
  forms: readonly FormDefinition[];
  /** `valuesKey(unit, form, period)` → the unit's report. */
  reports: ReadonlyMap<string, ReportMark>;
  generatedAt: string;
}

/**
 * Expected, on time, late and missing reports of every reporting unit under the parent, per
 * form. One meaning of late everywhere: the unit's FIRST report arrived after its deadline
 * (2 working days for a regional office, 4 for the province's own office; a collection's own
 * deadline, e.g. the 5th of the next month, for a snapshot or a week); a correction sent
 * later is a correction, not lateness.
 */
export function buildCompleteness(data: CompletenessData): Completeness {
  const units = buildHierarchy(data.units).reportingUnitsUnder(data.parent.code, periodEndOf(data.period));
  const rows: Completeness["rows"] = [];
  for (const form of data.forms) {
    for (const u of units) {
      const mark = data.reports.get(valuesKey(u.code, form.id, data.period));
      const deadline = deadlineOf(form, data.period, deadlineLevelOf(u.kind));
      rows.push({
        unit: u.code,
        name: u.name,
        form: form.id,
        status: mark === undefined ? "missing" : parseInstant(mark.firstSubmittedAt) > parseInstant(deadline) ? "late" : "on_time",
        deadline,
        submittedAt: mark ? mark.firstSubmittedAt : null,
        revision: mark ? mark.revision : null,
      });
    }
  }
  const count = (s: string): number => rows.filter((r) => r.status === s).length;
  return {
    parent: data.parent.code,
    parentName: data.parent.name,
    period: data.period,
    generatedAt: data.generatedAt,
    expected: rows.length,
    onTime: count("on_time"),
    late: count("late"),
    missing: count("missing"),
    rows,
  };
}
