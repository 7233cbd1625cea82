/**
 * Writing SQL text for `wrangler d1 execute --file/--command`. Those run literal SQL with no
 * bound parameters, so every value goes through `sqlLiteral`.
 */

export type SqlValue = string | number | null;

export function sqlLiteral(v: SqlValue): string {
  if (v === null) return "NULL";
  if (typeof v === "number") {
    // Counts and nghìn đồng are exact integers; a NaN or a fraction here is a generator bug.
    if (!Number.isFinite(v)) throw new Error(`not a finite number: ${v}`);
    return String(v);
  }
  return "'" + v.replace(/'/g, "''") + "'";
}

export interface InsertChunking {
  /** Rows per statement. */
  maxRows: number;
  /** Characters per statement (a UTF-8 byte count would be at most ~1.3× this for Vietnamese names). */
  maxChars: number;
}

/** D1 accepts far larger statements locally, but a deployed D1 caps one statement at 100 KB. */
export const DEFAULT_CHUNKING: InsertChunking = { maxRows: 500, maxChars: 90_000 };

/** Multi-row INSERTs, split so that no statement exceeds the chunking limits. */
export function insertStatements(
  table: string,
  columns: readonly string[],
  rows: readonly (readonly SqlValue[])[],
  chunking: InsertChunking = DEFAULT_CHUNKING,
): string[] {
  const head = `INSERT INTO ${table} (${columns.join(", ")}) VALUES\n`;
  const out: string[] = [];
  let batch: string[] = [];
  let size = head.length;
  const flush = () => {
    if (batch.length > 0) out.push(head + batch.join(",\n") + ";");
    batch = [];
    size = head.length;
  };
  for (const row of rows) {
    if (row.length !== columns.length) throw new Error(`${table}: row has ${row.length} values for ${columns.length} columns`);
    const text = "(" + row.map(sqlLiteral).join(", ") + ")";
    if (batch.length > 0 && (batch.length >= chunking.maxRows || size + text.length + 2 > chunking.maxChars)) flush();
    batch.push(text);
    size += text.length + 2;
  }
  flush();
  return out;
}
