import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  compileRule,
  parseRule,
  printComparison,
  referencedFields,
  RuleSyntaxError,
  type Comparison,
  type Expr,
  type RuleSyntaxCode,
} from "../../shared/rules";

const f = (key: string): Expr => ({ kind: "field", scope: "current", key });
const n = (value: number): Expr => ({ kind: "number", value, text: String(value) });

function syntaxError(text: string): RuleSyntaxError {
  try {
    parseRule(text);
  } catch (e) {
    if (e instanceof RuleSyntaxError) return e;
    throw e;
  }
  throw new Error("expected a syntax error for: " + text);
}

describe("the regulators' example rules parse", () => {
  it("reads a difference of two fields", () => {
    expect(parseRule("{phai_thi_hanh} = {tong_thu_ly} - {uy_thac}")).toEqual({
      left: f("phai_thi_hanh"),
      op: "=",
      right: { kind: "binary", op: "-", left: f("tong_thu_ly"), right: f("uy_thac") },
    });
  });

  it("reads sum() with four arguments", () => {
    expect(parseRule("{co_dieu_kien} = sum({thi_hanh_xong}, {dinh_chi}, {dang_thi_hanh}, {hoan_co_dk})")).toEqual({
      left: f("co_dieu_kien"),
      op: "=",
      right: {
        kind: "call",
        name: "sum",
        args: [f("thi_hanh_xong"), f("dinh_chi"), f("dang_thi_hanh"), f("hoan_co_dk")],
      },
    });
  });

  it("reads a previous-month reference", () => {
    expect(parseRule("{thu_ly_moi} ≥ prev_month{thu_ly_moi}")).toEqual({
      left: f("thu_ly_moi"),
      op: "≥",
      right: { kind: "field", scope: "prev_month", key: "thu_ly_moi" },
    });
  });

  it("reads references to last year's 12-month report", () => {
    const rule = compileRule({
      id: "01.X1",
      severity: "error",
      expression:
        "{nam_truoc_chuyen_sang} = prev_year_final{phai_thi_hanh} - prev_year_final{thi_hanh_xong} - prev_year_final{dinh_chi}",
    });
    expect(referencedFields(rule)).toEqual([
      { scope: "current", key: "nam_truoc_chuyen_sang" },
      { scope: "prev_year_final", key: "phai_thi_hanh" },
      { scope: "prev_year_final", key: "thi_hanh_xong" },
      { scope: "prev_year_final", key: "dinh_chi" },
    ]);
  });

  it("reads a ratio rule with a decimal constant", () => {
    const c = parseRule(
      "{chua_co_dieu_kien} / {phai_thi_hanh} ≤ prev_month{chua_co_dieu_kien} / prev_month{phai_thi_hanh} + 0.15",
    );
    expect(c.op).toBe("≤");
    expect(c.right).toEqual({
      kind: "binary",
      op: "+",
      left: {
        kind: "binary",
        op: "/",
        left: { kind: "field", scope: "prev_month", key: "chua_co_dieu_kien" },
        right: { kind: "field", scope: "prev_month", key: "phai_thi_hanh" },
      },
      right: { kind: "number", value: 0.15, text: "0.15" },
    });
  });
});

describe("operator precedence and unary minus", () => {
  it("binds * tighter than -", () => {
    expect(parseRule("{a} - {b} * 2 = 0").left).toEqual({
      kind: "binary",
      op: "-",
      left: f("a"),
      right: { kind: "binary", op: "*", left: f("b"), right: n(2) },
    });
  });

  it("groups - and / from the left", () => {
    expect(parseRule("{a} - {b} - {c} = {d} / {e} / 2")).toEqual({
      left: { kind: "binary", op: "-", left: { kind: "binary", op: "-", left: f("a"), right: f("b") }, right: f("c") },
      op: "=",
      right: { kind: "binary", op: "/", left: { kind: "binary", op: "/", left: f("d"), right: f("e") }, right: n(2) },
    });
  });

  it("lets parentheses override precedence", () => {
    expect(parseRule("({a} - {b}) * 2 = 0").left).toEqual({
      kind: "binary",
      op: "*",
      left: { kind: "binary", op: "-", left: f("a"), right: f("b") },
      right: n(2),
    });
  });

  it("applies unary minus to the next operand only", () => {
    expect(parseRule("-{a} + 3 = {b} * -2").left).toEqual({
      kind: "binary",
      op: "+",
      left: { kind: "negate", operand: f("a") },
      right: n(3),
    });
    expect(parseRule("-{a} + 3 = {b} * -2").right).toEqual({
      kind: "binary",
      op: "*",
      left: f("b"),
      right: { kind: "negate", operand: n(2) },
    });
    expect(parseRule("{a} = --{b}").right).toEqual({ kind: "negate", operand: { kind: "negate", operand: f("b") } });
  });

  it("accepts min, max, abs and SUM written in capitals", () => {
    expect(parseRule("abs({a} - {b}) ≤ max({c}, 1, min({d}, {e}))").left).toEqual({
      kind: "call",
      name: "abs",
      args: [{ kind: "binary", op: "-", left: f("a"), right: f("b") }],
    });
    expect(parseRule("{a} = SUM({b}, {c})")).toEqual(parseRule("{a} = sum({b}, {c})"));
  });
});

