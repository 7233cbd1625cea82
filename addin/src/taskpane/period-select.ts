/**
 * The period picker of the insert, compare and review tabs: months that have ended, newest
 * first, and, when some collection is reported weekly (issue 8: campaigns), the weeks that have
 * ended in a second group. One picker so that the three tabs offer the same periods.
 */
import type { FormDefinition } from "../../../shared/forms/types";
import { periodOptions, weekOptions, type PeriodOption } from "../core/periods-choice";
import { h } from "./dom";

export function hasWeeklyCollection(forms: readonly FormDefinition[]): boolean {
  return forms.some((f) => f.period !== undefined && f.period.kind === "week");
}

export function periodSelect(id: string, nowMs: number, weekly: boolean): HTMLSelectElement {
  const options = (list: PeriodOption[]) => list.map((o) => h("option", { value: o.key }, o.label));
  const months = options(periodOptions(nowMs));
  return h("select", { id },
    weekly ? [h("optgroup", { label: "Tháng" }, months), h("optgroup", { label: "Tuần" }, options(weekOptions(nowMs)))] : months) as HTMLSelectElement;
}
