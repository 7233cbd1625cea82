import type { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../../env";
import { ApiError } from "../../errors";
import { auditStatement } from "../../db/audit";
import { rowsOf } from "../../db/batch";
import { adminBatch, adminBody } from "./index";
import { definitionsFromRows, definitionsStatement, type DefinitionRow } from "../../forms";
import { loadFormDefinition } from "../../../../shared/forms/loader";
import { formDefinitionSchema } from "../../../../shared/forms/schema";
import { collectionForPeriod, periodLabelOf } from "../../../../shared/forms/collection-period";
import type { FormDefinition } from "../../../../shared/forms/types";

/**
 * PUT /api/v1/admin/forms: a national administrator publishes a form or a collection as data
 * (issue 8 item 4). A definition is versioned by its `validFrom`: publishing one with a new date
 * makes a new version from that date, and every period keeps the version in force on its last
 * day. What is refused, with every problem listed and nothing stored: a definition that does
 * not pass the checks (shared/forms/definition-check.ts), and one that would change the
 * definition governing a period that already has reports (their revisions must keep
 * validating under the version they were sent under).
 *
 * Two D1 round trips: the caller with the definitions and the reported periods, then the write.
 */

/** The periods of the form that already have a report. */
function reportedPeriodsStatement(db: D1Database, formId: string): D1PreparedStatement {
  return db.prepare(`SELECT DISTINCT period FROM latest_revisions WHERE form_id = ? ORDER BY period`).bind(formId);
}

/**
 * What a stored report means under a definition: its period type, row shape, fields and rules
 * (what its values are and what they must satisfy). Wording, column numbers and notes may be
 * corrected at any time, and indicators are computed when read, each period with the version
 * in force for it, so a new indicator from a date is a new version, not a change of meaning.
 */
function meaningOf(f: FormDefinition | null): string {
  if (f === null) return "null";
  return JSON.stringify([
    f.regime,
    f.period ?? null,
    f.rows ?? null,
    f.fields.map((x) => [x.key, x.valueType, x.kind, x.formula ?? null, x.fromRows ?? null]),
    f.rules.map((r) => [r.id, r.expression, r.severity, r.tolerance ?? 0, r.missing ?? "skip"]),
  ]);
}

/** Reported periods whose governing definition the publication would change in meaning. */
export function periodsWhoseMeaningChanges(before: readonly FormDefinition[], published: FormDefinition, reported: readonly string[]): { period: string; was: FormDefinition | null }[] {
  const after = before.filter((f) => !(f.id === published.id && f.validFrom === published.validFrom)).concat([published]);
  const out: { period: string; was: FormDefinition | null }[] = [];
  for (const period of reported) {
    const was = collectionForPeriod(before, published.id, period);
    if (meaningOf(was) !== meaningOf(collectionForPeriod(after, published.id, period))) out.push({ period, was });
  }
  return out;
}

/**
 * The body before the definition checks: an object whose top-level keys are all keys of a
 * definition. Like every other body of the API, an unknown key ("note" for "notes") is a 400
 * naming it rather than dropped without a word; what is wrong inside the definition is the
 * checks' 422 below.
 */
const DEFINITION_KEYS: ReadonlySet<string> = new Set(Object.keys(formDefinitionSchema.shape));
const definitionBodySchema = z.unknown().superRefine((raw, ctx) => {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return;
  const body = raw as Record<string, unknown>;
  const unknown = Object.keys(body).filter((k) => !DEFINITION_KEYS.has(k));
  if (unknown.length > 0) ctx.addIssue({ code: "unrecognized_keys", keys: unknown, input: body, message: "unknown keys: " + unknown.join(", ") });
});

export function adminFormRoutes(app: Hono<AppEnv>): void {
  app.put("/api/v1/admin/forms", async (c) => {
    const db = c.env.DB;
    const raw = await adminBody(c, definitionBodySchema);
    const id = raw !== null && typeof raw === "object" && typeof (raw as { id?: unknown }).id === "string" ? (raw as { id: string }).id : "";
    // Who asks before what is wrong with the definition: a non-administrator learns nothing.
    const [defs, reported] = await adminBatch(c, [definitionsStatement(db), reportedPeriodsStatement(db, id)]);

    const loaded = loadFormDefinition(raw);
    if (!loaded.ok) {
      // A problem with the definition as a whole (not an object at all) names the body.
      const issues = loaded.problems.map((p) => {
        const where = p.path || "body";
        return { path: where, vi: `${where}: ${p.vi}`, en: `${where}: ${p.message}` };
      });
      throw new ApiError(422, "invalid_form_definition", `Định nghĩa biểu mẫu có ${issues.length} lỗi; chưa lưu gì.`,
        `The form definition has ${issues.length} problem(s); nothing was saved.`, { issues });
    }
    const f = loaded.form;
    const periods = rowsOf<{ period: string }>(reported).map((r) => r.period);
    const changed = periodsWhoseMeaningChanges(definitionsFromRows(rowsOf<DefinitionRow>(defs)), f, periods);
    if (changed.length > 0) {
      const issues = changed.map((x) => ({
        path: "validFrom",
        vi: `validFrom: kỳ ${x.period} (${periodLabelOf(x.was ?? f, x.period)}) đã có báo cáo theo phiên bản ${x.was ? "từ " + x.was.validFrom : "khác"}; định nghĩa này sẽ đổi ý nghĩa của kỳ đó`,
        en: `validFrom: period ${x.period} already has reports under the version ${x.was ? "from " + x.was.validFrom : "in force"}; this definition would change what it means`,
      }));
      throw new ApiError(409, "definition_changes_reported_periods",
        `Định nghĩa này đổi ý nghĩa của ${changed.length} kỳ đã có báo cáo; chưa lưu gì. Hãy công bố phiên bản mới từ một ngày sau kỳ cuối cùng đã có báo cáo.`,
        `This definition changes ${changed.length} period(s) that already have reports; nothing was saved. Publish a new version from a date after the last reported period.`,
        { issues });
    }
    const now = c.get("now");
    await db.batch([
      db.prepare(
        `INSERT INTO form_definitions (form_id, regime, valid_from, definition, loaded_by, loaded_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (form_id, valid_from) DO UPDATE SET regime = excluded.regime, definition = excluded.definition,
           loaded_by = excluded.loaded_by, loaded_at = excluded.loaded_at`,
      ).bind(f.id, f.regime, f.validFrom, JSON.stringify(f), c.get("principal").tokenId, now),
      auditStatement(db, c.get("principal"), c.get("requestId"), now, { action: "form.load", target: `${f.id}/${f.validFrom}` }),
    ]);
    return c.json({ form: f.id, regime: f.regime, validFrom: f.validFrom, saved: true });
  });
}
