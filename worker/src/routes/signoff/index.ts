/**
 * Sign-off routes (issue 13, docs/domain.md "Sign-off"): a revision with its document, the
 * head's confirmation, the parent's acceptance or return, the review board, and the Cục's
 * decision on a province. Each reads in one D1 batch and writes in at most one more; a refusal
 * writes nothing (the write batch is never sent).
 */
import type { Context, Hono } from "hono";
import type { AppEnv } from "../../env";
import type { Principal } from "../../auth";
import { assertCanRead } from "../../auth";
import { ApiError, forbidden, notFound } from "../../errors";
import { parseJsonBody, parseWith } from "../../validation";
import { authorizedBatch, parseAuthorized, rowsOf } from "../../db/batch";
import { definitionsFromRows, definitionsStatement, formForPeriodIn, type DefinitionRow } from "../../forms";
import { auditStatement } from "../../db/audit";
import { UNIT_COLUMNS, toUnit, type UnitRow } from "../../db/units";
import {
  acceptedBefore,
  boardRevisionsStatement,
  confirmStatements,
  decideNodeStatements,
  decideStatements,
  eventsStatement,
  latestOfStatement,
  nodeSignoffStatement,
  reportSignoffStatement,
  revisionStatement,
  toSignoff,
  unitAndParentStatement,
  unitsOf,
  type BoardRevisionRow,
  type EventRow,
  type LatestRow,
  type NodeSignoffRow,
  type RevisionRow,
  type SignoffRow,
} from "../../db/signoff";
import { sha256Hex } from "../../crypto";
import { attachment } from "../../xlsx";
import { renderRevisionPdf } from "../../pdf/render";
import {
  confirmRequestSchema,
  nodeReviewRequestSchema,
  reviewBoardQuerySchema,
  reviewRequestSchema,
  revisionQuerySchema,
  type RevisionDetail,
  type SignoffAnswer,
} from "../../../../shared/api/schemas";
import type { FormDefinition } from "../../../../shared/forms/types";
import { validateForm } from "../../../../shared/validate";
import { describeFinding } from "../../../../shared/messages";
import { labelOf } from "../../../../shared/forms/registry";
import { collectionsForPeriod, historyPeriods } from "../../../../shared/forms/collection-period";
import { valuesKey } from "../../../../shared/reports/comparison/data";
import { revisionDocument, documentFileName, type RevisionDocument } from "../../../../shared/signoff/document";
import { buildReviewBoard, composition, compositionText, type BoardRevision, type NodeDecision } from "../../../../shared/signoff/board";
import { correctionMarks, revisionState, SIGNOFF_WORDS, type CellComment, type Decision } from "../../../../shared/signoff/state";
import { printBoard, printRevision } from "../../../../shared/signoff/printed";
import type { SubmittedRow } from "../../../../shared/forms/types";
import type { Unit } from "../../../../shared/units/types";

export const PDF_MIME = "application/pdf";

/** The route's first D1 batch also resolves the caller (worker/src/db/batch.ts): a route reads in one batch and writes in at most one more. */
const firstBatch = authorizedBatch;
const rows = rowsOf;

/** A batch that failed on the guard row: the read's premises changed meanwhile. */
function isGuardFailure(e: unknown): boolean {
  return /signoff_unchanged|CHECK constraint/i.test(String(e));
}

function revisionId(c: Context<AppEnv>): string {
  return parseWith(revisionQuerySchema, { id: c.req.param("id") }, "path").id;
}

interface RevisionContext {
  rev: RevisionRow;
  unit: Unit;
  parent: Unit | null;
  signoff: SignoffRow | null;
  latest: LatestRow;
  events: EventRow[];
  form: FormDefinition;
}

