import fc from 'fast-check';
import { DateTime } from 'luxon';
import type { Language } from '../identity/organization.entity';
import { formatInstant } from './templates';

describe('formatInstant', () => {
  it('gives the date, 24-hour time and zone name of the instant in the zone', () => {
    expect(formatInstant(new Date('2018-11-21T14:15:00Z'), 'Europe/Helsinki', 'fi')).toBe('21.11.2018 16:15 UTC+2');
    expect(formatInstant(new Date('2018-06-21T14:05:00Z'), 'Europe/Helsinki', 'fi')).toBe('21.6.2018 17:05 UTC+3');
    expect(formatInstant(new Date('2018-11-21T14:15:00Z'), 'Europe/Helsinki', 'sv')).toBe('21.11.2018 16:15 EET');
    expect(formatInstant(new Date('2018-11-21T22:00:00Z'), 'Europe/Helsinki', 'en')).toBe('22.11.2018 00:00 EET');
  });

  it('moves on at each minute, also when the instants come within one minute', () => {
    const at = (iso: string) => formatInstant(new Date(iso), 'Europe/Helsinki', 'fi');
    expect(at('2018-11-21T13:59:00.000Z')).toBe('21.11.2018 15:59 UTC+2');
    expect(at('2018-11-21T13:59:59.999Z')).toBe('21.11.2018 15:59 UTC+2');
    expect(at('2018-11-21T14:00:00.000Z')).toBe('21.11.2018 16:00 UTC+2');
    // Daylight saving time starts at 03:00 local time on the last Sunday of March.
    expect(at('2018-03-25T00:59:59.000Z')).toBe('25.3.2018 02:59 UTC+2');
    expect(at('2018-03-25T01:00:00.000Z')).toBe('25.3.2018 04:00 UTC+3');
  });

  it('says what luxon’s "d.M.yyyy HH:mm ZZZZ" says, for any instant, zone and language', () => {
    const zones = ['Europe/Helsinki', 'Europe/Stockholm', 'UTC', 'America/New_York', 'Asia/Kolkata'];
    const locale: Record<Language, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom(...zones),
        fc.constantFrom<Language>('fi', 'sv', 'en'),
        (at, zone, language) => {
          const expected = DateTime.fromJSDate(at, { zone }).setLocale(locale[language]).toFormat('d.M.yyyy HH:mm ZZZZ');
          expect(formatInstant(at, zone, language)).toBe(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});
