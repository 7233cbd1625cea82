import JSZip from "jszip";
import { xmlSafeText } from "../../../shared/text/characters";

/**
 * exceljs writes no charts, so the chart parts are written here and added to the package
 * exceljs produced: a chart part, a drawing that anchors it on a sheet, their
 * relationships and content types (ECMA-376 part 1, §21.2 DrawingML charts). Every value
 * is also cached in the chart part, so a viewer that does not calculate still draws it.
 */

export interface ChartSeries {
  name: string;
  /** Range the values come from, e.g. 'Biểu đồ'!$B$5:$B$38. */
  ref: string;
  values: (number | null)[];
  colour: string;
}

export interface RateChartSpec {
  /** Sheet the chart is drawn on. */
  sheetName: string;
  /** Zero-based cell anchor: the chart spans from (fromCol, fromRow) to (toCol, toRow). */
  from: { col: number; row: number };
  to: { col: number; row: number };
  title: string;
  categories: { ref: string; values: string[] };
  /** Clustered columns, one colour per point (below target red, met green). */
  bars: ChartSeries & { pointColours: (string | null)[] };
  /** Drawn as a line over the columns: the target of each unit. */
  line: ChartSeries | null;
  valueAxisTitle: string;
  /** Format code of the value axis and the data labels. */
  numFmt: string;
  /** Value axis bounds; rates of one year sit close together, so the axis need not start at 0. */
  axis: { min: number; max: number; majorUnit: number };
}

/** A line chart: months along the axis, one line per series (this year solid, last year dashed). */
export interface LineChartSpec {
  kind: "line";
  sheetName: string;
  from: { col: number; row: number };
  to: { col: number; row: number };
  title: string;
  categories: { ref: string; values: string[] };
  series: (ChartSeries & { dashed: boolean })[];
  valueAxisTitle: string;
  numFmt: string;
  axis: { min: number; max: number; majorUnit: number };
}

/** Any chart this module writes. */
export type ChartSpec = RateChartSpec | LineChartSpec;

function isLine(spec: ChartSpec): spec is LineChartSpec {
  return (spec as LineChartSpec).kind === "line";
}

const NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";
const REL_CHART = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart";
const REL_DRAWING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing";
const CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
const CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml";

