import { compileRule, evaluateRules, referencedFields, RuleSyntaxError } from "../rules";
import type { FieldRef } from "../findings";
import { findForbiddenCharacter, forbiddenCharacterText } from "../text/characters";
import type { FormDefinition, IndicatorDefinition, RowAggregate } from "./types";

/**
 * Everything that makes a definition unusable besides its shape, in plain TypeScript so that
 * the Worker (under the zod schema, schema.ts) and the task pane (reading a design sheet, where
 * zod must not go: IE11 bundle) refuse the same definitions with the same words. Each problem
 * names where it is (a path into the definition, which the design sheet maps to its cell) and
 * says what is wrong in Vietnamese and English.
 */

export interface DefinitionProblem {
  path: (string | number)[];
  vi: string;
  en: string;
}

type Shape = Pick<FormDefinition, "fields" | "rules" | "indicators" | "validFrom" | "validTo" | "period" | "rows"> &
  Partial<Pick<FormDefinition, "code" | "title" | "notes">>;

export function definitionProblems(form: Shape): DefinitionProblem[] {
  const out: DefinitionProblem[] = [];
  const add = (path: (string | number)[], vi: string, en: string): void => {
    out.push({ path, vi, en });
  };
  const keys = new Set<string>();
  const columns = new Set<number>();
  form.fields.forEach((f, i) => {
    if (keys.has(f.key)) add(["fields", i, "key"], `Trùng mã trường "${f.key}".`, `duplicate field key "${f.key}"`);
    keys.add(f.key);
    if (f.column !== null) {
      if (columns.has(f.column)) add(["fields", i, "column"], `Trùng số cột ${f.column}.`, `duplicate column ${f.column}`);
      columns.add(f.column);
    }
    if (f.kind === "derived" && !f.formula) add(["fields", i, "formula"], "Trường tính toán cần công thức.", "a derived field needs a formula");
  });
  form.fields.forEach((f, i) => {
    if (f.partOf !== undefined && !keys.has(f.partOf)) add(["fields", i, "partOf"], `Không có trường "${f.partOf}".`, `unknown field "${f.partOf}"`);
    if (f.formula) expressionProblems(`{${f.key}} = ${f.formula}`, keys, ["fields", i, "formula"], out, true);
  });
  const ruleIds = new Set<string>();
  form.rules.forEach((r, i) => {
    if (ruleIds.has(r.id)) add(["rules", i, "id"], `Trùng mã quy tắc "${r.id}".`, `duplicate rule id "${r.id}"`);
    ruleIds.add(r.id);
    const refs = expressionProblems(r.expression, keys, ["rules", i, "expression"], out, false);
    for (const ref of refs) scopeProblem(form, ref, ["rules", i, "expression"], out);
  });
  const indicatorIds = new Set<string>();
  form.indicators.forEach((ind, i) => {
    if (indicatorIds.has(ind.id)) add(["indicators", i, "id"], `Trùng mã chỉ tiêu "${ind.id}".`, `duplicate indicator id "${ind.id}"`);
    indicatorIds.add(ind.id);
    const terms: [string, string[] | undefined][] = [
      ["numerator", ind.numerator], ["denominator", ind.denominator], ["remainderOf", ind.remainderOf], ["remainderLess", ind.remainderLess],
    ];
    for (const [part, list] of terms) {
      (list ?? []).forEach((term, j) => {
        // Terms naming another form are checked against that form when both are known (the registry).
        if (term.indexOf(":") < 0 && !keys.has(term)) {
          add(["indicators", i, part, j], `Chỉ tiêu dùng trường không có: "${term}".`, `unknown field "${term}"`);
        }
      });
    }
    projectionProblems(form, ind, i, add);
  });
  for (const cycle of derivedCycles(form.fields)) {
    add(["fields"], `Các trường tính toán tạo thành vòng lặp: ${cycle.join(" → ")}.`, `derived fields form a cycle: ${cycle.join(" → ")}`);
  }
  if (form.validTo !== null && form.validTo < form.validFrom) {
    add(["validTo"], "Ngày hết hiệu lực (validTo) trước ngày bắt đầu (validFrom).", "validTo is before validFrom");
  }
  rowProblems(form, keys, out);
  textProblems(form, out);
  return out;
}

