/**
 * What the "Xác nhận & duyệt" tab says about a revision or a row of the review board, without
 * the DOM (tested in Node): the state in the words every surface uses (shared/signoff/state.ts),
 * the correction and lateness marks, who said what and when, and which actions the caller's role
 * has on it. The Worker decides again; this only keeps buttons that would be refused out of sight.
 */
import type { ReviewRow, RevisionDetail, Role, SubmissionRevision } from "../../../shared/api/schemas";
import type { FormDefinition } from "../../../shared/forms/types";
import { vietnamWallClock } from "../../../shared/periods";
import { correctionWords, SIGNOFF_WORDS, type BoardState } from "../../../shared/signoff/state";

/** "09:30 05/11/2025" in Vietnam time; "" for no instant. */
export function shortTime(instant: string | null): string {
  if (!instant) return "";
  const t = vietnamWallClock(instant);
  return t.time + " " + t.date;
}

export function stateWords(state: BoardState): string {
  return SIGNOFF_WORDS[state];
}

/** "Nộp muộn; Báo cáo bổ sung (lần gửi 2), sau hạn nộp": the marks of a board row. */
export function rowMarks(r: ReviewRow): string {
  const out: string[] = [];
  if (r.late) out.push("Nộp muộn");
  if (r.overdue) out.push("Quá hạn, chưa gửi");
  if (r.revision) {
    const c = correctionWords(r.revision.number, r.revision.marks);
    if (c) out.push(c);
  }
  if (r.offices) {
    const o = r.offices;
    out.push("Đã gửi " + o.sent + "/" + o.expected + ", đã xác nhận " + o.confirmed + "/" + o.expected + ", đã tiếp nhận " + o.accepted + "/" + o.expected);
    if (o.returned > 0) out.push("trả lại " + o.returned);
  }
  if (r.staleDecision) out.push("Cục đã quyết định trên số liệu cũ");
  return out.join("; ");
}

/** The history of what was said about a revision, one line each, oldest first. */
export function eventLines(d: RevisionDetail): string[] {
  const verb: Record<string, string> = { confirm: "Xác nhận", accept: "Tiếp nhận", return: "Trả lại" };
  return d.events.map((e) => shortTime(e.at) + " — " + verb[e.action] + " — " + e.by + (e.comment ? ": " + e.comment : ""));
}

/** "(7) Thi hành xong: Kiểm tra lại số việc xong": the parent's comments on cells, with the form's column and label. */
export function cellCommentLines(form: FormDefinition | undefined, cells: readonly { field: string; comment: string }[]): string[] {
  return cells.map((c) => {
    const f = form ? form.fields.filter((x) => x.key === c.field)[0] : undefined;
    const label = f ? (f.column !== null ? "(" + f.column + ") " : "") + f.label.vi : c.field;
    return label + ": " + c.comment;
  });
}

export interface Actions {
  confirm: boolean;
  accept: boolean;
  returnIt: boolean;
}

/**
 * What the caller may do with the latest revision of an office: its head confirms a revision
 * not yet confirmed; the unit directly above accepts a confirmed one and returns any.
 */
export function officeActions(role: Role | undefined, callerUnit: string, unitCode: string, parentCode: string | null, r: { state: string; signoff: SubmissionRevision["signoff"] }): Actions {
  const head = role === "head" && callerUnit === unitCode;
  const parent = (role === "province" || role === "national") && parentCode !== null && callerUnit === parentCode;
  return {
    confirm: head && r.signoff.confirmedAt === null,
    accept: parent && r.signoff.confirmedAt !== null && r.state !== "accepted",
    returnIt: parent && r.state !== "returned",
  };
}
