import { beforeEach, describe, expect, it } from 'vitest';
import { type AuditEntry, auditModel } from '../audit/audit.model.js';
import type { Contact } from '../contacts/contact.model.js';
import { contactModel } from '../contacts/contact.model.js';
import { type Invoice, invoiceModel } from '../invoices/invoice.model.js';
import { issueInvoice } from '../invoices/invoice.use-case.js';
import { type Order, orderModel } from '../orders/order.model.js';
import { changeOrderStatus } from '../orders/order.use-case.js';
import { applyPaymentToOrder } from '../orders/order-payment.use-case.js';
import { useTestDatabase } from '../platform/testing/database.js';
import { type Payment, paymentModel } from './payment.model.js';
import {
  paymentByNumber,
  pendingPayments,
  recordPayment,
  recordPaymentProof,
  rejectPayment,
  verifyPayment,
} from './payment.use-case.js';
import { catalogOrder, outboxOf, resetShop, staff, ZONE } from './testing/payment-fixtures.js';

const db = useTestDatabase();
const t0 = new Date('2026-11-23T03:00:00Z');
const later = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const ctx = (minute = 10) => ({ actor: staff, at: later(minute), timeZone: ZONE });
const otherAdmin = { kind: 'user' as const, id: 'u2', name: 'Rudi' };

let contact: Contact;
let proofs = 0;

beforeEach(async () => {
  contact = await resetShop(db.connection, t0);
  proofs = 0;
});

async function proof(input: { orderNumber?: string; amount?: number } = {}): Promise<Payment> {
  proofs += 1;
  const { payment } = await recordPaymentProof(
    db.connection,
    { contactId: contact._id, messageId: `wa-proof-${proofs}`, proofPath: `media/p${proofs}.jpg`, ...input },
    { actor: { kind: 'customer' }, at: later(proofs), timeZone: ZONE },
  );
  return payment;
}

const orderNow = async (number: string) =>
  (await orderModel(db.connection).findOne({ number }).lean<Order>()) as Order;
const invoiceNow = async (orderNumber: string) =>
  (await invoiceModel(db.connection).findOne({ orderNumber }).lean<Invoice>()) as Invoice;
const paymentNow = async (number: string) =>
  (await paymentModel(db.connection).findOne({ number }).lean<Payment>()) as Payment;
const audits = (entity: AuditEntry['entity'], action: string) =>
  auditModel(db.connection).find({ entity, action }).lean();

async function invoiced(order: Order): Promise<Invoice> {
  const result = await issueInvoice(db.connection, { orderNumber: order.number }, ctx(5));
  if (!result.ok) throw new Error(result.details);
  return result.invoice;
}

