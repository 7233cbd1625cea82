import ExcelJS from "exceljs";
import type { TokenBulkIssued } from "../../../shared/api/schemas";
import { vietnamDateOf } from "../../../shared/periods/deadlines";
import { dateLabel } from "../../../shared/periods/labels";
import { stripControlCharacters } from "../../../shared/text/characters";

/**
 * The printable handout of a province's new tokens: one row per office, to cut into slips and
 * hand to each clerk. It is the only place the tokens exist (the server keeps hashes), so the
 * sheet says so. A4 portrait, one page wide, header row repeated, the token in a fixed-width
 * font so that 0/O and l/1 can be told apart when typed.
 */
export async function tokenHandoutXlsx(issued: TokenBulkIssued, serverOrigin: string): Promise<Uint8Array<ArrayBuffer>> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "THADS Thống kê";
  const ws = wb.addWorksheet("Mã truy cập", {
    pageSetup: { paperSize: 9, orientation: "portrait", fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: "5:5" },
  });
  ws.columns = [{ width: 5 }, { width: 10 }, { width: 34 }, { width: 24 }, { width: 48 }, { width: 12 }];
  const issuedOn = dateLabel(vietnamDateOf(issued.issuedAt));
  const lastDay = dateLabel(vietnamDateOf(issued.expiresAt));
  const title = ws.getCell("A1");
  // The heads' handout says whose tokens these are: they confirm reports, the clerks send them.
  const whose = issued.tokens.length > 0 && issued.tokens.every((t) => t.role === "head") ? " — THỦ TRƯỞNG ĐƠN VỊ" : "";
  title.value = `MÃ TRUY CẬP THADS THỐNG KÊ${whose} — ${stripControlCharacters(issued.provinceName).toUpperCase()}`;
  title.font = { bold: true, size: 13 };
  ws.mergeCells("A1:F1");
  ws.getCell("A2").value = `Cấp ngày ${issuedOn}; có hiệu lực đến hết ngày ${lastDay}. Máy chủ: ${serverOrigin}`;
  ws.mergeCells("A2:F2");
  const warn = ws.getCell("A3");
  warn.value =
    "Mỗi mã chỉ có trong tệp này (máy chủ chỉ lưu bản băm): cắt theo từng dòng, trao tận tay người giữ mã; " +
    "không gửi qua thư điện tử hay tin nhắn. Nhập mã vào thẻ Cài đặt của add-in. Mất mã: báo THADS tỉnh để thu hồi và cấp mã mới.";
  warn.alignment = { wrapText: true, vertical: "top" };
  warn.font = { italic: true, size: 10 };
  ws.getRow(3).height = 42;
  ws.mergeCells("A3:F3");

  const header = ws.getRow(5);
  header.values = ["STT", "Mã đơn vị", "Đơn vị", "Người giữ mã", "Mã truy cập", "Hết hạn"];
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
    cell.border = { bottom: { style: "thin" } };
  });
  issued.tokens.forEach((t, i) => {
    const row = ws.getRow(6 + i);
    row.values = [i + 1, t.unit, stripControlCharacters(t.unitName), stripControlCharacters(t.label), t.token, lastDay];
    row.getCell(5).font = { name: "Consolas", size: 11 };
    row.height = 30;
    row.alignment = { vertical: "middle", wrapText: true };
    // A dashed line under each row: where the scissors go.
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = { bottom: { style: "dashed" } };
    });
  });
  const written = await wb.xlsx.writeBuffer();
  return new Uint8Array(written instanceof Uint8Array ? written : new Uint8Array(written as ArrayBuffer));
}

/** ma-truy-cap-52-2026-10-01.xlsx */
export function handoutFilename(province: string, issuedAt: string, role: "clerk" | "head" = "clerk"): string {
  return `ma-truy-cap-${role === "head" ? "thu-truong-" : ""}${province}-${vietnamDateOf(issuedAt)}.xlsx`;
}
