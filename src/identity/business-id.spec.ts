import { businessIdCheckDigit, isValidBusinessId } from './business-id';

describe('Finnish business ID (Y-tunnus)', () => {
  it.each([
    ['0245872-8', 'Opetus- ja kulttuuriministeriö'],
    ['0204819-8', 'Turun kaupunki'],
    ['0201256-6', 'Helsingin kaupunki'],
  ])('accepts %s (%s)', (id) => {
    expect(isValidBusinessId(id)).toBe(true);
  });

  it('refuses a wrong check digit', () => {
    expect(isValidBusinessId('1234567-8')).toBe(false);
    expect(isValidBusinessId('1234567-1')).toBe(true);
  });

  it('refuses malformed values', () => {
    for (const bad of ['', '12345678', '123456-7', '1234567-', '1234567_1', 'abcdefg-1', ' 1234567-1', '01234567-1']) {
      expect(isValidBusinessId(bad)).toBe(false);
    }
  });

  it('gives check digit 0 when the remainder is 0 and none when it is 1', () => {
    expect(businessIdCheckDigit('0000000')).toBe(0);
    // found by search, so the remainder-1 rule is tested rather than assumed
    const remainderOne = Array.from({ length: 200 }, (_, i) => String(i).padStart(7, '0')).find(
      (body) => [...body].reduce((a, d, i) => a + Number(d) * [7, 9, 10, 5, 8, 4, 2][i], 0) % 11 === 1,
    );
    expect(remainderOne).toBeDefined();
    expect(businessIdCheckDigit(remainderOne as string)).toBeNull();
  });
});
