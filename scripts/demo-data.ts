/**
 * Demo data for the local D1: the demo organisation, demo tokens, two statistical years of
 * monthly forms 01 and 02 (plus the first month of the current year), the latest values and
 * roll-ups the Worker would have kept, and targets. The output is one SQL file that first
 * empties every data table, so loading it twice gives the same state.
 *
 *   npx tsx scripts/demo-data.ts --out .wrangler/demo-data.sql
 *
 * Everything is deterministic: the same code gives byte-identical SQL. See docs/demo-data.md.
 */
import { writeFileSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { generateDemoUnits } from "../shared/units/demo";
import type { Unit } from "../shared/units/types";
import { NATIONAL_CODE } from "../shared/units/types";
import { provinceCodeOf } from "../shared/units/path";
import { deadlineLevelOf } from "../shared/units/deadline-level";
import { BUILT_IN_FORMS } from "../shared/forms/definitions";
import { fieldKeys, formInForce } from "../shared/forms/registry";
import type { FormDefinition } from "../shared/forms/types";
import { generateDemoFigures, type DemoFigures, type DemoUnitProfile } from "../shared/demo/generate";
import { demoUnitProfile } from "../shared/demo/profiles";
import { calibrateTo, PUBLISHED_2025 } from "../shared/demo/calibrate";
import type { SubmittedRow } from "../shared/forms/types";
import { sumValues } from "../shared/rollup/sum";
import { DEMO_COLLECTIONS } from "../shared/demo/collections";
import { rowAggregates } from "../shared/forms/collection-rows";
import { deadlineOf, isLateFor, periodEndOf } from "../shared/forms/collection-period";
import { deriveValues } from "../shared/forms/derive";
import {
  addWorkingDays,
  DEFAULT_DEADLINE_RULES,
  TT06_2019_DEADLINE_RULE,
  type DeadlineRule,
  deadlineFor,
  deadlineInstantUtc,
  isLate,
  parseIsoDate,
  periodEnd,
  type PeriodKey,
} from "../shared/periods";
import { hash32, hashToken, sha256Hex, unitInterval, uuidFromName } from "./lib/hash";
import { canonicalContent } from "../shared/api/content";
import type { StoredSubmission } from "../worker/src/db/stored-submission";
import { insertStatements, type SqlValue } from "./lib/sql";

// ——— What the demo contains ———

/**
 * The regional offices really start on 2025-07-01 (REORGANISATION_DATE). The demo backdates
 * them to the start of statistical year 2025 so that two whole statistical years have data:
 * "cùng kỳ" comparisons and last year's carried-forward figures then work in year 2026.
 */
export const DEMO_VALID_FROM = "2024-10-01";

/** Statistical years 2025 and 2026 in full, and October 2026 (month 1 of year 2027). */
export const DEMO_YEARS: readonly { statYear: number; months: number }[] = [
  { statYear: 2025, months: 12 },
  { statYear: 2026, months: 12 },
  { statYear: 2027, months: 1 },
];

/** The current period of the demo (today is in late November 2026): some offices have not reported. */
export const DEMO_OPEN_PERIOD = "2026-10";
export const DEMO_MISSING_IN_OPEN_PERIOD = 10;
export const DEMO_EXTRA_LATE_IN_OPEN_PERIOD = 4;
/** Offices that are habitually late, each in 5 of the 25 periods. */
export const DEMO_HABITUALLY_LATE = 6;

/** Every built-in form, in form-id order: the demo has each of them for every office and period. */
export const DEMO_FORMS: readonly string[] = [...new Set(BUILT_IN_FORMS.map((f) => f.id))].sort();
export type DemoFormId = string;

/** Every table the migrations create except d1_migrations, children before parents (foreign keys). */
export const DATA_TABLES = [
  "auth_lockouts",
  // Empty outside a submission's write batch (migration 0005); emptied anyway, like every table.
  "period_open_guard",
  "audit_log",
  "period_locks",
  "form_definitions",
  "targets",
  "signoff_guard",
  "signoff_events",
  "revision_signoff",
  "node_signoff",
  "aggregate_meta",
  "aggregates",
  "latest_revisions",
  "latest_values",
  "submissions",
  "tokens",
  "units",
] as const;

const TOKENS_CREATED_AT = "2024-09-30T01:00:00.000Z";

export interface DemoToken {
  id: string;
  token: string;
  hash: string;
  role: "clerk" | "head" | "province" | "national" | "admin";
  unitCode: string;
  label: string;
  createdAt: string;
}

/** A revision exactly as the Worker stores it (worker/src/db/submissions.ts), values in the form's field order. */
export interface DemoSubmission extends StoredSubmission {
  formId: DemoFormId;
  values: Record<string, number>;
  /** One row per Chấp hành viên, for the forms whose rows are officers. */
  rows?: SubmittedRow[];
}

export interface DemoAggregate {
  nodeCode: string;
  formId: DemoFormId;
  period: PeriodKey;
  values: Record<string, number>;
  contributors: number;
  updatedAt: string;
}

export interface DemoTarget {
  year: number;
  unitCode: string;
  indicator: string;
  targetPct: number;
  provisional: boolean;
  setBy: string;
  setAt: string;
}

export interface DemoDataset {
  units: Unit[];
  tokens: DemoToken[];
  submissions: DemoSubmission[];
  aggregates: DemoAggregate[];
  /**
   * The collections an administrator published (shared/demo/collections.ts: a month-end
   * snapshot and a list of cases), with every office's reports for their periods and the
   * roll-ups of those: kept apart from the monthly forms' so that the forms' own checks and
   * counts stay as they were.
   */
  collections: { definitions: readonly FormDefinition[]; submissions: DemoSubmission[]; aggregates: DemoAggregate[] };
  targets: DemoTarget[];
  /** Offices with no report at all for DEMO_OPEN_PERIOD. */
  missing: string[];
  periods: PeriodKey[];
}

// ——— Units and tokens ———

export function demoUnits(validFrom: string = DEMO_VALID_FROM): Unit[] {
  return generateDemoUnits().map((u) => ({ ...u, validFrom }));
}

export function demoTokenId(token: string): string {
  return uuidFromName("token:" + token);
}

export function demoTokens(units: readonly Unit[]): DemoToken[] {
  const make = (token: string, role: DemoToken["role"], unitCode: string, label: string): DemoToken => ({
    id: demoTokenId(token),
    token,
    hash: hashToken(token),
    role,
    unitCode,
    label,
    createdAt: TOKENS_CREATED_AT,
  });
  const out: DemoToken[] = [
    make("demo-admin", "admin", NATIONAL_CODE, "Demo: quản trị hệ thống / system administrator"),
    make("demo-national", "national", NATIONAL_CODE, "Demo: Cục Quản lý THADS"),
  ];
  for (const u of units) {
    if (u.kind === "province") out.push(make(`demo-province-${u.code}`, "province", u.code, `Demo: ${u.name}`));
  }
  for (const u of units) {
    if (u.reporting) out.push(make(`demo-unit-${u.code}`, "clerk", u.code, `Demo: cán bộ thống kê ${u.name}`));
  }
  // The unit's head confirms its reports (issue 13): one per office, beside its clerk.
  for (const u of units) {
    if (u.reporting) out.push(make(`demo-head-${u.code}`, "head", u.code, `Demo: thủ trưởng ${u.name}`));
  }
  return out;
}

// ——— Submissions ———

/** The seed of an office's demo figures: hashed from its code, so it does not move when units are added. */
export function demoSeed(unitCode: string): number {
  // Park–Miller needs a state in [1, 2^31 − 2]; small neighbouring seeds would give
  // near-identical first draws, hence the hash.
  return (hash32("seed:" + unitCode) % 2147483646) + 1;
}

/**
 * The SHA-256 the Worker computes for a request (routes/submissions/handlers.ts hashContent):
 * canonical JSON of unit, form, period and the sorted values and explanations. Using the same
 * recipe means a client retrying a demo id with the same figures gets a replay, not a 409.
 */
export function contentHashOf(
  unit: string,
  form: string,
  period: string,
  values: Record<string, unknown>,
  explanations: Record<string, string>,
  rows?: readonly SubmittedRow[],
): string {
  return sha256Hex(canonicalContent(unit, form, period, values, explanations, rows));
}

/**
 * The built-in definitions the demo uses. `backdate` moves the start of each form's earliest
 * version back to 2000, so that periods before the first built-in definition use it (the
 * benchmark's ten years reach back to 2016, before any form this project defines); the demo
 * never needs it.
 */
let backdated: readonly FormDefinition[] | null = null;
function demoDefinitions(backdate: boolean): readonly FormDefinition[] {
  if (!backdate) return BUILT_IN_FORMS;
  if (backdated) return backdated;
  const earliest = new Map<string, FormDefinition>();
  for (const f of BUILT_IN_FORMS) {
    const known = earliest.get(f.id);
    if (!known || f.validFrom < known.validFrom) earliest.set(f.id, f);
  }
  backdated = BUILT_IN_FORMS.map((f) => (earliest.get(f.id) === f ? { ...f, validFrom: "2000-01-01" } : f));
  return backdated;
}

/** The definition of a form in force for a period, among the demo's definitions. */
function formFor(formId: string, period: PeriodKey, backdate = false): FormDefinition {
  const form = formInForce(demoDefinitions(backdate), formId, periodEnd(period));
  if (!form) throw new Error(`no built-in form ${formId} in force for ${period}`);
  return form;
}

function inFieldOrder(form: FormDefinition, v: Readonly<Record<string, number>>, where: string): Record<string, number> {
  const keys = fieldKeys(form);
  const extra = Object.keys(v).filter((k) => keys.indexOf(k) < 0);
  if (extra.length > 0) throw new Error(`${where}: generated fields not in form ${form.id}/${form.regime}: ${extra.join(", ")}`);
  const out: Record<string, number> = {};
  for (const k of keys) {
    const x = v[k];
    if (x === undefined) throw new Error(`${where}: field ${k} of form ${form.id}/${form.regime} was not generated`);
    out[k] = x;
  }
  return out;
}

/** "2025-11-03" + 09:14:05 Vietnam time → "2025-11-03T02:14:05.000Z". */
function vietnamInstant(date: string, hour: number, minute: number, second: number): string {
  const { year, month, day } = parseIsoDate(date);
  return new Date(Date.UTC(year, month - 1, day, hour - 7, minute, second)).toISOString();
}

/** Offices ranked by a hash of a purpose: a deterministic "random" choice that does not depend on list order. */
function rankBy(units: readonly Unit[], purpose: string): Unit[] {
  return [...units].sort((a, b) => hash32(purpose + a.code) - hash32(purpose + b.code) || (a.code < b.code ? -1 : 1));
}

interface Punctuality {
  /** Offices with no report at all in the open period. */
  missing: Set<string>;
  /** Period index (0-based in the demo periods) → offices late in that period. */
  lateIn: (unitCode: string, periodIndex: number, period: PeriodKey) => boolean;
}

function choosePunctuality(reporting: readonly Unit[]): Punctuality {
  const missing = new Set<string>();
  const perProvince = new Map<string, number>();
  for (const u of reporting) {
    const p = provinceCodeOf(u) ?? "";
    perProvince.set(p, (perProvince.get(p) ?? 0) + 1);
  }
  // Never a whole province missing: its roll-up would vanish, which is a different story.
  for (const u of rankBy(reporting, "missing:")) {
    if (missing.size >= DEMO_MISSING_IN_OPEN_PERIOD) break;
    const p = provinceCodeOf(u) ?? "";
    const left = perProvince.get(p) ?? 0;
    if (left <= 1) continue;
    missing.add(u.code);
    perProvince.set(p, left - 1);
  }
  const rest = rankBy(reporting, "late:").filter((u) => !missing.has(u.code));
  const habitual = rest.slice(0, DEMO_HABITUALLY_LATE).map((u) => u.code);
  const lateInOpen = new Set(rest.slice(DEMO_HABITUALLY_LATE, DEMO_HABITUALLY_LATE + DEMO_EXTRA_LATE_IN_OPEN_PERIOD).map((u) => u.code));
  return {
    missing,
    lateIn: (code, index, period) => {
      if (period === DEMO_OPEN_PERIOD && lateInOpen.has(code)) return true;
      const k = habitual.indexOf(code);
      return k >= 0 && (index + 2 * k) % 5 === 0;
    },
  };
}

/**
 * When a clerk sends a period: on time, the last day of the month (evening) or one or two
 * working days later; late, one to five working days after the deadline. The other forms
 * follow the first a few minutes apart, in form order.
 */
function submissionTimes(unit: Unit, period: PeriodKey, late: boolean, rules: readonly DeadlineRule[], forms: number): string[] {
  const unitCode = unit.code;
  const key = `${unitCode}:${period}`;
  const u = (what: string) => unitInterval(what + ":" + key);
  let day: string;
  let hour: number;
  if (late) {
    day = addWorkingDays(deadlineFor(period, deadlineLevelOf(unit.kind), rules), 1 + Math.floor(u("late-days") * 5));
    hour = 8 + Math.floor(u("hour") * 9);
  } else {
    const k = Math.floor(u("day") * 3);
    day = addWorkingDays(periodEnd(period), k);
    hour = k === 0 ? 17 + Math.floor(u("hour") * 5) : 8 + Math.floor(u("hour") * 9);
  }
  const minute = Math.floor(u("minute") * 60);
  const second = Math.floor(u("second") * 60);
  const first = vietnamInstant(day, hour, minute, second);
  const gapMinutes = 3 + Math.floor(u("gap") * 20);
  const out: string[] = [];
  for (let i = 0; i < forms; i++) out.push(new Date(Date.parse(first) + i * gapMinutes * 60_000).toISOString());
  return out;
}

/** The demo profile of every reporting unit: its size, money scale and whether it is one of the weaker ones. */
export function demoProfiles(reporting: readonly Unit[]): DemoUnitProfile[] {
  return reporting.map((u) => demoUnitProfile(u.code, demoSeed(u.code), u.kind === "province_office"));
}

export function demoFigures(reporting: readonly Unit[], years: readonly { statYear: number; months: number }[] = DEMO_YEARS, backdate = false): DemoFigures {
  // Statistical year 2025 reproduces the published national and provincial figures (issue 11).
  return generateDemoFigures({ forms: demoDefinitions(backdate), units: demoProfiles(reporting), years, calibrate: calibrateTo(PUBLISHED_2025) });
}

function buildSubmissions(reporting: readonly Unit[], punctuality: Punctuality, options: Required<DemoOptions>): { submissions: DemoSubmission[]; periods: PeriodKey[] } {
  const submissions: DemoSubmission[] = [];
  const figures = demoFigures(reporting, options.years, options.backdate);
  let periods: PeriodKey[] = [];
  const rules = options.backdate ? [{ ...TT06_2019_DEADLINE_RULE, validFrom: "2000-01-01" }] : DEFAULT_DEADLINE_RULES;
  for (const unit of reporting) {
    const byForm = figures.get(unit.code);
    const first = byForm?.get(DEMO_FORMS[0] as string);
    if (!byForm || !first) throw new Error(`no demo figures for ${unit.code}`);
    if (periods.length === 0) periods = first.map((m) => m.period);
    const token = demoTokenId(`demo-unit-${unit.code}`);
    first.forEach((m, index) => {
      if (m.period === DEMO_OPEN_PERIOD && punctuality.missing.has(unit.code)) return;
      const lateWanted = punctuality.lateIn(unit.code, index, m.period);
      const times = submissionTimes(unit, m.period, lateWanted, rules, DEMO_FORMS.length);
      const deadlineAt = deadlineInstantUtc(m.period, deadlineLevelOf(unit.kind), rules);
      DEMO_FORMS.forEach((formId, f) => {
        const form = formFor(formId, m.period, options.backdate);
        const month = (byForm.get(formId) ?? []).find((x) => x.period === m.period);
        if (!month) {
          // The backdated ten-year history has no breakdown by officer where form 01's first
          // layout has nothing to break down (shared/demo/generate.ts): that form is not sent then.
          if (options.backdate) return;
          throw new Error(`no demo figures for ${unit.code}/${formId}/${m.period}`);
        }
        const values = inFieldOrder(form, month.values, `${unit.code}/${formId}/${m.period}`);
        const submittedAt = times[f] as string;
        const submission: DemoSubmission = {
          id: uuidFromName(`submission:${unit.code}:${formId}:${m.period}:1`),
          unitCode: unit.code,
          formId,
          period: m.period,
          revision: 1,
          regime: form.regime,
          values,
          explanations: {},
          contentHash: contentHashOf(unit.code, formId, m.period, values, {}, month.rows),
          submittedBy: token,
          submittedAt,
          deadlineAt,
          late: isLate(submittedAt, m.period, deadlineLevelOf(unit.kind), rules),
          reason: null,
        };
        if (month.rows) submission.rows = month.rows;
        submissions.push(submission);
      });
    });
  }
  return { submissions, periods };
}

// ——— Collections the Cục defined as data ———

/** The collections' periods in the demo: the months since they were published, through the open one. */
export const DEMO_COLLECTION_PERIODS: readonly PeriodKey[] = ["2026-09", DEMO_OPEN_PERIOD];

const DEBTORS = ["Công ty TNHH Xây dựng Hoàng Long", "Công ty CP Bất động sản Phú Gia", "Ngân hàng TMCP Đông Á (bên được thi hành)", "Ông Nguyễn Văn Hùng", "Bà Trần Thị Mai", "Công ty CP Thủy sản Cửu Long"];

/** An office's figures for a collection and period, drawn from a hash so that they are the same on every run. */
function collectionReport(form: FormDefinition, unit: string, period: PeriodKey): { values: Record<string, number>; rows?: SubmittedRow[] } {
  const draw = (what: string, max: number) => hash32(`${form.id}:${unit}:${period}:${what}`) % max;
  const shape = form.rows;
  if (shape && shape.kind === "list") {
    // 0 to 3 cases of 20 tỷ or more (amounts in nghìn đồng), accepted 2018 … 2026.
    const rows: SubmittedRow[] = [];
    const n = draw("n", 4);
    for (let i = 0; i < n; i++) {
      const amount = 20_000_000 + draw(`so_tien${i}`, 80_000) * 1_000;
      const year = 2018 + draw(`nam${i}`, 8);
      rows.push({
        key: String(i + 1),
        label: DEBTORS[draw(`ten${i}`, DEBTORS.length)] as string,
        values: {
          ban_an: `${1 + draw(`ba${i}`, 90)}/${year - 1}/KDTM-ST`,
          ngay_thu_ly: `${year}-${String(1 + draw(`thang${i}`, 12)).padStart(2, "0")}-${String(1 + draw(`ngay${i}`, 28)).padStart(2, "0")}`,
          so_tien: amount,
          da_thu: i === 0 ? null : Math.floor(amount * draw(`thu${i}`, 40) / 100),
        },
      });
    }
    return { values: rowAggregates(form, rows, periodEndOf(period)), rows };
  }
  const inputs: Record<string, number> = {};
  for (const f of form.fields) if (f.kind === "input") inputs[f.key] = 50_000 + draw(f.key, 4_000) * 1_000;
  const all = deriveValues(form, inputs);
  const values: Record<string, number> = {};
  for (const k of fieldKeys(form)) values[k] = all[k] as number;
  return { values };
}

/**
 * Every office's report of each demo collection for its periods (none in the open period from
 * the offices that have not reported the monthly forms either), sent two working days before
 * the collection's own deadline.
 */
function buildCollectionSubmissions(reporting: readonly Unit[], missing: ReadonlySet<string>): DemoSubmission[] {
  const out: DemoSubmission[] = [];
  for (const form of DEMO_COLLECTIONS) {
    for (const period of DEMO_COLLECTION_PERIODS) {
      for (const unit of reporting) {
        if (period === DEMO_OPEN_PERIOD && missing.has(unit.code)) continue;
        const level = deadlineLevelOf(unit.kind);
        const deadlineAt = deadlineOf(form, period, level);
        const submittedAt = vietnamInstant(addWorkingDays(deadlineAt.slice(0, 10), -2), 9, hash32(`${form.id}:${unit.code}:${period}:m`) % 60, 0);
        const report = collectionReport(form, unit.code, period);
        const submission: DemoSubmission = {
          id: uuidFromName(`submission:${unit.code}:${form.id}:${period}:1`),
          unitCode: unit.code,
          formId: form.id,
          period,
          revision: 1,
          regime: form.regime,
          values: report.values,
          explanations: {},
          contentHash: contentHashOf(unit.code, form.id, period, report.values, {}, report.rows),
          submittedBy: demoTokenId(`demo-unit-${unit.code}`),
          submittedAt,
          deadlineAt,
          late: isLateFor(form, submittedAt, period, level),
          reason: null,
        };
        if (report.rows) submission.rows = report.rows;
        out.push(submission);
      }
    }
  }
  return out;
}

// ——— Roll-ups ———

function buildAggregates(units: readonly Unit[], submissions: readonly DemoSubmission[], backdate: boolean, forms: readonly FormDefinition[] = []): DemoAggregate[] {
  const pathOf = new Map(units.map((u) => [u.code, u.path]));
  const nodes = units.filter((u) => !u.reporting);
  // Each office's ancestors once, rather than every node scanning every submission.
  const ancestorsOf = new Map<string, Unit[]>();
  for (const u of units) {
    if (!u.reporting) continue;
    ancestorsOf.set(u.code, nodes.filter((n) => (pathOf.get(u.code) ?? "").startsWith(n.path)));
  }
  const groups = new Map<string, Map<string, DemoSubmission[]>>();
  for (const s of submissions) {
    const key = `${s.formId}|${s.period}`;
    const byNode = groups.get(key) ?? new Map<string, DemoSubmission[]>();
    for (const node of ancestorsOf.get(s.unitCode) ?? []) {
      const list = byNode.get(node.code) ?? [];
      list.push(s);
      byNode.set(node.code, list);
    }
    groups.set(key, byNode);
  }
  const out: DemoAggregate[] = [];
  for (const [key, byNode] of groups) {
    const [formId, period] = key.split("|") as [DemoFormId, PeriodKey];
    const collection = forms.find((f) => f.id === formId);
    const keys = fieldKeys(collection ?? formFor(formId, period, backdate));
    for (const node of nodes) {
      const under = byNode.get(node.code);
      if (!under) continue; // the Worker creates a node's rows with its first contributor
      const sum = sumValues(under.map((s) => s.values), keys);
      if (!sum.ok) throw new Error(`sum of ${node.code}/${formId}/${period} failed: ${sum.error} in ${sum.field}`);
      out.push({
        nodeCode: node.code,
        formId,
        period,
        values: sum.values,
        contributors: under.length,
        updatedAt: under.reduce((max, s) => (s.submittedAt > max ? s.submittedAt : max), ""),
      });
    }
  }
  return out;
}

// ——— Targets ———

const NATIONAL_TARGETS: readonly { year: number; viec: number; tien: number; provisional: boolean; setAt: string }[] = [
  // Published national targets for 2025 (docs/domain.md) and Gia Lai's 2026 work plan.
  { year: 2025, viec: 8390, tien: 5190, provisional: false, setAt: "2024-10-15T02:00:00.000Z" },
  { year: 2026, viec: 8470, tien: 5680, provisional: false, setAt: "2025-10-15T02:00:00.000Z" },
  // Until the official decision: "không thấp hơn chỉ tiêu đã đạt được của năm trước" (Cục THADS notice on 12-month 2025 results).
  { year: 2027, viec: 8470, tien: 5680, provisional: true, setAt: "2026-10-05T02:00:00.000Z" },
];

/**
 * Provincial 2025 targets as published (docs/domain.md: Lai Châu THADS notice on 2026 targets;
 * Phú Thọ's 2025 results), in hundredths; the other provinces' are drawn around the national one.
 */
const PUBLISHED_PROVINCE_TARGETS: Readonly<Record<string, { viec: number; tien: number }>> = {
  "2025:12": { viec: 8410, tien: 5210 },
  "2025:25": { viec: 8405, tien: 5203 },
};

/**
 * Targets every province carries unchanged, set nationally each year: complaints and
 * denunciations within competence resolved ≥ 95%, administrative judgments tracked 100% (the
 * Cục's notice on 12-month 2025 results, Gia Lai THADS work plan for 2026). Indicators of
 * forms 08 and 12, in hundredths.
 */
const FIXED_TARGETS: readonly [string, number][] = [["rate_giai_quyet_kntc", 9500], ["rate_theo_doi_thahc", 10000]];

/** Offices whose province set them their own target for 2026 (the rest inherit the province's). */
export const DEMO_OFFICE_TARGETS: readonly { unitCode: string; deltaHundredths: number }[] = [
  { unitCode: "52-00", deltaHundredths: 50 },
  { unitCode: "52-03", deltaHundredths: -100 },
  { unitCode: "79-01", deltaHundredths: 120 },
  { unitCode: "01-02", deltaHundredths: -80 },
];

function buildTargets(units: readonly Unit[]): DemoTarget[] {
  const national = demoTokenId("demo-national");
  const provinces = units.filter((u) => u.kind === "province");
  const out: DemoTarget[] = [];
  const pct = (hundredths: number) => hundredths / 100;
  // Within ±1 point of the national target, in whole hundredths so that the SQL literal is exact.
  const provincial = (code: string, year: number, ind: string, base: number) =>
    base + ((hash32(`target:${code}:${year}:${ind}`) % 201) - 100);
  for (const t of NATIONAL_TARGETS) {
    const indicators: ["rate_viec" | "rate_tien", number][] = [["rate_viec", t.viec], ["rate_tien", t.tien]];
    for (const [indicator, base] of indicators) {
      out.push({ year: t.year, unitCode: NATIONAL_CODE, indicator, targetPct: pct(base), provisional: t.provisional, setBy: national, setAt: t.setAt });
      for (const p of provinces) {
        // A provisional target repeats last year's own target ("not lower than last year").
        const year = t.provisional ? t.year - 1 : t.year;
        const published = PUBLISHED_PROVINCE_TARGETS[year + ":" + p.code];
        const own = published ? (indicator === "rate_viec" ? published.viec : published.tien) : provincial(p.code, year, indicator, base);
        out.push({ year: t.year, unitCode: p.code, indicator, targetPct: pct(own), provisional: t.provisional, setBy: national, setAt: t.setAt });
      }
    }
    for (const [indicator, base] of FIXED_TARGETS) {
      for (const code of [NATIONAL_CODE, ...provinces.map((p) => p.code)]) {
        out.push({ year: t.year, unitCode: code, indicator, targetPct: pct(base), provisional: t.provisional, setBy: national, setAt: t.setAt });
      }
    }
  }
  const byCode = new Map(units.map((u) => [u.code, u]));
  for (const o of DEMO_OFFICE_TARGETS) {
    const unit = byCode.get(o.unitCode);
    if (!unit || !unit.reporting) throw new Error(`demo office target for unknown office ${o.unitCode}`);
    const province = provinceCodeOf(unit) ?? "";
    for (const indicator of ["rate_viec", "rate_tien"] as const) {
      const base = provincial(province, 2026, indicator, indicator === "rate_viec" ? 8470 : 5680);
      out.push({
        year: 2026,
        unitCode: o.unitCode,
        indicator,
        targetPct: pct(base + o.deltaHundredths),
        provisional: false,
        setBy: demoTokenId(`demo-province-${province}`),
        setAt: "2025-10-25T02:00:00.000Z",
      });
    }
  }
  return out;
}

// ——— The dataset and its SQL ———

/** What the benchmark's larger history changes; the demo uses the defaults. */
export interface DemoOptions {
  years?: readonly { statYear: number; months: number }[];
  validFrom?: string;
  /**
   * Periods before the first built-in definition and deadline rule (TT 06/2019, 2020-01-05)
   * use the earliest of each (see formFor): the benchmark's ten years reach back to 2016.
   */
  backdate?: boolean;
}

export function buildDemoDataset(options: DemoOptions = {}): DemoDataset {
  const opts: Required<DemoOptions> = { years: DEMO_YEARS, validFrom: DEMO_VALID_FROM, backdate: false, ...options };
  const units = demoUnits(opts.validFrom);
  const reporting = units.filter((u) => u.reporting);
  const punctuality = choosePunctuality(reporting);
  const { submissions, periods } = buildSubmissions(reporting, punctuality, opts);
  const collected = buildCollectionSubmissions(reporting, punctuality.missing);
  return {
    units,
    tokens: demoTokens(units),
    submissions,
    aggregates: buildAggregates(units, submissions, opts.backdate),
    collections: { definitions: DEMO_COLLECTIONS, submissions: collected, aggregates: buildAggregates(units, collected, false, DEMO_COLLECTIONS) },
    targets: buildTargets(units),
    missing: [...punctuality.missing].sort(),
    periods,
  };
}

export function demoSqlStatements(d: DemoDataset): string[] {
  const rows = <T>(list: readonly T[], f: (x: T) => SqlValue[]) => list.map(f);
  return [
    ...DATA_TABLES.map((t) => `DELETE FROM ${t};`),
    // AUTOINCREMENT keeps its counter in sqlite_sequence: reset it so audit ids restart at 1.
    `DELETE FROM sqlite_sequence WHERE name = 'audit_log';`,
    ...insertStatements(
      "units",
      ["code", "name", "kind", "level", "parent_code", "path", "reporting", "valid_from", "valid_to", "successor_code"],
      rows(d.units, (u) => [u.code, u.name, u.kind, u.level, u.parentCode, u.path, u.reporting ? 1 : 0, u.validFrom, u.validTo, u.successorCode]),
    ),
    ...insertStatements(
      "tokens",
      ["id", "token_hash", "role", "unit_code", "label", "created_at", "created_by", "revoked_at"],
      rows(d.tokens, (t) => [t.id, t.hash, t.role, t.unitCode, t.label, t.createdAt, null, null]),
    ),
    ...insertStatements(
      "submissions",
      ["id", "unit_code", "form_id", "period", "revision", "regime", "values_json", "explanations_json", "content_hash",
        "submitted_by", "submitted_at", "deadline_at", "late", "rows_json"],
      rows(d.submissions.concat(d.collections.submissions), (s) => [s.id, s.unitCode, s.formId, s.period, s.revision, s.regime, JSON.stringify(s.values),
        JSON.stringify(s.explanations), s.contentHash, s.submittedBy, s.submittedAt, s.deadlineAt, s.late ? 1 : 0,
        s.rows ? JSON.stringify(s.rows) : null]),
    ),
    // The latest revision and its values are derived in SQL exactly as storeRevisionStatements
    // writes them (json_each over values_json), rather than shipped as ~220,000 literal rows.
    `INSERT INTO latest_revisions (unit_code, form_id, period, revision, submission_id, submitted_at)
SELECT s.unit_code, s.form_id, s.period, s.revision, s.id, s.submitted_at
  FROM submissions s
 WHERE s.revision = (SELECT MAX(x.revision) FROM submissions x
                      WHERE x.unit_code = s.unit_code AND x.form_id = s.form_id AND x.period = s.period);`,
    `INSERT INTO latest_values (unit_code, form_id, period, field, value)
SELECT r.unit_code, r.form_id, r.period, j.key, j.value
  FROM latest_revisions r JOIN submissions s ON s.id = r.submission_id, json_each(s.values_json) AS j
 WHERE j.value IS NOT NULL;`,
    // Roll-ups are computed here with shared/rollup sumValues, not in SQL, so that
    // `npm run check` (which recomputes them in SQL) compares two independent computations.
    ...insertStatements(
      "aggregates",
      ["node_code", "form_id", "period", "field", "value"],
      d.aggregates.concat(d.collections.aggregates).flatMap((a) => Object.keys(a.values).map((k) => [a.nodeCode, a.formId, a.period, k, a.values[k] as number])),
    ),
    ...insertStatements(
      "aggregate_meta",
      ["node_code", "form_id", "period", "contributors", "updated_at"],
      rows(d.aggregates.concat(d.collections.aggregates), (a) => [a.nodeCode, a.formId, a.period, a.contributors, a.updatedAt]),
    ),
    // The collections as the administrator published them (PUT /api/v1/admin/forms), before the
    // first period they serve.
    ...insertStatements(
      "form_definitions",
      ["form_id", "valid_from", "regime", "definition", "loaded_by", "loaded_at"],
      rows(d.collections.definitions, (f) => [f.id, f.validFrom, f.regime, JSON.stringify(f), demoTokenId("demo-admin"), "2026-08-25T02:00:00.000Z"]),
    ),
    ...insertStatements(
      "targets",
      ["year", "unit_code", "indicator", "target_pct", "provisional", "set_by", "set_at"],
      rows(d.targets, (t) => [t.year, t.unitCode, t.indicator, t.targetPct, t.provisional ? 1 : 0, t.setBy, t.setAt]),
    ),
  ];
}

export function renderDemoSql(d: DemoDataset): string {
  const header = [
    "-- THADS Thống kê: demo data for the LOCAL D1 (generated by scripts/demo-data.ts; do not edit).",
    `-- ${d.units.length} units, ${d.tokens.length} tokens, ${d.submissions.length} submissions, ` +
      `${d.aggregates.length} roll-ups, ${d.targets.length} targets; periods ${d.periods[0]} … ${d.periods[d.periods.length - 1]}.`,
    "-- Loading it empties every data table first, so loading it twice gives the same state.",
    "",
  ].join("\n");
  return header + demoSqlStatements(d).join("\n") + "\n";
}

// ——— Command line ———

function main(argv: string[]): void {
  const i = argv.indexOf("--out");
  const out = i >= 0 ? argv[i + 1] : undefined;
  if (i >= 0 && !out) {
    process.stderr.write("Thiếu tên tệp sau --out / missing file name after --out\n");
    process.exit(2);
  }
  const started = Date.now();
  const d = buildDemoDataset();
  const sql = renderDemoSql(d);
  if (out) {
    const file = resolve(out);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, sql, "utf8");
    const late = d.submissions.filter((s) => s.late).length;
    process.stderr.write(
      `Đã ghi / wrote ${file}: ${d.submissions.length} submissions (${late} late) and ${d.collections.submissions.length} of ` +
        `${d.collections.definitions.map((f) => f.id).join(", ")}, ${d.missing.length} offices missing in ` +
        `${DEMO_OPEN_PERIOD}, ${(sql.length / 1e6).toFixed(1)} MB, ${Date.now() - started} ms\n`,
    );
  } else {
    process.stdout.write(sql);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2));
}
