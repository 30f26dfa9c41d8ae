import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditModel } from '../../../domain/audit/audit.model.js';
import { productModel } from '../../../domain/catalog/product.model.js';
import { contactModel } from '../../../domain/contacts/contact.model.js';
import { issueInvoice } from '../../../domain/invoices/invoice.use-case.js';
import { openLeadForContact } from '../../../domain/leads/lead.use-case.js';
import { createMaterial } from '../../../domain/materials/material.use-case.js';
import { orderModel } from '../../../domain/orders/order.model.js';
import { createOrder } from '../../../domain/orders/order.use-case.js';
import { ManualClock } from '../../../domain/platform/clock.js';
import { useTestDatabase } from '../../../domain/platform/testing/database.js';
import { createTask } from '../../../domain/tasks/task.use-case.js';
import type { UserRole } from '../../../domain/users/user.model.js';
import type { App } from '../app.js';
import { buildTestApp, loginAs, staffUser } from '../testing/app-harness.js';
import { exportsRoutes, XLSX_MIME } from './exports.routes.js';

const db = useTestDatabase();
const ZONE = 'Asia/Jakarta';
const system = { kind: 'system' as const, name: 'test' };
/** Friday 4 December 2026, 10:00 WIB. */
const clock = new ManualClock(new Date('2026-12-04T03:00:00Z'));
let app: App;
const sessions: Partial<Record<UserRole, { cookie: string }>> = {};

beforeAll(async () => {
  const at = new Date('2026-11-01T03:00:00Z');
  await productModel(db.connection).create({
    sku: 'mawar',
    name: 'Buket Mawar',
    price: 150_000,
    createdAt: at,
  });
  await productModel(db.connection).create({
    sku: 'pita',
    name: 'Pita',
    price: 5_000,
    stock: 12,
    active: false,
    createdAt: at,
  });
  const contact = (phone: string, name: string) =>
    contactModel(db.connection).create({ chatId: `${phone.slice(1)}@c.us`, phone, name, createdAt: at });
  const budi = await contact('+6281234567890', 'Budi');
  const ani = await contact('+6281311112222', 'Ani');
  const order = async (who: typeof budi, qty: number, when: string) => {
    const created = await createOrder(
      db.connection,
      {
        kind: 'catalog',
        contactId: who._id,
        chatId: who.chatId,
        customerName: who.name,
        items: [{ sku: 'mawar', qty }],
        fulfilment: { method: 'pickup' },
        source: 'whatsapp',
      },
      { actor: { kind: 'customer' }, at: new Date(when), timeZone: ZONE },
    );
    if (!created.ok) throw new Error(created.details);
    return created.order;
  };
  // 17:30 UTC on 30 November is 00:30 WIB on 1 December.
  const first = await order(budi, 1, '2026-11-30T17:30:00Z');
  await order(ani, 2, '2026-12-01T03:00:00Z');
  await order(ani, 3, '2026-12-03T03:00:00Z');
  await orderModel(db.connection).updateOne({ number: first.number }, { $set: { status: 'completed' } });
  const invoice = await issueInvoice(
    db.connection,
    { orderNumber: first.number, dueDate: '2026-12-08' },
    { actor: system, at: new Date('2026-12-01T04:00:00Z'), timeZone: ZONE },
  );
  if (!invoice.ok) throw new Error(invoice.details);
  await openLeadForContact(
    db.connection,
    { contactId: ani._id, channel: 'instagram_ads', interest: 'hampers', at, actor: system },
    { leadAssignment: 'unassigned' },
  );
  const task = await createTask(
    db.connection,
    { text: 'telpon Budi', dueAt: new Date('2026-12-04T09:00:00Z') },
    { actor: system, at, timeZone: ZONE },
  );
  if (!task.ok) throw new Error(task.details);
  const material = await createMaterial(
    db.connection,
    { code: 'pita-merah', name: 'Pita merah', unit: 'm', stock: 2.5, minStock: 5 },
    { actor: system, at },
  );
  if (!material.ok) throw new Error(material.details);

  ({ app } = await buildTestApp(db.connection, { clock }));
  for (const role of ['owner', 'manager', 'admin'] as const) {
    await staffUser(db.connection, role);
    sessions[role] = { cookie: (await loginAs(app, role)).cookie };
  }
});

const get = (url: string, role: UserRole = 'owner') =>
  app.inject({ method: 'GET', url, headers: sessions[role] ?? {} });

async function workbookOf(response: LightMyRequestResponse): Promise<ExcelJS.Workbook> {
  expect(response.statusCode).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
  return workbook;
}

/** A sheet's rows as objects keyed by header, the header row left out. */
function rowsOf(sheet: ExcelJS.Worksheet): Record<string, ExcelJS.CellValue>[] {
  const headers = headersOf(sheet);
  const rows: Record<string, ExcelJS.CellValue>[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    rows.push(Object.fromEntries(headers.map((header, at) => [header, row.getCell(at + 1).value])));
  });
  return rows;
}

