/**
 * Finnish business ID (Y-tunnus): seven digits, a hyphen and a check digit.
 * The check digit: weights 7, 9, 10, 5, 8, 4, 2 over the digits, sum modulo 11; remainder 0 gives
 * check digit 0, remainder 1 makes the ID invalid, otherwise the check digit is 11 − remainder.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2];

export function businessIdCheckDigit(sevenDigits: string): number | null {
  if (!/^\d{7}$/.test(sevenDigits)) return null;
  const sum = [...sevenDigits].reduce((acc, d, i) => acc + Number(d) * WEIGHTS[i], 0);
  const remainder = sum % 11;
  if (remainder === 0) return 0;
  if (remainder === 1) return null;
  return 11 - remainder;
}

/** The form of a business ID; the check digit is checked by isValidBusinessId. */
export const BUSINESS_ID_FORM = /^(\d{7})-(\d)$/;

export function isValidBusinessId(value: string): boolean {
  const match = BUSINESS_ID_FORM.exec(value);
  if (!match) return false;
  return businessIdCheckDigit(match[1]) === Number(match[2]);
}
