/** Ranges: values, formulas, number formats, and their format (fill, font, borders, protection), data validation. */
import { MAX_COLUMNS, rangeAddress, rectsIntersect, type RangeRect } from "../../shared/a1";
import { normalizeColor, quoteSheet, type CellScalar } from "./cells";
import { FakeRangePart, asFlag, expose, type NavSpecs, type PropSpec, type RangeTarget } from "./client-object";
import { FakeConditionalFormatCollection } from "./conditional-formats";
import type { FakeRequestContext } from "./request-context";
import { fail, once } from "./support";
import type { SheetData } from "./workbook";

export interface FakeBorderRecord {
  address: string;
  edge: string;
  style?: string;
  weight?: string;
  color?: string;
}

export interface FakeValidationRecord {
  address: string;
  rule?: unknown;
  errorAlert?: unknown;
}

export interface FakeRange {
  get values(): (CellScalar | "")[][];
  set values(v: unknown[][]);
  get formulas(): (CellScalar | "")[][];
  set formulas(v: unknown[][]);
  get numberFormat(): string[][];
  set numberFormat(v: unknown[][]);
  readonly address: string;
  readonly rowCount: number;
  readonly columnCount: number;
  readonly rowIndex: number;
  readonly columnIndex: number;
  rowHidden: boolean;
  columnHidden: boolean;
  readonly format: FakeRangeFormat;
  readonly conditionalFormats: FakeConditionalFormatCollection;
  readonly dataValidation: FakeDataValidation;
}

export class FakeRange extends FakeRangePart {
  readonly apiName = "Range";

  constructor(context: FakeRequestContext, target: () => RangeTarget) {
    super(context, once(target));
  }

  protected override props(): Record<string, PropSpec> {
    const book = this.book;
    const t = this.target;
    return {
      values: {
        min: "1.1",
        get: () => book.readValues(t().sheet, t().rect),
        set: (v) => book.writeCells(t().sheet, t().rect, v, "values"),
      },
      formulas: {
        min: "1.1",
        get: () => book.readFormulas(t().sheet, t().rect),
        set: (v) => book.writeCells(t().sheet, t().rect, v, "formulas"),
      },
      numberFormat: {
        min: "1.1",
        get: () => book.grid(t().rect, (r, c) => t().sheet.get(r, c).numberFormat),
        set: (v) => book.writeNumberFormat(t().sheet, t().rect, v),
      },
      address: { min: "1.1", get: () => quoteSheet(t().sheet.name) + "!" + rangeAddress(t().rect) },
      rowCount: { min: "1.1", get: () => t().rect.bottom - t().rect.top + 1 },
      columnCount: { min: "1.1", get: () => t().rect.right - t().rect.left + 1 },
      rowIndex: { min: "1.1", get: () => t().rect.top - 1 },
      columnIndex: { min: "1.1", get: () => t().rect.left - 1 },
      rowHidden: this.hidden("rows"),
      columnHidden: this.hidden("columns"),
    };
  }

  /** rowHidden, columnHidden: true when every row (column) of the range is hidden. */
  private hidden(what: "rows" | "columns"): PropSpec {
    const book = this.book;
    const t = this.target;
    const rows = what === "rows";
    const span = (rect: RangeRect): { from: number; to: number } => (rows ? { from: rect.top, to: rect.bottom } : { from: rect.left, to: rect.right });
    const marks = (sheet: SheetData): Record<number, true> => (rows ? sheet.hiddenRows : sheet.hiddenColumns);
    return {
      min: "1.2",
      get: () => {
        const { sheet, rect } = t();
        const { from, to } = span(rect);
        for (let i = from; i <= to; i++) if (!marks(sheet)[i]) return false;
        return true;
      },
      set: (v) => {
        const { sheet, rect } = t();
        book.assertEditable(sheet, rect, what);
        const { from, to } = span(rect);
        for (let i = from; i <= to; i++) {
          if (v === true) marks(sheet)[i] = true;
          else delete marks(sheet)[i];
        }
        book.log({ kind: "write", sheet: sheet.name, address: rangeAddress(rect), property: rows ? "rowHidden" : "columnHidden" });
      },
    };
  }

