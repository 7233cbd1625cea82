import type { SubmittedRow } from "../../../shared/forms/types";

/**
 * One revision as stored in the submissions table. A plain type without Workers types, so
 * the demo-data script (Node) writes exactly the rows the Worker writes.
 */
export interface StoredSubmission {
  id: string;
  unitCode: string;
  formId: string;
  period: string;
  revision: number;
  regime: string;
  values: Record<string, number | null>;
  explanations: Record<string, string>;
  /** The rows of a form whose rows are officers or cases (shared/forms/types.ts RowShape); absent otherwise. */
  rows?: SubmittedRow[];
  contentHash: string;
  submittedBy: string;
  submittedAt: string;
  deadlineAt: string;
  /**
   * Whether the report was late: its FIRST revision arrived after the deadline. A correction
   * carries its first revision's value; its own time is submittedAt.
   */
  late: boolean;
  /** Giải trình bổ sung: the written reason of a correction (null for a first report). */
  reason: string | null;
}
