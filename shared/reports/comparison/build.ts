import type {
  Basis,
  BasisRow,
  Comparison,
  ComparisonIndicator,
  ComparisonRow,
  IndicatorCell,
  RateChange,
  ReportStatus,
  ValueChange,
} from "../../api/schemas";
import { COMPARISON_BASES } from "./bases";
import type { FormDefinition, IndicatorDefinition } from "../../forms/types";
import { formInForce } from "../../forms/registry";
import { computeIndicator } from "../../rollup/indicators";
import { compareRates, compareValues } from "../../rollup/compare";
import { ranksOf, worseThanAverage } from "../../rollup/ranking";
import {
  defaultComparisonFor,
  effectiveTarget,
  gapToTarget,
  indexTargets,
  isTargetMet,
  printedRate,
  verdictOf,
  type TargetIndex,
} from "../../rollup/targets";
import { sumValues } from "../../rollup/sum";
import { buildHierarchy, type UnitHierarchy } from "../../units/hierarchy";
import { parsePath } from "../../units/path";
import { deadlineLevelOf } from "../../units/deadline-level";
import type { Unit } from "../../units/types";
import { NATIONAL_CODE } from "../../units/types";
import { cumulativeLabel, isQuarterEnd, parseInstant, quarterLabel } from "../../periods";
import {
  basisLabelOf,
  basisPeriodOf,
  collectionsForPeriod,
  deadlineOf,
  periodEndOf,
  periodLabelOf,
  periodTypeOf,
} from "../../forms/collection-period";
import { shortName } from "../words";
import { valuesKey, type ComparisonData, type NodeValues } from "./data";
import { summarize } from "./summary";
import { outlookMethod, outlookOf } from "../outlook";
import { seriesPeriodsOf, trendMonthLabels } from "../trend";
import type { OutlookCell, TrendLine } from "../../api/schemas";
import { monthIndex, statYearOf } from "../../periods";

/**
 * The period each basis compares with, by the compared collection's period type (previous
 * week, previous snapshot, previous month of the statistical year, previous quarter's end);
 * null where there is none (no previous month in October for a cumulative report, no quarter
 * for a week).
 */
export function basisPeriod(basis: Basis, period: string, form: Pick<FormDefinition, "period"> = {}): string | null {
  return basisPeriodOf(form, basis, period);
}

/**
 * "Cùng kỳ năm trước (Quý I/2025 — 3 tháng năm 2025)": a quarter's cumulative report names its
 * quarter; a snapshot or a week names its own period ("Tuần trước (Tuần 11/2026 (9/3–15/3))").
 */
export function basisLabel(basis: Basis, period: string, form: Pick<FormDefinition, "period"> = {}): string {
  const p = basisPeriod(basis, period, form);
  const label = basisLabelOf(form, basis);
  if (p === null) return label;
  if (periodTypeOf(form).kind !== "cumulative_month") return label + " (" + periodLabelOf(form, p) + ")";
  const quarter = isQuarterEnd(p) && (basis === "prevQuarter" || isQuarterEnd(period)) ? quarterLabel(p) : null;
  return label + " (" + (quarter !== null ? quarter + " — " : "") + cumulativeLabel(p) + ")";
}

/** How far back a chain of re-organisations is followed (huyện → thị xã → khu vực is two). */
const MAX_GENERATIONS = 5;

interface Context {
  data: ComparisonData;
  h: UnitHierarchy;
  form: FormDefinition;
  end: string;
  targets: TargetIndex;
  /** Direct predecessors: successor code → the units it replaced. */
  predecessorsOf: Map<string, Unit[]>;
}

function contextOf(data: ComparisonData): Context {
  const end = periodEndOf(data.period);
  const form = formInForce(data.definitions, data.formId, end);
  if (form === null) throw new Error(`buildComparison: no form ${data.formId} in force on ${end}`);
  const predecessorsOf = new Map<string, Unit[]>();
  for (const u of data.units) {
    if (u.successorCode === null) continue;
    const list = predecessorsOf.get(u.successorCode) ?? [];
    list.push(u);
    predecessorsOf.set(u.successorCode, list);
  }
  return { data, h: buildHierarchy(data.units), form, end, targets: indexTargets(data.targets), predecessorsOf };
}

