import { beforeEach, describe, expect, it } from 'vitest';
import { type Actor, auditModel } from '../audit/audit.model.js';
import { productModel } from '../catalog/product.model.js';
import { type Contact, contactModel } from '../contacts/contact.model.js';
import { orderCounterModel, orderModel } from '../orders/order.model.js';
import { createOrder } from '../orders/order.use-case.js';
import { outboxModel } from '../outbox/outbox.model.js';
import { useTestDatabase } from '../platform/testing/database.js';
import { userModel } from '../users/user.model.js';
import { createUser } from '../users/user.use-case.js';
import { type Material, MOVEMENT_HISTORY, materialModel } from './material.model.js';
import {
  adjustStock,
  alertLowStock,
  createMaterial,
  deductMaterialsForOrder,
  findStockItem,
  stockList,
} from './material.use-case.js';

const db = useTestDatabase();
const t0 = new Date('2026-11-23T03:00:00Z');
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);
const staff: Actor = { kind: 'user', id: 'u1', name: 'Dewi' };
const ctx = (minute = 0) => ({ actor: staff, at: minutes(minute) });
const zone = 'Asia/Jakarta';

async function material(
  code: string,
  stock: number,
  minStock = 0,
  extra: { name?: string; unit?: string } = {},
) {
  const result = await createMaterial(
    db.connection,
    { code, name: extra.name ?? code.toUpperCase(), unit: extra.unit ?? 'pcs', stock, minStock },
    ctx(),
  );
  if (!result.ok) throw new Error(`${result.code}: ${result.details}`);
  return result.material;
}

async function product(
  sku: string,
  fields: {
    stock?: number;
    materials?: { code: string; qty: number }[];
    aliases?: string[];
    name?: string;
  } = {},
) {
  await productModel(db.connection).create({
    sku,
    name: fields.name ?? sku.toUpperCase(),
    price: 100_000,
    createdAt: t0,
    ...fields,
  });
}

const stockOf = async (code: string) =>
  (await materialModel(db.connection).findOne({ code }).lean<Material>())?.stock;
const lowAlerts = () =>
  outboxModel(db.connection)
    .find({ key: /^low-stock:/ })
    .lean();

let contact: Contact;

async function catalogOrder(items: { sku: string; qty: number }[]) {
  const result = await createOrder(
    db.connection,
    { kind: 'catalog', contactId: contact._id, chatId: contact.chatId, items, source: 'whatsapp' },
    { actor: { kind: 'customer' }, at: t0, timeZone: zone },
  );
  if (!result.ok) throw new Error(`${result.code}: ${result.details}`);
  return result.order;
}

beforeEach(async () => {
  await Promise.all(
    [
      materialModel,
      productModel,
      contactModel,
      orderModel,
      orderCounterModel,
      outboxModel,
      userModel,
      auditModel,
    ].map((model) => model(db.connection).collection.deleteMany({})),
  );
  contact = (
    await contactModel(db.connection).create({ chatId: '6281234567890@c.us', createdAt: t0 })
  ).toObject();
});

