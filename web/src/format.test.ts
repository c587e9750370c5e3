import { describe, expect, it } from 'vitest';
import {
  centsToInput,
  formatClosingTime,
  formatDate,
  formatDateTime,
  formatEuros,
  fromHelsinkiInput,
  parseEuros,
  remaining,
  toHelsinkiInput,
} from './format';

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('parseEuros', () => {
  it.each([
    ['1 234,50', 123_450],
    ['1234,5', 123_450],
    ['1234.50', 123_450],
    ['1\u00a0234\u00a0567', 123_456_700],
    ['0,05', 5],
    ['620 000 €', 62_000_000],
    [' 12 ', 1200],
  ])('reads %j as %i cents', (text, cents) => {
    expect(parseEuros(text)).toBe(cents);
  });

  it('reads an empty field as no amount', () => {
    expect(parseEuros('')).toBeNull();
    expect(parseEuros('   ')).toBeNull();
  });

  it.each(['1,234,50', '12,345', 'abc', '-5', '1 234,5x', '1e5', '99999999999999999'])('refuses %j instead of guessing', (text) => {
    expect(parseEuros(text)).toBeNaN();
  });
});

describe('centsToInput', () => {
  it('writes cents as a Finn types euros, and parseEuros reads it back', () => {
    expect(centsToInput(123_450)).toBe('1 234,50');
    expect(centsToInput(62_000_000)).toBe('620 000');
    expect(centsToInput(5)).toBe('0,05');
    for (const cents of [0, 1, 99, 100, 123_456_789, 400_000_000]) expect(parseEuros(centsToInput(cents))).toBe(cents);
  });
});

describe('formatEuros', () => {
  it('shows euros the Finnish way', () => {
    expect(nbsp(formatEuros(123_450, 'fi'))).toBe('1 234,50 €');
    expect(nbsp(formatEuros(400_000_000, 'sv'))).toBe('4 000 000,00 €');
  });
});

describe('Helsinki time', () => {
  it('shows an instant in Helsinki time whatever the zone of the browser', () => {
    // 21.11.2018 23:59 in Helsinki is 21:59 UTC (winter time, +02:00).
    expect(nbsp(formatDateTime('2018-11-21T21:59:00Z', 'fi'))).toBe('21.11.2018 klo 23.59');
    // Summer time, +03:00.
    expect(nbsp(formatDateTime('2019-06-30T20:59:59Z', 'fi'))).toBe('30.6.2019 klo 23.59');
  });

  it('shows a calendar date without moving it across midnight', () => {
    expect(formatDate('2019-01-01', 'fi')).toBe('1.1.2019');
  });

  it('counts down to a deadline in whole units', () => {
    const now = Date.parse('2026-12-01T10:00:00Z');
    expect(remaining('2026-12-03T12:34:56Z', now)).toEqual({ days: 2, hours: 2, minutes: 34, seconds: 56, past: false });
    expect(remaining('2026-12-01T10:00:00Z', now).past).toBe(true);
  });
});

describe('formatClosingTime', () => {
  it('shows a call closing at midnight Helsinki time as 24.00 of the day before, in every language', () => {
    expect(nbsp(formatClosingTime('2018-11-22T00:00:00+02:00', 'fi'))).toBe('21.11.2018 klo 24.00');
    expect(nbsp(formatClosingTime('2018-11-22T00:00:00+02:00', 'sv'))).toBe('21.11.2018 24.00');
    expect(nbsp(formatClosingTime('2018-11-22T00:00:00+02:00', 'en'))).toBe('21/11/2018, 24.00');
  });

  it('does so in summer time too (midnight is 21:00 UTC)', () => {
    expect(nbsp(formatClosingTime('2019-06-30T21:00:00Z', 'fi'))).toBe('30.6.2019 klo 24.00');
  });

  it('shows any other instant unchanged, a second before midnight included', () => {
    expect(nbsp(formatClosingTime('2018-11-21T23:59:59+02:00', 'fi'))).toBe('21.11.2018 klo 23.59');
    expect(nbsp(formatClosingTime('2018-11-22T00:01:00+02:00', 'fi'))).toBe('22.11.2018 klo 00.01');
    expect(nbsp(formatClosingTime('2018-11-22T00:00:00Z', 'fi'))).toBe('22.11.2018 klo 02.00');
  });
});

describe('Helsinki datetime-local values', () => {
  it('shows an instant as the Helsinki wall clock, in winter and in summer', () => {
    expect(toHelsinkiInput('2018-11-21T22:00:00Z')).toBe('2018-11-22T00:00');
    expect(toHelsinkiInput('2019-06-30T20:59:00Z')).toBe('2019-06-30T23:59');
  });

  it('reads a wall-clock time as Helsinki time, whatever the browser’s zone', () => {
    expect(fromHelsinkiInput('2018-11-22T00:00')).toBe('2018-11-21T22:00:00.000Z');
    expect(fromHelsinkiInput('2019-06-30T23:59')).toBe('2019-06-30T20:59:00.000Z');
    expect(fromHelsinkiInput('2026-03-29T04:30')).toBe('2026-03-29T01:30:00.000Z');
  });

  it('reads an incomplete value as nothing', () => {
    expect(fromHelsinkiInput('2018-11-')).toBeNull();
  });
});
