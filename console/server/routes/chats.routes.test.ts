import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { productModel } from '../../../domain/catalog/product.model.js';
import { chatModel } from '../../../domain/chats/chat.model.js';
import { noteCustomerMessage, pauseBot } from '../../../domain/chats/chat.use-case.js';
import { contactModel } from '../../../domain/contacts/contact.model.js';
import { flagForStaff } from '../../../domain/messages/attention.use-case.js';
import { type Message, messageModel } from '../../../domain/messages/message.model.js';
import { type Order, orderModel } from '../../../domain/orders/order.model.js';
import { createOrder } from '../../../domain/orders/order.use-case.js';
import { outboxModel } from '../../../domain/outbox/outbox.model.js';
import { useTestDatabase } from '../../../domain/platform/testing/database.js';
import { updateSettings } from '../../../domain/settings/settings.use-case.js';
import { userModel } from '../../../domain/users/user.model.js';
import type { App } from '../app.js';
import { buildTestApp, loginAs, staffUser } from '../testing/app-harness.js';
import { chatsRoutes } from './chats.routes.js';

const db = useTestDatabase();
let app: App;
let admin: { cookie: string; 'x-csrf-token': string };
let manager: { cookie: string; 'x-csrf-token': string };

const BUDI = '6281234567890@c.us';
const ANI = '6285711112222@c.us';
/** The owner's own WhatsApp: their commands are no customer chat. */
const OWNER_CHAT = '6281999990000@c.us';
const system = { kind: 'system' as const, name: 'test' };
/** 10:00 WIB on 23 November 2026, the test app's clock. */
const t0 = Date.parse('2026-11-23T03:00:00Z');
const minute = (n: number) => new Date(t0 + n * 60_000);

beforeAll(async () => {
  ({ app } = await buildTestApp(db.connection));
  const owner = await staffUser(db.connection, 'owner');
  await userModel(db.connection).updateOne({ _id: owner._id }, { $set: { whatsapp: '+6281999990000' } });
  await staffUser(db.connection, 'admin');
  await staffUser(db.connection, 'manager');
  admin = await loginAs(app, 'admin');
  manager = await loginAs(app, 'manager');
  const settings = await updateSettings(
    db.connection,
    {
      paymentInstructions: 'BCA 1234567890 a.n. Toko Mawar',
      publicBaseUrl: 'https://toko.example.com',
      quickReplies: [
        { shortcut: 'rek', text: 'Kak {nama}, totalnya {total}. Transfer ke {rekening} ya. Lacak: {link}' },
        { shortcut: 'jam', text: 'Kami buka 08.00–20.00' },
      ],
    },
    { actor: system, at: minute(-60) },
  );
  if (!settings.ok) throw new Error(settings.details);
  await productModel(db.connection).create({
    sku: 'mawar',
    name: 'Buket Mawar',
    price: 150_000,
    createdAt: minute(-60),
  });
});

beforeEach(async () => {
  const { connection } = db;
  await Promise.all([
    messageModel(connection).deleteMany({}),
    contactModel(connection).deleteMany({}),
    orderModel(connection).deleteMany({}),
    outboxModel(connection).deleteMany({}),
    chatModel(connection).deleteMany({}),
  ]);
});

let seq = 0;

/** A message in a chat at `at` minutes after 10:00 WIB; a customer's also counts as unread, as the inbox does. */
async function says(
  chatId: string,
  at: number,
  body: string,
  fields: Partial<Message> = {},
): Promise<string> {
  const waId = `W${++seq}`;
  const direction = fields.direction ?? 'in';
  await messageModel(db.connection).create({
    waId,
    chatId,
    direction,
    author: direction === 'in' ? 'customer' : 'bot',
    type: 'text',
    body,
    sentAt: minute(at),
    receivedAt: minute(at),
    ...fields,
  });
  if (direction === 'in') await noteCustomerMessage(db.connection, chatId, minute(at));
  return waId;
}

async function contact(chatId: string, fields: { name?: string; pushName?: string; phone?: string }) {
  return contactModel(db.connection).create({ chatId, ...fields, createdAt: minute(-30) });
}

