import fc from "fast-check";
import { describe, expect, it } from "vitest";
import provincesFile from "../../shared/units/provinces.json";
import {
  NATIONAL_CODE,
  PROVINCES,
  buildHierarchy,
  createSeededRandom,
  generateDemoUnits,
  isInSubtree,
  officeCode,
  parsePath,
  provinceCodeOf,
  readProvinceList,
  unitPath,
  validOn,
  validateHierarchy,
} from "../../shared/units";
import type { HierarchyProblemCode, Unit } from "../../shared/units";

const TODAY = "2026-01-01";

function unit(partial: Partial<Unit> & Pick<Unit, "code">): Unit {
  return {
    name: partial.code,
    kind: "regional_office",
    level: "office",
    parentCode: null,
    path: "/" + partial.code + "/",
    reporting: true,
    validFrom: "2025-07-01",
    validTo: null,
    successorCode: null,
    ...partial,
  };
}

/** A sound three-level tree to break by hand. */
function smallTree(): Unit[] {
  return [
    unit({ code: "VN", kind: "national", level: "national", reporting: false, path: "/VN/" }),
    unit({ code: "52", kind: "province", level: "province", reporting: false, parentCode: "VN", path: "/VN/52/" }),
    unit({ code: "52-00", kind: "province_office", parentCode: "52", path: "/VN/52/52-00/" }),
    unit({ code: "52-01", parentCode: "52", path: "/VN/52/52-01/" }),
    unit({ code: "5", kind: "province", level: "province", reporting: false, parentCode: "VN", path: "/VN/5/" }),
    unit({ code: "5-01", parentCode: "5", path: "/VN/5/5-01/" }),
  ];
}

function replace(units: Unit[], code: string, change: Partial<Unit>): Unit[] {
  return units.map((u) => (u.code === code ? { ...u, ...change } : u));
}

function problemCodes(units: Unit[]): HierarchyProblemCode[] {
  return validateHierarchy(units).map((p) => p.code);
}

describe("provinces.json", () => {
  it("lists the 34 merged provinces with unique two-digit codes, Hà Nội 01 to Cà Mau 96", () => {
    const codes = PROVINCES.map((p) => p.code);
    expect(codes).toHaveLength(34);
    expect(new Set(codes).size).toBe(34);
    expect(PROVINCES[0]).toMatchObject({ code: "01", name: "Hà Nội", kind: "thành phố" });
    expect(PROVINCES[33]).toMatchObject({ code: "96", name: "Cà Mau", kind: "tỉnh" });
    expect(codes).toEqual(codes.slice().sort());
  });

  it("gives Gia Lai code 52 and 14 regional offices, and 355 regional offices nationally", () => {
    const giaLai = PROVINCES.find((p) => p.code === "52");
    expect(giaLai).toMatchObject({
      name: "Gia Lai",
      officeName: "Thi hành án dân sự tỉnh Gia Lai",
      demoRegionalOffices: 14,
    });
    expect(PROVINCES.reduce((sum, p) => sum + p.demoRegionalOffices, 0)).toBe(355);
  });

  it("names the six centrally-run cities as thành phố, with their office names", () => {
    const cities = PROVINCES.filter((p) => p.kind === "thành phố").map((p) => p.name);
    expect(cities).toEqual(["Hà Nội", "Hải Phòng", "Huế", "Đà Nẵng", "TP Hồ Chí Minh", "Cần Thơ"]);
    expect(PROVINCES.find((p) => p.code === "01")?.officeName).toBe("Thi hành án dân sự thành phố Hà Nội");
    expect(PROVINCES.find((p) => p.code === "79")?.officeName).toBe("Thi hành án dân sự Thành phố Hồ Chí Minh");
  });

  it("says in the file itself that codes and counts are unconfirmed demo data", () => {
    expect(provincesFile.note).toMatch(/unconfirmed/);
    expect(provincesFile.note).toMatch(/demo/);
    expect(provincesFile.source.length).toBeGreaterThan(0);
  });

  it("rejects a replacement list with a duplicate code, a bad kind or a fractional count", () => {
    const bad = readProvinceList({
      provinces: [
        { code: "01", name: "Hà Nội", officeName: "x", kind: "thành phố", demoRegionalOffices: 3 },
        { code: "01", name: "Hà Nội", officeName: "x", kind: "huyện", demoRegionalOffices: 2.5 },
      ],
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.problems.map((p) => p.path)).toEqual([
        "provinces.1.code",
        "provinces.1.kind",
        "provinces.1.demoRegionalOffices",
      ]);
    }
    expect(readProvinceList("not a list").ok).toBe(false);
  });
});

