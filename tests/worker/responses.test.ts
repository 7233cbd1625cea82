import { describe, expect, it } from "vitest";
import { api, json, seedTokens, seedUnits } from "./fixtures";
import { expectRouteAnswer, responseSchemaFor } from "./responses";

describe("the Worker's answers are checked against the shared schemas", () => {
  it("fails a test whose 2xx body drifted from its route's schema, naming the field", () => {
    expect(() => expectRouteAnswer("GET", "/api/v1/units?x=1", 200, { units: [{ code: "52" }], ancestors: [] })).toThrow(/units\.0\.name/);
  });

  it("checks every error body against the one error shape", () => {
    expect(() => expectRouteAnswer("GET", "/api/v1/units", 403, { error: { code: "forbidden" }, requestId: "r" })).toThrow(/error\.message/);
    expect(expectRouteAnswer("GET", "/api/v1/units", 403, { error: { code: "forbidden", message: { vi: "Không", en: "No" } }, requestId: "r" }).error.code).toBe("forbidden");
  });

  it("refuses to guess for a route it does not know", () => {
    expect(() => responseSchemaFor("GET", "/api/v1/nothing")).toThrow(/add it/);
  });

  it("is what json() does with every answer of api()", async () => {
    await seedUnits();
    await seedTokens();
    const units = await json(await api("GET", "/api/v1/units", { token: "demo-unit-52-01" }));
    expect(units.units.map((u: { code: string }) => u.code)).toEqual(["52-01"]);
  });
});
