import { z } from "zod";
import { comparisonIndicatorSchema, indicatorSchema, statYearBodySchema, statYearSchema, targetComparisonSchema, typedText, unitCodeSchema, unitSchema } from "./schemas";

/**
 * The contracts of the two sheets people edit in Excel and push back (issue 16): the targets
 * of a statistical year (the caller's children × targeted indicators) and the list of a
 * parent's units. Kept beside schemas.ts rather than in it: schemas.ts cannot re-export this
 * file (it would be evaluated before the schemas it imports), so routes and tests import both.
 */

const localText = z.object({ vi: z.string(), en: z.string() });
const isoDate = z.iso.date();

// ---------- targets ----------

/** A target as assigned to one unit (its own, not inherited). */
export const targetStateSchema = z.object({
  targetPct: z.number(),
  provisional: z.boolean(),
  comparison: targetComparisonSchema,
  decisionRef: z.string().nullable(),
});
export type TargetState = z.infer<typeof targetStateSchema>;

export const targetsSheetQuerySchema = z.object({
  year: statYearSchema,
  /** Whose children: the caller's unit by default (an administrator may name a province). */
  parent: unitCodeSchema.optional(),
  /** "previous": every row without a target of its own is pre-filled with last year's result, provisional. */
  fill: z.enum(["previous"]).optional(),
});

export const targetsSheetRowSchema = z.object({
  unit: z.string(),
  name: z.string(),
  indicator: z.string(),
  /** The unit's own target for the year, null when it has none (it inherits). */
  own: targetStateSchema.nullable(),
  /** What it inherits from its ancestors (used when it has no own target): null targetPct when nothing. */
  inherited: z.object({
    targetPct: z.number().nullable(),
    provisional: z.boolean(),
    comparison: targetComparisonSchema,
    decisionRef: z.string().nullable(),
    source: z.string().nullable(),
    sourceName: z.string().nullable(),
  }),
  lastYear: z.object({
    /** The indicator as printed in last year's 12-month report (its predecessors' sums for a new unit). */
    result: z.number().nullable(),
    /** Whose figures: the unit itself, or the units it replaced. */
    sources: z.array(z.string()),
    /** Last year's effective target (own or inherited). */
    target: z.number().nullable(),
    comparison: targetComparisonSchema,
  }),
});
export type TargetsSheetRow = z.infer<typeof targetsSheetRowSchema>;

export const sheetIndicatorSchema = comparisonIndicatorSchema.pick({ id: true, form: true, label: true, short: true, direction: true, decimals: true });
export type SheetIndicator = z.infer<typeof sheetIndicatorSchema>;

/** GET /api/v1/targets/sheet: what the targets sheet shows, one row per child and indicator. */
export const targetsSheetSchema = z.object({
  year: z.number().int(),
  parent: z.object({ code: z.string(), name: z.string(), level: z.enum(["national", "province", "office"]) }),
  generatedAt: z.string(),
  indicators: z.array(sheetIndicatorSchema),
  rows: z.array(targetsSheetRowSchema),
});
export type TargetsSheet = z.infer<typeof targetsSheetSchema>;

/** One difference between a sheet and the stored targets: the target the unit should have (null: none of its own, inherit). */
export const targetChangeSchema = z.strictObject({
  unit: unitCodeSchema,
  indicator: indicatorSchema,
  // Numbers only here: range and decimals are checked by the shared validator, which names the cell.
  target: z
    .strictObject({
      targetPct: z.number(),
      provisional: z.boolean(),
      comparison: targetComparisonSchema,
      decisionRef: typedText().trim().max(200).nullable(),
    })
    .nullable(),
  /** Where the row's target sits on the sheet ("I7"), so that a refusal names the cell. */
  cell: z.string().regex(/^[A-Z]{1,3}[0-9]{1,7}$/).optional(),
});
export type TargetChange = z.infer<typeof targetChangeSchema>;

export const targetChangesRequestSchema = z.strictObject({
  year: statYearBodySchema,
  parent: unitCodeSchema,
  changes: z.array(targetChangeSchema).min(1).max(2000),
});
export type TargetChangesRequest = z.infer<typeof targetChangesRequestSchema>;

export const targetChangedSchema = z.object({
  unit: z.string(),
  indicator: z.string(),
  before: targetStateSchema.nullable(),
  after: targetStateSchema.nullable(),
});
export type TargetChanged = z.infer<typeof targetChangedSchema>;

/** POST /api/v1/targets/changes: what was written (nothing for a change that was already so). */
export const targetChangesResultSchema = z.object({
  year: z.number().int(),
  parent: z.string(),
  changed: z.array(targetChangedSchema),
  unchanged: z.number().int(),
});
export type TargetChangesResult = z.infer<typeof targetChangesResultSchema>;

// ---------- units ----------

export const unitsSheetQuerySchema = z.object({ parent: unitCodeSchema.optional() });

export const sheetTokenSchema = z.object({
  id: z.string(),
  label: z.string(),
  role: z.string(),
  expiresAt: z.string().nullable(),
});

