import { z } from "zod";
import { FINDING_CODES } from "../findings";
import {
  FIRST_REPORTING_STAT_YEAR,
  FIRST_REPORTING_YEAR,
  LAST_REPORTING_STAT_YEAR,
  LAST_REPORTING_YEAR,
} from "../periods/period";
import { findForbiddenCharacter, forbiddenCharacterText } from "../text/characters";
import { formDefinitionSchema, FORM_ID_PATTERN } from "../forms/schema";
import { periodKeyKind } from "../forms/collection-period";
import { COMPARISON_BASES, type Basis } from "../reports/comparison/bases";

/**
 * One schema per contract (docs/engineering.md, Conventions): every request and response of the API, shared by
 * the Worker (which parses with them) and the add-in (which imports the types only, so
 * zod stays out of the IE11 bundle).
 */

/**
 * A period the system serves: "YYYY-MM" with a year from FIRST_REPORTING_YEAR (2020) to
 * LAST_REPORTING_YEAR (2099), the same set as shared/periods `isReportingPeriod` (a test holds
 * them together), so that no route accepts a key that period arithmetic then refuses with a 500.
 * A pattern rather than a refinement, so that the OpenAPI document states it.
 */
export const periodKeySchema = z
  .string()
  .regex(/^20[2-9]\d-(0[1-9]|1[0-2])$/, `YYYY-MM with a year from ${FIRST_REPORTING_YEAR} to ${LAST_REPORTING_YEAR}, e.g. 2026-09`);
/** Unit codes name path segments ("/VN/52/52-01/"): never "/", never empty. */
export const unitCodeSchema = z.string().regex(/^(VN|\d{2}|\d{2}-\d{2,3}|[A-Z0-9-]{2,24})$/, "unit code");
/**
 * A period of any collection: a month "2026-03" (cumulative or snapshot) or an ISO week
 * "2026-W12". Whether it is a period of the collection asked for is decided once its definition
 * is read (shared/forms/collection-period.ts): a 400 naming the field otherwise.
 */
export const reportPeriodSchema = z
  .string()
  // abort: a malformed key is one issue, not two.
  .regex(/^20[2-9]\d-((0[1-9]|1[0-2])|W(0[1-9]|[1-4]\d|5[0-3]))$/, { message: "YYYY-MM or YYYY-Www, 2020 … 2099", abort: true })
  .refine((k) => periodKeyKind(k) !== null, "no such week in that year");
export const formIdSchema = z.string().regex(FORM_ID_PATTERN, "form id: 2–16 capitals, digits, - or _");
/** "head": the unit's head (Thủ trưởng) or the person authorised to confirm its reports (issue 13). */
export const roleSchema = z.enum(["clerk", "head", "province", "national", "admin"]);
export type Role = z.infer<typeof roleSchema>;
/**
 * A statistical year in a query string (a year runs October → September): four decimal digits,
 * not "0x7E6", " 2026" or "2026.0", within the years of the accepted periods.
 */
export const statYearSchema = z
  .string()
  .regex(/^\d{4}$/, "YYYY")
  .transform(Number)
  .pipe(z.number().int().min(FIRST_REPORTING_STAT_YEAR).max(LAST_REPORTING_STAT_YEAR));
/** A statistical year in a JSON body: the same years as `statYearSchema`. */
export const statYearBodySchema = z.number().int().min(FIRST_REPORTING_STAT_YEAR).max(LAST_REPORTING_STAT_YEAR);
/** A calendar date, YYYY-MM-DD, that exists. */
export const isoDateSchema = z.iso.date();

/**
 * Text a person typed: no NUL, control or bidirectional-override characters (they corrupt
 * exports and can disguise what is displayed). The message names the character; the path
 * names the field. `multiline` allows line breaks and tabs (explanations).
 */
export function typedText(options: { multiline?: boolean } = {}) {
  return z.string().superRefine((text, ctx) => {
    const bad = findForbiddenCharacter(text, options);
    if (bad === null) return;
    const words = forbiddenCharacterText(bad);
    ctx.addIssue({ code: "custom", message: words.en, params: words });
  });
}

const localText = z.object({ vi: z.string(), en: z.string() });

/** Free text a person types (an explanation, a reason): trimmed, no control characters but tab and line breaks. */

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

