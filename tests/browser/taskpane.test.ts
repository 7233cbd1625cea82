/**
 * The task pane as a clerk uses it, in headless Chromium (Debian's chromium through
 * playwright-core), with the stubbed Office host and a real local Worker (wrangler dev with
 * its own D1): settings → insert form 01 → type values → validate → fix → submit → receipt
 * with the completion rate against the target; then offline: the report waits in the queue,
 * survives a reload, and is sent when the server is back; finally a revision conflict.
 *
 * Needs `npm run build:addin` first (npm test does it) and /usr/bin/chromium.
 */
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finalPeriodOfPreviousYear, statYearOf } from "../../shared/periods";
import { periodOptions } from "../../addin/src/core/periods-choice";
import { launchPaneBrowser, screenshotFolder, type PaneBrowser, type PaneContextOptions } from "./chromium";
import { CLERK_52_01_UNITS, startLocalWorker, type LocalWorker } from "./local-worker";

const shots = screenshotFolder();
const SHOTS = shots.dir;
const TOKEN = "browser-clerk-52-01";

// The most recent October the pane offers: month 1 of its statistical year, so the only
// earlier report the rules compare with is last year's 12-month report (seeded below).
const PERIOD = (periodOptions(Date.now()).filter((p) => p.key.slice(5) === "10")[0] as { key: string }).key;
const LAST_YEAR_FINAL = finalPeriodOfPreviousYear(PERIOD);

/** Last year's 12-month report: carried to next period = 190 − (90 + 10) = 90. */
const LAST_YEAR_VALUES = {
  tong_thu_ly: 200, nam_truoc_chuyen_sang: 80, thu_ly_moi: 120, uy_thac: 10, thu_hoi_huy: 0, phai_thi_hanh: 190,
  co_dieu_kien: 140, thi_hanh_xong: 90, dinh_chi: 10, dang_thi_hanh: 40, chua_co_dieu_kien: 40, hoan_tam_dinh_chi: 10, so_theo_doi_rieng: 6,
};

/**
 * What the clerk types (inputs only; the totals are Excel formulas on the sheet).
 * 85 carried over instead of 90 → the cross-period warning 01.X5, which needs an explanation.
 * Rate = (60 + 5) ÷ 75 = 86,67% against a target of 84,70% → +1,97 points.
 */
const TYPED = {
  nam_truoc_chuyen_sang: 85, thu_ly_moi: 40, uy_thac: 5, thu_hoi_huy: 0, thi_hanh_xong: 60, dinh_chi: 5, dang_thi_hanh: 10,
  chua_co_dieu_kien: 45, hoan_tam_dinh_chi: 0, so_theo_doi_rieng: 6,
};

let worker: LocalWorker;
let pane: PaneBrowser;
let page: Page;

