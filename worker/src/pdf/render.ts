/**
 * Draws a revision's document (shared/signoff/document.ts) as an A4 PDF with pdf-lib. Two
 * promises this file keeps, both tested in tests/pdf/revision-pdf.test.ts:
 *
 * - The same document gives the same bytes, on every download and every Worker: no "now"
 *   anywhere (pdf-lib's own dates are switched off and set from the revision's instants),
 *   pdf-lib's name suffixes come from a fixed seed, the fonts are files of this repository.
 *   A head signs the PDF with the USB-token software of a Vietnamese CA, which appends an
 *   incremental update; the bytes before it stay ours, so a signed copy is checked against
 *   the server by hashing its first `length` bytes (docs/engineering.md, "The report document").
 * - Vietnamese renders: DejaVu Serif is embedded (subset to the characters used, see
 *   scripts/subset-fonts.mjs); text is normalised to NFC first, and a character the font
 *   lacks prints as "?" rather than as an invisible glyph.
 */
import { PDFDocument, PDFHexString, PDFName, PDFNumber, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import fontkit from "@pdf-lib/fontkit";
import regularFont from "./fonts/dejavu-serif-vi.ttf";
import boldFont from "./fonts/dejavu-serif-bold-vi.ttf";
import type { RevisionDocument } from "../../../shared/signoff/document";
import { SIGNOFF_WORDS } from "../../../shared/signoff/state";

/** A4 landscape: the forms' tables are wide. */
const PAGE: [number, number] = [841.89, 595.28];
const MARGIN = 36;
const BLACK = rgb(0, 0, 0);
const GREY = rgb(0.35, 0.35, 0.35);
const RULE = rgb(0.3, 0.3, 0.3);
/** Narrowest a column of the table may get before the next columns go to a band below. */
const MIN_COLUMN = 54;
/** The signature field's name, which the head's signing software shows. */
export const SIGNATURE_FIELD = "ChuKyThuTruong";

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  /** Code points both fonts can draw. */
  has: (codePoint: number) => boolean;
}

/** NFC (a name typed with combining marks), and "?" for what the fonts cannot draw. */
function drawable(fonts: Fonts, text: string): string {
  let out = "";
  for (const ch of text.normalize("NFC").replace(/[\t\r\n]+/g, " ")) {
    const cp = ch.codePointAt(0) as number;
    out += fonts.has(cp) ? ch : "?";
  }
  return out;
}

/** Splits text into lines no wider than `width`; a word longer than a line is cut. */
function wrap(font: PDFFont, size: number, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    const candidate = line === "" ? word : line + " " + word;
    if (font.widthOfTextAtSize(candidate, size) <= width) {
      line = candidate;
      continue;
    }
    if (line !== "") lines.push(line);
    line = "";
    let rest = word;
    while (font.widthOfTextAtSize(rest, size) > width && rest.length > 1) {
      let n = rest.length - 1;
      while (n > 1 && font.widthOfTextAtSize(rest.slice(0, n), size) > width) n--;
      lines.push(rest.slice(0, n));
      rest = rest.slice(n);
    }
    line = rest;
  }
  if (line !== "" || lines.length === 0) lines.push(line);
  return lines;
}

class Writer {
  page: PDFPage;
  y: number;

  constructor(
    readonly doc: PDFDocument,
    readonly fonts: Fonts,
  ) {
    this.page = doc.addPage(PAGE);
    this.y = PAGE[1] - MARGIN;
  }

  /** Starts a new page when fewer than `height` points are left. */
  ensure(height: number): void {
    if (this.y - height >= MARGIN) return;
    this.page = this.doc.addPage(PAGE);
    this.y = PAGE[1] - MARGIN;
  }

  /** Text in a box [x, x + width], wrapped, aligned; returns the height used. Does not move the cursor. */
  textAt(text: string, x: number, top: number, width: number, opts: { size?: number; bold?: boolean; align?: "left" | "center" | "right"; color?: typeof BLACK } = {}): number {
    const size = opts.size ?? 9;
    const font = opts.bold ? this.fonts.bold : this.fonts.regular;
    const leading = size * 1.25;
    const lines = wrap(font, size, drawable(this.fonts, text), width);
    let y = top - size;
    for (const line of lines) {
      const w = font.widthOfTextAtSize(line, size);
      const dx = opts.align === "center" ? (width - w) / 2 : opts.align === "right" ? width - w : 0;
      this.page.drawText(line, { x: x + dx, y, size, font, color: opts.color ?? BLACK });
      y -= leading;
    }
    return lines.length * leading;
  }