/**
 * Words of a definition are printed on every clerk's sheet, the .xlsx, the PDF and the report
 * text: a control or bidi-override character there corrupts a part or disguises a label, as in
 * a unit's name (shared/text/characters.ts). Labels are one line; notes and a rule's
 * explanation may run over several.
 */
function textProblems(form: Shape, out: DefinitionProblem[]): void {
  const check = (text: string | undefined, path: (string | number)[], multiline: boolean): void => {
    if (typeof text !== "string") return;
    const bad = findForbiddenCharacter(text, { multiline });
    if (bad === null) return;
    const words = forbiddenCharacterText(bad);
    out.push({ path, vi: "C" + words.vi.slice(1) + ".", en: words.en });
  };
  const both = (t: { vi: string; en: string } | undefined, path: (string | number)[], multiline = false): void => {
    if (!t) return;
    check(t.vi, path.concat("vi"), multiline);
    // An English text copied from the Vietnamese one (a design sheet without it) is said once.
    if (t.en !== t.vi) check(t.en, path.concat("en"), multiline);
  };
  check(form.code, ["code"], false);
  both(form.title, ["title"]);
  form.fields.forEach((f, i) => both(f.label, ["fields", i, "label"]));
  form.rules.forEach((r, i) => both(r.description, ["rules", i, "description"], true));
  form.indicators.forEach((ind, i) => {
    both(ind.label, ["indicators", i, "label"]);
    both(ind.short, ["indicators", i, "short"]);
  });
  const rows = form.rows;
  if (rows && rows.kind !== "unit") both(rows.rowLabel, ["rows", "rowLabel"]);
  if (rows && rows.kind === "list") rows.columns.forEach((c, i) => both(c.label, ["rows", "columns", i, "label"]));
  (form.notes ?? []).forEach((n, i) => check(n, ["notes", i], true));
}

/**
 * How the year-end outlook projects an indicator (types.ts IndicatorProjection): "path" or
 * "level", and only where there is an outlook at all — a targeted indicator of a collection
 * cumulative from 1 October (a snapshot or a week has no path through the year).
 */
function projectionProblems(form: Shape, ind: IndicatorDefinition, i: number, add: (path: (string | number)[], vi: string, en: string) => void): void {
  const p: unknown = ind.projection;
  if (p === undefined) return;
  const path = ["indicators", i, "projection"];
  if (p !== "path" && p !== "level") {
    add(path, `Cách dự báo cuối năm "${String(p)}" không hợp lệ: "path" (theo diễn biến năm trước) hoặc "level" (theo mức hiện nay).`,
      `year-end projection "${String(p)}" is not valid: "path" (along last year's path) or "level" (the rate now)`);
  } else if (!ind.targeted) {
    add(path, "Chỉ số không được giao chỉ tiêu (targeted = false) nên không có dự báo cuối năm; bỏ cách dự báo (projection).",
      "the indicator has no target (targeted = false), so no year-end outlook; drop the projection");
  } else if (form.period && form.period.kind !== "cumulative_month") {
    add(path, "Dự báo cuối năm chỉ có ở biểu cộng dồn từ 01/10; kỳ của biểu này không có.",
      "a year-end outlook exists only for collections cumulative from 1 October; this collection's period has none");
  }
}

/** Rules of a weekly or snapshot collection can only read what such a period has. */
function scopeProblem(form: Shape, ref: FieldRef, path: (string | number)[], out: DefinitionProblem[]): void {
  const kind = form.period ? form.period.kind : "cumulative_month";
  if (ref.scope === "prev_year_final" && kind !== "cumulative_month") {
    out.push({ path, vi: `prev_year_final{${ref.key}} (báo cáo 12 tháng năm trước) chỉ có ở kỳ cộng dồn; kỳ của biểu này không có.`,
      en: `prev_year_final{${ref.key}} (last year's 12-month report) exists only for cumulative periods; this collection's period has none` });
  }
  if (ref.scope === "prev_month" && kind === "week") {
    out.push({ path, vi: `prev_month{${ref.key}} (tháng trước) không có ở biểu báo cáo theo tuần.`,
      en: `prev_month{${ref.key}} (last month) does not exist for a weekly collection` });
  }
}

