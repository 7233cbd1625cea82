import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BUILT_IN_FORMS } from "../../shared/forms";
import { readWorkbookValues, type SheetValues } from "../fixtures/workbooks/read";
import { judge, sheetOutcome, type Expected } from "./recognize-judge";

/**
 * The recognition corpus (tests/fixtures/workbooks/corpus: layouts clerks keep, made as flat
 * ODS and saved as .xlsx by LibreOffice, with the truth beside each). For every workbook: no
 * figure or row is wrong without a word, and the table is read, converted, asked about or
 * refused as its expected result says.
 */

const DIR = join(__dirname, "../fixtures/workbooks/corpus");
const NAMES = readdirSync(DIR).filter((f) => f.endsWith(".expected.json")).map((f) => f.replace(".expected.json", "")).sort();
const sheets: Record<string, SheetValues> = {};
const expected: Record<string, Expected> = {};

beforeAll(async () => {
  for (const name of NAMES) {
    expected[name] = JSON.parse(readFileSync(join(DIR, name + ".expected.json"), "utf8")) as Expected;
    sheets[name] = await readWorkbookValues(join(DIR, name + ".xlsx"), expected[name].sheet);
  }
});

describe("the recognition corpus", () => {
  it("covers every outcome: read, converted, asked, refused", () => {
    expect(NAMES.length).toBeGreaterThanOrEqual(12);
    const outcomes = new Set(NAMES.map((n) => JSON.parse(readFileSync(join(DIR, n + ".expected.json"), "utf8")).outcome));
    expect([...outcomes].sort()).toEqual(["asked", "converted", "read", "refused"]);
  });

  it("is listed in docs/xlsx.md, one row per workbook, none missing and none that no longer exists", () => {
    const docs = readFileSync(join(__dirname, "../../docs/xlsx.md"), "utf8");
    const listed = Array.from(docs.matchAll(/^\| `([a-z0-9-]+)` \|/gm), (m) => m[1] as string).sort();
    expect(listed).toEqual(NAMES);
  });

  describe.each(NAMES)("%s", (name) => {
    it("sends no wrong figure and offers no wrong row without a word", () => {
      const s = sheets[name]!;
      expect(judge(s.values, s.origin, expected[name]!, BUILT_IN_FORMS).silent).toEqual([]);
    });

    it("is read, converted, asked about or refused as expected, every row in its role", () => {
      const s = sheets[name]!;
      const e = expected[name]!;
      const v = judge(s.values, s.origin, e, BUILT_IN_FORMS);
      expect(sheetOutcome(v)).toBe(e.outcome);
      for (let i = 0; i < e.tables.length; i++) {
        const t = v.tables[i]!;
        const want = e.tables[i]!;
        expect({ form: t.form, outcome: t.outcome }).toEqual({ form: want.form, outcome: want.outcome });
        if (t.found) expect(t.roles).toEqual(want.rows);
      }
    });
  });
});
