// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { browserLang } from './index';

describe('browserLang', () => {
  it('takes the first of the browser’s languages that the UI speaks', () => {
    expect(browserLang(['sv-FI', 'fi'])).toBe('sv');
    expect(browserLang(['de-DE', 'en-GB', 'fi'])).toBe('en');
    expect(browserLang(['FI'])).toBe('fi');
  });

  it('falls back to Finnish', () => {
    expect(browserLang(['de-DE', 'ru'])).toBe('fi');
    expect(browserLang([])).toBe('fi');
  });
});
