import { beforeAll, describe, expect, it } from 'vitest';
import { auditModel } from '../../../domain/audit/audit.model.js';
import { productModel } from '../../../domain/catalog/product.model.js';
import { contactModel } from '../../../domain/contacts/contact.model.js';
import { orderCounterModel, orderModel } from '../../../domain/orders/order.model.js';
import { outboxModel } from '../../../domain/outbox/outbox.model.js';
import { useTestDatabase } from '../../../domain/platform/testing/database.js';
import { updateSettings } from '../../../domain/settings/settings.use-case.js';
import type { App } from '../app.js';
import { buildTestApp, loginAs, staffUser } from '../testing/app-harness.js';

const db = useTestDatabase();
const at = new Date('2026-11-20T03:00:00Z');
let app: App;
let headers: { cookie: string; 'x-csrf-token': string };

beforeAll(async () => {
  const settings = await updateSettings(
    db.connection,
    { publicBaseUrl: 'https://toko.test', paymentInstructions: 'BCA 1234567890 a.n. Toko Mawar' },
    { actor: { kind: 'system' }, at },
  );
  if (!settings.ok) throw new Error(settings.details);
  await productModel(db.connection).create([
    { sku: 'mawar', name: 'Buket Mawar', price: 150_000, createdAt: at },
    { sku: 'hampers', name: 'Hampers Lebaran', price: 250_000, createdAt: at },
    { sku: 'lama', name: 'Produk Lama', price: 10_000, active: false, createdAt: at },
  ]);
  await contactModel(db.connection).create({
    chatId: '6281234567890@c.us',
    phone: '+6281234567890',
    pushName: 'budi wa',
    createdAt: at,
  });
  ({ app } = await buildTestApp(db.connection));
  await staffUser(db.connection, 'admin');
  headers = await loginAs(app, 'admin');
});

const create = (payload: Record<string, unknown>) =>
  app.inject({ method: 'POST', url: '/api/orders', headers, payload });
const confirmationOf = async (number: string) =>
  outboxModel(db.connection)
    .find({ key: `confirm:${number}` })
    .lean();
/** Everything a refused request must leave untouched. */
const counts = async () => ({
  contacts: await contactModel(db.connection).countDocuments(),
  orders: await orderModel(db.connection).countDocuments(),
  counters: await orderCounterModel(db.connection).countDocuments(),
  outbox: await outboxModel(db.connection).countDocuments(),
  audit: await auditModel(db.connection).countDocuments(),
});

