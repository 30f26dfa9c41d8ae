import { beforeEach, describe, expect, it } from 'vitest';
import { auditModel } from '../audit/audit.model.js';
import type { Contact } from '../contacts/contact.model.js';
import { orderCounterModel } from '../orders/order.model.js';
import { changeOrderStatus, findOrderByNumber, updateOrderDetails } from '../orders/order.use-case.js';
import { outboxModel } from '../outbox/outbox.model.js';
import { recordPayment, recordPaymentProof, verifyPayment } from '../payments/payment.use-case.js';
import {
  BASE_URL,
  catalogOrder,
  customOrder,
  INSTRUCTIONS,
  outboxOf,
  resetShop,
  staff,
  ZONE,
} from '../payments/testing/payment-fixtures.js';
import { useTestDatabase } from '../platform/testing/database.js';
import { DEFAULT_SETTINGS } from '../settings/settings.model.js';
import { type Invoice, invoiceModel } from './invoice.model.js';
import {
  cancelInvoiceOfOrder,
  checkOverdueInvoices,
  invoiceByNumber,
  invoiceOfOrder,
  issueInvoice,
  overdueInvoices,
} from './invoice.use-case.js';

const db = useTestDatabase();
/** 10:00 WIB on 15 November 2026. */
const t0 = new Date('2026-11-15T03:00:00Z');
const ctx = (at = t0) => ({ actor: staff, at, timeZone: ZONE });
const policy = { ...DEFAULT_SETTINGS.invoices, maxReminders: 3, reminderEveryDays: 2 };
const wib = (local: string) => new Date(`${local}+07:00`);

let contact: Contact;

beforeEach(async () => {
  contact = await resetShop(db.connection, t0);
});

async function issued(orderNumber: string, extra: { amount?: number; dueDate?: string } = {}, at = t0) {
  const result = await issueInvoice(db.connection, { orderNumber, ...extra }, ctx(at));
  if (!result.ok) throw new Error(`${result.code}: ${result.details}`);
  return result;
}

const invoiceTexts = async () =>
  (await outboxOf(db.connection, contact.chatId)).filter((row) => row.key.startsWith('invoice:'));
const reminders = async () =>
  (await outboxOf(db.connection, contact.chatId)).filter((row) => row.key.startsWith('overdue:'));

