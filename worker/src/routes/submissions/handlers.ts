import type { Context } from "hono";
import type { AppEnv } from "../../env";
import type { Principal } from "../../auth";
import { assertCanRead } from "../../auth";
import { ApiError, forbidden, notFound } from "../../errors";
import { parseJsonBody, parseQuery } from "../../validation";
import { formForPeriod } from "../../forms";
import { getUnit } from "../../db/units";
import { validOn } from "../../../../shared/units/hierarchy";
import {
  currentRevision,
  findSubmission,
  latestValues,
  storeRevisionStatements,
  submissionHistory,
  type StoredSubmission,
} from "../../db/submissions";
import { auditStatement } from "../../db/audit";
import { isPeriodClosed } from "../../db/locks";
import { loadTargets } from "../../db/targets";
import {
  submissionHistoryQuerySchema,
  submissionRequestSchema,
  type SubmissionHistory,
  type SubmissionReceipt,
  type SubmissionRequest,
} from "../../../../shared/api/schemas";
import { validateForm } from "../../../../shared/validate";
import { describeFinding } from "../../../../shared/messages";
import { labelOf } from "../../../../shared/forms/registry";
import type { FormDefinition } from "../../../../shared/forms/types";
import type { Finding } from "../../../../shared/findings";
import {
  computeIndicator,
  defaultComparisonFor,
  effectiveTarget,
  gapToTarget,
  headlineIndicator,
  indexTargets,
  isTargetMet,
  targetedIndicator,
} from "../../../../shared/rollup";
import { parsePath } from "../../../../shared/units/path";
import {
  deadlineInstantUtc,
  finalPeriodOfPreviousYear,
  isLate,
  periodEnd,
  previousMonthInYear,
  statYearOf,
  vietnamDateOf,
} from "../../../../shared/periods";
import { provinceCodeOf } from "../../../../shared/units/path";
import { deadlineLevelOf } from "../../../../shared/units/deadline-level";
import { canonicalContent } from "../../../../shared/api/content";
import { sha256Hex } from "../../crypto";

export async function postSubmission(c: Context<AppEnv>): Promise<Response> {
  const db = c.env.DB;
  const who = c.get("principal");
  const req = await parseJsonBody(c, submissionRequestSchema);
  assertClerkOf(who, req.unit);

  const contentHash = await hashContent(req);
  const earlier = await findSubmission(db, req.id);
  if (earlier) return replay(c, earlier, req, contentHash);

  const unit = await getUnit(db, req.unit);
  if (!unit || !unit.reporting) throw notFound(`Không có đơn vị báo cáo ${req.unit}.`, `No reporting unit ${req.unit}.`);
  const end = periodEnd(req.period);
  if (!validOn(unit, end)) {
    throw new ApiError(422, "unit_not_valid", `Đơn vị ${unit.code} không tồn tại trong kỳ ${req.period}.`,
      `Unit ${unit.code} does not exist in period ${req.period}.`);
  }
  const now = c.get("now");
  if (end > vietnamDateOf(now)) {
    throw new ApiError(422, "period_not_ended", `Kỳ ${req.period} chưa kết thúc (đến hết ngày ${end}); chưa thể gửi báo cáo.`,
      `Period ${req.period} has not ended (it ends on ${end}); it cannot be reported yet.`);
  }
  const province = provinceCodeOf(unit);
  if (province && (await isPeriodClosed(db, province, req.period))) {
    throw new ApiError(409, "period_closed", `Kỳ báo cáo đã khóa: tỉnh ${province} đã khóa kỳ ${req.period}. Liên hệ THADS tỉnh để mở lại.`,
      `The reporting period is closed: province ${province} closed ${req.period}. Ask the province to reopen it.`);
  }

  const form = await formForPeriod(db, req.form, req.period);
  const prevMonthKey = previousMonthInYear(req.period);
  const [prevMonth, prevYearFinal] = await Promise.all([
    prevMonthKey ? latestValues(db, unit.code, form.id, prevMonthKey) : Promise.resolve(null),
    latestValues(db, unit.code, form.id, finalPeriodOfPreviousYear(req.period)),
  ]);
  const checked = validateForm(form, req.values, { prevMonth, prevYearFinal });
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

  const current = await currentRevision(db, unit.code, form.id, req.period);
  const currentNo = current?.revision ?? 0;
  if (req.baseRevision !== undefined && req.baseRevision !== currentNo) {
    throw await conflict(db, unit.code, form.id, req.period, currentNo, req.baseRevision);
  }

  const stored: StoredSubmission = {
    id: req.id,
    unitCode: unit.code,
    formId: form.id,
    period: req.period,
    revision: currentNo + 1,
    regime: form.regime,
    values: checked.values,
    explanations: pickExplanations(explanations, checked.findings),
    contentHash,
    submittedBy: who.tokenId,
    submittedAt: now,
    deadlineAt: deadlineInstantUtc(req.period, deadlineLevelOf(unit.kind)),
    late: isLate(now, req.period, deadlineLevelOf(unit.kind)),
  };
  const audit = auditStatement(db, who, c.get("requestId"), now, {
    action: "submission.create",
    target: `${unit.code}/${form.id}/${req.period}`,
    detail: { id: stored.id, revision: stored.revision, contentHash, late: stored.late },
  });
  try {
    await db.batch(storeRevisionStatements(db, stored, unit.path, audit));
  } catch (e) {
    // Another revision (or the same id) landed between our read and this write.
    if (!/UNIQUE|constraint/i.test(String(e))) throw e;
    const again = await findSubmission(db, req.id);
    if (again) return replay(c, again, req, contentHash);
    const latest = await currentRevision(db, unit.code, form.id, req.period);
    throw await conflict(db, unit.code, form.id, req.period, latest?.revision ?? 0, currentNo);
  }
  return c.json(await receipt(db, stored, unit.path, form, false), 201);
}

