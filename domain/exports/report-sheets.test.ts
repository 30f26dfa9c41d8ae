import { PassThrough } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { reportSheets } from './report-sheets.js';
import { NUMBER_FORMATS, writeXlsx } from './xlsx.js';

async function written(report: unknown, lang: 'id' | 'en' = 'id') {
  const out = new PassThrough();
  const [bytes] = await Promise.all([
    buffer(out),
    writeXlsx(out, reportSheets('Laporan', report, lang), { timeZone: 'Asia/Jakarta' }),
  ]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

const headers = (sheet: ExcelJS.Worksheet) =>
  (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map((value) => String(value));
const cell = (sheet: ExcelJS.Worksheet, row: number, header: string) =>
  sheet.getRow(row).getCell(headers(sheet).indexOf(header) + 1);

describe('reportSheets', () => {
  it('writes a list of rows as one sheet named after the report, ids left out', async () => {
    const workbook = await written([
      { contactId: 'abc', customer: '+6281234567890', monetary: 350_000, recency: 3, segment: 'Champions' },
      { contactId: 'def', customer: '+6281311112222', monetary: 50_000, recency: 40, segment: 'Lost' },
    ]);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('Laporan');
    expect(headers(sheet)).toEqual(['Pelanggan', 'Nilai belanja', 'Hari sejak terakhir', 'Segmen']);
    expect(sheet.rowCount).toBe(3);
    expect(cell(sheet, 2, 'Nilai belanja').value).toBe(350_000);
    expect(cell(sheet, 2, 'Nilai belanja').numFmt).toBe(NUMBER_FORMATS.rupiah);
    expect(cell(sheet, 3, 'Hari sejak terakhir').value).toBe(40);
    expect(cell(sheet, 3, 'Hari sejak terakhir').numFmt).toBeUndefined();
  });

  it('puts single values on a summary sheet and flattens nested figures into typed columns', async () => {
    const workbook = await written({
      from: '2026-07-01',
      to: '2026-12-04',
      months: [
        {
          month: '2026-11',
          orders: 12,
          revenue: 1_500_000,
          target: { orders: 10, revenue: 2_000_000 },
          ratio: { orders: 1.2, revenue: 0.75 },
        },
        {
          month: '2026-12',
          orders: 1,
          revenue: 0,
          target: { orders: 10, revenue: 2_000_000 },
          ratio: { orders: 0.1, revenue: null },
        },
      ],
      total: { orders: 13, revenue: 1_500_000 },
    });
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Ringkasan', 'Per bulan']);
    const [summary, months] = workbook.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet];
    expect(headers(summary)).toEqual(['Dari', 'Sampai', 'Total – Pesanan', 'Total – Omzet']);
    expect(cell(summary, 2, 'Dari').value).toEqual(new Date('2026-07-01T00:00:00Z'));
    expect(cell(summary, 2, 'Dari').numFmt).toBe(NUMBER_FORMATS.date);
    expect(cell(summary, 2, 'Total – Omzet').numFmt).toBe(NUMBER_FORMATS.rupiah);
    expect(headers(months)).toEqual([
      'Bulan',
      'Pesanan',
      'Omzet',
      'Target – Pesanan',
      'Target – Omzet',
      'Capaian – Pesanan',
      'Capaian – Omzet',
    ]);
    expect(months.rowCount).toBe(3);
    expect(cell(months, 2, 'Bulan').value).toBe('2026-11');
    expect(cell(months, 2, 'Target – Omzet').numFmt).toBe(NUMBER_FORMATS.rupiah);
    expect(cell(months, 2, 'Capaian – Omzet').value).toBe(0.75);
    expect(cell(months, 2, 'Capaian – Omzet').numFmt).toBe(NUMBER_FORMATS.percent);
    expect(cell(months, 3, 'Capaian – Omzet').value).toBeNull();
  });

  it('gives lists inside rows a sheet of their own, each row led by its parent, and dates on the shop clock', async () => {
    const workbook = await written(
      {
        asOf: new Date('2026-12-04T03:00:00Z'),
        buckets: [
          {
            bucket: '1-30',
            count: 1,
            outstanding: 70_000,
            invoices: [{ number: 'INV-1', dueDate: '2026-11-22', outstanding: 70_000, daysOverdue: 12 }],
          },
          { bucket: '31-60', count: 0, outstanding: 0, invoices: [] },
        ],
      },
      'en',
    );
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Summary', 'Buckets', 'Invoices']);
    expect(cell(workbook.worksheets[0]!, 2, 'As of').value).toEqual(new Date('2026-12-04T10:00:00Z'));
    expect(headers(workbook.worksheets[1]!)).toEqual(['Bucket', 'Count', 'Outstanding']);
    const invoices = workbook.worksheets[2]!;
    expect(headers(invoices)).toEqual(['Bucket', 'Number', 'Due date', 'Outstanding', 'Days overdue']);
    expect(invoices.rowCount).toBe(2);
    expect(cell(invoices, 2, 'Bucket').value).toBe('1-30');
    expect(cell(invoices, 2, 'Due date').value).toEqual(new Date('2026-11-22T00:00:00Z'));
  });

  it('writes an empty list as an empty sheet (with no rows there are no columns to name)', async () => {
    const workbook = await written([]);
    expect(workbook.worksheets.map((sheet) => [sheet.name, sheet.rowCount])).toEqual([['Laporan', 0]]);
  });
});