/** Budi, who has an open order of two bouquets (Rp300.000). */
async function budiWithOrder(): Promise<Order> {
  const budi = await contact(BUDI, { name: 'Budi', phone: '+6281234567890' });
  const created = await createOrder(
    db.connection,
    {
      kind: 'catalog',
      contactId: budi._id,
      chatId: BUDI,
      customerName: 'Budi',
      items: [{ sku: 'mawar', qty: 2 }],
      fulfilment: { method: 'pickup' },
      source: 'whatsapp',
    },
    { actor: { kind: 'customer' }, at: minute(-20), timeZone: 'Asia/Jakarta' },
  );
  if (!created.ok) throw new Error(created.details);
  return created.order;
}

const get = (url: string, headers = admin) => app.inject({ method: 'GET', url, headers });
const post = (url: string, payload: object = {}, headers = admin) =>
  app.inject({ method: 'POST', url, headers, payload });
const chatUrl = (chatId: string, tail = '') => `/api/chats/${encodeURIComponent(chatId)}${tail}`;
const unreadOf = async (chatId: string) =>
  (await chatModel(db.connection).findOne({ chatId }).lean())?.unread;

describe('GET /api/chats', () => {
  it('lists customer chats newest first with their contact, unread count and latest message, and the unread total', async () => {
    await contact(BUDI, { name: 'Budi', pushName: 'budi_k', phone: '+6281234567890' });
    await contact(ANI, { pushName: 'Ani' });
    await says(BUDI, 1, 'kak mau pesan buket');
    await says(BUDI, 2, 'yang merah ya');
    await says(ANI, 5, 'halo');
    await says(ANI, 6, 'Halo kak, ada yang bisa dibantu?', { direction: 'out', author: 'bot' });
    await says('6287700001111@c.us', 3, 'katalog');
    // The owner typing commands to the bot is not a customer writing.
    await says(OWNER_CHAT, 7, 'laporan hari ini');
    await markRead('6287700001111@c.us');

    const response = await get('/api/chats');
    expect(response.statusCode).toBe(200);
    const answer = chatsRoutes[0]!.response!.parse(response.json());
    expect(answer).toEqual({
      items: [
        {
          chatId: ANI,
          contact: { id: expect.any(String), name: 'Ani', phone: null },
          unread: 1,
          lastMessageAt: minute(5).toISOString(),
          lastMessage: {
            body: 'Halo kak, ada yang bisa dibantu?',
            type: 'text',
            direction: 'out',
            author: 'bot',
            sentAt: minute(6).toISOString(),
          },
        },
        {
          chatId: '6287700001111@c.us',
          contact: null,
          unread: 0,
          lastMessageAt: minute(3).toISOString(),
          lastMessage: expect.objectContaining({ body: 'katalog', direction: 'in', author: 'customer' }),
        },
        {
          chatId: BUDI,
          contact: { id: expect.any(String), name: 'Budi', phone: '+6281234567890' },
          unread: 2,
          lastMessageAt: minute(2).toISOString(),
          lastMessage: expect.objectContaining({ body: 'yang merah ya' }),
        },
      ],
      total: 3,
      page: 1,
      pageSize: 25,
      totalUnread: 3,
    });

    const unread = (await get('/api/chats?unread=true')).json();
    expect(unread.items.map((chat: { chatId: string }) => chat.chatId)).toEqual([ANI, BUDI]);
    expect(unread).toMatchObject({ total: 2, totalUnread: 3 });
    expect((await get('/api/chats?unread=false')).json().total).toBe(3);
  });

  it('pages 25 chats at a time', async () => {
    for (let index = 0; index < 27; index++)
      await says(`62811000000${String(index).padStart(2, '0')}@c.us`, index, 'p');
    const first = (await get('/api/chats')).json();
    expect(first).toMatchObject({ total: 27, page: 1, pageSize: 25, totalUnread: 27 });
    expect(first.items).toHaveLength(25);
    expect(first.items[0].chatId).toBe('6281100000026@c.us');
    const second = (await get('/api/chats?page=2')).json();
    expect(second.items.map((chat: { chatId: string }) => chat.chatId)).toEqual([
      '6281100000001@c.us',
      '6281100000000@c.us',
    ]);
  });

  it('refuses a bad filter by naming it', async () => {
    const response = await get('/api/chats?unread=ya');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'REQUEST.INVALID', field: 'query.unread' });
  });
});

async function markRead(chatId: string, headers = admin) {
  return post(chatUrl(chatId, '/read'), {}, headers);
}