function esc(s: string): string {
  // XML 1.0 cannot carry most control characters (a name with one made the chart part invalid).
  return xmlSafeText(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function solidFill(rgb: string): string {
  return `<a:solidFill><a:srgbClr val="${rgb}"/></a:solidFill>`;
}

function text(size: number, bold = false, rot?: number): string {
  return (
    `<c:txPr><a:bodyPr${rot === undefined ? "" : ` rot="${rot}" vert="horz"`}/><a:lstStyle/>` +
    `<a:p><a:pPr><a:defRPr sz="${size}" b="${bold ? 1 : 0}"><a:latin typeface="Times New Roman"/><a:cs typeface="Times New Roman"/></a:defRPr></a:pPr><a:endParaRPr lang="vi-VN"/></a:p></c:txPr>`
  );
}

/** Bar labels: white, vertical, inside the top of the bar, where 34 of them still fit. */
function labelText(): string {
  return (
    `<c:txPr><a:bodyPr rot="-5400000" vert="horz"/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="800" b="1"><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill>` +
    `<a:latin typeface="Times New Roman"/><a:cs typeface="Times New Roman"/></a:defRPr></a:pPr><a:endParaRPr lang="vi-VN"/></a:p></c:txPr>`
  );
}

function rich(s: string, size: number, bold: boolean, rot?: number): string {
  return (
    `<c:tx><c:rich><a:bodyPr${rot === undefined ? "" : ` rot="${rot}" vert="horz"`}/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="${bold ? 1 : 0}"/></a:pPr>` +
    `<a:r><a:rPr lang="vi-VN" sz="${size}" b="${bold ? 1 : 0}"><a:latin typeface="Times New Roman"/><a:cs typeface="Times New Roman"/></a:rPr><a:t>${esc(s)}</a:t></a:r></a:p></c:rich></c:tx>`
  );
}

function strCache(values: string[]): string {
  return `<c:strCache><c:ptCount val="${values.length}"/>${values.map((v, i) => `<c:pt idx="${i}"><c:v>${esc(v)}</c:v></c:pt>`).join("")}</c:strCache>`;
}

function numCache(values: (number | null)[], fmt: string): string {
  const pts = values.map((v, i) => (v === null ? "" : `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`)).join("");
  return `<c:numCache><c:formatCode>${esc(fmt)}</c:formatCode><c:ptCount val="${values.length}"/>${pts}</c:numCache>`;
}

function seriesHead(idx: number, s: ChartSeries): string {
  return `<c:idx val="${idx}"/><c:order val="${idx}"/><c:tx><c:v>${esc(s.name)}</c:v></c:tx>`;
}

function catAndVal(spec: { categories: { ref: string; values: string[] }; numFmt: string }, s: ChartSeries): string {
  return (
    `<c:cat><c:strRef><c:f>${esc(spec.categories.ref)}</c:f>${strCache(spec.categories.values)}</c:strRef></c:cat>` +
    `<c:val><c:numRef><c:f>${esc(s.ref)}</c:f>${numCache(s.values, spec.numFmt)}</c:numRef></c:val>`
  );
}

export function chartXml(spec: RateChartSpec): string {
  const bars = spec.bars;
  const dPts = bars.pointColours
    .map((colour, i) =>
      colour === null || colour === bars.colour
        ? ""
        : `<c:dPt><c:idx val="${i}"/><c:invertIfNegative val="0"/><c:bubble3D val="0"/><c:spPr>${solidFill(colour)}</c:spPr></c:dPt>`,
    )
    .join("");
  const barLabels =
    `<c:dLbls><c:numFmt formatCode="${esc("0.00")}" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>${labelText()}` +
    `<c:dLblPos val="inEnd"/><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>`;
  const barChart =
    `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>` +
    `<c:ser>${seriesHead(0, bars)}<c:spPr>${solidFill(bars.colour)}</c:spPr><c:invertIfNegative val="0"/>${dPts}${barLabels}${catAndVal(spec, bars)}</c:ser>` +
    `<c:gapWidth val="40"/><c:axId val="500100"/><c:axId val="500200"/></c:barChart>`;
  const line = spec.line;
  const lineChart = line
    ? `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>` +
      `<c:ser>${seriesHead(1, line)}<c:spPr><a:ln w="28575" cap="rnd"><a:solidFill><a:srgbClr val="${line.colour}"/></a:solidFill><a:prstDash val="dash"/><a:round/></a:ln></c:spPr>` +
      `<c:marker><c:symbol val="none"/></c:marker>${catAndVal(spec, line)}<c:smooth val="0"/></c:ser>` +
      `<c:marker val="1"/><c:axId val="500100"/><c:axId val="500200"/></c:lineChart>`
    : "";
  const gridLine = `<c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>`;
  const axisLine = `<c:spPr><a:ln w="9525"><a:solidFill><a:srgbClr val="808080"/></a:solidFill></a:ln></c:spPr>`;
  const catAx =
    `<c:catAx><c:axId val="500100"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>` +
    `<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/>${axisLine}${text(800, false, -2700000)}` +
    `<c:crossAx val="500200"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:tickLblSkip val="1"/><c:noMultiLvlLbl val="0"/></c:catAx>`;
  const valAx =
    `<c:valAx><c:axId val="500200"/><c:scaling><c:orientation val="minMax"/><c:max val="${spec.axis.max}"/><c:min val="${spec.axis.min}"/></c:scaling><c:delete val="0"/><c:axPos val="l"/>${gridLine}` +
    `<c:title>${rich(spec.valueAxisTitle, 900, false, -5400000)}<c:overlay val="0"/></c:title>` +
    `<c:numFmt formatCode="${esc(spec.numFmt)}" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${axisLine}${text(800)}` +
    `<c:crossAx val="500100"/><c:crosses val="autoZero"/><c:crossBetween val="between"/><c:majorUnit val="${spec.axis.majorUnit}"/></c:valAx>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}">` +
    `<c:lang val="vi-VN"/><c:roundedCorners val="0"/>` +
    `<c:chart><c:title>${rich(spec.title, 1200, true)}<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/>${barChart}${lineChart}${catAx}${valAx}<c:spPr><a:noFill/></c:spPr></c:plotArea>` +
    `<c:legend><c:legendPos val="b"/><c:overlay val="0"/>${text(900)}</c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr>` +
    `<c:printSettings><c:headerFooter/><c:pageMargins b="0.75" l="0.7" r="0.7" t="0.75" header="0.3" footer="0.3"/><c:pageSetup orientation="landscape"/></c:printSettings>` +
    `</c:chartSpace>`
  );
}

/**
 * The months of a year as lines: this year (so far) solid with markers, last year dashed,
 * on a fixed 0–100 axis so that small multiples compare; months without a report are gaps.
 */
export function lineChartXml(spec: LineChartSpec): string {
  const series = spec.series
    .map((s, i) =>
      `<c:ser>${seriesHead(i, s)}<c:spPr><a:ln w="${s.dashed ? 19050 : 28575}" cap="rnd"><a:solidFill><a:srgbClr val="${s.colour}"/></a:solidFill>` +
      `<a:prstDash val="${s.dashed ? "dash" : "solid"}"/><a:round/></a:ln></c:spPr>` +
      `<c:marker><c:symbol val="${s.dashed ? "none" : "circle"}"/>${s.dashed ? "" : `<c:size val="4"/><c:spPr>${solidFill(s.colour)}</c:spPr>`}</c:marker>` +
      `${catAndVal(spec, s)}<c:smooth val="0"/></c:ser>`)
    .join("");
  const gridLine = `<c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>`;
  const axisLine = `<c:spPr><a:ln w="9525"><a:solidFill><a:srgbClr val="808080"/></a:solidFill></a:ln></c:spPr>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}">` +
    `<c:lang val="vi-VN"/><c:roundedCorners val="0"/>` +
    `<c:chart><c:title>${rich(spec.title, 1000, true)}<c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/><c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series}<c:marker val="1"/><c:axId val="600100"/><c:axId val="600200"/></c:lineChart>` +
    `<c:catAx><c:axId val="600100"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>` +
    `<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/>${axisLine}${text(700)}` +
    `<c:crossAx val="600200"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
    `<c:valAx><c:axId val="600200"/><c:scaling><c:orientation val="minMax"/><c:max val="${spec.axis.max}"/><c:min val="${spec.axis.min}"/></c:scaling><c:delete val="0"/><c:axPos val="l"/>${gridLine}` +
    `<c:numFmt formatCode="${esc(spec.numFmt)}" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${axisLine}${text(700)}` +
    `<c:crossAx val="600100"/><c:crosses val="autoZero"/><c:crossBetween val="between"/><c:majorUnit val="${spec.axis.majorUnit}"/></c:valAx>` +
    `<c:spPr><a:noFill/></c:spPr></c:plotArea>` +
    `<c:legend><c:legendPos val="b"/><c:overlay val="0"/>${text(700)}</c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln w="6350"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln></c:spPr>` +
    `</c:chartSpace>`
  );
}

/** One drawing part for a sheet: an anchor per chart, each pointing at its chart part by relationship. */
function drawingXml(charts: readonly { spec: ChartSpec; relId: string }[], firstShapeId: number): string {
  const anchor = (tag: string, p: { col: number; row: number }) =>
    `<xdr:${tag}><xdr:col>${p.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${p.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  const anchors = charts
    .map(({ spec, relId }, i) =>
      `<xdr:twoCellAnchor editAs="oneCell">${anchor("from", spec.from)}${anchor("to", spec.to)}` +
      `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${firstShapeId + i}" name="${esc(spec.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
      `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>` +
      `<a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" xmlns:r="${NS_R}" r:id="${relId}"/></a:graphicData></a:graphic>` +
      `</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`)
    .join("");
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}">${anchors}</xdr:wsDr>`;
}

function relsXml(rels: { id: string; type: string; target: string }[]): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    rels.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${esc(r.target)}"/>`).join("") +
    `</Relationships>`
  );
}

