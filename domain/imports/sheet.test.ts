import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { parseBooleanCell, parseListCell, parseRupiahCell } from './cells.js';
import { headerKey, mapColumns } from './columns.js';
import { CONTACT_COLUMNS } from './contact-import.js';
import { PRODUCT_COLUMNS } from './product-import.js';
import { detectDelimiter, MAX_UNZIPPED_BYTES, parseCsv, readSheet } from './sheet.js';
import { importTemplate } from './templates.js';

describe('parseCsv (RFC 4180)', () => {
  it('reads quoted fields with delimiters, doubled quotes and line breaks, CRLF or LF', () => {
    const text = 'Nama,Catatan\r\n"Budi, S.","Suka ""mawar""\r\nputih"\nSiti,biasa\n';
    expect(parseCsv(text)).toEqual({
      ok: true,
      records: [
        ['Nama', 'Catatan'],
        ['Budi, S.', 'Suka "mawar"\r\nputih'],
        ['Siti', 'biasa'],
      ],
    });
  });

  it('takes ; when Indonesian Excel wrote it, drops the BOM and a sep= line', () => {
    expect(parseCsv('\ufeffNama;No HP;Harga\nBudi;0812;"1,5"\n')).toEqual({
      ok: true,
      records: [
        ['Nama', 'No HP', 'Harga'],
        ['Budi', '0812', '1,5'],
      ],
    });
    expect(parseCsv('sep=;\r\na;b,c\r\n')).toEqual({ ok: true, records: [['a', 'b,c']] });
  });

  it('counts delimiters outside quotes only; a tie or none is a comma', () => {
    expect(detectDelimiter('"a;b;c",d')).toBe(',');
    expect(detectDelimiter('a;b,c;d')).toBe(';');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    expect(detectDelimiter('nama')).toBe(',');
  });

  it('keeps a quote inside an unquoted field and refuses a quote never closed', () => {
    expect(parseCsv('a,5" pot\n')).toEqual({ ok: true, records: [['a', '5" pot']] });
    expect(parseCsv('a,"open\nb,c\n')).toEqual({
      ok: false,
      details: 'row 1: a quoted field is never closed',
    });
  });
});