describe("paths", () => {
  it("builds and parses materialised paths with a trailing slash", () => {
    expect(unitPath(null, "VN")).toBe("/VN/");
    expect(unitPath("/VN/", "52")).toBe("/VN/52/");
    expect(unitPath("/VN/52/", "52-01")).toBe("/VN/52/52-01/");
    expect(parsePath("/VN/52/52-01/")).toEqual(["VN", "52", "52-01"]);
    expect(() => parsePath("/VN/52")).toThrow();
    expect(() => parsePath("VN/52/")).toThrow();
    expect(() => parsePath("/VN//52/")).toThrow();
    expect(() => unitPath("/VN/", "a/b")).toThrow();
  });

  it("round-trips any list of codes", () => {
    const code = fc.stringMatching(/^[A-Za-z0-9-]{1,6}$/);
    fc.assert(
      fc.property(fc.array(code, { minLength: 1, maxLength: 5 }), (codes) => {
        let path: string | null = null;
        for (const c of codes) path = unitPath(path, c);
        expect(parsePath(path as string)).toEqual(codes);
      }),
    );
  });

  it("does not count province 52's offices as inside province 5", () => {
    expect(isInSubtree("/VN/52/52-01/", "/VN/5/")).toBe(false);
    expect(isInSubtree("/VN/52/52-01/", "/VN/5")).toBe(false);
    expect(isInSubtree("/VN/52/52-01/", "/VN/52/")).toBe(true);
    expect(isInSubtree("/VN/52/52-01/", "/VN/52")).toBe(true);
    expect(isInSubtree("/VN/52/", "/VN/52/")).toBe(true);
    expect(isInSubtree("/VN/", "/VN/52/")).toBe(false);
  });

  it("a path is in a subtree exactly when the subtree's codes are a prefix of its codes", () => {
    const code = fc.constantFrom("5", "52", "52-01", "5-2", "VN", "C52");
    fc.assert(
      fc.property(fc.array(code, { minLength: 1, maxLength: 4 }), fc.array(code, { minLength: 1, maxLength: 4 }), (a, b) => {
        const pa = "/" + a.join("/") + "/";
        const pb = "/" + b.join("/") + "/";
        const isPrefix = b.length <= a.length && b.every((c, i) => a[i] === c);
        expect(isInSubtree(pa, pb)).toBe(isPrefix);
      }),
    );
  });

  it("finds the province of a unit or a code", () => {
    expect(provinceCodeOf("VN")).toBeNull();
    expect(provinceCodeOf("52")).toBe("52");
    expect(provinceCodeOf("52-00")).toBe("52");
    expect(provinceCodeOf("52-14")).toBe("52");
    expect(provinceCodeOf("C64-03")).toBe("C64");
    const office = unit({ code: "anything", path: "/VN/52/anything/" });
    expect(provinceCodeOf(office)).toBe("52");
    expect(provinceCodeOf(unit({ code: "VN", path: "/VN/" }))).toBeNull();
    expect(officeCode("52", 0)).toBe("52-00");
    expect(officeCode("52", 14)).toBe("52-14");
    expect(() => officeCode("52", 100)).toThrow();
  });
});

