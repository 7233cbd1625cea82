/** Excel.RequestContext: the queue of one batch, run at each `sync()`. */
import { FakeOfficeError, fail } from "./support";
import type { MemoryWorkbook } from "./workbook";
import { FakeWorkbook } from "./worksheets";

/** A queued command runner, like Excel.RequestContext. */
export class FakeRequestContext {
  readonly workbook: FakeWorkbook;
  /** Accepted and ignored: the in-memory objects never go stale. */
  readonly trackedObjects = { add: (_o: unknown): void => undefined, remove: (_o: unknown): void => undefined };
  private queue: (() => void)[] = [];
  /** @internal */ closed = false;

  constructor(readonly book: MemoryWorkbook) {
    this.workbook = new FakeWorkbook(this);
  }

  /** @internal */
  enqueue(op: () => void): void {
    if (this.closed) fail("InvalidObjectPath", "This object belongs to an Excel.run batch that has ended");
    this.queue.push(op);
  }

  /** @internal */
  hasPending(): boolean {
    return this.queue.length > 0;
  }

  sync<T>(passThroughValue?: T): Promise<T> {
    if (this.closed) return Promise.reject(new FakeOfficeError("InvalidObjectPath", "sync() after the batch ended"));
    const ops = this.queue;
    this.queue = [];
    this.book.beginSync();
    try {
      for (const op of ops) op();
    } catch (e) {
      this.book.endSync();
      return Promise.reject(e);
    }
    this.book.endSync();
    return Promise.resolve(passThroughValue as T);
  }
}
