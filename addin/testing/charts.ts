/** Charts (ExcelApi 1.1; combo series types and line styles 1.7): series read from the source range, point colours. */
import { rangeAddress, type RangeRect } from "../../shared/a1";
import { normalizeColor, quoteSheet, type CellScalar } from "./cells";
import { FakeClientObject, FakeRecordPart, FakeSheetItem, FakeSheetPart, FakeSimpleObject, asFlag, countOf, expose, stored, type Counted, type NavSpecs, type PropSpec } from "./client-object";
import type { FakeRange } from "./ranges";
import type { FakeRequestContext } from "./request-context";
import { fail } from "./support";
import type { MemoryWorkbook, SheetData } from "./workbook";

export interface FakeChartSeriesRecord {
  name: string;
  /** Null: the chart's own type. */
  chartType: string | null;
  fill: string | null;
  lineColor: string | null;
  lineWeight: number | null;
  markerStyle: string | null;
  hasDataLabels: boolean;
  values: (CellScalar | "")[];
  /** Point index → colour set with points.getItemAt(i).format.fill.setSolidColor. */
  pointFills: Record<number, string>;
}

export interface FakeChartRecord {
  name: string;
  type: string;
  source: string;
  seriesBy: string;
  title: string | null;
  legend: { position?: string; visible?: boolean };
  position: { start: string; end: string | null } | null;
  valueAxis: { minimum?: number; maximum?: number; majorUnit?: number; title?: string };
  categoryAxis: { title?: string };
  categories: (CellScalar | "")[];
  series: FakeChartSeriesRecord[];
}

/** Categories and series of a chart from its source range, as Excel reads a block with a header row and a label column. */
export function chartData(book: MemoryWorkbook, sheet: SheetData, rect: RangeRect, seriesBy: string): Pick<FakeChartRecord, "categories" | "series"> {
  const grid = book.readValues(sheet, rect);
  const rows = grid.length;
  const cols = rows > 0 ? (grid[0] as unknown[]).length : 0;
  const byColumns = seriesBy === "Columns" || (seriesBy !== "Rows" && rows >= cols);
  const line = (i: number): (CellScalar | "")[] => (byColumns ? grid.map((r) => r[i] as CellScalar | "") : (grid[i] as (CellScalar | "")[]).slice());
  const count = byColumns ? cols : rows;
  const first = line(0);
  const labelled = first.slice(1).some((v) => typeof v === "string" && v !== "");
  const header = byColumns ? (grid[0] as (CellScalar | "")[]) : grid.map((r) => r[0] as CellScalar | "");
  const hasHeader = typeof header[1] === "string" && header[1] !== "";
  const skip = hasHeader ? 1 : 0;
  const categories = labelled ? first.slice(skip) : [];
  const series: FakeChartSeriesRecord[] = [];
  for (let i = labelled ? 1 : 0; i < count; i++) {
    const values = line(i);
    series.push({
      name: hasHeader ? String(values[0]) : "Series" + (series.length + 1),
      chartType: null,
      fill: null,
      lineColor: null,
      lineWeight: null,
      markerStyle: null,
      hasDataLabels: false,
      values: values.slice(skip),
      pointFills: {},
    });
  }
  return { categories, series };
}

export interface FakeChartCollection extends Counted {}

export class FakeChartCollection extends FakeSheetPart {
  readonly apiName = "ChartCollection";

  protected override props(): Record<string, PropSpec> {
    return countOf(() => this.resolve().charts.length);
  }

  add(type: string, sourceData: FakeRange, seriesBy?: string): FakeChart {
    this.need("1.1", "add");
    const book = this.book;
    let created: FakeChartRecord | null = null;
    this.context.enqueue(() => {
      const sheet = this.resolve();
      book.assertEditable(sheet, book.rectOf("A1"), "objects");
      const t = sourceData.target();
      const data = chartData(book, t.sheet, t.rect, seriesBy || "Auto");
      if (data.series.length === 0) fail("InvalidArgument", "The chart's source holds no data");
      created = {
        name: "Chart " + book.newChartNumber(),
        type: String(type),
        source: quoteSheet(t.sheet.name) + "!" + rangeAddress(t.rect),
        seriesBy: seriesBy || "Auto",
        title: null,
        legend: {},
        position: null,
        valueAxis: {},
        categoryAxis: {},
        categories: data.categories,
        series: data.series,
      };
      sheet.charts.push(created);
      book.log({ kind: "call", api: "ChartCollection.add", sheet: sheet.name, address: rangeAddress(t.rect) });
    });
    return new FakeChart(this.context, this.resolve, () => created || fail("ItemNotFound", "The chart was not added"));
  }

  getItemAt(index: number): FakeChart {
    this.need("1.1", "getItemAt");
    return new FakeChart(this.context, this.resolve, () => this.resolve().charts[index] || fail("ItemNotFound", "No chart at " + index));
  }
}
expose(FakeChartCollection, { readOnly: "count" });

export interface FakeChart {
  name: string;
  chartType: string;
  readonly title: FakeSimpleObject;
  readonly legend: FakeSimpleObject;
  readonly axes: FakeSimpleObject;
  readonly series: FakeChartSeriesCollection;
}

export class FakeChart extends FakeSheetItem<FakeChartRecord> {
  readonly apiName = "Chart";

  protected listIn(sheet: SheetData): FakeChartRecord[] {
    return sheet.charts;
  }

  protected override props(): Record<string, PropSpec> {
    return {
      name: stored("1.1", this.data, "name", String),
      chartType: stored("1.7", this.data, "type", String),
    };
  }

