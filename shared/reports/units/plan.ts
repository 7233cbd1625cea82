import type { UnitChange, UnitChanged, UnitConsequences, UnitState, UnitsSheet } from "../../api/sheets";
import { addDays } from "../../periods/calendar-date";
import { deadlineInstantUtc, parseInstant } from "../../periods/deadlines";
import { dateLabel, monthLabel } from "../../periods/labels";
import { nextMonth, periodEnd, periodOfDate, previousMonth } from "../../periods/period";
import { deadlineLevelOf } from "../../units/deadline-level";
import { buildHierarchy, validateHierarchy, validOn, type HierarchyProblem } from "../../units/hierarchy";
import { unitPath } from "../../units/path";
import { LEVEL_OF_KIND, type Unit } from "../../units/types";
import type { SheetProblem } from "../editable";
import { childKinds, KIND_WORDS, unitCellOf } from "./sheet";

export interface UnitPlan {
  diff: UnitChanged[];
  unchanged: number;
  consequences: UnitConsequences;
  problems: SheetProblem[];
  /** The units to write, as stored rows (level, path and reporting follow from kind and parent). */
  write: Unit[];
}

function stateOf(u: { name: string; kind: Unit["kind"]; validFrom: string; validTo: string | null; successorCode: string | null }): UnitState {
  return { name: u.name, kind: u.kind, validFrom: u.validFrom, validTo: u.validTo, successorCode: u.successorCode };
}

function sameState(a: UnitState, b: UnitState): boolean {
  return a.name === b.name && a.kind === b.kind && a.validFrom === b.validFrom && a.validTo === b.validTo && a.successorCode === b.successorCode;
}

function actionOf(before: UnitState | null, after: UnitState): UnitChanged["action"] {
  if (before === null) return "add";
  if (before.validTo === null && after.validTo !== null) return "close";
  if (before.validTo !== null && after.validTo === null) return "reopen";
  if (before.validTo === after.validTo && before.successorCode === after.successorCode && before.name !== after.name) return "rename";
  return "update";
}

/** A problem's key, to tell what a change introduces from what the tree already had. */
function problemKey(p: HierarchyProblem): string {
  return JSON.stringify([p.code, p.unitCode, p.params]);
}

/** The period of a unit's last expected report: the last month that ends on or before its closing date. */
export function lastPeriodBefore(validTo: string): string {
  const p = periodOfDate(validTo);
  return periodEnd(p) === validTo ? p : previousMonth(p);
}

/** Words for the hierarchy problems a sheet can cause (shared/units/hierarchy.ts codes). */
function hierarchyWords(p: HierarchyProblem): { vi: string; en: string } {
  const codes = (p.params.codes ?? []).join(" → ");
  switch (p.code) {
    case "successor_cycle":
      return { vi: "các đơn vị kế thừa nhau thành vòng (" + codes + " → " + (p.params.codes ?? [])[0] + "): số liệu cùng kỳ sẽ không có điểm dừng.", en: "successors form a loop (" + codes + "): same-period figures would never end." };
    case "unknown_successor":
      return { vi: "không có đơn vị kế thừa " + String(p.params.successorCode) + ".", en: "there is no successor unit " + String(p.params.successorCode) + "." };
    case "invalid_validity":
      return { vi: "ngày hết hiệu lực trước ngày bắt đầu (" + String(p.params.actual) + ").", en: "validity ends before it starts (" + String(p.params.actual) + ")." };
    case "validity_outside_parent":
      return {
        vi: "thời gian hiệu lực (" + String(p.params.actual) + ") nằm ngoài thời gian của đơn vị cấp trên " + String(p.params.parentCode) + " (" + String(p.params.expected) + ").",
        en: "validity (" + String(p.params.actual) + ") lies outside that of its parent " + String(p.params.parentCode) + " (" + String(p.params.expected) + ").",
      };
    case "duplicate_code":
      return { vi: "mã đơn vị bị trùng.", en: "the unit code appears twice." };
    default:
      return { vi: "không hợp lệ trong cây đơn vị (" + p.code + ").", en: "does not fit the unit tree (" + p.code + ")." };
  }
}

