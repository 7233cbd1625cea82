/** The workbook object, its worksheets, and what belongs to a sheet: protection, page layout, frozen panes, change events. */
import { rangeAddress, type RangeRect } from "../../shared/a1";
import { sameAsDefault, type CellData } from "./cells";
import { FakeChartCollection } from "./charts";
import { FakeClientObject, FakeCollection, FakeSheetPart, asFlag, asIs, expose, stored, type NavSpecs, type PropSpec, type SheetResolver } from "./client-object";
import { FakeCommentCollection, FakeNoteCollection } from "./notes-comments";
import { FakeRange } from "./ranges";
import type { FakeRequestContext } from "./request-context";
import { copy, fail, once } from "./support";
import { FakeTableCollection } from "./tables";
import type { SheetData } from "./workbook";

export interface FakeProtectionOptions {
  allowFormatCells?: boolean;
  allowFormatColumns?: boolean;
  allowFormatRows?: boolean;
  allowInsertColumns?: boolean;
  allowInsertRows?: boolean;
  allowDeleteColumns?: boolean;
  allowDeleteRows?: boolean;
  allowEditObjects?: boolean;
  [option: string]: unknown;
}

export interface FakeChangedEvent {
  address: string;
  changeType: "RangeEdited";
  source: "Local";
  type: "WorksheetChanged";
  worksheetId: string;
}

export interface FakeWorkbook {
  readonly worksheets: FakeWorksheetCollection;
  readonly comments: FakeCommentCollection;
}

export class FakeWorkbook extends FakeClientObject {
  readonly apiName = "Workbook";

  protected override navs(): NavSpecs {
    return {
      worksheets: { min: "1.1", make: () => new FakeWorksheetCollection(this.context) },
      comments: { min: "1.10", make: () => new FakeCommentCollection(this.context, null) },
    };
  }

  getSelectedRange(): FakeRange {
    this.need("1.1", "getSelectedRange");
    const book = this.book;
    return new FakeRange(this.context, () => {
      const sel = book.selection;
      const sheet = sel ? book.findById(sel.sheetId) : book.findById(book.activeId);
      if (!sheet) return fail("ItemNotFound", "No active sheet");
      return { sheet, rect: book.rectOf(sel && sheet.id === sel.sheetId ? sel.address : "A1") };
    });
  }
}
expose(FakeWorkbook, { navs: "worksheets comments" });


export class FakeWorksheetCollection extends FakeCollection<FakeWorksheet> {
  readonly apiName = "WorksheetCollection";

  protected sample(): FakeWorksheet {
    return new FakeWorksheet(this.context, () => fail("ItemNotFound", ""));
  }

  protected current(): FakeWorksheet[] {
    const book = this.book;
    return book.sheets.map((s) => new FakeWorksheet(this.context, () => book.findById(s.id) || fail("ItemNotFound", "The sheet was deleted")));
  }

  add(name?: string): FakeWorksheet {
    this.need("1.1", "add");
    const book = this.book;
    let created: SheetData | null = null;
    this.context.enqueue(() => {
      let n = name;
      if (n === undefined) {
        let i = book.sheets.length + 1;
        while (book.findByName("Sheet" + i)) i++;
        n = "Sheet" + i;
      }
      created = book.addSheetData(n);
      book.log({ kind: "call", api: "WorksheetCollection.add", sheet: n });
    });
    return new FakeWorksheet(this.context, () => created || fail("ItemNotFound", "The sheet was not added"));
  }

  getItem(key: string): FakeWorksheet {
    this.need("1.1", "getItem");
    return new FakeWorksheet(this.context, this.byKey(key));
  }

  getItemOrNullObject(key: string): FakeWorksheet {
    this.need("1.4", "getItemOrNullObject");
    const book = this.book;
    return new FakeWorksheet(this.context, this.byKey(key), () => book.findByName(key) === null && book.findById(key) === null);
  }

  getActiveWorksheet(): FakeWorksheet {
    this.need("1.1", "getActiveWorksheet");
    const book = this.book;
    return new FakeWorksheet(
      this.context,
      once(() => book.findById(book.activeId) || fail("ItemNotFound", "No active sheet")),
    );
  }

  private byKey(key: string): SheetResolver {
    const book = this.book;
    return once(() => book.findByName(key) || book.findById(key) || fail("ItemNotFound", "No sheet named " + key));
  }
}

