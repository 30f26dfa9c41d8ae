import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { Types } from 'mongoose';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { auditModel } from '../../../domain/audit/audit.model.js';
import { productModel } from '../../../domain/catalog/product.model.js';
import { type Contact, contactModel } from '../../../domain/contacts/contact.model.js';
import { contactForPhone } from '../../../domain/contacts/contact.use-case.js';
import type { PhoneNumber } from '../../../domain/contacts/phone.js';
import { importModel } from '../../../domain/imports/import.model.js';
import { MAX_IMPORT_ROWS } from '../../../domain/imports/sheet.js';
import { solidImage, zipBytes } from '../../../domain/media/testing/media-fixtures.js';
import { messageModel } from '../../../domain/messages/message.model.js';
import { useTestDatabase } from '../../../domain/platform/testing/database.js';
import type { App } from '../app.js';
import { buildTestApp, loginAs, staffUser } from '../testing/app-harness.js';
import { SHEET_IMPORT_MAX_BYTES } from './imports.routes.js';

const db = useTestDatabase();
let app: App;
type Headers = { cookie: string; 'x-csrf-token': string };
const session: Partial<Record<'owner' | 'manager' | 'admin', Headers>> = {};
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const fixture = (name: string) =>
  readFileSync(new URL(`../../../domain/imports/testing/${name}`, import.meta.url));

beforeAll(async () => {
  ({ app } = await buildTestApp(db.connection));
  for (const role of ['owner', 'manager', 'admin'] as const) {
    await staffUser(db.connection, role);
    session[role] = await loginAs(app, role);
  }
});

/** A real multipart/form-data body: the bytes and the content type (with its boundary) from one Response. */
async function form(file: { data: Buffer; name: string; type: string }) {
  const data = new FormData();
  data.append('file', new Blob([new Uint8Array(file.data)], { type: file.type }), file.name);
  const response = new Response(data);
  return {
    payload: Buffer.from(await response.arrayBuffer()),
    contentType: response.headers.get('content-type') ?? '',
  };
}

async function upload(
  url: string,
  file: { data: Buffer; name: string; type: string },
  as: Headers = session.manager!,
) {
  const body = await form(file);
  return app.inject({
    method: 'POST',
    url,
    headers: { ...as, 'content-type': body.contentType },
    payload: body.payload,
  });
}

const csv = (text: string, name = 'kontak.csv') => ({ data: Buffer.from(text), name, type: 'text/csv' });

async function xlsx(rows: (string | number | null)[][], name = 'produk.xlsx') {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Produk');
  for (const row of rows) sheet.addRow(row);
  return { data: Buffer.from(await workbook.xlsx.writeBuffer()), name, type: XLSX };
}

/** Wait for a background import to finish, polling its job as the console does. */
async function finished(importId: string) {
  return vi.waitFor(
    async () => {
      const response = await app.inject({
        method: 'GET',
        url: `/api/imports/${importId}`,
        headers: session.manager!,
      });
      expect(response.statusCode).toBe(200);
      const job = response.json();
      expect(job.status).not.toBe('running');
      return job;
    },
    { timeout: 10_000, interval: 20 },
  );
}

const CONTACTS =
  '\ufeffNama;No HP;Email;Label\r\nBudi;0812-3456-7890;;vip\r\nSiti;+62 813 1111 2222;siti@contoh.id;\r\nRusak;123;;\r\n';

describe('templates', () => {
  it('download as .xlsx with the data sheet and the Petunjuk sheet', async () => {
    for (const kind of ['contacts', 'products']) {
      const response = await app.inject({
        method: 'GET',
        url: `/api/imports/templates/${kind}.xlsx`,
        headers: session.owner!,
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe(XLSX);
      expect(response.headers['content-disposition']).toMatch(
        /^attachment; filename="template-(kontak|produk)\.xlsx"$/,
      );
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(new Uint8Array(response.rawPayload).buffer);
      expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
        kind === 'contacts' ? 'Kontak' : 'Produk',
        'Petunjuk',
      ]);
    }
  });
});

