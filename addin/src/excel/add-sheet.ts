/**
 * A new sheet under a name no other sheet of the workbook has, shared by the inserted form
 * and the pulled report sheets: one sync reads the existing names, then the sheet is added
 * (queued, for the caller's next sync).
 */
export async function addSheet(
  context: Excel.RequestContext,
  nameFor: (existing: string[]) => string,
): Promise<{ sheet: Excel.Worksheet; name: string }> {
  const sheets = context.workbook.worksheets;
  sheets.load("items/name");
  await context.sync();
  const existing: string[] = [];
  for (const s of sheets.items) existing.push(s.name);
  const name = nameFor(existing);
  return { sheet: sheets.add(name), name };
}
