/**
 * The review board on /tai-ve (issue 13 item 4) in headless Chromium against a real local
 * Worker: Gia Lai's province staff, without the add-in, enter their token, see their two
 * offices' states for a period, open one office's figures and findings (the same figures the
 * pane prints for that revision), return it with a comment (refused first without one, with the
 * server's message) and accept the other; the API then gives the new states to the offices. The
 * Cục, on the same page, sees Gia Lai and returns its report with a comment.
 *
 * Needs `npm run build:addin` first (the pane is opened to compare what it prints).
 */
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { periodOptions, weekOptions } from "../../addin/src/core/periods-choice";
import { TUAN_KQ } from "../fixtures/collections";
import { pdfPicture, pdfText } from "../pdf/poppler";
import { launchPaneBrowser, screenshotFolder, type PaneBrowser } from "./chromium";
import { CLERK_52_01_UNITS, form01, getJson, startLocalWorker, type LocalWorker, type SeedUnit } from "./local-worker";

const shots = screenshotFolder();
/** The pane's default: the latest month that has ended (the page's default too). */
const PERIOD = (periodOptions(Date.now())[0] as { key: string }).key;
/** The latest week that has ended: the first week the pane offers for a weekly collection (seed 002). */
const WEEK = (weekOptions(Date.now())[0] as { key: string }).key;
const UNITS: SeedUnit[] = [
  ...CLERK_52_01_UNITS,
  { code: "52-02", name: "Phòng THADS khu vực 2 - Gia Lai", kind: "regional_office", level: "office", parent: "52", path: "/VN/52/52-02/", reporting: true },
];
const T = {
  clerk1: "review-page-clerk-52-01", head1: "review-page-head-52-01",
  clerk2: "review-page-clerk-52-02", head2: "review-page-head-52-02",
  province: "review-page-province-52", national: "review-page-national", admin: "review-page-admin",
};
const FIGURES_1 = form01({ carried: 1200, fresh: 345, entrusted: 5, done: 860, terminated: 15, open: 300, postponed: 20 });
const FIGURES_2 = form01({ carried: 85, fresh: 40, entrusted: 5, done: 60, terminated: 5, open: 10, postponed: 0 });

let worker: LocalWorker;
let pane: PaneBrowser;
let browser: Browser;
const ids: Record<string, string> = {};

async function call(token: string, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(worker.url + path, {
    method,
    headers: { Authorization: "Bearer " + token, Accept: "application/json", ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Sends the office's report and has its head confirm it, through the API (the pane's part is tested in signoff.test.ts). */
async function sendAndConfirm(clerk: string, head: string, unit: string, values: Record<string, number>): Promise<void> {
  const sent = await call(clerk, "POST", "/api/v1/submissions", { id: randomUUID(), unit, form: "01", period: PERIOD, values });
  expect(sent.status).toBe(201);
  const r = (await sent.json()) as { id: string; contentHash: string };
  ids[unit] = r.id;
  const confirmed = await call(head, "POST", "/api/v1/submissions/" + r.id + "/confirm", { contentHash: r.contentHash });
  expect(confirmed.status).toBe(200);
}

async function openPage(token: string): Promise<Page> {
  const context = await browser.newContext({ locale: "vi-VN" });
  // Every Content-Security-Policy violation is recorded: the review board must not need any.
  await context.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__violations.push(e.violatedDirective + " " + e.blockedURI));
  });
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error("page error:", e));
  await page.goto(worker.url + "/tai-ve");
  await page.fill("#token", token);
  await page.fill("#review-period", PERIOD);
  await page.click("#review-load");
  await page.waitForSelector("#review-table");
  return page;
}

/** The province's revision of `row` (unit-form) in the pane's review tab for PERIOD, once `ready` shows. */
async function openInPane(row: string, ready: string) {
  const opened = await pane.signedIn(worker.url, T.province, { viewport: { width: 420, height: 1300 }, locale: "vi-VN" });
  await opened.page.click("#tab-review");
  await opened.page.selectOption("#review-period", PERIOD);
  await opened.page.click("#review-load");
  await opened.page.click("#review-open-" + row);
  await opened.page.waitForSelector(ready);
  return opened;
}

/** The rows of a figures table as [label, value], as a person reads them. */
function tableRows(page: Page, selector: string): Promise<string[][]> {
  return page.$$eval(selector + " tr", (trs) =>
    trs.map((tr) => Array.from(tr.querySelectorAll("td")).map((td) => (td.textContent || "").trim())).filter((r) => r.length === 2));
}

