import { env } from "cloudflare:test";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { beforeAll, describe, expect, it } from "vitest";
import type { Comparison } from "../../shared/api/schemas";
import type { TargetChangesResult, TargetsSheet, TargetsUploadResult } from "../../shared/api/sheets";
import { KEY_HEADER } from "../../shared/reports/editable";
import { BUILT_IN_FORMS } from "../../shared/forms/definitions";
import { targetedIndicatorsOfYear } from "../../shared/forms/registry";
import { api, json, seedTokens, seedUnits, setNow, tableCounts } from "./fixtures";
import { form, submit } from "./submission-data";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const TARGETED_2026 = targetedIndicatorsOfYear(BUILT_IN_FORMS, 2026).length;

/** Targets sheet columns: I own target, J ≥/>, K Tạm giao/Chính thức, L decision, M row key. */
async function sheetOf(token: string, query: string): Promise<TargetsSheet> {
  const res = await api("GET", "/api/v1/targets/sheet?" + query, { token });
  expect(res.status, await res.clone().text()).toBe(200);
  return json<TargetsSheet>(res);
}

async function push(token: string, body: unknown): Promise<Response> {
  return api("POST", "/api/v1/targets/changes", { token, body });
}

async function workbook(bytes: Uint8Array): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  return wb.worksheets[0] as ExcelJS.Worksheet;
}

