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
    indicators: z.object({
      dueField: fieldKey,
      baseField: fieldKey,
      doneFields: z.array(fieldKey).min(1),
    }),
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
    const ind = form.indicators;
    [ind.dueField, ind.baseField, ...ind.doneFields].forEach((k) => {
      if (!keys.has(k)) ctx.addIssue({ code: "custom", path: ["indicators"], message: `unknown field "${k}"` });
    });
    if (form.validTo !== null && form.validTo < form.validFrom) {
      ctx.addIssue({ code: "custom", path: ["validTo"], message: "validTo is before validFrom" });
    }
  });

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
