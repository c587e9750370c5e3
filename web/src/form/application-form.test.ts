import { describe, expect, it } from 'vitest';
import { checkBudget, toFormValues, toPatch, type FormValues } from './application-form';

const values = (over: Partial<FormValues> = {}): FormValues => ({
  category: 'network_project',
  title: 'Kumppanuuksien johtaminen',
  summary: 'Tiivistelmä',
  requestedAmount: '600 000',
  selfFinancingAmount: '100 000',
  projectStart: '2019-01-01',
  projectEnd: '2020-12-31',
  memberOrganizationIds: [],
  partners: [{ name: 'Meyer Turku Oy', kind: 'working_life' }],
  budget: [
    { item: 'Henkilöstökulut', amount: '500 000' },
    { item: 'Matkat', amount: '200 000,00' },
  ],
  ...over,
});

describe('checkBudget', () => {
  it('adds the lines as the applicant types and says when they balance', () => {
    const c = checkBudget(values(), 10);
    expect(c).toMatchObject({ total: 70_000_000, expected: 70_000_000, balanced: true, selfFinancingOk: true });
    expect(c.selfFinancingPercent).toBeCloseTo(14.2857, 3);
  });

  it('counts an unreadable or empty amount as nothing and says the budget does not balance', () => {
    const c = checkBudget(
      values({
        budget: [
          { item: 'A', amount: '500 000' },
          { item: 'B', amount: '2x' },
          { item: 'C', amount: '' },
        ],
      }),
      null,
    );
    expect(c.total).toBe(50_000_000);
    expect(c.balanced).toBe(false);
  });

  it('checks the self-financing rule on the total, as the submit does', () => {
    expect(checkBudget(values({ requestedAmount: '900 000', selfFinancingAmount: '99 999,99' }), 10).selfFinancingOk).toBe(false);
    expect(checkBudget(values({ requestedAmount: '900 000', selfFinancingAmount: '100 000' }), 10).selfFinancingOk).toBe(true);
    expect(checkBudget(values({ selfFinancingAmount: '0' }), null).selfFinancingOk).toBe(true);
  });
});

describe('toPatch', () => {
  it('sends euros as cents and every field the API accepts', () => {
    const { body, errors } = toPatch(values({ memberOrganizationIds: ['6f1c1c9e-8a4e-4a53-9a53-0a1b2c3d4e5f'] }));
    expect(errors).toEqual([]);
    expect(body).toEqual({
      category: 'network_project',
      title: 'Kumppanuuksien johtaminen',
      summary: 'Tiivistelmä',
      requestedAmount: 60_000_000,
      selfFinancingAmount: 10_000_000,
      projectStart: '2019-01-01',
      projectEnd: '2020-12-31',
      memberOrganizationIds: ['6f1c1c9e-8a4e-4a53-9a53-0a1b2c3d4e5f'],
      partners: [{ name: 'Meyer Turku Oy', kind: 'working_life' }],
      budget: [
        { item: 'Henkilöstökulut', amount: 50_000_000 },
        { item: 'Matkat', amount: 20_000_000 },
      ],
    });
  });

  it('names each amount that is not euros, and leaves out untouched empty budget lines', () => {
    const { body, errors } = toPatch(
      values({
        requestedAmount: '12,345',
        budget: [
          { item: '', amount: '' },
          { item: 'Matkat', amount: 'paljon' },
          { item: '', amount: '5' },
        ],
      }),
    );
    expect(errors).toEqual([
      { field: 'requestedAmount', kind: 'euros' },
      { field: 'budget.1.amount', kind: 'euros' },
      { field: 'budget.2.item', kind: 'budgetItem' },
    ]);
    expect(body.budget).toEqual([{ item: 'Matkat', amount: 0 }]);
  });

  it('leaves out dates not given, as the API takes only real dates', () => {
    const { body } = toPatch(values({ projectStart: '', projectEnd: '' }));
    expect(body).not.toHaveProperty('projectStart');
    expect(body).not.toHaveProperty('projectEnd');
  });
});

describe('toFormValues', () => {
  it('shows stored cents as euros the Finnish way', () => {
    const v = toFormValues({
      category: 'network_project',
      title: 'T',
      summary: 'S',
      requestedAmount: 123_450,
      selfFinancingAmount: 0,
      memberOrganizationIds: [],
      partners: [],
      budget: [{ item: 'X', amount: 123_450 }],
    } as unknown as Parameters<typeof toFormValues>[0]);
    expect(v.requestedAmount).toBe('1 234,50');
    expect(v.selfFinancingAmount).toBe('0');
    expect(v.budget).toEqual([{ item: 'X', amount: '1 234,50' }]);
    expect(v.projectStart).toBe('');
  });
});