describe("the demo hierarchy", () => {
  const units = generateDemoUnits();
  const h = buildHierarchy(units);

  it("has the national node, 34 provinces, 34 own offices and 355 regional offices", () => {
    const count = (kind: Unit["kind"]) => units.filter((u) => u.kind === kind).length;
    expect(count("national")).toBe(1);
    expect(count("province")).toBe(34);
    expect(count("province_office")).toBe(34);
    expect(count("regional_office")).toBe(355);
    expect(units.every((u) => u.validFrom === "2025-07-01" && u.validTo === null)).toBe(true);
  });

  it("passes validation", () => {
    expect(validateHierarchy(units)).toEqual([]);
  });

  it("places every office under its own province's path", () => {
    for (const u of units.filter((x) => x.level === "office")) {
      const province = h.byCode.get(provinceCodeOf(u.code) as string) as Unit;
      expect(u.parentCode).toBe(province.code);
      expect(isInSubtree(u.path, province.path)).toBe(true);
    }
  });

  it("names Gia Lai's units the way provinces write them", () => {
    expect(h.byCode.get("VN")?.name).toBe("Cục Quản lý thi hành án dân sự");
    expect(h.byCode.get("52")?.name).toBe("THADS tỉnh Gia Lai");
    expect(h.byCode.get("52-00")?.name).toBe("Văn phòng THADS tỉnh Gia Lai");
    expect(h.byCode.get("52-01")?.name).toBe("Phòng THADS khu vực 1 - Gia Lai");
    expect(h.byCode.get("79")?.name).toBe("THADS Thành phố Hồ Chí Minh");
    expect(h.byCode.get("01")?.name).toBe("THADS thành phố Hà Nội");
  });

  it("rolls Gia Lai up from its own office and its 14 regional offices", () => {
    const codes = h.reportingUnitsUnder("52", TODAY).map((u) => u.code);
    expect(codes).toHaveLength(15);
    expect(codes[0]).toBe("52-00");
    expect(codes[14]).toBe("52-14");
  });

  it("rolls the country up from 34 own offices and 355 regional offices", () => {
    expect(h.reportingUnitsUnder("VN", TODAY)).toHaveLength(389);
    expect(h.reportingUnitsUnder("VN")).toHaveLength(389);
    expect(h.reportingUnitsUnder("VN", "2025-06-30")).toHaveLength(0);
  });

  it("treats an office as its own roll-up and an unknown code as empty", () => {
    expect(h.reportingUnitsUnder("52-03", TODAY).map((u) => u.code)).toEqual(["52-03"]);
    expect(h.reportingUnitsUnder("99", TODAY)).toEqual([]);
  });

  it("lists children and ancestors", () => {
    expect(h.children("VN")).toHaveLength(34);
    expect(h.children("52")).toHaveLength(15);
    expect(h.children("52-01")).toEqual([]);
    expect(h.ancestors("52-07").map((u) => u.code)).toEqual(["VN", "52"]);
    expect(h.ancestors("VN")).toEqual([]);
  });

  it("is the same on every call, and a different seed changes only the history mapping", () => {
    expect(generateDemoUnits()).toEqual(units);
    expect(generateDemoUnits({ includeHistory: true })).toEqual(generateDemoUnits({ includeHistory: true }));
    const a = generateDemoUnits({ includeHistory: true, seed: 1 });
    const b = generateDemoUnits({ includeHistory: true, seed: 2 });
    expect(a.map((u) => u.code)).toEqual(b.map((u) => u.code));
    expect(a.map((u) => u.successorCode)).not.toEqual(b.map((u) => u.successorCode));
  });

  it("follows a replaced province list", () => {
    const two = PROVINCES.filter((p) => p.code === "52" || p.code === "12");
    const small = generateDemoUnits({ provinces: two, includeHistory: true });
    expect(validateHierarchy(small)).toEqual([]);
    expect(buildHierarchy(small).reportingUnitsUnder("VN", TODAY)).toHaveLength(2 + 14 + 5);
  });
});

