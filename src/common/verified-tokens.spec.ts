import { VerifiedTokens } from './verified-tokens';

describe('VerifiedTokens', () => {
  it('gives back what was kept for exactly that token until it expires', () => {
    const cache = new VerifiedTokens<string>();
    cache.set('a.b.c', 'alice', 10_000, 0);
    expect(cache.get('a.b.c', 9_999)).toBe('alice');
    expect(cache.get('a.b.d', 5_000)).toBeUndefined(); // another signature is another token
    expect(cache.get('a.b.c', 10_000)).toBeUndefined(); // at expiry: gone
    expect(cache.get('a.b.c', 5_000)).toBeUndefined(); // and stays gone
  });

  it('keeps no token without an expiry or already expired', () => {
    const cache = new VerifiedTokens<string>();
    cache.set('no-exp', 'x', undefined, 0);
    cache.set('expired', 'x', 1_000, 1_000);
    cache.set('nan', 'x', Number.NaN, 0);
    expect(cache.size).toBe(0);
  });

  it('drops the oldest entry past its capacity', () => {
    const cache = new VerifiedTokens<number>(3);
    for (let i = 0; i < 5; i++) cache.set(`t${i}`, i, 10_000, 0);
    expect(cache.size).toBe(3);
    expect(cache.get('t0', 1)).toBeUndefined();
    expect(cache.get('t1', 1)).toBeUndefined();
    expect(cache.get('t4', 1)).toBe(4);
  });
});