async function api(path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(worker.url + path, {
    method: init.method ?? "GET",
    headers: { Authorization: "Bearer " + TOKEN, "Content-Type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: res.status, body: await res.json() };
}

async function openPane(): Promise<void> {
  await page.goto(worker.url + "/taskpane.html");
  await page.waitForSelector("#tab-settings");
}

/** A fresh page of the pane (its own storage), connected with the clerk's token. */
async function connectedPane(options: PaneContextOptions): Promise<{ context: BrowserContext; p: Page }> {
  const { context, page: p } = await pane.signedIn(worker.url, TOKEN, options);
  return { context, p };
}

async function tab(id: "insert" | "check" | "submit" | "settings"): Promise<void> {
  await page.click("#tab-" + id);
}

type Thads = { type(v: Record<string, number | string | null>): Promise<void>; fills(): Promise<Record<string, string>>; selection(): Promise<string> };

beforeAll(async () => {
  worker = await startLocalWorker({
    units: CLERK_52_01_UNITS,
    tokens: [{ token: TOKEN, role: "clerk", unit: "52-01" }],
    targets: [{ year: statYearOf(PERIOD), unit: "52", indicator: "rate_viec", pct: 84.7 }],
  });
  const seeded = await api("/api/v1/submissions", {
    method: "POST",
    body: { id: randomUUID(), unit: "52-01", form: "01", period: LAST_YEAR_FINAL, values: LAST_YEAR_VALUES },
  });
  expect(seeded.status, JSON.stringify(seeded.body)).toBe(201);

  pane = await launchPaneBrowser();
  const context = await pane.newContext({ viewport: { width: 380, height: 1100 }, locale: "vi-VN" });
  page = await context.newPage();
}, 240_000);

afterAll(async () => {
  await pane?.close();
  await worker?.dispose();
  shots.dispose();
});

describe("task pane in headless Chromium against a local Worker", () => {
  it("starts on Settings without a token, says what this Excel can do, and connects", async () => {
    await openPane();
    expect(await page.textContent("#conn")).toBe("Chưa cài đặt");
    expect(await page.isVisible("#panel-settings")).toBe(true);
    expect(await page.textContent("#caps")).toContain("cần ExcelApi 1.7");
    const unitRequests: string[] = [];
    const countUnits = (r: { url(): string }) => {
      if (r.url().indexOf("/api/v1/units") >= 0) unitRequests.push(r.url());
    };
    page.on("request", countUnits);
    await page.fill("#settings-token", TOKEN);
    await page.click("#settings-save");
    await page.waitForSelector("#settings-status .ok");
    page.off("request", countUnits);
    expect(await page.textContent("#settings-status")).toBe("Kết nối tốt. Đơn vị: Phòng THADS khu vực 1 - Gia Lai (52-01).");
    // The units are asked for once (they used to be fetched, and cached, twice per connection).
    expect(unitRequests).toHaveLength(1);
    expect(await page.textContent("#conn")).toBe("Đã kết nối");
    await page.screenshot({ path: join(SHOTS, "taskpane-settings.png"), fullPage: true });
  });

  it("inserts form 01 for the unit and period", async () => {
    await tab("insert");
    await page.waitForSelector("#insert-unit");
    await page.selectOption("#insert-period", PERIOD);
    await page.selectOption("#insert-form", "01");
    await page.click("#insert-go");
    await page.waitForSelector("#insert-status .ok");
    expect(await page.textContent("#insert-status")).toContain("Đã chèn");
  });

  it("finds a typed error, shows it in Vietnamese on the cell, and clears once fixed", async () => {
    await page.evaluate((v) => (window as unknown as { __thads: Thads }).__thads.type(v), { ...TYPED, uy_thac: -5 });
    await tab("check");
    await page.click("#check-go");
    await page.waitForSelector("#check-summary");
    expect(await page.textContent("#check-summary")).toMatch(/^Phát hiện \d+ lỗi/);
    const negative = page.locator(".finding-error", { hasText: "“Ủy thác” không được là số âm" });
    await expect.poll(() => negative.count()).toBe(1);
    const fills = await page.evaluate(() => (window as unknown as { __thads: Thads }).__thads.fills());
    expect(fills.uy_thac).not.toBe(fills.thu_ly_moi);
    // Clicking the finding selects its cell.
    await negative.click();
    const cells = await page.evaluate(() => (window as unknown as { __thads: { cells(): Promise<Record<string, string>> } }).__thads.cells());
    await expect.poll(() => page.evaluate(() => (window as unknown as { __thads: Thads }).__thads.selection())).toContain(cells.uy_thac as string);
    await page.screenshot({ path: join(SHOTS, "taskpane-findings.png"), fullPage: true });

    // "Xóa đánh dấu" gives the cells back their own formatting.
    const before = fills.thu_ly_moi;
    await page.click("#check-clear");
    await expect.poll(() => page.evaluate(() => (window as unknown as { __thads: Thads }).__thads.fills().then((f) => f.uy_thac))).toBe(before);

    await page.evaluate(() => (window as unknown as { __thads: Thads }).__thads.type({ uy_thac: 5 }));
    await page.click("#check-go");
    await expect.poll(() => page.textContent("#check-summary")).toBe("Phát hiện 1 cảnh báo.");
    const x5 = page.locator(".finding-warning", { hasText: "Quy tắc 01.X5" });
    expect(await x5.textContent()).toContain("Vế trái: 85");
    expect(await x5.textContent()).toContain("Vế phải: 90");
    expect(await x5.textContent()).toContain("Chênh lệch: -5");
    expect(await page.textContent("#check-result")).toContain("lần gửi thứ 1, lấy từ máy chủ");
  });

  it("shows what will be sent, requires the explanation, and shows the receipt with the new rate", async () => {
    await tab("submit");
    await page.click("#submit-prepare");
    await page.waitForSelector("#submit-send");
    expect(await page.textContent("#preview-rate")).toBe("86,67%");
    expect(await page.isDisabled("#submit-send")).toBe(true);
    await page.fill("#explain-01-X5", "Chuyển 5 việc sang sổ theo dõi riêng khi khóa sổ năm.");
    expect(await page.isDisabled("#submit-send")).toBe(false);
    await page.screenshot({ path: join(SHOTS, "taskpane-preview.png"), fullPage: true });
    await page.click("#submit-send");
    await page.waitForSelector("#receipt");
    expect(await page.textContent("#receipt-revision")).toBe("Lần gửi thứ 1");
    expect(await page.textContent("#receipt-rate")).toBe("86,67%");
    expect(await page.textContent("#receipt-target")).toBe("84,70%");
    expect(await page.textContent("#receipt-gap")).toBe("+1,97 điểm % – Đạt chỉ tiêu");
    expect(await page.textContent("#receipt-late")).toMatch(/^(Đúng hạn|Nộp muộn) \(hạn \d\d:\d\d ngày \d\d\/\d\d\/\d{4}\)$/);
    await page.screenshot({ path: join(SHOTS, "taskpane.png"), fullPage: true });
    const history = await api(`/api/v1/submissions?unit=52-01&form=01&period=${PERIOD}`);
    expect(history.body.current).toBe(1);
  });

  it("keeps a report made offline in the queue across a reload and sends it when the server is back", async () => {
    await page.evaluate(() => (window as unknown as { __thads: Thads }).__thads.type({ thu_ly_moi: 41, chua_co_dieu_kien: 46 }));
    await page.route("**/api/v1/submissions", (r) => (r.request().method() === "POST" ? r.abort("internetdisconnected") : r.continue()));
    await page.click("#submit-prepare");
    await page.waitForSelector("#submit-send");
    await page.fill("#explain-01-X5", "Chuyển 5 việc sang sổ theo dõi riêng khi khóa sổ năm.");
    // Revision 1 is on the server: this one is a báo cáo bổ sung, which needs its reason (issue 13).
    expect(await page.isDisabled("#submit-send")).toBe(true);
    await page.fill("#submit-reason", "Sửa số thụ lý mới theo sổ thụ lý.");
    expect(await page.isDisabled("#submit-send")).toBe(false);
    await page.click("#submit-send");
    await page.waitForSelector("#queued-card");
    expect(await page.textContent("#queued-card")).toContain("đã lưu vào hàng đợi");
    expect(await page.locator("#queue .queue-item").count()).toBe(1);
    expect(await page.textContent("#tab-submit")).toBe("Gửi báo cáo (1)");
    await page.screenshot({ path: join(SHOTS, "taskpane-queued.png"), fullPage: true });

    // Closing the pane (and Excel) loses nothing: the queue is in localStorage.
    await openPane();
    await tab("submit");
    expect(await page.locator("#queue .queue-item").count()).toBe(1);

    // Now the server itself goes away: retries meet a refused connection.
    await page.unroute("**/api/v1/submissions");
    await worker.stop();
    await expect.poll(() => page.textContent("#conn"), { timeout: 30_000 }).toBe("Mất kết nối");
    expect(await page.textContent("#queue")).toContain("Không kết nối được máy chủ");
    expect(await page.locator("#queue .queue-item").count()).toBe(1);

    await worker.restart();
    await page.waitForSelector("#queue-empty", { timeout: 90_000 });
    await page.waitForSelector("#receipt");
    expect(await page.textContent("#receipt-revision")).toBe("Lần gửi thứ 2");
    expect(await page.textContent("#tab-submit")).toBe("Gửi báo cáo");
    const history = await api(`/api/v1/submissions?unit=52-01&form=01&period=${PERIOD}`);
    expect(history.body.current).toBe(2);
    expect(history.body.revisions[1].values.thu_ly_moi).toBe(41);
  });

  it("shows what differs when someone else sent a newer revision (409)", async () => {
    // The reload above emptied the in-memory workbook: insert again, prefilled with revision 2.
    await tab("insert");
    await page.selectOption("#insert-period", PERIOD);
    await page.click("#insert-go");
    await page.waitForSelector("#insert-status .ok");
    expect(await page.textContent("#insert-status")).toContain("lần gửi thứ 2");
    await tab("submit");
    // Meanwhile another session sends revision 3.
    const other = {
      ...LAST_YEAR_VALUES, nam_truoc_chuyen_sang: 90, thu_ly_moi: 50, tong_thu_ly: 140, uy_thac: 5, thu_hoi_huy: 0, phai_thi_hanh: 135,
      thi_hanh_xong: 70, dinh_chi: 5, dang_thi_hanh: 10, co_dieu_kien: 85, chua_co_dieu_kien: 50, hoan_tam_dinh_chi: 0,
    };
    const sent = await api("/api/v1/submissions", { method: "POST", body: { id: randomUUID(), unit: "52-01", form: "01", period: PERIOD, values: other, reason: "Cập nhật theo sổ thụ lý" } });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    await page.click("#submit-prepare");
    await page.waitForSelector("#submit-send");
    await page.fill("#explain-01-X5", "Chuyển 5 việc sang sổ theo dõi riêng khi khóa sổ năm.");
    await page.fill("#submit-reason", "Sửa số thụ lý mới theo sổ thụ lý.");
    await page.click("#submit-send");
    await page.waitForSelector("#conflict-card");
    const card = (await page.textContent("#conflict-card")) ?? "";
    expect(card).toContain("Máy chủ (lần 3)");
    expect(card).toContain("Thụ lý mới");
    expect(card).toContain("Năm trước chuyển sang");
    await page.screenshot({ path: join(SHOTS, "taskpane-conflict.png"), fullPage: true });
    await page.click("#conflict-resend");
    await page.waitForSelector("#receipt");
    expect(await page.textContent("#receipt-revision")).toBe("Lần gửi thứ 4");
  });
});

describe("task pane when the server refuses the report (422)", () => {
  it("lists the server's findings in Vietnamese and keeps nothing in the queue", async () => {
    const finding = {
      code: "rule_violated", severity: "error", ruleId: "01.X1", fields: ["thu_ly_moi"],
      params: { left: 41, right: 50, difference: -9, operator: "≥", expression: "{thu_ly_moi} ≥ prev_month{thu_ly_moi}" },
      message: { vi: "Thụ lý mới (41) không được nhỏ hơn Thụ lý mới tháng trước (50); chênh lệch -9.", en: "…" },
    };
    await page.route("**/api/v1/submissions", (r) =>
      r.request().method() === "POST"
        ? r.fulfill({ status: 422, contentType: "application/json", body: JSON.stringify({ error: { code: "invalid_form", message: { vi: "Báo cáo có 1 lỗi; chưa lưu gì. Sửa các ô được nêu rồi gửi lại.", en: "" }, findings: [finding] }, requestId: "r" }) })
        : r.continue(),
    );
    try {
      await page.click("#submit-prepare");
      await page.waitForSelector("#submit-send");
      await page.fill("#explain-01-X5", "Chuyển 5 việc sang sổ theo dõi riêng khi khóa sổ năm.");
      // The server already holds revisions of this report: this one is a correction and needs its reason.
      await page.fill("#submit-reason", "Sửa số thụ lý mới theo sổ thụ lý.");
      await page.click("#submit-send");
      const card = page.locator(".card-error", { hasText: "Máy chủ chưa nhận báo cáo" });
      await card.waitFor();
      expect(await card.textContent()).toContain("Thụ lý mới (41) không được nhỏ hơn Thụ lý mới tháng trước (50)");
      expect(await card.textContent()).toContain("Chênh lệch: -9");
      expect(await page.locator("#queue .queue-item").count()).toBe(0);
    } finally {
      await page.unroute("**/api/v1/submissions");
    }
  });
});

describe("task pane on an Excel with ExcelApi 1.7 (live checking)", () => {
  it("re-checks by itself, debounced, when the clerk edits a cell", async () => {
    const { context, p } = await connectedPane({ viewport: { width: 380, height: 900 }, apiLevel: "1.7" });
    try {
      expect(await p.textContent("#caps-line")).toBe("Excel này hỗ trợ ExcelApi 1.7 (Excel 2019 trở lên).");
      expect(await p.textContent("#caps")).toContain("✓ Tự động kiểm tra lại khi sửa ô");
      await p.click("#tab-insert");
      await p.selectOption("#insert-period", PERIOD);
      await p.click("#insert-go");
      await p.waitForSelector("#insert-status .ok");
      await p.click("#tab-check");
      // The earlier reports the rules compare with (last year's 12-month report for an October).
      const historyRequests: string[] = [];
      p.on("request", (r) => {
        if (r.url().indexOf("/api/v1/submissions?") >= 0 && r.url().indexOf("period=" + PERIOD) < 0) historyRequests.push(r.url());
      });
      await p.evaluate((v) => (window as unknown as { __thads: Thads }).__thads.type(v), { ...TYPED, thu_ly_moi: "bốn mươi" });
      // No click on "Kiểm tra": the change event runs the check.
      const text = p.locator(".finding-error", { hasText: "“Thụ lý mới” phải là một số" });
      await expect.poll(() => text.count(), { timeout: 10_000 }).toBe(1);
      await p.evaluate(() => (window as unknown as { __thads: Thads }).__thads.type({ thu_ly_moi: 40 }));
      await expect.poll(() => p.textContent("#check-summary"), { timeout: 10_000 }).toBe("Phát hiện 1 cảnh báo.");
      await p.evaluate(() => (window as unknown as { __thads: Thads }).__thads.type({ nam_truoc_chuyen_sang: 86 }));
      await expect.poll(() => p.textContent("#check-result"), { timeout: 10_000 }).toContain("Vế trái: 86");
      // Three edits, three checks, one fetch of last year's report: it used to be fetched on every edit.
      expect(historyRequests).toHaveLength(1);
    } finally {
      await context.close();
    }
  });
});


describe("task pane when Excel's storage is full", () => {
  it("keeps the report in memory, says so in Vietnamese with what to do, stores it once there is room, and sends it", async () => {
    const { context, p } = await connectedPane({ viewport: { width: 380, height: 1100 } });
    try {
      await p.click("#tab-insert");
      await p.selectOption("#insert-period", PERIOD);
      await p.click("#insert-go");
      await p.waitForSelector("#insert-status .ok");
      await p.evaluate((v) => (window as unknown as { __thads: Thads }).__thads.type(v), TYPED);
      // Everything else this origin keeps fills localStorage to the last character.
      await p.evaluate(() => {
        let chunk = new Array(1 << 20).join("x");
        for (let i = 0; chunk.length > 0; i++) {
          try {
            localStorage.setItem("filler-" + i, chunk);
          } catch {
            chunk = chunk.slice(0, chunk.length >> 1);
          }
        }
      });
      await p.route("**/api/v1/submissions", (r) => (r.request().method() === "POST" ? r.abort("internetdisconnected") : r.continue()));
      await p.click("#tab-submit");
      await p.click("#submit-prepare");
      await p.waitForSelector("#submit-send");
      await p.fill("#explain-01-X5", "Chuyển 5 việc sang sổ theo dõi riêng khi khóa sổ năm.");
      // The inserted form took the server's latest revision as its base: a correction, with its reason.
      await p.fill("#submit-reason", "Sửa số thụ lý mới theo sổ thụ lý.");
      await p.click("#submit-send");
      await p.waitForSelector("#queued-card");
      expect(await p.textContent("#queued-card")).toContain("Bộ nhớ của Excel đã đầy");
      expect(await p.textContent("#storage-full")).toContain("xóa ở hàng đợi những báo cáo không cần gửi nữa");
      expect(await p.locator("#queue .queue-item").count()).toBe(1);
      expect(await p.evaluate(() => localStorage.getItem("thads.outbox"))).toBeNull();
      await p.screenshot({ path: join(SHOTS, "taskpane-storage-full.png"), fullPage: true });

      // Room again: the pane stores the held report by itself, then the line comes back and it is sent.
      await p.evaluate(() => {
        for (let i = localStorage.length - 1; i >= 0; i--) {
          const k = localStorage.key(i);
          if (k && k.indexOf("filler-") === 0) localStorage.removeItem(k);
        }
      });
      await expect.poll(() => p.evaluate(() => localStorage.getItem("thads.outbox") || ""), { timeout: 10_000 }).toContain("52-01");
      await p.unroute("**/api/v1/submissions");
      await p.waitForSelector("#receipt", { timeout: 90_000 });
      expect(await p.textContent("#receipt-revision")).toMatch(/^Lần gửi thứ \d+$/);
      await p.waitForSelector("#queue-empty");
    } finally {
      await context.close();
    }
  });
});
