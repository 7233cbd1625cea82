import { formForPeriod } from "../../forms";
import { samePeriodValues } from "./same-period";
import { valuesOfNodes } from "../../db/aggregates";
import { listChildren, reportingUnder, getUnit } from "../../db/units";
import { submissionStatusUnder } from "../../db/submissions";
import { effectiveTarget, indicatorOfForm, loadTargets } from "../../db/targets";
import { AS_PRINTED } from "../../rates";
import type { Comparison, ComparisonRow, Completeness } from "../../../../shared/api/schemas";
import type { FormDefinition } from "../../../../shared/forms/types";
import type { Unit } from "../../../../shared/units/types";
import { NATIONAL_CODE } from "../../../../shared/units/types";
import { deadlineLevelOf } from "../../../../shared/units/deadline-level";
import {
  compareRates,
  compareValues,
  computeIndicators,
  gapToTarget,
  isTargetMet,
  rankBy,
  targetStatus,
} from "../../../../shared/rollup";
import {
  cumulativeLabel,
  deadlineInstantUtc,
  parseInstant,
  periodEnd,
  previousMonthInYear,
  samePeriodLastYear,
  statYearOf,
} from "../../../../shared/periods";

const OTHER_FORM: Record<string, string> = { "01": "02", "02": "01" };

interface Lateness {
  expected: number;
  late: number;
  missing: number;
}

/**
 * One row per child of `parent` plus the total: values, rates, target and gap, previous
 * month and cùng kỳ, rank, and the flags province and national staff scan for.
 */
export async function buildComparison(db: D1Database, parent: Unit, formId: string, period: string, generatedAt: string): Promise<Comparison> {
  const form = await formForPeriod(db, formId, period);
  const end = periodEnd(period);
  const children = (await listChildren(db, parent.code)).filter((u) => u.validFrom <= end && (u.validTo === null || end <= u.validTo));
  const nodes = [...children, parent];
  const prevKey = previousMonthInYear(period);
  const lastYearKey = samePeriodLastYear(period);
  const otherFormId = OTHER_FORM[form.id];

  const [now, prev, lastYear, other, targets, national, lateness] = await Promise.all([
    valuesOfNodes(db, nodes, form.id, period),
    prevKey ? valuesOfNodes(db, nodes, form.id, prevKey) : Promise.resolve(new Map<string, Record<string, number>>()),
    samePeriodValues(db, nodes, form.id, lastYearKey),
    otherFormId ? otherFormRates(db, nodes, otherFormId, period) : Promise.resolve(new Map<string, number | null>()),
    loadTargets(db, statYearOf(period)),
    nationalRate(db, form, period),
    latenessByChild(db, parent, children, form.id, period),
  ]);

  const indicator = indicatorOfForm(form.id);
  const otherIndicator = otherFormId ? indicatorOfForm(otherFormId) : null;
  const rows: ComparisonRow[] = nodes.map((u) => {
    const values = now.get(u.code) ?? {};
    const submitted = Object.keys(values).length > 0;
    const ind = computeIndicators(values, form.indicators, { missing: "zero" });
    const prevInd = prev.has(u.code) ? computeIndicators(prev.get(u.code) ?? {}, form.indicators, { missing: "zero" }) : null;
    const ly = lastYear.get(u.code);
    const lyInd = ly ? computeIndicators(ly.values, form.indicators, { missing: "zero" }) : null;
    const target = indicator ? effectiveTarget(targets, u.path, indicator) : null;
    const otherTarget = otherIndicator ? effectiveTarget(targets, u.path, otherIndicator) : null;
    const rate = submitted ? ind.rate : null;
    const rates = form.id === "01"
      ? { rateViec: rate, rateTien: other.get(u.code) ?? null }
      : { rateViec: other.get(u.code) ?? null, rateTien: rate };
    const targetPcts = form.id === "01"
      ? { targetViec: target?.targetPct ?? null, targetTien: otherTarget?.targetPct ?? null }
      : { targetViec: otherTarget?.targetPct ?? null, targetTien: target?.targetPct ?? null };
    const verdict = targetStatus(rates, targetPcts, AS_PRINTED).verdict;
    const late = lateness.get(u.code) ?? { expected: 0, late: 0, missing: 0 };
    const met = isTargetMet(rate, target?.targetPct ?? null, AS_PRINTED);
    return {
      unit: u.code,
      name: u.name,
      isTotal: u.code === parent.code,
      submitted,
      values,
      done: ind.done,
      base: ind.base,
      rate,
      target: target?.targetPct ?? null,
      targetProvisional: target?.provisional ?? false,
      gap: gapToTarget(rate, target?.targetPct ?? null, AS_PRINTED),
      prevMonth: {
        rate: prevInd?.rate ?? null,
        rateChange: compareRates(rate, prevInd?.rate ?? null).changePoints,
        done: pick(compareValues(ind.done, prevInd ? prevInd.done : null)),
      },
      samePeriodLastYear: {
        rate: lyInd?.rate ?? null,
        rateChange: compareRates(rate, lyInd?.rate ?? null).changePoints,
        done: pick(compareValues(ind.done, lyInd ? lyInd.done : null)),
        sources: ly?.sources ?? [],
      },
      rank: null,
      flags: {
        belowTarget: met === false,
        targetsMet: verdict,
        belowNationalAverage: rate !== null && national !== null && rate < national,
        late: late.late > 0,
        missing: late.missing > 0,
      },
      lateCount: late.late,
      missingCount: late.missing,
      expectedCount: late.expected,
    };
  });
  const ranked = rankBy(rows.filter((r) => !r.isTotal), "rate", "desc", AS_PRINTED);
  for (const { rank, row } of ranked) row.rank = row.rate === null ? null : rank;
  return {
    parent: parent.code,
    parentName: parent.name,
    form: form.id,
    period,
    periodLabel: cumulativeLabel(period),
    nationalAverage: national,
    rows,
    generatedAt,
  };
}

