/**
 * Province and national staff in headless Chromium, with the stubbed Office host and a real
 * local Worker (wrangler dev, its own D1, seeded with two provinces, their offices, targets
 * and reports): pull the comparison of a province and of the country into a new sheet, the
 * roll-up by regional office and the completeness list, download the Worker's workbook, and
 * be refused (403, in Vietnamese) outside the token's scope. Then a clerk whose sheet was
 * made outside the add-in checks it and sends it like an inserted form.
 *
 * Needs `npm run build:addin` first (npm test does it) and /usr/bin/chromium.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Comparison } from "../../shared/api/schemas";
import { statYearOf } from "../../shared/periods";
import { periodOptions } from "../../addin/src/core/periods-choice";
import { readWorkbookValues } from "../fixtures/workbooks/read";
import { launchPaneBrowser, screenshotFolder, type PaneBrowser } from "./chromium";
import { form01, getJson, startLocalWorker, submitReport, type LocalWorker } from "./local-worker";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const shots = screenshotFolder();
const SHOTS = shots.dir;

/** The pane's default: the latest month that has ended. */
const PERIOD = (periodOptions(Date.now())[0] as { key: string }).key;
const NATIONAL = "browser-national";
const PROVINCE = "browser-province-52";
const clerk = (unit: string) => "browser-clerk-" + unit;

const OFFICES = [
  { code: "52-00", name: "Văn phòng THADS tỉnh Gia Lai", parent: "52", kind: "province_office" as const },
  { code: "52-01", name: "Phòng THADS khu vực 1 - Gia Lai", parent: "52", kind: "regional_office" as const },
  { code: "52-02", name: "Phòng THADS khu vực 2 - Gia Lai", parent: "52", kind: "regional_office" as const },
  { code: "52-03", name: "Phòng THADS khu vực 3 - Gia Lai", parent: "52", kind: "regional_office" as const },
  { code: "01-00", name: "Văn phòng THADS thành phố Hà Nội", parent: "01", kind: "province_office" as const },
  { code: "01-01", name: "Phòng THADS khu vực 1 - Hà Nội", parent: "01", kind: "regional_office" as const },
];

/**
 * Rates: 52-00 80/100 = 80%, 52-01 65/75 = 86,67%, 52-02 35/50 = 70%, 52-03 nothing yet;
 * Gia Lai 180/225 = 80,00% against 84,70%. Hà Nội (95 + 90)/200 = 92,50% against 80%.
 */
const REPORTS: Record<string, Record<string, number>> = {
  "52-00": form01({ carried: 90, fresh: 30, entrusted: 0, done: 80, terminated: 0, open: 20, postponed: 0 }),
  "52-01": form01({ carried: 85, fresh: 40, entrusted: 5, done: 60, terminated: 5, open: 10, postponed: 0 }),
  "52-02": form01({ carried: 40, fresh: 20, entrusted: 0, done: 30, terminated: 5, open: 15, postponed: 0 }),
  "01-00": form01({ carried: 80, fresh: 30, entrusted: 0, done: 95, terminated: 0, open: 5, postponed: 0 }),
  "01-01": form01({ carried: 70, fresh: 40, entrusted: 0, done: 85, terminated: 5, open: 10, postponed: 0 }),
};

let worker: LocalWorker;
let pane: PaneBrowser;

interface Book {
  sheetNames(): string[];
  activeSheet(): string | null;
  values(sheet: string, address: string): unknown[][];
  displayed(sheet: string, address: string): { fill: string | null; fontColor: string };
  fill(sheet: string, address: string): string | null;
  info(sheet: string): { tables: { address: string }[]; charts: { type: string; title: string | null; series: { name: string; chartType: string | null; values: unknown[]; pointFills: Record<string, string> }[]; categories: unknown[] }[]; conditionalFormats: unknown[] };
}
type Thads = {
  book: Book;
  putSheet(name: string, values: unknown[][], origin: { row: number; col: number }): Promise<void>;
  typeAt(sheet: string, address: string, value: number | string): Promise<void>;
};

