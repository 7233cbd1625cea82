/**
 * Targets and offices managed from Excel, in headless Chromium with the stubbed Office host and
 * a real local Worker (wrangler dev, its own D1): a province pulls its targets sheet, edits it in
 * the in-memory workbook, sees the differences, pushes them, and the comparison uses the new
 * targets at once; a sheet edited into nonsense is refused cell by cell and nothing is written.
 * The same through the download page: the edited .xlsx uploaded, the differences shown, saved.
 * Then it merges two offices into a new one on its units sheet: the consequences shown before
 * pushing, the closed offices' tokens revoked, and the new office's first comparison takes its
 * cùng kỳ from the two it replaced.
 *
 * Needs `npm run build:addin` first (npm test does it) and /usr/bin/chromium.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Comparison } from "../../shared/api/schemas";
import { BUILT_IN_FORMS } from "../../shared/forms/definitions";
import { targetedIndicatorsOfYear } from "../../shared/forms/registry";
import { nextMonth, periodEnd, previousMonth, samePeriodLastYear, statYearOf } from "../../shared/periods";
import { monthLabel } from "../../shared/periods/labels";
import { periodOptions } from "../../addin/src/core/periods-choice";
import { launchPaneBrowser, screenshotFolder, type PaneBrowser } from "./chromium";
import { form01, getJson, startLocalWorker, submitReport, type LocalWorker } from "./local-worker";

const shots = screenshotFolder();

/** The pane's default comparison period: the latest month that has ended; its statistical year is the targets'. */
const PERIOD = (periodOptions(Date.now())[0] as { key: string }).key;
const YEAR = statYearOf(PERIOD);
const PROVINCE = "browser-province-52";
const ADMIN = "browser-admin";
const clerk = (unit: string) => "browser-clerk-" + unit;

const OFFICES = [
  { code: "52-00", name: "Văn phòng THADS tỉnh Gia Lai", kind: "province_office" as const },
  { code: "52-01", name: "Phòng THADS khu vực 1 - Gia Lai", kind: "regional_office" as const },
  { code: "52-02", name: "Phòng THADS khu vực 2 - Gia Lai", kind: "regional_office" as const },
  { code: "52-03", name: "Phòng THADS khu vực 3 - Gia Lai", kind: "regional_office" as const },
  { code: "52-04", name: "Phòng THADS khu vực 4 - Gia Lai", kind: "regional_office" as const },
  { code: "52-05", name: "Phòng THADS khu vực 5 - Gia Lai", kind: "regional_office" as const },
];

/** 52-04 and 52-05 last reported a year before PERIOD (its cùng kỳ): 40 + 25 done of 50 + 50. */
const LAST_YEAR: Record<string, Record<string, number>> = {
  "52-04": form01({ carried: 50, fresh: 0, entrusted: 0, done: 40, terminated: 0, open: 10, postponed: 0 }),
  "52-05": form01({ carried: 50, fresh: 0, entrusted: 0, done: 25, terminated: 0, open: 25, postponed: 0 }),
};

/** Last year's 12-month report (the targets sheet's "kết quả năm trước") of 52-03: 83 of 100 = 83,00%. */
const LAST_YEAR_END = { unit: "52-03", period: YEAR - 1 + "-09", values: form01({ carried: 100, fresh: 0, entrusted: 0, done: 83, terminated: 0, open: 17, postponed: 0 }) };

/** 52-01 65/75 = 86,67%; 52-02 35/50 = 70%. */
const REPORTS: Record<string, Record<string, number>> = {
  "52-01": form01({ carried: 85, fresh: 40, entrusted: 5, done: 60, terminated: 5, open: 10, postponed: 0 }),
  "52-02": form01({ carried: 40, fresh: 20, entrusted: 0, done: 30, terminated: 5, open: 15, postponed: 0 }),
};

let worker: LocalWorker;
let pane: PaneBrowser;

type Thads = {
  book: { activeSheet(): string | null; values(sheet: string, address: string): unknown[][] };
  typeAt(sheet: string, address: string, value: number | string): Promise<void>;
  selection(): Promise<string>;
};

function thads<T>(page: Page, fn: (t: Thads, arg: any) => T | Promise<T>, arg?: unknown): Promise<T> {
  return page.evaluate(
    ({ src, a }) => {
      const f = new Function("return " + src)() as (t: unknown, arg: unknown) => T;
      return f((window as unknown as { __thads: Thads }).__thads, a);
    },
    { src: fn.toString(), a: arg },
  ) as Promise<T>;
}

