/** Tells the clerk, in Vietnamese, what this copy of Excel can do with the add-in. */
import type { Capabilities } from "../excel/types";

export interface CapabilityLine {
  available: boolean;
  text: string;
}

const EXCEL_OF_LEVEL: Record<Capabilities["level"], string> = {
  "1.1": "Excel 2016 trở lên",
  "1.7": "Excel 2019 trở lên",
  "1.8": "Excel 2019 / Microsoft 365",
  "1.10": "Excel 2021 / Microsoft 365",
  "1.18": "Microsoft 365 hoặc Excel trên web",
};

export function capabilityHeadline(c: Capabilities): string {
  return "Excel này hỗ trợ ExcelApi " + c.level + " (" + EXCEL_OF_LEVEL[c.level] + ").";
}

export function capabilityLines(c: Capabilities): CapabilityLine[] {
  return [
    { available: true, text: "Chèn biểu mẫu, đọc số liệu, tô màu ô lỗi và liệt kê lỗi trong ngăn này" },
    {
      available: c.liveValidation,
      text: c.liveValidation
        ? "Tự động kiểm tra lại khi sửa ô"
        : "Tự động kiểm tra khi sửa ô (cần ExcelApi 1.7): hãy bấm “Kiểm tra” sau khi nhập",
    },
    { available: c.dataValidation, text: "Chặn nhập chữ hoặc số âm vào ô nhập liệu (ExcelApi 1.8)" },
    { available: c.comments || c.notes, text: "Ghi nội dung lỗi ngay trên ô (bình luận hoặc ghi chú)" },
  ];
}