function book<T>(page: Page, fn: (b: Book, arg: any) => T, arg?: unknown): Promise<T> {
  return page.evaluate(
    ({ src, a }) => {
      const f = new Function("return " + src)() as (b: unknown, arg: unknown) => T;
      return f((window as unknown as { __thads: Thads }).__thads.book, a);
    },
    { src: fn.toString(), a: arg },
  ) as Promise<T>;
}

const openAs = (token: string, level = "1.1") =>
  pane.signedIn(worker.url, token, { viewport: { width: 380, height: 1100 }, locale: "vi-VN", acceptDownloads: true, apiLevel: level });
const apiGet = <T>(token: string, path: string) => getJson<T>(worker.url, token, path);

beforeAll(async () => {
  const year = statYearOf(PERIOD);
  worker = await startLocalWorker({
    units: [
      { code: "VN", name: "Cục Quản lý thi hành án dân sự", kind: "national", level: "national", parent: null, path: "/VN/", reporting: false },
      { code: "01", name: "THADS thành phố Hà Nội", kind: "province", level: "province", parent: "VN", path: "/VN/01/", reporting: false },
      { code: "52", name: "THADS tỉnh Gia Lai", kind: "province", level: "province", parent: "VN", path: "/VN/52/", reporting: false },
      ...OFFICES.map((o) => ({ code: o.code, name: o.name, kind: o.kind, level: "office" as const, parent: o.parent, path: "/VN/" + o.parent + "/" + o.code + "/", reporting: true })),
    ],
    tokens: [
      { token: NATIONAL, role: "national", unit: "VN" },
      { token: PROVINCE, role: "province", unit: "52" },
      ...OFFICES.map((o) => ({ token: clerk(o.code), role: "clerk" as const, unit: o.code })),
    ],
    targets: [
      { year, unit: "52", indicator: "rate_viec", pct: 84.7 },
      { year, unit: "01", indicator: "rate_viec", pct: 80 },
    ],
  });
  for (const unit of Object.keys(REPORTS)) {
    await submitReport(worker.url, clerk(unit), { id: randomUUID(), unit, form: "01", period: PERIOD, values: REPORTS[unit] as Record<string, number> });
  }
  pane = await launchPaneBrowser();
}, 240_000);

afterAll(async () => {
  await pane?.close();
  await worker?.dispose();
  shots.dispose();
});

