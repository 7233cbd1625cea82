import type { FormDefinition } from "./types";
import { CASE_RESULT_FORMS } from "./monthly/case-results";
import { BUDGET_FORMS } from "./monthly/budget";
import { OFFICER_FORMS } from "./monthly/officers";
import { EXEMPTION_FORMS } from "./monthly/exemptions";
import { COMPLAINT_FORMS } from "./monthly/complaints";
import { ADMINISTRATIVE_FORMS } from "./monthly/administrative";

/**
 * Every form definition shipped with the product: the one list (the Worker, the add-in, the
 * demo data and the tests all read it). The monthly set of Circulars 05/2024 and 05/2026, as
 * far as the public record allows: 01/02 (results in cases and money), 03 (collections for the
 * state budget), 04/05 (results by agency and by Chấp hành viên: the first forms whose rows are
 * not units), 06 (exemption and reduction), 08 (complaints and denunciations), 12
 * (administrative judgments tracked). Forms 07, 09, 10 and 11 are not reconstructed (nothing
 * published shows their figures). Each form lives in its own file under monthly/;
 * layouts are reconstructed where the official text was not public (each definition's `notes`
 * and `reconstructed` fields say so), and a national administrator replaces any of them by
 * loading a definition as JSON (loader.ts) without a code change.
 */
export const BUILT_IN_FORMS: readonly FormDefinition[] = [
  ...CASE_RESULT_FORMS,
  ...BUDGET_FORMS,
  ...OFFICER_FORMS,
  ...EXEMPTION_FORMS,
  ...COMPLAINT_FORMS,
  ...ADMINISTRATIVE_FORMS,
];