describe('cells', () => {
  it.each([
    ['150000', 150000],
    ['150.000', 150000],
    ['150,000', 150000],
    ['Rp 150.000', 150000],
    ['Rp150.000,-', 150000],
    ['Rp 150.000,00', 150000],
    ['IDR 75000', 75000],
    ['150rb', 150000],
    ['150 ribu', 150000],
    ['150k', 150000],
    ['1,5jt', 1500000],
    ['1.5 juta', 1500000],
    ['0', 0],
  ])('reads rupiah %s as %i', (text, value) => {
    expect(parseRupiahCell(text)).toBe(value);
  });

  it.each(['1.5', '150.5', 'gratis', '-5000', '1.50.000', 'Rp'])('refuses %s as rupiah', (text) => {
    expect(parseRupiahCell(text)).toBeUndefined();
  });

  it('takes whole numbers from .xlsx number cells, refuses fractions', () => {
    expect(parseRupiahCell(150000)).toBe(150000);
    expect(parseRupiahCell(1500.5)).toBeUndefined();
  });

  it('reads yes/no in both languages and lists with any separator', () => {
    expect(['ya', 'Yes', 'AKTIF', '1', true].map((v) => parseBooleanCell(v))).toEqual([
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['tidak', 'no', 'nonaktif', '0', false].map((v) => parseBooleanCell(v))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(parseBooleanCell('mungkin')).toBeUndefined();
    expect(parseListCell('vip, langganan; vip | baru')).toEqual(['vip', 'langganan', 'baru']);
  });
});

describe('columns', () => {
  it('matches headers whatever their case, spaces and punctuation, in Indonesian or English', () => {
    expect(headerKey(' No. HP ')).toBe('nohp');
    const map = mapColumns(['NAMA', 'no hp', 'Alamat', 'E-mail', 'WhatsApp', 'labels'], CONTACT_COLUMNS);
    expect([...map.columns].map(([field, { header }]) => [field, header])).toEqual([
      ['name', 'NAMA'],
      ['phone', 'no hp'],
      ['email', 'E-mail'],
      ['tags', 'labels'],
    ]);
    // An unknown header and a second phone column are not read.
    expect(map.ignored).toEqual(['Alamat', 'WhatsApp']);
    expect(map.missing).toEqual([]);
    expect(mapColumns(['Name', 'Price'], PRODUCT_COLUMNS).missing.map((spec) => spec.field)).toEqual(['sku']);
  });
});

async function workbookBytes(build: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('readSheet', () => {
  it('reads .xlsx cells by type: numbers, rich text, links and formula results; skips blank rows', async () => {
    const bytes = await workbookBytes((workbook) => {
      workbook.addWorksheet('Petunjuk').addRow(['not data']);
      const sheet = workbook.addWorksheet('Data');
      sheet.addRow(['Nama', 'No HP', 'Email', 'Harga']);
      sheet.addRow([
        { richText: [{ text: 'Budi ' }, { text: 'Santoso', font: { bold: true } }] },
        6281234567890,
        { text: 'budi@contoh.id', hyperlink: 'mailto:budi@contoh.id' },
        { formula: '100000+50000', result: 150000 },
      ]);
      sheet.addRow([]);
      sheet.addRow(['Siti', '0813-1111-2222', null, 'Rp 75.000']);
    });
    const result = await readSheet(bytes, 'xlsx');
    expect(result).toEqual({
      ok: true,
      sheet: {
        headers: ['Nama', 'No HP', 'Email', 'Harga'],
        rows: [
          { row: 2, cells: ['Budi Santoso', 6281234567890, 'budi@contoh.id', 150000] },
          { row: 4, cells: ['Siti', '0813-1111-2222', null, 'Rp 75.000'] },
        ],
      },
    });
  });

  it('numbers CSV rows as a spreadsheet does and refuses more rows than the limit up front', async () => {
    const csv = Buffer.from('Nama,No HP\n\nBudi,0812\nSiti,0813\n');
    expect(await readSheet(csv, 'csv')).toMatchObject({
      ok: true,
      sheet: { rows: [{ row: 3 }, { row: 4 }] },
    });
    expect(await readSheet(csv, 'csv', { maxRows: 1 })).toMatchObject({
      ok: false,
      code: 'IMPORT.TOO_MANY_ROWS',
      maxRows: 1,
    });
    const many = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet('Data');
      for (let i = 0; i < 6; i++) sheet.addRow([`row ${i}`]);
    });
    expect(await readSheet(many, 'xlsx', { maxRows: 4 })).toMatchObject({ code: 'IMPORT.TOO_MANY_ROWS' });
  });

  it('refuses a zip that unpacks to more than the cap without reading it, and a broken file', async () => {
    const zip = new JSZip();
    zip.file('xl/worksheets/sheet1.xml', Buffer.alloc(4 * 1024 * 1024, 0x20));
    const bomb = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(await readSheet(bomb, 'xlsx', { maxUnzippedBytes: 1024 * 1024 })).toEqual({
      ok: false,
      code: 'IMPORT.INVALID',
      details: 'the .xlsx unpacks to more than 1 MB; split the file',
    });
    expect(MAX_UNZIPPED_BYTES).toBe(64 * 1024 * 1024);
    expect(await readSheet(Buffer.from('PK\u0003\u0004garbage'), 'xlsx')).toMatchObject({
      ok: false,
      code: 'IMPORT.INVALID',
    });
    expect(await readSheet(Buffer.from(''), 'csv')).toMatchObject({ ok: false, code: 'IMPORT.INVALID' });
  });
});

describe('templates', () => {
  it('has the header row, one example row and a Petunjuk sheet explaining every column', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(new Uint8Array(await importTemplate('contacts')).buffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Kontak', 'Petunjuk']);
    const data = workbook.getWorksheet('Kontak')!;
    expect(data.getRow(1).values).toEqual([undefined, 'Nama', 'No HP', 'Email', 'Catatan', 'Label']);
    expect(data.getRow(2).getCell(2).value).toBe('0812-3456-7890');
    expect(data.actualRowCount).toBe(2);
    const help = workbook.getWorksheet('Petunjuk')!;
    expect(help.getColumn(1).values.slice(2, 7)).toEqual(['Nama', 'No HP', 'Email', 'Catatan', 'Label']);
    expect(String(help.getRow(3).getCell(3).value)).toContain('Wajib');

    // The template reads back as an import with the example row.
    const products = await readSheet(await importTemplate('products'), 'xlsx');
    expect(products).toMatchObject({
      ok: true,
      sheet: {
        headers: ['Kode', 'Nama', 'Harga', 'Kategori', 'Nama lain', 'Stok', 'Aktif', 'Deskripsi'],
        rows: [
          {
            row: 2,
            cells: [
              'buket-mawar-merah',
              'Buket Mawar Merah',
              150000,
              'Buket',
              'buket merah, mawar merah',
              10,
              'ya',
              '12 tangkai mawar merah dengan pita',
            ],
          },
        ],
      },
    });
  });
});
