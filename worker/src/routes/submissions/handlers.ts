import type { Context } from "hono";
import type { AppEnv } from "../../env";
import type { Principal } from "../../auth";
import { ApiError, forbidden, notFound } from "../../errors";
import { parseJsonBody, parseQuery } from "../../validation";
import { definitionsFromRows, definitionsStatement, formForPeriodIn, type DefinitionRow } from "../../forms";
import { unitFrom, unitStatement } from "../../db/units";
import { validOn } from "../../../../shared/units/hierarchy";
import {
  historyStatement,
  isPeriodClosedError,
  latestValuesStatement,
  periodClosedFrom,
  periodClosedStatement,
  reportStateFrom,
  reportStateStatement,
  storeRevisionStatements,
  submissionByIdStatement,
  submissionsFrom,
  valuesFrom,
  type ReportState,
  type StoredSubmission,
} from "../../db/submissions";
import { auditStatement } from "../../db/audit";
import { targetsFromRows, targetsStatement } from "../../db/targets";
import { authorizedBatch, parseAuthorized, rowsOf } from "../../db/batch";
import { assertReadable } from "../scope";
import {
  submissionHistoryQuerySchema,
  submissionRequestSchema,
  type SubmissionHistory,
  type SubmissionReceipt,
  type SubmissionRequest,
} from "../../../../shared/api/schemas";
import { validateSubmission } from "../../../../shared/forms/collection-rows";
import { describeFinding } from "../../../../shared/messages";
import { labelOf } from "../../../../shared/forms/registry";
import type { FormDefinition } from "../../../../shared/forms/types";
import type { FormValues } from "../../../../shared/values";
import type { Finding } from "../../../../shared/findings";
import type { Unit } from "../../../../shared/units/types";
import {
  computeIndicator,
  defaultComparisonFor,
  effectiveTarget,
  gapToTarget,
  headlineIndicator,
  indexTargets,
  isTargetMet,
  targetedIndicator,
  type TargetIndex,
} from "../../../../shared/rollup";
import { parsePath } from "../../../../shared/units/path";
import { finalPeriodOfPreviousYear, isPeriodKey, previousMonth, vietnamDateOf } from "../../../../shared/periods";
import { acceptsPeriod, deadlineOf, historyPeriods, isLateFor, periodEndOf, statYearOfAny } from "../../../../shared/forms/collection-period";
import { formInForce } from "../../../../shared/forms/registry";
import { provinceCodeOf } from "../../../../shared/units/path";
import { deadlineLevelOf } from "../../../../shared/units/deadline-level";
import { canonicalContent } from "../../../../shared/api/content";
import { sha256Hex } from "../../crypto";
import { acceptedRevisions, acceptedRevisionsStatement, reportSignoffStatements, toSignoff, type EventRow, type SignoffRow } from "../../db/signoff";
import { correctionMarks, revisionState } from "../../../../shared/signoff/state";

/** Everything a submission reads, from the one batch that also resolves the caller. */
interface SubmissionReads {
  earlier: StoredSubmission | null;
  unit: Unit | null;
  closed: boolean;
  forms: FormDefinition[];
  prevMonth: FormValues | null;
  prevYearFinal: FormValues | null;
  state: ReportState;
  currentValues: FormValues | null;
  targets: TargetIndex;
  /** The revisions of this report its parent accepted: a later one is a correction after acceptance. */
  accepted: number[];
}

/**
 * Round trip 1: the caller, the id (a retry?), the unit, the period's lock, the definitions,
 * the history the cross-period rules need, the current revision and values (for a 409) and
 * the targets along the unit's path (for the receipt). A retry is answered from this alone.
 */
