/**
 * What every tab of the task pane shares: the host (Excel layer, storage, clock), the API
 * client, the queue, the reference data, the check session, and the shell's header and
 * notice. The shell (shell.ts) builds it once; each tab module draws its own panel from it.
 */
import type { Capabilities, FormSheets } from "../excel/types";
import type { ReportSheets } from "../excel/pull-sheets";
import type { EditSheets } from "../excel/edit-sheets";
import type { ApiClient } from "../core/api";
import type { CheckSession } from "../core/check-session";
import type { Transport } from "../core/http";
import type { Outbox } from "../core/outbox";
import type { ReferenceData, RefreshResult } from "../core/reference-data";
import type { Settings } from "../core/settings";
import type { KeyValueStore } from "../core/storage";

export interface AppDeps {
  root: HTMLElement;
  sheets: FormSheets;
  /** Pulled sheets for province and national staff (addin/src/excel/pull-sheets.ts). */
  reports: ReportSheets;
  /** Sheets edited and pushed back: targets and units (addin/src/excel/edit-sheets.ts). */
  edits: EditSheets;
  store: KeyValueStore;
  transport: Transport;
  /** Where the pane was loaded from: the default server. */
  pageOrigin: string;
  now: () => number;
  random: () => number;
  uuid: () => string;
}

export type Tab = "insert" | "check" | "submit" | "review" | "compare" | "org" | "design" | "settings";

export interface Pane {
  readonly d: AppDeps;
  readonly api: ApiClient;
  readonly outbox: Outbox;
  readonly caps: Capabilities;
  readonly reference: ReferenceData;
  readonly session: CheckSession;
  settings(): Settings;
  /** The server the pane talks to: the configured one, else the pane's own origin. */
  base(): string;
  /** The line under the tabs: an error, a success, or "" to clear it. */
  notice(text: string, kind?: "info" | "error" | "success"): void;
  /** A request reached the server, or failed in a way worth retrying (offline, 5xx): the header says so. */
  noteNetwork(ok: boolean, transient: boolean): void;
  /**
   * Asks the server for the units and forms (one request each); the tabs that list them draw
   * again. A refusal goes to the notice line when `noticeErrors` (at start), else to the caller.
   */
  refreshReference(noticeErrors: boolean): Promise<RefreshResult>;
  /** Header and tab title: connection state and the number of queued reports. */
  renderConn(): void;
}

/** An exception from the Excel layer, as the clerk reads it. */
export function excelErrorText(e: unknown): string {
  const m = e && typeof e === "object" && "message" in e ? String((e as { message: unknown }).message) : String(e);
  return "Lỗi khi làm việc với Excel: " + m;
}
