import type { FormDefinition } from "../forms/types";
import { formInForce } from "../forms/registry";
import { deriveValues, evaluateExpression } from "../forms/derive";
import { parseRule } from "../rules/parser";
import type { Expr } from "../rules/ast";
import { createSeededRandom } from "../units/demo";
import { periodEnd, periodOfYear } from "../periods";
import type { FieldScope } from "../findings";
import { DEMO_RECIPES, type BreakdownRecipe, type Range, type StockFlowRecipe } from "./recipes";
import { officerRows, type OfficerRow } from "./officers";

/**
 * The demo-data engine: plausible monthly figures of every built-in form for a set of units,
 * driven by the definitions in force for each period (their formulas derive the derived
 * fields, their carried-over rule opens each year) and by the recipes of recipes.ts. Year by
 * year, for all units at once, so that a calibration can fix the year-end figures of every
 * unit before the months are filled in (calibrate.ts). Deterministic: each unit and form has
 * its own seeded stream, drawn the same number of times whatever the calibration does.
 */

export interface DemoUnitProfile {
  code: string;
  /** New cases a month (form 01's intake): the unit's size. */
  size: number;
  /** Average amount of a case, nghìn đồng: money forms' scale. */
  amountPerCase: number;
  /** A weaker unit: its rates are drawn from the recipes' lower ranges. */
  weak: boolean;
  /** Seed of the unit's streams (a hash of its code, so it does not move when units are added). */
  seed: number;
}

/** A unit's plan for one stock-and-flow form and one statistical year. */
export interface YearPlan {
  unit: string;
  formId: string;
  statYear: number;
  opening: number;
  /** Cumulative intake at the end of months 1…12. */
  intake: number[];
  /** Per outflow, cumulative at the end of months 1…12. */
  outflows: number[][];
  bucketShares: number[];
  doneShares: number[];
  settledShares: number[];
  memoShares: number[];
  /** What is to be handled in September (P at month 12). */
  toHandle: number;
  /**
   * The year-end figures: the handled part (có điều kiện: the completion rate's
   * denominator) and done (its numerator). Drawn from the unit's rate; a calibration may set
   * them, within 0 ≤ done ≤ handled ≤ toHandle.
   */
  yearEnd: { handled: number; done: number };
}

export interface DemoMonth {
  period: string;
  values: Record<string, number>;
  /** Breakdown rows (forms whose rows are officers). */
  rows?: OfficerRow[];
}

/** unit → form → months in period order. */
export type DemoFigures = Map<string, Map<string, DemoMonth[]>>;

export type Calibration = (statYear: number, plans: YearPlan[]) => void;

export interface GenerateOptions {
  forms: readonly FormDefinition[];
  units: readonly DemoUnitProfile[];
  /** Statistical years and how many of their months to fill (12, or fewer for the current year). */
  years: readonly { statYear: number; months: number }[];
  /** The form ids to generate; default every recipe's. */
  formIds?: readonly string[];
  calibrate?: Calibration;
}

// ——— Small helpers ———

function draw(rnd: () => number, r: Range): number {
  return r[0] + (r[1] - r[0]) * rnd();
}

/** Month m's share of the year's done on the "yearly" path: a cumulative rate rises through the year. */
function yearlyProgress(m: number): number {
  return m >= 12 ? 1 : Math.pow(m / 12, 0.8);
}

function definitionFor(forms: readonly FormDefinition[], formId: string, period: string): FormDefinition {
  const f = formInForce(forms, formId, periodEnd(period));
  if (!f) throw new Error(`demo: no form ${formId} in force for ${period}`);
  return f;
}

/**
 * Next year's opening from the definition's own carried-over rule ("{opening} =
 * prev_year_final…", X5 of forms 01/02); without such a rule, what last year did not finish.
 */
const carryCache = new WeakMap<FormDefinition, Map<string, Expr | null>>();

/** The right-hand side of the definition's "{key} = prev_year_final…" rule, parsed once per definition. */
function carryExpression(form: FormDefinition, key: string): Expr | null {
  let byKey = carryCache.get(form);
  if (!byKey) carryCache.set(form, (byKey = new Map()));
  const known = byKey.get(key);
  if (known !== undefined) return known;
  let found: Expr | null = null;
  for (const r of form.rules) {
    if (r.expression.indexOf("prev_year_final") < 0) continue;
    const c = parseRule(r.expression);
    if (c.op === "=" && c.left.kind === "field" && c.left.scope === "current" && c.left.key === key) {
      found = c.right;
      break;
    }
  }
  byKey.set(key, found);
  return found;
}

