import type { FormDefinition } from "./types";
import { CASE_RESULT_FORMS } from "./monthly/case-results";

/**
 * Every form definition shipped with the product: the one list (the Worker, the add-in, the
 * demo data and the tests all read it). Each form lives in its own file under monthly/;
 * layouts are reconstructed where the official text was not public (each definition's `notes`
 * and `reconstructed` fields say so), and a national administrator replaces any of them by
 * loading a definition as JSON (loader.ts) without a code change.
 */
export const BUILT_IN_FORMS: readonly FormDefinition[] = [...CASE_RESULT_FORMS];