function unescapeXml(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** xl/worksheets/sheetN.xml of the sheet named `name`, read from the workbook part and its relationships. */
async function sheetPart(zip: JSZip, name: string): Promise<string> {
  const workbook = await zip.file("xl/workbook.xml")!.async("string");
  const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
  for (const m of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const tag = m[0];
    const sheetName = /\bname="([^"]*)"/.exec(tag)?.[1];
    const relId = /\br:id="([^"]*)"/.exec(tag)?.[1];
    if (sheetName === undefined || relId === undefined || unescapeXml(sheetName) !== name) continue;
    const rel = new RegExp(`<Relationship\\b[^>]*\\bId="${relId}"[^>]*>`).exec(rels)?.[0];
    const target = rel ? /\bTarget="([^"]*)"/.exec(rel)?.[1] : undefined;
    if (!target) break;
    return target.startsWith("/") ? target.slice(1) : "xl/" + target;
  }
  throw new Error(`chart: no sheet named ${name}`);
}

// CT_Worksheet's elements that must come after <drawing> (ECMA-376 §18.3.1.99).
const AFTER_DRAWING = ["<legacyDrawing", "<legacyDrawingHF", "<drawingHF", "<picture", "<oleObjects", "<controls", "<webPublishItems", "<tableParts", "<extLst", "</worksheet>"];

