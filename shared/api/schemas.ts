import { z } from "zod";
import { FINDING_CODES } from "../findings";

/**
 * One schema per contract (STYLE.md 4): every request and response of the API, shared by
 * the Worker (which parses with them) and the add-in (which imports the types only, so
 * zod stays out of the IE11 bundle).
 */

// From 2020-01, the first period with a deadline rule and a form (TT 06/2019, in force from
// 2020-01-05), to 2099-12: a period such as 0000-01 or 9999-12 is a typing error, refused here
// rather than failing deep in a deadline computation. An older rule added to shared/periods
// moves the lower bound.
export const periodKeySchema = z.string().regex(/^20[2-9]\d-(0[1-9]|1[0-2])$/, "YYYY-MM, 2020-01 … 2099-12");
export const unitCodeSchema = z.string().regex(/^(VN|\d{2}|\d{2}-\d{2,3}|[A-Z0-9-]{2,24})$/, "unit code");
export const formIdSchema = z.string().regex(/^\d{2}$/, "two-digit form id");
export const roleSchema = z.enum(["clerk", "province", "national", "admin"]);
/** A statistical year in a query string: four decimal digits (not "0x7E6", " 2026" or "2026.0"). */
export const statYearSchema = z.string().regex(/^\d{4}$/, "YYYY").transform(Number).pipe(z.number().int().min(2000).max(2100));

const localText = z.object({ vi: z.string(), en: z.string() });

/** Free text a person types (an explanation, a reason): trimmed, no control characters but tab and line breaks. */
const freeText = (min: number, max: number) =>
  z.string().trim().min(min).max(max).regex(/^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]*$/, "text without control characters");

export const findingSchema = z.object({
  code: z.enum(FINDING_CODES),
  severity: z.enum(["error", "warning"]),
  ruleId: z.string().optional(),
  fields: z.array(z.string()),
  params: z.record(z.string(), z.unknown()),
  message: localText,
});

// ---------- errors ----------

/** Every error response: a stable code, a message in Vietnamese and English, and where it applies the details. */
export const errorBodySchema = z.object({
  error: z
    .object({
      code: z.string(),
      message: localText,
      /** Request fields that failed parsing: path and text. */
      issues: z.array(z.object({ path: z.string(), vi: z.string(), en: z.string() })).optional(),
      /** 422: the findings of the shared engine, each with its message. */
      findings: z.array(findingSchema).optional(),
      /** 409 revision_conflict: the server's current revision and values. */
      currentRevision: z.number().int().optional(),
      currentValues: z.record(z.string(), z.number().nullable()).optional(),
    })
    .catchall(z.unknown()),
  requestId: z.string(),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
export type IssueDetail = NonNullable<ErrorBody["error"]["issues"]>[number];

// ---------- submissions ----------

// Request bodies are strict: an unknown field is refused with its name, never silently dropped.
export const submissionRequestSchema = z.strictObject({
  id: z.uuid(),
  unit: unitCodeSchema,
  form: formIdSchema,
  period: periodKeySchema,
  // Numbers only: integer, sign and range checks are the shared engine's job, so that the
  // add-in and the Worker report them with the same findings and messages.
  values: z.record(z.string().max(64), z.number().nullable()),
  explanations: z.record(z.string().max(64), freeText(1, 2000)).optional(),
  baseRevision: z.number().int().nonnegative().optional(),
});
export type SubmissionRequest = z.infer<typeof submissionRequestSchema>;

export const rateWithTargetSchema = z.object({
  rate: z.number().nullable(),
  target: z.number().nullable(),
  targetProvisional: z.boolean(),
  gap: z.number().nullable(),
  met: z.boolean().nullable(),
});

export const submissionReceiptSchema = z.object({
  id: z.string(),
  unit: z.string(),
  form: z.string(),
  period: z.string(),
  revision: z.number().int(),
  regime: z.string(),
  contentHash: z.string(),
  /** When this revision arrived. */
  submittedAt: z.string(),
  submittedBy: z.string(),
  deadline: z.string(),
  /** When the report's first revision arrived: lateness is judged on it. */
  firstSubmittedAt: z.string(),
  /** The report was late: its FIRST revision arrived after the deadline (a correction is never late by itself). */
  late: z.boolean(),
  completion: rateWithTargetSchema,
  /** True when this answer replays an earlier request with the same id. */
  replayed: z.boolean(),
});
export type SubmissionReceipt = z.infer<typeof submissionReceiptSchema>;

export const submissionHistoryQuerySchema = z.object({
  unit: unitCodeSchema,
  form: formIdSchema,
  period: periodKeySchema,
});

export const submissionRevisionSchema = submissionReceiptSchema
  .omit({ completion: true, replayed: true })
  .extend({
    values: z.record(z.string(), z.number().nullable()),
    explanations: z.record(z.string(), z.string()),
  });
export type SubmissionRevision = z.infer<typeof submissionRevisionSchema>;

export const submissionHistorySchema = z.object({
  unit: z.string(),
  form: z.string(),
  period: z.string(),
  current: z.number().int().nullable(),
  revisions: z.array(submissionRevisionSchema),
});
export type SubmissionHistory = z.infer<typeof submissionHistorySchema>;

// ---------- discovery ----------

export const formsQuerySchema = z.object({ period: periodKeySchema.optional() });

export const unitSchema = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(["national", "province", "province_office", "regional_office"]),
  level: z.enum(["national", "province", "office"]),
  parentCode: z.string().nullable(),
  path: z.string(),
  reporting: z.boolean(),
  validFrom: z.string(),
  validTo: z.string().nullable(),
  successorCode: z.string().nullable(),
});
export type UnitDto = z.infer<typeof unitSchema>;