const PROBLEM_FIELD: Record<string, string> = {
  successor_cycle: "successorCode",
  unknown_successor: "successorCode",
  invalid_validity: "validTo",
  validity_outside_parent: "validFrom",
};

/**
 * What pushing `changes` to the parent's units would do, judged on the whole tree as it would
 * be afterwards by the shared hierarchy rules (only problems the push introduces block it), plus
 * the rules a re-organisation adds: a new code names its parent ("52-15" under 52), a closing
 * date is not before the unit's last report, a successor is one of the parent's units that
 * exists on the day after the closing. Then the consequences, for the preview and the answer:
 * no stored total changes (history stays with the old units), which comparisons will use the
 * figures of the units a new one replaces, which new units have no history, which tokens stop.
 * `now` decides whether a closed unit's tokens are revoked now or expire after its last deadline.
 */
export function planUnitChanges(
  current: UnitsSheet,
  changes: readonly UnitChange[],
  now: string,
  cellOf: (row: number, field: string) => string | null = unitCellOf,
): UnitPlan {
  const problems: SheetProblem[] = [];
  const parent = current.parent as Unit;
  const storedByCode: Record<string, UnitsSheet["rows"][number]> = {};
  for (const r of current.rows) storedByCode[r.code] = r;
  const rowOf: Record<string, number | undefined> = {};
  const here = (c: UnitChange, i: number, field: string): { cell: string | null; at: string } => {
    const cell = c.row !== undefined ? cellOf(c.row, field) : null;
    return cell !== null ? { cell, at: "Ô " + cell + " (" + c.code + ")" } : { cell: null, at: "changes." + i + "." + field + " (" + c.code + ")" };
  };
  const say = (c: UnitChange, i: number, field: string, vi: string, en: string): void => {
    const w = here(c, i, field);
    problems.push({ cell: w.cell, vi: w.at + ": " + vi, en: w.at.replace(/^Ô /, "Cell ") + ": " + en });
  };

  const toUnit = (c: UnitChange): Unit => {
    const level = LEVEL_OF_KIND[c.kind];
    return { code: c.code, name: c.name, kind: c.kind, level, parentCode: parent.code, path: unitPath(parent.path, c.code), reporting: level === "office", validFrom: c.validFrom, validTo: c.validTo, successorCode: c.successorCode };
  };
  const strip = (r: UnitsSheet["rows"][number]): Unit => ({
    code: r.code, name: r.name, kind: r.kind, level: r.level, parentCode: r.parentCode, path: r.path, reporting: r.reporting, validFrom: r.validFrom, validTo: r.validTo, successorCode: r.successorCode,
  });
  const before: Unit[] = (current.context as Unit[]).concat([parent], current.rows.map(strip));
  const afterByCode: Record<string, Unit> = {};
  for (const r of current.rows) afterByCode[r.code] = strip(r);

  const codePattern = parent.level === "national" ? /^[0-9]{2}$/ : new RegExp("^" + parent.code.replace(/[^A-Za-z0-9]/g, "") + "-[0-9]{2,3}$");
  const codeExample = parent.level === "national" ? "52" : parent.code + "-15";
  const kinds = childKinds(parent.level);
  const accepted: { change: UnitChange; index: number }[] = [];
  const seen: Record<string, number> = {};
  changes.forEach((c, i) => {
    rowOf[c.code] = c.row;
    if (seen[c.code] !== undefined) {
      say(c, i, "code", "đơn vị xuất hiện hai lần trong một lần gửi.", "the unit appears twice in one push.");
      return;
    }
    seen[c.code] = i;
    const stored = storedByCode[c.code];
    const elsewhere = current.context.some((u) => u.code === c.code);
    if (stored === undefined) {
      if (elsewhere || c.code === parent.code) {
        say(c, i, "code", "mã " + c.code + " đã là của một đơn vị khác.", "code " + c.code + " already belongs to another unit.");
        return;
      }
      if (!codePattern.test(c.code)) {
        say(c, i, "code", "mã đơn vị mới phải theo mã của " + parent.code + " (ví dụ " + codeExample + "), không phải " + c.code + ".",
          "a new unit's code must follow " + parent.code + "'s (e.g. " + codeExample + "), not " + c.code + ".");
        return;
      }
      if (kinds.indexOf(c.kind) < 0) {
        say(c, i, "kind", "đơn vị trực thuộc " + parent.code + " chỉ có thể là " + kinds.map((k) => KIND_WORDS[k]).join(" hoặc ") + ".",
          "a unit under " + parent.code + " can only be " + kinds.join(" or ") + ".");
        return;
      }
    } else if (stored.kind !== c.kind || stored.validFrom !== c.validFrom) {
      say(c, i, stored.kind !== c.kind ? "kind" : "validFrom", "loại và ngày bắt đầu của đơn vị đã có không sửa được.", "an existing unit's kind and start date cannot change.");
      return;
    }
    if (c.successorCode !== null && c.validTo === null) {
      say(c, i, "successorCode", "chỉ ghi đơn vị kế thừa cho đơn vị đã đóng (có ngày hết hiệu lực).", "only a closed unit (with an end date) has a successor.");
      return;
    }
    if (c.successorCode === c.code) {
      say(c, i, "successorCode", "đơn vị không kế thừa chính nó.", "a unit cannot succeed itself.");
      return;
    }
    if (c.validTo !== null && stored && stored.lastReport !== null && c.validTo < periodEnd(stored.lastReport)) {
      say(c, i, "validTo",
        "ngày đóng " + dateLabel(c.validTo) + " trước kỳ báo cáo cuối cùng của đơn vị (" + monthLabel(stored.lastReport) + ", đến " + dateLabel(periodEnd(stored.lastReport)) + "): số liệu đã nộp sẽ thuộc một đơn vị không còn tồn tại.",
        "closing date " + c.validTo + " is before the unit's last report (" + stored.lastReport + ", up to " + periodEnd(stored.lastReport) + "): reported figures would belong to a unit that no longer exists.");
      return;
    }
    afterByCode[c.code] = toUnit(c);
    accepted.push({ change: c, index: i });
  });

  // Successors are judged on the units as they will be: one of the parent's, existing the day after.
  for (const { change: c, index: i } of accepted) {
    if (c.successorCode === null || c.validTo === null) continue;
    const s = afterByCode[c.successorCode];
    if (s === undefined) {
      say(c, i, "successorCode", "đơn vị kế thừa " + c.successorCode + " không phải đơn vị trực thuộc " + parent.code + ".", "successor " + c.successorCode + " is not a unit under " + parent.code + ".");
      continue;
    }
    const next = addDays(c.validTo, 1);
    if (!validOn(s, next)) {
      say(c, i, "successorCode",
        "đơn vị kế thừa " + s.code + " không có hiệu lực vào ngày " + dateLabel(next) + " (ngày sau khi đóng) nên không nhận được các việc của đơn vị này.",
        "successor " + s.code + " is not valid on " + next + " (the day after closing), so it cannot take over this unit's caseload.");
    }
  }

  const after: Unit[] = (current.context as Unit[]).concat([parent], Object.keys(afterByCode).map((k) => afterByCode[k] as Unit));
  const known: Record<string, true> = {};
  for (const p of validateHierarchy(before)) known[problemKey(p)] = true;
  for (const p of validateHierarchy(after)) {
    // An unknown successor is already refused above, with the parent's units as the reason.
    if (known[problemKey(p)] || p.code === "unknown_successor") continue;
    // A problem of a unit below a changed one (an office of a province closed too early) is shown on its parent's row.
    let code = p.unitCode;
    let field = PROBLEM_FIELD[p.code] ?? "validTo";
    if (rowOf[code] === undefined && seen[code] === undefined) {
      const u = after.filter((x) => x.code === code)[0];
      if (u && u.parentCode !== null && seen[u.parentCode] !== undefined) {
        code = u.parentCode;
        field = "validTo";
      }
    }
    const i = seen[code];
    const c = i === undefined ? null : changes[i];
    const words = hierarchyWords(p);
    const subject = p.unitCode === code ? "" : "đơn vị " + p.unitCode + ": ";
    const subjectEn = p.unitCode === code ? "" : "unit " + p.unitCode + ": ";
    if (c !== null && c !== undefined && i !== undefined) say(c, i, field, subject + words.vi, subjectEn + words.en);
    else problems.push({ cell: null, vi: "Đơn vị " + p.unitCode + ": " + words.vi, en: "Unit " + p.unitCode + ": " + words.en });
  }

  const diff: UnitChanged[] = [];
  const write: Unit[] = [];
  let unchanged = 0;
  for (const { change: c } of accepted) {
    const stored = storedByCode[c.code];
    const b = stored ? stateOf(stored) : null;
    const a = stateOf(c);
    if (b !== null && sameState(b, a)) {
      unchanged++;
      continue;
    }
    diff.push({ code: c.code, action: actionOf(b, a), before: b, after: a });
    write.push(afterByCode[c.code] as Unit);
  }
  return { diff, unchanged, consequences: consequencesOf(current, before, after, diff, now), problems, write };
}