const typeAt = (page: Page, sheet: string, address: string, value: number | string) =>
  thads(page, (t, a) => t.typeAt(a.sheet, a.address, a.value), { sheet, address, value });

const api = <T>(token: string, path: string) => getJson<T>(worker.url, token, path);

beforeAll(async () => {
  worker = await startLocalWorker({
    units: [
      { code: "VN", name: "Cục Quản lý thi hành án dân sự", kind: "national", level: "national", parent: null, path: "/VN/", reporting: false },
      { code: "52", name: "THADS tỉnh Gia Lai", kind: "province", level: "province", parent: "VN", path: "/VN/52/", reporting: false },
      ...OFFICES.map((o) => ({ code: o.code, name: o.name, kind: o.kind, level: "office" as const, parent: "52", path: "/VN/52/" + o.code + "/", reporting: true })),
    ],
    tokens: [
      { token: PROVINCE, role: "province", unit: "52" },
      { token: ADMIN, role: "admin", unit: "VN" },
      ...OFFICES.map((o) => ({ token: clerk(o.code), role: "clerk" as const, unit: o.code })),
    ],
    targets: [{ year: YEAR, unit: "52", indicator: "rate_viec", pct: 84.7 }],
  });
  for (const unit of Object.keys(REPORTS)) {
    await submitReport(worker.url, clerk(unit), { id: randomUUID(), unit, form: "01", period: PERIOD, values: REPORTS[unit] as Record<string, number> });
  }
  for (const unit of Object.keys(LAST_YEAR)) {
    await submitReport(worker.url, clerk(unit), { id: randomUUID(), unit, form: "01", period: samePeriodLastYear(PERIOD), values: LAST_YEAR[unit] as Record<string, number> });
  }
  await submitReport(worker.url, clerk(LAST_YEAR_END.unit), { id: randomUUID(), unit: LAST_YEAR_END.unit, form: "01", period: LAST_YEAR_END.period, values: LAST_YEAR_END.values });
  pane = await launchPaneBrowser();
}, 240_000);

afterAll(async () => {
  await pane?.close();
  await worker?.dispose();
  shots.dispose();
});

