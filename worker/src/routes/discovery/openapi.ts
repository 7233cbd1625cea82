import { z } from "zod";
import * as s from "../../../../shared/api/schemas";
import * as sheets from "../../../../shared/api/sheets";

type Method = "get" | "post" | "put" | "delete";

interface RouteDoc {
  method: Method;
  path: string;
  summary: string;
  roles: string;
  query?: z.ZodObject;
  body?: z.ZodType;
  response?: z.ZodType;
  /** The body is an edited .xlsx, not JSON. */
  upload?: true;
}

const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The API as documented: generated from the same zod schemas the handlers parse with. */
const ROUTES: RouteDoc[] = [
  { method: "get", path: "/api/v1/forms", summary: "Form definitions (in force for a period)", roles: "all", query: s.formsQuerySchema },
  { method: "get", path: "/api/v1/units", summary: "The unit hierarchy visible to the caller", roles: "all" },
  { method: "post", path: "/api/v1/submissions", summary: "Submit a form (idempotent by id, optimistic by baseRevision)", roles: "clerk (own unit)", body: s.submissionRequestSchema, response: s.submissionReceiptSchema },
  { method: "get", path: "/api/v1/submissions", summary: "Every revision of one unit, form and period", roles: "readers of the unit", query: s.submissionHistoryQuerySchema, response: s.submissionHistorySchema },
  { method: "get", path: "/api/v1/submissions/{id}", summary: "One revision: figures, findings, sign-off and its events (JSON), or its report document (Accept: application/pdf, byte-identical on every download)", roles: "readers of the unit", response: s.revisionDetailSchema },
  { method: "post", path: "/api/v1/submissions/{id}/confirm", summary: "The unit's head confirms the latest revision by its content hash", roles: "head (own unit, not the sender)", body: s.confirmRequestSchema, response: s.signoffAnswerSchema },
  { method: "post", path: "/api/v1/submissions/{id}/review", summary: "The unit above accepts (a confirmed revision) or returns it with a comment", roles: "province or national (the unit directly above)", body: s.reviewRequestSchema, response: s.signoffAnswerSchema },
  { method: "get", path: "/api/v1/reviews", summary: "Review board: the children of a parent for a period, with state, late and correction marks", roles: "readers of the parent", query: s.reviewBoardQuerySchema, response: s.reviewBoardSchema },
  { method: "post", path: "/api/v1/reviews", summary: "The Cục accepts or returns a province's report (named by the basis the board gave)", roles: "national", body: s.nodeReviewRequestSchema, response: s.nodeReviewAnswerSchema },
  { method: "get", path: "/api/v1/rollups", summary: "Values and indicators of any node (office, province, national)", roles: "readers of the unit", query: s.rollupQuerySchema, response: s.rollupSchema },
  { method: "get", path: "/api/v1/targets", summary: "Effective targets of a year (own or inherited)", roles: "readers of the unit", query: s.targetsQuerySchema },
  { method: "put", path: "/api/v1/targets", summary: "Set targets (national: provinces; province: its offices)", roles: "province, national, admin", body: s.targetPutSchema },
  { method: "get", path: "/api/v1/targets/sheet", summary: "The targets sheet of a year: the caller's children × indicators, own or inherited, last year's result and target (JSON, or an editable .xlsx)", roles: "province, national, admin", query: sheets.targetsSheetQuerySchema, response: sheets.targetsSheetSchema },
  { method: "post", path: "/api/v1/targets/changes", summary: "The differences of an edited targets sheet, checked together and written in one batch (nothing on any problem)", roles: "province, national, admin", body: sheets.targetChangesRequestSchema, response: sheets.targetChangesResultSchema },
  { method: "post", path: "/api/v1/targets/upload", summary: "An edited targets .xlsx read and compared with what is stored; writes nothing", roles: "province, national, admin", upload: true, response: sheets.targetsUploadResultSchema },
  { method: "get", path: "/api/v1/organisation/sheet", summary: "A parent's units of every validity, with their last report and working tokens (JSON, or an editable .xlsx)", roles: "province (its offices), national and admin (provinces)", query: sheets.unitsSheetQuerySchema, response: sheets.unitsSheetSchema },
  { method: "post", path: "/api/v1/organisation/changes", summary: "Renames, new units, closings with successors: validated as a whole, written in one batch with their consequences", roles: "province (its offices), national and admin (provinces)", body: sheets.unitChangesRequestSchema, response: sheets.unitChangesResultSchema },
  { method: "post", path: "/api/v1/organisation/upload", summary: "An edited units .xlsx read and compared with what is stored; writes nothing", roles: "province (its offices), national and admin (provinces)", upload: true, response: sheets.unitsUploadResultSchema },
  { method: "get", path: "/api/v1/comparisons", summary: "Comparison rows of a parent's children plus the total (JSON or text/csv)", roles: "readers of the parent", query: s.comparisonQuerySchema, response: s.comparisonSchema },
  { method: "get", path: "/api/v1/reports/text", summary: "The report's opening paragraphs for a scope and period (text/plain; JSON with Accept: application/json; Word with Accept: …wordprocessingml.document)", roles: "readers of the parent", query: s.reportTextQuerySchema, response: s.reportTextSchema },
  { method: "get", path: "/api/v1/completeness", summary: "Expected, on time, late and missing reports", roles: "readers of the parent", query: s.completenessQuerySchema, response: s.completenessSchema },
  { method: "get", path: "/api/v1/periods", summary: "Closed and reopened periods", roles: "all" },
  { method: "post", path: "/api/v1/periods/close", summary: "Close a period for a province", roles: "province (own), admin", body: s.periodLockSchema },
  { method: "post", path: "/api/v1/periods/reopen", summary: "Reopen a period for a province", roles: "province (own), admin", body: s.periodLockSchema },
  { method: "post", path: "/api/v1/admin/tokens", summary: "Issue a token (shown once)", roles: "admin", body: s.tokenCreateSchema, response: s.tokenCreatedSchema },
  { method: "delete", path: "/api/v1/admin/tokens/{id}", summary: "Revoke a token", roles: "admin" },
  { method: "get", path: "/api/v1/tokens", summary: "Tokens of a unit's subtree: holder, expiry, last use (never the token)", roles: "province (own), admin", query: s.tokenListQuerySchema, response: s.tokenListSchema },
  { method: "post", path: "/api/v1/tokens/bulk", summary: "Issue one clerk (or, with role head, one head) token per office of a province, shown once (JSON or the printable .xlsx)", roles: "province (own), admin", body: s.tokenBulkSchema, response: s.tokenBulkIssuedSchema },
  { method: "post", path: "/api/v1/tokens/{id}/rotate", summary: "A new token for the same holder; the old one revoked in the same step", roles: "the holder, its province, admin", response: s.tokenRotatedSchema },
  { method: "delete", path: "/api/v1/tokens/{id}", summary: "Revoke a token (effective on the next request)", roles: "the holder, its province, admin", response: s.tokenRevokedSchema },
  { method: "put", path: "/api/v1/admin/units", summary: "Create or update a unit", roles: "admin", body: s.unitUpsertSchema },
  { method: "put", path: "/api/v1/admin/forms", summary: "Load a form definition (replaces the built-in of the same form and regime)", roles: "admin" },
  { method: "get", path: "/api/v1/admin/audit", summary: "The audit log, newest first", roles: "admin", query: s.auditQuerySchema, response: s.auditSchema },
  { method: "get", path: "/api/v1/admin/consistency", summary: "Every stored total recomputed from the revisions; the differences (npm run check)", roles: "admin", response: s.consistencySchema },
];

