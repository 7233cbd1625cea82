import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { PDFDocument, PDFSignature } from "pdf-lib";
import { drawableCodePoints, renderRevisionPdf, SIGNATURE_FIELD } from "../../worker/src/pdf/render";
import { revisionDocument, type RevisionDocumentInput } from "../../shared/signoff/document";
import { BUILT_IN_FORMS } from "../../shared/forms/definitions";
import { formInForce } from "../../shared/forms/registry";
import { SIGNOFF_WORDS } from "../../shared/signoff/state";
import { pdfText, popplerAvailable } from "./poppler";
import { TON_DONG } from "../fixtures/collections";
import type { FormDefinition } from "../../shared/forms/types";

const form = formInForce(BUILT_IN_FORMS, "01", "2025-10-31")!;
const values: Record<string, number> = {
  tong_thu_ly: 1534, nam_truoc_chuyen_sang: 1200, thu_ly_moi: 334, uy_thac: 12, phai_thi_hanh: 1522,
  co_dieu_kien: 1100, thi_hanh_xong: 700, dinh_chi: 20, dang_thi_hanh: 300, hoan_co_dk: 80, chua_co_dieu_kien: 422,
};
const hash = createHash("sha256").update("revision 2").digest("hex");

function input(confirmed: boolean): RevisionDocumentInput {
  return {
    form,
    unit: { code: "52-01", name: "Phòng THADS khu vực 1 - Gia Lai" },
    receiverName: "THADS tỉnh Gia Lai",
    period: "2025-10",
    revision: 2,
    values,
    explanations: { X5: "Chuyển sổ theo dõi riêng 14 việc khi khóa sổ năm." },
    reason: "Sửa số thụ lý mới theo sổ thụ lý, tỉnh trả lại ngày 05/11.",
    marks: { correction: true, afterDeadline: true, afterAcceptance: false },
    contentHash: hash,
    submittedAt: "2025-11-05T02:30:00.000Z",
    submittedBy: "Nguyễn Thị Hồng Nhung",
    confirmation: confirmed ? { by: "Trần Văn Đức", at: "2025-11-05T03:15:00.000Z" } : null,
  };
}

const havePoppler = popplerAvailable();