/** The fields a rule or formula reads; a parse failure or an unknown field becomes a problem. */
function expressionProblems(text: string, keys: Set<string>, path: (string | number)[], out: DefinitionProblem[], formula: boolean): FieldRef[] {
  try {
    const compiled = compileRule({ id: "check", expression: text, severity: "error" });
    const refs = referencedFields(compiled);
    let unknown = false;
    for (const ref of refs) {
      if (!keys.has(ref.key)) {
        unknown = true;
        out.push({ path, vi: `Không có trường "${ref.key}".`, en: `unknown field "${ref.key}"` });
      }
    }
    if (formula && refs.some((r) => r.scope !== "current")) {
      out.push({ path, vi: "Công thức của trường chỉ được dùng số liệu của kỳ này.", en: "a field's formula may only use this period's figures" });
    }
    // A rule that parses can still fail when evaluated (a figure too large to stay exact…):
    // one dry run on ones says so now rather than at a clerk's desk.
    if (!unknown) dryRun(text, refs, path, out);
    return refs;
  } catch (e) {
    if (!(e instanceof RuleSyntaxError)) throw e;
    out.push({ path, vi: `${e.vi} (vị trí ${e.position})`, en: `${e.en} (position ${e.position})` });
    return [];
  }
}

function dryRun(text: string, refs: FieldRef[], path: (string | number)[], out: DefinitionProblem[]): void {
  const ones: Record<string, number> = {};
  for (const r of refs) ones[r.key] = 1;
  try {
    evaluateRules([{ id: "check", expression: text, severity: "error", missing: "zero" }], { values: ones, prevMonth: ones, prevYearFinal: ones });
  } catch (e) {
    out.push({ path, vi: "Không tính được quy tắc: " + String(e), en: "the rule cannot be evaluated: " + String(e) });
  }
}

/** A list collection's figures come from its rows; other collections have no row aggregates. */
function rowProblems(form: Shape, keys: Set<string>, out: DefinitionProblem[]): void {
  const rows = form.rows;
  const columns: Record<string, string> = {};
  if (rows && rows.kind === "list") {
    rows.columns.forEach((c, i) => {
      if (columns[c.key] !== undefined) {
        out.push({ path: ["rows", "columns", i, "key"], vi: `Trùng mã cột "${c.key}".`, en: `duplicate column key "${c.key}"` });
      }
      // The clerk's sheet and the findings name a row's own label "label" (r3.label): a column of that key would take its cell.
      if (c.key === "label") {
        out.push({ path: ["rows", "columns", i, "key"], vi: "Mã cột \"label\" dành cho tên của dòng: hãy đặt mã khác.", en: "column key \"label\" is the row's own label: choose another key" });
      }
      columns[c.key] = c.type;
    });
  }
  if (rows && rows.kind === "officer") {
    rows.fields.forEach((key, i) => {
      if (!keys.has(key)) out.push({ path: ["rows", "fields", i], vi: `Không có trường "${key}".`, en: `unknown field "${key}"` });
    });
  }
  form.fields.forEach((f, i) => {
    const path = ["fields", i, "fromRows"];
    if (!f.fromRows) {
      if (rows && rows.kind === "list" && f.kind === "input") {
        out.push({ path, vi: `Trường "${f.key}" của biểu danh sách phải tính từ các dòng (fromRows).`,
          en: `field "${f.key}" of a list collection must be computed from its rows (fromRows)` });
      }
      return;
    }
    if (!rows || rows.kind !== "list") {
      out.push({ path, vi: "Chỉ biểu danh sách (rows.kind = list) mới tính trường từ các dòng.", en: "only a list collection (rows.kind = list) computes fields from rows" });
      return;
    }
    if (f.kind !== "input") out.push({ path, vi: "Trường tính từ các dòng không có công thức.", en: "a field computed from rows has no formula" });
    aggregateProblems(f.fromRows, f.valueType, columns, path, out);
  });
}

