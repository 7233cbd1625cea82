/** Excel tables (ExcelApi 1.1): a header row and its data, with a unique name in the workbook. */
import { parseRangeAddress, rangeAddress, rectsIntersect, type RangeRect } from "../../shared/a1";
import { FakeClientObject, FakeSheetItem, FakeSheetPart, asFlag, countOf, expose, stored, type Counted, type NavSpecs, type PropSpec, type SheetResolver } from "./client-object";
import { parseInput } from "./cells";
import type { FakeRequestContext } from "./request-context";
import { FakeRange } from "./ranges";
import { fail } from "./support";
import type { SheetData } from "./workbook";

export interface FakeTableRecord {
  name: string;
  address: string;
  headers: string[];
  style: string;
  showTotals: boolean;
}

export interface FakeTableCollection extends Counted {}

export class FakeTableCollection extends FakeSheetPart {
  readonly apiName = "TableCollection";

  protected override props(): Record<string, PropSpec> {
    return countOf(() => this.resolve().tables.length);
  }

  add(address: string | FakeRange, hasHeaders: boolean): FakeTable {
    this.need("1.1", "add");
    const book = this.book;
    let created: FakeTableRecord | null = null;
    this.context.enqueue(() => {
      const sheet = this.resolve();
      const rect = typeof address === "string" ? book.rectOf(address) : address.target().rect;
      book.assertEditable(sheet, rect, "structure");
      for (const t of sheet.tables) {
        if (rectsIntersect(book.rectOf(t.address), rect)) fail("InvalidOperation", "A table cannot overlap another table (" + t.name + ")");
      }
      for (const m of sheet.merges) {
        if (rectsIntersect(m, rect)) fail("InvalidOperation", "A table cannot overlap merged cells (" + rangeAddress(m) + ")");
      }
      const headers: string[] = [];
      for (let c = rect.left; c <= rect.right; c++) {
        const v = hasHeaders ? book.valueAt(sheet, rect.top, c, {}) : "";
        // Excel names an empty header "ColumnN" and numbers a repeated one, as it does when typing.
        let name = v === "" ? "Column" + (c - rect.left + 1) : String(v);
        const base = name;
        for (let i = 2; headers.indexOf(name) >= 0; i++) name = base + i;
        headers.push(name);
      }
      created = { name: book.newTableName(), address: rangeAddress(rect), headers, style: "TableStyleMedium2", showTotals: false };
      sheet.tables.push(created);
      book.log({ kind: "call", api: "TableCollection.add", sheet: sheet.name, address: rangeAddress(rect) });
    });
    return new FakeTable(this.context, this.resolve, () => created || fail("ItemNotFound", "The table was not added"));
  }

  getItemAt(index: number): FakeTable {
    this.need("1.1", "getItemAt");
    return new FakeTable(this.context, this.resolve, () => this.resolve().tables[index] || fail("ItemNotFound", "No table at " + index));
  }

  getItem(name: string): FakeTable {
    this.need("1.1", "getItem");
    return new FakeTable(this.context, this.resolve, () => {
      for (const t of this.resolve().tables) if (t.name.toLowerCase() === name.toLowerCase()) return t;
      return fail("ItemNotFound", "No table " + name);
    });
  }
}
expose(FakeTableCollection, { readOnly: "count" });

export interface FakeTable {
  name: string;
  style: string;
  showTotals: boolean;
  set showBandedRows(v: boolean);
  set showFilterButton(v: boolean);
}

export class FakeTable extends FakeSheetItem<FakeTableRecord> {
  readonly apiName = "Table";

  protected listIn(sheet: SheetData): FakeTableRecord[] {
    return sheet.tables;
  }

  protected override props(): Record<string, PropSpec> {
    const book = this.book;
    return {
      name: {
        min: "1.1",
        get: () => this.data().name,
        set: (v) => {
          if (typeof v !== "string" || !/^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*$/.test(v) || parseRangeAddress(v) !== null) {
            fail("InvalidArgument", "Invalid table name: " + String(v));
          }
          if (book.tableNameTaken(v, this.data())) fail("ItemAlreadyExists", "A table named " + v + " already exists");
          this.data().name = v;
        },
      },
      style: stored("1.1", this.data, "style", String),
      showTotals: stored("1.1", this.data, "showTotals", asFlag),
      showBandedRows: { min: "1.3", get: () => true, set: () => undefined },
      showFilterButton: { min: "1.3", get: () => true, set: () => undefined },
    };
  }

