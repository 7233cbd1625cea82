import { beforeAll, describe, expect, it } from "vitest";
import { comparisonSchema, rollupSchema } from "../../shared/api/schemas";
import { BUILT_IN_FORMS, formInForce } from "../../shared/forms";
import type { FormDefinition, SubmittedRow } from "../../shared/forms/types";
import { demoUnitMonths } from "../../shared/demo/generate";
import { printedRate } from "../../shared/rollup";
import { api, json, seedTokens, seedUnits, setNow, tableCounts } from "./fixtures";

/**
 * Forms 03, 04, 05, 06, 08 and 12 were added as data only (shared/forms/monthly/): with no code naming
 * them, each is served by /api/v1/forms, accepts the demo generator's figures through the
 * submission route (the Worker re-validates them with the form's own rules), refuses a
 * broken identity, rolls up into the province and the nation as exact sums, and appears in the
 * national comparison (JSON, CSV and .xlsx) with every indicator it defines.
 */

const NEW_FORMS = ["03", "04", "05", "06", "08", "12"];
/** Forms whose rows are Chấp hành viên (RowShape "officer"): their reports carry the officers' rows. */
const OFFICER_FORMS = ["04", "05"];
const PERIODS = ["2025-10", "2025-11"];
const OFFICES = ["52-01", "52-02", "79-01"];

const definition = (id: string): FormDefinition => {
  const f = formInForce(BUILT_IN_FORMS, id, "2025-11-30");
  if (!f) throw new Error("no form " + id);
  return f;
};

/** Each office's generated figures, every form, October and November of statistical year 2026. */
const figures = new Map(
  OFFICES.map((unit, i) => [
    unit,
    demoUnitMonths(BUILT_IN_FORMS, { code: unit, seed: 1000 + i * 7919, size: 120 + i * 40, amountPerCase: 90_000, weak: i === 2 }, [{ statYear: 2026, months: 2 }]),
  ]),
);
const valuesOf = (unit: string, form: string, period: string): Record<string, number> => {
  const m = figures.get(unit)?.find((x) => x.period === period)?.forms[form];
  if (!m) throw new Error(`no figures for ${unit} ${form} ${period}`);
  return m;
};
const rowsOf = (unit: string, form: string, period: string): SubmittedRow[] | undefined =>
  figures.get(unit)?.find((x) => x.period === period)?.rows[form];

async function send(unit: string, form: string, period: string, values: Record<string, number>, rows = rowsOf(unit, form, period)) {
  const body = { id: crypto.randomUUID(), unit, form, period, values, ...(rows ? { rows } : {}) };
  return api("POST", "/api/v1/submissions", { token: `demo-unit-${unit}`, body });
}

beforeAll(async () => {
  await seedUnits();
  await seedTokens();
  setNow("2025-12-20T03:00:00Z");
  for (const period of PERIODS) {
    for (const unit of OFFICES) {
      for (const form of NEW_FORMS) {
        const res = await send(unit, form, period, valuesOf(unit, form, period));
        expect(res.status, `${unit} ${form} ${period}: ${await res.clone().text()}`).toBe(201);
      }
    }
  }
});

