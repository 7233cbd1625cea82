import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { renderDocx } from "../../worker/src/docx/render";
import { buildComparison } from "../../shared/reports/comparison/build";
import { layoutComparison } from "../../shared/reports/comparison/sheet";
import { reportPlainText, reportText, type TextPart } from "../../shared/reports/text";
import { convert, requireSoffice } from "./soffice";
import { requireTool } from "../support/tools";
import { FORM_01, FORM_02, NATIONAL, QUARTER, scenarioData } from "../fixtures/reports";

/**
 * The Word report opened by LibreOffice Writer (Debian libreoffice-writer; libreoffice-calc
 * alone refuses a .docx): converted to PDF, its text read back with pdftotext and its first
 * page drawn with pdftoppm (Debian poppler-utils). With THADS_SCREENSHOT_DIR set
 * (`npm run screenshots:office`) the pictures go to docs/.
 */
const hasOffice = requireSoffice();
const poppler = (command: string) => requireTool({ command, args: ["-v"], debianPackage: "poppler-utils", checks: "the Word report checks" });
const hasPoppler = poppler("pdftotext") && poppler("pdftoppm");
const SOURCE = { server: "thads.example.gov.vn" };
const dir = mkdtempSync(join(tmpdir(), "thads-docx-"));
const pdf: Record<string, string> = {};
const stats: string[] = [];

function partsOf(s: typeof QUARTER, forms: ("01" | "02")[]): TextPart[] {
  const data = scenarioData(s);
  return forms.map((id) => ({ comparison: buildComparison({ ...data, formId: id }), form: id === "01" ? FORM_01 : FORM_02 }));
}

async function write(name: string, parts: TextPart[]): Promise<string> {
  const started = Date.now();
  const bytes = await renderDocx(reportText(parts, SOURCE), parts.map((p) => layoutComparison(p.comparison, { form: p.form, source: SOURCE })));
  stats.push(`${name}.docx: ${bytes.length} bytes in ${Date.now() - started} ms`);
  const path = join(dir, name + ".docx");
  writeFileSync(path, bytes);
  return path;
}

function pdfText(name: string): string {
  const r = spawnSync("pdftotext", ["-layout", pdf[name] as string, "-"], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  // Lines wrap where the page ends: compare text with single spaces.
  return r.stdout.replace(/\s+/g, " ");
}

describe.skipIf(!hasOffice || !hasPoppler)("the Word report in LibreOffice", () => {
  beforeAll(async () => {
    const files = [await write("bao-cao-toan-quoc", partsOf(NATIONAL, ["01"])), await write("bao-cao-quy-i", partsOf(QUARTER, ["01", "02"]))];
    const out = convert(files, "pdf", { locale: "vi-VN" });
    stats.push(`LibreOffice .docx → PDF (${files.length} files): ${out.ms} ms`);
    for (const f of out.files) pdf[f.replace(/\.pdf$/, "")] = join(out.outDir, f);
    console.log(stats.join("; "));
  });

  it("converts to PDF with the text and the published figure, every diacritic intact", () => {
    const text = pdfText("bao-cao-toan-quoc");
    expect(text).toContain("BÁO CÁO KẾT QUẢ THI HÀNH ÁN DÂN SỰ 12 THÁNG NĂM 2026");
    expect(text).toContain("thi hành xong 577.876 việc");
    expect(text).toContain("đạt tỷ lệ 84,25%");
    expect(text).toContain("vượt 0,35 điểm % so với chỉ tiêu được giao (83,90%)");
  });

  it("holds the report text the API serves, paragraph by paragraph and in order", () => {
    for (const [name, parts] of [["bao-cao-toan-quoc", partsOf(NATIONAL, ["01"])], ["bao-cao-quy-i", partsOf(QUARTER, ["01", "02"])]] as const) {
      const text = pdfText(name);
      // the same function the API's text/plain answer prints with
      const served = reportPlainText(reportText(parts, SOURCE)).split(/\n+/).map((l) => l.replace(/\s+/g, " ").trim()).filter((l) => l !== "");
      let from = 0;
      for (const line of served) {
        const at = text.indexOf(line, from);
        expect(at, name + ": " + line).toBeGreaterThanOrEqual(0);
        from = at + line.length;
      }
    }
  });

  it("carries the comparison table after the text, cells as the sheet shows them", () => {
    const text = pdfText("bao-cao-toan-quoc");
    expect(text).toContain("BẢNG SO SÁNH KẾT QUẢ THI HÀNH ÁN DÂN SỰ TÍNH BẰNG VIỆC");
    // TP HCM: 92.876 of 96.001 = 96,74%, +12,84 on the 83,90% target (its name wraps in its cell)
    expect(text).toMatch(/92\.876 96\.001 96,74% 83,90% \+12,84/);
    expect(text).toMatch(/Toàn quốc 577\.876 685\.898 84,25%/);
  });

  it("holds both forms' tables and the units at 01/02 targets", () => {
    const text = pdfText("bao-cao-quy-i");
    expect(text).toContain("BẢNG SO SÁNH KẾT QUẢ THI HÀNH ÁN DÂN SỰ TÍNH BẰNG TIỀN");
    expect(text).toContain("02/03 đơn vị chỉ hoàn thành 01/02 chỉ tiêu (Gia Lai, Hồ Chí Minh)");
  });

  it("draws its pages as pictures", () => {
    const png = join(dir, "bao-cao-toan-quoc");
    const r = spawnSync("pdftoppm", ["-png", "-r", "70", pdf["bao-cao-toan-quoc"] as string, png], { encoding: "utf8" });
    expect(r.status, r.stderr).toBe(0);
    const first = png + "-1.png";
    expect(statSync(first).size).toBeGreaterThan(10_000);
    expect(readFileSync(first).subarray(1, 4).toString()).toBe("PNG");
    const target = process.env.THADS_SCREENSHOT_DIR;
    if (target) {
      copyFileSync(first, join(target, "bao-cao-docx-trang-1.png"));
      copyFileSync(png + "-2.png", join(target, "bao-cao-docx-trang-2.png"));
    }
  });
});
