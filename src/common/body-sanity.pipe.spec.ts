import { BodySanityPipe, MAX_BODY_DEPTH } from './body-sanity.pipe';
import { Problem } from './problem';

const pipe = new BodySanityPipe();
const body = { type: 'body' as const };

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    return ((e as Problem).extras.errors as { field: string }[])[0].field;
  }
}

describe('body sanity', () => {
  it('passes ordinary bodies through unchanged', () => {
    const value = { title: 'Kumppanuudet – åäö', budget: [{ item: 'x', amount: 1 }] };
    expect(pipe.transform(value, body)).toBe(value);
  });

  it('refuses a NUL character, naming the field', () => {
    expect(fieldOf(() => pipe.transform({ partners: [{ name: 'a\u0000b' }] }, body))).toBe('partners.0.name');
  });

  it('refuses nesting beyond the limit without overflowing the stack', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i += 1) deep = { a: deep };
    expect(fieldOf(() => pipe.transform({ email: deep }, body))).toMatch(/^email(\.a)+$/);
    let ok: unknown = 'x';
    for (let i = 0; i < MAX_BODY_DEPTH - 1; i += 1) ok = { a: ok };
    expect(() => pipe.transform(ok, body)).not.toThrow();
  });
});
