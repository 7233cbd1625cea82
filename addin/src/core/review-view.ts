/**
 * What the "Xác nhận & duyệt" tab says about a revision or a row of the review board, without
 * the DOM: the words live in shared/signoff/printed.ts, which the Worker also uses to print the
 * same board for /tai-ve (one rule, every surface). The Worker decides again; the actions only
 * keep buttons that would be refused out of sight.
 */
export {
  boardCountsLine,
  cellCommentLines,
  eventLines,
  findingLine,
  officeActions,
  rowMarks,
  shortTime,
  stateWords,
  type Actions,
} from "../../../shared/signoff/printed";