describe.each(NEW_FORMS)("form %s, added as data", (formId) => {
  const def = definition(formId);

  it("is served by /api/v1/forms for the period", async () => {
    const res = await api("GET", "/api/v1/forms?period=2025-11", { token: "demo-unit-52-01" });
    expect(res.status).toBe(200);
    const forms = (await json(res)).forms as FormDefinition[];
    expect(forms.find((f) => f.id === formId)).toEqual(def);
  });

  it("refuses a report whose identity does not hold, naming the form's own rule, and stores nothing", async () => {
    const values = { ...valuesOf("52-01", formId, "2025-11") };
    const derived = def.fields.find((f) => f.kind === "derived");
    if (!derived) throw new Error("form " + formId + " has no derived field");
    values[derived.key] = (values[derived.key] as number) + 1;
    const before = await tableCounts();
    const res = await send("52-01", formId, "2025-11", values);
    expect(res.status).toBe(422);
    const findings = (await json(res)).error.findings as { ruleId: string | null; severity: string }[];
    expect(findings.filter((f) => f.severity === "error").every((f) => (f.ruleId ?? "").startsWith(formId + "."))).toBe(true);
    expect(await tableCounts()).toEqual(before);
  });

  it("rolls up into the province and the nation as exact sums of the offices' figures", async () => {
    for (const [node, offices] of [["52", ["52-01", "52-02"]], ["VN", OFFICES]] as const) {
      const res = await api("GET", `/api/v1/rollups?unit=${node}&form=${formId}&period=2025-11`, { token: "demo-national" });
      expect(res.status).toBe(200);
      const r = rollupSchema.parse(await res.json());
      const expected: Record<string, number> = {};
      for (const f of def.fields) expected[f.key] = offices.reduce((t, u) => t + (valuesOf(u, formId, "2025-11")[f.key] as number), 0);
      expect(r.values).toEqual(expected);
      expect(r.contributors).toBe(offices.length);
      // Every indicator of the form, computed from the sums.
      expect(Object.keys(r.indicators)).toEqual(def.indicators.map((i) => i.id));
    }
  });

  it("is in the national comparison with every indicator it defines, in JSON, CSV and .xlsx", async () => {
    const res = await api("GET", `/api/v1/comparisons?parent=VN&form=${formId}&period=2025-11`, { token: "demo-national" });
    expect(res.status).toBe(200);
    const c = comparisonSchema.parse(await res.json());
    const ids = def.indicators.map((i) => i.id);
    // The compared form's indicators come first, its headline first.
    expect(c.indicators.slice(0, ids.length).map((i) => i.id)).toEqual(ids);
    const gialai = c.rows.find((r) => r.unit === "52");
    if (!gialai) throw new Error("no row 52");
    const head = def.indicators[0]!;
    const sum = (terms: string[]) => terms.reduce((t, k) => t + ["52-01", "52-02"].reduce((s, u) => s + (valuesOf(u, formId, "2025-11")[k] as number), 0), 0);
    const num = sum(head.numerator);
    const den = sum(head.denominator);
    expect(gialai.indicators[head.id]).toMatchObject({ numerator: num, denominator: den, printed: printedRate(den === 0 ? null : (num * 100) / den, head.decimals) });
    const csv = await api("GET", `/api/v1/comparisons?parent=VN&form=${formId}&period=2025-11`, { token: "demo-national", headers: { Accept: "text/csv" } });
    expect(csv.status).toBe(200);
    expect(await csv.text()).toContain(head.label.vi);
    const xlsx = await api("GET", `/api/v1/comparisons?parent=VN&form=${formId}&period=2025-11`, {
      token: "demo-national",
      headers: { Accept: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
    });
    expect(xlsx.status).toBe(200);
    expect(new Uint8Array(await xlsx.arrayBuffer()).subarray(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));
  });
});

describe.each(OFFICER_FORMS)("form %s, one row per Chấp hành viên", (formId) => {
  const def = definition(formId);
  const shape = def.rows;

  it("is a breakdown of the unit's input figures by officer", () => {
    expect(shape).toMatchObject({ kind: "officer", rowLabel: { vi: "Chấp hành viên" } });
    expect(shape?.kind === "officer" && shape.fields).toEqual(def.fields.filter((f) => f.kind === "input").map((f) => f.key));
  });

  it("stores the officers' rows with the revision, as sent", async () => {
    const res = await api("GET", `/api/v1/submissions?unit=52-02&form=${formId}&period=2025-11`, { token: "demo-unit-52-02" });
    expect(res.status).toBe(200);
    const history = await json(res);
    const rows = rowsOf("52-02", formId, "2025-11");
    expect(rows!.length).toBeGreaterThanOrEqual(2);
    expect(history.revisions[0].rows).toEqual(rows);
  });

  it("refuses a report without its rows, and one whose rows do not add up to the unit's figures, writing nothing", async () => {
    const values = valuesOf("52-01", formId, "2025-11");
    const before = await tableCounts();
    const without = await send("52-01", formId, "2025-11", values, []);
    expect(without.status).toBe(422);
    expect((await json(without)).error.findings.map((f: { code: string }) => f.code)).toEqual(["rows_missing"]);
    const rows = rowsOf("52-01", formId, "2025-11")!.map((r) => ({ ...r, values: { ...r.values } }));
    rows[0]!.values.thi_hanh_xong = (rows[0]!.values.thi_hanh_xong as number) + 3;
    const off = await send("52-01", formId, "2025-11", values, rows);
    expect(off.status).toBe(422);
    const findings = (await json(off)).error.findings as { code: string; fields: string[]; params: { difference: number }; message: { vi: string } }[];
    expect(findings.map((f) => [f.code, f.fields[0], f.params.difference])).toEqual([["rows_sum", "thi_hanh_xong", 3]]);
    expect(findings[0]!.message.vi).toMatch(/^Tổng “Thi hành xong” của các dòng \(.+\) phải bằng số của đơn vị/);
    expect(await tableCounts()).toEqual(before);
  });

  it("refuses officer rows on a form with one row per unit", async () => {
    const res = await send("52-01", "03", "2025-11", valuesOf("52-01", "03", "2025-11"), rowsOf("52-01", formId, "2025-11"));
    expect(res.status).toBe(422);
    expect((await json(res)).error.findings.map((f: { code: string }) => f.code)).toContain("rows_unexpected");
  });
});
