import type { RuleDefinition } from "../rules/types";

/** The legal regimes the forms have been issued under; a period uses the one in force on its last day. */
export type Regime = "TT06_2019" | "TT05_2024" | "TT05_2026";

export type ValueType = "count" | "money";

export interface LocalText {
  vi: string;
  en: string;
}

export interface FieldDefinition {
  /** Stable key used in the API, rules and storage (docs/domain.md). */
  key: string;
  label: LocalText;
  /** Official column number on the paper form; null where unknown. */
  column: number | null;
  valueType: ValueType;
  /** "input": the clerk types it; "derived": computed from other fields (an Excel formula in the sheet). */
  kind: "input" | "derived";
  /** For derived fields: the right-hand side in rule notation, e.g. "{tong_thu_ly} - {uy_thac}". */
  formula?: string;
  /** Key of the field this one is a part of ("trong đó"), for indented labels. */
  partOf?: string;
  /** True where the layout was reconstructed from published figures rather than the official text. */
  reconstructed?: boolean;
  /**
   * Of a list collection: the unit's figure computed from its rows (a count of rows or a sum
   * of a column, optionally over the rows meeting `where`), never typed (collection-rows.ts).
   */
  fromRows?: RowAggregate;
}

/** How a unit's figure is computed from the rows of a list collection. */
export interface RowAggregate {
  op: "count" | "sum";
  /** The count or money column summed; absent for "count". */
  column?: string;
  /** Only the rows whose `column` is at least `min` (a count or money column), or whose date is `olderThanYears` before the period's end. */
  where?: { column: string; min?: number; olderThanYears?: number };
}

/**
 * The period a collection is reported for (issue 8 item 4), absent = "cumulative_month":
 * - "cumulative_month": the statistical period of forms 01/02, 1 October → the month's end,
 *   due a number of working days after it (TT 06/2019); "never decreases" rules apply;
 * - "snapshot_month": a stock at the month's end (seed 003: money stuck in enforcement),
 *   due by `deadlineDay` of the next month ("trước ngày 05 hàng tháng");
 * - "week": an ISO week, Monday–Sunday, key "2026-W12", due `deadlineWorkingDays` working days
 *   after its Sunday (seed 002: weekly figures in campaigns).
 */
export type PeriodType =
  | { kind: "cumulative_month" }
  | { kind: "snapshot_month"; deadlineDay: number }
  | { kind: "week"; deadlineWorkingDays: number };

/**
 * An indicator as data: Σ numerator ÷ Σ denominator × 100, over fields of this form or, written
 * "form:field", of another form of the same unit and period. Targets attach to `id`.
 */
export interface IndicatorDefinition {
  /** Stable id used by targets and the API, e.g. "rate_viec". */
  id: string;
  /** "Tỷ lệ thi hành xong về việc". */
  label: LocalText;
  /** What one writes in a list of targets met: "việc", "tiền". */
  short: LocalText;
  numerator: string[];
  denominator: string[];
  /** "higher": more is better (completion); "lower": less is better (share not enforceable). */
  direction: "higher" | "lower";
  /** Decimals as printed; rates are compared, ranked and differenced as printed. */
  decimals: number;
  /** Whether targets are assigned to it (and it counts in "đạt k/n chỉ tiêu"). */
  targeted: boolean;
  /**
   * What remains for the next period: Σ remainderOf − Σ numerator − Σ remainderLess ("chuyển
   * kỳ sau" = phải thi hành − xong). Omitted where the notion does not apply.
   */
  remainderOf?: string[];
  /**
   * Terms that leave what remains without counting as done: money a court reduced (giảm) is
   * no longer owed, yet it was not collected, so it is out of the completion rate's numerator
   * and still out of chuyển kỳ sau (docs/domain.md). A term also in the numerator is
   * subtracted once.
   */
  remainderLess?: string[];
  /**
   * How the year-end outlook projects a targeted indicator (shared/reports/outlook.ts), absent
   * = "path":
   * - "path": a rate that climbs from October to September (a completion rate, cumulative
   *   from 1 October): carried to September along last year's path from this month;
   * - "level": a rate that holds a level all year rather than climbing (judgments tracked,
   *   target 100%): the rate now is the best estimate of the year-end rate, and a unit is at
   *   risk when it misses the target now. Along last year's path, a country's path a hair
   *   under 100% would put every unit at 100% a hair under its 100% target.
   * Write beside the definition why it is one or the other.
   */
  projection?: IndicatorProjection;
}