function carriedOver(form: FormDefinition, recipe: StockFlowRecipe, last: Readonly<Record<string, number>>): number {
  const rhs = carryExpression(form, recipe.opening);
  if (rhs !== null) {
    const v = evaluateExpression(rhs, (scope: FieldScope, key: string) =>
      scope === "prev_year_final" && typeof last[key] === "number" ? (last[key] as number) : null);
    if (v !== null) return v;
  }
  let left = last[recipe.opening] ?? 0;
  left += last[recipe.intake] ?? 0;
  for (const o of recipe.outflows) left -= last[o.key] ?? 0;
  for (const d of recipe.done) left -= last[d.key] ?? 0;
  for (const s of recipe.settled) left -= last[s.key] ?? 0;
  return left;
}

// ——— Planning a year ———

interface Stream {
  rnd: () => number;
  /** The unit's scale of this form, drawn once. */
  base: number;
}

function streamFor(unit: DemoUnitProfile, recipe: StockFlowRecipe): Stream {
  let h = unit.seed;
  for (let i = 0; i < recipe.formId.length; i++) h = (h * 31 + recipe.formId.charCodeAt(i)) % 2147483646;
  const rnd = createSeededRandom(h + 1);
  const base = unit.size * draw(rnd, recipe.scale) * (recipe.money ? unit.amountPerCase : 1);
  return { rnd, base };
}

function planYear(unit: DemoUnitProfile, recipe: StockFlowRecipe, s: Stream, statYear: number, opening: number | null): YearPlan {
  const { rnd, base } = s;
  // Always drawn, used or not: the stream stays aligned whatever last year left.
  const invented = Math.round(base * draw(rnd, recipe.openingMonths));
  const open = opening ?? invented;
  const intake: number[] = [];
  let cum = 0;
  for (let m = 1; m <= 12; m++) {
    cum += Math.round(base * (0.7 + 0.6 * rnd()));
    intake.push(cum);
  }
  const outShares = recipe.outflows.map((o) => draw(rnd, o.share));
  const outflows = outShares.map((sh) => intake.map((i) => Math.floor(i * sh)));
  const bucketShares = recipe.buckets.map((b) => draw(rnd, b.share));
  const doneShares = recipe.done.map((d) => draw(rnd, d.share));
  const settledShares = recipe.settled.map((x) => draw(rnd, x.share));
  const memoShares = recipe.memo.map((x) => draw(rnd, x.share));
  const rate = draw(rnd, unit.weak ? recipe.rate.weak : recipe.rate.normal) / 100;
  const toHandle = open + (intake[11] as number) - outflows.reduce((t, o) => t + (o[11] as number), 0);
  const handled = toHandle - bucketShares.reduce((t, sh) => t + Math.floor(toHandle * sh), 0);
  const settledPerDone = settledShares.reduce((t, x) => t + x, 0);
  const done = Math.min(Math.round(handled * rate), Math.floor(handled / (1 + settledPerDone)));
  return {
    unit: unit.code, formId: recipe.formId, statYear, opening: open, intake, outflows,
    bucketShares, doneShares, settledShares, memoShares, toHandle, yearEnd: { handled, done },
  };
}

// ——— Filling the months ———

interface Running {
  done: number[];
  doneTotal: number;
}

