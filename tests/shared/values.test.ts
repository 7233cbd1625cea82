import { describe, expect, it } from "vitest";
import type { Finding } from "../../shared/findings";
import { checkValues, type FieldSpec } from "../../shared/values";

const fields: FieldSpec[] = [
  { key: "thu_ly_moi", valueType: "count", required: true },
  { key: "uy_thac", valueType: "count", required: false },
  { key: "thi_hanh_xong", valueType: "money", required: true },
];

function only(raw: Record<string, unknown>, key = "thu_ly_moi") {
  return checkValues(raw, [{ key, valueType: "money", required: true }]);
}

describe("checkValues", () => {
  it("passes whole non-negative numbers through unchanged", () => {
    expect(checkValues({ thu_ly_moi: 12_345, uy_thac: 0, thi_hanh_xong: 1_277_040_781 }, fields)).toEqual({
      values: { thu_ly_moi: 12_345, uy_thac: 0, thi_hanh_xong: 1_277_040_781 },
      findings: [],
    });
  });

  it("reports an empty required field as missing_value and keeps the optional one silent", () => {
    const r = checkValues({ thu_ly_moi: null, uy_thac: "", thi_hanh_xong: 7 }, fields);
    expect(r.values).toEqual({ thu_ly_moi: null, uy_thac: null, thi_hanh_xong: 7 });
    expect(r.findings).toEqual<Finding[]>([{ code: "missing_value", severity: "error", fields: ["thu_ly_moi"], params: {} }]);
  });

  it("treats absent keys, empty strings and blank cells as empty", () => {
    for (const v of [undefined, null, "", "   "]) {
      const r = only(v === undefined ? {} : { thu_ly_moi: v });
      expect(r.values).toEqual({ thu_ly_moi: null });
      expect(r.findings.map((f) => f.code)).toEqual(["missing_value"]);
    }
  });

  it.each<[string, unknown]>([
    ["a numeric string", "1234"],
    ["text", "mười"],
    ["NaN", NaN],
    ["Infinity", Infinity],
    ["a boolean", true],
    ["an object", { v: 1 }],
  ])("reports %s as not_a_number, keeping the raw value", (_what, value) => {
    const r = only({ thu_ly_moi: value });
    expect(r.values).toEqual({ thu_ly_moi: null });
    expect(r.findings).toEqual<Finding[]>([
      { code: "not_a_number", severity: "error", fields: ["thu_ly_moi"], params: { value } },
    ]);
  });

  it("reports a fraction as not_integer", () => {
    expect(only({ thu_ly_moi: 12.5 }).findings).toEqual<Finding[]>([
      { code: "not_integer", severity: "error", fields: ["thu_ly_moi"], params: { value: 12.5 } },
    ]);
  });

  it("reports a negative number as negative", () => {
    expect(only({ thu_ly_moi: -3 }).findings).toEqual<Finding[]>([
      { code: "negative", severity: "error", fields: ["thu_ly_moi"], params: { value: -3 } },
    ]);
  });

  it("reports a number beyond 2^53 − 1 as unsafe_integer, and accepts the limit itself", () => {
    expect(only({ thu_ly_moi: 2 ** 53 }).findings).toEqual<Finding[]>([
      { code: "unsafe_integer", severity: "error", fields: ["thu_ly_moi"], params: { value: 2 ** 53 } },
    ]);
    expect(only({ thu_ly_moi: Number.MAX_SAFE_INTEGER })).toEqual({
      values: { thu_ly_moi: Number.MAX_SAFE_INTEGER },
      findings: [],
    });
  });

  it("gives one finding per cell, the most basic problem first", () => {
    expect(only({ thu_ly_moi: -1.5 }).findings.map((f) => f.code)).toEqual(["not_integer"]);
    expect(only({ thu_ly_moi: -(2 ** 60) }).findings.map((f) => f.code)).toEqual(["negative"]);
  });

  it("reports keys the form does not define as unknown_field, after the field checks", () => {
    const r = checkValues({ thu_ly_moi: 1, thi_hanh_xong: "x", tong_so_cu: 5, ghi_chu: null }, fields);
    expect(r.values).toEqual({ thu_ly_moi: 1, uy_thac: null, thi_hanh_xong: null });
    expect(r.findings).toEqual<Finding[]>([
      { code: "not_a_number", severity: "error", fields: ["thi_hanh_xong"], params: { value: "x" } },
      { code: "unknown_field", severity: "error", fields: ["tong_so_cu"], params: { value: 5 } },
      { code: "unknown_field", severity: "error", fields: ["ghi_chu"], params: { value: null } },
    ]);
  });

  it("ignores keys whose value is undefined, as JSON would drop them on the way to the Worker", () => {
    expect(checkValues({ thu_ly_moi: 1, thi_hanh_xong: 2, extra: undefined }, fields).findings).toEqual([]);
  });

  it("does not mistake Object.prototype members for values or for known fields", () => {
    const r = checkValues({}, [{ key: "constructor", valueType: "count", required: true }]);
    expect(r.findings.map((f) => f.code)).toEqual(["missing_value"]);
    const raw = JSON.parse('{"toString": 1}') as Record<string, unknown>;
    expect(checkValues(raw, fields).findings.filter((f) => f.code === "unknown_field")).toHaveLength(1);
  });
});
