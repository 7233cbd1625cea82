import { isInSubtree, unitPath } from "./path";
import { LEVEL_OF_KIND, PARENT_LEVEL_OF } from "./types";
import type { Unit, UnitLevel } from "./types";

/**
 * Read access to a unit tree. Built from a flat list (as stored or uploaded) without
 * validating it: run `validateHierarchy` first on data that has not been checked.
 */
export interface UnitHierarchy {
  /** All units, ordered by path (a parent before its children, offices in code order). */
  units: readonly Unit[];
  /** On a duplicate code the first occurrence wins; `validateHierarchy` reports the rest. */
  byCode: ReadonlyMap<string, Unit>;
  /** Direct children, ordered by path; only those valid on `onDate` when it is given. */
  children(code: string, onDate?: string): Unit[];
  /**
   * The offices that submit forms for this node's roll-up: every reporting unit whose
   * path starts with the node's path (the node itself if it is an office), valid on
   * `onDate` when given. Unknown code: empty.
   */
  reportingUnitsUnder(code: string, onDate?: string): Unit[];
  /** From the root down to the parent, excluding the unit itself. Unknown code: empty. */
  ancestors(code: string): Unit[];
  validOn(unit: Unit, isoDate: string): boolean;
  /**
   * The unit that carries this unit's caseload on `onDate`: the unit itself when valid
   * then, otherwise the first valid unit along its successor chain. Null when the chain
   * ends, breaks (unknown code) or loops before reaching a unit valid on that date.
   */
  resolveSuccessor(code: string, onDate: string): Unit | null;
  /**
   * Every unit whose successor chain passes through `code` (transitively), ordered by
   * path: the old units whose figures make up this unit's "cùng kỳ".
   */
  predecessors(code: string): Unit[];
}

/** ISO dates compare correctly as strings; both bounds are inclusive. */
export function validOn(unit: Unit, isoDate: string): boolean {
  return unit.validFrom <= isoDate && (unit.validTo === null || isoDate <= unit.validTo);
}

function byPath(a: Unit, b: Unit): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

export function buildHierarchy(input: readonly Unit[]): UnitHierarchy {
  const units = input.slice().sort(byPath);
  const byCode = new Map<string, Unit>();
  const childrenOf = new Map<string, Unit[]>();
  const predecessorsOf = new Map<string, Unit[]>();
  for (const u of units) {
    if (byCode.has(u.code)) continue;
    byCode.set(u.code, u);
  }
  for (const u of units) {
    if (byCode.get(u.code) !== u) continue;
    if (u.parentCode !== null) pushTo(childrenOf, u.parentCode, u);
    if (u.successorCode !== null) pushTo(predecessorsOf, u.successorCode, u);
  }
  const reporting = units.filter((u) => u.reporting && byCode.get(u.code) === u);

  return {
    units,
    byCode,
    validOn,
    children(code, onDate) {
      const list = childrenOf.get(code) ?? [];
      return onDate === undefined ? list.slice() : list.filter((u) => validOn(u, onDate));
    },
    reportingUnitsUnder(code, onDate) {
      const node = byCode.get(code);
      if (node === undefined) return [];
      return reporting.filter(
        (u) => isInSubtree(u.path, node.path) && (onDate === undefined || validOn(u, onDate)),
      );
    },
    ancestors(code) {
      const chain: Unit[] = [];
      const seen = new Set<string>();
      let current = byCode.get(code);
      // Guarded against parent loops: unvalidated data must not hang the caller.
      while (current !== undefined && current.parentCode !== null && !seen.has(current.code)) {
        seen.add(current.code);
        current = byCode.get(current.parentCode);
        if (current !== undefined) chain.push(current);
      }
      return chain.reverse();
    },
    resolveSuccessor(code, onDate) {
      const seen = new Set<string>();
      let current = byCode.get(code);
      while (current !== undefined && !seen.has(current.code)) {
        if (validOn(current, onDate)) return current;
        seen.add(current.code);
        if (current.successorCode === null) return null;
        current = byCode.get(current.successorCode);
      }
      return null;
    },
    predecessors(code) {
      const found: Unit[] = [];
      // No constructor argument: IE11's Set ignores it.
      const seen = new Set<string>();
      seen.add(code);
      const queue = [code];
      while (queue.length > 0) {
        const next = queue.shift() as string;
        for (const p of predecessorsOf.get(next) ?? []) {
          if (seen.has(p.code)) continue;
          seen.add(p.code);
          found.push(p);
          queue.push(p.code);
        }
      }
      return found.sort(byPath);
    },
  };
}