/** A column's or field's type as the design sheet writes it (design-list.ts). */
const TYPE_VI: Record<string, string> = { text: "chữ", date: "ngày", count: "việc", money: "tiền" };

function aggregateProblems(a: RowAggregate, valueType: string, columns: Record<string, string>, path: (string | number)[], out: DefinitionProblem[]): void {
  const numeric = (c: string | undefined) => c === "count" || c === "money";
  if (a.op === "sum") {
    const type = a.column === undefined ? undefined : columns[a.column];
    if (a.column === undefined || type === undefined) {
      out.push({ path: path.concat("column"), vi: `Không có cột "${a.column ?? ""}" để cộng.`, en: `unknown column "${a.column ?? ""}" to sum` });
    } else if (!numeric(type)) {
      out.push({ path: path.concat("column"), vi: `Cột "${a.column}" là cột ${TYPE_VI[type] || type}, không cộng được.`, en: `column "${a.column}" is ${type} and cannot be summed` });
    } else if (type !== valueType) {
      out.push({ path: path.concat("column"), vi: `Cột "${a.column}" là cột ${TYPE_VI[type] || type} nhưng trường là ${TYPE_VI[valueType] || valueType}.`, en: `column "${a.column}" is ${type} but the field is ${valueType}` });
    }
  } else if (valueType !== "count") {
    out.push({ path, vi: "Đếm số dòng cho ra số việc (count), không phải tiền.", en: "counting rows gives a count, not money" });
  }
  if (a.where) {
    const type = columns[a.where.column];
    const wpath = path.concat("where");
    if (type === undefined) out.push({ path: wpath, vi: `Không có cột "${a.where.column}".`, en: `unknown column "${a.where.column}"` });
    else if (a.where.min !== undefined && !numeric(type)) out.push({ path: wpath, vi: `"min" chỉ dùng cho cột số.`, en: `"min" applies to a count or money column` });
    else if (a.where.olderThanYears !== undefined && type !== "date") out.push({ path: wpath, vi: `"olderThanYears" chỉ dùng cho cột ngày.`, en: `"olderThanYears" applies to a date column` });
    const years = a.where.olderThanYears;
    if (years !== undefined && !(years >= 1 && years <= 50 && years % 1 === 0)) {
      out.push({ path: wpath, vi: "Số năm của điều kiện là số nguyên từ 1 đến 50.", en: "the condition's years are a whole number from 1 to 50" });
    }
    if (a.where.min !== undefined && !(a.where.min >= 0 && a.where.min % 1 === 0 && a.where.min <= Number.MAX_SAFE_INTEGER)) {
      out.push({ path: wpath, vi: "Ngưỡng của điều kiện là số nguyên không âm.", en: "the condition's threshold is a whole number, not negative" });
    }
    if ((a.where.min === undefined) === (a.where.olderThanYears === undefined)) {
      out.push({ path: wpath, vi: "Điều kiện cần đúng một trong min hoặc olderThanYears.", en: "a condition needs exactly one of min or olderThanYears" });
    }
  }
}

/** Derived fields whose formulas end up needing themselves (a → b → a): each cycle once. */
export function derivedCycles(fields: readonly { key: string; kind: string; formula?: string }[]): string[][] {
  const uses = new Map<string, string[]>();
  for (const f of fields) {
    if (f.kind !== "derived" || !f.formula) continue;
    const refs: string[] = [];
    const re = /\{([a-z][a-z0-9_]*)\}/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(f.formula)) !== null) if (m[1]) refs.push(m[1]);
    uses.set(f.key, refs);
  }
  const cycles: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const visit = (key: string, trail: string[]): void => {
    if (state.get(key) === "done") return;
    if (state.get(key) === "open") {
      cycles.push(trail.slice(trail.indexOf(key)).concat(key));
      return;
    }
    state.set(key, "open");
    for (const next of uses.get(key) ?? []) visit(next, trail.concat(key));
    state.set(key, "done");
  };
  for (const key of uses.keys()) visit(key, []);
  return cycles;
}