export const unitsSheetRowSchema = unitSchema.extend({
  /** The latest period the unit (or, for a province, any office under it) has reported. */
  lastReport: z.string().nullable(),
  /** Tokens bound to the unit that still work: a closed unit's are revoked or expire. */
  tokens: z.array(sheetTokenSchema),
});
export type UnitsSheetRow = z.infer<typeof unitsSheetRowSchema>;

/** GET /api/v1/organisation/sheet: a parent's units of every validity (history stays). */
export const unitsSheetSchema = z.object({
  parent: unitSchema,
  generatedAt: z.string(),
  rows: z.array(unitsSheetRowSchema),
  /** The parent's ancestors and the units below its children: the rest of the tree a change is validated in. */
  context: z.array(unitSchema),
});
export type UnitsSheet = z.infer<typeof unitsSheetSchema>;

const unitKindSchema = unitSchema.shape.kind;

/** A unit as it should be after the push; the Worker compares it with what is stored. */
export const unitChangeSchema = z.strictObject({
  code: unitCodeSchema,
  // Typed by a person, as in PUT /api/v1/admin/units: no control or bidi-override characters.
  name: typedText().trim().min(1).max(200),
  kind: unitKindSchema,
  validFrom: isoDate,
  validTo: isoDate.nullable(),
  successorCode: unitCodeSchema.nullable(),
  /** The sheet row it came from, so that a refusal names the cell. */
  row: z.number().int().min(1).max(1048576).optional(),
});
export type UnitChange = z.infer<typeof unitChangeSchema>;

export const unitChangesRequestSchema = z.strictObject({
  parent: unitCodeSchema,
  changes: z.array(unitChangeSchema).min(1).max(300),
});
export type UnitChangesRequest = z.infer<typeof unitChangesRequestSchema>;

export const unitStateSchema = z.object({
  name: z.string(),
  kind: unitKindSchema,
  validFrom: z.string(),
  validTo: z.string().nullable(),
  successorCode: z.string().nullable(),
});
export type UnitState = z.infer<typeof unitStateSchema>;

export const unitActionSchema = z.enum(["add", "rename", "close", "reopen", "update"]);

export const unitConsequencesSchema = z.object({
  /** Periods whose stored totals change: none, because history stays with the old units. */
  periodsWithChangedTotals: z.array(z.string()),
  /** Units whose comparisons with earlier periods will use the figures of the units they replace. */
  samePeriod: z.array(z.object({ unit: z.string(), name: z.string(), predecessors: z.array(z.string()), from: z.string(), to: z.string() })),
  /** Units that existed before and now also succeed others: their comparisons keep their own figures. */
  keepOwnHistory: z.array(z.object({ unit: z.string(), name: z.string(), predecessors: z.array(z.string()) })),
  /** New units with no predecessor: no earlier figures to compare with until a year has passed. */
  withoutHistory: z.array(z.object({ unit: z.string(), name: z.string(), until: z.string() })),
  /** Tokens of closed units: revoked now, or expiring after the deadline of the unit's last report. */
  tokens: z.array(z.object({ id: z.string(), unit: z.string(), label: z.string(), action: z.enum(["revoke", "expire"]), at: z.string() })),
});
export type UnitConsequences = z.infer<typeof unitConsequencesSchema>;

export const unitChangedSchema = z.object({
  code: z.string(),
  action: unitActionSchema,
  before: unitStateSchema.nullable(),
  after: unitStateSchema,
});
export type UnitChanged = z.infer<typeof unitChangedSchema>;

/** POST /api/v1/organisation/changes: what was written and what follows from it. */
export const unitChangesResultSchema = z.object({
  parent: z.string(),
  changed: z.array(unitChangedSchema),
  unchanged: z.number().int(),
  consequences: unitConsequencesSchema,
});
export type UnitChangesResult = z.infer<typeof unitChangesResultSchema>;

// ---------- an uploaded sheet (the download page) ----------

/**
 * POST /api/v1/targets/upload: the edited .xlsx read and compared with what is stored; nothing is
 * written. A sheet with problems is refused (422, every problem by cell in `issues`).
 */
/** One difference as printed (shared/reports/targets/words.ts, units/words.ts): what the download page lists. */
const printedChangeSchema = z.object({ unit: z.string(), what: z.string(), before: z.string(), after: z.string() });

export const targetsUploadResultSchema = z.object({
  kind: z.literal("targets"),
  year: z.number().int(),
  parent: z.string(),
  changes: z.array(targetChangeSchema),
  diff: z.array(targetChangedSchema),
  lines: z.array(printedChangeSchema),
});
export type TargetsUploadResult = z.infer<typeof targetsUploadResultSchema>;

/** POST /api/v1/organisation/upload: the same for a units sheet. */
export const unitsUploadResultSchema = z.object({
  kind: z.literal("units"),
  parent: z.string(),
  changes: z.array(unitChangeSchema),
  diff: z.array(unitChangedSchema),
  consequences: unitConsequencesSchema,
  lines: z.array(printedChangeSchema),
  /** The consequences as sentences, in the order a reader checks them. */
  consequenceLines: z.array(z.string()),
});
export type UnitsUploadResult = z.infer<typeof unitsUploadResultSchema>;
