/**
 * Issue 8 item 4, done when: a brand-new collection is defined through the admin API and, with
 * no code change, a clerk inserts it from the pane, fills it, checks it and sends it (headless
 * Chromium, stubbed Office host, real local Worker), and the province and national roll-ups,
 * the comparison (JSON, CSV, .xlsx) and the completeness include it at once.
 *
 * Needs `npm run build:addin` first (npm test does it) and /usr/bin/chromium.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { periodOptions } from "../../addin/src/core/periods-choice";
import { launchPaneBrowser, type PaneBrowser } from "./chromium";
import { CLERK_52_01_UNITS, startLocalWorker, type LocalWorker } from "./local-worker";
import { TON_DONG, VIEC_LON } from "../fixtures/collections";

const CLERK = "collections-clerk-52-01";
const ADMIN = "collections-admin";
const PROVINCE = "collections-province-52";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
// The latest month that has ended: the pane's default choice.
const PERIOD = (periodOptions(Date.now())[0] as { key: string }).key;

let worker: LocalWorker;
let pane: PaneBrowser;
let page: Page;

async function call(token: string, path: string, init: { method?: string; body?: unknown; accept?: string } = {}): Promise<Response> {
  return fetch(worker.url + path, {
    method: init.method ?? "GET",
    headers: { Authorization: "Bearer " + token, "Content-Type": "application/json", Accept: init.accept ?? "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

type Thads = {
  type(v: Record<string, number | string | null>): Promise<void>;
  cells(): Promise<Record<string, string>>;
  fills(): Promise<Record<string, string>>;
};

/** Checks the corrected sheet (no finding left) and sends it as the first revision. */
async function checkCleanAndSend(): Promise<void> {
  await page.click("#check-go");
  await expect.poll(() => page.textContent("#check-summary")).toBe("Không phát hiện lỗi nào.");
  await page.click("#tab-submit");
  await page.click("#submit-prepare");
  await page.waitForSelector("#submit-send");
  await page.click("#submit-send");
  await page.waitForSelector("#receipt");
  expect(await page.textContent("#receipt-revision")).toBe("Lần gửi thứ 1");
}

beforeAll(async () => {
  worker = await startLocalWorker({
    units: CLERK_52_01_UNITS,
    tokens: [
      { token: CLERK, role: "clerk", unit: "52-01" },
      { token: ADMIN, role: "admin", unit: "VN" },
      { token: PROVINCE, role: "province", unit: "52" },
    ],
    targets: [],
  });
  pane = await launchPaneBrowser();
}, 240_000);

afterAll(async () => {
  await pane?.close();
  await worker?.dispose();
});

