import type { FormDefinition } from "../../forms/types";
import type { TargetRecord } from "../../rollup/targets";
import type { Unit } from "../../units/types";
import type { Decision } from "../../signoff/state";

/**
 * What a comparison is computed from, as plain data: the Worker reads it in one or two
 * D1 batches (worker/src/reports/), tests build it by hand, and `buildComparison` turns it
 * into the report without touching a database.
 */

/** Values of a node: an office's latest report, or a province's or the country's aggregate. */
export type NodeValues = Readonly<Record<string, number>>;

/** A reporting unit's report of one form for one period (its first revision's time decides lateness). */
export interface ReportMark {
  firstSubmittedAt: string;
  revision: number;
}

/** Where a unit's LATEST revision stands: confirmed by its head, accepted or returned by its parent. */
export interface SignoffMark {
  confirmed: boolean;
  decision: Decision | null;
}

export function valuesKey(unit: string, form: string, period: string): string {
  return unit + "|" + form + "|" + period;
}

export interface ComparisonData {
  parent: Unit;
  /** The parent's subtree (units of every validity) and the units they replaced, wherever those sit. */
  units: readonly Unit[];
  formId: string;
  period: string;
  /** Every definition (built-in and loaded); each period is computed with the one in force for it. */
  definitions: readonly FormDefinition[];
  /** `valuesKey(unit, form, period)` → values, for the nodes and periods the comparison reads. */
  values: ReadonlyMap<string, NodeValues>;
  /** `valuesKey(unit, form, period)` → report, for the reporting units under the parent. */
  reports: ReadonlyMap<string, ReportMark>;
  /** The targets of the period's statistical year. */
  targets: readonly TargetRecord[];
  /**
   * Which revisions `values` and `reports` hold: "latest" (the default) or each unit's latest
   * ACCEPTED revision, summed into every node by the loader (docs/engineering.md, "Accepted figures").
   */
  figures?: "latest" | "accepted";
  /** `valuesKey(unit, form, period)` → where the latest revision of each reporting unit stands, for the compared period. */
  signoff?: ReadonlyMap<string, SignoffMark>;
  /** `valuesKey(node, form, period)` → the Cục's decision on a province, when it is about the province's current figures. */
  nodeDecisions?: ReadonlyMap<string, Decision>;
  generatedAt: string;
}
