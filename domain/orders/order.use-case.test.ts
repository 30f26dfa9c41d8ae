import { Types } from 'mongoose';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Actor, auditModel } from '../audit/audit.model.js';
import { productModel } from '../catalog/product.model.js';
import { type Contact, contactModel } from '../contacts/contact.model.js';
import { useTestDatabase } from '../platform/testing/database.js';
import { type Order, orderCounterModel, orderModel } from './order.model.js';
import {
  type CreateOrderInput,
  type CreateOrderResult,
  changeOrderStatus,
  createOrder,
  findOrderByNumber,
  findOrderByToken,
  nextOrderNumber,
  type OrderResult,
  ordersOfContact,
  setPaidAmount,
  updateOrderDetails,
} from './order.use-case.js';
import type { OrderStatus } from './order-status.rules.js';

const db = useTestDatabase();
const t0 = new Date('2026-11-23T03:00:00Z');
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);
const customer: Actor = { kind: 'customer' };
const staff: Actor = { kind: 'user', id: 'u1', name: 'Dewi' };
const zone = 'Asia/Jakarta';
const createContext = { actor: customer, at: t0, timeZone: zone };
const staffAt = (minute: number) => ({ actor: staff, at: minutes(minute) });

let contact: Contact;

async function newContact(chatId = '6281234567890@c.us'): Promise<Contact> {
  const created = await contactModel(db.connection).create({ chatId, createdAt: t0 });
  return created.toObject();
}

async function product(sku: string, price: number, active = true) {
  await productModel(db.connection).create({ sku, name: sku.toUpperCase(), price, active, createdAt: t0 });
}

function catalogInput(
  overrides: Partial<Extract<CreateOrderInput, { kind: 'catalog' }>> = {},
): CreateOrderInput {
  return {
    kind: 'catalog',
    contactId: contact._id,
    chatId: contact.chatId,
    items: [
      { sku: 'mawar', qty: 2 },
      { sku: 'kartu', qty: 1 },
    ],
    fulfilment: { method: 'delivery', date: '2026-11-25', time: '10:00', address: 'Jl. Melati 5, Bandung' },
    source: 'whatsapp',
    ...overrides,
  };
}

/** The order of a result that must have succeeded. */
function orderOf(result: CreateOrderResult | OrderResult): Order {
  if (!result.ok) throw new Error(`${result.code}: ${result.details}`);
  return result.order;
}

async function newOrder(overrides: Partial<Extract<CreateOrderInput, { kind: 'catalog' }>> = {}) {
  return orderOf(await createOrder(db.connection, catalogInput(overrides), createContext));
}

async function walk(number: string, statuses: OrderStatus[]): Promise<Order> {
  let order: Order | undefined;
  for (const [index, to] of statuses.entries())
    order = orderOf(await changeOrderStatus(db.connection, { number, to }, staffAt(index + 1)));
  if (!order) throw new Error('walk needs at least one status');
  return order;
}

const stats = async (id = contact._id) =>
  (await contactModel(db.connection).findById(id).lean<Contact>())?.stats;
const orderCount = () => orderModel(db.connection).countDocuments();
const audits = (action: string) => auditModel(db.connection).find({ entity: 'order', action }).lean();

beforeAll(async () => {
  // The unique indexes must exist before the races below start.
  await Promise.all([orderModel(db.connection).init(), contactModel(db.connection).init()]);
});

beforeEach(async () => {
  await Promise.all([
    orderModel(db.connection).deleteMany({}),
    orderCounterModel(db.connection).deleteMany({}),
    contactModel(db.connection).deleteMany({}),
    productModel(db.connection).deleteMany({}),
    auditModel(db.connection).deleteMany({}),
  ]);
  contact = await newContact();
  await product('mawar', 150_000);
  await product('kartu', 5_000);
});