async function download(token: string, query: string): Promise<Uint8Array> {
  const res = await api("GET", "/api/v1/targets/sheet?" + query, { token, accept: XLSX });
  expect(res.status, res.status === 200 ? "" : await res.clone().text()).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

function rowOfKey(ws: ExcelJS.Worksheet, key: string): number {
  for (let r = 7; r <= ws.rowCount; r++) if (ws.getCell(r, 13).value === key) return r;
  throw new Error("no row " + key);
}

async function auditCount(action: string): Promise<number> {
  const row = await env.DB.prepare(`SELECT COUNT(*) AS n FROM audit_log WHERE action = ?`).bind(action).first<{ n: number }>();
  return row?.n ?? 0;
}

beforeAll(async () => {
  await seedUnits();
  await seedTokens();
  setNow("2025-12-03T03:00:00Z");
  // Last year's 12-month reports (statistical year 2025): 52-01 60/75 = 80%, 52-02 30/50 = 60%.
  await submit("52-01", "01", "2025-09", form({ carried: 75, done: 60, open: 15 }));
  await submit("52-02", "01", "2025-09", form({ carried: 50, done: 30, open: 20 }));
  await submit("52-01", "01", "2025-10", form({ carried: 15, fresh: 65, done: 70, open: 10 }));
  const res = await api("PUT", "/api/v1/targets", {
    token: "demo-national",
    body: { year: 2026, targets: [{ unit: "52", indicator: "rate_viec", targetPct: 84.7, decisionRef: "QĐ 12/QĐ-CQLTHADS" }] },
  });
  expect(res.status).toBe(200);
});

describe("GET /api/v1/targets/sheet", () => {
  it("gives a province its offices × indicators, own or inherited, with last year's result", async () => {
    const s = await sheetOf("demo-province-52", "year=2026");
    expect(s.parent).toEqual({ code: "52", name: "THADS tỉnh Gia Lai", level: "province" });
    // 15 offices × the indicators the year's definitions target (data: shared/forms).
    expect(s.rows).toHaveLength(15 * TARGETED_2026);
    expect(s.indicators).toHaveLength(TARGETED_2026);
    expect(s.rows.find((r) => r.unit === "52-01" && r.indicator === "rate_viec")).toMatchObject({
      own: null,
      inherited: { targetPct: 84.7, source: "52", sourceName: "THADS tỉnh Gia Lai", decisionRef: "QĐ 12/QĐ-CQLTHADS" },
      lastYear: { result: 80, sources: ["52-01"] },
    });
    expect(s.rows.find((r) => r.unit === "52-03" && r.indicator === "rate_viec")?.lastYear.result).toBeNull();
  });

  it("gives the Cục the 34 provinces; refuses a clerk and a province asking for another's", async () => {
    const s = await sheetOf("demo-national", "year=2026");
    expect(new Set(s.rows.map((r) => r.unit)).size).toBe(34);
    expect(s.rows.find((r) => r.unit === "52" && r.indicator === "rate_viec")?.own).toEqual({ targetPct: 84.7, provisional: false, comparison: "gte", decisionRef: "QĐ 12/QĐ-CQLTHADS" });
    const clerk = await api("GET", "/api/v1/targets/sheet?year=2026", { token: "demo-unit-52-01" });
    expect(clerk.status).toBe(403);
    const other = await api("GET", "/api/v1/targets/sheet?year=2026&parent=79", { token: "demo-province-52" });
    expect(other.status).toBe(403);
    expect((await json(other)).error.message.vi).toBe("Mã truy cập của 52 chỉ giao chỉ tiêu cho các đơn vị trực thuộc 52, không cho các đơn vị trực thuộc 79.");
  });
});

describe("POST /api/v1/targets/changes", () => {
  const change = { unit: "52-01", indicator: "rate_viec", target: { targetPct: 85.5, provisional: false, comparison: "gt", decisionRef: "QĐ 45/QĐ-THADS" }, cell: "I7" };

  it("writes the changes in one batch, audits each with its decision, and the comparison uses them at once", async () => {
    const before = await auditCount("target.set");
    const res = await push("demo-province-52", { year: 2026, parent: "52", changes: [change] });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await json<TargetChangesResult>(res)).toEqual({
      year: 2026, parent: "52", unchanged: 0,
      changed: [{ unit: "52-01", indicator: "rate_viec", before: null, after: { targetPct: 85.5, provisional: false, comparison: "gt", decisionRef: "QĐ 45/QĐ-THADS" } }],
    });
    expect(await auditCount("target.set")).toBe(before + 1);
    const audit = await env.DB.prepare(`SELECT target, detail FROM audit_log WHERE action = 'target.set' ORDER BY id DESC LIMIT 1`).first<{ target: string; detail: string }>();
    expect(audit?.target).toBe("2026/52-01/rate_viec");
    expect(JSON.parse(audit?.detail ?? "{}")).toMatchObject({ decisionRef: "QĐ 45/QĐ-THADS", before: null, via: "sheet" });

    const cmp = await json<Comparison>(await api("GET", "/api/v1/comparisons?parent=52&form=01&period=2025-10", { token: "demo-province-52" }));
    const row = cmp.rows.find((r) => r.unit === "52-01");
    // 70 ÷ 80 = 87,50% against "> 85,50%": met.
    expect(row?.indicators.rate_viec).toMatchObject({ printed: 87.5, target: 85.5, targetComparison: "gt", targetSource: "52-01", met: true });
  });

  it("changes nothing — no write, no audit row — when the same changes come again", async () => {
    const counts = await tableCounts();
    const res = await push("demo-province-52", { year: 2026, parent: "52", changes: [change] });
    expect(await json<TargetChangesResult>(res)).toEqual({ year: 2026, parent: "52", changed: [], unchanged: 1 });
    expect(await tableCounts()).toEqual(counts);
  });

  it("clears a unit's own target back to what it inherits", async () => {
    const res = await push("demo-province-52", { year: 2026, parent: "52", changes: [{ unit: "52-01", indicator: "rate_viec", target: null }] });
    expect((await json<TargetChangesResult>(res)).changed[0]?.after).toBeNull();
    expect(await auditCount("target.clear")).toBe(1);
    const s = await sheetOf("demo-province-52", "year=2026");
    expect(s.rows.find((r) => r.unit === "52-01" && r.indicator === "rate_viec")?.own).toBeNull();
  });

  it("refuses 120, three decimals, another province's office and an indicator the year lacks, every one by cell, and writes nothing", async () => {
    const counts = await tableCounts();
    const t = { provisional: true, comparison: "gte", decisionRef: null };
    const res = await push("demo-province-52", {
      year: 2026, parent: "52", changes: [
        { unit: "52-02", indicator: "rate_viec", target: { targetPct: 120, ...t }, cell: "I9" },
        { unit: "52-03", indicator: "rate_viec", target: { targetPct: 84.705, ...t }, cell: "I11" },
        { unit: "79-01", indicator: "rate_viec", target: { targetPct: 80, ...t }, cell: "I13" },
        { unit: "52-04", indicator: "rate_khac", target: { targetPct: 80, ...t }, cell: "I15" },
        { unit: "52-05", indicator: "rate_viec", target: { targetPct: 80, ...t }, cell: "I17" },
      ],
    });
    expect(res.status).toBe(422);
    const body = await json(res);
    expect(body.error.code).toBe("sheet_refused");
    expect(body.error.issues.map((i: { path: string }) => i.path)).toEqual(["I9", "I11", "I13", "I15"]);
    expect(body.error.issues[0].vi).toBe("Ô I9 (52-02): chỉ tiêu 120 nằm ngoài khoảng 0–100 (%).");
    expect(body.error.issues[2].en).toBe("Cell I13: 79-01 is not a unit under 52 in 2026: targets are set only for one's own units.");
    expect(body.error.message.vi).toMatch(/^Không lưu gì: 4 lỗi cần sửa\./);
    expect(await tableCounts()).toEqual(counts);
  });

  it("lets the Cục set a province's target and refuses it an office's", async () => {
    const ok = await push("demo-national", { year: 2026, parent: "VN", changes: [{ unit: "79", indicator: "rate_tien", target: { targetPct: 56.8, provisional: true, comparison: "gt", decisionRef: null } }] });
    expect((await json<TargetChangesResult>(ok)).changed).toHaveLength(1);
    const no = await push("demo-national", { year: 2026, parent: "52", changes: [change] });
    expect(no.status).toBe(403);
  });
});

