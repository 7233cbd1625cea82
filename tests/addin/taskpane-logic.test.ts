import { describe, expect, it } from "vitest";
import { BUILT_IN_FORMS, formInForce } from "../../shared/forms";
import { validateForm } from "../../shared/validate";
import type { FormDefinition } from "../../shared/forms/types";
import { diffValues } from "../../addin/src/core/conflict";
import { findingItems, findingsSummary } from "../../addin/src/core/findings-view";
import { periodOptions, vietnamIsoDate } from "../../addin/src/core/periods-choice";
import { receiptView, vietnamDateTime } from "../../addin/src/core/receipt-view";
import { apiBase, loadSettings, normalizeServerUrl, saveSettings } from "../../addin/src/core/settings";
import { memoryStore } from "../../addin/src/core/storage";
import { buildRequest, completionRate, missingExplanations, planSubmission } from "../../addin/src/core/submission-plan";
import { capabilityHeadline, capabilityLines } from "../../addin/src/core/capabilities-text";

const form01 = formInForce(BUILT_IN_FORMS, "01", "2025-12-31") as FormDefinition;

/** A consistent form 01: every identity holds (140 = 90 + 45 + 5). Rate = (60 + 5) ÷ 90 = 72,22%. */
const GOOD = {
  tong_thu_ly: 150, nam_truoc_chuyen_sang: 100, thu_ly_moi: 50, uy_thac: 10, thu_hoi_huy: 0, phai_thi_hanh: 140,
  co_dieu_kien: 90, thi_hanh_xong: 60, dinh_chi: 5, dang_thi_hanh: 25, chua_co_dieu_kien: 45, hoan_tam_dinh_chi: 5,
  so_theo_doi_rieng: 12,
};

const CELLS = { tong_thu_ly: "C10", phai_thi_hanh: "C14", thu_ly_moi: "C12" };

describe("findings in the task pane", () => {
  it("lists a broken identity in Vietnamese with both sides and the difference, pointing at the cell", () => {
    const v = validateForm(form01, { ...GOOD, tong_thu_ly: 155 });
    const items = findingItems(form01, v.findings, CELLS);
    const r1 = items.find((i) => i.ruleLabel === "01.R1");
    expect(r1).toBeDefined();
    expect(r1?.severity).toBe("error");
    expect(r1?.message).toContain("Tổng số thụ lý");
    expect(r1?.message).toContain("phải bằng");
    expect(r1?.left).toBe("155");
    expect(r1?.right).toBe("150");
    expect(r1?.difference).toBe("5");
    expect(r1?.cell).toBe("C10");
    expect(findingsSummary(v.findings)).toMatch(/^Phát hiện \d+ lỗi/);
  });

  it("groups thousands the Vietnamese way", () => {
    const big = { ...GOOD, nam_truoc_chuyen_sang: 1_234_500, tong_thu_ly: 1_234_567 };
    const items = findingItems(form01, validateForm(form01, big).findings, CELLS);
    const r1 = items.find((i) => i.ruleLabel === "01.R1");
    expect(r1?.left).toBe("1.234.567");
    expect(r1?.right).toBe("1.234.550");
  });

  it("puts errors before warnings and uses the server's own message when it sent one", () => {
    const items = findingItems(form01, [
      { code: "rule_violated", severity: "warning", ruleId: "01.X5", fields: ["nam_truoc_chuyen_sang"], params: {} },
      { code: "missing_value", severity: "error", fields: ["uy_thac"], params: {}, message: { vi: "Từ máy chủ" } },
    ]);
    expect(items.map((i) => i.severity)).toEqual(["error", "warning"]);
    expect(items[0]?.message).toBe("Từ máy chủ");
    expect(findingsSummary([])).toBe("Không phát hiện lỗi nào.");
  });
});

