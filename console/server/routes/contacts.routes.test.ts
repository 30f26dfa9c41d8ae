import { beforeAll, describe, expect, it } from 'vitest';
import { auditModel } from '../../../domain/audit/audit.model.js';
import { productModel } from '../../../domain/catalog/product.model.js';
import { type Contact, contactModel } from '../../../domain/contacts/contact.model.js';
import { markMerge } from '../../../domain/contacts/contact-merge.use-case.js';
import { leadModel } from '../../../domain/leads/lead.model.js';
import { orderModel } from '../../../domain/orders/order.model.js';
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

describe('editing and merging contacts', () => {
  const lid = async (chatId: string, fields: Partial<Contact> = {}) =>
    (await contactModel(db.connection).create({ chatId, createdAt: now, ...fields })).toObject();
  const patch = (id: string, payload: unknown, as = headers) =>
    app.inject({ method: 'PATCH', url: `/api/contacts/${id}`, headers: as, payload: payload as object });
  const merge = (id: string, payload: unknown, as: typeof headers) =>
    app.inject({ method: 'POST', url: `/api/contacts/${id}/merge`, headers: as, payload: payload as object });

  it('edits a contact, answering the row with the edited fields, and shows them on its page', async () => {
    const response = await patch(ids.Citra!, {
      name: 'Citra Lestari',
      email: 'citra@example.com',
      notes: 'pelanggan lama',
      tags: ['Langganan', 'langganan ', 'VIP'],
      addresses: [{ label: 'rumah', text: 'Jl. Kenanga 3' }],
      optOut: true,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      changed: true,
      contact: {
        id: ids.Citra,
        name: 'Citra Lestari',
        pushName: 'Citra',
        nameConfirmed: true,
        phone: '+6281355556666',
        orders: 1,
        totalSpent: 0,
        lastOrderAt: daysAgo(10).toISOString(),
        email: 'citra@example.com',
        notes: 'pelanggan lama',
        tags: ['langganan', 'vip'],
        optOut: true,
        addresses: [{ label: 'rumah', text: 'Jl. Kenanga 3' }],
        rfm: null,
        mergedInto: null,
        erased: false,
      },
    });
    const page = (await app.inject({ method: 'GET', url: `/api/contacts/${ids.Citra}`, headers })).json();
    expect(page.contact).toMatchObject({
      email: 'citra@example.com',
      notes: 'pelanggan lama',
      tags: ['langganan', 'vip'],
      optOut: true,
    });
  });

  it('names a bad field (400), refuses a phone someone has (409) and an unknown contact (404)', async () => {
    const bad = await patch(ids.Citra!, { email: 'bukan-email' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'CONTACT.INVALID', field: 'email' });
    const unknown = await patch(ids.Citra!, { shoeSize: 42 });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({
      field: 'shoeSize',
      details: expect.stringContaining('"shoeSize"'),
    });
    const taken = await patch(ids.Citra!, { phone: '0812-3456-7890' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json()).toMatchObject({
      error: 'CONTACT.PHONE_TAKEN',
      contact: { id: ids.Budi, phone: '+6281234567890' },
    });
    expect((await patch('0123456789abcdef01234567', { name: 'X' })).statusCode).toBe(404);
  });

  it('merges for owners and managers only, answering the kept contact and what moved', async () => {
    await staffUser(db.connection, 'manager');
    const manager = await loginAs(app, 'manager');
    const budiLid = await lid('120363000000001@lid', { pushName: 'Budi', tags: ['instagram'] });
    const lidOrder = await createOrder(
      db.connection,
      {
        kind: 'catalog',
        contactId: budiLid._id,
        chatId: budiLid.chatId,
        items: [{ sku: 'mawar', qty: 1 }],
        source: 'whatsapp',
      },
      { actor: { kind: 'customer' }, at: daysAgo(0.2), timeZone: 'Asia/Jakarta' },
    );
    expect(lidOrder.ok).toBe(true);

    const forbidden = await merge(ids.Budi!, { from: String(budiLid._id) }, headers);
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error).toBe('AUTH.FORBIDDEN');

    const response = await merge(ids.Budi!, { from: String(budiLid._id) }, manager);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      changed: true,
      merged: { id: String(budiLid._id), mergedInto: ids.Budi },
      moved: { orders: 1, invoices: 0, payments: 0, leads: 0, tasks: 0, tombstones: 0 },
      closedLeadId: null,
      contact: { id: ids.Budi, name: 'Budi Santoso', orders: 2, tags: ['instagram'], mergedInto: null },
    });
    expect(await orderModel(db.connection).countDocuments({ contactId: budiLid._id })).toBe(0);
    expect(await leadModel(db.connection).countDocuments({ contactId: budiLid._id })).toBe(0);
    const again = await merge(ids.Budi!, { from: String(budiLid._id) }, manager);
    expect(again.json()).toMatchObject({ changed: false, moved: { orders: 0 } });

    const elsewhere = await merge(ids.Ani!, { from: String(budiLid._id) }, manager);
    expect(elsewhere.statusCode).toBe(409);
    expect(elsewhere.json()).toMatchObject({ error: 'CONTACT.ALREADY_MERGED', mergedInto: ids.Budi });
    const tombstone = (
      await app.inject({ method: 'GET', url: `/api/contacts/${String(budiLid._id)}`, headers })
    ).json();
    expect(tombstone.contact.mergedInto).toBe(ids.Budi);
    const listed = (await app.inject({ method: 'GET', url: '/api/contacts?view=all', headers })).json();
    expect(listed.items.map((item: { id: string }) => item.id)).not.toContain(String(budiLid._id));
    expect(listed.items.map((item: { id: string }) => item.id)).toContain(ids.Budi);
  });

  it('answers 400 for itself or a missing body field, 404 for an unknown contact, 409 for a merge under way', async () => {
    const owner = await (async () => {
      await staffUser(db.connection, 'owner');
      return loginAs(app, 'owner');
    })();
    const self = await merge(ids.Ani!, { from: ids.Ani }, owner);
    expect(self.statusCode).toBe(400);
    expect(self.json().error).toBe('CONTACT.INVALID');
    const missing = await merge(ids.Ani!, {}, owner);
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ error: 'REQUEST.INVALID', field: 'body.from' });
    expect((await merge(ids.Ani!, { from: '0123456789abcdef01234567' }, owner)).statusCode).toBe(404);

    const first = await lid('120363000000002@lid');
    const second = await lid('120363000000003@lid');
    const busy = await lid('120363000000004@lid');
    const marked = await markMerge(db.connection, first, busy, now);
    expect(marked.ok).toBe(true);
    const conflict = await merge(String(second._id), { from: String(busy._id) }, owner);
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json().error).toBe('CONTACT.MERGE_CONFLICT');
  });
});
