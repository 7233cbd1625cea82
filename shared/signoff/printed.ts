/**
 * A review board and a revision in the words every surface prints them with: the pane's
 * "Xác nhận & duyệt" tab calls these directly, the Worker calls them to hand /tai-ve (whose
 * script cannot import ./shared) the same text already printed. One rule, every surface: a state,
 * a mark, a figure or a line of history is worded here and nowhere else.
 */
import type { PrintedRevision, ReviewBoard, ReviewRow, RevisionDetail, Role } from "../api/schemas";
import type { FormDefinition } from "../forms/types";
import { vietnamWallClock } from "../periods";
import { rowsTable, summaryRows } from "../reports/summary-rows";
import { correctionWords, SIGNOFF_WORDS, type BoardState } from "./state";

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

/** "Đã gửi, chờ xác nhận: 3 · Đã xác nhận: 1 · …": how many rows of the board stand where. */
export function boardCountsLine(b: Pick<ReviewBoard, "counts">): string {
  return (["sent", "confirmed", "accepted", "returned", "not_sent"] as const).map((s) => stateWords(s) + ": " + (b.counts[s] || 0)).join(" · ");
}

/** The history of what was said about a revision, one line each, oldest first. */
export function eventLines(d: Pick<RevisionDetail, "events">): string[] {
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

/** A finding of the revision with the clerk's written explanation when it has one. */
export function findingLine(d: Pick<RevisionDetail, "explanations">, f: RevisionDetail["findings"][number]): string {
  return f.message.vi + (f.ruleId && d.explanations[f.ruleId] ? " — Giải trình: " + d.explanations[f.ruleId] : "");
}

export interface Actions {
  confirm: boolean;
  accept: boolean;
  returnIt: boolean;
}

/**
 * What the caller may do with the latest revision of an office: its head confirms a revision
 * not yet confirmed; the unit directly above accepts a confirmed one and returns any. The
 * Worker decides again; this only keeps buttons that would be refused out of sight.
 */
export function officeActions(
  role: Role | undefined,
  callerUnit: string,
  unitCode: string,
  parentCode: string | null,
  r: { state: string; signoff: { confirmedAt: string | null } },
): Actions {
  const head = role === "head" && callerUnit === unitCode;
  const parent = (role === "province" || role === "national") && parentCode !== null && callerUnit === parentCode;
  return {
    confirm: head && r.signoff.confirmedAt === null,
    accept: parent && r.signoff.confirmedAt !== null && r.state !== "accepted",
    returnIt: parent && r.state !== "returned",
  };
}

/** The board with each row's state and marks, its title and counts printed. */
export function printBoard(b: ReviewBoard): ReviewBoard {
  return {
    ...b,
    rows: b.rows.map((r) => ({ ...r, printed: { state: stateWords(r.state), marks: rowMarks(r) } })),
    printed: { title: b.parentName + " – " + b.periodLabel, counts: boardCountsLine(b) },
  };
}

/** A revision as the review card shows it, for the caller (its actions) and the form it was sent on. */
export function printRevision(d: RevisionDetail, form: FormDefinition, caller: { role: Role; unit: string }, parentCode: string | null): PrintedRevision {
  const s = d.signoff;
  const facts: { label: string; value: string }[] = [
    { label: "Trạng thái", value: stateWords(d.state) },
    { label: "Gửi lúc", value: shortTime(d.submittedAt) + " – " + d.submittedBy },
  ];
  const correction = correctionWords(d.revision, d.marks);
  if (d.late) facts.push({ label: "Hạn nộp", value: "Nộp muộn (hạn " + shortTime(d.deadline) + ")" });
  if (correction) facts.push({ label: "Báo cáo bổ sung", value: correction });
  if (d.reason) facts.push({ label: "Giải trình bổ sung", value: d.reason });
  if (s.confirmedAt) facts.push({ label: "Xác nhận", value: (s.confirmedBy || "") + " lúc " + shortTime(s.confirmedAt) });
  if (s.decision) facts.push({ label: s.decision === "returned" ? "Trả lại" : "Tiếp nhận", value: (s.decidedBy || "") + " lúc " + shortTime(s.decidedAt) });
  facts.push({ label: "Mã nội dung", value: d.contentHash });
  return {
    title: d.unitName + " – " + form.code + " – lần gửi " + d.revision + (d.revision !== d.latestRevision ? " (không phải lần mới nhất)" : ""),
    state: stateWords(d.state),
    facts,
    values: summaryRows(form, d.values),
    rows: rowsTable(form, d.rows),
    findings: d.findings.map((f) => ({ severity: f.severity, text: findingLine(d, f) })),
    events: eventLines(d),
    comment: s.decision === "returned" && s.comment ? "Nhận xét: " + s.comment : null,
    cells: s.decision === "returned" ? cellCommentLines(form, s.cells) : [],
    actions: d.revision === d.latestRevision ? officeActions(caller.role, caller.unit, d.unit, parentCode, d) : { confirm: false, accept: false, returnIt: false },
  };
}
