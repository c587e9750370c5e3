import { Batcher, BatchOptions } from './batcher';

type Row = { i: number; value: string };

class RolledBackError extends Error {}

/**
 * A statement that answers each entry [x] with a row `x!`, except entries named 'none' (no row)
 * and 'bad' (the whole statement fails, rolled back); it records every call and can be held.
 */
class FakeStatement {
  readonly calls: unknown[][][] = [];
  private release: (() => void) | undefined;
  private held: Promise<void> | undefined;
  lost = false;

  hold(): void {
    this.held = new Promise((resolve) => (this.release = resolve));
  }

  go(): void {
    const release = this.release;
    this.held = undefined;
    this.release = undefined;
    release?.();
  }

  readonly run = async (columns: unknown[][]): Promise<Row[]> => {
    this.calls.push(columns);
    if (this.held) await this.held;
    const names = columns[0] as string[];
    if (this.lost) throw new Error('connection lost');
    if (names.includes('bad')) throw new RolledBackError('check constraint');
    return names.flatMap((name, at) => (name === 'none' ? [] : [{ i: at + 1, value: `${name}!` }]));
  };
}

function batcher(s: FakeStatement, options: Partial<BatchOptions> = {}): Batcher<Row> {
  return new Batcher<Row>(s.run, (e) => e instanceof RolledBackError, { maxBatch: 10, maxInFlight: 2, ...options });
}

const values = (rows: Row[]) => rows.map((r) => r.value);
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('Batcher', () => {
  it('sends the entries of one turn as one statement, a column per parameter, and gives each its own rows', async () => {
    const s = new FakeStatement();
    const b = batcher(s);
    const results = await Promise.all([b.add(['a', 1]), b.add(['none', 2]), b.add(['c', 3])]);
    expect(s.calls).toEqual([
      [
        ['a', 'none', 'c'],
        [1, 2, 3],
      ],
    ]);
    expect(results.map(values)).toEqual([['a!'], [], ['c!']]);
  });

  it('sends a lone entry at once, as a batch of one', async () => {
    const s = new FakeStatement();
    expect(values(await batcher(s).add(['solo']))).toEqual(['solo!']);
    expect(s.calls).toEqual([[['solo']]]);
  });

  it('keeps at most maxInFlight statements running; the rest wait and go out together', async () => {
    const s = new FakeStatement();
    const b = batcher(s, { maxInFlight: 1 });
    s.hold();
    const first = b.add(['a']);
    await turn();
    const later = [b.add(['b']), b.add(['c']), b.add(['d'])];
    await turn();
    expect(s.calls).toHaveLength(1);
    expect(b.state).toEqual({ waiting: 3, inFlight: 1 });
    s.go();
    expect(values(await first)).toEqual(['a!']);
    expect((await Promise.all(later)).map(values)).toEqual([['b!'], ['c!'], ['d!']]);
    expect(s.calls.map((c) => c[0])).toEqual([['a'], ['b', 'c', 'd']]);
  });

  it('puts at most maxBatch entries in one statement', async () => {
    const s = new FakeStatement();
    const b = batcher(s, { maxBatch: 2, maxInFlight: 5 });
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((x) => b.add([x])));
    expect(s.calls.map((c) => c[0])).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('never puts two entries with one key in a batch, nor runs them at once', async () => {
    const s = new FakeStatement();
    const b = batcher(s, { maxInFlight: 3 });
    s.hold();
    const all = [b.add(['x1'], 'x'), b.add(['y'], 'y'), b.add(['x2'], 'x'), b.add(['r1']), b.add(['r2'])];
    await turn();
    // x2 waits for x1's statement to finish, though there is room for another one.
    expect(s.calls.map((c) => c[0])).toEqual([['x1', 'y', 'r1', 'r2']]);
    s.go();
    expect((await Promise.all(all)).map(values)).toEqual([['x1!'], ['y!'], ['x2!'], ['r1!'], ['r2!']]);
    expect(s.calls.map((c) => c[0])).toEqual([['x1', 'y', 'r1', 'r2'], ['x2']]);
  });

  it('runs each entry of a batch the database rolled back on its own, so only the bad one fails', async () => {
    const s = new FakeStatement();
    const b = batcher(s);
    const [a, bad, c] = await Promise.allSettled([b.add(['a']), b.add(['bad']), b.add(['c'])]);
    expect(a).toEqual({ status: 'fulfilled', value: [{ i: 1, value: 'a!' }] });
    expect(bad.status).toBe('rejected');
    expect((bad as PromiseRejectedResult).reason).toBeInstanceOf(RolledBackError);
    expect(c).toEqual({ status: 'fulfilled', value: [{ i: 1, value: 'c!' }] });
    expect(s.calls.map((call) => call[0])).toEqual([['a', 'bad', 'c'], ['a'], ['bad'], ['c']]);
    expect(b.stats).toEqual({ statements: 4, entries: 6, largest: 3, rolledBack: 1 });
  });

  it('fails every entry, without running any again, when whether the batch committed is unknown', async () => {
    const s = new FakeStatement();
    s.lost = true;
    const b = batcher(s);
    const settled = await Promise.allSettled([b.add(['a']), b.add(['b'])]);
    expect(settled.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(s.calls).toHaveLength(1);
    expect(b.stats.rolledBack).toBe(0);
    // And it goes on working afterwards.
    s.lost = false;
    expect(values(await b.add(['c']))).toEqual(['c!']);
  });

  it('refuses options that could never send anything', () => {
    const s = new FakeStatement();
    expect(() => batcher(s, { maxBatch: 0 })).toThrow();
    expect(() => batcher(s, { maxInFlight: 0 })).toThrow();
  });
});
