/** Conditional formats (ExcelApi 1.6): custom rules whose formula is evaluated per cell by `MemoryWorkbook.displayed`. */
import { rangeAddress, rectsIntersect } from "../../shared/a1";
import { normalizeColor } from "./cells";
import { FakeRangePart, FakeRecordPart, FakeSimpleObject, asFlag, expose, stored, type NavSpecs, type PropSpec } from "./client-object";
import { fail } from "./support";

export interface FakeConditionalFormatRecord {
  address: string;
  type: string;
  /** The custom rule's formula, relative to the top-left cell of `address`. */
  formula: string | null;
  fill: string | null;
  fontColor: string | null;
  bold: boolean | null;
}

export class FakeConditionalFormatCollection extends FakeRangePart {
  readonly apiName = "ConditionalFormatCollection";

  getCount(): { value: number } {
    this.need("1.6", "getCount");
    const out = { value: 0 };
    this.context.enqueue(() => {
      const { sheet, rect } = this.target();
      out.value = sheet.conditionalFormats.filter((f) => rectsIntersect(this.book.rectOf(f.address), rect)).length;
    });
    return out;
  }

  add(type: string): FakeConditionalFormat {
    this.need("1.6", "add");
    let created: FakeConditionalFormatRecord | null = null;
    this.context.enqueue(() => {
      const { sheet, rect } = this.target();
      this.book.assertEditable(sheet, rect, "format");
      created = { address: rangeAddress(rect), type: String(type), formula: null, fill: null, fontColor: null, bold: null };
      sheet.conditionalFormats.push(created);
      this.book.log({ kind: "call", api: "ConditionalFormatCollection.add", sheet: sheet.name, address: rangeAddress(rect) });
    });
    return new FakeConditionalFormat(this.context, () => created || fail("ItemNotFound", "The conditional format was not added"));
  }

  clearAll(): void {
    this.call("1.6", "clearAll", () => {
      const { sheet, rect } = this.target();
      sheet.conditionalFormats = sheet.conditionalFormats.filter((f) => !rectsIntersect(this.book.rectOf(f.address), rect));
    });
  }
}

export interface FakeConditionalFormat {
  readonly type: string;
  readonly custom: FakeCustomConditionalFormat;
}

export class FakeConditionalFormat extends FakeRecordPart<FakeConditionalFormatRecord> {
  readonly apiName = "ConditionalFormat";

  protected override props(): Record<string, PropSpec> {
    return { type: { min: "1.6", get: () => this.data().type } };
  }

  protected override navs(): NavSpecs {
    return {
      custom: {
        min: "1.6",
        make: () =>
          new FakeCustomConditionalFormat(this.context, () => {
            const d = this.data();
            if (d.type !== "Custom") fail("InvalidOperation", "This conditional format is of type " + d.type + ", not Custom");
            return d;
          }),
      },
    };
  }
}
expose(FakeConditionalFormat, { readOnly: "type", navs: "custom" });

export interface FakeCustomConditionalFormat {
  readonly rule: FakeSimpleObject;
  readonly format: FakeSimpleObject;
}

export class FakeCustomConditionalFormat extends FakeRecordPart<FakeConditionalFormatRecord> {
  readonly apiName = "CustomConditionalFormat";

  protected override navs(): NavSpecs {
    const d = this.data;
    return {
      rule: {
        min: "1.6",
        make: () =>
          new FakeSimpleObject(this.context, "ConditionalFormatRule", {
            formula: {
              min: "1.6",
              get: () => d().formula,
              set: (v) => {
                if (typeof v !== "string" || v.charAt(0) !== "=") fail("InvalidArgument", "A rule's formula starts with =");
                d().formula = v;
              },
            },
          }),
      },
      format: {
        min: "1.6",
        make: () =>
          new FakeSimpleObject(this.context, "ConditionalRangeFormat", {}, {
            fill: () => new FakeSimpleObject(this.context, "ConditionalRangeFill", { color: stored("1.6", d, "fill", normalizeColor) }),
            font: () =>
              new FakeSimpleObject(this.context, "ConditionalRangeFont", {
                color: stored("1.6", d, "fontColor", normalizeColor),
                bold: stored("1.6", d, "bold", asFlag),
              }),
          }, "1.6"),
      },
    };
  }
}
expose(FakeCustomConditionalFormat, { navs: "rule format" });