describe("spellings that mean the same rule give the same tree", () => {
  it.each([
    ["{a} = {b}", "{a}=={b}"],
    ["{a} ≠ {b}", "{a} != {b}"],
    ["{a} ≠ {b}", "{a}<>{b}"],
    ["{a} ≤ {b}", "{a} <= {b}"],
    ["{a} ≥ {b}", "{a}>={b}"],
    ["{a} < {b}", "{a}<{b}"],
    ["{a} > {b}", "{a}   >   {b}"],
    ["{a} = {b} − {c}", "{a} = {b} - {c}"],
    ["{a} = {b} × {c} ÷ 2", "{a} = {b} * {c} / 2"],
    ["{a} = sum({b}, {c})", "{ a }\t=\n sum( {b} ,{c} )"],
    ["{a} = prev_month{b}", "{a} = prev_month { b }"],
    ["{a} = {b}", "\u00a0{a}\u00a0=\u00a0{b}\u00a0"],
  ])("%s ≡ %s", (canonical, variant) => {
    expect(parseRule(variant)).toEqual(parseRule(canonical));
  });
});

describe("malformed rules are rejected at the exact position", () => {
  it.each<[string, RuleSyntaxCode, number]>([
    ["{phai_thi_hanh = {tong_thu_ly}", "field_not_closed", 15],
    ["{a} = {b", "field_not_closed", 8],
    ["{a-b} = 1", "field_not_closed", 2],
    ["{thu_lý} = 1", "field_not_closed", 6],
    ["{} = {a}", "empty_field_name", 1],
    ["{a} = {  }", "empty_field_name", 9],
    ["{a} = avg({b}, {c})", "unknown_function", 6],
    ["{a} + {b}", "missing_comparison", 9],
    ["{a} {b} = 1", "expected_operator", 4],
    ["{a} = {b} = {c}", "multiple_comparisons", 10],
    ["{a} ≤ {b} >= {c}", "multiple_comparisons", 10],
    ["{a} = {b} )", "trailing_input", 10],
    ["{a} = {b} 2", "trailing_input", 10],
    ["next_month{x} = {x}", "unknown_scope", 0],
    ["{a} = prev_month", "scope_needs_field", 16],
    ["{a} = prev_month + 1", "scope_needs_field", 17],
    ["{a} = phai_thi_hanh", "unknown_name", 6],
    ["{a} = ", "expected_value", 6],
    ["= {a}", "expected_value", 0],
    ["{a} =< {b}", "expected_value", 5],
    ["{a} = sum({b}, )", "expected_value", 15],
    ["{a} = +{b}", "expected_value", 6],
    ["{a} = 1.", "invalid_number", 6],
    ["{a} = 2a", "invalid_number", 6],
    ["{a} = 1.2.3", "invalid_number", 6],
    ["{a} = 99999999999999999999", "invalid_number", 6],
    ["{a} = sum()", "wrong_arity", 10],
    ["abs({a}, {b}) = 1", "wrong_arity", 7],
    ["{a} = ({b} + 1", "expected_closing_paren", 14],
    ["({a} = {b})", "comparison_in_parentheses", 5],
    ["{a} = sum({b} = 1)", "comparison_in_parentheses", 14],
    ["{a} = sum({b} {c})", "expected_argument_separator", 14],
    ["{a} = {b} @ 2", "unexpected_character", 10],
    ["{a} ! {b}", "unexpected_character", 4],
    ["", "empty_rule", 0],
    ["   ", "empty_rule", 0],
  ])("%j → %s at %i", (text, code, position) => {
    const err = syntaxError(text);
    expect({ code: err.code, position: err.position }).toEqual({ code, position });
  });

  it("says what was expected in Vietnamese and in English", () => {
    const err = syntaxError("{a} = {b");
    expect(err).toBeInstanceOf(Error);
    expect(err.name).toBe("RuleSyntaxError");
    expect(err.message).toBe(err.en);
    expect(err.en).toContain("Expected “}”");
    expect(err.vi).toContain("Thiếu dấu “}”");
    expect(err.vi).toContain("ký tự thứ 7"); // the "{" that was never closed, counted from 1
  });

  it("names the unknown function and the accepted ones", () => {
    const err = syntaxError("{a} = avg({b})");
    expect(err.vi).toBe("Hàm “avg” không tồn tại: chỉ dùng sum, min, max, abs.");
    expect(err.en).toBe("Unknown function “avg”: expected sum, min, max or abs.");
  });

  it("suggests braces for a bare field name", () => {
    expect(syntaxError("{a} = uy_thac").vi).toContain("{uy_thac}");
  });

  it("stops pathological nesting with a syntax error, not a stack overflow", () => {
    const err = syntaxError("{a} = " + "(".repeat(5000) + "1" + ")".repeat(5000));
    expect(err.code).toBe("too_deep");
    expect(syntaxError("{a} = " + "-".repeat(5000) + "1").code).toBe("too_deep");
  });

  it("reports the leftmost problem when several exist", () => {
    expect(syntaxError("{a} = = {b} @").position).toBe(4 + 2);
  });
});

