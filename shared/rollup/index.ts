// Public surface of the roll-up core: exact sums, indicators, comparisons, targets, ranks.
export { addExact, isSafeInt, MAX_SAFE, sumValues } from "./sum";
export type { MissingStrategy, SumError, SumOptions, SumResult } from "./sum";
export { computeIndicator, headlineIndicator, ratePercent, targetedIndicator } from "./indicators";
export type { IndicatorInputs, IndicatorOptions, IndicatorValue } from "./indicators";
export { compareRates, compareValues } from "./compare";
export type { RateComparison, ValueComparison } from "./compare";
export { countVerdicts, defaultComparisonFor, effectiveTarget, gapToTarget, indexTargets, isTargetMet, printedRate, verdictOf, verdictText } from "./targets";
export type { EffectiveTarget, NullRatePolicy, TargetCheck, TargetComparison, TargetIndex, TargetRecord, Verdict, VerdictCounts } from "./targets";
export { averageRate, rankBy, ranksOf, worseThanAverage } from "./ranking";
export type { RankDirection, Ranked } from "./ranking";
