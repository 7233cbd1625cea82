/** 409 revision_conflict: what differs between the clerk's values and the server's latest. */
import type { FormDefinition } from "../../../shared/forms/types";
import { formatInteger } from "../../../shared/format";

export interface DiffRow {
  key: string;
  label: string;
  mine: string;
  theirs: string;
  /** mine − theirs, signed, when both are numbers. */
  difference: string | null;
}

function show(v: number | null | undefined): string {
  return typeof v === "number" ? formatInteger(v) : "(trống)";
}

export function diffValues(
  form: FormDefinition,
  mine: Readonly<Record<string, number | null>>,
  theirs: Readonly<Record<string, number | null>>,
): DiffRow[] {
  const rows: DiffRow[] = [];
  for (const f of form.fields) {
    const a = mine[f.key];
    const b = theirs[f.key];
    const an = typeof a === "number" ? a : null;
    const bn = typeof b === "number" ? b : null;
    if (an === bn) continue;
    const d = an !== null && bn !== null ? an - bn : null;
    rows.push({
      key: f.key,
      label: f.label.vi,
      mine: show(an),
      theirs: show(bn),
      difference: d === null ? null : (d > 0 ? "+" : "") + formatInteger(d),
    });
  }
  return rows;
}
