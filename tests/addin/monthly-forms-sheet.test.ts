import { afterEach, describe, expect, it } from "vitest";
import { BUILT_IN_FORMS, formsInForce, inputFields, rowShapeOf } from "../../shared/forms";
import { demoUnitMonths } from "../../shared/demo/generate";
import { validateSubmission } from "../../shared/forms/collection-rows";
import { rowsFromCells, unitCells } from "../../addin/src/core/list-rows";
import { createFormSheets } from "../../addin/src/excel/form-sheet";
import { installFakeOffice, type InstalledOffice } from "../../addin/testing";
import { header } from "./form-fixtures";

/**
 * Every form in force for December 2025, whatever it is (the sheet is laid out from the
 * definition; no code names a form): the clerk inserts it, types the input cells, the sheet's
 * own formulas give the totals, and the figures pass the form's rules with last month's
 * report, exactly as the demo generator derived them. A form broken down by officer gets the
 * demo's officers typed in the rows below the unit's, and they add up.
 */

let installed: InstalledOffice | null = null;
afterEach(() => {
  installed?.uninstall();
  installed = null;
});

const FORMS = formsInForce(BUILT_IN_FORMS, "2025-12-31");
const MONTHS = demoUnitMonths(BUILT_IN_FORMS, { code: "52-01", seed: 4242, size: 150, amountPerCase: 120_000, weak: false }, [{ statYear: 2026, months: 3 }]);

describe("each built-in form in force in December 2025, in a sheet", () => {
  it("is the whole monthly set reconstructed so far, two of its forms broken down by officer", () => {
    expect(FORMS.map((f) => f.id)).toEqual(["01", "02", "03", "04", "05", "06", "08", "12"]);
    expect(FORMS.filter((f) => rowShapeOf(f).kind === "officer").map((f) => f.id)).toEqual(["04", "05"]);
  });

  it.each(FORMS.map((f) => [f.id, f] as const))("form %s: inserted, typed, totalled by its formulas and valid", async (_id, form) => {
    installed = installFakeOffice(globalThis, { apiLevel: "1.7" });
    const sheets = createFormSheets();
    const [, nov, dec] = MONTHS;
    const generated = dec!.forms[form.id]!;
    const ref = await sheets.insertForm(form, { ...header, period: "2025-12" });
    const type = (key: string, v: string | number) => installed!.workbook.type(ref.sheetName, ref.cells[key] as string, v);
    for (const f of inputFields(form)) type(f.key, generated[f.key] as number);
    const officers = dec!.rows[form.id] || [];
    officers.forEach((r, i) => {
      type("r" + i + ".label", r.label);
      for (const k of Object.keys(r.values)) type("r" + i + "." + k, r.values[k] as number);
    });
    const { values } = await sheets.readForm(ref);
    // The derived cells are Excel formulas printed from the definition: they agree with the core's derivation.
    expect(unitCells(values)).toEqual(generated);
    const rows = rowsFromCells(form, values);
    expect(rows ? rows.map((r) => [r.label, r.values]) : undefined).toEqual(rowShapeOf(form).kind === "officer" ? officers.map((r) => [r.label, r.values]) : undefined);
    expect(validateSubmission(form, unitCells(values), rows, { prevMonth: nov!.forms[form.id]! }, "2025-12-31").findings).toEqual([]);
  });
});
