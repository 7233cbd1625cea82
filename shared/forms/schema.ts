import { z } from "zod";
import { compileRule, referencedFields, RuleSyntaxError } from "../rules";
import type { FormDefinition } from "./types";

/**
 * The contract a form definition must meet, whether shipped with the product or loaded
 * as JSON by a national administrator. Besides the shape, it checks what would otherwise
 * break at run time: rules that do not parse, rules or formulas naming fields the form
 * does not have, duplicate keys or columns.
 */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "ISO date YYYY-MM-DD");
const localText = z.object({ vi: z.string().min(1), en: z.string().min(1) });
const fieldKey = z.string().regex(/^[a-z][a-z0-9_]*$/, "snake_case key");

const fieldSchema = z.object({
  key: fieldKey,
  label: localText,
  column: z.number().int().positive().nullable(),
  valueType: z.enum(["count", "money"]),
  kind: z.enum(["input", "derived"]),
  formula: z.string().min(1).optional(),
  partOf: fieldKey.optional(),
  reconstructed: z.boolean().optional(),
});

/** "field" of this form, or "form:field" of another form of the same unit and period. */
const fieldTerm = z.string().regex(/^([A-Za-z0-9_-]{1,32}:)?[a-z][a-z0-9_]*$/, "field key or form:field");

const indicatorSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]*$/, "snake_case id"),
  label: localText,
  short: localText,
  numerator: z.array(fieldTerm).min(1),
  denominator: z.array(fieldTerm).min(1),
  direction: z.enum(["higher", "lower"]),
  decimals: z.number().int().min(0).max(4),
  targeted: z.boolean(),
  remainderOf: z.array(fieldTerm).min(1).optional(),
  remainderLess: z.array(fieldTerm).min(1).optional(),
});

const listColumnSchema = z.object({
  key: fieldKey,
  label: localText,
  type: z.enum(["text", "date", "count", "money"]),
  required: z.boolean(),
});

/** What a row of the collection is (types.ts RowShape). */
const rowShapeSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("unit") }),
  z.object({ kind: z.literal("officer"), rowLabel: localText, fields: z.array(fieldKey).min(1) }),
  z.object({ kind: z.literal("list"), rowLabel: localText, columns: z.array(listColumnSchema).min(1) }),
]);

const ruleSchema = z.object({
  id: z.string().min(1),
  expression: z.string().min(1),
  severity: z.enum(["error", "warning"]),
  tolerance: z.number().nonnegative().optional(),
  missing: z.enum(["zero", "skip", "error"]).optional(),
  description: localText.optional(),
});

