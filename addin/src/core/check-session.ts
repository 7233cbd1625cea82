/**
 * The checks of one task pane session, without the DOM: which sheet is active and what form it
 * holds (inserted by the add-in, or a clerk's own sheet recognised by shared/recognize), the
 * unit's earlier reports the cross-period rules compare with, and the result the tabs show.
 *
 * The earlier reports are fetched once per unit, form and period and reused: the live check
 * (ExcelApi 1.7) runs after every edit, and fetching them again each time made a finding
 * wait on a slow line for as long as two requests take. A fetch that did not reach the server
 * (offline) is tried again after a while; a new receipt for a period drops what depended on it.
 */
import type { Finding } from "../../../shared/findings";
import type { FormDefinition, SubmittedRow } from "../../../shared/forms/types";
import { labelOf } from "../../../shared/forms";
import { describeFinding } from "../../../shared/messages";
import { historyPeriods, periodEndOf } from "../../../shared/forms/collection-period";
import { validateForm, type FormHistory, type FormValidation } from "../../../shared/validate";
import { validateSubmission } from "../../../shared/forms/collection-rows";
import { findingsOnCells, rowsFromCells, unitCells } from "./list-rows";
import type { FormSheetRef, FormSheets } from "../excel/types";
import type { ApiClient } from "./api";
import { rememberBase } from "./base-revision";
import { loadHistory, loadReport, type HistoryPart, type LoadedHistory } from "./history";
import { periodOptions } from "./periods-choice";
import {
  chooseFor,
  mappingReview,
  pickTable,
  recognitionView,
  recognizeAt,
  recognizedRef,
  recognizedValues,
  rowOptions,
  type MappingReview,
  type RecognitionView,
  type RecognizedChoices,
  type RowOption,
  type SheetPicks,
} from "./recognized-sheet";
import type { ReferenceData } from "./reference-data";
import type { KeyValueStore } from "./storage";

export interface CheckResult {
  ref: FormSheetRef;
  form: FormDefinition;
  validation: FormValidation;
  /** A collection's rows (a list's cases, a breakdown's officers) as read from its sheet (list-rows.ts); absent for other forms. */
  rows?: SubmittedRow[];
  parts: HistoryPart[];
  /** Set for a clerk's own sheet recognised by shared/recognize (not inserted by the add-in). */
  recognition?: { view: RecognitionView; choices: RecognizedChoices; rows: RowOption[]; review: MappingReview };
}

/** The active sheet as the checks see it: a form (inserted or recognised), or a sheet that is neither. */
export type ActiveSheet = { kind: "form"; check: CheckResult } | { kind: "unrecognised"; view: RecognitionView };

export interface CheckSessionDeps {
  sheets: FormSheets;
  api: ApiClient;
  store: KeyValueStore;
  now: () => number;
  reference: ReferenceData;
  /** False without a token: the rules that need earlier reports are skipped, nothing is fetched. */
  connected: () => boolean;
  /** Told when a fetch reached the server or not (the header's connection state). */
  noteNetwork: (ok: boolean, transient: boolean) => void;
}

/** How long an answer that did not come from the server (offline) is reused before asking again. */
export const OFFLINE_RETRY_MS = 60_000;

interface CachedHistory {
  loading: Promise<LoadedHistory>;
  /** Every part came from the server: reused for the whole session. */
  complete: boolean;
  at: number;
  periods: string[];
}

export class CheckSession {
  /** The last form checked: its findings are on the sheet, "Xóa đánh dấu" clears them. */
  lastCheck: CheckResult | null = null;
  /** What the clerk picked on each recognised sheet (row, unit, period, table, columns…). */
  private readonly picks: Record<string, SheetPicks> = {};
  /** Recognised (sheet, unit, form, period) whose server revision is already the base of the next submission. */
  private readonly basesLoaded: Record<string, true> = {};
  private readonly histories: Record<string, CachedHistory> = {};

  constructor(private readonly d: CheckSessionDeps) {}

  /**
   * Reads the active form, gets the unit's earlier reports (fetched once, see above) and runs
   * the shared engine. A sheet the add-in did not insert is read whole (one sync) and
   * recognised: it is then checked and sent exactly like an inserted one.
   */
  check(): Promise<ActiveSheet> {
    return this.d.sheets.findActiveForm(this.d.reference.forms).then((ref): Promise<ActiveSheet> => {
      if (!ref) return this.checkRecognised();
      const form = this.d.reference.formOf(ref);
      if (!form) throw new Error("không có định nghĩa biểu " + ref.formId + " (" + ref.regime + ")");
      return this.d.sheets
        .readForm(ref)
        .then((read) => this.validate(ref, form, read.values))
        .then((check) => ({ kind: "form" as const, check }));
    });
  }

  picksOf(sheetName: string): SheetPicks {
    return this.picks[sheetName] || {};
  }

  /** What the clerk chose on a recognised sheet (row, unit, period, the mapping): the next check uses it. */
  pick(sheetName: string, picks: SheetPicks): void {
    this.picks[sheetName] = picks;
  }

  messageOf(form: FormDefinition): (f: Finding) => string {
    const vi = labelOf(form, "vi");
    return (f) => describeFinding(f, vi).vi;
  }

