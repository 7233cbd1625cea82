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

/** Which fields make the completion rate: rate = Σ doneFields ÷ baseField × 100. */
export interface IndicatorConfig {
  dueField: string;
  baseField: string;
  doneFields: string[];
}

export interface FormDefinition {
  /** "01" (việc) or "02" (tiền); further forms of TT 05/2024 get their own ids. */
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
  indicators: IndicatorConfig;
  /** Anything unconfirmed about this definition, shown to administrators. */
  notes?: string[];
}
