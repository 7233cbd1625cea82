import { describe, expect, it } from "vitest";
import {
  absoluteCellAddress,
  addressTouches,
  boundingRect,
  cellAddress,
  columnLetters,
  columnNumber,
  parseCellAddress,
  parseRangeAddress,
  rangeAddress,
  sheetNameOf,
  sheetQualified,
  stripSheet,
} from "../../shared/a1";

describe("A1 addresses", () => {
  it("converts column numbers to letters and back", () => {
    expect([1, 26, 27, 52, 53, 702, 703, 16384].map(columnLetters)).toEqual(["A", "Z", "AA", "AZ", "BA", "ZZ", "AAA", "XFD"]);
    for (const n of [1, 26, 27, 702, 703, 16384]) expect(columnNumber(columnLetters(n))).toBe(n);
  });

  it("reads cells, ranges, whole rows and columns, with or without a sheet name", () => {
    expect(parseRangeAddress("B12")).toEqual({ top: 12, left: 2, bottom: 12, right: 2 });
    expect(parseRangeAddress("'01 52-01 2025-12'!$B$12:M12")).toEqual({ top: 12, left: 2, bottom: 12, right: 13 });
    expect(parseRangeAddress("1:1")).toMatchObject({ top: 1, bottom: 1, left: 1 });
    expect(parseRangeAddress("B:D")).toMatchObject({ left: 2, right: 4, top: 1 });
    expect(parseRangeAddress("not an address")).toBeNull();
    expect(rangeAddress({ top: 12, left: 2, bottom: 12, right: 13 })).toBe("B12:M12");
  });

  it("tells whether an edit reported by Excel touches the form's cells", () => {
    const cells = ["B12", "C12", "M12"];
    expect(addressTouches("C12", cells)).toBe(true);
    expect(addressTouches("Sheet1!A10:D14", cells)).toBe(true);
    expect(addressTouches("C1", cells)).toBe(false);
    expect(addressTouches("A1:C1", cells)).toBe(false);
    expect(addressTouches("N12, C1", cells)).toBe(false);
    expect(addressTouches("A1, M12", cells)).toBe(true);
    // A whole deleted row and an address it cannot read both count as a change.
    expect(addressTouches("12:12", cells)).toBe(true);
    expect(addressTouches("#REF!", cells)).toBe(true);
  });
});

describe("A1 addresses, table", () => {
  it.each([
    [1, "A"],
    [2, "B"],
    [26, "Z"],
    [27, "AA"],
    [28, "AB"],
    [52, "AZ"],
    [53, "BA"],
    [702, "ZZ"],
    [703, "AAA"],
    [16384, "XFD"],
  ])("column %i is %s and back", (column, letters) => {
    expect(columnLetters(column)).toBe(letters);
    expect(columnNumber(letters)).toBe(column);
    expect(columnNumber(letters.toLowerCase())).toBe(column);
  });

  it.each([0, -1, 1.5, 16385, NaN])("refuses column number %s", (column) => {
    expect(() => columnLetters(column)).toThrow(RangeError);
  });

  it.each(["", "A1", "XFE", "ABCD", "1", "$A"])("reads %j as no column", (letters) => {
    expect(columnNumber(letters)).toBe(0);
  });

  it.each([
    [12, 3, "C12", "$C$12"],
    [1, 1, "A1", "$A$1"],
    [1048576, 16384, "XFD1048576", "$XFD$1048576"],
  ])("row %i, column %i is %s (%s absolute)", (row, column, address, absolute) => {
    expect(cellAddress(row, column)).toBe(address);
    expect(absoluteCellAddress(row, column)).toBe(absolute);
    expect(parseCellAddress(address)).toEqual({ row, column });
    expect(parseCellAddress(absolute)).toEqual({ row, column });
  });

  it.each([
    ["C12", { row: 12, column: 3 }],
    ["$c$12", { row: 12, column: 3 }],
    ["Sheet1!C12", { row: 12, column: 3 }],
    ["'So sánh'!C12", { row: 12, column: 3 }],
    [" C12 ", { row: 12, column: 3 }],
    ["C0", null],
    ["C1048577", null],
    ["XFE1", null],
    ["C12:D13", null],
    ["12", null],
  ])("parses the cell %j", (address, expected) => {
    expect(parseCellAddress(address)).toEqual(expected);
  });

  it.each([
    ["C12:A10", { top: 10, left: 1, bottom: 12, right: 3 }, "A10:C12"],
    ["$B$2:$B$2", { top: 2, left: 2, bottom: 2, right: 2 }, "B2"],
    ["3:5", { top: 3, left: 1, bottom: 5, right: 16384 }, "A3:XFD5"],
    ["D:B", { top: 1, left: 2, bottom: 1048576, right: 4 }, "B1:D1048576"],
  ])("reads the range %j and writes it back", (address, rect, written) => {
    expect(parseRangeAddress(address)).toEqual(rect);
    expect(rangeAddress(rect)).toBe(written);
  });

  it.each(["A1:B2:C3", "A1,B2", "0:1", "A:XFE", "A1:"])("refuses the range %j", (address) => {
    expect(parseRangeAddress(address)).toBeNull();
  });

  it("bounds several cells and ranges, and gives up on one it cannot read", () => {
    expect(boundingRect(["C12", "A10:B11", "M12"])).toEqual({ top: 10, left: 1, bottom: 12, right: 13 });
    expect(boundingRect([])).toBeNull();
    expect(boundingRect(["C12", "#REF!"])).toBeNull();
  });

  it.each([
    ["So sánh", "$F$7", "'So sánh'!$F$7"],
    ["01 52-01 2025-12", "B12", "'01 52-01 2025-12'!B12"],
    ["Nam's", "A1:B2", "'Nam''s'!A1:B2"],
  ])("qualifies %j!%s and reads it back", (sheet, address, qualified) => {
    expect(sheetQualified(sheet, address)).toBe(qualified);
    expect(stripSheet(qualified)).toBe(address);
    expect(sheetNameOf(qualified)).toBe(sheet);
  });

  it.each([
    ["Sheet1!B2", "Sheet1"],
    ["B2", null],
    ["''!B2", ""],
  ])("reads the sheet of %j", (address, sheet) => {
    expect(sheetNameOf(address)).toBe(sheet);
  });
});