  /** A paragraph across the page at the cursor, which moves below it. */
  paragraph(text: string, opts: { size?: number; bold?: boolean; align?: "left" | "center" | "right"; color?: typeof BLACK; indent?: number } = {}): void {
    const width = PAGE[0] - 2 * MARGIN - (opts.indent ?? 0);
    const size = opts.size ?? 9;
    const lines = wrap(opts.bold ? this.fonts.bold : this.fonts.regular, size, drawable(this.fonts, text), width).length;
    this.ensure(lines * size * 1.25);
    this.y -= this.textAt(text, MARGIN + (opts.indent ?? 0), this.y, width, opts);
  }

  gap(points: number): void {
    this.y -= points;
  }
}

/** The header: form and circular (left), title and period (centre), sender and receiver (right). */
function header(w: Writer, d: RevisionDocument): void {
  const full = PAGE[0] - 2 * MARGIN;
  const side = 210;
  const top = w.y;
  let left = w.textAt(d.formCode, MARGIN, top, side, { bold: true, size: 10 });
  left += w.textAt(d.circular, MARGIN, top - left, side, { size: 8.5 });
  left += w.textAt("Gửi lúc " + d.sentAt, MARGIN, top - left, side, { size: 8.5 });
  const cx = MARGIN + side + 10;
  const cw = full - 2 * side - 20;
  let centre = w.textAt(d.title, cx, top, cw, { bold: true, size: 12, align: "center" });
  centre += w.textAt(d.periodWords, cx, top - centre - 2, cw, { size: 10, align: "center" }) + 2;
  const rx = PAGE[0] - MARGIN - side;
  let right = w.textAt("Đơn vị báo cáo: " + d.unitName + " (" + d.unitCode + ")", rx, top, side, { size: 8.5 });
  right += w.textAt("Đơn vị nhận báo cáo: " + d.receiverName, rx, top - right, side, { size: 8.5 });
  right += w.textAt(d.measure, rx, top - right, side, { size: 8.5 });
  w.y = top - Math.max(left, centre, right) - 10;
}

/** The figures: numbered columns with their labels and values, in bands as wide as the page allows. */
function table(w: Writer, d: RevisionDocument): void {
  const full = PAGE[0] - 2 * MARGIN;
  const perBand = Math.max(1, Math.floor(full / MIN_COLUMN));
  for (let start = 0; start < d.columns.length; start += perBand) {
    const band = d.columns.slice(start, start + perBand);
    const colWidth = Math.min(full / band.length, 110);
    const labelSize = 7.5;
    const pad = 3;
    // Measured in the bold face the labels are drawn in (the regular one wraps later and the label overran its cell).
    const labelHeight = Math.max(...band.map((c) => wrap(w.fonts.bold, labelSize, drawable(w.fonts, c.label), colWidth - 2 * pad).length)) * labelSize * 1.25 + 2 * pad;
    const numberHeight = 13;
    const valueHeight = 17;
    w.ensure(labelHeight + numberHeight + valueHeight + 8);
    const top = w.y;
    const bottom = top - labelHeight - numberHeight - valueHeight;
    band.forEach((c, i) => {
      const x = MARGIN + i * colWidth;
      w.textAt(c.label, x + pad, top - pad, colWidth - 2 * pad, { size: labelSize, align: "center", bold: true });
      w.textAt(c.number, x + pad, top - labelHeight - 2, colWidth - 2 * pad, { size: 7.5, align: "center", color: GREY });
      w.textAt(c.value, x + pad, top - labelHeight - numberHeight - 4, colWidth - 2 * pad, { size: 9.5, align: "right" });
    });
    const right = MARGIN + band.length * colWidth;
    for (const y of [top, top - labelHeight, top - labelHeight - numberHeight, bottom]) {
      w.page.drawLine({ start: { x: MARGIN, y }, end: { x: right, y }, thickness: 0.6, color: RULE });
    }
    for (let i = 0; i <= band.length; i++) {
      const x = MARGIN + i * colWidth;
      w.page.drawLine({ start: { x, y: top }, end: { x, y: bottom }, thickness: 0.6, color: RULE });
    }
    w.y = bottom - 10;
  }
}