/** How the year-end outlook projects an indicator (IndicatorDefinition.projection). */
export type IndicatorProjection = "path" | "level";

/**
 * One column of a list collection (RowShape "list"): a row per case, each cell typed.
 * "count" and "money" cells are whole numbers (money in nghìn đồng) and are summed per unit;
 * "date" cells are ISO dates ("2026-03-31"); "text" cells are free text.
 */
export interface ListColumn {
  /** Stable key of the column, as in SubmittedRow.values. */
  key: string;
  label: LocalText;
  type: "text" | "date" | "count" | "money";
  /** An empty required cell is an error, as a required field is. */
  required: boolean;
}

/**
 * What one row of a collection stands for. A form's `fields` are always the reporting unit's
 * own figures: they are validated by the form's rules, stored as its values and roll up the
 * hierarchy as sums, whatever the row shape. The row shape says what a submission carries
 * besides them, as `SubmittedRow`s:
 *
 * - `{ kind: "unit" }` (or `rows` absent): nothing more; one row per reporting unit (forms
 *   01, 02, 03, 06, 08, 12).
 * - `{ kind: "officer", rowLabel, fields }`: a breakdown of the unit's figures, one row per
 *   Chấp hành viên (forms 04/05). Each row carries the listed `fields` of the form (inputs);
 *   for each of them the rows must add up exactly to the unit's figure (checked by
 *   shared/forms/rows.ts, never assumed). The rows are stored with the unit's revision and
 *   never enter a province or national sum: only the unit's totals do.
 * - `{ kind: "list", rowLabel, columns }`: one row per case with typed columns (seed 004:
 *   cases of 20 tỷ or more, cases older than 3 years). The unit's `fields` are then the
 *   per-unit roll-up of the rows (counts of rows, sums of count and money columns), which a
 *   collection defines as its own fields; shared/forms/rows.ts checks each cell against its
 *   column's type and whether it is required.
 *
 * `rowLabel` names a row in messages and sheets ("Chấp hành viên", "Việc").
 */
export type RowShape =
  | { kind: "unit" }
  | { kind: "officer"; rowLabel: LocalText; fields: string[] }
  | { kind: "list"; rowLabel: LocalText; columns: ListColumn[] };

/** A cell of a submitted row: a number for fields and count/money columns, a string for text and date columns. */
export type RowValue = number | string | null;

/** One row a submission carries besides the unit's figures (RowShape "officer" or "list"). */
export interface SubmittedRow {
  /** Unique within the report: the officer's code ("CHV01"), the case's number. */
  key: string;
  /** What the row names, as the clerk wrote it: the officer's name, the case. */
  label: string;
  /** officer: the shape's fields; list: the columns. Keyed by field or column key. */
  values: Record<string, RowValue>;
}

export interface FormDefinition {
  /** "01" (việc), "02" (tiền), further forms and collections have their own ids. */
  id: string;
  /** The official form code as printed, e.g. "Mẫu số 01". */
  code: string;
  title: LocalText;
  regime: Regime;
  /** First and last day the definition is in force (ISO dates); validTo null = still in force. */
  validFrom: string;
  validTo: string | null;
  /** What a period of this collection is; absent = the monthly cumulative period (forms 01, 02). */
  period?: PeriodType;
  unit: "viec" | "nghin_dong";
  fields: FieldDefinition[];
  rules: RuleDefinition[];
  /** The first indicator is the form's headline (the comparison's rate, chart and rank). */
  indicators: IndicatorDefinition[];
  /** What a row is (RowShape); absent = one row per unit, as `{ kind: "unit" }`. */
  rows?: RowShape;
  /** Anything unconfirmed about this definition, shown to administrators. */
  notes?: string[];
}
