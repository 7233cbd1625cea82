/**
 * Units of measure are evidence: "Đơn vị tính: đồng" above a table means every money figure
 * in it is 1.000 times what the form (in nghìn đồng) holds. This reads such statements from
 * unit lines ("Đơn vị tính: …", "ĐVT: …") and from header words ("Tiền (đồng)", "Việc").
 */
import { normalizeText, tokens } from "./normalize";
import type { Scale } from "./numbers";
import { COUNT_UNIT_WORDS, MONEY_UNIT_WORDS, MONEY_UNITS, UNIT_LINE_STARTS, type MoneyScale } from "./vocabulary";

export type { MoneyScale } from "./vocabulary";

export interface UnitWords {
  count: boolean;
  money: MoneyScale | null;
}

/** The unit words in a normalised text: "viec", "nghin dong", "1 000 dong", "trieu dong"… */
export function unitWords(norm: string): UnitWords {
  const padded = " " + norm + " ";
  let money: MoneyScale | null = null;
  for (let i = 0; i < MONEY_UNITS.length && money === null; i++) {
    const entry = MONEY_UNITS[i] as [string, MoneyScale];
    if (padded.indexOf(" " + entry[0] + " ") >= 0) money = entry[1];
  }
  const words = tokens(norm);
  let count = false;
  for (let i = 0; i < words.length; i++) if (words[i] === "viec") count = true;
  return { count, money };
}

/**
 * A cell stating the unit of measure: "Đơn vị tính: việc", "ĐVT: 1.000 đồng", "Đơn vị tính:
 * Việc; Tiền: nghìn đồng". "Đơn vị" alone is also the header of the units' column, so it counts
 * only when a unit word follows it directly.
 */
export function unitLine(text: string): UnitWords | null {
  const norm = normalizeText(text);
  for (let i = 0; i < UNIT_LINE_STARTS.length; i++) {
    const start = UNIT_LINE_STARTS[i] as string;
    if (norm !== start && norm.indexOf(start + " ") !== 0) continue;
    const rest = norm.slice(start.length + 1);
    const w = unitWords(rest);
    if (start === "don vi") {
      const first = tokens(rest)[0];
      if (first !== "viec" && w.money === null) return null;
      if (first !== "viec" && !unitWordFirst(rest)) return null;
    }
    return w.count || w.money !== null ? w : null;
  }
  return null;
}

function unitWordFirst(rest: string): boolean {
  for (let i = 0; i < MONEY_UNITS.length; i++) if ((rest + " ").indexOf((MONEY_UNITS[i] as [string, MoneyScale])[0] + " ") === 0) return true;
  return false;
}

/**
 * What a header cell says about its column's unit: "Việc" and "Số việc" count cases, "Tiền",
 * "Số tiền", "Giá trị" count money, "(đồng)" or "(nghìn đồng)" give the money's scale.
 * `unitOnly` is true when the cell names nothing but the unit (a Việc/Tiền sub-header).
 */
export function headerUnit(raw: string): { kind: "count" | "money" | null; scale: MoneyScale | null; unitOnly: boolean; rest: string } {
  let scale: MoneyScale | null = null;
  let count = false;
  // Units are written in brackets after the label: "Số tiền (nghìn đồng)", "Thụ lý (việc)".
  const inBrackets = /[([]([^)\]]*)[)\]]/g;
  let m: RegExpExecArray | null;
  let rest = raw;
  while ((m = inBrackets.exec(raw)) !== null) {
    const w = unitWords(normalizeText(m[1] as string));
    if (w.money !== null || (w.count && normalizeText(m[1] as string) === "viec")) {
      if (w.money !== null) scale = w.money;
      if (w.count) count = true;
      rest = rest.replace(m[0], " ");
    }
  }
  const norm = normalizeText(rest);
  let kind: "count" | "money" | null = scale !== null ? "money" : count ? "count" : null;
  let unitOnly = false;
  if (COUNT_UNIT_WORDS[norm]) {
    kind = "count";
    unitOnly = true;
  } else if (MONEY_UNIT_WORDS[norm]) {
    kind = "money";
    unitOnly = true;
  } else if (norm === "" && kind !== null) {
    unitOnly = true;
  } else {
    // A whole cell that is a money unit: "Nghìn đồng", "Đồng".
    const w = unitWords(norm);
    if (w.money !== null && tokens(norm).length <= 3 && isUnitPhrase(norm)) {
      kind = "money";
      scale = w.money;
      unitOnly = true;
    }
  }
  return { kind, scale, unitOnly, rest: unitOnly ? "" : rest };
}

function isUnitPhrase(norm: string): boolean {
  for (let i = 0; i < MONEY_UNITS.length; i++) {
    const u = (MONEY_UNITS[i] as [string, MoneyScale])[0];
    if (norm === u || norm === "so tien " + u || norm === "tien " + u) return true;
  }
  return false;
}

/** How to turn a figure in `scale` into nghìn đồng, exactly. */
export function toThousands(scale: MoneyScale): Scale | null {
  switch (scale) {
    case "dong":
      return { divide: 1000 };
    case "trieu_dong":
      return { multiply: 1000 };
    case "ty_dong":
      return { multiply: 1000000 };
    default:
      return null;
  }
}

export const SCALE_NAMES: Record<MoneyScale, string> = {
  dong: "đồng",
  nghin_dong: "nghìn đồng",
  trieu_dong: "triệu đồng",
  ty_dong: "tỷ đồng",
};