function insertDrawing(sheetXml: string, relId: string): string {
  if (/<drawing\b/.test(sheetXml)) throw new Error("chart: the sheet already has a drawing");
  let at = -1;
  for (const tag of AFTER_DRAWING) {
    const i = sheetXml.indexOf(tag);
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  if (at < 0) throw new Error("chart: malformed worksheet part");
  let xml = sheetXml.slice(0, at) + `<drawing r:id="${relId}"/>` + sheetXml.slice(at);
  if (!/<worksheet\b[^>]*xmlns:r=/.test(xml)) xml = xml.replace("<worksheet", `<worksheet xmlns:r="${NS_R}"`);
  return xml;
}

/** Adds the charts to an .xlsx package written by exceljs (one drawing per sheet, any number of charts on it); returns the new package. */
export async function addCharts(xlsx: ArrayBuffer | Uint8Array, charts: readonly ChartSpec[]): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(xlsx);
  let types = await zip.file("[Content_Types].xml")!.async("string");
  const bySheet: { sheetName: string; specs: ChartSpec[] }[] = [];
  for (const spec of charts) {
    let group = bySheet.filter((g) => g.sheetName === spec.sheetName)[0];
    if (!group) {
      group = { sheetName: spec.sheetName, specs: [] };
      bySheet.push(group);
    }
    group.specs.push(spec);
  }
  let n = 0;
  let shapes = 2;
  for (const group of bySheet) {
    let drawingNo = 1;
    while (zip.file(`xl/drawings/drawing${drawingNo}.xml`)) drawingNo++;
    const drawingName = `drawing${drawingNo}.xml`;
    const placed: { spec: ChartSpec; relId: string }[] = [];
    const rels: { id: string; type: string; target: string }[] = [];
    for (const spec of group.specs) {
      n++;
      const chartName = `chart${n}.xml`;
      const relId = `rId${placed.length + 1}`;
      zip.file(`xl/charts/${chartName}`, isLine(spec) ? lineChartXml(spec) : chartXml(spec));
      placed.push({ spec, relId });
      rels.push({ id: relId, type: REL_CHART, target: `../charts/${chartName}` });
      types = types.replace("</Types>", `<Override PartName="/xl/charts/${chartName}" ContentType="${CT_CHART}"/></Types>`);
    }
    zip.file(`xl/drawings/${drawingName}`, drawingXml(placed, shapes));
    shapes += placed.length;
    zip.file(`xl/drawings/_rels/${drawingName}.rels`, relsXml(rels));

    const sheetPath = await sheetPart(zip, group.sheetName);
    const relsPath = sheetPath.replace(/([^/]+)$/, "_rels/$1.rels");
    const existing = zip.file(relsPath) ? await zip.file(relsPath)!.async("string") : null;
    const ids = existing ? [...existing.matchAll(/\bId="([^"]+)"/g)].map((m) => m[1]) : [];
    let k = ids.length + 1;
    while (ids.includes(`rId${k}`)) k++;
    const relId = `rId${k}`;
    const rel = `<Relationship Id="${relId}" Type="${REL_DRAWING}" Target="../drawings/${drawingName}"/>`;
    zip.file(relsPath, existing ? existing.replace("</Relationships>", rel + "</Relationships>") : relsXml([{ id: relId, type: REL_DRAWING, target: `../drawings/${drawingName}` }]));
    zip.file(sheetPath, insertDrawing(await zip.file(sheetPath)!.async("string"), relId));
    if (!types.includes(`/xl/drawings/${drawingName}"`)) {
      types = types.replace("</Types>", `<Override PartName="/xl/drawings/${drawingName}" ContentType="${CT_DRAWING}"/></Types>`);
    }
  }
  zip.file("[Content_Types].xml", types);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE", compressionOptions: { level: 6 } });
}
