/**
 * A small typed client for the Worker's API. Types come from the shared zod schemas by
 * `import type` only: zod must not reach the IE11 bundle (docs/engineering.md), and Hono's client
 * needs Proxy, which IE11 lacks. The Worker validates every request anyway.
 */
import type {
  Comparison,
  Completeness,
  ErrorBody,
  ReviewBoard,
  RevisionDetail,
  SignoffAnswer,
  ReportTextDto,
  SubmissionHistory,
  SubmissionReceipt,
  SubmissionRequest,
  UnitsResponse,
} from "../../../shared/api/schemas";
import type {
  TargetChangesRequest,
  TargetChangesResult,
  TargetsSheet,
  UnitChangesRequest,
  UnitChangesResult,
  UnitsSheet,
} from "../../../shared/api/sheets";
import type { Finding } from "../../../shared/findings";
import type { FormDefinition } from "../../../shared/forms/types";
import type { HttpResponse, Transport } from "./http";

export interface LocalText {
  vi: string;
  en: string;
}

/** Error bodies as the Worker sends them (worker/src/errors.ts). */
/** The error shape every API route answers with (shared/api/schemas.ts). */
export type ApiErrorBody = Omit<ErrorBody, "requestId"> & { requestId?: string };

export type ServerFinding = Finding & { message: LocalText };

export type { UnitsResponse };

export interface FormsResponse {
  period: string | null;
  forms: FormDefinition[];
}

/** Everything a submission can end in, decided once here. */
export type SendOutcome =
  | { kind: "accepted"; receipt: SubmissionReceipt }
  | { kind: "invalid"; code: string; message: LocalText; findings: ServerFinding[] }
  | { kind: "conflict"; message: LocalText; currentRevision: number; currentValues: Record<string, number | null> }
  | { kind: "closed"; message: LocalText }
  /** Worth retrying later: no answer, a 5xx, or 429. */
  | { kind: "transient"; status: number; message: LocalText; retryAfterSeconds: number | null }
  /** Will not succeed by retrying the same request (bad token, no right, unknown unit...). */
  | { kind: "rejected"; status: number; code: string; message: LocalText };

export type ReadOutcome<T> =
  | { ok: true; data: T }
  | { ok: false; transient: boolean; status: number; message: LocalText };

/** A push of an edited sheet: what was written, or why nothing was (every problem, by cell when it has one). */
export type PushOutcome<T> =
  | { ok: true; data: T }
  | { ok: false; transient: boolean; status: number; message: LocalText; issues: { path: string; vi: string; en: string }[] };

export function isTransientStatus(status: number): boolean {
  return status === 0 || status === 429 || status >= 500;
}

function errorOf(res: HttpResponse): ApiErrorBody["error"] | null {
  const b = res.body as ApiErrorBody | null;
  return b && typeof b === "object" && b.error && typeof b.error.code === "string" ? b.error : null;
}

export function transientMessage(res: HttpResponse): LocalText {
  if (res.status === 0) {
    return res.failure === "timeout"
      ? { vi: "Máy chủ không trả lời kịp (quá thời gian chờ).", en: "The server did not answer in time." }
      : { vi: "Không kết nối được máy chủ (mất mạng hoặc máy chủ không chạy).", en: "Cannot reach the server (offline or server down)." };
  }
  if (res.status === 429) return { vi: "Máy chủ đang quá tải (429); sẽ thử lại sau.", en: "The server is busy (429); will retry." };
  const e = errorOf(res);
  return e ? e.message : { vi: "Lỗi máy chủ (" + res.status + "); sẽ thử lại sau.", en: "Server error (" + res.status + "); will retry." };
}

function fallbackMessage(res: HttpResponse): LocalText {
  const e = errorOf(res);
  if (e) return e.message;
  return { vi: "Máy chủ trả lời bất thường (mã " + res.status + ").", en: "Unexpected server answer (status " + res.status + ")." };
}

