import { readJson, STORAGE_PREFIX, writeJson, type KeyValueStore } from "./storage";

/** What the clerk sets once: where the Worker is and the clerk's access token. */
export interface Settings {
  /** Base address of the Worker, e.g. "https://thads.example.gov.vn"; "" = the pane's own origin. */
  serverUrl: string;
  token: string;
}

const KEY = STORAGE_PREFIX + "settings";

export function loadSettings(store: KeyValueStore): Settings {
  const s = readJson<Partial<Settings>>(store, KEY, {});
  return { serverUrl: typeof s.serverUrl === "string" ? s.serverUrl : "", token: typeof s.token === "string" ? s.token : "" };
}

/** The cleaned settings, and whether they were stored (false: storage full, they last until the pane closes). */
export function saveSettings(store: KeyValueStore, s: Settings): { settings: Settings; stored: boolean } {
  const clean = { serverUrl: normalizeServerUrl(s.serverUrl), token: s.token.trim() };
  return { settings: clean, stored: writeJson(store, KEY, clean) };
}

/** " https://x.vn/ " → "https://x.vn"; a bare host gets https:// (Office only loads https pages). */
export function normalizeServerUrl(input: string): string {
  let s = input.trim();
  if (s === "") return "";
  if (!/^https?:\/\//i.test(s)) s = "https://" + s;
  while (s.length > 0 && s.charAt(s.length - 1) === "/") s = s.slice(0, -1);
  return s;
}

/** The base the API is called on: the configured address, else the origin the pane came from. */
export function apiBase(s: Settings, pageOrigin: string): string {
  return s.serverUrl !== "" ? s.serverUrl : pageOrigin;
}
