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

/**
 * False when the value could not be stored: localStorage throws when it is full (about 5 MB
 * per origin, shared with everything else the pane's origin keeps). Caches (history, units,
 * receipts) can live without the write; the queue and the settings say so (outbox.ts).
 */
export function writeJson(store: KeyValueStore, key: string, value: unknown): boolean {
  try {
    store.set(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

/**
 * What the clerk is told when the queue cannot be written: what happened, what it means for
 * the report, and what to do about it.
 */
export const STORAGE_FULL = {
  vi:
    "Bộ nhớ của Excel đã đầy: báo cáo chưa lưu được vào máy này. Báo cáo vẫn được giữ trong ngăn tác vụ và sẽ tự gửi khi có kết nối, " +
    "nhưng sẽ mất nếu đóng Excel trước khi gửi xong. Hãy để Excel mở; xóa ở hàng đợi những báo cáo không cần gửi nữa, hoặc nhờ cán bộ tin học " +
    "xóa dữ liệu duyệt web (Internet Explorer/Edge) của máy này. Ngăn tác vụ sẽ tự lưu lại ngay khi có chỗ.",
  en:
    "Excel's storage is full: the report could not be saved on this computer. It is kept in the task pane and will be sent when online, " +
    "but is lost if Excel closes first. Keep Excel open; remove reports that no longer need sending from the queue, or ask IT to clear " +
    "this computer's browsing data (Internet Explorer/Edge). The pane saves it as soon as there is room.",
};