function pushTo(map: Map<string, Unit[]>, key: string, unit: Unit): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [unit]);
  else list.push(unit);
}

// ---------------------------------------------------------------------------
// Validation: problems are data (tagged by `code`), worded elsewhere, like findings.
// ---------------------------------------------------------------------------

export type HierarchyProblemCode =
  /** Two units share a code; the first one is kept. */
  | "duplicate_code"
  /** parentCode names no unit in the list. */
  | "unknown_parent"
  /** The parent is not one level up (an office under an office, a province at the root). */
  | "parent_level_mismatch"
  /** path is not the parent's path + code + "/" (or "/code/" at the root). */
  | "path_mismatch"
  /** kind and level disagree (a regional office at province level), or either is unknown. */
  | "level_kind_mismatch"
  /** Offices report and aggregates do not; anything else would count figures twice or never. */
  | "reporting_mismatch"
  /** A reporting unit has children: its figures would be counted again through them. */
  | "reporting_not_leaf"
  /** successorCode names no unit in the list. */
  | "unknown_successor"
  /** Following successors comes back to the start: "cùng kỳ" mapping would never end. */
  | "successor_cycle"
  /** validFrom/validTo are not ISO dates, or validTo is before validFrom. */
  | "invalid_validity"
  /** The unit is valid on a day its parent is not: its figures would roll up into nothing. */
  | "validity_outside_parent";

export interface HierarchyProblemParams {
  parentCode?: string | null;
  successorCode?: string;
  expected?: string | null;
  actual?: string | null;
  /** The other units involved: the children of a reporting unit, the members of a cycle. */
  codes?: string[];
}

