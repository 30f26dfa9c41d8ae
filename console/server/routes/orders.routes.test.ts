import { beforeAll, describe, expect, it } from 'vitest';
import { productModel } from '../../../domain/catalog/product.model.js';
import { botPauseOf } from '../../../domain/chats/chat.use-case.js';
import { contactModel } from '../../../domain/contacts/contact.model.js';
import { createOrder } from '../../../domain/orders/order.use-case.js';
import { outboxModel } from '../../../domain/outbox/outbox.model.js';
import { useTestDatabase } from '../../../domain/platform/testing/database.js';
import type { App } from '../app.js';
import { buildTestApp, loginAs, staffUser } from '../testing/app-harness.js';

const db = useTestDatabase();
const at = new Date('2026-11-20T03:00:00Z');
let app: App;
let headers: { cookie: string; 'x-csrf-token': string };

async function customer(phone: string, name: string) {
  return contactModel(db.connection).create({ chatId: `${phone.slice(1)}@c.us`, phone, name, createdAt: at });
}

beforeAll(async () => {
  await productModel(db.connection).create({
    sku: 'mawar',
    name: 'Buket Mawar',
    price: 150_000,
    createdAt: at,
  });
  const budi = await customer('+6281234567890', 'Budi');
  const ani = await customer('+6281311112222', 'Ani');
  // 26 orders of Ani over two days, one of Budi: 27 in all, two pages.
  for (let i = 0; i < 27; i++) {
    const who = i === 0 ? budi : ani;
    const created = await createOrder(
      db.connection,
      {
        kind: 'catalog',
        contactId: who._id,
        chatId: who.chatId,
        customerName: who.name,
        items: [{ sku: 'mawar', qty: 1 + (i % 3) }],
        fulfilment: { method: 'pickup' },
        source: 'whatsapp',
      },
      { actor: { kind: 'customer' }, at: new Date(at.getTime() + i * 3_600_000), timeZone: 'Asia/Jakarta' },
    );
    if (!created.ok) throw new Error(created.details);
  }
  ({ app } = await buildTestApp(db.connection));
  await staffUser(db.connection, 'admin');
  headers = await loginAs(app, 'admin');
});

const get = (url: string) => app.inject({ method: 'GET', url, headers });

