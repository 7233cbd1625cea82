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

/**
 * Marks the cells a returned revision's comments name when the active sheet is that form, unit
 * and period (the sheet the clerk corrects). Resolves true when it marked them.
 */
export function markReturnedCells(sheets: FormSheets, form: FormDefinition, r: Pick<SubmissionRevision, "unit" | "period" | "signoff">): Promise<boolean> {
  const s = r.signoff;
  if (s.decision !== "returned" || s.cells.length === 0) return Promise.resolve(false);
  return sheets.findActiveForm([form]).then((ref) => {
    if (!ref || ref.formId !== form.id || ref.unitCode !== r.unit || ref.period !== r.period) return false;
    const marks = returnedCellFindings(form, s.cells);
    return sheets.showFindings(ref, marks.findings, (f) => marks.messages[marks.findings.indexOf(f)] || "").then(() => true);
  });
}
