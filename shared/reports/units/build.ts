import type { UnitsSheet, UnitsSheetRow } from "../../api/sheets";
import { isInSubtree } from "../../units/path";
import type { Unit } from "../../units/types";

export interface UnitTokenInfo {
  id: string;
  unit: string;
  label: string;
  role: string;
  expiresAt: string | null;
}

/** What the units sheet is built from, read by the Worker in one batch. */
export interface UnitsSheetData {
  parent: Unit;
  /** The parent, its ancestors, and everything below it (every validity). */
  units: readonly Unit[];
  /** The latest period reported by each child (by any office under it, for a province). */
  lastReports: Readonly<Record<string, string>>;
  /** Tokens of the children that still work. */
  tokens: readonly UnitTokenInfo[];
  generatedAt: string;
}

function byPath(a: Unit, b: Unit): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/** The parent's units of every validity (history stays in the list), with what closing one would touch. */
export function buildUnitsSheet(data: UnitsSheetData): UnitsSheet {
  const rows: UnitsSheetRow[] = data.units
    .filter((u) => u.parentCode === data.parent.code)
    .sort(byPath)
    .map((u) => ({
      ...u,
      lastReport: data.lastReports[u.code] ?? null,
      tokens: data.tokens.filter((t) => t.unit === u.code).map((t) => ({ id: t.id, label: t.label, role: t.role, expiresAt: t.expiresAt })),
    }));
  const children: Record<string, true> = {};
  for (const r of rows) children[r.code] = true;
  const context = data.units
    .filter((u) => u.code !== data.parent.code && !children[u.code] && (isInSubtree(data.parent.path, u.path) || isInSubtree(u.path, data.parent.path)))
    .sort(byPath);
  return { parent: data.parent, generatedAt: data.generatedAt, rows, context };
}