/**
 * The officers' or cases' rows, one line each under a header row that is drawn again at the top
 * of every page the list runs onto. The row's name takes a wider first column; figures are
 * right-aligned.
 */
function rowsList(w: Writer, d: RevisionDocument): void {
  const t = d.rows;
  if (!t) return;
  const full = PAGE[0] - 2 * MARGIN;
  const first = Math.min(200, full / 3);
  const rest = t.headers.length > 1 ? (full - first) / (t.headers.length - 1) : 0;
  const widths = t.headers.map((_h, i) => (i === 0 ? (t.headers.length > 1 ? first : full) : rest));
  const pad = 3;
  const size = 8.5;
  const heightOf = (cells: string[], bold: boolean): number =>
    Math.max(...cells.map((c, i) => wrap(bold ? w.fonts.bold : w.fonts.regular, size, drawable(w.fonts, c), (widths[i] as number) - 2 * pad).length)) * size * 1.25 + 2 * pad;
  const line = (cells: string[], bold: boolean, height: number): void => {
    const top = w.y;
    let x = MARGIN;
    cells.forEach((c, i) => {
      const width = widths[i] as number;
      w.textAt(c, x + pad, top - pad, width - 2 * pad, { size, bold, align: bold ? "center" : t.numeric[i] ? "right" : "left" });
      w.page.drawLine({ start: { x, y: top }, end: { x, y: top - height }, thickness: 0.6, color: RULE });
      x += width;
    });
    w.page.drawLine({ start: { x, y: top }, end: { x, y: top - height }, thickness: 0.6, color: RULE });
    for (const y of [top, top - height]) w.page.drawLine({ start: { x: MARGIN, y }, end: { x, y }, thickness: 0.6, color: RULE });
    w.y = top - height;
  };
  const headHeight = heightOf(t.headers, true);
  w.paragraph(t.caption, { bold: true, size: 9 });
  w.gap(2);
  w.ensure(headHeight + size * 2);
  line(t.headers, true, headHeight);
  for (const row of t.rows) {
    const h = heightOf(row, false);
    if (w.y - h < MARGIN) {
      w.ensure(h + headHeight); // a new page, its header row first
      line(t.headers, true, headHeight);
    }
    line(row, false, h);
  }
  w.gap(10);
}

/** What identifies the revision, and what has been said about it. */
function identification(w: Writer, d: RevisionDocument): void {
  if (d.correction !== null) w.paragraph(d.correction + ".", { bold: true, size: 9 });
  if (d.reason !== null) w.paragraph("Giải trình bổ sung: " + d.reason, { size: 9 });
  for (const e of d.explanations) w.paragraph("Giải trình cảnh báo " + e.rule + ": " + e.text, { size: 8.5 });
  w.gap(2);
  w.paragraph("Lần gửi số " + d.revision + ", lúc " + d.sentAt + ". Mã nội dung (SHA-256): " + d.contentHash, { size: 8.5 });
  w.paragraph(
    d.head
      ? "Đã xác nhận bởi " + d.head.name + " lúc " + d.head.confirmedAt + "."
      : "Bản xem trước — " + SIGNOFF_WORDS.sent.toLowerCase() + ": Thủ trưởng đơn vị chưa xác nhận lần gửi này; không dùng bản này để ký.",
    { size: 9, bold: true },
  );
}