async function readForSubmission(c: Context<AppEnv>, req: SubmissionRequest): Promise<SubmissionReads> {
  const db = c.env.DB;
  // The collection's period type is only known once the definitions are read, in this same
  // batch: read every period a rule could look back to (a month's previous month, last year's
  // 12-month report; nothing for a week) and keep what the type uses (historyPeriods).
  const month = isPeriodKey(req.period);
  const prevKey = month ? previousMonth(req.period) : "";
  const finalKey = month ? finalPeriodOfPreviousYear(req.period) : "";
  const r = await authorizedBatch(c, [
    submissionByIdStatement(db, req.id),
    unitStatement(db, req.unit),
    periodClosedStatement(db, req.unit, req.period),
    definitionsStatement(db),
    // An empty key reads nothing.
    latestValuesStatement(db, req.unit, req.form, prevKey),
    latestValuesStatement(db, req.unit, req.form, finalKey),
    reportStateStatement(db, req.unit, req.form, req.period),
    latestValuesStatement(db, req.unit, req.form, req.period),
    targetsStatement(db, statYearOfAny(req.period)),
    acceptedRevisionsStatement(db, req.unit, req.form, req.period),
  ]);
  const forms = definitionsFromRows(rowsOf<DefinitionRow>(r[3]));
  const form = formInForce(forms, req.form, periodEndOf(req.period));
  // A period of another kind is refused later (formForPeriodIn); it has no history to read.
  const wanted = form && acceptsPeriod(form, req.period) ? historyPeriods(form, req.period) : { prevMonth: null, prevYearFinal: null };
  return {
    earlier: submissionsFrom(r[0])[0] ?? null,
    unit: unitFrom(r[1]),
    closed: periodClosedFrom(r[2]),
    forms,
    prevMonth: wanted.prevMonth !== null && wanted.prevMonth === prevKey ? valuesFrom(r[4]) : null,
    prevYearFinal: wanted.prevYearFinal !== null && wanted.prevYearFinal === finalKey ? valuesFrom(r[5]) : null,
    state: reportStateFrom(r[6]),
    currentValues: valuesFrom(r[7]),
    targets: indexTargets(targetsFromRows(rowsOf(r[8]))),
    accepted: acceptedRevisions(rowsOf<EventRow>(r[9])),
  };
}

export async function postSubmission(c: Context<AppEnv>): Promise<Response> {
  const db = c.env.DB;
  const req = await parseAuthorized(c, () => parseJsonBody(c, submissionRequestSchema));
  const contentHash = await hashContent(req);
  const read = await readForSubmission(c, req);
  const who = c.get("principal");
  assertClerkOf(who, req.unit);

  if (read.earlier) return replay(c, read, req, contentHash);

  const unit = read.unit;
  if (!unit || !unit.reporting) throw notFound(`Không có đơn vị báo cáo ${req.unit}.`, `No reporting unit ${req.unit}.`);
  // First the collection and whether the period is one of its kind (a week, a month): a 400
  // naming the field before anything is said about that period.
  const form = formForPeriodIn(read.forms, req.form, req.period);
  const end = periodEndOf(req.period);
  if (!validOn(unit, end)) {
    throw new ApiError(422, "unit_not_valid", `Đơn vị ${unit.code} không tồn tại trong kỳ ${req.period}.`,
      `Unit ${unit.code} does not exist in period ${req.period}.`);
  }
  const now = c.get("now");
  if (end > vietnamDateOf(now)) {
    throw new ApiError(422, "period_not_ended", `Kỳ ${req.period} chưa kết thúc (đến hết ngày ${end}); chưa thể gửi báo cáo.`,
      `Period ${req.period} has not ended (it ends on ${end}); it cannot be reported yet.`);
  }
  if (read.closed) throw periodClosed(unit, req.period);

  const checked = validateSubmission(form, req.values, req.rows, { prevMonth: read.prevMonth, prevYearFinal: read.prevYearFinal }, end);
  const errors = checked.findings.filter((f) => f.severity === "error");
  if (errors.length > 0) {
    throw new ApiError(422, "invalid_form", `Báo cáo có ${errors.length} lỗi; chưa lưu gì. Sửa các ô được nêu rồi gửi lại.`,
      `The report has ${errors.length} error(s); nothing was saved. Fix the cells listed and send again.`,
      { findings: withMessages(form, checked.findings) });
  }
  const explanations = req.explanations ?? {};
  const unexplained = checked.findings.filter((f) => f.severity === "warning" && !(f.ruleId && explanations[f.ruleId]));
  if (unexplained.length > 0) {
    throw new ApiError(422, "explanation_required", `Có ${unexplained.length} cảnh báo cần giải trình trước khi gửi.`,
      `${unexplained.length} warning(s) need an explanation before sending.`,
      { findings: withMessages(form, unexplained) });
  }

  const currentNo = read.state.revision;
  if (req.baseRevision !== undefined && req.baseRevision !== currentNo) {
    throw conflict(read.currentValues, currentNo, req.baseRevision);
  }
  // TT 05/2024 Art. 11: a correction is a báo cáo bổ sung with a written explanation.
  if (currentNo > 0 && req.reason === undefined) {
    throw new ApiError(422, "reason_required",
      `Đây là lần gửi ${currentNo + 1} của kỳ ${req.period} (báo cáo bổ sung): cần ghi giải trình bổ sung (lý do sửa số liệu).`,
      `This is revision ${currentNo + 1} for ${req.period} (a correction): a written reason for the change is required.`);
  }

  const level = deadlineLevelOf(unit.kind);
  const stored: StoredSubmission = {
    id: req.id,
    unitCode: unit.code,
    formId: form.id,
    period: req.period,
    revision: currentNo + 1,
    regime: form.regime,
    values: checked.values,
    explanations: pickExplanations(explanations, checked.findings),
    ...(req.rows && req.rows.length > 0 ? { rows: req.rows } : {}),
    contentHash,
    submittedBy: who.tokenId,
    submittedAt: now,
    deadlineAt: deadlineOf(form, req.period, level),
    // Judged on the first revision: a correction is a correction, not lateness.
    late: currentNo === 0 ? isLateFor(form, now, req.period, level) : read.state.late,
    reason: req.reason ?? null,
  };
  const audit = auditStatement(db, who, c.get("requestId"), now, {
    action: "submission.create",
    target: `${unit.code}/${form.id}/${req.period}`,
    detail: { id: stored.id, revision: stored.revision, contentHash, late: stored.late, reason: stored.reason },
  });
  try {
    // Round trip 2: the revision, the totals above it and the audit row, all or nothing.
    await db.batch(storeRevisionStatements(db, stored, unit.path, audit));
  } catch (e) {
    if (isPeriodClosedError(e)) throw periodClosed(unit, req.period);
    // Another revision (or the same id) landed between our read and this write: one more
    // round trip, only on this rare path, to answer as a replay or a 409.
    if (!/UNIQUE/i.test(String(e))) throw e;
    const again = await readForSubmission(c, req);
    if (again.earlier) return replay(c, again, req, contentHash);
    throw conflict(again.currentValues, again.state.revision, currentNo);
  }
  const firstSubmittedAt = currentNo === 0 ? now : (read.state.firstSubmittedAt ?? now);
  return c.json(receipt(stored, firstSubmittedAt, unit.path, form, read.targets, false, read.accepted), 201);
}