export interface FakeWorksheet {
  name: string;
  readonly id: string;
  readonly position: number;
  readonly visibility: string;
  showGridlines: boolean;
  readonly protection: FakeWorksheetProtection;
  readonly pageLayout: FakePageLayout;
  readonly notes: FakeNoteCollection;
  readonly comments: FakeCommentCollection;
  readonly tables: FakeTableCollection;
  readonly charts: FakeChartCollection;
  readonly freezePanes: FakeFreezePanes;
}

export class FakeWorksheet extends FakeClientObject {
  readonly apiName = "Worksheet";

  constructor(
    context: FakeRequestContext,
    /** @internal */ readonly resolve: SheetResolver,
    isNull?: () => boolean,
  ) {
    super(context);
    if (isNull) this.isNull = isNull;
  }

  protected override props(): Record<string, PropSpec> {
    const book = this.book;
    return {
      name: {
        min: "1.1",
        get: () => this.resolve().name,
        set: (v) => {
          const s = this.resolve();
          if (typeof v !== "string") fail("InvalidArgument", "A sheet name is text");
          const other = book.findByName(v);
          if (other && other !== s) fail("ItemAlreadyExists", "A sheet named " + v + " already exists");
          s.name = v;
        },
      },
      id: { min: "1.1", get: () => this.resolve().id },
      position: { min: "1.1", get: () => book.sheets.indexOf(this.resolve()) },
      visibility: { min: "1.1", get: () => "Visible" },
      showGridlines: stored("1.8", this.resolve, "showGridlines", asFlag),
    };
  }

  protected override navs(): NavSpecs {
    return {
      protection: { min: "1.2", make: () => new FakeWorksheetProtection(this.context, this.resolve) },
      tables: { min: "1.1", make: () => new FakeTableCollection(this.context, this.resolve) },
      charts: { min: "1.1", make: () => new FakeChartCollection(this.context, this.resolve) },
      freezePanes: { min: "1.7", make: () => new FakeFreezePanes(this.context, this.resolve) },
      pageLayout: { min: "1.9", make: () => new FakePageLayout(this.context, this.resolve) },
      notes: { min: "1.18", make: () => new FakeNoteCollection(this.context, this.resolve) },
      comments: { min: "1.10", make: () => new FakeCommentCollection(this.context, this.resolve) },
    };
  }

  get onChanged(): FakeEventHandlers {
    this.need("1.7", "onChanged");
    return new FakeEventHandlers(this.context, this.resolve);
  }

  /** The smallest range holding every cell with a value or (unless `valuesOnly`, ExcelApi 1.2) formatting; "A1" on an empty sheet. */
  getUsedRange(valuesOnly?: boolean): FakeRange {
    this.need("1.1", "getUsedRange");
    if (valuesOnly !== undefined) this.need("1.2", "getUsedRange(valuesOnly)");
    const resolve = this.resolve;
    return new FakeRange(this.context, () => {
      const sheet = resolve();
      let rect: RangeRect | null = null;
      for (const key of Object.keys(sheet.cells)) {
        const cell = sheet.cells[key] as CellData;
        const hasValue = cell.value !== null || cell.formula !== null;
        if (!hasValue && (valuesOnly === true || sameAsDefault(cell))) continue;
        const parts = key.split(",");
        const r = Number(parts[0]);
        const c = Number(parts[1]);
        rect = rect
          ? { top: Math.min(rect.top, r), left: Math.min(rect.left, c), bottom: Math.max(rect.bottom, r), right: Math.max(rect.right, c) }
          : { top: r, left: c, bottom: r, right: c };
      }
      return { sheet, rect: rect || { top: 1, left: 1, bottom: 1, right: 1 } };
    });
  }

  getRange(address?: string): FakeRange {
    this.need("1.1", "getRange");
    if (address === undefined) fail("InvalidArgument", "The in-memory workbook needs an address for getRange()");
    const rect = this.book.rectOf(address);
    const resolve = this.resolve;
    return new FakeRange(this.context, () => ({ sheet: resolve(), rect }));
  }

  activate(): void {
    this.call("1.1", "activate", () => {
      const s = this.resolve();
      this.book.activeId = s.id;
      this.book.log({ kind: "call", api: "Worksheet.activate", sheet: s.name });
    });
  }