interface Coverage {
  status: ReportStatus;
  expected: number;
  reported: number;
  late: number;
  missing: number;
  /** Reporting units under the node that exist at the period's end. */
  units: Unit[];
}

/** Which of the reporting units under `code` have sent `formId` for `period`, and how many late. */
function coverage(ctx: Context, code: string, period: string, countLate: boolean): Coverage {
  const units = ctx.h.reportingUnitsUnder(code, periodEndOf(period));
  let reported = 0;
  let late = 0;
  for (const u of units) {
    const mark = ctx.data.reports.get(valuesKey(u.code, ctx.data.formId, period));
    if (mark === undefined) continue;
    reported++;
    // One meaning of late: the FIRST report arrived after the deadline; a later correction is a correction.
    if (countLate && parseInstant(mark.firstSubmittedAt) > parseInstant(deadlineOf(ctx.form, period, deadlineLevelOf(u.kind)))) late++;
  }
  const expected = units.length;
  const status: ReportStatus = reported === 0 ? "not_reported" : reported < expected ? "partial" : "reported";
  return { status, expected, reported, late, missing: expected - reported, units };
}

interface Found {
  values: NodeValues;
  sources: string[];
}

/**
 * A node's values for a period, or, for a unit that did not exist then, the exact sum of the
 * units it replaced: a predecessor with its own figures stands for itself, one without is
 * replaced in turn by its own predecessors.
 */
function valuesWithPredecessors(ctx: Context, code: string, formId: string, period: string): Found | null {
  const own = ctx.data.values.get(valuesKey(code, formId, period));
  if (own !== undefined) return { values: own, sources: [code] };
  const found: NodeValues[] = [];
  const sources: string[] = [];
  const seen: Record<string, true> = {};
  seen[code] = true;
  let frontier = [code];
  for (let g = 0; g < MAX_GENERATIONS && frontier.length > 0; g++) {
    const next: string[] = [];
    for (const c of frontier) {
      for (const p of ctx.predecessorsOf.get(c) ?? []) {
        if (seen[p.code]) continue;
        seen[p.code] = true;
        const v = ctx.data.values.get(valuesKey(p.code, formId, period));
        if (v !== undefined) {
          found.push(v);
          sources.push(p.code);
        } else next.push(p.code);
      }
    }
    frontier = next;
  }
  if (found.length === 0) return null;
  return { values: sumAll(found, `predecessors of ${code}`), sources: sources.sort() };
}

function sumAll(list: readonly NodeValues[], what: string): Record<string, number> {
  const keys: string[] = [];
  for (const v of list) for (const k in v) if (keys.indexOf(k) < 0) keys.push(k);
  const sum = sumValues(list, keys);
  // Each part was validated when stored; an overflow of the sum is a data problem to surface.
  if (!sum.ok) throw new Error(`${what}: ${sum.error} in ${sum.field}`);
  return sum.values;
}

function changesOf(current: NodeValues, previous: NodeValues): Record<string, ValueChange> {
  const out: Record<string, ValueChange> = {};
  for (const k in current) {
    const c = compareValues(current[k] as number, previous[k] === undefined ? null : (previous[k] as number));
    out[k] = { previous: c.previous, change: c.change, changePct: c.changePct };
  }
  return out;
}

/** The same unit's values of every form in force for `period`: inputs of cross-form indicators. */
function valuesByForm(ctx: Context, code: string, period: string, withPredecessors: boolean): Record<string, NodeValues | undefined> {
  const out: Record<string, NodeValues | undefined> = {};
  for (const f of collectionsForPeriod(ctx.data.definitions, period)) {
    const found = withPredecessors ? valuesWithPredecessors(ctx, code, f.id, period) : null;
    out[f.id] = found ? found.values : ctx.data.values.get(valuesKey(code, f.id, period));
  }
  return out;
}

