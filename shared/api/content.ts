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
  reason: string | null = null,
): string {
  const sorted = (o: Readonly<Record<string, unknown>>) => Object.keys(o).sort().map((k) => [k, o[k]]);
  // The reason of a correction is part of what the head confirms; a report without one hashes
  // exactly as before the reason existed, so stored hashes stay valid.
  const parts: unknown[] = [unit, form, period, sorted(values), sorted(explanations)];
  if (reason !== null) parts.push(reason);
  return JSON.stringify(parts);
}
