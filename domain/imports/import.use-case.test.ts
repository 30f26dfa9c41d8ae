import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditModel } from '../audit/audit.model.js';
import { type Product, productModel } from '../catalog/product.model.js';
import { createProduct } from '../catalog/product.use-case.js';
import { type Contact, contactModel } from '../contacts/contact.model.js';
import { contactForPhone } from '../contacts/contact.use-case.js';
import { updateContact } from '../contacts/contact-edit.use-case.js';
import type { PhoneNumber } from '../contacts/phone.js';
import { ManualClock } from '../platform/clock.js';
import { createLogger } from '../platform/logger.js';
import { useTestDatabase } from '../platform/testing/database.js';
import { contactImport } from './contact-import.js';
import type { ImportDefinition } from './import.definition.js';
import { importModel } from './import.model.js';
import { getImport, previewImport, STALE_IMPORT_MS, startImport } from './import.use-case.js';
import { productImport } from './product-import.js';
import { readSheet, type SheetFormat } from './sheet.js';

const db = useTestDatabase();
const at = new Date('2026-11-23T03:00:00Z');
const actor = { kind: 'user' as const, id: 'owner-1', name: 'Owner' };
const log = createLogger({ env: 'test', logLevel: 'silent' }, 'import-test');

beforeEach(async () => {
  await contactModel(db.connection).deleteMany({});
  await productModel(db.connection).deleteMany({});
  await importModel(db.connection).deleteMany({});
  await auditModel(db.connection).deleteMany({});
});

async function sheetOf(data: Buffer, format: SheetFormat) {
  const result = await readSheet(data, format);
  if (!result.ok) throw new Error(result.details);
  return result.sheet;
}

async function xlsx(rows: (string | number | null)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Data');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function preview<Row, State>(
  definition: ImportDefinition<Row, State>,
  data: Buffer,
  format: SheetFormat,
) {
  const result = await previewImport(db.connection, definition, {
    filename: `test.${format}`,
    sheet: await sheetOf(data, format),
  });
  if (!result.ok) throw new Error(result.details);
  return result;
}

async function apply<Row, State>(
  definition: ImportDefinition<Row, State>,
  data: Buffer,
  format: SheetFormat,
) {
  const started = await startImport(
    db.connection,
    definition,
    { filename: `test.${format}`, sheet: await sheetOf(data, format) },
    { actor, clock: new ManualClock(at), log },
  );
  if (!started.ok) throw new Error(started.details);
  expect(started.job.status).toBe('running');
  return started.finished;
}

const contacts = () => contactModel(db.connection).find().sort({ createdAt: 1, _id: 1 }).lean<Contact[]>();

async function existingBudi() {
  const { contact } = await contactForPhone(db.connection, {
    phone: '+6281234567890' as PhoneNumber,
    at,
    actor,
  });
  const edited = await updateContact(
    db.connection,
    { id: String(contact._id), patch: { name: 'Budi Santoso', tags: ['langganan'] } },
    { actor, at },
  );
  if (!edited.ok) throw new Error(edited.details);
  return edited.contact;
}

/** Indonesian Excel's CSV: a BOM, `;` between fields, a quoted field holding a `;`. */
const CONTACTS_CSV = Buffer.from(
  '\ufeffNama;No HP;Email;Catatan;Label\r\n' +
    'Budi Santoso;0812-3456-7890;;;langganan\r\n' +
    'Budi Santoso;+62 812 3456 7890;Budi@Contoh.id;;VIP\r\n' +
    'Siti Aminah;0813 1111 2222;;"Suka melati; antar sore";\r\n' +
    'Tanpa Nomor;;;;\r\n' +
    'Salah;12345;bukan-email;;\r\n',
);