// ---------- roll-ups ----------

export const rollupQuerySchema = z.object({
  unit: unitCodeSchema,
  form: formIdSchema,
  period: periodKeySchema,
});

export const rollupSchema = z.object({
  unit: z.string(),
  unitName: z.string(),
  level: z.string(),
  form: z.string(),
  period: z.string(),
  contributors: z.number().int(),
  expected: z.number().int(),
  values: z.record(z.string(), z.number()),
  indicators: z.object({
    done: z.number(),
    base: z.number(),
    due: z.number(),
    rate: z.number().nullable(),
    carriedOver: z.number(),
  }),
  updatedAt: z.string().nullable(),
});
export type Rollup = z.infer<typeof rollupSchema>;

// ---------- targets ----------

export const indicatorSchema = z.enum(["rate_viec", "rate_tien"]);
export const targetsQuerySchema = z.object({ year: statYearSchema, unit: unitCodeSchema.optional() });
export const targetPutSchema = z.strictObject({
  year: z.number().int().min(2000).max(2100),
  targets: z
    .array(
      z.strictObject({
        unit: unitCodeSchema,
        indicator: indicatorSchema,
        targetPct: z.number().min(0).max(100),
        provisional: z.boolean().default(false),
      }),
    )
    .min(1)
    .max(500),
});
export const effectiveTargetSchema = z.object({
  unit: z.string(),
  indicator: indicatorSchema,
  targetPct: z.number().nullable(),
  provisional: z.boolean(),
  /** The unit the target was set on: the unit itself, or the ancestor it is inherited from. */
  source: z.string().nullable(),
});
export type EffectiveTarget = z.infer<typeof effectiveTargetSchema>;

// ---------- comparisons & completeness ----------

export const comparisonQuerySchema = z.object({
  parent: unitCodeSchema,
  form: formIdSchema,
  period: periodKeySchema,
});

const changeSchema = z.object({
  previous: z.number().nullable(),
  change: z.number().nullable(),
  changePct: z.number().nullable(),
});

export const comparisonRowSchema = z.object({
  unit: z.string(),
  name: z.string(),
  isTotal: z.boolean(),
  submitted: z.boolean(),
  values: z.record(z.string(), z.number()),
  done: z.number(),
  base: z.number(),
  rate: z.number().nullable(),
  target: z.number().nullable(),
  targetProvisional: z.boolean(),
  gap: z.number().nullable(),
  prevMonth: z.object({ rate: z.number().nullable(), rateChange: z.number().nullable(), done: changeSchema }),
  samePeriodLastYear: z.object({
    rate: z.number().nullable(),
    rateChange: z.number().nullable(),
    done: changeSchema,
    /** Units whose reports make up cùng kỳ: the unit itself, or the units it replaced in a re-organisation. */
    sources: z.array(z.string()),
  }),
  rank: z.number().int().nullable(),
  flags: z.object({
    belowTarget: z.boolean(),
    targetsMet: z.enum(["met_2", "met_1", "met_0"]).nullable(),
    belowNationalAverage: z.boolean(),
    late: z.boolean(),
    missing: z.boolean(),
  }),
  /** Reporting units under this row's unit: expected, late (first revision after the deadline), missing. */
  expectedCount: z.number().int(),
  lateCount: z.number().int(),
  missingCount: z.number().int(),
});
export type ComparisonRow = z.infer<typeof comparisonRowSchema>;

export const comparisonSchema = z.object({
  parent: z.string(),
  parentName: z.string(),
  form: z.string(),
  period: z.string(),
  periodLabel: z.string(),
  nationalAverage: z.number().nullable(),
  rows: z.array(comparisonRowSchema),
  generatedAt: z.string(),
});
export type Comparison = z.infer<typeof comparisonSchema>;

export const completenessQuerySchema = z.object({ parent: unitCodeSchema, period: periodKeySchema });
export const completenessRowSchema = z.object({
  unit: z.string(),
  name: z.string(),
  form: z.string(),
  status: z.enum(["on_time", "late", "missing"]),
  deadline: z.string(),
  submittedAt: z.string().nullable(),
  revision: z.number().int().nullable(),
});
export const completenessSchema = z.object({
  parent: z.string(),
  parentName: z.string(),
  period: z.string(),
  /** When the server computed it (the sheets' "time of retrieval"). */
  generatedAt: z.string(),
  expected: z.number().int(),
  onTime: z.number().int(),
  late: z.number().int(),
  missing: z.number().int(),
  rows: z.array(completenessRowSchema),
});
export type Completeness = z.infer<typeof completenessSchema>;

// ---------- periods, admin ----------

export const periodLockSchema = z.strictObject({
  province: unitCodeSchema,
  period: periodKeySchema,
  reason: freeText(0, 500).optional(),
});

export const tokenCreateSchema = z.object({
  role: roleSchema,
  unit: unitCodeSchema,
  label: z.string().trim().min(1).max(200),
});
export const tokenCreatedSchema = z.object({
  id: z.string(),
  token: z.string(),
  role: roleSchema,
  unit: z.string(),
  label: z.string(),
});

export const unitUpsertSchema = unitSchema.omit({ path: true, level: true, reporting: true });
