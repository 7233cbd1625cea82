import { describe, expect, it } from "vitest";
import type { UnitDto } from "../../shared/api/schemas";
import { createApiClient, reportPaths } from "../../addin/src/core/api";
import { canCompare, parentOptions, rootUnit } from "../../addin/src/core/compare-choice";
import { filenameOf } from "../../addin/src/core/download";
import type { HttpRequest } from "../../addin/src/core/http";

function unit(code: string, level: UnitDto["level"], parent: string | null, path: string, name = code): UnitDto {
  const kind = level === "national" ? "national" : level === "province" ? "province" : "regional_office";
  return { code, name, kind, level, parentCode: parent, path, reporting: level === "office", validFrom: "2019-10-01", validTo: null, successorCode: null };
}

const VN = unit("VN", "national", null, "/VN/", "Cục Quản lý thi hành án dân sự");
const GL = unit("52", "province", "VN", "/VN/52/", "THADS tỉnh Gia Lai");
const HN = unit("01", "province", "VN", "/VN/01/", "THADS thành phố Hà Nội");
const O1 = unit("52-01", "office", "52", "/VN/52/52-01/");

describe("who gets the comparison tab", () => {
  it("national and province staff do, a clerk does not", () => {
    expect(canCompare([VN, GL, HN, O1])).toBe(true);
    expect(canCompare([GL, O1])).toBe(true);
    expect(canCompare([O1])).toBe(false);
    expect(canCompare([])).toBe(false);
    expect(rootUnit([O1, GL])).toBe(GL);
  });

  it("national staff pick the country or any province, in code order", () => {
    expect(parentOptions([VN, GL, O1, HN], [])).toEqual([
      { code: "VN", label: "Toàn quốc (các tỉnh, thành phố)" },
      { code: "01", label: "THADS thành phố Hà Nội (các đơn vị)" },
      { code: "52", label: "THADS tỉnh Gia Lai (các đơn vị)" },
    ]);
  });

  it("province staff get their province first, and the country for the Worker to allow or refuse", () => {
    expect(parentOptions([GL, O1], [VN])).toEqual([
      { code: "52", label: "THADS tỉnh Gia Lai (các đơn vị)" },
      { code: "VN", label: "Toàn quốc (các tỉnh, thành phố)" },
    ]);
    expect(parentOptions([O1], [VN, GL])).toEqual([]);
  });
});

describe("reading reports from the Worker", () => {
  it("asks for JSON with the token, on the routes that also answer .xlsx", async () => {
    const seen: HttpRequest[] = [];
    const api = createApiClient((req) => {
      seen.push(req);
      return Promise.resolve({ status: 403, body: { error: { code: "forbidden", message: { vi: "Không có quyền", en: "No" } } }, retryAfterSeconds: null });
    }, () => ({ base: "https://x.vn", token: "t" }));
    const r = await api.comparison("VN", "01", "2026-09");
    expect(r).toEqual({ ok: false, transient: false, status: 403, message: { vi: "Không có quyền", en: "No" } });
    await api.completeness("52", "2026-10");
    expect(seen.map((s) => s.url)).toEqual([
      "https://x.vn/api/v1/comparisons?parent=VN&form=01&period=2026-09",
      "https://x.vn/api/v1/completeness?parent=52&period=2026-10",
    ]);
    expect(seen[0]!.headers).toMatchObject({ Accept: "application/json", Authorization: "Bearer t" });
    expect(reportPaths.rollup("52", "02", "2026-09")).toBe("/api/v1/rollups?unit=52&form=02&period=2026-09");
  });

  it("names the downloaded file as the Worker does", () => {
    expect(filenameOf('attachment; filename="so-sanh-VN-01-2026-09.xlsx"', "x.xlsx")).toBe("so-sanh-VN-01-2026-09.xlsx");
    expect(filenameOf(null, "so-sanh.xlsx")).toBe("so-sanh.xlsx");
  });
});