describe('GET /api/chats/:chatId', () => {
  it('shows the thread (the last 100 messages, oldest first), the contact, what is queued and the bot pause, and reads nothing', async () => {
    await contact(BUDI, { pushName: 'Budi', phone: '+6281234567890' });
    for (let index = 0; index < 105; index++) await says(BUDI, index, `pesan ${index}`);
    await pauseBot(db.connection, BUDI, minute(200), 'handover');

    const response = await get(chatUrl(BUDI));
    expect(response.statusCode).toBe(200);
    const chat = response.json();
    expect(chat).toMatchObject({
      chatId: BUDI,
      unread: 105,
      lastMessageAt: minute(104).toISOString(),
      contact: { name: 'Budi', phone: '+6281234567890' },
      queued: [],
      pausedUntil: minute(200).toISOString(),
      pauseReason: 'handover',
    });
    expect(chat.messages).toHaveLength(100);
    expect(chat.messages[0]).toEqual({
      direction: 'in',
      author: 'customer',
      type: 'text',
      body: 'pesan 5',
      sentAt: minute(5).toISOString(),
      delivery: null,
    });
    expect(chat.messages.at(-1).body).toBe('pesan 104');
    expect(await unreadOf(BUDI)).toBe(105);
  });

  it('answers 404 for a chat the shop does not know and 400 for something that is no chat id', async () => {
    const unknown = await get(chatUrl('6280000000000@c.us'));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: 'CHAT.NOT_FOUND', chatId: '6280000000000@c.us' });
    const bad = await get('/api/chats/halo');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'REQUEST.INVALID', field: 'params.chatId' });
  });

  it('shows a chat of a contact who never wrote (an order taken by phone)', async () => {
    await contact(ANI, { name: 'Ani' });
    expect((await get(chatUrl(ANI))).json()).toMatchObject({
      chatId: ANI,
      unread: 0,
      lastMessageAt: null,
      messages: [],
      pausedUntil: null,
      pauseReason: null,
    });
  });
});

describe('POST /api/chats/:chatId/read', () => {
  it('clears the unread count, also when two staff open the chat at once, and counts what comes after', async () => {
    await says(BUDI, 1, 'halo');
    await says(BUDI, 2, 'kak?');
    const [first, second] = await Promise.all([markRead(BUDI), markRead(BUDI, manager)]);
    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
    expect(first.json()).toEqual({ chatId: BUDI, unread: 0 });
    expect(await unreadOf(BUDI)).toBe(0);
    await says(BUDI, 3, 'jadi bisa?');
    expect((await get('/api/chats')).json()).toMatchObject({ totalUnread: 1, items: [{ unread: 1 }] });
  });

  it('keeps every message that arrives while staff read: the count is what came after the last read', async () => {
    await says(BUDI, 0, 'a');
    await Promise.all([says(BUDI, 1, 'b'), markRead(BUDI), says(BUDI, 2, 'c'), markRead(BUDI, manager)]);
    const unread = (await unreadOf(BUDI)) ?? -1;
    expect(unread).toBeGreaterThanOrEqual(0);
    expect(unread).toBeLessThanOrEqual(2);
    await says(BUDI, 3, 'd');
    expect(await unreadOf(BUDI)).toBe(unread + 1);
  });

  it('answers 404 for an unknown chat and makes none', async () => {
    const response = await markRead('6280000000000@c.us');
    expect(response.statusCode).toBe(404);
    expect(await chatModel(db.connection).countDocuments()).toBe(0);
  });
});

