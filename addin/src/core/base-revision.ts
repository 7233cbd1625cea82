/**
 * The revision a submission builds on (`baseRevision`): the unit's current revision of that
 * report when the clerk started from it (inserting a form, opening their own sheet) or last
 * sent it. A 409 then tells the clerk if someone else sent in between.
 */
import { readJson, STORAGE_PREFIX, writeJson, type KeyValueStore } from "./storage";

function key(unit: string, form: string, period: string): string {
  return STORAGE_PREFIX + "base." + unit + "." + form + "." + period;
}

/** Null when unknown (never loaded): the request then goes without a base. */
export function readBase(store: KeyValueStore, unit: string, form: string, period: string): number | null {
  const v = readJson<number | null>(store, key(unit, form, period), null);
  return typeof v === "number" ? v : null;
}

/** 0 for a report the unit never sent. */
export function rememberBase(store: KeyValueStore, unit: string, form: string, period: string, revision: number): void {
  writeJson(store, key(unit, form, period), revision);
}
