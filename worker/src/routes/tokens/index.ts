import type { Context, Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../../env";
import { assertRole, type Principal } from "../../auth";
import { forbidden, notFound } from "../../errors";
import { badRequest, parseJsonBody, parseQuery, parseWith } from "../../validation";
import { auditIfChangedStatement, auditStatement } from "../../db/audit";
import {
  activeTokensOfStatement,
  insertRotatedTokenStatement,
  insertTokenStatement,
  revokeTokenStatement,
  toTokenInfo,
  tokenByIdStatement,
  tokensUnderStatement,
  type IssuedToken,
  type TokenRow,
} from "../../db/tokens";
import { UNIT_COLUMNS, unitFrom, unitOrOwnStatements, unitStatement, unitsFrom } from "../../db/units";
import { authorizedBatch, firstOf, parseAuthorized, rowsOf } from "../../db/batch";
import { NO_STORE, expiryFor, newToken } from "../../tokens/issue";
import { handoutFilename, tokenHandoutXlsx } from "../../tokens/sheet";
import { XLSX_MIME, attachment, wantsXlsx } from "../../xlsx";
import { tokenBulkSchema, tokenListQuerySchema, type TokenBulkIssued } from "../../../../shared/api/schemas";
import { validOn } from "../../../../shared/units/hierarchy";
import { vietnamDateOf } from "../../../../shared/periods/deadlines";

/**
 * The token lifecycle for the people who hand tokens out: a province for its own offices, the
 * administrator for everyone, and each holder for their own token (rotate, revoke). Every write
 * is one batch with its audit rows; a token is in exactly one answer and never stored.
 */

/**
 * Whether `who` may rotate or revoke the token: admin any, anyone their own, a province its own
 * and its units' clerks' and its offices' heads' (a head of the province itself, or any
 * national token, is the administrator's).
 */
function mayManage(who: Principal, t: TokenRow): boolean {
  if (who.role === "admin" || t.id === who.tokenId) return true;
  if (who.role !== "province") return false;
  if (t.role === "clerk") return t.unit_path.startsWith(who.unitPath);
  if (t.role === "head") return t.unit_path.startsWith(who.unitPath) && t.unit_path !== who.unitPath;
  return t.role === "province" && t.unit_code === who.unitCode;
}

/** The token of the path, read in the route's first batch (with the caller), if the caller may manage it. */
async function manageableToken(c: Context<AppEnv>): Promise<TokenRow> {
  const id = await parseAuthorized(c, () => parseWith(z.uuid(), c.req.param("id"), "path.id"));
  const [found] = await authorizedBatch(c, [tokenByIdStatement(c.env.DB, id)]);
  const row = firstOf<TokenRow>(found);
  const who = c.get("principal");
  // Someone who may not manage it learns nothing about it: the same 404 as an unknown id.
  if (!row || !mayManage(who, row)) throw notFound(`Không có mã truy cập ${id} mà bạn quản lý được.`, `No token ${id} that you may manage.`);
  return row;
}

function assertLister(who: Principal): void {
  assertRole(who, ["province", "admin"], "xem danh sách mã truy cập", "list tokens");
}

function assertIssuer(who: Principal): void {
  assertRole(who, ["province", "admin"], "cấp mã truy cập cho các văn phòng", "issue tokens for offices");
}

export function tokenRoutes(app: Hono<AppEnv>): void {
  // The tokens of a unit's subtree: who holds which, when each was last used, when it ends.
  app.get("/api/v1/tokens", async (c) => {
    const q = await parseAuthorized(c, () => parseQuery(c, tokenListQuerySchema), assertLister);
    const db = c.env.DB;
    const tokenHash = c.get("tokenHash");
    const [unitRes, tokensRes] = await authorizedBatch(c, [
      unitOrOwnStatements(db, q.unit ?? null, tokenHash)[0],
      tokensUnderStatement(db, q.unit ?? null, tokenHash, q.revoked === "1"),
    ]);
    const who = c.get("principal");
    assertLister(who);
    const unit = unitFrom(unitRes);
    const code = q.unit ?? who.unitCode;
    if (!unit) throw notFound(`Không có đơn vị ${code}.`, `No unit ${code}.`);
    if (who.role !== "admin" && !unit.path.startsWith(who.unitPath)) {
      throw forbidden(`Bạn chỉ xem được mã truy cập của ${who.unitCode} và các đơn vị trực thuộc.`,
        `You may list only the tokens of ${who.unitCode} and the units below it.`);
    }
    return c.json({ unit: unit.code, tokens: rowsOf<TokenRow>(tokensRes).map(toTokenInfo) });
  });

  // A province issues its offices' tokens in one step and gets them once, as JSON or as the
  // printable .xlsx handout (Accept). With replaceExisting the offices' current clerk tokens
  // are revoked in the same batch.
  app.post("/api/v1/tokens/bulk", async (c) => {
    const body = await parseAuthorized(c, async () => {
      const parsed = await parseJsonBody(c, tokenBulkSchema);
      const codes = parsed.holders.map((h) => h.unit);
      const repeated = codes.findIndex((code, i) => codes.indexOf(code) !== i);
      if (repeated >= 0) {
        throw badRequest([{ path: `body.holders.${repeated}.unit`, vi: `body.holders.${repeated}.unit: mỗi văn phòng một mã (${codes[repeated]} lặp lại)`,
          en: `body.holders.${repeated}.unit: one token per office (${codes[repeated]} appears twice)` }]);
      }
      return parsed;
    }, assertIssuer);
    const codes = body.holders.map((h) => h.unit);
    // Clerks by default; an office's head (who confirms its reports) when asked. The holders must
    // be current offices of the province either way (checked below), so never a province's or the Cục's.
    const role = body.role ?? "clerk";
    const db = c.env.DB;
    const now = c.get("now");
    const [provinceRes, officesRes, activeRes] = await authorizedBatch(c, [
      unitStatement(db, body.province),
      db.prepare(`SELECT ${UNIT_COLUMNS} FROM units WHERE code IN (SELECT value FROM json_each(?))`).bind(JSON.stringify(codes)),
      activeTokensOfStatement(db, codes, role, now),
    ]);
    const who = c.get("principal");
    assertIssuer(who);
    if (who.role === "province" && who.unitCode !== body.province) {
      throw forbidden(`THADS tỉnh ${who.unitCode} chỉ cấp mã cho các văn phòng của mình, không cho ${body.province}.`,
        `Province ${who.unitCode} may issue tokens only for its own offices, not for ${body.province}.`);
    }
    const province = unitFrom(provinceRes);
    if (!province || province.level !== "province") throw notFound(`Không có tỉnh ${body.province}.`, `No province ${body.province}.`);
    const offices = new Map(unitsFrom(officesRes).map((u) => [u.code, u]));
    const today = vietnamDateOf(now);
    const wrong = body.holders
      .map((h, i) => ({ h, i, u: offices.get(h.unit) }))
      .filter(({ u }) => !u || u.level !== "office" || !u.path.startsWith(province.path) || !validOn(u, today));
    if (wrong.length > 0) {
      throw badRequest(wrong.map(({ h, i }) => ({
        path: `body.holders.${i}.unit`,
        vi: `body.holders.${i}.unit: ${h.unit} không phải là văn phòng đang hoạt động của tỉnh ${province.code}`,
        en: `body.holders.${i}.unit: ${h.unit} is not a current office of province ${province.code}`,
      })));
    }
    const expiresAt = expiryFor(now, c.env, body.lastDay);
    const issued = await Promise.all(body.holders.map((h) => newToken(role, h.unit, h.label, expiresAt)));
    const replaced = new Map<string, string[]>();
    if (body.replaceExisting) {
      for (const r of rowsOf<{ id: string; unit_code: string }>(activeRes)) {
        replaced.set(r.unit_code, [...(replaced.get(r.unit_code) ?? []), r.id]);
      }
    }
    const requestId = c.get("requestId");
    const statements: D1PreparedStatement[] = [];
    for (const t of issued) {
      for (const old of replaced.get(t.unitCode) ?? []) {
        statements.push(
          revokeTokenStatement(db, old, who, now, t.id),
          auditIfChangedStatement(db, who, requestId, now, { action: "token.revoke", target: old, detail: { replacedBy: t.id, bulk: true } }),
        );
      }
      statements.push(
        insertTokenStatement(db, t, now, who.tokenId),
        auditStatement(db, who, requestId, now, { action: "token.create", target: t.id, detail: { role: t.role, unit: t.unitCode, label: t.label, expiresAt, bulk: true } }),
      );
    }
    await db.batch(statements);
    const result: TokenBulkIssued = {
      province: province.code,
      provinceName: province.name,
      issuedAt: now,
      expiresAt,
      tokens: issued.map((t) => ({
        id: t.id, token: t.token, role: t.role, unit: t.unitCode, unitName: offices.get(t.unitCode)?.name ?? t.unitCode,
        label: t.label, expiresAt, replaces: replaced.get(t.unitCode) ?? [],
      })),
    };
    if (wantsXlsx(c.req.header("Accept"))) {
      return c.body(await tokenHandoutXlsx(result, new URL(c.req.url).origin), 201, {
        ...NO_STORE,
        "Content-Type": XLSX_MIME,
        "Content-Disposition": attachment(handoutFilename(province.code, now, role)),
      });
    }
    return c.json(result, 201, NO_STORE);
  });

  // Rotation: a new token for the same holder, role and unit, and the old one revoked, in one
  // batch. The new token exists only if the old one was still active when the batch ran.
  app.post("/api/v1/tokens/:id/rotate", async (c) => {
    const old = await manageableToken(c);
    const who = c.get("principal");
    const now = c.get("now");
    const db = c.env.DB;
    if (old.revoked_at !== null) throw notFound(`Mã truy cập ${old.id} đã bị thu hồi.`, `Token ${old.id} has already been revoked.`);
    const fresh: IssuedToken = await newToken(old.role, old.unit_code, old.label, expiryFor(now, c.env));
    const requestId = c.get("requestId");
    const [revoked] = await db.batch([
      revokeTokenStatement(db, old.id, who, now, fresh.id),
      insertRotatedTokenStatement(db, old.id, fresh, now, who.tokenId),
      auditIfChangedStatement(db, who, requestId, now, { action: "token.rotate", target: old.id, detail: { replacedBy: fresh.id, unit: old.unit_code, label: old.label, expiresAt: fresh.expiresAt } }),
    ]);
    if (!revoked || revoked.meta.changes === 0) throw notFound(`Mã truy cập ${old.id} đã bị thu hồi.`, `Token ${old.id} has already been revoked.`);
    return c.json({ id: fresh.id, token: fresh.token, role: fresh.role, unit: fresh.unitCode, label: fresh.label, expiresAt: fresh.expiresAt, replaces: old.id }, 201, NO_STORE);
  });

  // Revocation takes effect on the next request: every request resolves its token in D1.
  app.delete("/api/v1/tokens/:id", async (c) => {
    const t = await manageableToken(c);
    const who = c.get("principal");
    const now = c.get("now");
    const db = c.env.DB;
    const [res] = await db.batch([
      revokeTokenStatement(db, t.id, who, now),
      auditIfChangedStatement(db, who, c.get("requestId"), now, { action: "token.revoke", target: t.id, detail: { unit: t.unit_code, label: t.label } }),
    ]);
    if (!res || res.meta.changes === 0) throw notFound(`Mã truy cập ${t.id} đã bị thu hồi.`, `Token ${t.id} has already been revoked.`);
    return c.json({ id: t.id, revoked: true });
  });
}
