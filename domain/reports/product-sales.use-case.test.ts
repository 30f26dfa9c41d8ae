import { beforeAll, describe, expect, it } from 'vitest';
import { productModel } from '../catalog/product.model.js';
import type { OrderPaymentStatus } from '../orders/order.model.js';
import type { OrderStatus } from '../orders/order-status.rules.js';
import { useTestDatabase } from '../platform/testing/database.js';
import { productSalesReport } from './product-sales.use-case.js';
import { addContact, addOrder, wib } from './testing/report-data.js';

const db = useTestDatabase();
const ZONE = 'Asia/Jakarta';
const NOW = wib('2026-12-05T12:00:00');

/**
 * Catalog: mawar "Buket Mawar" (bouquet), pita "Pita" (no category), coklat "Coklat" (hampers); lilin is
 * no longer in the catalog. November (30 days) compares with 2–31 October. Orders, by completion:
 *   P1 10 Nov paid       mawar 2 × 50.000, pita 3 = 15.000, lilin 1 = 10.000
 *   P2 30 Nov 23:30 WIB unpaid  mawar 1 = 50.000 (unpaid still counts as sold)
 *   P3 1 Dec 00:30 WIB  mawar 5 = 250.000 → after the range
 *   P4 15 Nov custom "logo" 300.000;  P5 20 Nov custom without category 120.000
 *   P6 cancelled mawar 10; P7 12 Nov refunded coklat 1; P8 in production mawar 3 → none counts
 *   Q1 15 Oct mawar 1 = 50.000, coklat 2 = 80.000;  Q2 1 Oct 23:30 WIB mawar 4 → before the previous period
 *   Q3 2 Oct 00:30 WIB custom "logo" 200.000 → previous period's first minutes
 * Now: logo 1/300.000, mawar 3/150.000, custom 1/120.000, pita 3/15.000, lilin 1/10.000: 9 / 595.000.
 * Before: logo 1/200.000, mawar 1/50.000, coklat 2/80.000: 4 / 330.000.
 * Shares of 595.000: 0.5042, 0.2521, 0.2017, 0.0252, 0.0168. Change: logo +0.5, mawar +2, coklat −1,
 * total (595 − 330) / 330 = 0.803.
 */
beforeAll(async () => {
  const c = db.connection;
  await productModel(c).create([
    {
      sku: 'mawar',
      name: 'Buket Mawar',
      price: 50_000,
      category: 'bouquet',
      createdAt: wib('2026-01-01T00:00:00'),
    },
    { sku: 'pita', name: 'Pita', price: 5_000, createdAt: wib('2026-01-01T00:00:00') },
    {
      sku: 'coklat',
      name: 'Coklat',
      price: 40_000,
      category: 'hampers',
      createdAt: wib('2026-01-01T00:00:00'),
    },
  ]);
  const ani = await addContact(c, 'Ani');
  const line = (sku: string, qty: number, subtotal: number) => ({
    sku,
    name: sku === 'lilin' ? 'Lilin Aroma' : `${sku} (lama)`,
    qty,
    subtotal,
  });
  const catalog = (
    completedAt: string,
    items: ReturnType<typeof line>[],
    status: OrderStatus = 'completed',
    paymentStatus: OrderPaymentStatus = 'paid',
  ) =>
    addOrder(c, {
      contactId: ani._id,
      createdAt: wib('2026-09-20T10:00:00'),
      status,
      paymentStatus,
      ...(status === 'completed' && { completedAt: wib(completedAt) }),
      items,
    });
  const custom = (completedAt: string, subtotal: number, category?: string) =>
    addOrder(c, {
      contactId: ani._id,
      createdAt: wib('2026-09-20T10:00:00'),
      status: 'completed',
      paymentStatus: 'paid',
      completedAt: wib(completedAt),
      kind: 'custom',
      subtotal,
      ...(category && { category }),
    });
  await catalog('2026-11-10T10:00:00', [
    line('mawar', 2, 100_000),
    line('pita', 3, 15_000),
    line('lilin', 1, 10_000),
  ]);
  await catalog('2026-11-30T23:30:00', [line('mawar', 1, 50_000)], 'completed', 'unpaid');
  await catalog('2026-12-01T00:30:00', [line('mawar', 5, 250_000)]);
  await custom('2026-11-15T10:00:00', 300_000, 'logo');
  await custom('2026-11-20T10:00:00', 120_000);
  await catalog('2026-11-11T10:00:00', [line('mawar', 10, 500_000)], 'cancelled', 'unpaid');
  await catalog('2026-11-12T10:00:00', [line('coklat', 1, 40_000)], 'completed', 'refunded');
  await catalog('2026-11-13T10:00:00', [line('mawar', 3, 150_000)], 'in_progress', 'paid');
  await catalog('2026-10-15T10:00:00', [line('mawar', 1, 50_000), line('coklat', 2, 80_000)]);
  await catalog('2026-10-01T23:30:00', [line('mawar', 4, 200_000)]);
  await custom('2026-10-02T00:30:00', 200_000, 'logo');
});

describe('productSalesReport', () => {
  it('sums quantity and sales per product and category, against the period before', async () => {
    const result = await productSalesReport(db.connection, {
      from: '2026-11-01',
      to: '2026-11-30',
      now: NOW,
      timeZone: ZONE,
    });
    if (!result.ok) throw new Error(result.details);
    const sales = (quantity: number, revenue: number) => ({ quantity, revenue });
    expect(result.report).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
      previous: { from: '2026-10-02', to: '2026-10-31' },
      products: [
        {
          sku: null,
          kind: 'custom',
          name: 'logo',
          category: 'logo',
          ...sales(1, 300_000),
          share: 0.5042,
          previous: sales(1, 200_000),
          change: 0.5,
        },
        {
          sku: 'mawar',
          kind: 'catalog',
          name: 'Buket Mawar',
          category: 'bouquet',
          ...sales(3, 150_000),
          share: 0.2521,
          previous: sales(1, 50_000),
          change: 2,
        },
        {
          sku: null,
          kind: 'custom',
          name: 'custom',
          category: 'custom',
          ...sales(1, 120_000),
          share: 0.2017,
          previous: sales(0, 0),
          change: null,
        },
        {
          sku: 'pita',
          kind: 'catalog',
          name: 'Pita',
          category: null,
          ...sales(3, 15_000),
          share: 0.0252,
          previous: sales(0, 0),
          change: null,
        },
        {
          sku: 'lilin',
          kind: 'catalog',
          name: 'Lilin Aroma',
          category: null,
          ...sales(1, 10_000),
          share: 0.0168,
          previous: sales(0, 0),
          change: null,
        },
        {
          sku: 'coklat',
          kind: 'catalog',
          name: 'Coklat',
          category: 'hampers',
          ...sales(0, 0),
          share: 0,
          previous: sales(2, 80_000),
          change: -1,
        },
      ],
      categories: [
        { category: 'logo', ...sales(1, 300_000), share: 0.5042, previous: sales(1, 200_000), change: 0.5 },
        { category: 'bouquet', ...sales(3, 150_000), share: 0.2521, previous: sales(1, 50_000), change: 2 },
        { category: 'custom', ...sales(1, 120_000), share: 0.2017, previous: sales(0, 0), change: null },
        // pita 15.000 + lilin 10.000
        { category: null, ...sales(4, 25_000), share: 0.042, previous: sales(0, 0), change: null },
        { category: 'hampers', ...sales(0, 0), share: 0, previous: sales(2, 80_000), change: -1 },
      ],
      total: { ...sales(9, 595_000), previous: sales(4, 330_000), change: 0.803 },
    });
  });
});
