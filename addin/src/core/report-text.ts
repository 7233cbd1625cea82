/**
 * The report text in the pane: the plain text the Worker also serves (so a paste into Word
 * is the same text), the sheet name, and copying to the clipboard in every Excel's webview.
 * DOM-free except `copyText`, which is handed the document and window it works on.
 */
import type { ReportTextDto } from "../../../shared/api/schemas";
import { reportPlainText } from "../../../shared/reports/text-plain";

/** Title, lines, a blank line, paragraphs separated by blank lines: GET /api/v1/reports/text's text/plain, by the same function. */
export function plainText(t: ReportTextDto): string {
  return reportPlainText(t);
}

export function reportSheetName(parent: string, period: string): string {
  return "Báo cáo " + parent + " " + period;
}

interface ClipboardWindow {
  clipboardData?: { setData(format: string, data: string): boolean };
}

/**
 * Copies `text`: IE11 (Excel 2016/2019) has window.clipboardData; other webviews copy the
 * selection of a text area with execCommand("copy") inside the click. Returns whether it worked.
 */
export function copyText(text: string, doc: Document, win: Window): boolean {
  const legacy = (win as unknown as ClipboardWindow).clipboardData;
  if (legacy && typeof legacy.setData === "function") {
    try {
      if (legacy.setData("Text", text)) return true;
    } catch (_e) {
      // refused by the user's settings: try the selection
    }
  }
  const area = doc.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "absolute";
  area.style.left = "-9999px";
  doc.body.appendChild(area);
  area.select();
  let ok = false;
  try {
    ok = doc.execCommand("copy");
  } catch (_e) {
    ok = false;
  }
  doc.body.removeChild(area);
  return ok;
}
