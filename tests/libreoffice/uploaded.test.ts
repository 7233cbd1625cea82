import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TargetsUploadResult, UnitsUploadResult } from "../../shared/api/sheets";
import { targetHeaders } from "../../shared/reports/targets/sheet";
import { CLERK_52_01_UNITS, startLocalWorker, type LocalWorker } from "../browser/local-worker";
import { convert, requireSoffice } from "./soffice";

/**
 * The targets and units sheets as a province really sends them back: downloaded from a running
 * Worker, edited, and SAVED BY LIBREOFFICE CALC (its own shared strings, styles, number formats
 * and hidden-column markup, not exceljs's), then uploaded. The reader must find the sheet's
 * metadata and row keys in LibreOffice's XML and see exactly the one edit — no phantom change
 * from a re-typed number or a re-encoded text.
 */
const hasOffice = requireSoffice();
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const PROVINCE = "lo-province-52";
let worker: LocalWorker;
const dir = mkdtempSync(join(tmpdir(), "thads-uploaded-"));

async function download(path: string): Promise<Uint8Array> {
  const res = await fetch(worker.url + path, { headers: { Authorization: "Bearer " + PROVINCE, Accept: XLSX } });
  expect(res.status, await res.clone().text()).toBe(200);
  expect(res.headers.get("Content-Type")).toBe(XLSX);
  return new Uint8Array(await res.arrayBuffer());
}

async function upload<T>(path: string, bytes: Uint8Array): Promise<T> {
  // LibreOffice ran synchronously just before: let the event loop see the Worker close the
  // idle keep-alive connection of the download, or fetch reuses a dead socket ("other side closed").
  await new Promise((resolve) => setTimeout(resolve, 20));
  const res = await fetch(worker.url + path, { method: "POST", headers: { Authorization: "Bearer " + PROVINCE, "Content-Type": XLSX }, body: bytes });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as T;
}

/** The workbook as LibreOffice Calc writes it after opening `bytes` (an .xlsx re-saved by Calc). */
function savedByLibreOffice(name: string, bytes: Uint8Array): Uint8Array {
  const source = join(dir, name);
  writeFileSync(source, bytes);
  const out = convert([source], "xlsx:Calc MS Excel 2007 XML", { locale: "vi-VN", outDir: mkdtempSync(join(tmpdir(), "thads-uploaded-lo-")) });
  expect(out.files).toEqual([name]);
  const saved = readFileSync(join(out.outDir, name));
  copyFileSync(join(out.outDir, name), join(dir, "lo-" + name));
  return new Uint8Array(saved);
}

/** Opens `bytes`, lets `edit` change the first sheet, and writes it back (as a user's tool would before Calc saves it). */
async function edited(bytes: Uint8Array, edit: (ws: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  edit(wb.worksheets[0] as ExcelJS.Worksheet);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** The sheet row whose cells include `text` (a row key or a unit's name). */
function rowWith(ws: ExcelJS.Worksheet, text: string): number {
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    for (let c = 1; c <= ws.columnCount; c++) if (row.getCell(c).value === text) return r;
  }
  throw new Error("no row with " + text);
}

function columnWith(ws: ExcelJS.Worksheet, r: number, text: string | number): number {
  for (let c = 1; c <= ws.columnCount; c++) if (ws.getRow(r).getCell(c).value === text) return c;
  throw new Error("no cell " + text + " in row " + r);
}

describe.skipIf(!hasOffice)("sheets saved by LibreOffice Calc, uploaded to a running Worker", () => {
  beforeAll(async () => {
    worker = await startLocalWorker({
      units: [
        ...CLERK_52_01_UNITS,
        { code: "52-02", name: "Phòng THADS khu vực 2 - Gia Lai", kind: "regional_office", level: "office", parent: "52", path: "/VN/52/52-02/", reporting: true },
      ],
      tokens: [{ token: PROVINCE, role: "province", unit: "52" }],
      targets: [
        { year: 2026, unit: "52-01", indicator: "rate_viec", pct: 84.7 },
        { year: 2026, unit: "52-02", indicator: "rate_tien", pct: 56.8 },
      ],
    });
  }, 240_000);

  afterAll(async () => {
    await worker?.dispose();
  });

  it("a targets sheet only re-saved by Calc changes nothing; one target typed in Calc's file is the one change, on its cell", async () => {
    const original = await download("/api/v1/targets/sheet?year=2026&parent=52");
    const untouched = await upload<TargetsUploadResult>("/api/v1/targets/upload", savedByLibreOffice("chi-tieu.xlsx", original));
    expect({ year: untouched.year, parent: untouched.parent, diff: untouched.diff }).toEqual({ year: 2026, parent: "52", diff: [] });

    let cell = "";
    const changed = savedByLibreOffice("chi-tieu-sua.xlsx", await edited(original, (ws) => {
      const r = rowWith(ws, "52-01|rate_tien");
      const target = columnWith(ws, rowWith(ws, targetHeaders(2026).target), targetHeaders(2026).target);
      ws.getCell(r, target).value = 85.25;
      ws.getCell(r, columnWith(ws, rowWith(ws, targetHeaders(2026).type), targetHeaders(2026).type)).value = "Tạm giao";
      cell = ws.getCell(r, target).address;
    }));
    const preview = await upload<TargetsUploadResult>("/api/v1/targets/upload", changed);
    expect(preview.diff).toEqual([{ unit: "52-01", indicator: "rate_tien", before: null, after: { targetPct: 85.25, provisional: true, comparison: "gte", decisionRef: null } }]);
    expect(preview.changes.map((c) => c.cell)).toEqual([cell]);
  });

  it("a units sheet only re-saved by Calc changes nothing; a name corrected in it is the one change", async () => {
    const original = await download("/api/v1/organisation/sheet?parent=52");
    const untouched = await upload<UnitsUploadResult>("/api/v1/organisation/upload", savedByLibreOffice("don-vi.xlsx", original));
    expect({ parent: untouched.parent, diff: untouched.diff }).toEqual({ parent: "52", diff: [] });

    const renamed = savedByLibreOffice("don-vi-sua.xlsx", await edited(original, (ws) => {
      const r = rowWith(ws, "Phòng THADS khu vực 2 - Gia Lai");
      ws.getCell(r, columnWith(ws, r, "Phòng THADS khu vực 2 - Gia Lai")).value = "Phòng THADS khu vực 2 - Gia Lai (Ayun Pa)";
    }));
    const preview = await upload<UnitsUploadResult>("/api/v1/organisation/upload", renamed);
    expect(preview.diff.map((d) => [d.code, d.action, d.after?.name])).toEqual([["52-02", "rename", "Phòng THADS khu vực 2 - Gia Lai (Ayun Pa)"]]);
  });
});
