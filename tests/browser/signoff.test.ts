/**
 * Issue 13's loop in headless Chromium against a real local Worker (wrangler dev, its own D1):
 * the clerk sends → the head confirms in the pane → the province returns it with a comment on a
 * cell → the clerk sees the comment in the pane, corrects with a reason → the head confirms the
 * new revision → the province accepts → the national comparison pulled into a sheet says the
 * province's office is accepted. The PDF of each revision is downloaded twice (byte-identical),
 * read back with pdftotext (figures, names, hash) and drawn as a picture (docs/ with
 * `npm run screenshots`).
 *
 * Needs `npm run build:addin` first, /usr/bin/chromium and poppler-utils.
 */
import { createHash, randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { periodOptions } from "../../addin/src/core/periods-choice";
import { launchPaneBrowser, screenshotFolder, type PaneBrowser } from "./chromium";
import { CLERK_52_01_UNITS, form01, startLocalWorker, type LocalWorker } from "./local-worker";
import { pdfPicture, pdfText, popplerAvailable } from "../pdf/poppler";

const shots = screenshotFolder();
const SHOTS = shots.dir;
/** The pane's default: the latest month that has ended. */
const PERIOD = (periodOptions(Date.now())[0] as { key: string }).key;
const CLERK = "browser-clerk-52-01";
const HEAD = "browser-head-52-01";
const PROVINCE = "browser-province-52";
const NATIONAL = "browser-national";
const NAMES: Record<string, string> = {
  [CLERK]: "Nguyễn Thị Hồng Nhung",
  [HEAD]: "Trần Văn Đức",
  [PROVINCE]: "Lê Minh Tâm",
  [NATIONAL]: "Phạm Quốc Hùng",
};

const FIRST = form01({ carried: 85, fresh: 40, entrusted: 5, done: 60, terminated: 5, open: 10, postponed: 0 });
/** The correction: 3 more new cases (thụ lý mới 40 → 43), still open. */
const SECOND = form01({ carried: 85, fresh: 43, entrusted: 5, done: 60, terminated: 5, open: 13, postponed: 0 });
const REASON = "Bổ sung 3 việc thụ lý mới ngày 30 bị sót khi lập biểu.";

let worker: LocalWorker;
let pane: PaneBrowser;
const havePoppler = popplerAvailable();

async function call(token: string, method: string, path: string, body?: unknown, accept = "application/json"): Promise<Response> {
  return fetch(worker.url + path, {
    method,
    headers: { Authorization: "Bearer " + token, Accept: accept, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function openAs(token: string): Promise<{ context: BrowserContext; page: Page }> {
  const { context, page } = await pane.signedIn(worker.url, token, { viewport: { width: 420, height: 1300 }, locale: "vi-VN", acceptDownloads: true });
  await page.click("#tab-review");
  await page.selectOption("#review-period", PERIOD);
  return { context, page };
}

async function reload(page: Page): Promise<void> {
  await page.click("#review-load");
  await page.waitForSelector("#review-list > *");
}

const revisions: { id: string; hash: string }[] = [];

beforeAll(async () => {
  worker = await startLocalWorker({
    units: CLERK_52_01_UNITS,
    tokens: [
      { token: CLERK, role: "clerk", unit: "52-01", label: NAMES[CLERK] },
      { token: HEAD, role: "head", unit: "52-01", label: NAMES[HEAD] },
      { token: PROVINCE, role: "province", unit: "52", label: NAMES[PROVINCE] },
      { token: NATIONAL, role: "national", unit: "VN", label: NAMES[NATIONAL] },
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

describe("sign-off, from the clerk's report to the national sheet", () => {
  it("the clerk sends revision 1 and the head confirms it in the pane", async () => {
    const sent = await call(CLERK, "POST", "/api/v1/submissions", { id: randomUUID(), unit: "52-01", form: "01", period: PERIOD, values: FIRST });
    expect(sent.status).toBe(201);
    const r = await sent.json();
    revisions.push({ id: r.id, hash: r.contentHash });

    const { context, page } = await openAs(HEAD);
    await reload(page);
    expect(await page.textContent("#review-state-01")).toBe("Đã gửi, chờ xác nhận");
    await page.click("#review-confirm-01");
    await expect.poll(() => page.textContent("#review-state-01")).toBe("Đã xác nhận");
    expect(await page.isVisible("#review-confirm-01")).toBe(false);
    await context.close();
  });

  it("the province returns it with a comment on the cell it names", async () => {
    const { context, page } = await openAs(PROVINCE);
    await reload(page);
    expect(await page.textContent("#review-row-52-01-01 .review-state")).toBe("Đã xác nhận");
    await page.click("#review-open-52-01-01");
    await page.waitForSelector("#review-revision");
    expect(await page.textContent("#review-values")).toContain("Thụ lý mới");
    // A return needs a comment: refused in the pane before anything is sent.
    await page.click("#review-return");
    expect(await page.textContent("#review-status")).toContain("cần ghi nhận xét");
    await page.fill("#review-comment", "Số thụ lý mới chưa khớp sổ thụ lý.");
    await page.selectOption("#review-cell-field", "thu_ly_moi");
    await page.fill("#review-cell-comment", "Sổ thụ lý ghi 43 việc.");
    await page.screenshot({ path: join(SHOTS, "taskpane-review-province.png"), fullPage: true });
    await page.click("#review-return");
    await expect.poll(() => page.textContent("#review-row-52-01-01 .review-state")).toBe("Trả lại");
    await context.close();
  });

  it("the clerk sees the comment and the cell, and corrects with a reason; the head confirms again", async () => {
    const { context, page } = await openAs(CLERK);
    // The clerk's form sheet for the period is open: the commented cell gets marked on it.
    await page.click("#tab-insert");
    await page.waitForSelector("#insert-unit");
    await page.selectOption("#insert-period", PERIOD);
    await page.selectOption("#insert-form", "01");
    await page.click("#insert-go");
    await page.waitForSelector("#insert-status .ok");
    const sheet = await page.evaluate(() => (window as unknown as { __thads: { book: { activeSheet(): string | null } } }).__thads.book.activeSheet());
    const fillOf = (address: string) =>
      page.evaluate(([s, a]) => (window as unknown as { __thads: { book: { fill(s: string, a: string): string | null } } }).__thads.book.fill(s as string, a as string), [sheet, address]);
    const before = await fillOf("D12");
    // The clerk has moved on to another sheet of the workbook: the form's sheet is found anyway.
    await page.evaluate(() => (window as unknown as { __thads: { putSheet(n: string, v: unknown[][], o: { row: number; col: number }): Promise<void> } }).__thads.putSheet("Ghi chú", [["Việc cần làm"]], { row: 0, col: 0 }));
    const activeSheet = () => page.evaluate(() => (window as unknown as { __thads: { book: { activeSheet(): string | null } } }).__thads.book.activeSheet());
    expect(await activeSheet()).toBe("Ghi chú");
    await page.click("#tab-review");
    await reload(page);
    // (3) Thụ lý mới is D12 on form 01: filled as an error, its neighbours left alone.
    await expect.poll(() => fillOf("D12"), { timeout: 15_000 }).toBe("#FFC7CE");
    expect(before).not.toBe("#FFC7CE");
    expect(await fillOf("E12")).toBe(before);
    expect(await page.textContent("#review-status")).toContain("đã được tô màu");
    // The pane names the sheet that carries the marks and takes the clerk to the commented cell.
    expect(await page.textContent("#review-marks-01")).toContain("đã được tô màu trên trang “" + sheet + "”");
    await page.click("#review-goto-01");
    await expect.poll(activeSheet, { timeout: 15_000 }).toBe(sheet);
    expect(await page.evaluate(() => (window as unknown as { __thads: { selection(): Promise<string> } }).__thads.selection())).toContain("D12");
    expect(await page.textContent("#review-state-01")).toBe("Trả lại");
    expect(await page.textContent("#review-comment-01")).toBe("Nhận xét: Số thụ lý mới chưa khớp sổ thụ lý.");
    expect(await page.textContent("#review-cells-01")).toContain("(3) Thụ lý mới: Sổ thụ lý ghi 43 việc.");
    // A clerk does not confirm.
    expect(await page.isVisible("#review-confirm-01")).toBe(false);
    await page.screenshot({ path: join(SHOTS, "taskpane-review-returned.png"), fullPage: true });
    await context.close();

    // Without a reason the correction is refused, and nothing is written.
    const bare = await call(CLERK, "POST", "/api/v1/submissions", { id: randomUUID(), unit: "52-01", form: "01", period: PERIOD, values: SECOND, baseRevision: 1 });
    expect(bare.status).toBe(422);
    expect((await bare.json()).error.code).toBe("reason_required");
    const sent = await call(CLERK, "POST", "/api/v1/submissions", { id: randomUUID(), unit: "52-01", form: "01", period: PERIOD, values: SECOND, baseRevision: 1, reason: REASON });
    expect(sent.status).toBe(201);
    const r = await sent.json();
    expect(r).toMatchObject({ revision: 2, reason: REASON, marks: { correction: true } });
    revisions.push({ id: r.id, hash: r.contentHash });

    const head = await openAs(HEAD);
    await reload(head.page);
    expect(await head.page.textContent("#review-state-01")).toBe("Đã gửi, chờ xác nhận");
    await head.page.click("#review-confirm-01");
    await expect.poll(() => head.page.textContent("#review-state-01")).toBe("Đã xác nhận");
    await head.context.close();
  });

  it("the province accepts revision 2, with its reason shown", async () => {
    const { context, page } = await openAs(PROVINCE);
    await reload(page);
    expect(await page.textContent("#review-row-52-01-01")).toContain("Báo cáo bổ sung (lần gửi 2)");
    await page.click("#review-open-52-01-01");
    await page.waitForSelector("#review-revision");
    expect(await page.textContent("#review-reason")).toBe(REASON);
    expect(await page.textContent("#review-events")).toContain("Xác nhận — " + NAMES[HEAD]);
    await page.click("#review-accept");
    await expect.poll(() => page.textContent("#review-row-52-01-01 .review-state")).toBe("Đã tiếp nhận");
    await page.screenshot({ path: join(SHOTS, "taskpane-review-accepted.png"), fullPage: true });
    await context.close();
  });

  it("the national comparison pulled into a sheet says Gia Lai's office is accepted", async () => {
    const { context, page } = await openAs(NATIONAL);
    await page.click("#tab-compare");
    await page.selectOption("#compare-parent", "VN");
    await page.selectOption("#compare-period", PERIOD);
    await page.selectOption("#compare-form", "01");
    await page.click("#compare-pull");
    await page.waitForSelector("#compare-result");
    const rows = await page.evaluate(() => {
      const b = (window as unknown as { __thads: { book: { activeSheet(): string; values(s: string, a: string): unknown[][] } } }).__thads.book;
      return b.values(b.activeSheet(), "A1:P12");
    });
    const gialai = rows.filter((r) => r[1] === "52")[0] as unknown[];
    expect(gialai[15]).toBe("Đã xác nhận 1/1 đơn vị; đã tiếp nhận 1/1 đơn vị");
    expect(rows.map((r) => r[0]).join(" ")).toContain("Đã xác nhận 1/1 đơn vị; đã tiếp nhận 1/1 đơn vị");
    // Accepted figures only: their own sheet, which says so; revision 2 is the accepted one (128 cases received).
    await page.check("#compare-accepted");
    await page.click("#compare-pull");
    await expect.poll(() => page.textContent("#compare-result")).toContain("TN");
    const accepted = await page.evaluate(() => {
      const b = (window as unknown as { __thads: { book: { activeSheet(): string; values(s: string, a: string): unknown[][] } } }).__thads.book;
      return { name: b.activeSheet(), rows: b.values(b.activeSheet(), "A1:P12") };
    });
    expect(accepted.name).toBe("So sánh VN 01 " + PERIOD + " TN");
    expect(accepted.rows.map((r) => r[0]).join(" ")).toContain("Chỉ tính số liệu đã được tiếp nhận");
    await context.close();
  });

  it.skipIf(!havePoppler)("each revision's PDF is the same bytes on every download and holds the figures, names and hash", async () => {
    for (const [i, r] of revisions.entries()) {
      const a = new Uint8Array(await (await call(CLERK, "GET", "/api/v1/submissions/" + r.id, undefined, "application/pdf")).arrayBuffer());
      const b = new Uint8Array(await (await call(PROVINCE, "GET", "/api/v1/submissions/" + r.id, undefined, "application/pdf")).arrayBuffer());
      expect(createHash("sha256").update(a).digest("hex")).toBe(createHash("sha256").update(b).digest("hex"));
      const text = pdfText(a).replace(/\s+/g, " ");
      // The 64-digit hash may wrap: compared without the line breaks.
      expect(text.replace(/ /g, "")).toContain(r.hash);
      for (const expected of [NAMES[CLERK], NAMES[HEAD], "Phòng THADS khu vực 1 - Gia Lai", "Lần gửi số " + (i + 1)]) expect(text).toContain(expected);
      expect(text).toContain(i === 0 ? "125" : "128");
      if (i === 1) expect(text).toContain(REASON);
      writeFileSync(join(SHOTS, "bao-cao-pdf-lan-" + (i + 1) + ".png"), pdfPicture(a));
    }
  });
});
