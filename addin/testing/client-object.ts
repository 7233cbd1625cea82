/**
 * How the Office.js-shaped objects behave: commands queued until `context.sync()`, a
 * property readable only after `load()` and a sync (PropertyNotLoaded), an API above the
 * workbook's ExcelApi level refused (ApiNotFound). Every faked object derives from these.
 */
import type { RangeRect } from "../../shared/a1";
import type { CellData } from "./cells";
import type { FakeRequestContext } from "./request-context";
import { copy, fail, minorOf } from "./support";
import type { MemoryWorkbook, SheetData } from "./workbook";

export interface PropSpec {
  min: string;
  get?: () => unknown;
  set?: (v: unknown) => void;
}

export type NavSpecs = Record<string, { min: string; make: () => FakeClientObject }>;

export type LoadSpec = string | string[] | { select?: string } | undefined;

export function pathsOf(spec: LoadSpec): string[] {
  let text: string[] = [];
  if (spec === undefined) return [];
  if (typeof spec === "string") text = spec.split(",");
  else if (Array.isArray(spec)) text = spec;
  else if (typeof spec === "object" && typeof spec.select === "string") text = spec.select.split(",");
  else fail("InvalidArgument", "The in-memory workbook loads property names only");
  const out: string[] = [];
  for (const t of text) {
    const p = t.trim();
    if (p !== "") out.push(p);
  }
  return out;
}

/** "format/fill/color" → "format" and ["fill/color"]; "values" → "values" and []. */
export function splitPath(path: string): { head: string; rest: string[] } {
  const slash = path.indexOf("/");
  return slash < 0 ? { head: path, rest: [] } : { head: path.slice(0, slash), rest: [path.slice(slash + 1)] };
}

/** A property kept as it is on a record (a table's, a chart's…); `convert` turns what the add-in writes into what is kept. */
export function stored<R, K extends keyof R>(min: string, record: () => R, key: K, convert: (v: unknown) => R[K]): PropSpec {
  return {
    min,
    get: () => record()[key],
    set: (v) => {
      record()[key] = convert(v);
    },
  };
}

export const asFlag = (v: unknown): boolean => v === true;
export const asIs = (v: unknown): unknown => v;

/** The Office.js members of a class, as names separated by spaces. */
export interface Members {
  /** Read after load() and a sync; written through the queue. */
  readWrite?: string;
  readOnly?: string;
  writeOnly?: string;
  /** Sub-objects (range.format, sheet.tables…), each made once per object. */
  navs?: string;
}

export abstract class FakeClientObject {
  /** @internal */ abstract readonly apiName: string;
  /** @internal */ loaded: Record<string, unknown> = {};
  /** Set on what a getItemOrNullObject returned: whether the item is missing, asked at sync. */
  protected isNull: (() => boolean) | null = null;
  private navCache: Record<string, FakeClientObject> = {};

  constructor(readonly context: FakeRequestContext) {}

  /**
   * @internal Puts a class's members on its prototype, as Office.js has them (their types are
   * declared by an interface of the class's name): a property is read from what load() and a
   * sync captured, a write is queued, a sub-object is made once.
   */
  static expose(cls: { prototype: FakeClientObject }, members: Members): void {
    const define = (names: string | undefined, descriptor: (name: string) => PropertyDescriptor): void => {
      for (const name of (names || "").split(" ")) {
        if (name !== "") Object.defineProperty(cls.prototype, name, { ...descriptor(name), configurable: true });
      }
    };
    const get = (name: string) =>
      function (this: FakeClientObject): unknown {
        return this.read(name);
      };
    const set = (name: string) =>
      function (this: FakeClientObject, v: unknown): void {
        this.write(name, v);
      };
    define(members.readWrite, (name) => ({ get: get(name), set: set(name) }));
    define(members.readOnly, (name) => ({ get: get(name) }));
    define(members.writeOnly, (name) => ({ set: set(name) }));
    define(members.navs, (name) => ({
      get(this: FakeClientObject): unknown {
        return this.nav(name);
      },
    }));
  }

