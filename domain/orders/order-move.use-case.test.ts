import { beforeEach, describe, expect, it } from 'vitest';
import { type Actor, auditModel } from '../audit/audit.model.js';
import { productModel } from '../catalog/product.model.js';
import { type Contact, contactModel } from '../contacts/contact.model.js';
import { invoiceModel } from '../invoices/invoice.model.js';
import { issueInvoice } from '../invoices/invoice.use-case.js';
import { outboxModel } from '../outbox/outbox.model.js';
import { paymentModel } from '../payments/payment.model.js';
import { recordPayment } from '../payments/payment.use-case.js';
import { useTestDatabase } from '../platform/testing/database.js';
import { type Order, orderCounterModel, orderModel } from './order.model.js';
import { changeOrderStatus, createOrder } from './order.use-case.js';
import { moveOrderToContact } from './order-move.use-case.js';

const db = useTestDatabase();
const t0 = new Date('2026-11-23T03:00:00Z');
const zone = 'Asia/Jakarta';
const staff: Actor = { kind: 'user', id: 'u1', name: 'Dewi' };
const ctx = { actor: staff, at: t0 };

let budi: Contact;
let ani: Contact;
/** Budi's completed and paid order (invoiced, one payment), and his pending one. */
let paid: Order;
let pending: Order;

async function contact(phone: string, fields: Partial<Contact> = {}): Promise<Contact> {
  return (
    await contactModel(db.connection).create({
      chatId: `${phone}@c.us`,
      phone: `+${phone}`,
      createdAt: t0,
      ...fields,
    })
  ).toObject();
}

async function order(owner: Contact, qty: number): Promise<Order> {
  const result = await createOrder(
    db.connection,
    {
      kind: 'catalog',
      contactId: owner._id,
      chatId: owner.chatId,
      ...(owner.name && { customerName: owner.name }),
      items: [{ sku: 'mawar', qty }],
      fulfilment: { method: 'pickup' },
      source: 'whatsapp',
    },
    { ...ctx, timeZone: zone },
  );
  if (!result.ok) throw new Error(result.details);
  return result.order;
}

const reload = async (id: Contact['_id']) =>
  (await contactModel(db.connection).findById(id).lean<Contact>())!;
const statsOf = async (id: Contact['_id']) => {
  const { orders, totalSpent } = (await reload(id)).stats;
  return { orders, totalSpent };
};
const audits = (action: string) => auditModel(db.connection).find({ action }).lean();

beforeEach(async () => {
  await Promise.all(
    [
      contactModel,
      productModel,
      orderModel,
      orderCounterModel,
      invoiceModel,
      paymentModel,
      outboxModel,
      auditModel,
    ].map((model) => model(db.connection).collection.deleteMany({})),
  );
  await productModel(db.connection).create({
    sku: 'mawar',
    name: 'Buket Mawar',
    price: 100_000,
    createdAt: t0,
  });
  budi = await contact('6281234567890', { name: 'Budi', nameConfirmed: true });
  ani = await contact('6281311112222', { pushName: 'ani' });
  paid = await order(budi, 2);
  pending = await order(budi, 1);
  await order(ani, 3);
  const invoice = await issueInvoice(db.connection, { orderNumber: paid.number }, { ...ctx, timeZone: zone });
  if (!invoice.ok) throw new Error(invoice.details);
  const payment = await recordPayment(
    db.connection,
    { orderNumber: paid.number, amount: 200_000, method: 'cash' },
    { ...ctx, timeZone: zone },
  );
  if (!payment.ok) throw new Error(payment.details);
  for (const to of ['confirmed', 'in_progress', 'ready', 'completed'] as const) {
    const moved = await changeOrderStatus(db.connection, { number: paid.number, to }, ctx);
    if (!moved.ok) throw new Error(moved.details);
  }
  paid = (await orderModel(db.connection).findById(paid._id).lean<Order>())!;
  expect(paid).toMatchObject({ countedInStats: true, paymentStatus: 'paid' });
  expect(await statsOf(budi._id)).toEqual({ orders: 2, totalSpent: 200_000 });
  expect(await statsOf(ani._id)).toEqual({ orders: 1, totalSpent: 0 });
});

