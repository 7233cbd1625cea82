/**
 * The report text as plain text, the one layout of it: the Worker's text/plain answer and what
 * the pane shows and copies. Its own module so the pane takes it without the text's builder.
 */
export function reportPlainText(t: { title: string; lines: readonly string[]; paragraphs: readonly string[] }): string {
  return [t.title].concat(t.lines).join("\n") + "\n\n" + t.paragraphs.join("\n\n") + "\n";
}