describe("Bảng so sánh for a province's staff", () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ({ context, page } = await openAs(PROVINCE));
  });
  afterAll(async () => {
    await context?.close();
  });

  it("shows the tab to a province token and pulls the province's comparison into a new sheet", async () => {
    await page.waitForSelector("#tab-compare", { state: "visible" });
    await page.click("#tab-compare");
    expect(await page.inputValue("#compare-parent")).toBe("52");
    expect(await page.inputValue("#compare-period")).toBe(PERIOD);
    await page.selectOption("#compare-form", "01");
    await page.click("#compare-pull");
    await page.waitForSelector("#compare-result");
    const sheet = "So sánh 52 01 " + PERIOD;
    expect(await page.textContent("#compare-result")).toContain("Đã tạo bảng so sánh ở trang “" + sheet + "”: 4 đơn vị và dòng tổng cộng");
    expect(await book(page, (b) => b.activeSheet())).toBe(sheet);

    const api = await apiGet<Comparison>(PROVINCE, "/api/v1/comparisons?parent=52&form=01&period=" + PERIOD);
    const rows = await book(page, (b, s) => b.values(s, "A7:P11"), sheet);
    const children = api.rows.filter((r) => !r.isTotal);
    expect(rows.map((r) => r[1])).toEqual(children.map((r) => r.unit).concat(["52"]));
    expect(rows.map((r) => r[2])).toEqual(children.map((r) => r.name).concat(["Tổng cộng THADS tỉnh Gia Lai"]));
    const byCode = (code: string) => rows.filter((r) => r[1] === code)[0] as unknown[];
    // Hand-computed: 65 ÷ 75, 35 ÷ 50, 180 ÷ 225; targets inherited from the province's 84,70%.
    expect(byCode("52-01").slice(3, 8)).toEqual([65, 75, 86.67, 84.7, 1.97]);
    expect(byCode("52-01")[14]).toBe("Đạt chỉ tiêu");
    expect(byCode("52-02").slice(5, 8)).toEqual([70, 84.7, -14.7]);
    expect(byCode("52-02")[14]).toBe("Dưới chỉ tiêu");
    // No report is "chưa báo cáo", the same word as the .xlsx and the CSV, never zeros.
    expect(byCode("52-03")[14]).toBe("Chưa báo cáo");
    expect(byCode("52-03")[15]).toContain("Chưa nộp");
    expect(byCode("52").slice(3, 6)).toEqual([180, 225, 80]);
    // Below target red, met green, fixed fills on this ExcelApi 1.1 host.
    expect(await book(page, (b, s) => b.displayed(s, "F" + (7 + 2)).fill, sheet)).toBe("#FFC7CE");
    expect(await book(page, (b, s) => b.displayed(s, "F" + (7 + 1)).fill, sheet)).toBe("#C6EFCE");
    const info = await book(page, (b, s) => b.info(s), sheet);
    expect(info.tables.map((t) => t.address)).toEqual(["A6:P10"]);
    expect(info.charts[0]!.series[0]!.values).toEqual([86.67, 80, 70]);
    expect(await book(page, (b, s) => b.values(s, "A3:A3")[0]![0], sheet)).toMatch(/^Nguồn: THADS Thống kê \(máy chủ 127\.0\.0\.1:\d+\), lấy lúc \d\d:\d\d \d\d\/\d\d\/\d{4} \(giờ Việt Nam\)\.$/);
    expect(await page.textContent("#compare-notes")).toContain("không vẽ được đường chỉ tiêu");
  });

  it("is refused the national comparison, with the server's reason in Vietnamese", async () => {
    await page.selectOption("#compare-parent", "VN");
    const before = await book(page, (b) => b.sheetNames().length);
    await page.click("#compare-pull");
    await page.waitForSelector("#compare-error");
    expect(await page.textContent("#compare-error")).toBe(
      "Bạn không có quyền xem số liệu của đơn vị VN: mã truy cập này chỉ xem được đơn vị 52 và các đơn vị trực thuộc.");
    expect(await book(page, (b) => b.sheetNames().length)).toBe(before);
    await page.screenshot({ path: join(SHOTS, "taskpane-compare-refused.png"), fullPage: true });
  });

  it("pulls the roll-up by regional office and the completeness list, missing reports first", async () => {
    await page.selectOption("#compare-parent", "52");
    expect(await page.isVisible("#rollup-pull")).toBe(true);
    await page.click("#rollup-pull");
    await page.waitForSelector("#compare-result");
    const roll = "Tổng hợp 52 01 " + PERIOD;
    expect(await book(page, (b, s) => b.values(s, "A2:A2")[0]![0], roll)).toMatch(/^THADS tỉnh Gia Lai — tổng hợp theo Phòng THADS khu vực — /);
    // (1) Tổng số thụ lý of 52-01: 85 + 40.
    const r01 = await book(page, (b, s) => b.values(s, "B8:D8")[0], roll);
    expect(r01).toEqual(["52-01", "Phòng THADS khu vực 1 - Gia Lai", 125]);

    await page.click("#completeness-pull");
    await page.waitForSelector("#compare-result");
    const done = "Nộp báo cáo 52 " + PERIOD;
    expect(await page.textContent("#compare-result")).toContain("“" + done + "”");
    const first = await book(page, (b, s) => b.values(s, "B7:E7")[0], done);
    expect(first).toEqual(["52-03", "Phòng THADS khu vực 3 - Gia Lai", "Mẫu số 01", "Chưa nộp"]);
    expect(await page.textContent("#compare-summary")).toContain("Chưa nộp (");
  });

  it("downloads the Worker's own workbook for people who prefer the file", async () => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#compare-download")]);
    expect(download.suggestedFilename()).toBe("so-sanh-52-01-" + PERIOD + ".xlsx");
    const bytes = readFileSync((await download.path()) as string);
    expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");
    await page.waitForSelector("#compare-downloaded");
    expect(await page.textContent("#compare-downloaded")).toContain("so-sanh-52-01-" + PERIOD + ".xlsx");
  });

  it("pulls the report text into a sheet and the pane, copies it, and downloads it as Word", async () => {
    await page.selectOption("#compare-parent", "52");
    await page.click("#report-text-pull");
    await page.waitForSelector("#report-text");
    const text = await page.inputValue("#report-text");
    const served = await (await fetch(worker.url + "/api/v1/reports/text?parent=52&period=" + PERIOD, { headers: { Authorization: "Bearer " + PROVINCE, Accept: "text/plain" } })).text();
    // The pane shows exactly the Worker's text/plain: 180 done of 225 enforceable, 80,00%, under the 84,70% target.
    expect(text).toBe(served);
    expect(text).toContain("thi hành xong 180 việc");
    expect(text).toContain("đạt tỷ lệ 80,00%");
    expect(text).toContain("thấp hơn 4,70 điểm % so với chỉ tiêu được giao (84,70%)");
    const sheet = "Báo cáo 52 " + PERIOD;
    expect(await book(page, (b, s) => b.values(s, "A1:A1")[0]![0], sheet)).toMatch(/^BÁO CÁO KẾT QUẢ THI HÀNH ÁN DÂN SỰ /);
    const column = (await book(page, (b, s) => b.values(s, "A1:A40").map((r) => r[0]), sheet)) as string[];
    expect(column.some((v) => typeof v === "string" && v.indexOf("Về việc") === 0)).toBe(true);
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: worker.url });
    await page.click("#report-text-copy");
    expect(await page.textContent("#report-text-copied")).toBe("Đã sao chép vào bộ nhớ tạm.");
    await page.screenshot({ path: join(SHOTS, "taskpane-report-text.png"), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#report-docx-download")]);
    expect(download.suggestedFilename()).toBe("bao-cao-52-" + PERIOD + ".docx");
    const bytes = readFileSync((await download.path()) as string);
    expect(bytes.subarray(0, 2).toString("latin1")).toBe("PK");
  });

  it("says plainly that comparisons need the server when it cannot be reached", async () => {
    await page.route("**/api/v1/comparisons*", (r) => r.abort("internetdisconnected"));
    try {
      await page.click("#compare-pull");
      await page.waitForSelector("#compare-error");
      expect(await page.textContent("#compare-error")).toContain("Không kết nối được máy chủ. Bảng so sánh cần số liệu mới nhất từ máy chủ");
    } finally {
      await page.unroute("**/api/v1/comparisons*");
    }
  });
});

