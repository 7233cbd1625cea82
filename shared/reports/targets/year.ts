/** The first and last day of statistical year `year`: 1 October of the year before – 30 September. */
export function statYearBounds(year: number): { first: string; last: string } {
  return { first: year - 1 + "-10-01", last: year + "-09-30" };
}
