import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';
import type ExcelJS from 'exceljs';

/** Loaded on the first spreadsheet, not at start: exceljs alone is about 40 MB of a process's memory. */
let excel: typeof ExcelJS | undefined;
function exceljs(): typeof ExcelJS {
  excel ??= require('exceljs') as typeof ExcelJS;
  return excel;
}
import type { FastifyReply } from 'fastify';
import { DateTime } from 'luxon';
import { toCsv, wantsCsv, type CsvColumn } from './csv';

export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Euros as Excel writes them in Finland: "1 234,56 €" (the separators follow the reader's locale). */
export const EURO_FORMAT = '#,##0.00 "€";-#,##0.00 "€"';
const DECIMAL_FORMAT = '0.00##';
const DATE_TIME_FORMAT = 'd.m.yyyy h:mm';

/**
 * A column of a workbook: `euros` holds cents and is written in euros with a euro format, `date`
 * an instant written as the local time of `zone` (a spreadsheet's dates have no zone), `decimal`
 * a number shown with two to four decimals. Numbers are always numbers, never text. The header is
 * the JSON field's name, as in the CSV, a euro column's with " (€)".
 */
export interface XlsxColumn<T> {
  key: keyof T & string;
  kind?: 'text' | 'integer' | 'decimal' | 'euros' | 'date' | 'boolean';
}

function headerOf<T>(c: XlsxColumn<T>): string {
  return c.kind === 'euros' ? `${c.key} (€)` : c.key;
}

const MIN_WIDTH = 6;
const MAX_WIDTH = 60;

/** How wide a value shows, in characters, with the column's format. */
function shownLength(value: unknown, kind: XlsxColumn<unknown>['kind']): number {
  if (value === null || value === undefined) return 0;
  if (kind === 'euros' && typeof value === 'number')
    return (value / 100).toFixed(2).length + Math.floor(String(Math.trunc(value / 100)).length / 3) + 2;
  if (kind === 'date') return 16;
  if (kind === 'decimal' && typeof value === 'number') return value.toFixed(4).length;
  return String(value).length;
}

function cellValue(value: unknown, kind: XlsxColumn<unknown>['kind'], zone: string): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'euros':
      return Number(value) / 100;
    case 'integer':
    case 'decimal':
      return Number(value);
    case 'boolean':
      return Boolean(value);
    case 'date': {
      // The local wall-clock time as if it were UTC: what Excel shows is then Helsinki's (the zone's) time.
      const local = DateTime.fromJSDate(value instanceof Date ? value : new Date(String(value)), { zone });
      return new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second));
    }
    default:
      return typeof value === 'number' ? value : String(value);
  }
}

/**
 * One sheet of rows: a bold header row frozen in place with a filter, each column as wide as its
 * longest shown value (within limits), numbers as numbers and money with a euro format.
 */
export async function toXlsx<T extends object>(
  sheetName: string,
  columns: XlsxColumn<T>[],
  rows: T[],
  zone = 'Europe/Helsinki',
): Promise<Buffer> {
  const workbook = new (exceljs().Workbook)();
  workbook.creator = 'Avustus';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31), { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    key: c.key,
    header: headerOf(c),
    width: Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, headerOf(c).length + 2, ...rows.map((r) => shownLength(r[c.key], c.kind) + 2))),
    style:
      c.kind === 'euros'
        ? { numFmt: EURO_FORMAT }
        : c.kind === 'date'
          ? { numFmt: DATE_TIME_FORMAT }
          : c.kind === 'decimal'
            ? { numFmt: DECIMAL_FORMAT }
            : {},
  }));
  for (const r of rows) sheet.addRow(Object.fromEntries(columns.map((c) => [c.key, cellValue(r[c.key], c.kind, zone)])));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle' };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function wantsXlsx(accept: string | undefined): boolean {
  return accept?.includes(XLSX_MEDIA_TYPE) ?? false;
}

/**
 * Answers JSON, or the rows as a spreadsheet when the Accept header asks for one: XLSX, or the
 * Finnish-dialect CSV (src/common/csv.ts). The columns serve both.
 */
export async function spreadsheetOr<J, T extends object>(
  reply: FastifyReply,
  accept: string | undefined,
  file: { name: string; sheet: string; zone?: string },
  json: J,
  columns: XlsxColumn<T>[],
  rows: T[],
): Promise<J | string | Buffer> {
  if (wantsXlsx(accept)) {
    void reply.header('content-type', XLSX_MEDIA_TYPE).header('content-disposition', `attachment; filename="${file.name}.xlsx"`);
    return toXlsx(file.sheet, columns, rows, file.zone);
  }
  if (wantsCsv(accept)) {
    void reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file.name}.csv"`);
    const csv: CsvColumn<T>[] = columns.map((c) => (c.kind === 'euros' ? { key: c.key, euros: true } : c.key));
    return toCsv(csv, rows);
  }
  return json;
}

/** The 200 response of a route that also answers CSV and XLSX, each content type with its own schema. */
export function ApiSpreadsheetOk(model: Type<unknown>, options: { isArray?: boolean; description?: string } = {}) {
  const ref = { $ref: getSchemaPath(model) };
  return applyDecorators(
    ApiExtraModels(model),
    ApiOkResponse({
      description:
        options.description ??
        'JSON; `Accept: text/csv` for CSV (UTF-8 with BOM, `;`, decimal commas), or the XLSX media type for a workbook',
      content: {
        'application/json': { schema: options.isArray ? { type: 'array', items: ref } : ref },
        'text/csv': { schema: { type: 'string' } },
        [XLSX_MEDIA_TYPE]: { schema: { type: 'string', format: 'binary' } },
      },
    }),
  );
}
