import { env } from "cloudflare:test";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { api, json, setNow } from "./fixtures";
import { form, seedComparisonScenario, submission } from "./submission-data";
import { VIEC_LON } from "../fixtures/collections";

/**
 * Generated malformed requests to every write route and every query parameter: each answer
 * is a 4xx whose message (or the issues and findings it carries) names what was wrong, never a
 * 5xx, and afterwards every table is exactly as before. The seed is fixed so a failure
 * reproduces; FUZZ_RUNS raises the count locally (CI runs the default, about half a minute).
 */

const RUNS = Number(env.FUZZ_RUNS) || 400;
const SEED = 20261130;

interface Case {
  method: string;
  path: string;
  token: string;
  /** Raw body text, sent as is. */
  body?: string;
  contentType?: string;
  /** What the answer must name (any one of them): a field, a value, a header. */
  mention: string[];
  what: string;
}

// ——— Bad values ———

const CONTROL = fc.constantFrom("\u0000", "\u0001", "\u0007", "\u001b", "\u007f", "\u000b");
/** Strings that can be no unit code, form id or period: letters in front, control characters, length. */
const badString = fc.oneof(
  fc.string({ maxLength: 20 }).map((s) => "x" + s),
  fc.tuple(fc.string({ maxLength: 5 }), CONTROL).map(([s, c]) => "5" + s + c),
  fc.integer({ min: 300, max: 20_000 }).map((n) => "9".repeat(n)),
  fc.constantFrom("NaN", "Infinity", "-Infinity", "null", "undefined", "true", " ", "", "٥٢", "５２", "52 ", "' OR 1=1 --"),
);
/** JSON values of the wrong type for a number field (as JSON text). */
const notANumber = fc.oneof(
  fc.constantFrom('"1"', '"NaN"', '"Infinity"', '"-Infinity"', "true", "null", "[]", "{}", '"1e3"', '""'),
  badString.map((s) => JSON.stringify(s)),
);
/** JSON values of the wrong type for a string field. */
const notAString = fc.constantFrom("1", "0", "-1", "1.5", "true", "false", "null", "[]", "{}", '["52-01"]', "9007199254740993");
const outOfRangePeriod = fc.oneof(
  fc.constantFrom("0000-01", "9999-12", "1999-12", "2100-01", "2025-13", "2025-00", "2025-1", "25-10", "2025-10-01", "2025/10", "２０２５-１０"),
  fc.integer({ min: 0, max: 2019 }).map((y) => String(y).padStart(4, "0") + "-06"),
  fc.integer({ min: 2100, max: 9999 }).map((y) => `${y}-06`),
);

// ——— Write routes: a valid body, one thing broken ———

interface BodyField {
  /** JSON path in the body: "values.thu_ly_moi", "targets.0.targetPct". */
  path: string;
  required: boolean;
  /** Replacement values (JSON text) that must be refused, and what the answer must name. */
  bad: fc.Arbitrary<{ json: string; mention?: string[] }>;
}

interface WriteRoute {
  name: string;
  method: string;
  /** A function when the path names the revision made in beforeAll. */
  path: string | (() => string);
  token: string;
  valid: () => Record<string, unknown>;
  fields: BodyField[];
  /** What the valid body gets when sent once in beforeAll: 2xx unless the state refuses it (409). */
  validStatus?: number;
}

const asJson = (a: fc.Arbitrary<string>) => a.map((json) => ({ json }));
const asValue = (a: fc.Arbitrary<string>) => a.map((v) => ({ json: JSON.stringify(v), mention: [v] }));

/** The revision the sign-off routes act on: sent in beforeAll by its clerk, before the valid bodies. */
const signed = submission("79-01", "01", "2024-10", form({ carried: 60, done: 45, open: 15 }));
let signedHash = "";

const values52 = form({ carried: 100, fresh: 4, done: 81, terminated: 5, open: 18 });
const numberFieldBad = fc.oneof(
  asJson(notANumber),
  // The shared engine refuses these with a finding on the field: negative, fraction, beyond 2^53.
  asJson(fc.constantFrom("-1", "-0.5", "0.5", "12.75", "1e300", "9007199254740993", "-9007199254740993", "123456789012345678901234567890")),
);

