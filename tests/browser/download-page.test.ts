/**
 * The download page for staff without the add-in (/tai-ve), in headless Chromium against a
 * real local Worker: a national user downloads the national comparison as .xlsx; a wrong token
 * gets the server's Vietnamese message.
 */
import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./chromium";
import { CLERK_52_01_UNITS, startLocalWorker, type LocalWorker } from "./local-worker";
import { periodOptions, vietnamIsoDate } from "../../addin/src/core/periods-choice";
import { periodOfDate, statYearOf } from "../../shared/periods";

let worker: LocalWorker;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  worker = await startLocalWorker({
    units: CLERK_52_01_UNITS,
    tokens: [{ token: "download-national", role: "national", unit: "VN" }],
    targets: [],
  });
  browser = await launchChromium();
  page = await (await browser.newContext({ acceptDownloads: true, locale: "vi-VN" })).newPage();
});

afterAll(async () => {
  await browser?.close();
  await worker?.dispose();
});

describe("download page", () => {
  it("downloads the national comparison as an Excel workbook with the token given once", async () => {
    await page.goto(worker.url + "/tai-ve");
    await expect(page.title()).resolves.toContain("Tải bảng số liệu");
    await page.fill("#token", "download-national");
    await page.dispatchEvent("#token", "change");
    await page.waitForSelector('#unit option[value="VN"]', { state: "attached" });
    // Only units with units below them can be compared.
    expect(await page.$$eval("#unit option", (os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(["VN", "52"]);
    await page.selectOption("#unit", "VN");
    await page.fill("#period", "2026-09");
    // The forms are the server's definitions in force for the period, not a list in the page.
    await page.waitForSelector('#form option[value="12"]', { state: "attached" });
    expect(await page.$$eval("#form option", (os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(["01", "02", "03", "04", "05", "06", "08", "12"]);
    expect(await page.inputValue("#form")).toBe("01");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#xlsx")]);
    expect(download.suggestedFilename()).toBe("so-sanh-VN-01-2026-09.xlsx");
    const bytes = readFileSync((await download.path()) as string);
    expect(bytes.subarray(0, 2).toString()).toBe("PK"); // a zip container, as every .xlsx
    await page.waitForSelector("#status.ok");
    // The token is remembered in this browser, never put in a URL.
    expect(await page.evaluate(() => localStorage.getItem("thads.download.token"))).toBe("download-national");
    expect(page.url()).not.toContain("download-national");
  });

  it("starts from the month the pane offers first and this statistical year, whatever the PC's clock and time zone say", async () => {
    const skewed = await browser.newContext({ locale: "vi-VN", timezoneId: "America/Los_Angeles" });
    await skewed.clock.setFixedTime(new Date("2018-06-15T20:00:00Z"));
    const p = await skewed.newPage();
    await p.goto(worker.url + "/tai-ve");
    // The pane's default (the latest month that has ended, in Vietnam time) is the page's too.
    expect(await p.inputValue("#period")).toBe((periodOptions(Date.now())[0] as { key: string }).key);
    expect(await p.inputValue("#review-period")).toBe((periodOptions(Date.now())[0] as { key: string }).key);
    expect(await p.inputValue("#sheet-year")).toBe(String(statYearOf(periodOfDate(vietnamIsoDate(Date.now())))));
    await skewed.close();
  });

  it("shows the server's reason when the token is wrong", async () => {
    await page.goto(worker.url + "/tai-ve");
    await page.fill("#token", "sai-ma");
    await page.dispatchEvent("#token", "change");
    await page.waitForSelector("#status.error");
    expect(await page.textContent("#status")).toContain("Mã truy cập không hợp lệ");
  });
});
