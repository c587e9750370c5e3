import { describe, expect, it } from 'vitest';
import { checkPasswords, mapAccountErrors } from './account-errors';
import { friendlyIban } from './iban';

describe('mapAccountErrors', () => {
  it('says the strength rule in the UI’s words and keeps the estimator’s reason', () => {
    const mapped = mapAccountErrors(
      [
        {
          field: 'newPassword',
          message: 'newPassword is too easy to guess: This is a very common password.; a few unrelated words make a strong one',
        },
        { field: 'currentPassword', message: 'currentPassword is wrong' },
      ],
      ['currentPassword', 'newPassword'],
    );
    expect(mapped).toEqual([
      { field: 'currentPassword', key: 'currentWrong' },
      { field: 'newPassword', key: 'tooEasy', detail: 'This is a very common password.' },
    ]);
  });

  it('tells a short password, a spent token and a wrong IBAN or BIC apart, one message per field', () => {
    const mapped = mapAccountErrors(
      [
        { field: 'token', message: 'token is unknown, already used or expired: ask for a new link' },
        { field: 'newPassword', message: 'newPassword must be at least 12 characters' },
        { field: 'newPassword', message: 'newPassword must be a string' },
        { field: 'iban', message: 'iban must be an IBAN with valid check digits (e.g. FI21 1234 5600 0007 85)' },
        { field: 'bic', message: 'bic must be a BIC of 8 or 11 characters (e.g. NDEAFIHH)' },
      ],
      ['token', 'newPassword'],
    );
    expect(mapped.map((m) => [m.field, m.key])).toEqual([
      ['token', 'token'],
      ['newPassword', 'tooShort'],
      ['iban', 'iban'],
      ['bic', 'bic'],
    ]);
  });

  it('keeps the server’s words for what it has no message of its own for', () => {
    expect(mapAccountErrors([{ field: 'name', message: 'name must be shorter than or equal to 200 characters' }], [])).toEqual([
      { field: 'name', key: 'invalid', detail: 'name must be shorter than or equal to 200 characters' },
    ]);
    expect(mapAccountErrors(undefined, [])).toEqual([]);
  });
});

describe('checkPasswords', () => {
  it('names every empty field and a repeat that differs', () => {
    expect(
      checkPasswords({ currentPassword: '', newPassword: 'a', repeatPassword: 'b' }, { field: 'repeatPassword', of: 'newPassword' }),
    ).toEqual([
      { field: 'currentPassword', key: 'required' },
      { field: 'repeatPassword', key: 'mismatch' },
    ]);
    expect(checkPasswords({ newPassword: 'same', repeatPassword: 'same' }, { field: 'repeatPassword', of: 'newPassword' })).toEqual([]);
  });
});

describe('friendlyIban', () => {
  it('groups the electronic form by four', () => {
    expect(friendlyIban('FI2112345600000785')).toBe('FI21 1234 5600 0007 85');
    expect(friendlyIban('fi21 1234 5600 0007 85')).toBe('FI21 1234 5600 0007 85');
  });
});