const WRITE_ROUTES: WriteRoute[] = [
  {
    name: "submit",
    method: "POST",
    path: "/api/v1/submissions",
    token: "demo-unit-79-02",
    valid: () => submission("79-02", "01", "2025-10", values52),
    fields: [
      { path: "id", required: true, bad: asJson(fc.oneof(notAString, badString.map((s) => JSON.stringify(s)), fc.constant('"00000000-0000-0000-0000-000000000000x"'))) },
      { path: "unit", required: true, bad: fc.oneof(asJson(notAString), asJson(badString.map((s) => JSON.stringify(s))), asValue(fc.constantFrom("99-99", "52-01", "52", "VN"))) },
      { path: "form", required: true, bad: fc.oneof(asJson(notAString), asJson(badString.map((s) => JSON.stringify(s))), asValue(fc.constantFrom("07", "00", "99"))) },
      { path: "period", required: true, bad: fc.oneof(asJson(notAString), asJson(outOfRangePeriod.map((s) => JSON.stringify(s))), asValue(fc.constantFrom("2001-01", "2019-12", "2020-01", "2023-06", "2090-06", "2099-12"))) },
      // A values object without the form's fields is answered with findings on those fields.
      { path: "values", required: true, bad: asJson(fc.constantFrom("[]", "null", '"x"', "1", '{"thu_ly_moi":"1"}', '{"":1}', `{"${"k".repeat(65)}":1}`)).map((b) => ({ ...b, mention: ["tong_thu_ly"] })) },
      ...Object.keys(values52).map((k) => ({ path: `values.${k}`, required: false, bad: numberFieldBad })),
      { path: "values.khong_co_truong_nay", required: false, bad: asJson(fc.constantFrom("1", "0")).map((b) => ({ ...b, mention: ["khong_co_truong_nay"] })) },
      { path: "explanations", required: false, bad: asJson(fc.constantFrom("[]", '"x"', "1", '{"01.X6":""}', '{"01.X6":1}', `{"01.X6":"${"a".repeat(2001)}"}`, '{"01.X6":"a\\u0000b"}')) },
      { path: "baseRevision", required: false, bad: asJson(fc.constantFrom("-1", "1.5", '"1"', "true", "1e400", "9007199254740993")) },
      { path: "extra", required: false, bad: asJson(fc.constantFrom("1", '"x"', "null")).map((b) => ({ ...b, mention: ["extra"] })) },
    ],
  },
  {
    name: "set targets",
    method: "PUT",
    path: "/api/v1/targets",
    token: "demo-national",
    valid: () => ({ year: 2026, targets: [{ unit: "52", indicator: "rate_viec", targetPct: 85.5 }] }),
    fields: [
      { path: "year", required: true, bad: asJson(fc.oneof(notANumber, fc.constantFrom("1999", "2101", "2026.5", "-2026", "9007199254740993", "1e400"))) },
      { path: "targets", required: true, bad: asJson(fc.constantFrom("[]", "{}", "null", '"52"', JSON.stringify(Array.from({ length: 501 }, () => ({ unit: "52", indicator: "rate_viec", targetPct: 80 }))))) },
      { path: "targets.0.unit", required: true, bad: fc.oneof(asJson(notAString), asJson(badString.map((s) => JSON.stringify(s))), asValue(fc.constantFrom("99", "52-01", "88-01"))) },
      { path: "targets.0.indicator", required: true, bad: asJson(fc.oneof(notAString, fc.constantFrom('"rate"', '"RATE_VIEC"', '"rate_viec "'))) },
      { path: "targets.0.targetPct", required: true, bad: asJson(fc.oneof(notANumber, fc.constantFrom("-0.01", "100.01", "1e300", "-1e300", "9007199254740993"))) },
      { path: "targets.0.provisional", required: false, bad: asJson(fc.constantFrom('"yes"', "1", "0", "null", "[]")) },
      { path: "targets.0.note", required: false, bad: asJson(fc.constantFrom('"x"', "1")).map((b) => ({ ...b, mention: ["note"] })) },
      { path: "extra", required: false, bad: asJson(fc.constantFrom("1", '"x"')).map((b) => ({ ...b, mention: ["extra"] })) },
    ],
  },
  ...(["close", "reopen"] as const).map((action) => ({
    name: `${action} a period`,
    method: "POST",
    path: `/api/v1/periods/${action}`,
    token: "demo-province-52",
    valid: () => ({ province: "52", period: "2025-11", reason: "Chốt số liệu" }),
    fields: [
      { path: "province", required: true, bad: fc.oneof(asJson(notAString), asJson(badString.map((s) => JSON.stringify(s))), asValue(fc.constantFrom("99", "52-01", "01", "VN"))) },
      { path: "period", required: true, bad: fc.oneof(asJson(notAString), asJson(outOfRangePeriod.map((s) => JSON.stringify(s)))) },
      { path: "reason", required: false, bad: asJson(fc.oneof(fc.constantFrom("1", "[]", "{}", `"${"r".repeat(501)}"`), CONTROL.map((c) => JSON.stringify("Ch" + c + "ốt")))) },
      { path: "extra", required: false, bad: asJson(fc.constantFrom("1", '"x"')).map((b) => ({ ...b, mention: ["extra"] })) },
    ] as BodyField[],
  })),
  // Issue 9's token and administration writes.
  {
    name: "issue tokens for a province's offices",
    method: "POST",
    path: "/api/v1/tokens/bulk",
    token: "demo-province-52",
    valid: () => ({ province: "52", holders: [{ unit: "52-01", label: "Cán bộ thống kê" }] }),
    fields: [
      { path: "province", required: true, bad: fc.oneof(asJson(notAString), asJson(badString.map((s) => JSON.stringify(s))), asValue(fc.constantFrom("99", "52-01", "01", "VN"))) },
      { path: "holders", required: true, bad: asJson(fc.constantFrom("[]", "{}", "null", '"52-01"', JSON.stringify(Array.from({ length: 101 }, () => ({ unit: "52-01", label: "x" }))))) },
      { path: "holders.0.unit", required: true, bad: fc.oneof(asJson(notAString), asJson(badString.map((s) => JSON.stringify(s))), asValue(fc.constantFrom("52", "79-01", "99-99", "VN"))) },
      { path: "holders.0.label", required: true, bad: asJson(fc.oneof(fc.constantFrom("1", '""', "null", `"${"l".repeat(201)}"`, '"a\\nb"'), CONTROL.map((c) => JSON.stringify("Cán" + c + "bộ")))) },
      { path: "holders.0.note", required: false, bad: asJson(fc.constantFrom('"x"', "1")).map((b) => ({ ...b, mention: ["note"] })) },
      { path: "lastDay", required: false, bad: asJson(fc.constantFrom('"2020-01-01"', '"2099-01-01"', '"soon"', '"2026-02-30"', "1", "null")) },
      { path: "replaceExisting", required: false, bad: asJson(fc.constantFrom('"yes"', "1", "null", "[]")) },
      { path: "extra", required: false, bad: asJson(fc.constantFrom("1", '"x"')).map((b) => ({ ...b, mention: ["extra"] })) },
    ],
  },
  {
    name: "issue a token (administrator)",
    method: "POST",
    path: "/api/v1/admin/tokens",
    token: "demo-admin",
    valid: () => ({ role: "clerk", unit: "52-01", label: "Cán bộ thống kê" }),
    fields: [
      { path: "role", required: true, bad: asJson(fc.oneof(notAString, fc.constantFrom('"root"', '"Clerk"', '"clerk "'))) },
      { path: "unit", required: true, bad: fc.oneof(asJson(notAString), asJson(badString.map((s) => JSON.stringify(s))), asValue(fc.constantFrom("99-99", "52", "VN"))) },
      { path: "label", required: true, bad: asJson(fc.oneof(fc.constantFrom("1", '""', `"${"l".repeat(201)}"`), CONTROL.map((c) => JSON.stringify("Cán" + c + "bộ")))) },
      { path: "lastDay", required: false, bad: asJson(fc.constantFrom('"2020-01-01"', '"2099-01-01"', '"soon"', "1")) },
      { path: "extra", required: false, bad: asJson(fc.constantFrom("1", '"x"')).map((b) => ({ ...b, mention: ["extra"] })) },
    ],
  },
  {
    name: "add a unit (administrator)",
    method: "PUT",
    path: "/api/v1/admin/units",
    token: "demo-admin",
    valid: () => ({ code: "52-15", name: "Phòng THADS khu vực 15 - Gia Lai", kind: "regional_office", parentCode: "52", validFrom: "2026-01-01", validTo: null, successorCode: null }),
    fields: [
      { path: "code", required: true, bad: fc.oneof(asJson(notAString), asJson(badString.map((s) => JSON.stringify(s))), asJson(fc.constantFrom('"52/15"', '""', '"52-15/../VN"'))) },
      { path: "name", required: true, bad: asJson(fc.oneof(fc.constantFrom("1", '""', `"${"n".repeat(201)}"`), CONTROL.map((c) => JSON.stringify("Phòng" + c)))) },
      { path: "kind", required: true, bad: asJson(fc.oneof(notAString, fc.constantFrom('"office"', '"Province"'))) },
      { path: "parentCode", required: true, bad: fc.oneof(asJson(fc.constantFrom("1", "[]", '""', '"52/x"')), asValue(fc.constantFrom("99", "88"))) },
      { path: "validFrom", required: true, bad: asJson(fc.constantFrom('"soon"', '"2026-02-30"', "null", "20260101")) },
      { path: "validTo", required: true, bad: asJson(fc.constantFrom('"soon"', '"2026-13-01"', "1")) },
      { path: "successorCode", required: true, bad: asJson(fc.constantFrom("1", '""', '"52/x"')) },
      { path: "extra", required: false, bad: asJson(fc.constantFrom("1", '"x"')).map((b) => ({ ...b, mention: ["extra"] })) },
    ],
  },
  // Issue 13's sign-off writes, on the revision sent in beforeAll: the head confirms, the
  // province accepts, the Cục decides (409: not every office of the province is accepted).
  {
    name: "a head confirms a revision",
    method: "POST",
    path: () => `/api/v1/submissions/${signed.id}/confirm`,
    token: "demo-head-79-01",
    valid: () => ({ contentHash: signedHash }),
    fields: [
      { path: "contentHash", required: true, bad: asJson(fc.oneof(notAString, badString.map((s) => JSON.stringify(s)), fc.constantFrom('"' + "A".repeat(64) + '"', '"' + "0".repeat(63) + '"', '"' + "0".repeat(65) + '"'))) },
      { path: "extra", required: false, bad: asJson(fc.constantFrom("1", '"x"')).map((b) => ({ ...b, mention: ["extra"] })) },
    ],
  },
  {
    name: "a province reviews a revision",
    method: "POST",
    path: () => `/api/v1/submissions/${signed.id}/review`,
    token: "demo-province-79",
    valid: () => ({ decision: "accept", contentHash: signedHash, comment: "Đồng ý" }),
    fields: [
      { path: "decision", required: true, bad: asJson(fc.oneof(notAString, fc.constantFrom('"Accept"', '"reject"', '"accept "'))) },
      { path: "contentHash", required: true, bad: asJson(fc.oneof(notAString, badString.map((s) => JSON.stringify(s)))) },
      { path: "comment", required: false, bad: asJson(fc.oneof(fc.constantFrom("1", "[]", '""', '"  "', `"${"c".repeat(2001)}"`), CONTROL.map((c) => JSON.stringify("Đồng" + c + "ý")))) },
      { path: "cells", required: false, bad: asJson(fc.constantFrom('"x"', "{}", '[{"field":"Thu_ly","comment":"x"}]', '[{"field":"thu_ly_moi"}]', '[{"field":"thu_ly_moi","comment":""}]', JSON.stringify(Array.from({ length: 101 }, () => ({ field: "thu_ly_moi", comment: "x" }))))) },
      { path: "extra", required: false, bad: asJson(fc.constantFrom("1", '"x"')).map((b) => ({ ...b, mention: ["extra"] })) },
    ],
  },
  {
    name: "the Cục decides on a province",
    method: "POST",
    path: "/api/v1/reviews",
    token: "demo-national",
    valid: () => ({ unit: "52", form: "01", period: "2025-10", basis: "0".repeat(64), decision: "accept" }),
    validStatus: 409,
    fields: [
      { path: "unit", required: true, bad: fc.oneof(asJson(notAString), asJson(badString.map((s) => JSON.stringify(s))), asValue(fc.constantFrom("99", "88"))) },
      { path: "form", required: true, bad: fc.oneof(asJson(notAString), asJson(badString.map((s) => JSON.stringify(s))), asValue(fc.constantFrom("07", "99"))) },
      { path: "period", required: true, bad: fc.oneof(asJson(notAString), asJson(outOfRangePeriod.map((s) => JSON.stringify(s)))) },
      { path: "basis", required: true, bad: asJson(fc.oneof(notAString, badString.map((s) => JSON.stringify(s)))) },
      { path: "decision", required: true, bad: asJson(fc.oneof(notAString, fc.constantFrom('"Accept"', '"reject"'))) },
      { path: "comment", required: false, bad: asJson(fc.constantFrom("1", '""', `"${"c".repeat(2001)}"`)) },
      { path: "extra", required: false, bad: asJson(fc.constantFrom("1", '"x"')).map((b) => ({ ...b, mention: ["extra"] })) },
    ],
  },
  // A collection the Cục publishes as data (issue 8): the definition is checked as a whole.
  {
    name: "publish a collection definition (admin)",
    method: "PUT",
    path: "/api/v1/admin/forms",
    token: "demo-admin",
    valid: () => JSON.parse(JSON.stringify(VIEC_LON)) as Record<string, unknown>,
    fields: [
      { path: "id", required: true, bad: asJson(fc.oneof(notAString, fc.constantFrom('""', '"viec lon"', '"' + "X".repeat(40) + '"'))) },
      { path: "regime", required: true, bad: asJson(fc.oneof(notAString, fc.constantFrom('""'))) },
      { path: "validFrom", required: true, bad: asJson(fc.constantFrom('"soon"', '"2026-02-30"', "null", "20260101", '"2026-13-01"')) },
      { path: "unit", required: true, bad: asJson(fc.oneof(notAString, fc.constantFrom('"dong"', '"VIEC"'))) },
      { path: "title", required: true, bad: asJson(fc.constantFrom("1", '"x"', "null", "{}", '{"vi":""}')) },
      { path: "fields", required: true, bad: asJson(fc.constantFrom("1", '"x"', "null", "{}")) },
      { path: "rules", required: true, bad: asJson(fc.constantFrom("1", '"x"', "null", "{}", '[{"id":"R1","expression":"{khong_co} > 0","severity":"error"}]')) },
    ],
  },
  // The targets and units sheets pushed from Excel.
  {
    name: "targets sheet pushed",
    method: "POST",
    path: "/api/v1/targets/changes",
    token: "demo-province-52",
    valid: () => ({ year: 2026, parent: "52", changes: [{ unit: "52-01", indicator: "rate_viec", target: { targetPct: 86, provisional: false, comparison: "gte", decisionRef: "QĐ 1" }, cell: "I7" }] }),
    fields: [
      { path: "year", required: true, bad: asJson(fc.oneof(notANumber, fc.constantFrom("1999", "2101", "2026.5", "-2026", "9007199254740993", "1e400"))) },
      { path: "parent", required: true, bad: fc.oneof(asJson(notAString), asJson(badString.map((s) => JSON.stringify(s))), asValue(fc.constantFrom("99", "88"))) },
      { path: "changes", required: true, bad: asJson(fc.constantFrom("[]", "{}", "null", '"52-01"')) },
      { path: "changes.0.unit", required: true, bad: fc.oneof(asJson(notAString), asJson(badString.map((s) => JSON.stringify(s))), asValue(fc.constantFrom("99-99", "79-01"))) },
      { path: "changes.0.indicator", required: true, bad: asJson(fc.oneof(notAString, fc.constantFrom('"rate"', '"RATE_VIEC"'))) },
      { path: "changes.0.target", required: true, bad: asJson(fc.constantFrom("1", '"x"', "[]")) },
      { path: "changes.0.target.targetPct", required: true, bad: asJson(notANumber) },
      // A number out of range is refused by the shared sheet check, which names the row's cell.
      { path: "changes.0.target.targetPct", required: true, bad: asJson(fc.constantFrom("-0.01", "100.01", "1e300", "9007199254740993")).map((b) => ({ ...b, mention: ["I7"] })) },
      { path: "changes.0.target.comparison", required: true, bad: asJson(fc.oneof(notAString, fc.constantFrom('"ge"', '"GTE"'))) },
      { path: "changes.0.target.decisionRef", required: true, bad: asJson(fc.oneof(fc.constantFrom("1", "[]", `"${"q".repeat(201)}"`), CONTROL.map((c) => JSON.stringify("QĐ" + c)))) },
      { path: "changes.0.cell", required: false, bad: asJson(fc.constantFrom("1", '""', '"I"', '"7I"', `"${"I".repeat(30)}7"`)) },
      { path: "extra", required: false, bad: asJson(fc.constantFrom("1", '"x"')).map((b) => ({ ...b, mention: ["extra"] })) },
    ],
  },
  {
    name: "units sheet pushed",
    method: "POST",
    path: "/api/v1/organisation/changes",
    token: "demo-province-52",
    valid: () => ({ parent: "52", changes: [{ code: "52-02", name: "Phòng THADS khu vực 2 (mới) - Gia Lai", kind: "regional_office", validFrom: "2024-10-01", validTo: null, successorCode: null }] }),
    fields: [
      { path: "parent", required: true, bad: fc.oneof(asJson(notAString), asJson(badString.map((s) => JSON.stringify(s))), asValue(fc.constantFrom("99", "88"))) },
      { path: "changes", required: true, bad: asJson(fc.constantFrom("[]", "{}", "null", '"52-02"')) },
      { path: "changes.0.code", required: true, bad: fc.oneof(asJson(notAString), asJson(badString.map((s) => JSON.stringify(s))), asJson(fc.constantFrom('"52/15"', '""'))) },
      { path: "changes.0.name", required: true, bad: asJson(fc.oneof(fc.constantFrom("1", '""', `"${"n".repeat(201)}"`), CONTROL.map((c) => JSON.stringify("Phòng" + c)))) },
      { path: "changes.0.kind", required: true, bad: asJson(fc.oneof(notAString, fc.constantFrom('"office"', '"Province"'))) },
      { path: "changes.0.validFrom", required: true, bad: asJson(fc.constantFrom('"soon"', '"2026-02-30"', "null", "20260101")) },
      { path: "changes.0.validTo", required: true, bad: asJson(fc.constantFrom('"soon"', '"2026-13-01"', "1")) },
      { path: "changes.0.successorCode", required: true, bad: asJson(fc.constantFrom("1", '""', '"52/x"')) },
      { path: "extra", required: false, bad: asJson(fc.constantFrom("1", '"x"')).map((b) => ({ ...b, mention: ["extra"] })) },
    ],
  },
];

