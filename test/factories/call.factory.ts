import type { HttpApi } from '../helpers/api';

/** The 2018 call of seeds/003: 4 000 000 €, six regional network projects plus one coordinator. */
export function callBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: {
      fi: 'Osaamisperusteisuuden, asiakkuuksien ja kumppanuuksien johtaminen',
      sv: 'Ledning av kompetensbasering, kundrelationer och partnerskap',
    },
    description: { fi: 'Valtionavustus ammatillisen koulutuksen järjestäjien verkostohankkeisiin.' },
    opensAt: '2018-10-22T09:00:00+03:00',
    closesAt: '2018-11-21T23:59:59+02:00',
    totalBudget: 400_000_000,
    categories: [
      { key: 'network_project', title: 'Alueellinen verkostohanke', maxFunded: 6 },
      { key: 'coordination', title: 'Verkostohankkeiden koordinaatio', maxFunded: 1 },
    ],
    criteria: [
      { key: 'competence_based', title: 'Osaamisperusteisuuden johtaminen', weight: 3, maxScore: 5 },
      { key: 'customers', title: 'Asiakkuuksien johtaminen', weight: 2, maxScore: 5 },
      { key: 'partnerships', title: 'Kumppanuudet', weight: 2, maxScore: 5 },
      { key: 'network', title: 'Verkoston laajuus ja vertaisoppiminen', weight: 1, maxScore: 5 },
    ],
    reviewsPerApplication: 3,
    eligibleKinds: ['education_provider'],
    minSelfFinancingPercent: 10,
    reportsDue: [
      { type: 'interim', dueAt: '2019-12-31T23:59:59+02:00' },
      { type: 'final', dueAt: '2020-12-31T23:59:59+02:00' },
    ],
    ...overrides,
  };
}

export interface CallFixture {
  id: string;
  closesAt: string;
}

/** A published call open now and closing `closesInMs` from now. */
export async function openCall(
  api: HttpApi,
  admin: string,
  closesInMs: number,
  overrides: Record<string, unknown> = {},
): Promise<CallFixture> {
  const created = await api
    .http()
    .post('/api/calls')
    .set('authorization', `Bearer ${admin}`)
    .send(
      callBody({
        opensAt: new Date(Date.now() - 60_000).toISOString(),
        closesAt: new Date(Date.now() + closesInMs).toISOString(),
        ...overrides,
      }),
    )
    .expect(201);
  await api.http().post(`/api/calls/${created.body.id}/publish`).set('authorization', `Bearer ${admin}`).expect(200);
  return { id: created.body.id, closesAt: created.body.closesAt };
}

/** A complete network-project application body that passes submit validation. */
export function applicationBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    category: 'network_project',
    title: 'Kumppanuuksien johtaminen Varsinais-Suomessa',
    summary: 'Alueellinen verkostohanke: työelämä, opiskelijat ja kolmas sektori mukana johtamisen kehittämisessä.',
    requestedAmount: 60_000_000,
    selfFinancingAmount: 10_000_000,
    projectStart: '2019-01-01',
    projectEnd: '2020-12-31',
    partners: [
      { name: 'Meyer Turku Oy', kind: 'working_life' },
      { name: 'Opiskelijakunta', kind: 'student' },
    ],
    budget: [
      { item: 'Henkilöstökulut', amount: 50_000_000 },
      { item: 'Matkat ja vertaisoppiminen', amount: 20_000_000 },
    ],
    ...overrides,
  };
}

export async function draftApplication(
  api: HttpApi,
  token: string,
  callId: string,
  overrides: Record<string, unknown> = {},
): Promise<{ id: string; version: number }> {
  const res = await api
    .http()
    .post(`/api/calls/${callId}/applications`)
    .set('authorization', `Bearer ${token}`)
    .send(applicationBody(overrides))
    .expect(201);
  return { id: res.body.id, version: res.body.version };
}
