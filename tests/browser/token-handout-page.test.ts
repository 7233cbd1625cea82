/**
 * The province's token handout page (/cap-ma) in headless Chromium against a real local
 * Worker: the province's staff type each office's clerk and get the printable .xlsx of
 * POST /api/v1/tokens/bulk; the tokens in it work, for their own office; nothing else is issued,
 * and the page runs under its Content-Security-Policy without a violation.
 */
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./chromium";
import { CLERK_52_01_UNITS, startLocalWorker, type LocalWorker } from "./local-worker";

let worker: LocalWorker;
let browser: Browser;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  worker = await startLocalWorker({
    units: [
      ...CLERK_52_01_UNITS,
      { code: "52-02", name: "Phòng THADS khu vực 2 - Gia Lai", kind: "regional_office", level: "office", parent: "52", path: "/VN/52/52-02/", reporting: true },
      { code: "01", name: "THADS thành phố Hà Nội", kind: "province", level: "province", parent: "VN", path: "/VN/01/", reporting: false },
      { code: "01-01", name: "Phòng THADS khu vực 1 - Hà Nội", kind: "regional_office", level: "office", parent: "01", path: "/VN/01/01-01/", reporting: true },
    ],
    tokens: [{ token: "handout-province-52", role: "province", unit: "52" }],
    targets: [],
  });
  browser = await launchChromium();
  context = await browser.newContext({ acceptDownloads: true, locale: "vi-VN" });
  await context.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await worker?.dispose();
});

async function issuedRows(path: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0]?.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ""))));
  return rows;
}

describe("token handout page", () => {
  it("lists the province's current offices by the server's date, whatever the office PC's clock and time zone say", async () => {
    // A PC left on Windows' default time zone with a clock years behind: every office would
    // look not yet opened (they exist from 2019) and the list would be empty.
    const skewed = await browser.newContext({ locale: "vi-VN", timezoneId: "America/Los_Angeles" });
    await skewed.clock.setFixedTime(new Date("2018-06-15T20:00:00Z"));
    const p = await skewed.newPage();
    await p.goto(worker.url + "/cap-ma");
    await p.fill("#token", "handout-province-52");
    await p.dispatchEvent("#token", "change");
    await p.waitForSelector("#province option[value='52']", { state: "attached" });
    await expect.poll(() => p.$$eval("#offices input", (is) => is.map((i) => i.getAttribute("data-unit")))).toEqual(["52-01", "52-02"]);
    await skewed.close();
  });

  it("issues a token for each office given a clerk's name, as a printable workbook, and the tokens work", async () => {
    const res = await page.goto(worker.url + "/cap-ma");
    expect(res?.headers()["content-security-policy"]).toContain("'nonce-");
    await page.fill("#token", "handout-province-52");
    await page.dispatchEvent("#token", "change");
    await page.waitForSelector('#offices input[data-unit="52-02"]', { state: "attached" });
    // Its own province only, and that province's current offices.
    expect(await page.$$eval("#province option", (os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(["52"]);
    expect(await page.$$eval("#offices input", (is) => is.map((i) => i.getAttribute("data-unit")))).toEqual(["52-01", "52-02"]);
    await page.fill('#offices input[data-unit="52-01"]', "Nguyễn Thị Lan");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#issue")]);
    expect(download.suggestedFilename()).toMatch(/^ma-truy-cap-52-.*\.xlsx$/);
    await page.waitForSelector("#status.ok");
    expect(await page.textContent("#status")).toContain("Đã cấp 1 mã");
    // The names are cleared: a second click would issue a second set.
    expect(await page.inputValue('#offices input[data-unit="52-01"]')).toBe("");

    const rows = await issuedRows((await download.path()) as string);
    const lan = rows.find((r) => r.includes("52-01"));
    expect(lan).toContain("Nguyễn Thị Lan");
    expect(rows.some((r) => r.includes("52-02"))).toBe(false);
    const token = lan?.find((v) => v.startsWith("thads_"));
    expect(token).toBeDefined();
    const units = await fetch(worker.url + "/api/v1/units", { headers: { Authorization: `Bearer ${token}` } });
    expect(units.status).toBe(200);
    expect(((await units.json()) as { caller: { unit: string; role: string } }).caller).toMatchObject({ unit: "52-01", role: "clerk" });

    expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
    // The province's token is not kept by the browser.
    expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain("handout-province-52");
  });

  it("says why when no office has a name, and issues nothing", async () => {
    await page.goto(worker.url + "/cap-ma");
    await page.fill("#token", "handout-province-52");
    await page.dispatchEvent("#token", "change");
    await page.waitForSelector('#offices input[data-unit="52-01"]', { state: "attached" });
    await page.click("#issue");
    await page.waitForSelector("#status.error");
    expect(await page.textContent("#status")).toContain("Ghi tên người giữ mã");
    const list = await fetch(worker.url + "/api/v1/tokens?unit=52", { headers: { Authorization: "Bearer handout-province-52" } });
    const tokens = ((await list.json()) as { tokens: { unit: string }[] }).tokens;
    // The province's own token and the one office token of the first test.
    expect(tokens.map((t) => t.unit).sort()).toEqual(["52", "52-01"]);
  });

  it("issues an office's head token (Thủ trưởng, who confirms reports) in its own handout", async () => {
    await page.goto(worker.url + "/cap-ma");
    await page.fill("#token", "handout-province-52");
    await page.dispatchEvent("#token", "change");
    await page.waitForSelector('#offices input[data-unit="52-02"]', { state: "attached" });
    await page.selectOption("#role", "head");
    expect(await page.getAttribute('#offices input[data-unit="52-02"]', "placeholder")).toBe("Họ tên Thủ trưởng đơn vị");
    await page.fill('#offices input[data-unit="52-02"]', "Trần Văn Đức");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#issue")]);
    expect(download.suggestedFilename()).toMatch(/^ma-truy-cap-thu-truong-52-.*\.xlsx$/);
    const rows = await issuedRows((await download.path()) as string);
    expect(rows[0]?.[0]).toContain("THỦ TRƯỞNG ĐƠN VỊ");
    const token = rows.find((r) => r.includes("52-02"))?.find((v) => v.startsWith("thads_"));
    const units = await fetch(worker.url + "/api/v1/units", { headers: { Authorization: `Bearer ${token}` } });
    expect(((await units.json()) as { caller: { unit: string; role: string } }).caller).toMatchObject({ unit: "52-02", role: "head" });
    expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
  });
});