describe('verifyPayment', () => {
  it('counts a payment verified by two admins at once exactly once', async () => {
    const order = await catalogOrder(db.connection, contact, t0);
    await invoiced(order);
    const payment = await proof({ orderNumber: order.number, amount: 305_000 });

    const results = await Promise.all([
      verifyPayment(db.connection, { number: payment.number }, ctx(10)),
      verifyPayment(db.connection, { number: payment.number }, { actor: otherAdmin, at: later(10) }),
    ]);

    expect(results.map((result) => result.ok)).toEqual([true, true]);
    expect(results.filter((result) => result.ok && result.changed)).toHaveLength(1);
    const after = await orderNow(order.number);
    expect(after).toMatchObject({ paidAmount: 305_000, paymentStatus: 'paid' });
    expect(after.appliedPayments).toEqual([payment.number]);
    const invoice = await invoiceNow(order.number);
    expect(invoice).toMatchObject({ paidAmount: 305_000, status: 'paid', appliedPayments: [payment.number] });
    expect(await paymentNow(payment.number)).toMatchObject({ status: 'verified', amount: 305_000 });
    expect(await audits('payment', 'verified')).toHaveLength(1);
    expect(await audits('order', 'payment_applied')).toHaveLength(1);
    expect(await audits('invoice', 'payment_applied')).toHaveLength(1);
    const told = (await outboxOf(db.connection, contact.chatId)).filter((row) =>
      row.key.startsWith('payment-verified:'),
    );
    expect(told).toHaveLength(1);
    expect(told[0]?.text).toContain('Rp305.000');
    expect(told[0]?.text).toContain('lunas');
  });

  it('counts two different payments verified at the same moment both', async () => {
    const order = await catalogOrder(db.connection, contact, t0);
    await invoiced(order);
    const first = await proof({ orderNumber: order.number, amount: 100_000 });
    const second = await proof({ orderNumber: order.number, amount: 50_000 });

    const results = await Promise.all([
      verifyPayment(db.connection, { number: first.number }, ctx(10)),
      verifyPayment(db.connection, { number: second.number }, { actor: otherAdmin, at: later(10) }),
    ]);

    expect(results.every((result) => result.ok && result.changed)).toBe(true);
    const after = await orderNow(order.number);
    expect(after).toMatchObject({ paidAmount: 150_000, paymentStatus: 'partial' });
    expect([...after.appliedPayments].sort()).toEqual([first.number, second.number].sort());
    expect(await invoiceNow(order.number)).toMatchObject({ paidAmount: 150_000, status: 'partial' });
  });

  it('takes a partial then a full payment: invoice and order partial, then paid; total spent settled', async () => {
    const order = await catalogOrder(db.connection, contact, t0);
    await invoiced(order);
    const first = await proof({ orderNumber: order.number, amount: 100_000 });
    const partial = await verifyPayment(db.connection, { number: first.number }, ctx(10));
    expect(partial).toMatchObject({
      ok: true,
      changed: true,
      order: { paidAmount: 100_000, paymentStatus: 'partial' },
      invoice: { paidAmount: 100_000, status: 'partial' },
    });

    // The rest, without an amount on the proof: the outstanding balance.
    const second = await proof({ orderNumber: order.number });
    const full = await verifyPayment(db.connection, { number: second.number }, ctx(20));
    expect(full).toMatchObject({
      ok: true,
      payment: { amount: 205_000, status: 'verified' },
      order: { paidAmount: 305_000, paymentStatus: 'paid' },
      invoice: { paidAmount: 305_000, status: 'paid' },
    });

    const texts = (await outboxOf(db.connection, contact.chatId))
      .filter((row) => row.key.startsWith('payment-verified:'))
      .map((row) => row.text);
    expect(texts[0]).toContain('*Rp100.000*');
    expect(texts[0]).toContain('Sisa tagihan: *Rp205.000*');
    expect(texts[1]).toContain('lunas');

    expect((await contactModel(db.connection).findById(contact._id).lean())?.stats.totalSpent).toBe(0);
    for (const to of ['confirmed', 'in_progress', 'review', 'ready', 'completed'] as const)
      await changeOrderStatus(db.connection, { number: order.number, to }, { actor: staff, at: later(30) });
    expect((await contactModel(db.connection).findById(contact._id).lean())?.stats.totalSpent).toBe(305_000);
  });

  it('refuses an overpayment, naming what is outstanding, and writes nothing', async () => {
    const order = await catalogOrder(db.connection, contact, t0);
    await invoiced(order);
    const payment = await proof({ orderNumber: order.number, amount: 400_000 });
    const before = await orderNow(order.number);
    const auditsBefore = await auditModel(db.connection).countDocuments();
    const outboxBefore = (await outboxOf(db.connection, contact.chatId)).length;

    const result = await verifyPayment(db.connection, { number: payment.number }, ctx());
    expect(result).toMatchObject({
      ok: false,
      code: 'PAYMENT.OVERPAID',
      outstanding: 305_000,
      amount: 400_000,
    });
    if (!result.ok) expect(result.details).toContain('Rp305.000');
    // An amount typed by the admin is judged the same way.
    expect(
      await verifyPayment(db.connection, { number: payment.number, amount: 305_001 }, ctx()),
    ).toMatchObject({ ok: false, code: 'PAYMENT.OVERPAID', outstanding: 305_000 });

    expect(await paymentNow(payment.number)).toMatchObject({ status: 'pending', amount: 400_000 });
    expect(await orderNow(order.number)).toEqual(before);
    expect(await auditModel(db.connection).countDocuments()).toBe(auditsBefore);
    expect(await outboxOf(db.connection, contact.chatId)).toHaveLength(outboxBefore);
  });

  it('refuses a payment on a cancelled order and writes nothing', async () => {
    const order = await catalogOrder(db.connection, contact, t0, ['cancelled']);
    const payment = await proof({ orderNumber: order.number, amount: 100_000 });
    const before = await orderNow(order.number);
    const result = await verifyPayment(db.connection, { number: payment.number }, ctx());
    expect(result).toMatchObject({ ok: false, code: 'PAYMENT.ORDER_CANCELLED', orderNumber: order.number });
    expect(await paymentNow(payment.number)).toMatchObject({ status: 'pending' });
    expect(await orderNow(order.number)).toEqual(before);
    expect(await audits('payment', 'verified')).toHaveLength(0);
  });

  it('finishes a verification that stopped while verifying, counting it once', async () => {
    const order = await catalogOrder(db.connection, contact, t0);
    await invoiced(order);
    const payment = await proof({ orderNumber: order.number, amount: 100_000 });
    // As a crash right after the claim leaves it.
    await paymentModel(db.connection).updateOne({ _id: payment._id }, { $set: { status: 'verifying' } });

    const resumed = await verifyPayment(db.connection, { number: payment.number }, ctx());
    expect(resumed).toMatchObject({ ok: true, changed: true, payment: { status: 'verified' } });
    const again = await verifyPayment(db.connection, { number: payment.number }, ctx(20));
    expect(again).toMatchObject({ ok: true, changed: false });
    expect(await orderNow(order.number)).toMatchObject({
      paidAmount: 100_000,
      appliedPayments: [payment.number],
    });
    expect(await invoiceNow(order.number)).toMatchObject({ paidAmount: 100_000, status: 'partial' });
    expect(await audits('payment', 'verified')).toHaveLength(1);
  });

  it('finishes a verification that stopped after counting on the order, without counting again', async () => {
    const order = await catalogOrder(db.connection, contact, t0);
    await invoiced(order);
    const payment = await proof({ orderNumber: order.number, amount: 100_000 });
    await paymentModel(db.connection).updateOne({ _id: payment._id }, { $set: { status: 'verifying' } });
    await applyPaymentToOrder(
      db.connection,
      { orderNumber: order.number, paymentNumber: payment.number, amount: 100_000 },
      { actor: staff, at: later(5) },
    );
    // The invoice did not follow yet: the crash came first.
    expect(await invoiceNow(order.number)).toMatchObject({ paidAmount: 0 });

    const resumed = await verifyPayment(db.connection, { number: payment.number }, ctx());
    expect(resumed).toMatchObject({ ok: true, changed: true });
    expect(await orderNow(order.number)).toMatchObject({ paidAmount: 100_000 });
    expect(await invoiceNow(order.number)).toMatchObject({ paidAmount: 100_000, status: 'partial' });
  });

  it('finds the order of a proof that names none, when the customer has exactly one unpaid', async () => {
    const first = await catalogOrder(db.connection, contact, t0);
    const payment = await proof({ amount: 50_000 });
    const result = await verifyPayment(db.connection, { number: payment.number }, ctx());
    expect(result).toMatchObject({ ok: true, order: { number: first.number, paidAmount: 50_000 } });

    const second = await catalogOrder(db.connection, contact, t0);
    const unclear = await proof({ amount: 50_000 });
    const refused = await verifyPayment(db.connection, { number: unclear.number }, ctx());
    expect(refused).toMatchObject({ ok: false, code: 'PAYMENT.NO_ORDER' });
    if (!refused.ok && refused.code === 'PAYMENT.NO_ORDER')
      expect([...refused.candidates].sort()).toEqual([first.number, second.number].sort());
    // Naming the order (any case) settles it; the amount given wins over the proof's.
    const named = await verifyPayment(
      db.connection,
      {
        number: unclear.number.toLowerCase(),
        orderNumber: ` ${second.number.toLowerCase()} `,
        amount: 60_000,
      },
      ctx(),
    );
    expect(named).toMatchObject({
      ok: true,
      payment: { orderNumber: second.number, amount: 60_000 },
      order: { number: second.number, paidAmount: 60_000 },
      invoice: null,
    });
  });

  it('tells apart malformed, unknown and invalid requests', async () => {
    const order = await catalogOrder(db.connection, contact, t0);
    const payment = await proof({ orderNumber: order.number });
    expect(await verifyPayment(db.connection, { number: 'PAY-12' }, ctx())).toMatchObject({
      ok: false,
      code: 'PAYMENT.INVALID_NUMBER',
    });
    expect(await verifyPayment(db.connection, { number: 'PAY-202611-0999' }, ctx())).toMatchObject({
      ok: false,
      code: 'PAYMENT.NOT_FOUND',
      number: 'PAY-202611-0999',
    });
    for (const amount of [0, -5, 1.5])
      expect(await verifyPayment(db.connection, { number: payment.number, amount }, ctx())).toMatchObject({
        ok: false,
        code: 'MONEY.INVALID',
      });
    expect(
      await verifyPayment(db.connection, { number: payment.number, orderNumber: 'ORD-1' }, ctx()),
    ).toMatchObject({ ok: false, code: 'ORDER.INVALID_NUMBER' });
    expect(
      await verifyPayment(db.connection, { number: payment.number, orderNumber: 'ORD-202611-0999' }, ctx()),
    ).toMatchObject({ ok: false, code: 'ORDER.NOT_FOUND' });
    expect(await paymentNow(payment.number)).toMatchObject({ status: 'pending' });
  });
});