describe('issueInvoice', () => {
  it('bills a catalog order its total, due in dueDays, and sends it with instructions and the link', async () => {
    const order = await catalogOrder(db.connection, contact, t0);
    const result = await issued(order.number);
    expect(result).toMatchObject({
      created: true,
      invoice: {
        number: 'INV-202611-0001',
        orderNumber: order.number,
        amount: 305_000,
        paidAmount: 0,
        dueDate: '2026-11-18',
        status: 'sent',
        sentAt: t0,
        remindersSent: 0,
        chatId: contact.chatId,
      },
    });
    const [sent] = await invoiceTexts();
    expect(sent?.key).toBe(`invoice:INV-202611-0001:${result.invoice.revision}`);
    expect(sent?.text).toContain('INV-202611-0001');
    expect(sent?.text).toContain(order.number);
    expect(sent?.text).toContain('2× Buket Mawar = Rp300.000');
    expect(sent?.text).toContain('*Rp305.000*');
    expect(sent?.text).toContain('18 November 2026');
    expect(sent?.text).toContain(INSTRUCTIONS);
    expect(sent?.text).toContain(`${BASE_URL}/track/${order.trackingToken}`);
    expect(await auditModel(db.connection).countDocuments({ entity: 'invoice', action: 'issued' })).toBe(1);
    expect(await invoiceOfOrder(db.connection, order.number.toLowerCase())).toMatchObject({
      number: 'INV-202611-0001',
    });
    expect(await invoiceByNumber(db.connection, 'inv-202611-0001')).toMatchObject({
      orderNumber: order.number,
    });
  });

  it("numbers invoices by the shop's month and counts 'today' in the shop's zone", async () => {
    const order = await catalogOrder(db.connection, contact, t0);
    // 30 November 18:30 UTC is 1 December 01:30 in Jakarta.
    const result = await issued(order.number, {}, new Date('2026-11-30T18:30:00Z'));
    expect(result.invoice).toMatchObject({ number: 'INV-202612-0001', dueDate: '2026-12-04' });
    expect(await orderCounterModel(db.connection).findById('INV-202612').lean()).toMatchObject({ seq: 1 });
  });

  it("sets a custom order's agreed price so the order total is what is billed", async () => {
    const order = await customOrder(db.connection, contact, t0);
    expect(await issueInvoice(db.connection, { orderNumber: order.number }, ctx())).toMatchObject({
      ok: false,
      code: 'MONEY.INVALID',
    });
    await updateOrderDetails(
      db.connection,
      { number: order.number, patch: { shippingFee: 20_000, discount: 5_000 } },
      { actor: staff, at: t0 },
    );
    const result = await issued(order.number, { amount: 750_000, dueDate: '2026-11-30' });
    expect(result.invoice).toMatchObject({ amount: 750_000, dueDate: '2026-11-30' });
    expect(result.order).toMatchObject({ subtotal: 735_000, total: 750_000 });
    expect(await findOrderByNumber(db.connection, order.number)).toMatchObject({ total: 750_000 });
    const [sent] = await invoiceTexts();
    expect(sent?.text).toContain('Logo untuk usaha kopi');
    expect(sent?.text).toContain('30 November 2026');
  });

  it('re-issues with a new amount and due date, and sends it again', async () => {
    const order = await customOrder(db.connection, contact, t0);
    const first = await issued(order.number, { amount: 500_000 });
    await recordPayment(db.connection, { orderNumber: order.number, amount: 200_000 }, ctx());
    const again = await issued(
      order.number,
      { amount: 600_000, dueDate: '2026-11-25' },
      new Date(t0.getTime() + 60_000),
    );
    expect(again).toMatchObject({
      created: false,
      invoice: {
        number: first.invoice.number,
        amount: 600_000,
        dueDate: '2026-11-25',
        paidAmount: 200_000,
        status: 'partial',
      },
      order: { total: 600_000 },
    });
    const texts = await invoiceTexts();
    expect(texts).toHaveLength(2);
    expect(texts[1]?.text).toContain('*Rp600.000*');
    expect(texts[1]?.text).toContain('Rp200.000');
    expect(texts[1]?.text).toContain('*Rp400.000*');
    expect(await invoiceModel(db.connection).countDocuments()).toBe(1);
    expect(await auditModel(db.connection).countDocuments({ entity: 'invoice', action: 'reissued' })).toBe(1);
  });

  it('refuses cancelled and fully paid orders, amounts below what was paid, and bad input', async () => {
    const cancelled = await catalogOrder(db.connection, contact, t0, ['cancelled']);
    expect(await issueInvoice(db.connection, { orderNumber: cancelled.number }, ctx())).toMatchObject({
      ok: false,
      code: 'INVOICE.ORDER_CANCELLED',
    });
    const paid = await catalogOrder(db.connection, contact, t0);
    await recordPayment(db.connection, { orderNumber: paid.number, amount: 305_000 }, ctx());
    expect(await issueInvoice(db.connection, { orderNumber: paid.number }, ctx())).toMatchObject({
      ok: false,
      code: 'INVOICE.ALREADY_PAID',
    });
    const custom = await customOrder(db.connection, contact, t0);
    await issued(custom.number, { amount: 500_000 });
    await recordPayment(db.connection, { orderNumber: custom.number, amount: 300_000 }, ctx());
    const low = await issueInvoice(db.connection, { orderNumber: custom.number, amount: 250_000 }, ctx());
    expect(low).toMatchObject({ ok: false, code: 'INVOICE.AMOUNT_TOO_LOW', paidAmount: 300_000 });

    const open = await catalogOrder(db.connection, contact, t0);
    const expectations: [Parameters<typeof issueInvoice>[1], string][] = [
      [{ orderNumber: 'ORD-1' }, 'ORDER.INVALID_NUMBER'],
      [{ orderNumber: 'ORD-202611-0999' }, 'ORDER.NOT_FOUND'],
      [{ orderNumber: open.number, amount: 0 }, 'MONEY.INVALID'],
      [{ orderNumber: open.number, amount: 12.5 }, 'MONEY.INVALID'],
      [{ orderNumber: open.number, amount: 100_000 }, 'INVOICE.AMOUNT_MISMATCH'],
      [{ orderNumber: open.number, dueDate: '2026-02-30' }, 'INVOICE.INVALID_DUE'],
      [{ orderNumber: open.number, dueDate: '20/11/2026' }, 'INVOICE.INVALID_DUE'],
      [{ orderNumber: open.number, dueDate: '2026-11-14' }, 'INVOICE.INVALID_DUE'],
    ];
    for (const [input, code] of expectations)
      expect(await issueInvoice(db.connection, input, ctx()), code).toMatchObject({ ok: false, code });
    expect(await invoiceOfOrder(db.connection, open.number)).toBeNull();
    expect(await invoiceOfOrder(db.connection, cancelled.number)).toBeNull();
  });

  it('creates one invoice for two simultaneous first issues', async () => {
    const order = await catalogOrder(db.connection, contact, t0);
    const results = await Promise.all([
      issueInvoice(db.connection, { orderNumber: order.number }, ctx()),
      issueInvoice(db.connection, { orderNumber: order.number }, ctx()),
    ]);
    expect(results.every((result) => result.ok)).toBe(true);
    expect(results.filter((result) => result.ok && result.created)).toHaveLength(1);
    expect(await invoiceModel(db.connection).countDocuments()).toBe(1);
  });

  it('starts from what was already paid before the invoice', async () => {
    const order = await catalogOrder(db.connection, contact, t0);
    await recordPayment(db.connection, { orderNumber: order.number, amount: 100_000 }, ctx());
    const result = await issued(order.number);
    expect(result.invoice).toMatchObject({ paidAmount: 100_000, status: 'partial' });
    expect(result.invoice.appliedPayments).toHaveLength(1);
  });
});

