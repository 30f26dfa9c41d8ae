import { describe, expect, it } from 'vitest';
import { productModel } from '../../domain/catalog/product.model.js';
import { messageModel } from '../../domain/messages/message.model.js';
import { orderModel } from '../../domain/orders/order.model.js';
import { outboxModel } from '../../domain/outbox/outbox.model.js';
import { parseConfig } from '../../domain/platform/config.js';
import { useTestDatabase } from '../../domain/platform/testing/database.js';
import { buildBot } from '../bot.js';
import { botFeatures } from '../features.js';
import { silentLog } from '../testing/fixtures.js';
import { SimulatorTransport } from '../transport/simulator/simulator-transport.js';

const db = useTestDatabase();
const chatId = '6281234567890@c.us';

describe('the confirming message', () => {
  it('creates one order when WhatsApp delivers it twice, and again when it is processed twice after a crash', async () => {
    await productModel(db.connection).create({
      sku: 'hampers',
      name: 'Hampers Lebaran',
      aliases: ['hampers'],
      price: 250000,
      active: true,
      createdAt: new Date(),
    });
    const transport = new SimulatorTransport();
    const config = { ...parseConfig({}), dataDir: '/tmp/pesanin-duplicate-test' };
    const bot = buildBot({
      connection: db.connection,
      transport,
      log: silentLog,
      config,
      handlers: botFeatures(),
    });
    await bot.inbox.receive(transport.receive({ chatId, body: 'pesan 1 hampers' }));
    await bot.inbox.idle();
    const confirm = transport.receive({ chatId, body: 'ya', id: 'WA-CONFIRM' });
    await Promise.all([bot.inbox.receive(confirm), bot.inbox.receive({ ...confirm })]);
    await bot.inbox.idle();
    expect(await orderModel(db.connection).countDocuments()).toBe(1);

    // A crash after the order was created but before the message was marked done: processed again.
    await messageModel(db.connection).updateOne(
      { waId: 'WA-CONFIRM' },
      { $set: { 'processing.state': 'processing' } },
    );
    const restarted = buildBot({
      connection: db.connection,
      transport,
      log: silentLog,
      config,
      handlers: botFeatures(),
    });
    expect(await restarted.inbox.recover()).toBe(1);
    await restarted.inbox.idle();
    expect(await orderModel(db.connection).countDocuments()).toBe(1);
    // Texts are encrypted at rest: they are compared once read back.
    const queued = await outboxModel(db.connection).find({ chatId }).lean();
    expect(queued.filter((item) => /ORD-\d{6}-0001/.test(item.text))).toHaveLength(1);
  });
});
