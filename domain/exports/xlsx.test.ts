import { PassThrough } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { type Column, NUMBER_FORMATS, sheet, writeXlsx, zipBacklog } from './xlsx.js';

interface Sale {
  number: string;
  at: Date;
  due: string | null;
  total: number;
  share: number;
  qty: number | null;
}

const COLUMNS: Column<Sale>[] = [
  { header: 'Number', type: 'text', value: (sale) => sale.number },
  { header: 'Created', type: 'datetime', value: (sale) => sale.at },
  { header: 'Day', type: 'date', value: (sale) => sale.at },
  { header: 'Due', type: 'date', value: (sale) => sale.due },
  { header: 'Total', type: 'rupiah', value: (sale) => sale.total },
  { header: 'Share', type: 'percent', value: (sale) => sale.share },
  { header: 'Qty', type: 'number', value: (sale) => sale.qty },
];

const SALES: Sale[] = [
  // 17:30 UTC on the 30th is 00:30 WIB on 1 December.
  {
    number: 'A-1',
    at: new Date('2026-11-30T17:30:00Z'),
    due: '2026-12-05',
    total: 150_000,
    share: 0.25,
    qty: 2,
  },
  { number: '=1+1', at: new Date('2026-12-01T03:00:00Z'), due: null, total: 0, share: 1, qty: null },
];

async function* slowly<T>(rows: T[]): AsyncGenerator<T> {
  for (const row of rows) {
    await new Promise((resolve) => setImmediate(resolve));
    yield row;
  }
}

async function write(sheets: Parameters<typeof writeXlsx>[1], timeZone = 'Asia/Jakarta') {
  const out = new PassThrough();
  const [bytes, result] = await Promise.all([buffer(out), writeXlsx(out, sheets, { timeZone })]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return { workbook, result };
}

describe('writeXlsx', () => {
  it('writes typed cells: dates on the shop’s wall clock, rupiah as formatted numbers', async () => {
    const { workbook, result } = await write([sheet('Sales', COLUMNS, slowly(SALES))]);
    expect(result.rows).toEqual([2]);
    const ws = workbook.getWorksheet('Sales')!;
    expect(ws.rowCount).toBe(3);
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(COLUMNS.map((column) => column.header));
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toEqual('A1:G3');

    const first = ws.getRow(2);
    expect(first.getCell(1).value).toBe('A-1');
    expect(first.getCell(2).value).toEqual(new Date('2026-12-01T00:30:00Z'));
    expect(first.getCell(2).numFmt).toBe(NUMBER_FORMATS.datetime);
    expect(first.getCell(3).value).toEqual(new Date('2026-12-01T00:00:00Z'));
    expect(first.getCell(3).numFmt).toBe(NUMBER_FORMATS.date);
    expect(first.getCell(4).value).toEqual(new Date('2026-12-05T00:00:00Z'));
    expect(first.getCell(5).value).toBe(150_000);
    expect(first.getCell(5).numFmt).toBe('"Rp"#,##0');
    expect(first.getCell(6).value).toBe(0.25);
    expect(first.getCell(6).numFmt).toBe('0.0%');
    expect(first.getCell(7).value).toBe(2);

    const second = ws.getRow(3);
    // Text that looks like a formula stays text.
    expect(second.getCell(1).value).toBe('=1+1');
    expect(second.getCell(2).value).toEqual(new Date('2026-12-01T10:00:00Z'));
    expect(second.getCell(4).value).toBeNull();
    expect(second.getCell(5).value).toBe(0);
    expect(second.getCell(7).value).toBeNull();
  });

  it('follows the zone given (WITA is UTC+8)', async () => {
    const { workbook } = await write([sheet('Sales', COLUMNS, SALES)], 'Asia/Makassar');
    expect(workbook.getWorksheet(1)!.getRow(2).getCell(2).value).toEqual(new Date('2026-12-01T01:30:00Z'));
  });

  it('writes several sheets, an empty one with its header only, and tidies names Excel refuses', async () => {
    const { workbook, result } = await write([
      sheet('Sales', COLUMNS, SALES),
      sheet('Nothing [yet]: a rather long sheet name', COLUMNS, []),
    ]);
    expect(result.rows).toEqual([2, 0]);
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(['Sales', 'Nothing  yet   a rather long sh']);
    expect(workbook.worksheets[1]!.rowCount).toBe(1);
  });

  it('stops reading rows when the destination closes, and says so', async () => {
    const out = new PassThrough();
    let read = 0;
    async function* endless(): AsyncGenerator<Sale> {
      for (;;) {
        read += 1;
        if (read === 50) out.destroy();
        await new Promise((resolve) => setImmediate(resolve));
        yield SALES[0]!;
      }
    }
    out.resume();
    await expect(
      writeXlsx(out, [sheet('Sales', COLUMNS, endless())], { timeZone: 'Asia/Jakarta' }),
    ).rejects.toThrow(/cut off/);
    expect(read).toBeLessThan(60);
  });

  it('rejects when a row source fails', async () => {
    async function* broken(): AsyncGenerator<Sale> {
      yield SALES[0]!;
      throw new Error('cursor died');
    }
    const out = new PassThrough();
    out.resume();
    await expect(
      writeXlsx(out, [sheet('Sales', COLUMNS, broken())], { timeZone: 'Asia/Jakarta' }),
    ).rejects.toThrow('cursor died');
  });

  it('rejects rather than hangs when the destination closes while the file is being finished', async () => {
    // Nobody reads and the buffer is tiny: every row is written (fewer than one check's worth), then
    // committing waits for the zip to flush; then the download is cancelled.
    const out = new PassThrough({ highWaterMark: 1 });
    const rows = Array<Sale>(150).fill(SALES[0]!);
    const writing = writeXlsx(out, [sheet('Sales', COLUMNS, rows)], {
      timeZone: 'Asia/Jakarta',
    });
    setImmediate(() => out.destroy());
    await expect(writing).rejects.toThrow(/cut off/);
  });
});

describe('zipBacklog', () => {
  it('finds the queue between exceljs and its zip on the installed exceljs (see its comment)', () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: new PassThrough(), useStyles: true });
    const worksheet = workbook.addWorksheet('a');
    const row = worksheet.getRow(1);
    row.getCell(1).value = 'x';
    row.commit();
    const backlog = zipBacklog(worksheet);
    expect(backlog).toBeTypeOf('function');
    expect(backlog!()).toBeTypeOf('number');
    expect(zipBacklog({})).toBeUndefined();
  });
});