describe('rejectPayment', () => {
  it('rejects a pending payment, tells the customer with the reason once, and audits', async () => {
    const order = await catalogOrder(db.connection, contact, t0);
    const payment = await proof({ orderNumber: order.number, amount: 100_000 });
    const result = await rejectPayment(
      db.connection,
      { number: payment.number, reason: ' Nominal tidak sesuai ' },
      ctx(),
    );
    expect(result).toMatchObject({
      ok: true,
      changed: true,
      payment: { status: 'rejected', rejectReason: 'Nominal tidak sesuai', rejectedBy: staff },
    });
    const again = await rejectPayment(db.connection, { number: payment.number, reason: 'lagi' }, ctx(20));
    expect(again).toMatchObject({
      ok: true,
      changed: false,
      payment: { rejectReason: 'Nominal tidak sesuai' },
    });

    const told = (await outboxOf(db.connection, contact.chatId)).filter((row) =>
      row.key.startsWith('payment-rejected:'),
    );
    expect(told).toHaveLength(1);
    expect(told[0]?.text).toContain(payment.number);
    expect(told[0]?.text).toContain(order.number);
    expect(told[0]?.text).toContain('Nominal tidak sesuai');
    expect(await audits('payment', 'rejected')).toHaveLength(1);
    expect(await orderNow(order.number)).toMatchObject({ paidAmount: 0 });

    expect(await verifyPayment(db.connection, { number: payment.number }, ctx())).toMatchObject({
      ok: false,
      code: 'PAYMENT.ALREADY_REJECTED',
      reason: 'Nominal tidak sesuai',
    });
  });

  it('refuses to reject a verified payment, and bad reasons', async () => {
    const order = await catalogOrder(db.connection, contact, t0);
    const payment = await proof({ orderNumber: order.number, amount: 100_000 });
    for (const reason of ['', '   ', 'x'.repeat(301)])
      expect(await rejectPayment(db.connection, { number: payment.number, reason }, ctx())).toMatchObject({
        ok: false,
        code: 'PAYMENT.INVALID',
      });
    await verifyPayment(db.connection, { number: payment.number }, ctx());
    expect(
      await rejectPayment(db.connection, { number: payment.number, reason: 'salah' }, ctx()),
    ).toMatchObject({
      ok: false,
      code: 'PAYMENT.ALREADY_VERIFIED',
      number: payment.number,
    });
    expect(await rejectPayment(db.connection, { number: 'nope', reason: 'salah' }, ctx())).toMatchObject({
      ok: false,
      code: 'PAYMENT.INVALID_NUMBER',
    });
    expect(await paymentNow(payment.number)).toMatchObject({ status: 'verified' });
  });

  it('lets one of a concurrent verify and reject win, never both', async () => {
    const order = await catalogOrder(db.connection, contact, t0);
    const payment = await proof({ orderNumber: order.number, amount: 100_000 });
    const [verified, rejected] = await Promise.all([
      verifyPayment(db.connection, { number: payment.number }, ctx()),
      rejectPayment(db.connection, { number: payment.number, reason: 'buram' }, ctx()),
    ]);
    const final = await paymentNow(payment.number);
    if (final.status === 'verified') {
      expect(verified).toMatchObject({ ok: true, changed: true });
      expect(rejected).toMatchObject({ ok: false, code: 'PAYMENT.ALREADY_VERIFIED' });
      expect(await orderNow(order.number)).toMatchObject({ paidAmount: 100_000 });
    } else {
      expect(final.status).toBe('rejected');
      expect(verified).toMatchObject({ ok: false, code: 'PAYMENT.ALREADY_REJECTED' });
      expect(await orderNow(order.number)).toMatchObject({ paidAmount: 0 });
    }
  });
});