  protected override navs(): NavSpecs {
    return {
      format: { min: "1.1", make: () => new FakeRangeFormat(this.context, this.target) },
      dataValidation: { min: "1.8", make: () => new FakeDataValidation(this.context, this.target) },
      conditionalFormats: { min: "1.6", make: () => new FakeConditionalFormatCollection(this.context, this.target) },
    };
  }

  getCell(row: number, column: number): FakeRange {
    this.need("1.1", "getCell");
    const t = this.target;
    return new FakeRange(this.context, () => {
      const { sheet, rect } = t();
      const r = rect.top + row;
      const c = rect.left + column;
      return { sheet, rect: { top: r, left: c, bottom: r, right: c } };
    });
  }

  merge(across?: boolean): void {
    this.call("1.2", "merge", () => {
      const { sheet, rect } = this.target();
      this.book.assertEditable(sheet, rect, "structure");
      if (across === true) {
        for (let r = rect.top; r <= rect.bottom; r++) sheet.merges.push({ top: r, left: rect.left, bottom: r, right: rect.right });
      } else {
        sheet.merges.push({ ...rect });
      }
      this.book.log({ kind: "call", api: "Range.merge", sheet: sheet.name, address: rangeAddress(rect) });
    });
  }

  unmerge(): void {
    this.call("1.2", "unmerge", () => {
      const { sheet, rect } = this.target();
      this.book.assertEditable(sheet, rect, "structure");
      sheet.merges = sheet.merges.filter((m) => !rectsIntersect(m, rect));
    });
  }

  select(): void {
    this.call("1.1", "select", () => {
      const { sheet, rect } = this.target();
      const book = this.book;
      book.activeId = sheet.id;
      book.selection = { sheetId: sheet.id, address: rangeAddress(rect) };
      book.log({ kind: "call", api: "Range.select", sheet: sheet.name, address: rangeAddress(rect) });
    });
  }
}
expose(FakeRange, {
  readWrite: "values formulas numberFormat rowHidden columnHidden",
  readOnly: "address rowCount columnCount rowIndex columnIndex",
  navs: "format conditionalFormats dataValidation",
});

export interface FakeRangeFormat {
  horizontalAlignment: string;
  verticalAlignment: string;
  wrapText: boolean;
  columnWidth: number;
  rowHeight: number;
  readonly fill: FakeRangeFill;
  readonly font: FakeRangeFont;
  readonly borders: FakeBorderCollection;
  readonly protection: FakeFormatProtection;
}

export class FakeRangeFormat extends FakeRangePart {
  readonly apiName = "RangeFormat";

  protected override props(): Record<string, PropSpec> {
    const book = this.book;
    const t = this.target;
    return {
      horizontalAlignment: this.cellProp("1.1", "format/horizontalAlignment", "hAlign", String),
      verticalAlignment: this.cellProp("1.1", "format/verticalAlignment", "vAlign", String),
      wrapText: this.cellProp("1.1", "format/wrapText", "wrap", asFlag),
      columnWidth: {
        min: "1.2",
        get: () => {
          const w = t().sheet.columnWidths[t().rect.left];
          return w === undefined ? 48 : w;
        },
        set: (v) => {
          const { sheet, rect } = t();
          book.assertEditable(sheet, rect, "columns");
          if (typeof v !== "number" || v < 0) fail("InvalidArgument", "A column width is a number of points");
          for (let c = rect.left; c <= Math.min(rect.right, MAX_COLUMNS); c++) sheet.columnWidths[c] = v;
          book.log({ kind: "write", sheet: sheet.name, address: rangeAddress(rect), property: "format/columnWidth" });
        },
      },
      rowHeight: {
        min: "1.2",
        get: () => {
          const h = t().sheet.rowHeights[t().rect.top];
          return h === undefined ? 15 : h;
        },
        set: (v) => {
          const { sheet, rect } = t();
          book.assertEditable(sheet, rect, "rows");
          if (typeof v !== "number" || v < 0) fail("InvalidArgument", "A row height is a number of points");
          if (rect.bottom - rect.top > 10000) fail("InvalidArgument", "Too many rows for the in-memory workbook");
          for (let r = rect.top; r <= rect.bottom; r++) sheet.rowHeights[r] = v;
          book.log({ kind: "write", sheet: sheet.name, address: rangeAddress(rect), property: "format/rowHeight" });
        },
      },
    };
  }