describe('createMaterial', () => {
  it('creates a material with a lowercase code, defaults and an audit entry', async () => {
    const result = await createMaterial(
      db.connection,
      { code: ' Pita-Merah ', name: 'Pita merah', unit: 'm' },
      ctx(),
    );
    expect(result).toMatchObject({
      ok: true,
      material: { code: 'pita-merah', name: 'Pita merah', unit: 'm', stock: 0, minStock: 0, low: false },
    });
    const entries = await auditModel(db.connection).find({ entity: 'material', action: 'created' }).lean();
    expect(entries).toHaveLength(1);
  });

  it('refuses bad input with MATERIAL.INVALID and a readable reason', async () => {
    for (const input of [
      { code: 'pita merah', name: 'Pita', unit: 'm' },
      { code: 'pita', name: '', unit: 'm' },
      { code: 'pita', name: 'Pita', unit: 'm', stock: -1 },
      { code: 'pita', name: 'Pita', unit: 'm', minStock: -2 },
      { code: 'pita', name: 'Pita' },
      'pita',
    ]) {
      const result = await createMaterial(db.connection, input, ctx());
      expect(result, JSON.stringify(input)).toMatchObject({ ok: false, code: 'MATERIAL.INVALID' });
    }
    const result = await createMaterial(
      db.connection,
      { code: 'pita', name: 'Pita', unit: 'm', stock: -1 },
      ctx(),
    );
    expect(result.ok || result.details).toBe('stock must not be negative');
  });

  it('refuses a code that a material (even concurrently) or a product already has', async () => {
    const both = await Promise.all(
      [1, 2].map(() =>
        createMaterial(db.connection, { code: 'kertas', name: 'Kertas', unit: 'lembar' }, ctx()),
      ),
    );
    expect(both.filter((result) => result.ok)).toHaveLength(1);
    expect(both.find((result) => !result.ok)).toMatchObject({
      code: 'MATERIAL.CODE_TAKEN',
      materialCode: 'kertas',
    });
    await product('Buket-Mawar');
    expect(
      await createMaterial(db.connection, { code: 'buket-mawar', name: 'X', unit: 'pcs' }, ctx()),
    ).toMatchObject({ ok: false, code: 'MATERIAL.CODE_TAKEN' });
  });
});

describe('findStockItem', () => {
  it('finds by code or sku in any case, then by name or alias, then by a unique partial name', async () => {
    await material('kertas-art', 10, 0, { name: 'Kertas Art Paper' });
    await material('pita', 10, 0, { name: 'Pita Satin' });
    await product('buket-mawar', { name: 'Buket Mawar Merah', aliases: ['mawar merah'], stock: 3 });
    expect(await findStockItem(db.connection, ' KERTAS-ART ')).toMatchObject({
      kind: 'material',
      material: { code: 'kertas-art' },
    });
    expect(await findStockItem(db.connection, 'Buket-Mawar')).toMatchObject({
      kind: 'product',
      product: { sku: 'buket-mawar' },
    });
    expect(await findStockItem(db.connection, 'pita satin')).toMatchObject({ material: { code: 'pita' } });
    expect(await findStockItem(db.connection, 'Mawar  Merah')).toMatchObject({
      product: { sku: 'buket-mawar' },
    });
    expect(await findStockItem(db.connection, 'art paper')).toMatchObject({
      material: { code: 'kertas-art' },
    });
    expect(await findStockItem(db.connection, 'a')).toBeNull(); // several match
    expect(await findStockItem(db.connection, 'lilin')).toBeNull();
    expect(await findStockItem(db.connection, '(.*')).toBeNull();
  });

  it('prefers a material code over a product name', async () => {
    await material('mawar', 5);
    await product('buket', { name: 'mawar', stock: 1 });
    expect(await findStockItem(db.connection, 'mawar')).toMatchObject({ kind: 'material' });
  });
});

