import { afterEach, describe, expect, it } from "vitest";
import {
  evaluateFormula,
  FakeOfficeError,
  MemoryWorkbook,
  installFakeOffice,
  type FakeApiLevel,
  type InstalledOffice,
} from "../../addin/testing";

let installed: InstalledOffice | null = null;

function install(apiLevel: FakeApiLevel, workbook?: MemoryWorkbook): MemoryWorkbook {
  if (installed) installed.uninstall();
  installed = installFakeOffice(globalThis, workbook ? { apiLevel, workbook } : { apiLevel });
  return installed.workbook;
}

afterEach(() => {
  if (installed) installed.uninstall();
  installed = null;
});

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    return (e as { code?: string }).code || "no code: " + String(e);
  }
  return "no error";
}

describe("the in-memory workbook behaves like Office.js where add-ins break", () => {
  it("queues commands until context.sync() and counts every sync", async () => {
    const wb = install("1.1");
    await Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B1");
      r.values = [[1, 2]];
      expect(wb.values("Sheet1", "A1:B1")).toEqual([["", ""]]);
      await ctx.sync();
      expect(wb.values("Sheet1", "A1:B1")).toEqual([[1, 2]]);
    });
    expect(wb.syncCount).toBe(1);
  });

  it("throws PropertyNotLoaded for a property read before load() and sync()", async () => {
    install("1.1");
    const code = await codeOf(
      Excel.run(async (ctx) => {
        const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1");
        r.load("values");
        return r.values;
      }),
    );
    expect(code).toBe("PropertyNotLoaded");
    const ok = await Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1");
      r.load("values");
      await ctx.sync();
      return r.values;
    });
    expect(ok).toEqual([[""]]);
  });

  it.each([
    ["Range.merge (1.2)", (ctx: Excel.RequestContext) => ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B1").merge()],
    ["column width (1.2)", (ctx: Excel.RequestContext) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A:A").format.columnWidth = 40;
    }],
    ["protection (1.2)", (ctx: Excel.RequestContext) => ctx.workbook.worksheets.getItem("Sheet1").protection.protect()],
    ["onChanged (1.7)", (ctx: Excel.RequestContext) => ctx.workbook.worksheets.getItem("Sheet1").onChanged.add(async () => undefined)],
    ["pageLayout (1.9)", (ctx: Excel.RequestContext) => {
      ctx.workbook.worksheets.getItem("Sheet1").pageLayout.orientation = "Landscape";
    }],
    ["comments (1.10)", (ctx: Excel.RequestContext) => ctx.workbook.comments.add("Sheet1!A1", "x")],
    ["notes (1.18)", (ctx: Excel.RequestContext) => ctx.workbook.worksheets.getItem("Sheet1").notes.add("A1", "x")],
    ["fill tintAndShade (1.9)", (ctx: Excel.RequestContext) => ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").format.fill.load("tintAndShade")],
  ])("refuses %s on ExcelApi 1.1", async (_name, use) => {
    install("1.1");
    expect(await codeOf(Excel.run(async (ctx) => {
      use(ctx);
      await ctx.sync();
    }))).toBe("ApiNotFound");
  });

  it("reports requirement sets up to its level only", () => {
    install("1.7");
    expect(Office.context.requirements.isSetSupported("ExcelApi", "1.7")).toBe(true);
    expect(Office.context.requirements.isSetSupported("ExcelApi", "1.10")).toBe(false);
    expect(Office.context.requirements.isSetSupported("ExcelApi", "1.2")).toBe(true);
    expect(Office.context.requirements.isSetSupported("WordApi", "1.1")).toBe(false);
  });

  it("reads typed text the way Excel does: formulas, numbers, text after an apostrophe", () => {
    const wb = new MemoryWorkbook();
    wb.type("Sheet1", "A1", "12");
    wb.type("Sheet1", "A2", "'12");
    wb.type("Sheet1", "A3", "=A1+5");
    wb.type("Sheet1", "A4", "Phòng THADS");
    expect(wb.values("Sheet1", "A1:A4")).toEqual([[12], ["12"], [17], ["Phòng THADS"]]);
    expect(wb.cell("Sheet1", "A3").formula).toBe("=A1+5");
  });

  it("evaluates the formulas a form uses, so totals move as the clerk types", () => {
    const wb = new MemoryWorkbook();
    wb.type("Sheet1", "B1", "=SUM(C1,D1,E1:F1)");
    wb.type("Sheet1", "A1", "=B1-C1");
    expect(wb.cell("Sheet1", "B1").value).toBe(0);
    wb.type("Sheet1", "C1", 5);
    wb.type("Sheet1", "D1", 7);
    wb.type("Sheet1", "F1", 100);
    expect(wb.cell("Sheet1", "B1").value).toBe(112);
    expect(wb.cell("Sheet1", "A1").value).toBe(107);
  });

  it("gives Excel's error values, never a JavaScript exception", () => {
    const read = (r: number, c: number): number | string | null => (r === 1 && c === 1 ? "abc" : r === 1 && c === 2 ? 0 : null);
    expect(evaluateFormula("=A1+1", read)).toBe("#VALUE!");
    expect(evaluateFormula("=SUM(A1:B1)", read)).toBe(0);
    expect(evaluateFormula("=1/B1", read)).toBe("#DIV/0!");
    expect(evaluateFormula("=VLOOKUP(1)", read)).toBe("#NAME?");
    expect(evaluateFormula("=-(2+3)*2", read)).toBe(-10);
    expect(evaluateFormula("=MAX(1,5,ABS(-9))", read)).toBe(9);
  });

  it("reports no fill as white, as Office.js does, and tells them apart only through tintAndShade", async () => {
    const wb = install("1.10");
    wb.setFill("Sheet1", "A2", "#ffffff");
    const read = await Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Sheet1");
      const a = s.getRange("A1").format.fill;
      const b = s.getRange("A2").format.fill;
      a.load("color,tintAndShade");
      b.load("color,tintAndShade");
      await ctx.sync();
      return [a.color, a.tintAndShade, b.color, b.tintAndShade];
    });
    expect(read).toEqual(["#FFFFFF", null, "#FFFFFF", 0]);
  });

  it("refuses edits of locked cells on a protected sheet, and a second protect()", async () => {
    const wb = install("1.7");
    await Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Sheet1");
      s.getRange("B1").format.protection.locked = false;
      s.protection.protect({ allowFormatCells: true });
      await ctx.sync();
    });
    wb.type("Sheet1", "B1", 3);
    expect(() => wb.type("Sheet1", "A1", 3)).toThrow(FakeOfficeError);
    expect(await codeOf(Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [[1]];
      await ctx.sync();
    }))).toBe("AccessDenied");
    expect(await codeOf(Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").protection.protect();
      await ctx.sync();
    }))).toBe("InvalidOperation");
  });

  it("refuses a 2-D array of the wrong shape, and leaves cells given null unchanged", async () => {
    const wb = install("1.1");
    wb.type("Sheet1", "B1", 9);
    expect(await codeOf(Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B1").values = [[1]];
      await ctx.sync();
    }))).toBe("InvalidArgument");
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B1").values = [[1, null]];
      await ctx.sync();
    });
    expect(wb.values("Sheet1", "A1:B1")).toEqual([[1, 9]]);
  });

  it("fails the batch at sync for a sheet that does not exist", async () => {
    install("1.1");
    expect(await codeOf(Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Không có").getRange("A1").load("values");
      await ctx.sync();
    }))).toBe("ItemNotFound");
  });

  it("syncs what is still queued when the batch returns, like Excel.run", async () => {
    const wb = install("1.1");
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [[5]];
    });
    expect(wb.values("Sheet1", "A1")).toEqual([[5]]);
    expect(wb.syncCount).toBe(1);
  });

  it("calls onChanged handlers after the sync that changed cells, and stops after remove()", async () => {
    const wb = install("1.7");
    const seen: string[] = [];
    const registration = await Excel.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Sheet1").onChanged.add(async (e) => {
        seen.push(e.address);
      });
      await ctx.sync();
      return r;
    });
    wb.type("Sheet1", "C3", 1);
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("D4:E4").values = [[1, 2]];
      await ctx.sync();
    });
    await wb.settled();
    expect(seen).toEqual(["C3", "D4:E4"]);
    await Excel.run(registration.context, async (ctx) => {
      registration.remove();
      await ctx.sync();
    });
    wb.type("Sheet1", "C3", 2);
    await wb.settled();
    expect(seen).toHaveLength(2);
  });

  it("keeps cells, formats, notes and comments across a reopen, but not event handlers", async () => {
    const wb = install("1.18");
    await Excel.run(async (ctx) => {
      const s = ctx.workbook.worksheets.getItem("Sheet1");
      s.getRange("A1").values = [["giữ lại"]];
      s.getRange("A1").format.fill.color = "#FFC7CE";
      s.notes.add("A1", "ghi chú");
      s.onChanged.add(async () => undefined);
      await ctx.sync();
    });
    const again = wb.reopen({ apiLevel: "1.1" });
    expect(again.apiLevel).toBe("1.1");
    expect(again.cell("Sheet1", "A1")).toMatchObject({ value: "giữ lại", fill: "#FFC7CE", note: "ghi chú" });
    expect(again.sheetInfo("Sheet1").changedHandlers).toBe(0);
    expect(again.syncCount).toBe(0);
  });

  it("puts the previous globals back on uninstall", () => {
    const g = globalThis as Record<string, unknown>;
    const before = g.Excel;
    const office = installFakeOffice(globalThis, { apiLevel: "1.1" });
    expect(g.Excel).not.toBe(before);
    office.uninstall();
    expect(g.Excel).toBe(before);
  });
});

