import { createSeededRandom } from "../units/demo";
import type { DemoUnitProfile } from "./generate";

/**
 * A demo unit's size and character, from its seed. Sizes are set so that the country's
 * statistical year 2025 lands near the published totals before calibration (calibrate.ts):
 * about 686.000 enforceable cases and 267.000 tỷ đồng nationally.
 */
export function demoUnitProfile(code: string, seed: number, isProvinceOffice: boolean): DemoUnitProfile {
  const rnd = createSeededRandom(seed);
  const weak = rnd() < 0.18;
  return {
    code,
    seed,
    weak,
    size: Math.max(1, Math.round((isProvinceOffice ? 300 : 125) * (0.5 + rnd()))),
    amountPerCase: Math.round(100_000 + rnd() * 500_000),
  };
}