describe('nextOrderNumber', () => {
  it('hands 50 concurrent callers 1..50 without gaps or duplicates', async () => {
    const numbers = await Promise.all(
      Array.from({ length: 50 }, () => nextOrderNumber(db.connection, t0, zone)),
    );
    expect([...numbers].sort()).toEqual(
      Array.from({ length: 50 }, (_, index) => `ORD-202611-${String(index + 1).padStart(4, '0')}`),
    );
  });

  it("restarts each month of the shop's calendar and never reuses a number", async () => {
    expect(await nextOrderNumber(db.connection, t0, zone)).toBe('ORD-202611-0001');
    // 18:00 UTC on 30 November is 01:00 on 1 December in Jakarta.
    expect(await nextOrderNumber(db.connection, new Date('2026-11-30T18:00:00Z'), zone)).toBe(
      'ORD-202612-0001',
    );
    expect(await nextOrderNumber(db.connection, t0, zone)).toBe('ORD-202611-0002');
    expect(await orderCounterModel(db.connection).findById('ORD-202611').lean()).toEqual({
      _id: 'ORD-202611',
      seq: 2,
    });
  });
});

describe('createOrder', () => {
  it('creates a pending catalog order priced at order time and counts it for the contact', async () => {
    const result = await createOrder(
      db.connection,
      catalogInput({
        customerName: ' Budi ',
        discount: 10_000,
        shippingFee: 20_000,
        paymentMethod: 'transfer',
        customerNotes: 'tanpa pita ya',
        cardText: 'Selamat ulang tahun!',
        messageIds: ['m1', 'm2'],
      }),
      createContext,
    );
    expect(result).toMatchObject({ ok: true, created: true });
    const order = orderOf(result);
    expect(order).toMatchObject({
      number: 'ORD-202611-0001',
      contactId: contact._id,
      chatId: contact.chatId,
      customerName: 'Budi',
      kind: 'catalog',
      items: [
        { sku: 'mawar', name: 'MAWAR', qty: 2, unitPrice: 150_000, subtotal: 300_000 },
        { sku: 'kartu', name: 'KARTU', qty: 1, unitPrice: 5_000, subtotal: 5_000 },
      ],
      fulfilment: { method: 'delivery', date: '2026-11-25', time: '10:00', address: 'Jl. Melati 5, Bandung' },
      customerNotes: 'tanpa pita ya',
      cardText: 'Selamat ulang tahun!',
      paymentMethod: 'transfer',
      subtotal: 305_000,
      discount: 10_000,
      shippingFee: 20_000,
      total: 315_000,
      paymentStatus: 'unpaid',
      paidAmount: 0,
      source: 'whatsapp',
      messageIds: ['m1', 'm2'],
      status: 'pending',
      timeline: [{ status: 'pending', at: t0, actor: customer }],
      createdAt: t0,
      updatedAt: t0,
    });
    expect(order.trackingToken).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(order.requestKey).toBeUndefined();
    expect(await stats()).toMatchObject({ orders: 1, totalSpent: 0, lastOrderAt: t0 });
    expect(await audits('created')).toMatchObject([
      { entityId: order._id, actor: customer, at: t0, after: { number: 'ORD-202611-0001', total: 315_000 } },
    ]);

    // A later price change leaves the order as it was taken.
    await productModel(db.connection).updateOne({ sku: 'mawar' }, { $set: { price: 999_000 } });
    expect(await findOrderByNumber(db.connection, order.number)).toMatchObject({
      items: [{ unitPrice: 150_000, subtotal: 300_000 }, { unitPrice: 5_000 }],
      total: 315_000,
    });
  });

  it('creates a custom order from a brief, priced once agreed', async () => {
    const order = orderOf(
      await createOrder(
        db.connection,
        {
          kind: 'custom',
          contactId: String(contact._id),
          chatId: contact.chatId,
          custom: {
            category: 'logo',
            description: 'logo buat usaha kopi, warna coklat',
            referenceMedia: ['media/2026/11/ref.jpg'],
            deadline: '2026-12-20',
            budget: 500_000,
          },
          agreedPrice: 450_000,
          source: 'console',
        },
        { ...createContext, actor: staff },
      ),
    );
    expect(order).toMatchObject({
      kind: 'custom',
      items: [],
      custom: {
        category: 'logo',
        description: 'logo buat usaha kopi, warna coklat',
        referenceMedia: ['media/2026/11/ref.jpg'],
        deadline: '2026-12-20',
        budget: 500_000,
      },
      fulfilment: {},
      subtotal: 450_000,
      total: 450_000,
      source: 'console',
      timeline: [{ actor: staff }],
    });
    expect(order.custom?.requirements).toBeUndefined();
  });

  it('refuses an unknown or inactive product: nothing written, no number consumed', async () => {
    await product('tulip', 80_000, false);
    for (const sku of ['anggrek', 'tulip']) {
      expect(
        await createOrder(
          db.connection,
          catalogInput({
            items: [
              { sku: 'mawar', qty: 1 },
              { sku, qty: 1 },
            ],
          }),
          createContext,
        ),
      ).toMatchObject({ ok: false, code: 'ORDER.UNKNOWN_PRODUCT', sku });
    }
    expect(await orderCount()).toBe(0);
    expect(await orderCounterModel(db.connection).countDocuments()).toBe(0);
    expect(await auditModel(db.connection).countDocuments()).toBe(0);
    expect(await stats()).toMatchObject({ orders: 0 });
    expect((await newOrder()).number).toBe('ORD-202611-0001');
  });

  it('refuses bad input with specific codes before writing anything', async () => {
    const cases: [CreateOrderInput, Record<string, unknown>][] = [
      [catalogInput({ items: [{ sku: 'mawar', qty: 0 }] }), { code: 'ORDER.INVALID_ITEM', index: 0 }],
      [
        catalogInput({
          items: [
            { sku: 'kartu', qty: 1 },
            { sku: 'mawar', qty: 1.5 },
          ],
        }),
        { code: 'ORDER.INVALID_ITEM', index: 1 },
      ],
      [catalogInput({ discount: -1 }), { code: 'MONEY.INVALID', field: 'discount' }],
      [catalogInput({ shippingFee: 2500.5 }), { code: 'MONEY.INVALID', field: 'shippingFee' }],
      [
        catalogInput({ items: [] }),
        { code: 'ORDER.INVALID', details: 'items must name at least one product' },
      ],
      [catalogInput({ fulfilment: { date: '2026-02-30' } }), { code: 'ORDER.INVALID' }],
      [catalogInput({ fulfilment: { time: '25:00' } }), { code: 'ORDER.INVALID' }],
      [catalogInput({ fulfilment: { recipientPhone: '12' } }), { code: 'ORDER.INVALID' }],
      [
        catalogInput({ contactId: 'nope' }),
        { code: 'ORDER.INVALID', details: 'contactId must be a contact id' },
      ],
      [
        { ...catalogInput(), number: 'ORD-202611-0042' } as unknown as CreateOrderInput,
        { code: 'ORDER.INVALID' },
      ],
      [{ ...catalogInput(), kind: 'gift' } as unknown as CreateOrderInput, { code: 'ORDER.INVALID' }],
      [
        {
          ...catalogInput(),
          kind: 'custom',
          custom: { description: 'x' },
        } as unknown as CreateOrderInput,
        { code: 'ORDER.INVALID' },
      ],
      [
        {
          kind: 'custom',
          contactId: contact._id,
          chatId: contact.chatId,
          custom: { description: 'logo', budget: 1.5 },
          source: 'whatsapp',
        },
        { code: 'MONEY.INVALID', field: 'custom.budget' },
      ],
      [
        {
          kind: 'custom',
          contactId: contact._id,
          chatId: contact.chatId,
          custom: { description: '   ' },
          source: 'whatsapp',
        },
        { code: 'ORDER.INVALID', details: 'custom.description must not be empty' },
      ],
      [catalogInput({ contactId: new Types.ObjectId() }), { code: 'ORDER.CONTACT_NOT_FOUND' }],
    ];
    for (const [input, failure] of cases) {
      expect(await createOrder(db.connection, input, createContext), JSON.stringify(input)).toMatchObject({
        ok: false,
        ...failure,
      });
    }
    expect(await orderCount()).toBe(0);
    expect(await orderCounterModel(db.connection).countDocuments()).toBe(0);
    expect(await auditModel(db.connection).countDocuments()).toBe(0);
  });

  it('normalises the recipient phone to E.164', async () => {
    const order = await newOrder({ fulfilment: { method: 'delivery', recipientPhone: '0812-3456-7890' } });
    expect(order.fulfilment.recipientPhone).toBe('+6281234567890');
  });

  it('creates one order for a request delivered twice', async () => {
    const first = await createOrder(db.connection, catalogInput({ requestKey: 'wa:ABC' }), createContext);
    const again = await createOrder(
      db.connection,
      catalogInput({ requestKey: 'wa:ABC', items: [{ sku: 'kartu', qty: 9 }] }),
      { ...createContext, at: minutes(1) },
    );
    expect(first).toMatchObject({ ok: true, created: true });
    expect(again).toMatchObject({ ok: true, created: false });
    expect(orderOf(again)).toEqual(orderOf(first));
    expect(await orderCount()).toBe(1);
    expect(await stats()).toMatchObject({ orders: 1 });
    expect(await audits('created')).toHaveLength(1);
    // Without a key every request is new.
    await newOrder();
    await newOrder();
    expect(await orderCount()).toBe(3);
  });

  it('makes one order out of five simultaneous creations with the same key', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        createOrder(db.connection, catalogInput({ requestKey: 'wa:SAME' }), createContext),
      ),
    );
    expect(results.filter((result) => result.ok && result.created)).toHaveLength(1);
    expect(new Set(results.map((result) => String(orderOf(result)._id))).size).toBe(1);
    expect(await orderCount()).toBe(1);
    expect(await stats()).toMatchObject({ orders: 1 });
    expect(await audits('created')).toHaveLength(1);
  });

  it('finishes a creation interrupted after its insert when the request is replayed', async () => {
    const order = await newOrder({ requestKey: 'wa:CRASH' });
    // As if the process died right after inserting the order.
    await orderModel(db.connection).updateOne({ _id: order._id }, { $set: { creationRecorded: false } });
    await contactModel(db.connection).updateOne(
      { _id: contact._id },
      { $set: { 'stats.orders': 0 }, $unset: { 'stats.lastOrderAt': 1 } },
    );
    await auditModel(db.connection).deleteMany({});

    const replays = await Promise.all(
      Array.from({ length: 3 }, () =>
        createOrder(db.connection, catalogInput({ requestKey: 'wa:CRASH' }), createContext),
      ),
    );
    expect(replays.every((result) => result.ok && !result.created)).toBe(true);
    expect(await stats()).toMatchObject({ orders: 1, lastOrderAt: t0 });
    expect(await audits('created')).toHaveLength(1);
    expect(await orderCount()).toBe(1);
  });
});