export async function getHistory(c: Context<AppEnv>): Promise<Response> {
  const db = c.env.DB;
  const q = await parseAuthorized(c, () => parseQuery(c, submissionHistoryQuerySchema));
  const [unitResult, historyResult, definitions, signoffRows, signoffEvents] = await authorizedBatch(c, [
    unitStatement(db, q.unit),
    historyStatement(db, q.unit, q.form, q.period),
    definitionsStatement(db),
    ...reportSignoffStatements(db, q.unit, q.form, q.period),
  ]);
  const unit = assertReadable(c.get("principal"), unitFrom(unitResult), q.unit);
  // An unknown form is a mistake in the request, not a report that was never sent.
  if (!definitionsFromRows(rowsOf<DefinitionRow>(definitions)).some((f) => f.id === q.form)) {
    throw new ApiError(404, "unknown_form", `Không có biểu mẫu ${q.form}.`, `No form ${q.form}.`);
  }
  const revisions = submissionsFrom(historyResult);
  const firstSubmittedAt = revisions[0]?.submittedAt ?? "";
  const said = rowsOf<SignoffRow>(signoffRows);
  const accepted = acceptedRevisions(rowsOf<EventRow>(signoffEvents));
  const body: SubmissionHistory = {
    unit: unit.code,
    form: q.form,
    period: q.period,
    current: revisions.length > 0 ? (revisions[revisions.length - 1] as StoredSubmission).revision : null,
    revisions: revisions.map((s) => {
      const signoff = toSignoff(said.filter((r) => r.submission_id === s.id)[0]);
      return {
        ...revisionFields(s, firstSubmittedAt, accepted),
        values: s.values,
        explanations: s.explanations,
        ...(s.rows ? { rows: s.rows } : {}),
        state: revisionState(signoff),
        signoff,
      };
    }),
  };
  return c.json(body);
}

function assertClerkOf(who: Principal, unit: string): void {
  if (who.role !== "clerk") {
    throw forbidden(
      `Chỉ cán bộ thống kê của đơn vị báo cáo mới được gửi báo cáo (vai trò hiện tại: ${who.role}).`,
      `Only the reporting unit's statistics clerk may submit reports (current role: ${who.role}).`,
    );
  }
  if (who.unitCode !== unit) {
    throw forbidden(
      `Mã truy cập này chỉ được gửi báo cáo cho đơn vị ${who.unitCode}, không phải ${unit}.`,
      `This token may only submit for unit ${who.unitCode}, not ${unit}.`,
    );
  }
}