/** Reads a revision and everything about it in the route's first batch; 404 when there is no such revision. */
async function readRevision(c: Context<AppEnv>, id: string, extra: D1PreparedStatement[] = []): Promise<{ ctx: RevisionContext; extra: D1Result[] }> {
  const db = c.env.DB;
  const [rev, said, latest, units, events, defs, ...more] = await firstBatch(c, [
    revisionStatement(db, id),
    reportSignoffStatement(db, id),
    latestOfStatement(db, id),
    unitAndParentStatement(db, id),
    eventsStatement(db, id),
    definitionsStatement(db),
    ...extra,
  ]);
  const r = rows<RevisionRow>(rev)[0];
  if (!r) throw notFound(`Không có lần gửi ${id}.`, `No revision ${id}.`);
  const { unit, parent } = unitsOf(rows<UnitRow>(units), r.unit_code);
  const l = rows<LatestRow>(latest)[0];
  if (!unit || !l) throw new Error(`revision ${id}: its unit or latest revision is missing`);
  return {
    ctx: {
      rev: r,
      unit,
      parent,
      signoff: rows<SignoffRow>(said).filter((s) => s.submission_id === id)[0] ?? null,
      latest: l,
      events: rows<EventRow>(events),
      form: formForPeriodIn(definitionsFromRows(rows<DefinitionRow>(defs)), r.form_id, r.period),
    },
    extra: more,
  };
}

function documentOf(ctx: RevisionContext, confirmation: { by: string; at: string } | null): RevisionDocument {
  const r = ctx.rev;
  return revisionDocument({
    form: ctx.form,
    unit: { code: ctx.unit.code, name: ctx.unit.name },
    receiverName: ctx.parent ? ctx.parent.name : "",
    period: r.period,
    revision: r.revision,
    values: JSON.parse(r.values_json) as Record<string, number | null>,
    ...(r.rows_json === null ? {} : { rows: JSON.parse(r.rows_json) as SubmittedRow[] }),
    explanations: JSON.parse(r.explanations_json) as Record<string, string>,
    reason: r.reason,
    marks: correctionMarks(r.revision, r.submitted_at, r.deadline_at, acceptedBefore(ctx.events, r.revision)),
    contentHash: r.content_hash,
    submittedAt: r.submitted_at,
    submittedBy: r.submitted_label,
    confirmation,
  });
}

/** A 409 that names the latest revision, so the caller can look at it and act on it instead. */
function notLatest(ctx: RevisionContext, vi: string, en: string): ApiError {
  return new ApiError(409, "not_latest", vi + ` Lần gửi mới nhất là lần ${ctx.latest.revision}.`, en + ` The latest revision is ${ctx.latest.revision}.`, {
    latestRevision: ctx.latest.revision,
    latestId: ctx.latest.submission_id,
    latestContentHash: ctx.latest.content_hash,
  });
}

function hashMismatch(ctx: RevisionContext): ApiError {
  return new ApiError(422, "content_hash_mismatch",
    `Mã nội dung gửi kèm không phải của lần gửi ${ctx.rev.revision} (${ctx.rev.content_hash}); hãy mở lại báo cáo rồi thao tác.`,
    `The content hash sent is not that of revision ${ctx.rev.revision} (${ctx.rev.content_hash}); reload the report and try again.`,
    { contentHash: ctx.rev.content_hash });
}

function answer(ctx: RevisionContext, signoff: SignoffRow | null): SignoffAnswer {
  const s = toSignoff(signoff);
  return { id: ctx.rev.id, unit: ctx.rev.unit_code, form: ctx.rev.form_id, period: ctx.rev.period, revision: ctx.rev.revision, state: revisionState(s), signoff: s };
}

function reportTarget(r: RevisionRow): string {
  return `${r.unit_code}/${r.form_id}/${r.period}#${r.revision}`;
}

// ---------- GET a revision: JSON or its PDF ----------