describe("a province's targets, from Excel (ExcelApi 1.10)", () => {
  let context: BrowserContext;
  let page: Page;
  let sheet: string;
  /** The row of the sheet whose hidden key (column M) is unit|indicator. */
  let rowOf: (key: string) => number;

  beforeAll(async () => {
    ({ context, page } = await pane.signedIn(worker.url, PROVINCE, { viewport: { width: 380, height: 1100 }, locale: "vi-VN", apiLevel: "1.10" }));
  });
  afterAll(async () => {
    await context?.close();
  });

  it("pulls the offices × indicators into a new protected sheet, the province's target inherited", async () => {
    await page.waitForSelector("#tab-org", { state: "visible" });
    await page.click("#tab-org");
    await page.selectOption("#org-year", String(YEAR));
    await page.click("#targets-pull");
    await page.waitForSelector("#org-result");
    sheet = "Chỉ tiêu 52 " + YEAR;
    const n = targetedIndicatorsOfYear(BUILT_IN_FORMS, YEAR).length;
    expect(await page.textContent("#org-result")).toContain("Đã tạo trang “" + sheet + "”: " + n * 6 + " dòng (" + n + " chỉ tiêu × 6 đơn vị)");
    expect(await thads(page, (t) => t.book.activeSheet())).toBe(sheet);
    const keys = (await thads(page, (t, s) => t.book.values(s, "M1:M40"), sheet)).map((r) => r[0]);
    rowOf = (key) => {
      const i = keys.indexOf(key);
      if (i < 0) throw new Error("no row " + key);
      return i + 1;
    };
    // Current target G: 84,70 inherited from the province; own target I empty.
    const r = rowOf("52-01|rate_viec");
    const row = (await thads(page, (t, a) => t.book.values(a.s, "B" + a.r + ":I" + a.r), { s: sheet, r }))[0] as unknown[];
    expect(row[0]).toBe("52-01");
    expect(row[5]).toBe(84.7);
    expect(row[7]).toBe("");
  });

  it("shows what changes, old → new, pushes it in one request, and the comparison uses the new targets at once", async () => {
    const r01 = rowOf("52-01|rate_viec");
    const r02 = rowOf("52-02|rate_viec");
    await typeAt(page, sheet, "I" + r01, 90);
    await typeAt(page, sheet, "K" + r01, "Chính thức");
    await typeAt(page, sheet, "L" + r01, "QĐ 7/QĐ-THADS");
    await typeAt(page, sheet, "I" + r02, 72.5);
    await typeAt(page, sheet, "K" + r02, "Tạm giao");
    await page.click("#org-check");
    await page.waitForSelector("#org-preview");
    const diff = await page.textContent("#org-diff");
    expect(diff).toContain("52-01Tỷ lệ thi hành xong về việc— (dùng chỉ tiêu kế thừa)→ ≥ 90,00% (chính thức, QĐ 7/QĐ-THADS)");
    expect(diff).toContain("52-02Tỷ lệ thi hành xong về việc— (dùng chỉ tiêu kế thừa)→ ≥ 72,50% (tạm giao)");
    await page.screenshot({ path: join(shots.dir, "taskpane-targets.png"), fullPage: true });
    await page.click("#org-push");
    await page.waitForSelector("#org-saved");
    expect(await page.textContent("#org-saved")).toContain("Đã lưu 2 thay đổi");

    const c = await api<Comparison>(PROVINCE, "/api/v1/comparisons?parent=52&form=01&period=" + PERIOD);
    const target = (unit: string) => c.rows.filter((x) => x.unit === unit)[0]?.indicators.rate_viec?.target;
    expect(target("52-01")).toBe(90);
    expect(target("52-02")).toBe(72.5);
    expect(target("52-03")).toBe(84.7);
    // One audit row per change, with its decision.
    const audit = await api<{ entries: { action: string; target: string; detail: { decisionRef: string | null } }[] }>(ADMIN, "/api/v1/admin/audit?limit=20");
    const set = audit.entries.filter((e) => e.action === "target.set");
    expect(set.map((e) => [e.target, e.detail.decisionRef]).sort()).toEqual([[YEAR + "/52-01/rate_viec", "QĐ 7/QĐ-THADS"], [YEAR + "/52-02/rate_viec", null]]);
  });

  it("finds nothing to send when the same sheet is checked again", async () => {
    await page.click("#org-check");
    await page.waitForSelector("#org-nochange");
    expect(await page.textContent("#org-nochange")).toBe("Không có thay đổi nào so với máy chủ: không cần gửi.");
  });

  it("lists 120 and '85,7%' as text by cell in Vietnamese, sends nothing, and a click shows the cell", async () => {
    const r03 = rowOf("52-03|rate_viec");
    const t00 = rowOf("52-00|rate_tien");
    await typeAt(page, sheet, "I" + r03, 120);
    await typeAt(page, sheet, "K" + r03, "Chính thức");
    await typeAt(page, sheet, "I" + t00, "'85,7%");
    const before = await api<{ targets: unknown[] }>(PROVINCE, "/api/v1/targets?year=" + YEAR + "&unit=52");
    await page.click("#org-check");
    await page.waitForSelector("#org-problems");
    const items = await page.$$eval("#org-problems li", (els) => els.map((e) => [e.getAttribute("data-cell"), e.textContent]));
    expect(items).toEqual([
      ["I" + t00, "Ô I" + t00 + " (52-00): «85,7%» là chữ, không phải số. Hãy gõ số 85,7 (không kèm dấu %: cột đã ghi phần trăm)."],
      ["I" + r03, "Ô I" + r03 + " (52-03): chỉ tiêu 120 nằm ngoài khoảng 0–100 (%)."],
    ]);
    expect(await page.isVisible("#org-push")).toBe(false);
    await page.click("#org-problems li[data-cell='I" + r03 + "']");
    await expect.poll(() => thads(page, (t) => t.selection())).toBe("'" + sheet + "'!I" + r03);
    expect(await api<{ targets: unknown[] }>(PROVINCE, "/api/v1/targets?year=" + YEAR + "&unit=52")).toEqual(before);
  });

  it("fills 'không thấp hơn kết quả năm trước' with one click: last year's result, ≥, Tạm giao, where no own target is set", async () => {
    const r03 = rowOf("52-03|rate_viec");
    for (const a of ["I" + r03, "K" + r03, "I" + rowOf("52-00|rate_tien")]) await typeAt(page, sheet, a, "");
    expect(await thads(page, (t, a) => t.book.values(a.s, "E" + a.r + ":E" + a.r)[0]![0], { s: sheet, r: r03 })).toBe(83);
    await page.click("#targets-fill");
    await page.waitForSelector("#org-filled");
    // 52-01 and 52-02 have their own targets (pushed above): kept
    expect(await page.textContent("#org-filled")).toContain("2 dòng đã có chỉ tiêu, giữ nguyên");
    expect(await thads(page, (t, a) => t.book.values(a.s, "I" + a.r + ":K" + a.r)[0], { s: sheet, r: r03 })).toEqual([83, "≥", "Tạm giao"]);
    const r01 = rowOf("52-01|rate_viec");
    expect(await thads(page, (t, a) => t.book.values(a.s, "I" + a.r + ":K" + a.r)[0], { s: sheet, r: r01 })).toEqual([90, "≥", "Chính thức"]);
    // The fill is an edit like any other: checked, it is a change to send, not yet sent.
    await page.click("#org-check");
    await page.waitForSelector("#org-preview");
    expect(await page.textContent("#org-diff")).toContain("52-03Tỷ lệ thi hành xong về việc— (dùng chỉ tiêu kế thừa)→ ≥ 83,00% (tạm giao)");
    const c = await api<Comparison>(PROVINCE, "/api/v1/comparisons?parent=52&form=01&period=" + PERIOD);
    expect(c.rows.filter((x) => x.unit === "52-03")[0]?.indicators.rate_viec?.target).toBe(84.7);
  });
});

