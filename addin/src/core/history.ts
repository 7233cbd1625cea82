/**
 * The unit's earlier reports that the cross-period rules compare with: the previous month
 * of the same statistical year, and the 12-month report of the previous year. Fetched
 * from the Worker and cached, so validation still compares across periods offline.
 */
import type { SubmissionHistory } from "../../../shared/api/schemas";
import type { FormHistory } from "../../../shared/validate";
import { historyPeriods } from "../../../shared/forms/collection-period";
import type { FormDefinition, SubmittedRow } from "../../../shared/forms/types";
import type { ApiClient } from "./api";
import { readJson, STORAGE_PREFIX, writeJson, type KeyValueStore } from "./storage";

export interface CachedReport {
  period: string;
  /** Latest revision number, null when the unit never reported that period. */
  revision: number | null;
  values: Record<string, number | null> | null;
  /** A list collection's rows of that revision (the sheet is re-filled with them). */
  rows?: SubmittedRow[];
  fetchedAt: number;
}

/** Where the answer came from: the server, the cached copy (server unreachable), or nowhere. */
export type Source = "server" | "cache" | "none";

export interface HistoryPart {
  which: "prevMonth" | "prevYearFinal";
  period: string;
  source: Source;
  /** False when the unit has no report for that period (rules that need it are skipped). */
  hasData: boolean;
  revision: number | null;
  /** When the cached copy was fetched (source "cache"). */
  fetchedAt: number | null;
}

export interface LoadedHistory {
  history: FormHistory;
  parts: HistoryPart[];
}

function key(unit: string, form: string, period: string): string {
  return STORAGE_PREFIX + "history." + unit + "." + form + "." + period;
}

export function latestOf(h: SubmissionHistory): { revision: number | null; values: Record<string, number | null> | null; rows?: SubmittedRow[] } {
  const last = h.revisions.length > 0 ? h.revisions[h.revisions.length - 1] : undefined;
  if (!last) return { revision: null, values: null };
  return last.rows ? { revision: last.revision, values: last.values, rows: last.rows } : { revision: last.revision, values: last.values };
}

/** One report: from the server when it answers, else the cached copy, else nothing. */
export function loadReport(
  api: ApiClient,
  store: KeyValueStore,
  now: () => number,
  unit: string,
  form: string,
  period: string,
): Promise<{ report: CachedReport | null; source: Source }> {
  return api.history(unit, form, period).then((res) => {
    if (res.ok) {
      const latest = latestOf(res.data);
      const report: CachedReport = { period, revision: latest.revision, values: latest.values, fetchedAt: now() };
      if (latest.rows) report.rows = latest.rows;
      writeJson(store, key(unit, form, period), report);
      return { report, source: "server" as Source };
    }
    const cached = readJson<CachedReport | null>(store, key(unit, form, period), null);
    return { report: cached, source: (cached ? "cache" : "none") as Source };
  });
}

export function loadHistory(
  api: ApiClient,
  store: KeyValueStore,
  now: () => number,
  unit: string,
  form: string,
  period: string,
  collection: Pick<FormDefinition, "period"> = {},
): Promise<LoadedHistory> {
  const wanted: { which: HistoryPart["which"]; period: string }[] = [];
  // What a rule can look back to depends on the collection's period type (none for a week).
  const back = historyPeriods(collection, period);
  if (back.prevMonth) wanted.push({ which: "prevMonth", period: back.prevMonth });
  if (back.prevYearFinal) wanted.push({ which: "prevYearFinal", period: back.prevYearFinal });
  return Promise.all(wanted.map((w) => loadReport(api, store, now, unit, form, w.period))).then((loaded) => {
    const history: FormHistory = { prevMonth: null, prevYearFinal: null };
    const parts: HistoryPart[] = [];
    for (let i = 0; i < wanted.length; i++) {
      const w = wanted[i] as (typeof wanted)[number];
      const l = loaded[i] as (typeof loaded)[number];
      const values = l.report ? l.report.values : null;
      history[w.which] = values;
      parts.push({
        which: w.which,
        period: w.period,
        source: l.source,
        hasData: values !== null,
        revision: l.report ? l.report.revision : null,
        fetchedAt: l.source === "cache" && l.report ? l.report.fetchedAt : null,
      });
    }
    return { history, parts };
  });
}