/** Sets (or deletes, with `json` undefined) the value at a dotted path of a JSON object, as JSON text. */
function withField(valid: Record<string, unknown>, path: string, json: string | undefined): string {
  const marker = "__FUZZ_MARKER__";
  const copy = JSON.parse(JSON.stringify(valid)) as Record<string, unknown>;
  const keys = path.split(".");
  let node: Record<string, unknown> = copy;
  for (const k of keys.slice(0, -1)) node = node[k] as Record<string, unknown>;
  const last = keys[keys.length - 1] as string;
  if (json === undefined) delete node[last];
  else node[last] = marker;
  // Raw JSON text goes in verbatim, so numbers beyond 2^53 and 1e400 reach the Worker unrounded.
  return JSON.stringify(copy).replace(JSON.stringify(marker), json ?? "");
}

function pathOf(route: WriteRoute): string {
  return typeof route.path === "string" ? route.path : route.path();
}

function writeCases(route: WriteRoute): fc.Arbitrary<Case> {
  const base = { method: route.method, path: pathOf(route), token: route.token };
  const field = fc.constantFrom(...route.fields).chain((f) =>
    fc.oneof(
      f.bad.map((b) => ({ ...base, body: withField(route.valid(), f.path, b.json), mention: [...(b.mention ?? []), f.path.split(".").pop() as string], what: `${f.path} = ${b.json.slice(0, 60)}` })),
      ...(f.required ? [fc.constant<Case>({ ...base, body: withField(route.valid(), f.path, undefined), mention: [f.path.split(".").pop() as string], what: `${f.path} missing` })] : []),
    ),
  );
  const text = () => JSON.stringify(route.valid());
  const whole = fc.oneof(
    fc.integer({ min: 0, max: 40 }).map((n) => ({ ...base, body: text().slice(0, n), mention: ["JSON"], what: `truncated at ${n}` })),
    fc.constantFrom("[]", "null", "1", '"x"', "true").map((b) => ({ ...base, body: b, mention: ["body"], what: `body ${b}` })),
    fc.constantFrom("{", "{'a':1}", "{\"a\":1,}", "\u0000", "NaN", "<xml/>").map((b) => ({ ...base, body: b, mention: ["JSON"], what: `not JSON ${JSON.stringify(b)}` })),
    fc.integer({ min: 65 * 1024, max: 200 * 1024 }).map((n) => ({ ...base, body: withField(route.valid(), "pad", JSON.stringify("p".repeat(n))), mention: ["KB"], what: `${n} bytes` })),
    fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "", "application/jsonx").map((t) => ({
      ...base, body: text(), contentType: t, mention: ["Content-Type"], what: `Content-Type "${t}"`,
    })),
  );
  return fc.oneof({ arbitrary: field, weight: 4 }, { arbitrary: whole, weight: 1 });
}

