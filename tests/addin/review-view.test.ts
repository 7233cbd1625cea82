import { describe, expect, it } from "vitest";
import type { ReviewRow } from "../../shared/api/schemas";
import { BUILT_IN_FORMS } from "../../shared/forms/definitions";
import { cellCommentLines, officeActions, rowMarks, shortTime } from "../../addin/src/core/review-view";
import { NO_SIGNOFF } from "../../shared/signoff/state";

const form01 = BUILT_IN_FORMS.filter((f) => f.id === "01" && f.regime === "TT05_2024")[0];
const confirmed = { ...NO_SIGNOFF, confirmedAt: "2025-11-05T03:15:00.000Z", confirmedBy: "Trần Văn Đức" };

describe("the review tab's words and actions", () => {
  it("lets only the unit's head confirm, only once", () => {
    expect(officeActions("head", "52-01", "52-01", "52", { state: "sent", signoff: NO_SIGNOFF }).confirm).toBe(true);
    expect(officeActions("head", "52-01", "52-01", "52", { state: "confirmed", signoff: confirmed }).confirm).toBe(false);
    expect(officeActions("head", "52-02", "52-01", "52", { state: "sent", signoff: NO_SIGNOFF }).confirm).toBe(false);
    expect(officeActions("clerk", "52-01", "52-01", "52", { state: "sent", signoff: NO_SIGNOFF }).confirm).toBe(false);
  });

  it("lets only the unit directly above accept a confirmed revision, and return any", () => {
    expect(officeActions("province", "52", "52-01", "52", { state: "sent", signoff: NO_SIGNOFF })).toEqual({ confirm: false, accept: false, returnIt: true });
    expect(officeActions("province", "52", "52-01", "52", { state: "confirmed", signoff: confirmed })).toEqual({ confirm: false, accept: true, returnIt: true });
    expect(officeActions("province", "01", "52-01", "52", { state: "confirmed", signoff: confirmed })).toEqual({ confirm: false, accept: false, returnIt: false });
    expect(officeActions("national", "VN", "52-01", "52", { state: "confirmed", signoff: confirmed }).accept).toBe(false);
  });

  it("names the cells a return comments on by their column and label", () => {
    expect(cellCommentLines(form01, [{ field: "thu_ly_moi", comment: "Sổ ghi 43 việc." }])).toEqual(["(3) Thụ lý mới: Sổ ghi 43 việc."]);
    expect(cellCommentLines(undefined, [{ field: "thu_ly_moi", comment: "x" }])).toEqual(["thu_ly_moi: x"]);
  });

  it("marks a late report and a correction after the deadline on the board", () => {
    const row: ReviewRow = {
      unit: "52-01", name: "Phòng 1", form: "01", formCode: "Mẫu số 01", state: "sent", deadline: "2025-11-04T16:59:59.999Z",
      late: true, overdue: false,
      revision: { id: "x", number: 2, contentHash: "h", submittedAt: "2025-11-12T02:00:00.000Z", submittedBy: "A", reason: "r", marks: { correction: true, afterDeadline: true, afterAcceptance: false } },
      signoff: NO_SIGNOFF, offices: null, basis: null, staleDecision: false,
    };
    expect(rowMarks(row)).toBe("Nộp muộn; Báo cáo bổ sung (lần gửi 2), sau hạn nộp");
    expect(shortTime("2025-11-12T02:00:00.000Z")).toBe("09:00 12/11/2025");
  });
});