export interface HierarchyProblem {
  code: HierarchyProblemCode;
  unitCode: string;
  params: HierarchyProblemParams;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isIsoDate(value: unknown): boolean {
  if (typeof value !== "string") return false;
  const m = ISO_DATE.exec(value);
  if (m === null) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/**
 * Checks a flat list of units, as a national administrator would upload it. Returns
 * every problem found (empty when the tree is sound), never throws on bad data.
 */
export function validateHierarchy(units: readonly Unit[]): HierarchyProblem[] {
  const problems: HierarchyProblem[] = [];
  const byCode = new Map<string, Unit>();
  const first: Unit[] = [];
  for (const u of units) {
    if (byCode.has(u.code)) {
      problems.push({ code: "duplicate_code", unitCode: u.code, params: {} });
      continue;
    }
    byCode.set(u.code, u);
    first.push(u);
  }

  const childCodes = new Map<string, string[]>();
  for (const u of first) {
    if (u.parentCode === null) continue;
    const list = childCodes.get(u.parentCode);
    if (list === undefined) childCodes.set(u.parentCode, [u.code]);
    else list.push(u.code);
  }

  for (const u of first) {
    const datesOk = isIsoDate(u.validFrom) && (u.validTo === null || isIsoDate(u.validTo));
    if (!datesOk || (u.validTo !== null && u.validTo < u.validFrom)) {
      problems.push({
        code: "invalid_validity",
        unitCode: u.code,
        params: { expected: "validFrom ≤ validTo, ISO dates", actual: u.validFrom + " → " + String(u.validTo) },
      });
    }

    // Lookups are guarded because uploaded data may carry values outside the union types.
    const kindLevel = (LEVEL_OF_KIND as Record<string, UnitLevel | undefined>)[u.kind];
    const expectedParentLevel = (PARENT_LEVEL_OF as Record<string, UnitLevel | null | undefined>)[u.level];
    if (kindLevel === undefined || expectedParentLevel === undefined || kindLevel !== u.level) {
      problems.push({
        code: "level_kind_mismatch",
        unitCode: u.code,
        params: { expected: kindLevel ?? null, actual: u.level },
      });
    }
    if (u.reporting !== (u.level === "office")) {
      problems.push({
        code: "reporting_mismatch",
        unitCode: u.code,
        params: { expected: String(u.level === "office"), actual: String(u.reporting) },
      });
    }

    if (u.parentCode === null) {
      if (expectedParentLevel !== undefined && expectedParentLevel !== null) {
        problems.push({
          code: "parent_level_mismatch",
          unitCode: u.code,
          params: { parentCode: null, expected: expectedParentLevel, actual: null },
        });
      }
      checkPath(problems, u, "/" + u.code + "/");
    } else {
      const parent = byCode.get(u.parentCode);
      if (parent === undefined) {
        problems.push({ code: "unknown_parent", unitCode: u.code, params: { parentCode: u.parentCode } });
      } else {
        if (expectedParentLevel !== undefined && parent.level !== expectedParentLevel) {
          problems.push({
            code: "parent_level_mismatch",
            unitCode: u.code,
            params: { parentCode: parent.code, expected: expectedParentLevel, actual: parent.level },
          });
        }
        checkPath(problems, u, parent.path + u.code + "/");
        const startsInside = parent.validFrom <= u.validFrom;
        const endsInside = parent.validTo === null || (u.validTo !== null && u.validTo <= parent.validTo);
        if (datesOk && (!startsInside || !endsInside)) {
          problems.push({
            code: "validity_outside_parent",
            unitCode: u.code,
            params: {
              parentCode: parent.code,
              expected: parent.validFrom + " → " + String(parent.validTo),
              actual: u.validFrom + " → " + String(u.validTo),
            },
          });
        }
      }
    }

    if (u.successorCode !== null && !byCode.has(u.successorCode)) {
      problems.push({ code: "unknown_successor", unitCode: u.code, params: { successorCode: u.successorCode } });
    }

    const kids = childCodes.get(u.code);
    if (u.reporting && kids !== undefined) {
      problems.push({ code: "reporting_not_leaf", unitCode: u.code, params: { codes: kids.slice() } });
    }
  }

  for (const cycle of successorCycles(first, byCode)) {
    problems.push({ code: "successor_cycle", unitCode: cycle[0] as string, params: { codes: cycle } });
  }
  return problems;
}

function checkPath(problems: HierarchyProblem[], u: Unit, expected: string): void {
  if (u.path !== expected) {
    problems.push({ code: "path_mismatch", unitCode: u.code, params: { expected, actual: u.path } });
  }
}

/**
 * Each successor cycle once, rotated to start at its smallest code so that the same
 * loop is reported the same way whatever the input order.
 */
function successorCycles(units: readonly Unit[], byCode: ReadonlyMap<string, Unit>): string[][] {
  const DONE = 2;
  const ON_WALK = 1;
  // A Map, not an object: a unit code such as "constructor" must not hit the prototype.
  const state = new Map<string, number>();
  const cycles: string[][] = [];
  for (const start of units) {
    if (state.has(start.code)) continue;
    const walk: string[] = [];
    let current: Unit | undefined = start;
    while (current !== undefined && !state.has(current.code)) {
      state.set(current.code, ON_WALK);
      walk.push(current.code);
      current = current.successorCode === null ? undefined : byCode.get(current.successorCode);
    }
    if (current !== undefined && state.get(current.code) === ON_WALK) {
      const loop = walk.slice(walk.indexOf(current.code));
      let min = 0;
      for (let i = 1; i < loop.length; i++) if ((loop[i] as string) < (loop[min] as string)) min = i;
      cycles.push(loop.slice(min).concat(loop.slice(0, min)));
    }
    for (const code of walk) state.set(code, DONE);
  }
  return cycles;
}

/** A stable text key of a problem: to tell the problems a change introduces from those already there. */
export function hierarchyProblemKey(p: HierarchyProblem): string {
  return JSON.stringify([p.code, p.unitCode, p.params]);
}

/**
 * The problems of `after` that `before` did not have: what a change to the unit list would
 * introduce. An older inconsistency elsewhere does not block an unrelated change.
 */
export function problemsIntroduced(before: readonly Unit[], after: readonly Unit[]): HierarchyProblem[] {
  const known: Record<string, true> = {};
  for (const p of validateHierarchy(before)) known[hierarchyProblemKey(p)] = true;
  return validateHierarchy(after).filter((p) => known[hierarchyProblemKey(p)] !== true);
}

/** What an administrator gives for a unit: the rest follows from its kind and its parent. */
export type UnitInput = Omit<Unit, "level" | "reporting" | "path">;

/** The unit an input describes under a parent at `parentPath` (null: the root). Offices report. */
export function unitFromInput(input: UnitInput, parentPath: string | null): Unit {
  const level = LEVEL_OF_KIND[input.kind];
  return { ...input, level, reporting: level === "office", path: unitPath(parentPath, input.code) };
}