// ——— Query parameters: a valid query, one parameter broken or missing ———

interface QueryRoute {
  path: string;
  token: string;
  valid: Record<string, string>;
  required: string[];
  bad: Record<string, fc.Arbitrary<{ value: string; mention?: string[] }>>;
}

const q = (a: fc.Arbitrary<string>) => a.map((value) => ({ value }));
const qNamed = (a: fc.Arbitrary<string>) => a.map((value) => ({ value, mention: [value] }));
const unitBad = fc.oneof(q(badString), qNamed(fc.constantFrom("99-99", "88", "ZZ")));
const formBad = q(fc.oneof(badString, fc.constantFrom("1", "001", "1a")));
const formUnknown = qNamed(fc.constantFrom("07", "99"));
const periodBad = q(outOfRangePeriod);
const intBad = (extra: string[]) => q(fc.oneof(badString, fc.constantFrom("1.5", "-1", "1e400", "9007199254740993", ...extra)));

const QUERY_ROUTES: QueryRoute[] = [
  { path: "/api/v1/forms", token: "demo-unit-52-01", valid: { period: "2025-10" }, required: [], bad: { period: periodBad } },
  { path: "/api/v1/submissions", token: "demo-province-52", valid: { unit: "52-01", form: "01", period: "2025-10" }, required: ["unit", "form", "period"], bad: { unit: unitBad, form: fc.oneof(formBad, formUnknown), period: periodBad } },
  { path: "/api/v1/rollups", token: "demo-national", valid: { unit: "52", form: "01", period: "2025-10" }, required: ["unit", "form", "period"], bad: { unit: unitBad, form: fc.oneof(formBad, formUnknown), period: periodBad } },
  { path: "/api/v1/comparisons", token: "demo-national", valid: { parent: "VN", form: "01", period: "2025-10" }, required: ["parent", "form", "period"], bad: { parent: unitBad, form: fc.oneof(formBad, formUnknown), period: periodBad } },
  { path: "/api/v1/completeness", token: "demo-province-52", valid: { parent: "52", period: "2025-10" }, required: ["parent", "period"], bad: { parent: unitBad, period: periodBad } },
  { path: "/api/v1/targets", token: "demo-province-52", valid: { year: "2026", unit: "52" }, required: ["year"], bad: { year: intBad(["1999", "2101", "2026.5", "2026.0", " 2026", "0x7E6", "2.026e3"]), unit: unitBad } },
  { path: "/api/v1/targets/sheet", token: "demo-admin", valid: { year: "2026", parent: "52" }, required: ["year"], bad: { year: intBad(["1999", "2101", "2026.5", " 2026", "0x7E6"]), parent: unitBad, fill: q(fc.oneof(badString, fc.constantFrom("prev", "PREVIOUS", "1"))) } },
  { path: "/api/v1/organisation/sheet", token: "demo-admin", valid: { parent: "52" }, required: [], bad: { parent: unitBad } },
  { path: "/api/v1/admin/audit", token: "demo-admin", valid: { limit: "20", before: "1000" }, required: [], bad: { limit: intBad(["0", "501", " 20", "0x10", "2e1", "20.0"]), before: intBad(["0", " 52", "0x10"]) } },
  { path: "/api/v1/tokens", token: "demo-province-52", valid: { unit: "52", revoked: "1" }, required: [], bad: { unit: unitBad, revoked: q(fc.oneof(badString, fc.constantFrom("2", "yes", "true", " 1", "01"))) } },
  { path: "/api/v1/reviews", token: "demo-province-79", valid: { parent: "79", period: "2024-10", form: "01" }, required: ["parent", "period"], bad: { parent: unitBad, period: periodBad, form: fc.oneof(formBad, formUnknown) } },
  { path: "/api/v1/reports/text", token: "demo-national", valid: { parent: "52", period: "2025-10" }, required: ["parent", "period"], bad: { parent: unitBad, period: periodBad } },
];