describe('adjustStock', () => {
  it('applies one request once: a repeat with the same request key changes nothing', async () => {
    await material('kertas', 10, 0, { unit: 'lembar' });
    const request = { item: 'kertas', delta: -3, requestKey: 'wa:ABC' };
    const [first, again] = await Promise.all([
      adjustStock(db.connection, request, ctx(1)),
      adjustStock(db.connection, request, ctx(1)),
    ]);
    expect([first, again]).toMatchObject([
      { ok: true, before: 10, after: 7 },
      { ok: true, before: 10, after: 7 },
    ]);
    expect(await stockOf('kertas')).toBe(7);
  });

  it('adds and takes material stock, with a movement and an audit entry each', async () => {
    await material('pita', 10, 0, { unit: 'm' });
    expect(await adjustStock(db.connection, { item: 'pita', delta: 5, reason: 'beli' }, ctx(1))).toEqual({
      ok: true,
      kind: 'material',
      code: 'pita',
      name: 'PITA',
      unit: 'm',
      before: 10,
      after: 15,
    });
    expect(await adjustStock(db.connection, { item: 'PITA', delta: -2.5 }, ctx(2))).toMatchObject({
      before: 15,
      after: 12.5,
    });
    const stored = await materialModel(db.connection).findOne({ code: 'pita' }).lean<Material>();
    expect(stored?.movements.map(({ qty, reason }) => ({ qty, reason }))).toEqual([
      { qty: 5, reason: 'beli' },
      { qty: -2.5, reason: undefined },
    ]);
    const entries = await auditModel(db.connection).find({ action: 'stock_adjusted' }).sort({ at: 1 }).lean();
    expect(entries.map((entry) => [entry.entity, entry.before, entry.after])).toEqual([
      ['material', { stock: 10 }, { stock: 15, delta: 5, reason: 'beli' }],
      ['material', { stock: 15 }, { stock: 12.5, delta: -2.5 }],
    ]);
  });

  it('refuses to go below zero with STOCK.NEGATIVE and writes nothing', async () => {
    await material('pita', 3, 0, { unit: 'm' });
    const result = await adjustStock(db.connection, { item: 'pita', delta: -5 }, ctx(1));
    expect(result).toMatchObject({
      ok: false,
      code: 'STOCK.NEGATIVE',
      kind: 'material',
      item: 'pita',
      stock: 3,
      unit: 'm',
      delta: -5,
      details: 'only 3 m of PITA in stock; cannot take 5 m',
    });
    expect(await stockOf('pita')).toBe(3);
    expect(await auditModel(db.connection).countDocuments({ action: 'stock_adjusted' })).toBe(0);
  });

  it('lets concurrent withdrawals take only what is there', async () => {
    await material('pita', 5);
    const results = await Promise.all(
      Array.from({ length: 8 }, () => adjustStock(db.connection, { item: 'pita', delta: -1 }, ctx(1))),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(5);
    expect(results.filter((result) => !result.ok && result.code === 'STOCK.NEGATIVE')).toHaveLength(3);
    expect(await stockOf('pita')).toBe(0);
  });

  it('adjusts a product with tracked stock in whole units, and refuses one made to order', async () => {
    await product('lilin', { stock: 2 });
    await product('buket');
    expect(await adjustStock(db.connection, { item: 'lilin', delta: 3 }, ctx(1))).toEqual({
      ok: true,
      kind: 'product',
      code: 'lilin',
      name: 'LILIN',
      before: 2,
      after: 5,
    });
    expect(await adjustStock(db.connection, { item: 'lilin', delta: -6 }, ctx(2))).toMatchObject({
      code: 'STOCK.NEGATIVE',
      kind: 'product',
      stock: 5,
    });
    expect(await adjustStock(db.connection, { item: 'lilin', delta: 0.5 }, ctx(2))).toMatchObject({
      code: 'STOCK.INVALID',
    });
    expect(await adjustStock(db.connection, { item: 'buket', delta: 1 }, ctx(3))).toMatchObject({
      ok: false,
      code: 'STOCK.NOT_TRACKED',
      item: 'buket',
    });
    expect((await productModel(db.connection).findOne({ sku: 'buket' }).lean())?.stock).toBeUndefined();
    expect(
      await auditModel(db.connection).countDocuments({ entity: 'product', action: 'stock_adjusted' }),
    ).toBe(1);
  });

  it('refuses unknown items and bad deltas', async () => {
    await material('pita', 5);
    expect(await adjustStock(db.connection, { item: 'lilin', delta: 1 }, ctx())).toMatchObject({
      code: 'STOCK.NOT_FOUND',
      item: 'lilin',
    });
    for (const delta of [0, Number.NaN, Number.POSITIVE_INFINITY, 0.0001])
      expect(await adjustStock(db.connection, { item: 'pita', delta }, ctx())).toMatchObject({
        code: 'STOCK.INVALID',
      });
  });
});

describe('alertLowStock', () => {
  async function staffWithWhatsApp() {
    for (const [login, whatsapp] of [
      ['dewi', '081211110001'],
      ['budi', '081211110002'],
    ] as const) {
      const result = await createUser(db.connection, { name: login, login, role: 'admin', whatsapp }, ctx());
      if (!result.ok) throw new Error(result.details);
    }
    await createUser(db.connection, { name: 'Tanpa WA', login: 'tanpa', role: 'admin' }, ctx());
  }

  it('alerts each staff member with WhatsApp once per dip below the minimum', async () => {
    await staffWithWhatsApp();
    await material('pita', 12, 10, { name: 'Pita merah', unit: 'm' });
    await adjustStock(db.connection, { item: 'pita', delta: -3 }, ctx(1));
    const first = await lowAlerts();
    expect(first).toHaveLength(2);
    expect(first[0]?.text).toContain('Pita merah');
    expect(first[0]?.text).toContain('9 m');
    expect(first[0]?.text).toContain('stock pita +');

    // Still low: no repeat.
    await adjustStock(db.connection, { item: 'pita', delta: -1 }, ctx(2));
    await adjustStock(db.connection, { item: 'pita', delta: 1 }, ctx(3));
    expect(await alertLowStock(db.connection, minutes(4))).toBe(0);
    expect(await lowAlerts()).toHaveLength(2);

    // Back to the minimum, then a new dip: a new alert.
    await adjustStock(db.connection, { item: 'pita', delta: 1 }, ctx(5));
    expect((await materialModel(db.connection).findOne({ code: 'pita' }).lean())?.low).toBe(false);
    await adjustStock(db.connection, { item: 'pita', delta: -2 }, ctx(6));
    expect(await lowAlerts()).toHaveLength(4);
  });

  it('alerts once when called concurrently', async () => {
    await staffWithWhatsApp();
    await material('pita', 20, 10);
    await materialModel(db.connection).updateOne({ code: 'pita' }, { $set: { stock: 1 } });
    const counts = await Promise.all([1, 2, 3].map(() => alertLowStock(db.connection, minutes(1))));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await lowAlerts()).toHaveLength(2);
  });
});

