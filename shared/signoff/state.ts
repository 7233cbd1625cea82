/**
 * Sign-off (TT 05/2024 Art. 9 and 11, docs/domain.md "Sign-off"): a report is the unit head's,
 * and the level above checks it before it goes further. Each revision is *đã gửi* when the
 * clerk sends it, *đã xác nhận* once the unit's head confirms that exact revision (by its
 * content hash), then *đã tiếp nhận* or *trả lại* by the parent. These are records ABOUT a
 * revision, never locks: a new revision is counted at once and starts over at *đã gửi*, the
 * old one keeps what was said about it.
 */

export type Decision = "accepted" | "returned";

/** A comment the parent puts on one cell (field) of the form when it returns a report. */
export interface CellComment {
  field: string;
  comment: string;
}

/** What has been said about one revision, with who said it (token labels, names in practice). */
export interface RevisionSignoff {
  confirmedAt: string | null;
  confirmedBy: string | null;
  decision: Decision | null;
  decidedAt: string | null;
  decidedBy: string | null;
  comment: string | null;
  cells: CellComment[];
}

export const NO_SIGNOFF: RevisionSignoff = {
  confirmedAt: null,
  confirmedBy: null,
  decision: null,
  decidedAt: null,
  decidedBy: null,
  comment: null,
  cells: [],
};

export type RevisionState = "sent" | "confirmed" | "accepted" | "returned";

/** A row of a review board: a unit that has sent nothing yet is "not_sent". */
export type BoardState = "not_sent" | RevisionState;

export const BOARD_STATES: readonly BoardState[] = ["not_sent", "sent", "confirmed", "accepted", "returned"];

/** The parent's decision outranks the confirmation it followed: a returned report is returned, confirmed or not. */
export function revisionState(s: RevisionSignoff | null | undefined): RevisionState {
  if (!s) return "sent";
  if (s.decision !== null) return s.decision;
  return s.confirmedAt !== null ? "confirmed" : "sent";
}

/** The states as every surface writes them (pane, /tai-ve, sheets, the PDF). */
export const SIGNOFF_WORDS: Record<BoardState, string> = {
  not_sent: "Chưa gửi",
  sent: "Đã gửi, chờ xác nhận",
  confirmed: "Đã xác nhận",
  accepted: "Đã tiếp nhận",
  returned: "Trả lại",
};

export const SIGNOFF_WORDS_EN: Record<BoardState, string> = {
  not_sent: "Not sent",
  sent: "Sent, awaiting confirmation",
  confirmed: "Confirmed",
  accepted: "Accepted",
  returned: "Returned",
};

/**
 * How a revision stands as a correction (*báo cáo bổ sung*): any revision after the first is
 * one and needs a written reason; one sent after the period's deadline, or after the parent
 * had accepted an earlier revision, is marked as such wherever it is shown.
 */
export interface CorrectionMarks {
  correction: boolean;
  afterDeadline: boolean;
  afterAcceptance: boolean;
}

export function correctionMarks(revision: number, submittedAt: string, deadline: string, earlierAccepted: boolean): CorrectionMarks {
  const correction = revision > 1;
  return {
    correction,
    // ISO instants in UTC compare as strings.
    afterDeadline: correction && submittedAt > deadline,
    afterAcceptance: correction && earlierAccepted,
  };
}

/** "Báo cáo bổ sung (lần gửi 2), sau hạn nộp, sau khi đã tiếp nhận"; null for a first report. */
export function correctionWords(revision: number, marks: CorrectionMarks): string | null {
  if (!marks.correction) return null;
  const parts = ["Báo cáo bổ sung (lần gửi " + revision + ")"];
  if (marks.afterDeadline) parts.push("sau hạn nộp");
  if (marks.afterAcceptance) parts.push("sau khi đã tiếp nhận");
  return parts.join(", ");
}

/** How many of the reporting units under a row stand where: "đã xác nhận 12/15 đơn vị". */
export interface SignoffCounts {
  /** The row is one office (its own state in words), not a group of them (fractions). */
  office?: boolean;
  expected: number;
  /** Units whose latest revision the head has confirmed (accepted or returned since, or not). */
  confirmed: number;
  /** Units whose latest revision the parent has accepted. */
  accepted: number;
  /** Units whose latest revision the parent has returned. */
  returned: number;
}

/** "Đã xác nhận 12/15 đơn vị; đã tiếp nhận 10/15 đơn vị; trả lại 1 đơn vị". */
export function signoffCountWords(c: SignoffCounts): string {
  if (c.office === true) {
    // One office: its own state, not a fraction.
    return c.returned === 1 ? SIGNOFF_WORDS.returned : c.accepted === 1 ? SIGNOFF_WORDS.accepted : c.confirmed === 1 ? SIGNOFF_WORDS.confirmed : "Chưa xác nhận";
  }
  const parts = [
    "Đã xác nhận " + c.confirmed + "/" + c.expected + " đơn vị",
    "đã tiếp nhận " + c.accepted + "/" + c.expected + " đơn vị",
  ];
  if (c.returned > 0) parts.push("trả lại " + c.returned + " đơn vị");
  return parts.join("; ");
}
