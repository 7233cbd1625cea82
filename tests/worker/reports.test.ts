import { beforeAll, describe, expect, it } from "vitest";
import JSZip from "jszip";
import { comparisonSchema, reportTextSchema } from "../../shared/api/schemas";
import { api, setNow } from "./fixtures";
import { seedComparisonScenario } from "./submission-data";
import { parseCsv } from "../fixtures/csv";
import { countedCall } from "./d1-calls";

/**
 * The report text of a scope and period through the Worker (issue 11, item 5): plain text by
 * default, JSON, a Word document; the same text for Accept: text/plain on the comparison.
 * Scenario (tests/worker/submission-data.ts): October 2025, Gia Lai's 52-01 85/95 and 52-02
 * 100/200 việc, TP HCM's 79-01 40/50 việc and 600.000 (+10.000 giảm)/1.000.000 nghìn đồng; targets 70% / 50%.
 */
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

beforeAll(async () => {
  await seedComparisonScenario();
});

describe("GET /api/v1/reports/text", () => {
  it("writes the national report's paragraphs in Vietnamese, both forms, in two D1 batches", async () => {
    setNow("2025-12-03T03:00:00Z");
    const { res, calls } = await countedCall("GET", "/api/v1/reports/text?parent=VN&period=2025-10", { token: "demo-national", accept: "text/plain" });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/plain; charset=utf-8");
    const text = await res.text();
    expect(text.split("\n")[0]).toBe("BÁO CÁO KẾT QUẢ THI HÀNH ÁN DÂN SỰ 1 THÁNG NĂM 2026");
    // 185 + 40 = 225 done of 295 + 50 = 345 enforceable: 65,22%, against the national 70% target
    expect(text).toContain("có điều kiện thi hành 345 việc");
    expect(text).toContain("thi hành xong 225 việc");
    expect(text).toContain("đạt tỷ lệ 65,22%");
    expect(text).toContain("thấp hơn 4,78 điểm % so với chỉ tiêu được giao (70,00%)");
    // money: 600.000 of 1.000.000 nghìn đồng = 60,00% (the 10.000 of giảm is not done: docs/domain.md)
    expect(text).toMatch(/Về tiền[^:]*: .*thi hành xong 600\.000 nghìn đồng, .*đạt tỷ lệ 60,00%/);
    // Gia Lai met neither target it could be judged on; TP HCM met both
    expect(text).toContain("đơn vị hoàn thành 02/02 chỉ tiêu");
    expect(text).toContain("Tình hình gửi báo cáo Mẫu số 01:");
    expect(text).toContain("3. Dự báo: theo diễn biến của năm 2025");
    // Two batches whatever the number of forms: the caller and the bases, then the months.
    expect(calls).toEqual(["batch", "batch"]);
  });

  it("answers JSON with the same paragraphs, and the same text for Accept: text/plain on the comparison", async () => {
    const plain = await (await api("GET", "/api/v1/reports/text?parent=52&period=2025-10", { token: "demo-province-52", accept: "text/plain" })).text();
    const json = reportTextSchema.parse(await (await api("GET", "/api/v1/reports/text?parent=52&period=2025-10", { token: "demo-province-52", accept: "application/json" })).json());
    expect(plain).toBe([json.title, ...json.lines].join("\n") + "\n\n" + json.paragraphs.join("\n\n") + "\n");
    const viaComparison = await api("GET", "/api/v1/comparisons?parent=52&form=01&period=2025-10", { token: "demo-province-52", accept: "text/plain" });
    expect(await viaComparison.text()).toBe(plain);
    expect(json.lines[0]).toMatch(/^Các đơn vị của THADS tỉnh Gia Lai — 1 tháng năm 2026/);
  });

  it("prints the national rate, its gap and its change as the comparison's JSON and CSV give them (same request scope)", async () => {
    const text = await (await api("GET", "/api/v1/reports/text?parent=VN&period=2025-10", { token: "demo-national", accept: "text/plain" })).text();
    const c = comparisonSchema.parse(await (await api("GET", "/api/v1/comparisons?parent=VN&form=01&period=2025-10", { token: "demo-national" })).json());
    const csv = parseCsv((await (await api("GET", "/api/v1/comparisons?parent=VN&form=01&period=2025-10", { token: "demo-national", accept: "text/csv" })).text()).replace(/^\uFEFF/, "").replace(/\r\n/g, "\n"), ",");
    const cell = c.rows.filter((r) => r.isTotal)[0]!.indicators.rate_viec!;
    const header = csv[0]!;
    const total = csv.find((r) => r[1] === "VN")!;
    const csvOf = (h: string): string => total[header.indexOf(h)] as string;
    const m = /Về việc[^:]*: .*đạt tỷ lệ ([\d,]+)%(?: \((tăng|giảm) ([\d,]+) điểm % so với cùng kỳ[^)]*\))?, (vượt|thấp hơn) ([\d,]+) điểm % so với chỉ tiêu được giao \(([\d,]+)%\)/.exec(text);
    expect(m, text).not.toBeNull();
    const [, rate, word, points, side, gap, target] = m as RegExpExecArray;
    const n = (s: string): number => Number(s.replace(",", "."));
    expect(n(rate!)).toBe(cell.printed);
    expect(Number(csvOf("Tỷ lệ thi hành xong về việc (%)"))).toBe(cell.printed);
    expect(n(target!)).toBe(cell.target);
    expect(n(gap!) * (side === "vượt" ? 1 : -1)).toBe(cell.gap);
    expect(Number(csvOf("So với chỉ tiêu (điểm)"))).toBe(cell.gap);
    // the gap is the difference of the printed figures
    expect(cell.gap).toBe(Math.round(((cell.printed as number) - (cell.target as number)) * 100) / 100);
    // the change on cùng kỳ (the scenario has 2024-10): the difference of the two printed rates
    expect(n(points!) * (word === "tăng" ? 1 : -1)).toBe(cell.vs.samePeriod.change);
    expect(Number(csvOf("Tăng, giảm so với cùng kỳ (điểm)"))).toBe(cell.vs.samePeriod.change);
    expect(cell.vs.samePeriod.change).toBe(Math.round(((cell.printed as number) - (cell.vs.samePeriod.printed as number)) * 100) / 100);
  });

  it("is a Word document with the text and the comparison tables", async () => {
    const res = await api("GET", "/api/v1/reports/text?parent=VN&period=2025-10", { token: "demo-national", accept: DOCX });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe(DOCX);
    expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="bao-cao-VN-2025-10.docx"');
    const zip = await JSZip.loadAsync(await res.arrayBuffer());
    const xml = await zip.file("word/document.xml")!.async("string");
    expect(xml).toContain("BÁO CÁO KẾT QUẢ THI HÀNH ÁN DÂN SỰ 1 THÁNG NĂM 2026");
    expect(xml).toContain("đạt tỷ lệ 65,22%");
    // one table per form with a targeted headline in force (01, 02, 08 complaints, 12 THAHC), cells as the sheet shows them
    expect((xml.match(/<w:tbl>/g) ?? []).length).toBe(4);
    expect(xml).toContain("<w:t xml:space=\"preserve\">65,22%</w:t>");
  });

  it("refuses a scope outside the caller's and a reporting unit, with the reason in Vietnamese", async () => {
    expect((await api("GET", "/api/v1/reports/text?parent=79&period=2025-10", { token: "demo-province-52" })).status).toBe(403);
    const res = await api("GET", "/api/v1/reports/text?parent=52-01&period=2025-10", { token: "demo-province-52" });
    expect(res.status).toBe(400);
    expect((await res.json() as { error: { message: { vi: string } } }).error.message.vi).toContain("đơn vị báo cáo");
  });
});
