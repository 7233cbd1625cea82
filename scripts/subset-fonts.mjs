// Writes the fonts the report PDF embeds (worker/src/pdf/fonts/): DejaVu Serif, regular and
// bold, from npm `dejavu-fonts-ttf`, cut down to the characters Vietnamese administrative text
// uses. The whole fonts (380 KB and 356 KB) would cost the Worker bundle and, worse, CPU on
// every PDF (the font is parsed per document).
// Run after changing CHARACTERS or upgrading either package: `node scripts/subset-fonts.mjs`;
// tests/pdf/revision-pdf.test.ts checks that every character a document can contain has a glyph.
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import subsetFont from "subset-font";

const require = createRequire(import.meta.url);
const source = join(dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");
const out = fileURLToPath(new URL("../worker/src/pdf/fonts/", import.meta.url));

function range(from, to) {
  let s = "";
  for (let c = from; c <= to; c++) s += String.fromCodePoint(c);
  return s;
}

/**
 * Printable ASCII; Latin-1 and Latin Extended-A (names, ×, °, «»); Ơ ơ Ư ư; the combining marks
 * of Vietnamese (text typed in decomposed form is normalised to NFC before drawing, these are
 * the rest); Latin Extended Additional (ạ … ỹ); general punctuation (– — ‘ ’ “ ” …); ₫ € №;
 * arrows and the few mathematical signs the notes use (− ≤ ≥ ≠ ÷ ×).
 */
export const CHARACTERS =
  range(0x20, 0x7e) +
  range(0xa0, 0x17f) +
  "\u01a0\u01a1\u01af\u01b0" +
  range(0x300, 0x303) + "\u0309\u0323" +
  range(0x1ea0, 0x1ef9) +
  range(0x2010, 0x2027) + "\u2030\u2039\u203a" +
  "\u20ab\u20ac\u2116" +
  range(0x2190, 0x2193) +
  "\u2212\u2260\u2264\u2265";

for (const [from, to] of [
  ["DejaVuSerif.ttf", "dejavu-serif-vi.ttf"],
  ["DejaVuSerif-Bold.ttf", "dejavu-serif-bold-vi.ttf"],
]) {
  const bytes = await subsetFont(readFileSync(join(source, from)), CHARACTERS, { targetFormat: "truetype" });
  writeFileSync(join(out, to), bytes);
  console.log(to, bytes.length, "bytes");
}
copyFileSync(join(source, "..", "LICENSE"), join(out, "LICENSE"));