/** The rate of `ind` (as defined for `period`) from a unit's values of that period; null when not computable. */
function rateFor(ctx: Context, ind: IndicatorDefinition, formId: string, period: string, byForm: Record<string, NodeValues | undefined>): { value: ReturnType<typeof computeIndicator> | null; def: IndicatorDefinition | null } {
  // Each period is computed with the definition in force for it.
  const def = formInForce(ctx.data.definitions, formId, periodEndOf(period));
  const own = byForm[formId];
  const periodInd = def ? def.indicators.filter((x) => x.id === ind.id)[0] ?? null : null;
  if (periodInd === null || own === undefined || isEmpty(own)) return { value: null, def: periodInd };
  return { value: computeIndicator(periodInd, { own, otherForms: byForm }, { missing: "zero" }), def: periodInd };
}

function isEmpty(v: NodeValues): boolean {
  for (const _k in v) return false;
  return true;
}

interface IndicatorRef {
  ind: IndicatorDefinition;
  formId: string;
}

/** Every indicator in force for the period: the compared form's first (its headline first), then the other forms'. */
function indicatorsInForce(ctx: Context): IndicatorRef[] {
  const refs: IndicatorRef[] = ctx.form.indicators.map((ind) => ({ ind, formId: ctx.form.id }));
  for (const f of collectionsForPeriod(ctx.data.definitions, ctx.data.period)) {
    if (f.id === ctx.form.id) continue;
    for (const ind of f.indicators) refs.push({ ind, formId: f.id });
  }
  return refs;
}

function pathCodes(u: Unit): string[] {
  return parsePath(u.path);
}

/** How many of the reporting units under a row have their latest revision confirmed, accepted, returned. */
function signoffOf(ctx: Context, node: Unit): ComparisonRow["signoff"] {
  const units = ctx.h.reportingUnitsUnder(node.code, ctx.end);
  let confirmed = 0;
  let accepted = 0;
  let returned = 0;
  for (const u of units) {
    const mark = ctx.data.signoff ? ctx.data.signoff.get(valuesKey(u.code, ctx.data.formId, ctx.data.period)) : undefined;
    if (mark === undefined) continue;
    if (mark.confirmed) confirmed++;
    if (mark.decision === "accepted") accepted++;
    if (mark.decision === "returned") returned++;
  }
  const decision = node.reporting || !ctx.data.nodeDecisions ? null : ctx.data.nodeDecisions.get(valuesKey(node.code, ctx.data.formId, ctx.data.period)) ?? null;
  return { office: node.reporting, expected: units.length, confirmed, accepted, returned, decision };
}

const NO_BASIS: BasisRow = { status: "not_reported", values: {}, sources: [], changes: {}, likeForLike: null };

/**
 * The rows of a comparison before ranks: one per child valid at the period's end, then the
 * parent as the total. Exposed for the loader, which must know which rows are partial to
 * fetch the offices' figures for like-for-like comparisons.
 */
function nodesOf(ctx: Context): Unit[] {
  return ctx.h.children(ctx.data.parent.code, ctx.end).concat([ctx.data.parent]);
}

/**
 * The reporting units whose own figures a like-for-like comparison needs: those under a row
 * that is partial now or in a base period, with the units they replaced. The Worker reads
 * their values in a second batch only when this is not empty.
 */
export function comparisonLeafNeeds(data: ComparisonData): { units: string[]; periods: string[] } {
  const ctx = contextOf(data);
  const units: string[] = [];
  const periods: string[] = [data.period];
  for (const basis of COMPARISON_BASES) {
    const p = basisPeriod(basis, data.period, ctx.form);
    if (p !== null) periods.push(p);
  }
  const add = (code: string): void => {
    if (units.indexOf(code) < 0) units.push(code);
  };
  for (const node of nodesOf(ctx)) {
    const now = coverage(ctx, node.code, data.period, false);
    let partial = now.status === "partial";
    for (const p of periods.slice(1)) if (coverage(ctx, node.code, p, false).status === "partial") partial = true;
    if (!partial || node.reporting) continue;
    for (const u of ctx.h.reportingUnitsUnder(node.code)) {
      add(u.code);
      for (const p of ctx.h.predecessors(u.code)) add(p.code);
    }
  }
  return { units, periods };
}

