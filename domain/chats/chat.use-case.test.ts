import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { productModel } from '../catalog/product.model.js';
import { contactModel } from '../contacts/contact.model.js';
import { orderModel } from '../orders/order.model.js';
import { createOrder } from '../orders/order.use-case.js';
import { outboxModel } from '../outbox/outbox.model.js';
import { useTestDatabase } from '../platform/testing/database.js';
import { DEFAULT_SETTINGS } from '../settings/settings.model.js';
import { chatModel } from './chat.model.js';
import {
  expandLeadingQuickReply,
  markChatRead,
  noteCustomerMessage,
  sendStaffReply,
} from './chat.use-case.js';

const db = useTestDatabase();
const t0 = new Date('2026-11-23T03:00:00Z');
const minutes = (n: number) => new Date(t0.getTime() + n * 60_000);
const BUDI = '6281234567890@c.us';
const unreadOf = async (chatId: string) =>
  (await chatModel(db.connection).findOne({ chatId }).lean())?.unread;

beforeEach(async () => {
  await Promise.all([
    chatModel(db.connection).deleteMany({}),
    outboxModel(db.connection).deleteMany({}),
    contactModel(db.connection).deleteMany({}),
    orderModel(db.connection).deleteMany({}),
  ]);
});

describe('unread count', () => {
  it('counts every customer message, ten at once on a new chat included, and keeps the latest time', async () => {
    await Promise.all(
      Array.from({ length: 10 }, (_, index) => noteCustomerMessage(db.connection, BUDI, minutes(index))),
    );
    const chat = await chatModel(db.connection).findOne({ chatId: BUDI }).lean();
    expect(chat).toMatchObject({ unread: 10, lastMessageAt: minutes(9) });
    expect(await chatModel(db.connection).countDocuments({ chatId: BUDI })).toBe(1);
    // A late event of an older message still counts, but does not move the time back.
    await noteCustomerMessage(db.connection, BUDI, minutes(-5));
    expect(await chatModel(db.connection).findOne({ chatId: BUDI }).lean()).toMatchObject({
      unread: 11,
      lastMessageAt: minutes(9),
    });
  });

  it('goes to 0 when two staff open the chat at once, and counts what comes after', async () => {
    for (let index = 0; index < 3; index++) await noteCustomerMessage(db.connection, BUDI, minutes(index));
    expect(await Promise.all([markChatRead(db.connection, BUDI), markChatRead(db.connection, BUDI)])).toEqual(
      [true, true],
    );
    expect(await unreadOf(BUDI)).toBe(0);
    await noteCustomerMessage(db.connection, BUDI, minutes(10));
    expect(await unreadOf(BUDI)).toBe(1);
    expect(await markChatRead(db.connection, 'nobody@c.us')).toBe(false);
    expect(await chatModel(db.connection).countDocuments({ chatId: 'nobody@c.us' })).toBe(0);
  });

  it('never loses a message that arrives while staff read: reads and messages interleave to a count of the later ones', async () => {
    await noteCustomerMessage(db.connection, BUDI, minutes(0));
    const steps: Promise<unknown>[] = [];
    for (let index = 1; index <= 6; index++) {
      steps.push(noteCustomerMessage(db.connection, BUDI, minutes(index)));
      if (index % 3 === 0) steps.push(markChatRead(db.connection, BUDI));
    }
    await Promise.all(steps);
    // Whatever the order the writes landed in, the count is what came after the last read: 0 to 6, never negative.
    const unread = (await unreadOf(BUDI)) ?? -1;
    expect(unread).toBeGreaterThanOrEqual(0);
    expect(unread).toBeLessThanOrEqual(6);
    await noteCustomerMessage(db.connection, BUDI, minutes(7));
    expect(await unreadOf(BUDI)).toBe(unread + 1);
  });

  it('is cleared by a staff reply, which also pauses the bot', async () => {
    await noteCustomerMessage(db.connection, BUDI, minutes(0));
    await noteCustomerMessage(db.connection, BUDI, minutes(1));
    const sent = await sendStaffReply(
      db.connection,
      { chatId: BUDI, text: 'Siap kak', key: 'test-reply-1' },
      { at: minutes(2), pauseMinutes: 30 },
    );
    expect(sent).toEqual({ queued: true, pausedUntil: minutes(32) });
    expect(await chatModel(db.connection).findOne({ chatId: BUDI }).lean()).toMatchObject({
      unread: 0,
      pausedUntil: minutes(32),
      pauseReason: 'staff',
      lastMessageAt: minutes(1),
    });
  });
});

describe('expandLeadingQuickReply', () => {
  const settings = {
    ...DEFAULT_SETTINGS,
    paymentInstructions: 'BCA 1234567890 a.n. Toko Mawar',
    publicBaseUrl: 'https://toko.example.com',
    quickReplies: [
      { shortcut: 'rek', text: 'Kak {nama}, totalnya {total}. Transfer ke {rekening}. Cek: {link}' },
      { shortcut: 'jam', text: 'Kami buka 08.00–20.00' },
    ],
  };

  beforeAll(async () => {
    await productModel(db.connection).deleteMany({});
    await productModel(db.connection).create({
      sku: 'mawar',
      name: 'Buket Mawar',
      price: 150_000,
      createdAt: t0,
    });
  });

  async function budiWithOrder() {
    const budi = await contactModel(db.connection).create({
      chatId: BUDI,
      phone: '+6281234567890',
      name: 'Budi',
      createdAt: t0,
    });
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
      { actor: { kind: 'customer' }, at: t0, timeZone: 'Asia/Jakarta' },
    );
    if (!created.ok) throw new Error(created.details);
    return created.order;
  }

  it("fills the customer's name, open order total and tracking link, and the payment instructions", async () => {
    const order = await budiWithOrder();
    expect(await expandLeadingQuickReply(db.connection, { chatId: BUDI, text: '/rek' }, settings)).toEqual({
      ok: true,
      text: `Kak Budi, totalnya Rp300.000. Transfer ke BCA 1234567890 a.n. Toko Mawar. Cek: https://toko.example.com/track/${order.trackingToken}`,
    });
  });

  it('keeps what follows the shortcut, reads it in any case, and leaves other text alone', async () => {
    await budiWithOrder();
    const expand = (text: string) => expandLeadingQuickReply(db.connection, { chatId: BUDI, text }, settings);
    expect(await expand('/JAM\nBesok juga buka ya kak')).toEqual({
      ok: true,
      text: 'Kami buka 08.00–20.00\nBesok juga buka ya kak',
    });
    expect(await expand('  halo kak, /jam  ')).toEqual({ ok: true, text: 'halo kak, /jam' });
    expect(await expand('/jam/buka')).toEqual({ ok: true, text: '/jam/buka' });
  });

  it('refuses an unknown shortcut, naming it and the known ones', async () => {
    expect(
      await expandLeadingQuickReply(db.connection, { chatId: BUDI, text: '/diskon 10%' }, settings),
    ).toEqual({
      ok: false,
      code: 'QUICK_REPLY.UNKNOWN',
      details: 'there is no quick reply /diskon (known: /rek, /jam)',
      shortcut: '/diskon',
      known: ['/rek', '/jam'],
    });
  });

  it('leaves placeholders empty for a chat without a contact or an open order', async () => {
    expect(
      await expandLeadingQuickReply(db.connection, { chatId: 'baru@c.us', text: '/rek' }, settings),
    ).toEqual({
      ok: true,
      text: 'Kak , totalnya . Transfer ke BCA 1234567890 a.n. Toko Mawar. Cek: ',
    });
  });
});
