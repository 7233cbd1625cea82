import provincesFile from "./provinces.json";
import type { ProvinceKind, ProvinceRecord } from "./types";

/**
 * The province list is data (codes and regional office counts are unconfirmed), so a
 * national administrator can replace provinces.json. It is checked with plain code, not
 * zod: the IE11 task pane reads it too.
 */

export type ProvinceListResult =
  | { ok: true; provinces: ProvinceRecord[] }
  | { ok: false; problems: { path: string; message: string }[] };

const KINDS: readonly ProvinceKind[] = ["tỉnh", "thành phố"];

/** Accepts the whole file (`{ note, source, provinces: [...] }`) or the bare array. */
export function readProvinceList(data: unknown): ProvinceListResult {
  const list = isObject(data) && !Array.isArray(data) ? data["provinces"] : data;
  const problems: { path: string; message: string }[] = [];
  if (!Array.isArray(list)) {
    return { ok: false, problems: [{ path: "provinces", message: "expected an array of provinces" }] };
  }
  const provinces: ProvinceRecord[] = [];
  const seen = new Set<string>();
  list.forEach((row: unknown, i: number) => {
    const at = "provinces." + i;
    if (!isObject(row)) {
      problems.push({ path: at, message: "expected an object" });
      return;
    }
    const { code, name, officeName, kind, demoRegionalOffices } = row;
    const before = problems.length;
    // Two digits, like the administrative codes; "-" and "/" would break unit codes and paths.
    if (typeof code !== "string" || !/^\d{2}$/.test(code)) {
      problems.push({ path: at + ".code", message: "expected a two-digit code" });
    } else if (seen.has(code)) {
      problems.push({ path: at + ".code", message: "duplicate code " + code });
    } else {
      seen.add(code);
    }
    if (typeof name !== "string" || name.trim() === "") {
      problems.push({ path: at + ".name", message: "expected a non-empty name" });
    }
    if (typeof officeName !== "string" || officeName.trim() === "") {
      problems.push({ path: at + ".officeName", message: "expected a non-empty office name" });
    }
    if (typeof kind !== "string" || KINDS.indexOf(kind as ProvinceKind) === -1) {
      problems.push({ path: at + ".kind", message: 'expected "tỉnh" or "thành phố"' });
    }
    // At most 99: regional office codes are "<province>-01".."<province>-99".
    if (
      typeof demoRegionalOffices !== "number" ||
      !Number.isInteger(demoRegionalOffices) ||
      demoRegionalOffices < 0 ||
      demoRegionalOffices > 99
    ) {
      problems.push({ path: at + ".demoRegionalOffices", message: "expected a whole number from 0 to 99" });
    }
    if (problems.length === before) {
      provinces.push({
        code: code as string,
        name: name as string,
        officeName: officeName as string,
        kind: kind as ProvinceKind,
        demoRegionalOffices: demoRegionalOffices as number,
      });
    }
  });
  return problems.length === 0 ? { ok: true, provinces } : { ok: false, problems };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

function loadBundled(): ProvinceRecord[] {
  const result = readProvinceList(provincesFile);
  // The bundled file is part of the build: a broken one is a bug, not a user error.
  if (!result.ok) {
    throw new Error("provinces.json is invalid: " + result.problems.map((p) => p.path + " " + p.message).join("; "));
  }
  return result.provinces;
}

/** The 34 provinces after the 2025 merger, in code order, from provinces.json. */
export const PROVINCES: readonly ProvinceRecord[] = loadBundled();

/** Notes shipped with the data, shown wherever the demo counts could be mistaken for facts. */
export const PROVINCES_NOTE: string = provincesFile.note;
export const PROVINCES_SOURCE: string = provincesFile.source;
