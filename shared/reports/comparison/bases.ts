/**
 * The periods a comparison sets the current one against. Plain data, no zod: the task pane
 * (IE11) reads it too.
 */
export const COMPARISON_BASES = ["prevMonth", "samePeriod"] as const;
export type Basis = (typeof COMPARISON_BASES)[number];
