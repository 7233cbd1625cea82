/**
 * A clerk's own workbook (the LibreOffice corpus of tests/fixtures/workbooks/corpus) opened in
 * the task pane in headless Chromium, against a real local Worker: before sending, the pane
 * shows each column's header, the field it became and the chosen row's figures, and the
 * "Gửi báo cáo" button stays disabled until the clerk has acknowledged a conversion or
 * confirmed each column; the receipt repeats the figures the server accepted.
 *
 * Needs `npm run build:addin` first (npm test does it) and /usr/bin/chromium.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readWorkbookValues } from "../fixtures/workbooks/read";
import { launchPaneBrowser, screenshotFolder, type PaneBrowser } from "./chromium";
import { getJson, startLocalWorker, type LocalWorker } from "./local-worker";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const CORPUS = join(ROOT, "tests/fixtures/workbooks/corpus");
const shots = screenshotFolder();
const clerk = (unit: string) => "browser-clerk-" + unit;

let worker: LocalWorker;
let pane: PaneBrowser;

type Thads = { putSheet(name: string, values: unknown[][], origin: { row: number; col: number }): Promise<void> };

const openAs = (token: string) => pane.signedIn(worker.url, token, { viewport: { width: 380, height: 1400 }, locale: "vi-VN" });

async function putCorpusSheet(page: Page, name: string): Promise<void> {
  const fx = await readWorkbookValues(join(CORPUS, name + ".xlsx"));
  await page.evaluate(({ v, o }) => (window as unknown as { __thads: Thads }).__thads.putSheet("Của tôi", v, o), { v: fx.values, o: fx.origin });
}

const apiGet = <T>(token: string, path: string) => getJson<T>(worker.url, token, path);

beforeAll(async () => {
  worker = await startLocalWorker({
    units: [
      { code: "VN", name: "Cục Quản lý thi hành án dân sự", kind: "national", level: "national", parent: null, path: "/VN/", reporting: false },
      { code: "91", name: "THADS tỉnh An Giang", kind: "province", level: "province", parent: "VN", path: "/VN/91/", reporting: false },
      { code: "91-01", name: "Phòng THADS khu vực Tân Châu", kind: "regional_office", level: "office", parent: "91", path: "/VN/91/91-01/", reporting: true },
      { code: "91-04", name: "Phòng THADS khu vực 4", kind: "regional_office", level: "office", parent: "91", path: "/VN/91/91-04/", reporting: true },
    ],
    tokens: [
      { token: clerk("91-01"), role: "clerk", unit: "91-01" },
      { token: clerk("91-04"), role: "clerk", unit: "91-04" },
    ],
    targets: [],
  });
  pane = await launchPaneBrowser();
}, 240_000);

afterAll(async () => {
  await pane?.close();
  await worker?.dispose();
  shots.dispose();
});

// The clerks' sheets here are in the published layout (thu hồi, hủy; the third bucket beside
// có and chưa có điều kiện; the separate book), the layout of the periods the pane offers: the
// older-layout sheets of the corpus are reviewed for their own periods in Node
// (tests/addin/recognized-review.test.ts).
describe("a clerk's own sheet is reviewed column by column before it is sent", () => {
  it("money in đồng: the figures converted into nghìn đồng are shown, and nothing is sent until the clerk acknowledges the conversion", async () => {
    const { context, page } = await openAs(clerk("91-01"));
    try {
      await putCorpusSheet(page, "tien-dong-2025");
      await page.click("#tab-submit");
      await page.click("#submit-prepare");
      await page.waitForSelector("#submit-preview #mapping-review");
      expect(await page.textContent("#mapping-unit")).toBe("Đơn vị tính: đồng (ô N3) → nghìn đồng: chia cho 1.000");
      const first = await page.$$eval("#mapping-columns tbody tr", (rows) => Array.prototype.map.call(rows[0]!.querySelectorAll("td"), (td: HTMLElement) => td.textContent) as string[]);
      // Column, header on the sheet (with the field's select under it), the row's cell in đồng, the figure sent in nghìn đồng.
      expect([first[0], first[2], first[3]]).toEqual(["C", "18.551.240.000", "18.551.240"]);
      expect(await page.textContent("#mapping-columns tbody tr .mapping-header")).toBe("Tổng số thụ lý");
      expect(await page.inputValue("#mapping-field-C")).toBe("tong_thu_ly");
      expect(await page.isDisabled("#submit-send")).toBe(true);
      expect(await page.textContent("#mapping-pending")).toContain("Hãy xác nhận đã đọc thông báo đổi đơn vị tính.");
      await page.screenshot({ path: join(shots.dir, "taskpane-mapping-review.png"), fullPage: true });

      await page.click("#mapping-ack-0");
      await page.waitForSelector("#mapping-pending.ok");
      expect(await page.isChecked("#mapping-ack-0")).toBe(true);
      expect(await page.isDisabled("#submit-send")).toBe(false);
      await page.click("#submit-send");
      await page.waitForSelector("#receipt");
      expect(await page.textContent("#receipt-revision")).toBe("Lần gửi thứ 1");
      const sent = await page.$$eval("#receipt-values tbody tr", (rows) => rows.map((r) => Array.prototype.map.call(r.querySelectorAll("td"), (td: HTMLElement) => td.textContent).join(": ")));
      expect(sent.slice(0, 2)).toEqual(["(1) Tổng số thụ lý: 18.551.240", "(2) Năm trước chuyển sang: 12.430.800"]);
      expect(sent).toContain("(8) Thi hành xong: 3.402.100");
      expect(sent).toContain("(13) Hoãn, tạm đình chỉ, khác: 880.000");
      const history = await apiGet<{ revisions: { values: Record<string, number> }[] }>(clerk("91-01"), "/api/v1/submissions?unit=91-01&form=02&period=2026-06");
      expect(history.revisions[0]!.values).toMatchObject({ nam_truoc_chuyen_sang: 12_430_800, thu_hoi_huy: 15_000, thi_hanh_xong: 3_402_100, giam: 0, hoan_tam_dinh_chi: 880_000 });
    } finally {
      await context.close();
    }
  });

  it("labels that contradict the column numbers: the clerk confirms each column before the button sends", async () => {
    const { context, page } = await openAs(clerk("91-04"));
    try {
      await putCorpusSheet(page, "thu-tu-rieng-2025");
      await page.click("#tab-submit");
      await page.click("#submit-prepare");
      await page.waitForSelector("#submit-preview #mapping-review");
      expect(await page.textContent("#mapping-questions")).toContain("Số thứ tự cột của trang tính không khớp với biểu mẫu");
      expect(await page.isDisabled("#submit-send")).toBe(true);
      // "Đình chỉ" is numbered 10 on this sheet, where the form has "Đang thi hành": mapped by its label.
      expect(await page.inputValue("#mapping-field-L")).toBe("dinh_chi");
      const letters = await page.$$eval("#mapping-columns input[type=checkbox]", (boxes) => boxes.map((b) => b.id.replace("mapping-confirm-", "")));
      expect(letters).toEqual(["C", "D", "E", "F", "G", "H", "I", "J", "K", "L", "M", "N", "O"]);
      for (const letter of letters) {
        await page.click("#mapping-confirm-" + letter);
        await page.waitForSelector("#mapping-confirm-" + letter + ":checked");
        if (letter !== "O") expect(await page.isDisabled("#submit-send")).toBe(true);
      }
      await page.waitForSelector("#mapping-pending.ok");
      expect(await page.isDisabled("#submit-send")).toBe(false);
      await page.click("#submit-send");
      await page.waitForSelector("#receipt");
      expect(await page.textContent("#receipt-values")).toContain("(9) Đình chỉ thi hành án4");
    } finally {
      await context.close();
    }
  });
});
