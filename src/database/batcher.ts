/**
 * Group commit for one hot statement: entries that arrive while the statement is busy wait and go
 * out together, as one statement over arrays, instead of one round trip, one execution and one
 * commit each. At a deadline rush that is most of what the database and the API spend per
 * submit; on a quiet system every entry goes out alone at once (a batch of one), so nothing waits.
 *
 * The statement takes, for each of its parameters, an array with one element per entry, and
 * returns each result row with the entry's 1-based position as column `i`. Entries of a batch
 * commit together, so each must stand alone: the statement must write every entry whole or not
 * at all, whatever the others do. When a batch fails with an error from the database (which
 * rolled it back, so nothing of it was written), each of its entries runs again alone, so one
 * bad entry fails only itself. Any other error (the connection lost: whether it committed is
 * unknown) fails every entry of the batch.
 *
 * Entries with the same key never share a batch or run at the same time: a batch never updates
 * one row twice, and two batches never lock the same rows in opposite orders.
 */
export interface BatchOptions {
  /** Entries per statement, at most. */
  maxBatch: number;
  /** Statements in flight at once; more entries wait for one of them to finish and go out together. */
  maxInFlight: number;
}

export interface BatchStats {
  /** Statements sent, entries sent in them, and the most entries in one. */
  statements: number;
  entries: number;
  largest: number;
  /** Batches the database rolled back, whose entries then ran alone. */
  rolledBack: number;
}

export type RunBatch<R> = (columns: unknown[][]) => Promise<(R & { i: number })[]>;

/** Whether an error came from the database itself, which then rolled the statement back. */
export type RolledBack = (error: unknown) => boolean;

interface Entry<R> {
  key: string | undefined;
  params: unknown[];
  resolve: (rows: R[]) => void;
  reject: (error: unknown) => void;
}

export class Batcher<R> {
  private queue: Entry<R>[] = [];
  private readonly busy = new Set<string>();
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly run: RunBatch<R>,
    private readonly rolledBack: RolledBack,
    private readonly options: BatchOptions,
  ) {
    if (options.maxBatch < 1 || options.maxInFlight < 1) throw new Error('maxBatch and maxInFlight must be at least 1');
  }

  /**
   * The entry's result rows, once its batch has run. `key` names what the entry changes (e.g. the
   * row's id); entries that change nothing (reads) need none.
   */
  add(params: unknown[], key?: string): Promise<R[]> {
    return new Promise<R[]>((resolve, reject) => {
      this.queue.push({ key, params, resolve, reject });
      this.schedule();
    });
  }

  /** Entries waiting, and statements in flight: for tests and diagnostics. */
  get state(): { waiting: number; inFlight: number } {
    return { waiting: this.queue.length, inFlight: this.inFlight };
  }

  /** Counts since start, for tests and diagnostics. */
  readonly stats: BatchStats = { statements: 0, entries: 0, largest: 0, rolledBack: 0 };

  /**
   * Sends after the current turn of the event loop, so that every entry that arrived in it (the
   * requests read and the results handled in one turn) shares the statement.
   */
  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.options.maxInFlight || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  private flush(): void {
    while (this.inFlight < this.options.maxInFlight) {
      const batch = this.take();
      if (batch.length === 0) return;
      this.inFlight += 1;
      void this.send(batch).finally(() => {
        this.inFlight -= 1;
        for (const e of batch) if (e.key !== undefined) this.busy.delete(e.key);
        this.schedule();
      });
    }
  }

  /** Up to maxBatch waiting entries, oldest first, none with a key already taken. */
  private take(): Entry<R>[] {
    const batch: Entry<R>[] = [];
    const rest: Entry<R>[] = [];
    for (const e of this.queue) {
      if (batch.length < this.options.maxBatch && (e.key === undefined || !this.busy.has(e.key))) {
        if (e.key !== undefined) this.busy.add(e.key);
        batch.push(e);
      } else {
        rest.push(e);
      }
    }
    this.queue = rest;
    return batch;
  }

  private async send(batch: Entry<R>[]): Promise<void> {
    try {
      deliver(batch, await this.runCounted(batch));
    } catch (error) {
      if (batch.length === 1 || !this.rolledBack(error)) {
        for (const e of batch) e.reject(error);
        return;
      }
      // Nothing of the batch was written: each entry again on its own, so one bad entry fails alone.
      this.stats.rolledBack += 1;
      await Promise.all(
        batch.map(async (e) => {
          try {
            deliver([e], await this.runCounted([e]));
          } catch (own) {
            e.reject(own);
          }
        }),
      );
    }
  }

  private runCounted(batch: Entry<R>[]): Promise<(R & { i: number })[]> {
    this.stats.statements += 1;
    this.stats.entries += batch.length;
    this.stats.largest = Math.max(this.stats.largest, batch.length);
    return this.run(columnsOf(batch.map((e) => e.params)));
  }
}

/**
 * The parameters of a batch statement from the entries' own parameters: parameter k is the k-th
 * parameter of every entry, in order.
 */
export function columnsOf(entries: unknown[][]): unknown[][] {
  const width = entries[0]?.length ?? 0;
  const out: unknown[][] = [];
  for (let k = 0; k < width; k++) out.push(entries.map((params) => params[k]));
  return out;
}

function deliver<R>(batch: Entry<R>[], rows: (R & { i: number })[]): void {
  const byEntry: R[][] = batch.map(() => []);
  for (const row of rows) {
    const at = Number(row.i) - 1;
    if (at >= 0 && at < batch.length) byEntry[at].push(row);
  }
  batch.forEach((e, at) => e.resolve(byEntry[at]));
}
