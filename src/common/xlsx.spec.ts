import ExcelJS from 'exceljs';
import { EURO_FORMAT, toXlsx, wantsXlsx, XLSX_MEDIA_TYPE } from './xlsx';

interface Row {
  name: string;
  amount: number;
  count: number;
  at: Date;
  flagged: boolean;
  score: number | null;
}

async function read(buffer: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook.worksheets[0];
}

describe('toXlsx', () => {
  const rows: Row[] = [
    {
      name: 'Turun ammatti-instituutti',
      amount: 55_000_000,
      count: 3,
      at: new Date('2018-11-21T21:59:00Z'),
      flagged: true,
      score: 93.3333,
    },
    { name: '=SUM(A1)', amount: 5, count: 0, at: new Date('2018-07-01T09:30:00Z'), flagged: false, score: null },
  ];

  it('writes a frozen bold header, numbers as numbers, cents as euros in a euro format and instants as Helsinki time', async () => {
    const sheet = await read(
      await toXlsx<Row>(
        'Taulukko',
        [
          { key: 'name' },
          { key: 'amount', kind: 'euros' },
          { key: 'count', kind: 'integer' },
          { key: 'at', kind: 'date' },
          { key: 'flagged', kind: 'boolean' },
          { key: 'score', kind: 'decimal' },
        ],
        rows,
      ),
    );
    expect(sheet.name).toBe('Taulukko');
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['name', 'amount (€)', 'count', 'at', 'flagged', 'score']);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getCell('B2').value).toBe(550_000);
    expect(sheet.getCell('B3').value).toBe(0.05);
    expect(sheet.getCell('B2').numFmt).toBe(EURO_FORMAT);
    expect(sheet.getCell('C3').value).toBe(0);
    // 21.11.2018 23.59 in Helsinki (EET) and 1.7.2018 12.30 (EEST), as wall-clock date cells.
    expect((sheet.getCell('D2').value as Date).toISOString()).toBe('2018-11-21T23:59:00.000Z');
    expect((sheet.getCell('D3').value as Date).toISOString()).toBe('2018-07-01T12:30:00.000Z');
    expect(sheet.getCell('E2').value).toBe(true);
    expect(sheet.getCell('F2').value).toBe(93.3333);
    expect(sheet.getCell('F3').value).toBeNull();
    expect(sheet.getCell('A3').value).toBe('=SUM(A1)'); // text, never a formula
    expect(sheet.getCell('A3').type).toBe(ExcelJS.ValueType.String);
  });

  it('fits each column to its longest shown value, within limits', async () => {
    const sheet = await read(await toXlsx<Row>('S', [{ key: 'name' }, { key: 'count', kind: 'integer' }], rows));
    expect(sheet.getColumn(1).width).toBe('Turun ammatti-instituutti'.length + 2);
    expect(sheet.getColumn(2).width).toBe(7); // the header "count" + 2
    const long = await read(await toXlsx<{ t: string }>('S', [{ key: 't' }], [{ t: 'x'.repeat(500) }]));
    expect(long.getColumn(1).width).toBe(60);
  });

  it('is asked for by the XLSX media type only', () => {
    expect(wantsXlsx(XLSX_MEDIA_TYPE)).toBe(true);
    expect(wantsXlsx(`text/csv, ${XLSX_MEDIA_TYPE};q=0.9`)).toBe(true);
    expect(wantsXlsx('text/csv')).toBe(false);
    expect(wantsXlsx(undefined)).toBe(false);
  });
});