function consequencesOf(current: UnitsSheet, before: readonly Unit[], after: readonly Unit[], diff: readonly UnitChanged[], now: string): UnitConsequences {
  const hBefore = buildHierarchy(before);
  const hAfter = buildHierarchy(after);
  const touched: Record<string, true> = {};
  for (const d of diff) touched[d.code] = true;
  const samePeriod: UnitConsequences["samePeriod"] = [];
  const withoutHistory: UnitConsequences["withoutHistory"] = [];
  const keepOwnHistory: UnitConsequences["keepOwnHistory"] = [];
  for (const u of after) {
    if (u.parentCode !== current.parent.code) continue;
    const preds = hAfter.predecessors(u.code);
    const old = hBefore.predecessors(u.code);
    const changed = preds.some((p) => touched[p.code]) || old.some((p) => touched[p.code]) || touched[u.code];
    if (!changed) continue;
    const first = periodOfDate(u.validFrom);
    let to = first;
    for (let k = 0; k < 11; k++) to = nextMonth(to);
    // A new unit's earlier figures are those of the units it replaced; a unit that existed before keeps its own.
    const isNew = preds.length > 0 && preds.every((p) => p.validTo !== null && p.validTo < u.validFrom);
    if (isNew) samePeriod.push({ unit: u.code, name: u.name, predecessors: preds.map((p) => p.code), from: first, to });
    else if (preds.length > 0) keepOwnHistory.push({ unit: u.code, name: u.name, predecessors: preds.map((p) => p.code) });
    else if (preds.length === 0 && hBefore.byCode.get(u.code) === undefined) withoutHistory.push({ unit: u.code, name: u.name, until: to });
  }
  const tokens: UnitConsequences["tokens"] = [];
  const nowMs = parseInstant(now);
  for (const d of diff) {
    if (d.after.validTo === null || (d.before !== null && d.before.validTo === d.after.validTo)) continue;
    const row = current.rows.filter((r) => r.code === d.code)[0];
    if (!row) continue;
    const deadline = deadlineInstantUtc(lastPeriodBefore(d.after.validTo), deadlineLevelOf(d.after.kind));
    for (const t of row.tokens) {
      // A token that ends before the last deadline anyway needs nothing.
      if (t.expiresAt !== null && parseInstant(t.expiresAt) <= parseInstant(deadline)) continue;
      const revokeNow = parseInstant(deadline) <= nowMs;
      tokens.push({ id: t.id, unit: d.code, label: t.label, action: revokeNow ? "revoke" : "expire", at: revokeNow ? now : deadline });
    }
  }
  return { periodsWithChangedTotals: [], samePeriod, keepOwnHistory, withoutHistory, tokens };
}