  /** @internal */
  get book(): MemoryWorkbook {
    return this.context.book;
  }

  get isNullObject(): boolean {
    return this.isNull ? this.read<boolean>("isNullObject") : false;
  }

  protected props(): Record<string, PropSpec> {
    return {};
  }

  protected navs(): NavSpecs {
    return {};
  }

  /** ApiNotFound when `member` of this object needs a newer ExcelApi than this Excel's. */
  protected need(min: string, member: string): void {
    this.book.requireLevel(min, this.apiName + "." + member);
  }

  /** A method that only queues its work for the next sync. */
  protected call(min: string, member: string, op: () => void): void {
    this.need(min, member);
    this.context.enqueue(op);
  }

  protected nav<T extends FakeClientObject>(name: string): T {
    const spec = this.navs()[name];
    if (!spec) return fail("InvalidArgument", this.apiName + " has no " + name);
    this.need(spec.min, name);
    let o = this.navCache[name];
    if (!o) {
      o = spec.make();
      this.navCache[name] = o;
    }
    return o as T;
  }

  load(spec?: LoadSpec): this {
    const paths = pathsOf(spec);
    this.validate(paths);
    this.context.enqueue(() => this.capture(paths));
    return this;
  }

  /** @internal */
  validate(paths: string[]): void {
    for (const path of paths) {
      const { head, rest } = splitPath(path);
      const p = this.props()[head];
      if (p && rest.length === 0) {
        this.need(p.min, head);
        if (!p.get) fail("InvalidArgument", this.apiName + "." + head + " cannot be loaded");
        continue;
      }
      if (this.navs()[head]) {
        this.nav(head).validate(rest);
        continue;
      }
      if (head === "items" && this.isCollection()) {
        this.validateItems(rest);
        continue;
      }
      fail("InvalidArgument", this.apiName + " has no property " + head);
    }
  }

  protected isCollection(): boolean {
    return false;
  }

  protected validateItems(_paths: string[]): void {
    /* collections override */
  }

  /** @internal Runs at sync: copies the requested properties as they are at this point of the batch. */
  capture(paths: string[]): void {
    const all = paths.length === 0;
    const list = all ? Object.keys(this.props()) : paths;
    if (this.isNull) this.loaded.isNullObject = this.isNull();
    if (all && this.isCollection()) this.captureItems([]);
    for (const path of list) {
      const { head, rest } = splitPath(path);
      const p = this.props()[head];
      if (p && rest.length === 0) {
        if (!p.get || minorOf(p.min) > minorOf(this.book.apiLevel)) continue;
        this.loaded[head] = copy(p.get());
        this.book.log({ kind: "load", target: this.apiName, property: head });
      } else if (this.navs()[head]) {
        this.nav(head).capture(rest);
      } else if (head === "items") {
        this.captureItems(rest);
      }
    }
  }

  protected captureItems(_paths: string[]): void {
    /* collections override */
  }

  protected read<T>(name: string): T {
    if (!Object.prototype.hasOwnProperty.call(this.loaded, name)) {
      fail("PropertyNotLoaded", "The property '" + name + "' of " + this.apiName + " is not available. Call load() and context.sync() before reading it.");
    }
    return this.loaded[name] as T;
  }

  protected write(name: string, v: unknown): void {
    const p = this.props()[name];
    if (!p || !p.set) return fail("InvalidArgument", this.apiName + "." + name + " cannot be set");
    this.need(p.min, name);
    const set = p.set;
    const value = copy(v);
    this.context.enqueue(() => set(value));
  }

  toJSON(): Record<string, unknown> {
    return { ...this.loaded };
  }
}

export const expose = FakeClientObject.expose;

/** A collection whose `items` load like a property (`load("items/name")`). */
export abstract class FakeCollection<T extends FakeClientObject> extends FakeClientObject {
  private itemsList: T[] | null = null;

  /** An item to check load paths against. */
  protected abstract sample(): T;

  /** The items as they are at this point of the batch. */
  protected abstract current(): T[];