describe("history and successors", () => {
  const units = generateDemoUnits({ includeHistory: true });
  const h = buildHierarchy(units);

  it("passes validation with the pre-2025 units included", () => {
    expect(validateHierarchy(units)).toEqual([]);
  });

  it("closes every old unit on 30/6/2025 (or earlier) and maps it to a successor", () => {
    const old = units.filter((u) => u.code.charAt(0) === "C");
    // 63 Cục + 63 own offices + 28 Chi cục of Gia Lai and Bình Định + huyện Hoài Nhơn.
    expect(old).toHaveLength(63 + 63 + 28 + 1);
    for (const u of old) {
      expect(u.validTo !== null && u.validTo <= "2025-06-30").toBe(true);
      expect(u.successorCode).not.toBeNull();
      expect(h.resolveSuccessor(u.code, TODAY)).not.toBeNull();
    }
  });

  it("rolls up the 63 old Cục offices and 28 Chi cục on a day before the merger", () => {
    expect(h.reportingUnitsUnder("VN", "2024-12-31")).toHaveLength(63 + 28);
    expect(h.reportingUnitsUnder("C64", "2024-12-31")).toHaveLength(1 + 17);
    // Still 389 today: the old units are closed.
    expect(h.reportingUnitsUnder("VN", TODAY)).toHaveLength(389);
  });

  it("maps old provinces to the merged one", () => {
    expect(h.resolveSuccessor("C64", TODAY)?.code).toBe("52");
    expect(h.resolveSuccessor("C52", TODAY)?.code).toBe("52");
    expect(h.resolveSuccessor("C62", TODAY)?.code).toBe("51");
    expect(h.byCode.get("C64")?.name).toBe("Cục THADS tỉnh Gia Lai");
  });

  it("follows a two-step chain: huyện Hoài Nhơn → thị xã Hoài Nhơn → a Gia Lai regional office", () => {
    const huyen = units.find((u) => u.name === "Chi cục THADS huyện Hoài Nhơn") as Unit;
    const thiXa = units.find((u) => u.name === "Chi cục THADS thị xã Hoài Nhơn") as Unit;
    expect(huyen.validTo).toBe("2020-05-31");
    expect(thiXa.validFrom).toBe("2020-06-01");
    expect(huyen.successorCode).toBe(thiXa.code);
    expect(h.resolveSuccessor(huyen.code, "2020-01-15")?.code).toBe(huyen.code);
    expect(h.resolveSuccessor(huyen.code, "2021-01-15")?.code).toBe(thiXa.code);
    const now = h.resolveSuccessor(huyen.code, TODAY) as Unit;
    expect(now.code).toBe(thiXa.successorCode);
    expect(now.kind).toBe("regional_office");
    expect(provinceCodeOf(now)).toBe("52");
    expect(h.predecessors(now.code).map((u) => u.code)).toContain(huyen.code);
  });

  it("gives every Gia Lai regional office old Chi cục from one old province only", () => {
    for (let i = 1; i <= 14; i++) {
      const preds = h.predecessors(officeCode("52", i)).filter((u) => u.validTo === "2025-06-30");
      expect(preds.length).toBeGreaterThanOrEqual(1);
      expect(new Set(preds.map((u) => provinceCodeOf(u))).size).toBe(1);
    }
  });

  it("the units valid on a day before the merger resolve to units valid today, for cùng kỳ", () => {
    const before = h.reportingUnitsUnder("VN", "2024-12-31");
    const mapped = new Set(before.map((u) => h.resolveSuccessor(u.code, TODAY)?.code));
    expect(mapped.has(undefined)).toBe(false);
    for (const code of mapped) expect(h.byCode.get(code as string)?.level).toBe("office");
  });

  it("is cycle-safe: a loop of successors resolves to null instead of hanging", () => {
    const loop = [
      unit({ code: "A", validTo: "2024-01-01", validFrom: "2020-01-01", successorCode: "B" }),
      unit({ code: "B", validTo: "2024-01-01", validFrom: "2020-01-01", successorCode: "A" }),
    ];
    const lh = buildHierarchy(loop);
    expect(lh.resolveSuccessor("A", TODAY)).toBeNull();
    expect(lh.predecessors("A").map((u) => u.code)).toEqual(["B"]);
    expect(buildHierarchy([]).resolveSuccessor("X", TODAY)).toBeNull();
  });

  it("treats both ends of a validity interval as inclusive", () => {
    const u = unit({ code: "X", validFrom: "2020-01-01", validTo: "2025-06-30" });
    expect(validOn(u, "2020-01-01")).toBe(true);
    expect(validOn(u, "2025-06-30")).toBe(true);
    expect(validOn(u, "2025-07-01")).toBe(false);
    expect(validOn(u, "2019-12-31")).toBe(false);
  });
});

