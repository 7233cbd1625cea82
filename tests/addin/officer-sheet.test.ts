/**
 * Issue 8 item 3 in the pane: a form broken down by officer (RowShape "officer": one row per
 * Chấp hành viên under the unit's row) is inserted with the unit's figures and free officer
 * rows, read back as the unit's figures plus rows, checked (each officer's cells, and the
 * officers' sum against the unit's figures, marked on the unit's cell) and planned into a
 * request the API's own schema accepts and the shared validation passes. Whichever built-in
 * form in force has that shape is used: no test depends on its id.
 */
import { afterEach, describe, expect, it } from "vitest";
import { BUILT_IN_FORMS, formsInForce, inputFields, rowShapeOf } from "../../shared/forms";
import type { FormDefinition, SubmittedRow } from "../../shared/forms/types";
import { submissionRequestSchema } from "../../shared/api/schemas";
import { validateSubmission } from "../../shared/forms/collection-rows";
import { deriveValues } from "../../shared/forms/derive";
import { CheckSession } from "../../addin/src/core/check-session";
import { findingItems } from "../../addin/src/core/findings-view";
import { ReferenceData } from "../../addin/src/core/reference-data";
import { memoryStore } from "../../addin/src/core/storage";
import { buildRequest, planSubmission, rowsSentText } from "../../addin/src/core/submission-plan";
import type { ApiClient } from "../../addin/src/core/api";
import { createFormSheets } from "../../addin/src/excel/form-sheet";
import { ERROR_FILL } from "../../addin/src/excel/findings-plan";
import { QUIET_ZERO_FORMAT } from "../../addin/src/excel/officer-layout";
import { installFakeOffice, type FakeApiLevel, type InstalledOffice } from "../../addin/testing";
import { header } from "./form-fixtures";

let installed: InstalledOffice | null = null;
afterEach(() => {
  installed?.uninstall();
  installed = null;
});

const BY_OFFICER = formsInForce(BUILT_IN_FORMS, "2025-12-31").filter((f) => rowShapeOf(f).kind === "officer");
const FORM = BY_OFFICER[0] as FormDefinition;
const SHAPE = rowShapeOf(FORM) as Extract<ReturnType<typeof rowShapeOf>, { kind: "officer" }>;

/** Two officers' figures and the unit's, which are their sums: every input field gets a different number. */
function figures(): { unit: Record<string, number>; a: Record<string, number>; b: Record<string, number> } {
  const unit: Record<string, number> = {};
  const a: Record<string, number> = {};
  const b: Record<string, number> = {};
  SHAPE.fields.forEach((key, i) => {
    a[key] = 10 + i;
    b[key] = 20 + 2 * i;
    unit[key] = a[key] + b[key];
  });
  return { unit, a, b };
}

/** The cell of `key`'s column on officer row `i` (a typed field's or a formula's). */
function rowCell(cells: Record<string, string>, key: string, i: number): string {
  const row = /[0-9]+$/.exec(cells["r" + i + ".label"] as string)![0];
  return (cells[key] as string).replace(/[0-9]+$/, row);
}

/** The cell of `key`'s column on the row adding the officers up, below the last free row. */
function sumCell(cells: Record<string, string>, key: string): string {
  const rows = Object.keys(cells).filter((k) => /^r[0-9]+\.label$/.test(k)).map((k) => Number(/[0-9]+$/.exec(cells[k] as string)![0]));
  return (cells[key] as string).replace(/[0-9]+$/, String(Math.max(...rows) + 1));
}

async function setUp(apiLevel: FakeApiLevel, values?: Record<string, number>, rows?: SubmittedRow[]) {
  installed = installFakeOffice(globalThis, { apiLevel });
  const sheets = createFormSheets();
  const store = memoryStore();
  const reference = new ReferenceData(store);
  const session = new CheckSession({
    sheets, api: {} as ApiClient, store, now: () => 0, reference, connected: () => false, noteNetwork: () => undefined,
  });
  const ref = await sheets.insertForm(FORM, header, values, rows);
  const wb = installed.workbook;
  const type = (key: string, v: string | number) => wb.type(ref.sheetName, ref.cells[key] as string, v);
  const typeAll = (prefix: string, values: Record<string, number>) => {
    for (const k of Object.keys(values)) type(prefix + k, values[k] as number);
  };
  return { sheets, session, ref, wb, type, typeAll };
}

