import type { FormDefinition, SubmittedRow } from "../forms/types";
import { rowsTable, type RowsTable } from "../reports/summary-rows";
import { orderedFields } from "../forms/registry";
import { formatInteger } from "../format";
import { vietnamWallClock } from "../periods";
import { periodLabelOf, periodSpanOf, periodTypeOf } from "../forms/collection-period";
import { weekName } from "../periods/week";
import { circularName, unitOfMeasure } from "../reports/words";
import { correctionWords, type CorrectionMarks } from "./state";

/**
 * The report as the regulation wants it on paper (TT 05/2024 Art. 9): a document per revision
 * with the form's title, the unit, the period in words, numbered columns, the figures, the
 * "Người lập biểu" and "Thủ trưởng đơn vị" blocks, and what identifies the revision (number,
 * time, content hash). Plain data, so the words are decided once here and tested in Node;
 * the Worker draws it as a PDF (worker/src/pdf/).
 *
 * Once the head confirms a revision, this value is stored with the confirmation and every
 * later download draws that stored value: the signable PDF of a revision is fixed at
 * confirmation time, whatever happens later to a unit's name, a token's label or a form
 * definition (docs/engineering.md, "The report document").
 */
export interface RevisionDocument {
  /** The drawing recipe: a change to how the PDF is drawn adds a version, old documents keep theirs. */
  layout: 1;
  /** "Mẫu số 01" */
  formCode: string;
  /** "KẾT QUẢ THI HÀNH ÁN DÂN SỰ TÍNH BẰNG VIỆC" */
  title: string;
  /** "Ban hành kèm theo Thông tư 05/2024/TT-BTP" */
  circular: string;
  /** "3 tháng năm 2026 (từ ngày 01/10/2025 đến ngày 31/12/2025)", "Tuần 12/2026 (từ ngày 16/03/2026 đến ngày 22/03/2026)" */
  periodWords: string;
  unitName: string;
  unitCode: string;
  /** The unit above, which receives the report. */
  receiverName: string;
  /** "Đơn vị tính: việc" */
  measure: string;
  /** Every field in the order of the paper form: "(1)", its label, the figure as printed. */
  columns: { number: string; label: string; value: string }[];
  /**
   * The officers' or cases' rows under the unit's figures (forms 04/05, list collections), as the
   * review card prints them (shared/reports/summary-rows.ts rowsTable). Absent for a form without
   * rows, so the documents of every other form keep their bytes.
   */
  rows?: RowsTable;
  revision: number;
  /** "09:30 ngày 05/11/2025" (Vietnam time). */
  sentAt: string;
  /** SHA-256 of the revision's canonical content: what the head confirmed, what a signed copy is checked against. */
  contentHash: string;
  /** "Báo cáo bổ sung (lần gửi 2), sau hạn nộp": null for a first report. */
  correction: string | null;
  /** The written reason for a correction (giải trình bổ sung). */
  reason: string | null;
  /** Explanations of the warnings the figures raised, by rule. */
  explanations: { rule: string; text: string }[];
  preparer: { name: string; date: string };
  /** The head's block: null until the head confirms. */
  head: { name: string; date: string; confirmedAt: string } | null;
  /** The instants the file's own dates are set from (never "now": the bytes must not change between downloads). */
  instants: { submittedAt: string; confirmedAt: string | null };
}

export interface RevisionDocumentInput {
  form: FormDefinition;
  unit: { code: string; name: string };
  receiverName: string;
  period: string;
  revision: number;
  values: Readonly<Record<string, number | null>>;
  /** The rows the revision carries besides the unit's figures, if its form has any. */
  rows?: readonly SubmittedRow[];
  explanations: Readonly<Record<string, string>>;
  reason: string | null;
  marks: CorrectionMarks;
  contentHash: string;
  submittedAt: string;
  submittedBy: string;
  confirmation: { by: string; at: string } | null;
}

/** "ngày 05 tháng 11 năm 2025" in Vietnam time, as the date line of an administrative document. */
export function dateInWords(instant: string): string {
  const d = vietnamWallClock(instant).date.split("/");
  return "ngày " + d[0] + " tháng " + d[1] + " năm " + d[2];
}

/** "09:30 ngày 05/11/2025". */
export function timeInWords(instant: string): string {
  const t = vietnamWallClock(instant);
  return t.time + " ngày " + t.date;
}

/** The figure as the paper form prints it: 1.234.567; an empty cell stays empty, never 0. */
function printed(v: number | null | undefined): string {
  return typeof v === "number" ? formatInteger(v) : "";
}

/**
 * "3 tháng năm 2026 (từ ngày … đến ngày …)" for a cumulative month, "Tháng 3/2026 (số liệu đến
 * hết ngày …)" for a snapshot (both as before: their documents keep their bytes), and
 * "Tuần 12/2026 (từ ngày 16/03/2026 đến ngày 22/03/2026)" for a week: its usual label carries
 * the days already ("(16/3–22/3)"), so the document names the week alone and the days once, in full.
 */
function periodWordsOf(form: FormDefinition, period: string): string {
  const name = periodTypeOf(form).kind === "week" ? weekName(period) : periodLabelOf(form, period);
  return name + " " + periodSpanOf(form, period);
}

export function revisionDocument(input: RevisionDocumentInput): RevisionDocument {
  const { form } = input;
  // An unnumbered field (a memo line) keeps its place without an invented number.
  const columns = orderedFields(form).map((f) => ({
    number: f.column !== null ? "(" + f.column + ")" : "",
    label: f.label.vi,
    value: printed(input.values[f.key]),
  }));
  const explanations = Object.keys(input.explanations)
    .sort()
    .map((rule) => ({ rule, text: input.explanations[rule] as string }));
  const rows = rowsTable(form, input.rows);
  const doc: RevisionDocument = {
    layout: 1,
    formCode: form.code,
    title: form.title.vi.toUpperCase(),
    circular: "Ban hành kèm theo " + circularName(form.regime),
    periodWords: periodWordsOf(form, input.period),
    unitName: input.unit.name,
    unitCode: input.unit.code,
    receiverName: input.receiverName,
    measure: "Đơn vị tính: " + unitOfMeasure(form),
    columns,
    revision: input.revision,
    sentAt: timeInWords(input.submittedAt),
    contentHash: input.contentHash,
    correction: correctionWords(input.revision, input.marks),
    reason: input.reason,
    explanations,
    preparer: { name: input.submittedBy, date: dateInWords(input.submittedAt) },
    head: input.confirmation
      ? { name: input.confirmation.by, date: dateInWords(input.confirmation.at), confirmedAt: timeInWords(input.confirmation.at) }
      : null,
    instants: { submittedAt: input.submittedAt, confirmedAt: input.confirmation ? input.confirmation.at : null },
  };
  if (rows) doc.rows = rows;
  return doc;
}

/** The file name a download is saved under: bao-cao-52-01-01-2025-10-lan-2.pdf. */
export function documentFileName(unit: string, form: string, period: string, revision: number): string {
  return "bao-cao-" + unit + "-" + form + "-" + period + "-lan-" + revision + ".pdf";
}
