import { describe, expect, it } from 'vitest';
import { mapFieldErrors } from './problem-errors';

describe('mapFieldErrors', () => {
  it('maps the submit refusal of the API onto fields, in the order of the form, one message each', () => {
    const mapped = mapFieldErrors([
      { field: 'budget', message: 'budget lines sum to 1000 cents but requestedAmount + selfFinancingAmount is 2000' },
      { field: 'selfFinancingAmount', message: 'self-financing must be at least 10 % of the total 2000 cents' },
      { field: 'title', message: 'title is required' },
      { field: 'requestedAmount', message: 'requestedAmount must be more than 0' },
      { field: 'requestedAmount', message: 'requestedAmount may be at most 100 cents in category x' },
      { field: 'projectEnd', message: 'projectEnd must be after projectStart' },
    ]);
    expect(mapped.map((m) => [m.field, m.key])).toEqual([
      ['title', 'required'],
      ['requestedAmount', 'positive'],
      ['selfFinancingAmount', 'selfFinancing'],
      ['projectEnd', 'endAfterStart'],
      ['budget', 'budgetSum'],
    ]);
  });

  it('keeps nested field paths (budget.1.amount) so that the message lands on that input', () => {
    const mapped = mapFieldErrors([
      { field: 'budget.10.amount', message: 'amount must not be less than 0' },
      { field: 'budget.2.amount', message: 'amount must be an integer number' },
      { field: 'partners.0.kind', message: 'kind must be one of the following values' },
    ]);
    expect(mapped.map((m) => m.field)).toEqual(['partners.0.kind', 'budget.2.amount', 'budget.10.amount']);
    expect(mapped[1]).toMatchObject({ key: 'invalid', detail: 'amount must be an integer number' });
  });

  it('names what it has no words for as invalid, and an ineligible organisation as such', () => {
    expect(mapFieldErrors([{ field: 'leadOrganization', message: 'organisations of kind company may not apply' }])[0].key).toBe(
      'notEligible',
    );
    expect(mapFieldErrors(undefined)).toEqual([]);
  });
});
