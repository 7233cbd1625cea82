/**
 * Vietnamese number style: "." groups thousands, "," marks decimals (1.234.567; 84,25%).
 * Plain string work instead of Intl, because the task pane also runs in IE11, whose
 * Intl data for "vi-VN" is missing or different on many installations.
 */

function groupThousands(digits: string): string {
  let out = "";
  for (let i = 0; i < digits.length; i++) {
    const fromEnd = digits.length - i;
    out += digits.charAt(i);
    if (fromEnd > 1 && fromEnd % 3 === 1) out += ".";
  }
  return out;
}

/**
 * Rounds half away from zero at `decimals` places. The small nudge keeps values such as
 * 1.005 (stored as 1.00499999…) from rounding down; rates are ratios, so the nudge is far
 * below anything a user can see.
 */
export function roundTo(value: number, decimals: number): number {
  const factor = Math.pow(10, decimals);
  const scaled = Math.abs(value) * factor;
  // Beyond ~10^9 (scaled) the nudge would grow to whole units and move the result itself
  // (6·10^14 printed as …001), and the ulp there is too coarse for it to help anyway.
  const nudge = scaled * Number.EPSILON * 4;
  const rounded = Math.round(nudge < 1e-6 ? scaled + nudge : scaled) / factor;
  return value < 0 ? -rounded : rounded;
}

/** 1234567 → "1.234.567"; −33568 → "-33.568". Whole numbers only are grouped exactly. */
export function formatInteger(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  // Round first (half away from zero, like formatDecimal) and take the sign from the
  // rounded value: Math.round(-2.5) is -2 and -0.4 used to print as "-0".
  const rounded = roundTo(value, 0);
  const sign = rounded < 0 ? "-" : "";
  return sign + groupThousands(Math.abs(rounded).toFixed(0));
}

/** 84.2508 → "84,25" (two decimals by default, Vietnamese separators). */
export function formatDecimal(value: number, decimals = 2): string {
  if (!Number.isFinite(value)) return String(value);
  const rounded = roundTo(value, decimals);
  const sign = rounded < 0 ? "-" : "";
  const fixed = Math.abs(rounded).toFixed(decimals);
  const dot = fixed.indexOf(".");
  const intPart = dot < 0 ? fixed : fixed.slice(0, dot);
  const fracPart = dot < 0 ? "" : fixed.slice(dot + 1);
  return sign + groupThousands(intPart) + (fracPart ? "," + fracPart : "");
}

/** A percentage already multiplied by 100: 84.2508 → "84,25%". */
export function formatPercent(value: number, decimals = 2): string {
  return formatDecimal(value, decimals) + "%";
}

/** A signed change, e.g. +2,18 (points) or −1.234 (cases). */
export function formatSigned(value: number, decimals = 0): string {
  const body = decimals === 0 ? formatInteger(value) : formatDecimal(value, decimals);
  // The sign follows what is printed: 0.004 at two decimals is "0,00", not "+0,00".
  return roundTo(value, decimals) > 0 ? "+" + body : body;
}