const headersOf = (sheet: ExcelJS.Worksheet) =>
  (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map((value) => String(value));

describe('the orders export', () => {
  it('streams every order as an .xlsx named after the shop’s day, with typed cells', async () => {
    const response = await get('/api/exports/orders.xlsx');
    expect(response.headers['content-type']).toBe(XLSX_MIME);
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="pesanin-orders-2026-12-04.xlsx"',
    );
    const sheet = (await workbookOf(response)).worksheets[0]!;
    expect(sheet.name).toBe('Pesanan');
    expect(headersOf(sheet).slice(0, 8)).toEqual([
      'Nomor',
      'Dibuat',
      'Status',
      'Jenis',
      'Kategori',
      'Pelanggan',
      'Telepon',
      'Isi pesanan',
    ]);
    const rows = rowsOf(sheet);
    // Newest first, as the list.
    expect(rows.map((row) => row.Pelanggan)).toEqual(['Ani', 'Ani', 'Budi']);
    const budi = rows[2]!;
    expect(budi.Dibuat).toEqual(new Date('2026-12-01T00:30:00Z'));
    expect(budi.Telepon).toBe('+6281234567890');
    expect(budi['Isi pesanan']).toBe('1 × Buket Mawar');
    expect(budi.Total).toBe(150_000);
    const totalCell = sheet.getRow(4).getCell(headersOf(sheet).indexOf('Total') + 1);
    expect(totalCell.numFmt).toBe('"Rp"#,##0');
    expect(sheet.getRow(4).getCell(2).numFmt).toBe('yyyy-mm-dd hh:mm');
  });

  it('applies the list’s filters, search and sort', async () => {
    const completed = rowsOf(
      (await workbookOf(await get('/api/exports/orders.xlsx?status=completed'))).worksheets[0]!,
    );
    expect(completed.map((row) => row.Status)).toEqual(['completed']);
    // 1 December in WIB holds Budi's order of 00:30 and Ani's of 10:00.
    const firstOfMonth = rowsOf(
      (await workbookOf(await get('/api/exports/orders.xlsx?from=2026-12-01&to=2026-12-01&sort=oldest')))
        .worksheets[0]!,
    );
    expect(firstOfMonth.map((row) => row.Pelanggan)).toEqual(['Budi', 'Ani']);
    const byPhone = rowsOf(
      (await workbookOf(await get(`/api/exports/orders.xlsx?q=${encodeURIComponent('0813-1111-2222')}`)))
        .worksheets[0]!,
    );
    expect(byPhone).toHaveLength(2);
  });

  it('refuses a bad filter, or a page, before streaming anything', async () => {
    for (const query of ['status=shipped', 'page=2', 'lang=fr']) {
      const response = await get(`/api/exports/orders.xlsx?${query}`);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ error: 'REQUEST.INVALID' });
    }
  });

  it('writes English headers when asked', async () => {
    const sheet = (await workbookOf(await get('/api/exports/orders.xlsx?lang=en'))).worksheets[0]!;
    expect(sheet.name).toBe('Orders');
    expect(headersOf(sheet).slice(0, 3)).toEqual(['Number', 'Created', 'Status']);
  });

  it('is audited on the exporting user with its filters and row count', async () => {
    await get('/api/exports/orders.xlsx?status=pending', 'manager');
    await expect
      .poll(async () =>
        auditModel(db.connection).findOne({ action: 'exported', 'after.filters.status': 'pending' }).lean(),
      )
      .toMatchObject({
        entity: 'user',
        actor: { name: 'Test manager' },
        after: { export: 'orders', rows: [2], complete: true },
      });
  });
});

describe('access', () => {
  it('is for owners and managers: admins are refused, and anyone signed out', async () => {
    for (const route of exportsRoutes) {
      expect((await get(route.url, 'manager')).statusCode).toBe(200);
      const admin = await get(route.url, 'admin');
      expect(admin.statusCode).toBe(403);
      expect(admin.json()).toMatchObject({ error: 'AUTH.FORBIDDEN' });
      const anonymous = await app.inject({ method: 'GET', url: route.url });
      expect(anonymous.statusCode).toBe(401);
    }
  });
});

