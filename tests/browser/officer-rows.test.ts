/**
 * Issue 8 item 3 from the pane: a form broken down by officer (one row per Chấp hành viên
 * under the unit's row) is inserted, filled for two officers, checked (the officers' sum
 * that disagrees with the unit's figure is found and marked on the unit's cell), corrected
 * and sent (headless Chromium, stubbed Office host, real local Worker); the Worker stores the
 * officers' rows with the revision and the province roll-up has the unit's figures.
 *
 * Needs `npm run build:addin` first (npm test does it) and /usr/bin/chromium.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { periodOptions } from "../../addin/src/core/periods-choice";
import { formInForce, BUILT_IN_FORMS, rowShapeOf } from "../../shared/forms";
import { launchPaneBrowser, type PaneBrowser } from "./chromium";
import { CLERK_52_01_UNITS, startLocalWorker, type LocalWorker } from "./local-worker";

const CLERK = "officers-clerk-52-01";
const PROVINCE = "officers-province-52";
// The latest month that has ended: the pane's default choice.
const PERIOD = (periodOptions(Date.now())[0] as { key: string }).key;
// Form 04 (việc) in force for that month: its rows are officers.
const FORM = formInForce(BUILT_IN_FORMS, "04", PERIOD + "-28")!;

let worker: LocalWorker;
let pane: PaneBrowser;
let page: Page;

async function call(token: string, path: string): Promise<Response> {
  return fetch(worker.url + path, { headers: { Authorization: "Bearer " + token, Accept: "application/json" } });
}

type Thads = {
  type(v: Record<string, number | string | null>): Promise<void>;
  cells(): Promise<Record<string, string>>;
  fills(): Promise<Record<string, string>>;
};

const typeIn = (values: Record<string, number | string | null>) =>
  page.evaluate((v) => (window as unknown as { __thads: Thads }).__thads.type(v), values);

// The unit's figures and two officers' shares of them.
const UNIT = { thi_hanh_xong: 30, dinh_chi: 2, dang_thi_hanh: 20, chua_co_dieu_kien: 10, hoan_tam_dinh_chi: 5 };
const AN = { thi_hanh_xong: 10, dinh_chi: 1, dang_thi_hanh: 8, chua_co_dieu_kien: 4, hoan_tam_dinh_chi: 2 };
const BINH = { thi_hanh_xong: 20, dinh_chi: 1, dang_thi_hanh: 12, chua_co_dieu_kien: 6, hoan_tam_dinh_chi: 3 };
const prefixed = (p: string, v: Record<string, number>) => Object.fromEntries(Object.entries(v).map(([k, n]) => [p + k, n]));

beforeAll(async () => {
  worker = await startLocalWorker({
    units: CLERK_52_01_UNITS,
    tokens: [
      { token: CLERK, role: "clerk", unit: "52-01" },
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

describe("a form broken down by officer, from the pane", () => {
  it("is offered, and its rows are officers", async () => {
    expect(rowShapeOf(FORM).kind).toBe("officer");
    ({ page } = await pane.signedIn(worker.url, CLERK, { viewport: { width: 380, height: 1100 }, locale: "vi-VN" }));
    await page.click("#tab-insert");
    await page.waitForSelector("#insert-unit");
    await page.selectOption("#insert-period", PERIOD);
    const offered = await page.$$eval("#insert-form option", (os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(offered).toContain(FORM.id);
  });

  it("is inserted, filled for two officers, its sum finding fixed, and sent with the officers' rows", async () => {
    await page.selectOption("#insert-form", FORM.id);
    await page.click("#insert-go");
    await page.waitForSelector("#insert-status .ok");
    expect(await page.textContent("#insert-status")).toContain("mỗi Chấp hành viên một dòng");

    // Trần Thị Bình's completed cases typed 3 too many: the officers add up to 33, the unit says 30.
    await typeIn({ ...UNIT, "r0.label": "Nguyễn Văn An", ...prefixed("r0.", AN), "r1.label": "Trần Thị Bình", ...prefixed("r1.", { ...BINH, thi_hanh_xong: 23 }) });
    await page.click("#tab-check");
    await page.click("#check-go");
    await page.waitForSelector("#check-summary");
    await expect.poll(() => page.locator(".finding-error", { hasText: "Tổng “Thi hành xong” của các dòng (33) phải bằng số của đơn vị (30); chênh lệch 3." }).count()).toBe(1);
    const fills = await page.evaluate(() => (window as unknown as { __thads: Thads }).__thads.fills());
    expect(fills["thi_hanh_xong"]).toBe("#FFC7CE");
    expect(fills["r1.thi_hanh_xong"]).not.toBe("#FFC7CE");

    await typeIn({ "r1.thi_hanh_xong": 20 });
    await page.click("#check-go");
    await expect.poll(() => page.textContent("#check-summary")).toBe("Không phát hiện lỗi nào.");
    await page.click("#tab-submit");
    await page.click("#submit-prepare");
    await page.waitForSelector("#submit-send");
    expect(await page.textContent("#preview-rows")).toBe("Kèm theo 2 dòng Chấp hành viên: Nguyễn Văn An; Trần Thị Bình.");
    await page.click("#submit-send");
    await page.waitForSelector("#receipt");
    expect(await page.textContent("#receipt-revision")).toBe("Lần gửi thứ 1");
    expect(await page.textContent("#receipt-rows")).toBe("2 dòng Chấp hành viên: Nguyễn Văn An; Trần Thị Bình");
  });

  it("has the officers' rows stored with the revision and the unit's figures in the province roll-up", async () => {
    const history = await (await call(CLERK, `/api/v1/submissions?unit=52-01&form=${FORM.id}&period=${PERIOD}`)).json();
    expect(history.revisions[0].rows).toEqual([
      { key: "1", label: "Nguyễn Văn An", values: AN },
      { key: "2", label: "Trần Thị Bình", values: BINH },
    ]);
    const province = await (await call(PROVINCE, `/api/v1/rollups?unit=52&form=${FORM.id}&period=${PERIOD}`)).json();
    // The totals are the sheet's formulas: có điều kiện 30 + 2 + 20 = 52, phải thi hành 52 + 10 + 5 = 67.
    expect(province.values).toEqual({ ...UNIT, co_dieu_kien: 52, phai_thi_hanh: 67 });
  });

  it("pre-fills the officers last sent when the clerk inserts the same report again", async () => {
    await page.click("#tab-insert");
    await page.selectOption("#insert-period", PERIOD);
    await page.selectOption("#insert-form", FORM.id);
    await page.click("#insert-go");
    await page.waitForSelector("#insert-status .ok");
    expect(await page.textContent("#insert-status")).toContain("cả 2 dòng đã gửi");
    await page.click("#tab-check");
    await page.click("#check-go");
    await expect.poll(() => page.textContent("#check-summary")).toBe("Không phát hiện lỗi nào.");
  });

  it("gives the sheet 10 more officer rows with «Thêm dòng», and an officer typed there is checked like the others", async () => {
    await page.click("#tab-insert");
    await page.fill("#insert-rows-count", "10");
    await page.click("#insert-rows");
    await page.waitForSelector("#insert-rows-status .ok");
    expect(await page.textContent("#insert-rows-status")).toContain("nay có 40 dòng");
    const cells = await page.evaluate(() => (window as unknown as { __thads: Thads }).__thads.cells());
    expect(cells["r39.label"]).toBeDefined();
    // Trần Thị Bình moves to the 36th row: the officers still add up to the unit's figures.
    const cleared = Object.fromEntries(["r1.label", ...Object.keys(BINH).map((k) => "r1." + k)].map((k) => [k, null]));
    await typeIn({ ...cleared, "r35.label": "Trần Thị Bình", ...prefixed("r35.", BINH) });
    await page.click("#tab-check");
    await page.click("#check-go");
    await expect.poll(() => page.textContent("#check-summary")).toBe("Không phát hiện lỗi nào.");
    // And a figure off on that row is found there.
    await typeIn({ "r35.dinh_chi": 4 });
    await page.click("#check-go");
    await expect.poll(() => page.locator(".finding-error", { hasText: "Tổng “Đình chỉ thi hành án” của các dòng (5) phải bằng số của đơn vị (2); chênh lệch 3." }).count()).toBe(1);
  });
});
