/**
 * Issue 13: a province's comments on cells of a returned revision, marked on the clerk's form
 * sheet where they name them. The comments become findings so the sheet gets exactly what a
 * check gives (fill on ExcelApi 1.1, a note or comment where the host has one, the clerk's own
 * formatting restored by "Xóa đánh dấu" or the next check): one marking mechanism, not two.
 *
 * The sheet is looked for in the whole workbook, not only the active sheet: every sheet the
 * add-in inserted carries its form, unit and period (metadata.ts), and a clerk's own layout is
 * recognised (shared/recognize) when it is the open sheet. Two Excel syncs find them all.
 */
import type { SubmissionRevision, UnitDto } from "../../../shared/api/schemas";
import type { Finding } from "../../../shared/findings";
import type { FormDefinition } from "../../../shared/forms/types";
import type { FormSheetRef, FormSheets, SheetValues } from "../excel/types";
import { chooseFor, labelNamesUnit, pickTable, recognizeAt, recognizedRef, tablesOf, type ChoiceSource, type SheetPicks } from "./recognized-sheet";
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

/** What the marking needs besides Excel: the definitions, the clerk's units, what the clerk chose on a recognised sheet. */
export interface ReturnedMarksDeps {
  sheets: FormSheets;
  /** Every definition the pane knows (an inserted sheet of any of them is found). */
  forms: readonly FormDefinition[];
  units: readonly UnitDto[];
  /** The row, unit, period, table and columns the clerk chose on a recognised sheet in the check tab. */
  picksOf: (sheetName: string) => SheetPicks;
}

/** Where one returned form's comments went. */
export type ReturnedPlacement =
  | {
      kind: "marked";
      form: FormDefinition;
      ref: FormSheetRef;
      /** The first commented field the sheet holds: "go to the sheet" selects it. */
      field: string;
      /** Comments whose cell is on the sheet, out of all the revision's cell comments. */
      marked: number;
      total: number;
      /** The marked sheet is the one the clerk has open. */
      active: boolean;
      /** Other sheets of the same form, unit and period, left unmarked. */
      others: string[];
      /** For a recognised sheet: where its period came from (the sheet, the clerk's choice in the check tab, or this tab's period). */
      periodFrom?: ChoiceSource;
    }
  | { kind: "absent"; form: FormDefinition };

/**
 * The returned form's cells on a clerk's own sheet: the recognised table of that form, the row
 * of the revision's unit (or the one the clerk picked), when the sheet is of the revision's
 * period — as the sheet names it, as the clerk chose it in the check tab, or, when neither,
 * the period the clerk is looking at in the review tab. Null when the sheet is not that form,
 * unit and period, or when nothing tells which row is the unit's.
 */
export function recognizedReturnedRef(
  sheet: SheetValues,
  deps: Pick<ReturnedMarksDeps, "forms" | "units">,
  picks: SheetPicks,
  form: FormDefinition,
  unit: string,
  period: string,
): { ref: FormSheetRef; periodFrom: ChoiceSource } | null {
  const all = recognizeAt(sheet, deps.forms, period);
  if (!all.recognised) return null;
  const tables = tablesOf(all).filter((t) => t.form.id === form.id);
  if (tables.length === 0) return null;
  let key = (tables[0] as (typeof tables)[number]).table.key;
  for (const t of tables) if (t.table.key === picks.table) key = t.table.key;
  const previous: SheetPicks = { ...picks, table: key, unit: picks.unit || unit };
  // A row picked on another table of the sheet is not a row of this one.
  if (picks.table !== undefined && picks.table !== key) delete previous.row;
  const rec = pickTable(all, previous);
  const choices = chooseFor(rec, sheet, deps.units, period, previous);
  if (choices.unit.value !== unit || choices.period.value !== period) return null;
  const row = choices.row;
  // Several rows and none names the unit: marking one of them would be a guess.
  if (row.source === "default") return null;
  if (row.source === "only" && row.evidence) {
    for (const u of deps.units) if (u.reporting && u.code !== unit && labelNamesUnit(row.evidence, u.name)) return null;
  }
  return { ref: recognizedRef(sheet, rec, choices), periodFrom: choices.period.source };
}

/**
 * Marks the cells each returned revision's comments name, on the sheet of that form, unit and
 * period wherever it is in the workbook: the open sheet when it is one (inserted or
 * recognised), else the first such sheet in tab order. Two syncs to find the sheets whatever
 * their number, then one showFindings per returned form; none at all when nothing was returned
 * with cell comments. Resolves one placement per returned form.
 */
