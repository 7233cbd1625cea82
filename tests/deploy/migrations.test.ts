/**
 * Migrations as wrangler applies them to a deployed D1: by name, every file not yet in
 * d1_migrations, in file-name order. Two histories must end at the same schema: a database
 * created now (0001 → the latest, in order), and one that ran main before the token lifecycle
 * (0002) was merged, so it got 0003 and 0005 first and gets 0002 afterwards. 0002 must not
 * assume a schema that the later migrations changed. Sign-off (0004) lands after 0005 and 0006 were
 * deployed: a database that ran everything else takes 0004 last, keeps its tokens (0004 rebuilds
 * the table for the head role) and ends at the schema of a fresh one.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, wrangler } from "./commands";

const MIGRATIONS = join(ROOT, "worker", "migrations");
const ALL = readdirSync(MIGRATIONS).filter((f) => f.endsWith(".sql")).sort();
const TOKEN_LIFECYCLE = ALL.find((f) => f.startsWith("0002_"));
const SIGNOFF = ALL.find((f) => f.startsWith("0004_"));

let work = "";

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "thads-migrations-"));
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** A configuration whose migrations folder holds `files`, with its own local D1. */
function database(name: string): { config: string; dir: string; give(files: readonly string[]): void } {
  const dir = join(work, name);
  mkdirSync(join(dir, "migrations"), { recursive: true });
  const config = join(dir, "wrangler.json");
  writeFileSync(config, JSON.stringify({
    name: "thads-migrations",
    main: join(ROOT, "worker", "src", "index.ts"),
    compatibility_date: "2026-04-20",
    d1_databases: [{ binding: "DB", database_name: "thads", database_id: "00000000-0000-4000-8000-000000000000", migrations_dir: "migrations" }],
  }));
  return { config, dir, give: (files) => files.forEach((f) => copyFileSync(join(MIGRATIONS, f), join(dir, "migrations", f))) };
}

async function apply(db: { config: string; dir: string }): Promise<void> {
  const r = await wrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", join(db.dir, "state"), "--config", db.config]);
  expect(r.code, r.stdout + r.stderr).toBe(0);
}

async function query<T>(db: { config: string; dir: string }, sql: string): Promise<T[]> {
  const r = await wrangler(["d1", "execute", "DB", "--local", "--persist-to", join(db.dir, "state"), "--config", db.config, "--json", "--command", sql]);
  expect(r.code, r.stdout + r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { results: T[] }[])[0]?.results ?? [];
}

/**
 * Every table and index with its columns: what the two histories must agree on. Columns by
 * name, not position: ALTER TABLE appends, so a column added by 0004 comes after 0006's on a
 * database that ran 0006 first (no statement relies on column order: every INSERT names its columns).
 */
const SCHEMA_SQL = `SELECT m.type, m.name,
       (SELECT group_concat(c, ', ') FROM (
          SELECT p.name || ' ' || p.type || CASE WHEN p."notnull" THEN ' not null' ELSE '' END AS c
            FROM pragma_table_info(m.name) p ORDER BY p.name)) AS columns
  FROM sqlite_master m
 WHERE m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_cf_%' AND m.name <> 'd1_migrations'
 ORDER BY m.type, m.name`;

describe("migrations", () => {
  it.skipIf(!TOKEN_LIFECYCLE)("a new database migrates from 0001 to the latest in order", async () => {
    const fresh = database("fresh");
    fresh.give(ALL);
    await apply(fresh);
    const applied = await query<{ name: string }>(fresh, "SELECT name FROM d1_migrations ORDER BY id");
    expect(applied.map((r) => r.name)).toEqual(ALL);
  }, 240_000);

  it.skipIf(!TOKEN_LIFECYCLE || !SIGNOFF)("a database that ran the later migrations first takes 0002 afterwards, then sign-off's 0004, keeps its tokens and ends at the same schema", async () => {
    const later = database("later");
    later.give(ALL.filter((f) => f !== TOKEN_LIFECYCLE && f !== SIGNOFF));
    await apply(later);
    await query(later, `INSERT INTO units (code, name, kind, level, parent_code, path, reporting, valid_from) VALUES ('VN', 'Cục', 'national', 'national', NULL, '/VN/', 0, '2019-10-01');
      INSERT INTO tokens (id, token_hash, role, unit_code, label, created_at) VALUES ('t1', 'h1', 'admin', 'VN', 'Quản trị', '2026-03-10T02:00:00.000Z')`);
    later.give([TOKEN_LIFECYCLE as string]);
    await apply(later);
    const applied = await query<{ name: string }>(later, "SELECT name FROM d1_migrations ORDER BY id");
    expect(applied.map((r) => r.name)).toEqual([...ALL.filter((f) => f !== TOKEN_LIFECYCLE && f !== SIGNOFF), TOKEN_LIFECYCLE]);
    // The token issued before expiry existed lives the default 13 months from its issue, to the
    // end of that day in Vietnam.
    expect(await query(later, "SELECT id, expires_at, revoked_at FROM tokens")).toEqual([
      { id: "t1", expires_at: "2027-04-10T16:59:59.999Z", revoked_at: null },
    ]);
    // Before 0004 the head role is refused by the table's CHECK; after it, it is a role like the others.
    const head = `INSERT INTO tokens (id, token_hash, role, unit_code, label, created_at) VALUES ('t2', 'h2', 'head', 'VN', 'Thủ trưởng', '2026-03-11T02:00:00.000Z')`;
    const refused = await wrangler(["d1", "execute", "DB", "--local", "--persist-to", join(later.dir, "state"), "--config", later.config, "--command", head]);
    expect(refused.code).not.toBe(0);
    later.give([SIGNOFF as string]);
    await apply(later);
    expect((await query<{ name: string }>(later, "SELECT name FROM d1_migrations ORDER BY id")).map((r) => r.name).slice(-1)).toEqual([SIGNOFF]);
    expect(await query(later, "SELECT id, expires_at, revoked_at FROM tokens")).toEqual([
      { id: "t1", expires_at: "2027-04-10T16:59:59.999Z", revoked_at: null },
    ]);
    await query(later, head);
    expect(await query(later, "SELECT id, role FROM tokens ORDER BY id")).toEqual([{ id: "t1", role: "admin" }, { id: "t2", role: "head" }]);
    const fresh = database("fresh-for-schema");
    fresh.give(ALL);
    await apply(fresh);
    expect(await query(later, SCHEMA_SQL)).toEqual(await query(fresh, SCHEMA_SQL));
  }, 240_000);
});
