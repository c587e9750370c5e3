import { passwordWeakness } from './password-strength';

describe('passwordWeakness', () => {
  it('refuses anything shorter than 12 characters, however random', () => {
    expect(passwordWeakness('Xq7#kL9!pZ')).toMatch(/at least 12 characters/);
  });

  it('refuses long but guessable passwords: Finnish words, repeats, the person’s own name', () => {
    expect(passwordWeakness('salasana1234')).toMatch(/too easy to guess/);
    expect(passwordWeakness('aaaaaaaaaaaa')).toMatch(/too easy to guess/);
    expect(passwordWeakness('virtanenpekka', ['pekka.virtanen@turku.example', 'Pekka Virtanen'])).toMatch(/too easy to guess/);
  });

  it('accepts a passphrase of unrelated words', () => {
    expect(passwordWeakness('Hevonen-Kirja-Sininen-77')).toBeNull();
    expect(passwordWeakness('correct horse battery staple')).toBeNull();
  });
});
