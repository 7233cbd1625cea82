/**
 * The small block the add-in leaves on each form sheet so that it can find the form again
 * after the workbook is saved, e-mailed and reopened, or after the task pane reloads.
 *
 * Plain cells (A1:C1) rather than custom XML parts (ExcelApi 1.5), named items (1.4) or
 * document settings: cells exist on ExcelApi 1.1, travel with the sheet when it is copied
 * to another workbook, and survive every save format. Row 1 is hidden and locked where the
 * API allows (1.2+, gated on 1.7); on 1.1 it is a thin row of white text.
 *
 *   A1  "THADS:01:TT05_2024:52-01:2025-12"  a marker a person can read in support calls
 *   B1  JSON of the reference (form, regime, unit, period, field → cell)
 *   C1  JSON of the findings currently shown (the clerk's own fills to restore), or empty
 */

import type { FormSheetRef } from "./types";
import { parseCellAddress } from "../../../shared/a1";

export const METADATA_ADDRESS = "A1:C1";
export const METADATA_ROW = 1;
export const MARKER_PREFIX = "THADS:";
/** Notes and comments the add-in writes start with this, so it never deletes the clerk's own. */
export const ANNOTATION_PREFIX = "[THADS] ";

const FORMAT_VERSION = 1;

/** A cell showFindings coloured, with the fill it had before: null means "no fill". */
export interface MarkedCell {
  address: string;
  fill: string | null;
}

/** What showFindings changed on the sheet, so that clearFindings can undo exactly that. */
export interface FindingsState {
  marked: MarkedCell[];
  /** Cells that received a note from the add-in (ExcelApi 1.18). Comments are found by ANNOTATION_PREFIX. */
  notes: string[];
}

export type RefWithoutSheet = Omit<FormSheetRef, "sheetName">;

export function markerText(ref: RefWithoutSheet): string {
  return MARKER_PREFIX + [ref.formId, ref.regime, ref.unitCode, ref.period].join(":");
}

export function encodeRef(ref: RefWithoutSheet): string {
  return JSON.stringify({
    v: FORMAT_VERSION,
    formId: ref.formId,
    regime: ref.regime,
    unitCode: ref.unitCode,
    period: ref.period,
    cells: ref.cells,
  });
}

/** The three metadata cells as one row, ready for Range.values. */
export function metadataRow(ref: RefWithoutSheet, state: FindingsState | null): string[] {
  return [markerText(ref), encodeRef(ref), state ? encodeFindingsState(state) : ""];
}

function parseJson(text: unknown): unknown {
  if (typeof text !== "string" || text === "") return null;
  try {
    return JSON.parse(text);
  } catch (_e) {
    return null;
  }
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}

function nonEmptyString(x: unknown): x is string {
  return typeof x === "string" && x !== "";
}

/**
 * Reads the reference back from the metadata row (A1:C1 values). Null when the sheet is not
 * one of ours or the block was damaged: the caller then treats the sheet as holding no form.
 */
export function decodeRef(row: readonly unknown[], sheetName: string): FormSheetRef | null {
  const marker = row[0];
  if (typeof marker !== "string" || marker.indexOf(MARKER_PREFIX) !== 0) return null;
  const data = parseJson(row[1]);
  if (!isRecord(data) || data.v !== FORMAT_VERSION) return null;
  const { formId, regime, unitCode, period, cells } = data;
  if (!nonEmptyString(formId) || !nonEmptyString(regime) || !nonEmptyString(unitCode) || !nonEmptyString(period)) {
    return null;
  }
  if (!isRecord(cells)) return null;
  const map: Record<string, string> = {};
  for (const key of Object.keys(cells)) {
    const address = cells[key];
    if (typeof address !== "string" || parseCellAddress(address) === null) return null;
    map[key] = address;
  }
  return { sheetName, formId, regime, unitCode, period, cells: map };
}

export function encodeFindingsState(state: FindingsState): string {
  return JSON.stringify({ v: FORMAT_VERSION, marked: state.marked, notes: state.notes });
}

/** Null when nothing is shown (empty cell) or the text is not ours. */
export function decodeFindingsState(text: unknown): FindingsState | null {
  const data = parseJson(text);
  if (!isRecord(data) || data.v !== FORMAT_VERSION) return null;
  const marked: MarkedCell[] = [];
  const notes: string[] = [];
  if (Array.isArray(data.marked)) {
    for (const m of data.marked) {
      if (!isRecord(m) || typeof m.address !== "string" || parseCellAddress(m.address) === null) continue;
      const fill = m.fill;
      if (fill !== null && typeof fill !== "string") continue;
      marked.push({ address: m.address, fill });
    }
  }
  if (Array.isArray(data.notes)) {
    for (const n of data.notes) if (typeof n === "string" && parseCellAddress(n) !== null) notes.push(n);
  }
  return { marked, notes };
}
