import { describe, expect, it } from 'vitest';
import { productModel } from '../../domain/catalog/product.model.js';
import { leadModel } from '../../domain/leads/lead.model.js';
import { orderModel } from '../../domain/orders/order.model.js';
import { paymentModel } from '../../domain/payments/payment.model.js';
import { parseConfig } from '../../domain/platform/config.js';
import { useTestDatabase } from '../../domain/platform/testing/database.js';
import { useTempDirs } from '../../domain/platform/testing/temp-dir.js';
import { updateSettings } from '../../domain/settings/settings.use-case.js';
import { userModel } from '../../domain/users/user.model.js';
import { createUser } from '../../domain/users/user.use-case.js';
import { buildBot } from '../bot.js';
import { botFeatures } from '../features.js';
import type { Handler } from '../inbox/compose.js';
import { queuedTexts, silentLog } from '../testing/fixtures.js';
import { SimulatorTransport } from '../transport/simulator/simulator-transport.js';

/**
 * Issue 10 (kill -9 soak): the bot killed while a message is half handled processes it again on the
 * next start, and the customer still gets every reply of it exactly once. The kill is a reply that
 * never returns: the first run stops there, as a process killed at that instant would.
 */
const db = useTestDatabase();
const tempDir = useTempDirs();
const chatId = '6281234567890@c.us';

/** A bot that hangs forever when it is about to queue a reply or alert `killWhen` picks; none when left out. */
function botKilledAt(transport: SimulatorTransport, killWhen?: (text: string) => boolean) {
  const kill: Handler = async (context, next) => {
    const { reply, notify } = context;
    const hang = () => new Promise<void>(() => {});
    context.reply = async (text, options) => (killWhen?.(text) ? hang() : reply(text, options));
    context.notify = async (chatId, text, key, options) =>
      killWhen?.(text) ? hang() : notify(chatId, text, key, options);
    await next();
  };
  return buildBot({
    connection: db.connection,
    transport,
    log: silentLog,
    config: { ...parseConfig({}), dataDir: tempDir('killed-mid-message') },
    handlers: [kill, ...botFeatures()],
  });
}

const textsTo = async (chat: string) =>
  (await queuedTexts(db.connection)).filter((item) => item.chatId === chat).map((item) => item.text);

