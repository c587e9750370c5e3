import { servedOverTls, validateEnv } from './env.schema';

describe('PUBLIC_URL', () => {
  it('means TLS only when it is an https address', () => {
    expect(servedOverTls(validateEnv({ PUBLIC_URL: 'https://avustus.example.fi' }))).toBe(true);
    expect(servedOverTls(validateEnv({ PUBLIC_URL: 'http://10.0.0.5:3000' }))).toBe(false);
    expect(servedOverTls(validateEnv({}))).toBe(false);
  });

  it('stops the start-up, naming it, when it is not an http(s) address', () => {
    expect(() => validateEnv({ PUBLIC_URL: 'avustus.example.fi' })).toThrow(/PUBLIC_URL/);
    expect(() => validateEnv({ PUBLIC_URL: 'ftp://avustus.example.fi' })).toThrow(/PUBLIC_URL/);
  });
});
