/**
 * The rule of recognition as a test: a silently wrong mapping fails; an honest refusal or a
 * question to the clerk passes. Given a sheet and its truth (tests/fixtures/workbooks/corpus/
 * *.expected.json), `judge` says what the add-in would do with each table and lists every
 * figure or row it would get wrong without saying so.
 */
import type { FormDefinition } from "../../shared/forms/types";
import { readRow, recognizeForm, type FormRecognition } from "../../shared/recognize";

export type Outcome = "read" | "converted" | "asked" | "refused";
export type Role = "unit" | "total" | "subtotal" | "breakdown" | "comparison";

export interface ExpectedTable {
  form: string;
  outcome: Outcome;
  /** Sheet row (1-based) → what the row is, for every row with figures. */
  rows: Record<string, Role>;
  /** Sheet row → the figures a unit or total row holds in the form's unit; null: no value is knowable. */
  values: Record<string, Record<string, number> | null>;
}

export interface Expected {
  sheet: string;
  outcome: Outcome;
  layout: string;
  tables: ExpectedTable[];
}

export interface TableVerdict {
  form: string;
  found: boolean;
  outcome: Outcome;
  /** Sheet row → role, for the rows the recogniser lists. */
  roles: Record<string, string>;
  recognition: FormRecognition | null;
}

export interface Verdict {
  recognised: boolean;
  tables: TableVerdict[];
  /** Everything the add-in would get wrong without a word: must be empty. */
  silent: string[];
}

/** What happens to a table: refused (blocked, or a value it will not send), asked, converted, read. */
export function outcomeOf(values: readonly (readonly unknown[])[], t: FormRecognition): Outcome {
  if (t.blocking.length > 0) return "refused";
  for (const d of t.dataRows) if (d.kind === "unit" && readRow(values, t, d.row).refused.length > 0) return "refused";
  if (t.questions.length > 0) return "asked";
  if (t.acknowledge.length > 0) return "converted";
  return "read";
}

export function judge(values: readonly (readonly unknown[])[], origin: { row: number; col: number }, expected: Expected, forms: readonly FormDefinition[]): Verdict {
  const res = recognizeForm(values, forms, { origin });
  const silent: string[] = [];
  if (!res.recognised) {
    return { recognised: false, tables: expected.tables.map((e) => ({ form: e.form, found: false, outcome: "refused", roles: {}, recognition: null })), silent };
  }
  const found = [res, ...res.others];
  const used = new Set<FormRecognition>();
  const tables: TableVerdict[] = [];
  for (const e of expected.tables) {
    const t = found.find((x) => x.form.id === e.form && !used.has(x));
    if (!t) {
      silent.push(`form ${e.form}: the table is dropped without a word`);
      tables.push({ form: e.form, found: false, outcome: "refused", roles: {}, recognition: null });
      continue;
    }
    used.add(t);
    const outcome = outcomeOf(values, t);
    const roles: Record<string, string> = {};
    for (const d of t.dataRows) roles[String(origin.row + d.row + 1)] = d.kind;
    const blocked = t.blocking.length > 0;
    const asked = t.questions.length > 0;
    // Rows offered to send must be what they say they are.
    for (const d of t.dataRows) {
      const row = String(origin.row + d.row + 1);
      const truth = e.rows[row];
      if (blocked) continue;
      if ((d.kind === "unit" || d.kind === "total") && truth !== d.kind) {
        silent.push(`form ${e.form}, row ${row} "${d.label}": offered as a ${d.kind} row, but it is ${truth ? "a " + truth + " row" : "not a row of figures"}`);
      }
    }
    if (blocked || asked) {
      tables.push({ form: e.form, found: true, outcome, roles, recognition: t });
      continue;
    }
    // Figures read without a question must be the truth, field by field.
    for (const d of t.dataRows) {
      if (d.kind !== "unit" && d.kind !== "total") continue;
      const row = String(origin.row + d.row + 1);
      if (!(row in e.values)) continue;
      const truth = e.values[row];
      const read = readRow(values, t, d.row).values;
      for (const f of t.form.fields) {
        const v = read[f.key];
        if (typeof v !== "number") continue; // missing or unreadable: the checks reject it, the clerk is told
        const want = truth ? truth[f.key] : undefined;
        if (want === undefined) silent.push(`form ${e.form}, row ${row}, ${f.key}: read ${v} from a sheet that has no such figure`);
        else if (v !== want) silent.push(`form ${e.form}, row ${row}, ${f.key}: read ${v}, the sheet says ${want}`);
      }
    }
    tables.push({ form: e.form, found: true, outcome, roles, recognition: t });
  }
  return { recognised: true, tables, silent };
}

/** The sheet's outcome: the worst of its tables' (refused > asked > converted > read). */
export function sheetOutcome(v: Verdict): Outcome {
  if (!v.recognised) return "refused";
  const order: Outcome[] = ["read", "converted", "asked", "refused"];
  let worst = 0;
  for (const t of v.tables) worst = Math.max(worst, order.indexOf(t.outcome));
  return order[worst] as Outcome;
}
