import type { Connection } from 'mongoose';
import { productModel } from '../../../domain/catalog/product.model.js';
import { contactForPhone } from '../../../domain/contacts/contact.use-case.js';
import { chatIdOfPhone, type PhoneNumber, parsePhone } from '../../../domain/contacts/phone.js';
import { ALL_MODELS } from '../../../domain/models.js';
import { createOrder } from '../../../domain/orders/order.use-case.js';
import { outboxModel } from '../../../domain/outbox/outbox.model.js';
import { DEFAULT_SEND_POLICY } from '../../../domain/outbox/outbox.rules.js';
import { ManualClock } from '../../../domain/platform/clock.js';
import { parseConfig } from '../../../domain/platform/config.js';
import { updateSettings } from '../../../domain/settings/settings.use-case.js';
import type { UserRole } from '../../../domain/users/user.model.js';
import { createUser, type StaffUser } from '../../../domain/users/user.use-case.js';
import { type Bot, buildBot } from '../../bot.js';
import { botFeatures } from '../../features.js';
import { silentLog } from '../../testing/fixtures.js';
import { SimulatorTransport } from '../../transport/simulator/simulator-transport.js';

/** Monday 23 November 2026, 10:00 in Jakarta. */
export const START = new Date('2026-11-23T03:00:00Z');
export const ZONE = 'Asia/Jakarta';
export const BASE_URL = 'https://toko.test';
export const OWNER = '081298765432';
export const ADMIN = '081311112222';
export const MANAGER = '081399998888';
export const BUDI = '081234567890';
export const actor = { kind: 'system' as const, name: 'test' };

export const phoneOf = (text: string): PhoneNumber => {
  const parsed = parsePhone(text);
  if (!parsed.ok) throw new Error(parsed.details);
  return parsed.phone;
};
export const chatOf = (text: string): string => chatIdOfPhone(phoneOf(text));

/** A running bot on the simulator with the real features, a hand-moved clock and instant sends. */
export interface Shop {
  bot: Bot;
  transport: SimulatorTransport;
  clock: ManualClock;
  users: Record<'owner' | 'admin' | 'manager', StaffUser>;
  /** Someone writes to the shop; resolves once every reply is sent. Returns the texts sent meanwhile, by chat. */
  write(from: string, body: string, options?: { quote?: string; id?: string }): Promise<Sent[]>;
  /** What the bot sent to one number, oldest first. */
  sentTo(phone: string): Sent[];
  stop(): Promise<void>;
}

export interface Sent {
  id: string;
  chatId: string;
  text: string;
}

/** Empty the database, set up the shop (catalog, settings, three staff) and start the bot. */
export async function openShop(
  connection: Connection,
  settings: Record<string, unknown> = {},
): Promise<Shop> {
  for (const model of ALL_MODELS)
    await connection.collection(model(connection).collection.name).deleteMany({});
  const clock = new ManualClock(START);
  const patched = await updateSettings(
    connection,
    { publicBaseUrl: BASE_URL, shopName: 'Toko Mawar', timeZone: ZONE, ...settings },
    { actor, at: START },
  );
  if (!patched.ok) throw new Error(patched.details);
  await productModel(connection).create([
    {
      sku: 'mawar',
      name: 'Buket Mawar Merah',
      aliases: ['buket mawar', 'mawar'],
      price: 150_000,
      active: true,
      createdAt: START,
    },
    {
      sku: 'hampers',
      name: 'Hampers Lebaran',
      aliases: ['hampers'],
      price: 250_000,
      active: true,
      createdAt: START,
    },
  ]);
  const user = async (name: string, login: string, role: UserRole, whatsapp: string) => {
    const result = await createUser(connection, { name, login, role, whatsapp }, { actor, at: START });
    if (!result.ok) throw new Error(result.details);
    return result.user;
  };
  const users = {
    owner: await user('Sari', 'sari', 'owner', OWNER),
    admin: await user('Dewi', 'dewi', 'admin', ADMIN),
    manager: await user('Rudi', 'rudi', 'manager', MANAGER),
  };
  const transport = new SimulatorTransport();
  const bot = buildBot({
    connection,
    transport,
    log: silentLog,
    config: { ...parseConfig({}), dataDir: '/tmp/pesanin-admin-test' },
    handlers: botFeatures(),
    sendPolicy: { ...DEFAULT_SEND_POLICY, perChatGapMs: 0, jitterMs: 0, perMinute: 1_000_000 },
    outboxPollMs: 10,
    clock,
  });
  await bot.start();
  const settle = async () => {
    await bot.inbox.idle();
    while ((await outboxModel(connection).countDocuments({ state: { $in: ['pending', 'sending'] } })) > 0) {
      bot.sender.wake();
      await bot.sender.idle();
    }
  };
  const sent = (): Sent[] => transport.sent.map(({ id, chatId, text }) => ({ id, chatId, text }));
  return {
    bot,
    transport,
    clock,
    users,
    async write(from, body, options = {}) {
      const before = transport.sent.length;
      clock.advance(1000);
      await bot.inbox.receive(
        transport.receive({
          chatId: chatOf(from),
          body,
          timestamp: clock.now(),
          ...(options.quote && { quotedMessageId: options.quote }),
          ...(options.id && { id: options.id }),
        }),
      );
      await settle();
      return sent().slice(before);
    },
    sentTo: (phone) => sent().filter((message) => message.chatId === chatOf(phone)),
    stop: () => bot.stop(),
  };
}

/** A catalog order for a customer, created directly (pending). */
export async function placeOrder(
  connection: Connection,
  phone: string,
  items: { sku: string; qty: number }[] = [{ sku: 'mawar', qty: 2 }],
  name = 'Budi',
) {
  const { contact } = await contactForPhone(connection, { phone: phoneOf(phone), name, at: START, actor });
  const result = await createOrder(
    connection,
    {
      kind: 'catalog',
      contactId: contact._id,
      chatId: contact.chatId,
      customerName: name,
      items,
      source: 'console',
    },
    { actor, at: START, timeZone: ZONE },
  );
  if (!result.ok) throw new Error(result.details);
  return result.order;
}

/** The only reply in `sent` to `phone`, failing loudly when there is not exactly one. */
export function onlyReply(sent: Sent[], phone: string): string {
  const replies = sent.filter((message) => message.chatId === chatOf(phone));
  if (replies.length !== 1) throw new Error(`expected one reply to ${phone}, got ${JSON.stringify(replies)}`);
  return replies[0]!.text;
}
