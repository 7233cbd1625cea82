/**
 * The canonical text of what a clerk reported, hashed into a submission's content hash. One
 * recipe for the Worker and the demo data: a retry carrying the same figures is then a replay,
 * a reuse of the id with other figures a conflict.
 */
export function canonicalContent(
  unit: string,
  form: string,
  period: string,
  values: Readonly<Record<string, unknown>>,
  explanations: Readonly<Record<string, string>>,
  rows?: readonly Readonly<Record<string, unknown>>[],
): string {
  const sorted = (o: Readonly<Record<string, unknown>>) => Object.keys(o).sort().map((k) => [k, o[k]]);
  const content: unknown[] = [unit, form, period, sorted(values), sorted(explanations)];
  // The rows of a list collection are part of what was reported; without rows the text (and
  // every stored hash) stays as it was.
  if (rows !== undefined) content.push(rows.map(sorted));
  return JSON.stringify(content);
}