function likeForLike(ctx: Context, node: Unit, basis: string, refs: IndicatorRef[]): BasisRow["likeForLike"] {
  const formId = ctx.form.id;
  const cur: NodeValues[] = [];
  const prev: NodeValues[] = [];
  for (const u of ctx.h.reportingUnitsUnder(node.code, ctx.end)) {
    if (!ctx.data.reports.has(valuesKey(u.code, formId, ctx.data.period))) continue;
    const now = ctx.data.values.get(valuesKey(u.code, formId, ctx.data.period));
    const then = valuesWithPredecessors(ctx, u.code, formId, basis);
    if (now === undefined) throw new Error(`like-for-like: no values loaded for ${u.code} in ${ctx.data.period}`);
    if (then === null) continue;
    cur.push(now);
    prev.push(then.values);
  }
  if (cur.length === 0) return null;
  const current = sumAll(cur, `like-for-like ${node.code}`);
  const previous = sumAll(prev, `like-for-like ${node.code} in ${basis}`);
  const indicators: Record<string, { printed: number | null; previous: number | null; change: number | null }> = {};
  for (const ref of refs) {
    if (ref.formId !== formId) continue;
    const now = rateFor(ctx, ref.ind, formId, ctx.data.period, { [formId]: current });
    const then = rateFor(ctx, ref.ind, formId, basis, { [formId]: previous });
    const cmp = compareRates(now.value ? now.value.rate : null, then.value ? then.value.rate : null, ref.ind.decimals);
    indicators[ref.ind.id] = { printed: cmp.current, previous: cmp.previous, change: cmp.changePoints };
  }
  return { units: cur.length, current, previous, changes: changesOf(current, previous), indicators };
}

function basisRow(ctx: Context, node: Unit, basis: Basis, nowStatus: ReportStatus, nowValues: NodeValues, refs: IndicatorRef[]): BasisRow {
  const p = basisPeriod(basis, ctx.data.period, ctx.form);
  if (p === null) return NO_BASIS;
  const found = valuesWithPredecessors(ctx, node.code, ctx.form.id, p);
  if (found === null) return NO_BASIS;
  // Figures taken from the units a new unit replaced count as that unit's whole report.
  const own = found.sources.length === 1 && found.sources[0] === node.code;
  const status: ReportStatus = own ? coverage(ctx, node.code, p, false).status : "reported";
  const comparable = nowStatus !== "not_reported";
  const partly = comparable && (nowStatus === "partial" || status === "partial") && !node.reporting;
  return {
    status,
    values: found.values,
    sources: found.sources,
    changes: comparable ? changesOf(nowValues, found.values) : {},
    likeForLike: partly ? likeForLike(ctx, node, p, refs) : null,
  };
}

/** National figures of each indicator, as printed: "bình quân chung toàn quốc". */
function nationalAverages(ctx: Context, refs: IndicatorRef[]): Record<string, number | null> {
  const byForm = valuesByForm(ctx, NATIONAL_CODE, ctx.data.period, false);
  const out: Record<string, number | null> = {};
  for (const ref of refs) {
    const r = rateFor(ctx, ref.ind, ref.formId, ctx.data.period, byForm);
    out[ref.ind.id] = printedRate(r.value ? r.value.rate : null, ref.ind.decimals);
  }
  return out;
}