  protected override navs(): NavSpecs {
    return { rows: { min: "1.1", make: () => new FakeTableRowCollection(this.context, this.sheetOf, this.data) } };
  }

  private part(member: string, pick: (r: RangeRect) => RangeRect): FakeRange {
    this.need("1.1", member);
    return new FakeRange(this.context, () => ({ sheet: this.sheetOf(), rect: pick(this.book.rectOf(this.data().address)) }));
  }

  getRange(): FakeRange {
    return this.part("getRange", (r) => r);
  }

  getHeaderRowRange(): FakeRange {
    return this.part("getHeaderRowRange", (r) => ({ top: r.top, left: r.left, bottom: r.top, right: r.right }));
  }

  getDataBodyRange(): FakeRange {
    return this.part("getDataBodyRange", (r) => ({ top: Math.min(r.top + 1, r.bottom), left: r.left, bottom: r.bottom, right: r.right }));
  }
}
expose(FakeTable, { readWrite: "name style showTotals", writeOnly: "showBandedRows showFilterButton", navs: "rows" });

export interface FakeTableRowCollection extends Counted {}

/**
 * A table's rows (ExcelApi 1.1). `add` appends rows at the table's end, as Excel does: the
 * cells below the table in its columns move down, the new rows take the last row's cell
 * formats (number format, fill, font, locked…; borders are not cell formats here and are
 * not copied) and the values given. A protected sheet refuses it. Rows are only appended:
 * the add-in never inserts in the middle.
 */
export class FakeTableRowCollection extends FakeClientObject {
  readonly apiName = "TableRowCollection";

  constructor(
    context: FakeRequestContext,
    private readonly sheetOf: SheetResolver,
    private readonly data: () => FakeTableRecord,
  ) {
    super(context);
  }

  protected override props(): Record<string, PropSpec> {
    return countOf(() => {
      const r = this.book.rectOf(this.data().address);
      return r.bottom - r.top;
    });
  }

  add(index?: number | null, values?: unknown[][]): void {
    this.call("1.1", "add", () => {
      const book = this.book;
      const sheet = this.sheetOf();
      const table = this.data();
      const rect = book.rectOf(table.address);
      const dataRows = rect.bottom - rect.top;
      if (index !== undefined && index !== null && index !== dataRows) fail("InvalidArgument", "The in-memory workbook appends table rows only");
      const width = rect.right - rect.left + 1;
      const lines = values === undefined ? [[]] : values;
      const n = lines.length;
      const added = { top: rect.bottom + 1, left: rect.left, bottom: rect.bottom + n, right: rect.right };
      book.assertEditable(sheet, added, "structure");
      const below = { top: rect.bottom + 1, left: rect.left, bottom: 1048576, right: rect.right };
      for (const m of sheet.merges) if (rectsIntersect(m, below)) fail("InvalidOperation", "The in-memory workbook does not move merged cells below a table");
      for (const t of sheet.tables) if (t !== table && rectsIntersect(book.rectOf(t.address), below)) fail("InvalidOperation", "The in-memory workbook does not move a table below a table");
      // The cells below move down, bottom first.
      const moving: [number, number][] = [];
      for (const key of Object.keys(sheet.cells)) {
        const [r, c] = key.split(",").map(Number) as [number, number];
        if (r > rect.bottom && c >= rect.left && c <= rect.right) moving.push([r, c]);
      }
      moving.sort((a, b) => b[0] - a[0]);
      for (const [r, c] of moving) {
        sheet.cells[r + n + "," + c] = sheet.cells[r + "," + c] as (typeof sheet.cells)[string];
        delete sheet.cells[r + "," + c];
      }
      for (let i = 0; i < n; i++) {
        const line = lines[i] as unknown[];
        if (values !== undefined && (!Array.isArray(line) || line.length !== width)) fail("InvalidArgument", "Expected " + width + " values in each row of the table");
        for (let c = rect.left; c <= rect.right; c++) {
          const cell = { ...sheet.get(rect.bottom, c), value: null, formula: null } as (typeof sheet.cells)[string];
          const parsed = parseInput(values === undefined ? "" : line[c - rect.left]);
          cell.value = parsed.value;
          cell.formula = parsed.formula;
          sheet.cells[rect.bottom + 1 + i + "," + c] = cell;
        }
      }
      table.address = rangeAddress({ top: rect.top, left: rect.left, bottom: rect.bottom + n, right: rect.right });
      book.log({ kind: "call", api: "TableRowCollection.add", sheet: sheet.name, address: rangeAddress(added) });
    });
  }
}
expose(FakeTableRowCollection, { readOnly: "count" });
