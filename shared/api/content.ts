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
  rows?: readonly { key: string; label: string; values: Readonly<Record<string, unknown>> }[],
  reason: string | null = null,
): string {
  const sorted = (o: Readonly<Record<string, unknown>>) => Object.keys(o).sort().map((k) => [k, o[k]]);
  const content: unknown[] = [unit, form, period, sorted(values), sorted(explanations)];
  // Rows (officers, cases) only when sent, so that the hash of a report without rows is the
  // one it always had; their order is the clerk's and part of what was reported.
  if (rows !== undefined && rows.length > 0) content.push(rows.map((r) => [r.key, r.label, sorted(r.values)]));
  // The reason of a correction is part of what the head confirms. Last and a string (rows are an
  // array), so no report with a reason hashes like one without, and one without keeps its hash.
  if (reason !== null) content.push(reason);
  return JSON.stringify(content);
}