  delete(): void {
    this.call("1.1", "delete", () => {
      const book = this.book;
      const s = this.resolve();
      book.sheets = book.sheets.filter((x) => x !== s);
      book.comments = book.comments.filter((c) => c.sheetId !== s.id);
      if (book.activeId === s.id) book.activeId = book.sheets[0] ? (book.sheets[0] as SheetData).id : null;
      book.log({ kind: "call", api: "Worksheet.delete", sheet: s.name });
    });
  }
}
expose(FakeWorksheet, {
  readWrite: "name showGridlines",
  readOnly: "id position visibility",
  navs: "protection pageLayout notes comments tables charts freezePanes",
});

export interface FakeWorksheetProtection {
  readonly protected: boolean;
  readonly options: FakeProtectionOptions;
}

export class FakeWorksheetProtection extends FakeSheetPart {
  readonly apiName = "WorksheetProtection";

  protected override props(): Record<string, PropSpec> {
    return {
      protected: { min: "1.2", get: () => this.resolve().protection.protected },
      options: { min: "1.2", get: () => ({ ...this.resolve().protection.options }) },
    };
  }

  protect(options?: FakeProtectionOptions, _password?: string): void {
    const opts = copy(options || {});
    this.call("1.2", "protect", () => {
      const s = this.resolve();
      if (s.protection.protected) fail("InvalidOperation", "The sheet " + s.name + " is already protected");
      s.protection = { protected: true, options: opts };
      this.book.log({ kind: "call", api: "WorksheetProtection.protect", sheet: s.name });
    });
  }

  unprotect(_password?: string): void {
    this.call("1.7", "unprotect", () => {
      const s = this.resolve();
      s.protection = { protected: false, options: s.protection.options };
      this.book.log({ kind: "call", api: "WorksheetProtection.unprotect", sheet: s.name });
    });
  }
}
expose(FakeWorksheetProtection, { readOnly: "protected options" });

export interface FakePageLayout {
  orientation: string;
  paperSize: string;
  centerHorizontally: boolean;
  centerVertically: boolean;
  zoom: unknown;
}

export class FakePageLayout extends FakeSheetPart {
  readonly apiName = "PageLayout";

  protected override props(): Record<string, PropSpec> {
    const layout = (): Record<string, unknown> => this.resolve().pageLayout;
    const out: Record<string, PropSpec> = {};
    for (const name of ["orientation", "paperSize", "centerHorizontally", "centerVertically", "zoom"]) out[name] = stored("1.9", layout, name, asIs);
    out.printTitleRows = { min: "1.9", get: () => layout().printTitleRows };
    return out;
  }

  setPrintTitleRows(rows: string | FakeRange): void {
    this.setArea("setPrintTitleRows", "printTitleRows", rows);
  }

  setPrintArea(printArea: string | FakeRange): void {
    this.setArea("setPrintArea", "printArea", printArea);
  }

  private setArea(member: string, key: string, area: string | FakeRange): void {
    this.call("1.9", member, () => {
      this.resolve().pageLayout[key] = typeof area === "string" ? area : rangeAddress(area.target().rect);
    });
  }
}
expose(FakePageLayout, { readWrite: "orientation paperSize centerHorizontally centerVertically zoom" });

export class FakeFreezePanes extends FakeSheetPart {
  readonly apiName = "WorksheetFreezePanes";

  freezeRows(count?: number): void {
    this.freeze("freezeRows", { rows: count === undefined ? 1 : count, columns: 0 });
  }

  freezeColumns(count?: number): void {
    this.freeze("freezeColumns", { rows: 0, columns: count === undefined ? 1 : count });
  }

  unfreeze(): void {
    this.freeze("unfreeze", { rows: 0, columns: 0 });
  }

  private freeze(member: string, frozen: { rows: number; columns: number }): void {
    this.call("1.7", member, () => {
      this.resolve().frozen = frozen;
    });
  }
}

let nextHandlerId = 1;

export class FakeEventHandlers {
  constructor(
    private readonly context: FakeRequestContext,
    private readonly resolve: SheetResolver,
  ) {}

  add(handler: (event: FakeChangedEvent) => unknown): { context: FakeRequestContext; remove(): void } {
    const id = nextHandlerId++;
    const context = this.context;
    context.enqueue(() => {
      this.resolve().handlers.push({ id, fn: handler });
      context.book.log({ kind: "call", api: "Worksheet.onChanged.add", sheet: this.resolve().name });
    });
    const resolve = this.resolve;
    return {
      context,
      remove(): void {
        context.enqueue(() => {
          const s = resolve();
          s.handlers = s.handlers.filter((h) => h.id !== id);
          context.book.log({ kind: "call", api: "Worksheet.onChanged.remove", sheet: s.name });
        });
      },
    };
  }
}
