import { describe, expect, it } from "vitest";
import { csvCell, csvText, neutraliseFormula } from "../../shared/text/csv";
import { findForbiddenCharacter, stripControlCharacters, xmlSafeText } from "../../shared/text/characters";

describe("CSV cells (RFC 4180, safe to open in a spreadsheet)", () => {
  it.each([
    ["=1+1", "'=1+1"],
    ["+84 90", "'+84 90"],
    ["-5", "'-5"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=1", "'\t=1"],
    ["Gia Lai", "Gia Lai"],
    ["a=b", "a=b"],
  ])("neutralises %j as %j", (text, expected) => {
    expect(neutraliseFormula(text)).toBe(expected);
  });

  it("quotes commas, quotes, LF and a bare CR, doubling inner quotes", () => {
    expect(csvText('Phòng "A", khu vực 1')).toBe('"Phòng ""A"", khu vực 1"');
    expect(csvText("dòng 1\ndòng 2")).toBe('"dòng 1\ndòng 2"');
    expect(csvText("a\rb")).toBe('"a\rb"');
    expect(csvText("\rb")).toBe(`"'\rb"`);
    expect(csvText('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  });

  it("writes numbers as numbers, negative ones included, and nothing for null", () => {
    expect(csvCell(-7.289, 2)).toBe("-7.29");
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(Number.NaN)).toBe("");
    expect(csvCell("-3")).toBe("'-3");
  });
});

describe("characters people may not type", () => {
  it.each([
    ["\u0000", "control", "U+0000"],
    ["\u0007", "control", "U+0007"],
    ["\u007F", "control", "U+007F"],
    ["\u0085", "control", "U+0085"],
    ["\u202E", "bidi", "U+202E"],
    ["\u2066", "bidi", "U+2066"],
    ["\u200F", "bidi", "U+200F"],
    ["\uFFFF", "noncharacter", "U+FFFF"],
    ["\uD800", "lone_surrogate", "U+D800"],
    ["\n", "line_break", "U+000A"],
  ])("finds %j as %s (%s)", (ch, kind, codePoint) => {
    expect(findForbiddenCharacter("ab" + ch + "c")).toEqual({ codePoint, index: 2, kind });
  });

  it("accepts Vietnamese, emoji and, in multi-line text, line breaks and tabs", () => {
    expect(findForbiddenCharacter("Phòng THADS khu vực 1 – Gia Lai 😀")).toBeNull();
    expect(findForbiddenCharacter("Dòng 1\r\nDòng 2\tcột", { multiline: true })).toBeNull();
    expect(findForbiddenCharacter("Dòng 1\u0000", { multiline: true })?.kind).toBe("control");
  });

  it("strips them from names going into a workbook, line breaks becoming spaces", () => {
    expect(stripControlCharacters("Gia\u0001 Lai\u202E\u0007")).toBe("Gia Lai");
    expect(stripControlCharacters("a\r\nb")).toBe("a  b");
    expect(stripControlCharacters("😀\uD800x")).toBe("😀x");
  });

  it("keeps in XML text only what XML 1.0 allows: tab and line breaks stay, other controls and lone surrogates go", () => {
    expect(xmlSafeText("Gia\u0001 Lai\u0007\tA\r\nB\uFFFE")).toBe("Gia Lai\tA\r\nB");
    expect(xmlSafeText("😀\uDC00x\u202E")).toBe("😀x\u202E");
  });
});