describe("what will be sent", () => {
  it("shows every value and the completion rate computed from sums", () => {
    const plan = planSubmission(form01, "52-01", "2025-12", validateForm(form01, GOOD));
    expect(plan.errors).toEqual([]);
    expect(plan.rate).toBe("72,22%");
    expect(plan.rows.find((r) => r.key === "tong_thu_ly")).toMatchObject({ value: "150", derived: true });
    expect(plan.rows.find((r) => r.key === "thu_ly_moi")).toMatchObject({ indent: true, label: "(3) Thụ lý mới" });
  });

  it("asks one explanation per warning rule before sending", () => {
    // X5: carried over (100) differs from last year's carried-forward (500 − 300 − 20 = 180).
    const checked = validateForm(form01, GOOD, { prevYearFinal: { phai_thi_hanh: 500, thi_hanh_xong: 300, dinh_chi: 20 } });
    const plan = planSubmission(form01, "52-01", "2025-12", checked);
    expect(plan.warnings.map((w) => w.ruleId)).toEqual(["01.X5"]);
    expect(plan.warnings[0]?.message).toContain("Năm trước chuyển sang");
    expect(missingExplanations(plan, {})).toEqual(["01.X5"]);
    expect(missingExplanations(plan, { "01.X5": "   " })).toEqual(["01.X5"]);
    expect(missingExplanations(plan, { "01.X5": "Chuyển 80 việc sang sổ theo dõi riêng" })).toEqual([]);
    const req = buildRequest(plan, "id-1", { "01.X5": "  Chuyển sổ riêng " }, 2);
    expect(req).toEqual({ id: "id-1", unit: "52-01", form: "01", period: "2025-12", values: plan.values, explanations: { "01.X5": "Chuyển sổ riêng" }, baseRevision: 2 });
  });

  it("leaves baseRevision out when the sheet's base is unknown", () => {
    const plan = planSubmission(form01, "52-01", "2025-12", validateForm(form01, GOOD));
    expect(buildRequest(plan, "x", {}, null)).not.toHaveProperty("baseRevision");
    expect(buildRequest(plan, "x", {}, null)).not.toHaveProperty("explanations");
  });

  it("sends a correction's reason (giải trình bổ sung) trimmed, and none when it is blank", () => {
    const plan = planSubmission(form01, "52-01", "2025-12", validateForm(form01, GOOD));
    expect(buildRequest(plan, "x", {}, 1, "  Sửa theo sổ thụ lý \n")).toMatchObject({ baseRevision: 1, reason: "Sửa theo sổ thụ lý" });
    expect(buildRequest(plan, "x", {}, 1, "   ")).not.toHaveProperty("reason");
  });

  it("has no rate when nothing is enforceable", () => {
    expect(completionRate(form01, { ...GOOD, co_dieu_kien: 0 })).toBeNull();
  });
});

describe("revision conflict", () => {
  it("lists only the fields that differ, with the signed difference", () => {
    const rows = diffValues(form01, { ...GOOD }, { ...GOOD, thu_ly_moi: 45, tong_thu_ly: 145, uy_thac: null });
    expect(rows).toEqual([
      { key: "tong_thu_ly", label: "Tổng số thụ lý", mine: "150", theirs: "145", difference: "+5" },
      { key: "thu_ly_moi", label: "Thụ lý mới", mine: "50", theirs: "45", difference: "+5" },
      { key: "uy_thac", label: "Ủy thác", mine: "10", theirs: "(trống)", difference: null },
    ]);
  });
});