describe("a form broken down by officer, in the pane", () => {
  it("is in the monthly set, and its rows carry the unit's input fields", () => {
    expect(BY_OFFICER.length).toBeGreaterThanOrEqual(1);
    expect(SHAPE.fields).toEqual(inputFields(FORM).map((f) => f.key));
  });

  it.each(["1.1", "1.7"] as const)("is laid out as the unit's row, then one row per officer and their sum (ExcelApi %s)", async (level) => {
    const { ref, wb } = await setUp(level);
    const first = SHAPE.fields[0] as string;
    const unitCell = ref.cells[first] as string;
    const unitRow = Number(/[0-9]+$/.exec(unitCell)![0]);
    // The unit's name on its row, the caption below it, then the officers' names in column A.
    expect(wb.values(ref.sheetName, "A" + unitRow)).toEqual([[header.unitName]]);
    expect(wb.values(ref.sheetName, "A" + (unitRow + 1))).toEqual([["Chia theo Chấp hành viên (mỗi người một dòng):"]]);
    expect(ref.cells["r0.label"]).toBe("A" + (unitRow + 2));
    expect(ref.cells["r1." + first]).toBe(unitCell.replace(/[0-9]+$/, String(unitRow + 3)));
    // Only the shape's fields are typed on an officer's row: the totals are the row's own formulas.
    for (const f of FORM.fields) expect(ref.cells["r0." + f.key] !== undefined).toBe(SHAPE.fields.indexOf(f.key) >= 0);
    const derived = FORM.fields.find((f) => f.kind === "derived");
    if (derived) {
      const officerTotal = wb.cell(ref.sheetName, rowCell(ref.cells, derived.key, 0));
      expect(officerTotal.formula).toMatch(/^=/);
      // A free row's totals are 0: shown blank, so the free rows read empty; the unit's are shown.
      expect(officerTotal.numberFormat).toBe(QUIET_ZERO_FORMAT);
      expect(wb.cell(ref.sheetName, ref.cells[derived.key] as string).numberFormat).toBe("#,##0");
    }
    // A row adding the officers up, below the free rows.
    const last = Math.max(...Object.keys(ref.cells).filter((k) => /^r[0-9]+\.label$/.test(k)).map((k) => Number(/[0-9]+$/.exec(ref.cells[k] as string)![0])));
    expect(last - unitRow - 1).toBeGreaterThanOrEqual(30);
    expect(wb.values(ref.sheetName, "A" + (last + 1))).toEqual([["Cộng các Chấp hành viên"]]);
    expect(wb.cell(ref.sheetName, unitCell.replace(/[0-9]+$/, String(last + 1))).formula).toMatch(/^=SUM\(/);
    // No table: the unit's row and the sum row are not rows of a list.
    expect(wb.sheetInfo(ref.sheetName).tables).toEqual([]);
    // The officers' names are typed, coloured as the input cells are.
    expect(wb.cell(ref.sheetName, ref.cells["r0.label"] as string).fill).toBe(wb.cell(ref.sheetName, unitCell).fill);
  });

  it("checks each officer's cells and the officers' sum against the unit's figures, marking the cells", async () => {
    const { session, ref, wb, type, typeAll } = await setUp("1.7");
    const { unit, a, b } = figures();
    const first = SHAPE.fields[0] as string;
    const second = SHAPE.fields[1] as string;
    typeAll("", unit);
    type("r0.label", "Nguyễn Văn An");
    typeAll("r0.", a);
    type("r1.label", "Trần Thị Bình");
    typeAll("r1.", { ...b, [first]: (b[first] as number) + 3 });
    // An officer's cell left empty.
    wb.type(ref.sheetName, ref.cells["r1." + second] as string, "");
    const active = await session.check();
    if (active.kind !== "form") throw new Error("the officers' sheet was not found");
    const findings = active.check.validation.findings;
    const messages = findings.map(session.messageOf(FORM));
    const firstLabel = (FORM.fields.find((f) => f.key === first) as { label: { vi: string } }).label.vi;
    const secondLabel = (FORM.fields.find((f) => f.key === second) as { label: { vi: string } }).label.vi;
    expect(messages).toContain("Dòng “Trần Thị Bình” (2): Chưa nhập “" + secondLabel + "”: đây là chỉ tiêu bắt buộc.");
    // With a cell missing the sums are not compared yet; typed, the mismatch is found.
    expect(findings.some((f) => f.code === "rows_sum")).toBe(false);
    await session.showOnSheet(active.check);
    expect(wb.displayed(ref.sheetName, ref.cells["r1." + second] as string).fill).toBe(ERROR_FILL);
    expect(wb.displayed(ref.sheetName, ref.cells[second] as string).fill).not.toBe(ERROR_FILL);
    // The finding's "click to select" goes to the officer's cell, not the unit's.
    const item = findingItems(FORM, findings, ref.cells).find((i) => i.finding.code === "missing_value");
    expect(item?.cell).toBe(ref.cells["r1." + second]);

    type("r1." + second, b[second] as number);
    const again = await session.check();
    if (again.kind !== "form") throw new Error("the officers' sheet was not found");
    const sum = again.check.validation.findings;
    expect(sum.map(session.messageOf(FORM))).toEqual([
      "Tổng “" + firstLabel + "” của các dòng (" + ((unit[first] as number) + 3) + ") phải bằng số của đơn vị (" + unit[first] + "); chênh lệch 3.",
    ]);
    // What the clerk sees on the sheet: each officer's totals by the row's own formulas, and the
    // row adding the officers up, beside the unit's figure it should equal.
    const derivedA = deriveValues(FORM, a);
    for (const f of FORM.fields.filter((x) => x.kind === "derived")) {
      expect(wb.values(ref.sheetName, rowCell(ref.cells, f.key, 0))).toEqual([[derivedA[f.key]]]);
    }
    expect(wb.values(ref.sheetName, sumCell(ref.cells, first))).toEqual([[(unit[first] as number) + 3]]);
    await session.showOnSheet(again.check);
    // The sum is the unit's figure that disagrees: its cell is marked, the fixed officer's cell is not any more.
    expect(wb.displayed(ref.sheetName, ref.cells[first] as string).fill).toBe(ERROR_FILL);
    expect(wb.displayed(ref.sheetName, ref.cells["r1." + second] as string).fill).not.toBe(ERROR_FILL);
  });

  it("sends the unit's figures and the officers' rows in the shape the API accepts", async () => {
    const { session, type, typeAll } = await setUp("1.1");
    const { unit, a, b } = figures();
    typeAll("", unit);
    type("r0.label", "Nguyễn Văn An");
    typeAll("r0.", a);
    // A free row left between officers is skipped.
    type("r2.label", "Trần Thị Bình");
    typeAll("r2.", b);
    const active = await session.check();
    if (active.kind !== "form") throw new Error("the officers' sheet was not found");
    expect(active.check.validation.findings).toEqual([]);
    const plan = planSubmission(FORM, header.unitCode, header.period, active.check.validation, active.check.rows);
    const req = submissionRequestSchema.parse(JSON.parse(JSON.stringify(buildRequest(plan, "8f7c1c5e-1b2a-4c3d-9e8f-0a1b2c3d4e5f", {}, null))));
    expect(req.rows).toEqual([
      { key: "1", label: "Nguyễn Văn An", values: a },
      { key: "3", label: "Trần Thị Bình", values: b },
    ]);
    for (const k of SHAPE.fields) expect(req.values[k]).toBe(unit[k]);
    // The unit's totals are the sheet's formulas, sent as computed.
    for (const f of FORM.fields) expect(typeof req.values[f.key]).toBe("number");
    // What the Worker runs on it finds nothing either.
    expect(validateSubmission(FORM, req.values, req.rows, {}, "2025-12-31").findings).toEqual([]);
    expect(rowsSentText(FORM, req.rows)).toBe("2 dòng Chấp hành viên: Nguyễn Văn An; Trần Thị Bình");
  });

  it("pre-fills the officers last sent when inserted again for the same period", async () => {
    const { unit, a, b } = figures();
    const sent: SubmittedRow[] = [
      { key: "CHV01", label: "Nguyễn Văn An", values: a },
      { key: "CHV02", label: "Trần Thị Bình", values: b },
    ];
    const { session, ref, wb } = await setUp("1.7", unit, sent);
    expect(wb.values(ref.sheetName, ref.cells["r1.label"] as string)).toEqual([["Trần Thị Bình"]]);
    const active = await session.check();
    if (active.kind !== "form") throw new Error("the officers' sheet was not found");
    expect(active.check.validation.findings).toEqual([]);
    expect(active.check.rows!.map((r) => [r.label, r.values])).toEqual([["Nguyễn Văn An", a], ["Trần Thị Bình", b]]);
  });

  it.each(["1.1", "1.7", "1.10"] as const)("gives an office with more officers than rows 10 more, the sum and signatures moved down, what was typed kept (ExcelApi %s)", async (level) => {
    const { sheets, session, ref, wb, type, typeAll } = await setUp(level);
    const name = ref.sheetName;
    const { unit, a, b } = figures();
    const first = SHAPE.fields[0] as string;
    const rowOf = (address: string) => Number(/[0-9]+$/.exec(address)![0]);
    typeAll("", unit);
    type("r0.label", "Nguyễn Văn An");
    typeAll("r0.", a);
    expect(ref.cells["r30.label"]).toBeUndefined();
    const oldSum = rowOf(ref.cells["r29.label"] as string) + 1;
    const signatureRow = (): number => {
      const column = wb.values(name, "A1:A" + (oldSum + 30)).map((r) => r[0]);
      return column.indexOf("Người lập biểu") + 1;
    };
    const oldSignature = signatureRow();
    expect(oldSignature).toBeGreaterThan(oldSum);

    const syncs = wb.syncCount;
    const grown = await sheets.addRows(ref, FORM, 10);
    expect(wb.syncCount - syncs).toBe(2);
    expect(rowOf(grown.cells["r39.label"] as string)).toBe(oldSum + 9);
    expect(grown.cells["r40.label"]).toBeUndefined();
    // What the clerk typed stays where it was.
    expect(wb.values(name, ref.cells["r0.label"] as string)).toEqual([["Nguyễn Văn An"]]);
    expect(wb.values(name, ref.cells["r0." + first] as string)).toEqual([[a[first]]]);
    // The old sum row is an officer's row now: empty, typed in, not bold; the sum is 10 rows lower and adds up all 40.
    const newSum = oldSum + 10;
    expect(grown.cells["r30.label"]).toBe("A" + oldSum);
    expect(wb.values(name, "A" + oldSum)).toEqual([[""]]);
    expect(wb.cell(name, "A" + oldSum).bold).toBe(false);
    expect(wb.cell(name, "A" + oldSum).fill).toBe(wb.cell(name, ref.cells[first] as string).fill);
    expect(wb.values(name, "A" + newSum)).toEqual([["Cộng các Chấp hành viên"]]);
    expect(wb.cell(name, "A" + newSum).bold).toBe(true);
    const firstOfficer = rowOf(ref.cells["r0.label"] as string);
    const column = (ref.cells[first] as string).replace(/[0-9]+$/, "");
    expect(wb.cell(name, column + newSum).formula).toBe("=SUM(" + column + firstOfficer + ":" + column + (newSum - 1) + ")");
    // A new officer's totals are the row's own formulas, as on the rows above.
    const derived = FORM.fields.find((f) => f.kind === "derived");
    if (derived) expect(wb.cell(name, rowCell(grown.cells, derived.key, 35)).formula).toMatch(/^=/);
    // The signatures moved down with the sum row, their old place now officers' rows.
    expect(signatureRow()).toBe(oldSignature + 10);
    expect(wb.values(name, "A" + oldSignature)).toEqual([[""]]);
    const info = wb.sheetInfo(name);
    if (level !== "1.1") {
      expect(info.merges.some((m) => m.startsWith("A" + oldSignature + ":"))).toBe(false);
      expect(info.merges.some((m) => m.startsWith("A" + (oldSignature + 10) + ":"))).toBe(true);
      expect(info.protected).toBe(true);
      expect(wb.cell(name, grown.cells["r35." + first] as string).locked).toBe(false);
      expect(wb.cell(name, column + newSum).locked).toBe(true);
    }
    // The print area ends with the signature hint, one row below the moved "Người lập biểu".
    if (level === "1.10") expect(String(info.pageLayout.printArea)).toMatch(new RegExp("^A2:[A-Z]+" + (oldSignature + 11) + "$"));

    // The 36th officer is read, checked against the unit's figures and sent like the first.
    wb.type(name, grown.cells["r35.label"] as string, "Trần Thị Bình");
    for (const key of SHAPE.fields) wb.type(name, grown.cells["r35." + key] as string, b[key] as number);
    expect((await sheets.findActiveForm([FORM]))?.cells["r39.label"]).toBe(grown.cells["r39.label"]);
    const active = await session.check();
    if (active.kind !== "form") throw new Error("the officers' sheet was not found");
    expect(active.check.validation.findings).toEqual([]);
    expect(active.check.rows!.map((r) => [r.label, r.values])).toEqual([["Nguyễn Văn An", a], ["Trần Thị Bình", b]]);
    expect(wb.values(name, column + newSum)).toEqual([[unit[first]]]);
  });

  it("adds no row over a note the clerk keeps under the signatures: says so and changes nothing", async () => {
    // ExcelApi 1.1: the sheet is not protected, so the clerk may write anywhere below it.
    const { sheets, ref, wb } = await setUp("1.1");
    const name = ref.sheetName;
    const end = wb.values(name, "A1:A120").map((r) => r[0]).indexOf("(Ký, ghi rõ họ tên)") + 1;
    wb.type(name, "A" + (end + 4), "Ghi chú: số liệu đã đối chiếu với sổ thụ lý");
    const before = wb.values(name, "A1:A" + (end + 12));
    await expect(sheets.addRows(ref, FORM, 10)).rejects.toThrow(/ngay dưới biểu đang có nội dung.*chưa có gì bị thay đổi/);
    expect(wb.values(name, "A1:A" + (end + 12))).toEqual(before);
  });
});
