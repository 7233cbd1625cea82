import { pad2 } from "../periods/calendar-date";
import { csvCell, csvRecord } from "../text/csv";
import { REPORT_FORMATS, tableRows, type ReportLayout } from "./grid";

/**
 * A report's table as CSV for programs other than the add-in: the same cells as the sheet
 * (header, units, total), numbers plain ("." for decimals, no grouping) so that any program
 * parses them, and the report's key facts (period, national average, time of retrieval) as
 * extra columns so that the file stands on its own. The BOM lets Excel read the diacritics.
 */

/** An Excel serial shown as "05/10/2026 09:30" (the sheets' date-time format). */
function serialText(serial: number): string {
  const d = new Date(Math.round((serial - 25569) * 86400000));
  return pad2(d.getUTCDate()) + "/" + pad2(d.getUTCMonth() + 1) + "/" + d.getUTCFullYear() + " " + pad2(d.getUTCHours()) + ":" + pad2(d.getUTCMinutes());
}

export function renderCsv(layout: ReportLayout): string {
  const rows = tableRows(layout);
  const first = layout.headerRow;
  const lines = rows.map((row, i) => {
    const formats = layout.numberFormats[first - 1 + i] as string[];
    const cells = row.map((v, c) => (typeof v === "number" && formats[c] === REPORT_FORMATS.dateTime ? serialText(v) : v));
    const facts = i === 0 ? layout.facts.map((f) => f.label) : layout.facts.map((f) => f.value);
    // Every field through the one CSV cell writer (shared/text/csv.ts): RFC 4180 quoting and
    // formula neutralisation, as every other CSV the system writes.
    return csvRecord(cells.concat(facts).map((v) => csvCell(v)));
  });
  return "\uFEFF" + lines.join("\r\n") + "\r\n";
}
