/**
 * Issue 12, item 2, from WhatsApp: the admin `status` command queues exactly one customer message for
 * confirmed, ready (for pickup / to be sent), out for delivery (delivery orders only), completed and
 * cancelled, each with the tracking link; other steps and refused moves queue none. The order's timeline
 * (what the tracking page lists) gets the step.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactForPhone } from '../../domain/contacts/contact.use-case.js';
import { type Order, orderModel } from '../../domain/orders/order.model.js';
import { createOrder } from '../../domain/orders/order.use-case.js';
import type { OrderStatus } from '../../domain/orders/order-status.rules.js';
import { outboxModel } from '../../domain/outbox/outbox.model.js';
import { useTestDatabase } from '../../domain/platform/testing/database.js';
import {
  ADMIN,
  actor,
  BASE_URL,
  chatOf,
  onlyReply,
  openShop,
  phoneOf,
  type Shop,
  START,
  ZONE,
} from './testing/harness.js';

const db = useTestDatabase();
let shop: Shop;

beforeAll(async () => {
  shop = await openShop(db.connection);
});
afterAll(async () => {
  await shop.stop();
});

async function newOrder(phone: string, method: 'pickup' | 'delivery'): Promise<Order> {
  const { contact } = await contactForPhone(db.connection, {
    phone: phoneOf(phone),
    name: 'Rina',
    at: START,
    actor,
  });
  const created = await createOrder(
    db.connection,
    {
      kind: 'catalog',
      contactId: contact._id,
      chatId: contact.chatId,
      items: [{ sku: 'mawar', qty: 1 }],
      fulfilment: { method, ...(method === 'delivery' && { address: 'Jl. Melati 5 Bandung' }) },
      source: 'whatsapp',
    },
    { actor, at: START, timeZone: ZONE },
  );
  if (!created.ok) throw new Error(created.details);
  return created.order;
}

/** An admin types `status <number> <word>`; the admin's answer and what the customer got meanwhile. */
async function command(order: Order, customer: string, word: string) {
  const queuedBefore = await outboxModel(db.connection).countDocuments({ chatId: order.chatId });
  const sent = await shop.write(ADMIN, `status ${order.number} ${word} catatan internal`);
  const queued = (await outboxModel(db.connection).countDocuments({ chatId: order.chatId })) - queuedBefore;
  return {
    reply: onlyReply(sent, ADMIN),
    toCustomer: sent.filter((message) => message.chatId === chatOf(customer)).map((message) => message.text),
    queued,
  };
}

/** One message with the tracking link, queued and sent; the order's timeline ends with the step. */
async function expectNotice(order: Order, customer: string, word: string, to: OrderStatus, says: string) {
  const { reply, toCustomer, queued } = await command(order, customer, word);
  expect(reply).toContain(`→ ${to}`);
  expect(queued).toBe(1);
  expect(toCustomer).toHaveLength(1);
  expect(toCustomer[0]).toContain(says);
  expect(toCustomer[0]).toContain(`${BASE_URL}/track/${order.trackingToken}`);
  expect(toCustomer[0]).not.toContain('catatan internal');
  await expectStep(order, to);
}

async function expectStep(order: Order, to: OrderStatus) {
  const stored = await orderModel(db.connection).findOne({ number: order.number }).lean<Order>();
  expect(stored?.status).toBe(to);
  expect(stored?.timeline.at(-1)).toMatchObject({ status: to, at: shop.clock.now() });
}

describe('status messages from the admin `status` command (issue 12)', () => {
  it('a delivery order: dikonfirmasi, siap, dikirim, selesai each send one message with the link', async () => {
    const customer = '081234567101';
    const order = await newOrder(customer, 'delivery');
    await expectNotice(order, customer, 'dikonfirmasi', 'confirmed', 'sudah dikonfirmasi');
    const working = await command(order, customer, 'proses');
    expect(working.queued).toBe(0);
    expect(working.toCustomer).toEqual([]);
    await expectStep(order, 'in_progress');
    await expectNotice(order, customer, 'siap', 'ready', 'sudah siap dan akan segera dikirim');
    await expectNotice(order, customer, 'dikirim', 'out_for_delivery', 'sedang dikirim');
    await expectNotice(order, customer, 'selesai', 'completed', 'selesai');
    expect(shop.sentTo(customer)).toHaveLength(4);
  });

  it('a pickup order hears "siap diambil" and can never be sent out', async () => {
    const customer = '081234567102';
    const order = await newOrder(customer, 'pickup');
    await expectNotice(order, customer, 'confirmed', 'confirmed', 'sudah dikonfirmasi');
    await command(order, customer, 'in_progress');
    await expectNotice(order, customer, 'ready', 'ready', 'sudah siap diambil');
    const refused = await command(order, customer, 'otw');
    expect(refused.reply).toBe(
      `Pesanan ${order.number} tidak bisa dari ready ke out_for_delivery. Bisa ke: completed, cancelled.`,
    );
    expect(refused.queued).toBe(0);
    expect(refused.toCustomer).toEqual([]);
    await expectNotice(order, customer, 'done', 'completed', 'selesai');
  });

  it('a cancellation sends one message with the link', async () => {
    const customer = '081234567103';
    const order = await newOrder(customer, 'delivery');
    await expectNotice(order, customer, 'batal', 'cancelled', 'dibatalkan');
  });

  it('an illegal move, or the status it already has, sends nothing', async () => {
    const customer = '081234567104';
    const order = await newOrder(customer, 'delivery');
    const skip = await command(order, customer, 'selesai');
    expect(skip.reply).toContain('tidak bisa dari pending ke completed');
    expect(skip.queued).toBe(0);
    expect(skip.toCustomer).toEqual([]);
    await expectNotice(order, customer, 'confirmed', 'confirmed', 'sudah dikonfirmasi');
    const again = await command(order, customer, 'confirmed');
    expect(again.reply).toContain('memang sudah confirmed');
    expect(again.queued).toBe(0);
    expect(shop.sentTo(customer)).toHaveLength(1);
  });
});