describe('changeOrderStatus', () => {
  it('walks a delivery order to completed with a timeline and an audit entry per move', async () => {
    const order = await newOrder();
    const path: OrderStatus[] = [
      'confirmed',
      'in_progress',
      'review',
      'in_progress',
      'review',
      'ready',
      'out_for_delivery',
      'completed',
    ];
    const done = await walk(order.number.toLowerCase(), path);
    expect(done.status).toBe('completed');
    expect(done.completedAt).toEqual(minutes(path.length));
    expect(done.timeline.map((entry) => entry.status)).toEqual(['pending', ...path]);
    expect(done.timeline.at(-1)).toEqual({ status: 'completed', at: minutes(path.length), actor: staff });
    const changes = await audits('status_changed');
    expect(changes.map((entry) => [entry.before?.status, entry.after?.status])).toEqual(
      path.map((to, index) => [index === 0 ? 'pending' : path[index - 1], to]),
    );
    expect(changes[0]).toMatchObject({ actor: staff, at: minutes(1), entityId: order._id });
    // Immutable fields stayed as they were.
    expect(done).toMatchObject({
      number: order.number,
      trackingToken: order.trackingToken,
      source: order.source,
      createdAt: order.createdAt,
    });
  });

  it('keeps a note on the timeline and treats a repeat as done', async () => {
    const order = await newOrder();
    const cancelled = await changeOrderStatus(
      db.connection,
      { number: order.number, to: 'cancelled', note: 'customer changed their mind' },
      staffAt(1),
    );
    expect(orderOf(cancelled).timeline.at(-1)).toMatchObject({
      status: 'cancelled',
      note: 'customer changed their mind',
    });
    expect(orderOf(cancelled).completedAt).toBeUndefined();
    const again = await changeOrderStatus(
      db.connection,
      { number: order.number, to: 'cancelled' },
      staffAt(2),
    );
    expect(again).toMatchObject({ ok: true, changed: false });
    expect(orderOf(again).timeline).toHaveLength(2);
    expect(await audits('status_changed')).toHaveLength(1);
  });

  it('refuses illegal moves with the allowed list and a readable message', async () => {
    const order = await newOrder({ fulfilment: { method: 'pickup' } });
    expect(
      await changeOrderStatus(db.connection, { number: order.number, to: 'completed' }, staffAt(1)),
    ).toEqual({
      ok: false,
      code: 'ORDER.ILLEGAL_TRANSITION',
      details: `order ${order.number} cannot go from pending to completed: it can go to confirmed or cancelled`,
      from: 'pending',
      to: 'completed',
      allowed: ['confirmed', 'cancelled'],
    });
    await walk(order.number, ['confirmed', 'in_progress', 'ready']);
    expect(
      await changeOrderStatus(db.connection, { number: order.number, to: 'out_for_delivery' }, staffAt(9)),
    ).toMatchObject({ code: 'ORDER.ILLEGAL_TRANSITION', allowed: ['completed', 'cancelled'] });
    await walk(order.number, ['completed']);
    expect(
      await changeOrderStatus(db.connection, { number: order.number, to: 'cancelled' }, staffAt(9)),
    ).toMatchObject({
      code: 'ORDER.ILLEGAL_TRANSITION',
      details: `order ${order.number} cannot go from completed to cancelled: completed is final`,
      allowed: [],
    });
  });

  it('tells unknown, malformed and invalid requests apart', async () => {
    expect(
      await changeOrderStatus(db.connection, { number: 'ORD-202611-0999', to: 'confirmed' }, staffAt(1)),
    ).toMatchObject({ ok: false, code: 'ORDER.NOT_FOUND' });
    expect(
      await changeOrderStatus(db.connection, { number: 'pesanan 5', to: 'confirmed' }, staffAt(1)),
    ).toMatchObject({ ok: false, code: 'ORDER.INVALID_NUMBER' });
    const order = await newOrder();
    expect(
      await changeOrderStatus(
        db.connection,
        { number: order.number, to: 'shipped' as OrderStatus },
        staffAt(1),
      ),
    ).toMatchObject({ ok: false, code: 'ORDER.INVALID' });
  });

  it('lets exactly one of two conflicting concurrent changes win', async () => {
    for (let round = 0; round < 5; round++) {
      const order = await newOrder();
      const results = await Promise.all(
        (['confirmed', 'cancelled'] as const).map((to) =>
          changeOrderStatus(db.connection, { number: order.number, to }, staffAt(1)),
        ),
      );
      const winners = results.filter((result) => result.ok && result.changed);
      expect(winners).toHaveLength(1);
      expect(results.filter((result) => !result.ok)).toMatchObject([
        { code: 'ORDER.CONFLICT', status: orderOf(winners[0]!).status },
      ]);
      const stored = await findOrderByNumber(db.connection, order.number);
      expect(stored?.timeline).toHaveLength(2);
      expect(stored?.status).toBe(orderOf(winners[0]!).status);
    }
    expect(await audits('status_changed')).toHaveLength(5);
  });

  it('applies one of five identical concurrent changes; the others see it done', async () => {
    const order = await newOrder();
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        changeOrderStatus(db.connection, { number: order.number, to: 'confirmed' }, staffAt(1)),
      ),
    );
    expect(results.filter((result) => result.ok && result.changed)).toHaveLength(1);
    expect(results.filter((result) => result.ok && !result.changed)).toHaveLength(4);
    expect((await findOrderByNumber(db.connection, order.number))?.timeline).toHaveLength(2);
  });
});

