import { expect } from "vitest";
import type { z } from "zod";
import {
  auditSchema,
  comparisonSchema,
  completenessSchema,
  consistencySchema,
  errorBodySchema,
  formSavedSchema,
  formsResponseSchema,
  healthSchema,
  nodeReviewAnswerSchema,
  reviewBoardSchema,
  revisionDetailSchema,
  signoffAnswerSchema,
  periodLockResultSchema,
  periodLocksSchema,
  reportTextSchema,
  rollupSchema,
  submissionHistorySchema,
  submissionReceiptSchema,
  targetsResponseSchema,
  targetsSavedSchema,
  tokenBulkIssuedSchema,
  tokenCreatedSchema,
  tokenListSchema,
  tokenRevokedSchema,
  tokenRotatedSchema,
  unitSavedSchema,
  unitsResponseSchema,
} from "../../shared/api/schemas";
import {
  targetChangesResultSchema,
  targetsSheetSchema,
  targetsUploadResultSchema,
  unitChangesResultSchema,
  unitsSheetSchema,
  unitsUploadResultSchema,
} from "../../shared/api/sheets";

/**
 * Checks a Worker answer against the shared schema its clients are typed with (the pane
 * imports these types; a drift would otherwise only show in the field). Fails the test with
 * zod's issues; returns the body unchanged, so a test reads every field as it came.
 */
export function expectParses(schema: z.ZodType, body: unknown): any {
  const r = schema.safeParse(body);
  if (!r.success) {
    expect.fail(
      "The response does not match its shared schema:\n" +
        r.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n") +
        "\n" + JSON.stringify(body).slice(0, 2000),
    );
  }
  return body;
}

/**
 * The 2xx body of each route, from shared/api/schemas.ts. Null: a document that is not part
 * of the typed contract (the OpenAPI description). Every error answers errorBodySchema.
 */
const ROUTES: { method: string; path: RegExp; schema: z.ZodType | null }[] = [
  { method: "GET", path: /^\/api\/v1\/health$/, schema: healthSchema },
  { method: "GET", path: /^\/api\/v1\/units$/, schema: unitsResponseSchema },
  { method: "GET", path: /^\/api\/v1\/forms$/, schema: formsResponseSchema },
  { method: "GET", path: /^\/api\/v1\/openapi\.json$/, schema: null },
  { method: "POST", path: /^\/api\/v1\/submissions$/, schema: submissionReceiptSchema },
  { method: "GET", path: /^\/api\/v1\/submissions$/, schema: submissionHistorySchema },
  { method: "GET", path: /^\/api\/v1\/submissions\/[^/]+$/, schema: revisionDetailSchema },
  { method: "POST", path: /^\/api\/v1\/submissions\/[^/]+\/(confirm|review)$/, schema: signoffAnswerSchema },
  { method: "GET", path: /^\/api\/v1\/reviews$/, schema: reviewBoardSchema },
  { method: "POST", path: /^\/api\/v1\/reviews$/, schema: nodeReviewAnswerSchema },
  { method: "GET", path: /^\/api\/v1\/rollups$/, schema: rollupSchema },
  { method: "GET", path: /^\/api\/v1\/targets$/, schema: targetsResponseSchema },
  { method: "PUT", path: /^\/api\/v1\/targets$/, schema: targetsSavedSchema },
  { method: "GET", path: /^\/api\/v1\/targets\/sheet$/, schema: targetsSheetSchema },
  { method: "POST", path: /^\/api\/v1\/targets\/changes$/, schema: targetChangesResultSchema },
  { method: "POST", path: /^\/api\/v1\/targets\/upload$/, schema: targetsUploadResultSchema },
  { method: "GET", path: /^\/api\/v1\/organisation\/sheet$/, schema: unitsSheetSchema },
  { method: "POST", path: /^\/api\/v1\/organisation\/changes$/, schema: unitChangesResultSchema },
  { method: "POST", path: /^\/api\/v1\/organisation\/upload$/, schema: unitsUploadResultSchema },
  { method: "GET", path: /^\/api\/v1\/comparisons$/, schema: comparisonSchema },
  { method: "GET", path: /^\/api\/v1\/completeness$/, schema: completenessSchema },
  { method: "GET", path: /^\/api\/v1\/reports\/text$/, schema: reportTextSchema },
  { method: "GET", path: /^\/api\/v1\/periods$/, schema: periodLocksSchema },
  { method: "POST", path: /^\/api\/v1\/periods\/(close|reopen)$/, schema: periodLockResultSchema },
  { method: "POST", path: /^\/api\/v1\/admin\/tokens$/, schema: tokenCreatedSchema },
  { method: "DELETE", path: /^\/api\/v1\/admin\/tokens\/[^/]+$/, schema: tokenRevokedSchema },
  { method: "PUT", path: /^\/api\/v1\/admin\/units$/, schema: unitSavedSchema },
  { method: "PUT", path: /^\/api\/v1\/admin\/forms$/, schema: formSavedSchema },
  { method: "GET", path: /^\/api\/v1\/admin\/audit$/, schema: auditSchema },
  { method: "GET", path: /^\/api\/v1\/admin\/consistency$/, schema: consistencySchema },
  { method: "GET", path: /^\/api\/v1\/tokens$/, schema: tokenListSchema },
  { method: "POST", path: /^\/api\/v1\/tokens\/bulk$/, schema: tokenBulkIssuedSchema },
  { method: "POST", path: /^\/api\/v1\/tokens\/[^/]+\/rotate$/, schema: tokenRotatedSchema },
  { method: "DELETE", path: /^\/api\/v1\/tokens\/[^/]+$/, schema: tokenRevokedSchema },
];

/** The schema of a route's 2xx body; throws for a route this table does not know (add it). */
export function responseSchemaFor(method: string, path: string): z.ZodType | null {
  const bare = path.split("?")[0] as string;
  for (const r of ROUTES) if (r.method === method && r.path.test(bare)) return r.schema;
  throw new Error(`No response schema for ${method} ${bare}: add it to tests/worker/responses.ts (and shared/api/schemas.ts)`);
}

/** A JSON answer of `method path`, checked: its route's schema when 2xx, the error schema otherwise. */
export function expectRouteAnswer(method: string, path: string, status: number, body: unknown): any {
  if (status >= 400) return expectParses(errorBodySchema, body);
  const schema = responseSchemaFor(method, path);
  return schema ? expectParses(schema, body) : body;
}

/** The body of an error response, checked against the error schema every route answers with. */
export async function errorJson(res: Response): Promise<any> {
  expect(res.ok, `expected an error, got ${res.status}`).toBe(false);
  return expectParses(errorBodySchema, await res.json());
}