  protected override navs(): NavSpecs {
    return {
      fill: { min: "1.1", make: () => new FakeRangeFill(this.context, this.target) },
      font: { min: "1.1", make: () => new FakeRangeFont(this.context, this.target) },
      borders: { min: "1.1", make: () => new FakeBorderCollection(this.context, this.target) },
      protection: { min: "1.2", make: () => new FakeFormatProtection(this.context, this.target) },
    };
  }

  autofitColumns(): void {
    this.call("1.2", "autofitColumns", () => undefined);
  }

  autofitRows(): void {
    this.call("1.2", "autofitRows", () => undefined);
  }
}
expose(FakeRangeFormat, {
  readWrite: "horizontalAlignment verticalAlignment wrapText columnWidth rowHeight",
  navs: "fill font borders protection",
});

export interface FakeRangeFill {
  color: string;
  readonly tintAndShade: number | null;
  readonly pattern: string | null;
}

export class FakeRangeFill extends FakeRangePart {
  readonly apiName = "RangeFill";

  protected override props(): Record<string, PropSpec> {
    const book = this.book;
    const t = this.target;
    // undefined: the cells differ.
    const uniformFill = (): string | null | undefined => book.uniform(t().sheet, t().rect, (c) => c.fill, undefined);
    return {
      color: {
        min: "1.1",
        get: () => {
          const f = uniformFill();
          // Office.js reports "no fill" as white.
          return f === undefined ? null : f === null ? "#FFFFFF" : f;
        },
        set: (v) => {
          const color = normalizeColor(v);
          book.formatCells(t().sheet, t().rect, "format/fill/color", (c) => {
            c.fill = color;
          });
        },
      },
      tintAndShade: {
        min: "1.9",
        get: () => {
          const f = uniformFill();
          return f === undefined || f === null ? null : 0;
        },
      },
      pattern: {
        min: "1.9",
        get: () => {
          const f = uniformFill();
          return f === undefined ? null : f === null ? "None" : "Solid";
        },
      },
    };
  }

  clear(): void {
    this.call("1.1", "clear", () => {
      const { sheet, rect } = this.target();
      this.book.formatCells(sheet, rect, "format/fill/clear", (c) => {
        c.fill = null;
      });
    });
  }
}
expose(FakeRangeFill, { readWrite: "color", readOnly: "tintAndShade pattern" });

export interface FakeRangeFont {
  bold: boolean;
  italic: boolean;
  color: string;
  size: number;
  name: string;
}

export class FakeRangeFont extends FakeRangePart {
  readonly apiName = "RangeFont";

  protected override props(): Record<string, PropSpec> {
    return {
      bold: this.cellProp("1.1", "format/font/bold", "bold", asFlag),
      italic: this.cellProp("1.1", "format/font/italic", "italic", asFlag),
      color: this.cellProp("1.1", "format/font/color", "fontColor", normalizeColor),
      size: this.cellProp("1.1", "format/font/size", "fontSize", Number),
      name: this.cellProp("1.1", "format/font/name", "fontName", String),
    };
  }
}
expose(FakeRangeFont, { readWrite: "bold italic color size name" });

const BORDER_EDGES = ["EdgeTop", "EdgeBottom", "EdgeLeft", "EdgeRight", "InsideVertical", "InsideHorizontal", "DiagonalDown", "DiagonalUp"];

export class FakeBorderCollection extends FakeRangePart {
  readonly apiName = "RangeBorderCollection";