describe("the contact's total spent", () => {
  const toCompleted: OrderStatus[] = ['confirmed', 'in_progress', 'ready', 'out_for_delivery', 'completed'];

  it('counts an order completed, then paid, once', async () => {
    const order = await newOrder();
    await walk(order.number, toCompleted);
    expect(await stats()).toMatchObject({ totalSpent: 0 });
    expect(
      orderOf(await setPaidAmount(db.connection, { number: order.number, paidAmount: 100_000 }, staffAt(10))),
    ).toMatchObject({ paymentStatus: 'partial', countedInStats: false });
    expect(await stats()).toMatchObject({ totalSpent: 0 });
    const paid = await setPaidAmount(
      db.connection,
      { number: order.number, paidAmount: 305_000 },
      staffAt(11),
    );
    expect(orderOf(paid)).toMatchObject({ paymentStatus: 'paid', countedInStats: true });
    expect(await stats()).toMatchObject({ totalSpent: 305_000 });
    expect(
      await setPaidAmount(db.connection, { number: order.number, paidAmount: 305_000 }, staffAt(12)),
    ).toMatchObject({ ok: true, changed: false });
    expect(await stats()).toMatchObject({ totalSpent: 305_000 });
    expect(await audits('payment_updated')).toHaveLength(2);
  });

  it('counts an order paid, then completed, once', async () => {
    const order = await newOrder();
    await setPaidAmount(db.connection, { number: order.number, paidAmount: 305_000 }, staffAt(0));
    expect(await stats()).toMatchObject({ totalSpent: 0 });
    const done = await walk(order.number, toCompleted);
    expect(done).toMatchObject({ status: 'completed', paymentStatus: 'paid', countedInStats: true });
    expect(await stats()).toMatchObject({ totalSpent: 305_000 });
    await setPaidAmount(db.connection, { number: order.number, paidAmount: 310_000 }, staffAt(20));
    expect(await stats()).toMatchObject({ totalSpent: 305_000 });
  });

  it('counts once when completion and payment arrive at the same moment', async () => {
    const orders = await Promise.all(Array.from({ length: 8 }, () => newOrder()));
    for (const order of orders) await walk(order.number, toCompleted.slice(0, -1));
    await Promise.all(
      orders.flatMap((order) => [
        changeOrderStatus(db.connection, { number: order.number, to: 'completed' }, staffAt(30)),
        setPaidAmount(db.connection, { number: order.number, paidAmount: order.total }, staffAt(30)),
        setPaidAmount(db.connection, { number: order.number, paidAmount: order.total }, staffAt(30)),
      ]),
    );
    expect(await stats()).toMatchObject({ totalSpent: 8 * 305_000 });
    const stored = await orderModel(db.connection).find().lean<Order[]>();
    expect(stored.every((order) => order.status === 'completed' && order.countedInStats)).toBe(true);
  });

  it('takes the total back out when a completed order stops being paid', async () => {
    const order = await newOrder();
    await walk(order.number, toCompleted);
    await setPaidAmount(db.connection, { number: order.number, paidAmount: 305_000 }, staffAt(10));
    expect(await stats()).toMatchObject({ totalSpent: 305_000 });
    const corrected = await setPaidAmount(
      db.connection,
      { number: order.number, paidAmount: 5_000 },
      staffAt(11),
    );
    expect(orderOf(corrected)).toMatchObject({ paymentStatus: 'partial', countedInStats: false });
    expect(await stats()).toMatchObject({ totalSpent: 0 });
  });

  it('never counts a cancelled order, and refuses money that is not rupiah', async () => {
    const order = await newOrder();
    await setPaidAmount(db.connection, { number: order.number, paidAmount: 305_000 }, staffAt(1));
    await walk(order.number, ['cancelled']);
    expect(await stats()).toMatchObject({ totalSpent: 0 });
    expect(
      await setPaidAmount(db.connection, { number: order.number, paidAmount: -1 }, staffAt(2)),
    ).toMatchObject({ ok: false, code: 'MONEY.INVALID', field: 'paidAmount' });
    expect(
      await setPaidAmount(db.connection, { number: 'ORD-202611-0404', paidAmount: 1 }, staffAt(2)),
    ).toMatchObject({ ok: false, code: 'ORDER.NOT_FOUND' });
  });
});

