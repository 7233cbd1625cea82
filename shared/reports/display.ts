import { formatDecimal, formatInteger, formatSigned } from "../format";
import { pad2 } from "../periods/calendar-date";
import { REPORT_FORMATS, type Cell } from "./grid";

/**
 * A cell as a Vietnamese reader sees it on the sheet (84,25%; 1.234.567; +2,18), for the
 * surfaces that print text rather than numbers with a format: the Word document's table and
 * the checks that every figure of the report text is on the sheet.
 */
export function displayCell(value: Cell, format: string): string {
  if (typeof value === "string") return value;
  switch (format) {
    case REPORT_FORMATS.count:
      return formatInteger(value);
    case REPORT_FORMATS.rate:
      return formatDecimal(value, 2) + "%";
    case REPORT_FORMATS.points:
    case REPORT_FORMATS.signedPercent:
      return formatSigned(value, 2);
    case REPORT_FORMATS.signedCount:
      return formatSigned(value, 0);
    case REPORT_FORMATS.dateTime: {
      const d = new Date(Math.round((value - 25569) * 86400000));
      return pad2(d.getUTCDate()) + "/" + pad2(d.getUTCMonth() + 1) + "/" + d.getUTCFullYear() + " " + pad2(d.getUTCHours()) + ":" + pad2(d.getUTCMinutes());
    }
    default:
      return String(value);
  }
}
