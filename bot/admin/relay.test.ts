import { afterEach, describe, expect, it } from 'vitest';
import { chatModel } from '../../domain/chats/chat.model.js';
import { contactModel } from '../../domain/contacts/contact.model.js';
import { messageModel } from '../../domain/messages/message.model.js';
import { outboxModel } from '../../domain/outbox/outbox.model.js';
import { useTestDatabase } from '../../domain/platform/testing/database.js';
import { ADMIN, BUDI, chatOf, OWNER, onlyReply, openShop, placeOrder, type Shop } from './testing/harness.js';

const db = useTestDatabase();
let shop: Shop | undefined;
afterEach(async () => {
  await shop?.stop();
  shop = undefined;
});

const QUICK = {
  quickReplies: [
    { shortcut: 'rek', text: 'Halo kak {nama}, totalnya {total}. Transfer ke {rekening} ya 🙏' },
  ],
  paymentInstructions: 'BCA 1234567890 a.n. Toko Mawar',
  handoverTimeoutMinutes: 60,
};

describe('reply-to-relay', () => {
  it('sends an admin’s reply to the alert’s customer, logs it as staff, pauses the bot and forwards what follows', async () => {
    shop = await openShop(db.connection, QUICK);
    const first = await shop.write(BUDI, 'halo kak');
    const alert = first.find(
      (message) => message.chatId === chatOf(ADMIN) && message.text.includes('Lead baru'),
    );
    expect(alert).toBeDefined();

    const relayed = await shop.write(ADMIN, 'Halo kak, ada yang bisa dibantu?', {
      quote: alert!.id,
      id: 'WA-ADMIN-1',
    });
    expect(onlyReply(relayed, BUDI)).toBe('Halo kak, ada yang bisa dibantu?');
    expect(onlyReply(relayed, ADMIN)).toContain('Terkirim ke +6281234567890');
    // In the customer's thread, as staff.
    const thread = await messageModel(db.connection)
      .find({ chatId: chatOf(BUDI), author: 'staff' })
      .lean();
    expect(thread.map((message) => message.body)).toEqual(['Halo kak, ada yang bisa dibantu?']);
    const chat = await chatModel(db.connection)
      .findOne({ chatId: chatOf(BUDI) })
      .lean();
    expect(chat).toMatchObject({
      pauseReason: 'staff',
      pausedUntil: new Date(shop.clock.now().getTime() + 60 * 60_000),
    });

    // WhatsApp delivering the admin's reply twice sends it once.
    await shop.write(ADMIN, 'Halo kak, ada yang bisa dibantu?', { quote: alert!.id, id: 'WA-ADMIN-1' });
    expect(await outboxModel(db.connection).countDocuments({ chatId: chatOf(BUDI), origin: 'staff' })).toBe(
      1,
    );

    // The bot stays quiet there; the customer's next message reaches the admins, who can answer it.
    const next = await shop.write(BUDI, 'mau tanya harga hampers');
    expect(next.filter((message) => message.chatId === chatOf(BUDI))).toEqual([]);
    const forwarded = next.find((message) => message.chatId === chatOf(ADMIN));
    expect(forwarded?.text).toContain('mau tanya harga hampers');
    expect(next.some((message) => message.chatId === chatOf(OWNER))).toBe(true);
    const answer = await shop.write(ADMIN, 'Hampers 250rb kak', { quote: forwarded!.id });
    expect(onlyReply(answer, BUDI)).toBe('Hampers 250rb kak');
    // Inside a reply, words that happen to be commands go to the customer; a /command runs.
    const stok = await shop.write(ADMIN, 'stok hampers masih ada kak', { quote: forwarded!.id });
    expect(onlyReply(stok, BUDI)).toBe('stok hampers masih ada kak');
    const command = await shop.write(ADMIN, '/orders', { quote: forwarded!.id });
    expect(command.filter((message) => message.chatId === chatOf(BUDI))).toEqual([]);
    expect(onlyReply(command, ADMIN)).toContain('Pesanan aktif');
  });

  it('expands a quick reply with the customer’s name, open order total and the payment instructions', async () => {
    shop = await openShop(db.connection, QUICK);
    await placeOrder(db.connection, BUDI);
    await contactModel(db.connection).updateOne({ chatId: chatOf(BUDI) }, { $set: { pushName: 'Budi' } });
    const first = await shop.write(BUDI, 'admin dong');
    const alert = first.find(
      (message) => message.chatId === chatOf(OWNER) && message.text.includes('perlu dibantu'),
    );
    const relayed = await shop.write(OWNER, '/rek', { quote: alert!.id });
    expect(onlyReply(relayed, BUDI)).toBe(
      'Halo kak Budi, totalnya Rp300.000. Transfer ke BCA 1234567890 a.n. Toko Mawar ya 🙏',
    );

    const unknown = await shop.write(OWNER, '/diskon', { quote: alert!.id });
    expect(unknown.filter((message) => message.chatId === chatOf(BUDI))).toEqual([]);
    expect(onlyReply(unknown, OWNER)).toContain('Balasan cepat /diskon tidak ada');
    expect(onlyReply(unknown, OWNER)).toContain('/rek');
  });

  it('never treats a staff number’s plain chat as a customer', async () => {
    shop = await openShop(db.connection);
    const sent = await shop.write(ADMIN, 'halo, pesan 2 buket mawar dong');
    expect(onlyReply(sent, ADMIN)).toContain('tidak dikenal');
    expect(await contactModel(db.connection).countDocuments({ chatId: chatOf(ADMIN) })).toBe(0);
    expect(sent).toHaveLength(1);
  });

  it('answers a quote of something that is not a customer alert as a command', async () => {
    shop = await openShop(db.connection);
    const help = await shop.write(ADMIN, 'help');
    const sent = await shop.write(ADMIN, 'orders', { quote: help[0]!.id });
    expect(onlyReply(sent, ADMIN)).toContain('Pesanan aktif');
  });
});