export function classifySubmission(res: HttpResponse): SendOutcome {
  if (isTransientStatus(res.status)) {
    return { kind: "transient", status: res.status, message: transientMessage(res), retryAfterSeconds: res.retryAfterSeconds };
  }
  if (res.status === 200 || res.status === 201) {
    const r = res.body as SubmissionReceipt | null;
    if (r && typeof r.revision === "number") return { kind: "accepted", receipt: r };
    return { kind: "rejected", status: res.status, code: "bad_receipt", message: fallbackMessage(res) };
  }
  const e = errorOf(res);
  const code = e ? e.code : "http_" + res.status;
  if (res.status === 422 && e && (code === "invalid_form" || code === "explanation_required")) {
    return { kind: "invalid", code, message: e.message, findings: e.findings || [] };
  }
  if (res.status === 409 && e && code === "revision_conflict") {
    return {
      kind: "conflict",
      message: e.message,
      currentRevision: typeof e.currentRevision === "number" ? e.currentRevision : 0,
      currentValues: e.currentValues || {},
    };
  }
  if (res.status === 409 && code === "period_closed") return { kind: "closed", message: fallbackMessage(res) };
  return { kind: "rejected", status: res.status, code, message: fallbackMessage(res) };
}

export interface ApiClient {
  health(): Promise<ReadOutcome<{ ok: boolean }>>;
  units(): Promise<ReadOutcome<UnitsResponse>>;
  forms(): Promise<ReadOutcome<FormsResponse>>;
  history(unit: string, form: string, period: string): Promise<ReadOutcome<SubmissionHistory>>;
  submit(req: SubmissionRequest): Promise<SendOutcome>;
  /** The units below `parent` (34 provinces for VN, a province's offices) with rates, targets, flags. */
  comparison(parent: string, form: string, period: string, acceptedOnly?: boolean): Promise<ReadOutcome<Comparison>>;
  completeness(parent: string, period: string): Promise<ReadOutcome<Completeness>>;
  /** Sign-off (issue 13): one revision with its findings and what was said about it. */
  revision(id: string): Promise<ReadOutcome<RevisionDetail>>;
  /** The head confirms the revision whose content hash it saw. */
  confirm(id: string, contentHash: string): Promise<ReadOutcome<SignoffAnswer>>;
  /** The unit above accepts or returns (with a comment, on cells) a revision. */
  review(id: string, body: { decision: "accept" | "return"; contentHash: string; comment?: string; cells?: { field: string; comment: string }[] }): Promise<ReadOutcome<SignoffAnswer>>;
  /** The review board of a parent for a period: every form of the period, or the one named. */
  board(parent: string, period: string, form?: string): Promise<ReadOutcome<ReviewBoard>>;
  /** The Cục on a province's report, named by the basis the board gave. */
  reviewNode(body: { unit: string; form: string; period: string; basis: string; decision: "accept" | "return"; comment?: string }): Promise<ReadOutcome<unknown>>;
  /** PUT /api/v1/admin/forms (an administrator's token): publishes a definition read from a design sheet. */
  publishForm(definition: FormDefinition): Promise<ReadOutcome<{ form: string; validFrom: string; saved: boolean }>>;
  /** The report's opening paragraphs for a scope and period (every form). */
  reportText(parent: string, period: string): Promise<ReadOutcome<ReportTextDto>>;
  /** The targets of a year for the caller's children (or `parent`'s), as the sheet shows them. */
  targetsSheet(year: number, parent?: string): Promise<ReadOutcome<TargetsSheet>>;
  pushTargets(req: TargetChangesRequest): Promise<PushOutcome<TargetChangesResult>>;
  /** A parent's units, every validity, with their last report and working tokens. */
  unitsSheet(parent?: string): Promise<ReadOutcome<UnitsSheet>>;
  pushUnits(req: UnitChangesRequest): Promise<PushOutcome<UnitChangesResult>>;
}

