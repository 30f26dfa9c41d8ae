import { beforeEach, describe, expect, it } from 'vitest';
import { auditModel } from '../audit/audit.model.js';
import { type Contact, contactModel } from '../contacts/contact.model.js';
import { catalogOrder, resetShop, staff } from '../payments/testing/payment-fixtures.js';
import { useTestDatabase } from '../platform/testing/database.js';
import { type Order, orderModel } from './order.model.js';
import { changeOrderStatus } from './order.use-case.js';
import { applyPaymentToOrder, outstandingOf } from './order-payment.use-case.js';

const db = useTestDatabase();
const t0 = new Date('2026-11-23T03:00:00Z');
const context = { actor: staff, at: t0 };

let contact: Contact;

beforeEach(async () => {
  contact = await resetShop(db.connection, t0);
});

const apply = (orderNumber: string, paymentNumber: string, amount: number) =>
  applyPaymentToOrder(db.connection, { orderNumber, paymentNumber, amount }, context);
const orderNow = async (number: string) =>
  (await orderModel(db.connection).findOne({ number }).lean<Order>()) as Order;

describe('applyPaymentToOrder', () => {
  it('counts a payment once, however often and however concurrently it is applied', async () => {
    const order = await catalogOrder(db.connection, contact, t0);
    const results = await Promise.all([
      apply(order.number, 'PAY-202611-0001', 100_000),
      apply(order.number, 'PAY-202611-0001', 100_000),
      apply(order.number, 'PAY-202611-0001', 100_000),
    ]);
    expect(results.filter((result) => result.ok && result.changed)).toHaveLength(1);
    expect(results.every((result) => result.ok)).toBe(true);
    expect(await apply(order.number, 'PAY-202611-0001', 100_000)).toMatchObject({ ok: true, changed: false });
    const after = await orderNow(order.number);
    expect(after).toMatchObject({
      paidAmount: 100_000,
      paymentStatus: 'partial',
      appliedPayments: ['PAY-202611-0001'],
    });
    expect(
      await auditModel(db.connection).countDocuments({ entity: 'order', action: 'payment_applied' }),
    ).toBe(1);
  });

  it('counts different payments applied at once, up to the total', async () => {
    const order = await catalogOrder(db.connection, contact, t0);
    await Promise.all([
      apply(order.number, 'PAY-202611-0001', 105_000),
      apply(order.number, 'PAY-202611-0002', 100_000),
      apply(order.number, 'PAY-202611-0003', 100_000),
    ]);
    const after = await orderNow(order.number);
    expect(after).toMatchObject({ paidAmount: 305_000, paymentStatus: 'paid' });
    expect(outstandingOf(after)).toBe(0);
  });

  it('refuses more than is outstanding (naming it) and cancelled orders, changing nothing', async () => {
    const order = await catalogOrder(db.connection, contact, t0);
    await apply(order.number, 'PAY-202611-0001', 300_000);
    const before = await orderNow(order.number);
    const result = await apply(order.number, 'PAY-202611-0002', 10_000);
    expect(result).toMatchObject({ ok: false, code: 'PAYMENT.OVERPAID', outstanding: 5_000, amount: 10_000 });
    if (!result.ok) expect(result.details).toContain('Rp5.000');
    expect(await orderNow(order.number)).toEqual(before);

    const cancelled = await catalogOrder(db.connection, contact, t0, ['cancelled']);
    expect(await apply(cancelled.number, 'PAY-202611-0003', 1_000)).toMatchObject({
      ok: false,
      code: 'PAYMENT.ORDER_CANCELLED',
    });
    expect(await orderNow(cancelled.number)).toMatchObject({ paidAmount: 0, appliedPayments: [] });
    expect(await apply('ORD-202611-0999', 'PAY-202611-0004', 1_000)).toMatchObject({
      ok: false,
      code: 'ORDER.NOT_FOUND',
    });
    expect(await apply('nope', 'PAY-202611-0004', 1_000)).toMatchObject({
      ok: false,
      code: 'ORDER.INVALID_NUMBER',
    });
    expect(await apply(order.number, 'PAY-202611-0004', 0)).toMatchObject({
      ok: false,
      code: 'MONEY.INVALID',
    });
  });

  it("settles the contact's total spent once the completed order is paid", async () => {
    const order = await catalogOrder(db.connection, contact, t0, [
      'confirmed',
      'in_progress',
      'review',
      'ready',
      'completed',
    ]);
    await apply(order.number, 'PAY-202611-0001', 200_000);
    expect((await contactModel(db.connection).findById(contact._id).lean())?.stats.totalSpent).toBe(0);
    const paid = await apply(order.number, 'PAY-202611-0002', 105_000);
    expect(paid).toMatchObject({ ok: true, order: { paymentStatus: 'paid', countedInStats: true } });
    expect((await contactModel(db.connection).findById(contact._id).lean())?.stats.totalSpent).toBe(305_000);
    // Completion is allowed after payment too (changeOrderStatus settles it then; nothing counts twice).
    await changeOrderStatus(db.connection, { number: order.number, to: 'completed' }, context);
    expect((await contactModel(db.connection).findById(contact._id).lean())?.stats.totalSpent).toBe(305_000);
  });
});