describe("the same from /tai-ve: the edited .xlsx uploaded, the differences shown, then saved", () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await pane.newContext({ acceptDownloads: true, locale: "vi-VN" });
    page = await context.newPage();
    await page.goto(worker.url + "/tai-ve");
    await page.fill("#token", PROVINCE);
    await page.dispatchEvent("#token", "change");
    await page.waitForSelector('#unit option[value="52"]', { state: "attached" });
  });
  afterAll(async () => {
    await context?.close();
  });

  /** Downloads the targets sheet, lets `edit` change it as Excel would, and writes it to a file. */
  async function editedDownload(edit: (ws: ExcelJS.Worksheet, rowOf: (key: string) => number) => void): Promise<string> {
    // A fresh page each time: Chromium holds back a second download a page starts by itself.
    await page.goto(worker.url + "/tai-ve");
    await page.selectOption("#sheet-kind", "targets");
    await page.fill("#sheet-year", String(YEAR));
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#sheet-download")]);
    expect(download.suggestedFilename()).toBe("chi-tieu-52-" + YEAR + ".xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await download.path()) as string);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    const rowOf = (key: string): number => {
      for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell("M" + r).value === key) return r;
      throw new Error("no row " + key);
    };
    edit(ws, rowOf);
    const file = join(mkdtempSync(join(tmpdir(), "thads-upload-")), "chi-tieu-da-sua.xlsx");
    await wb.xlsx.writeFile(file);
    return file;
  }

  it("lists the problems of a sheet with '85,7%' typed as text, by cell, and offers nothing to save", async () => {
    let cellAddress = "";
    const file = await editedDownload((ws, rowOf) => {
      cellAddress = "I" + rowOf("52-03|rate_tien");
      ws.getCell(cellAddress).value = "85,7%";
    });
    await page.setInputFiles("#sheet-file", file);
    await page.click("#sheet-upload");
    await page.waitForSelector("#sheet-problems");
    const items = await page.$$eval("#sheet-problems li", (els) => els.map((e) => [e.getAttribute("data-cell"), e.textContent]));
    expect(items).toEqual([[cellAddress, "Ô " + cellAddress + " (52-03): «85,7%» là chữ, không phải số. Hãy gõ số 85,7 (không kèm dấu %: cột đã ghi phần trăm)."]]);
    expect(await page.$("#sheet-save")).toBeNull();
  });

  it("shows old → new in the pane's words, saves on request, and the target is there", async () => {
    const file = await editedDownload((ws, rowOf) => {
      const r = rowOf("52-03|rate_viec");
      ws.getCell("I" + r).value = 88;
      ws.getCell("K" + r).value = "Chính thức";
      ws.getCell("L" + r).value = "QĐ 9/QĐ-THADS";
    });
    await page.setInputFiles("#sheet-file", file);
    await page.click("#sheet-upload");
    await page.waitForSelector("#sheet-diff");
    expect(await page.$$eval("#sheet-diff td", (els) => els.map((e) => e.textContent))).toEqual([
      "52-03", "Tỷ lệ thi hành xong về việc", "— (dùng chỉ tiêu kế thừa)", "→ ≥ 88,00% (chính thức, QĐ 9/QĐ-THADS)",
    ]);
    await page.click("#sheet-save");
    await page.waitForSelector("#sheet-saved");
    expect(await page.textContent("#sheet-saved")).toBe("Đã lưu 1 thay đổi.");
    const c = await api<Comparison>(PROVINCE, "/api/v1/comparisons?parent=52&form=01&period=" + PERIOD);
    expect(c.rows.filter((x) => x.unit === "52-03")[0]?.indicators.rate_viec?.target).toBe(88);
  });
});