describe('the other lists', () => {
  it('contacts: the list’s views, phones in full', async () => {
    const response = await get('/api/exports/contacts.xlsx?view=all');
    expect(response.headers['content-disposition']).toContain('pesanin-contacts-2026-12-04.xlsx');
    const rows = rowsOf((await workbookOf(response)).worksheets[0]!);
    expect(rows.map((row) => [row.Nama, row.Telepon, row.Pesanan])).toEqual([
      ['Ani', '+6281311112222', 2],
      ['Budi', '+6281234567890', 1],
    ]);
    // The default view is the last two days' buyers: Ani ordered yesterday, Budi four days ago.
    const recent = rowsOf((await workbookOf(await get('/api/exports/contacts.xlsx'))).worksheets[0]!);
    expect(recent.map((row) => row.Nama)).toEqual(['Ani']);
  });

  it('leads, with the contact and a rupiah column', async () => {
    const rows = rowsOf((await workbookOf(await get('/api/exports/leads.xlsx?state=open'))).worksheets[0]!);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      Tahap: 'new',
      Pelanggan: 'Ani',
      Kanal: 'instagram_ads',
      Minat: 'hampers',
    });
    expect(rowsOf((await workbookOf(await get('/api/exports/leads.xlsx?stage=won'))).worksheets[0]!)).toEqual(
      [],
    );
  });

  it('tasks: open ones by default, due times on the shop’s clock', async () => {
    const rows = rowsOf((await workbookOf(await get('/api/exports/tasks.xlsx'))).worksheets[0]!);
    expect(rows).toEqual([
      expect.objectContaining({
        Nomor: 1,
        Tugas: 'telpon Budi',
        'Jatuh tempo': new Date('2026-12-04T16:00:00Z'),
      }),
    ]);
    expect(
      rowsOf((await workbookOf(await get('/api/exports/tasks.xlsx?status=done'))).worksheets[0]!),
    ).toEqual([]);
  });

  it('products, inactive ones too; materials and tracked product stock on two sheets', async () => {
    const products = rowsOf((await workbookOf(await get('/api/exports/products.xlsx'))).worksheets[0]!);
    expect(products.map((row) => [row.SKU, row.Harga, row.Stok, row.Aktif])).toEqual([
      ['mawar', 150_000, null, 'ya'],
      ['pita', 5_000, 12, 'tidak'],
    ]);
    const stock = await workbookOf(await get('/api/exports/materials.xlsx'));
    expect(stock.worksheets.map((sheet) => sheet.name)).toEqual(['Bahan', 'Stok produk']);
    expect(rowsOf(stock.worksheets[0]!)).toEqual([
      expect.objectContaining({ Kode: 'pita-merah', Stok: 2.5, 'Stok minimum': 5, Menipis: 'ya' }),
    ]);
    expect(rowsOf(stock.worksheets[1]!).map((row) => row.SKU)).toEqual(['pita']);
  });

  it('invoices: due dates as dates, what is still owed', async () => {
    const rows = rowsOf(
      (await workbookOf(await get('/api/exports/invoices.xlsx?from=2026-12-01'))).worksheets[0]!,
    );
    expect(rows).toEqual([
      expect.objectContaining({
        Pelanggan: 'Budi',
        'Jatuh tempo': new Date('2026-12-08T00:00:00Z'),
        Tagihan: 150_000,
        Sisa: 150_000,
      }),
    ]);
    expect(
      rowsOf((await workbookOf(await get('/api/exports/invoices.xlsx?to=2026-11-30'))).worksheets[0]!),
    ).toEqual([]);
  });
});

describe('the report exports', () => {
  it('RFM: every scored customer, or one segment', async () => {
    const response = await get('/api/exports/reports/rfm.xlsx');
    expect(response.headers['content-disposition']).toContain('pesanin-report-rfm-2026-12-04.xlsx');
    const rows = rowsOf((await workbookOf(response)).worksheets[0]!);
    expect(rows).toEqual([expect.objectContaining({ Pelanggan: '+6281234567890', Frekuensi: 1 })]);
    const segment = String(rows[0]!.Segmen);
    const same = await workbookOf(
      await get(`/api/exports/reports/rfm.xlsx?segment=${encodeURIComponent(segment)}`),
    );
    expect(rowsOf(same.worksheets[0]!)).toHaveLength(1);
    const other = segment === 'Lost' ? 'Champions' : 'Lost';
    const none = await workbookOf(await get(`/api/exports/reports/rfm.xlsx?segment=${other}`));
    expect(rowsOf(none.worksheets[0]!)).toEqual([]);
  });

  it('trend: the range as the report reads it, and a refused range before any byte', async () => {
    const workbook = await workbookOf(
      await get('/api/exports/reports/trend.xlsx?from=2026-11-01&to=2026-12-31'),
    );
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Ringkasan', 'Per bulan']);
    expect(rowsOf(workbook.worksheets[1]!).map((row) => row.Bulan)).toEqual(['2026-11', '2026-12']);
    const refused = await get('/api/exports/reports/trend.xlsx?from=2026-12-05&to=2026-12-01');
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ error: 'REQUEST.INVALID', field: 'query.from' });
  });

  it('aging: the buckets and, on a sheet of their own, the invoices in them', async () => {
    const workbook = await workbookOf(await get('/api/exports/reports/aging.xlsx?lang=en'));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Summary', 'Buckets', 'Invoices']);
    expect(rowsOf(workbook.worksheets[2]!)).toEqual([
      expect.objectContaining({
        Customer: 'Budi',
        Outstanding: 150_000,
        'Due date': new Date('2026-12-08T00:00:00Z'),
      }),
    ]);
  });
});