  getItem(index: string): FakeBorder {
    this.need("1.1", "getItem");
    if (BORDER_EDGES.indexOf(index) < 0) fail("InvalidArgument", "No border " + index);
    return new FakeBorder(this.context, this.target, index);
  }
}

export interface FakeBorder {
  set style(v: string);
  set weight(v: string);
  set color(v: string);
}

export class FakeBorder extends FakeRangePart {
  readonly apiName = "RangeBorder";

  constructor(
    context: FakeRequestContext,
    target: () => RangeTarget,
    private readonly edge: string,
  ) {
    super(context, target);
  }

  private record(key: "style" | "weight" | "color", v: unknown): void {
    const { sheet, rect } = this.target();
    const book = this.book;
    book.assertEditable(sheet, rect, "format");
    const address = rangeAddress(rect);
    let rec: FakeBorderRecord | undefined;
    for (const b of sheet.borders) if (b.address === address && b.edge === this.edge) rec = b;
    if (!rec) {
      rec = { address, edge: this.edge };
      sheet.borders.push(rec);
    }
    rec[key] = String(v);
    book.log({ kind: "write", sheet: sheet.name, address, property: "format/borders/" + this.edge + "/" + key });
  }

  protected override props(): Record<string, PropSpec> {
    return {
      style: { min: "1.1", set: (v) => this.record("style", v) },
      weight: { min: "1.1", set: (v) => this.record("weight", v) },
      color: { min: "1.1", set: (v) => this.record("color", normalizeColor(v)) },
    };
  }
}
expose(FakeBorder, { writeOnly: "style weight color" });

export interface FakeFormatProtection {
  locked: boolean;
  formulaHidden: boolean;
}

export class FakeFormatProtection extends FakeRangePart {
  readonly apiName = "FormatProtection";

  protected override props(): Record<string, PropSpec> {
    return { locked: this.lockProp("locked"), formulaHidden: this.lockProp("formulaHidden") };
  }

  private lockProp(key: "locked" | "formulaHidden"): PropSpec {
    const spec = this.cellProp("1.2", "format/protection/" + key, key, asFlag);
    const formatCells = spec.set as (v: unknown) => void;
    return {
      ...spec,
      set: (v) => {
        const { sheet } = this.target();
        // Changing which cells are locked is never allowed on a protected sheet.
        if (sheet.protection.protected) fail("AccessDenied", "The sheet " + sheet.name + " is protected");
        formatCells(v);
      },
    };
  }
}
expose(FakeFormatProtection, { readWrite: "locked formulaHidden" });

export interface FakeDataValidation {
  rule: unknown;
  errorAlert: unknown;
}

export class FakeDataValidation extends FakeRangePart {
  readonly apiName = "DataValidation";

  private find(): FakeValidationRecord | undefined {
    const { sheet, rect } = this.target();
    const address = rangeAddress(rect);
    for (const v of sheet.validations) if (v.address === address) return v;
    return undefined;
  }

  private recordOf(): FakeValidationRecord {
    const { sheet, rect } = this.target();
    this.book.assertEditable(sheet, rect, "objects");
    let rec = this.find();
    if (!rec) {
      rec = { address: rangeAddress(rect) };
      sheet.validations.push(rec);
    }
    return rec;
  }

  protected override props(): Record<string, PropSpec> {
    const prop = (key: "rule" | "errorAlert"): PropSpec => ({
      min: "1.8",
      get: () => {
        const rec = this.find();
        return (rec && rec[key]) || {};
      },
      set: (v) => {
        this.recordOf()[key] = v;
      },
    });
    return { rule: prop("rule"), errorAlert: prop("errorAlert") };
  }

  clear(): void {
    this.call("1.8", "clear", () => {
      const { sheet, rect } = this.target();
      const address = rangeAddress(rect);
      sheet.validations = sheet.validations.filter((v) => v.address !== address);
    });
  }
}
expose(FakeDataValidation, { readWrite: "rule errorAlert" });