describe('contacts and products import', () => {
  it('is for owners and managers: an admin is refused before the file is read', async () => {
    for (const url of [
      '/api/imports/contacts',
      '/api/imports/products',
      `/api/contacts/${'a'.repeat(24)}/chat-import`,
    ]) {
      const response = await upload(url, csv(CONTACTS), session.admin!);
      expect(response.statusCode).toBe(403);
      expect(response.json().error).toBe('AUTH.FORBIDDEN');
    }
    const template = await app.inject({
      method: 'GET',
      url: '/api/imports/templates/contacts.xlsx',
      headers: session.admin!,
    });
    expect(template.statusCode).toBe(403);
  });

  it('previews a ;-separated CSV with a BOM row by row and writes nothing', async () => {
    const response = await upload('/api/imports/contacts?dryRun=true', csv(CONTACTS));
    expect(response.statusCode).toBe(200);
    const plan = response.json();
    expect(plan).toMatchObject({
      dryRun: true,
      kind: 'contacts',
      filename: 'kontak.csv',
      total: 3,
      counts: { create: 2, update: 0, unchanged: 0, error: 1 },
      ignoredColumns: [],
    });
    expect(plan.rows.map((row: { row: number; action: string }) => [row.row, row.action])).toEqual([
      [2, 'create'],
      [3, 'create'],
      [4, 'error'],
    ]);
    expect(plan.errors).toEqual([
      {
        row: 4,
        field: 'phone',
        column: 'No HP',
        message: 'must be a phone number such as 0812-3456-7890 or +62 812 3456 7890 (got "123")',
      },
    ]);
    expect(await contactModel(db.connection).countDocuments()).toBe(0);
    expect(await importModel(db.connection).countDocuments()).toBe(0);
  });

  it('applies in the background (202, then poll), and the same file again creates and updates nothing', async () => {
    const started = await upload('/api/imports/contacts?dryRun=false', csv(CONTACTS));
    expect(started.statusCode).toBe(202);
    expect(started.json()).toMatchObject({ dryRun: false, status: 'running', total: 3 });
    const job = await finished(started.json().importId);
    expect(job).toMatchObject({
      kind: 'contacts',
      filename: 'kontak.csv',
      status: 'done',
      total: 3,
      done: 3,
      created: 2,
      updated: 0,
      unchanged: 0,
      errorRows: 1,
      errors: [{ row: 4, field: 'phone', column: 'No HP' }],
      failure: null,
      startedBy: 'Test manager',
    });
    expect(await contactModel(db.connection).countDocuments()).toBe(2);
    const audits = await auditModel(db.connection)
      .find({ entity: 'import', entityId: new Types.ObjectId(String(job.id)) })
      .lean();
    expect(audits.map((entry) => [entry.action, entry.actor.name])).toEqual([
      ['started', 'Test manager'],
      ['finished', 'Test manager'],
    ]);

    const again = await upload('/api/imports/contacts?dryRun=false', csv(CONTACTS));
    expect(await finished(again.json().importId)).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 2,
      errorRows: 1,
    });
    expect(await contactModel(db.connection).countDocuments()).toBe(2);
  });

  it('imports products from an .xlsx built with exceljs', async () => {
    const file = await xlsx([
      ['Kode', 'Nama', 'Harga', 'Stok'],
      ['kue-nastar', 'Kue Nastar', 'Rp 120.000', 10],
      ['kue-kastengel', 'Kue Kastengel', '135rb', null],
    ]);
    const plan = (await upload('/api/imports/products', file)).json();
    expect(plan).toMatchObject({ dryRun: true, counts: { create: 2, update: 0, unchanged: 0, error: 0 } });
    const started = await upload('/api/imports/products?dryRun=false', file);
    expect(await finished(started.json().importId)).toMatchObject({ created: 2 });
    expect(await productModel(db.connection).findOne({ sku: 'kue-kastengel' }).lean()).toMatchObject({
      price: 135000,
      active: true,
    });
    const replan = (await upload('/api/imports/products?dryRun=true', file)).json();
    expect(replan.counts).toEqual({ create: 0, update: 0, unchanged: 2, error: 0 });
  });

  it('refuses a file over the upload cap, more rows than the limit, and files that are not a sheet', async () => {
    const big = await upload('/api/imports/contacts', csv('a'.repeat(SHEET_IMPORT_MAX_BYTES + 1)));
    expect(big.statusCode).toBe(413);
    expect(big.json().error).toBe('MEDIA.TOO_LARGE');

    const lines = ['No HP'];
    for (let i = 0; i <= MAX_IMPORT_ROWS; i++) lines.push(`08127${String(i).padStart(7, '0')}`);
    const many = await upload('/api/imports/contacts', csv(lines.join('\n')));
    expect(many.statusCode).toBe(400);
    expect(many.json()).toMatchObject({ error: 'IMPORT.TOO_MANY_ROWS', maxRows: MAX_IMPORT_ROWS });

    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('No HP\n0812\n', 'utf16le')]);
    const wide = await upload('/api/imports/contacts', { data: utf16, name: 'kontak.csv', type: 'text/csv' });
    expect(wide.statusCode).toBe(415);
    expect(wide.json().details).toContain('save it as "CSV UTF-8"');

    // A photo renamed .csv is not text; a zip that is not an .xlsx is not a sheet.
    const photo = await upload('/api/imports/contacts', {
      data: await solidImage('png', { width: 8, height: 8 }),
      name: 'kontak.csv',
      type: 'text/csv',
    });
    expect(photo.statusCode).toBe(415);
    expect(photo.json()).toMatchObject({ error: 'MEDIA.TYPE_MISMATCH' });
    const zip = await upload('/api/imports/contacts', {
      data: zipBytes([{ name: 'a.txt', content: 'No HP' }]),
      name: 'kontak.zip',
      type: 'application/zip',
    });
    expect(zip.statusCode).toBe(415);
    const txt = await upload('/api/imports/contacts', {
      data: Buffer.from('No HP\n'),
      name: 'kontak.txt',
      type: 'text/plain',
    });
    expect(txt.statusCode).toBe(415);

    const noPhone = await upload('/api/imports/contacts', csv('Nama\nBudi\n'));
    expect(noPhone.statusCode).toBe(400);
    expect(noPhone.json()).toMatchObject({ error: 'IMPORT.INVALID', missing: ['phone'] });
  });

  it('answers 404 for an unknown import', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/imports/${'0'.repeat(24)}`,
      headers: session.owner!,
    });
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toBe('IMPORT.NOT_FOUND');
  });
});

describe('chat-export import', () => {
  let contact: Contact;
  beforeAll(async () => {
    ({ contact } = await contactForPhone(db.connection, {
      phone: '+6281299990000' as PhoneNumber,
      name: 'Budi Santoso',
      at: new Date('2026-11-01T03:00:00Z'),
      actor: { kind: 'system' },
    }));
  });
  const url = (query: string) => `/api/contacts/${String(contact._id)}/chat-import${query}`;
  const txt = (name: string) => ({
    data: fixture(name),
    name: 'WhatsApp Chat with Budi.txt',
    type: 'text/plain',
  });

  it('previews an export: its authors with counts and its first and last dates', async () => {
    const response = await upload(url(''), txt('chat-export.id-android.txt'));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      dryRun: true,
      contact: { id: String(contact._id), name: 'Budi Santoso' },
      messages: 8,
      authors: [
        { name: 'Budi Santoso', messages: 5 },
        { name: 'Toko Bunga Melati', messages: 3 },
      ],
      first: '2026-11-23T02:15:00.000Z',
      last: '2026-11-30T16:30:00.000Z',
      new: 8,
    });
    expect(await messageModel(db.connection).countDocuments({ chatId: contact.chatId })).toBe(0);
  });

  it('needs the shop author to import, one of the export’s authors', async () => {
    const missing = await upload(url('?dryRun=false'), txt('chat-export.id-android.txt'));
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ error: 'REQUEST.INVALID', field: 'query.shopAuthor' });
    const unknown = await upload(url('?dryRun=false&shopAuthor=Toko'), txt('chat-export.id-android.txt'));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ error: 'IMPORT.UNKNOWN_AUTHOR' });
  });

  it('imports Indonesian and English exports once each, and the contact page shows the history', async () => {
    const shop = encodeURIComponent('Toko Bunga Melati');
    for (const [name, count] of [
      ['chat-export.id-android.txt', 8],
      ['chat-export.en-ios.txt', 6],
    ] as const) {
      const first = await upload(url(`?dryRun=false&shopAuthor=${shop}`), txt(name));
      expect(first.statusCode).toBe(200);
      expect(first.json()).toMatchObject({ dryRun: false, inserted: count, skipped: 0 });
      const again = await upload(url(`?dryRun=false&shopAuthor=${shop}`), txt(name));
      expect(again.json()).toMatchObject({ inserted: 0, skipped: count });
    }
    const page = await app.inject({
      method: 'GET',
      url: `/api/contacts/${String(contact._id)}`,
      headers: session.admin!,
    });
    expect(page.statusCode).toBe(200);
    const messages = page.json().messages as {
      direction: string;
      author: string;
      body: string;
      sentAt: string;
    }[];
    expect(messages).toHaveLength(14);
    expect(messages[0]).toEqual({
      direction: 'in',
      author: 'customer',
      type: 'text',
      body: 'Halo kak, mau pesan buket mawar merah',
      sentAt: '2026-11-23T02:15:00.000Z',
      delivery: null,
    });
    expect(messages.at(-1)).toMatchObject({
      direction: 'out',
      author: 'staff',
      body: 'Total is Rp 350.000, thank you!',
      sentAt: '2026-11-30T16:59:59.000Z',
    });
  });
});
