import { beforeAll, describe, expect, it } from 'vitest';
import { auditModel } from '../../../domain/audit/audit.model.js';
import { useTestDatabase } from '../../../domain/platform/testing/database.js';
import type { App } from '../app.js';
import { buildTestApp, loginAs, staffUser } from '../testing/app-harness.js';

const db = useTestDatabase();
let app: App;
let manager: { cookie: string; 'x-csrf-token': string };

beforeAll(async () => {
  ({ app } = await buildTestApp(db.connection));
  await staffUser(db.connection, 'manager');
  manager = await loginAs(app, 'manager');
});

const call = (method: 'POST' | 'PATCH' | 'PUT', url: string, payload: object) =>
  app.inject({ method, url, headers: manager, payload });

describe('catalog routes', () => {
  it('adds a product once per sku, edits it, and gives it a bill of materials — all audited', async () => {
    const created = await call('POST', '/api/products', {
      sku: 'Buket-Mawar',
      name: 'Buket Mawar',
      price: 150_000,
      aliases: ['mawar'],
    });
    expect(created.statusCode).toBe(200);
    expect(created.json().product).toMatchObject({ sku: 'buket-mawar', price: 150_000, active: true });
    const again = await call('POST', '/api/products', { sku: 'buket-mawar', name: 'Lagi', price: 1 });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toBe('CATALOG.SKU_TAKEN');
    const edited = await call('PATCH', '/api/products/buket-mawar', { price: 175_000, stock: 4 });
    expect(edited.json().product).toMatchObject({ price: 175_000, stock: 4 });
    const madeToOrder = await call('PATCH', '/api/products/buket-mawar', { stock: null });
    expect(madeToOrder.json().product.stock).toBeUndefined();
    const bad = await call('PATCH', '/api/products/buket-mawar', { price: -5, colour: 'red' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details).toContain('colour');

    await call('POST', '/api/materials', {
      code: 'mawar-merah',
      name: 'Mawar merah',
      unit: 'tangkai',
      stock: 100,
      minStock: 20,
    });
    const bom = await call('PUT', '/api/products/buket-mawar/materials', {
      materials: [{ code: 'mawar-merah', qty: 12 }],
    });
    expect(bom.json()).toMatchObject({
      changed: true,
      product: { materials: [{ code: 'mawar-merah', qty: 12 }] },
    });
    expect(await auditModel(db.connection).countDocuments({ entity: 'product' })).toBeGreaterThanOrEqual(4);
  });

  it('adjusts stock once per request id and refuses to go below zero', async () => {
    const request = { item: 'mawar-merah', delta: -30, requestId: '7a3c1c0e-2f6b-4d2a-9a55-0f4f7a0c2b11' };
    const first = await call('POST', '/api/stock/adjust', request);
    const again = await call('POST', '/api/stock/adjust', request);
    expect([first.json().after, again.json().after]).toEqual([70, 70]);
    const tooMuch = await call('POST', '/api/stock/adjust', { item: 'mawar-merah', delta: -500 });
    expect(tooMuch.statusCode).toBe(409);
    expect(tooMuch.json()).toMatchObject({ error: 'STOCK.NEGATIVE', stock: 70 });
    const list = (await app.inject({ method: 'GET', url: '/api/materials', headers: manager })).json();
    expect(list.materials).toMatchObject([{ code: 'mawar-merah', stock: 70 }]);
  });
});