/** The routes that also answer .xlsx ("Tải về .xlsx"), as paths with their query. */
export const reportPaths = {
  /** `acceptedOnly`: each unit's latest revision its parent accepted (issue 13), instead of the latest. */
  comparison: (parent: string, form: string, period: string, acceptedOnly = false): string =>
    "/api/v1/comparisons?parent=" + encodeURIComponent(parent) + "&form=" + encodeURIComponent(form) + "&period=" + encodeURIComponent(period) +
    (acceptedOnly ? "&figures=accepted" : ""),
  rollup: (unit: string, form: string, period: string): string =>
    "/api/v1/rollups?unit=" + encodeURIComponent(unit) + "&form=" + encodeURIComponent(form) + "&period=" + encodeURIComponent(period),
  completeness: (parent: string, period: string): string =>
    "/api/v1/completeness?parent=" + encodeURIComponent(parent) + "&period=" + encodeURIComponent(period),
  /** JSON by default; the Word document with Accept: …wordprocessingml.document. */
  reportText: (parent: string, period: string): string =>
    "/api/v1/reports/text?parent=" + encodeURIComponent(parent) + "&period=" + encodeURIComponent(period),
  targetsSheet: (year: number, parent?: string): string =>
    "/api/v1/targets/sheet?year=" + year + (parent ? "&parent=" + encodeURIComponent(parent) : ""),
  unitsSheet: (parent?: string): string => "/api/v1/organisation/sheet" + (parent ? "?parent=" + encodeURIComponent(parent) : ""),
};

function pushOutcome<T>(res: HttpResponse): PushOutcome<T> {
  if (res.status === 200) return { ok: true, data: res.body as T };
  const transient = isTransientStatus(res.status);
  const e = errorOf(res);
  return { ok: false, transient, status: res.status, message: transient ? transientMessage(res) : fallbackMessage(res), issues: e && e.issues ? e.issues : [] };
}

export function createApiClient(transport: Transport, config: () => { base: string; token: string }): ApiClient {
  const call = (method: "GET" | "POST" | "PUT", path: string, body?: unknown, auth = true) => {
    const c = config();
    const headers: Record<string, string> = { Accept: "application/json" };
    if (auth && c.token) headers.Authorization = "Bearer " + c.token;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    return transport({ method, url: c.base + path, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  };
  const read = <T>(path: string, auth = true, body?: unknown): Promise<ReadOutcome<T>> =>
    call(body === undefined ? "GET" : "POST", path, body, auth).then((res): ReadOutcome<T> => {
      if (res.status === 200) return { ok: true, data: res.body as T };
      return {
        ok: false,
        transient: isTransientStatus(res.status),
        status: res.status,
        message: isTransientStatus(res.status) ? transientMessage(res) : fallbackMessage(res),
      };
    });
  const q = encodeURIComponent;
  return {
    health: () => read("/api/v1/health", false),
    units: () => read("/api/v1/units"),
    forms: () => read("/api/v1/forms"),
    history: (unit, form, period) => read("/api/v1/submissions?unit=" + q(unit) + "&form=" + q(form) + "&period=" + q(period)),
    submit: (req) => call("POST", "/api/v1/submissions", req).then(classifySubmission),
    comparison: (parent, form, period, acceptedOnly) => read(reportPaths.comparison(parent, form, period, acceptedOnly)),
    completeness: (parent, period) => read(reportPaths.completeness(parent, period)),
    revision: (id) => read("/api/v1/submissions/" + q(id)),
    confirm: (id, contentHash) => read("/api/v1/submissions/" + q(id) + "/confirm", true, { contentHash }),
    review: (id, body) => read("/api/v1/submissions/" + q(id) + "/review", true, body),
    board: (parent, period, form) => read("/api/v1/reviews?parent=" + q(parent) + "&period=" + q(period) + (form ? "&form=" + q(form) : "")),
    reviewNode: (body) => read("/api/v1/reviews", true, body),
    publishForm: (definition) =>
      call("PUT", "/api/v1/admin/forms", definition).then((res): ReadOutcome<{ form: string; validFrom: string; saved: boolean }> => {
        if (res.status === 200) return { ok: true, data: res.body as { form: string; validFrom: string; saved: boolean } };
        return { ok: false, transient: isTransientStatus(res.status), status: res.status, message: isTransientStatus(res.status) ? transientMessage(res) : fallbackMessage(res) };
      }),
    reportText: (parent, period) => read(reportPaths.reportText(parent, period)),
    targetsSheet: (year, parent) => read(reportPaths.targetsSheet(year, parent)),
    pushTargets: (req) => call("POST", "/api/v1/targets/changes", req).then((res) => pushOutcome<TargetChangesResult>(res)),
    unitsSheet: (parent) => read(reportPaths.unitsSheet(parent)),
    pushUnits: (req) => call("POST", "/api/v1/organisation/changes", req).then((res) => pushOutcome<UnitChangesResult>(res)),
  };
}
