/**
 * Which cells a list of findings colours, and what to restore afterwards. Pure, so the
 * adapter's work is one read and one write whatever the number of findings.
 */

import type { Finding, Severity } from "../../../shared/findings";
import type { FindingsState, MarkedCell } from "./metadata";
import type { FormSheetRef } from "./types";

/** Excel's own "light red fill" and "neutral" styles, which clerks already read as error / warning. */
export const ERROR_FILL = "#FFC7CE";
export const WARNING_FILL = "#FFEB9C";

export interface CellMark {
  address: string;
  severity: Severity;
  /** The messages of every finding on the cell, each once, in the order found. */
  messages: string[];
}

/**
 * One mark per cell: an error wins over a warning on the same cell. Findings without fields,
 * and fields the sheet does not hold (another period's value, an unknown key), are skipped:
 * the task pane lists them anyway.
 */
export function planMarks(
  ref: FormSheetRef,
  findings: readonly Finding[],
  messageOf: (f: Finding) => string,
): CellMark[] {
  const byAddress: Record<string, CellMark> = {};
  const order: string[] = [];
  for (const f of findings) {
    if (!f.fields || f.fields.length === 0) continue;
    let message: string | null = null;
    for (const key of f.fields) {
      if (!Object.prototype.hasOwnProperty.call(ref.cells, key)) continue;
      const address = ref.cells[key] as string;
      if (message === null) message = messageOf(f);
      let mark = byAddress[address];
      if (!mark) {
        mark = { address, severity: f.severity, messages: [] };
        byAddress[address] = mark;
        order.push(address);
      }
      if (f.severity === "error") mark.severity = "error";
      if (mark.messages.indexOf(message) < 0) mark.messages.push(message);
    }
  }
  return order.map((a) => byAddress[a] as CellMark);
}

export function fillOf(severity: Severity): string {
  return severity === "error" ? ERROR_FILL : WARNING_FILL;
}

/**
 * The fill a cell had before the add-in touched it, from what Office.js reports. Office.js
 * answers "#FFFFFF" both for "no fill" and for a white fill; `tintAndShade` (ExcelApi 1.9) is
 * null only for "no fill". Without it, white is taken as "no fill": the form never uses a
 * white fill, and restoring "no fill" as white would hide the gridlines.
 */
export function originalFill(color: string | null, tintAndShade: number | null | undefined, tintKnown: boolean): string | null {
  if (color === null) return null;
  if (tintKnown) return tintAndShade === null ? null : color;
  return color.toUpperCase() === "#FFFFFF" ? null : color;
}

export interface FillPlan {
  /** Cells marked before but not now: back to their original fill. */
  restore: MarkedCell[];
  /** The state to store: every marked cell with the fill it had before the first mark. */
  next: FindingsState;
}

/**
 * Keeps the clerk's original fill across repeated checks: a cell already marked keeps the
 * original recorded the first time, never the red of the previous check.
 */
export function planFills(
  previous: FindingsState | null,
  marks: readonly CellMark[],
  currentFill: (address: string) => string | null,
  notes: string[],
): FillPlan {
  const before: Record<string, string | null> = {};
  const wasMarked: Record<string, true> = {};
  if (previous) {
    for (const m of previous.marked) {
      before[m.address] = m.fill;
      wasMarked[m.address] = true;
    }
  }
  const nowMarked: Record<string, true> = {};
  const marked: MarkedCell[] = [];
  for (const m of marks) {
    nowMarked[m.address] = true;
    marked.push({ address: m.address, fill: wasMarked[m.address] ? (before[m.address] as string | null) : currentFill(m.address) });
  }
  const restore: MarkedCell[] = [];
  if (previous) for (const m of previous.marked) if (!nowMarked[m.address]) restore.push(m);
  return { restore, next: { marked, notes } };
}
