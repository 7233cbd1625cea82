import type { Context, Hono } from "hono";
import type { AppEnv } from "../../env";
import { assertCanRead } from "../../auth";
import { parseJsonBody, parseQuery } from "../../validation";
import { upsertUnitStatement } from "../../db/units";
import { auditStatement } from "../../db/audit";
import {
  ancestorsStatement,
  childTokensStatement,
  expireTokenStatement,
  lastReportsOf,
  lastReportsStatement,
  revokeTokenStatement,
  subtreeStatement,
  tokensOf,
  unitsOf,
} from "../../db/org-sheets";
import { XLSX_MIME, attachment, wantsXlsx } from "../../xlsx";
import { renderEditableXlsx } from "../../xlsx/editable";
import { readUpload, readWorkbookGrids } from "../../xlsx/upload";
import { sourceOf } from "../comparisons";
import { mayManage, sheetBatch, sheetParent, sheetRefused } from "./scope";
import { parseAuthorized } from "../../db/batch";
import {
  unitChangesRequestSchema,
  unitsSheetQuerySchema,
  type UnitChangesResult,
  type UnitsSheet,
  type UnitsUploadResult,
} from "../../../../shared/api/sheets";
import { findMeta } from "../../../../shared/reports/editable";
import { buildUnitsSheet } from "../../../../shared/reports/units/build";
import { planUnitChanges } from "../../../../shared/reports/units/plan";
import { readUnitsSheet, unitChangesFromSheet } from "../../../../shared/reports/units/read";
import { layoutUnits } from "../../../../shared/reports/units/sheet";
import { ACTION_WORDS, consequenceLines, unitWords } from "../../../../shared/reports/units/words";
import type { Unit } from "../../../../shared/units/types";

const EDIT_VI = "sửa danh sách đơn vị";
const EDIT_EN = "change the list of units";

/**
 * A parent's units (`requested`, or the caller's own unit's children) in ONE read batch that
 * also resolves the caller when the parent is named: the parent and everything below it (every
 * validity), its ancestors, each child's latest report and the children's working tokens.
 */
async function loadUnitsSheet(c: Context<AppEnv>, requested: string | undefined): Promise<UnitsSheet> {
  const db = c.env.DB;
  const now = c.get("now");
  const { parentCode, results } = await sheetBatch(c, requested, (code) => [
    subtreeStatement(db, code),
    ancestorsStatement(db, code),
    lastReportsStatement(db, code),
    childTokensStatement(db, code, now),
  ], EDIT_VI, EDIT_EN);
  const [subtree, ancestors, reports, tokens] = results;
  const byCode = new Map<string, Unit>();
  for (const u of unitsOf(ancestors).concat(unitsOf(subtree))) byCode.set(u.code, u);
  const parent = sheetParent(byCode.get(parentCode), parentCode);
  assertCanRead(c.get("principal"), parent.path, parent.code);
  return buildUnitsSheet({ parent, units: [...byCode.values()], lastReports: lastReportsOf(reports), tokens: tokensOf(tokens), generatedAt: now });
}

export function organisationRoutes(app: Hono<AppEnv>): void {
  // A province's offices (national: the provinces), every validity: JSON for the pane, .xlsx for /tai-ve.
  app.get("/api/v1/organisation/sheet", async (c) => {
    const q = await parseAuthorized(c, () => parseQuery(c, unitsSheetQuerySchema));
    const sheet = await loadUnitsSheet(c, q.parent);
    if (wantsXlsx(c.req.header("Accept"))) {
      const layout = layoutUnits(sheet, { source: sourceOf(c) });
      return c.body(await renderEditableXlsx(layout, sheet.generatedAt), 200, { "Content-Type": XLSX_MIME, "Content-Disposition": attachment(layout.fileName) });
    }
    return c.json(sheet);
  });

  // Renames, new units, closings with successors, in one request: the tree as it would be is
  // validated by the shared hierarchy rules and the re-organisation rules before anything is
  // written; then one batch writes the units, revokes or shortens the closed units' tokens and
  // audits every change. The answer says what changed and what follows from it.
  app.post("/api/v1/organisation/changes", async (c) => {
    const body = await parseAuthorized(c, () => parseJsonBody(c, unitChangesRequestSchema), mayManage(EDIT_VI, EDIT_EN));
    const sheet = await loadUnitsSheet(c, body.parent);
    const parentCode = sheet.parent.code;
    const now = c.get("now");
    const plan = planUnitChanges(sheet, body.changes, now);
    if (plan.problems.length > 0) throw sheetRefused(plan.problems);
    if (plan.diff.length > 0) {
      const db = c.env.DB;
      const who = c.get("principal");
      const requestId = c.get("requestId");
      const statements: D1PreparedStatement[] = [];
      plan.write.forEach((u, i) => {
        const d = plan.diff[i] as UnitChangesResult["changed"][number];
        statements.push(upsertUnitStatement(db, u), auditStatement(db, who, requestId, now, {
          action: "unit." + d.action,
          target: u.code,
          detail: { before: d.before, after: d.after, via: "sheet" },
        }));
      });
      for (const t of plan.consequences.tokens) {
        statements.push(
          t.action === "revoke" ? revokeTokenStatement(db, t.id, who.tokenId, now) : expireTokenStatement(db, t.id, t.at),
          auditStatement(db, who, requestId, now, { action: t.action === "revoke" ? "token.revoke" : "token.expire", target: t.id, detail: { unit: t.unit, at: t.at, reason: "unit closed" } }),
        );
      }
      await db.batch(statements);
    }
    const result: UnitChangesResult = { parent: parentCode, changed: plan.diff, unchanged: plan.unchanged, consequences: plan.consequences };
    return c.json(result);
  });

  // The download page's upload of an edited units sheet: read, compared, checked; nothing written.
  app.post("/api/v1/organisation/upload", async (c) => {
    // Read before the one batch, which needs the sheet's parent (see the targets upload).
    const read = await parseAuthorized(c, async () => {
      const grids = await readWorkbookGrids(await readUpload(c));
      const grid = grids.filter((g) => findMeta(g)?.meta.kind === "units")[0] ?? grids[0];
      if (!grid) throw sheetRefused([{ cell: null, vi: "Tệp không có trang tính nào.", en: "The workbook has no sheet." }]);
      const sheetRead = readUnitsSheet(grid);
      if (sheetRead.parent === null) throw sheetRefused(sheetRead.problems);
      return sheetRead;
    }, mayManage(EDIT_VI, EDIT_EN));
    const sheet = await loadUnitsSheet(c, read.parent ?? undefined);
    const parentCode = sheet.parent.code;
    const fromSheet = unitChangesFromSheet(sheet, read);
    const plan = planUnitChanges(sheet, fromSheet.changes, c.get("now"), fromSheet.cellOf);
    const problems = fromSheet.problems.concat(plan.problems);
    if (problems.length > 0) throw sheetRefused(problems);
    const result: UnitsUploadResult = {
      kind: "units", parent: parentCode, changes: fromSheet.changes, diff: plan.diff, consequences: plan.consequences,
      lines: plan.diff.map((d) => ({ unit: d.code, what: ACTION_WORDS[d.action], before: unitWords(d.before), after: unitWords(d.after) })),
      consequenceLines: consequenceLines(plan.consequences),
    };
    return c.json(result);
  });
}