describe('contacts: preview', () => {
  it('lists create, update, unchanged and errors row by row, naming row, field and column; writes nothing', async () => {
    const budi = await existingBudi();
    const auditsBefore = await auditModel(db.connection).countDocuments();
    const plan = await preview(contactImport, CONTACTS_CSV, 'csv');

    expect(plan.total).toBe(5);
    expect(plan.counts).toEqual({ create: 1, update: 1, unchanged: 1, error: 2 });
    expect(plan.columns).toEqual([
      { field: 'name', header: 'Nama' },
      { field: 'phone', header: 'No HP' },
      { field: 'email', header: 'Email' },
      { field: 'notes', header: 'Catatan' },
      { field: 'tags', header: 'Label' },
    ]);
    expect(plan.rows).toEqual([
      { row: 2, key: '+6281234567890', action: 'unchanged' },
      {
        row: 3,
        key: '+6281234567890',
        action: 'update',
        changes: {
          email: { before: null, after: 'budi@contoh.id' },
          tags: { before: ['langganan'], after: ['langganan', 'vip'] },
        },
      },
      {
        row: 4,
        key: '+6281311112222',
        action: 'create',
        changes: {
          name: { before: null, after: 'Siti Aminah' },
          notes: { before: null, after: 'Suka melati; antar sore' },
        },
      },
      {
        row: 5,
        action: 'error',
        errors: [{ row: 5, field: 'phone', column: 'No HP', message: 'is required' }],
      },
      {
        row: 6,
        action: 'error',
        errors: [
          {
            row: 6,
            field: 'phone',
            column: 'No HP',
            message: 'must be a phone number such as 0812-3456-7890 or +62 812 3456 7890 (got "12345")',
          },
          {
            row: 6,
            field: 'email',
            column: 'Email',
            message: 'must be an email address (got "bukan-email")',
          },
        ],
      },
    ]);
    expect(plan.errors.map((error) => [error.row, error.field])).toEqual([
      [5, 'phone'],
      [6, 'phone'],
      [6, 'email'],
    ]);

    const after = await contacts();
    expect(after).toHaveLength(1);
    expect(after[0]).toEqual(budi);
    expect(await auditModel(db.connection).countDocuments()).toBe(auditsBefore);
    expect(await importModel(db.connection).countDocuments()).toBe(0);
  });

  it('refuses a sheet without a phone column, naming the headers it accepts', async () => {
    const result = await previewImport(db.connection, contactImport, {
      filename: 'x.csv',
      sheet: await sheetOf(Buffer.from('Nama,Alamat\nBudi,Bekasi\n'), 'csv'),
    });
    expect(result).toMatchObject({ ok: false, code: 'IMPORT.INVALID', missing: ['phone'] });
    expect(!result.ok && result.details).toContain('"No HP"');
  });
});

describe('contacts: apply', () => {
  it('applies the valid rows, skips the others, and changes nothing when the same file comes again', async () => {
    await existingBudi();
    const first = await apply(contactImport, CONTACTS_CSV, 'csv');
    expect(first).toMatchObject({
      status: 'done',
      total: 5,
      done: 5,
      created: 1,
      updated: 1,
      unchanged: 1,
      errorRows: 2,
      startedBy: actor,
      startedAt: at,
      finishedAt: at,
    });
    expect(first.rowErrors.map((error) => [error.row, error.field])).toEqual([
      [5, 'phone'],
      [6, 'phone'],
      [6, 'email'],
    ]);
    const [budi, siti] = await contacts();
    expect(budi).toMatchObject({ name: 'Budi Santoso', email: 'budi@contoh.id', tags: ['langganan', 'vip'] });
    expect(siti).toMatchObject({
      chatId: '6281311112222@c.us',
      phone: '+6281311112222',
      name: 'Siti Aminah',
      nameConfirmed: true,
      notes: 'Suka melati; antar sore',
      tags: [],
    });
    const audits = await auditModel(db.connection).find().sort({ _id: 1 }).lean();
    expect(audits.filter((entry) => entry.entity === 'import').map((entry) => entry.action)).toEqual([
      'started',
      'finished',
    ]);
    expect(audits.filter((entry) => entry.entity === 'contact' && entry.actor.id === actor.id).length).toBe(
      // Budi: created and edited before the import; then the import: Budi edited, Siti created and edited.
      5,
    );

    const before = await contacts();
    const again = await apply(contactImport, CONTACTS_CSV, 'csv');
    expect(again).toMatchObject({ status: 'done', created: 0, updated: 0, unchanged: 3, errorRows: 2 });
    expect(await contacts()).toEqual(before);
  });

  it('four ways of writing one number in one file make one contact: the first row creates, the later ones update or leave it', async () => {
    const file = await xlsx([
      ['Name', 'WhatsApp', 'Notes'],
      ['Ani', '081299998888', null],
      ['Ani', '81299998888', null],
      ['Ani', '+62 812-9999-8888', 'VIP'],
      // Excel keeps a typed 6281299998888 as a number.
      ['Ani', 6281299998888, null],
    ]);
    const plan = await preview(contactImport, file, 'xlsx');
    expect(plan.rows.map((row) => [row.row, row.key, row.action])).toEqual([
      [2, '+6281299998888', 'create'],
      [3, '+6281299998888', 'unchanged'],
      [4, '+6281299998888', 'update'],
      [5, '+6281299998888', 'unchanged'],
    ]);
    expect(plan.rows[2]!.changes).toEqual({ notes: { before: null, after: 'VIP' } });

    const job = await apply(contactImport, file, 'xlsx');
    expect(job).toMatchObject({ created: 1, updated: 1, unchanged: 2, errorRows: 0 });
    const all = await contacts();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ phone: '+6281299998888', name: 'Ani', notes: 'VIP' });
  });

  it('counts every row across chunks (progress is recorded after each chunk of 200)', async () => {
    const lines = ['No HP,Nama'];
    for (let i = 0; i < 250; i++) lines.push(`0812${String(70000000 + i)},Pelanggan ${i}`);
    const job = await apply(contactImport, Buffer.from(lines.join('\n')), 'csv');
    expect(job).toMatchObject({ status: 'done', total: 250, done: 250, created: 250 });
    expect(await contactModel(db.connection).countDocuments()).toBe(250);
  });

  it('marks the job failed when applying breaks, keeping the rows applied before', async () => {
    let calls = 0;
    const breaking: typeof contactImport = {
      ...contactImport,
      async apply(...args) {
        calls += 1;
        if (calls === 2) throw new Error('database went away');
        return contactImport.apply(...args);
      },
    };
    const job = await apply(breaking, Buffer.from('No HP\n0812-1111-0001\n0812-1111-0002\n'), 'csv');
    expect(job).toMatchObject({ status: 'failed', failure: 'database went away', finishedAt: at });
    expect(await contactModel(db.connection).countDocuments()).toBe(1);
  });

  it('says an import whose process stopped is interrupted once its progress stalls', async () => {
    const job = await importModel(db.connection).create({
      kind: 'contacts',
      filename: 'kontak.xlsx',
      total: 1000,
      done: 200,
      status: 'running',
      startedBy: actor,
      startedAt: at,
      heartbeatAt: at,
    });
    const id = String(job._id);
    expect(await getImport(db.connection, id, new Date(at.getTime() + 60_000))).toMatchObject({
      ok: true,
      job: { status: 'running', done: 200 },
    });
    const later = new Date(at.getTime() + STALE_IMPORT_MS + 1);
    const stale = await getImport(db.connection, id, later);
    expect(stale).toMatchObject({ ok: true, job: { status: 'failed', finishedAt: later, done: 200 } });
    expect(stale.ok && stale.job.failure).toContain('import the same file again');
    expect(await getImport(db.connection, 'nope', later)).toMatchObject({
      ok: false,
      code: 'IMPORT.NOT_FOUND',
    });
  });
});

