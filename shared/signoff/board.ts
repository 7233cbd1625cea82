import type { ReviewBoard, ReviewRow } from "../api/schemas";
import type { FormDefinition } from "../forms/types";
import { buildHierarchy } from "../units/hierarchy";
import { deadlineLevelOf } from "../units/deadline-level";
import type { Unit } from "../units/types";
import { cumulativeLabel, isWeekKey, parseInstant, weekLabel } from "../periods";
import { deadlineOf, periodEndOf } from "../forms/collection-period";
import { valuesKey } from "../reports/comparison/data";
import { BOARD_STATES, correctionMarks, NO_SIGNOFF, revisionState, type BoardState, type Decision, type RevisionSignoff } from "./state";

/** An office's latest revision of one form for the period, and where it stands. */
export interface BoardRevision {
  id: string;
  revision: number;
  contentHash: string;
  submittedAt: string;
  submittedBy: string;
  deadline: string;
  firstSubmittedAt: string;
  reason: string | null;
  /** An earlier revision of the same report was accepted: this one is a correction after acceptance. */
  acceptedBefore: boolean;
  signoff: RevisionSignoff;
}

/** The Cục's latest decision on a province's report, and the basis it was about. */
export interface NodeDecision {
  basis: string;
  decision: Decision;
  decidedAt: string;
  decidedBy: string;
  comment: string | null;
}

export interface BoardData {
  parent: Unit;
  /** The parent's subtree, every validity. */
  units: readonly Unit[];
  period: string;
  /** The forms the board lists (in force for the period, or the one asked for). */
  forms: readonly FormDefinition[];
  /** `valuesKey(unit, form, period)` → the latest revision of each reporting unit. */
  revisions: ReadonlyMap<string, BoardRevision>;
  /** `valuesKey(node, form, period)` → the Cục's decision on a province. */
  nodeDecisions: ReadonlyMap<string, NodeDecision>;
  /** `valuesKey(node, form, period)` → the basis of the province's current figures (SHA-256 of `compositionText`), computed by the Worker. */
  bases: ReadonlyMap<string, string>;
  generatedAt: string;
}

/**
 * What a province's report of a form consists of: its offices' latest revisions, "unit|revision"
 * in code order. A decision of the Cục is about the SHA-256 of `compositionText`; when an office
 * sends again, the text changes and the decision no longer applies (it is kept, and shown stale).
 */
export function composition(units: readonly Unit[], node: string, revisionOf: (unit: string) => number | null): string[] {
  // In unit-code order (as the write batch's guard lists them in SQL), not in the order of the joined text.
  const codes = buildHierarchy(units).reportingUnitsUnder(node).map((u) => u.code).sort();
  const out: string[] = [];
  for (const code of codes) {
    const r = revisionOf(code);
    if (r !== null) out.push(code + "|" + r);
  }
  return out;
}

export function compositionText(node: string, form: string, period: string, parts: readonly string[]): string {
  return node + "/" + form + "/" + period + ":" + parts.join(",");
}

function officeRow(data: BoardData, u: Unit, form: FormDefinition, now: number): ReviewRow {
  const deadline = deadlineOf(form, data.period, deadlineLevelOf(u.kind));
  const r = data.revisions.get(valuesKey(u.code, form.id, data.period));
  if (r === undefined) {
    return {
      unit: u.code, name: u.name, form: form.id, formCode: form.code, state: "not_sent", deadline,
      late: false, overdue: now > parseInstant(deadline), revision: null, signoff: NO_SIGNOFF, offices: null, basis: null, staleDecision: false,
    };
  }
  return {
    unit: u.code,
    name: u.name,
    form: form.id,
    formCode: form.code,
    state: revisionState(r.signoff),
    deadline,
    late: parseInstant(r.firstSubmittedAt) > parseInstant(deadline),
    overdue: false,
    revision: {
      id: r.id,
      number: r.revision,
      contentHash: r.contentHash,
      submittedAt: r.submittedAt,
      submittedBy: r.submittedBy,
      reason: r.reason,
      marks: correctionMarks(r.revision, r.submittedAt, r.deadline, r.acceptedBefore),
    },
    signoff: r.signoff,
    offices: null,
    basis: null,
    staleDecision: false,
  };
}