describe("the PDF of a revision", () => {
  it("is byte-identical each time it is drawn, before and after confirmation", async () => {
    for (const confirmed of [false, true]) {
      const a = await renderRevisionPdf(revisionDocument(input(confirmed)));
      const b = await renderRevisionPdf(revisionDocument(input(confirmed)));
      expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
      expect(a.length).toBeLessThan(60_000);
    }
    // Four drawings (each parses the fonts): on a loaded 2-core machine this passed 5 s; no speed is asserted.
  }, 60_000);

  it.skipIf(!havePoppler)("reads back with the form, unit, period in words, figures, names, revision and hash", async () => {
    const text = pdfText(await renderRevisionPdf(revisionDocument(input(true))));
    const flat = text.replace(/\s+/g, " ");
    for (const expected of [
      "KẾT QUẢ THI HÀNH ÁN DÂN SỰ",
      "Mẫu số 01",
      "Ban hành kèm theo Thông tư 05/2024/TT-BTP",
      "1 tháng năm 2026 (từ ngày 01/10/2025 đến ngày 31/10/2025)",
      "Phòng THADS khu vực 1 - Gia Lai (52-01)",
      "Đơn vị nhận báo cáo: THADS tỉnh Gia Lai",
      "Đơn vị tính: việc",
      "1.534", "1.200", "1.522", "1.100",
      "(11)",
      "NGƯỜI LẬP BIỂU", "Nguyễn Thị Hồng Nhung",
      "THỦ TRƯỞNG ĐƠN VỊ", "Trần Văn Đức",
      "Báo cáo bổ sung (lần gửi 2), sau hạn nộp",
      "Giải trình bổ sung: Sửa số thụ lý mới theo sổ thụ lý",
      "Lần gửi số 2, lúc 09:30 ngày 05/11/2025",
      hash,
      "Đã xác nhận bởi Trần Văn Đức lúc 10:15 ngày 05/11/2025",
      "ngày 05 tháng 11 năm 2025",
    ]) {
      expect(flat).toContain(expected);
    }
    for (const f of form.fields) expect(flat).toContain(f.label.vi.split(" ")[0]);
  });

  it.skipIf(!havePoppler)("says plainly that a revision not yet confirmed is a preview, not the one to sign", async () => {
    const text = pdfText(await renderRevisionPdf(revisionDocument(input(false)))).replace(/\s+/g, " ");
    expect(text).toContain("Bản xem trước — " + SIGNOFF_WORDS.sent.toLowerCase());
    expect(text).not.toContain("Đã xác nhận bởi");
  });

  it("has an empty signature field for the head once confirmed, and none before", async () => {
    const confirmed = await PDFDocument.load(await renderRevisionPdf(revisionDocument(input(true))));
    const fields = confirmed.getForm().getFields();
    expect(fields.map((f) => f.getName())).toEqual([SIGNATURE_FIELD]);
    expect(fields[0]).toBeInstanceOf(PDFSignature);
    const draft = await PDFDocument.load(await renderRevisionPdf(revisionDocument(input(false))));
    expect(draft.getForm().getFields()).toHaveLength(0);
  });

  it("can draw every word of every built-in form and the fixed wording", () => {
    const drawable = drawableCodePoints();
    const texts: string[] = ["NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ (Ký tên, đóng dấu) ngày … tháng … năm …", ...Object.values(SIGNOFF_WORDS)];
    for (const f of BUILT_IN_FORMS) {
      texts.push(f.code, f.title.vi.toUpperCase(), f.title.vi);
      for (const field of f.fields) texts.push(field.label.vi);
    }
    const missing = new Set<string>();
    for (const t of texts) for (const ch of t.normalize("NFC")) if (!drawable.has(ch.codePointAt(0)!)) missing.add(ch);
    expect([...missing]).toEqual([]);
  });

  describe("of a form broken down by officer (04)", () => {
    const form04 = formInForce(BUILT_IN_FORMS, "04", "2025-10-31")!;
    const names = ["Nguyễn Văn An", "Lê Thị Bình", "Trần Quốc Cường", "Phạm Thị Dung", "Hoàng Văn Em"];
    // 45 officers: more than a landscape page holds below the figures, so the list runs onto a second page.
    const officers = Array.from({ length: 45 }, (_x, i) => ({
      key: "CHV" + String(i + 1).padStart(2, "0"),
      label: (names[i % names.length] as string) + " " + (i + 1),
      values: { thi_hanh_xong: 1000 + i, dinh_chi: i, dang_thi_hanh: 20, chua_co_dieu_kien: 3, hoan_tam_dinh_chi: i % 2 === 0 ? null : 1 },
    }));
    const officerInput = (): RevisionDocumentInput => ({ ...input(true), form: form04, values: {}, explanations: {}, rows: officers });

    it("lists every officer under the unit's figures, the same bytes each time", async () => {
      const doc = revisionDocument(officerInput());
      expect(doc.rows?.caption).toBe("Chia theo Chấp hành viên (45 dòng)");
      expect(doc.rows?.rows[1]).toEqual(["Lê Thị Bình 2", "1.001", "1", "20", "3", "1"]);
      // An empty cell stays empty, never 0.
      expect(doc.rows?.rows[0]?.[5]).toBe("");
      const a = await renderRevisionPdf(doc);
      const b = await renderRevisionPdf(revisionDocument(officerInput()));
      expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
      expect((await PDFDocument.load(a)).getPageCount()).toBeGreaterThan((await PDFDocument.load(await renderRevisionPdf(revisionDocument(input(true))))).getPageCount());
    }, 60_000);

    it.skipIf(!havePoppler)("reads back with each officer's name and figures, the header row repeated on the next page", async () => {
      const text = pdfText(await renderRevisionPdf(revisionDocument(officerInput())));
      const flat = text.replace(/\s+/g, " ");
      expect(flat).toContain("Chia theo Chấp hành viên (45 dòng)");
      for (const o of officers) expect(flat).toContain(o.label);
      expect(flat).toContain("1.044");
      // The first two pages each carry the list's header row; the second page begins with it.
      const pages = text.split("\f");
      expect(pages[0]).toContain("(3) Thi hành xong");
      expect(pages[1]?.replace(/\s+/g, " ")).toMatch(/^ ?Chấp hành viên \(3\) Thi hành xong/);
    }, 60_000);

    it("leaves a form without rows as it was: no rows in its document", () => {
      expect("rows" in revisionDocument(input(true))).toBe(false);
    });
  });

  it("states a week's dates once: its number, then the days it covers", () => {
    const weekly: FormDefinition = { ...TON_DONG, id: "TUAN", period: { kind: "week", deadlineWorkingDays: 1 }, rules: [] };
    const week = revisionDocument({ ...input(true), form: weekly, period: "2026-W12", values: {}, explanations: {} });
    expect(week.periodWords).toBe("Tuần 12/2026 (từ ngày 16/03/2026 đến ngày 22/03/2026)");
    // Monthly documents keep their words (and so their bytes): a signed copy stays checkable.
    expect(revisionDocument(input(true)).periodWords).toBe("1 tháng năm 2026 (từ ngày 01/10/2025 đến ngày 31/10/2025)");
    expect(revisionDocument({ ...input(true), form: TON_DONG, period: "2026-03", values: {}, explanations: {} }).periodWords).toBe(
      "Tháng 3/2026 (số liệu đến hết ngày 31/03/2026)",
    );
  });
});
