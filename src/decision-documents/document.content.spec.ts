import { paymentSchedule } from './decision.rules';
import { documentContent, DocumentFacts, documentLanguage, finnishDate } from './document.content';
import { renderHtml } from './document.render';

const facts = (over: Partial<DocumentFacts> = {}): DocumentFacts => ({
  language: 'fi',
  version: 1,
  correctionReason: null,
  caseNumber: 'OKM/2018/001',
  decidedAt: new Date('2018-12-10T22:30:00Z'),
  zone: 'Europe/Helsinki',
  applicant: { name: 'Turun kaupunki', businessId: '0204819-8' },
  callTitle: { fi: 'Johtamisen kehittäminen', sv: 'Utveckling av ledning' },
  applicationTitle: 'Kumppanuudet <Varsinais-Suomi>',
  purpose: 'Alueellinen verkostohanke.',
  outcome: 'funded',
  grantedAmount: 25_000_000,
  requestedAmount: 30_000_000,
  projectStart: '2019-01-01',
  projectEnd: '2020-12-31',
  rationale: 'Vahva verkosto.',
  conditions: null,
  reports: [{ type: 'final', dueAt: new Date('2020-12-31T21:59:59Z') }],
  schedule: paymentSchedule(25_000_000, [
    { share: 60, trigger: 'acceptance' },
    { share: 40, trigger: 'interim_report_accepted' },
  ]),
  acceptanceLastDay: '2018-12-25',
  ...over,
});
const text = (f: DocumentFacts) => JSON.stringify(documentContent(f)).replace(/\u00a0/g, ' ');

describe('decision document content', () => {
  it('dates the decision by the call’s zone and writes dates as d.m.yyyy', () => {
    // 22.30 UTC on 10.12 is already 11.12 in Helsinki.
    expect(documentContent(facts()).meta[1]).toEqual(['Päivämäärä', '11.12.2018']);
    expect(finnishDate('2019-01-01')).toBe('1.1.2019');
  });

  it('gives a funded decision its schedule, acceptance deadline and reports; a rejected one only the decision, rationale, basis and appeal', () => {
    const funded = documentContent(facts()).sections.map((s) => s.heading);
    expect(funded).toEqual([
      'Päätös',
      'Perustelut',
      'Avustuksen käyttötarkoitus ja käyttöaika',
      'Avustuksen ehdot',
      'Raportointivelvollisuus',
      'Maksatus',
      'Avustuksen vastaanottaminen',
      'Sovelletut säännökset',
      'Oikaisuvaatimusohje',
    ]);
    expect(text(facts())).toContain('Erä 2: 40 %, 100 000,00 €, kun väliraportti on hyväksytty');
    expect(text(facts())).toContain('viimeistään 25.12.2018');
    const rejected = documentContent(facts({ outcome: 'rejected', grantedAmount: null, schedule: [], acceptanceLastDay: null }));
    expect(rejected.sections.map((s) => s.heading)).toEqual(['Päätös', 'Perustelut', 'Sovelletut säännökset', 'Oikaisuvaatimusohje']);
  });

  it('writes Swedish for Swedish-speaking organisations and Finnish for all others', () => {
    expect(documentLanguage('sv')).toBe('sv');
    expect(documentLanguage('en')).toBe('fi');
    const sv = text(facts({ language: 'sv' }));
    expect(sv).toContain('Utveckling av ledning');
    expect(sv).toContain('statsunderstöd på högst 250 000,00 €');
    expect(sv).toContain('inom 30 dagar från delfåendet');
  });

  it('names a correction and its reason', () => {
    const c = documentContent(facts({ version: 2, correctionReason: 'Ehdot täsmennetty.' }));
    expect(c.title).toBe('Valtionavustuspäätös (oikaistu, versio 2)');
    expect(c.sections[0]).toEqual({ heading: 'Oikaisu', paragraphs: [expect.stringContaining('Oikaisun syy: Ehdot täsmennetty.')] });
  });

  it('escapes the texts in the HTML', () => {
    const html = renderHtml(documentContent(facts()));
    expect(html).toContain('Kumppanuudet &lt;Varsinais-Suomi&gt;');
    expect(html).not.toContain('<Varsinais-Suomi>');
  });
});