async function getRevision(c: Context<AppEnv>): Promise<Response> {
  const id = await parseAuthorized(c, () => revisionId(c));
  const wantsPdf = (c.req.header("Accept") ?? "").includes(PDF_MIME);
  const { ctx } = await readRevision(c, id);
  assertCanRead(c.get("principal"), ctx.unit.path, ctx.unit.code);
  if (wantsPdf) {
    // Once confirmed, the document stored with the confirmation is drawn: the bytes never change again.
    const doc = ctx.signoff && ctx.signoff.document_json ? (JSON.parse(ctx.signoff.document_json) as RevisionDocument) : documentOf(ctx, null);
    const pdf = await renderRevisionPdf(doc);
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", pdf));
    return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
      "Content-Type": PDF_MIME,
      "Content-Disposition": attachment(documentFileName(ctx.rev.unit_code, ctx.rev.form_id, ctx.rev.period, ctx.rev.revision)),
      // A signed copy starts with exactly these bytes: its first Content-Length bytes hash to this.
      "X-Document-SHA256": Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join(""),
      "X-Content-Hash": ctx.rev.content_hash,
      "Cache-Control": "private, no-cache",
    });
  }
  // The findings need the unit's earlier reports: one more batch, known only now.
  const db = c.env.DB;
  // The periods the collection's cross-period rules read (none for a week: no batch at all).
  const { prevMonth: prev, prevYearFinal: lastYear } = historyPeriods(ctx.form, ctx.rev.period);
  const valuesOf = (period: string) =>
    db.prepare(`SELECT field, value FROM latest_values WHERE unit_code = ? AND form_id = ? AND period = ?`).bind(ctx.rev.unit_code, ctx.rev.form_id, period);
  const periods = [prev, lastYear].filter((p): p is string => p !== null);
  const history = periods.length > 0 ? await db.batch(periods.map(valuesOf)) : [];
  const toValues = (period: string | null): Record<string, number> | null => {
    if (period === null) return null;
    const list = rows<{ field: string; value: number }>(history[periods.indexOf(period)]);
    if (list.length === 0) return null;
    const out: Record<string, number> = {};
    for (const x of list) out[x.field] = x.value;
    return out;
  };
  const prevMonth = toValues(prev);
  const prevYearFinal = toValues(lastYear);
  const values = JSON.parse(ctx.rev.values_json) as Record<string, number | null>;
  const checked = validateForm(ctx.form, values, { prevMonth, prevYearFinal });
  const vi = labelOf(ctx.form, "vi");
  const signoff = toSignoff(ctx.signoff);
  const body: RevisionDetail = {
    id: ctx.rev.id,
    unit: ctx.rev.unit_code,
    unitName: ctx.unit.name,
    form: ctx.rev.form_id,
    period: ctx.rev.period,
    revision: ctx.rev.revision,
    latestRevision: ctx.latest.revision,
    regime: ctx.rev.regime,
    contentHash: ctx.rev.content_hash,
    submittedAt: ctx.rev.submitted_at,
    submittedBy: ctx.rev.submitted_label,
    deadline: ctx.rev.deadline_at,
    firstSubmittedAt: ctx.rev.first_at,
    late: ctx.rev.late === 1,
    reason: ctx.rev.reason,
    marks: correctionMarks(ctx.rev.revision, ctx.rev.submitted_at, ctx.rev.deadline_at, acceptedBefore(ctx.events, ctx.rev.revision)),
    values,
    explanations: JSON.parse(ctx.rev.explanations_json) as Record<string, string>,
    state: revisionState(signoff),
    signoff,
    findings: checked.findings.map((f) => ({ ...f, params: f.params as Record<string, unknown>, message: describeFinding(f, vi) })),
    events: ctx.events
      .filter((e) => e.submission_id === ctx.rev.id)
      .map((e) => ({ action: e.action, at: e.at, by: e.actor_label, role: e.role, comment: e.comment, cells: JSON.parse(e.cells_json) as CellComment[] })),
  };
  // The officers' or cases' rows are part of what the head confirms and the province reviews.
  if (ctx.rev.rows_json !== null) body.rows = JSON.parse(ctx.rev.rows_json) as SubmittedRow[];
  // Printed with the pane's own functions, for /tai-ve (whose script cannot import ./shared).
  const who = c.get("principal");
  body.printed = printRevision(body, ctx.form, { role: who.role, unit: who.unitCode }, ctx.parent ? ctx.parent.code : null);
  return c.json(body);
}

// ---------- the head confirms ----------

function assertHeadOf(who: Principal, ctx: RevisionContext): void {
  if (who.role !== "head") {
    throw forbidden(
      `Chỉ Thủ trưởng đơn vị (hoặc người được ủy quyền) mới xác nhận được báo cáo; vai trò hiện tại: ${who.role}.`,
      `Only the unit's head (or the person authorised) may confirm a report; current role: ${who.role}.`,
    );
  }
  if (who.unitCode !== ctx.unit.code) {
    throw forbidden(
      `Thủ trưởng đơn vị ${who.unitCode} không xác nhận được báo cáo của đơn vị ${ctx.unit.code}.`,
      `The head of unit ${who.unitCode} may not confirm a report of unit ${ctx.unit.code}.`,
    );
  }
  if (who.tokenId === ctx.rev.submitted_by) {
    throw forbidden("Không ai được tự xác nhận báo cáo do chính mình gửi.", "Nobody may confirm a report they sent themselves.");
  }
}