describe('moveOrderToContact', () => {
  it('moves the order, its invoice and payments, recomputes both contacts and audits all three', async () => {
    const result = await moveOrderToContact(
      db.connection,
      { number: paid.number.toLowerCase(), contactId: String(ani._id) },
      ctx,
    );
    if (!result.ok) throw new Error(result.details);
    expect(result.changed).toBe(true);
    expect(result.order).toMatchObject({
      contactId: ani._id,
      chatId: ani.chatId,
      customerName: 'ani',
      revision: paid.revision + 1,
    });
    expect(result.order.contactMove).toBeUndefined();
    expect(result.from?._id).toEqual(budi._id);
    expect(result.to.stats).toMatchObject({ orders: 2, totalSpent: 200_000 });
    expect(await statsOf(budi._id)).toEqual({ orders: 1, totalSpent: 0 });
    expect(await statsOf(ani._id)).toEqual({ orders: 2, totalSpent: 200_000 });
    // Budi's last order is now his pending one; Ani's the moved one at the latest.
    expect((await reload(budi._id)).stats.lastOrderAt).toEqual(pending.createdAt);
    expect(await invoiceModel(db.connection).findOne({ orderNumber: paid.number }).lean()).toMatchObject({
      contactId: ani._id,
      chatId: ani.chatId,
    });
    const payments = await paymentModel(db.connection).find({ orderNumber: paid.number }).lean();
    expect(payments.map((payment) => String(payment.contactId))).toEqual([String(ani._id)]);

    const [changed] = await audits('contact_changed');
    expect(changed).toMatchObject({
      entity: 'order',
      actor: staff,
      before: { contactId: budi._id, chatId: budi.chatId, customerName: 'Budi' },
      after: { contactId: ani._id, chatId: ani.chatId, customerName: 'ani' },
    });
    expect(await audits('order_moved_out')).toMatchObject([
      { entityId: budi._id, after: { order: paid.number, stats: { orders: 1, totalSpent: 0 } } },
    ]);
    expect(await audits('order_moved_in')).toMatchObject([
      { entityId: ani._id, after: { order: paid.number, stats: { orders: 2, totalSpent: 200_000 } } },
    ]);

    // Again: nothing moves, nothing is audited twice.
    const again = await moveOrderToContact(
      db.connection,
      { number: paid.number, contactId: String(ani._id) },
      ctx,
    );
    expect(again).toMatchObject({ ok: true, changed: false, from: null });
    expect(await audits('contact_changed')).toHaveLength(1);
  });

  it('sends the status messages to the new contact’s chat from then on', async () => {
    await moveOrderToContact(db.connection, { number: pending.number, contactId: String(ani._id) }, ctx);
    await changeOrderStatus(db.connection, { number: pending.number, to: 'confirmed' }, ctx);
    const notice = await outboxModel(db.connection)
      .findOne({ key: new RegExp(`^status:${pending.number}:confirmed`) })
      .lean();
    expect(notice?.chatId).toBe(ani.chatId);
  });

  it('refuses an unknown contact or order and a merged tombstone; its own contact changes nothing', async () => {
    const tombstone = await contact('6285700000000', { mergedInto: ani._id });
    const merging = await contact('6285700000001', { merging: { into: ani._id, at: t0 } });
    const unknown = '64b7f0c2a1b2c3d4e5f60718';
    expect(
      await moveOrderToContact(db.connection, { number: paid.number, contactId: unknown }, ctx),
    ).toMatchObject({ ok: false, code: 'ORDER.CONTACT_NOT_FOUND' });
    expect(
      await moveOrderToContact(db.connection, { number: paid.number, contactId: 'budi' }, ctx),
    ).toMatchObject({
      ok: false,
      code: 'ORDER.CONTACT_NOT_FOUND',
    });
    expect(
      await moveOrderToContact(db.connection, { number: paid.number, contactId: String(tombstone._id) }, ctx),
    ).toMatchObject({ ok: false, code: 'CONTACT.ALREADY_MERGED', mergedInto: String(ani._id) });
    expect(
      await moveOrderToContact(db.connection, { number: paid.number, contactId: String(merging._id) }, ctx),
    ).toMatchObject({ ok: false, code: 'CONTACT.MERGE_CONFLICT' });
    expect(
      await moveOrderToContact(db.connection, { number: 'ORD-202611-0999', contactId: String(ani._id) }, ctx),
    ).toMatchObject({ ok: false, code: 'ORDER.NOT_FOUND' });
    expect(
      await moveOrderToContact(db.connection, { number: 'ORD-1', contactId: String(ani._id) }, ctx),
    ).toMatchObject({ ok: false, code: 'ORDER.INVALID_NUMBER' });
    expect(
      await moveOrderToContact(db.connection, { number: paid.number, contactId: String(budi._id) }, ctx),
    ).toMatchObject({ ok: true, changed: false, from: null, to: { _id: budi._id } });
    const after = await orderModel(db.connection).findById(paid._id).lean<Order>();
    expect(after?.revision).toBe(paid.revision);
    expect(await audits('contact_changed')).toEqual([]);
    expect(await statsOf(budi._id)).toEqual({ orders: 2, totalSpent: 200_000 });
  });

  it('finishes a move interrupted between the order’s move and the stats, counting nothing twice', async () => {
    // What the first step leaves when the process stops right after it: the order points at Ani and
    // carries the mark; the invoice, payments, stats and audit do not know yet.
    await orderModel(db.connection).updateOne(
      { _id: paid._id },
      {
        $set: {
          contactId: ani._id,
          chatId: ani.chatId,
          customerName: 'ani',
          contactMove: {
            from: budi._id,
            to: ani._id,
            at: t0,
            actor: staff,
            before: { chatId: budi.chatId, customerName: 'Budi' },
          },
        },
        $inc: { revision: 1 },
      },
    );
    expect(await statsOf(budi._id)).toEqual({ orders: 2, totalSpent: 200_000 });

    const rerun = await moveOrderToContact(
      db.connection,
      { number: paid.number, contactId: String(ani._id) },
      ctx,
    );
    expect(rerun).toMatchObject({ ok: true, changed: true, from: { _id: budi._id }, to: { _id: ani._id } });
    expect(await statsOf(budi._id)).toEqual({ orders: 1, totalSpent: 0 });
    expect(await statsOf(ani._id)).toEqual({ orders: 2, totalSpent: 200_000 });
    expect(await invoiceModel(db.connection).findOne({ orderNumber: paid.number }).lean()).toMatchObject({
      contactId: ani._id,
    });
    const stored = await orderModel(db.connection).findById(paid._id).lean<Order>();
    expect(stored?.contactMove).toBeUndefined();
    expect(stored?.revision).toBe(paid.revision + 1);
    expect(await audits('contact_changed')).toHaveLength(1);
    expect(await audits('order_moved_out')).toHaveLength(1);

    // Once more: done, nothing new.
    const third = await moveOrderToContact(
      db.connection,
      { number: paid.number, contactId: String(ani._id) },
      ctx,
    );
    expect(third).toMatchObject({ ok: true, changed: false });
    expect(await audits('contact_changed')).toHaveLength(1);
    expect(await statsOf(ani._id)).toEqual({ orders: 2, totalSpent: 200_000 });
  });

  it('finishes an unfinished move before moving the order on to a third contact', async () => {
    const citra = await contact('6281399990000', { name: 'Citra', nameConfirmed: true });
    await orderModel(db.connection).updateOne(
      { _id: pending._id },
      {
        $set: {
          contactId: ani._id,
          chatId: ani.chatId,
          contactMove: { from: budi._id, to: ani._id, at: t0, actor: staff, before: { chatId: budi.chatId } },
        },
        $inc: { revision: 1 },
      },
    );
    const result = await moveOrderToContact(
      db.connection,
      { number: pending.number, contactId: String(citra._id) },
      ctx,
    );
    expect(result).toMatchObject({
      ok: true,
      changed: true,
      from: { _id: ani._id },
      order: { customerName: 'Citra' },
    });
    expect(await statsOf(budi._id)).toEqual({ orders: 1, totalSpent: 200_000 });
    expect(await statsOf(ani._id)).toEqual({ orders: 1, totalSpent: 0 });
    expect(await statsOf(citra._id)).toEqual({ orders: 1, totalSpent: 0 });
    expect(await audits('contact_changed')).toHaveLength(2);
  });
});