// ---------- sign-off (docs/domain.md, "Sign-off") ----------

export const correctionMarksSchema = z.object({
  /** A second or later revision: a báo cáo bổ sung. */
  correction: z.boolean(),
  afterDeadline: z.boolean(),
  /** Sent after the parent had accepted an earlier revision. */
  afterAcceptance: z.boolean(),
});

export const cellCommentSchema = z.object({ field: z.string().min(1).max(64), comment: typedText({ multiline: true }).trim().min(1).max(500) });

export const revisionSignoffSchema = z.object({
  confirmedAt: z.string().nullable(),
  confirmedBy: z.string().nullable(),
  decision: z.enum(["accepted", "returned"]).nullable(),
  decidedAt: z.string().nullable(),
  decidedBy: z.string().nullable(),
  comment: z.string().nullable(),
  cells: z.array(cellCommentSchema),
});

// ---------- submissions ----------

/** shared/forms/types.ts SubmittedRow: typed text as everywhere a clerk types (no control or bidi characters). */
export const submittedRowSchema = z.strictObject({
  key: typedText().trim().min(1).max(64),
  label: typedText().trim().min(1).max(200),
  values: z.record(z.string().max(64), z.union([z.number(), typedText().max(500)]).nullable()),
});

// Request bodies are strict: an unknown top-level field is a 400 that names it, not silently
// dropped (a client that thinks it sent "approvedBy" should learn that nothing read it).
export const submissionRequestSchema = z.strictObject({
  id: z.uuid(),
  unit: unitCodeSchema,
  form: formIdSchema,
  period: reportPeriodSchema,
  // Numbers only: integer, sign and range checks are the shared engine's job, so that the
  // add-in and the Worker report them with the same findings and messages.
  values: z.record(z.string().max(64), z.number().nullable()),
  explanations: z.record(z.string().max(64), typedText({ multiline: true }).trim().min(1).max(2000)).optional(),
  baseRevision: z.number().int().nonnegative().optional(),
  /** Giải trình bổ sung: required for a second or later revision of a period (TT 05/2024 Art. 11). */
  reason: typedText({ multiline: true }).trim().min(1).max(2000).optional(),
  // The rows of a form whose rows are officers or cases (shared/forms/types.ts RowShape);
  // like values, their cells are checked by the shared engine, not here.
  rows: z.array(submittedRowSchema).max(5000).optional(),
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
  /** The written reason of a correction; null for a first report. */
  reason: z.string().nullable(),
  marks: correctionMarksSchema,
  completion: rateWithTargetSchema,
  /** True when this answer replays an earlier request with the same id. */
  replayed: z.boolean(),
});
export type SubmissionReceipt = z.infer<typeof submissionReceiptSchema>;

export const submissionHistoryQuerySchema = z.object({
  unit: unitCodeSchema,
  form: formIdSchema,
  period: reportPeriodSchema,
});