function indicatorCell(ctx: Context, node: Unit, ref: IndicatorRef, byForm: Record<string, NodeValues | undefined>, bases: Record<Basis, Record<string, NodeValues | undefined>>, national: number | null): IndicatorCell {
  const { ind } = ref;
  const value = rateFor(ctx, ind, ref.formId, ctx.data.period, byForm).value;
  const rate = value ? value.rate : null;
  const target = ind.targeted ? effectiveTarget(ctx.targets, pathCodes(node), ind.id, defaultComparisonFor(ind.direction)) : null;
  const targetPct = target ? target.targetPct : null;
  const comparison = target ? target.comparison : defaultComparisonFor(ind.direction);
  const vs = {} as Record<Basis, RateChange>;
  for (const basis of COMPARISON_BASES) {
    const p = basisPeriod(basis, ctx.data.period, ctx.form);
    const then = p === null ? null : rateFor(ctx, ind, ref.formId, p, bases[basis]).value;
    const cmp = compareRates(rate, then ? then.rate : null, ind.decimals);
    // Without a report now there is no change to state ("chưa báo cáo", never −100%).
    const change = (now: number | null, before: number | null): ValueChange => {
      const c = now === null ? { previous: before, change: null, changePct: null } : compareValues(now, before);
      return { previous: c.previous, change: c.change, changePct: c.changePct };
    };
    const dueOf = (v: typeof value): number | null => (v && v.remainder !== null ? v.remainder + v.numerator : null);
    vs[basis] = {
      printed: printedRate(then ? then.rate : null, ind.decimals),
      change: cmp.changePoints,
      numerator: change(value ? value.numerator : null, then ? then.numerator : null),
      denominator: change(value ? value.denominator : null, then ? then.denominator : null),
      due: change(dueOf(value), dueOf(then)),
      remainder: change(value ? value.remainder : null, then ? then.remainder : null),
      rank: null,
      rankChange: null,
    };
  }
  return {
    numerator: value ? value.numerator : null,
    denominator: value ? value.denominator : null,
    rate,
    printed: printedRate(rate, ind.decimals),
    remainder: value ? value.remainder : null,
    due: value && value.remainder !== null ? value.remainder + value.numerator : null,
    target: targetPct,
    targetProvisional: target ? target.provisional : false,
    targetComparison: comparison,
    targetSource: target ? target.source : null,
    gap: gapToTarget(rate, targetPct, ind.decimals),
    met: isTargetMet({ rate, target: targetPct, comparison, decimals: ind.decimals }),
    rank: null,
    worseThanAverage: worseThanAverage(rate, national, ind.decimals, ind.direction),
    vs,
  };
}

/** A unit's exact rates of `ref` over `periods` (each with its own definitions), null where there is none. */
function pathOf(ctx: Context, code: string, ref: IndicatorRef, periods: readonly string[]): (number | null)[] {
  return periods.map((p) => {
    const v = rateFor(ctx, ref.ind, ref.formId, p, valuesByForm(ctx, code, p, true)).value;
    return v ? v.rate : null;
  });
}

function printedPath(path: readonly (number | null)[], decimals: number, length: number): (number | null)[] {
  const out: (number | null)[] = [];
  for (let i = 0; i < length; i++) out.push(printedRate(path[i] ?? null, decimals));
  return out;
}

/**
 * Trend and outlook of a row for each targeted indicator: the rate month by month this year
 * and last year, and the projected year-end rate (shared/reports/outlook.ts) from the row's
 * own path of last year and the country's.
 */
function trendAndOutlook(ctx: Context, code: string, refs: IndicatorRef[], cells: Record<string, IndicatorCell>, national: Record<string, (number | null)[]>): { trend: Record<string, TrendLine>; outlook: Record<string, OutlookCell> } {
  const series = seriesPeriodsOf(ctx.form, ctx.data.period);
  const trend: Record<string, TrendLine> = {};
  const outlook: Record<string, OutlookCell> = {};
  // A snapshot or a week has no path through the year to project from.
  if (series.thisYear.length === 0) return { trend, outlook };
  const month = monthIndex(ctx.data.period);
  for (const ref of refs) {
    if (!ref.ind.targeted) continue;
    const cell = cells[ref.ind.id] as IndicatorCell;
    const lastYear = pathOf(ctx, code, ref, series.lastYear);
    const thisYear = pathOf(ctx, code, ref, series.thisYear);
    trend[ref.ind.id] = { thisYear: printedPath(thisYear, ref.ind.decimals, 12), lastYear: printedPath(lastYear, ref.ind.decimals, 12) };
    outlook[ref.ind.id] = outlookOf({
      month,
      rate: cell.rate,
      ownLastYear: lastYear,
      nationalLastYear: national[ref.ind.id] ?? [],
      decimals: ref.ind.decimals,
      target: cell.target,
      comparison: cell.targetComparison,
      projection: ref.ind.projection,
    });
  }
  return { trend, outlook };
}