async function confirm(c: Context<AppEnv>): Promise<Response> {
  const id = await parseAuthorized(c, () => revisionId(c));
  const body = await parseAuthorized(c, () => parseJsonBody(c, confirmRequestSchema));
  const { ctx } = await readRevision(c, id);
  const who = c.get("principal");
  assertHeadOf(who, ctx);
  if (body.contentHash !== ctx.rev.content_hash) throw hashMismatch(ctx);
  if (ctx.latest.submission_id !== ctx.rev.id) {
    throw notLatest(ctx, `Lần gửi ${ctx.rev.revision} không còn là lần gửi mới nhất; không xác nhận được.`, `Revision ${ctx.rev.revision} is no longer the latest; it cannot be confirmed.`);
  }
  if (ctx.signoff && ctx.signoff.confirmed_at) {
    throw new ApiError(409, "already_confirmed",
      `Lần gửi ${ctx.rev.revision} đã được ${ctx.signoff.confirmed_label} xác nhận lúc ${ctx.signoff.confirmed_at}.`,
      `Revision ${ctx.rev.revision} was already confirmed by ${ctx.signoff.confirmed_label} at ${ctx.signoff.confirmed_at}.`);
  }
  const now = c.get("now");
  const document = documentOf(ctx, { by: who.label, at: now });
  const db = c.env.DB;
  const audit = auditStatement(db, who, c.get("requestId"), now, {
    action: "signoff.confirm",
    target: reportTarget(ctx.rev),
    detail: { id: ctx.rev.id, revision: ctx.rev.revision, contentHash: ctx.rev.content_hash },
  });
  const report = { unitCode: ctx.rev.unit_code, formId: ctx.rev.form_id, period: ctx.rev.period, submissionId: ctx.rev.id, revision: ctx.rev.revision };
  try {
    await db.batch(confirmStatements(db, report, who, ctx.rev.content_hash, JSON.stringify(document), now, c.get("requestId"), audit));
  } catch (e) {
    if (!isGuardFailure(e)) throw e;
    throw raced();
  }
  const after: SignoffRow = {
    ...(ctx.signoff ?? { submission_id: ctx.rev.id, revision: ctx.rev.revision, decision: null, decided_at: null, decided_by: null, decided_label: null, comment: null, cells_json: "[]" }),
    confirmed_at: now,
    confirmed_by: who.tokenId,
    confirmed_label: who.label,
    document_json: null,
  };
  return c.json(answer(ctx, after));
}

function raced(): ApiError {
  return new ApiError(409, "changed_meanwhile",
    "Báo cáo vừa thay đổi (có lần gửi mới hoặc đã được xác nhận) trong lúc bạn thao tác; chưa lưu gì. Hãy tải lại rồi thử lại.",
    "The report changed (a new revision, or a confirmation) while you acted; nothing was saved. Reload and try again.");
}

// ---------- the parent accepts or returns ----------

function assertParentOf(who: Principal, ctx: RevisionContext): void {
  if (!ctx.parent || who.unitCode !== ctx.parent.code || (who.role !== "province" && who.role !== "national")) {
    throw forbidden(
      `Chỉ đơn vị cấp trên trực tiếp (${ctx.parent ? ctx.parent.name : "—"}) mới tiếp nhận hoặc trả lại báo cáo của ${ctx.unit.name}.`,
      `Only the unit directly above (${ctx.parent ? ctx.parent.code : "—"}) may accept or return reports of ${ctx.unit.code}.`,
    );
  }
  if (who.tokenId === ctx.rev.submitted_by || (ctx.signoff && who.tokenId === ctx.signoff.confirmed_by)) {
    throw forbidden("Không ai được tự tiếp nhận báo cáo do chính mình gửi hoặc xác nhận.", "Nobody may accept a report they sent or confirmed themselves.");
  }
}