describe("receipt", () => {
  const base = {
    id: "x", unit: "52-01", form: "01", period: "2025-12", revision: 1, regime: "TT05_2024", contentHash: "h",
    submittedAt: "2026-01-03T07:05:00.000Z", submittedBy: "t", deadline: "2026-01-06T16:59:59.999Z",
    firstSubmittedAt: "2026-01-03T07:05:00.000Z", late: false, replayed: false, reason: null, marks: { correction: false, afterDeadline: false, afterAcceptance: false },
    completion: { rate: 84.2508, target: 83.9, targetProvisional: false, gap: 0.35, met: true },
  };

  it("shows revision, Vietnamese time, on time, and the rate against the target in points", () => {
    const v = receiptView(base);
    expect(v.revision).toBe("Lần gửi thứ 1");
    expect(v.time).toBe("14:05 ngày 03/01/2026");
    expect(v.lateness).toBe("Đúng hạn (hạn 23:59 ngày 06/01/2026)");
    expect(v.rate).toBe("84,25%");
    expect(v.target).toBe("83,90%");
    expect(v.gap).toBe("+0,35 điểm %");
    expect(v.verdict).toBe("Đạt chỉ tiêu");
  });

  it("says late, below target, provisional target", () => {
    const v = receiptView({ ...base, late: true, completion: { rate: 80, target: 84.7, targetProvisional: true, gap: -4.7, met: false } });
    expect(v.lateness).toMatch(/^Nộp muộn/);
    expect(v.gap).toBe("-4,70 điểm %");
    expect(v.target).toBe("84,70% (tạm giao)");
    expect(v.verdict).toBe("Chưa đạt chỉ tiêu");
  });

  it("calls a correction after the deadline a correction of an on-time report, not late", () => {
    const v = receiptView({ ...base, revision: 3, submittedAt: "2026-01-10T02:00:00.000Z" });
    expect(v.revision).toBe("Lần gửi thứ 3");
    expect(v.time).toBe("09:00 ngày 10/01/2026");
    expect(v.lateness).toBe("Bản sửa; báo cáo gửi lần đầu lúc 14:05 ngày 03/01/2026: đúng hạn (hạn 23:59 ngày 06/01/2026)");
    expect(v.late).toBe(false);
  });

  it("has no rate or target when there is none", () => {
    const v = receiptView({ ...base, completion: { rate: null, target: null, targetProvisional: false, gap: null, met: null } });
    expect(v.rate).toMatch(/chưa tính được/);
    expect(v.target).toBe("chưa giao chỉ tiêu");
    expect(v.gap).toBeNull();
    expect(vietnamDateTime("nonsense")).toBe("nonsense");
  });

  it("reads times on Hà Nội's clocks through shared/periods, whatever offset the instant is written with", () => {
    expect(vietnamDateTime("2026-01-06T16:59:59.999Z")).toBe("23:59 ngày 06/01/2026");
    expect(vietnamDateTime("2026-01-06T17:00:00Z")).toBe("00:00 ngày 07/01/2026");
    expect(vietnamDateTime("2026-01-07T00:00:00+07:00")).toBe("00:00 ngày 07/01/2026");
  });
});

describe("settings", () => {
  it("are stored per user and cleaned", () => {
    const store = memoryStore();
    expect(loadSettings(store)).toEqual({ serverUrl: "", token: "" });
    saveSettings(store, { serverUrl: " thads.example.vn/ ", token: " abc " });
    expect(loadSettings(store)).toEqual({ serverUrl: "https://thads.example.vn", token: "abc" });
    expect(normalizeServerUrl("http://127.0.0.1:8787//")).toBe("http://127.0.0.1:8787");
  });

  it("default to the server the pane came from", () => {
    expect(apiBase({ serverUrl: "", token: "" }, "https://localhost:8787")).toBe("https://localhost:8787");
    expect(apiBase({ serverUrl: "https://a.vn", token: "" }, "https://localhost:8787")).toBe("https://a.vn");
  });
});

describe("period choice", () => {
  it("offers ended months, newest first, named as in report titles", () => {
    // 3 January 2026, 02:00 in Hà Nội is still 2 January in UTC: the Vietnamese date counts.
    const now = Date.parse("2026-01-02T19:00:00Z");
    expect(vietnamIsoDate(now)).toBe("2026-01-03");
    const opts = periodOptions(now, 4);
    expect(opts.map((o) => o.key)).toEqual(["2025-12", "2025-11", "2025-10", "2025-09"]);
    expect(opts[0]?.label).toBe("tháng 12/2025 (3 tháng năm 2026)");
  });
});

describe("capabilities", () => {
  it("tells an Excel 2016 clerk to press Kiểm tra, and a 1.7+ one that checks are live", () => {
    const old = { level: "1.1" as const, liveValidation: false, dataValidation: false, comments: false, notes: false, conditionalFormats: false };
    expect(capabilityHeadline(old)).toBe("Excel này hỗ trợ ExcelApi 1.1 (Excel 2016 trở lên).");
    expect(capabilityLines(old)[1]).toMatchObject({ available: false, text: expect.stringContaining("bấm “Kiểm tra”") });
    const live = capabilityLines({ ...old, level: "1.7", liveValidation: true });
    expect(live[1]).toEqual({ available: true, text: "Tự động kiểm tra lại khi sửa ô" });
  });
});
