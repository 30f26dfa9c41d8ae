/**
 * Issue 12, item 2, from the console: POST /api/orders/:number/status queues exactly one customer message
 * for confirmed, ready (for pickup / to be sent), out for delivery, completed and cancelled, each with the
 * tracking link; other steps and refused moves queue none; the tracking page shows the new step.
 */
import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import { beforeAll, describe, expect, it } from 'vitest';
import { productModel } from '../../../domain/catalog/product.model.js';
import { contactModel } from '../../../domain/contacts/contact.model.js';
import type { Order } from '../../../domain/orders/order.model.js';
import { createOrder } from '../../../domain/orders/order.use-case.js';
import type { OrderStatus } from '../../../domain/orders/order-status.rules.js';
import { outboxModel } from '../../../domain/outbox/outbox.model.js';
import type { ManualClock } from '../../../domain/platform/clock.js';
import { useTestDatabase } from '../../../domain/platform/testing/database.js';
import { updateSettings } from '../../../domain/settings/settings.use-case.js';
import type { App } from '../app.js';
import { buildTestApp, loginAs, staffUser } from '../testing/app-harness.js';
import { trackingText } from '../tracking/tracking.texts.js';

const db = useTestDatabase();
const at = new Date('2026-11-23T03:00:00Z');
const system = { kind: 'system' as const };
const BASE_URL = 'https://toko.example.com';
let app: App;
let clock: ManualClock;
let headers: { cookie: string; 'x-csrf-token': string };

async function newOrder(phone: string, method: 'pickup' | 'delivery'): Promise<Order> {
  const contact = await contactModel(db.connection).create({
    chatId: `${phone.slice(1)}@c.us`,
    phone,
    name: 'Rina',
    createdAt: at,
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
    { actor: system, at, timeZone: 'Asia/Jakarta' },
  );
  if (!created.ok) throw new Error(created.details);
  return created.order;
}

/** Everything queued for this order's customer so far, oldest first. */
const queuedFor = async (order: Order) =>
  (await outboxModel(db.connection).find({ chatId: order.chatId }).sort({ createdAt: 1, _id: 1 }).lean()).map(
    (item) => item.text,
  );

/** Move the order from the console an hour later; what the route answered and what it queued. */
async function move(order: Order, to: OrderStatus) {
  clock.advance(3_600_000);
  const before = (await queuedFor(order)).length;
  const response = await app.inject({
    method: 'POST',
    url: `/api/orders/${order.number}/status`,
    headers,
    payload: { to, note: 'catatan internal' },
  });
  return { response, queued: (await queuedFor(order)).slice(before) };
}

const trackingPage = async (order: Order) =>
  (await app.inject({ method: 'GET', url: `/track/${order.trackingToken}` })).body;
const step = (status: OrderStatus) => trackingText('id', `status.${status}`);
const shopTime = (instant: Date) => format(instant, 'd/M/yyyy HH:mm', { in: tz('Asia/Jakarta') });

/** The route moved it, one notice with the tracking link was queued, and the page shows the step. */
async function expectNotice(order: Order, to: OrderStatus, says: string) {
  const { response, queued } = await move(order, to);
  expect(response.statusCode).toBe(200);
  expect(response.json()).toMatchObject({ changed: true, order: { status: to } });
  expect(queued).toHaveLength(1);
  expect(queued[0]).toContain(says);
  expect(queued[0]).toContain(`*${order.number}*`);
  expect(queued[0]).toContain(`${BASE_URL}/track/${order.trackingToken}`);
  expect(queued[0]).not.toContain('catatan internal');
  await expectTrackingStep(order, to);
}

async function expectTrackingStep(order: Order, to: OrderStatus) {
  const page = await trackingPage(order);
  expect(page).toContain(`<span class="status">${step(to)}</span>`);
  expect(page).toContain(`${shopTime(clock.now())} — ${step(to)}`);
}

beforeAll(async () => {
  await productModel(db.connection).create({
    sku: 'mawar',
    name: 'Buket Mawar',
    price: 150_000,
    createdAt: at,
  });
  await updateSettings(
    db.connection,
    { shopName: 'Toko Bunga Melati', publicBaseUrl: BASE_URL },
    { actor: system, at },
  );
  ({ app, clock } = await buildTestApp(db.connection));
  await staffUser(db.connection, 'admin');
  headers = await loginAs(app, 'admin');
});

describe('status messages from the console (issue 12)', () => {
  it('a delivery order: confirmed, ready, out for delivery and completed each queue one message with the link', async () => {
    const order = await newOrder('+6281234567001', 'delivery');
    await expectNotice(order, 'confirmed', 'sudah dikonfirmasi');
    const working = await move(order, 'in_progress');
    expect(working.response.statusCode).toBe(200);
    expect(working.queued).toEqual([]);
    await expectTrackingStep(order, 'in_progress');
    await expectNotice(order, 'ready', 'sudah siap dan akan segera dikirim');
    await expectNotice(order, 'out_for_delivery', 'sedang dikirim');
    await expectNotice(order, 'completed', 'selesai');
    expect(await queuedFor(order)).toHaveLength(4);
  });

  it('a pickup order: "siap diambil", never out for delivery, then completed', async () => {
    const order = await newOrder('+6281234567002', 'pickup');
    await expectNotice(order, 'confirmed', 'sudah dikonfirmasi');
    await move(order, 'in_progress');
    await expectNotice(order, 'ready', 'sudah siap diambil');
    const refused = await move(order, 'out_for_delivery');
    expect(refused.response.statusCode).toBe(409);
    expect(refused.response.json()).toMatchObject({
      error: 'ORDER.ILLEGAL_TRANSITION',
      allowed: ['completed', 'cancelled'],
    });
    expect(refused.queued).toEqual([]);
    expect(await trackingPage(order)).not.toContain(step('out_for_delivery'));
    await expectNotice(order, 'completed', 'selesai');
  });

  it('a cancellation queues one message with the link', async () => {
    const order = await newOrder('+6281234567003', 'delivery');
    await expectNotice(order, 'cancelled', 'dibatalkan');
  });

  it('an illegal move or no move at all queues nothing', async () => {
    const order = await newOrder('+6281234567004', 'delivery');
    const skip = await move(order, 'completed');
    expect(skip.response.statusCode).toBe(409);
    expect(skip.response.json()).toMatchObject({ error: 'ORDER.ILLEGAL_TRANSITION' });
    expect(skip.queued).toEqual([]);
    await expectNotice(order, 'confirmed', 'sudah dikonfirmasi');
    const again = await move(order, 'confirmed');
    expect(again.response.statusCode).toBe(200);
    expect(again.response.json()).toMatchObject({ changed: false });
    expect(again.queued).toEqual([]);
    await move(order, 'cancelled');
    const afterFinal = await move(order, 'confirmed');
    expect(afterFinal.response.statusCode).toBe(409);
    expect(afterFinal.queued).toEqual([]);
    expect(await queuedFor(order)).toHaveLength(2);
  });
});
