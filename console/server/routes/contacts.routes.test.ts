import { beforeAll, describe, expect, it } from 'vitest';
import { auditModel } from '../../../domain/audit/audit.model.js';
import { productModel } from '../../../domain/catalog/product.model.js';
import { contactModel } from '../../../domain/contacts/contact.model.js';
import { createOrder } from '../../../domain/orders/order.use-case.js';
import { useTestDatabase } from '../../../domain/platform/testing/database.js';
import type { App } from '../app.js';
import { buildTestApp, loginAs, staffUser } from '../testing/app-harness.js';

const db = useTestDatabase();
const now = new Date('2026-11-23T03:00:00Z');
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
let app: App;
let headers: { cookie: string; 'x-csrf-token': string };
const ids: Record<string, string> = {};

async function buyer(phone: string, pushName: string, orderedDaysAgo: number, nameConfirmed = false) {
  const contact = await contactModel(db.connection).create({
    chatId: `${phone.slice(1)}@c.us`,
    phone,
    pushName,
    ...(nameConfirmed && { name: pushName, nameConfirmed }),
    createdAt: daysAgo(30),
  });
  const order = await createOrder(
    db.connection,
    {
      kind: 'catalog',
      contactId: contact._id,
      chatId: contact.chatId,
      items: [{ sku: 'mawar', qty: 2 }],
      source: 'whatsapp',
    },
    { actor: { kind: 'customer' }, at: daysAgo(orderedDaysAgo), timeZone: 'Asia/Jakarta' },
  );
  if (!order.ok) throw new Error(order.details);
  ids[pushName] = String(contact._id);
}

beforeAll(async () => {
  await productModel(db.connection).create({
    sku: 'mawar',
    name: 'Buket Mawar',
    price: 150_000,
    createdAt: daysAgo(60),
  });
  await buyer('+6281234567890', 'Budi', 1);
  await buyer('+6281311112222', 'Ani', 0.5, true);
  await buyer('+6281355556666', 'Citra', 10);
  ({ app } = await buildTestApp(db.connection));
  await staffUser(db.connection, 'admin');
  headers = await loginAs(app, 'admin');
});

const names = async (url: string) =>
  (await app.inject({ method: 'GET', url, headers }))
    .json()
    .items.map((item: { pushName: string }) => item.pushName);

describe('contacts routes', () => {
  it("opens on the last two days' buyers, has the names-to-confirm queue, and finds anyone by phone", async () => {
    expect(await names('/api/contacts')).toEqual(['Ani', 'Budi']);
    expect(await names('/api/contacts?view=confirm')).toEqual(['Budi']);
    expect(await names('/api/contacts?view=all')).toEqual(['Ani', 'Budi', 'Citra']);
    expect(await names(`/api/contacts?view=all&q=${encodeURIComponent('0813-5555-6666')}`)).toEqual([
      'Citra',
    ]);
  });

  it('shows one customer with orders and top products, and confirms a real name once, audited', async () => {
    const view = (await app.inject({ method: 'GET', url: `/api/contacts/${ids.Budi}`, headers })).json();
    expect(view.contact).toMatchObject({ phone: '+6281234567890', orders: 1, nameConfirmed: false });
    expect(view.topProducts).toEqual([{ sku: 'mawar', name: 'Buket Mawar', qty: 2 }]);
    const confirm = () =>
      app.inject({
        method: 'POST',
        url: `/api/contacts/${ids.Budi}/confirm-name`,
        headers,
        payload: { name: 'Budi Santoso' },
      });
    expect((await confirm()).json()).toMatchObject({
      changed: true,
      contact: { name: 'Budi Santoso', nameConfirmed: true },
    });
    expect((await confirm()).json().changed).toBe(false);
    expect(await auditModel(db.connection).countDocuments({ action: 'name_confirmed' })).toBe(1);
    expect(await names('/api/contacts?view=confirm')).toEqual([]);
    const unknown = await app.inject({
      method: 'GET',
      url: '/api/contacts/0123456789abcdef01234567',
      headers,
    });
    expect(unknown.statusCode).toBe(404);
  });
});