describe('POST /api/chats/:chatId/reply', () => {
  it('expands a leading quick reply for the customer, sends it once per request, clears unread and closes the inbox items', async () => {
    const order = await budiWithOrder();
    const flaggedId = await says(BUDI, 1, 'mau ngomong sama admin');
    await flagForStaff(db.connection, flaggedId, 'handover', minute(1));
    await says(BUDI, 2, 'halo?');
    const payload = { text: '/rek\nTerima kasih 🙏', requestId: '4f0c8a52-1b3e-4e6a-9a66-2f7d1c1b9e11' };

    const response = await post(chatUrl(BUDI, '/reply'), payload);
    expect(response.statusCode).toBe(200);
    const expanded = `Kak Budi, totalnya Rp300.000. Transfer ke BCA 1234567890 a.n. Toko Mawar ya. Lacak: https://toko.example.com/track/${order.trackingToken}\nTerima kasih 🙏`;
    expect(response.json()).toEqual({
      queued: true,
      text: expanded,
      botPausedUntil: expect.any(String),
      unread: 0,
      resolved: 1,
    });
    expect(await unreadOf(BUDI)).toBe(0);
    expect((await post(chatUrl(BUDI, '/reply'), payload, manager)).json().queued).toBe(false);
    const sent = await outboxModel(db.connection).find({ chatId: BUDI, origin: 'staff' }).lean();
    expect(sent.map((item) => item.text)).toEqual([expanded]);
    expect((await get(chatUrl(BUDI))).json()).toMatchObject({
      unread: 0,
      pauseReason: 'staff',
      queued: [{ text: expanded, origin: 'staff', state: 'pending' }],
    });
    expect((await get('/api/inbox')).json().total).toBe(0);
  });

  it('refuses an unknown quick reply with the known ones and sends nothing', async () => {
    await budiWithOrder();
    await says(BUDI, 1, 'halo');
    const response = await post(chatUrl(BUDI, '/reply'), { text: '/diskon 10% ya kak' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: 'CHAT.UNKNOWN_QUICK_REPLY',
      details: 'there is no quick reply /diskon (known: /rek, /jam)',
      shortcut: '/diskon',
      known: ['/rek', '/jam'],
    });
    expect(await outboxModel(db.connection).countDocuments()).toBe(0);
    expect(await unreadOf(BUDI)).toBe(1);
  });

  it('sends plain text as written and refuses an unknown chat', async () => {
    await says(ANI, 1, 'halo');
    const plain = await post(chatUrl(ANI, '/reply'), { text: ' Halo kak, /jam buka kami 08.00 ' });
    expect(plain.json()).toMatchObject({ queued: true, text: 'Halo kak, /jam buka kami 08.00', resolved: 0 });
    const unknown = await post(chatUrl('6280000000000@c.us', '/reply'), { text: 'halo' });
    expect(unknown.statusCode).toBe(404);
    expect(await outboxModel(db.connection).countDocuments({ chatId: '6280000000000@c.us' })).toBe(0);
  });
});

describe('quick replies in the other reply boxes', () => {
  it('expands them in an order reply, and refuses an unknown one there', async () => {
    const order = await budiWithOrder();
    await says(BUDI, 1, 'kak total berapa?');
    const url = `/api/orders/${order.number}/reply`;
    const reply = await post(url, { text: '/REK' });
    expect(reply.statusCode).toBe(200);
    expect(reply.json().text).toBe(
      `Kak Budi, totalnya Rp300.000. Transfer ke BCA 1234567890 a.n. Toko Mawar ya. Lacak: https://toko.example.com/track/${order.trackingToken}`,
    );
    expect(await unreadOf(BUDI)).toBe(0);
    const unknown = await post(url, { text: '/ongkir' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ error: 'CHAT.UNKNOWN_QUICK_REPLY', shortcut: '/ongkir' });
    expect(await outboxModel(db.connection).countDocuments({ origin: 'staff' })).toBe(1);
  });

  it('expands them in an inbox reply; an unknown one leaves the item open and sends nothing', async () => {
    await budiWithOrder();
    const waId = await says(BUDI, 1, 'jam berapa buka?');
    await flagForStaff(db.connection, waId, 'unclear', minute(1));
    const inboxReply = (text: string) => post(`/api/inbox/${waId}/reply`, { text });
    const unknown = await inboxReply('/buka');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ error: 'CHAT.UNKNOWN_QUICK_REPLY', known: ['/rek', '/jam'] });
    expect((await get('/api/inbox')).json().total).toBe(1);
    expect(await outboxModel(db.connection).countDocuments()).toBe(0);
    const reply = await inboxReply('/jam');
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toMatchObject({ queued: true, text: 'Kami buka 08.00–20.00', resolved: 1 });
    expect(await unreadOf(BUDI)).toBe(0);
  });
});

describe('GET /api/quick-replies and the dashboard', () => {
  it('gives every signed-in role the quick replies', async () => {
    const response = await get('/api/quick-replies');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      quickReplies: [
        { shortcut: 'rek', text: 'Kak {nama}, totalnya {total}. Transfer ke {rekening} ya. Lacak: {link}' },
        { shortcut: 'jam', text: 'Kami buka 08.00–20.00' },
      ],
    });
  });

  it('shows the unread total on the dashboard, without the staff’s own chats', async () => {
    await says(BUDI, 1, 'a');
    await says(BUDI, 2, 'b');
    await says(ANI, 3, 'c');
    await says(OWNER_CHAT, 4, 'tasks');
    expect((await get('/api/dashboard')).json().unreadChats).toBe(3);
    await markRead(BUDI);
    expect((await get('/api/dashboard')).json().unreadChats).toBe(1);
  });
});