describe("tables, conditional formats and charts in the in-memory workbook", () => {
  it("keeps every API at its ExcelApi level: rules 1.6, combo series and freeze panes 1.7", async () => {
    install("1.1");
    expect(await codeOf(Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:A3").conditionalFormats.add("Custom");
    }))).toBe("ApiNotFound");
    expect(await codeOf(Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").freezePanes.freezeRows(1);
    }))).toBe("ApiNotFound");
    const wb = installed!.workbook;
    wb.type("Sheet1", "A1", "Đơn vị");
    wb.type("Sheet1", "B1", "Tỷ lệ");
    wb.type("Sheet1", "A2", "Gia Lai");
    wb.type("Sheet1", "B2", 80);
    expect(await codeOf(Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("Sheet1");
      const chart = sheet.charts.add("ColumnClustered", sheet.getRange("A1:B2"), "Columns");
      chart.series.getItemAt(0).chartType = "Line";
    }))).toBe("ApiNotFound");
    // Tables, charts and point colours are ExcelApi 1.1.
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("Sheet1");
      sheet.tables.add("A1:B2", true).style = "TableStyleLight1";
      const chart = sheet.charts.add("ColumnClustered", sheet.getRange("A1:B2"), "Columns");
      chart.series.getItemAt(0).points.getItemAt(0).format.fill.setSolidColor("#C62828");
      await ctx.sync();
    });
    const info = wb.sheetInfo("Sheet1");
    expect(info.tables).toEqual([{ name: "Table1", address: "A1:B2", headers: ["Đơn vị", "Tỷ lệ"], style: "TableStyleLight1", showTotals: false }]);
    expect(info.charts.map((c) => [c.categories, c.series[0]!.name, c.series[0]!.values, c.series[0]!.pointFills])).toEqual([
      [["Gia Lai"], "Tỷ lệ", [80], { 0: "#C62828" }],
    ]);
  });

  it("refuses a table over merged cells or another table, and a chart point that does not exist", async () => {
    const wb = install("1.7");
    wb.type("Sheet1", "A2", "x");
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1:C1").merge(false);
      await ctx.sync();
    });
    expect(await codeOf(Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").tables.add("A1:C3", true);
      await ctx.sync();
    }))).toBe("InvalidOperation");
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").tables.add("A2:C3", true);
      await ctx.sync();
    });
    expect(await codeOf(Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").tables.add("B3:D4", true);
      await ctx.sync();
    }))).toBe("InvalidOperation");
    wb.type("Sheet1", "E1", "Tỷ lệ");
    wb.type("Sheet1", "E2", 1);
    expect(await codeOf(Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("Sheet1");
      sheet.charts.add("ColumnClustered", sheet.getRange("E1:E2"), "Columns").series.getItemAt(0).points.getItemAt(5).format.fill.setSolidColor("#000000");
      await ctx.sync();
    }))).toBe("ItemNotFound");
  });

  it("appends table rows as Excel does: the last row's formats, cells below moved down, refused on a protected sheet", async () => {
    const wb = install("1.7");
    wb.type("Sheet1", "A1", "STT");
    wb.type("Sheet1", "B1", "Việc");
    wb.type("Sheet1", "A2", 1);
    wb.type("Sheet1", "B4", "ghi chú dưới bảng");
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("Sheet1");
      sheet.tables.add("A1:B2", true);
      sheet.getRange("A2:B2").numberFormat = [["0", "@"]];
      await ctx.sync();
      const rows = sheet.tables.getItemAt(0).rows;
      rows.add(undefined, [[2, ""], [3, "'007"]]);
      rows.load("count");
      await ctx.sync();
      expect(rows.count).toBe(3);
    });
    expect(wb.sheetInfo("Sheet1").tables.map((t) => t.address)).toEqual(["A1:B4"]);
    expect(wb.values("Sheet1", "A3:B4")).toEqual([[2, ""], [3, "007"]]);
    expect(wb.cell("Sheet1", "B4").numberFormat).toBe("@");
    expect(wb.values("Sheet1", "B6")).toEqual([["ghi chú dưới bảng"]]);
    expect(await codeOf(Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").tables.getItemAt(0).rows.add(1, [[9, ""]]);
      await ctx.sync();
    }))).toBe("InvalidArgument");
    expect(await codeOf(Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("Sheet1");
      sheet.protection.protect();
      sheet.tables.getItemAt(0).rows.add(undefined, [[4, ""]]);
      await ctx.sync();
    }))).toBe("AccessDenied");
    expect(wb.sheetInfo("Sheet1").tables.map((t) => t.address)).toEqual(["A1:B4"]);
  });

  it("shows a conditional format where its rule holds, the rule moving with the cell like Excel's", async () => {
    const wb = install("1.7");
    for (const [a, v] of [["A1", 70], ["B1", 80], ["A2", 90], ["B2", 80]] as const) wb.type("Sheet1", a, v);
    await Excel.run(async (ctx) => {
      const cf = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:A3").conditionalFormats.add("Custom");
      cf.custom.rule.formula = '=AND(ISNUMBER($A1),ISNUMBER($B1),$A1<$B1)';
      cf.custom.format.fill.color = "#FFC7CE";
      await ctx.sync();
    });
    expect(wb.displayed("Sheet1", "A1")).toMatchObject({ fill: "#FFC7CE" });
    expect(wb.displayed("Sheet1", "A2").fill).toBeNull();
    // An empty cell is not a number: no colour.
    expect(wb.displayed("Sheet1", "A3").fill).toBeNull();
    // The report sheets' rates and differences: IF and ROUND, half away from zero as in Excel.
    expect(evaluateFormula('=IF(1,2,3)', () => null)).toBe(2);
    expect(evaluateFormula('=IF(AND(ISNUMBER(A1),A1>0),ROUND(185*100/A1,2),"")', () => 295)).toBe(62.71);
    expect(evaluateFormula('=IF(AND(ISNUMBER(A1),A1>0),ROUND(185*100/A1,2),"")', () => null)).toBe("");
    expect(evaluateFormula('=ROUND(-2.5,0)', () => null)).toBe(-3);
    // Anything the double does not know is an error value, never an exception.
    expect(evaluateFormula('=VLOOKUP(1,A1:B2,2)', () => null)).toBe("#NAME?");
    expect(evaluateFormula('="Chưa nộp"="chưa nộp"', () => null)).toBe(true);
  });
});

