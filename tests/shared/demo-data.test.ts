import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import {
  buildDemoDataset,
  DATA_TABLES,
  DEMO_COLLECTION_PERIODS,
  DEMO_FORMS,
  DEMO_OPEN_PERIOD,
  demoSqlStatements,
  renderDemoSql,
  type DemoDataset,
  type DemoSubmission,
} from "../../scripts/demo-data";
import { BUILT_IN_FORMS } from "../../shared/forms/definitions";
import { formInForce } from "../../shared/forms/registry";
import { buildComparison } from "../../shared/reports/comparison/build";
import { valuesKey, type ReportMark } from "../../shared/reports/comparison/data";
import type { TargetRecord } from "../../shared/rollup/targets";
import type { Comparison } from "../../shared/api/schemas";
import { formatPercent } from "../../shared/format";
import { validateForm } from "../../shared/validate";
import { validateSubmission } from "../../shared/forms/collection-rows";
import { DEMO_COLLECTIONS } from "../../shared/demo/collections";
import { loadFormDefinition } from "../../shared/forms/loader";
import { periodEndOf } from "../../shared/forms/collection-period";
import { deadlineInstantUtc, finalPeriodOfPreviousYear, periodEnd, previousMonthInYear, vietnamDateOf } from "../../shared/periods";

// Building and checking ~78 000 forms (every built-in form) takes tens of seconds; on a loaded
// 2-core CI machine it needs far more than vitest's default 5 s. Not a performance check (see
// docs/benchmarks.md).
const HEAVY = { timeout: 300_000 };

let d: DemoDataset;
beforeAll(() => {
  d = buildDemoDataset();
}, HEAVY.timeout);

const key = (unit: string, form: string, period: string) => `${unit}|${form}|${period}`;
const sha256 = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");

function expectedPeriods(): string[] {
  const out: string[] = [];
  for (let y = 2024, m = 10; y * 12 + m <= 2026 * 12 + 10; m === 12 ? ((y += 1), (m = 1)) : (m += 1)) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
  }
  return out;
}