describe('checkOverdueInvoices', () => {
  async function dueOn(dueDate: string): Promise<Invoice> {
    const order = await catalogOrder(db.connection, contact, t0);
    return (await issued(order.number, { dueDate })).invoice;
  }

  it("goes overdue by the shop's calendar, not UTC's", async () => {
    const invoice = await dueOn('2026-11-20');
    const onTime = await checkOverdueInvoices(db.connection, {
      now: wib('2026-11-20T23:30:00'),
      timeZone: ZONE,
      policy,
    });
    expect(onTime).toEqual({ newlyOverdue: [], reminded: [], overdue: [] });
    expect(await reminders()).toHaveLength(0);

    // 00:30 WIB on the 21st is still the 20th in UTC.
    const late = await checkOverdueInvoices(db.connection, {
      now: wib('2026-11-21T00:30:00'),
      timeZone: ZONE,
      policy,
    });
    expect(late.newlyOverdue.map((item) => item.number)).toEqual([invoice.number]);
    expect(late.reminded.map((item) => item.number)).toEqual([invoice.number]);
    expect(late.overdue).toHaveLength(1);
    expect(await invoiceModel(db.connection).findById(invoice._id).lean()).toMatchObject({
      status: 'overdue',
      remindersSent: 1,
    });
    const [reminder] = await reminders();
    expect(reminder?.key).toBe(`overdue:${invoice.number}:1`);
    expect(reminder?.text).toContain(invoice.number);
    expect(reminder?.text).toContain('*Rp305.000*');
    expect(reminder?.text).toContain('20 November 2026');
    expect(reminder?.text).toContain(INSTRUCTIONS);
    expect(await auditModel(db.connection).countDocuments({ entity: 'invoice', action: 'overdue' })).toBe(1);
    expect((await overdueInvoices(db.connection)).map((item) => item.number)).toEqual([invoice.number]);
  });

  it('reminds at most maxReminders times, reminderEveryDays apart, and a rerun sends nothing new', async () => {
    const invoice = await dueOn('2026-11-20');
    const at = (day: number) => wib(`2026-11-${day}T09:00:00`);
    const sentOn: number[] = [];
    for (let day = 21; day <= 30; day++) {
      const first = await checkOverdueInvoices(db.connection, { now: at(day), timeZone: ZONE, policy });
      const rerun = await checkOverdueInvoices(db.connection, { now: at(day), timeZone: ZONE, policy });
      expect(rerun.reminded).toEqual([]);
      expect(rerun.newlyOverdue).toEqual([]);
      expect(rerun.overdue).toHaveLength(1);
      if (first.reminded.length > 0) sentOn.push(day);
    }
    expect(sentOn).toEqual([21, 23, 25]);
    expect((await reminders()).map((row) => row.key)).toEqual(
      [1, 2, 3].map((n) => `overdue:${invoice.number}:${n}`),
    );
    expect(await invoiceModel(db.connection).findById(invoice._id).lean()).toMatchObject({
      remindersSent: 3,
    });
  });

  it('counts spacing in local days, so a check a few minutes earlier the next time still counts', async () => {
    await dueOn('2026-11-20');
    const daily = { ...policy, reminderEveryDays: 1 };
    await checkOverdueInvoices(db.connection, {
      now: wib('2026-11-21T09:00:05'),
      timeZone: ZONE,
      policy: daily,
    });
    const next = await checkOverdueInvoices(db.connection, {
      now: wib('2026-11-22T09:00:00'),
      timeZone: ZONE,
      policy: daily,
    });
    expect(next.reminded).toHaveLength(1);
  });

  it('never reminds a paid invoice, even one paid behind its back, and cancels those of cancelled orders', async () => {
    const paidOnTime = await dueOn('2026-11-20');
    await recordPayment(db.connection, { orderNumber: paidOnTime.orderNumber, amount: 305_000 }, ctx());
    const paidLate = await dueOn('2026-11-20');
    await checkOverdueInvoices(db.connection, { now: wib('2026-11-21T09:00:00'), timeZone: ZONE, policy });
    const proof = await recordPaymentProof(
      db.connection,
      { contactId: contact._id, orderNumber: paidLate.orderNumber, amount: 305_000, messageId: 'wa-late' },
      { actor: { kind: 'customer' }, at: wib('2026-11-22T10:00:00'), timeZone: ZONE },
    );
    await verifyPayment(db.connection, { number: proof.payment.number }, ctx(wib('2026-11-22T10:05:00')));
    expect(await invoiceModel(db.connection).findById(paidLate._id).lean()).toMatchObject({ status: 'paid' });

    const cancelledLater = await dueOn('2026-11-20');
    await changeOrderStatus(
      db.connection,
      { number: cancelledLater.orderNumber, to: 'cancelled' },
      { actor: staff, at: wib('2026-11-22T11:00:00') },
    );

    const remindersBefore = (await reminders()).length;
    const result = await checkOverdueInvoices(db.connection, {
      now: wib('2026-11-23T09:00:00'),
      timeZone: ZONE,
      policy,
    });
    expect(result).toEqual({ newlyOverdue: [], reminded: [], overdue: [] });
    expect(await reminders()).toHaveLength(remindersBefore);
    expect(await invoiceModel(db.connection).findById(paidOnTime._id).lean()).toMatchObject({
      status: 'paid',
    });
    expect(await invoiceModel(db.connection).findById(cancelledLater._id).lean()).toMatchObject({
      status: 'cancelled',
    });
    // Only the late one was ever reminded, once, before it was paid.
    expect((await reminders()).map((row) => row.key)).toEqual([`overdue:${paidLate.number}:1`]);
  });

  it('queues again a reminder whose claimer stopped before queueing it, the same day only', async () => {
    const invoice = await dueOn('2026-11-20');
    await checkOverdueInvoices(db.connection, { now: wib('2026-11-21T09:00:00'), timeZone: ZONE, policy });
    await outboxModel(db.connection).deleteMany({ key: `overdue:${invoice.number}:1` });
    const rerun = await checkOverdueInvoices(db.connection, {
      now: wib('2026-11-21T09:05:00'),
      timeZone: ZONE,
      policy,
    });
    expect(rerun.reminded).toEqual([]);
    expect((await reminders()).map((row) => row.key)).toEqual([`overdue:${invoice.number}:1`]);
  });

  it('keeps a part-paid overdue invoice overdue, and a re-issue with a new due date opens it again', async () => {
    const invoice = await dueOn('2026-11-20');
    await checkOverdueInvoices(db.connection, { now: wib('2026-11-21T09:00:00'), timeZone: ZONE, policy });
    await recordPayment(
      db.connection,
      { orderNumber: invoice.orderNumber, amount: 100_000 },
      ctx(wib('2026-11-21T10:00:00')),
    );
    expect(await invoiceModel(db.connection).findById(invoice._id).lean()).toMatchObject({
      status: 'overdue',
      paidAmount: 100_000,
    });
    const again = await issueInvoice(
      db.connection,
      { orderNumber: invoice.orderNumber, dueDate: '2026-11-28' },
      ctx(wib('2026-11-21T11:00:00')),
    );
    expect(again).toMatchObject({ ok: true, invoice: { status: 'partial', dueDate: '2026-11-28' } });
    const result = await checkOverdueInvoices(db.connection, {
      now: wib('2026-11-23T09:00:00'),
      timeZone: ZONE,
      policy,
    });
    expect(result.overdue).toEqual([]);
  });
});

describe('cancelInvoiceOfOrder', () => {
  it('cancels an open invoice once and leaves paid ones alone', async () => {
    const order = await catalogOrder(db.connection, contact, t0);
    await issued(order.number);
    expect(await cancelInvoiceOfOrder(db.connection, order.number, { actor: staff, at: t0 })).toMatchObject({
      status: 'cancelled',
    });
    await cancelInvoiceOfOrder(db.connection, order.number, { actor: staff, at: t0 });
    expect(await auditModel(db.connection).countDocuments({ entity: 'invoice', action: 'cancelled' })).toBe(
      1,
    );
    expect(await cancelInvoiceOfOrder(db.connection, 'ORD-202611-0999', { actor: staff, at: t0 })).toBeNull();
  });
});
