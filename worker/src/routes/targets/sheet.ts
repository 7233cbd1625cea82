import type { Context, Hono } from "hono";
import type { AppEnv } from "../../env";
import { assertCanRead } from "../../auth";
import { parseJsonBody, parseQuery, parseWith } from "../../validation";
import { definitionsFromRows, definitionsStatement, type DefinitionRow } from "../../forms";
import { targetsFromRows, targetsStatement, upsertTargetStatement } from "../../db/targets";
import { ancestorsStatement, deleteTargetStatement, unitsOf } from "../../db/org-sheets";
import { auditStatement } from "../../db/audit";
import { addValues, nodeValuesStatement, subtreeWithPredecessors, type ValueRow } from "../../reports/load";
import { XLSX_MIME, attachment, wantsXlsx } from "../../xlsx";
import { renderEditableXlsx } from "../../xlsx/editable";
import { readUpload, readWorkbookGrids } from "../../xlsx/upload";
import { sourceOf } from "../comparisons";
import { mayManage, sheetBatch, sheetParent, sheetRefused } from "../organisation/scope";
import { parseAuthorized } from "../../db/batch";
import {
  targetChangesRequestSchema,
  targetsSheetQuerySchema,
  type TargetChangesResult,
  type TargetsSheet,
  type TargetsUploadResult,
} from "../../../../shared/api/sheets";
import { statYearSchema } from "../../../../shared/api/schemas";
import { findMeta } from "../../../../shared/reports/editable";
import { buildTargetsSheet, childrenOfYear } from "../../../../shared/reports/targets/build";
import { checkTargetChanges, diffTargets, readTargetsSheet, targetEffects, type TargetCheckContext } from "../../../../shared/reports/targets/read";
import { layoutTargets } from "../../../../shared/reports/targets/sheet";
import { targetWords } from "../../../../shared/reports/targets/words";
import { targetedIndicatorsOfYear } from "../../../../shared/forms/registry";
import { periodOfYear } from "../../../../shared/periods/period";
import type { Unit } from "../../../../shared/units/types";

const SET_VI = "giao chỉ tiêu";
const SET_EN = "set targets";

/**
 * Everything the targets sheet of `requested`'s children (the caller's by default) for `year`
 * needs, in ONE read batch that also resolves the caller when the parent is named: the subtree
 * and the units it replaced, the ancestors (whose target is inherited), the definitions, this
 * year's and last year's targets, and last year's 12-month figures.
 */
async function loadTargetsSheet(c: Context<AppEnv>, year: number, requested: string | undefined): Promise<{ sheet: TargetsSheet; parent: Unit; ctx: TargetCheckContext }> {
  const db = c.env.DB;
  const lastPeriod = periodOfYear(year - 1, 12);
  const { parentCode, results } = await sheetBatch(c, requested, (code) => [
    subtreeWithPredecessors(db, code),
    ancestorsStatement(db, code),
    definitionsStatement(db),
    targetsStatement(db, year),
    targetsStatement(db, year - 1),
    nodeValuesStatement(db, code, [lastPeriod]),
  ], SET_VI, SET_EN);
  const [subtree, ancestors, defs, targets, lastTargets, values] = results;
  const byCode = new Map<string, Unit>();
  for (const u of unitsOf(ancestors).concat(unitsOf(subtree))) byCode.set(u.code, u);
  const units = [...byCode.values()];
  const parent = sheetParent(byCode.get(parentCode), parentCode);
  assertCanRead(c.get("principal"), parent.path, parent.code);
  const store = new Map<string, Record<string, number>>();
  addValues(store, (values?.results ?? []) as ValueRow[]);
  const definitions = definitionsFromRows((defs?.results ?? []) as DefinitionRow[]);
  const sheet = buildTargetsSheet({
    year,
    parent,
    units,
    definitions,
    targets: targetsFromRows((targets?.results ?? []) as Parameters<typeof targetsFromRows>[0]),
    lastYearTargets: targetsFromRows((lastTargets?.results ?? []) as Parameters<typeof targetsFromRows>[0]),
    values: store,
    generatedAt: c.get("now"),
  });
  const ctx: TargetCheckContext = { year, parent: { code: parent.code, name: parent.name }, units: {}, indicators: {} };
  for (const u of childrenOfYear(units, parent.code, year)) ctx.units[u.code] = u.name;
  for (const { indicator } of targetedIndicatorsOfYear(definitions, year)) ctx.indicators[indicator.id] = indicator.label.vi;
  return { sheet, parent, ctx };
}

