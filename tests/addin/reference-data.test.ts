import { describe, expect, it } from "vitest";
import type { UnitDto } from "../../shared/api/schemas";
import { BUILT_IN_FORMS } from "../../shared/forms";
import type { ApiClient, FormsResponse, ReadOutcome, UnitsResponse } from "../../addin/src/core/api";
import { ReferenceData } from "../../addin/src/core/reference-data";
import { memoryStore } from "../../addin/src/core/storage";

const unit = (code: string, level: UnitDto["level"], reporting: boolean): UnitDto => ({
  code, name: "Đơn vị " + code, kind: level === "office" ? "regional_office" : level === "province" ? "province" : "national", level,
  parentCode: null, path: "/" + code + "/", reporting, validFrom: "2019-10-01", validTo: null, successorCode: null,
});

function server(units: UnitsResponse | null) {
  const asked: string[] = [];
  const api = {
    units: (): Promise<ReadOutcome<UnitsResponse>> => {
      asked.push("units");
      return Promise.resolve(units ? { ok: true, data: units } : { ok: false, transient: true, status: 0, message: { vi: "", en: "" } });
    },
    forms: (): Promise<ReadOutcome<FormsResponse>> => {
      asked.push("forms");
      return Promise.resolve({ ok: true, data: { period: null, forms: BUILT_IN_FORMS.slice(0, 1) } });
    },
  } as ApiClient;
  return { api, asked };
}

describe("reference data (units and forms)", () => {
  it("asks once for each and keeps one cached copy, which a pane opened offline starts from", async () => {
    const store = memoryStore();
    const s = server({ units: [unit("52", "province", false), unit("52-01", "office", true)], ancestors: [unit("VN", "national", false)] });
    const ref = new ReferenceData(store);
    expect(ref.units).toEqual([]);
    expect(ref.forms.length).toBe(BUILT_IN_FORMS.length);
    await ref.refresh(s.api);
    expect(s.asked).toEqual(["units", "forms"]);
    expect(store.keys().filter((k) => k.indexOf("thads.units") === 0)).toEqual(["thads.units"]);
    const reopened = new ReferenceData(store);
    expect(reopened.reportingUnits().map((u) => u.code)).toEqual(["52-01"]);
    expect(reopened.unitByCode("VN")?.level).toBe("national");
    expect(reopened.forms).toHaveLength(1);
    expect(reopened.canCompare()).toBe(true);
  });

  it("keeps what it had when the server cannot be reached", async () => {
    const store = memoryStore();
    await new ReferenceData(store).refresh(server({ units: [unit("52-01", "office", true)], ancestors: [] }).api);
    const ref = new ReferenceData(store);
    const r = await ref.refresh(server(null).api);
    expect(r.units.ok).toBe(false);
    expect(ref.reportingUnits().map((u) => u.code)).toEqual(["52-01"]);
    expect(ref.canCompare()).toBe(false);
  });

  it("gives a sheet the version of its regime in force for its period, not the regime's first", () => {
    const ref = new ReferenceData(memoryStore());
    // TT 05/2024 has two versions of form 01: from 26/7/2024, and from 1/7/2025 (no ủy thác inside a province).
    const versions = BUILT_IN_FORMS.filter((f) => f.id === "01" && f.regime === "TT05_2024").map((f) => f.validFrom);
    expect(versions).toEqual(["2024-07-26", "2025-07-01"]);
    expect(ref.formOf({ formId: "01", regime: "TT05_2024", period: "2025-09" })?.validFrom).toBe("2025-07-01");
    expect(ref.formOf({ formId: "01", regime: "TT05_2024", period: "2025-03" })?.validFrom).toBe("2024-07-26");
    // A sheet of a regime no longer in force for the period it names keeps its regime: its latest version.
    expect(ref.formOf({ formId: "01", regime: "TT05_2024", period: "2026-09" })?.validFrom).toBe("2025-07-01");
  });
});