function pick(c: { previous: number | null; change: number | null; changePct: number | null }) {
  return { previous: c.previous, change: c.change, changePct: c.changePct };
}

async function otherFormRates(db: D1Database, nodes: Unit[], formId: string, period: string): Promise<Map<string, number | null>> {
  const out = new Map<string, number | null>();
  let form: FormDefinition;
  try {
    form = await formForPeriod(db, formId, period);
  } catch {
    return out;
  }
  const values = await valuesOfNodes(db, nodes, formId, period);
  for (const [code, v] of values) out.set(code, computeIndicators(v, form.indicators, { missing: "zero" }).rate);
  return out;
}

/** The national rate is the rate of the national sums, never a mean of provincial rates. */
async function nationalRate(db: D1Database, form: FormDefinition, period: string): Promise<number | null> {
  const vn = await getUnit(db, NATIONAL_CODE);
  if (!vn) return null;
  const v = (await valuesOfNodes(db, [vn], form.id, period)).get(vn.code);
  return v ? computeIndicators(v, form.indicators, { missing: "zero" }).rate : null;
}

async function latenessByChild(db: D1Database, parent: Unit, children: Unit[], formId: string, period: string): Promise<Map<string, Lateness>> {
  const expected = await reportingUnder(db, parent.path, periodEnd(period));
  const status = await submissionStatusUnder(db, parent.path, formId, period);
  const out = new Map<string, Lateness>();
  const add = (code: string, late: boolean, missing: boolean) => {
    const l = out.get(code) ?? { expected: 0, late: 0, missing: 0 };
    l.expected += 1;
    if (late) l.late += 1;
    if (missing) l.missing += 1;
    out.set(code, l);
  };
  for (const u of expected) {
    const s = status.get(u.code);
    const late = s !== undefined && parseInstant(s.firstSubmittedAt) > parseInstant(deadlineInstantUtc(period, deadlineLevelOf(u.kind)));
    const child = children.find((c) => u.path.startsWith(c.path));
    if (child) add(child.code, late, s === undefined);
    add(parent.code, late, s === undefined);
  }
  return out;
}

/** Expected, on time, late and missing reports of every reporting unit under `parent`, per form. */
export async function buildCompleteness(db: D1Database, parent: Unit, period: string, forms: FormDefinition[], generatedAt: string): Promise<Completeness> {
  const units = await reportingUnder(db, parent.path, periodEnd(period));
  const rows: Completeness["rows"] = [];
  for (const form of forms) {
    const status = await submissionStatusUnder(db, parent.path, form.id, period);
    for (const u of units) {
      const s = status.get(u.code);
      const deadline = deadlineInstantUtc(period, deadlineLevelOf(u.kind));
      rows.push({
        unit: u.code,
        name: u.name,
        form: form.id,
        status: s === undefined ? "missing" : parseInstant(s.firstSubmittedAt) > parseInstant(deadline) ? "late" : "on_time",
        deadline,
        submittedAt: s?.firstSubmittedAt ?? null,
        revision: s?.revision ?? null,
      });
    }
  }
  return {
    parent: parent.code,
    parentName: parent.name,
    period,
    generatedAt,
    expected: rows.length,
    onTime: rows.filter((r) => r.status === "on_time").length,
    late: rows.filter((r) => r.status === "late").length,
    missing: rows.filter((r) => r.status === "missing").length,
    rows,
  };
}