/** The first and last day of the merger: 52-04 and 52-05 close at the end of the month before PERIOD, 52-16 opens with PERIOD. */
const CLOSE = periodEnd(previousMonth(PERIOD));
const OPEN = PERIOD + "-01";
const dmy = (iso: string) => iso.slice(8, 10) + "/" + iso.slice(5, 7) + "/" + iso.slice(0, 4);
const NEW_NAME = "Phòng THADS khu vực 16 - Gia Lai";

/** The last month whose cùng kỳ falls before the merger: a year of comparisons through the predecessors. */
function elevenMonthsOn(p: string): string {
  let out = p;
  for (let i = 0; i < 11; i++) out = nextMonth(out);
  return out;
}

describe("a province merges two offices into a new one, from Excel (ExcelApi 1.10)", () => {
  let context: BrowserContext;
  let page: Page;
  const sheet = "Đơn vị 52";
  let rowOf: (code: string) => number;
  let blank: number;

  beforeAll(async () => {
    ({ context, page } = await pane.signedIn(worker.url, PROVINCE, { viewport: { width: 380, height: 1300 }, locale: "vi-VN", apiLevel: "1.10" }));
    await page.waitForSelector("#tab-org", { state: "visible" });
    await page.click("#tab-org");
  });
  afterAll(async () => {
    await context?.close();
  });

  it("pulls the offices with their validity, last report and tokens, and empty rows for new ones", async () => {
    await page.click("#units-pull");
    await page.waitForSelector("#org-result");
    expect(await page.textContent("#org-result")).toContain("Đã tạo trang “" + sheet + "”: 6 đơn vị và");
    const codes = (await thads(page, (t, s) => t.book.values(s, "B1:B40"), sheet)).map((r) => r[0]);
    rowOf = (code) => {
      const i = codes.indexOf(code);
      if (i < 0) throw new Error("no row " + code);
      return i + 1;
    };
    blank = rowOf("52-05") + 1;
    expect(codes[blank - 1]).toBe("");
    const r04 = (await thads(page, (t, a) => t.book.values(a.s, "B" + a.r + ":I" + a.r), { s: sheet, r: rowOf("52-04") }))[0] as unknown[];
    expect([r04[0], r04[1], r04[6], r04[7]]).toEqual(["52-04", "Phòng THADS khu vực 4 - Gia Lai", monthLabel(samePeriodLastYear(PERIOD)), "1: " + clerk("52-04")]);
  });

  it("refuses a closing date before the office's last report and a code of another province, by cell", async () => {
    const r01 = rowOf("52-01");
    await typeAt(page, sheet, "F" + r01, dmy(CLOSE));
    await typeAt(page, sheet, "B" + blank, "53-01");
    await typeAt(page, sheet, "C" + blank, "Phòng THADS khu vực 1 - Kon Tum");
    await typeAt(page, sheet, "D" + blank, "Phòng THADS khu vực");
    await typeAt(page, sheet, "E" + blank, dmy(OPEN));
    await page.click("#org-check");
    await page.waitForSelector("#org-problems");
    const cells = await page.$$eval("#org-problems li", (els) => els.map((e) => e.getAttribute("data-cell")));
    expect(cells).toEqual(expect.arrayContaining(["F" + r01, "B" + blank]));
    const text = await page.textContent("#org-problems");
    expect(text).toContain(monthLabel(PERIOD));
    expect(await page.isVisible("#org-push")).toBe(false);
    for (const a of ["F" + r01, "B" + blank, "C" + blank, "D" + blank, "E" + blank]) await typeAt(page, sheet, a, "");
  });

  it("shows the consequences before pushing, pushes the merger, and revokes the closed offices' tokens", async () => {
    for (const code of ["52-04", "52-05"]) {
      await typeAt(page, sheet, "F" + rowOf(code), dmy(CLOSE));
      await typeAt(page, sheet, "G" + rowOf(code), "52-16");
    }
    await typeAt(page, sheet, "B" + blank, "52-16");
    await typeAt(page, sheet, "C" + blank, NEW_NAME);
    await typeAt(page, sheet, "D" + blank, "Phòng THADS khu vực");
    await typeAt(page, sheet, "E" + blank, dmy(OPEN));
    await page.click("#org-check");
    await page.waitForSelector("#org-preview");
    const diff = await page.$$eval("#org-diff tr", (els) => els.map((e) => (e.firstChild as HTMLElement).textContent + " " + (e.childNodes[1] as HTMLElement).textContent));
    expect(diff).toEqual(["52-04 Đóng", "52-05 Đóng", "52-16 Thêm"]);
    const consequences = await page.$$eval("#org-consequences li", (els) => els.map((e) => e.textContent));
    expect(consequences[0]).toBe("Tổng số của các kỳ đã báo cáo không thay đổi: số liệu cũ vẫn thuộc đơn vị cũ.");
    expect(consequences[1]).toBe("So sánh cùng kỳ và tháng trước của " + NEW_NAME + " (52-16) từ " + monthLabel(PERIOD) + " đến " + monthLabel(elevenMonthsOn(PERIOD)) + " dùng số liệu của 52-04 + 52-05.");
    expect(consequences.slice(2)).toEqual([
      "Mã truy cập của " + clerk("52-04") + " (52-04) sẽ bị thu hồi ngay.",
      "Mã truy cập của " + clerk("52-05") + " (52-05) sẽ bị thu hồi ngay.",
    ]);
    await page.screenshot({ path: join(shots.dir, "taskpane-units.png"), fullPage: true });
    await page.click("#org-push");
    await page.waitForSelector("#org-saved");
    expect(await page.textContent("#org-saved")).toContain("Đã lưu 3 thay đổi");
    const refused = await fetch(worker.url + "/api/v1/units", { headers: { Authorization: "Bearer " + clerk("52-04") } });
    expect(refused.status).toBe(401);
  });

  it("gives the new office its first comparison with cùng kỳ from the two offices it replaced", async () => {
    const issued = await fetch(worker.url + "/api/v1/admin/tokens", {
      method: "POST",
      headers: { Authorization: "Bearer " + ADMIN, "Content-Type": "application/json" },
      body: JSON.stringify({ role: "clerk", unit: "52-16", label: "Cán bộ khu vực 16" }),
    });
    expect(issued.status).toBe(201);
    const token = ((await issued.json()) as { token: string }).token;
    // 52-16 carries over what 52-04 and 52-05 left open and completes 50 of 60.
    await submitReport(worker.url, token, { id: randomUUID(), unit: "52-16", form: "01", period: PERIOD, values: form01({ carried: 35, fresh: 25, entrusted: 0, done: 50, terminated: 0, open: 10, postponed: 0 }) });
    const c = await api<Comparison>(PROVINCE, "/api/v1/comparisons?parent=52&form=01&period=" + PERIOD);
    expect(c.rows.map((r) => r.unit)).not.toContain("52-04");
    const row = c.rows.filter((r) => r.unit === "52-16")[0];
    expect(row?.name).toBe(NEW_NAME);
    expect(row?.bases.samePeriod?.sources).toEqual(["52-04", "52-05"]);
    expect(row?.bases.samePeriod?.values.thi_hanh_xong).toBe(65);
    // 50 of 60 now against 65 of 100 a year ago (as the two offices it replaced).
    expect(row?.indicators.rate_viec?.printed).toBe(83.33);
    expect(row?.indicators.rate_viec?.vs.samePeriod?.printed).toBe(65);
  });
});
