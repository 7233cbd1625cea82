/** The globals an add-in sees: `Excel.run`, `Office.context.requirements`, `OfficeExtension.Error`. */
import { FakeRequestContext } from "./request-context";
import { FakeOfficeError } from "./support";
import { MemoryWorkbook, type FakeApiLevel } from "./workbook";

export type Batch<T> = (context: FakeRequestContext) => Promise<T>;

export interface FakeExcelNamespace {
  run<T>(batchOrObject: Batch<T> | unknown, batch?: Batch<T>): Promise<T>;
  RequestContext: new () => FakeRequestContext;
  ErrorCodes: Record<string, string>;
}

export function createFakeExcel(book: MemoryWorkbook): FakeExcelNamespace {
  function run<T>(first: Batch<T> | unknown, second?: Batch<T>): Promise<T> {
    let context: FakeRequestContext;
    let batch: Batch<T>;
    if (typeof first === "function") {
      batch = first as Batch<T>;
      context = new FakeRequestContext(book);
    } else {
      if (typeof second !== "function") return Promise.reject(new FakeOfficeError("InvalidArgument", "Excel.run needs a batch function"));
      batch = second;
      const holder = first as { context?: unknown } | null;
      if (first instanceof FakeRequestContext) context = first;
      else if (holder && holder.context instanceof FakeRequestContext) context = holder.context;
      else context = new FakeRequestContext(book);
      context.closed = false;
    }
    return Promise.resolve()
      .then(() => batch(context))
      .then((result) => (context.hasPending() ? context.sync().then(() => result) : result))
      .then(
        (result) => {
          context.closed = true;
          return result;
        },
        (e: unknown) => {
          context.closed = true;
          throw e;
        },
      );
  }
  class BoundRequestContext extends FakeRequestContext {
    constructor() {
      super(book);
    }
  }
  return {
    run,
    RequestContext: BoundRequestContext,
    ErrorCodes: {
      accessDenied: "AccessDenied",
      apiNotFound: "ApiNotFound",
      invalidArgument: "InvalidArgument",
      invalidOperation: "InvalidOperation",
      itemAlreadyExists: "ItemAlreadyExists",
      itemNotFound: "ItemNotFound",
      propertyNotLoaded: "PropertyNotLoaded",
    },
  };
}

export interface FakeOfficeNamespace {
  context: {
    requirements: { isSetSupported(name: string, minVersion?: string): boolean };
    host: string;
    platform: string;
    displayLanguage: string;
    contentLanguage: string;
    diagnostics: { host: string; platform: string; version: string };
  };
  onReady(callback?: (info: { host: string; platform: string }) => unknown): Promise<{ host: string; platform: string }>;
  initialize?: (reason: unknown) => void;
  HostType: Record<string, string>;
  PlatformType: Record<string, string>;
}

export function createFakeOffice(book: MemoryWorkbook, otherSets: Record<string, string> = {}): FakeOfficeNamespace {
  const info = { host: "Excel", platform: "PC" };
  return {
    context: {
      requirements: {
        isSetSupported(name: string, minVersion?: string): boolean {
          if (name === "ExcelApi") return book.isSetSupported(name, minVersion);
          const have = otherSets[name];
          if (have === undefined) return false;
          return minVersion === undefined || Number(minVersion) <= Number(have);
        },
      },
      host: "Excel",
      platform: "PC",
      displayLanguage: "vi-VN",
      contentLanguage: "vi-VN",
      diagnostics: { host: "Excel", platform: "PC", version: "16.0.0.0" },
    },
    onReady(callback) {
      if (callback) callback(info);
      return Promise.resolve(info);
    },
    HostType: { Excel: "Excel" },
    PlatformType: { PC: "PC", OfficeOnline: "OfficeOnline", Mac: "Mac" },
  };
}

export interface InstallOptions {
  apiLevel?: FakeApiLevel;
  /** Install over an existing (e.g. reopened) workbook instead of a new one. */
  workbook?: MemoryWorkbook;
  /** Other requirement sets to report, e.g. { DialogApi: "1.1" }. */
  otherSets?: Record<string, string>;
}

export interface InstalledOffice {
  workbook: MemoryWorkbook;
  /** Puts back whatever `Office`, `Excel` and `OfficeExtension` were before. */
  uninstall(): void;
}

/**
 * Defines `Office`, `Excel` and `OfficeExtension` on `target` (globalThis, or the test page's
 * window) backed by an in-memory workbook.
 */
export function installFakeOffice(target: object, options: InstallOptions = {}): InstalledOffice {
  const book = options.workbook || new MemoryWorkbook({ apiLevel: options.apiLevel || "1.1" });
  if (options.workbook && options.apiLevel) book.apiLevel = options.apiLevel;
  const g = target as Record<string, unknown>;
  const names = ["Office", "Excel", "OfficeExtension"];
  const saved: Record<string, { had: boolean; value: unknown }> = {};
  for (const n of names) saved[n] = { had: Object.prototype.hasOwnProperty.call(g, n), value: g[n] };
  g.Excel = createFakeExcel(book);
  g.Office = createFakeOffice(book, options.otherSets);
  g.OfficeExtension = { Error: FakeOfficeError, ErrorCodes: (g.Excel as FakeExcelNamespace).ErrorCodes };
  return {
    workbook: book,
    uninstall(): void {
      for (const n of names) {
        const s = saved[n] as { had: boolean; value: unknown };
        if (s.had) g[n] = s.value;
        else delete g[n];
      }
    },
  };
}