describe('updateOrderDetails', () => {
  it('recomputes totals: existing lines keep their order-time price, new lines take today’s', async () => {
    const order = await newOrder({ paymentMethod: 'transfer' });
    await productModel(db.connection).updateMany({}, { $set: { price: 200_000 } });
    await product('pita', 10_000);
    const result = await updateOrderDetails(
      db.connection,
      {
        number: order.number,
        patch: {
          items: [
            { sku: 'mawar', qty: 3 },
            { sku: 'pita', qty: 2 },
          ],
          discount: 50_000,
          shippingFee: 25_000,
          paymentMethod: null,
          fulfilment: { time: '14:30', recipientName: 'Sari' },
        },
      },
      staffAt(5),
    );
    expect(result).toMatchObject({ ok: true, changed: true });
    const updated = orderOf(result);
    expect(updated).toMatchObject({
      items: [
        { sku: 'mawar', unitPrice: 150_000, qty: 3, subtotal: 450_000 },
        { sku: 'pita', name: 'PITA', unitPrice: 10_000, qty: 2, subtotal: 20_000 },
      ],
      subtotal: 470_000,
      discount: 50_000,
      shippingFee: 25_000,
      total: 445_000,
      fulfilment: {
        method: 'delivery',
        date: '2026-11-25',
        time: '14:30',
        address: 'Jl. Melati 5, Bandung',
        recipientName: 'Sari',
      },
      updatedAt: minutes(5),
    });
    expect(updated.paymentMethod).toBeUndefined();
    const [entry] = await audits('details_updated');
    expect(entry).toMatchObject({
      actor: staff,
      before: { subtotal: 305_000, discount: 0, shippingFee: 0, total: 305_000, paymentMethod: 'transfer' },
      after: { subtotal: 470_000, discount: 50_000, shippingFee: 25_000, total: 445_000 },
    });
    expect(Object.keys(entry?.before ?? {}).sort()).toEqual(
      ['discount', 'fulfilment', 'items', 'paymentMethod', 'shippingFee', 'subtotal', 'total'].sort(),
    );
    expect(entry?.after).not.toHaveProperty('paymentMethod');
  });

  it('prices a custom order once agreed, and follows the new total with the payment status', async () => {
    const created = orderOf(
      await createOrder(
        db.connection,
        {
          kind: 'custom',
          contactId: contact._id,
          chatId: contact.chatId,
          custom: { description: 'hampers lebaran', budget: 300_000 },
          source: 'whatsapp',
        },
        createContext,
      ),
    );
    expect(created).toMatchObject({ subtotal: 0, total: 0, paymentStatus: 'unpaid' });
    await setPaidAmount(db.connection, { number: created.number, paidAmount: 100_000 }, staffAt(1));
    const priced = await updateOrderDetails(
      db.connection,
      {
        number: created.number,
        patch: { agreedPrice: 350_000, custom: { requirements: 'isi kue kering', budget: null } },
      },
      staffAt(2),
    );
    expect(orderOf(priced)).toMatchObject({
      subtotal: 350_000,
      total: 350_000,
      paymentStatus: 'partial',
      custom: { description: 'hampers lebaran', requirements: 'isi kue kering', referenceMedia: [] },
    });
    expect(orderOf(priced).custom?.budget).toBeUndefined();
    const discounted = await updateOrderDetails(
      db.connection,
      { number: created.number, patch: { discount: 250_000 } },
      staffAt(3),
    );
    expect(orderOf(discounted)).toMatchObject({ subtotal: 350_000, total: 100_000, paymentStatus: 'paid' });
  });

  it('changes nothing for a patch that changes nothing, and refuses fields of the other kind', async () => {
    const order = await newOrder();
    expect(
      await updateOrderDetails(db.connection, { number: order.number, patch: { discount: 0 } }, staffAt(1)),
    ).toMatchObject({ ok: true, changed: false });
    expect(
      await updateOrderDetails(
        db.connection,
        { number: order.number, patch: { agreedPrice: 5 } },
        staffAt(1),
      ),
    ).toMatchObject({
      ok: false,
      code: 'ORDER.INVALID',
      details: 'agreedPrice does not apply to a catalog order',
    });
    expect(
      await updateOrderDetails(
        db.connection,
        { number: order.number, patch: { items: [{ sku: 'anggrek', qty: 1 }] } },
        staffAt(1),
      ),
    ).toMatchObject({ ok: false, code: 'ORDER.UNKNOWN_PRODUCT', sku: 'anggrek' });
    expect(
      await updateOrderDetails(
        db.connection,
        { number: order.number, patch: { shippingFee: -3 } },
        staffAt(1),
      ),
    ).toMatchObject({ ok: false, code: 'MONEY.INVALID', field: 'shippingFee' });
    // Number, token, source and creation time cannot be patched.
    for (const field of ['number', 'trackingToken', 'source', 'createdAt', 'status']) {
      expect(
        await updateOrderDetails(
          db.connection,
          { number: order.number, patch: { [field]: 'x' } as never },
          staffAt(1),
        ),
      ).toMatchObject({ ok: false, code: 'ORDER.INVALID' });
    }
    expect(await findOrderByNumber(db.connection, order.number)).toEqual(order);
    expect(await audits('details_updated')).toHaveLength(0);
  });

  it('refuses edits on completed and cancelled orders', async () => {
    const completed = await newOrder({ fulfilment: { method: 'pickup' } });
    await walk(completed.number, ['confirmed', 'in_progress', 'ready', 'completed']);
    const cancelled = await newOrder();
    await walk(cancelled.number, ['cancelled']);
    for (const [order, status] of [
      [completed, 'completed'],
      [cancelled, 'cancelled'],
    ] as const) {
      expect(
        await updateOrderDetails(
          db.connection,
          { number: order.number, patch: { discount: 1_000 } },
          staffAt(9),
        ),
      ).toEqual({
        ok: false,
        code: 'ORDER.CLOSED',
        details: `order ${order.number} is ${status}; its details can no longer change`,
        status,
      });
    }
  });

  it('keeps totals consistent when two edits race', async () => {
    const order = await newOrder();
    await Promise.all([
      updateOrderDetails(db.connection, { number: order.number, patch: { discount: 5_000 } }, staffAt(1)),
      updateOrderDetails(
        db.connection,
        { number: order.number, patch: { items: [{ sku: 'mawar', qty: 1 }] } },
        staffAt(1),
      ),
      updateOrderDetails(db.connection, { number: order.number, patch: { shippingFee: 7_000 } }, staffAt(1)),
    ]);
    expect(await findOrderByNumber(db.connection, order.number)).toMatchObject({
      items: [{ sku: 'mawar', qty: 1, subtotal: 150_000 }],
      subtotal: 150_000,
      discount: 5_000,
      shippingFee: 7_000,
      total: 152_000,
    });
  });
});

