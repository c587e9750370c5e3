import { finnishSearchQuery, reportReminders } from './coordination.rules';

describe('Finnish practice search', () => {
  it('matches inflected forms through a shortened prefix', () => {
    expect(finnishSearchQuery('kumppanuus')).toBe('(kumppanuus | kumppanu:*)');
    expect(finnishSearchQuery('Strateginen kumppanuus')).toBe('(strateginen | strategi:*) & (kumppanuus | kumppanu:*)');
  });

  it('drops operators and punctuation, so hostile input stays a valid query', () => {
    expect(finnishSearchQuery("työ & !(elämä) | ' OR 1=1 --")).toBe('työ:* & elämä:* & or:* & 1:* & 1:*');
    expect(finnishSearchQuery('  !!! ')).toBeNull();
  });
});

describe('report reminders', () => {
  it('fall 14 and 3 days before the due day at 09:00 Helsinki time', () => {
    const due = new Date('2019-12-31T21:59:59Z'); // 31.12.2019 23:59:59 EET
    expect(reportReminders(due, 'Europe/Helsinki').map((r) => [r.daysBefore, r.at.toISOString()])).toEqual([
      [14, '2019-12-17T07:00:00.000Z'],
      [3, '2019-12-28T07:00:00.000Z'],
    ]);
  });
});
