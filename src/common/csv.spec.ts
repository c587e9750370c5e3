import { toCsv } from './csv';

describe('toCsv', () => {
  const rows = [{ name: 'Salpaus; Lahti', score: 93.3333, amount: 55_000_000, count: 3 }];

  it('writes the dialect Finnish Excel opens: BOM, ";" between cells, decimal comma, euros not cents', () => {
    const csv = toCsv<(typeof rows)[number]>(['name', 'score', { key: 'amount', euros: true }, 'count'], rows);
    expect(csv).toBe('\uFEFFname;score;amount (€);count\r\n"Salpaus; Lahti";93,3333;550000,00;3\r\n');
  });

  it('defuses formulas in text cells', () => {
    expect(toCsv(['name'], [{ name: '=HYPERLINK("x")' }])).toBe('\uFEFFname\r\n"\'=HYPERLINK(""x"")"\r\n');
  });
});