function queryCases(route: QueryRoute): fc.Arbitrary<Case> {
  const build = (params: Record<string, string>) => route.path + "?" + new URLSearchParams(params).toString();
  const names = Object.keys(route.bad);
  const broken = fc.constantFrom(...names).chain((name) =>
    (route.bad[name] as fc.Arbitrary<{ value: string; mention?: string[] }>).map((b) => ({
      method: "GET", path: build({ ...route.valid, [name]: b.value }), token: route.token,
      mention: [...(b.mention ?? []), name], what: `${name}=${JSON.stringify(b.value.slice(0, 60))}`,
    })),
  );
  if (route.required.length === 0) return broken;
  const missing = fc.constantFrom(...route.required).map((name) => {
    const params = { ...route.valid };
    delete params[name];
    return { method: "GET", path: build(params), token: route.token, mention: [name], what: `${name} missing` };
  });
  return fc.oneof({ arbitrary: broken, weight: 4 }, { arbitrary: missing, weight: 1 });
}

// ——— Checking an answer ———

/** Everything the answer says about what was wrong: messages, issue paths, finding fields. */
function said(body: { error?: { message?: { vi?: string; en?: string }; issues?: { path: string }[]; findings?: { fields: string[] }[] } }): string {
  const e = body.error ?? {};
  return [e.message?.vi, e.message?.en, ...(e.issues ?? []).map((i) => i.path), ...(e.findings ?? []).flatMap((f) => f.fields)].join("\n");
}