export const submissionRevisionSchema = submissionReceiptSchema
  .omit({ completion: true, replayed: true })
  .extend({
    values: z.record(z.string(), z.number().nullable()),
    explanations: z.record(z.string(), z.string()),
    state: z.enum(["sent", "confirmed", "accepted", "returned"]),
    signoff: revisionSignoffSchema,
    /** The rows stored with the revision, for forms whose rows are officers or cases. */
    rows: z.array(submittedRowSchema).optional(),
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

export const formsQuerySchema = z.object({ period: reportPeriodSchema.optional() });

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

/**
 * "latest" (the default): every unit's latest revision, counted the moment it arrives.
 * "accepted": every unit's latest revision its parent ACCEPTED, summed from those revisions'
 * own figures (the stored totals hold latest values); a unit without one is not counted.
 */
export const figuresSchema = z.enum(["latest", "accepted"]);
export type Figures = z.infer<typeof figuresSchema>;

export const rollupQuerySchema = z.object({
  unit: unitCodeSchema,
  form: formIdSchema,
  period: reportPeriodSchema,
  figures: figuresSchema.default("latest"),
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
  /** The form's indicators from the node's sums. */
  indicators: z.record(z.string(), z.object({
    numerator: z.number(),
    denominator: z.number(),
    rate: z.number().nullable(),
    printed: z.number().nullable(),
    remainder: z.number().nullable(),
  })),
  updatedAt: z.string().nullable(),
  /** Which revisions the sums come from (figuresSchema). */
  figures: figuresSchema,
});
export type Rollup = z.infer<typeof rollupSchema>;

// ---------- targets ----------

export const targetComparisonSchema = z.enum(["gte", "gt", "lte", "lt"]);

/** An indicator id of a form definition; the Worker checks it exists for the year. */
export const indicatorSchema = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, "indicator id");
export const targetsQuerySchema = z.object({ year: statYearSchema, unit: unitCodeSchema.optional() });
export const targetPutSchema = z.strictObject({
  year: statYearBodySchema,
  targets: z
    .array(
      z.strictObject({
        unit: unitCodeSchema,
        indicator: indicatorSchema,
        targetPct: z.number().min(0).max(100).refine((x) => Math.round(x * 100) / 100 === x, "at most two decimals"),
        provisional: z.boolean().default(false),
        /** How the plan words it: "≥ 84,70%" (gte, the default) or "> 84,70%" (gt); lte/lt where less is better. */
        comparison: targetComparisonSchema.optional(),
        /** The decision that assigned it ("Quyết định số 12/QĐ-CQLTHADS"), for the audit and the sheet. */
        decisionRef: typedText().trim().max(200).optional(),
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
  comparison: targetComparisonSchema,
  decisionRef: z.string().nullable(),
  /** The unit the target was set on: the unit itself, or the ancestor it is inherited from. */
  source: z.string().nullable(),
});
export type EffectiveTarget = z.infer<typeof effectiveTargetSchema>;

// ---------- comparisons & completeness ----------


export const comparisonQuerySchema = z.object({
  parent: unitCodeSchema,
  form: formIdSchema,
  period: reportPeriodSchema,
  figures: figuresSchema.default("latest"),
  /** Which sheet a CSV holds: the comparison (default) or its details (the .xlsx has both). */
  view: z.enum(["comparison", "details"]).optional(),
});

export const basisSchema = z.enum(COMPARISON_BASES);
export type { Basis };

/**
 * "reported": every reporting unit under the row has reported; "partial": some have, the
 * figures are a partial total; "not_reported": none has ("chưa báo cáo", never zeros).
 */
export const reportStatusSchema = z.enum(["reported", "partial", "not_reported"]);
export type ReportStatus = z.infer<typeof reportStatusSchema>;

const valueChangeSchema = z.object({
  previous: z.number().nullable(),
  change: z.number().nullable(),
  changePct: z.number().nullable(),
});
export type ValueChange = z.infer<typeof valueChangeSchema>;

/**
 * An indicator against another period: that period's printed rate, the change in points
 * between the printed rates, and the change of the numerator ("tăng 33.568 việc, 9,63%").
 */
const rateChangeSchema = z.object({
  printed: z.number().nullable(),
  change: z.number().nullable(),
  numerator: valueChangeSchema,
  /** The base of the rate ("có điều kiện") then and its change. */
  denominator: valueChangeSchema,
  /** Σ remainderOf ("phải thi hành") then and its change; all null where the indicator has no remainder. */
  due: valueChangeSchema,
  /** What was carried to the next period ("chuyển kỳ sau") then and its change. */
  remainder: valueChangeSchema,
  /** Rank among the rows at that period (as printed then), and places gained since (+2: two places up). */
  rank: z.number().int().nullable(),
  rankChange: z.number().int().nullable(),
});
export type RateChange = z.infer<typeof rateChangeSchema>;

export const indicatorCellSchema = z.object({
  numerator: z.number().nullable(),
  denominator: z.number().nullable(),
  /** Exact percent, for programs; every surface prints `printed`. */
  rate: z.number().nullable(),
  /** The rate rounded to the indicator's decimals: compared, ranked and differenced as such. */
  printed: z.number().nullable(),
  remainder: z.number().nullable(),
  /** Σ remainderOf ("tổng số phải thi hành"), the figure the remainder is taken from; null where there is none. */
  due: z.number().nullable(),
  target: z.number().nullable(),
  targetProvisional: z.boolean(),
  targetComparison: z.enum(["gte", "gt", "lte", "lt"]),
  /** The unit the target was set on (itself or an ancestor it inherits from). */
  targetSource: z.string().nullable(),
  /** Printed rate − target, in points. */
  gap: z.number().nullable(),
  met: z.boolean().nullable(),
  rank: z.number().int().nullable(),
  /** Below the national average (above, where less is better), both as printed. */
  worseThanAverage: z.boolean().nullable(),
  vs: z.record(basisSchema, rateChangeSchema),
});
export type IndicatorCell = z.infer<typeof indicatorCellSchema>;

export const basisRowSchema = z.object({
  status: reportStatusSchema,
  values: z.record(z.string(), z.number()),
  /** Units whose reports make up the figure: the unit itself, or the units it replaced in a re-organisation. */
  sources: z.array(z.string()),
  changes: z.record(z.string(), valueChangeSchema),
  /**
   * When the current figure or this one is partial: both sums over the reporting units that
   * reported in both periods, so the change compares like with like.
   */
  likeForLike: z
    .object({
      units: z.number().int(),
      current: z.record(z.string(), z.number()),
      previous: z.record(z.string(), z.number()),
      changes: z.record(z.string(), valueChangeSchema),
      indicators: z.record(z.string(), z.object({ printed: z.number().nullable(), previous: z.number().nullable(), change: z.number().nullable() })),
    })
    .nullable(),
});
export type BasisRow = z.infer<typeof basisRowSchema>;

/**
 * A unit's projected year-end rate of one targeted indicator: its rate now carried to
 * September along last year's monthly path (its own and the country's; see `outlook`).
 */
export const outlookCellSchema = z.object({
  /** The projected 12-month rate, as printed; null without a rate now or a path last year. */
  projected: z.number().nullable(),
  /** Projected − target in points (printed); null without a target. */
  gap: z.number().nullable(),
  /** Projected to miss the target (as the target is read: ≥, >…); null when it cannot be said. */
  atRisk: z.boolean().nullable(),
  /** Whose path of last year was followed; null where none was (September, or an indicator projected as a level). */
  profile: z.enum(["own_and_national", "own", "national"]).nullable(),
});
export type OutlookCell = z.infer<typeof outlookCellSchema>;

/** Rates by month of the statistical year (October first), as printed: this year so far and last year. */
export const trendLineSchema = z.object({ thisYear: z.array(z.number().nullable()), lastYear: z.array(z.number().nullable()) });
export type TrendLine = z.infer<typeof trendLineSchema>;

export const comparisonRowSchema = z.object({
  unit: z.string(),
  name: z.string(),
  /** "Gia Lai", "Khu vực 3": short enough for a chart axis or a sentence. */
  shortName: z.string(),
  isTotal: z.boolean(),
  status: reportStatusSchema,
  /** Reporting units under (or at) this row for the form: expected, reported, late (first report after the deadline), missing. */
  expected: z.number().int(),
  reported: z.number().int(),
  late: z.number().int(),
  missing: z.number().int(),
  values: z.record(z.string(), z.number()),
  /** Every indicator in force for the period, of every form: the verdict counts them all. */
  indicators: z.record(z.string(), indicatorCellSchema),
  /** Rank of each line (field) among the rows, "xếp thứ 5/34". */
  ranks: z.record(z.string(), z.number().int().nullable()),
  /** "Đạt k/n chỉ tiêu" over the indicators with a target for this unit. */
  verdict: z.object({ met: z.number().int(), assessable: z.number().int() }).nullable(),
  bases: z.record(basisSchema, basisRowSchema),
  /** How much of the row's latest figures the heads confirmed and the parents accepted ("đã xác nhận 12/15 đơn vị"). */
  signoff: z.object({
    /** The row is one office: its state in words rather than fractions. */
    office: z.boolean(),
    expected: z.number().int(),
    confirmed: z.number().int(),
    accepted: z.number().int(),
    returned: z.number().int(),
    /** A province's report as the Cục decided on it, while that decision is about its current figures. */
    decision: z.enum(["accepted", "returned"]).nullable(),
  }),
  /** For each targeted indicator: the projected year-end rate and whether the target is at risk. */
  outlook: z.record(z.string(), outlookCellSchema),
  /** For each targeted indicator: the rate month by month, this year and last year. */
  trend: z.record(z.string(), trendLineSchema),
});
export type ComparisonRow = z.infer<typeof comparisonRowSchema>;

export const comparisonIndicatorSchema = z.object({
  id: z.string(),
  form: z.string(),
  label: localText,
  short: localText,
  direction: z.enum(["higher", "lower"]),
  decimals: z.number().int(),
  targeted: z.boolean(),
  /** The national rate (Σ over the country) for this period, as printed. */
  nationalAverage: z.number().nullable(),
});
export type ComparisonIndicator = z.infer<typeof comparisonIndicatorSchema>;

/**
 * What a report says first about the rows, as data: how many units met k of their n targets
 * (names for all but those that met every one), who is below target and below the national
 * average for each targeted indicator, who is late or missing, and who is at risk of
 * missing a target by the year's end. Units are named by code; the rows give their names.
 */
export const comparisonSummarySchema = z.object({
  /** The rows summarised: the parent's units valid at the period's end (the total excluded). */
  units: z.number().int(),
  /** "đạt k/n chỉ tiêu": units grouped by targets met of those assessable, most met first. */
  verdicts: z.array(z.object({ met: z.number().int(), assessable: z.number().int(), units: z.array(z.string()) })),
  /** Units with no assessable target (no report, no rate, no target). */
  noVerdict: z.array(z.string()),
  /** For each targeted indicator: below its target, and worse than the national average, both as printed. */
  indicators: z.array(
    z.object({
      indicator: z.string(),
      met: z.array(z.string()),
      below: z.array(z.string()),
      nationalAverage: z.number().nullable(),
      worseThanAverage: z.array(z.string()),
      /** Projected to miss the target at the year's end (see `outlook`). */
      atRisk: z.array(z.string()),
    }),
  ),
  /** Reporting units under the parent for the compared form, and the rows with late or missing ones. */
  reporting: z.object({
    expected: z.number().int(),
    reported: z.number().int(),
    late: z.number().int(),
    missing: z.number().int(),
    lateRows: z.array(z.string()),
    missingRows: z.array(z.string()),
  }),
});
export type ComparisonSummary = z.infer<typeof comparisonSummarySchema>;

export const comparisonSchema = z.object({
  parent: z.string(),
  parentName: z.string(),
  form: z.string(),
  period: z.string(),
  periodLabel: z.string(),
  /** The definition the period is computed with (each base period uses its own). */
  definition: z.object({ validFrom: z.string(), regime: z.string(), code: z.string(), periodKind: z.enum(["cumulative_month", "snapshot_month", "week"]).optional() }),
  /** The form's own indicators first (its headline first), then those of the other forms in force. */
  indicators: z.array(comparisonIndicatorSchema),
  bases: z.record(basisSchema, z.object({ period: z.string().nullable(), label: z.string() })),
  rows: z.array(comparisonRowSchema),
  /** Which revisions the figures come from (see figuresSchema). */
  figures: figuresSchema,
  summary: comparisonSummarySchema,
  /** How the year-end projections were made, in words for the sheet, and from which year's path. */
  outlook: z.object({ month: z.number().int(), profileYear: z.number().int(), method: z.string() }),
  /** The months of the trend ("T10" … "T9"), the two years, and the country's line (the reference on a province's sheet). */
  trend: z.object({ months: z.array(z.string()), thisYear: z.number().int(), lastYear: z.number().int(), national: z.record(z.string(), trendLineSchema) }),
  generatedAt: z.string(),
});
export type Comparison = z.infer<typeof comparisonSchema>;

/** The report of a scope (the country or a province) and a period: its text, or its Word document. */
export const reportTextQuerySchema = z.object({ parent: unitCodeSchema, period: periodKeySchema });

/** The report text as data: title, scope and source lines, paragraphs (GET /api/v1/reports/text with Accept: application/json). */
export const reportTextSchema = z.object({ title: z.string(), lines: z.array(z.string()), paragraphs: z.array(z.string()) });
export type ReportTextDto = z.infer<typeof reportTextSchema>;

export const completenessQuerySchema = z.object({ parent: unitCodeSchema, period: reportPeriodSchema });
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
  // A month, or a week of a weekly collection: a lock closes every collection of that period.
  period: reportPeriodSchema,
  reason: typedText({ multiline: true }).trim().max(500).optional(),
});

/** Who holds a token: a person or a team, one line. */
export const tokenLabelSchema = typedText().trim().min(1).max(200);

export const tokenCreateSchema = z.strictObject({
  role: roleSchema,
  unit: unitCodeSchema,
  label: tokenLabelSchema,
  /** The token's last day (in Vietnam); default: the deployment's lifetime (13 months). */
  lastDay: isoDateSchema.optional(),
});
export const tokenCreatedSchema = z.object({
  id: z.string(),
  /** Shown once: only its hash is stored. */
  token: z.string(),
  role: roleSchema,
  unit: z.string(),
  label: z.string(),
  expiresAt: z.string(),
});

/** A province hands tokens to its offices: one per office, each with its holder's name. */
export const tokenBulkSchema = z.strictObject({
  province: unitCodeSchema,
  /**
   * Whose tokens: the offices' clerks (the default) or their heads (Thủ trưởng, who confirm the
   * reports, issue 13). Never a province-level or national role: those come from the administrator.
   */
  role: z.enum(["clerk", "head"]).optional(),
  holders: z.array(z.strictObject({ unit: unitCodeSchema, label: tokenLabelSchema })).min(1).max(100),
  lastDay: isoDateSchema.optional(),
  /** Revoke the offices' current clerk tokens in the same step (the yearly handout). */
  replaceExisting: z.boolean().optional(),
});
export type TokenBulkRequest = z.infer<typeof tokenBulkSchema>;

export const tokenBulkIssuedSchema = z.object({
  province: z.string(),
  provinceName: z.string(),
  issuedAt: z.string(),
  expiresAt: z.string(),
  tokens: z.array(tokenCreatedSchema.extend({ unitName: z.string(), replaces: z.array(z.string()) })),
});
export type TokenBulkIssued = z.infer<typeof tokenBulkIssuedSchema>;

/**
 * A whole number in a query string: decimal digits only (not " 20", "0x10", "1e3" or "20.0"),
 * within [min, max].
 */
export function queryIntSchema(min: number, max: number) {
  return z.string().regex(/^\d{1,16}$/, "decimal digits").transform(Number).pipe(z.number().int().min(min).max(max));
}

/** GET /api/v1/admin/audit: the newest `limit` entries, older than the entry `before` when paging back. */
export const auditQuerySchema = z.object({
  limit: queryIntSchema(1, 500).default(100),
  before: queryIntSchema(1, Number.MAX_SAFE_INTEGER).optional(),
});

export const tokenListQuerySchema = z.object({
  unit: unitCodeSchema.optional(),
  revoked: z.enum(["0", "1"]).optional(),
});

/** A token as listed: never the token or its hash. */
export const tokenInfoSchema = z.object({
  id: z.string(),
  role: roleSchema,
  unit: z.string(),
  unitName: z.string(),
  label: z.string(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  replacedBy: z.string().nullable(),
});
export type TokenInfo = z.infer<typeof tokenInfoSchema>;
export const tokenListSchema = z.object({ unit: z.string(), tokens: z.array(tokenInfoSchema) });
/** Rotation: the new token (shown once) and the one it replaced, now revoked. */
export const tokenRotatedSchema = tokenCreatedSchema.extend({ replaces: z.string() });

/** Who the caller is, as GET /api/v1/units tells it: the pane warns before `expiresAt`. */
export const callerSchema = z.object({
  tokenId: z.string(),
  role: roleSchema,
  unit: z.string(),
  label: z.string(),
  expiresAt: z.string().nullable(),
});
export type Caller = z.infer<typeof callerSchema>;

/** What an administrator sends for one unit; level, reporting and path follow from kind and parent. */
export const unitUpsertSchema = z.strictObject({
  code: unitCodeSchema,
  name: typedText().trim().min(1).max(200),
  kind: unitSchema.shape.kind,
  parentCode: unitCodeSchema.nullable(),
  validFrom: isoDateSchema,
  validTo: isoDateSchema.nullable(),
  successorCode: unitCodeSchema.nullable(),
});

// ---------- responses of the reference, target, period and admin routes ----------

export const healthSchema = z.object({ ok: z.literal(true) });

/** GET /api/v1/units: what the caller may see, and the units above it (for names and parents). */
export const unitsResponseSchema = z.object({
  units: z.array(unitSchema),
  ancestors: z.array(unitSchema),
  /** Who the token belongs to and when it ends (absent from servers before issue 9). */
  caller: callerSchema.optional(),
});
export type UnitsResponse = z.infer<typeof unitsResponseSchema>;

/** GET /api/v1/forms: the definitions in force for `period`, or every one when no period was asked. */
export const formsResponseSchema = z.object({ period: reportPeriodSchema.nullable(), forms: z.array(formDefinitionSchema) });

export const targetsResponseSchema = z.object({ year: z.number().int(), targets: z.array(effectiveTargetSchema) });
export const targetsSavedSchema = z.object({ year: z.number().int(), saved: z.number().int().min(1) });

export const periodLocksSchema = z.object({
  locks: z.array(z.object({ province: z.string(), period: reportPeriodSchema, closed: z.boolean(), changedAt: z.string(), reason: z.string().nullable() })),
});
export const periodLockResultSchema = z.object({ province: z.string(), period: reportPeriodSchema, closed: z.boolean() });

export const tokenRevokedSchema = z.object({ id: z.string(), revoked: z.literal(true) });
/** GET /api/v1/admin/consistency: each check of `npm run check` with the rows that differ. */
export const consistencySchema = z.object({
  checks: z.array(
    z.object({
      id: z.string(),
      title: localText,
      differences: z.array(z.object({
        node: z.string(), form: z.string(), period: z.string(), field: z.string(),
        stored: z.union([z.number(), z.string()]).nullable(), recomputed: z.union([z.number(), z.string()]).nullable(),
      })),
    }),
  ),
  differences: z.number().int(),
});
export const unitSavedSchema = z.object({ unit: unitSchema });
export const formSavedSchema = z.object({ form: formIdSchema, regime: z.string(), saved: z.literal(true) });
export const auditSchema = z.object({
  entries: z.array(
    z.object({
      id: z.number().int(),
      at: z.string(),
      actor: z.string(),
      role: z.string(),
      action: z.string(),
      target: z.string(),
      requestId: z.string(),
      detail: z.record(z.string(), z.unknown()),
    }),
  ),
});

// ---------- sign-off: confirmation, review, review board ----------

const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, "SHA-256, 64 hex digits");

/** The head confirms the revision whose content hash it saw: a hash that is not the revision's is refused. */
export const confirmRequestSchema = z.strictObject({ contentHash: sha256HexSchema });

/**
 * The parent's decision on an office's revision. A return needs a comment (checked by the
 * handler, 422); `cells` puts comments on the form's cells, by field.
 */
export const reviewRequestSchema = z.strictObject({
  decision: z.enum(["accept", "return"]),
  contentHash: sha256HexSchema,
  comment: typedText({ multiline: true }).trim().min(1).max(2000).optional(),
  cells: z.array(z.strictObject({ field: z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, "field key"), comment: typedText({ multiline: true }).trim().min(1).max(500) })).max(100).optional(),
});
export type ReviewRequest = z.infer<typeof reviewRequestSchema>;

/**
 * The Cục's decision on a province's report for a form and period: the province's offices'
 * latest revisions, named by `basis` (as the review board gives it) so that a decision is
 * always about the figures the Cục saw.
 */
export const nodeReviewRequestSchema = z.strictObject({
  unit: unitCodeSchema,
  form: formIdSchema,
  period: reportPeriodSchema,
  basis: sha256HexSchema,
  decision: z.enum(["accept", "return"]),
  comment: typedText({ multiline: true }).trim().min(1).max(2000).optional(),
});
export type NodeReviewRequest = z.infer<typeof nodeReviewRequestSchema>;

export const revisionQuerySchema = z.object({ id: z.uuid() });

/**
 * A revision as the review card prints it, printed by the Worker with the functions the pane uses
 * (shared/signoff/printed.ts), for a page that cannot import them (/tai-ve): state words, marks,
 * figures in Vietnamese number style, findings, history, the parent's comments, and what the
 * caller may do with it.
 */
export const printedRevisionSchema = z.object({
  title: z.string(),
  state: z.string(),
  facts: z.array(z.object({ label: z.string(), value: z.string() })),
  values: z.array(z.object({ key: z.string(), label: z.string(), value: z.string(), derived: z.boolean(), indent: z.boolean() })),
  /** The officers' or cases' rows sent with the figures (shared/reports/summary-rows.ts rowsTable); null when there are none. */
  rows: z.object({ caption: z.string(), headers: z.array(z.string()), numeric: z.array(z.boolean()), rows: z.array(z.array(z.string())) }).nullable(),
  findings: z.array(z.object({ severity: z.enum(["error", "warning"]), text: z.string() })),
  events: z.array(z.string()),
  comment: z.string().nullable(),
  cells: z.array(z.string()),
  actions: z.object({ confirm: z.boolean(), accept: z.boolean(), returnIt: z.boolean() }),
});
export type PrintedRevision = z.infer<typeof printedRevisionSchema>;

/** One revision with its figures, the findings of the shared engine, and everything said about it. */
export const revisionDetailSchema = submissionRevisionSchema.extend({
  unitName: z.string(),
  /** The latest revision of the same report: a decision or confirmation must name it. */
  latestRevision: z.number().int(),
  findings: z.array(findingSchema),
  events: z.array(
    z.object({
      action: z.enum(["confirm", "accept", "return"]),
      at: z.string(),
      by: z.string(),
      role: z.string(),
      comment: z.string().nullable(),
      cells: z.array(cellCommentSchema),
    }),
  ),
  printed: printedRevisionSchema.optional(),
});
export type RevisionDetail = z.infer<typeof revisionDetailSchema>;

export const signoffAnswerSchema = z.object({
  id: z.string(),
  unit: z.string(),
  form: z.string(),
  period: z.string(),
  revision: z.number().int(),
  state: z.enum(["sent", "confirmed", "accepted", "returned"]),
  signoff: revisionSignoffSchema,
});
export type SignoffAnswer = z.infer<typeof signoffAnswerSchema>;

export const nodeReviewAnswerSchema = z.object({
  unit: z.string(),
  form: z.string(),
  period: z.string(),
  basis: z.string(),
  state: z.enum(["accepted", "returned"]),
  decidedAt: z.string(),
  decidedBy: z.string(),
  comment: z.string().nullable(),
});

export const reviewBoardQuerySchema = z.object({
  parent: unitCodeSchema,
  /** A month, or a week for the weekly collections (the board lists the collections of the period's kind). */
  period: reportPeriodSchema,
  form: formIdSchema.optional(),
});

export const reviewRowSchema = z.object({
  unit: z.string(),
  name: z.string(),
  form: z.string(),
  formCode: z.string(),
  state: z.enum(["not_sent", "sent", "confirmed", "accepted", "returned"]),
  deadline: z.string(),
  /** First report after the deadline. */
  late: z.boolean(),
  /** Nothing sent and the deadline has passed. */
  overdue: z.boolean(),
  /** An office's latest revision; null before it sends (and for a province row). */
  revision: z
    .object({
      id: z.string(),
      number: z.number().int(),
      contentHash: z.string(),
      submittedAt: z.string(),
      submittedBy: z.string(),
      reason: z.string().nullable(),
      marks: correctionMarksSchema,
    })
    .nullable(),
  signoff: revisionSignoffSchema,
  /** A province on the Cục's board: how its offices stand. */
  offices: z
    .object({
      expected: z.number().int(),
      sent: z.number().int(),
      confirmed: z.number().int(),
      accepted: z.number().int(),
      returned: z.number().int(),
      late: z.number().int(),
      corrections: z.number().int(),
    })
    .nullable(),
  /** A province: what a decision of the Cục must name (its offices' latest revisions), null when none sent. */
  basis: z.string().nullable(),
  /** The Cục decided on other figures: an office has sent a new revision since. */
  staleDecision: z.boolean(),
  /** The row's state and marks in the words every surface prints (shared/signoff/printed.ts). */
  printed: z.object({ state: z.string(), marks: z.string() }).optional(),
});
export type ReviewRow = z.infer<typeof reviewRowSchema>;

export const reviewBoardSchema = z.object({
  parent: z.string(),
  parentName: z.string(),
  period: z.string(),
  periodLabel: z.string(),
  /** "offices": a province reviews its offices' revisions; "provinces": the Cục reviews provinces. */
  level: z.enum(["offices", "provinces"]),
  counts: z.record(z.string(), z.number().int()),
  rows: z.array(reviewRowSchema),
  generatedAt: z.string(),
  /** "THADS tỉnh Gia Lai – 3 tháng năm 2026" and the count of each state, printed (shared/signoff/printed.ts). */
  printed: z.object({ title: z.string(), counts: z.string() }).optional(),
});
export type ReviewBoard = z.infer<typeof reviewBoardSchema>;