describe('a message whose handling was cut short by a kill', () => {
  it('still confirms the order once when the kill came before the confirmation was queued', async () => {
    await productModel(db.connection).create({
      sku: 'hampers',
      name: 'Hampers Lebaran',
      aliases: ['hampers'],
      price: 250000,
      active: true,
      createdAt: new Date(),
    });
    await updateSettings(
      db.connection,
      {
        businessHours: Object.fromEntries(
          [0, 1, 2, 3, 4, 5, 6].map((day) => [day, { open: '00:00', close: '24:00' }]),
        ),
      },
      { actor: { kind: 'system' }, at: new Date() },
    );
    const transport = new SimulatorTransport();
    const first = botKilledAt(transport, (text) => text.includes('sudah kami terima'));
    await first.inbox.receive(transport.receive({ chatId, body: 'pesan 1 hampers' }));
    await first.inbox.receive(transport.receive({ chatId, body: 'ya', id: 'WA-YA' }));
    // The first run hangs at the confirmation; give it time to get there.
    await expect.poll(async () => orderModel(db.connection).countDocuments(), { timeout: 5_000 }).toBe(1);

    const restarted = botKilledAt(transport);
    expect(await restarted.inbox.recover()).toBe(1);
    await restarted.inbox.idle();
    expect(await orderModel(db.connection).countDocuments()).toBe(1);
    const confirmations = (await textsTo(chatId)).filter((text) => /Pesanan \*ORD-\d{6}-0001\*/.test(text));
    expect(confirmations).toHaveLength(1);
  });

  it('still answers the first message out of hours when the kill came right after the away message', async () => {
    // Closed every day: the first message gets the away message, then its answer.
    await updateSettings(
      db.connection,
      { businessHours: Object.fromEntries([0, 1, 2, 3, 4, 5, 6].map((day) => [day, null])) },
      { actor: { kind: 'system' }, at: new Date() },
    );
    const other = '6281234567891@c.us';
    const transport = new SimulatorTransport();
    const first = botKilledAt(transport, (text) => text.includes('Selamat datang'));
    await first.inbox.receive(transport.receive({ chatId: other, body: 'halo kak', id: 'WA-HALO' }));
    await expect.poll(async () => (await textsTo(other)).length, { timeout: 5_000 }).toBe(1);

    const restarted = botKilledAt(transport);
    expect(await restarted.inbox.recover()).toBe(1);
    await restarted.inbox.idle();
    const texts = await textsTo(other);
    expect(texts.filter((text) => text.includes('sedang tutup'))).toHaveLength(1);
    expect(texts.filter((text) => text.includes('Selamat datang'))).toHaveLength(1);
  });

  it('still opens the lead and alerts the team when the kill came before the new-lead alert', async () => {
    await allDayOpen();
    await admin();
    const customer = '6281234567892@c.us';
    const transport = new SimulatorTransport();
    const leads = await leadModel(db.connection).countDocuments();
    const first = botKilledAt(transport, (text) => text.startsWith('👤 Lead baru'));
    await first.inbox.receive(transport.receive({ chatId: customer, body: 'halo kak', id: 'WA-NEW' }));
    await expect
      .poll(async () => leadModel(db.connection).countDocuments(), { timeout: 5_000 })
      .toBe(leads + 1);

    const restarted = botKilledAt(transport);
    expect(await restarted.inbox.recover()).toBe(1);
    await restarted.inbox.idle();
    expect(await leadModel(db.connection).countDocuments()).toBe(leads + 1);
    expect((await textsTo(ADMIN_CHAT)).filter((text) => text.startsWith('👤 Lead baru'))).toHaveLength(1);
  });

  it('still alerts the team of a payment proof when the kill came before that alert', async () => {
    await allDayOpen();
    await admin();
    const customer = '6281234567893@c.us';
    const transport = new SimulatorTransport();
    const first = botKilledAt(transport, (text) => text.startsWith('💳 Bukti bayar'));
    await first.inbox.receive(transport.receive({ chatId: customer, body: 'pesan 1 hampers' }));
    await first.inbox.receive(transport.receive({ chatId: customer, body: 'ya' }));
    await first.inbox.receive(
      transport.receive({ chatId: customer, body: 'sudah transfer kak', id: 'WA-PAID' }),
    );
    await expect.poll(async () => paymentModel(db.connection).countDocuments(), { timeout: 5_000 }).toBe(1);

    const restarted = botKilledAt(transport);
    expect(await restarted.inbox.recover()).toBe(1);
    await restarted.inbox.idle();
    expect(await paymentModel(db.connection).countDocuments()).toBe(1);
    expect((await textsTo(ADMIN_CHAT)).filter((text) => text.startsWith('💳 Bukti bayar'))).toHaveLength(1);
  });
});

const ADMIN_CHAT = '6281299990000@c.us';

async function allDayOpen() {
  const day = { open: '00:00', close: '24:00' };
  await updateSettings(
    db.connection,
    { businessHours: Object.fromEntries([0, 1, 2, 3, 4, 5, 6].map((weekday) => [weekday, day])) },
    { actor: { kind: 'system' }, at: new Date() },
  );
}

/** A staff member with WhatsApp: alerts go to ADMIN_CHAT. */
async function admin() {
  if (await userModel(db.connection).exists({ login: 'sari' })) return;
  const result = await createUser(
    db.connection,
    { name: 'Sari', role: 'admin', login: 'sari', whatsapp: '+6281299990000' },
    { actor: { kind: 'system' }, at: new Date() },
  );
  if (!result.ok) throw new Error(result.details);
}
