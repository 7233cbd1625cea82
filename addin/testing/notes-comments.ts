/** Notes (ExcelApi 1.18) and threaded comments (1.10) on cells. */
import { cellAddress, parseRangeAddress, sheetNameOf, stripSheet, type RangeRect } from "../../shared/a1";
import { FakeClientObject, FakeCollection, expose, stored, type PropSpec, type SheetResolver } from "./client-object";
import { FakeRange } from "./ranges";
import type { FakeRequestContext } from "./request-context";
import { fail, once } from "./support";
import type { SheetData } from "./workbook";

export interface CommentData {
  id: string;
  sheetId: string;
  address: string;
  content: string;
  authorName: string;
}

export class FakeNoteCollection extends FakeCollection<FakeNote> {
  readonly apiName = "NoteCollection";

  constructor(
    context: FakeRequestContext,
    private readonly resolve: SheetResolver,
  ) {
    super(context);
  }

  protected sample(): FakeNote {
    return new FakeNote(this.context, this.resolve, "A1", false);
  }

  protected current(): FakeNote[] {
    return Object.keys(this.resolve().notes).map((a) => new FakeNote(this.context, this.resolve, a, false));
  }

  add(cellAddress: string | FakeRange, content: string): FakeNote {
    this.need("1.18", "add");
    const address = typeof cellAddress === "string" ? cellAddress : null;
    let key = "";
    this.context.enqueue(() => {
      const s = this.resolve();
      const rect = address !== null ? this.book.rectOf(address) : (cellAddress as FakeRange).target().rect;
      if (rect.top !== rect.bottom || rect.left !== rect.right) fail("InvalidArgument", "A note goes on one cell");
      this.book.assertEditable(s, rect, "objects");
      key = topLeft(rect);
      if (s.notes[key]) fail("InvalidArgument", "The cell " + key + " already has a note");
      s.notes[key] = { content: String(content), authorName: "THADS" };
      this.book.log({ kind: "call", api: "NoteCollection.add", sheet: s.name, address: key });
    });
    return new FakeNote(this.context, this.resolve, () => key, false);
  }

  getItem(key: string): FakeNote {
    this.need("1.18", "getItem");
    return new FakeNote(this.context, this.resolve, normalizeCellKey(key), false);
  }

  getItemOrNullObject(key: string): FakeNote {
    this.need("1.18", "getItemOrNullObject");
    return new FakeNote(this.context, this.resolve, normalizeCellKey(key), true);
  }
}

export function topLeft(rect: RangeRect): string {
  return cellAddress(rect.top, rect.left);
}

export function normalizeCellKey(key: string): string {
  const r = parseRangeAddress(key);
  if (!r) return fail("InvalidArgument", "Not a cell address: " + key);
  return topLeft(r);
}

export interface FakeNote {
  content: string;
  readonly authorName: string;
}

export class FakeNote extends FakeClientObject {
  readonly apiName = "Note";

  constructor(
    context: FakeRequestContext,
    private readonly resolve: SheetResolver,
    private readonly key: string | (() => string),
    orNull: boolean,
  ) {
    super(context);
    if (orNull) this.isNull = () => this.data() === null;
  }

  private address(): string {
    return typeof this.key === "string" ? this.key : this.key();
  }

  private data(): { content: string; authorName: string } | null {
    return this.resolve().notes[this.address()] || null;
  }

  private existing(): { content: string; authorName: string } {
    return this.data() || fail("ItemNotFound", "No note on " + this.address());
  }

  protected override props(): Record<string, PropSpec> {
    const nullable = <T>(get: () => T): (() => T | null) => () => (this.isNull && this.isNull() ? null : get());
    return {
      content: {
        min: "1.18",
        get: nullable(() => this.existing().content),
        set: (v) => {
          const s = this.resolve();
          this.book.assertEditable(s, this.book.rectOf(this.address()), "objects");
          this.existing().content = String(v);
        },
      },
      authorName: { min: "1.18", get: nullable(() => this.existing().authorName) },
    };
  }

  delete(): void {
    this.call("1.18", "delete", () => {
      const s = this.resolve();
      const a = this.address();
      this.existing();
      this.book.assertEditable(s, this.book.rectOf(a), "objects");
      delete s.notes[a];
      this.book.log({ kind: "call", api: "Note.delete", sheet: s.name, address: a });
    });
  }
}
expose(FakeNote, { readWrite: "content", readOnly: "authorName" });