export function targetSheetRoutes(app: Hono<AppEnv>): void {
  // The targets sheet of the caller's children for a year: JSON for the pane, .xlsx for /tai-ve.
  app.get("/api/v1/targets/sheet", async (c) => {
    const q = await parseAuthorized(c, () => parseQuery(c, targetsSheetQuerySchema));
    const { sheet } = await loadTargetsSheet(c, q.year, q.parent);
    if (wantsXlsx(c.req.header("Accept"))) {
      const layout = layoutTargets(sheet, { source: sourceOf(c), fill: q.fill === "previous" });
      return c.body(await renderEditableXlsx(layout, sheet.generatedAt), 200, { "Content-Type": XLSX_MIME, "Content-Disposition": attachment(layout.fileName) });
    }
    return c.json(sheet);
  });

  // The differences of an edited sheet, in one request: checked all together (every problem by
  // cell, nothing written on any), then written in one batch with an audit row per change. A
  // change that is already so is neither written nor audited: the same sheet twice changes nothing.
  app.post("/api/v1/targets/changes", async (c) => {
    const body = await parseAuthorized(c, () => parseJsonBody(c, targetChangesRequestSchema), mayManage(SET_VI, SET_EN));
    const { sheet, parent, ctx } = await loadTargetsSheet(c, body.year, body.parent);
    const parentCode = parent.code;
    const problems = checkTargetChanges(ctx, body.changes);
    if (problems.length > 0) throw sheetRefused(problems);
    const own = new Map(sheet.rows.map((r) => [r.unit + "|" + r.indicator, r.own]));
    const effects = targetEffects((unit, indicator) => own.get(unit + "|" + indicator) ?? null, body.changes);
    if (effects.changed.length > 0) {
      const db = c.env.DB;
      const who = c.get("principal");
      const now = c.get("now");
      const statements: D1PreparedStatement[] = [];
      for (const ch of effects.changed) {
        statements.push(ch.after === null
          ? deleteTargetStatement(db, body.year, ch.unit, ch.indicator)
          : upsertTargetStatement(db, body.year, { unit: ch.unit, indicator: ch.indicator, ...ch.after }, who.tokenId, now));
        statements.push(auditStatement(db, who, c.get("requestId"), now, {
          action: ch.after === null ? "target.clear" : "target.set",
          target: `${body.year}/${ch.unit}/${ch.indicator}`,
          detail: { before: ch.before, after: ch.after, decisionRef: (ch.after ?? ch.before)?.decisionRef ?? null, via: "sheet" },
        }));
      }
      await db.batch(statements);
    }
    const result: TargetChangesResult = { year: body.year, parent: parentCode, changed: effects.changed, unchanged: effects.unchanged };
    return c.json(result);
  });

  // The download page's upload: the edited .xlsx read exactly (its hidden keys and year), compared
  // with what is stored and checked; nothing is written. The page then sends the changes above.
  app.post("/api/v1/targets/upload", async (c) => {
    // The file is read before the one batch (which needs the sheet's year and parent); a caller
    // with an unknown token or a clerk's still gets its 401/403 when the file is also unreadable.
    const { read, year } = await parseAuthorized(c, async () => {
      const grids = await readWorkbookGrids(await readUpload(c));
      const grid = grids.filter((g) => findMeta(g)?.meta.kind === "targets")[0] ?? grids[0];
      if (!grid) throw sheetRefused([{ cell: null, vi: "Tệp không có trang tính nào.", en: "The workbook has no sheet." }]);
      const sheetRead = readTargetsSheet(grid);
      if (sheetRead.year === null || sheetRead.parent === null) throw sheetRefused(sheetRead.problems);
      return { read: sheetRead, year: parseWith(statYearSchema, String(sheetRead.year), "sheet.year") };
    }, mayManage(SET_VI, SET_EN));
    const { sheet, parent, ctx } = await loadTargetsSheet(c, year, read.parent ?? undefined);
    const parentCode = parent.code;
    const d = diffTargets(sheet, read);
    const problems = d.problems.concat(checkTargetChanges(ctx, d.changes));
    if (problems.length > 0) throw sheetRefused(problems);
    const result: TargetsUploadResult = {
      kind: "targets", year, parent: parentCode, changes: d.changes, diff: d.diff,
      lines: d.diff.map((x) => ({ unit: x.unit, what: ctx.indicators[x.indicator] ?? x.indicator, before: targetWords(x.before), after: targetWords(x.after) })),
    };
    return c.json(result);
  });
}