function jsonSchema(schema: z.ZodType): unknown {
  return z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
}

export function openApiDocument(origin: string): unknown {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of ROUTES) {
    const op: Record<string, unknown> = {
      summary: r.summary,
      description: `Roles: ${r.roles}`,
      security: [{ bearer: [] }],
      responses: {
        "200": r.response ? { description: "OK", content: { "application/json": { schema: jsonSchema(r.response) } } } : { description: "OK" },
        "400": { description: "Invalid request (issues name the field)" },
        "401": { description: "Missing or invalid token" },
        "403": { description: "Outside the caller's scope" },
        "415": { description: "A body that is not application/json" },
        "429": { description: "Too many failed authentications from this address or with this token prefix (Retry-After)" },
      },
    };
    if (r.query) {
      op.parameters = Object.keys(r.query.shape).map((name) => ({
        name,
        in: "query",
        required: !r.query?.shape[name]?.safeParse(undefined).success,
        schema: jsonSchema(r.query?.shape[name] as z.ZodType),
      }));
    }
    if (r.upload) op.requestBody = { required: true, content: { [XLSX_MIME]: { schema: { type: "string", format: "binary" } } } };
    if (r.body) op.requestBody = { required: true, content: { "application/json": { schema: jsonSchema(r.body) } } };
    paths[r.path] = { ...(paths[r.path] ?? {}), [r.method]: op };
  }
  return {
    openapi: "3.1.0",
    info: { title: "THADS Thống kê API", version: "1", description: "Báo cáo thống kê thi hành án dân sự / civil judgment enforcement statistics" },
    servers: [{ url: origin }],
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
    paths,
  };
}