describe('deductMaterialsForOrder', () => {
  beforeEach(async () => {
    await material('kertas', 100, 0, { unit: 'lembar' });
    await material('pita', 10, 0, { unit: 'm' });
    await product('buket', {
      materials: [
        { code: 'kertas', qty: 3 },
        { code: 'pita', qty: 1.5 },
      ],
    });
    await product('kartu', { materials: [{ code: 'kertas', qty: 1 }] });
    await product('lilin', { stock: 5 });
  });

  it('deducts qty × bill of materials once and marks the order', async () => {
    const order = await catalogOrder([
      { sku: 'buket', qty: 2 },
      { sku: 'kartu', qty: 1 },
      { sku: 'lilin', qty: 1 },
    ]);
    const result = await deductMaterialsForOrder(db.connection, order.number.toLowerCase(), ctx(1));
    expect(result).toEqual({
      ok: true,
      changed: true,
      deducted: [
        { code: 'kertas', qty: 7 },
        { code: 'pita', qty: 3 },
      ],
      missing: [],
    });
    expect(await stockOf('kertas')).toBe(93);
    expect(await stockOf('pita')).toBe(7);
    expect((await orderModel(db.connection).findById(order._id).lean())?.materialsDeducted).toBe(true);
    expect(await deductMaterialsForOrder(db.connection, order.number, ctx(2))).toEqual({
      ok: true,
      changed: false,
      deducted: [],
      missing: [],
    });
    expect(await stockOf('kertas')).toBe(93);
    const entries = await auditModel(db.connection).find({ action: 'stock_deducted' }).lean();
    expect(entries.map((entry) => entry.after)).toEqual(
      expect.arrayContaining([
        { stock: 93, delta: -7, order: order.number },
        { stock: 7, delta: -3, order: order.number },
      ]),
    );
  });

  it('deducts once when called twice at the same time', async () => {
    const order = await catalogOrder([{ sku: 'buket', qty: 1 }]);
    const results = await Promise.all(
      [1, 2, 3].map(() => deductMaterialsForOrder(db.connection, order.number, ctx(1))),
    );
    expect(await stockOf('kertas')).toBe(97);
    expect(await stockOf('pita')).toBe(8.5);
    const deducted = results.flatMap((result) => (result.ok ? result.deducted : []));
    expect(deducted).toHaveLength(2);
  });

  it('finishes after a crash without deducting twice', async () => {
    const order = await catalogOrder([{ sku: 'buket', qty: 2 }]);
    await deductMaterialsForOrder(db.connection, order.number, ctx(1));
    // The crash: stock was taken but the order was never marked.
    await orderModel(db.connection).updateOne({ _id: order._id }, { $set: { materialsDeducted: false } });
    const again = await deductMaterialsForOrder(db.connection, order.number, ctx(2));
    expect(again).toEqual({ ok: true, changed: true, deducted: [], missing: [] });
    expect(await stockOf('kertas')).toBe(94);
    expect(await stockOf('pita')).toBe(7);
    expect((await orderModel(db.connection).findById(order._id).lean())?.materialsDeducted).toBe(true);
  });

  it('keeps only the newest movements', async () => {
    await materialModel(db.connection).updateOne(
      { code: 'kertas' },
      {
        $set: {
          movements: Array.from({ length: MOVEMENT_HISTORY }, (_, i) => ({
            key: `old:${i}`,
            qty: 1,
            at: t0,
          })),
        },
      },
    );
    const order = await catalogOrder([{ sku: 'kartu', qty: 1 }]);
    await deductMaterialsForOrder(db.connection, order.number, ctx(1));
    const stored = await materialModel(db.connection).findOne({ code: 'kertas' }).lean<Material>();
    expect(stored?.movements).toHaveLength(MOVEMENT_HISTORY);
    expect(stored?.movements[0]?.key).toBe('old:1');
    expect(stored?.movements.at(-1)?.key).toBe(`order:${order.number}`);
  });

  it('deducts nothing for a custom order or products without a bill of materials', async () => {
    const custom = await createOrder(
      db.connection,
      {
        kind: 'custom',
        contactId: contact._id,
        chatId: contact.chatId,
        custom: { description: 'Logo kafe' },
        source: 'whatsapp',
      },
      { actor: staff, at: t0, timeZone: zone },
    );
    if (!custom.ok) throw new Error(custom.details);
    expect(await deductMaterialsForOrder(db.connection, custom.order.number, ctx(1))).toMatchObject({
      ok: true,
      deducted: [],
    });
    const plain = await catalogOrder([{ sku: 'lilin', qty: 2 }]);
    expect(await deductMaterialsForOrder(db.connection, plain.number, ctx(1))).toMatchObject({
      deducted: [],
    });
    expect(await stockOf('kertas')).toBe(100);
    expect(await auditModel(db.connection).countDocuments({ action: 'stock_deducted' })).toBe(0);
  });

  it('goes below zero rather than losing what production used, alerts, and reports unknown codes', async () => {
    await userModel(db.connection).deleteMany({});
    await createUser(
      db.connection,
      { name: 'Dewi', login: 'dewi', role: 'owner', whatsapp: '081211110001' },
      ctx(),
    );
    await materialModel(db.connection).updateOne({ code: 'pita' }, { $set: { stock: 1, minStock: 2 } });
    await productModel(db.connection).updateOne(
      { sku: 'kartu' },
      {
        $set: {
          materials: [
            { code: 'pita', qty: 2 },
            { code: 'hilang', qty: 1 },
          ],
        },
      },
    );
    const order = await catalogOrder([{ sku: 'kartu', qty: 1 }]);
    expect(await deductMaterialsForOrder(db.connection, order.number, ctx(1))).toEqual({
      ok: true,
      changed: true,
      deducted: [{ code: 'pita', qty: 2 }],
      missing: ['hilang'],
    });
    expect(await stockOf('pita')).toBe(-1);
    expect(await lowAlerts()).toHaveLength(1);
  });

  it('fails for an unknown or malformed order number', async () => {
    for (const number of ['ORD-202611-0999', 'nope'])
      expect(await deductMaterialsForOrder(db.connection, number, ctx())).toMatchObject({
        ok: false,
        code: 'ORDER.NOT_FOUND',
      });
  });
});

describe('stockList', () => {
  it('lists every material by code and only the products with tracked stock', async () => {
    await material('pita', 1);
    await material('kertas', 2);
    await product('lilin', { stock: 4 });
    await product('buket');
    const list = await stockList(db.connection);
    expect(list.materials.map((m) => m.code)).toEqual(['kertas', 'pita']);
    expect(list.products.map((p) => p.sku)).toEqual(['lilin']);
  });
});
