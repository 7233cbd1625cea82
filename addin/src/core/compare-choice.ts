/**
 * Who gets the "Bảng so sánh" tab, and which parents they can pick. The Worker decides what
 * a token may read (403 otherwise); the pane only offers what makes sense for the caller's
 * place in the hierarchy, as GET /api/v1/units describes it.
 */
import type { UnitDto } from "../../../shared/api/schemas";

export const NATIONAL_CODE = "VN";

/** The top of what the token sees: VN for national staff, the province for province staff, the office for a clerk. */
export function rootUnit(units: readonly UnitDto[]): UnitDto | null {
  let best: UnitDto | null = null;
  for (const u of units) if (best === null || u.path.length < best.path.length) best = u;
  return best;
}

/** Province and national staff compare units; a clerk's token sees one office, with nothing below it. */
export function canCompare(units: readonly UnitDto[]): boolean {
  const root = rootUnit(units);
  return root !== null && (root.level === "national" || root.level === "province");
}

export interface ParentOption {
  code: string;
  label: string;
}

/**
 * National staff: the country, then each province. Province staff: their province, then the
 * country — the Worker answers whether this token may read it (403 with its reason if not).
 */
export function parentOptions(units: readonly UnitDto[], ancestors: readonly UnitDto[]): ParentOption[] {
  const root = rootUnit(units);
  if (root === null) return [];
  const out: ParentOption[] = [];
  if (root.level === "national") {
    out.push({ code: root.code, label: "Toàn quốc (các tỉnh, thành phố)" });
    const provinces = units.filter((u) => u.level === "province").slice().sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    for (const p of provinces) out.push({ code: p.code, label: p.name + " (các đơn vị)" });
    return out;
  }
  if (root.level === "province") {
    out.push({ code: root.code, label: root.name + " (các đơn vị)" });
    for (const a of ancestors) if (a.level === "national") out.push({ code: a.code, label: "Toàn quốc (các tỉnh, thành phố)" });
  }
  return out;
}

export function isProvince(units: readonly UnitDto[], ancestors: readonly UnitDto[], code: string): boolean {
  for (const u of units.concat(ancestors)) if (u.code === code) return u.level === "province";
  return false;
}

export function unitName(units: readonly UnitDto[], ancestors: readonly UnitDto[], code: string): string {
  for (const u of units.concat(ancestors)) if (u.code === code) return u.name;
  return code;
}