function periodClosed(unit: Unit, period: string): ApiError {
  const province = provinceCodeOf(unit) ?? unit.code;
  return new ApiError(409, "period_closed", `Kỳ báo cáo đã khóa: tỉnh ${province} đã khóa kỳ ${period}. Liên hệ THADS tỉnh để mở lại.`,
    `The reporting period is closed: province ${province} closed ${period}. Ask the province to reopen it.`);
}

/**
 * A retry of a request that already succeeded gets the original receipt, never a second
 * revision. Everything it needs was in the first batch: the same id means the same unit, form
 * and period, or it is refused as a reuse.
 */
function replay(c: Context<AppEnv>, read: SubmissionReads, req: SubmissionRequest, contentHash: string): Response {
  const earlier = read.earlier as StoredSubmission;
  if (earlier.unitCode !== req.unit || earlier.formId !== req.form || earlier.period !== req.period || earlier.contentHash !== contentHash) {
    throw new ApiError(409, "id_reused", `Mã gửi ${req.id} đã được dùng cho một báo cáo khác; hãy tạo mã mới.`,
      `Submission id ${req.id} was already used for a different report; make a new id.`);
  }
  const form = formForPeriodIn(read.forms, earlier.formId, earlier.period);
  const first = read.state.firstSubmittedAt ?? earlier.submittedAt;
  return c.json(receipt(earlier, first, read.unit?.path ?? "", form, read.targets, true, read.accepted), 201);
}

function conflict(currentValues: FormValues | null, currentNo: number, base: number): ApiError {
  return new ApiError(409, "revision_conflict",
    `Số liệu đã được cập nhật (lần gửi ${currentNo}) sau khi bạn mở biểu (lần ${base}). Xem khác biệt rồi gửi lại.`,
    `The report was updated (revision ${currentNo}) after you opened it (revision ${base}). Review the differences and send again.`,
    { currentRevision: currentNo, currentValues: currentValues ?? {} });
}

function withMessages(form: FormDefinition, findings: Finding[]) {
  const vi = labelOf(form, "vi");
  return findings.map((f) => ({ ...f, message: describeFinding(f, vi) }));
}

/** Keep only explanations that answer a warning of this revision. */
function pickExplanations(explanations: Record<string, string>, findings: Finding[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of findings) if (f.ruleId && explanations[f.ruleId]) out[f.ruleId] = explanations[f.ruleId] as string;
  return out;
}

/** SHA-256 over the canonical content, to tell a retry from a reuse of the id. */
function hashContent(req: SubmissionRequest): Promise<string> {
  return sha256Hex(canonicalContent(req.unit, req.form, req.period, req.values, req.explanations ?? {}, req.rows, req.reason ?? null));
}

/** What a receipt and a history entry both say about a stored revision. */
function revisionFields(s: StoredSubmission, firstSubmittedAt: string, accepted: readonly number[]) {
  return {
    id: s.id,
    unit: s.unitCode,
    form: s.formId,
    period: s.period,
    revision: s.revision,
    regime: s.regime,
    contentHash: s.contentHash,
    submittedAt: s.submittedAt,
    submittedBy: s.submittedBy,
    deadline: s.deadlineAt,
    firstSubmittedAt,
    late: s.late,
    reason: s.reason,
    marks: correctionMarks(s.revision, s.submittedAt, s.deadlineAt, accepted.some((r) => r < s.revision)),
  };
}

function receipt(
  s: StoredSubmission,
  firstSubmittedAt: string,
  unitPath: string,
  form: FormDefinition,
  targets: TargetIndex,
  replayed: boolean,
  accepted: readonly number[],
): SubmissionReceipt {
  // The receipt states the indicator targets are set on (the completion rate for forms 01/02).
  const ind = targetedIndicator(form) ?? headlineIndicator(form);
  const rate = ind ? computeIndicator(ind, s.values, { missing: "zero" }).rate : null;
  const target = ind ? effectiveTarget(targets, parsePath(unitPath), ind.id, defaultComparisonFor(ind.direction)) : null;
  const targetPct = target ? target.targetPct : null;
  const decimals = ind ? ind.decimals : 2;
  return {
    ...revisionFields(s, firstSubmittedAt, accepted),
    completion: {
      rate,
      target: targetPct,
      targetProvisional: target?.provisional ?? false,
      gap: gapToTarget(rate, targetPct, decimals),
      met: isTargetMet({ rate, target: targetPct, comparison: target ? target.comparison : "gte", decimals }),
    },
    replayed,
  };
}