/** "Người lập biểu" (left) and "Thủ trưởng đơn vị" (right) with names and dates; the head's signature field. */
function signatures(w: Writer, d: RevisionDocument): { x: number; y: number; width: number; height: number } {
  const blockWidth = 250;
  const height = 150;
  w.ensure(height);
  const top = w.y - 6;
  const lx = MARGIN + 20;
  const rx = PAGE[0] - MARGIN - blockWidth - 20;
  let l = w.textAt(d.preparer.date, lx, top, blockWidth, { size: 9, align: "center" });
  l += w.textAt("NGƯỜI LẬP BIỂU", lx, top - l, blockWidth, { size: 10, bold: true, align: "center" });
  w.textAt("(Ký, ghi rõ họ tên)", lx, top - l, blockWidth, { size: 8.5, align: "center", color: GREY });
  w.textAt(d.preparer.name, lx, top - height + 24, blockWidth, { size: 10, bold: true, align: "center" });
  let r = w.textAt(d.head ? d.head.date : "ngày … tháng … năm …", rx, top, blockWidth, { size: 9, align: "center" });
  r += w.textAt("THỦ TRƯỞNG ĐƠN VỊ", rx, top - r, blockWidth, { size: 10, bold: true, align: "center" });
  r += w.textAt("(Ký tên, đóng dấu)", rx, top - r, blockWidth, { size: 8.5, align: "center", color: GREY });
  w.textAt(d.head ? d.head.name : "", rx, top - height + 24, blockWidth, { size: 10, bold: true, align: "center" });
  w.y = top - height;
  const fieldTop = top - r - 4;
  return { x: rx + 25, y: top - height + 40, width: blockWidth - 50, height: fieldTop - (top - height + 40) };
}

/**
 * An empty AcroForm signature field (/FT /Sig) over the head's block: the CA's signing software
 * fills it in an incremental update. Only on the confirmed rendition, the one meant to be signed.
 */
function signatureField(doc: PDFDocument, page: PDFPage, box: { x: number; y: number; width: number; height: number }): void {
  const context = doc.context;
  const widget = context.obj({
    Type: "Annot",
    Subtype: "Widget",
    FT: "Sig",
    T: PDFHexString.fromText(SIGNATURE_FIELD),
    TU: PDFHexString.fromText("Chữ ký số của Thủ trưởng đơn vị"),
    Rect: [box.x, box.y, box.x + box.width, box.y + box.height].map((n) => PDFNumber.of(Math.round(n * 100) / 100)),
    F: 4,
    P: page.ref,
  });
  const ref = context.register(widget);
  page.node.addAnnot(ref);
  doc.catalog.set(PDFName.of("AcroForm"), context.obj({ Fields: [ref] }));
}

let cachedFonts: { regular: Uint8Array; bold: Uint8Array; codePoints: Set<number> } | null = null;

/** The font files and the characters both can draw, read once per Worker instance. */
function fontFiles(): { regular: Uint8Array; bold: Uint8Array; codePoints: Set<number> } {
  if (cachedFonts) return cachedFonts;
  const regular = new Uint8Array(regularFont);
  const bold = new Uint8Array(boldFont);
  const a = fontkit.create(regular);
  const b = fontkit.create(bold);
  const codePoints = new Set<number>();
  for (const cp of a.characterSet) if (b.hasGlyphForCodePoint(cp)) codePoints.add(cp);
  cachedFonts = { regular, bold, codePoints };
  return cachedFonts;
}

/** The characters a document may contain and still print as typed (tests check the words of every form against it). */
export function drawableCodePoints(): ReadonlySet<number> {
  return fontFiles().codePoints;
}

export async function renderRevisionPdf(d: RevisionDocument): Promise<Uint8Array> {
  const files = fontFiles();
  // No producer, creator or dates of "now": the bytes must be the same on every download.
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.registerFontkit(fontkit);
  const fonts: Fonts = {
    regular: await doc.embedFont(files.regular, { subset: true }),
    bold: await doc.embedFont(files.bold, { subset: true }),
    has: (cp) => files.codePoints.has(cp),
  };
  const created = new Date(d.instants.submittedAt);
  doc.setCreationDate(created);
  doc.setModificationDate(d.instants.confirmedAt ? new Date(d.instants.confirmedAt) : created);
  doc.setTitle(d.formCode + " — " + d.unitName + " — " + d.periodWords + " — lần gửi " + d.revision, { showInWindowTitleBar: true });
  doc.setAuthor(d.unitName);
  doc.setSubject("Mã nội dung (SHA-256) " + d.contentHash);
  doc.setProducer("THADS Thống kê");
  doc.setCreator("THADS Thống kê");
  doc.setLanguage("vi-VN");

  const w = new Writer(doc, fonts);
  header(w, d);
  table(w, d);
  rowsList(w, d);
  identification(w, d);
  const box = signatures(w, d);
  if (d.head) signatureField(doc, w.page, box);
  // A classic cross-reference table rather than object streams: older signing tools append to it most reliably.
  return doc.save({ useObjectStreams: false });
}