describe("demo dataset", HEAVY, () => {
  it("has the 34 provinces and 389 reporting offices, valid from 1 October 2024", () => {
    expect(d.units.filter((u) => u.kind === "province")).toHaveLength(34);
    expect(d.units.filter((u) => u.reporting)).toHaveLength(389);
    expect(d.units.filter((u) => u.kind === "province_office")).toHaveLength(34);
    expect(new Set(d.units.map((u) => u.validFrom))).toEqual(new Set(["2024-10-01"]));
  });

  it("has every built-in form of every office for each of the 25 periods 2024-10 … 2026-10, minus the offices missing in 2026-10", () => {
    const forms = [...new Set(BUILT_IN_FORMS.map((f) => f.id))].sort();
    expect(forms).toEqual(["01", "02", "03", "04", "05", "06", "08", "12"]);
    const periods = expectedPeriods();
    expect(periods).toHaveLength(25);
    expect(d.periods).toEqual(periods);
    const offices = d.units.filter((u) => u.reporting).map((u) => u.code);
    expect(d.submissions).toHaveLength(offices.length * forms.length * 25 - forms.length * d.missing.length);
    const have = new Set(d.submissions.map((s) => key(s.unitCode, s.formId, s.period)));
    expect(have.size).toBe(d.submissions.length);
    for (const unit of offices) {
      for (const period of periods) {
        const absent = period === DEMO_OPEN_PERIOD && d.missing.includes(unit);
        for (const form of forms) expect(have.has(key(unit, form, period)), key(unit, form, period)).toBe(!absent);
      }
    }
  });

  it("stores each form as the Worker would: revision 1, the regime in force, values in field order, a unique id", () => {
    const ids = new Set(d.submissions.map((s) => s.id));
    expect(ids.size).toBe(d.submissions.length);
    for (const s of d.submissions) {
      const form = formInForce(BUILT_IN_FORMS, s.formId, periodEnd(s.period));
      expect(s.revision).toBe(1);
      expect(s.regime).toBe(form?.regime);
      expect(Object.keys(s.values)).toEqual(form?.fields.map((f) => f.key));
      expect(s.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      // the province's own office (pp-00) has the province's deadline, the regional offices their own
      expect(s.deadlineAt).toBe(deadlineInstantUtc(s.period, s.unitCode.endsWith("-00") ? "province" : "office"));
    }
    // The two regimes of the demo years: TT 05/2024 until June 2026, TT 05/2026 from July.
    expect(d.submissions.find((s) => s.period === "2026-06")?.regime).toBe("TT05_2024");
    expect(d.submissions.find((s) => s.period === "2026-07")?.regime).toBe("TT05_2026");
  });

  it("passes validateForm for every form with its history (previous month, last year's 12-month report), without warnings", () => {
    const byKey = new Map(d.submissions.map((s) => [key(s.unitCode, s.formId, s.period), s]));
    const failures: string[] = [];
    let withLastYear = 0;
    for (const s of d.submissions) {
      const form = formInForce(BUILT_IN_FORMS, s.formId, periodEnd(s.period));
      if (!form) throw new Error(`no form for ${s.period}`);
      const pm = previousMonthInYear(s.period);
      const prevMonth = pm ? (byKey.get(key(s.unitCode, s.formId, pm))?.values ?? null) : null;
      const prevYearFinal = byKey.get(key(s.unitCode, s.formId, finalPeriodOfPreviousYear(s.period)))?.values ?? null;
      if (prevYearFinal) withLastYear++;
      const r = validateForm(form, s.values, { prevMonth, prevYearFinal }, s.rows);
      if (r.findings.length > 0) failures.push(`${key(s.unitCode, s.formId, s.period)}: ${r.findings.map((f) => f.ruleId ?? f.code).join(", ")}`);
    }
    expect(failures.slice(0, 10)).toEqual([]);
    // Years 2026 and 2027 are checked against last year's September report.
    expect(withLastYear).toBe(d.submissions.filter((s) => s.period >= "2025-10").length);
  });

  it("keeps roll-ups equal to the exact sums of the offices below each province and the nation", () => {
    const pathOf = new Map(d.units.map((u) => [u.code, u.path]));
    const nodes = d.units.filter((u) => !u.reporting);
    expect(nodes).toHaveLength(35);
    const byNode = new Map(d.aggregates.map((a) => [key(a.nodeCode, a.formId, a.period), a]));
    expect(byNode.size).toBe(35 * DEMO_FORMS.length * 25);
    const groups = new Map<string, DemoSubmission[]>();
    for (const s of d.submissions) {
      const list = groups.get(`${s.formId}|${s.period}`) ?? [];
      list.push(s);
      groups.set(`${s.formId}|${s.period}`, list);
    }
    for (const [fp, list] of groups) {
      const [form, period] = fp.split("|") as [string, string];
      for (const node of nodes) {
        const under = list.filter((s) => (pathOf.get(s.unitCode) as string).startsWith(node.path));
        const agg = byNode.get(key(node.code, form, period));
        expect(agg, key(node.code, form, period)).toBeDefined();
        // BigInt: an independent exact sum, not the sumValues under test.
        const sums: Record<string, bigint> = {};
        for (const s of under) for (const [f, v] of Object.entries(s.values)) sums[f] = (sums[f] ?? 0n) + BigInt(v);
        expect(Object.fromEntries(Object.entries(agg?.values ?? {}).map(([f, v]) => [f, BigInt(v)]))).toEqual(sums);
        expect(agg?.contributors).toBe(under.length);
        expect(agg?.updatedAt).toBe(under.map((s) => s.submittedAt).sort().pop());
      }
    }
    const vn = byNode.get(key("VN", "02", "2026-09"));
    // National money totals are large but far inside the exact range of doubles.
    expect(Number.isSafeInteger(vn?.values.phai_thi_hanh)).toBe(true);
    expect(vn?.contributors).toBe(389);
    expect(byNode.get(key("VN", "01", DEMO_OPEN_PERIOD))?.contributors).toBe(389 - d.missing.length);
  });

  it("carries the collections an administrator published: every office's snapshot and list of cases, valid, on time, rolled up exactly", () => {
    expect(d.collections.definitions.map((f) => f.id)).toEqual(["TON-DONG", "VIEC-LON"]);
    // Stored as published: each passes the definition checks (what PUT /api/v1/admin/forms runs).
    for (const f of d.collections.definitions) expect(loadFormDefinition(JSON.stringify(f)).ok, f.id).toBe(true);
    const offices = d.units.filter((u) => u.reporting);
    const subs = d.collections.submissions;
    expect(subs).toHaveLength(DEMO_COLLECTIONS.length * (offices.length * DEMO_COLLECTION_PERIODS.length - d.missing.length));
    let cases = 0;
    for (const s of subs) {
      const form = DEMO_COLLECTIONS.find((f) => f.id === s.formId);
      if (!form) throw new Error("unknown collection " + s.formId);
      const checked = validateSubmission(form, s.values, s.rows, {}, periodEndOf(s.period));
      expect(checked.findings, `${s.unitCode}/${s.formId}/${s.period}`).toEqual([]);
      // The list's figures are the ones computed from its rows, the snapshot's total its parts.
      expect(checked.values).toEqual(s.values);
      expect(s.late).toBe(false);
      cases += s.rows ? s.rows.length : 0;
    }
    expect(cases).toBeGreaterThan(500);
    const nodes = d.units.filter((u) => !u.reporting);
    expect(d.collections.aggregates).toHaveLength(nodes.length * DEMO_COLLECTIONS.length * DEMO_COLLECTION_PERIODS.length);
    const vn = d.collections.aggregates.find((a) => a.nodeCode === "VN" && a.formId === "VIEC-LON" && a.period === "2026-09");
    const sum = subs.filter((s) => s.formId === "VIEC-LON" && s.period === "2026-09").reduce((t, s) => t + (s.values.so_viec as number), 0);
    expect(vn?.values.so_viec).toBe(sum);
    expect(vn?.contributors).toBe(offices.length);
    const sql = demoSqlStatements(d).join("\n");
    expect(sql).toContain("INSERT INTO form_definitions");
  });

  it("gives every role a distinct demo token, stored as its SHA-256 hex digest", () => {
    const tokens = d.tokens.map((t) => t.token);
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(new Set(d.tokens.map((t) => t.hash)).size).toBe(tokens.length);
    expect(new Set(d.tokens.map((t) => t.id)).size).toBe(tokens.length);
    // A clerk and a head (who confirms the clerk's reports) per reporting office.
    expect(tokens.length).toBe(2 + 34 + 389 * 2);
    for (const t of d.tokens) expect(t.hash).toBe(sha256(t.token));
    const find = (token: string) => d.tokens.find((t) => t.token === token);
    expect(find("demo-admin")).toMatchObject({ role: "admin", unitCode: "VN" });
    expect(find("demo-national")).toMatchObject({ role: "national", unitCode: "VN" });
    expect(find("demo-province-52")).toMatchObject({ role: "province", unitCode: "52" });
    expect(find("demo-unit-52-01")).toMatchObject({ role: "clerk", unitCode: "52-01" });
    expect(find("demo-unit-52-00")).toMatchObject({ role: "clerk", unitCode: "52-00" });
    expect(find("demo-head-52-01")).toMatchObject({ role: "head", unitCode: "52-01" });
    // Each form is submitted by its own office's demo token.
    const idOf = new Map(d.tokens.map((t) => [t.token, t.id]));
    for (const s of d.submissions.slice(0, 500)) expect(s.submittedBy).toBe(idOf.get(`demo-unit-${s.unitCode}`));
  });

  it("has a handful of offices late in several periods, about ten missing in 2026-10 and a few late there", () => {
    for (const s of d.submissions) {
      expect(s.late, s.id).toBe(s.submittedAt > s.deadlineAt);
      // Never before the period has ended (Vietnam time), never after today (26/11/2026).
      expect(vietnamDateOf(s.submittedAt) >= periodEnd(s.period)).toBe(true);
      expect(s.submittedAt < "2026-11-26").toBe(true);
    }
    const late = d.submissions.filter((s) => s.late);
    const lateUnits = new Set(late.map((s) => s.unitCode));
    expect(lateUnits.size).toBeGreaterThanOrEqual(3);
    expect(lateUnits.size).toBeLessThanOrEqual(15);
    const periodsLateByUnit = new Map<string, Set<string>>();
    for (const s of late) periodsLateByUnit.set(s.unitCode, (periodsLateByUnit.get(s.unitCode) ?? new Set()).add(s.period));
    expect([...periodsLateByUnit.values()].filter((p) => p.size >= 3).length).toBeGreaterThanOrEqual(3);
    expect(new Set(late.map((s) => s.period)).size).toBeGreaterThanOrEqual(10);

    expect(d.missing.length).toBeGreaterThanOrEqual(8);
    expect(d.missing.length).toBeLessThanOrEqual(12);
    const lateInOpen = new Set(late.filter((s) => s.period === DEMO_OPEN_PERIOD).map((s) => s.unitCode));
    expect(lateInOpen.size).toBeGreaterThanOrEqual(2);
    expect(lateInOpen.size).toBeLessThanOrEqual(10);
    // Most reports arrive on time.
    expect(late.length / d.submissions.length).toBeLessThan(0.02);
  });

  it("sets national targets as published, provincial ones within one point, and 2027 as provisional", () => {
    const t = (year: number, unit: string, ind: string) => d.targets.find((x) => x.year === year && x.unitCode === unit && x.indicator === ind);
    expect(t(2025, "VN", "rate_viec")).toMatchObject({ targetPct: 83.9, provisional: false });
    expect(t(2025, "VN", "rate_tien")).toMatchObject({ targetPct: 51.9, provisional: false });
    expect(t(2026, "VN", "rate_viec")).toMatchObject({ targetPct: 84.7, provisional: false });
    expect(t(2026, "VN", "rate_tien")).toMatchObject({ targetPct: 56.8, provisional: false });
    expect(t(2027, "VN", "rate_viec")).toMatchObject({ targetPct: 84.7, provisional: true });
    expect(t(2027, "VN", "rate_tien")).toMatchObject({ targetPct: 56.8, provisional: true });
    for (const p of d.units.filter((u) => u.kind === "province")) {
      for (const year of [2025, 2026, 2027]) {
        for (const ind of ["rate_viec", "rate_tien"]) {
          const own = t(year, p.code, ind);
          const vn = t(year, "VN", ind);
          expect(Math.abs((own?.targetPct ?? 0) - (vn?.targetPct ?? 0))).toBeLessThanOrEqual(1.0000001);
          expect(own?.provisional).toBe(year === 2027);
          expect(Math.round((own?.targetPct ?? 0) * 100) / 100).toBe(own?.targetPct);
        }
      }
    }
    // Complaints resolved ≥ 95% and administrative judgments tracked 100%, the same for every province.
    for (const code of ["VN", ...d.units.filter((u) => u.kind === "province").map((u) => u.code)]) {
      for (const year of [2025, 2026, 2027]) {
        expect([t(year, code, "rate_giai_quyet_kntc")?.targetPct, t(year, code, "rate_theo_doi_thahc")?.targetPct]).toEqual([95, 100]);
      }
    }
    const offices = new Set(d.targets.filter((x) => d.units.find((u) => u.code === x.unitCode)?.reporting).map((x) => x.unitCode));
    expect(offices.size).toBeGreaterThanOrEqual(2);
    expect(offices.size).toBeLessThanOrEqual(10);
  });
});

describe("demo dataset calibrated to the published 2025 figures (October 2025 version)", HEAVY, () => {
  /** The national comparison of 2025-09 built by the real builder from the demo's stored figures, as the Worker serves it. */
  function comparison2025(formId: string) {
    const values = new Map<string, Record<string, number>>();
    const reports = new Map<string, ReportMark>();
    for (const a of d.aggregates) values.set(valuesKey(a.nodeCode, a.formId, a.period), a.values);
    for (const s of d.submissions) {
      values.set(valuesKey(s.unitCode, s.formId, s.period), s.values);
      reports.set(valuesKey(s.unitCode, s.formId, s.period), { firstSubmittedAt: s.submittedAt, revision: s.revision });
    }
    const targets: TargetRecord[] = d.targets
      .filter((t) => t.year === 2025)
      .map((t) => ({ unit: t.unitCode, indicator: t.indicator, targetPct: t.targetPct, provisional: t.provisional, comparison: "gte", decisionRef: null }));
    const parent = d.units.find((u) => u.code === "VN")!;
    return buildComparison({ parent, units: d.units, formId, period: "2025-09", definitions: BUILT_IN_FORMS, values, reports, targets, generatedAt: "2026-11-26T03:00:00.000Z" });
  }
  const cell = (c: Comparison, unit: string, ind: string) => c.rows.find((r) => r.unit === unit)!.indicators[ind]!;

  it("states the national 577.876 ÷ 685.898 = 84,25% in cases and 56,13% in money at the published scale", () => {
    const c = comparison2025("01");
    const total = c.rows.find((r) => r.isTotal)!;
    expect(total.indicators.rate_viec).toMatchObject({ numerator: 577_876, denominator: 685_898, printed: 84.25, target: 83.9 });
    // About 150.000 tỷ of 267.000 tỷ đồng, in nghìn đồng.
    expect(total.indicators.rate_tien).toMatchObject({ numerator: 149_867_100_000, denominator: 267_000_000_000, printed: 56.13, target: 51.9 });
    expect(formatPercent(total.indicators.rate_viec!.printed!)).toBe("84,25%");
  });

  it("states Lai Châu 90,58% / 58,91% against 84,10% / 52,10% (vượt 6,48 and 6,81 points) and Phú Thọ 85,70% / 62,10% against 84,05% / 52,03%", () => {
    const c = comparison2025("01");
    expect(cell(c, "12", "rate_viec")).toMatchObject({ printed: 90.58, target: 84.1, gap: 6.48, met: true });
    expect(cell(c, "12", "rate_tien")).toMatchObject({ printed: 58.91, target: 52.1, gap: 6.81, met: true });
    expect(cell(c, "25", "rate_viec")).toMatchObject({ printed: 85.7, target: 84.05, met: true });
    expect(cell(c, "25", "rate_tien")).toMatchObject({ printed: 62.1, target: 52.03, met: true });
  });

  it("spreads the other provinces around them: some below target, some below the national average", () => {
    const c = comparison2025("01");
    const provinces = c.rows.filter((r) => !r.isTotal);
    const below = (ind: string) => provinces.filter((r) => r.indicators[ind]!.met === false).length;
    expect(below("rate_viec")).toBeGreaterThan(2);
    expect(below("rate_tien")).toBeGreaterThan(2);
    expect(provinces.filter((r) => r.indicators.rate_viec!.worseThanAverage).length).toBeGreaterThan(5);
    // Some meet one of the two completion targets only ("01/02 chỉ tiêu").
    const oneOfTwo = provinces.filter((r) => (r.indicators.rate_viec!.met ? 1 : 0) + (r.indicators.rate_tien!.met ? 1 : 0) === 1);
    expect(oneOfTwo.length).toBeGreaterThan(0);
  });
});

describe("demo SQL", HEAVY, () => {
  it("empties every table the migrations create (except d1_migrations) before inserting", () => {
    // The tables after every migration: created, dropped and renamed in file order.
    const dir = new URL("../../worker/migrations/", import.meta.url);
    const migrations = readdirSync(dir).filter((f) => f.endsWith(".sql")).sort().map((f) => readFileSync(new URL(f, dir), "utf8")).join("\n");
    const tables = new Set<string>();
    for (const m of migrations.matchAll(/(CREATE TABLE (\w+))|(DROP TABLE (\w+))|(ALTER TABLE (\w+) RENAME TO (\w+))/g)) {
      if (m[2]) tables.add(m[2]);
      else if (m[4]) tables.delete(m[4]);
      else if (m[6] && m[7]) {
        tables.delete(m[6]);
        tables.add(m[7]);
      }
    }
    const created = [...tables];
    expect([...DATA_TABLES].sort()).toEqual([...created].sort());
    const statements = demoSqlStatements(d);
    const firstInsert = statements.findIndex((s) => s.startsWith("INSERT"));
    for (const t of DATA_TABLES) {
      const i = statements.indexOf(`DELETE FROM ${t};`);
      expect(i, t).toBeGreaterThanOrEqual(0);
      expect(i).toBeLessThan(firstInsert);
    }
  });

  it("keeps every statement under 100 KB and 500 rows", () => {
    for (const s of demoSqlStatements(d)) {
      expect(Buffer.byteLength(s, "utf8")).toBeLessThan(100_000);
      expect(s.split("\n(").length - 1).toBeLessThanOrEqual(500);
    }
  });

  it("is byte-identical when generated again", () => {
    expect(renderDemoSql(buildDemoDataset())).toBe(renderDemoSql(d));
  });
});

describe("the benchmark's backdated history (npm run bench, ten statistical years)", HEAVY, () => {
  // Its first years use each form's first layout, backdated: form 01 before 26/7/2024 has no
  // "hoãn, tạm đình chỉ, khác" to break down by officer, so forms 04/05 are not sent then.
  it("builds the first months of 2017 with every form that has something to report then", () => {
    const old = buildDemoDataset({ years: [{ statYear: 2017, months: 2 }], validFrom: "2016-10-01", backdate: true });
    const forms = new Set(old.submissions.map((s) => s.formId));
    expect([...forms].sort()).toEqual(DEMO_FORMS.filter((f) => f !== "04" && f !== "05").slice().sort());
    expect(old.submissions.filter((s) => s.formId === "01").length).toBe(389 * 2);
    const first = old.submissions.find((s) => s.formId === "01" && s.period === "2016-11") as DemoSubmission;
    expect(first.values.hoan_tam_dinh_chi).toBeUndefined();
  });
});
