import type { FormDefinition } from "../forms/types";
import { formatInteger } from "../format";

/** One field of a form as a person reads it: "(3) Thụ lý mới" and "1.234". */
export interface SummaryRow {
  key: string;
  label: string;
  value: string;
  derived: boolean;
  indent: boolean;
}

/**
 * The form's figures as the clerk reads them, field by field: the pane's preview, the receipt's
 * "what was sent", the review card and the review board on /tai-ve (which gets them printed by
 * the Worker) all print them here.
 */
export function summaryRows(form: FormDefinition, values: Readonly<Record<string, number | null>>): SummaryRow[] {
  return form.fields.map((f): SummaryRow => {
    const v = values[f.key];
    return {
      key: f.key,
      label: (f.column !== null ? "(" + f.column + ") " : "") + f.label.vi,
      value: typeof v === "number" ? formatInteger(v) : "(trống)",
      derived: f.kind === "derived",
      indent: f.partOf !== undefined,
    };
  });
}
