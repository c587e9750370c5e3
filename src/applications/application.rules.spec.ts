import { canApplicant, submitErrors, SubmitContext } from './application.rules';
import type { ApplicationContent } from './application.snapshot';

const ctx: SubmitContext = {
  eligibleKinds: ['education_provider'],
  leadOrganizationKind: 'education_provider',
  leadOrganizationId: 'lead',
  categories: [
    { key: 'network_project', maxAmount: 80_000_000 },
    { key: 'coordination', maxAmount: null },
  ],
  minSelfFinancingPercent: 10,
};

const valid: ApplicationContent = {
  category: 'network_project',
  title: 'Kumppanuuksien johtaminen Varsinais-Suomessa',
  summary: 'Verkostohanke',
  requestedAmount: 60_000_000,
  selfFinancingAmount: 10_000_000,
  projectStart: '2019-01-01',
  projectEnd: '2020-12-31',
  memberOrganizationIds: ['m1'],
  partners: [{ name: 'Yritys Oy', kind: 'working_life' }],
  budget: [
    { item: 'Henkilöstö', amount: 50_000_000 },
    { item: 'Matkat', amount: 20_000_000 },
  ],
};

const fields = (app: Partial<ApplicationContent>, c: Partial<SubmitContext> = {}) =>
  submitErrors({ ...valid, ...app }, { ...ctx, ...c }).map((e) => e.field);

describe('application state machine', () => {
  it('lets the applicant edit, submit and withdraw drafts and submitted applications only', () => {
    for (const action of ['edit', 'submit', 'withdraw'] as const) {
      expect(canApplicant(action, 'draft')).toBe(true);
      expect(canApplicant(action, 'submitted')).toBe(true);
      for (const status of ['in_review', 'funded', 'rejected', 'withdrawn', 'expired'] as const)
        expect(canApplicant(action, status)).toBe(false);
    }
  });
});

describe('submit validation', () => {
  it('accepts a complete application', () => {
    expect(submitErrors(valid, ctx)).toEqual([]);
  });

  it('refuses an ineligible organisation kind', () => {
    expect(fields({}, { leadOrganizationKind: 'company' })).toEqual(['leadOrganization']);
  });

  it('refuses an amount above the category maximum, but not in a category without one', () => {
    expect(fields({ requestedAmount: 80_000_001, budget: [{ item: 'x', amount: 90_000_001 }] })).toEqual(['requestedAmount']);
    expect(fields({ category: 'coordination', requestedAmount: 90_000_000, budget: [{ item: 'x', amount: 100_000_000 }] })).toEqual([]);
  });

  it('refuses budget lines that do not sum to requested + self-financing', () => {
    expect(fields({ budget: [{ item: 'x', amount: 69_999_999 }] })).toEqual(['budget']);
    expect(fields({ budget: [] })).toEqual(['budget']);
  });

  it('refuses too little self-financing, exactly at the limit is enough', () => {
    expect(
      fields({
        category: 'coordination',
        requestedAmount: 90_000_000,
        selfFinancingAmount: 10_000_000,
        budget: [{ item: 'x', amount: 100_000_000 }],
      }),
    ).toEqual([]);
    expect(
      fields({
        category: 'coordination',
        requestedAmount: 90_000_001,
        selfFinancingAmount: 9_999_999,
        budget: [{ item: 'x', amount: 100_000_000 }],
      }),
    ).toEqual(['selfFinancingAmount']);
  });

  it('refuses a project that ends before it starts, and missing fields', () => {
    expect(fields({ projectEnd: '2018-12-31' })).toEqual(['projectEnd']);
    expect(fields({ title: ' ', summary: '', projectStart: null })).toEqual(['title', 'summary', 'projectStart']);
  });

  it('refuses an unknown category and the lead as its own member', () => {
    expect(fields({ category: 'nope' })).toEqual(['category']);
    expect(fields({ memberOrganizationIds: ['lead'] })).toEqual(['memberOrganizationIds']);
  });
});