describe("compileRule", () => {
  it("fills in the defaults and deduplicates fields in order of appearance", () => {
    const rule = compileRule({ id: "R", severity: "warning", expression: "{b} + {a} = {b} + prev_month{b} + {c}" });
    expect(rule.tolerance).toBe(0);
    expect(rule.missing).toBe("skip");
    expect(referencedFields(rule)).toEqual([
      { scope: "current", key: "b" },
      { scope: "current", key: "a" },
      { scope: "prev_month", key: "b" },
      { scope: "current", key: "c" },
    ]);
    expect(rule.currentKeys).toEqual(["b", "a", "c"]);
  });

  it("throws RuleSyntaxError for bad notation and RangeError for a negative tolerance", () => {
    expect(() => compileRule({ id: "R", severity: "error", expression: "{a} =" })).toThrow(RuleSyntaxError);
    expect(() => compileRule({ id: "R", severity: "error", expression: "{a} = 1", tolerance: -1 })).toThrow(RangeError);
  });
});

// ---- properties ----

const keyArb = fc.constantFrom("a", "b", "thu_ly_moi", "x1", "_z");
const exprArb: fc.Arbitrary<Expr> = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.oneof(
      fc.nat(1_000_000).map((v): Expr => ({ kind: "number", value: v, text: String(v) })),
      fc.constantFrom<Expr>({ kind: "number", value: 0.15, text: "0.15" }, { kind: "number", value: 2.5, text: "2.5" }),
      fc
        .tuple(fc.constantFrom("current" as const, "prev_month" as const, "prev_year_final" as const), keyArb)
        .map(([scope, key]): Expr => ({ kind: "field", scope, key })),
    ),
    tie("expr").map((operand): Expr => ({ kind: "negate", operand })),
    fc
      .tuple(fc.constantFrom("+" as const, "-" as const, "*" as const, "/" as const), tie("expr"), tie("expr"))
      .map(([op, left, right]): Expr => ({ kind: "binary", op, left, right })),
    fc
      .tuple(fc.constantFrom("sum" as const, "min" as const, "max" as const), fc.array(tie("expr"), { minLength: 1, maxLength: 3 }))
      .map(([name, args]): Expr => ({ kind: "call", name, args })),
    tie("expr").map((arg): Expr => ({ kind: "call", name: "abs", args: [arg] })),
  ),
})).expr;

describe("parser properties", () => {
  it("parses back any printed rule to the same tree", () => {
    fc.assert(
      fc.property(exprArb, fc.constantFrom("=", "≠", "<", "≤", ">", "≥" as const), exprArb, (left, op, right) => {
        const c: Comparison = { left, op, right };
        expect(parseRule(printComparison(c))).toEqual(c);
      }),
    );
  });

  it("never fails with anything but a RuleSyntaxError pointing inside the text", () => {
    const pieces = ["{a}", "{", "}", "prev_month", "sum", "(", ")", ",", "=", "<", ">", "!", "-", "+", "*", "/", "1", ".", " ", "x", "≤"];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 25 }), (parts) => {
        const text = parts.join("");
        try {
          parseRule(text);
        } catch (e) {
          expect(e).toBeInstanceOf(RuleSyntaxError);
          const err = e as RuleSyntaxError;
          expect(err.position).toBeGreaterThanOrEqual(0);
          expect(err.position).toBeLessThanOrEqual(text.length);
          expect(err.vi.length).toBeGreaterThan(0);
        }
      }),
    );
  });
});