/**
 * A province as the Cục sees it: not sent while none of its offices has sent; confirmed once
 * every office has sent and the province has accepted every office's latest revision (that is
 * the province vouching for its figures); accepted or returned by the Cục while that decision
 * is about the current figures; otherwise sent.
 */
function nodeRow(data: BoardData, node: Unit, form: FormDefinition, now: number): ReviewRow {
  const offices = buildHierarchy(data.units).reportingUnitsUnder(node.code, periodEndOf(data.period));
  const deadline = deadlineOf(form, data.period, deadlineLevelOf(node.kind));
  const counts = { expected: offices.length, sent: 0, confirmed: 0, accepted: 0, returned: 0, late: 0, corrections: 0 };
  for (const u of offices) {
    const r = data.revisions.get(valuesKey(u.code, form.id, data.period));
    if (r === undefined) continue;
    counts.sent++;
    if (r.signoff.confirmedAt !== null) counts.confirmed++;
    if (r.signoff.decision === "accepted") counts.accepted++;
    if (r.signoff.decision === "returned") counts.returned++;
    if (parseInstant(r.firstSubmittedAt) > parseInstant(deadlineOf(form, data.period, deadlineLevelOf(u.kind)))) counts.late++;
    if (r.revision > 1) counts.corrections++;
  }
  const key = valuesKey(node.code, form.id, data.period);
  const basis = counts.sent > 0 ? data.bases.get(key) ?? null : null;
  const decision = data.nodeDecisions.get(key);
  const current = decision !== undefined && basis !== null && decision.basis === basis;
  let state: BoardState;
  if (counts.sent === 0) state = "not_sent";
  else if (current) state = (decision as NodeDecision).decision;
  else if (counts.expected > 0 && counts.accepted === counts.expected) state = "confirmed";
  else state = "sent";
  const signoff: RevisionSignoff = current
    ? { ...NO_SIGNOFF, decision: (decision as NodeDecision).decision, decidedAt: (decision as NodeDecision).decidedAt, decidedBy: (decision as NodeDecision).decidedBy, comment: (decision as NodeDecision).comment }
    : NO_SIGNOFF;
  return {
    unit: node.code,
    name: node.name,
    form: form.id,
    formCode: form.code,
    state,
    deadline,
    late: counts.late > 0,
    overdue: counts.sent < counts.expected && now > parseInstant(deadline),
    revision: null,
    signoff,
    offices: counts,
    basis,
    staleDecision: decision !== undefined && !current,
  };
}

/**
 * The review board of a parent for a period: a province's offices (each office's latest
 * revision and where it stands) or the Cục's provinces (how their offices stand, and the
 * Cục's own decision). Rows by unit, then form; counts of each state.
 */
export function buildReviewBoard(data: BoardData): ReviewBoard {
  const h = buildHierarchy(data.units);
  const end = periodEndOf(data.period);
  const now = parseInstant(data.generatedAt);
  const children = h.children(data.parent.code, end);
  const level: ReviewBoard["level"] = children.some((u) => !u.reporting) ? "provinces" : "offices";
  const rows: ReviewRow[] = [];
  for (const u of children) {
    for (const form of data.forms) rows.push(u.reporting ? officeRow(data, u, form, now) : nodeRow(data, u, form, now));
  }
  const counts: Record<string, number> = {};
  for (const s of BOARD_STATES) counts[s] = rows.filter((r) => r.state === s).length;
  return {
    parent: data.parent.code,
    parentName: data.parent.name,
    period: data.period,
    // A week is named as a week; a month by the cumulative months of its statistical year.
    periodLabel: isWeekKey(data.period) ? weekLabel(data.period) : cumulativeLabel(data.period),
    level,
    counts,
    rows,
    generatedAt: data.generatedAt,
  };
}
