/**
 * What this copy of Excel can do. Detected once from the requirement sets it reports; the
 * adapter then gates every API above ExcelApi 1.1 on it, so Excel 2016 (1.1, IE11) never
 * sees a call it does not know.
 */

import type { Capabilities } from "./types";

/** The part of `Office.context.requirements` used here, so tests can pass their own. */
export interface RequirementChecker {
  isSetSupported(name: string, version: string): boolean;
}

type Level = Capabilities["level"];

function minorOf(level: string): number {
  const m = /^1\.([0-9]+)$/.exec(level);
  return m ? Number(m[1]) : 0;
}

/** "1.10" ≥ "1.9": compared as numbers, not strings. */
export function levelAtLeast(level: string, min: string): boolean {
  return minorOf(level) >= minorOf(min);
}

function officeRequirements(): RequirementChecker | null {
  if (typeof Office === "undefined" || !Office.context || !Office.context.requirements) return null;
  return Office.context.requirements;
}

export function detectCapabilities(requirements?: RequirementChecker | null): Capabilities {
  const req = requirements === undefined ? officeRequirements() : requirements;
  const has = (version: string): boolean => {
    if (!req) return false;
    try {
      return req.isSetSupported("ExcelApi", version) === true;
    } catch (_e) {
      return false;
    }
  };
  const level: Level = has("1.18") ? "1.18" : has("1.10") ? "1.10" : has("1.8") ? "1.8" : has("1.7") ? "1.7" : "1.1";
  return {
    level,
    liveValidation: has("1.7"),
    dataValidation: has("1.8"),
    comments: has("1.10"),
    notes: has("1.18"),
    conditionalFormats: has("1.6"),
  };
}

/**
 * What the adapter actually switches on. APIs of ExcelApi 1.2–1.6 (merge, column widths,
 * hidden rows, protection) are gated on 1.7 because `Capabilities.level` names no level in
 * between and unprotect() itself is 1.7; page layout and fill tint (1.9) are gated on 1.10 for
 * the same reason. No real host stops between those levels except old Mac builds, which then
 * get the plainer 1.1 layout rather than a failure.
 */
export interface Features {
  /** Merge, column widths, row heights, hidden rows, locked cells, sheet protection. */
  layout: boolean;
  /** Worksheet.showGridlines (1.8). */
  gridlines: boolean;
  dataValidation: boolean;
  /** Page setup A4 landscape and the print area (1.9). */
  pageLayout: boolean;
  /** RangeFill.tintAndShade (1.9): tells "no fill" from a white fill. */
  fillTint: boolean;
  events: boolean;
  notes: boolean;
  /** Threaded comments, used only where notes are not available. */
  comments: boolean;
}

export function featuresOf(c: Capabilities): Features {
  return {
    layout: levelAtLeast(c.level, "1.7"),
    gridlines: levelAtLeast(c.level, "1.8"),
    dataValidation: c.dataValidation,
    pageLayout: levelAtLeast(c.level, "1.10"),
    fillTint: levelAtLeast(c.level, "1.10"),
    events: c.liveValidation,
    notes: c.notes,
    comments: c.comments && !c.notes,
  };
}