async function review(c: Context<AppEnv>): Promise<Response> {
  const id = await parseAuthorized(c, () => revisionId(c));
  const body = await parseAuthorized(c, () => parseJsonBody(c, reviewRequestSchema));
  const { ctx } = await readRevision(c, id);
  const who = c.get("principal");
  assertParentOf(who, ctx);
  const decision: Decision = body.decision === "accept" ? "accepted" : "returned";
  const comment = body.comment ?? null;
  if (decision === "returned" && comment === null) {
    throw new ApiError(422, "comment_required", "Trả lại báo cáo cần ghi nhận xét: đơn vị cần biết phải sửa gì.",
      "Returning a report needs a comment: the unit must know what to correct.");
  }
  const cells = body.cells ?? [];
  const known = new Set(ctx.form.fields.map((f) => f.key));
  const unknown = cells.filter((x) => !known.has(x.field)).map((x) => x.field);
  if (unknown.length > 0) {
    throw new ApiError(422, "unknown_field", `Biểu ${ctx.form.code} không có ô: ${unknown.join(", ")}.`, `Form ${ctx.form.id} has no cell: ${unknown.join(", ")}.`);
  }
  if (body.contentHash !== ctx.rev.content_hash) throw hashMismatch(ctx);
  if (ctx.latest.submission_id !== ctx.rev.id) {
    throw notLatest(ctx, `Lần gửi ${ctx.rev.revision} không còn là lần gửi mới nhất.`, `Revision ${ctx.rev.revision} is no longer the latest.`);
  }
  if (decision === "accepted" && !(ctx.signoff && ctx.signoff.confirmed_at)) {
    throw new ApiError(409, "not_confirmed",
      `Lần gửi ${ctx.rev.revision} chưa được Thủ trưởng đơn vị xác nhận; chưa tiếp nhận được.`,
      `Revision ${ctx.rev.revision} has not been confirmed by the unit's head; it cannot be accepted yet.`);
  }
  if (ctx.signoff && ctx.signoff.decision === decision) {
    throw new ApiError(409, "already_decided",
      `Lần gửi ${ctx.rev.revision} đã ở trạng thái "${SIGNOFF_WORDS[decision]}".`,
      `Revision ${ctx.rev.revision} is already ${decision}.`);
  }
  const now = c.get("now");
  const db = c.env.DB;
  const audit = auditStatement(db, who, c.get("requestId"), now, {
    action: decision === "accepted" ? "signoff.accept" : "signoff.return",
    target: reportTarget(ctx.rev),
    detail: { id: ctx.rev.id, revision: ctx.rev.revision, contentHash: ctx.rev.content_hash, comment, cells },
  });
  const report = { unitCode: ctx.rev.unit_code, formId: ctx.rev.form_id, period: ctx.rev.period, submissionId: ctx.rev.id, revision: ctx.rev.revision };
  try {
    await db.batch(decideStatements(db, report, who, ctx.rev.content_hash, decision, comment, cells, now, c.get("requestId"), audit));
  } catch (e) {
    if (!isGuardFailure(e)) throw e;
    throw raced();
  }
  const base: SignoffRow = ctx.signoff ?? {
    submission_id: ctx.rev.id, revision: ctx.rev.revision, confirmed_at: null, confirmed_by: null, confirmed_label: null, document_json: null,
    decision: null, decided_at: null, decided_by: null, decided_label: null, comment: null, cells_json: "[]",
  };
  return c.json(answer(ctx, { ...base, decision, decided_at: now, decided_by: who.tokenId, decided_label: who.label, comment, cells_json: JSON.stringify(cells) }));
}

// ---------- the review board ----------

/** The parent (404, 403, 400 for an office) and its subtree, every validity. */
function subtreeStatement(db: D1Database, code: string): D1PreparedStatement {
  return db
    .prepare(`SELECT ${UNIT_COLUMNS} FROM units WHERE substr(path, 1, length((SELECT path FROM units WHERE code = ?1))) = (SELECT path FROM units WHERE code = ?1) ORDER BY path`)
    .bind(code);
}