beforeAll(async () => {
  worker = await startLocalWorker({
    units: UNITS,
    tokens: [
      { token: T.clerk1, role: "clerk", unit: "52-01", label: "Nguyễn Thị Hồng Nhung" },
      { token: T.head1, role: "head", unit: "52-01", label: "Trần Văn Đức" },
      { token: T.clerk2, role: "clerk", unit: "52-02", label: "Đỗ Thị Mai" },
      { token: T.head2, role: "head", unit: "52-02", label: "Võ Văn Bình" },
      { token: T.province, role: "province", unit: "52", label: "Lê Minh Tâm" },
      { token: T.national, role: "national", unit: "VN", label: "Phạm Quốc Hùng" },
      { token: T.admin, role: "admin", unit: "VN", label: "Quản trị" },
    ],
    targets: [],
  });
  pane = await launchPaneBrowser();
  browser = pane.browser;
  await sendAndConfirm(T.clerk1, T.head1, "52-01", FIGURES_1);
  await sendAndConfirm(T.clerk2, T.head2, "52-02", FIGURES_2);
  // A weekly collection (seed 002) with one office's report for the last week, sent, not yet confirmed.
  const published = await call(T.admin, "PUT", "/api/v1/admin/forms", TUAN_KQ);
  expect(published.status, await published.clone().text()).toBe(200);
  const weekly = await call(T.clerk1, "POST", "/api/v1/submissions", { id: randomUUID(), unit: "52-01", form: TUAN_KQ.id, period: WEEK, values: { viec_giao: 12, viec_xong: 7, tien_thu: 45_000 } });
  expect(weekly.status, await weekly.clone().text()).toBe(201);
}, 240_000);

afterAll(async () => {
  await pane?.close();
  await worker?.dispose();
  shots.dispose();
});

