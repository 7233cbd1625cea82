/** Errors shaped like Office.js's, and small helpers every part of the in-memory workbook uses. */

export type FakeErrorCode =
  | "PropertyNotLoaded"
  | "ApiNotFound"
  | "ItemNotFound"
  | "ItemAlreadyExists"
  | "InvalidArgument"
  | "InvalidOperation"
  | "InvalidObjectPath"
  | "AccessDenied";

/** Shaped like OfficeExtension.Error: `code`, `message`, `debugInfo`. */
export class FakeOfficeError extends Error {
  readonly code: FakeErrorCode;
  readonly debugInfo: { code: string; message: string };

  constructor(code: FakeErrorCode, message: string) {
    super(message);
    // Keeps instanceof working once compiled to ES5.
    Object.setPrototypeOf(this, FakeOfficeError.prototype);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message };
  }
}

export function fail(code: FakeErrorCode, message: string): never {
  throw new FakeOfficeError(code, message);
}

export function minorOf(level: string): number {
  const m = /^1\.([0-9]+)$/.exec(level);
  return m ? Number(m[1]) : 0;
}

export function copy<T>(v: T): T {
  if (Array.isArray(v)) return v.map((x) => copy(x)) as unknown as T;
  if (v !== null && typeof v === "object") return JSON.parse(JSON.stringify(v)) as T;
  return v;
}

/** Runs `fn` the first time only: an object path is resolved once per batch, as Office.js does. */
export function once<T>(fn: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = fn();
      done = true;
    }
    return value;
  };
}