function monthInputs(recipe: StockFlowRecipe, p: YearPlan, m: number, run: Running): Record<string, number> {
  const intake = p.intake[m - 1] as number;
  const outs = p.outflows.map((o) => o[m - 1] as number);
  const toHandle = p.opening + intake - outs.reduce((t, x) => t + x, 0);
  const shareBased = (P: number) => P - p.bucketShares.reduce((t, sh) => t + Math.floor(P * sh), 0);
  // A calibrated September is reached gradually: the offset from the drawn shares grows with the months.
  const offset = p.yearEnd.handled - shareBased(p.toHandle);
  let handled = m >= 12 ? p.yearEnd.handled : Math.max(0, Math.min(toHandle, shareBased(toHandle) + Math.round((offset * m) / 12)));
  const settledPerDone = p.settledShares.reduce((t, x) => t + x, 0);
  const recipeDone = p.yearEnd.done;
  let target: number;
  if (m >= 12) target = recipeDone;
  else if (recipe.path === "yearly") target = Math.floor(recipeDone * yearlyProgress(m));
  else target = Math.floor(recipeDone * Math.min(1, p.yearEnd.handled === 0 ? 1 : handled / p.yearEnd.handled));
  const done = m >= 12 ? recipeDone : Math.max(run.doneTotal, Math.min(target, Math.floor(handled / (1 + settledPerDone))));
  // Done parts grow by splitting each month's increment, so every part is cumulative.
  const delta = done - run.doneTotal;
  let rest = delta;
  for (let k = 1; k < recipe.done.length; k++) {
    const part = Math.floor(delta * (p.doneShares[k] as number));
    run.done[k] = (run.done[k] as number) + part;
    rest -= part;
  }
  run.done[0] = (run.done[0] as number) + rest;
  run.doneTotal = done;
  const settled = p.settledShares.map((sh) => Math.floor(done * sh));
  const resolved = done + settled.reduce((t, x) => t + x, 0);
  if (resolved > handled) handled = resolved;
  if (handled > toHandle) throw new Error(`demo ${p.unit}/${p.formId}/${p.statYear} month ${m}: resolved ${resolved} exceeds what is to be handled ${toHandle}`);
  const inputs: Record<string, number> = {};
  inputs[recipe.opening] = p.opening;
  inputs[recipe.intake] = intake;
  recipe.outflows.forEach((o, k) => (inputs[o.key] = outs[k] as number));
  const outside = toHandle - handled;
  const weights = p.bucketShares.reduce((t, x) => t + x, 0);
  let left = outside;
  for (let k = 1; k < recipe.buckets.length; k++) {
    const part = weights === 0 ? 0 : Math.floor((outside * (p.bucketShares[k] as number)) / weights);
    inputs[(recipe.buckets[k] as { key: string }).key] = part;
    left -= part;
  }
  if (recipe.buckets.length > 0) inputs[(recipe.buckets[0] as { key: string }).key] = left;
  recipe.done.forEach((d, k) => (inputs[d.key] = run.done[k] as number));
  recipe.settled.forEach((x, k) => (inputs[x.key] = settled[k] as number));
  inputs[recipe.open] = handled - resolved;
  recipe.memo.forEach((x, k) => {
    const of = x.of === "opening" ? p.opening : done;
    inputs[x.key] = Math.floor(of * (p.memoShares[k] as number));
  });
  return inputs;
}

/** The recipe's figures in an older layout that lacks some of its fields (recipes.ts `folds`). */
function folded(def: FormDefinition, recipe: StockFlowRecipe, inputs: Record<string, number>): Record<string, number> {
  if (!recipe.folds) return inputs;
  const has: Record<string, true> = {};
  for (const f of def.fields) has[f.key] = true;
  const out: Record<string, number> = { ...inputs };
  for (const from of Object.keys(recipe.folds)) {
    if (has[from] || out[from] === undefined) continue;
    const into = recipe.folds[from] as string;
    out[into] = (out[into] ?? 0) + (out[from] as number);
    delete out[from];
  }
  return out;
}

function assertCalibrated(p: YearPlan): void {
  const { handled, done } = p.yearEnd;
  if (!(Number.isSafeInteger(handled) && Number.isSafeInteger(done) && done >= 0 && done <= handled && handled <= p.toHandle)) {
    throw new Error(`demo ${p.unit}/${p.formId}/${p.statYear}: year end ${JSON.stringify(p.yearEnd)} outside 0 ≤ done ≤ handled ≤ ${p.toHandle}`);
  }
}

// ——— The whole demo ———