describe("the review board on /tai-ve", () => {
  it("shows the province its offices' states and opens one office's figures as the pane prints them", async () => {
    const page = await openPage(T.province);
    expect(await page.textContent("#review-row-52-01-01 .review-state")).toBe("Đã xác nhận");
    expect(await page.textContent("#review-row-52-02-01 .review-state")).toBe("Đã xác nhận");
    expect(await page.textContent("#review-counts")).toContain("Đã xác nhận: 2");
    await page.click("#review-open-52-01-01");
    await page.waitForSelector("#review-revision");
    expect(await page.textContent("#review-facts")).toContain("Trần Văn Đức");
    const onPage = await tableRows(page, "#review-values");
    // Vietnamese number style, as printed by the Worker: 1.545 cases received.
    expect(onPage).toContainEqual(["(1) Tổng số thụ lý", "1.545"]);

    // The same revision in the pane's "Xác nhận & duyệt" tab: the same figures, row for row.
    const { context, page: inPane } = await openInPane("52-01-01", "#review-values");
    expect(await tableRows(inPane, "#review-values")).toEqual(onPage);
    expect(await inPane.textContent("#review-row-52-01-01 .review-state")).toBe(await page.textContent("#review-row-52-01-01 .review-state"));
    await context.close();
    await page.context().close();
  });

  it("returns one office with a comment (refused without one, in the server's words) and accepts the other", async () => {
    const page = await openPage(T.province);
    await page.click("#review-open-52-01-01");
    await page.waitForSelector("#review-return");
    await page.click("#review-return");
    await page.waitForSelector("#status.error");
    expect(await page.textContent("#status")).toContain("Trả lại báo cáo cần ghi nhận xét");
    expect(await page.textContent("#review-row-52-01-01 .review-state")).toBe("Đã xác nhận");
    await page.fill("#review-comment", "Số thụ lý mới chưa khớp sổ thụ lý.");
    await page.selectOption("#review-cell-field", "thu_ly_moi");
    await page.fill("#review-cell-comment", "Sổ thụ lý ghi 350 việc.");
    await page.screenshot({ path: join(shots.dir, "download-page-review.png"), fullPage: true });
    await page.click("#review-return");
    await expect.poll(() => page.textContent("#review-row-52-01-01 .review-state")).toBe("Trả lại");

    await page.click("#review-open-52-02-01");
    await page.waitForSelector("#review-accept");
    await page.click("#review-accept");
    await expect.poll(() => page.textContent("#review-row-52-02-01 .review-state")).toBe("Đã tiếp nhận");
    expect(await page.textContent("#review-counts")).toContain("Đã tiếp nhận: 1");

    // A returned revision opened again shows the comment and the cell it names; no second return.
    await page.click("#review-open-52-01-01");
    await page.waitForSelector("#review-revision");
    expect(await page.textContent("#review-returned-comment")).toBe("Nhận xét: Số thụ lý mới chưa khớp sổ thụ lý.");
    expect(await page.textContent("#review-cells")).toContain("(3) Thụ lý mới: Sổ thụ lý ghi 350 việc.");
    expect(await page.isVisible("#review-return")).toBe(false);
    expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);
    await page.context().close();

    // The offices see the new states through the API their pane reads.
    const one = await getJson<{ state: string; signoff: { comment: string; cells: { field: string }[] } }>(worker.url, T.clerk1, "/api/v1/submissions/" + ids["52-01"]);
    expect(one.state).toBe("returned");
    expect(one.signoff.comment).toBe("Số thụ lý mới chưa khớp sổ thụ lý.");
    expect(one.signoff.cells.map((c) => c.field)).toEqual(["thu_ly_moi"]);
    const two = await getJson<{ state: string; signoff: { decidedBy: string } }>(worker.url, T.clerk2, "/api/v1/submissions/" + ids["52-02"]);
    expect(two).toMatchObject({ state: "accepted", signoff: { decidedBy: "Lê Minh Tâm" } });
  });

  it("lets the Cục see Gia Lai on its board and return its report with a comment", async () => {
    const page = await openPage(T.national);
    expect(await page.textContent("#review-row-52-01 .review-state")).toBe("Đã gửi, chờ xác nhận");
    expect(await page.textContent("#review-row-52-01 .review-marks")).toContain("đã tiếp nhận 1/2");
    await page.click("#review-open-52-01");
    await page.waitForSelector("#review-node");
    // Not every office is accepted: the Cục can only return.
    expect(await page.isVisible("#review-accept")).toBe(false);
    await page.fill("#review-comment", "Tỉnh xem lại báo cáo của Phòng khu vực 1.");
    await page.click("#review-return");
    await expect.poll(() => page.textContent("#review-row-52-01 .review-state")).toBe("Trả lại");
    await page.context().close();
    const board = await getJson<{ rows: { unit: string; state: string; signoff: { comment: string } }[] }>(worker.url, T.national, "/api/v1/reviews?parent=VN&period=" + PERIOD);
    expect(board.rows.filter((r) => r.unit === "52")[0]).toMatchObject({ state: "returned", signoff: { comment: "Tỉnh xem lại báo cáo của Phòng khu vực 1." } });
  });
});