export async function getHistory(c: Context<AppEnv>): Promise<Response> {
  const db = c.env.DB;
  const q = parseQuery(c, submissionHistoryQuerySchema);
  const unit = await getUnit(db, q.unit);
  if (!unit) throw notFound(`Không có đơn vị ${q.unit}.`, `No unit ${q.unit}.`);
  assertCanRead(c.get("principal"), unit.path, unit.code);
  const revisions = await submissionHistory(db, unit.code, q.form, q.period);
  const body: SubmissionHistory = {
    unit: unit.code,
    form: q.form,
    period: q.period,
    current: revisions.length > 0 ? (revisions[revisions.length - 1] as StoredSubmission).revision : null,
    revisions: revisions.map((s) => ({ ...revisionFields(s), values: s.values, explanations: s.explanations })),
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

/** A retry of a request that already succeeded gets the original receipt, never a second revision. */
async function replay(c: Context<AppEnv>, earlier: StoredSubmission, req: SubmissionRequest, contentHash: string): Promise<Response> {
  if (earlier.unitCode !== req.unit || earlier.formId !== req.form || earlier.period !== req.period || earlier.contentHash !== contentHash) {
    throw new ApiError(409, "id_reused", `Mã gửi ${req.id} đã được dùng cho một báo cáo khác; hãy tạo mã mới.`,
      `Submission id ${req.id} was already used for a different report; make a new id.`);
  }
  const unit = await getUnit(c.env.DB, earlier.unitCode);
  const form = await formForPeriod(c.env.DB, earlier.formId, earlier.period);
  return c.json(await receipt(c.env.DB, earlier, unit?.path ?? "", form, true), 201);
}

async function conflict(db: D1Database, unit: string, form: string, period: string, currentNo: number, base: number): Promise<ApiError> {
  const values = (await latestValues(db, unit, form, period)) ?? {};
  return new ApiError(409, "revision_conflict",
    `Số liệu đã được cập nhật (lần gửi ${currentNo}) sau khi bạn mở biểu (lần ${base}). Xem khác biệt rồi gửi lại.`,
    `The report was updated (revision ${currentNo}) after you opened it (revision ${base}). Review the differences and send again.`,
    { currentRevision: currentNo, currentValues: values });
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
  return sha256Hex(canonicalContent(req.unit, req.form, req.period, req.values, req.explanations ?? {}));
}

/** What a receipt and a history entry both say about a stored revision. */
function revisionFields(s: StoredSubmission) {
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
    late: s.late,
  };
}

async function receipt(db: D1Database, s: StoredSubmission, unitPath: string, form: FormDefinition, replayed: boolean): Promise<SubmissionReceipt> {
  // The receipt states the indicator targets are set on (the completion rate for forms 01/02).
  const ind = targetedIndicator(form) ?? headlineIndicator(form);
  const rate = ind ? computeIndicator(ind, s.values, { missing: "zero" }).rate : null;
  const target = ind
    ? effectiveTarget(indexTargets(await loadTargets(db, statYearOf(s.period))), parsePath(unitPath), ind.id, defaultComparisonFor(ind.direction))
    : null;
  const targetPct = target ? target.targetPct : null;
  const decimals = ind ? ind.decimals : 2;
  return {
    ...revisionFields(s),
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