  protected override navs(): NavSpecs {
    const d = this.data;
    const ctx = this.context;
    const axis = (which: "valueAxis" | "categoryAxis"): FakeClientObject => {
      const a = (): FakeChartRecord["valueAxis"] => d()[which];
      return new FakeSimpleObject(ctx, "ChartAxis", {
        minimum: stored("1.1", a, "minimum", Number),
        maximum: stored("1.1", a, "maximum", Number),
        majorUnit: stored("1.1", a, "majorUnit", Number),
        numberFormat: { min: "1.8", set: () => undefined },
      }, {
        title: () => new FakeSimpleObject(ctx, "ChartAxisTitle", { text: stored("1.1", a, "title", String) }),
      });
    };
    return {
      title: {
        min: "1.1",
        make: () =>
          new FakeSimpleObject(ctx, "ChartTitle", {
            text: stored("1.1", d, "title", String),
            visible: { min: "1.1", set: () => undefined },
          }),
      },
      legend: {
        min: "1.1",
        make: () => {
          const legend = (): FakeChartRecord["legend"] => d().legend;
          return new FakeSimpleObject(ctx, "ChartLegend", {
            position: stored("1.1", legend, "position", String),
            visible: stored("1.1", legend, "visible", asFlag),
          });
        },
      },
      axes: {
        min: "1.1",
        make: () => new FakeSimpleObject(ctx, "ChartAxes", {}, { valueAxis: () => axis("valueAxis"), categoryAxis: () => axis("categoryAxis") }),
      },
      series: { min: "1.1", make: () => new FakeChartSeriesCollection(ctx, d) },
    };
  }

  setPosition(startCell: string | FakeRange, endCell?: string | FakeRange): void {
    this.call("1.1", "setPosition", () => {
      const at = (x: string | FakeRange): string => (typeof x === "string" ? rangeAddress(this.book.rectOf(x)) : rangeAddress(x.target().rect));
      this.data().position = { start: at(startCell), end: endCell === undefined ? null : at(endCell) };
    });
  }
}
expose(FakeChart, { readWrite: "name chartType", navs: "title legend axes series" });

export interface FakeChartSeriesCollection extends Counted {}

export class FakeChartSeriesCollection extends FakeRecordPart<FakeChartRecord> {
  readonly apiName = "ChartSeriesCollection";

  protected override props(): Record<string, PropSpec> {
    return countOf(() => this.data().series.length);
  }

  getItemAt(index: number): FakeChartSeries {
    this.need("1.1", "getItemAt");
    return new FakeChartSeries(this.context, () => this.data().series[index] || fail("ItemNotFound", "No series at " + index));
  }
}
expose(FakeChartSeriesCollection, { readOnly: "count" });

export class FakeChartFill extends FakeClientObject {
  readonly apiName = "ChartFill";

  constructor(
    context: FakeRequestContext,
    private readonly apply: (color: string | null) => void,
  ) {
    super(context);
  }

  setSolidColor(color: string): void {
    const c = normalizeColor(color);
    this.call("1.1", "setSolidColor", () => this.apply(c));
  }

  clear(): void {
    this.call("1.1", "clear", () => this.apply(null));
  }
}

export interface FakeChartSeries {
  name: string;
  chartType: string;
  set hasDataLabels(v: boolean);
  set markerStyle(v: string);
  readonly format: FakeSimpleObject;
  readonly points: FakeChartPoints;
}

export class FakeChartSeries extends FakeRecordPart<FakeChartSeriesRecord> {
  readonly apiName = "ChartSeries";

  protected override props(): Record<string, PropSpec> {
    const d = this.data;
    return {
      name: stored("1.1", d, "name", String),
      chartType: stored("1.7", d, "chartType", String),
      hasDataLabels: stored("1.7", d, "hasDataLabels", asFlag),
      markerStyle: stored("1.7", d, "markerStyle", String),
      gapWidth: { min: "1.7", set: () => undefined },
    };
  }

  protected override navs(): NavSpecs {
    const d = this.data;
    const ctx = this.context;
    return {
      format: {
        min: "1.1",
        make: () =>
          new FakeSimpleObject(ctx, "ChartSeriesFormat", {}, {
            fill: () =>
              new FakeChartFill(ctx, (c) => {
                d().fill = c;
              }),
            line: () =>
              new FakeSimpleObject(ctx, "ChartLineFormat", {
                color: stored("1.1", d, "lineColor", normalizeColor),
                weight: stored("1.7", d, "lineWeight", Number),
                lineStyle: { min: "1.7", set: () => undefined },
              }),
          }),
      },
      points: {
        min: "1.1",
        make: () => new FakeChartPoints(ctx, d),
      },
    };
  }
}
expose(FakeChartSeries, { readWrite: "name chartType", writeOnly: "hasDataLabels markerStyle", navs: "format points" });

export interface FakeChartPoints extends Counted {}

export class FakeChartPoints extends FakeRecordPart<FakeChartSeriesRecord> {
  readonly apiName = "ChartPointsCollection";

  protected override props(): Record<string, PropSpec> {
    return countOf(() => this.data().values.length);
  }

  getItemAt(index: number): FakeSimpleObject {
    this.need("1.1", "getItemAt");
    const ctx = this.context;
    const s = this.data;
    const point = (): FakeChartSeriesRecord => {
      const data = s();
      if (!(index >= 0 && index < data.values.length)) fail("ItemNotFound", "No point " + index + " in a series of " + data.values.length);
      return data;
    };
    return new FakeSimpleObject(ctx, "ChartPoint", {}, {
      format: () =>
        new FakeSimpleObject(ctx, "ChartPointFormat", {}, {
          fill: () => new FakeChartFill(ctx, (c) => {
            const data = point();
            if (c === null) delete data.pointFills[index];
            else data.pointFills[index] = c;
          }),
        }),
    });
  }
}
expose(FakeChartPoints, { readOnly: "count" });