describe("choosing what to review: a form, a week", () => {
  /** The forms the board rows are of, in order of first appearance. */
  const rowForms = (page: Page, table: string) =>
    page.$$eval(table + " tr[id^='review-row-']", (trs) => trs.map((tr) => tr.id.replace(/^review-row-\d+-\d+-/, ""))).then((f) => Array.from(new Set(f)));

  it("filters the /tai-ve board to one form, the province's offices of that form only", async () => {
    const page = await openPage(T.province);
    const all = await rowForms(page, "#review-table");
    expect(all.length, "the month has several forms: " + all.join(", ")).toBeGreaterThan(1);
    // The filter offers the period's forms as the API lists them.
    const inForce = await getJson<{ forms: { id: string }[] }>(worker.url, T.province, "/api/v1/forms?period=" + PERIOD);
    const offered = await page.$$eval("#review-form option", (os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(offered).toEqual(["", ...inForce.forms.map((f) => f.id)]);
    await page.selectOption("#review-form", "02");
    await expect.poll(() => rowForms(page, "#review-table")).toEqual(["02"]);
    expect(await page.$$eval("#review-table tr[id^='review-row-']", (trs) => trs.map((tr) => tr.id))).toEqual(["review-row-52-01-02", "review-row-52-02-02"]);
    // A week lists the weekly collection only; its office's report is there, sent and waiting.
    await page.selectOption("#review-period-kind", "week");
    await page.fill("#review-period", WEEK);
    await page.click("#review-load");
    await expect.poll(() => rowForms(page, "#review-table")).toEqual([TUAN_KQ.id]);
    expect(await page.$$eval("#review-form option", (os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(["", TUAN_KQ.id]);
    expect(await page.textContent("#review-row-52-01-" + TUAN_KQ.id + " .review-state")).toBe("Đã gửi, chờ xác nhận");
    await page.context().close();
  });

  it("offers the province a week in the pane's review tab, and one form at a time", async () => {
    const { context, page } = await pane.signedIn(worker.url, T.province, { viewport: { width: 420, height: 1300 }, locale: "vi-VN" });
    await page.click("#tab-review");
    const weeks = await page.$$eval("#review-period optgroup[label='Tuần'] option", (os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(weeks[0]).toBe(WEEK);
    await page.selectOption("#review-period", WEEK);
    await page.click("#review-load");
    await page.waitForSelector("#review-board");
    expect(await rowForms(page, "#review-board")).toEqual([TUAN_KQ.id]);
    expect(await page.textContent("#review-row-52-01-" + TUAN_KQ.id + " .review-state")).toBe("Đã gửi, chờ xác nhận");
    expect(await page.textContent("#review-row-52-02-" + TUAN_KQ.id + " .review-state")).toBe("Chưa gửi");

    await page.selectOption("#review-period", PERIOD);
    await page.selectOption("#review-form", "01");
    await page.click("#review-load");
    await expect.poll(() => rowForms(page, "#review-board")).toEqual(["01"]);
    await context.close();
  });
});

describe("a report broken down by officer, under review", () => {
  /** The rows of the officers' table, header first, as a person reads them. */
  const officerRows = (page: Page) =>
    page.$$eval("#review-rows tr", (trs) => trs.map((tr) => Array.from(tr.querySelectorAll("th, td")).map((c) => (c.textContent || "").trim())));

  it("shows the province each Chấp hành viên's figures, the same on /tai-ve as in the pane", async () => {
    // Gia Lai's office 2 sends form 04: its figures and the two officers they add up from.
    const unit = { thi_hanh_xong: 60, dinh_chi: 5, dang_thi_hanh: 10, chua_co_dieu_kien: 12, hoan_tam_dinh_chi: 3, co_dieu_kien: 75, phai_thi_hanh: 90 };
    const rows = [
      { key: "CHV01", label: "Nguyễn Văn An", values: { thi_hanh_xong: 45, dinh_chi: 5, dang_thi_hanh: 4, chua_co_dieu_kien: 12, hoan_tam_dinh_chi: 3 } },
      { key: "CHV02", label: "Lê Thị Bình", values: { thi_hanh_xong: 15, dinh_chi: 0, dang_thi_hanh: 6, chua_co_dieu_kien: 0, hoan_tam_dinh_chi: 0 } },
    ];
    const sent = await call(T.clerk2, "POST", "/api/v1/submissions", { id: randomUUID(), unit: "52-02", form: "04", period: PERIOD, values: unit, rows });
    expect(sent.status, await sent.clone().text()).toBe(201);
    const revisionId = ((await sent.json()) as { id: string }).id;

    const page = await openPage(T.province);
    await page.click("#review-open-52-02-04");
    await page.waitForSelector("#review-rows");
    const onPage = await officerRows(page);
    expect(onPage[0]?.[0]).toBe("Chấp hành viên");
    expect(onPage[0]?.[1]).toBe("(3) Thi hành xong");
    expect(onPage.slice(1).map((r) => r[0])).toEqual(["Nguyễn Văn An", "Lê Thị Bình"]);
    expect(onPage[1]?.slice(1)).toEqual(["45", "5", "4", "12", "3"]);
    expect(await page.textContent("#review-rows")).toContain("Chia theo Chấp hành viên (2 dòng)");

    const { context, page: inPane } = await openInPane("52-02-04", "#review-rows");
    expect(await officerRows(inPane)).toEqual(onPage);
    await context.close();
    await page.context().close();

    // The revision's PDF, the document the head signs, lists the same lines.
    const pdf = await fetch(worker.url + "/api/v1/submissions/" + revisionId, { headers: { Authorization: "Bearer " + T.province, Accept: "application/pdf" } });
    expect(pdf.status).toBe(200);
    const bytes = new Uint8Array(await pdf.arrayBuffer());
    const text = pdfText(bytes).replace(/\s+/g, " ");
    expect(text).toContain("Chia theo Chấp hành viên (2 dòng)");
    for (const line of onPage.slice(1)) expect(text).toContain(line.join(" "));
    writeFileSync(join(shots.dir, "bao-cao-pdf-chap-hanh-vien.png"), pdfPicture(bytes));
  });
});
