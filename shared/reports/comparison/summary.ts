import type { ComparisonIndicator, ComparisonRow, ComparisonSummary, IndicatorCell } from "../../api/schemas";

/**
 * The summary block of a comparison, from its rows: the counts and names the Cục's notices
 * open with ("05/34 đơn vị chỉ hoàn thành 01/02 chỉ tiêu", "các đơn vị có tỷ lệ thấp hơn
 * bình quân chung toàn quốc: …"). Every judgement was already made on the rows (as printed);
 * this only groups them, so the sheet, the CSV and the report text cannot disagree.
 */
export function summarize(rows: readonly ComparisonRow[], indicators: readonly ComparisonIndicator[]): ComparisonSummary {
  const children = rows.filter((r) => !r.isTotal);
  const total = rows.filter((r) => r.isTotal)[0];
  const groups: { met: number; assessable: number; units: string[] }[] = [];
  const noVerdict: string[] = [];
  for (const r of children) {
    const v = r.verdict;
    if (v === null) {
      noVerdict.push(r.unit);
      continue;
    }
    let g = groups.filter((x) => x.met === v.met && x.assessable === v.assessable)[0];
    if (!g) {
      g = { met: v.met, assessable: v.assessable, units: [] };
      groups.push(g);
    }
    g.units.push(r.unit);
  }
  // Those that met all first, then by the share met: "34/34 … 02/02", then "01/02", then "00/02".
  groups.sort((a, b) => b.met * a.assessable - a.met * b.assessable || b.assessable - a.assessable);
  const cell = (r: ComparisonRow, id: string): IndicatorCell | undefined => r.indicators[id];
  const perIndicator = indicators
    .filter((ind) => ind.targeted)
    .map((ind) => ({
      indicator: ind.id,
      met: children.filter((r) => cell(r, ind.id)?.met === true).map((r) => r.unit),
      below: children.filter((r) => cell(r, ind.id)?.met === false).map((r) => r.unit),
      nationalAverage: ind.nationalAverage,
      worseThanAverage: children.filter((r) => cell(r, ind.id)?.worseThanAverage === true).map((r) => r.unit),
      atRisk: children.filter((r) => r.outlook[ind.id]?.atRisk === true).map((r) => r.unit),
    }));
  return {
    units: children.length,
    verdicts: groups,
    noVerdict,
    indicators: perIndicator,
    reporting: {
      expected: total ? total.expected : 0,
      reported: total ? total.reported : 0,
      late: total ? total.late : 0,
      missing: total ? total.missing : 0,
      lateRows: children.filter((r) => r.late > 0).map((r) => r.unit),
      missingRows: children.filter((r) => r.missing > 0).map((r) => r.unit),
    },
  };
}
