import type { Connection } from 'mongoose';
import { outboxModel } from '../../domain/outbox/outbox.model.js';
import { DEFAULT_SEND_POLICY } from '../../domain/outbox/outbox.rules.js';
import { parseConfig } from '../../domain/platform/config.js';
import { createLogger } from '../../domain/platform/logger.js';
import { buildBot } from '../bot.js';
import { botFeatures } from '../features.js';
import { SimulatorTransport } from '../transport/simulator/simulator-transport.js';

/** A logger that keeps tests quiet. */
export const silentLog = createLogger({ env: 'test', logLevel: 'silent' }, 'test');

/** The outbox's texts per chat, oldest first — what the customer would eventually receive. */
export async function queuedTexts(
  connection: Connection,
): Promise<{ key: string; chatId: string; text: string }[]> {
  return outboxModel(connection)
    .find({}, { _id: 0, key: 1, chatId: 1, text: 1 })
    .sort({ createdAt: 1, _id: 1 })
    .lean<{ key: string; chatId: string; text: string }[]>();
}

/**
 * The real bot on the simulator transport against a test database, sending at once (no gaps or
 * per-minute cap), and `drain()` to wait until every message is handled and every reply sent.
 */
export async function simulatorBot(connection: Connection, dataDir: string) {
  const transport = new SimulatorTransport();
  const bot = buildBot({
    connection,
    transport,
    log: silentLog,
    config: { ...parseConfig({}), dataDir },
    handlers: botFeatures(),
    sendPolicy: { ...DEFAULT_SEND_POLICY, perChatGapMs: 0, jitterMs: 0, perMinute: 1_000_000 },
    outboxPollMs: 20,
  });
  await bot.start();
  const drain = async () => {
    await bot.inbox.idle();
    while ((await outboxModel(connection).countDocuments({ state: { $in: ['pending', 'sending'] } })) > 0) {
      bot.sender.wake();
      await bot.sender.idle();
    }
  };
  return { bot, transport, drain };
}