describe('POST /api/orders', () => {
  it('takes a catalog order for a new customer, names them, and sends the normal confirmation', async () => {
    const response = await create({
      phone: '0857-1111-2222',
      name: 'Rina',
      kind: 'catalog',
      items: [
        { sku: 'mawar', qty: 2 },
        { sku: 'hampers', qty: 1 },
      ],
      fulfilment: { method: 'delivery', date: '2026-11-21', time: '10:00', address: 'Jl. Melati 5' },
      paymentMethod: 'transfer',
      customerNotes: 'tanpa pita',
      shippingFee: 20_000,
      requestId: '3f1c2a9e-8b7d-4c6e-9f0a-1b2c3d4e5f60',
    });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toEqual({
      order: { number: 'ORD-202611-0001', status: 'pending', total: 570_000 },
      created: true,
      contact: { id: expect.any(String), name: 'Rina', phone: '+6285711112222' },
    });
    const order = await orderModel(db.connection).findOne({ number: 'ORD-202611-0001' }).lean();
    expect(order).toMatchObject({
      source: 'console',
      requestKey: 'console:3f1c2a9e-8b7d-4c6e-9f0a-1b2c3d4e5f60',
      chatId: '6285711112222@c.us',
      customerName: 'Rina',
      customerNotes: 'tanpa pita',
      timeline: [{ status: 'pending', actor: { kind: 'user', name: 'Test admin' } }],
    });
    const contact = await contactModel(db.connection).findById(body.contact.id).lean();
    expect(contact).toMatchObject({ name: 'Rina', nameConfirmed: true, chatId: '6285711112222@c.us' });
    const [confirmation, ...more] = await confirmationOf('ORD-202611-0001');
    expect(more).toEqual([]);
    expect(confirmation).toMatchObject({ chatId: '6285711112222@c.us', origin: 'staff' });
    expect(confirmation?.text).toContain('✅ Pesanan *ORD-202611-0001* sudah kami terima.');
    expect(confirmation?.text).toContain('• 2× Buket Mawar @ Rp150.000 = Rp300.000');
    expect(confirmation?.text).toContain('Total: *Rp570.000*');
    expect(confirmation?.text).toContain('Pengambilan: dikirim');
    expect(confirmation?.text).toContain('Waktu: 2026-11-21 10:00');
    expect(confirmation?.text).toContain('Alamat: Jl. Melati 5');
    expect(confirmation?.text).toContain('Catatan: tanpa pita');
    expect(confirmation?.text).toContain('Cara bayar:\nBCA 1234567890');
    expect(confirmation?.text).toMatch(/Lacak pesanan: https:\/\/toko\.test\/track\/[A-Za-z0-9_-]{24}$/);
  });

  it('finds the existing contact by a phone written another way, and gives it the name it lacked', async () => {
    const before = await contactModel(db.connection).countDocuments();
    const response = await create({
      phone: '+62 812-3456-7890',
      name: 'Budi Santoso',
      kind: 'custom',
      custom: { description: 'Logo kedai kopi', category: 'logo', budget: 500_000, deadline: '2026-12-01' },
      agreedPrice: 450_000,
      paymentMethod: 'cash',
      requestId: '5a0d6c1e-2f3b-4a5c-8d7e-9f0a1b2c3d4e',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      order: { status: 'pending', total: 450_000 },
      contact: { name: 'Budi Santoso', phone: '+6281234567890' },
    });
    expect(await contactModel(db.connection).countDocuments()).toBe(before);
    const { number } = response.json().order;
    const order = await orderModel(db.connection).findOne({ number }).lean();
    expect(order).toMatchObject({
      kind: 'custom',
      chatId: '6281234567890@c.us',
      custom: { description: 'Logo kedai kopi', category: 'logo', budget: 500_000, deadline: '2026-12-01' },
      subtotal: 450_000,
    });
    // The agreed price makes it a normal confirmation, with the brief for items; cash needs no instructions.
    const [confirmation] = await confirmationOf(number);
    expect(confirmation?.text).toContain(`Pesanan *${number}* sudah kami terima.\n• Logo kedai kopi`);
    expect(confirmation?.text).toContain('Total: *Rp450.000*');
    expect(confirmation?.text).toContain('Pembayaran: tunai');
    expect(confirmation?.text).not.toContain('Cara bayar');

    // A confirmed name stays: a name typed on the form does not overwrite it.
    const again = await create({
      phone: '081234567890',
      name: 'Pak Budi',
      kind: 'custom',
      custom: { description: 'Kartu nama 2 box' },
      requestId: '6b1e7d2f-3a4c-4b5d-9e8f-0a1b2c3d4e5f',
    });
    expect(again.json().contact.name).toBe('Budi Santoso');
    // No price yet: the customer hears that a quote follows, as a custom request in chat does.
    const [quote] = await confirmationOf(again.json().order.number);
    expect(quote?.text).toContain('Permintaan Anda sudah kami catat');
    expect(quote?.text).toContain('Brief: Kartu nama 2 box');
  });

  it('makes one order of a double submit', async () => {
    const payload = {
      phone: '081234567890',
      kind: 'catalog',
      items: [{ sku: 'mawar', qty: 1 }],
      requestId: '7c2f8e3a-4b5d-4c6e-8f9a-1b2c3d4e5f6a',
    };
    const [first, second] = await Promise.all([create(payload), create(payload)]);
    const answers = [first, second].map((response) => response.json());
    expect(answers[0].order.number).toBe(answers[1].order.number);
    expect(answers.map((answer) => answer.created).sort()).toEqual([false, true]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 201]);
    const third = await create(payload);
    expect(third.statusCode).toBe(200);
    expect(third.json()).toMatchObject({ created: false, order: { number: answers[0].order.number } });
    expect(
      await orderModel(db.connection).countDocuments({ requestKey: `console:${payload.requestId}` }),
    ).toBe(1);
    expect(await confirmationOf(answers[0].order.number)).toHaveLength(1);
  });

  it('refuses an unknown or inactive sku by its index, and writes nothing', async () => {
    const before = await counts();
    for (const [sku, index] of [
      ['melati', 1],
      ['lama', 1],
    ] as const) {
      const response = await create({
        phone: '0899-0000-1111',
        name: 'Orang Baru',
        kind: 'catalog',
        items: [
          { sku: 'mawar', qty: 1 },
          { sku, qty: 1 },
        ],
        requestId: '8d3a9f4b-5c6e-4d7f-9a0b-2c3d4e5f6a7b',
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        error: 'ORDER.INVALID_ITEM',
        index,
        field: `items.${index}.sku`,
        sku,
      });
    }
    expect(await counts()).toEqual(before);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = await counts();
    const base = { phone: '081234567890', kind: 'catalog', items: [{ sku: 'mawar', qty: 1 }] };
    const requestId = '9e4b0a5c-6d7f-4e8a-8b1c-3d4e5f6a7b8c';
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, phone: '12', requestId }, 'body.phone'],
      [{ ...base, requestId: 'twice' }, 'body.requestId'],
      [{ ...base, items: [{ sku: 'mawar', qty: 0 }], requestId }, 'body.items.0.qty'],
      [{ ...base, discount: -5, requestId }, 'body.discount'],
      [{ ...base, fulfilment: { method: 'drone' }, requestId }, 'body.fulfilment.method'],
      [
        { ...base, kind: 'custom', custom: { description: '' }, items: undefined, requestId },
        'body.custom.description',
      ],
    ];
    for (const [payload, field] of cases) {
      const response = await create(payload);
      expect(response.statusCode, field).toBe(400);
      expect(response.json(), field).toMatchObject({ error: 'REQUEST.INVALID', field });
    }
    expect(await counts()).toEqual(before);
  });
});

