import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalWorker, type LocalWorker } from "../browser/local-worker";
import { CSV_ALL_SHEETS_AS_SHOWN, convert, parseCsv, requireSoffice } from "./soffice";

/**
 * The whole path of a download: a real local Worker (wrangler dev, its own D1) receives
 * submissions over HTTP, the .xlsx is downloaded with the Accept header as a user's tool would,
 * and LibreOffice opens the downloaded bytes and recomputes them.
 */
const hasOffice = requireSoffice();
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
let worker: LocalWorker;
const shown: Record<string, string[][]> = {};

/** Form 01 in the layout in force from 26/7/2024; nothing entrusted, withdrawn or in the third bucket. */
function form(p: { carried: number; done: number; terminated?: number; open: number }): Record<string, number> {
  const co = p.done + (p.terminated ?? 0) + p.open;
  return {
    tong_thu_ly: p.carried, nam_truoc_chuyen_sang: p.carried, thu_ly_moi: 0, uy_thac: 0, thu_hoi_huy: 0, phai_thi_hanh: p.carried,
    co_dieu_kien: co, thi_hanh_xong: p.done, dinh_chi: p.terminated ?? 0, dang_thi_hanh: p.open,
    chua_co_dieu_kien: p.carried - co, hoan_tam_dinh_chi: 0, so_theo_doi_rieng: 0,
  };
}

async function call(token: string, path: string, init: { method?: string; body?: unknown; accept?: string } = {}): Promise<Response> {
  return fetch(worker.url + path, {
    method: init.method ?? "GET",
    headers: { Authorization: "Bearer " + token, "Content-Type": "application/json", Accept: init.accept ?? "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

describe.skipIf(!hasOffice)("a comparison downloaded from a running Worker, opened in LibreOffice", () => {
  beforeAll(async () => {
    worker = await startLocalWorker({
      units: [
        { code: "VN", name: "Cục Quản lý thi hành án dân sự", kind: "national", level: "national", parent: null, path: "/VN/", reporting: false },
        { code: "52", name: "THADS tỉnh Gia Lai", kind: "province", level: "province", parent: "VN", path: "/VN/52/", reporting: false },
        { code: "52-01", name: "Phòng THADS khu vực 1 - Gia Lai", kind: "regional_office", level: "office", parent: "52", path: "/VN/52/52-01/", reporting: true },
        { code: "52-02", name: "Phòng THADS khu vực 2 - Gia Lai", kind: "regional_office", level: "office", parent: "52", path: "/VN/52/52-02/", reporting: true },
        { code: "79", name: "THADS Thành phố Hồ Chí Minh", kind: "province", level: "province", parent: "VN", path: "/VN/79/", reporting: false },
        { code: "79-01", name: "Phòng THADS khu vực 1 - TP Hồ Chí Minh", kind: "regional_office", level: "office", parent: "79", path: "/VN/79/79-01/", reporting: true },
      ],
      tokens: [
        { token: "lo-national", role: "national", unit: "VN" },
        { token: "lo-52-01", role: "clerk", unit: "52-01" },
        { token: "lo-52-02", role: "clerk", unit: "52-02" },
        { token: "lo-79-01", role: "clerk", unit: "79-01" },
      ],
      targets: [{ year: 2026, unit: "VN", indicator: "rate_viec", pct: 70 }],
    });
    const send = async (token: string, unit: string, values: Record<string, number>) => {
      const res = await call(token, "/api/v1/submissions", { method: "POST", body: { id: randomUUID(), unit, form: "01", period: "2025-10", values } });
      expect(res.status, await res.clone().text()).toBe(201);
    };
    // Gia Lai (85 + 100) ÷ (95 + 200) = 62,71%; TP HCM 40 ÷ 50 = 80%; national 225 ÷ 345 = 65,22%
    await send("lo-52-01", "52-01", form({ carried: 100, done: 80, terminated: 5, open: 10 }));
    await send("lo-52-02", "52-02", form({ carried: 200, done: 100, open: 100 }));
    await send("lo-79-01", "79-01", form({ carried: 50, done: 40, open: 10 }));

    const dir = mkdtempSync(join(tmpdir(), "thads-downloaded-"));
    const res = await call("lo-national", "/api/v1/comparisons?parent=VN&form=01&period=2025-10", { accept: XLSX });
    expect(res.headers.get("Content-Type")).toBe(XLSX);
    const file = join(dir, "so-sanh-VN.xlsx");
    writeFileSync(file, new Uint8Array(await res.arrayBuffer()));
    const csv = convert([file], CSV_ALL_SHEETS_AS_SHOWN, { locale: "vi-VN" });
    for (const f of csv.files) shown[f.replace(/\.csv$/, "")] = parseCsv(readFileSync(join(csv.outDir, f), "utf8"));
  });

  afterAll(async () => {
    await worker?.dispose();
  });

  const row = (code: string) => {
    const rows = shown["so-sanh-VN-So sánh VN 01 2025-10"];
    if (!rows) throw new Error(`sheets: ${Object.keys(shown).join(", ")}`);
    const r = rows.find((x) => x[1] === code);
    if (!r) throw new Error(`no row ${code}`);
    return r;
  };

  it("shows each province's done, enforceable and recomputed rate as the submissions imply", () => {
    expect(row("52").slice(3, 9)).toEqual(["185", "295", "62,71%", "70,00%", "-7,29", ""]);
    expect(row("79").slice(3, 6)).toEqual(["40", "50", "80,00%"]);
    expect(row("VN").slice(2, 6)).toEqual(["Toàn quốc", "225", "345", "65,22%"]);
  });

  it("carries the sorted chart data beside the table: best province first", () => {
    const rows = shown["so-sanh-VN-So sánh VN 01 2025-10"]!;
    // the helper block starts under its own header, right of the table
    const col = rows[5]!.indexOf("Đơn vị (xếp theo tỷ lệ)");
    expect(col).toBeGreaterThan(rows[5]!.indexOf("Ghi chú"));
    expect(rows.slice(6, 8).map((r) => r.slice(col, col + 2))).toEqual([
      ["Hồ Chí Minh", "80,00%"],
      ["Gia Lai", "62,71%"],
    ]);
  });
});
