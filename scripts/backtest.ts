/**
 * Backtest of the year-end outlook (shared/reports/outlook.ts) on the demo history: for every
 * statistical year of the demo whose previous year is complete, project each unit's September
 * rate from each month k = 1 … 11 along last year's path, and compare with the September rate
 * the unit actually reached. Prints Markdown (docs/outlook.md quotes it).
 *
 *   npm run backtest
 *
 * Errors are in percentage points between printed rates. "At risk" is judged against the
 * unit's target of that year (its own or its province's), as the comparison does.
 */
import { buildDemoDataset } from "./demo-data";
import { BUILT_IN_FORMS } from "../shared/forms/definitions";
import { formInForce } from "../shared/forms/registry";
import type { IndicatorDefinition } from "../shared/forms/types";
import { computeIndicator } from "../shared/rollup/indicators";
import { isTargetMet, printedRate } from "../shared/rollup/targets";
import { growthOf, projectRate } from "../shared/reports/outlook";
import { periodEnd, periodOfYear } from "../shared/periods";
import { NATIONAL_CODE } from "../shared/units/types";
import { roundTo } from "../shared/format";

type Method = "blend" | "own" | "national" | "flat";
const METHODS: Method[] = ["blend", "own", "national", "flat"];
const METHOD_NAME: Record<Method, string> = {
  blend: "½ (own + country) — the product's method",
  own: "own path only",
  national: "country's path only",
  flat: "no growth (rate now)",
};

const data = buildDemoDataset();
const values = new Map<string, Record<string, number>>();
for (const a of data.aggregates) values.set(a.nodeCode + "|" + a.formId + "|" + a.period, a.values);
for (const s of data.submissions) values.set(s.unitCode + "|" + s.formId + "|" + s.period, s.values);
const years = Array.from(new Set(data.periods.map((p) => Number(p.slice(0, 4)) + (Number(p.slice(5)) >= 10 ? 1 : 0)))).sort();
const complete = years.filter((y) => data.periods.indexOf(periodOfYear(y, 12)) >= 0);

/** Exact rate of `ind` for a unit and period, with the definition in force then; null without a report. */
function rate(code: string, formId: string, ind: IndicatorDefinition, period: string): number | null {
  const def = formInForce(BUILT_IN_FORMS, formId, periodEnd(period));
  const v = values.get(code + "|" + formId + "|" + period);
  const pi = def ? def.indicators.filter((x) => x.id === ind.id)[0] : undefined;
  if (!v || !pi) return null;
  return computeIndicator(pi, { own: v }).rate;
}

function path(code: string, formId: string, ind: IndicatorDefinition, year: number): (number | null)[] {
  const out: (number | null)[] = [];
  for (let m = 1; m <= 12; m++) out.push(rate(code, formId, ind, periodOfYear(year, m)));
  return out;
}

function targetOf(year: number, unit: string, parent: string | null, indicator: string): number | null {
  const own = data.targets.filter((t) => t.year === year && t.unitCode === unit && t.indicator === indicator)[0];
  if (own) return own.targetPct;
  const up = parent === null ? undefined : data.targets.filter((t) => t.year === year && t.unitCode === parent && t.indicator === indicator)[0];
  return up ? up.targetPct : null;
}

interface Acc { n: number; abs: number; signed: number; max: number; tp: number; fp: number; fn: number; tn: number }
const blank = (): Acc => ({ n: 0, abs: 0, signed: 0, max: 0, tp: 0, fp: 0, fn: 0, tn: 0 });

const levels: { name: string; units: { code: string; parent: string | null }[] }[] = [
  { name: "34 provinces", units: data.units.filter((u) => u.kind === "province").map((u) => ({ code: u.code, parent: NATIONAL_CODE })) },
  { name: `${data.units.filter((u) => u.reporting).length} offices`, units: data.units.filter((u) => u.reporting).map((u) => ({ code: u.code, parent: u.parentCode })) },
];

const out: string[] = [];
const started = Date.now();
for (const year of complete) {
  if (complete.indexOf(year - 1) < 0) {
    out.push(`- Statistical year ${year}: no complete year ${year - 1} in the demo to take the path from; not projected.`);
    continue;
  }
  for (const form of BUILT_IN_FORMS.filter((f) => f.validFrom <= periodEnd(periodOfYear(year, 12)) && (f.validTo === null || f.validTo >= periodEnd(periodOfYear(year, 12))))) {
    for (const ind of form.indicators.filter((i) => i.targeted)) {
      const national = path(NATIONAL_CODE, form.id, ind, year - 1);
      for (const level of levels) {
        out.push("", `### ${ind.label.en} (${ind.id}), ${level.name}: statistical year ${year} projected along ${year - 1}`, "");
        out.push("| from month | method | units | mean abs. error (points) | max abs. error | mean signed error | at risk flagged / actually missed | flagged and missed | missed, not flagged |");
        out.push("|---|---|---|---|---|---|---|---|---|");
        for (let k = 1; k <= 11; k++) {
          const acc: Record<Method, Acc> = { blend: blank(), own: blank(), national: blank(), flat: blank() };
          for (const u of level.units) {
            const now = rate(u.code, form.id, ind, periodOfYear(year, k));
            const actual = printedRate(rate(u.code, form.id, ind, periodOfYear(year, 12)), ind.decimals);
            if (now === null || actual === null) continue;
            const own = path(u.code, form.id, ind, year - 1);
            const target = targetOf(year, u.code, u.parent, ind.id);
            for (const method of METHODS) {
              const projected =
                method === "flat" ? now
                : method === "blend" ? projectRate({ month: k, rate: now, ownLastYear: own, nationalLastYear: national, projection: ind.projection }).rate
                : method === "own" ? (growthOf(own, k) === null ? null : Math.min(100, now * (growthOf(own, k) as number)))
                : growthOf(national, k) === null ? null : Math.min(100, now * (growthOf(national, k) as number));
              const shown = printedRate(projected, ind.decimals);
              if (shown === null) continue;
              const a = acc[method];
              const err = roundTo(shown - actual, ind.decimals);
              a.n++;
              a.abs += Math.abs(err);
              a.signed += err;
              a.max = Math.max(a.max, Math.abs(err));
              if (target !== null) {
                const flagged = isTargetMet({ rate: shown, target, comparison: "gte", decimals: ind.decimals }) === false;
                const missed = isTargetMet({ rate: actual, target, comparison: "gte", decimals: ind.decimals }) === false;
                if (flagged && missed) a.tp++;
                else if (flagged) a.fp++;
                else if (missed) a.fn++;
                else a.tn++;
              }
            }
          }
          for (const method of METHODS) {
            const a = acc[method];
            if (a.n === 0) continue;
            const f = (x: number) => x.toFixed(2);
            const name = method === "blend" && ind.projection === "level" ? "level: the rate now — the product's method for this indicator" : METHOD_NAME[method];
            out.push(`| ${k} | ${name} | ${a.n} | ${f(a.abs / a.n)} | ${f(a.max)} | ${a.signed >= 0 ? "+" : ""}${f(a.signed / a.n)} | ${a.tp + a.fp} / ${a.tp + a.fn} | ${a.tp} | ${a.fn} |`);
          }
        }
      }
    }
  }
}
console.log(`Backtest of the year-end outlook on the demo history (years ${years.join(", ")}; ${data.units.length} units), ${new Date().toISOString().slice(0, 10)}, ${Date.now() - started} ms`);
console.log(out.join("\n"));
