import { calculateObjectSize, Long } from 'bson';
import { CommandError } from './errors.js';
import { type Doc, toNumber } from './values.js';

const DEFAULT_FIRST_BATCH = 101;
// Stay well under the 16 MiB reply limit whatever the batch size asks for.
const MAX_BATCH_BYTES = 8 * 1024 * 1024;
// mongod's cursorTimeoutMillis: abandoned cursors are reaped when new ones open.
const CURSOR_TIMEOUT_MS = 10 * 60 * 1000;

interface OpenCursor {
  readonly ns: string;
  readonly docs: Doc[];
  position: number;
  touched: number;
}

/** Server-side cursors: results are computed up front and handed out in batches by getMore. */
export class Cursors {
  private readonly open = new Map<number, OpenCursor>();
  private nextId = 1;

  /**
   * The `cursor` field of a find/aggregate/list reply; keeps the rest of `docs` for getMore.
   * A batchSize of 0 opens the cursor with an empty first batch, as on mongod.
   */
  first(ns: string, docs: Doc[], batchSize?: number, singleBatch = false): Doc {
    const cursor: OpenCursor = { ns, docs, position: 0, touched: Date.now() };
    const firstBatch = this.take(cursor, batchSize ?? DEFAULT_FIRST_BATCH);
    if (singleBatch || cursor.position >= docs.length) return { id: Long.ZERO, ns, firstBatch };
    this.reap();
    const id = this.nextId++;
    this.open.set(id, cursor);
    // The driver requires int64 cursor ids ("BSON element 'id' is missing" otherwise).
    return { id: Long.fromNumber(id), ns, firstBatch };
  }

  /** The `cursor` field of a getMore reply; code 43 for an unknown or exhausted id. */
  more(rawId: unknown, batchSize?: number): Doc {
    const id = toNumber(rawId) ?? -1;
    const cursor = this.open.get(id);
    if (!cursor) throw new CommandError(43, 'CursorNotFound', `cursor id ${id} not found`);
    cursor.touched = Date.now();
    const nextBatch = this.take(cursor, batchSize || Number.POSITIVE_INFINITY);
    const done = cursor.position >= cursor.docs.length;
    if (done) this.open.delete(id);
    return { id: done ? Long.ZERO : Long.fromNumber(id), ns: cursor.ns, nextBatch };
  }

  /** killCursors: which of the given ids were open. */
  kill(rawIds: unknown[]): { killed: Long[]; notFound: Long[] } {
    const killed: Long[] = [];
    const notFound: Long[] = [];
    for (const rawId of rawIds) {
      const id = toNumber(rawId) ?? -1;
      (this.open.delete(id) ? killed : notFound).push(Long.fromNumber(id));
    }
    return { killed, notFound };
  }

  private take(cursor: OpenCursor, batchSize: number): Doc[] {
    const batch: Doc[] = [];
    let bytes = 0;
    while (cursor.position < cursor.docs.length && batch.length < batchSize && bytes < MAX_BATCH_BYTES) {
      const doc = cursor.docs[cursor.position++] as Doc;
      bytes += calculateObjectSize(doc);
      batch.push(doc);
    }
    return batch;
  }

  private reap(): void {
    const cutoff = Date.now() - CURSOR_TIMEOUT_MS;
    for (const [id, cursor] of this.open) if (cursor.touched < cutoff) this.open.delete(id);
  }
}