  protected override isCollection(): boolean {
    return true;
  }

  protected override validateItems(paths: string[]): void {
    this.sample().validate(paths);
  }

  protected override captureItems(paths: string[]): void {
    const items = this.current();
    for (const item of items) item.capture(paths);
    this.itemsList = items;
  }

  get items(): T[] {
    if (this.itemsList === null) fail("PropertyNotLoaded", this.apiName + ".items is not loaded");
    return this.itemsList;
  }
}

export type SheetResolver = () => SheetData;

/** The table, chart, series and point collections: `count` is their one loadable property. */
export interface Counted {
  readonly count: number;
}

export function countOf(length: () => number): Record<string, PropSpec> {
  return { count: { min: "1.1", get: length } };
}

/** An object that belongs to one sheet (its protection, its tables…), found again at each use. */
export abstract class FakeSheetPart extends FakeClientObject {
  constructor(
    context: FakeRequestContext,
    protected readonly resolve: SheetResolver,
  ) {
    super(context);
  }
}

/** An object that stands for one record of a sheet (a conditional format, a chart series…). */
export abstract class FakeRecordPart<R> extends FakeClientObject {
  constructor(
    context: FakeRequestContext,
    protected readonly data: () => R,
  ) {
    super(context);
  }
}

/** A table or a chart: one record in a list of its sheet's. */
export abstract class FakeSheetItem<R> extends FakeRecordPart<R> {
  constructor(
    context: FakeRequestContext,
    protected readonly sheetOf: SheetResolver,
    data: () => R,
  ) {
    super(context, data);
  }

  protected abstract listIn(sheet: SheetData): R[];

  delete(): void {
    this.call("1.1", "delete", () => {
      const list = this.listIn(this.sheetOf());
      const i = list.indexOf(this.data());
      if (i >= 0) list.splice(i, 1);
    });
  }
}

export interface RangeTarget {
  sheet: SheetData;
  rect: RangeRect;
}

/** A range, or an object that stands for part of one (its format, fill, font…). */
export abstract class FakeRangePart extends FakeClientObject {
  constructor(
    context: FakeRequestContext,
    /** @internal */ readonly target: () => RangeTarget,
  ) {
    super(context);
  }

  /** A cell format: the range's common value (null when its cells differ); a write formats every cell. */
  protected cellProp<K extends keyof CellData>(min: string, property: string, key: K, convert: (v: unknown) => CellData[K]): PropSpec {
    const book = this.book;
    const t = this.target;
    return {
      min,
      get: () => book.uniform(t().sheet, t().rect, (c) => c[key], null),
      set: (v) =>
        book.formatCells(t().sheet, t().rect, property, (c) => {
          c[key] = convert(v);
        }),
    };
  }
}

/**
 * An object made only of plain properties and sub-objects (rule, fill, font…): each
 * property is readable and writable through the same queue as everything else.
 */
export class FakeSimpleObject extends FakeClientObject {
  constructor(
    context: FakeRequestContext,
    readonly apiName: string,
    private readonly spec: Record<string, PropSpec>,
    private readonly children: Record<string, () => FakeClientObject> = {},
    private readonly childMin = "1.1",
  ) {
    super(context);
    for (const name of Object.keys(spec)) {
      Object.defineProperty(this, name, {
        get: () => this.read(name),
        set: (v: unknown) => this.write(name, v),
        enumerable: true,
        configurable: true,
      });
    }
    for (const name of Object.keys(children)) {
      Object.defineProperty(this, name, { get: () => this.nav(name), enumerable: true, configurable: true });
    }
  }

  protected override props(): Record<string, PropSpec> {
    return this.spec;
  }

  protected override navs(): NavSpecs {
    const out: NavSpecs = {};
    for (const name of Object.keys(this.children)) out[name] = { min: this.childMin, make: this.children[name] as () => FakeClientObject };
    return out;
  }

  /** Typed access for the adapter's code paths that go through `any`-free interfaces. */
  [name: string]: unknown;
}
