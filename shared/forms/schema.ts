import { z } from "zod";
import { definitionProblems } from "./definition-check";
import type { FormDefinition } from "./types";

/**
 * The contract a form definition must meet, whether shipped with the product or loaded
 * as JSON by a national administrator. Besides the shape, it checks what would otherwise
 * break at run time: rules that do not parse, rules or formulas naming fields the form
 * does not have, duplicate keys or columns.
 */

// A day that exists: a version "from 2026-02-30" would be stored and never be in force as written.
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "ISO date YYYY-MM-DD").pipe(z.iso.date());
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
  fromRows: z
    .strictObject({
      op: z.enum(["count", "sum"]),
      column: fieldKey.optional(),
      where: z.strictObject({ column: fieldKey, min: z.number().int().nonnegative().optional(), olderThanYears: z.number().int().positive().max(50).optional() }).optional(),
    })
    .optional(),
});

/** What a period of the collection is (types.ts PeriodType). */
const periodTypeSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("cumulative_month") }),
  z.strictObject({ kind: z.literal("snapshot_month"), deadlineDay: z.number().int().min(1).max(28) }),
  z.strictObject({ kind: z.literal("week"), deadlineWorkingDays: z.number().int().min(0).max(10) }),
]);

/**
 * "01", "02" and the forms of the circulars; a collection the Cục defines has its own id, e.g.
 * "TON-DONG": capitals, digits and hyphens, short enough for a sheet name, never ":" (a
 * term "form:field" names another form's field with it).
 */
export const FORM_ID_PATTERN = /^[0-9A-Z][0-9A-Z_-]{1,15}$/;

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
    id: z.string().regex(FORM_ID_PATTERN, "form id: 2–16 capitals, digits, - or _"),
    code: z.string().min(1),
    title: localText,
    regime: z.enum(["TT06_2019", "TT05_2024", "TT05_2026"]),
    validFrom: isoDate,
    validTo: isoDate.nullable(),
    period: periodTypeSchema.optional(),
    unit: z.enum(["viec", "nghin_dong"]),
    fields: z.array(fieldSchema).min(1),
    rules: z.array(ruleSchema),
    indicators: z.array(indicatorSchema),
    rows: rowShapeSchema.optional(),
    notes: z.array(z.string()).optional(),
  })
  .superRefine((form, ctx) => {
    // The same checks the task pane runs on a design sheet (plain TypeScript, no zod there).
    for (const p of definitionProblems(form)) ctx.addIssue({ code: "custom", path: p.path, message: p.en, params: { vi: p.vi } });
  });

// Keeps the hand-written interface and the schema from drifting apart.
type SchemaOutput = z.infer<typeof formDefinitionSchema>;
export type AssertSameShape = SchemaOutput extends FormDefinition
  ? FormDefinition extends SchemaOutput
    ? true
    : never
  : never;
const _sameShape: AssertSameShape = true;
void _sameShape;
