import { beforeAll, describe, expect, it } from 'vitest';
import { productModel } from '../../../domain/catalog/product.model.js';
import { contactModel } from '../../../domain/contacts/contact.model.js';
import type { Order } from '../../../domain/orders/order.model.js';
import { changeOrderStatus, createOrder } from '../../../domain/orders/order.use-case.js';
import { useTestDatabase } from '../../../domain/platform/testing/database.js';
import { updateSettings } from '../../../domain/settings/settings.use-case.js';
import type { App } from '../app.js';
import { buildTestApp } from '../testing/app-harness.js';
import { streetOnly } from './tracking.page.js';

const db = useTestDatabase();
const at = new Date('2026-11-23T03:00:00Z');
const system = { kind: 'system' as const };
let app: App;
let order: Order;

beforeAll(async () => {
  await productModel(db.connection).create({
    sku: 'mawar',
    name: 'Buket Mawar',
    price: 150_000,
    createdAt: at,
  });
  const contact = await contactModel(db.connection).create({
    chatId: '6281234567890@c.us',
    phone: '+6281234567890',
    name: 'Budi Santoso',
    createdAt: at,
  });
  const created = await createOrder(
    db.connection,
    {
      kind: 'catalog',
      contactId: contact._id,
      chatId: contact.chatId,
      customerName: 'Budi Santoso',
      items: [{ sku: 'mawar', qty: 2 }],
      fulfilment: {
        method: 'delivery',
        address: 'Jl. Melati No. 5 RT 02, Bandung',
        recipientName: 'Sinta',
        recipientPhone: '+6289876543210',
      },
      source: 'whatsapp',
    },
    { actor: system, at, timeZone: 'Asia/Jakarta' },
  );
  if (!created.ok) throw new Error(created.details);
  await changeOrderStatus(
    db.connection,
    { number: created.order.number, to: 'confirmed' },
    { actor: system, at: new Date(at.getTime() + 3_600_000) },
  );
  order = created.order;
  await updateSettings(
    db.connection,
    { shopName: 'Toko Bunga Melati', shopWhatsApp: '0811-2222-3333' },
    { actor: system, at },
  );
  ({ app } = await buildTestApp(db.connection));
});

describe('the public tracking page', () => {
  it('shows the order, its status history in shop time, items, total, payment and a chat link — no JavaScript', async () => {
    const response = await app.inject({ method: 'GET', url: `/track/${order.trackingToken}` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/html');
    const page = response.body;
    expect(page).toContain(order.number);
    expect(page).toContain('Dikonfirmasi');
    expect(page).toContain('23/11/2026 10:00 — Menunggu konfirmasi');
    expect(page).toContain('23/11/2026 11:00 — Dikonfirmasi');
    expect(page).toContain('2× Buket Mawar');
    expect(page).toContain('Rp300.000');
    expect(page).toContain('Belum dibayar');
    expect(page).toContain('https://wa.me/6281122223333');
    expect(page).not.toContain('<script');
  });

  it('leaks no phone number, name or full address', async () => {
    const page = (await app.inject({ method: 'GET', url: `/track/${order.trackingToken}` })).body;
    for (const secret of [
      '6281234567890',
      '081234567890',
      '89876543210',
      'Budi',
      'Santoso',
      'Sinta',
      'No. 5',
      'RT 02',
      'Bandung',
    ])
      expect(page).not.toContain(secret);
    expect(page).toContain('Jl. Melati …');
  });

  it('is a 404 page for an unknown or malformed token', async () => {
    for (const token of ['AAAAAAAAAAAAAAAAAAAAAAAA', 'x', '../../etc/passwd']) {
      const response = await app.inject({ method: 'GET', url: `/track/${encodeURIComponent(token)}` });
      expect(response.statusCode).toBe(404);
      expect(response.body).toContain('Pesanan tidak ditemukan');
      expect(response.body).not.toContain(order.number);
    }
  });

  it('is rate-limited per address', async () => {
    const { app: fresh } = await buildTestApp(db.connection);
    const codes: number[] = [];
    for (let i = 0; i < 62; i++)
      codes.push((await fresh.inject({ method: 'GET', url: '/track/x' })).statusCode);
    expect(codes.slice(0, 60).every((code) => code === 404)).toBe(true);
    expect(codes.slice(60)).toEqual([429, 429]);
  });

  it('cuts an address to its street name', () => {
    expect(streetOnly('Jl. Melati No. 5 RT 02, Bandung')).toBe('Jl. Melati');
    expect(streetOnly('Jalan Cempaka Putih Raya 21, Jakarta Pusat')).toBe('Jalan Cempaka Putih Raya');
    expect(streetOnly('Perum Griya Asri Blok C3')).toBe('Perum Griya Asri');
  });
});