describe('reads', () => {
  it("lists a contact's orders newest first, open ones only when asked", async () => {
    const other = await newContact('6289999999999@c.us');
    const first = await newOrder();
    const second = orderOf(
      await createOrder(db.connection, catalogInput(), { ...createContext, at: minutes(1) }),
    );
    await createOrder(
      db.connection,
      catalogInput({ contactId: other._id, chatId: other.chatId }),
      createContext,
    );
    await walk(first.number, ['cancelled']);
    expect((await ordersOfContact(db.connection, contact._id)).map((order) => order.number)).toEqual([
      second.number,
      first.number,
    ]);
    expect(
      (await ordersOfContact(db.connection, String(contact._id), { openOnly: true })).map(
        (order) => order.number,
      ),
    ).toEqual([second.number]);
    expect(await ordersOfContact(db.connection, 'not-an-id')).toEqual([]);
  });

  it('finds an order by number (any case) and by tracking token', async () => {
    const order = await newOrder();
    expect(await findOrderByNumber(db.connection, ` ${order.number.toLowerCase()} `)).toEqual(order);
    expect(await findOrderByNumber(db.connection, 'ORD-202611-0002')).toBeNull();
    expect(await findOrderByNumber(db.connection, 'hello')).toBeNull();
    expect(await findOrderByToken(db.connection, order.trackingToken)).toEqual(order);
    expect(await findOrderByToken(db.connection, order.trackingToken.slice(1))).toBeNull();
    expect(await findOrderByToken(db.connection, '{"$ne":null}')).toBeNull();
  });
});
