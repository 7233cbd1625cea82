import { NATIONAL_CODE } from "./types";
import type { Unit } from "./types";

/**
 * Paired build/parse helpers for materialised paths. Every path starts and ends with
 * "/" so that a prefix test can never confuse "/VN/5/" with "/VN/52/".
 */

const SEPARATOR = "/";

function assertCode(code: string): void {
  if (code === "" || code.indexOf(SEPARATOR) !== -1) {
    throw new Error("unit code must be non-empty and contain no '/': " + JSON.stringify(code));
  }
}

/** unitPath(null, "VN") → "/VN/"; unitPath("/VN/", "52") → "/VN/52/". */
export function unitPath(parentPath: string | null, code: string): string {
  assertCode(code);
  if (parentPath === null) return SEPARATOR + code + SEPARATOR;
  parsePath(parentPath); // a malformed parent would silently produce a malformed child
  return parentPath + code + SEPARATOR;
}

/** parsePath("/VN/52/52-01/") → ["VN", "52", "52-01"]. Throws on a malformed path. */
export function parsePath(path: string): string[] {
  const n = path.length;
  if (n < 3 || path.charAt(0) !== SEPARATOR || path.charAt(n - 1) !== SEPARATOR) {
    throw new Error("malformed unit path: " + JSON.stringify(path));
  }
  const codes = path.slice(1, n - 1).split(SEPARATOR);
  for (const code of codes) {
    if (code === "") throw new Error("malformed unit path: " + JSON.stringify(path));
  }
  return codes;
}

/** True when a path is well formed; for validating data without try/catch at call sites. */
export function isWellFormedPath(path: string): boolean {
  try {
    parsePath(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * True when the unit at `unitPath` is `ancestorPath` itself or below it. A missing
 * trailing slash on the ancestor is added rather than trusted: without it "/VN/5"
 * would be a prefix of "/VN/52/".
 */
export function isInSubtree(unitPath: string, ancestorPath: string): boolean {
  const prefix =
    ancestorPath.charAt(ancestorPath.length - 1) === SEPARATOR ? ancestorPath : ancestorPath + SEPARATOR;
  // slice rather than startsWith: the task pane runs in IE11.
  return unitPath.slice(0, prefix.length) === prefix;
}

/**
 * The province a unit belongs to: "52" for "52", "52-00" and "52-07" (and "C64" for a
 * pre-2025 unit "C64-03"); null for the national node. Given a Unit, the answer comes
 * from its path (second segment), so it holds whatever the code scheme; given a bare
 * code, from the "<province>-<office>" convention.
 */
export function provinceCodeOf(unitOrCode: Unit | string): string | null {
  if (typeof unitOrCode !== "string") {
    const codes = parsePath(unitOrCode.path);
    return codes[1] ?? null;
  }
  if (unitOrCode === NATIONAL_CODE || unitOrCode === "") return null;
  const dash = unitOrCode.indexOf("-");
  return dash === -1 ? unitOrCode : unitOrCode.slice(0, dash);
}

/**
 * officeCode("52", 0) → "52-00" (the province's own office); officeCode("52", 7) →
 * "52-07". Two digits because no province has a hundred offices; more is a data error.
 */
export function officeCode(provinceCode: string, index: number): string {
  if (!Number.isInteger(index) || index < 0 || index > 99) {
    throw new Error("office index must be a whole number from 0 to 99: " + index);
  }
  assertCode(provinceCode);
  return provinceCode + "-" + (index < 10 ? "0" : "") + index;
}
