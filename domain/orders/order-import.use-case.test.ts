import { beforeEach, describe, expect, it } from 'vitest';
import { type Contact, contactModel } from '../contacts/contact.model.js';
import { useTestDatabase } from '../platform/testing/database.js';
import { orderCounterModel, orderModel } from './order.model.js';
import { nextOrderNumber } from './order.use-case.js';
import { type ImportedOrder, ImportedOrderSchema, importOrders } from './order-import.use-case.js';

const db = useTestDatabase();
const at = new Date('2026-11-23T05:00:00Z');
const context = { actor: { kind: 'system' as const, name: 'test' }, at };

const rows = (input: unknown[]): ImportedOrder[] => input.map((row) => ImportedOrderSchema.parse(row));
const history = rows([
  {
    number: 'ORD-202610-0042',
    customer: '0812-3456-7890',
    name: 'Budi',
    createdAt: '2026-10-05T09:00:00+07:00',
    status: 'completed',
    total: 150000,
    paymentStatus: 'paid',
    completedAt: '2026-10-06T09:00:00+07:00',
  },
  {
    number: 'ORD-202610-0043',
    customer: '+62 812 3456 7890',
    name: 'Budi',
    createdAt: '2026-10-07T09:00:00+07:00',
    status: 'completed',
    total: 50000,
    paymentStatus: 'unpaid',
    completedAt: null,
  },
  {
    number: 'ORD-202611-0007',
    customer: '081311112222',
    name: 'Ani',
    createdAt: '2026-11-01T09:00:00+07:00',
    status: 'pending',
    total: 90000,
    paymentStatus: 'unpaid',
    completedAt: null,
  },
]);

beforeEach(async () => {
  await Promise.all([
    orderModel(db.connection).deleteMany({}),
    contactModel(db.connection).deleteMany({}),
    orderCounterModel(db.connection).deleteMany({}),
  ]);
});

const byPhone = (a: Pick<Contact, 'phone'>, b: Pick<Contact, 'phone'>) =>
  String(a.phone).localeCompare(String(b.phone));

describe('importOrders', () => {
  it('makes one customer of every form of a phone, with stats from the imported orders', async () => {
    expect(await importOrders(db.connection, history, context)).toEqual({
      created: 3,
      updated: 0,
      contacts: 2,
    });
    const contacts = (await contactModel(db.connection).find().lean<Contact[]>()).sort(byPhone);
    expect(
      contacts.map((contact) => [
        contact.phone,
        contact.chatId,
        contact.pushName,
        contact.stats.orders,
        contact.stats.totalSpent,
      ]),
    ).toEqual([
      ['+6281234567890', '6281234567890@c.us', 'Budi', 2, 150000],
      ['+6281311112222', '6281311112222@c.us', 'Ani', 1, 0],
    ]);
    const budi = await orderModel(db.connection).findOne({ number: 'ORD-202610-0042' }).lean();
    expect(budi).toMatchObject({
      source: 'import',
      status: 'completed',
      total: 150000,
      paidAmount: 150000,
      customerName: 'Budi',
    });
    expect(budi?.trackingToken).toMatch(/^[A-Za-z0-9_-]{24}$/);
  });

  it('is idempotent by order number: a second import updates, never duplicates, and keeps stats right', async () => {
    await importOrders(db.connection, history, context);
    const changed = history.map((row) =>
      row.number === 'ORD-202611-0007' ? { ...row, status: 'cancelled' as const } : row,
    );
    expect(await importOrders(db.connection, changed, context)).toMatchObject({ created: 0, contacts: 0 });
    expect(await orderModel(db.connection).countDocuments()).toBe(3);
    expect(await contactModel(db.connection).countDocuments()).toBe(2);
    expect((await orderModel(db.connection).findOne({ number: 'ORD-202611-0007' }).lean())?.status).toBe(
      'cancelled',
    );
  });

  it('joins customers who already chatted, and never hands out an imported number again', async () => {
    await contactModel(db.connection).create({
      chatId: '6281311112222@c.us',
      phone: '+6281311112222',
      createdAt: at,
    });
    expect(await importOrders(db.connection, history, context)).toMatchObject({ contacts: 1 });
    expect(await contactModel(db.connection).countDocuments()).toBe(2);
    expect(await nextOrderNumber(db.connection, new Date('2026-11-10T03:00:00Z'), 'Asia/Jakarta')).toBe(
      'ORD-202611-0008',
    );
    expect(await nextOrderNumber(db.connection, new Date('2026-10-10T03:00:00Z'), 'Asia/Jakarta')).toBe(
      'ORD-202610-0044',
    );
  });
});
