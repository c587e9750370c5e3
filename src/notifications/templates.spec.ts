import fc from 'fast-check';
import { DateTime } from 'luxon';
import type { Language } from '../identity/organization.entity';
import { euros, formatInstant, templates } from './templates';

describe('formatInstant', () => {
  it('writes the date and time as Finns do: "3.12.2026 klo 11.21", in Swedish "3.12.2026 kl. 11.21"', () => {
    expect(formatInstant(new Date('2026-12-03T09:21:00Z'), 'Europe/Helsinki', 'fi')).toBe('3.12.2026 klo 11.21');
    expect(formatInstant(new Date('2026-12-03T09:21:00Z'), 'Europe/Helsinki', 'sv')).toBe('3.12.2026 kl. 11.21');
    expect(formatInstant(new Date('2018-06-21T06:05:00Z'), 'Europe/Helsinki', 'fi')).toBe('21.6.2018 klo 9.05');
  });

  it('writes midnight as the end of the day before, as the ministry writes the 2018 deadline', () => {
    const midnight = new Date('2018-11-21T22:00:00Z');
    expect(formatInstant(midnight, 'Europe/Helsinki', 'fi')).toBe('21.11.2018 klo 24.00');
    expect(formatInstant(midnight, 'Europe/Helsinki', 'sv')).toBe('21.11.2018 kl. 24.00');
    expect(formatInstant(midnight, 'Europe/Helsinki', 'en')).toBe('21.11.2018 at 24:00');
    expect(formatInstant(new Date('2018-11-21T22:01:00Z'), 'Europe/Helsinki', 'fi')).toBe('22.11.2018 klo 0.01');
    expect(formatInstant(new Date('2018-12-31T22:00:00Z'), 'Europe/Helsinki', 'fi')).toBe('31.12.2018 klo 24.00');
  });

  it('names a zone other than Helsinki after the time', () => {
    expect(formatInstant(new Date('2026-12-03T09:21:00Z'), 'UTC', 'fi')).toBe('3.12.2026 klo 9.21 (UTC)');
  });

  it('moves on at each minute, also when the instants come within one minute', () => {
    const at = (iso: string) => formatInstant(new Date(iso), 'Europe/Helsinki', 'fi');
    expect(at('2018-11-21T13:59:00.000Z')).toBe('21.11.2018 klo 15.59');
    expect(at('2018-11-21T13:59:59.999Z')).toBe('21.11.2018 klo 15.59');
    expect(at('2018-11-21T14:00:00.000Z')).toBe('21.11.2018 klo 16.00');
    // Daylight saving time starts at 03:00 local time on the last Sunday of March.
    expect(at('2018-03-25T00:59:59.000Z')).toBe('25.3.2018 klo 2.59');
    expect(at('2018-03-25T01:00:00.000Z')).toBe('25.3.2018 klo 4.00');
  });

  it('says what luxon’s "d.M.yyyy \'klo\' H.mm" (sv "kl.", en "at HH:mm") says, for any instant, zone and language', () => {
    const zones = ['Europe/Helsinki', 'Europe/Stockholm', 'UTC', 'America/New_York', 'Asia/Kolkata'];
    const locale: Record<Language, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.constantFrom(...zones),
        fc.constantFrom<Language>('fi', 'sv', 'en'),
        (at, zone, language) => {
          const pattern = { fi: "d.M.yyyy 'klo' H.mm", sv: "d.M.yyyy 'kl.' H.mm", en: "d.M.yyyy 'at' HH:mm" }[language];
          const suffix = zone === 'Europe/Helsinki' ? '' : " '('ZZZZ')'";
          const local = DateTime.fromJSDate(at, { zone }).setLocale(locale[language]);
          // Midnight is 24.00 of the day before (tested above); luxon writes it as 0.00 of the next day.
          const midnight = local.hour === 0 && local.minute === 0;
          const expected = midnight
            ? local.minus({ minutes: 1 }).toFormat(pattern.replace(/H+\.?:?mm/, `'${language === 'en' ? '24:00' : '24.00'}'`) + suffix)
            : local.toFormat(pattern + suffix);
          expect(formatInstant(at, zone, language)).toBe(expected);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('euros', () => {
  it('has one format per language: Finnish and Swedish "550 000,00 €" with no-break spaces', () => {
    expect(euros(55_000_000, 'fi')).toBe('550\u00a0000,00\u00a0€');
    expect(euros(55_000_000, 'sv')).toBe('550\u00a0000,00\u00a0€');
    expect(euros(55_000_000, 'en')).toBe('€550,000.00');
  });

  it('is the format of the money in notifications', () => {
    const message = templates.decisionFunded(
      { applicationTitle: 'Kumppanuudet', callTitle: { fi: 'Haku' }, granted: 55_000_000, rationale: 'Vahva verkosto.' },
      'fi',
    );
    expect(message.body).toContain('550\u00a0000,00\u00a0€');
  });
});

describe('acceptance notifications', () => {
  const callTitle = { fi: 'Kumppanuuksien johtaminen', sv: 'Ledning av partnerskap' };
  const languages: Language[] = ['fi', 'sv', 'en'];

  it('tell acceptance, refusal (with its reason), the near deadline and acceptance by silence in each language, naming the application', () => {
    for (const lang of languages) {
      const messages = [
        templates.grantAccepted({ applicationTitle: 'Hanke A', organizationName: 'Turun kaupunki', callTitle }, lang),
        templates.grantRefused(
          { applicationTitle: 'Hanke A', organizationName: 'Turun kaupunki', callTitle, reason: 'Kumppanit vetäytyivät.' },
          lang,
        ),
        templates.acceptanceDeadlineNear({ applicationTitle: 'Hanke A', callTitle, lastDay: '15.2.2019' }, lang),
        templates.grantAcceptedBySilence({ applicationTitle: 'Hanke A', callTitle }, lang),
      ];
      for (const m of messages) {
        expect(m.subject).toContain('Hanke A');
        expect(m.body).toContain(lang === 'sv' ? 'Ledning av partnerskap' : 'Kumppanuuksien johtaminen');
      }
      expect(messages[1].body).toContain('Kumppanit vetäytyivät.');
      expect(messages[2].body).toContain('15.2.2019');
    }
    expect(templates.grantRefused({ applicationTitle: 'H', organizationName: 'O', callTitle, reason: 'R' }, 'sv').subject).toBe(
      'Understödet har avböjts: H',
    );
    expect(templates.acceptanceDeadlineNear({ applicationTitle: 'H', callTitle, lastDay: '1.3.2019' }, 'fi').subject).toBe(
      'Muistutus: ilmoita avustuksen vastaanottamisesta 1.3.2019 mennessä: H',
    );
  });
});
