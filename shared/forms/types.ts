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
}

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
   * What remains for the next period: Σ remainderOf − Σ numerator ("chuyển kỳ sau" =
   * phải thi hành − xong). Omitted where the notion does not apply.
   */
  remainderOf?: string[];
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
  unit: "viec" | "nghin_dong";
  fields: FieldDefinition[];
  rules: RuleDefinition[];
  /** The first indicator is the form's headline (the comparison's rate, chart and rank). */
  indicators: IndicatorDefinition[];
  /** Anything unconfirmed about this definition, shown to administrators. */
  notes?: string[];
}