describe("a collection defined through the admin API, served with no code change", () => {
  it("is published by an administrator", async () => {
    const res = await call(ADMIN, "/api/v1/admin/forms", { method: "PUT", body: TON_DONG });
    expect(res.status, await res.clone().text()).toBe(200);
  });

  it("is listed, inserted in the official style, checked and sent by a clerk from the pane", async () => {
    // Signed in after the publication, so that the pane's first list of forms has it.
    ({ page } = await pane.signedIn(worker.url, CLERK, { viewport: { width: 380, height: 1100 }, locale: "vi-VN" }));
    await page.click("#tab-insert");
    await page.waitForSelector("#insert-unit");
    await page.selectOption("#insert-period", PERIOD);
    const offered = await page.$$eval("#insert-form option", (os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(offered).toContain("TON-DONG");
    await page.selectOption("#insert-form", "TON-DONG");
    await page.click("#insert-go");
    await page.waitForSelector("#insert-status .ok");
    expect(await page.textContent("#insert-status")).toContain("Đã chèn Biểu TĐ-01");

    // An error first: the total is a formula, the clerk types a negative part.
    await page.evaluate(() => (window as unknown as { __thads: Thads }).__thads.type({ chua_chi_tra: 600, cho_xu_ly: -300, da_chi_tra: 100 }));
    await page.click("#tab-check");
    await page.click("#check-go");
    await page.waitForSelector("#check-summary");
    await expect.poll(() => page.locator(".finding-error", { hasText: "không được là số âm" }).count()).toBe(1);
    await page.evaluate(() => (window as unknown as { __thads: Thads }).__thads.type({ cho_xu_ly: 300 }));
    await checkCleanAndSend();
  });

  it("is in the province and national roll-ups at once, with the total the sheet's formula computed", async () => {
    const province = await (await call(PROVINCE, `/api/v1/rollups?unit=52&form=TON-DONG&period=${PERIOD}`)).json();
    expect(province.values).toEqual({ tong_ton: 900, chua_chi_tra: 600, cho_xu_ly: 300, da_chi_tra: 100 });
    const national = await (await call(ADMIN, `/api/v1/rollups?unit=VN&form=TON-DONG&period=${PERIOD}`)).json();
    expect(national.values.tong_ton).toBe(900);
  });

  it("has its comparison in JSON, CSV and .xlsx, and its completeness against its own deadline", async () => {
    const json = await (await call(PROVINCE, `/api/v1/comparisons?parent=52&form=TON-DONG&period=${PERIOD}`)).json();
    const office = json.rows.find((r: { unit: string }) => r.unit === "52-01");
    // 100 ÷ (100 + 900) = 10,00%
    expect(office.indicators.ty_le_chi_tra).toMatchObject({ printed: 10, rank: 1 });
    const csv = await call(PROVINCE, `/api/v1/comparisons?parent=52&form=TON-DONG&period=${PERIOD}`, { accept: "text/csv" });
    expect(await csv.text()).toContain("Tỷ lệ tiền đã chi trả");
    const xlsx = await call(PROVINCE, `/api/v1/comparisons?parent=52&form=TON-DONG&period=${PERIOD}`, { accept: XLSX });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("Content-Disposition")).toBe(`attachment; filename="so-sanh-52-TON-DONG-${PERIOD}.xlsx"`);
    const done = await (await call(PROVINCE, `/api/v1/completeness?parent=52&period=${PERIOD}`)).json();
    const row = done.rows.find((r: { form: string }) => r.form === "TON-DONG");
    const next = PERIOD.slice(5) === "12" ? Number(PERIOD.slice(0, 4)) + 1 + "-01" : PERIOD.slice(0, 5) + String(Number(PERIOD.slice(5)) + 1).padStart(2, "0");
    expect(row).toMatchObject({ unit: "52-01", deadline: next + "-05T16:59:59.999Z" });
  });
});

describe("a list collection (one row per case) from the pane", () => {
  // A case accepted on the period's first day, typed as a clerk types a date: "01/11/2026".
  const RECENT_TYPED = "01/" + PERIOD.slice(5) + "/" + PERIOD.slice(0, 4);

  it("is inserted as a sheet with a row per case, checked cell by cell and sent with its rows", async () => {
    const res = await call(ADMIN, "/api/v1/admin/forms", { method: "PUT", body: VIEC_LON });
    expect(res.status, await res.clone().text()).toBe(200);
    // Reload: the pane lists the forms the server has now.
    await page.goto(worker.url + "/taskpane.html");
    await page.click("#tab-insert");
    await page.waitForSelector("#insert-unit");
    await page.selectOption("#insert-period", PERIOD);
    await page.selectOption("#insert-form", "VIEC-LON");
    await page.click("#insert-go");
    await page.waitForSelector("#insert-status .ok");
    const cells = await page.evaluate(() => (window as unknown as { __thads: Thads }).__thads.cells());
    expect(cells["r0.label"]).toBe("B9");

    await page.evaluate((recent) => (window as unknown as { __thads: Thads }).__thads.type({
      "r0.label": "Công ty A", "r0.ban_an": "12/2019/HS-ST", "r0.ngay_thu_ly": "31/02/2021", "r0.so_tien": 25_000_000, "r0.da_thu": 1_000_000,
      "r1.label": "Nguyễn Văn B", "r1.ban_an": "7/2024/KDTM-PT", "r1.ngay_thu_ly": recent, "r1.so_tien": 40_000_000,
    }), RECENT_TYPED);
    await page.click("#tab-check");
    await page.click("#check-go");
    await page.waitForSelector("#check-summary");
    await expect.poll(() => page.locator(".finding-error", { hasText: "Dòng “Công ty A” (1): “Ngày thụ lý” phải là một ngày" }).count()).toBe(1);
    const fills = await page.evaluate(() => (window as unknown as { __thads: Thads }).__thads.fills());
    expect(fills["r0.ngay_thu_ly"]).toBe("#FFC7CE");
    expect(fills["r1.ngay_thu_ly"]).not.toBe("#FFC7CE");
    await page.evaluate(() => (window as unknown as { __thads: Thads }).__thads.type({ "r0.ngay_thu_ly": "01/06/2021" }));
    await checkCleanAndSend();
  });

  it("has its rows stored with the revision and their counts and sums in the roll-ups", async () => {
    const history = await (await call(CLERK, `/api/v1/submissions?unit=52-01&form=VIEC-LON&period=${PERIOD}`)).json();
    expect(history.revisions[0].rows).toEqual([
      { key: "1", label: "Công ty A", values: { ban_an: "12/2019/HS-ST", ngay_thu_ly: "2021-06-01", so_tien: 25_000_000, da_thu: 1_000_000 } },
      { key: "2", label: "Nguyễn Văn B", values: { ban_an: "7/2024/KDTM-PT", ngay_thu_ly: PERIOD + "-01", so_tien: 40_000_000, da_thu: null } },
    ]);
    // Only the case accepted in 2021 is more than 3 years old at the period's end.
    const province = await (await call(PROVINCE, `/api/v1/rollups?unit=52&form=VIEC-LON&period=${PERIOD}`)).json();
    expect(province.values).toEqual({ so_viec: 2, tong_tien: 65_000_000, tong_da_thu: 1_000_000, viec_tren_3_nam: 1 });
  });
});
