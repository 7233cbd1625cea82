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

/**
 * A deployed D1 caps one statement at 100 KB, but the limit that matters is wrangler's own:
 * `d1 execute --local --file` splits the file by testing a regular expression against the
 * statement read so far after every character, and its cost climbs steeply with a statement's
 * length. The 68 MB demo in statements of up to 90,000 characters took over 12 minutes to load
 * on a quiet 2-core machine; of up to 16,000, 36 s (32,000: 36 s; 8,000: 45 s; 1,500: 96 s, the
 * statements then too many). Measured 02/12/2026 with `wrangler d1 execute DB --local --file`.
 */
export const DEFAULT_CHUNKING: InsertChunking = { maxRows: 500, maxChars: 16_000 };

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