describe('orders routes', () => {
  it('pages the list 25 at a time, newest first, with counts per status', async () => {
    const first = (await get('/api/orders')).json();
    expect(first).toMatchObject({ total: 27, page: 1, pageSize: 25 });
    expect(first.items).toHaveLength(25);
    expect(first.items[0].number).toBe('ORD-202611-0027');
    expect(first.counts.pending).toBe(27);
    const second = (await get('/api/orders?page=2')).json();
    expect(second.items.map((order: { number: string }) => order.number)).toEqual([
      'ORD-202611-0002',
      'ORD-202611-0001',
    ]);
  });

  it('finds a customer’s orders by a phone typed another way, by number, and by shop-local dates', async () => {
    const byPhone = (await get(`/api/orders?q=${encodeURIComponent('0812-3456-7890')}`)).json();
    expect(byPhone.items.map((order: { customer: string }) => order.customer)).toEqual(['Budi']);
    expect((await get('/api/orders?q=ord-202611-0005')).json().items).toHaveLength(1);
    // 20/11 10:00 WIB + 13 h = 20/11 23:00 WIB is still the 20th; orders from the 14th hour on are the 21st.
    expect((await get('/api/orders?from=2026-11-20&to=2026-11-20')).json().total).toBe(14);
  });

  it('refuses a bad filter by naming it', async () => {
    const response = await get('/api/orders?status=shipped');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'REQUEST.INVALID', field: 'query.status' });
  });

  it('shows one order with its next statuses, and 404s an unknown one', async () => {
    const detail = (await get('/api/orders/ORD-202611-0001')).json();
    expect(detail.customer).toEqual({ name: 'Budi', phone: '+6281234567890' });
    expect(detail.nextStatuses).toEqual(['confirmed', 'cancelled']);
    const unknown = await get('/api/orders/ORD-202611-0999');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error).toBe('ORDER.NOT_FOUND');
  });

  it('moves an order along legal steps only, and the customer’s notice is queued', async () => {
    const skip = await app.inject({
      method: 'POST',
      url: '/api/orders/ORD-202611-0001/status',
      headers,
      payload: { to: 'completed' },
    });
    expect(skip.statusCode).toBe(409);
    expect(skip.json()).toMatchObject({
      error: 'ORDER.ILLEGAL_TRANSITION',
      allowed: ['confirmed', 'cancelled'],
    });
    const confirm = await app.inject({
      method: 'POST',
      url: '/api/orders/ORD-202611-0001/status',
      headers,
      payload: { to: 'confirmed' },
    });
    expect(confirm.statusCode).toBe(200);
    expect(confirm.json()).toMatchObject({ changed: true, order: { status: 'confirmed' } });
    const notice = await outboxModel(db.connection)
      .findOne({ chatId: '6281234567890@c.us', key: /^status:ORD-202611-0001:confirmed/ })
      .lean();
    expect(notice?.text).toContain('sudah dikonfirmasi');
  });

  it('sends a reply to the customer through the outbox once per request, and pauses the bot there', async () => {
    const payload = {
      text: 'Halo kak, buketnya siap besok ya',
      requestId: '0b7e2a52-6a53-4d6a-9a66-2f7d1c1b9e11',
    };
    const first = await app.inject({
      method: 'POST',
      url: '/api/orders/ORD-202611-0001/reply',
      headers,
      payload,
    });
    const again = await app.inject({
      method: 'POST',
      url: '/api/orders/ORD-202611-0001/reply',
      headers,
      payload,
    });
    expect([first.json().queued, again.json().queued]).toEqual([true, false]);
    const queued = await outboxModel(db.connection)
      .find({ chatId: '6281234567890@c.us', origin: 'staff' })
      .lean();
    expect(queued.map((item) => item.text)).toEqual([payload.text]);
    expect(
      await botPauseOf(db.connection, '6281234567890@c.us', new Date(at.getTime() + 60_000)),
    ).toMatchObject({ reason: 'staff' });
  });

  it('lists what still waits to be sent to the customer on the order page', async () => {
    const detail = (await get('/api/orders/ORD-202611-0001')).json();
    expect(detail.queued.map((item: { text: string }) => item.text)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('sudah dikonfirmasi'),
        'Halo kak, buketnya siap besok ya',
      ]),
    );
    expect(detail.queued.every((item: { state: string }) => item.state === 'pending')).toBe(true);
  });

  it('edits discount and delivery fee of an open order with the total recomputed, and names a bad field', async () => {
    const patch = (payload: Record<string, number>) =>
      app.inject({ method: 'PATCH', url: '/api/orders/ORD-202611-0001', headers, payload });
    const edited = await patch({ discount: 20_000, shippingFee: 15_000 });
    expect(edited.statusCode).toBe(200);
    // Budi's order: 1 × Rp 150.000 − 20.000 + 15.000.
    expect(edited.json().order).toMatchObject({
      subtotal: 150_000,
      discount: 20_000,
      shippingFee: 15_000,
      total: 145_000,
    });
    const bad = await patch({ discount: -5 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details).toContain('discount');
    expect((await get('/api/orders/ORD-202611-0001')).json().order.total).toBe(145_000);
  });

  it('answers an unchanged list with 304 to a poll that sends its ETag', async () => {
    const first = await get('/api/orders?status=pending');
    const etag = first.headers.etag;
    expect(etag).toMatch(/^W\//);
    const again = await app.inject({
      method: 'GET',
      url: '/api/orders?status=pending',
      headers: { ...headers, 'if-none-match': String(etag) },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    await app.inject({
      method: 'POST',
      url: '/api/orders/ORD-202611-0002/status',
      headers,
      payload: { to: 'confirmed' },
    });
    const changed = await app.inject({
      method: 'GET',
      url: '/api/orders?status=pending',
      headers: { ...headers, 'if-none-match': String(etag) },
    });
    expect(changed.statusCode).toBe(200);
  });

  it('gives an order to a colleague from the staff list, filters by assignee, and refuses a stranger', async () => {
    const staff = (await get('/api/staff')).json().staff as { id: string; name: string }[];
    const admin = staff.find((user) => user.name === 'Test admin');
    expect(admin).toBeDefined();
    const assign = (assigneeId: string | null) =>
      app.inject({
        method: 'POST',
        url: '/api/orders/ORD-202611-0003/assignee',
        headers,
        payload: { assigneeId },
      });
    const given = await assign(admin?.id ?? '');
    expect(given.json()).toMatchObject({
      changed: true,
      order: { number: 'ORD-202611-0003', assignee: admin?.id },
    });
    expect((await assign(admin?.id ?? '')).json().changed).toBe(false);
    expect(
      (await get(`/api/orders?assignee=${admin?.id}`))
        .json()
        .items.map((order: { number: string }) => order.number),
    ).toEqual(['ORD-202611-0003']);
    const stranger = await assign('0123456789abcdef01234567');
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().error).toBe('ORDER.INVALID_ASSIGNEE');
    expect((await assign(null)).json().order.assignee).toBeNull();
  });
});
