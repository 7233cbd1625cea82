// Public surface of the roll-up core: exact sums, indicators, comparisons, targets, ranks.
export { addExact, isSafeInt, MAX_SAFE, sumValues } from "./sum";
export type { MissingStrategy, SumError, SumOptions, SumResult } from "./sum";
export { computeIndicators, ratePercent, TIEN_INDICATORS, VIEC_INDICATORS } from "./indicators";
export type { IndicatorConfig, IndicatorOptions, Indicators } from "./indicators";
export { compareRates, compareValues, gapToTarget } from "./compare";
export type { RateComparison, RateDiffOptions, ValueComparison } from "./compare";
export { countVerdicts, isTargetMet, targetStatus } from "./targets";
export type {
  NullRatePolicy,
  Rates,
  TargetComparison,
  TargetOptions,
  Targets,
  TargetStatus,
  TargetVerdict,
  VerdictCounts,
} from "./targets";
export { averageRate, belowAverage, rankBy, toRateRow } from "./ranking";
export type { RankDirection, Ranked, RateRow, RateThresholdOptions } from "./ranking";