describe('products', () => {
  const file = () =>
    xlsx([
      ['SKU', 'Nama Produk', 'Harga (Rp)', 'Kategori', 'Nama lain', 'Stok', 'Aktif'],
      ['BUKET-MAWAR', null, 'Rp 175.000', null, 'mawar merah', null, null],
      ['hampers-lebaran', 'Hampers Lebaran', '250rb', 'Hampers', 'parsel, hampers', 5, 'ya'],
      ['kue-kering', 'Kue Kering', null, null, null, null, null],
      ['Buket Mawar', 'Salah kode', 1000, null, null, 'banyak', 'mungkin'],
    ]);

  it('previews and applies by sku: blank cells leave a field, new products need a name and a price', async () => {
    const created = await createProduct(
      db.connection,
      { sku: 'buket-mawar', name: 'Buket Mawar', price: 150000, aliases: ['buket'] },
      { actor, at },
    );
    if (!created.ok) throw new Error(created.details);

    const plan = await preview(productImport, await file(), 'xlsx');
    expect(plan.counts).toEqual({ create: 1, update: 1, unchanged: 0, error: 2 });
    expect(plan.rows[0]).toEqual({
      row: 2,
      key: 'buket-mawar',
      action: 'update',
      changes: {
        price: { before: 150000, after: 175000 },
        aliases: { before: ['buket'], after: ['buket', 'mawar merah'] },
      },
    });
    expect(plan.rows[1]).toMatchObject({
      action: 'create',
      changes: {
        name: { before: null, after: 'Hampers Lebaran' },
        price: { before: null, after: 250000 },
        category: { before: null, after: 'Hampers' },
        stock: { before: null, after: 5 },
        active: { before: null, after: true },
        aliases: { before: null, after: ['parsel', 'hampers'] },
      },
    });
    expect(plan.errors).toEqual([
      { row: 4, field: 'price', column: 'Harga (Rp)', message: 'is required for a new product' },
      {
        row: 5,
        field: 'sku',
        column: 'SKU',
        message: 'must be 2–60 lowercase letters, digits or -, e.g. buket-mawar (got "buket mawar")',
      },
      { row: 5, field: 'stock', column: 'Stok', message: 'must be a whole number, 0 or more (got "banyak")' },
      { row: 5, field: 'active', column: 'Aktif', message: 'must be ya or tidak (yes or no; got "mungkin")' },
    ]);
    expect(await productModel(db.connection).countDocuments()).toBe(1);

    const job = await apply(productImport, await file(), 'xlsx');
    expect(job).toMatchObject({ created: 1, updated: 1, unchanged: 0, errorRows: 2 });
    const products = await productModel(db.connection).find().sort({ sku: 1 }).lean<Product[]>();
    expect(
      products.map(({ sku, name, price, aliases, stock, active }) => ({
        sku,
        name,
        price,
        aliases,
        stock,
        active,
      })),
    ).toEqual([
      {
        sku: 'buket-mawar',
        name: 'Buket Mawar',
        price: 175000,
        aliases: ['buket', 'mawar merah'],
        stock: undefined,
        active: true,
      },
      {
        sku: 'hampers-lebaran',
        name: 'Hampers Lebaran',
        price: 250000,
        aliases: ['parsel', 'hampers'],
        stock: 5,
        active: true,
      },
    ]);

    const again = await apply(productImport, await file(), 'xlsx');
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2, errorRows: 2 });
    expect(await productModel(db.connection).find().sort({ sku: 1 }).lean<Product[]>()).toEqual(products);
  });
});