function boardRevision(r: BoardRevisionRow): BoardRevision {
  return {
    id: r.submission_id,
    revision: r.revision,
    contentHash: r.content_hash,
    submittedAt: r.submitted_at,
    submittedBy: r.submitted_label,
    deadline: r.deadline_at,
    firstSubmittedAt: r.first_at,
    reason: r.reason,
    acceptedBefore: r.accepted_before === 1,
    signoff: toSignoff(r),
  };
}

/** SHA-256 of what a province's report of a form consists of (shared/signoff/board.ts). */
async function basisOf(units: readonly Unit[], node: string, form: string, period: string, revisions: ReadonlyMap<string, BoardRevision>): Promise<{ parts: string[]; basis: string }> {
  const parts = composition(units, node, (u) => revisions.get(valuesKey(u, form, period))?.revision ?? null);
  return { parts, basis: await sha256Hex(compositionText(node, form, period, parts)) };
}

function notAParent(unit: Unit): ApiError {
  return new ApiError(400, "not_a_parent", `${unit.code} là đơn vị báo cáo, không có đơn vị trực thuộc để xem xét.`,
    `${unit.code} is a reporting unit with no units below it to review.`);
}

async function board(c: Context<AppEnv>): Promise<Response> {
  const q = await parseAuthorized(c, () => parseWith(reviewBoardQuerySchema, c.req.query(), "query"));
  const db = c.env.DB;
  const [unitRows, defs, revs, decisions] = await firstBatch(c, [
    subtreeStatement(db, q.parent),
    definitionsStatement(db),
    boardRevisionsStatement(db, q.parent, q.period),
    nodeSignoffStatement(db, q.parent, q.period),
  ]);
  const units = rows<UnitRow>(unitRows).map(toUnit);
  const parent = units.filter((u) => u.code === q.parent)[0];
  if (!parent) throw notFound(`Không có đơn vị ${q.parent}.`, `No unit ${q.parent}.`);
  assertCanRead(c.get("principal"), parent.path, parent.code);
  if (parent.reporting) throw notAParent(parent);
  const definitions = definitionsFromRows(rows<DefinitionRow>(defs));
  // The collections of the period's kind: a week lists the weekly ones, a month the monthly ones.
  const forms = q.form ? [formForPeriodIn(definitions, q.form, q.period)] : collectionsForPeriod(definitions, q.period);
  const revisions = new Map<string, BoardRevision>();
  for (const r of rows<BoardRevisionRow>(revs)) revisions.set(valuesKey(r.unit_code, r.form_id, r.period), boardRevision(r));
  const nodeDecisions = new Map<string, NodeDecision>();
  for (const d of rows<NodeSignoffRow>(decisions)) {
    nodeDecisions.set(valuesKey(d.node_code, d.form_id, d.period), { basis: d.basis, decision: d.decision, decidedAt: d.decided_at, decidedBy: d.decided_label, comment: d.comment });
  }
  const bases = new Map<string, string>();
  for (const child of units.filter((u) => u.parentCode === parent.code && !u.reporting)) {
    for (const f of forms) bases.set(valuesKey(child.code, f.id, q.period), (await basisOf(units, child.code, f.id, q.period, revisions)).basis);
  }
  return c.json(printBoard(buildReviewBoard({ parent, units, period: q.period, forms, revisions, nodeDecisions, bases, generatedAt: c.get("now") })));
}

// ---------- the Cục decides on a province ----------

