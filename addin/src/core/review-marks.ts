/**
 * Issue 13: a province's comments on cells of a returned revision, marked on the clerk's form
 * sheet where they name them. The comments become findings so the sheet gets exactly what a
 * check gives (fill on ExcelApi 1.1, a note or comment where the host has one, the clerk's own
 * formatting restored by "Xóa đánh dấu" or the next check): one marking mechanism, not two.
 */
import type { SubmissionRevision } from "../../../shared/api/schemas";
import type { Finding } from "../../../shared/findings";
import type { FormDefinition } from "../../../shared/forms/types";
import type { FormSheets } from "../excel/types";
import { cellCommentLines } from "./review-view";

/** One error finding per comment; its message is "Trả lại: (7) Thi hành xong: …". */
export function returnedCellFindings(form: FormDefinition, cells: readonly { field: string; comment: string }[]): { findings: Finding[]; messages: string[] } {
  // The code only tags the finding for the mark machinery; the message comes from `messages`.
  const findings = cells.map((c): Finding => ({ code: "rule_violated", severity: "error", fields: [c.field], params: {} }));
  return { findings, messages: cellCommentLines(form, cells).map((t) => "Trả lại: " + t) };
}

/** A form's latest revision, as the review tab lists it. */
export interface ReviewedRevision {
  form: FormDefinition;
  revision: Pick<SubmissionRevision, "unit" | "period" | "signoff">;
}

/**
 * Marks the cells a returned revision's comments name when the active sheet is that form, unit
 * and period (the sheet the clerk corrects). One read of the active sheet for all the forms
 * (each Excel sync is a round trip on Excel 2016), none when nothing was returned with cell
 * comments. Resolves true when it marked cells.
 */
export function markReturnedCells(sheets: FormSheets, reviewed: readonly ReviewedRevision[]): Promise<boolean> {
  const returned = reviewed.filter((x) => x.revision.signoff.decision === "returned" && x.revision.signoff.cells.length > 0);
  if (returned.length === 0) return Promise.resolve(false);
  return sheets.findActiveForm(returned.map((x) => x.form)).then((ref) => {
    const hit = ref ? returned.filter((x) => x.form.id === ref.formId && x.revision.unit === ref.unitCode && x.revision.period === ref.period)[0] : undefined;
    if (!ref || !hit) return false;
    const marks = returnedCellFindings(hit.form, hit.revision.signoff.cells);
    return sheets.showFindings(ref, marks.findings, (f) => marks.messages[marks.findings.indexOf(f)] || "").then(() => true);
  });
}