export function markReturnedCells(deps: ReturnedMarksDeps, reviewed: readonly ReviewedRevision[]): Promise<ReturnedPlacement[]> {
  const returned = reviewed.filter((x) => x.revision.signoff.decision === "returned" && x.revision.signoff.cells.length > 0);
  if (returned.length === 0) return Promise.resolve([]);
  return deps.sheets.findFormSheets(deps.forms).then((book) => {
    const placements: ReturnedPlacement[] = [];
    for (const x of returned) {
      const r = x.revision;
      const inserted = book.forms.filter((ref) => ref.formId === x.form.id && ref.unitCode === r.unit && ref.period === r.period);
      const own = book.activeValues ? recognizedReturnedRef(book.activeValues, deps, deps.picksOf(book.activeValues.sheetName), x.form, r.unit, r.period) : null;
      const open = inserted.filter((ref) => ref.sheetName === book.activeSheet)[0];
      const chosen = own ? own.ref : open || inserted[0];
      if (!chosen) {
        placements.push({ kind: "absent", form: x.form });
        continue;
      }
      const held = r.signoff.cells.filter((c) => Object.prototype.hasOwnProperty.call(chosen.cells, c.field));
      placements.push({
        kind: "marked",
        form: x.form,
        ref: chosen,
        field: held.length > 0 ? (held[0] as { field: string }).field : "",
        marked: held.length,
        total: r.signoff.cells.length,
        active: chosen.sheetName === book.activeSheet,
        others: inserted.filter((ref) => ref !== chosen).map((ref) => ref.sheetName),
        periodFrom: own ? own.periodFrom : undefined,
      });
    }
    // One form after the other: each showFindings is its own Excel batch.
    let chain: Promise<void> = Promise.resolve();
    for (const p of placements) {
      if (p.kind !== "marked" || p.marked === 0) continue;
      const hit = returned.filter((x) => x.form === p.form)[0] as ReviewedRevision;
      const marks = returnedCellFindings(hit.form, hit.revision.signoff.cells);
      chain = chain.then(() => deps.sheets.showFindings(p.ref, marks.findings, (f) => marks.messages[marks.findings.indexOf(f)] || ""));
    }
    return chain.then(() => placements);
  });
}

const PERIOD_FROM: Partial<Record<ChoiceSource, string>> = {
  sheet: "kỳ ghi trên trang",
  clerk: "kỳ bạn đã chọn ở mục Kiểm tra",
  default: "trang không ghi kỳ: theo kỳ bạn đang xem ở mục này",
};

/** What the pane says about one returned form's marks, in Vietnamese. */
export function placementText(p: ReturnedPlacement): string {
  if (p.kind === "absent") {
    return "Trang biểu " + p.form.code + " của đơn vị và kỳ này không có trong sổ làm việc đang mở: các nhận xét vẫn được liệt kê ở trên. Mở sổ có trang biểu đó (hoặc trang do bạn lập) rồi bấm Xem trạng thái để tô màu các ô.";
  }
  const where = "trang “" + p.ref.sheetName + "”" + (p.active ? " (trang đang mở)" : "");
  const own = p.ref.recognized ? " Trang do bạn lập, nhận ra là biểu " + p.form.code + (p.periodFrom && PERIOD_FROM[p.periodFrom] ? " (" + PERIOD_FROM[p.periodFrom] + ")" : "") + "." : "";
  const head = p.marked === 0
    ? "Trang biểu " + p.form.code + " là " + where + ", nhưng trên trang không có ô nào được nhận xét: xem danh sách ở trên."
    : "Các ô có nhận xét của biểu " + p.form.code + " đã được tô màu trên " + where + "." +
      (p.marked < p.total ? " " + (p.total - p.marked) + "/" + p.total + " nhận xét không có ô tương ứng trên trang: xem danh sách ở trên." : "");
  const others = p.others.length > 0
    ? " Sổ làm việc có " + (p.others.length + 1) + " trang cùng biểu, đơn vị và kỳ (" + p.others.map((n) => "“" + n + "”").join(", ") + " không được tô): đã chọn " +
      (p.active ? "trang đang mở." : "trang đứng trước theo thứ tự các trang.")
    : "";
  return head + own + others;
}