  /**
   * The unit's earlier reports for checking `period`: from this session's cache when it has
   * them. `fresh` says whether the server was asked this time.
   */
  history(unit: string, form: string, period: string, collection: Pick<FormDefinition, "period"> = {}): { loading: Promise<LoadedHistory>; fresh: boolean } {
    const key = unit + "|" + form + "|" + period;
    const cached = this.histories[key];
    if (cached && (cached.complete || this.d.now() - cached.at < OFFLINE_RETRY_MS)) return { loading: cached.loading, fresh: false };
    const back = historyPeriods(collection, period);
    const entry: CachedHistory = {
      loading: loadHistory(this.d.api, this.d.store, this.d.now, unit, form, period, collection),
      complete: false,
      at: this.d.now(),
      periods: (back.prevMonth ? [back.prevMonth] : []).concat(back.prevYearFinal ? [back.prevYearFinal] : []),
    };
    this.histories[key] = entry;
    entry.loading.then(
      (loaded) => {
        entry.complete = loaded.parts.every((p) => p.source === "server");
      },
      () => {
        if (this.histories[key] === entry) delete this.histories[key];
      },
    );
    return { loading: entry.loading, fresh: true };
  }

  /** A new revision of (unit, form, period): checks that compare with it fetch it again. */
  reportChanged(unit: string, form: string, period: string): void {
    for (const key of Object.keys(this.histories)) {
      const parts = key.split("|");
      const entry = this.histories[key] as CachedHistory;
      if (parts[0] === unit && parts[1] === form && entry.periods.indexOf(period) >= 0) delete this.histories[key];
    }
  }

  private validate(ref: FormSheetRef, form: FormDefinition, values: Record<string, unknown>): Promise<CheckResult> {
    const online = this.d.connected() && ref.unitCode !== "";
    // A collection's sheet holds rows besides the unit's figures: a list's figures are computed
    // from its rows, a breakdown's are typed on the unit's row and its rows must add up to them.
    const rows = rowsFromCells(form, values);
    const run = (history: FormHistory): FormValidation =>
      rows ? validateSubmission(form, unitCells(values), rows, history, periodEndOf(ref.period)) : validateForm(form, values, history);
    const result = (validation: FormValidation, parts: HistoryPart[]): CheckResult => (rows ? { ref, form, validation, rows, parts } : { ref, form, validation, parts });
    if (!online) return Promise.resolve(result(run({}), []));
    const h = this.history(ref.unitCode, form.id, ref.period, form);
    return h.loading.then((loaded) => {
      if (h.fresh && loaded.parts.length > 0) {
        const reached = loaded.parts.some((p) => p.source === "server");
        this.d.noteNetwork(reached, !reached);
      }
      return result(run(loaded.history), loaded.parts);
    });
  }

  /**
   * Colours the findings' cells: a finding on a list row lands on that row's cell, with the
   * message of the finding itself. `findings` defaults to the check's own (the server's after a 422).
   */
  showOnSheet(res: CheckResult, findings: readonly Finding[] = res.validation.findings, messageOf: (f: Finding) => string = this.messageOf(res.form)): Promise<void> {
    const marked = findingsOnCells(findings, res.rows || []);
    return this.d.sheets.showFindings(res.ref, marked, (f) => messageOf(findings[marked.indexOf(f)] || f));
  }

  private checkRecognised(): Promise<ActiveSheet> {
    const reference = this.d.reference;
    return this.d.sheets.readActiveSheetValues().then((sheet): Promise<ActiveSheet> => {
      const previous = this.picks[sheet.sheetName] || null;
      const defaultPeriod = (periodOptions(this.d.now())[0] as { key: string }).key;
      // First without a date (to find the table and the period it names), then with the
      // definitions in force at the chosen period, which settles the regime.
      let all = recognizeAt(sheet, reference.forms, previous && previous.period ? previous.period : null);
      if (!all.recognised) return Promise.resolve({ kind: "unrecognised" as const, view: recognitionView(all, sheet.sheetName) });
      let rec = pickTable(all, previous);
      let choices = chooseFor(rec, sheet, reference.units, defaultPeriod, previous);
      if (!previous || !previous.period) {
        const dated = recognizeAt(sheet, reference.forms, choices.period.value);
        if (!dated.recognised) return Promise.resolve({ kind: "unrecognised" as const, view: recognitionView(dated, sheet.sheetName) });
        all = dated;
        rec = pickTable(dated, previous);
        choices = chooseFor(rec, sheet, reference.units, defaultPeriod, previous);
      }
      const ref = recognizedRef(sheet, rec, choices);
      const review = mappingReview(sheet, all, rec, choices, previous);
      const recognition = { view: recognitionView(rec, sheet.sheetName), choices, rows: rowOptions(rec, sheet.origin), review };
      return this.loadBase(ref)
        .then(() => this.validate(ref, rec.form, recognizedValues(sheet, rec, choices)))
        .then((check) => ({ kind: "form" as const, check: { ...check, recognition } }));
    });
  }

  /**
   * As when a form is inserted: the unit's current revision of that period becomes the base
   * of the next submission (a 409 then tells the clerk if someone sent in between).
   */
  private loadBase(ref: FormSheetRef): Promise<void> {
    const key = ref.sheetName + "|" + ref.unitCode + "|" + ref.formId + "|" + ref.period;
    if (!this.d.connected() || ref.unitCode === "" || this.basesLoaded[key]) return Promise.resolve();
    return loadReport(this.d.api, this.d.store, this.d.now, ref.unitCode, ref.formId, ref.period).then((r) => {
      if (r.source !== "server") return;
      this.basesLoaded[key] = true;
      rememberBase(this.d.store, ref.unitCode, ref.formId, ref.period, r.report && r.report.revision !== null ? r.report.revision : 0);
    });
  }
}
