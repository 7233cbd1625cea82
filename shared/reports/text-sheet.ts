import { rangeAddress } from "../a1";
import { asText, FONT_NAME, REPORT_FORMATS, type BlockStyle, type Cell, type ReportLayout } from "./grid";
import type { ReportText } from "./text";

/**
 * The report text as a sheet, for the pane's "write it into Excel": the title, the scope and
 * source lines, then one paragraph per row, each merged across the page and wrapped, its
 * height estimated from its length (Excel does not grow merged rows by itself).
 */
const COLUMNS = 10;
const WIDTH = 72;
/** Characters of 11 pt Times New Roman on a line of the ten columns, roughly. */
const CHARS_PER_LINE = 130;

export function layoutReportText(t: ReportText, name: string): ReportLayout {
  const rows: string[] = [t.title].concat(t.lines, [""], t.paragraphs);
  const values: Cell[][] = [];
  const contents: Cell[][] = [];
  const formats: string[][] = [];
  const styles: BlockStyle[] = [];
  const heights: { row: number; height: number }[] = [];
  rows.forEach((text, i) => {
    const v: Cell[] = [];
    const c: Cell[] = [];
    const f: string[] = [];
    for (let k = 0; k < COLUMNS; k++) {
      v.push(k === 0 ? text : "");
      c.push(k === 0 && text !== "" ? asText(text) : "");
      f.push(REPORT_FORMATS.general);
    }
    values.push(v);
    contents.push(c);
    formats.push(f);
    const row = i + 1;
    const block = rangeAddress({ top: row, left: 1, bottom: row, right: COLUMNS });
    if (i === 0) styles.push({ address: block, merge: true, bold: true, size: 14, hAlign: "Center" });
    else if (i <= t.lines.length) styles.push({ address: block, merge: true, italic: true, hAlign: "Center" });
    else if (text !== "") {
      styles.push({ address: block, merge: true, wrap: true, vAlign: "Top", hAlign: "Left", bold: /^\d+\. /.test(text) });
      heights.push({ row, height: 16 * Math.max(1, Math.ceil(text.length / CHARS_PER_LINE)) });
    }
  });
  styles.unshift({ address: rangeAddress({ top: 1, left: 1, bottom: rows.length, right: COLUMNS }), fontName: FONT_NAME, size: 11 });
  const widths: number[] = [];
  for (let k = 0; k < COLUMNS; k++) widths.push(WIDTH);
  return {
    kind: "text",
    sheetName: name,
    fileName: name + ".xlsx",
    title: t.title,
    lines: t.lines,
    columnCount: COLUMNS,
    blockAddress: rangeAddress({ top: 1, left: 1, bottom: rows.length, right: COLUMNS }),
    values,
    contents,
    numberFormats: formats,
    styles,
    columnWidths: widths,
    rowHeights: [{ row: 1, height: 22 }].concat(heights),
    headerRow: 1,
    headers: [],
    dataRows: null,
    totalRow: null,
    tableAddress: null,
    staticFills: [],
    conditional: [],
    chart: null,
    lineCharts: [],
    printArea: rangeAddress({ top: 1, left: 1, bottom: rows.length, right: COLUMNS }),
    printTitleRows: "$1:$1",
    notes: [],
    facts: [],
  };
}