describe("Bảng so sánh for national staff (ExcelApi 1.10)", () => {
  it("pulls the national comparison: provinces, the country's total, rules, the combo chart", async () => {
    const { context, page } = await openAs(NATIONAL, "1.10");
    try {
      await page.click("#tab-compare");
      expect(await page.inputValue("#compare-parent")).toBe("VN");
      await page.click("#compare-pull");
      await page.waitForSelector("#compare-result");
      const sheet = "So sánh VN 01 " + PERIOD;
      const rows = await book(page, (b, s) => b.values(s, "B7:H9"), sheet);
      expect(rows.map((r) => [r[0], r[1], r[4], r[5], r[6]])).toEqual([
        ["01", "THADS thành phố Hà Nội", 92.5, 80, 12.5],
        ["52", "THADS tỉnh Gia Lai", 80, 84.7, -4.7],
        // (180 + 185) ÷ (225 + 200); the country has no target of its own here.
        ["VN", "Toàn quốc", 85.88, "", ""],
      ]);
      expect(await book(page, (b, s) => b.values(s, "A2:A2")[0]![0], sheet)).toMatch(/^Toàn quốc \(2 tỉnh, thành phố\) — \d+ tháng năm \d{4} \(từ ngày/);
      expect(await book(page, (b, s) => b.displayed(s, "F8").fill, sheet)).toBe("#FFC7CE");
      expect(await book(page, (b, s) => b.displayed(s, "H7").fill, sheet)).toBe("#C6EFCE");
      const info = await book(page, (b, s) => b.info(s), sheet);
      expect(info.conditionalFormats.length).toBe(4);
      const chart = info.charts[0]!;
      expect(chart.series.map((x) => x.chartType)).toEqual([null, "Line"]);
      // Sorted best first; Gia Lai's bar red.
      expect(chart.categories).toEqual(["Hà Nội", "Gia Lai"]);
      expect(chart.series[0]!.pointFills).toEqual({ "1": "#C62828" });
      expect(await page.textContent("#compare-result")).toContain("biểu đồ tỷ lệ so với đường chỉ tiêu");
      await page.screenshot({ path: join(SHOTS, "taskpane-compare.png"), fullPage: true });
    } finally {
      await context.close();
    }
  });
});

describe("a clerk's own sheet, not inserted by the add-in", () => {
  it("is recognised, checked with findings on the clerk's cells, and sent like an inserted form", async () => {
    const { context, page } = await openAs(clerk("52-03"));
    try {
      expect(await page.isVisible("#tab-compare")).toBe(false);
      const fx = await readWorkbookValues(join(ROOT, "tests/fixtures/workbooks/01-clean.xlsx"));
      await page.evaluate(({ v, o }) => (window as unknown as { __thads: Thads }).__thads.putSheet("Mau 01", v, o), { v: fx.values, o: fx.origin });
      // A typo in "Ủy thác" of khu vực 3 (row 10, column F).
      await page.evaluate(() => (window as unknown as { __thads: Thads }).__thads.typeAt("Mau 01", "F10", -5));
      await page.click("#tab-check");
      await page.click("#check-go");
      await page.waitForSelector("#recognition");
      expect(await page.textContent("#recognition-headline")).toContain("Nhận ra Mẫu số 01 – Kết quả thi hành án dân sự tính bằng việc");
      expect(await page.inputValue("#recognized-row")).toBe("10");
      expect(await page.inputValue("#recognized-unit")).toBe("52-03");
      expect(await page.inputValue("#recognized-period")).toBe("2026-09");
      expect(await page.textContent("#recognition")).toContain("đọc từ trang tính: “12 tháng năm 2026");
      expect(await page.textContent("#recognition-unmapped")).toBe("Không có cột nào bị bỏ sót: mọi cột của biểu mẫu đều đã ghép.");
      const negative = page.locator(".finding-error", { hasText: "“Ủy thác” không được là số âm" });
      await expect.poll(() => negative.count()).toBe(1);
      expect(await negative.textContent()).toContain("F10");
      expect(await book(page, (b) => b.fill("Mau 01", "F10"))).toBe("#FFC7CE");
      expect(await book(page, (b) => b.fill("Mau 01", "F9"))).toBeNull();
      await page.screenshot({ path: join(SHOTS, "taskpane-recognized.png"), fullPage: true });

      await page.evaluate(() => (window as unknown as { __thads: Thads }).__thads.typeAt("Mau 01", "F10", 5));
      await page.click("#check-go");
      await expect.poll(() => page.textContent("#check-summary")).toBe("Không phát hiện lỗi nào.");
      expect(await book(page, (b) => b.fill("Mau 01", "F10"))).toBeNull();

      await page.click("#tab-submit");
      await page.click("#submit-prepare");
      await page.waitForSelector("#submit-send");
      expect(await page.textContent("#preview-source")).toContain("Trang “Mau 01” do bạn lập, dòng 10 “Phòng THADS khu vực 3”");
      // (250 + 10) ÷ 300 (the corrected form's có điều kiện of khu vực 3)
      expect(await page.textContent("#preview-rate")).toBe("86,67%");
      await page.click("#submit-send");
      await page.waitForSelector("#receipt");
      expect(await page.textContent("#receipt-revision")).toBe("Lần gửi thứ 1");
      const history = await apiGet<{ current: number; revisions: { values: Record<string, number> }[] }>(
        clerk("52-03"), "/api/v1/submissions?unit=52-03&form=01&period=2026-09");
      expect(history.current).toBe(1);
      expect(history.revisions[0]!.values).toMatchObject({ nam_truoc_chuyen_sang: 210, thu_ly_moi: 140, uy_thac: 5, thi_hanh_xong: 250 });
    } finally {
      await context.close();
    }
  });
});
