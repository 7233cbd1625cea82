/**
 * A D1 binding that calls `before(kind)` ahead of every round trip to the database: each
 * `first`, `all`, `run`, `raw`, `batch` and `exec`. In production every such call crosses the
 * network to the one place the database lives (docs/benchmarks.md), so this is what the
 * round-trip budgets count (tests/worker/round-trips.test.ts) and what the benchmark's
 * simulated distance delays (worker/src/index.ts). `prepare` and `bind` are local and free.
 */

export type D1CallKind = "first" | "all" | "run" | "raw" | "batch" | "exec";
export type D1CallHook = (kind: D1CallKind) => void | Promise<void>;

/** The binding's own statement behind each wrapped one: a batch must be given the real statements. */
const INNER = new WeakMap<object, D1PreparedStatement>();

function unwrap(s: D1PreparedStatement): D1PreparedStatement {
  return INNER.get(s) ?? s;
}

function wrapStatement(inner: D1PreparedStatement, before: D1CallHook): D1PreparedStatement {
  const wrapped = {
    bind: (...values: unknown[]) => wrapStatement(inner.bind(...values), before),
    first: async (column?: string) => {
      await before("first");
      return column === undefined ? inner.first() : inner.first(column);
    },
    run: async () => {
      await before("run");
      return inner.run();
    },
    all: async () => {
      await before("all");
      return inner.all();
    },
    raw: async (options?: { columnNames?: boolean }) => {
      await before("raw");
      return options?.columnNames ? inner.raw({ columnNames: true }) : inner.raw();
    },
  };
  INNER.set(wrapped, inner);
  // The overloads of first/raw cannot be spelled on an object literal; the behaviour is the binding's.
  return wrapped as unknown as D1PreparedStatement;
}

export function instrumentD1(db: D1Database, before: D1CallHook): D1Database {
  const wrapped = {
    prepare: (query: string) => wrapStatement(db.prepare(query), before),
    batch: async <T = unknown>(statements: D1PreparedStatement[]) => {
      await before("batch");
      return db.batch<T>(statements.map(unwrap));
    },
    exec: async (query: string) => {
      await before("exec");
      return db.exec(query);
    },
    withSession: () => {
      // Nothing uses sessions (read replication) yet; when something does, wrap them here
      // rather than let their calls go uncounted.
      throw new Error("instrumentD1: withSession is not instrumented");
    },
    dump: () => db.dump(),
  };
  return wrapped as unknown as D1Database;
}