/**
 * One row per child of the parent valid at the period's end plus the total: values, every
 * indicator with its target, gap, rank and changes against the previous month and cùng kỳ
 * (each period computed with its own definitions), the verdict "đạt k/n", coverage (who
 * has reported, who was late), and like-for-like comparisons where a total is partial.
 * Pure: everything comes from `data`.
 */
export function buildComparison(data: ComparisonData): Comparison {
  const ctx = contextOf(data);
  const refs = indicatorsInForce(ctx);
  const national = nationalAverages(ctx, refs);
  const series = seriesPeriodsOf(ctx.form, data.period);
  // The month the period ends in: a week's or a snapshot's place in its statistical year.
  const monthKey = periodEndOf(data.period).slice(0, 7);
  const nationalPaths: Record<string, (number | null)[]> = {};
  const nationalTrend: Record<string, TrendLine> = {};
  for (const ref of refs) {
    if (!ref.ind.targeted || series.thisYear.length === 0) continue;
    const last = pathOf(ctx, NATIONAL_CODE, ref, series.lastYear);
    nationalPaths[ref.ind.id] = last;
    nationalTrend[ref.ind.id] = { thisYear: printedPath(pathOf(ctx, NATIONAL_CODE, ref, series.thisYear), ref.ind.decimals, 12), lastYear: printedPath(last, ref.ind.decimals, 12) };
  }
  const rows: ComparisonRow[] = nodesOf(ctx).map((node) => {
    const cov = coverage(ctx, node.code, data.period, true);
    const byForm = valuesByForm(ctx, node.code, data.period, false);
    const values = cov.status === "not_reported" ? {} : byForm[ctx.form.id] ?? {};
    const baseValues = {} as Record<Basis, Record<string, NodeValues | undefined>>;
    const bases = {} as Record<Basis, BasisRow>;
    for (const basis of COMPARISON_BASES) {
      const p = basisPeriod(basis, data.period, ctx.form);
      baseValues[basis] = p === null ? {} : valuesByForm(ctx, node.code, p, true);
      bases[basis] = basisRow(ctx, node, basis, cov.status, values, refs);
    }
    const indicators: Record<string, IndicatorCell> = {};
    for (const ref of refs) indicators[ref.ind.id] = indicatorCell(ctx, node, ref, byForm, baseValues, national[ref.ind.id] ?? null);
    const checks = refs
      .filter((ref) => ref.ind.targeted && (indicators[ref.ind.id] as IndicatorCell).target !== null)
      .map((ref) => {
        const cell = indicators[ref.ind.id] as IndicatorCell;
        return { rate: cell.rate, target: cell.target, comparison: cell.targetComparison, decimals: ref.ind.decimals };
      });
    return {
      unit: node.code,
      name: node.name,
      shortName: shortName(node.name),
      signoff: signoffOf(ctx, node),
      isTotal: node.code === data.parent.code,
      status: cov.status,
      expected: cov.expected,
      reported: cov.reported,
      late: cov.late,
      missing: cov.missing,
      values,
      indicators,
      ranks: {},
      verdict: verdictOf(checks),
      bases,
      ...trendAndOutlook(ctx, node.code, refs, indicators, nationalPaths),
    };
  });

  // Ranks among the children (the total is not ranked): every indicator as printed, every line.
  const children = rows.filter((r) => !r.isTotal);
  for (const ref of refs) {
    const ranks = ranksOf(children, (r) => (r.indicators[ref.ind.id] as IndicatorCell).printed, ref.ind.direction === "lower" ? "asc" : "desc");
    for (const r of children) (r.indicators[ref.ind.id] as IndicatorCell).rank = ranks.get(r) ?? null;
    // The rank each unit had then, among the same units, and the places gained since.
    for (const basis of COMPARISON_BASES) {
      const then = ranksOf(children, (r) => (r.indicators[ref.ind.id] as IndicatorCell).vs[basis].printed, ref.ind.direction === "lower" ? "asc" : "desc");
      for (const r of children) {
        const cell = r.indicators[ref.ind.id] as IndicatorCell;
        const before = then.get(r) ?? null;
        cell.vs[basis].rank = before;
        cell.vs[basis].rankChange = before !== null && cell.rank !== null ? before - cell.rank : null;
      }
    }
  }
  for (const f of ctx.form.fields) {
    const ranks = ranksOf(children, (r) => (r.status === "not_reported" || r.values[f.key] === undefined ? null : (r.values[f.key] as number)));
    for (const r of children) r.ranks[f.key] = ranks.get(r) ?? null;
  }

  const indicatorList: ComparisonIndicator[] = refs.map((ref) => ({
    id: ref.ind.id,
    form: ref.formId,
    label: ref.ind.label,
    short: ref.ind.short,
    direction: ref.ind.direction,
    decimals: ref.ind.decimals,
    targeted: ref.ind.targeted,
    nationalAverage: national[ref.ind.id] ?? null,
  }));
  const basesMeta = {} as Comparison["bases"];
  for (const basis of COMPARISON_BASES) {
    basesMeta[basis] = { period: basisPeriod(basis, data.period, ctx.form), label: basisLabel(basis, data.period, ctx.form) };
  }
  return {
    parent: data.parent.code,
    parentName: data.parent.name,
    form: ctx.form.id,
    period: data.period,
    periodLabel: periodLabelOf(ctx.form, data.period),
    definition: { validFrom: ctx.form.validFrom, regime: ctx.form.regime, code: ctx.form.code, periodKind: periodTypeOf(ctx.form).kind },
    indicators: indicatorList,
    bases: basesMeta,
    rows,
    figures: data.figures ?? "latest",
    summary: summarize(rows, indicatorList),
    outlook: { month: monthIndex(monthKey), profileYear: statYearOf(monthKey) - 1, method: outlookMethod(refs.filter((r) => r.ind.targeted && r.ind.projection === "level").map((r) => r.ind.label.vi.charAt(0).toLowerCase() + r.ind.label.vi.slice(1))) },
    trend: { months: trendMonthLabels(), thisYear: statYearOf(monthKey), lastYear: statYearOf(monthKey) - 1, national: nationalTrend },
    generatedAt: data.generatedAt,
  };
}

/**
 * Every indicator of `code` for `period` as printed, from its own figures or, for a unit that
 * did not exist then, the exact sum of the units it replaced (the rule of cùng kỳ above), and
 * whose figures those are. The targets sheet's "last year's result" (shared/reports/targets).
 * `data.formId` may be any form in force for `period`.
 */
export function printedRatesOf(data: ComparisonData, code: string, period: string): { rates: Record<string, number | null>; sources: string[] } {
  const ctx = contextOf({ ...data, period });
  const byForm: Record<string, NodeValues | undefined> = {};
  const sources: string[] = [];
  const forms = collectionsForPeriod(ctx.data.definitions, period);
  for (const f of forms) {
    const found = valuesWithPredecessors(ctx, code, f.id, period);
    byForm[f.id] = found ? found.values : undefined;
    if (found) for (const s of found.sources) if (sources.indexOf(s) < 0) sources.push(s);
  }
  const rates: Record<string, number | null> = {};
  for (const f of forms) {
    for (const ind of f.indicators) {
      const r = rateFor(ctx, ind, f.id, period, byForm);
      rates[ind.id] = printedRate(r.value ? r.value.rate : null, ind.decimals);
    }
  }
  return { rates, sources: sources.sort() };
}
