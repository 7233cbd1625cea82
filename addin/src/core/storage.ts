/**
 * Per-user persistence for the task pane. localStorage survives closing the task pane and
 * Excel (it is kept per Windows user and per origin), which is what the submission queue
 * needs. It can also be missing or throw (IE11 protected mode, storage full): then the pane
 * keeps working from memory and says so instead of failing.
 */

export interface KeyValueStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
  keys(): string[];
  /** False when writes only live until the pane closes. */
  readonly persistent: boolean;
}

export const STORAGE_PREFIX = "thads.";

export function memoryStore(): KeyValueStore {
  const data: Record<string, string> = {};
  return {
    persistent: false,
    get: (k) => (Object.prototype.hasOwnProperty.call(data, k) ? (data[k] as string) : null),
    set: (k, v) => {
      data[k] = v;
    },
    remove: (k) => {
      delete data[k];
    },
    keys: () => Object.keys(data),
  };
}

export function browserStore(scope: unknown = typeof window !== "undefined" ? window : undefined): KeyValueStore {
  let ls: Storage | null = null;
  try {
    ls = (scope as { localStorage?: Storage } | undefined)?.localStorage ?? null;
    if (ls) {
      const probe = STORAGE_PREFIX + "probe";
      ls.setItem(probe, "1");
      ls.removeItem(probe);
    }
  } catch {
    ls = null;
  }
  if (!ls) return memoryStore();
  const s = ls;
  return {
    persistent: true,
    get: (k) => s.getItem(k),
    set: (k, v) => s.setItem(k, v),
    remove: (k) => s.removeItem(k),
    keys: () => {
      const out: string[] = [];
      for (let i = 0; i < s.length; i++) {
        const k = s.key(i);
        if (k !== null) out.push(k);
      }
      return out;
    },
  };
}

export function readJson<T>(store: KeyValueStore, key: string, fallback: T): T {
  const raw = store.get(key);
  if (raw === null) return fallback;
  try {
    return JSON.parse(raw) as T;
  } catch {
    return fallback;
  }
}

export function writeJson(store: KeyValueStore, key: string, value: unknown): void {
  store.set(key, JSON.stringify(value));
}