async function send(c: Case): Promise<Response> {
  return api(c.method, c.path, {
    token: c.token,
    body: c.body,
    headers: c.contentType === undefined ? {} : { "Content-Type": c.contentType },
  });
}

async function checkAnswer(c: Case): Promise<void> {
  const res = await send(c);
  const text = await res.text();
  const context = `${c.method} ${c.path.slice(0, 200)} [${c.what}] → ${res.status} ${text.slice(0, 400)}`;
  expect(res.status, context).toBeGreaterThanOrEqual(400);
  expect(res.status, context).toBeLessThan(500);
  const said_ = said(JSON.parse(text));
  expect(c.mention.some((m) => said_.includes(m)), `${context}\nshould name one of ${JSON.stringify(c.mention)}`).toBe(true);
}

/** A digest of every row of every table: "nothing was written" without knowing where a write would go. */
async function databaseDigest(): Promise<Record<string, string>> {
  const { results } = await env.DB.prepare(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' ORDER BY name`,
  ).all<{ name: string }>();
  const out: Record<string, string> = {};
  for (const { name } of results) {
    const rows = await env.DB.prepare(`SELECT * FROM "${name}"`).all();
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(JSON.stringify(rows.results)));
    out[name] = `${rows.results.length} rows, ` + Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("").slice(0, 16);
  }
  return out;
}

