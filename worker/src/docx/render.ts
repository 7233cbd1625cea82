import {
  AlignmentType,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import type { ReportLayout } from "../../../shared/reports/grid";
import { tableRows } from "../../../shared/reports/grid";
import { displayCell } from "../../../shared/reports/display";
import type { ReportText } from "../../../shared/reports/text";

/**
 * The report as a Word document, as the Cục's reports travel: the text on A4 portrait in
 * Times New Roman 13 pt (the size of administrative documents), then each comparison's table
 * on A4 landscape with its summary lines, the cells printed as the sheet shows them
 * (84,25%; 1.234.567). Written with the `docx` package, never hand-written OOXML.
 */
export const DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

const FONT = "Times New Roman";
/** Half-points. */
const BODY = 26;
const TABLE = 14;
/** A4 landscape (16.838 twips) less two 850-twip margins. */
const LANDSCAPE_TEXT_WIDTH = 16838 - 2 * 850;

export function wantsDocx(accept: string | undefined): boolean {
  return (accept ?? "").toLowerCase().includes(DOCX_MIME);
}

function run(text: string, size: number, extra: { bold?: boolean; italics?: boolean } = {}): TextRun {
  return new TextRun({ text, font: FONT, size, ...extra });
}

function tableOf(layout: ReportLayout): Table {
  const rows = tableRows(layout);
  const first = layout.headerRow;
  const total = layout.totalRow;
  // The sheet's column widths, scaled to the landscape page between its margins (twips).
  const widths = layout.columnWidths.slice(0, layout.columnCount).map((w) => Math.max(w, 32));
  const sum = widths.reduce((a, b) => a + b, 0);
  const twips = widths.map((w) => Math.floor((w / sum) * LANDSCAPE_TEXT_WIDTH));
  return new Table({
    width: { size: LANDSCAPE_TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: twips,
    layout: TableLayoutType.FIXED,
    rows: rows.map((cells, i) => {
      const header = i === 0;
      const isTotal = total !== null && first + i === total;
      const formats = layout.numberFormats[first - 1 + i] as string[];
      return new TableRow({
        tableHeader: header,
        children: cells.map((v, c) => {
          const text = v === "" ? "" : displayCell(v, formats[c] as string);
          const numeric = typeof v === "number";
          return new TableCell({
            width: { size: twips[c] as number, type: WidthType.DXA },
            shading: header ? { type: ShadingType.CLEAR, color: "auto", fill: "DDEBF7" } : isTotal ? { type: ShadingType.CLEAR, color: "auto", fill: "F2F2F2" } : undefined,
            children: [new Paragraph({
              alignment: header ? AlignmentType.CENTER : numeric ? AlignmentType.RIGHT : AlignmentType.LEFT,
              children: [run(text, TABLE, { bold: header || isTotal })],
            })],
          });
        }),
      });
    }),
  });
}

export async function renderDocx(text: ReportText, tables: readonly ReportLayout[]): Promise<Uint8Array> {
  const body: Paragraph[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 120 }, children: [run(text.title, 28, { bold: true })] }),
    ...text.lines.map((l) => new Paragraph({ alignment: AlignmentType.CENTER, children: [run(l, 22, { italics: true })] })),
    new Paragraph({ children: [] }),
    ...text.paragraphs.map((p) => {
      const heading = /^\d+\. /.test(p);
      return new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        spacing: { before: heading ? 160 : 60, after: 60, line: 300 },
        indent: heading ? undefined : { firstLine: 567 },
        children: [run(p, BODY, { bold: heading })],
      });
    }),
  ];
  const annex: (Paragraph | Table)[] = [];
  tables.forEach((layout, i) => {
    annex.push(new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: i === 0 ? 0 : 240 }, children: [run(layout.title, 24, { bold: true })] }));
    for (const l of layout.lines) annex.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [run(l, 18, { italics: true })] }));
    annex.push(new Paragraph({ children: [] }));
    annex.push(tableOf(layout));
    for (const n of layout.notes) annex.push(new Paragraph({ spacing: { before: 40 }, children: [run(n, 18, { italics: true })] }));
  });
  const doc = new Document({
    creator: "THADS Thống kê",
    lastModifiedBy: "THADS Thống kê",
    title: text.title,
    styles: { default: { document: { run: { font: FONT, size: BODY } } } },
    sections: [
      { properties: { page: { margin: { top: 1134, bottom: 1134, left: 1701, right: 1134 } } }, children: body },
      { properties: { page: { size: { orientation: PageOrientation.LANDSCAPE }, margin: { top: 850, bottom: 850, left: 850, right: 850 } } }, children: annex },
    ],
  });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}
