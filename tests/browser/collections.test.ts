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
import { DESIGN_LIST_GRID, TON_DONG, VIEC_LON } from "../fixtures/collections";

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
  putSheet(name: string, values: unknown[][], origin: { row: number; col: number }): Promise<void>;
  book: { activeSheet(): string | null; values(sheet: string, address: string): unknown[][]; info(sheet: string): { tables: { address: string }[] } };
};

/** Checks the corrected sheet (no finding left) and sends it as the first revision. */
async function checkCleanAndSend(page: Page): Promise<void> {
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
    await checkCleanAndSend(page);
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
    await checkCleanAndSend(page);
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

describe("a list collection laid out on a design sheet and published from the pane", () => {
  let admin: Page;
  let clerk: Page;

  it("is read, previewed as the clerk's list sheet and published by an administrator", async () => {
    ({ page: admin } = await pane.signedIn(worker.url, ADMIN, { viewport: { width: 380, height: 1100 }, locale: "vi-VN" }));
    // The staff member's sheet, as typed (a rectangle: empty cells where nothing is written).
    const width = Math.max(...DESIGN_LIST_GRID.map((r) => r.length));
    const grid = DESIGN_LIST_GRID.map((r) => r.concat(new Array(width - r.length).fill(null)));
    // First with two mistakes: each is shown on its cell and nothing can be published.
    const bad = grid.map((r) => r.slice());
    (bad[11] as unknown[])[0] = "so_tien"; // A12: the key of the column above, again
    (bad[19] as unknown[])[6] = "cộng hết"; // G20: not a roll-up
    await admin.evaluate((g) => (window as unknown as { __thads: Thads }).__thads.putSheet("Thiết kế lỗi", g, { row: 0, col: 0 }), bad);
    await admin.click("#tab-design");
    await admin.click("#design-read");
    await admin.waitForSelector("#design-problems");
    const problems = await admin.$$eval("#design-problems li", (items) => items.map((i) => i.textContent));
    expect(problems).toEqual(expect.arrayContaining([
      expect.stringMatching(/^A12: Trùng mã cột "so_tien"\.$/),
      expect.stringMatching(/^G20: Không hiểu cách tính “cộng hết”/),
    ]));
    await admin.click("#design-publish");
    await admin.waitForSelector("#design-status .warn");
    const before = await (await call(ADMIN, `/api/v1/forms?period=${PERIOD}`)).json();
    expect(before.forms.map((f: { id: string }) => f.id)).not.toContain("VIEC-CU");

    await admin.evaluate((g) => (window as unknown as { __thads: Thads }).__thads.putSheet("Thiết kế", g, { row: 0, col: 0 }), grid);
    await admin.click("#design-read");
    await admin.waitForSelector("#design-ok");
    expect(await admin.textContent("#design-rows")).toBe(
      "danh sách, mỗi dòng một Người phải thi hành án; cột: Bản án, quyết định (chữ, bắt buộc); Ngày thụ lý (ngày, bắt buộc); Số tiền phải thi hành (tiền, bắt buộc); Số tiền đã thu (tiền); Số lần xác minh (số việc)",
    );
    expect(await admin.textContent("#design-understood")).toContain("Số việc từ 20 tỷ đồng trở lên = đếm khi {so_tien} ≥ 20.000.000");
    await admin.click("#design-preview");
    await admin.waitForSelector("#design-previewed");
    const header = await admin.evaluate(() => {
      const b = (window as unknown as { __thads: Thads }).__thads.book;
      return b.values(b.activeSheet() as string, "A8:G8");
    });
    expect(header).toEqual([["STT", "Người phải thi hành án", "Bản án, quyết định", "Ngày thụ lý (ngày/tháng/năm)", "Số tiền phải thi hành", "Số tiền đã thu", "Số lần xác minh"]]);
    await admin.click("#design-publish");
    // The pane then reloads the forms (Biểu mẫu offers the new one): the confirmation stays.
    await admin.waitForSelector("#insert-form option[value='VIEC-CU']", { state: "attached" });
    expect(await admin.textContent("#design-published")).toContain("Đã công bố Biểu VC-01 (VIEC-CU)");
    expect(await admin.textContent("#design-rows")).toContain("danh sách, mỗi dòng một Người phải thi hành án");
  });

  it("is inserted by a clerk on Excel with tables, grown by «Thêm dòng», filled past its first 30 rows and sent", async () => {
    ({ page: clerk } = await pane.signedIn(worker.url, CLERK, { viewport: { width: 380, height: 1100 }, locale: "vi-VN", apiLevel: "1.7" }));
    await clerk.click("#tab-insert");
    await clerk.waitForSelector("#insert-unit");
    await clerk.selectOption("#insert-period", PERIOD);
    await clerk.selectOption("#insert-form", "VIEC-CU");
    await clerk.click("#insert-go");
    await clerk.waitForSelector("#insert-status .ok");
    await clerk.fill("#insert-rows-count", "5");
    await clerk.click("#insert-rows");
    await clerk.waitForSelector("#insert-rows-status .ok");
    expect(await clerk.textContent("#insert-rows-status")).toContain("nay có 35 dòng");
    const tables = await clerk.evaluate(() => {
      const b = (window as unknown as { __thads: Thads }).__thads.book;
      return b.info(b.activeSheet() as string).tables.map((t) => t.address);
    });
    expect(tables).toEqual(["A8:G43"]);
    await clerk.evaluate(() => (window as unknown as { __thads: Thads }).__thads.type({
      "r0.label": "Công ty A", "r0.ban_an": "1/2018/KDTM", "r0.ngay_thu_ly": "02/05/2019", "r0.so_tien": 25_000_000, "r0.da_thu": 1_000, "r0.lan_xac_minh": 3,
      "r34.label": "Ông B", "r34.ban_an": "9/2022/DS", "r34.ngay_thu_ly": "30/06/2022", "r34.so_tien": 800_000,
    }));
    await clerk.click("#tab-check");
    await checkCleanAndSend(clerk);
    const history = await (await call(CLERK, `/api/v1/submissions?unit=52-01&form=VIEC-CU&period=${PERIOD}`)).json();
    expect(history.revisions[0].rows.map((r: { key: string; label: string }) => [r.key, r.label])).toEqual([["1", "Công ty A"], ["35", "Ông B"]]);
    const province = await (await call(PROVINCE, `/api/v1/rollups?unit=52&form=VIEC-CU&period=${PERIOD}`)).json();
    expect(province.values).toEqual({ so_viec: 2, viec_tren_5_nam: 1, viec_tu_20_ty: 1, tong_tien: 25_800_000, tong_da_thu: 1_000, tong_xac_minh: 3 });
  });
});
