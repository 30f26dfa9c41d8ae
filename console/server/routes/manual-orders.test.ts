/**
 * Issue 12, item 3: orders taken by staff (the console's new-order form and the `neworder` command)
 * count in the reports and use materials exactly like an order the customer placed on WhatsApp.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, BUDI, openShop, type Shop, ZONE } from '../../../bot/admin/testing/harness.js';
import { setBillOfMaterials } from '../../../domain/catalog/catalog.use-case.js';
import { type Material, materialModel } from '../../../domain/materials/material.model.js';
import { createMaterial } from '../../../domain/materials/material.use-case.js';
import { type Order, orderModel } from '../../../domain/orders/order.model.js';
import { setPaidAmount } from '../../../domain/orders/order.use-case.js';
import { useTestDatabase } from '../../../domain/platform/testing/database.js';
import { monthlyReport } from '../../../domain/reports/monthly.use-case.js';
import { productSalesReport } from '../../../domain/reports/product-sales.use-case.js';
import type { App } from '../app.js';
import { buildTestApp, loginAs, staffUser } from '../testing/app-harness.js';

const db = useTestDatabase();
const staff = { kind: 'system' as const, name: 'test' };
let shop: Shop;
let app: App;
let headers: { cookie: string; 'x-csrf-token': string };

beforeAll(async () => {
  shop = await openShop(db.connection, { paymentInstructions: 'BCA 1234567890' });
  ({ app } = await buildTestApp(db.connection, { clock: shop.clock }));
  await staffUser(db.connection, 'manager');
  headers = await loginAs(app, 'manager');
  const at = shop.clock.now();
  for (const [code, stock] of [
    ['pita', 100],
    ['kotak', 10],
  ] as const) {
    const made = await createMaterial(
      db.connection,
      { code, name: code, unit: 'pcs', stock },
      { actor: staff, at },
    );
    if (!made.ok) throw new Error(made.details);
  }
  for (const [sku, materials] of [
    ['mawar', [{ code: 'pita', qty: 1.5 }]],
    ['hampers', [{ code: 'kotak', qty: 1 }]],
  ] as const) {
    const set = await setBillOfMaterials(
      db.connection,
      { sku, materials: [...materials] },
      { actor: staff, at },
    );
    if (!set.ok) throw new Error(set.details);
  }
});
afterAll(async () => {
  await shop.stop();
});

const stockOf = async (code: string) =>
  (await materialModel(db.connection).findOne({ code }).lean<Material>())?.stock;

async function move(number: string, to: string): Promise<void> {
  shop.clock.advance(60_000);
  const response = await app.inject({
    method: 'POST',
    url: `/api/orders/${number}/status`,
    headers,
    payload: { to },
  });
  expect(response.statusCode, `${number} → ${to}: ${response.body}`).toBe(200);
}

describe('orders staff take', () => {
  it('count in the reports and deduct materials like a WhatsApp order', async () => {
    // The console form: 2 mawar for a new customer.
    const form = await app.inject({
      method: 'POST',
      url: '/api/orders',
      headers,
      payload: {
        phone: '0857-1111-2222',
        name: 'Rina',
        kind: 'catalog',
        items: [{ sku: 'mawar', qty: 2 }],
        fulfilment: { method: 'pickup' },
        requestId: '1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
      },
    });
    expect(form.statusCode).toBe(201);
    // The admin command: 1 mawar and 1 hampers, by phone.
    const reply = (
      await shop.write(ADMIN, 'neworder 0858-3333-4444 1 buket mawar sama 1 hampers, ambil sendiri')
    ).find((sent) => sent.text.includes('dibuat untuk'))?.text;
    const byCommand = /\*(ORD-\d{6}-\d{4})\*/.exec(reply ?? '')?.[1];
    // The customer in chat: 1 mawar, confirmed with "ya".
    await shop.write(BUDI, 'pesan 1 buket mawar');
    await shop.write(BUDI, 'ya');

    const orders = await orderModel(db.connection).find().sort({ number: 1 }).lean<Order[]>();
    expect(orders.map((order) => [order.number, order.source, order.total])).toEqual([
      [form.json().order.number, 'console', 300_000],
      [byCommand, 'console', 400_000],
      [expect.any(String), 'whatsapp', 150_000],
    ]);
    // Each customer was sent the same confirmation.
    for (const phone of ['085711112222', '085833334444', BUDI])
      expect(shop.sentTo(phone).some((sent) => sent.text.includes('sudah kami terima'))).toBe(true);

    for (const order of orders) {
      await move(order.number, 'confirmed');
      await move(order.number, 'in_progress');
    }
    // 1.5 pita per mawar × 4 mawar; one kotak for the hampers.
    expect(await stockOf('pita')).toBe(94);
    expect(await stockOf('kotak')).toBe(9);
    const produced = await orderModel(db.connection).find({ materialsDeducted: true }).countDocuments();
    expect(produced).toBe(3);

    for (const order of orders) {
      await move(order.number, 'ready');
      await move(order.number, 'completed');
      const paid = await setPaidAmount(
        db.connection,
        { number: order.number, paidAmount: order.total },
        { actor: staff, at: shop.clock.now() },
      );
      expect(paid.ok).toBe(true);
    }

    const now = shop.clock.now();
    const months = await monthlyReport(db.connection, { now, timeZone: ZONE });
    expect(months).toEqual([{ month: '2026-11', orders: 3, revenue: 850_000 }]);
    const sales = await productSalesReport(db.connection, {
      from: '2026-11-01',
      to: '2026-11-30',
      now,
      timeZone: ZONE,
    });
    if (!sales.ok) throw new Error(sales.details);
    const bySku = Object.fromEntries(
      sales.report.products.map((row) => [row.sku, { quantity: row.quantity, revenue: row.revenue }]),
    );
    expect(bySku).toEqual({
      mawar: { quantity: 4, revenue: 600_000 },
      hampers: { quantity: 1, revenue: 250_000 },
    });
  });
});