export function generateDemoFigures(o: GenerateOptions): DemoFigures {
  // By default every form that has both a recipe and a definition.
  const wanted = (id: string) => (o.formIds ? o.formIds.indexOf(id) >= 0 : o.forms.some((f) => f.id === id));
  const stockFlow = DEMO_RECIPES.filter((r): r is StockFlowRecipe => r.kind === "stock_flow" && wanted(r.formId));
  const breakdowns = DEMO_RECIPES.filter((r): r is BreakdownRecipe => r.kind === "breakdown" && wanted(r.formId));
  const out: DemoFigures = new Map();
  const streams = new Map<string, Stream>();
  const lastFinal = new Map<string, Record<string, number>>();
  for (const u of o.units) {
    out.set(u.code, new Map());
    for (const r of stockFlow) streams.set(u.code + "|" + r.formId, streamFor(u, r));
  }
  for (const y of o.years) {
    const firstPeriod = periodOfYear(y.statYear, 1);
    const plans: YearPlan[] = [];
    for (const u of o.units) {
      for (const r of stockFlow) {
        const key = u.code + "|" + r.formId;
        const last = lastFinal.get(key);
        const opening = last ? carriedOver(definitionFor(o.forms, r.formId, firstPeriod), r, last) : null;
        plans.push(planYear(u, r, streams.get(key) as Stream, y.statYear, opening));
      }
    }
    if (o.calibrate) o.calibrate(y.statYear, plans);
    for (const p of plans) {
      assertCalibrated(p);
      const recipe = stockFlow.find((r) => r.formId === p.formId) as StockFlowRecipe;
      const run: Running = { done: recipe.done.map(() => 0), doneTotal: 0 };
      const months = (out.get(p.unit) as Map<string, DemoMonth[]>);
      const list = months.get(p.formId) ?? [];
      for (let m = 1; m <= y.months; m++) {
        const period = periodOfYear(y.statYear, m);
        const def = definitionFor(o.forms, p.formId, period);
        const values = deriveValues(def, folded(def, recipe, monthInputs(recipe, p, m, run)));
        list.push({ period, values });
        if (m === 12) lastFinal.set(p.unit + "|" + p.formId, values);
      }
      months.set(p.formId, list);
    }
  }
  for (const u of o.units) {
    const months = out.get(u.code) as Map<string, DemoMonth[]>;
    for (const b of breakdowns) {
      const source = months.get(b.of);
      if (!source) throw new Error(`demo: form ${b.formId} breaks down ${b.of}, which is not generated`);
      // Only the months whose source layout has the fields broken down: the ten-year history
      // of the benchmark backdates the first layouts, and form 01's before 26/7/2024 has no
      // "hoãn, tạm đình chỉ, khác" for form 04 to break down.
      const covered = source.filter((s) => hasFields(definitionFor(o.forms, b.of, s.period), b.inputs));
      months.set(b.formId, covered.map((s) => breakdownMonth(o.forms, b, u, s)));
    }
  }
  return out;
}

function hasFields(def: FormDefinition, keys: readonly string[]): boolean {
  return keys.every((k) => def.fields.some((f) => f.key === k));
}

function breakdownMonth(forms: readonly FormDefinition[], b: BreakdownRecipe, u: DemoUnitProfile, s: DemoMonth): DemoMonth {
  const def = definitionFor(forms, b.formId, s.period);
  const inputs: Record<string, number> = {};
  for (const k of b.inputs) {
    const v = s.values[k];
    if (typeof v !== "number") throw new Error(`demo: ${b.of}/${s.period} of ${u.code} has no ${k} for form ${b.formId}`);
    inputs[k] = v;
  }
  const officers = Math.max(2, Math.round(u.size / b.casesPerOfficer));
  return { period: s.period, values: deriveValues(def, inputs), rows: officerRows(u.seed, officers, inputs) };
}

/** One unit's figures month by month, every form side by side: for tests and small scenarios. */
export function demoUnitMonths(
  forms: readonly FormDefinition[],
  unit: DemoUnitProfile,
  years: readonly { statYear: number; months: number }[],
): { period: string; forms: Record<string, Record<string, number>>; rows: Record<string, OfficerRow[]> }[] {
  const byForm = generateDemoFigures({ forms, units: [unit], years }).get(unit.code) as Map<string, DemoMonth[]>;
  const out: { period: string; forms: Record<string, Record<string, number>>; rows: Record<string, OfficerRow[]> }[] = [];
  byForm.forEach((months, formId) => {
    months.forEach((m, i) => {
      const slot = out[i] ?? (out[i] = { period: m.period, forms: {}, rows: {} });
      slot.forms[formId] = m.values;
      if (m.rows) slot.rows[formId] = m.rows;
    });
  });
  return out;
}