export class FakeCommentCollection extends FakeCollection<FakeComment> {
  readonly apiName = "CommentCollection";

  /** `resolve` null: the workbook's collection (every sheet). */
  constructor(
    context: FakeRequestContext,
    private readonly resolve: SheetResolver | null,
  ) {
    super(context);
  }

  protected sample(): FakeComment {
    return new FakeComment(this.context, () => "");
  }

  protected current(): FakeComment[] {
    const sheetId = this.resolve ? this.resolve().id : null;
    return this.book.comments.filter((c) => sheetId === null || c.sheetId === sheetId).map((c) => new FakeComment(this.context, () => c.id));
  }

  add(cellAddress: string | FakeRange, content: string): FakeComment {
    this.need("1.10", "add");
    const book = this.book;
    let id = "";
    this.context.enqueue(() => {
      let sheet: SheetData;
      let rect: RangeRect;
      if (typeof cellAddress === "string") {
        const name = sheetNameOf(cellAddress);
        // Office.js wants the full address, sheet included, for a string.
        if (name === null) fail("InvalidArgument", "A comment address must include the sheet: " + cellAddress);
        sheet = book.sheetByName(name);
        rect = book.rectOf(stripSheet(cellAddress));
      } else {
        const t = cellAddress.target();
        sheet = t.sheet;
        rect = t.rect;
      }
      if (rect.top !== rect.bottom || rect.left !== rect.right) fail("InvalidArgument", "A comment goes on one cell");
      if (this.resolve && this.resolve() !== sheet) fail("InvalidArgument", "The cell is on another sheet");
      book.assertEditable(sheet, rect, "objects");
      const address = topLeft(rect);
      for (const c of book.comments) {
        if (c.sheetId === sheet.id && c.address === address) fail("InvalidOperation", "The cell " + address + " already has a comment");
      }
      id = book.newCommentId();
      book.comments.push({ id, sheetId: sheet.id, address, content: String(content), authorName: "THADS" });
      book.log({ kind: "call", api: "CommentCollection.add", sheet: sheet.name, address });
    });
    return new FakeComment(this.context, () => id);
  }

  getItem(commentId: string): FakeComment {
    this.need("1.10", "getItem");
    return new FakeComment(this.context, () => commentId);
  }

  getItemByCell(cellAddress: string): FakeComment {
    this.need("1.10", "getItemByCell");
    const book = this.book;
    return new FakeComment(
      this.context,
      once(() => {
        const name = sheetNameOf(cellAddress);
        const sheet = name === null ? (this.resolve ? this.resolve() : fail("InvalidArgument", "Address without sheet")) : book.sheetByName(name);
        const address = normalizeCellKey(cellAddress);
        for (const c of book.comments) if (c.sheetId === sheet.id && c.address === address) return c.id;
        return fail("ItemNotFound", "No comment on " + address);
      }),
    );
  }
}

export interface FakeComment {
  readonly id: string;
  content: string;
  readonly authorName: string;
}

export class FakeComment extends FakeClientObject {
  readonly apiName = "Comment";

  constructor(
    context: FakeRequestContext,
    private readonly idOf: () => string,
  ) {
    super(context);
  }

  private data(): CommentData {
    const id = this.idOf();
    for (const c of this.book.comments) if (c.id === id) return c;
    return fail("ItemNotFound", "No comment " + id);
  }

  protected override props(): Record<string, PropSpec> {
    const data = (): CommentData => this.data();
    return {
      id: { min: "1.10", get: () => data().id },
      content: stored("1.10", data, "content", String),
      authorName: { min: "1.10", get: () => data().authorName },
    };
  }

  getLocation(): FakeRange {
    this.need("1.10", "getLocation");
    const book = this.book;
    return new FakeRange(this.context, () => {
      const c = this.data();
      const sheet = book.findById(c.sheetId) || fail("ItemNotFound", "The comment's sheet is gone");
      return { sheet, rect: book.rectOf(c.address) };
    });
  }

  delete(): void {
    this.call("1.10", "delete", () => {
      const book = this.book;
      const c = this.data();
      const sheet = book.findById(c.sheetId);
      if (sheet) book.assertEditable(sheet, book.rectOf(c.address), "objects");
      book.comments = book.comments.filter((x) => x !== c);
      book.log({ kind: "call", api: "Comment.delete", sheet: sheet ? sheet.name : "", address: c.address });
    });
  }
}
expose(FakeComment, { readWrite: "content", readOnly: "id authorName" });
