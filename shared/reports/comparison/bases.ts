/**
 * The periods a comparison sets the current one against. Plain data, no zod: the task pane
 * (IE11) reads it too.
 *
 * - prevMonth: the previous cumulative report of the same statistical year (none in October);
 * - prevQuarter: the report that closed the previous quarter ("quý trước": Quý I/2026 = the
 *   2025-12 report is compared with Quý IV/2025 = the 12-month report 2025-09), on the
 *   cumulative figures, as the provinces' plans ask (so sánh theo tháng, quý);
 * - samePeriod: cùng kỳ, the same cumulative period one statistical year earlier. For a
 *   report that closes a quarter this IS the same quarter of last year (Quý I/2026 → Quý I/2025),
 *   and its label says so.
 */
export const COMPARISON_BASES = ["prevMonth", "prevQuarter", "samePeriod"] as const;
export type Basis = (typeof COMPARISON_BASES)[number];
