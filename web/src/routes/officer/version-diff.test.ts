import { describe, expect, it } from 'vitest';
import { versionChanges } from './version-diff';

const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('versionChanges', () => {
  const v1 = {
    title: 'Kumppanuuksien johtaminen',
    summary: 'Alueellinen verkostohanke.',
    requestedAmount: 60_000_000,
    memberOrganizationIds: ['a'],
    budget: [{ item: 'Henkilöstökulut', amount: 50_000_000 }],
  };

  it('lists only the fields that changed, old → new, with euros and names as the officer reads them', () => {
    const v2 = { ...v1, requestedAmount: 55_000_050, memberOrganizationIds: ['a', 'b'] };
    const names: Record<string, string> = { a: 'Salpaus', b: 'Omnia' };
    const changes = versionChanges(v1, v2, 'fi', (id) => names[id]).map((c) => ({ ...c, before: nbsp(c.before), after: nbsp(c.after) }));
    expect(changes).toEqual([
      { field: 'requestedAmount', before: '600 000,00 €', after: '550 000,50 €' },
      { field: 'memberOrganizationIds', before: 'Salpaus', after: 'Salpaus, Omnia' },
    ]);
  });

  it('finds nothing between equal versions', () => {
    expect(versionChanges(v1, { ...v1 }, 'fi')).toEqual([]);
  });

  it('shows a field added or emptied as a dash on the missing side', () => {
    expect(versionChanges({}, { summary: 'Uusi' }, 'fi')).toEqual([{ field: 'summary', before: '–', after: 'Uusi' }]);
  });
});