describe('recordPayment', () => {
  it('records money received as a verified payment, counts it and tells the customer', async () => {
    const order = await catalogOrder(db.connection, contact, t0);
    await invoiced(order);
    const result = await recordPayment(
      db.connection,
      { orderNumber: order.number, amount: 305_000, method: 'cash' },
      ctx(),
    );
    expect(result).toMatchObject({
      ok: true,
      created: true,
      payment: {
        number: 'PAY-202611-0001',
        status: 'verified',
        amount: 305_000,
        method: 'cash',
        verifiedBy: staff,
      },
      order: { paidAmount: 305_000, paymentStatus: 'paid' },
      invoice: { status: 'paid' },
    });
    expect(await audits('payment', 'recorded')).toHaveLength(1);
    expect(
      (await outboxOf(db.connection, contact.chatId)).filter(
        (row) => row.key === 'payment-verified:PAY-202611-0001',
      ),
    ).toHaveLength(1);
  });

  it('refuses overpayment and cancelled orders without creating a payment', async () => {
    const order = await catalogOrder(db.connection, contact, t0);
    await recordPayment(db.connection, { orderNumber: order.number, amount: 300_000 }, ctx());
    const over = await recordPayment(db.connection, { orderNumber: order.number, amount: 10_000 }, ctx());
    expect(over).toMatchObject({ ok: false, code: 'PAYMENT.OVERPAID', outstanding: 5_000 });
    if (!over.ok) expect(over.details).toContain('Rp5.000');

    const cancelled = await catalogOrder(db.connection, contact, t0, ['cancelled']);
    expect(
      await recordPayment(db.connection, { orderNumber: cancelled.number, amount: 10_000 }, ctx()),
    ).toMatchObject({ ok: false, code: 'PAYMENT.ORDER_CANCELLED' });
    expect(await paymentModel(db.connection).countDocuments()).toBe(1);
    expect(
      await recordPayment(db.connection, { orderNumber: 'ORD-202611-0999', amount: 10_000 }, ctx()),
    ).toMatchObject({ ok: false, code: 'ORDER.NOT_FOUND' });
    expect(await recordPayment(db.connection, { orderNumber: order.number, amount: 0 }, ctx())).toMatchObject(
      {
        ok: false,
        code: 'MONEY.INVALID',
      },
    );
  });

  it('records one payment for a command delivered twice', async () => {
    const order = await catalogOrder(db.connection, contact, t0);
    const input = { orderNumber: order.number, amount: 100_000, messageId: 'wa-admin-1' };
    const first = await recordPayment(db.connection, input, ctx());
    const second = await recordPayment(db.connection, input, ctx(11));
    expect(first).toMatchObject({ ok: true, created: true });
    expect(second).toMatchObject({ ok: true, created: false });
    if (first.ok && second.ok) expect(second.payment.number).toBe(first.payment.number);
    expect(await orderNow(order.number)).toMatchObject({ paidAmount: 100_000 });
  });
});

describe('reads', () => {
  it('lists pending payments oldest first and finds one by number in any case', async () => {
    const order = await catalogOrder(db.connection, contact, t0);
    const first = await proof({ orderNumber: order.number });
    const second = await proof();
    const third = await proof({ orderNumber: order.number, amount: 1_000 });
    await verifyPayment(db.connection, { number: third.number }, ctx());
    expect((await pendingPayments(db.connection)).map((payment) => payment.number)).toEqual([
      first.number,
      second.number,
    ]);
    expect(await pendingPayments(db.connection, 1)).toHaveLength(1);
    expect(await paymentByNumber(db.connection, ` ${first.number.toLowerCase()} `)).toMatchObject({
      number: first.number,
    });
    expect(await paymentByNumber(db.connection, 'PAY-x')).toBeNull();
  });
});
