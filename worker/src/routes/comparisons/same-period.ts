import { valuesOfNodes } from "../../db/aggregates";
import { listPredecessors } from "../../db/units";
import { sumValues } from "../../../../shared/rollup";
import type { Unit } from "../../../../shared/units/types";

export interface SamePeriodValues {
  values: Record<string, number>;
  /** The units whose reports make up the figure: the unit itself, or the units it replaced. */
  sources: string[];
}

/** How far back a chain of re-organisations is followed (huyện → thị xã → khu vực is two). */
const MAX_GENERATIONS = 5;

/**
 * Cùng kỳ across the re-organisation: a unit that did not exist a year ago is compared with
 * the units it replaced (those whose successor it is), summed exactly. A predecessor with its
 * own report stands for itself; one without is replaced in turn by its own predecessors.
 */
export async function samePeriodValues(db: D1Database, nodes: readonly Unit[], form: string, period: string): Promise<Map<string, SamePeriodValues>> {
  const out = new Map<string, SamePeriodValues>();
  const direct = await valuesOfNodes(db, nodes, form, period);
  for (const u of nodes) {
    const v = direct.get(u.code);
    if (v) out.set(u.code, { values: v, sources: [u.code] });
  }
  for (const u of nodes) {
    if (out.has(u.code)) continue;
    const found: Record<string, number>[] = [];
    const sources: string[] = [];
    const seen = new Set<string>([u.code]);
    let frontier = [u.code];
    for (let g = 0; g < MAX_GENERATIONS && frontier.length > 0; g++) {
      const preds = (await listPredecessors(db, frontier)).filter((p) => !seen.has(p.code));
      preds.forEach((p) => seen.add(p.code));
      const values = await valuesOfNodes(db, preds, form, period);
      frontier = [];
      for (const p of preds) {
        const v = values.get(p.code);
        if (v) {
          found.push(v);
          sources.push(p.code);
        } else frontier.push(p.code);
      }
    }
    if (found.length === 0) continue;
    const keys = Array.from(new Set(found.flatMap((v) => Object.keys(v))));
    const sum = sumValues(found, keys);
    // Each part was validated when stored; an overflow of the sum is a data problem to surface.
    if (!sum.ok) throw new Error(`cùng kỳ of ${u.code}: ${sum.error} in ${sum.field}`);
    out.set(u.code, { values: sum.values, sources: sources.sort() });
  }
  return out;
}
