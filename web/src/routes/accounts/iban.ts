/** An IBAN in groups of four, as printed on paper (FI21 1234 5600 0007 85). */
export function friendlyIban(iban: string): string {
  return iban
    .replace(/\s+/g, '')
    .toUpperCase()
    .replace(/(.{4})(?=.)/g, '$1 ');
}