// ——— The runs ———

let before: Record<string, string>;

beforeAll(async () => {
  await seedComparisonScenario();
  setNow("2025-12-03T03:00:00Z");
  // The valid bodies above are really valid: each is accepted once (then the database is snapshot).
  const sent = await api("POST", "/api/v1/submissions", { token: "demo-unit-79-01", body: signed });
  expect(sent.status, await sent.clone().text()).toBe(201);
  signedHash = (await json(sent)).contentHash;
  for (const route of WRITE_ROUTES) {
    const res = await api(route.method, pathOf(route), { token: route.token, body: route.valid() });
    const status = `${route.name}: ${await res.clone().text()}`;
    if (route.validStatus === undefined) expect(res.status, status).toBeLessThan(300);
    else expect(res.status, status).toBe(route.validStatus);
  }
  for (const route of QUERY_ROUTES) {
    const res = await api("GET", route.path + "?" + new URLSearchParams(route.valid).toString(), { token: route.token });
    expect(res.status, `${route.path}: ${await res.clone().text()}`).toBe(200);
  }
  before = await databaseDigest();
});

describe("malformed requests", () => {
  it.each(WRITE_ROUTES.map((r) => [r.name, r] as const))("%s: every broken body is a 4xx that names what is wrong", async (_name, route) => {
    await fc.assert(fc.asyncProperty(writeCases(route), checkAnswer), { numRuns: RUNS, seed: SEED, endOnFailure: true });
  }, 120_000);

  it.each(QUERY_ROUTES.map((r) => [r.path, r] as const))("GET %s: every broken query is a 4xx that names the parameter", async (_path, route) => {
    await fc.assert(fc.asyncProperty(queryCases(route), checkAnswer), { numRuns: Math.ceil(RUNS / 2), seed: SEED, endOnFailure: true });
  }, 120_000);

  it("answers the periods that used to fail with a 500 with a 400 naming the period", async () => {
    for (const path of ["/api/v1/forms?period=0000-01", "/api/v1/completeness?parent=52&period=9999-12"]) {
      const res = await api("GET", path, { token: "demo-national" });
      expect(res.status, path).toBe(400);
      expect(said(await json(res))).toContain("query.period");
    }
  });

  it("left every table exactly as it was", async () => {
    expect(await databaseDigest()).toEqual(before);
  });
});
