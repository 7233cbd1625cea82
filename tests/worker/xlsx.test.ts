import { beforeAll, describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { api, json } from "./fixtures";
import { seedComparisonScenario } from "./submission-data";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

async function download(path: string, token: string) {
  const started = Date.now();
  const res = await api("GET", path, { token, accept: XLSX });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { res, bytes, ms: Date.now() - started };
}

async function open(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes.buffer as ArrayBuffer);
  return wb;
}

/** The row whose column B holds `code`. */
function rowOf(ws: ExcelJS.Worksheet, code: string): ExcelJS.Row {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(2).value === code) return ws.getRow(r);
  throw new Error(`no row for ${code}`);
}

const formulaOf = (cell: ExcelJS.Cell) => (cell.value as ExcelJS.CellFormulaValue).formula;
const resultOf = (cell: ExcelJS.Cell) => (cell.value as ExcelJS.CellFormulaValue).result;
const NATIONAL = "So sánh VN 01 2025-10";
const fillOf = (cell: ExcelJS.Cell) => ((cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb ?? null);

beforeAll(seedComparisonScenario);

describe("comparison sheet as .xlsx", () => {
  it("downloads the national sheet with an ASCII file name", async () => {
    const { res, bytes, ms } = await download("/api/v1/comparisons?parent=VN&form=01&period=2025-10", "demo-national");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe(XLSX);
    expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="so-sanh-VN-01-2025-10.xlsx"');
    expect(Array.from(bytes.slice(0, 2))).toEqual([0x50, 0x4b]); // a zip package
    console.log(`national comparison .xlsx: ${bytes.length} bytes in ${ms} ms (workerd, test machine)`);
  });

  it("has the title block, one row per province and the total, numbers as numbers", async () => {
    const wb = await open((await download("/api/v1/comparisons?parent=VN&form=01&period=2025-10", "demo-national")).bytes);
    const ws = wb.getWorksheet(NATIONAL)!;
    expect(ws.getCell("A1").value).toBe("BẢNG SO SÁNH KẾT QUẢ THI HÀNH ÁN DÂN SỰ TÍNH BẰNG VIỆC");
    expect(String(ws.getCell("A2").value)).toContain("Toàn quốc");
    expect(String(ws.getCell("A2").value)).toContain("từ ngày 01/10/2025 đến ngày 31/10/2025");
    // 03:00 UTC is 10:00 in Hà Nội
    expect(ws.getCell("A3").value).toBe("Nguồn: THADS Thống kê (máy chủ thads.test), lấy lúc 10:00 03/12/2025 (giờ Việt Nam).");

    const gialai = rowOf(ws, "52");
    expect(gialai.getCell(3).value).toBe("THADS tỉnh Gia Lai");
    expect(gialai.getCell(4).value).toBe(185);
    expect(gialai.getCell(5).value).toBe(295);
    expect(gialai.getCell(4).numFmt).toBe("#,##0");
    expect(gialai.getCell(7).value).toBe(70);
    expect(gialai.getCell(11).value).toBe(2); // rank
    const total = rowOf(ws, "VN");
    expect(total.getCell(3).value).toBe("Toàn quốc");
    expect(total.getCell(4).value).toBe(225);
    expect(total.getCell(5).value).toBe(345);
    expect(rowOf(ws, "01").getCell(4).value).toBeNull(); // Hà Nội sent nothing: empty, not 0
    expect(rowOf(ws, "01").getCell(15).value).toBe("Chưa báo cáo");
    const provinces = [];
    for (let r = 1; r <= ws.rowCount; r++) if (/^\d{2}$/.test(String(ws.getRow(r).getCell(2).value))) provinces.push(r);
    expect(provinces).toHaveLength(34);
  });

  it("computes the rate and the gaps with formulas, as printed, with cached results for viewers that do not calculate", async () => {
    const { bytes } = await download("/api/v1/comparisons?parent=VN&form=01&period=2025-10", "demo-national");
    const ws = (await open(bytes)).getWorksheet(NATIONAL)!;
    const r = rowOf(ws, "52");
    const n = r.number;
    expect(formulaOf(r.getCell(6))).toBe(`IF(AND(ISNUMBER(E${n}),E${n}>0),ROUND(D${n}*100/E${n},2),"")`);
    expect(resultOf(r.getCell(6))).toBe(62.71);
    expect(r.getCell(6).numFmt).toBe('0.00"%"');
    expect(formulaOf(r.getCell(8))).toBe(`IF(AND(ISNUMBER(F${n}),ISNUMBER(G${n})),ROUND(F${n}-G${n},2),"")`);
    expect(resultOf(r.getCell(8))).toBe(-7.29);
    expect(r.getCell(8).numFmt).toBe("+0.00;-0.00;0.00");
    // and Excel is told to recompute everything when it opens the file
    const workbookXml = await (await JSZip.loadAsync(bytes)).file("xl/workbook.xml")!.async("string");
    expect(workbookXml).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
  });

  it("colours below-target rates red and met ones green, statically and with conditional formats", async () => {
    const wb = await open((await download("/api/v1/comparisons?parent=VN&form=01&period=2025-10", "demo-national")).bytes);
    const ws = wb.getWorksheet(NATIONAL)!;
    expect(fillOf(rowOf(ws, "52").getCell(6))).toBe("FFFFC7CE"); // 62,71% < 70%
    expect(fillOf(rowOf(ws, "79").getCell(6))).toBe("FFC6EFCE"); // 80% ≥ 70%
    expect(fillOf(rowOf(ws, "01").getCell(6))).toBeNull(); // no rate, no colour
    // exceljs reads conditional formats back but leaves them out of its type declarations
    const loaded = (ws as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings;
    const rules = loaded.flatMap((cf) => cf.rules.map((rule) => ({ ref: cf.ref, rule })));
    const first = rowOf(ws, "01").number;
    const red = rules.find((x) => x.ref.startsWith(`F${first}:`) && (x.rule as ExcelJS.ExpressionRuleType).formulae?.[0]?.includes("<"));
    expect((red?.rule as ExcelJS.ExpressionRuleType).formulae?.[0]).toBe(`AND(ISNUMBER($F${first}),ISNUMBER($G${first}),$F${first}<$G${first})`);
    expect(rules.some((x) => x.ref.startsWith(`H${first}:`))).toBe(true);
  });

  it("is an Excel table under a frozen header, printed A4 landscape one page wide", async () => {
    const { bytes } = await download("/api/v1/comparisons?parent=52&form=01&period=2025-10", "demo-province-52");
    const ws = (await open(bytes)).getWorksheet("So sánh 52 01 2025-10")!;
    const header = rowOf(ws, "52-00").number - 1;
    expect(header).toBe(6);
    expect(ws.getRow(header).getCell(6).value).toBe("Tỷ lệ thi hành xong về việc (%)");
    // the 15 offices are the table; the province total stays below it
    const table = await (await JSZip.loadAsync(bytes)).file("xl/tables/table1.xml")!.async("string");
    expect(table).toMatch(new RegExp(`<table [^>]*name="BangSoLieu"[^>]*ref="A${header}:P${header + 15}"`));
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: header });
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
    expect(ws.pageSetup.printTitlesRow).toBe(`${header}:${header}`);
    expect(rowOf(ws, "52").getCell(4).value).toBe(185); // the province total
  });

  it("carries a bar chart sorted by rate with the target line and below-target bars in red", async () => {
    const { bytes } = await download("/api/v1/comparisons?parent=VN&form=01&period=2025-10", "demo-national");
    const zip = await JSZip.loadAsync(bytes);
    const chart = await zip.file("xl/charts/chart1.xml")!.async("string");
    expect(chart).toContain('<c:barDir val="col"/>');
    expect(chart).toContain("<c:lineChart>");
    // Only the two provinces with data are drawn, best first: TP HCM 80%, Gia Lai 62,71%
    const cats = [...chart.matchAll(/<c:cat>.*?<\/c:cat>/g)][0]![0];
    expect([...cats.matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((m) => m[1])).toEqual(["Hồ Chí Minh", "Gia Lai"]);
    expect(chart).toContain(`<c:dPt><c:idx val="1"/><c:invertIfNegative val="0"/><c:bubble3D val="0"/><c:spPr><a:solidFill><a:srgbClr val="C62828"/>`);
    expect(chart).not.toContain('<c:dPt><c:idx val="0"/>');
    // The chart's data sit right of the table, sorted, on the same sheet as in the task pane.
    expect(chart).toContain(`<c:f>'${NATIONAL}'!$S$7:$S$8</c:f>`);
    const types = await zip.file("[Content_Types].xml")!.async("string");
    expect(types).toContain('PartName="/xl/charts/chart1.xml"');
    const ws = (await open(bytes)).getWorksheet(NATIONAL)!;
    expect(ws.getCell("R7").value).toBe("Hồ Chí Minh");
    expect(ws.getCell("S8").value).toBe(62.71);
  });

  it("answers JSON and CSV as before, and checks the scope before building a workbook", async () => {
    expect((await api("GET", "/api/v1/comparisons?parent=VN&form=01&period=2025-10", { token: "demo-national" })).headers.get("Content-Type")).toContain("application/json");
    const forbidden = await api("GET", "/api/v1/comparisons?parent=79&form=01&period=2025-10", { token: "demo-province-52", accept: XLSX });
    expect(forbidden.status).toBe(403);
    expect((await json(forbidden)).error.code).toBeDefined();
  });
});

describe("roll-up as .xlsx", () => {
  it("lists the province's offices in the form's columns, derived columns as formulas, the stored total last", async () => {
    const { res, bytes } = await download("/api/v1/rollups?unit=52&form=01&period=2025-10", "demo-province-52");
    expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="tong-hop-52-01-2025-10.xlsx"');
    const wb = await open(bytes);
    const ws = wb.getWorksheet("Tổng hợp 52 01 2025-10")!;
    expect(ws.getCell("A1").value).toBe("BẢNG TỔNG HỢP KẾT QUẢ THI HÀNH ÁN DÂN SỰ TÍNH BẰNG VIỆC");
    expect(String(ws.getCell("A4").value)).toContain("Đã báo cáo: 2/15 đơn vị.");
    const office = rowOf(ws, "52-01");
    const n = office.number;
    // the paper form's column numbers in the headers
    expect(ws.getRow(n - 2).getCell(4).value).toBe("(1) Tổng số thụ lý");
    expect(formulaOf(office.getCell(4))).toBe(`E${n}+F${n}`); // tong_thu_ly = năm trước + thụ lý mới
    expect(resultOf(office.getCell(4))).toBe(100);
    expect(formulaOf(office.getCell(9))).toBe(`D${n}-G${n}-H${n}`); // phải thi hành = thụ lý − ủy thác − thu hồi, hủy
    expect(formulaOf(office.getCell(10))).toBe(`SUM(K${n},L${n},M${n})`); // có điều kiện
    expect(office.getCell(11).value).toBe(80); // thi hành xong, typed by the clerk
    expect(resultOf(office.getCell(17))).toBe(89.47);
    const total = rowOf(ws, "52");
    expect(total.getCell(3).value).toBe("Tổng cộng THADS tỉnh Gia Lai");
    expect(total.getCell(11).value).toBe(180);
    expect(resultOf(total.getCell(10))).toBe(295);
    // 52-02's 20 cases in hoãn, tạm đình chỉ, khác: in phải thi hành, outside có điều kiện.
    expect(total.getCell(15).value).toBe(20);
    expect(resultOf(total.getCell(9))).toBe(320);
    expect(rowOf(ws, "52-03").getCell(4).value).toBeNull();
  });

  it("gives a reporting unit its own single row", async () => {
    const wb = await open((await download("/api/v1/rollups?unit=79-01&form=02&period=2025-10", "demo-province-79")).bytes);
    const ws = wb.getWorksheet("Tổng hợp 79-01 02 2025-10")!;
    const row = rowOf(ws, "79-01");
    expect(row.getCell(11).value).toBe(600_000);
    expect(row.getCell(13).value).toBe(10_000); // giam, column 10 of form 02
    // 600.000 / 1.000.000: giảm is not money collected, so by default not done (docs/domain.md)
    expect(resultOf(row.getCell(18))).toBe(60);
    // chuyển kỳ sau: 1.000.000 − 600.000 − 10.000 giảm, which is no longer owed
    expect(resultOf(row.getCell(21))).toBe(390_000);
  });
});

describe("completeness as .xlsx", () => {
  it("lists every expected report with its status, the late ones coloured, and both deadlines", async () => {
    const { res, bytes } = await download("/api/v1/completeness?parent=79&period=2025-10", "demo-province-79");
    expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="tinh-hinh-nop-79-2025-10.xlsx"');
    const wb = await open(bytes);
    const ws = wb.getWorksheet("Nộp báo cáo 79 2025-10")!;
    const units = 19;
    // Every form in force is expected of every office (01 to 06, 08, 12).
    const forms = 8;
    // regional offices: 2 working days after 31/10/2025; the province's own office: 4
    expect(ws.getCell("A4").value).toBe(
      `Phải nộp ${units * forms} báo cáo: đúng hạn 0, nộp muộn 2, chưa nộp ${units * forms - 2} (đúng hạn 0,00%). ` +
        "Hạn nộp: Phòng THADS khu vực 23:59 04/11/2025; văn phòng THADS tỉnh 23:59 06/11/2025.",
    );
    const late = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      if (row.getCell(2).value === "79-01" && row.getCell(5).value !== "Chưa nộp") late.push({ status: row.getCell(5).value, fill: fillOf(row.getCell(5)), submitted: row.getCell(7).value });
    }
    expect(late).toHaveLength(2);
    expect(late[0]).toMatchObject({ status: "Nộp muộn", fill: "FFFFEB9C" });
    // 2025-12-03 03:00 UTC = 10:00 in Hà Nội, as an Excel date serial
    expect(late[0]!.submitted).toBeInstanceOf(Date);
  });
});