describe("validateHierarchy on hand-broken input", () => {
  it("accepts the sound tree, whose province 5 sits beside 52", () => {
    expect(validateHierarchy(smallTree())).toEqual([]);
    const h = buildHierarchy(smallTree());
    expect(h.reportingUnitsUnder("5").map((u) => u.code)).toEqual(["5-01"]);
  });

  it("catches a duplicate code", () => {
    const units = smallTree();
    units.push(unit({ code: "52-01", parentCode: "52", path: "/VN/52/52-01/" }));
    expect(validateHierarchy(units)).toEqual([{ code: "duplicate_code", unitCode: "52-01", params: {} }]);
  });

  it("catches an unknown parent", () => {
    const units = replace(smallTree(), "52-01", { parentCode: "53", path: "/VN/53/52-01/" });
    expect(validateHierarchy(units)).toEqual([
      { code: "unknown_parent", unitCode: "52-01", params: { parentCode: "53" } },
    ]);
  });

  it("catches a path that is not the parent's path plus the code", () => {
    const units = replace(smallTree(), "52-01", { path: "/VN/5/52-01/" });
    expect(validateHierarchy(units)).toEqual([
      { code: "path_mismatch", unitCode: "52-01", params: { expected: "/VN/52/52-01/", actual: "/VN/5/52-01/" } },
    ]);
    expect(problemCodes(replace(smallTree(), "52-01", { path: "/VN/52/52-01" }))).toEqual(["path_mismatch"]);
    expect(problemCodes(replace(smallTree(), "VN", { path: "/XX/VN/" }))).toContain("path_mismatch");
  });

  it("catches a kind that does not match the level", () => {
    const units = replace(smallTree(), "52-01", { kind: "province" });
    expect(problemCodes(units)).toEqual(["level_kind_mismatch"]);
    expect(problemCodes(replace(smallTree(), "52-01", { kind: "bogus" as Unit["kind"] }))).toEqual([
      "level_kind_mismatch",
    ]);
  });

  it("catches a successor cycle once, whatever unit it is entered from", () => {
    let units = replace(smallTree(), "52-01", { successorCode: "5-01" });
    units = replace(units, "5-01", { successorCode: "52-01" });
    const problems = validateHierarchy(units);
    expect(problems).toEqual([{ code: "successor_cycle", unitCode: "5-01", params: { codes: ["5-01", "52-01"] } }]);
    expect(problemCodes(replace(smallTree(), "52-00", { successorCode: "52-00" }))).toEqual(["successor_cycle"]);
  });

  it("catches a reporting unit that has children", () => {
    const units = smallTree();
    units.push(unit({ code: "52-01-a", parentCode: "52-01", path: "/VN/52/52-01/52-01-a/" }));
    const problems = validateHierarchy(units);
    expect(problems.map((p) => p.code).sort()).toEqual(["parent_level_mismatch", "reporting_not_leaf"]);
    expect(problems.find((p) => p.code === "reporting_not_leaf")).toEqual({
      code: "reporting_not_leaf",
      unitCode: "52-01",
      params: { codes: ["52-01-a"] },
    });
  });

  it("catches an aggregate marked as reporting, or an office marked as not reporting", () => {
    // A reporting province also double-counts through its offices: both are reported.
    expect(problemCodes(replace(smallTree(), "52", { reporting: true }))).toEqual([
      "reporting_mismatch",
      "reporting_not_leaf",
    ]);
    expect(problemCodes(replace(smallTree(), "52-01", { reporting: false }))).toEqual(["reporting_mismatch"]);
  });

  it("catches an unknown successor", () => {
    expect(validateHierarchy(replace(smallTree(), "52-01", { successorCode: "52-99" }))).toEqual([
      { code: "unknown_successor", unitCode: "52-01", params: { successorCode: "52-99" } },
    ]);
  });

  it("catches a province at the root and an office directly under the national node", () => {
    // Its office's path no longer matches either: each unit gets its own problem.
    const rooted = validateHierarchy(replace(smallTree(), "5", { parentCode: null, path: "/5/" }));
    expect(rooted.map((p) => [p.code, p.unitCode])).toEqual([
      ["parent_level_mismatch", "5"],
      ["path_mismatch", "5-01"],
    ]);
    expect(problemCodes(replace(smallTree(), "5-01", { parentCode: "VN", path: "/VN/5-01/" }))).toEqual([
      "parent_level_mismatch",
    ]);
  });

  it("catches bad validity dates and a unit valid outside its parent's interval", () => {
    expect(problemCodes(replace(smallTree(), "52-01", { validFrom: "2025-13-01" }))).toEqual(["invalid_validity"]);
    expect(problemCodes(replace(smallTree(), "52-01", { validTo: "2025-01-01" }))).toEqual(["invalid_validity"]);
    expect(problemCodes(replace(smallTree(), "52-01", { validFrom: "2020-01-01" }))).toEqual([
      "validity_outside_parent",
    ]);
  });

  it("never hangs on a parent loop", () => {
    let units = replace(smallTree(), "52", { parentCode: "52-01" });
    units = replace(units, "52-01", { kind: "province", level: "province", reporting: false });
    const h = buildHierarchy(units);
    expect(Array.isArray(h.ancestors("52"))).toBe(true);
    expect(problemCodes(units)).toContain("path_mismatch");
  });
});

describe("the seeded random generator", () => {
  it("repeats for a seed and stays in [0, 1)", () => {
    const a = createSeededRandom(42);
    const b = createSeededRandom(42);
    for (let i = 0; i < 1000; i++) {
      const x = a();
      expect(x).toBe(b());
      expect(x >= 0 && x < 1).toBe(true);
    }
    expect(createSeededRandom(0)()).toBe(createSeededRandom(0)());
  });

  it("does not use Math.random", () => {
    const original = Math.random;
    Math.random = () => {
      throw new Error("Math.random used");
    };
    try {
      expect(() => generateDemoUnits({ includeHistory: true })).not.toThrow();
    } finally {
      Math.random = original;
    }
  });
});

it("uses the national code VN", () => {
  expect(NATIONAL_CODE).toBe("VN");
});
