/**
 * Two platform objects IE11 has natively but core-js (babel's `useBuiltIns: "usage"`) would
 * replace for every reference it sees by name: the whole WHATWG URL class (~65 KB unminified,
 * with punycode and URLSearchParams) for `URL.createObjectURL`, and the typed-array machinery
 * (~40 KB) for one `new Uint8Array(16)`. IE11's own `URL.createObjectURL` and `Uint8Array` do
 * what the pane needs, so they are looked up on the global object, where babel does not see
 * a name to polyfill. tests/addin/bundle.test.ts holds the bundle free of those polyfills.
 */

interface ObjectUrls {
  createObjectURL(blob: Blob): string;
  revokeObjectURL(url: string): void;
}

type ByteArrayConstructor = new (length: number) => Uint8Array;

function global(): Record<string, unknown> {
  return (typeof window !== "undefined" ? window : globalThis) as unknown as Record<string, unknown>;
}

/** `URL` as the host has it (IE11: createObjectURL and revokeObjectURL only). */
export function objectUrls(): ObjectUrls {
  return global()["URL"] as ObjectUrls;
}

/** A zeroed byte array of `length`, the host's own Uint8Array. */
export function bytes(length: number): Uint8Array {
  const ByteArray = global()["Uint8Array"] as ByteArrayConstructor;
  return new ByteArray(length);
}
