import type { Unit } from "../../../shared/units/types";

export interface NodeValues {
  values: Record<string, number>;
  contributors: number;
  updatedAt: string | null;
}

/**
 * Values of any node for one form and period: a reporting office reads its latest revision,
 * a province or the nation reads the aggregate kept current by each submission.
 */
export async function nodeValues(db: D1Database, unit: Unit, form: string, period: string): Promise<NodeValues> {
  if (unit.reporting) {
    const [vals, rev] = await db.batch<{ field?: string; value?: number; submitted_at?: string }>([
      db.prepare(`SELECT field, value FROM latest_values WHERE unit_code = ? AND form_id = ? AND period = ?`).bind(unit.code, form, period),
      db.prepare(`SELECT submitted_at FROM latest_revisions WHERE unit_code = ? AND form_id = ? AND period = ?`).bind(unit.code, form, period),
    ]);
    const values: Record<string, number> = {};
    for (const r of vals?.results ?? []) if (r.field !== undefined && r.value !== undefined) values[r.field] = r.value;
    const submittedAt = rev?.results[0]?.submitted_at ?? null;
    return { values, contributors: submittedAt ? 1 : 0, updatedAt: submittedAt };
  }
  const [vals, meta] = await db.batch<{ field?: string; value?: number; contributors?: number; updated_at?: string }>([
    db.prepare(`SELECT field, value FROM aggregates WHERE node_code = ? AND form_id = ? AND period = ?`).bind(unit.code, form, period),
    db.prepare(`SELECT contributors, updated_at FROM aggregate_meta WHERE node_code = ? AND form_id = ? AND period = ?`).bind(unit.code, form, period),
  ]);
  const values: Record<string, number> = {};
  for (const r of vals?.results ?? []) if (r.field !== undefined && r.value !== undefined) values[r.field] = r.value;
  const m = meta?.results[0];
  return { values, contributors: m?.contributors ?? 0, updatedAt: m?.updated_at ?? null };
}

/**
 * Values of many sibling nodes at once (one query per kind), for comparison sheets:
 * code → field → value.
 */
export async function valuesOfNodes(
  db: D1Database,
  units: readonly Unit[],
  form: string,
  period: string,
): Promise<Map<string, Record<string, number>>> {
  const out = new Map<string, Record<string, number>>();
  const offices = units.filter((u) => u.reporting).map((u) => u.code);
  const nodes = units.filter((u) => !u.reporting).map((u) => u.code);
  const read = async (table: "latest_values" | "aggregates", keyCol: string, codes: string[]) => {
    // D1 allows 100 bound parameters per statement: chunk the IN list.
    for (let i = 0; i < codes.length; i += 90) {
      const chunk = codes.slice(i, i + 90);
      const { results } = await db
        .prepare(
          `SELECT ${keyCol} AS code, field, value FROM ${table}
            WHERE form_id = ? AND period = ? AND ${keyCol} IN (${chunk.map(() => "?").join(",")})`,
        )
        .bind(form, period, ...chunk)
        .all<{ code: string; field: string; value: number }>();
      for (const r of results) {
        const rec = out.get(r.code) ?? {};
        rec[r.field] = r.value;
        out.set(r.code, rec);
      }
    }
  };
  await read("latest_values", "unit_code", offices);
  await read("aggregates", "node_code", nodes);
  return out;
}