async function reviewNode(c: Context<AppEnv>): Promise<Response> {
  const body = await parseAuthorized(c, () => parseJsonBody(c, nodeReviewRequestSchema));
  const db = c.env.DB;
  const [unitRows, defs, revs, decisions] = await firstBatch(c, [
    subtreeStatement(db, body.unit),
    definitionsStatement(db),
    boardRevisionsStatement(db, body.unit, body.period),
    db
      .prepare(`SELECT node_code, form_id, period, basis, decision, decided_at, decided_label, comment FROM node_signoff WHERE node_code = ? AND form_id = ? AND period = ?`)
      .bind(body.unit, body.form, body.period),
  ]);
  const units = rows<UnitRow>(unitRows).map(toUnit);
  const node = units.filter((u) => u.code === body.unit)[0];
  if (!node) throw notFound(`Không có đơn vị ${body.unit}.`, `No unit ${body.unit}.`);
  const who = c.get("principal");
  if (who.role !== "national" || who.unitCode !== node.parentCode) {
    throw forbidden(
      `Chỉ đơn vị cấp trên trực tiếp của ${node.name} mới tiếp nhận hoặc trả lại báo cáo của đơn vị này.`,
      `Only the unit directly above ${node.code} may accept or return its report.`,
    );
  }
  if (node.reporting) {
    throw new ApiError(422, "not_a_node", `${node.code} là đơn vị báo cáo: tiếp nhận từng lần gửi của đơn vị này.`,
      `${node.code} is a reporting unit: accept or return each of its revisions instead.`);
  }
  const decision: Decision = body.decision === "accept" ? "accepted" : "returned";
  const comment = body.comment ?? null;
  if (decision === "returned" && comment === null) {
    throw new ApiError(422, "comment_required", "Trả lại báo cáo cần ghi nhận xét: tỉnh cần biết phải sửa gì.",
      "Returning a report needs a comment: the province must know what to correct.");
  }
  const form = formForPeriodIn(definitionsFromRows(rows<DefinitionRow>(defs)), body.form, body.period);
  const revisions = new Map<string, BoardRevision>();
  for (const r of rows<BoardRevisionRow>(revs)) revisions.set(valuesKey(r.unit_code, r.form_id, r.period), boardRevision(r));
  const current = await basisOf(units, node.code, form.id, body.period, revisions);
  if (current.basis !== body.basis) {
    throw new ApiError(409, "basis_changed",
      `Số liệu của ${node.name} đã thay đổi (có lần gửi mới) sau khi bạn xem; hãy xem lại rồi quyết định.`,
      `${node.code}'s figures changed (a new revision) since you looked; review them again, then decide.`,
      { basis: current.basis });
  }
  const boardNow = buildReviewBoard({
    parent: units.filter((u) => u.code === node.code)[0] as Unit,
    units,
    period: body.period,
    forms: [form],
    revisions,
    nodeDecisions: new Map(),
    bases: new Map(),
    generatedAt: c.get("now"),
  });
  const offices = boardNow.rows;
  const allAccepted = offices.length > 0 && offices.every((r) => r.state === "accepted");
  if (decision === "accepted" && !allAccepted) {
    throw new ApiError(409, "not_confirmed",
      `${node.name} chưa tiếp nhận đủ báo cáo của các đơn vị trực thuộc (${offices.filter((r) => r.state === "accepted").length}/${offices.length}); chưa tiếp nhận được.`,
      `${node.code} has not accepted all its offices' reports (${offices.filter((r) => r.state === "accepted").length}/${offices.length}); it cannot be accepted yet.`);
  }
  const previous = rows<NodeSignoffRow>(decisions)[0];
  if (previous && previous.basis === current.basis && previous.decision === decision) {
    throw new ApiError(409, "already_decided", `Báo cáo của ${node.name} đã ở trạng thái "${SIGNOFF_WORDS[decision]}".`, `${node.code}'s report is already ${decision}.`);
  }
  const now = c.get("now");
  const audit = auditStatement(db, who, c.get("requestId"), now, {
    action: decision === "accepted" ? "signoff.node.accept" : "signoff.node.return",
    target: `${node.code}/${form.id}/${body.period}`,
    detail: { basis: current.basis, revisions: current.parts, comment },
  });
  try {
    await db.batch(decideNodeStatements(db, node.code, form.id, body.period, node.path, current.parts, current.basis, decision, who, comment, now, c.get("requestId"), audit));
  } catch (e) {
    if (!isGuardFailure(e)) throw e;
    throw raced();
  }
  return c.json({ unit: node.code, form: form.id, period: body.period, basis: current.basis, state: decision, decidedAt: now, decidedBy: who.label, comment });
}

export function signoffRoutes(app: Hono<AppEnv>): void {
  app.get("/api/v1/submissions/:id", getRevision);
  app.post("/api/v1/submissions/:id/confirm", confirm);
  app.post("/api/v1/submissions/:id/review", review);
  app.get("/api/v1/reviews", board);
  app.post("/api/v1/reviews", reviewNode);
}