describe("the .xlsx of /tai-ve, edited and uploaded", () => {
  it("is protected, with yellow unlocked inputs, lists, a hidden key column and the year in a metadata cell", async () => {
    const ws = await workbook(await download("demo-province-52", "year=2026"));
    expect(ws.name).toBe("Chỉ tiêu 52 2026");
    expect(String(ws.getCell("M1").value)).toMatch(/^THADS-SHEET \{"v":1,"kind":"targets","parent":"52","year":2026,"header":6\}$/);
    expect(ws.getCell("M6").value).toBe(KEY_HEADER);
    expect(ws.getColumn(13).hidden).toBe(true);
    const r = rowOfKey(ws, "52-01|rate_viec");
    expect(ws.getCell(r, 9).protection?.locked).toBe(false);
    expect(ws.getCell(r, 5).protection?.locked).not.toBe(false);
    expect((ws as unknown as { sheetProtection: { sheet: boolean; hashValue?: string } }).sheetProtection).toMatchObject({ sheet: true });
    expect((ws as unknown as { sheetProtection: { hashValue?: string } }).sheetProtection.hashValue).toBeUndefined();
    const dv = (ws as unknown as { dataValidations: { model: Record<string, { type: string; formulae: unknown[] }> } }).dataValidations.model;
    // exceljs reads range validations back cell by cell: every row × 3 columns.
    expect(Object.keys(dv)).toHaveLength(15 * TARGETED_2026 * 3);
    expect([dv["I" + r], dv["J" + r], dv["K" + r]].map((v) => [v?.type, v?.formulae])).toEqual([["decimal", [0, 100]], ["list", ['"≥,>"']], ["list", ['"Tạm giao,Chính thức"']]]);
  });

  it("pre-fills 'không thấp hơn kết quả năm trước' when asked", async () => {
    const ws = await workbook(await download("demo-province-52", "year=2026&fill=previous"));
    const r = rowOfKey(ws, "52-02|rate_viec");
    expect([ws.getCell(r, 5).value, ws.getCell(r, 9).value, ws.getCell(r, 10).value, ws.getCell(r, 11).value]).toEqual([60, 60, "≥", "Tạm giao"]);
  });

  it("an edited sheet uploaded is read exactly and compared, writing nothing; its changes are then pushed", async () => {
    const bytes = await download("demo-province-52", "year=2026");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer as ArrayBuffer);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    const r = rowOfKey(ws, "52-02|rate_tien");
    ws.getCell(r, 9).value = 57;
    ws.getCell(r, 11).value = "Tạm giao";
    const edited = new Uint8Array(await wb.xlsx.writeBuffer() as ArrayBuffer);
    const counts = await tableCounts();
    const res = await api("POST", "/api/v1/targets/upload", { token: "demo-province-52", file: { bytes: edited, type: XLSX } });
    expect(res.status, await res.clone().text()).toBe(200);
    const preview = await json<TargetsUploadResult>(res);
    expect(preview.diff).toEqual([{ unit: "52-02", indicator: "rate_tien", before: null, after: { targetPct: 57, provisional: true, comparison: "gte", decisionRef: null } }]);
    expect(preview.changes[0]?.cell).toBe("I" + r);
    expect(await tableCounts()).toEqual(counts);
    const saved = await push("demo-province-52", { year: preview.year, parent: preview.parent, changes: preview.changes });
    expect((await json<TargetChangesResult>(saved)).changed).toHaveLength(1);
  });

  it("refuses an upload with '85,7%' as text and a row of another province, by cell", async () => {
    const bytes = await download("demo-province-52", "year=2026");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer as ArrayBuffer);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    const text = rowOfKey(ws, "52-03|rate_viec");
    ws.getCell(text, 9).value = "85,7%";
    const other = rowOfKey(ws, "52-04|rate_viec");
    ws.getCell(other, 13).value = "79-04|rate_viec";
    const res = await api("POST", "/api/v1/targets/upload", { token: "demo-province-52", file: { bytes: new Uint8Array(await wb.xlsx.writeBuffer() as ArrayBuffer), type: XLSX } });
    expect(res.status).toBe(422);
    const body = await json(res);
    expect(body.error.issues.map((i: { path: string }) => i.path)).toEqual(["I" + text, "B" + other]);
    expect(body.error.issues[0].vi).toContain("«85,7%» là chữ, không phải số");
    expect(body.error.issues[1].en).toContain("belongs to unit 79-04, which is not under 52");
  });

  it("refuses what is not an .xlsx, a file over the size limit and a zip that would unpack to too much", async () => {
    const junk = await api("POST", "/api/v1/targets/upload", { token: "demo-province-52", file: { bytes: new TextEncoder().encode("not a workbook"), type: XLSX } });
    expect(junk.status).toBe(400);
    expect((await json(junk)).error.code).toBe("not_xlsx");
    const big = await api("POST", "/api/v1/targets/upload", { token: "demo-province-52", file: { bytes: new Uint8Array(1024 * 1024 + 1), type: XLSX } });
    expect(big.status).toBe(413);
    const zip = new JSZip();
    zip.file("xl/worksheets/sheet1.xml", "0".repeat(20 * 1024 * 1024));
    const bomb = await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
    expect(bomb.length).toBeLessThan(100 * 1024);
    const res = await api("POST", "/api/v1/targets/upload", { token: "demo-province-52", file: { bytes: bomb, type: XLSX } });
    expect(res.status).toBe(413);
    expect((await json(res)).error.message.vi).toContain("giải nén ra quá 16 MB");
    // Deflating 20 MB for the zip bomb takes seconds on a loaded machine.
  }, 60_000);

  it("reads only an .xlsx: a form post is a 415 naming the Content-Type, before the body is read", async () => {
    const bytes = await download("demo-province-52", "year=2026");
    const res = await api("POST", "/api/v1/targets/upload", { token: "demo-province-52", file: { bytes, type: "application/x-www-form-urlencoded" } });
    expect(res.status).toBe(415);
    const body = await json(res);
    expect(body.error.message.vi).toContain("Content-Type");
    expect(body.error.message.en).toContain("application/x-www-form-urlencoded");
  });
});