describe('POST /api/orders/:number/contact', () => {
  const moveTo = (number: string, contactId: string) =>
    app.inject({ method: 'POST', url: `/api/orders/${number}/contact`, headers, payload: { contactId } });

  it('moves an order to another contact and answers both contacts’ stats', async () => {
    const rina = await contactModel(db.connection).findOne({ phone: '+6285711112222' }).lean();
    const budi = await contactModel(db.connection).findOne({ phone: '+6281234567890' }).lean();
    if (!rina || !budi) throw new Error('contacts from the tests above are missing');
    const budiOrders = budi.stats.orders;
    const response = await moveTo('ORD-202611-0001', String(budi._id));
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      order: {
        number: 'ORD-202611-0001',
        customer: 'Budi Santoso',
        status: 'pending',
        kind: 'catalog',
        total: 570_000,
        paymentStatus: 'unpaid',
        assignee: null,
        createdAt: expect.any(String),
        contactId: String(budi._id),
      },
      changed: true,
      from: {
        id: String(rina._id),
        name: 'Rina',
        phone: '+6285711112222',
        stats: { orders: 0, totalSpent: 0 },
      },
      to: {
        id: String(budi._id),
        name: 'Budi Santoso',
        phone: '+6281234567890',
        stats: { orders: budiOrders + 1, totalSpent: 0 },
      },
    });
    const again = await moveTo('ORD-202611-0001', String(budi._id));
    expect(again.json()).toMatchObject({ changed: false, from: null });
  });

  it('refuses a bad id (400), an unknown contact or order (404) and a merged contact (409)', async () => {
    const bad = await moveTo('ORD-202611-0001', 'budi');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'REQUEST.INVALID', field: 'body.contactId' });
    const unknown = await moveTo('ORD-202611-0001', '64b7f0c2a1b2c3d4e5f60718');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toBe('ORDER.CONTACT_NOT_FOUND');
    const budi = await contactModel(db.connection).findOne({ phone: '+6281234567890' }).lean();
    expect((await moveTo('ORD-202611-0999', String(budi?._id))).statusCode).toBe(404);
    const tombstone = await contactModel(db.connection).create({
      chatId: '111111111111111@lid',
      mergedInto: budi?._id,
      createdAt: at,
    });
    const merged = await moveTo('ORD-202611-0001', String(tombstone._id));
    expect(merged.statusCode).toBe(409);
    expect(merged.json()).toMatchObject({ error: 'CONTACT.ALREADY_MERGED', mergedInto: String(budi?._id) });
  });
});