export const formDefinitionSchema = z
  .object({
    id: z.string().regex(/^\d{2}$/, "two-digit form number"),
    code: z.string().min(1),
    title: localText,
    regime: z.enum(["TT06_2019", "TT05_2024", "TT05_2026"]),
    validFrom: isoDate,
    validTo: isoDate.nullable(),
    unit: z.enum(["viec", "nghin_dong"]),
    fields: z.array(fieldSchema).min(1),
    rules: z.array(ruleSchema),
    indicators: z.array(indicatorSchema),
    rows: rowShapeSchema.optional(),
    notes: z.array(z.string()).optional(),
  })
  .superRefine((form, ctx) => {
    const keys = new Set<string>();
    const columns = new Set<number>();
    form.fields.forEach((f, i) => {
      if (keys.has(f.key)) ctx.addIssue({ code: "custom", path: ["fields", i, "key"], message: `duplicate field key "${f.key}"` });
      keys.add(f.key);
      if (f.column !== null) {
        if (columns.has(f.column)) ctx.addIssue({ code: "custom", path: ["fields", i, "column"], message: `duplicate column ${f.column}` });
        columns.add(f.column);
      }
      if (f.kind === "derived" && !f.formula) {
        ctx.addIssue({ code: "custom", path: ["fields", i, "formula"], message: "a derived field needs a formula" });
      }
    });
    form.fields.forEach((f, i) => {
      if (f.partOf !== undefined && !keys.has(f.partOf)) {
        ctx.addIssue({ code: "custom", path: ["fields", i, "partOf"], message: `unknown field "${f.partOf}"` });
      }
      if (f.formula) checkExpression(`{${f.key}} = ${f.formula}`, keys, ctx, ["fields", i, "formula"]);
    });
    const ruleIds = new Set<string>();
    form.rules.forEach((r, i) => {
      if (ruleIds.has(r.id)) ctx.addIssue({ code: "custom", path: ["rules", i, "id"], message: `duplicate rule id "${r.id}"` });
      ruleIds.add(r.id);
      checkExpression(r.expression, keys, ctx, ["rules", i, "expression"]);
    });
    const indicatorIds = new Set<string>();
    form.indicators.forEach((ind, i) => {
      if (indicatorIds.has(ind.id)) ctx.addIssue({ code: "custom", path: ["indicators", i, "id"], message: `duplicate indicator id "${ind.id}"` });
      indicatorIds.add(ind.id);
      const terms: [string, string[] | undefined][] = [
        ["numerator", ind.numerator], ["denominator", ind.denominator], ["remainderOf", ind.remainderOf], ["remainderLess", ind.remainderLess],
      ];
      for (const [part, list] of terms) {
        (list ?? []).forEach((term, j) => {
          // Terms naming another form are checked against that form when both are known (the registry).
          if (term.indexOf(":") < 0 && !keys.has(term)) {
            ctx.addIssue({ code: "custom", path: ["indicators", i, part, j], message: `unknown field "${term}"` });
          }
        });
      }
    });
    if (form.rows && form.rows.kind === "officer") {
      form.rows.fields.forEach((key, i) => {
        if (!keys.has(key)) ctx.addIssue({ code: "custom", path: ["rows", "fields", i], message: `unknown field "${key}"` });
      });
    }
    if (form.rows && form.rows.kind === "list") {
      const seen = new Set<string>();
      form.rows.columns.forEach((c, i) => {
        if (seen.has(c.key)) ctx.addIssue({ code: "custom", path: ["rows", "columns", i, "key"], message: `duplicate column key "${c.key}"` });
        seen.add(c.key);
      });
    }
    for (const cycle of derivedCycles(form.fields)) {
      ctx.addIssue({ code: "custom", path: ["fields"], message: `derived fields form a cycle: ${cycle.join(" → ")}` });
    }
    if (form.validTo !== null && form.validTo < form.validFrom) {
      ctx.addIssue({ code: "custom", path: ["validTo"], message: "validTo is before validFrom" });
    }
  });

/** Derived fields whose formulas end up needing themselves (a → b → a): each cycle once. */
function derivedCycles(fields: readonly { key: string; kind: string; formula?: string }[]): string[][] {
  const uses = new Map<string, string[]>();
  for (const f of fields) {
    if (f.kind !== "derived" || !f.formula) continue;
    const refs: string[] = [];
    const re = /\{([a-z][a-z0-9_]*)\}/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(f.formula)) !== null) if (m[1]) refs.push(m[1]);
    uses.set(f.key, refs);
  }
  const cycles: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const visit = (key: string, trail: string[]): void => {
    if (state.get(key) === "done") return;
    if (state.get(key) === "open") {
      cycles.push(trail.slice(trail.indexOf(key)).concat(key));
      return;
    }
    state.set(key, "open");
    for (const next of uses.get(key) ?? []) visit(next, trail.concat(key));
    state.set(key, "done");
  };
  for (const key of uses.keys()) visit(key, []);
  return cycles;
}

function checkExpression(text: string, keys: Set<string>, ctx: z.RefinementCtx, path: (string | number)[]): void {
  try {
    const compiled = compileRule({ id: "check", expression: text, severity: "error" });
    for (const ref of referencedFields(compiled)) {
      if (!keys.has(ref.key)) ctx.addIssue({ code: "custom", path, message: `unknown field "${ref.key}"` });
    }
  } catch (e) {
    if (!(e instanceof RuleSyntaxError)) throw e;
    ctx.addIssue({ code: "custom", path, message: `${e.en} (position ${e.position})` });
  }
}

// Keeps the hand-written interface and the schema from drifting apart.
type SchemaOutput = z.infer<typeof formDefinitionSchema>;
export type AssertSameShape = SchemaOutput extends FormDefinition
  ? FormDefinition extends SchemaOutput
    ? true
    : never
  : never;
const _sameShape: AssertSameShape = true;
void _sameShape;
